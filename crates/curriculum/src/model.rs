//! The curriculum's types. `build.rs` compiles `content/*.toml` into `static` values of these
//! types (see `crates/content/src/codegen.rs`), so the app never parses content at run time.

/// Hours in whole minutes: content gives `"1.5"`, `"0.75"` or `"20-25"` (90, 45, 1200–1500).
/// Whole minutes keep a 45-minute session exact and float formatting out of the wasm bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hours {
    pub low: u16,
    pub high: u16,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Beginner,
    Intermediate,
    Advanced,
    Expert,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Topic,
    Lab,
    Project,
    CaseStudy,
    Reading,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadingKind {
    Book,
    Paper,
    Course,
    Article,
    Video,
    Docs,
    Podcast,
}

/// The vocabulary the visualizers link to (see `content/SCHEMA.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    Btree,
    Indexing,
    Lsm,
    Sstable,
    Compaction,
    BloomFilter,
    ConsistentHashing,
    Sharding,
    Partitioning,
    Replication,
}

#[derive(Debug)]
pub struct Path {
    pub id: &'static str,
    pub title: &'static str,
    pub level: Level,
    pub duration_weeks: u16,
    pub weekly_hours: Hours,
    pub summary: &'static str,
    pub essential_question: Option<&'static str>,
    pub prerequisites: &'static [&'static str],
    pub outcomes: &'static [&'static str],
    pub readings: &'static [Reading],
    pub phases: &'static [Phase],
    pub weeks: &'static [Week],
    pub assessment: Option<&'static Assessment>,
}

#[derive(Debug)]
pub struct Phase {
    pub id: &'static str,
    pub title: &'static str,
    pub summary: Option<&'static str>,
    /// Index into `Path::weeks` of this phase's first week; its weeks are contiguous.
    pub first_week: usize,
    pub week_count: usize,
}

#[derive(Debug)]
pub struct Week {
    pub id: &'static str,
    /// First and last calendar week covered (equal for a one-week entry).
    pub start: u16,
    pub end: u16,
    /// Index into `Path::phases`.
    pub phase: usize,
    pub title: &'static str,
    pub hours: Option<Hours>,
    pub summary: &'static str,
    pub objectives: &'static [&'static str],
    /// Indices into `Path::readings`.
    pub readings: &'static [usize],
    pub groups: &'static [Group],
    pub checkpoint: Option<Checkpoint>,
}

#[derive(Debug)]
pub struct Group {
    /// Prose: empty until the prose is in (see `crate::has_prose`).
    pub title: &'static str,
    pub hours: Option<Hours>,
    pub items: &'static [Item],
    /// Strata added this group: the path's source has no such list.
    pub suggested: bool,
}

#[derive(Debug)]
pub struct Item {
    pub id: &'static str,
    pub kind: ItemKind,
    /// Prose: empty until the prose is in (see `crate::has_prose`).
    pub title: &'static str,
    pub hours: Option<Hours>,
    pub tags: &'static [Tag],
    pub note: Option<&'static str>,
    /// Index into `Path::readings`, for items that are a reading assignment.
    pub reading: Option<usize>,
    /// Strata added this item: the path's source does not ask for it.
    pub suggested: bool,
}

#[derive(Debug)]
pub struct Checkpoint {
    pub id: &'static str,
    pub title: &'static str,
    pub validation: &'static [&'static str],
    pub assessment: Option<&'static str>,
    /// The validation list is Strata's own: the source gives none for this milestone.
    pub suggested: bool,
}

#[derive(Debug)]
pub struct Reading {
    pub id: &'static str,
    pub kind: ReadingKind,
    /// Prose: empty until the prose is in (see `crate::has_prose`).
    pub title: &'static str,
    pub authors: Option<&'static str>,
    pub year: Option<u16>,
    pub note: Option<&'static str>,
    /// The canonical https address (checked at build time); prose, so empty until it arrives.
    pub url: Option<&'static str>,
    /// Strata added this reading: the path's source does not name it.
    pub suggested: bool,
}

#[derive(Debug)]
pub struct Assessment {
    pub prompt: &'static str,
    pub domains: &'static [Domain],
    pub tracks: &'static [Track],
}

#[derive(Debug)]
pub struct Domain {
    pub id: &'static str,
    pub title: &'static str,
    pub low: &'static str,
    pub mid: &'static str,
    pub high: &'static str,
}

#[derive(Debug)]
pub struct Track {
    pub id: &'static str,
    pub title: &'static str,
    pub min_score: u16,
    pub advice: &'static str,
}
