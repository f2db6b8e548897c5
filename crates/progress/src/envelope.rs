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
use crate::json::{self, Value};
use std::fmt::Write;
use crate::model::{Assessment, Key, Mark, Plan, Progress, State};

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

/// Writes the envelope straight to text (no value tree: less code in the first load).
pub fn encode(progress: &Progress, app_version: &str, now: u64) -> String {
    let mut out = String::with_capacity(200 + 64 * progress.marks.len());
    out.push_str("{\"format\":");
    json::write_string(&mut out, FORMAT);
    let _ = write!(out, ",\"schema\":{SCHEMA_VERSION},\"app\":");
    json::write_string(&mut out, app_version);
    out.push_str(",\"updated\":");
    json::write_string(&mut out, &calendar::iso_timestamp(now));
    out.push_str(",\"marks\":");
    members(&mut out, progress.marks.iter(), |out, key, mark| {
        json::write_string(out, &key.to_text());
        let _ = write!(out, ":{{\"state\":\"{}\",\"at\":{}}}", mark.state.word(), mark.at);
    });
    out.push_str(",\"plans\":");
    members(&mut out, progress.plans.iter(), |out, path, plan| {
        json::write_string(out, path);
        let hours = Value::tenths(u32::from(plan.hours_per_week)).to_json();
        let _ = write!(out, ":{{\"start\":\"{}\",\"hoursPerWeek\":{hours},\"at\":{}}}", calendar::iso(plan.start), plan.at);
    });
    out.push_str(",\"assessments\":");
    members(&mut out, progress.assessments.iter(), |out, path, assessment| {
        json::write_string(out, path);
        out.push_str(":{\"scores\":");
        members(out, assessment.scores.iter(), |out, domain, score| {
            json::write_string(out, domain);
            let _ = write!(out, ":{score}");
        });
        let _ = write!(out, ",\"at\":{}}}", assessment.at);
    });
    out.push('}');
    out
}

/// `{member,member,…}`, each written by `member`.
fn members<'a, K: 'a, V: 'a>(out: &mut String, items: impl Iterator<Item = (&'a K, &'a V)>, member: impl Fn(&mut String, &K, &V)) {
    out.push('{');
    for (i, (k, v)) in items.enumerate() {
        if i > 0 {
            out.push(',');
        }
        member(out, k, v);
    }
    out.push('}');
}

/// What an export is called: `strata-progress-2026-11-21.json`.
pub fn export_file_name(day: calendar::Day) -> String {
    format!("strata-progress-{}.json", calendar::iso(day))
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
        let mut scores = crate::table::Table::default();
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
