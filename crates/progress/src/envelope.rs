//! The stored and exported form of progress: one JSON envelope with the schema version, the
//! app version and when it was last updated.
//!
//! ```json
//! {"format":"strata-progress","schema":1,"app":"0.1.0","updated":"2026-11-21T09:05:00Z",
//!  "marks":{"data-engineer/sql-joins":{"state":"done","at":1763715900000},
//!           "data-engineer/sql-checkpoint#2":{"state":"done","at":1763715900000}},
//!  "plans":{"data-engineer":{"start":"2026-11-02","hoursPerWeek":8.5,"at":1763715900000}},
//!  "assessments":{"data-intensive-systems":{"scores":{"database-design":3},"at":1763715900000}}}
//! ```
//!
//! Changing the shape means a new `SCHEMA_VERSION`, a function in `MIGRATIONS` that turns the
//! previous version's JSON into the next one's, and a fixture `tests/fixtures/envelope-v<N>.json`
//! of the old shape (the `every_schema_version_has_a_fixture_that_loads` test insists).

use crate::calendar;
use crate::json::{self, object, Value};
use crate::model::{Assessment, Key, Mark, Plan, Progress, State};
use std::collections::BTreeMap;

pub const FORMAT: &str = "strata-progress";
pub const SCHEMA_VERSION: u64 = 1;

/// `MIGRATIONS[n - 1]` turns schema `n` into schema `n + 1`. Schema 1 is the first shipped
/// shape, so there is nothing to migrate from yet.
pub const MIGRATIONS: [fn(Value) -> Result<Value, String>; SCHEMA_VERSION as usize - 1] = [];

#[derive(Debug, Clone, PartialEq)]
pub struct Envelope {
    /// The schema the text was written in (before migration).
    pub schema: u64,
    pub app: String,
    pub progress: Progress,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DecodeError {
    NotJson(json::ParseError),
    NotStrata,
    /// Written by a newer Strata than this one.
    NewerSchema(u64),
    /// Fits the envelope but not the schema: says which record and what is wrong.
    Invalid(String),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::NotJson(e) => write!(f, "it is not valid JSON ({e})"),
            DecodeError::NotStrata => f.write_str("it is not a Strata progress file"),
            DecodeError::NewerSchema(v) => {
                write!(f, "it was written by a newer version of Strata (schema {v}; this version reads up to {SCHEMA_VERSION})")
            }
            DecodeError::Invalid(what) => write!(f, "it does not fit the progress format: {what}"),
        }
    }
}

pub fn encode(progress: &Progress, app_version: &str, now: u64) -> String {
    let marks = progress
        .marks
        .iter()
        .map(|(k, m)| (k.to_text(), object([("state", Value::String(m.state.word().into())), ("at", number(m.at))])))
        .collect();
    let plans = progress
        .plans
        .iter()
        .map(|(path, p)| {
            let plan = object([
                ("start", Value::String(calendar::iso(p.start))),
                ("hoursPerWeek", Value::tenths(u32::from(p.hours_per_week))),
                ("at", number(p.at)),
            ]);
            (path.clone(), plan)
        })
        .collect();
    let assessments = progress
        .assessments
        .iter()
        .map(|(path, a)| {
            let scores = a.scores.iter().map(|(d, s)| (d.clone(), Value::number(u64::from(*s)))).collect();
            (path.clone(), object([("scores", Value::Object(scores)), ("at", number(a.at))]))
        })
        .collect();
    object([
        ("format", Value::String(FORMAT.into())),
        ("schema", number(SCHEMA_VERSION)),
        ("app", Value::String(app_version.into())),
        ("updated", Value::String(calendar::iso_timestamp(now))),
        ("marks", Value::Object(marks)),
        ("plans", Value::Object(plans)),
        ("assessments", Value::Object(assessments)),
    ])
    .to_json()
}

fn number(n: u64) -> Value {
    Value::number(n)
}

pub fn decode(text: &str) -> Result<Envelope, DecodeError> {
    let mut value = json::parse(text).map_err(DecodeError::NotJson)?;
    if value.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(DecodeError::NotStrata);
    }
    let schema = value.get("schema").and_then(Value::as_u64).filter(|&v| v >= 1).ok_or_else(|| invalid("no schema version"))?;
    if schema > SCHEMA_VERSION {
        return Err(DecodeError::NewerSchema(schema));
    }
    for migrate in &MIGRATIONS[schema as usize - 1..] {
        value = migrate(value).map_err(DecodeError::Invalid)?;
    }
    let app = value.get("app").and_then(Value::as_str).unwrap_or("unknown").to_string();
    Ok(Envelope { schema, app, progress: read_progress(&value)? })
}

fn invalid(what: impl Into<String>) -> DecodeError {
    DecodeError::Invalid(what.into())
}

/// An object-valued section; a missing one is empty.
fn section<'a>(value: &'a Value, name: &str) -> Result<Option<&'a [(String, Value)]>, DecodeError> {
    match value.get(name) {
        None => Ok(None),
        Some(v) => v.as_object().map(Some).ok_or_else(|| invalid(format!("\"{name}\" is not an object"))),
    }
}

fn timestamp(record: &Value, whose: &str) -> Result<u64, DecodeError> {
    record.get("at").and_then(Value::as_u64).ok_or_else(|| invalid(format!("{whose} has no valid \"at\" time")))
}

fn read_progress(value: &Value) -> Result<Progress, DecodeError> {
    let mut progress = Progress::default();
    for (text, record) in section(value, "marks")?.unwrap_or_default() {
        let key = Key::parse(text).ok_or_else(|| invalid(format!("\"{text}\" is not an item or checkpoint id")))?;
        let state = record
            .get("state")
            .and_then(Value::as_str)
            .and_then(State::from_word)
            .ok_or_else(|| invalid(format!("\"{text}\" has no valid state")))?;
        progress.marks.insert(key, Mark { state, at: timestamp(record, &format!("\"{text}\""))? });
    }
    for (path, record) in section(value, "plans")?.unwrap_or_default() {
        let whose = format!("the plan for \"{path}\"");
        let start = record
            .get("start")
            .and_then(Value::as_str)
            .and_then(calendar::parse_iso)
            .ok_or_else(|| invalid(format!("{whose} has no valid start date")))?;
        let hours = record
            .get("hoursPerWeek")
            .and_then(Value::as_tenths)
            .filter(|h| (1..=1680).contains(h))
            .ok_or_else(|| invalid(format!("{whose} has no valid hours per week")))?;
        let plan = Plan { start, hours_per_week: hours as u16, at: timestamp(record, &whose)? };
        progress.plans.insert(checked_path(path)?, plan);
    }
    for (path, record) in section(value, "assessments")?.unwrap_or_default() {
        let whose = format!("the self-assessment for \"{path}\"");
        let mut scores = BTreeMap::new();
        for (domain, score) in section(record, "scores")?.unwrap_or_default() {
            let score = score.as_u64().filter(|s| (1..=5).contains(s)).ok_or_else(|| invalid(format!("{whose} has a score outside 1–5")))?;
            scores.insert(domain.clone(), score as u8);
        }
        progress.assessments.insert(checked_path(path)?, Assessment { scores, at: timestamp(record, &whose)? });
    }
    Ok(progress)
}

fn checked_path(path: &str) -> Result<String, DecodeError> {
    if crate::model::is_slug(path) {
        Ok(path.to_string())
    } else {
        Err(invalid(format!("\"{path}\" is not a path id")))
    }
}
