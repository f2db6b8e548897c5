//! Instant search across every path: path, week and reading titles, topics, notes and readings.
//!
//! Every word of the query must appear somewhere in a result (prefixes count, so results narrow
//! as you type). A result's score adds, for each query word, its best match: the field's weight
//! times how cleanly the word matched (a whole word beats a word start beats the middle of a
//! word), plus a bonus where the whole query appears as a phrase. No index is kept: a scan over
//! the compiled curriculum is a few hundred microseconds and allocates nothing but the results.

use crate::paths;

/// Where a result leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Path { path: usize },
    Week { path: usize, week: usize },
    Reading { path: usize, reading: usize },
}

/// A piece of text with the byte ranges that matched the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlighted {
    pub text: &'static str,
    pub ranges: Vec<(usize, usize)>,
}

impl Highlighted {
    /// The text cut into (segment, matched) runs, for rendering with `<mark>`.
    pub fn segments(&self) -> Vec<(&'static str, bool)> {
        let mut out = Vec::new();
        let mut at = 0;
        for &(start, end) in &self.ranges {
            if start > at {
                out.push((&self.text[at..start], false));
            }
            out.push((&self.text[start.max(at)..end], true));
            at = end;
        }
        if at < self.text.len() {
            out.push((&self.text[at..], false));
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub target: Target,
    pub score: u32,
    pub title: Highlighted,
    /// Up to three matched lines from inside the result (topics, readings, summary).
    pub context: Vec<Highlighted>,
}

const TITLE: u32 = 10;
const READING_TITLE: u32 = 8;
const TOPIC: u32 = 6;
const TAG: u32 = 5;
const READING: u32 = 4;
const CHECKPOINT: u32 = 3;
const PROSE: u32 = 2;
const MAX_CONTEXT: usize = 3;

/// Searches every compiled path; see the module docs for the ranking.
pub fn search(query: &str, limit: usize) -> Vec<Hit> {
    let query = query.trim();
    let words: Vec<&str> = query.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let phrase = (words.len() > 1).then_some(query);
    let mut hits = Vec::new();
    for (pi, path) in paths().iter().enumerate() {
        let mut doc = Doc::new(&words, phrase);
        doc.field(path.title, TITLE, false);
        doc.field(path.summary, PROSE, true);
        for text in path.essential_question.iter().chain(path.outcomes).chain(path.prerequisites) {
            doc.field(text, PROSE, true);
        }
        doc.finish(Target::Path { path: pi }, path.title, &mut hits);

        for (wi, week) in path.weeks.iter().enumerate() {
            let mut doc = Doc::new(&words, phrase);
            doc.field(week.title, TITLE, false);
            for item in week.items() {
                doc.field(item.title, TOPIC, true);
                for tag in item.tags {
                    doc.field(tag.label(), TAG, false);
                }
                if let Some(note) = item.note {
                    doc.field(note, PROSE, true);
                }
            }
            for &r in week.readings {
                doc.field(path.readings[r].title, READING, true);
            }
            if let Some(cp) = &week.checkpoint {
                doc.field(cp.title, CHECKPOINT, true);
                for v in cp.validation {
                    doc.field(v, CHECKPOINT, true);
                }
            }
            doc.field(week.summary, PROSE, true);
            for o in week.objectives {
                doc.field(o, PROSE, true);
            }
            doc.field(path.phases[week.phase].title, PROSE, false);
            doc.finish(Target::Week { path: pi, week: wi }, week.title, &mut hits);
        }

        for (ri, reading) in path.readings.iter().enumerate() {
            let mut doc = Doc::new(&words, phrase);
            doc.field(reading.title, READING_TITLE, false);
            if let Some(a) = reading.authors {
                doc.field(a, READING, true);
            }
            if let Some(n) = reading.note {
                doc.field(n, PROSE, true);
            }
            doc.finish(Target::Reading { path: pi, reading: ri }, reading.title, &mut hits);
        }
    }
    // Stable sort: equal scores keep curriculum order (path, then week).
    hits.sort_by_key(|h| std::cmp::Reverse(h.score));
    hits.truncate(limit);
    hits
}

/// Scores one result while its fields are fed in.
struct Doc<'q> {
    words: &'q [&'q str],
    phrase: Option<&'q str>,
    best: Vec<u32>,
    bonus: u32,
    context: Vec<Highlighted>,
}

impl<'q> Doc<'q> {
    fn new(words: &'q [&'q str], phrase: Option<&'q str>) -> Self {
        Doc { words, phrase, best: vec![0; words.len()], bonus: 0, context: Vec::new() }
    }

    /// Matches every query word in `text`; `show` keeps a matched field as context.
    fn field(&mut self, text: &'static str, weight: u32, show: bool) {
        let mut matched = false;
        for (i, word) in self.words.iter().enumerate() {
            if let Some(quality) = best_quality(text, word) {
                self.best[i] = self.best[i].max(weight * quality);
                matched = true;
            }
        }
        if let Some(phrase) = self.phrase {
            if find_ci(text, phrase, 0).is_some() {
                self.bonus = self.bonus.max(weight * 4);
            }
        }
        if matched && show && self.context.len() < MAX_CONTEXT && !self.context.iter().any(|c| c.text == text) {
            self.context.push(highlight(text, self.words));
        }
    }

    fn finish(self, target: Target, title: &'static str, hits: &mut Vec<Hit>) {
        if self.best.iter().all(|&s| s > 0) {
            hits.push(Hit {
                target,
                score: self.best.iter().sum::<u32>() + self.bonus,
                title: highlight(title, self.words),
                context: self.context,
            });
        }
    }
}

/// 3 for a whole word, 2 for a word start, 1 inside a word; `None` if absent.
fn best_quality(text: &str, word: &str) -> Option<u32> {
    let mut best = None;
    let mut from = 0;
    while let Some(at) = find_ci(text, word, from) {
        let starts = at == 0 || !is_word_byte(text.as_bytes()[at - 1]);
        let end = at + word.len();
        let ends = end == text.len() || !is_word_byte(text.as_bytes()[end]);
        let q = match (starts, ends) {
            (true, true) => 3,
            (true, false) => 2,
            _ => 1,
        };
        best = best.max(Some(q));
        if q == 3 {
            break;
        }
        from = at + 1;
    }
    best
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// ASCII case-insensitive `find`, from byte `from`; returns a char-boundary offset.
fn find_ci(haystack: &str, needle: &str, from: usize) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.is_empty() || n.len() > h.len() {
        return None;
    }
    (from..=h.len() - n.len())
        .find(|&i| haystack.is_char_boundary(i) && h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Marks every occurrence of every word, merging overlaps.
fn highlight(text: &'static str, words: &[&str]) -> Highlighted {
    let mut ranges = Vec::new();
    for word in words {
        let mut from = 0;
        while let Some(at) = find_ci(text, word, from) {
            ranges.push((at, at + word.len()));
            from = at + word.len();
        }
    }
    ranges.sort();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    Highlighted { text, ranges: merged }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{find_path, Tag};

    fn week_hits(query: &str) -> Vec<(&'static str, &'static str)> {
        search(query, 200)
            .into_iter()
            .filter_map(|h| match h.target {
                Target::Week { path, week } => Some((paths()[path].id, paths()[path].weeks[week].id)),
                _ => None,
            })
            .collect()
    }

    fn weeks_tagged(tags: &[Tag]) -> Vec<(&'static str, &'static str)> {
        paths()
            .iter()
            .flat_map(|p| p.weeks.iter().map(move |w| (p, w)))
            .filter(|(_, w)| w.items().any(|i| i.tags.iter().any(|t| tags.contains(t))))
            .map(|(p, w)| (p.id, w.id))
            .collect()
    }

    #[test]
    fn lsm_finds_every_week_tagged_lsm() {
        let hits = week_hits("LSM");
        let tagged = weeks_tagged(&[Tag::Lsm]);
        assert!(!tagged.is_empty());
        for week in &tagged {
            assert!(hits.contains(week), "{week:?} is tagged LSM but not found");
        }
    }

    #[test]
    fn consistent_hashing_ranks_tagged_weeks_first() {
        let hits = week_hits("consistent hashing");
        let tagged = weeks_tagged(&[Tag::ConsistentHashing]);
        assert!(!tagged.is_empty());
        // Weeks that teach it come before weeks that merely mention either word.
        let top: Vec<_> = hits.iter().take(tagged.len()).collect();
        for week in &tagged {
            assert!(top.contains(&week), "{week:?} not among the first {} results: {hits:?}", tagged.len());
        }
    }

    #[test]
    fn every_word_must_match() {
        assert!(search("lsm zzzzqqq", 50).is_empty());
        assert!(search("   ", 50).is_empty());
    }

    #[test]
    fn title_match_outranks_a_mention_in_prose() {
        let path = find_path("data-intensive-systems").unwrap();
        let (wi, week) = path.week("w01").unwrap();
        let first_title_word = week.title.split_whitespace().next().unwrap();
        let hits = search(first_title_word, 500);
        let pos = |t: Target| hits.iter().position(|h| h.target == t);
        let week_pos = pos(Target::Week { path: 0, week: wi }).expect("title word finds its week");
        // Any week that matches only in prose scores below one matching in its title.
        for h in &hits[..week_pos] {
            assert!(h.score >= hits[week_pos].score);
        }
    }

    #[test]
    fn prefixes_match_while_typing() {
        assert!(!week_hits("compac").is_empty());
        assert!(!week_hits("CONSIST").is_empty());
    }

    #[test]
    fn quality_prefers_whole_words() {
        assert_eq!(best_quality("LSM trees", "lsm"), Some(3));
        assert_eq!(best_quality("LSMs", "lsm"), Some(2));
        assert_eq!(best_quality("also-ran", "ran"), Some(3));
        assert_eq!(best_quality("brand", "ran"), Some(1));
        assert_eq!(best_quality("b-tree", "xyz"), None);
    }

    #[test]
    fn highlight_merges_and_segments() {
        let h = highlight("Bloom filters and blooms", &["bloom", "oom f"]);
        assert_eq!(h.ranges, vec![(0, 7), (18, 23)]);
        let segs = h.segments();
        assert_eq!(segs, vec![("Bloom f", true), ("ilters and ", false), ("bloom", true), ("s", false)]);
    }

    #[test]
    fn non_ascii_text_is_safe() {
        let h = highlight("Weeks 3–4: café", &["é", "4"]);
        for (s, e) in &h.ranges {
            assert!(h.text.is_char_boundary(*s) && h.text.is_char_boundary(*e));
        }
    }
}
