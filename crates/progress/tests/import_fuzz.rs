//! The import path (decode, then merge and diff against what is stored) fed thousands of random
//! and mutated files: it refuses or accepts, and never panics. Whatever it accepts is a real
//! envelope: written again, it reads back to the same progress.

use proptest::prelude::*;
use strata_progress::envelope;
use strata_progress::merge::{diff, merge};
use strata_progress::{Key, Progress, State};

const FIXTURE: &str = include_str!("fixtures/envelope-v1.json");

fn stored() -> Progress {
    let mut p = Progress::default();
    p.set(Key::item("data-engineer", "sql-joins"), State::InProgress, 5);
    p
}

/// What the progress page does with a file, short of showing it.
fn import(text: &str) {
    if let Ok(envelope) = envelope::decode(text) {
        let merged = merge(&stored(), &envelope.progress);
        let _ = diff(&stored(), &merged);
        let _ = diff(&stored(), &envelope.progress);
        let again = envelope::encode(&envelope.progress, "fuzz", 0);
        assert_eq!(envelope::decode(&again).map(|e| e.progress), Ok(envelope.progress), "accepted text must re-read the same: {text}");
    }
}

/// Pieces a mutation splices in: JSON punctuation, wrong types, edge numbers, odd text.
const FRAGMENTS: &[&str] = &[
    "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u0000", "\\ud800", "null", "true", "-0", "1e309", "0.1", "-1",
    "9007199254740993", "18446744073709551616", "\"done\"", "\"strata-progress\"", "\"schema\":1", "\"marks\":{}",
    "\"at\":", "\"p/i\":{\"state\":\"done\",\"at\":1}", "é", "\u{1F600}", " ", "\n",
];

#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize, usize),
    Insert(usize, usize),
    Truncate(usize),
    Repeat(usize, usize),
}

fn arb_mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1usize..12).prop_map(|(at, n)| Mutation::Delete(at, n)),
        (any::<usize>(), 0..FRAGMENTS.len()).prop_map(|(at, f)| Mutation::Insert(at, f)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 1usize..40).prop_map(|(at, n)| Mutation::Repeat(at, n)),
    ]
}

/// Applies `m` at a character boundary of `text`.
fn mutate(text: &str, m: &Mutation) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = |i: usize| if chars.is_empty() { 0 } else { i % (chars.len() + 1) };
    let mut out: Vec<char> = chars.clone();
    match *m {
        Mutation::Delete(i, n) => {
            let i = at(i);
            out.drain(i..(i + n).min(out.len()));
        }
        Mutation::Insert(i, f) => {
            let i = at(i);
            out.splice(i..i, FRAGMENTS[f].chars());
        }
        Mutation::Truncate(i) => out.truncate(at(i)),
        Mutation::Repeat(i, n) => {
            let i = at(i);
            let piece: Vec<char> = chars[i..(i + n).min(chars.len())].to_vec();
            out.splice(i..i, piece);
        }
    }
    out.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn random_text_never_panics(text in "\\PC{0,200}") {
        import(&text);
    }

    #[test]
    fn mutated_envelopes_never_panic(mutations in prop::collection::vec(arb_mutation(), 1..6)) {
        let text = mutations.iter().fold(FIXTURE.to_string(), |t, m| mutate(&t, m));
        import(&text);
    }

    #[test]
    fn json_shaped_noise_never_panics(pieces in prop::collection::vec(0..FRAGMENTS.len(), 0..40)) {
        let body: String = pieces.iter().map(|&i| FRAGMENTS[i]).collect();
        import(&format!("{{\"format\":\"strata-progress\",\"schema\":1,{body}"));
        import(&body);
    }
}
