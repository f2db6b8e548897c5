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
use crate::model::{Assessment, Key, Mark, Plan, Progress};
use crate::table::Table;
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "strata-progress";
pub const SCHEMA_VERSION: u64 = 1;

/// `MIGRATIONS[n - 1]` turns schema `n` into schema `n + 1`. Schema 1 is the first shipped
/// shape, so there is nothing to migrate from yet.
pub const MIGRATIONS: [fn(serde_json::Value) -> Result<serde_json::Value, String>; SCHEMA_VERSION as usize - 1] = [];

#[derive(Debug, Clone, PartialEq)]
pub struct Envelope {
    /// The schema the text was written in (before migration).
    pub schema: u64,
    pub app: String,
    pub progress: Progress,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DecodeError {
    /// Not JSON at all: what the parser found, and where.
    NotJson(String),
    NotStrata,
    /// Written by a newer Strata than this one.
    NewerSchema(u64),
    /// Fits the envelope but not the schema: says which field and what is wrong.
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

/// The envelope as it is written: the header, then the three record tables.
#[derive(Serialize)]
struct Written<'a> {
    format: &'static str,
    schema: u64,
    app: &'a str,
    updated: String,
    marks: &'a Table<Key, Mark>,
    plans: &'a Table<String, Plan>,
    assessments: &'a Table<String, Assessment>,
}

pub fn encode(progress: &Progress, app_version: &str, now: u64) -> String {
    let written = Written {
        format: FORMAT,
        schema: SCHEMA_VERSION,
        app: app_version,
        updated: calendar::iso_timestamp(now),
        marks: &progress.marks,
        plans: &progress.plans,
        assessments: &progress.assessments,
    };
    // Serializing these types cannot fail: every map key is a string.
    serde_json::to_string(&written).unwrap_or_default()
}

/// The first look at a text: is it ours, and which schema? Read before the body, so a file
/// from a newer Strata is recognised as such even when its records have another shape.
#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    format: Loose,
    #[serde(default)]
    schema: Loose,
}

/// The body in the current schema. `format`, `schema` and `updated` are named so that a
/// second copy of them is refused as a duplicate; other members are ignored (an older
/// build ignored them too).
#[derive(Deserialize)]
struct Body {
    #[allow(dead_code)]
    format: IgnoredAny,
    #[allow(dead_code)]
    schema: IgnoredAny,
    #[serde(default)]
    app: Option<String>,
    #[allow(dead_code)]
    #[serde(default)]
    updated: Option<IgnoredAny>,
    #[serde(default, deserialize_with = "crate::wire::marks")]
    marks: Table<Key, Mark>,
    #[serde(default, deserialize_with = "crate::wire::plans")]
    plans: Table<String, Plan>,
    #[serde(default, deserialize_with = "crate::wire::assessments")]
    assessments: Table<String, Assessment>,
}

/// A header field of any type: a string, a whole number, or anything else (the header only
/// decides whose file this is, so a wrong type there means "not ours", not "malformed"). One
/// type for both fields, so its visitor is compiled once.
#[derive(Default, PartialEq)]
enum Loose {
    Text(String),
    Whole(u64),
    #[default]
    Other,
}

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Buffering through `serde_json::Value` would cost the first load its whole tree code.
        struct Any;
        impl<'de> serde::de::Visitor<'de> for Any {
            type Value = Loose;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any value")
            }
            fn visit_str<E>(self, v: &str) -> Result<Loose, E> {
                Ok(Loose::Text(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Loose, E> {
                Ok(Loose::Whole(v))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Loose, E> {
                Ok(Loose::Other)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Loose, E> {
                Ok(Loose::Other)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Loose, E> {
                Ok(Loose::Other)
            }
            fn visit_unit<E>(self) -> Result<Loose, E> {
                Ok(Loose::Other)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Loose, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Loose::Other)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Loose, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Loose::Other)
            }
        }
        deserializer.deserialize_any(Any)
    }
}

/// Reads an envelope, strictly: the text must be one JSON object (nothing after it), each
/// member name appears once, and every record fits the schema. A refusal names the field
/// (`marks › "data-engineer/x" › at: …`) and the line and column.
pub fn decode(text: &str) -> Result<Envelope, DecodeError> {
    let not_json = |e: serde_json::Error| DecodeError::NotJson(plain(&e.to_string()));
    // An array or a bare value would deserialize into a struct too (by position); only an
    // object can be an envelope.
    if !text.trim_start().starts_with('{') {
        serde_json::from_str::<IgnoredAny>(text).map_err(not_json)?;
        return Err(DecodeError::NotStrata);
    }
    let header: Header = serde_json::from_str(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => invalid(plain(&e.to_string())),
        _ => not_json(e),
    })?;
    if header.format != Loose::Text(FORMAT.into()) {
        return Err(DecodeError::NotStrata);
    }
    let schema = match header.schema {
        Loose::Whole(v) if v >= 1 => v,
        _ => return Err(invalid("no schema version")),
    };
    if schema > SCHEMA_VERSION {
        return Err(DecodeError::NewerSchema(schema));
    }
    let body = if MIGRATIONS.is_empty() || schema == SCHEMA_VERSION {
        // The header's read already refused anything after the object.
        read_body(&mut serde_json::Deserializer::from_str(text))?
    } else {
        // Only older schemas take the value-tree path; with no migrations it compiles away.
        let mut value: serde_json::Value = serde_json::from_str(text).map_err(|e| invalid(e.to_string()))?;
        for migrate in &MIGRATIONS[schema as usize - 1..] {
            value = migrate(value).map_err(DecodeError::Invalid)?;
        }
        read_body(value)?
    };
    let plans = body.plans.keys().map(|p| ("plans", p));
    for (section, path) in plans.chain(body.assessments.keys().map(|p| ("assessments", p))) {
        if !crate::model::is_slug(path) {
            return Err(invalid(format!("{section}: \"{path}\" is not a path id")));
        }
    }
    Ok(Envelope {
        schema,
        app: body.app.unwrap_or_else(|| "unknown".into()),
        progress: Progress { marks: body.marks, plans: body.plans, assessments: body.assessments },
    })
}

fn read_body<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Body, DecodeError> {
    Body::deserialize(deserializer).map_err(|e| invalid(plain(&e.to_string())))
}

/// serde quotes names in backticks (`` `at` ``) and names Rust types; a learner reads plain
/// quotes and words.
fn plain(message: &str) -> String {
    message.replace('`', "\"").replace("expected u64", "expected a whole number")
}

fn invalid(what: impl Into<String>) -> DecodeError {
    DecodeError::Invalid(what.into())
}

/// What an export is called: `strata-progress-2026-11-21.json`.
pub fn export_file_name(day: calendar::Day) -> String {
    format!("strata-progress-{}.json", calendar::iso(day))
}

