//! The curriculum as written in `content/*.toml`: serde shapes that mirror `content/SCHEMA.md`.
//! Ids and cross-references keep their source span so a validation error can name the line.

use serde::Deserialize;
use toml::Spanned;

pub type Text = Spanned<String>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PathDoc {
    pub id: Text,
    pub title: Text,
    pub level: Text,
    pub duration_weeks: Spanned<u16>,
    pub weekly_hours: Text,
    pub summary: Text,
    #[serde(default)]
    pub essential_question: Option<Text>,
    #[serde(default)]
    pub prerequisites: Vec<Text>,
    #[serde(default)]
    pub outcomes: Vec<Text>,
    #[serde(default, rename = "reading")]
    pub readings: Vec<ReadingDoc>,
    #[serde(default, rename = "phase")]
    pub phases: Vec<PhaseDoc>,
    #[serde(default, rename = "week")]
    pub weeks: Vec<WeekDoc>,
    #[serde(default)]
    pub assessment: Option<AssessmentDoc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadingDoc {
    pub id: Text,
    pub kind: Text,
    pub title: Text,
    #[serde(default)]
    pub authors: Option<Text>,
    #[serde(default)]
    pub year: Option<Spanned<u16>>,
    #[serde(default)]
    pub note: Option<Text>,
    /// The work's canonical https address (publisher, author, DOI or course page).
    #[serde(default)]
    pub url: Option<Text>,
    /// Strata added this reading: the path's source does not name it.
    #[serde(default)]
    pub suggested: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhaseDoc {
    pub id: Text,
    pub title: Text,
    #[serde(default)]
    pub summary: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeekDoc {
    pub id: Text,
    pub start: Spanned<u16>,
    #[serde(default)]
    pub end: Option<Spanned<u16>>,
    pub phase: Text,
    pub title: Text,
    #[serde(default)]
    pub hours: Option<Text>,
    pub summary: Text,
    #[serde(default)]
    pub objectives: Vec<Text>,
    #[serde(default)]
    pub readings: Vec<Text>,
    #[serde(default, rename = "group")]
    pub groups: Vec<GroupDoc>,
    #[serde(default)]
    pub checkpoint: Option<CheckpointDoc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupDoc {
    pub title: Text,
    #[serde(default)]
    pub hours: Option<Text>,
    #[serde(default, rename = "item")]
    pub items: Vec<ItemDoc>,
    /// Strata added this group: the source has no such list.
    #[serde(default)]
    pub suggested: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemDoc {
    pub id: Text,
    pub kind: Text,
    pub title: Text,
    #[serde(default)]
    pub hours: Option<Text>,
    #[serde(default)]
    pub tags: Vec<Text>,
    #[serde(default)]
    pub note: Option<Text>,
    #[serde(default)]
    pub reading: Option<Text>,
    /// Strata added this item: the source does not ask for it.
    #[serde(default)]
    pub suggested: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckpointDoc {
    pub id: Text,
    pub title: Text,
    #[serde(default)]
    pub validation: Vec<Text>,
    #[serde(default)]
    pub assessment: Option<Text>,
    /// The validation list is Strata's own: the source gives none for this milestone.
    #[serde(default)]
    pub suggested: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentDoc {
    pub prompt: Text,
    #[serde(rename = "domain")]
    pub domains: Vec<DomainDoc>,
    #[serde(rename = "track")]
    pub tracks: Vec<TrackDoc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DomainDoc {
    pub id: Text,
    pub title: Text,
    pub low: Text,
    pub mid: Text,
    pub high: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackDoc {
    pub id: Text,
    pub title: Text,
    pub min_score: Spanned<u16>,
    pub advice: Text,
}
