//! What a learner records: a state per item and per checkpoint line, a study plan per path,
//! and self-assessment scores. Every record carries the time it was last changed, so two
//! copies (two browsers, an imported file) merge record by record with the newer winning.

use crate::table::{MemberName, Table};
use crate::wire;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum State {
    NotStarted,
    InProgress,
    Done,
    Skipped,
}

impl State {
    pub const ALL: [State; 4] = [State::NotStarted, State::InProgress, State::Done, State::Skipped];

    /// The word stored in the envelope and used in markup (`data-state`).
    pub fn word(self) -> &'static str {
        match self {
            State::NotStarted => "not-started",
            State::InProgress => "in-progress",
            State::Done => "done",
            State::Skipped => "skipped",
        }
    }

    pub fn from_word(word: &str) -> Option<State> {
        State::ALL.into_iter().find(|s| s.word() == word)
    }

    pub fn label(self) -> &'static str {
        match self {
            State::NotStarted => "Not started",
            State::InProgress => "In progress",
            State::Done => "Done",
            State::Skipped => "Skipped",
        }
    }

    /// Done and skipped both count towards completion: a skipped item is a decision made.
    pub fn is_finished(self) -> bool {
        matches!(self, State::Done | State::Skipped)
    }
}

/// Stored as its word (`"in-progress"`).
impl Serialize for State {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.word())
    }
}

impl<'de> Deserialize<'de> for State {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let word = std::borrow::Cow::<str>::deserialize(deserializer)?;
        State::from_word(&word)
            .ok_or_else(|| serde::de::Error::custom(format!("\"{word}\" is not a state (not-started, in-progress, done or skipped)")))
    }
}

/// A state and when it was set (milliseconds since 1970, UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    pub state: State,
    #[serde(deserialize_with = "wire::millis")]
    pub at: u64,
}

/// Where a mark belongs: an item of a path, or one line of a week's checkpoint list.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    Item { path: String, item: String },
    Check { path: String, checkpoint: String, line: u16 },
}

impl Key {
    pub fn item(path: &str, item: &str) -> Key {
        Key::Item { path: path.into(), item: item.into() }
    }

    pub fn check(path: &str, checkpoint: &str, line: u16) -> Key {
        Key::Check { path: path.into(), checkpoint: checkpoint.into(), line }
    }

    pub fn path(&self) -> &str {
        match self {
            Key::Item { path, .. } | Key::Check { path, .. } => path,
        }
    }

    /// `path/item`, or `path/checkpoint#line` (lines count from 1).
    pub fn to_text(&self) -> String {
        match self {
            Key::Item { path, item } => format!("{path}/{item}"),
            Key::Check { path, checkpoint, line } => format!("{path}/{checkpoint}#{line}"),
        }
    }

    /// The inverse of `to_text`; ids must be content slugs, so nothing else parses.
    pub fn parse(text: &str) -> Option<Key> {
        let (path, rest) = text.split_once('/')?;
        let key = match rest.split_once('#') {
            None => Key::item(path, rest),
            Some((checkpoint, line)) => {
                let line: u16 = line.parse().ok().filter(|&l| l >= 1 && !line.starts_with('0'))?;
                Key::check(path, checkpoint, line)
            }
        };
        let ids_ok = match &key {
            Key::Item { path, item } => is_slug(path) && is_slug(item),
            Key::Check { path, checkpoint, .. } => is_slug(path) && is_slug(checkpoint),
        };
        ids_ok.then_some(key)
    }
}

impl MemberName for Key {
    fn to_member(&self) -> std::borrow::Cow<'_, str> {
        self.to_text().into()
    }

    fn from_member(text: &str) -> Result<Self, String> {
        Key::parse(text).ok_or_else(|| format!("\"{text}\" is not an item or checkpoint id"))
    }
}

/// The content's id rule (`content/SCHEMA.md`): `[a-z0-9]+(-[a-z0-9]+)*`, at most 48 characters.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 48
        && text.split('-').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// A study plan: when the learner starts and how many hours a week they give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// Written as `"2026-11-02"`.
    #[serde(with = "wire::iso_day")]
    pub start: crate::calendar::Day,
    /// Tenths of an hour, written in hours (`8.5`); curriculum hours are minutes.
    #[serde(rename = "hoursPerWeek", with = "wire::hours_per_week")]
    pub hours_per_week: u16,
    #[serde(deserialize_with = "wire::millis")]
    pub at: u64,
}

/// Self-assessment scores (1–5) by domain id.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Assessment {
    #[serde(deserialize_with = "wire::scores")]
    pub scores: Table<String, u8>,
    #[serde(deserialize_with = "wire::millis")]
    pub at: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Progress {
    pub marks: Table<Key, Mark>,
    /// By path id.
    pub plans: Table<String, Plan>,
    /// By path id.
    pub assessments: Table<String, Assessment>,
}

impl Progress {
    pub fn state(&self, key: &Key) -> State {
        self.marks.get(key).map_or(State::NotStarted, |m| m.state)
    }

    /// Records `state`. "Not started" is kept as a dated mark, not removed, so that undoing
    /// an item on one device wins over the older "done" on another when the two merge.
    pub fn set(&mut self, key: Key, state: State, at: u64) {
        self.marks.insert(key, Mark { state, at });
    }

    /// The item most recently changed to anything but "not started": where to carry on.
    pub fn last_touched(&self) -> Option<(&Key, &Mark)> {
        self.marks
            .iter()
            .filter(|(k, m)| matches!(k, Key::Item { .. }) && m.state != State::NotStarted)
            .max_by_key(|(_, m)| m.at)
    }

    pub fn is_empty(&self) -> bool {
        self.marks.values().all(|m| m.state == State::NotStarted) && self.plans.is_empty() && self.assessments.is_empty()
    }

    /// The newest change of any kind, 0 when there is none.
    pub fn updated(&self) -> u64 {
        let marks = self.marks.values().map(|m| m.at);
        let plans = self.plans.values().map(|p| p.at);
        let assessments = self.assessments.values().map(|a| a.at);
        marks.chain(plans).chain(assessments).max().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_refuse_non_slugs() {
        for key in [Key::item("data-engineer", "sql-joins"), Key::check("dis", "storage-engine-mastery", 12)] {
            assert_eq!(Key::parse(&key.to_text()), Some(key));
        }
        for bad in ["x", "a/", "/b", "A/b", "a/b c", "a/b#0", "a/b#01", "a/b#x", "a/b#70000", "a/b/c", "a--b/c"] {
            assert_eq!(Key::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn last_touched_skips_resets_and_checks() {
        let mut p = Progress::default();
        p.set(Key::item("p", "a"), State::Done, 10);
        p.set(Key::item("p", "b"), State::NotStarted, 30);
        p.set(Key::check("p", "c", 1), State::Done, 40);
        assert_eq!(p.last_touched().map(|(k, _)| k.to_text()), Some("p/a".into()));
        assert_eq!(p.updated(), 40);
    }
}
