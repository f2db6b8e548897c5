//! The B-tree's operation grammar: `ops=i3,i7,d4,s9,r3-9,l1-40.55:70,f100,c`, and the
//! operations form's input.
//!
//! Operations: `i23` insert, `d23` delete, `s23` search, `r3-9` range scan, `l1-40.55:70` bulk
//! load of keys 1–40 and 55 at 70 % fill, `f100` insert 100 random keys, `c` clear.
//! Keys are whole numbers from 0 to 99,999.

use crate::btree::{BTree, Key, MAX_KEY};
use crate::scenario::MAX_OPS;
use crate::step::Recorder;

/// The most keys a random fill or bulk load may add: the layout stays legible well past
/// 1,000 keys, and replaying a link stays instant.
pub const MAX_BATCH: usize = 2_000;

const ACCEPTED_OPS: &str = "each operation is i (insert), d (delete) or s (search) and a key from 0 to 99999, \
r and a range (r3-9), l and keys to bulk load (l1-40 or l1-40:70 for 70 % full), f and a count (f100), or c (clear)";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    Insert(Key),
    Delete(Key),
    Search(Key),
    Range(Key, Key),
    /// Bulk load these ascending keys, each node filled to `fill` percent.
    Load { keys: Vec<Key>, fill: u8 },
    /// Insert this many random keys.
    Fill(u32),
    Clear,
}

impl Op {
    /// The op's token in the `ops` parameter.
    pub fn token(&self) -> String {
        match self {
            Op::Insert(k) => format!("i{k}"),
            Op::Delete(k) => format!("d{k}"),
            Op::Search(k) => format!("s{k}"),
            Op::Range(lo, hi) => format!("r{lo}-{hi}"),
            Op::Load { keys, fill } => {
                let mut token = format!("l{}", compact_runs(keys));
                if *fill != 100 {
                    token.push_str(&format!(":{fill}"));
                }
                token
            }
            Op::Fill(n) => format!("f{n}"),
            Op::Clear => "c".into(),
        }
    }

    /// Parses one token, or says what is wrong with it.
    pub fn parse(token: &str) -> Result<Op, String> {
        let token = token.trim();
        let bad = || format!("“{token}” is not an operation: {ACCEPTED_OPS}.");
        let (kind, rest) = token.split_at(token.char_indices().nth(1).map_or(token.len(), |(i, _)| i));
        let key = |text: &str| parse_key(text).map_err(|e| format!("“{token}”: {e}"));
        match kind {
            "i" => Ok(Op::Insert(key(rest)?)),
            "d" => Ok(Op::Delete(key(rest)?)),
            "s" => Ok(Op::Search(key(rest)?)),
            "r" => {
                let (lo, hi) = rest.split_once('-').ok_or_else(bad)?;
                let (lo, hi) = (key(lo)?, key(hi)?);
                Ok(Op::Range(lo.min(hi), lo.max(hi)))
            }
            "l" => {
                let (list, fill) = match rest.split_once(':') {
                    Some((list, fill)) => (list, fill.parse::<u8>().ok().filter(|f| (50..=100).contains(f)).ok_or_else(|| {
                        format!("“{token}”: the fill after : is a percentage from 50 to 100.")
                    })?),
                    None => (rest, 100),
                };
                let keys = parse_key_runs(list).map_err(|e| format!("“{token}”: {e}"))?;
                Ok(Op::Load { keys, fill })
            }
            "f" => match rest.parse::<u32>() {
                Ok(n) if (1..=MAX_BATCH as u32).contains(&n) => Ok(Op::Fill(n)),
                _ => Err(format!("“{token}”: a random fill adds from 1 to {MAX_BATCH} keys.")),
            },
            "c" if rest.is_empty() => Ok(Op::Clear),
            _ => Err(bad()),
        }
    }

    /// How the operation list names it.
    pub fn label(&self) -> String {
        match self {
            Op::Insert(k) => format!("insert {k}"),
            Op::Delete(k) => format!("delete {k}"),
            Op::Search(k) => format!("search {k}"),
            Op::Range(lo, hi) => format!("range {lo}–{hi}"),
            Op::Load { keys, fill } => format!("bulk load {} keys at {fill}%", keys.len()),
            Op::Fill(n) => format!("random fill {n}"),
            Op::Clear => "clear".into(),
        }
    }

    /// Runs the operation, recording its steps. `seed` feeds random fills.
    pub fn apply(&self, tree: &mut BTree, seed: u64, rec: &mut impl Recorder<BTree>) {
        match self {
            Op::Insert(k) => {
                tree.insert(*k, rec);
            }
            Op::Delete(k) => {
                tree.delete(*k, rec);
            }
            Op::Search(k) => {
                tree.search(*k, rec);
            }
            Op::Range(lo, hi) => {
                tree.range(*lo, *hi, rec);
            }
            Op::Load { keys, fill } => tree.bulk_load(keys, *fill, rec),
            Op::Fill(n) => tree.random_fill(*n as usize, seed, rec),
            Op::Clear => tree.clear(rec),
        }
    }
}

fn parse_key(text: &str) -> Result<Key, String> {
    match text.trim().parse::<u64>() {
        Ok(k) if k <= MAX_KEY as u64 => Ok(k as Key),
        Ok(_) => Err(format!("{} is out of range: keys go from 0 to {MAX_KEY}.", text.trim())),
        Err(_) => Err(format!("“{}” is not a key: keys are whole numbers from 0 to {MAX_KEY}.", text.trim())),
    }
}

/// `1-20.40.50-60` → 1..=20, 40, 50..=60, sorted and without repeats.
fn parse_key_runs(text: &str) -> Result<Vec<Key>, String> {
    let mut keys = Vec::new();
    for run in text.split('.').filter(|r| !r.is_empty()) {
        let (lo, hi) = match run.split_once('-') {
            Some((lo, hi)) => (parse_key(lo)?, parse_key(hi)?),
            None => {
                let k = parse_key(run)?;
                (k, k)
            }
        };
        let (lo, hi) = (lo.min(hi), lo.max(hi));
        if keys.len() + (hi - lo) as usize + 1 > MAX_BATCH {
            return Err(format!("a bulk load takes at most {MAX_BATCH} keys."));
        }
        keys.extend(lo..=hi);
    }
    if keys.is_empty() {
        return Err("list the keys to load, as in l1-40 or l1-20.35.50-60.".into());
    }
    keys.sort_unstable();
    keys.dedup();
    Ok(keys)
}

/// The inverse of [`parse_key_runs`] for sorted keys: consecutive keys collapse to `lo-hi`.
fn compact_runs(keys: &[Key]) -> String {
    let mut runs: Vec<String> = Vec::new();
    let mut i = 0;
    while i < keys.len() {
        let mut j = i;
        while j + 1 < keys.len() && keys[j + 1] == keys[j] + 1 {
            j += 1;
        }
        runs.push(if i == j { keys[i].to_string() } else { format!("{}-{}", keys[i], keys[j]) });
        i = j + 1;
    }
    runs.join(".")
}

/// What the operations form asks for, before its text is parsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    Insert,
    Delete,
    Search,
    Range,
    Load,
    Fill,
    Clear,
}

/// Turns what a learner typed into operations, or one message saying what is accepted.
/// Keys may be separated by spaces or commas: "3 7 9 23" and "3,7,9,23" are the same.
pub fn parse_input(kind: InputKind, text: &str, load_fill: u8) -> Result<Vec<Op>, String> {
    let words: Vec<&str> = text.split(|c: char| c == ',' || c.is_whitespace()).filter(|w| !w.is_empty()).collect();
    let keys = || -> Result<Vec<Key>, String> {
        if words.is_empty() {
            return Err(format!("Type one or more keys from 0 to {MAX_KEY}, separated by spaces or commas."));
        }
        if words.len() > MAX_OPS {
            return Err(format!("At most {MAX_OPS} keys at a time."));
        }
        words.iter().map(|w| parse_key(w)).collect()
    };
    match kind {
        InputKind::Insert => Ok(keys()?.into_iter().map(Op::Insert).collect()),
        InputKind::Delete => Ok(keys()?.into_iter().map(Op::Delete).collect()),
        InputKind::Search => Ok(keys()?.into_iter().map(Op::Search).collect()),
        InputKind::Range => {
            let bounds: Vec<&str> = text.split(|c: char| c == ',' || c == '-' || c.is_whitespace()).filter(|w| !w.is_empty()).collect();
            match bounds.as_slice() {
                [lo, hi] => {
                    let (lo, hi) = (parse_key(lo)?, parse_key(hi)?);
                    Ok(vec![Op::Range(lo.min(hi), lo.max(hi))])
                }
                _ => Err("Type the two ends of the range, as in 3-9 or 3 9.".into()),
            }
        }
        InputKind::Load => {
            let runs = words.join(".");
            parse_key_runs(&runs).map(|keys| vec![Op::Load { keys, fill: load_fill.clamp(50, 100) }])
        }
        InputKind::Fill => match text.trim().parse::<u32>() {
            Ok(n) if (1..=MAX_BATCH as u32).contains(&n) => Ok(vec![Op::Fill(n)]),
            _ => Err(format!("Type how many random keys to add, from 1 to {MAX_BATCH}.")),
        },
        InputKind::Clear => Ok(vec![Op::Clear]),
    }
}

