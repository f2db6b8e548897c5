//! The learning paths, compiled in from `content/` by `build.rs`, and the figures derived
//! from them: totals, hour estimates and a learner's completion (`tally`). Shared by the shell
//! and the study module, so both read one curriculum the same way.

mod decode;
#[cfg(test)]
mod faithful;
pub mod model;
pub mod search;
pub mod tally;
pub mod visualizers;

pub use model::*;

thread_local! {
    /// The decoded curriculum: first without the prose (unless compiled in), then with it once
    /// [`install_prose`] has it. One per thread, decoded on first use.
    static PATHS: std::cell::Cell<Option<(&'static [Path], bool)>> = const { std::cell::Cell::new(None) };
}

/// Every learning path, in catalogue order; decoded from the compiled content on first use.
pub fn paths() -> &'static [Path] {
    current().0
}

fn current() -> (&'static [Path], bool) {
    PATHS.with(|cell| match cell.get() {
        Some(decoded) => decoded,
        None => {
            #[cfg(any(test, feature = "prose"))]
            let decoded = (decode::decode(Some(decode::compiled_prose::PROSE)), true);
            #[cfg(not(any(test, feature = "prose")))]
            let decoded = (decode::decode(None), false);
            cell.set(Some(decoded));
            decoded
        }
    })
}

/// Whether the prose (summaries, objectives, notes, checkpoint lines, …) is in [`paths`]. The
/// shell's path and week pages wait for it; the home page and every tally do not need it.
pub fn has_prose() -> bool {
    current().1
}

/// The prose is not this build's (the site was updated since this page loaded).
#[derive(Debug, PartialEq, Eq)]
pub struct ForeignProse;

/// Decodes the curriculum again with `prose` (the text of `curriculum-prose.txt`), after
/// checking it is this build's own. The earlier decode is left as it was (a few kilobytes).
pub fn install_prose(prose: String) -> Result<(), ForeignProse> {
    let check = prose.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    if prose.len() != decode::PROSE_LEN || check != decode::PROSE_CHECK {
        return Err(ForeignProse);
    }
    if has_prose() {
        return Ok(()); // a second page asked while the first fetch was on its way
    }
    let decoded = decode::decode(Some(prose.leak()));
    PATHS.with(|cell| cell.set(Some((decoded, true))));
    Ok(())
}

pub fn find_path(id: &str) -> Option<&'static Path> {
    paths().iter().find(|p| p.id == id)
}

impl Path {
    pub fn week(&self, id: &str) -> Option<(usize, &'static Week)> {
        self.weeks.iter().enumerate().find(|(_, w)| w.id == id)
    }

    /// The sum of the weeks' own hours, where every week gives them (the source's range; the
    /// hours Strata counts are `tally::path_minutes`).
    pub fn total_hours(&self) -> Option<Hours> {
        self.weeks.iter().try_fold(Hours { low: 0, high: 0 }, |acc, w| {
            w.hours.map(|h| Hours { low: acc.low + h.low, high: acc.high + h.high })
        })
    }

    pub fn item_count(&self) -> usize {
        self.weeks.iter().map(Week::item_count).sum()
    }

    pub fn phase_weeks(&self, phase: &Phase) -> &'static [Week] {
        &self.weeks[phase.first_week..phase.first_week + phase.week_count]
    }
}

impl Week {
    pub fn items(&self) -> impl Iterator<Item = &'static Item> {
        self.groups.iter().flat_map(|g| g.items.iter())
    }

    pub fn item_count(&self) -> usize {
        self.groups.iter().map(|g| g.items.len()).sum()
    }

    /// "Week 3" or "Weeks 3–4".
    pub fn label(&self) -> String {
        if self.start == self.end {
            format!("Week {}", self.start)
        } else {
            format!("Weeks {}–{}", self.start, self.end)
        }
    }

    pub fn span(&self) -> u16 {
        self.end - self.start + 1
    }
}

pub use strata_progress::hours::{decimal_hours, hours_text, tenths_text};

impl Hours {
    /// "20–25 h", "1.5 h", "45 min".
    pub fn label(self) -> String {
        if self.low == self.high {
            hours_text(self.low.into())
        } else {
            format!("{}–{} h", decimal_hours(self.low.into()), decimal_hours(self.high.into()))
        }
    }
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::Beginner => "Beginner",
            Level::Intermediate => "Intermediate",
            Level::Advanced => "Advanced",
            Level::Expert => "Expert",
        }
    }
}

impl ItemKind {
    pub fn label(self) -> &'static str {
        match self {
            ItemKind::Topic => "Topic",
            ItemKind::Lab => "Lab",
            ItemKind::Project => "Project",
            ItemKind::CaseStudy => "Case study",
            ItemKind::Reading => "Reading",
        }
    }
}

impl ReadingKind {
    pub fn label(self) -> &'static str {
        match self {
            ReadingKind::Book => "Book",
            ReadingKind::Paper => "Paper",
            ReadingKind::Course => "Course",
            ReadingKind::Article => "Article",
            ReadingKind::Video => "Video",
            ReadingKind::Docs => "Docs",
            ReadingKind::Podcast => "Podcast",
        }
    }
}

/// Which visualizer a tag belongs to (see `visualizers::VISUALIZERS` for those that exist).
#[cfg_attr(not(test), allow(dead_code))] // LsmTree and HashRing get visualizers in later issues
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Structure {
    BTree,
    LsmTree,
    HashRing,
}

impl Tag {
    /// The content vocabulary word (`bloom-filter`): a stable hook for styling and links.
    pub fn slug(self) -> &'static str {
        match self {
            Tag::Btree => "btree",
            Tag::Indexing => "indexing",
            Tag::Lsm => "lsm",
            Tag::Sstable => "sstable",
            Tag::Compaction => "compaction",
            Tag::BloomFilter => "bloom-filter",
            Tag::ConsistentHashing => "consistent-hashing",
            Tag::Sharding => "sharding",
            Tag::Partitioning => "partitioning",
            Tag::Replication => "replication",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Tag::Btree => "B-tree",
            Tag::Indexing => "Indexing",
            Tag::Lsm => "LSM tree",
            Tag::Sstable => "SSTable",
            Tag::Compaction => "Compaction",
            Tag::BloomFilter => "Bloom filter",
            Tag::ConsistentHashing => "Consistent hashing",
            Tag::Sharding => "Sharding",
            Tag::Partitioning => "Partitioning",
            Tag::Replication => "Replication",
        }
    }

    pub fn structure(self) -> Structure {
        match self {
            Tag::Btree | Tag::Indexing => Structure::BTree,
            Tag::Lsm | Tag::Sstable | Tag::Compaction | Tag::BloomFilter => Structure::LsmTree,
            Tag::ConsistentHashing | Tag::Sharding | Tag::Partitioning | Tag::Replication => Structure::HashRing,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_the_prose_the_structure_is_whole_and_the_prose_reads_empty() {
        let bare = decode::decode(None);
        let full = paths();
        assert_eq!(bare.len(), full.len());
        for (b, f) in bare.iter().zip(full) {
            assert_eq!((b.id, b.title, b.summary, b.item_count()), (f.id, f.title, f.summary, f.item_count()));
            for (bw, fw) in b.weeks.iter().zip(f.weeks) {
                assert_eq!((bw.id, bw.title, bw.hours, bw.objectives.len()), (fw.id, fw.title, fw.hours, fw.objectives.len()));
                assert_eq!(bw.summary, "");
                assert!(bw.objectives.iter().all(|o| o.is_empty()));
                let lines = |w: &Week| w.checkpoint.as_ref().map(|c| c.validation.len());
                assert_eq!(lines(bw), lines(fw), "tallies count checkpoint lines without their text");
                for (bi, fi) in bw.items().zip(fw.items()) {
                    assert_eq!((bi.id, bi.hours, bi.tags), (fi.id, fi.hours, fi.tags));
                    assert_eq!(bi.title, "", "item titles are prose");
                }
                assert!(bw.groups.iter().all(|g| g.title.is_empty()), "group titles are prose");
            }
        }
        assert!(bare.iter().flat_map(|p| p.readings).all(|r| r.title.is_empty()), "reading titles are prose");
        assert!(full.iter().flat_map(|p| p.weeks).all(|w| !w.summary.is_empty()), "the full decode has the prose");
        assert!(full.iter().flat_map(|p| p.weeks).flat_map(|w| w.items()).all(|i| !i.title.is_empty()), "and the titles");
    }

    #[test]
    fn prose_from_another_build_is_refused() {
        let own = decode::compiled_prose::PROSE;
        assert_eq!(install_prose(format!("{own} ")), Err(ForeignProse));
        let mut changed = own.to_string();
        changed.replace_range(0..1, if own.starts_with('x') { "y" } else { "x" });
        assert_eq!(install_prose(changed), Err(ForeignProse));
        assert_eq!(install_prose(own.to_string()), Ok(()));
        assert!(has_prose());
    }

    #[test]
    fn all_five_paths_are_compiled_in_with_their_durations() {
        let durations: Vec<(&str, u16)> = paths().iter().map(|p| (p.id, p.duration_weeks)).collect();
        assert_eq!(
            durations,
            [
                ("data-intensive-systems", 12),
                ("data-engineer", 10),
                ("data-platform-architect", 14),
                ("data-engineering-mastery-plan", 12),
                ("data-engineer-complete-mastery", 40),
            ]
        );
    }

    #[test]
    fn weeks_tile_each_path_and_phases_index_them() {
        for path in paths() {
            let mut next = 1;
            for w in path.weeks {
                assert_eq!(w.start, next, "{}/{}", path.id, w.id);
                next = w.end + 1;
            }
            assert_eq!(next - 1, path.duration_weeks, "{}", path.id);
            let covered: usize = path.phases.iter().map(|p| p.week_count).sum();
            assert_eq!(covered, path.weeks.len(), "{}", path.id);
            for (i, phase) in path.phases.iter().enumerate() {
                assert!(path.phase_weeks(phase).iter().all(|w| w.phase == i));
            }
        }
    }

    #[test]
    fn every_structure_has_tagged_items_to_link_from() {
        for structure in [Structure::BTree, Structure::LsmTree, Structure::HashRing] {
            let tagged = paths()
                .iter()
                .flat_map(|p| p.weeks.iter())
                .flat_map(|w| w.items())
                .filter(|i| i.tags.iter().any(|t| t.structure() == structure))
                .count();
            assert!(tagged >= 3, "{structure:?} has only {tagged} tagged items");
        }
    }

    #[test]
    fn decoded_vocabularies_match_the_content_compiler() {
        let tags: Vec<&str> = decode::TAGS.iter().map(|t| t.slug()).collect();
        assert_eq!(tags, decode::TAG_WORDS);
        let kinds: Vec<String> = [ItemKind::Topic, ItemKind::Lab, ItemKind::Project, ItemKind::CaseStudy, ItemKind::Reading]
            .iter()
            .map(|k| k.label().to_lowercase().replace(' ', "-"))
            .collect();
        assert_eq!(kinds, decode::ITEM_KIND_WORDS);
        assert_eq!(decode::LEVEL_WORDS, ["beginner", "intermediate", "advanced", "expert"]);
        assert_eq!(decode::READING_KIND_WORDS, ["book", "paper", "course", "article", "video", "docs", "podcast"]);
    }

    #[test]
    fn decoding_reads_the_whole_compiled_content() {
        // Spot-check facts straight from content/data-intensive-systems.toml.
        let dis = find_path("data-intensive-systems").unwrap();
        assert_eq!(dis.title, "Data-Intensive Systems");
        assert_eq!(dis.level, Level::Advanced);
        assert_eq!(dis.weekly_hours, Hours { low: 1080, high: 1500 });
        let (_, w1) = dis.week("w01").unwrap();
        assert_eq!(w1.title, "Storage Engines and Data Models");
        assert_eq!(w1.hours, Some(Hours { low: 1200, high: 1500 }));
        assert!(w1.items().any(|i| i.title == "LSM-tree storage" && i.tags.contains(&Tag::Lsm)));
        assert_eq!(dis.assessment.map(|a| a.domains.len()), Some(5));
        let last = find_path("data-engineer-complete-mastery").unwrap().weeks.last().unwrap();
        assert_eq!((last.start, last.end), (40, 40));
    }

    #[test]
    fn hours_labels() {
        assert_eq!(Hours { low: 1200, high: 1500 }.label(), "20–25 h");
        assert_eq!(Hours { low: 90, high: 90 }.label(), "1.5 h");
        assert_eq!(Hours { low: 45, high: 45 }.label(), "45 min");
        assert_eq!(Hours { low: 1350, high: 1800 }.label(), "22.5–30 h");
    }
}
