//! Instant search across every path: path, week and reading titles, topics, tags, notes and
//! readings, and the visualizers with their guided scenarios.
//!
//! Every word of the query must appear somewhere in a result (prefixes count, so results narrow
//! as you type). Common spellings of one idea are one term: `btree`, `b-tree` and `b tree` find
//! "B-tree" (and B+ trees); `bplus`, `b+ tree` and `b+tree` find "B+ tree"; `lsm` and
//! `log-structured`; `sstable` and `sorted string table`; `consistent hashing` and `hash ring`.
//! A word of five letters or more that is not in a field also matches a word there one typo
//! away (a letter added, dropped, changed, or two swapped: `kafak` finds Kafka), at a lower
//! score than any exact match in the same field.
//!
//! A result's score adds, for each term, its best match: the field's weight times how cleanly
//! the term matched (a whole word beats a word start beats the middle of a word beats a typo),
//! plus a bonus where the whole query appears as a phrase. A week found through an item's tag
//! says which tag and item. No index is kept: a scan over the compiled curriculum is a few
//! hundred microseconds and allocates little beyond the results.

use crate::visualizers::VISUALIZERS;
use crate::{paths, Tag};

/// Where a result leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Path { path: usize },
    Week { path: usize, week: usize },
    Reading { path: usize, reading: usize },
    /// An index into `VISUALIZERS`.
    Visualizer { viz: usize },
    /// One of a visualizer's guided scenarios.
    Scenario { viz: usize, scenario: usize },
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
    /// Tags the query matched, each with the title of an item that carries it (up to three).
    pub tags: Vec<(Tag, &'static str)>,
}

const TITLE: u32 = 10;
const READING_TITLE: u32 = 8;
const TOPIC: u32 = 6;
const TAG: u32 = 5;
const READING: u32 = 4;
const CHECKPOINT: u32 = 3;
const PROSE: u32 = 2;
const MAX_CONTEXT: usize = 3;

/// How cleanly a term matched.
const WHOLE: u32 = 6;
const START: u32 = 4;
const INSIDE: u32 = 2;
const TYPO: u32 = 1;

/// Spellings of one idea: what a learner may type (longest first within each list, so "b+ tree"
/// is read before "b+"), and what the curriculum's text says. B+ trees come first: they are
/// B-trees too, but a learner asking for B+ trees means those.
const CONCEPTS: &[(&[&str], &[&str])] = &[
    (
        &["b plus tree", "bplus-tree", "bplus tree", "bplustree", "b+-tree", "b+ trees", "b+ tree", "b+trees", "b+tree", "bplus", "b+"],
        &["b+ tree", "b+tree", "b+-tree", "bplus"],
    ),
    (&["b-trees", "b trees", "btrees", "b-tree", "b tree", "btree"], &["b-tree", "b tree", "btree", "b+ tree", "b+tree", "b+-tree"]),
    (
        &["log-structured merge", "log structured merge", "log-structured", "log structured", "lsm-trees", "lsm trees", "lsm-tree", "lsm tree", "lsm"],
        &["lsm", "log-structured", "log structured"],
    ),
    (
        &["sorted string tables", "sorted string table", "ss-tables", "ss tables", "ss-table", "ss table", "sstables", "sstable"],
        &["sstable", "sorted string table"],
    ),
    (
        &["consistent hashing", "consistent-hashing", "consistent hash", "hashing ring", "hash rings", "hash ring", "token ring", "ring hashing"],
        &["consistent hash", "hash ring", "token ring"],
    ),
];

/// One thing the query asks for: a word, or one of the [`CONCEPTS`] in any of its spellings.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    /// Any of these in a field matches (ASCII lowercase).
    alts: Vec<String>,
    /// A plain word long enough to be matched one typo away.
    typo: bool,
}

fn terms(query: &str) -> Vec<Term> {
    let lower = query.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let separator = |b: u8| b.is_ascii_whitespace() || b == b',';
    let mut out = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        if separator(bytes[at]) {
            at += 1;
            continue;
        }
        let rest = &lower[at..];
        let concept = CONCEPTS.iter().find_map(|(typed, text)| {
            typed
                .iter()
                .find(|t| rest.starts_with(**t) && rest.as_bytes().get(t.len()).is_none_or(|&b| !b.is_ascii_alphanumeric()))
                .map(|t| (t.len(), text))
        });
        match concept {
            Some((len, text)) => {
                out.push(Term { alts: text.iter().map(|t| t.to_string()).collect(), typo: false });
                at += len;
            }
            None => {
                let len = rest.bytes().position(separator).unwrap_or(rest.len());
                let word = &rest[..len];
                out.push(Term { alts: vec![word.to_string()], typo: word.len() >= 5 && word.bytes().all(|b| b.is_ascii_alphabetic()) });
                at += len;
            }
        }
    }
    out
}

/// Searches every compiled path and the visualizers; see the module docs for the ranking.
pub fn search(query: &str, limit: usize) -> Vec<Hit> {
    let query = query.trim();
    let terms = terms(query);
    if terms.is_empty() {
        return Vec::new();
    }
    let phrase = query.contains(|c: char| c.is_whitespace()).then(|| query.to_ascii_lowercase());
    let phrase = phrase.as_deref();
    let mut hits = Vec::new();
    for (vi, viz) in VISUALIZERS.iter().enumerate() {
        let mut doc = Doc::new(&terms, phrase);
        doc.field(viz.title, TITLE, false);
        for tag in viz.tags() {
            doc.tag(tag, viz.title);
        }
        doc.field(viz.summary, PROSE, true);
        for g in viz.scenarios {
            doc.field(g.title, TOPIC, true);
        }
        doc.finish(Target::Visualizer { viz: vi }, viz.title, &mut hits);
        for (gi, g) in viz.scenarios.iter().enumerate() {
            let mut doc = Doc::new(&terms, phrase);
            doc.field(g.title, TITLE, false);
            doc.field(g.summary, PROSE, true);
            doc.field(viz.title, PROSE, false);
            for tag in viz.tags() {
                doc.tag(tag, viz.title);
            }
            doc.finish(Target::Scenario { viz: vi, scenario: gi }, g.title, &mut hits);
        }
    }
    for (pi, path) in paths().iter().enumerate() {
        let mut doc = Doc::new(&terms, phrase);
        doc.field(path.title, TITLE, false);
        doc.field(path.summary, PROSE, true);
        for text in path.essential_question.iter().chain(path.outcomes).chain(path.prerequisites) {
            doc.field(text, PROSE, true);
        }
        doc.finish(Target::Path { path: pi }, path.title, &mut hits);

        for (wi, week) in path.weeks.iter().enumerate() {
            let mut doc = Doc::new(&terms, phrase);
            doc.field(week.title, TITLE, false);
            for item in week.items() {
                doc.field(item.title, TOPIC, true);
                for &tag in item.tags {
                    doc.tag(tag, item.title);
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
            let mut doc = Doc::new(&terms, phrase);
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
    // Stable sort: equal scores keep their order (visualizers, then curriculum order).
    hits.sort_by_key(|h| std::cmp::Reverse(h.score));
    hits.truncate(limit);
    hits
}

/// Scores one result while its fields are fed in.
struct Doc<'q> {
    terms: &'q [Term],
    phrase: Option<&'q str>,
    best: Vec<u32>,
    bonus: u32,
    context: Vec<Highlighted>,
    tags: Vec<(Tag, &'static str)>,
}

impl<'q> Doc<'q> {
    fn new(terms: &'q [Term], phrase: Option<&'q str>) -> Self {
        Doc { terms, phrase, best: vec![0; terms.len()], bonus: 0, context: Vec::new(), tags: Vec::new() }
    }

    /// Matches every term in `text`; `show` keeps a matched field as context. Returns whether
    /// any term matched.
    fn field(&mut self, text: &'static str, weight: u32, show: bool) -> bool {
        let mut matched = false;
        for (i, term) in self.terms.iter().enumerate() {
            if let Some(quality) = best_quality(text, term) {
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
            self.context.push(highlight(text, self.terms));
        }
        matched
    }

    /// An item's tag (by its label and its vocabulary word): a match says why the result matched.
    fn tag(&mut self, tag: Tag, item: &'static str) {
        let by_label = self.field(tag.label(), TAG, false);
        let by_word = tag.slug().contains('-') && self.field(tag.slug(), TAG, false);
        if (by_label || by_word) && self.tags.len() < MAX_CONTEXT && !self.tags.iter().any(|(t, _)| *t == tag) {
            self.tags.push((tag, item));
        }
    }

    fn finish(self, target: Target, title: &'static str, hits: &mut Vec<Hit>) {
        if self.best.iter().all(|&s| s > 0) {
            hits.push(Hit {
                target,
                score: self.best.iter().sum::<u32>() + self.bonus,
                title: highlight(title, self.terms),
                context: self.context,
                tags: self.tags,
            });
        }
    }
}

/// How cleanly `term` matches `text` (see [`WHOLE`] and the rest); `None` if it does not.
fn best_quality(text: &str, term: &Term) -> Option<u32> {
    let exact = term.alts.iter().filter_map(|alt| exact_quality(text, alt)).max();
    exact.or_else(|| (term.typo && !typo_ranges(text, &term.alts[0]).is_empty()).then_some(TYPO))
}

fn exact_quality(text: &str, word: &str) -> Option<u32> {
    let mut best = None;
    let mut from = 0;
    while let Some(at) = find_ci(text, word, from) {
        let starts = at == 0 || !is_word_byte(text.as_bytes()[at - 1]);
        let end = at + word.len();
        let ends = end == text.len() || !is_word_byte(text.as_bytes()[end]);
        let q = match (starts, ends) {
            (true, true) => WHOLE,
            (true, false) => START,
            _ => INSIDE,
        };
        best = best.max(Some(q));
        if q == WHOLE {
            break;
        }
        from = at + 1;
    }
    best
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// The words of `text` one typo away from `word` (same first letter, length within one).
fn typo_ranges(text: &str, word: &str) -> Vec<(usize, usize)> {
    let w = word.as_bytes();
    let t = text.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while at < t.len() {
        if !is_word_byte(t[at]) {
            at += 1;
            continue;
        }
        let end = t[at..].iter().position(|&b| !is_word_byte(b)).map_or(t.len(), |n| at + n);
        let candidate = &t[at..end];
        if candidate.len() + 1 >= w.len() && candidate.len() <= w.len() + 1 && candidate[0].eq_ignore_ascii_case(&w[0]) && one_typo(candidate, w) {
            out.push((at, end));
        }
        at = end;
    }
    out
}

/// Whether `a` and `b` differ by exactly one edit: a letter added, dropped or changed, or two
/// neighbours swapped (ASCII case-insensitive).
fn one_typo(a: &[u8], b: &[u8]) -> bool {
    let eq = |x: u8, y: u8| x.eq_ignore_ascii_case(&y);
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let Some(i) = short.iter().zip(long).position(|(&x, &y)| !eq(x, y)) else {
        return long.len() == short.len() + 1;
    };
    if short.len() == long.len() {
        let changed = short[i + 1..].iter().zip(&long[i + 1..]).all(|(&x, &y)| eq(x, y));
        let swapped = i + 1 < short.len()
            && eq(short[i], long[i + 1])
            && eq(short[i + 1], long[i])
            && short[i + 2..].iter().zip(&long[i + 2..]).all(|(&x, &y)| eq(x, y));
        changed || swapped
    } else {
        short[i..].iter().zip(&long[i + 1..]).all(|(&x, &y)| eq(x, y))
    }
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

/// Marks every occurrence of every term (its typo matches where it has no exact one), merging
/// overlaps.
fn highlight(text: &'static str, terms: &[Term]) -> Highlighted {
    let mut ranges = Vec::new();
    for term in terms {
        let before = ranges.len();
        for alt in &term.alts {
            let mut from = 0;
            while let Some(at) = find_ci(text, alt, from) {
                ranges.push((at, at + alt.len()));
                from = at + alt.len();
            }
        }
        if ranges.len() == before && term.typo {
            ranges.extend(typo_ranges(text, &term.alts[0]));
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

    fn word(w: &str) -> Term {
        terms(w).remove(0)
    }

    #[test]
    fn quality_prefers_whole_words_then_starts_then_insides_then_typos() {
        assert_eq!(best_quality("LSM trees", &word("lsm")), Some(WHOLE));
        assert_eq!(best_quality("LSMs", &word("lsm")), Some(START));
        assert_eq!(best_quality("log-structured storage", &word("lsm")), Some(WHOLE), "lsm is a concept: log-structured counts too");
        assert_eq!(best_quality("Kafka topics", &word("kaf")), Some(START));
        assert_eq!(best_quality("also-ran", &word("ran")), Some(WHOLE));
        assert_eq!(best_quality("brand", &word("ran")), Some(INSIDE));
        assert_eq!(best_quality("Apache Kafka topics", &word("kafak")), Some(TYPO));
        assert_eq!(best_quality("b-tree", &word("xyz")), None);
    }

    #[test]
    fn spellings_of_one_idea_are_one_term() {
        for q in ["btree", "b-tree", "B tree", "b-trees", "BTREE"] {
            assert_eq!(terms(q), terms("btree"), "{q}");
        }
        for q in ["b+ tree", "b+tree", "bplus", "bplus tree", "B+ trees", "b plus tree"] {
            assert_eq!(terms(q), terms("bplus"), "{q}");
        }
        assert_eq!(terms("log-structured"), terms("lsm"));
        assert_eq!(terms("hash ring"), terms("consistent hashing"));
        assert_eq!(terms("sorted string table"), terms("sstable"));
        assert_eq!(terms("lsm compaction").len(), 2);
        assert_eq!(terms("b+ tree range scan").len(), 3);
        assert!(best_quality("B+ tree leaves", &word("btree")).is_some(), "a B+ tree is a B-tree");
        assert!(best_quality("B-tree pages", &word("bplus")).is_none(), "but not the other way round");
    }

    #[test]
    fn one_typo_is_one_edit() {
        let t = |a: &str, b: &str| one_typo(a.as_bytes(), b.as_bytes());
        assert!(t("kafak", "kafka") && t("kafk", "kafka") && t("kafkaa", "kafka") && t("kafke", "Kafka"));
        assert!(!t("kafka", "kafka") && !t("kfkaa", "kafka") && !t("akfak", "kafka") && !t("spar", "spark!"));
        assert_eq!(typo_ranges("Apache Kafka, kafka-connect", "kafak"), vec![(7, 12), (14, 19)]);
    }

    #[test]
    fn each_spelling_finds_the_tagged_weeks_and_the_visualizer() {
        let cases: [(&[&str], &[Tag], bool); 5] = [
            (&["btree", "b-tree", "b tree"], &[Tag::Btree], true),
            (&["b+ tree", "bplus", "bplus tree", "b+tree"], &[], true),
            (&["lsm", "log-structured", "LSM tree"], &[Tag::Lsm], false),
            (&["sstable", "SSTables"], &[Tag::Sstable], false),
            (&["consistent hashing", "hash ring"], &[Tag::ConsistentHashing], false),
        ];
        for (queries, tags, visualizer) in cases {
            for q in queries {
                let hits = search(q, 500);
                let weeks = week_hits(q);
                assert!(!weeks.is_empty(), "{q} finds no week");
                for week in weeks_tagged(tags) {
                    assert!(weeks.contains(&week), "{q}: {week:?} is tagged {tags:?} but not found");
                }
                let viz = hits.iter().position(|h| h.target == Target::Visualizer { viz: 0 });
                assert_eq!(viz.is_some(), visualizer, "{q}: the B-tree visualizer in the results");
                if visualizer {
                    assert!(viz.unwrap() < 5, "{q}: the visualizer is among the first results");
                    assert!(hits.iter().any(|h| matches!(h.target, Target::Scenario { .. })), "{q}: guided scenarios");
                }
            }
        }
        // A guided scenario by its own words.
        let hits = search("range scan", 50);
        assert!(hits.iter().any(|h| h.target == Target::Scenario { viz: 0, scenario: 4 }), "{hits:?}");
    }

    #[test]
    fn a_typo_finds_what_the_word_finds_and_ranks_below_it() {
        let exact = search("kafka", 500);
        let typo = search("kafak", 500);
        assert!(!typo.is_empty(), "kafak finds nothing");
        for hit in &typo {
            let same = exact.iter().find(|h| h.target == hit.target).expect("a typo result is also a result for the word");
            assert!(hit.score < same.score, "{:?}: typo {} against exact {}", hit.target, hit.score, same.score);
            assert!(hit.title.ranges.len() + hit.context.iter().map(|c| c.ranges.len()).sum::<usize>() > 0, "the typo is highlighted");
        }
        // A typo in a title counts for less than the whole word in a week's prose.
        assert!(TITLE * TYPO < PROSE * WHOLE);
        assert!(search("kafka", 500).len() >= typo.len());
    }

    #[test]
    fn a_week_found_by_a_tag_says_which_tag_and_item() {
        let hits = search("sharding", 500);
        let tagged = hits
            .iter()
            .find(|h| matches!(h.target, Target::Week { .. }) && !h.tags.is_empty())
            .expect("a week found through its sharding tag");
        let (tag, item) = tagged.tags[0];
        assert_eq!(tag, Tag::Sharding);
        let Target::Week { path, week } = tagged.target else { unreachable!() };
        assert!(paths()[path].weeks[week].items().any(|i| i.title == item && i.tags.contains(&Tag::Sharding)));
    }

    #[test]
    fn non_ascii_text_is_safe() {
        let h = highlight("Weeks 3–4: café", &terms("é 4"));
        for (s, e) in &h.ranges {
            assert!(h.text.is_char_boundary(*s) && h.text.is_char_boundary(*e));
        }
    }
}
