//! Rebuilds the curriculum from the compact form `crates/content/src/codegen.rs` writes:
//! `SHAPE` (LEB128 numbers) says how to cut `TEXT` into strings and how they nest. Runs once,
//! on first use; strings are slices of `TEXT`, so nothing is copied.
//!
//! The read order must match the write order in codegen.rs.
//!
//! The prose comes from `PROSE` when it is compiled in (the `prose` feature), from the shell's
//! fetched copy, or not at all: then every prose string reads as empty, with the right counts
//! (a checkpoint still has its number of lines), which is all the home page and the tallies use.

use super::model::*;

// The vocabulary lists are only read by tests, which check the decoder's enums against them.
#[cfg_attr(not(test), allow(dead_code))]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/curriculum.rs"));
}
#[cfg(test)]
pub use generated::{ITEM_KIND_WORDS, LEVEL_WORDS, READING_KIND_WORDS, TAG_WORDS};
pub use generated::{PROSE_CHECK, PROSE_LEN};

#[cfg(any(test, feature = "prose"))]
pub mod compiled_prose {
    include!(concat!(env!("OUT_DIR"), "/curriculum-prose.rs"));
}

const LEVELS: [Level; 4] = [Level::Beginner, Level::Intermediate, Level::Advanced, Level::Expert];
const ITEM_KINDS: [ItemKind; 5] = [ItemKind::Topic, ItemKind::Lab, ItemKind::Project, ItemKind::CaseStudy, ItemKind::Reading];
const READING_KINDS: [ReadingKind; 7] = [
    ReadingKind::Book,
    ReadingKind::Paper,
    ReadingKind::Course,
    ReadingKind::Article,
    ReadingKind::Video,
    ReadingKind::Docs,
    ReadingKind::Podcast,
];
pub const TAGS: [Tag; 10] = [
    Tag::Btree,
    Tag::Indexing,
    Tag::Lsm,
    Tag::Sstable,
    Tag::Compaction,
    Tag::BloomFilter,
    Tag::ConsistentHashing,
    Tag::Sharding,
    Tag::Partitioning,
    Tag::Replication,
];

/// `prose` must be the build's own (checked by the caller against `PROSE_CHECK`), or `None`.
pub fn decode(prose: Option<&'static str>) -> &'static [Path] {
    let mut r = Reader { shape: generated::SHAPE, at: 0, text: generated::TEXT, text_at: 0, prose, prose_at: 0, in_prose: false };
    let paths = r.list(Reader::path);
    debug_assert_eq!((r.at, r.text_at, r.prose_at), (generated::SHAPE.len(), generated::TEXT.len(), PROSE_LEN));
    paths
}

struct Reader {
    shape: &'static [u8],
    at: usize,
    text: &'static str,
    text_at: usize,
    prose: Option<&'static str>,
    prose_at: usize,
    /// Strings come from the prose while set (the order codegen.rs wrote them in).
    in_prose: bool,
}

impl Reader {
    fn uint(&mut self) -> usize {
        let mut n = 0;
        let mut shift = 0;
        loop {
            let byte = self.shape[self.at];
            self.at += 1;
            n |= ((byte & 0x7f) as usize) << shift;
            if byte < 0x80 {
                return n;
            }
            shift += 7;
        }
    }

    fn take(&mut self, len: usize) -> &'static str {
        if self.in_prose {
            let start = self.prose_at;
            self.prose_at += len;
            return self.prose.map_or("", |p| &p[start..start + len]);
        }
        let s = &self.text[self.text_at..self.text_at + len];
        self.text_at += len;
        s
    }

    /// Reads what `read` reads from the prose.
    fn prose<T>(&mut self, read: impl FnOnce(&mut Self) -> T) -> T {
        self.in_prose = true;
        let value = read(self);
        self.in_prose = false;
        value
    }

    fn str(&mut self) -> &'static str {
        let len = self.uint();
        self.take(len)
    }

    fn opt_str(&mut self) -> Option<&'static str> {
        match self.uint() {
            0 => None,
            n => Some(self.take(n - 1)),
        }
    }

    fn flag(&mut self) -> bool {
        self.uint() != 0
    }

    fn u16(&mut self) -> u16 {
        self.uint() as u16
    }

    fn hours(&mut self) -> Option<Hours> {
        match self.uint() {
            0 => None,
            low => Some(Hours { low: (low - 1) as u16, high: self.u16() }),
        }
    }

    /// A count, then that many elements, leaked into a `'static` slice (built once per run).
    fn list<T>(&mut self, mut element: impl FnMut(&mut Self) -> T) -> &'static [T] {
        let n = self.uint();
        let items: Vec<T> = (0..n).map(|_| element(self)).collect();
        items.leak()
    }

    fn strs(&mut self) -> &'static [&'static str] {
        self.list(Reader::str)
    }

    fn path(&mut self) -> Path {
        Path {
            id: self.str(),
            title: self.str(),
            level: LEVELS[self.uint()],
            duration_weeks: self.u16(),
            weekly_hours: self.hours().unwrap_or(Hours { low: 0, high: 0 }),
            summary: self.str(),
            essential_question: self.opt_str(),
            prerequisites: self.strs(),
            outcomes: self.strs(),
            readings: self.list(|r| Reading {
                id: r.str(),
                kind: READING_KINDS[r.uint()],
                title: r.prose(Reader::str),
                authors: r.prose(Reader::opt_str),
                year: r.uint().checked_sub(1).map(|y| y as u16),
                note: r.prose(Reader::opt_str),
                url: r.prose(Reader::opt_str),
                suggested: r.flag(),
            }),
            phases: self.list(|r| Phase {
                id: r.str(),
                title: r.str(),
                summary: r.prose(Reader::opt_str),
                first_week: r.uint(),
                week_count: r.uint(),
            }),
            weeks: self.list(Reader::week),
            assessment: match self.uint() {
                0 => None,
                _ => Some(Box::leak(Box::new(self.prose(|r| Assessment {
                    prompt: r.str(),
                    domains: r.list(|r| Domain { id: r.str(), title: r.str(), low: r.str(), mid: r.str(), high: r.str() }),
                    tracks: r.list(|r| Track { id: r.str(), title: r.str(), min_score: r.u16(), advice: r.str() }),
                })))),
            },
        }
    }

    fn week(&mut self) -> Week {
        Week {
            id: self.str(),
            start: self.u16(),
            end: self.u16(),
            phase: self.uint(),
            title: self.str(),
            hours: self.hours(),
            summary: self.prose(Reader::str),
            objectives: self.prose(Reader::strs),
            readings: self.list(Reader::uint),
            groups: self.list(Reader::group),
            checkpoint: match self.uint() {
                0 => None,
                _ => Some(Checkpoint {
                    id: self.str(),
                    title: self.str(),
                    validation: self.prose(Reader::strs),
                    assessment: self.prose(Reader::opt_str),
                    suggested: self.flag(),
                }),
            },
        }
    }

    fn item(&mut self) -> Item {
        Item {
            id: self.str(),
            kind: ITEM_KINDS[self.uint()],
            title: self.prose(Reader::str),
            hours: self.hours(),
            tags: self.list(|r| TAGS[r.uint()]),
            note: self.prose(Reader::opt_str),
            reading: self.uint().checked_sub(1),
            suggested: self.flag(),
        }
    }

    fn group(&mut self) -> Group {
        // Fields are evaluated in the order written, which is the order codegen.rs wrote them.
        Group { title: self.prose(Reader::str), hours: self.hours(), items: self.list(Reader::item), suggested: self.flag() }
    }
}
