//! Calendar files (RFC 5545): one all-day event per week of a study plan, so the weeks show
//! up in whatever calendar the learner uses.

use crate::calendar::{self, Day};

pub struct Event {
    /// Stable across downloads, so importing the file again updates instead of duplicating.
    pub uid: String,
    pub summary: String,
    pub description: String,
    pub start: Day,
    /// Exclusive, as `DTEND` of an all-day event is.
    pub end: Day,
}

pub fn calendar(name: &str, events: &[Event], now_ms: u64) -> String {
    let stamp = calendar::iso_timestamp(now_ms).replace(['-', ':'], "");
    let mut out = String::new();
    for line in ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Strata//Study plan//EN", "CALSCALE:GREGORIAN"] {
        push_line(&mut out, line);
    }
    push_line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    for e in events {
        push_line(&mut out, "BEGIN:VEVENT");
        push_line(&mut out, &format!("UID:{}", escape(&e.uid)));
        push_line(&mut out, &format!("DTSTAMP:{stamp}"));
        push_line(&mut out, &format!("DTSTART;VALUE=DATE:{}", calendar::compact(e.start)));
        push_line(&mut out, &format!("DTEND;VALUE=DATE:{}", calendar::compact(e.end.max(e.start + 1))));
        push_line(&mut out, &format!("SUMMARY:{}", escape(&e.summary)));
        push_line(&mut out, &format!("DESCRIPTION:{}", escape(&e.description)));
        push_line(&mut out, "TRANSP:TRANSPARENT");
        push_line(&mut out, "END:VEVENT");
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace('\n', "\\n")
}

/// Folds lines longer than 75 octets (never inside a character) and ends them with CRLF.
fn push_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_all_day_events_with_escaping_and_folding() {
        let start = calendar::from_civil(2026, 11, 23);
        let event = Event {
            uid: "data-engineer-w01@strata".into(),
            summary: "Week 1: SQL, joins; and more".into(),
            description: "é".repeat(60),
            start,
            end: start + 7,
        };
        let text = calendar("Strata: Data Engineer", &[event], 1_763_719_500_000);
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(text.contains("DTSTART;VALUE=DATE:20261123\r\nDTEND;VALUE=DATE:20261130\r\n"));
        assert!(text.contains("SUMMARY:Week 1: SQL\\, joins\\; and more\r\n"));
        assert!(text.contains("DTSTAMP:20251121T100500Z\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
        }
        let unfolded = text.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("DESCRIPTION:{}\r\n", "é".repeat(60))));
    }
}
