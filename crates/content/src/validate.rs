//! Checks a parsed path against the rules in `content/SCHEMA.md`. Every problem is reported,
//! not just the first, each with the line it stands on.

use crate::model::*;
use crate::{ContentError, Source};
use std::collections::HashMap;
use toml::Spanned;

pub const LEVELS: &[&str] = &["beginner", "intermediate", "advanced", "expert"];
pub const ITEM_KINDS: &[&str] = &["topic", "lab", "project", "case-study", "reading"];
pub const READING_KINDS: &[&str] = &["book", "paper", "course", "article", "video", "docs", "podcast"];
pub const TAGS: &[&str] = &[
    "btree",
    "indexing",
    "lsm",
    "sstable",
    "compaction",
    "bloom-filter",
    "consistent-hashing",
    "sharding",
    "partitioning",
    "replication",
];
const MAX_ID_LEN: usize = 48;

/// What an item's own title or note must mention for a tag to be earned: a tag sends the
/// learner to a visualizer, so it says the item is about that structure, not that the
/// structure sits somewhere underneath it. Matched case-insensitively as substrings.
pub fn tag_evidence(tag: &str) -> &'static [&'static str] {
    match tag {
        "btree" => &["b-tree", "b+ tree", "b+tree", "btree"],
        "indexing" => &["index"],
        "lsm" => &["lsm", "log-structured"],
        "sstable" => &["sstable", "sorted string table"],
        "compaction" => &["compact"],
        "bloom-filter" => &["bloom"],
        "consistent-hashing" => &["consistent hashing", "hash ring", "token ring"],
        "sharding" => &["shard"],
        "partitioning" => &["partition"],
        "replication" => &["replica", "replicat"],
        _ => &[],
    }
}

/// Words that show a tag's evidence is a namesake, not the structure: `indexing` links to
/// the B-tree visualizer, and indexing a catalog or a metadata store is search, not a
/// database index.
fn tag_false_friends(tag: &str) -> &'static [&'static str] {
    match tag {
        "indexing" => &["catalog", "metadata"],
        _ => &[],
    }
}

/// Query parameters that track the reader rather than name the page.
const TRACKING_PARAMS: &[&str] = &["fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid", "_hsenc", "_hsmi", "mkt_tok", "spm"];

/// Checks a reading's address: https, a plausible host, no spaces or credentials, no
/// tracking parameters. Returns what is wrong.
pub fn check_url(url: &str) -> Result<(), String> {
    let Some(rest) = url.strip_prefix("https://") else {
        return Err(format!("reading url `{url}` must start with https://"));
    };
    if let Some(c) = url.chars().find(|c| c.is_whitespace() || c.is_control() || !c.is_ascii() || matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}')) {
        return Err(format!("reading url `{url}` contains {c:?}: percent-encode it"));
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = &rest[..end];
    if host.contains('@') {
        return Err(format!("reading url `{url}` carries credentials"));
    }
    let (name, port) = host.split_once(':').unwrap_or((host, ""));
    let labels_ok = name.split('.').all(|l| {
        !l.is_empty() && l.len() <= 63 && !l.starts_with('-') && !l.ends_with('-') && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    });
    let tld_ok = name.rsplit('.').next().is_some_and(|t| t.len() >= 2 && t.bytes().all(|b| b.is_ascii_alphabetic()));
    if !name.contains('.') || !labels_ok || !tld_ok || name.len() > 253 || !port.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("reading url `{url}` has no valid host name"));
    }
    let after_host = &rest[end..];
    let query = after_host.split('#').next().unwrap_or("").split_once('?').map_or("", |(_, q)| q);
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let key = pair.split('=').next().unwrap_or("").to_ascii_lowercase();
        if key.starts_with("utm_") || TRACKING_PARAMS.contains(&key.as_str()) {
            return Err(format!("reading url `{url}` carries the tracking parameter `{key}`: remove it"));
        }
    }
    if after_host.contains('%') && !percent_ok(after_host) {
        return Err(format!("reading url `{url}` has a malformed percent-escape"));
    }
    Ok(())
}

fn percent_ok(s: &str) -> bool {
    let b = s.as_bytes();
    (0..b.len()).filter(|&i| b[i] == b'%').all(|i| b.len() > i + 2 && b[i + 1].is_ascii_hexdigit() && b[i + 2].is_ascii_hexdigit())
}

/// An hours figure in whole minutes, so a 45-minute session (`"0.75"`) is exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hours {
    pub low: u16,
    pub high: u16,
}

/// Parses `"4"`, `"1.5"`, `"0.75"` or `"20-25"`: hours with at most two decimals that come to
/// whole minutes (`"0.33"` is 19.8 minutes and is refused).
pub fn parse_hours(text: &str) -> Result<Hours, String> {
    let minutes = |part: &str| -> Result<u16, String> {
        let part = part.trim();
        let (whole, frac) = part.split_once('.').unwrap_or((part, ""));
        let ok = !whole.is_empty()
            && whole.bytes().all(|b| b.is_ascii_digit())
            && frac.len() <= 2
            && frac.bytes().all(|b| b.is_ascii_digit())
            && !(part.contains('.') && frac.is_empty());
        if !ok {
            return Err(format!("`{text}` is not an hours figure: use `4`, `1.5`, `0.75` or `20-25`"));
        }
        let whole: u32 = whole.parse().map_err(|_| format!("`{text}` is more than 200 hours"))?;
        let hundredths = format!("{frac:0<2}").parse::<u32>().unwrap_or(0);
        if whole > 200 || whole * 100 + hundredths > 20_000 {
            return Err(format!("`{text}` is more than 200 hours"));
        }
        // 0.01 h is 0.6 minutes: only multiples of 5 hundredths (3 minutes) are whole.
        if (hundredths * 60) % 100 != 0 {
            return Err(format!("`{text}` is not a whole number of minutes: use quarters or tenths of an hour, like `0.75` or `0.5`"));
        }
        Ok((whole * 60 + hundredths * 60 / 100) as u16)
    };
    let (low, high) = match text.split_once('-') {
        Some((a, b)) => (minutes(a)?, minutes(b)?),
        None => {
            let m = minutes(text)?;
            (m, m)
        }
    };
    if low > high {
        return Err(format!("hours range `{text}` runs backwards"));
    }
    Ok(Hours { low, high })
}

pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id.split('-').all(|part| {
            !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

struct Checker<'a> {
    src: &'a Source,
    errors: Vec<ContentError>,
}

impl Checker<'_> {
    fn err<T>(&mut self, at: &Spanned<T>, message: impl Into<String>) {
        self.errors.push(self.src.error_at(at.span().start, message));
    }

    fn slug(&mut self, id: &Text, what: &str) {
        if !is_slug(id.get_ref()) {
            self.err(
                id,
                format!(
                    "{what} id `{}` is not a slug: use lowercase letters, digits and single hyphens, at most {MAX_ID_LEN} characters",
                    id.get_ref()
                ),
            );
        }
    }

    fn one_of(&mut self, value: &Text, allowed: &[&str], what: &str) {
        if !allowed.contains(&value.get_ref().as_str()) {
            self.err(value, format!("unknown {what} `{}`: expected one of {}", value.get_ref(), allowed.join(", ")));
        }
    }

    fn text(&mut self, value: &Text, field: &str) {
        let s = value.get_ref();
        if s.trim().is_empty() {
            self.err(value, format!("`{field}` is empty"));
        } else if s.contains("http://") || s.contains("https://") || s.contains("www.") {
            self.err(value, format!("`{field}` contains a URL: the app loads nothing from other hosts, name the work instead"));
        } else if s.contains("**") || s.contains("](") || s.contains('<') {
            self.err(value, format!("`{field}` contains Markdown or HTML: content is plain text"));
        }
    }

    fn hours(&mut self, value: &Option<Text>) {
        if let Some(h) = value {
            if let Err(e) = parse_hours(h.get_ref()) {
                self.err(h, e);
            }
        }
    }

    /// Registers `id` in `seen`, reporting a clash with the line of the first use.
    fn unique(&mut self, seen: &mut HashMap<String, usize>, id: &Text, what: &str) {
        let line = self.src.line_of(id.span().start);
        if let Some(first) = seen.insert(id.get_ref().clone(), line) {
            self.err(id, format!("duplicate {what} id `{}` (first defined on line {first})", id.get_ref()));
        }
    }
}

pub fn check(src: &Source, doc: &PathDoc) -> Vec<ContentError> {
    let mut c = Checker { src, errors: Vec::new() };

    c.slug(&doc.id, "path");
    if doc.id.get_ref() != &src.stem {
        c.err(&doc.id, format!("path id `{}` must equal the file name `{}`", doc.id.get_ref(), src.stem));
    }
    c.text(&doc.title, "title");
    c.text(&doc.summary, "summary");
    if let Some(q) = &doc.essential_question {
        c.text(q, "essential_question");
    }
    c.one_of(&doc.level, LEVELS, "level");
    c.hours(&Some(doc.weekly_hours.clone()));
    for p in doc.prerequisites.iter() {
        c.text(p, "prerequisites");
    }
    for o in doc.outcomes.iter() {
        c.text(o, "outcomes");
    }

    let mut reading_ids = HashMap::new();
    for r in &doc.readings {
        c.slug(&r.id, "reading");
        c.unique(&mut reading_ids, &r.id, "reading");
        c.one_of(&r.kind, READING_KINDS, "reading kind");
        c.text(&r.title, "title");
        if let Some(n) = &r.note {
            c.text(n, "note");
        }
        if let Some(u) = &r.url {
            if let Err(e) = check_url(u.get_ref()) {
                c.err(u, e);
            }
        }
    }

    let mut phase_ids = HashMap::new();
    for p in &doc.phases {
        c.slug(&p.id, "phase");
        c.unique(&mut phase_ids, &p.id, "phase");
        c.text(&p.title, "title");
    }
    if doc.phases.is_empty() {
        c.err(&doc.id, "a path needs at least one [[phase]]");
    }

    let duration = *doc.duration_weeks.get_ref();
    if !(1..=104).contains(&duration) {
        c.err(&doc.duration_weeks, format!("duration_weeks {duration} is outside 1..=104"));
    }
    let mut week_ids = HashMap::new();
    let mut item_ids = HashMap::new();
    let mut next_week = 1u16;
    let mut phase_order: Vec<&str> = Vec::new();
    for w in &doc.weeks {
        c.slug(&w.id, "week");
        c.unique(&mut week_ids, &w.id, "week");
        c.text(&w.title, "title");
        c.text(&w.summary, "summary");
        c.hours(&w.hours);
        let start = *w.start.get_ref();
        let end = w.end.as_ref().map_or(start, |e| *e.get_ref());
        if start != next_week {
            c.err(&w.start, format!("week `{}` starts at week {start}, but the weeks before it end at week {}: weeks must follow on without gaps or overlaps", w.id.get_ref(), next_week - 1));
        }
        if end < start {
            c.err(&w.start, format!("week `{}` ends (week {end}) before it starts (week {start})", w.id.get_ref()));
        }
        next_week = end.max(start) + 1;

        let phase = w.phase.get_ref().as_str();
        if !phase_ids.contains_key(phase) {
            c.err(&w.phase, format!("week `{}` names phase `{phase}`, which no [[phase]] defines", w.id.get_ref()));
        } else if phase_order.last() != Some(&phase) {
            if phase_order.contains(&phase) {
                c.err(&w.phase, format!("the weeks of phase `{phase}` are not contiguous"));
            }
            phase_order.push(phase);
        }
        for o in &w.objectives {
            c.text(o, "objectives");
        }
        for r in &w.readings {
            if !reading_ids.contains_key(r.get_ref()) {
                c.err(r, format!("week `{}` lists reading `{}`, which no [[reading]] defines", w.id.get_ref(), r.get_ref()));
            }
        }
        if w.groups.is_empty() {
            c.err(&w.id, format!("week `{}` has no [[week.group]]", w.id.get_ref()));
        }
        for g in &w.groups {
            c.text(&g.title, "title");
            c.hours(&g.hours);
            if g.items.is_empty() {
                c.err(&g.title, format!("group `{}` has no items", g.title.get_ref()));
            }
            for item in &g.items {
                c.slug(&item.id, "item");
                c.unique(&mut item_ids, &item.id, "item");
                c.one_of(&item.kind, ITEM_KINDS, "item kind");
                c.text(&item.title, "title");
                c.hours(&item.hours);
                if let Some(n) = &item.note {
                    c.text(n, "note");
                }
                let own_text = format!("{} {}", item.title.get_ref(), item.note.as_ref().map_or("", |n| n.get_ref())).to_lowercase();
                for t in &item.tags {
                    c.one_of(t, TAGS, "tag");
                    let tag = t.get_ref().as_str();
                    let evidence = tag_evidence(tag);
                    if !evidence.is_empty() && !evidence.iter().any(|e| own_text.contains(e)) {
                        c.err(t, format!("item `{}` is tagged `{tag}` but its title and note never mention it ({}): a tag says the item is about that structure, so drop the tag or say how the item uses it", item.id.get_ref(), evidence.join(", ")));
                    } else if let Some(f) = tag_false_friends(tag).iter().find(|f| own_text.contains(*f)) {
                        c.err(t, format!("item `{}` is tagged `{tag}` but is about a {f}, not a database index structure", item.id.get_ref()));
                    }
                }
                if let Some(r) = &item.reading {
                    if !reading_ids.contains_key(r.get_ref()) {
                        c.err(r, format!("item `{}` points at reading `{}`, which no [[reading]] defines", item.id.get_ref(), r.get_ref()));
                    }
                }
            }
        }
        if let Some(cp) = &w.checkpoint {
            c.slug(&cp.id, "checkpoint");
            c.unique(&mut item_ids, &cp.id, "item or checkpoint");
            c.text(&cp.title, "title");
            if cp.validation.is_empty() {
                c.err(&cp.id, format!("checkpoint `{}` has an empty validation list", cp.id.get_ref()));
            }
            for v in &cp.validation {
                c.text(v, "validation");
            }
            if let Some(a) = &cp.assessment {
                c.text(a, "assessment");
            }
        }
    }
    if next_week != duration + 1 {
        c.err(&doc.duration_weeks, format!("duration_weeks is {duration} but the weeks cover 1..={}", next_week - 1));
    }
    for p in &doc.phases {
        if !phase_order.contains(&p.id.get_ref().as_str()) {
            c.err(&p.id, format!("phase `{}` has no weeks", p.id.get_ref()));
        }
    }
    if phase_order.iter().copied().ne(doc.phases.iter().map(|p| p.id.get_ref().as_str()).filter(|id| phase_order.contains(id))) {
        c.err(&doc.id, "weeks visit the phases in a different order than the [[phase]] tables list them");
    }

    if let Some(a) = &doc.assessment {
        c.text(&a.prompt, "prompt");
        let mut ids = HashMap::new();
        for d in &a.domains {
            c.slug(&d.id, "domain");
            c.unique(&mut ids, &d.id, "domain");
            for t in [&d.title, &d.low, &d.mid, &d.high] {
                c.text(t, "domain text");
            }
        }
        let mut last = None;
        for t in &a.tracks {
            c.slug(&t.id, "track");
            c.unique(&mut ids, &t.id, "track");
            c.text(&t.advice, "advice");
            let min = *t.min_score.get_ref();
            if last.is_some_and(|l| min <= l) {
                c.err(&t.min_score, "tracks must be listed by rising min_score");
            }
            last = Some(min);
        }
        if a.domains.is_empty() || a.tracks.is_empty() {
            c.err(&a.prompt, "an assessment needs at least one domain and one track");
        }
    }
    c.errors
}
