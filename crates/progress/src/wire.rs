//! How the envelope's fields are written and checked, where the Rust type and the JSON differ:
//! days as ISO dates, hours as decimals kept in whole tenths, times bounded to what
//! JavaScript's numbers hold exactly. Used through `#[serde(with = …)]` on the model's fields.

use crate::calendar;
use crate::table::Table;
use serde::de::Error;
use serde::{Deserialize, Deserializer, Serializer};

/// The largest integer a JavaScript number holds exactly (2^53).
const MAX_SAFE: u64 = 1 << 53;

/// `error`, said to be inside `what` (a field or a record): `marks › "p/i" › at: …`. This
/// is how a refusal names where it happened. serde_path_to_error does the same for any type,
/// but its tracking wrappers cost the first load 16 KB of wasm (measured 2026-12-01), so the
/// few places that nest say it themselves.
pub fn within<E: Error>(what: &str, error: E) -> E {
    let message = error.to_string();
    // serde_json appends the position; it is added again, once, to the outermost error.
    let message = without_position(&message);
    // A path goes on with `›` (`"p/i" › at: …`); a plain message follows a colon.
    let nested = message.starts_with('"') || message.split_once(": ").is_some_and(|(head, _)| !head.contains(' '));
    let joiner = if nested { " › " } else { ": " };
    E::custom(format_args!("{what}{joiner}{message}"))
}

/// `message` less a trailing ` at line N column M`.
fn without_position(message: &str) -> &str {
    let number = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    match message.rfind(" at line ") {
        Some(i) if message[i + 9..].split_once(" column ").is_some_and(|(l, c)| number(l) && number(c)) => &message[..i],
        _ => message,
    }
}

/// Milliseconds since 1970: a whole number, no fraction, no exponent.
pub fn millis<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    let at = u64::deserialize(deserializer).map_err(|e| within("at", e))?;
    if at > MAX_SAFE {
        return Err(D::Error::custom(format!("{at} is too large to be a time")));
    }
    Ok(at)
}

/// A calendar day as `YYYY-MM-DD`.
pub mod iso_day {
    use super::*;

    pub fn serialize<S: Serializer>(day: &calendar::Day, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&calendar::iso(*day))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<calendar::Day, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
        calendar::parse_iso(&text).ok_or_else(|| D::Error::custom(format!("start: \"{text}\" is not a date (YYYY-MM-DD)")))
    }
}

/// Hours a week, stored as whole tenths: `8.5` is 85, `8` is 80; between 0.1 and 168.
pub mod hours_per_week {
    use super::*;

    pub fn serialize<S: Serializer>(tenths: &u16, serializer: S) -> Result<S::Ok, S::Error> {
        // Whole hours are written as integers (`8`, as earlier versions wrote them), the rest
        // with one decimal; tenths / 10 in f64 prints as the shortest decimal, so 85 is `8.5`.
        if tenths % 10 == 0 {
            serializer.serialize_u16(tenths / 10)
        } else {
            serializer.serialize_f64(f64::from(*tenths) / 10.0)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u16, D::Error> {
        let hours = f64::deserialize(deserializer).map_err(|e| within("hoursPerWeek", e))?;
        // The value is not echoed: formatting an f64 would bring core's float printing
        // (about 10 KB of wasm) into the first load; the position says where it is.
        tenths(hours).ok_or_else(|| D::Error::custom("hoursPerWeek: not a number of hours per week between 0.1 and 168"))
    }

    /// `hours` in whole tenths, rounded half up (`8.25` is 83), if it is in range.
    pub fn tenths(hours: f64) -> Option<u16> {
        let tenths = (hours * 10.0).round();
        (hours.is_finite() && (1.0..=1680.0).contains(&tenths)).then_some(tenths as u16)
    }
}

/// Self-assessment scores by domain: each a whole number from 1 to 5.
pub fn scores<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Table<String, u8>, D::Error> {
    let scores = Table::<String, u64>::deserialize(deserializer).map_err(|e| within("scores", e))?;
    scores
        .into_iter()
        .map(|(domain, score)| match u8::try_from(score) {
            Ok(s @ 1..=5) => Ok((domain, s)),
            _ => Err(D::Error::custom(format!("scores: \"{domain}\" has the score {score}, outside 1–5"))),
        })
        .collect()
}

/// The envelope's three record tables, each named in its refusals.
pub fn marks<'de, D: Deserializer<'de>>(d: D) -> Result<Table<crate::Key, crate::Mark>, D::Error> {
    Table::deserialize(d).map_err(|e| within("marks", e))
}

pub fn plans<'de, D: Deserializer<'de>>(d: D) -> Result<Table<String, crate::Plan>, D::Error> {
    Table::deserialize(d).map_err(|e| within("plans", e))
}

pub fn assessments<'de, D: Deserializer<'de>>(d: D) -> Result<Table<String, crate::Assessment>, D::Error> {
    Table::deserialize(d).map_err(|e| within("assessments", e))
}
