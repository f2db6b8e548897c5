//! The B-tree visualizer's scenario: `#/viz/btree?variant=b&degree=5&ops=i3,i7,d4,s9,r3-9&step=12`.
//!
//! | parameter    | values                                   | default       |
//! |--------------|------------------------------------------|---------------|
//! | `variant`    | `b`, `bplus`                             | `b`           |
//! | `degree`     | 3 to 10 (most children per node)         | 4             |
//! | `preemptive` | 1 or 0 (top-down splits; even degrees)   | 0             |
//! | `policy`     | `predecessor`, `successor`               | `predecessor` |
//! | `seed`       | 0 to 2⁶⁴−1, for random fills             | 1             |
//! | `fill`       | 0 to 2,000 random keys to start with     | 0             |
//! | `ops`        | operations, comma-separated (below)      | none          |
//! | `compare`    | `b` or `bplus`, optionally `:degree`     | off           |
//! | `guided`     | a guided scenario's slug (see [`GUIDED`]) | none          |
//!
//! Operations: `i23` insert, `d23` delete, `s23` search, `r3-9` range scan, `l1-40.55:70` bulk
//! load of keys 1–40 and 55 at 70 % fill, `f100` insert 100 random keys, `c` clear.
//! Keys are whole numbers from 0 to 99,999.

use super::{bounded, flag, join_query, json, Common, Notice};
use crate::btree::{BTree, Config, DeletePolicy, Key, Variant, MAX_DEGREE, MAX_KEY, MIN_DEGREE};
use crate::step::{Recorder, Timeline};

/// More operations than this in one link are dropped, with a notice.
pub const MAX_OPS: usize = 500;
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
        let bad = || format!("`{token}` is not an operation: {ACCEPTED_OPS}.");
        let (kind, rest) = token.split_at(token.char_indices().nth(1).map_or(token.len(), |(i, _)| i));
        let key = |text: &str| parse_key(text).map_err(|e| format!("`{token}`: {e}"));
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
                        format!("`{token}`: the fill after : is a percentage from 50 to 100.")
                    })?),
                    None => (rest, 100),
                };
                let keys = parse_key_runs(list).map_err(|e| format!("`{token}`: {e}"))?;
                Ok(Op::Load { keys, fill })
            }
            "f" => match rest.parse::<u32>() {
                Ok(n) if (1..=MAX_BATCH as u32).contains(&n) => Ok(Op::Fill(n)),
                _ => Err(format!("`{token}`: a random fill adds from 1 to {MAX_BATCH} keys.")),
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
        Err(_) => Err(format!("`{}` is not a key: keys are whole numbers from 0 to {MAX_KEY}.", text.trim())),
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

/// The second tree of compare mode: same operations, another variant or degree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Compare {
    pub variant: Variant,
    pub degree: u8,
}

/// Everything a B-tree link says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    pub config: Config,
    pub seed: u64,
    /// Random keys inserted before the operations (with `seed`), as one step.
    pub fill: u32,
    pub ops: Vec<Op>,
    pub compare: Option<Compare>,
    pub common: Common,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario { config: Config::default(), seed: 1, fill: 0, ops: Vec::new(), compare: None, common: Common::default() }
    }
}

/// A variant's name in addresses and the message API: `b` or `bplus`.
pub fn variant_param(v: Variant) -> &'static str {
    match v {
        Variant::B => "b",
        Variant::BPlus => "bplus",
    }
}

/// Reads a variant's name, accepting a few spellings people type.
pub fn parse_variant(value: &str) -> Option<Variant> {
    match value {
        "b" | "btree" => Some(Variant::B),
        "bplus" | "b+" | "b+tree" => Some(Variant::BPlus),
        _ => None,
    }
}

/// Replaces `guided=<slug>` with that guided scenario's parameters; parameters written after
/// it still apply on top. An unknown slug becomes a notice.
pub fn expand_guided(pairs: &[(String, String)]) -> (Vec<(String, String)>, Vec<Notice>) {
    let mut out = Vec::new();
    let mut notices = Vec::new();
    for (key, value) in pairs {
        if key != "guided" {
            out.push((key.clone(), value.clone()));
            continue;
        }
        match GUIDED.iter().find(|g| g.slug == value) {
            Some(g) => out.extend(g.query.split('&').filter_map(|p| p.split_once('=')).map(|(k, v)| (k.to_string(), v.to_string()))),
            None => notices.push(Notice::new(
                "guided",
                format!(
                    "guided={value} ignored: the guided scenarios are {}.",
                    GUIDED.iter().map(|g| g.slug).collect::<Vec<_>>().join(", ")
                ),
            )),
        }
    }
    (out, notices)
}

impl Scenario {
    /// Reads decoded query pairs. Never fails: what cannot be used is reported in the notices.
    pub fn parse(pairs: &[(String, String)]) -> (Scenario, Vec<Notice>) {
        let mut s = Scenario::default();
        let (pairs, mut notices) = expand_guided(pairs);
        for (key, value) in &pairs {
            let value = value.trim();
            let result: Result<(), Notice> = match key.as_str() {
                "variant" => parse_variant(value)
                    .map(|v| s.config.variant = v)
                    .ok_or_else(|| Notice::new("variant", format!("variant={value} ignored: use b or bplus."))),
                "degree" => bounded("degree", value, MIN_DEGREE, MAX_DEGREE).map(|d| s.config.degree = d),
                "preemptive" => flag("preemptive", value).map(|p| s.config.preemptive = p),
                "policy" => match value {
                    "predecessor" => Ok(DeletePolicy::Predecessor),
                    "successor" => Ok(DeletePolicy::Successor),
                    _ => Err(Notice::new("policy", format!("policy={value} ignored: use predecessor or successor."))),
                }
                .map(|p| s.config.policy = p),
                "seed" => bounded("seed", value, 0, u64::MAX).map(|n| s.seed = n),
                "fill" => bounded("fill", value, 0, MAX_BATCH as u32).map(|n| s.fill = n),
                "ops" => {
                    for token in value.split(',').filter(|t| !t.trim().is_empty()) {
                        if s.ops.len() == MAX_OPS {
                            notices.push(Notice::new("ops", format!("Only the first {MAX_OPS} operations were run.")));
                            break;
                        }
                        match Op::parse(token) {
                            Ok(op) => s.ops.push(op),
                            Err(message) => notices.push(Notice::new("ops", format!("{message} Skipped."))),
                        }
                    }
                    Ok(())
                }
                "compare" => {
                    let (variant, degree) = value.split_once(':').unwrap_or((value, ""));
                    match parse_variant(variant) {
                        None => Err(Notice::new(
                            "compare",
                            format!("compare={value} ignored: use b or bplus, optionally with a degree, as in bplus:5."),
                        )),
                        Some(variant) => {
                            let degree = if degree.is_empty() { Ok(None) } else { bounded("compare", degree, MIN_DEGREE, MAX_DEGREE).map(Some) };
                            degree.map(|d| s.compare = Some(Compare { variant, degree: d.unwrap_or(0) }))
                        }
                    }
                }
                other if s.common.take(other, value, &mut notices) => Ok(()),
                other => Err(Notice::new(other, format!("`{other}` is not a B-tree parameter, so it was ignored."))),
            };
            if let Err(n) = result {
                notices.push(n);
            }
        }
        // A compare degree of 0 means "the same degree", known only once all pairs are read.
        if let Some(c) = &mut s.compare {
            if c.degree == 0 {
                c.degree = s.config.degree;
            }
        }
        if s.config.preemptive && s.config.degree % 2 == 1 {
            notices.push(Notice::new(
                "preemptive",
                format!("preemptive=1 needs an even degree, and {} is odd: splits happen on the way up instead.", s.config.degree),
            ));
        }
        (s, notices)
    }

    /// The query string that reproduces this scenario; defaults are left out.
    pub fn to_query(&self) -> String {
        let mut out: Vec<(String, String)> = Vec::new();
        let d = Scenario::default();
        if self.config.variant != d.config.variant {
            out.push(("variant".into(), variant_param(self.config.variant).into()));
        }
        if self.config.degree != d.config.degree {
            out.push(("degree".into(), self.config.degree.to_string()));
        }
        if self.config.preemptive {
            out.push(("preemptive".into(), "1".into()));
        }
        if self.config.policy == DeletePolicy::Successor {
            out.push(("policy".into(), "successor".into()));
        }
        if self.seed != d.seed {
            out.push(("seed".into(), self.seed.to_string()));
        }
        if self.fill > 0 {
            out.push(("fill".into(), self.fill.to_string()));
        }
        if !self.ops.is_empty() {
            out.push(("ops".into(), self.ops.iter().map(Op::token).collect::<Vec<_>>().join(",")));
        }
        if let Some(c) = self.compare {
            let mut value = variant_param(c.variant).to_string();
            if c.degree != self.config.degree {
                value.push_str(&format!(":{}", c.degree));
            }
            out.push(("compare".into(), value));
        }
        self.common.write(&mut out);
        join_query(&out)
    }

    /// The config of compare mode's second tree, if there is one.
    pub fn compare_config(&self) -> Option<Config> {
        self.compare.map(|c| Config { variant: c.variant, degree: c.degree, ..self.config })
    }

    /// Replays the scenario on a tree with `config`, recording every step.
    pub fn run(&self, config: Config) -> Run {
        let mut run = Run::new(config);
        if self.fill > 0 {
            run.apply(&Op::Fill(self.fill), self.seed);
        }
        self.continue_run(&mut run, 0);
        run
    }

    /// Applies `ops[from..]` to `run`: how operations added to the end of a scenario extend its
    /// timeline without replaying the rest.
    pub fn continue_run(&self, run: &mut Run, from: usize) {
        for (index, op) in self.ops.iter().enumerate().skip(from) {
            run.apply(op, self.op_seed(index));
        }
    }

    /// The seed of the random fill at `index` in `ops`: distinct per position, so two fills
    /// in one link draw different keys, and the same link always draws the same ones.
    fn op_seed(&self, index: usize) -> u64 {
        self.seed.wrapping_add((index as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15))
    }
}

/// A tree and the timeline of everything done to it. New operations append steps, so the
/// timeline never has to be replayed from the start.
pub struct Run {
    pub tree: BTree,
    pub timeline: Timeline<BTree>,
}

impl Run {
    pub fn new(config: Config) -> Run {
        let tree = BTree::new(config);
        let timeline = Timeline::new(&tree);
        Run { tree, timeline }
    }

    pub fn apply(&mut self, op: &Op, seed: u64) {
        self.timeline.begin_op(op.label());
        op.apply(&mut self.tree, seed, &mut self.timeline);
    }
}

/// Compare mode's shared positions: for each operation, as many steps as the longer of the two
/// timelines spent on it; the shorter one holds its last state meanwhile. Entry `n` gives the
/// two trees' own positions at shared position `n` (0 is the start).
pub fn align<A, B>(a: &Timeline<A>, b: &Timeline<B>) -> Vec<(usize, usize)>
where
    A: crate::step::Versioned,
    B: crate::step::Versioned,
{
    let mut positions = vec![(0, 0)];
    for (op_a, op_b) in a.ops.iter().zip(&b.ops) {
        for j in 1..=op_a.step_count.max(op_b.step_count) {
            positions.push((op_a.first_step + j.min(op_a.step_count), op_b.first_step + j.min(op_b.step_count)));
        }
    }
    positions
}

/// The tree as nested `{"keys":[…],"children":[…]}` for the message API; an empty tree is an
/// empty leaf.
pub fn tree_json(tree: &BTree) -> String {
    fn node(out: &mut String, tree: &BTree, id: u32) {
        let n = tree.node(id);
        out.push_str("{\"keys\":");
        json::numbers(out, n.keys.iter().copied());
        out.push_str(",\"children\":[");
        for (i, child) in n.children.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            node(out, tree, *child);
        }
        out.push_str("]}");
    }
    let mut out = String::new();
    match tree.root() {
        Some(root) => node(&mut out, tree, root.id),
        None => out.push_str("{\"keys\":[],\"children\":[]}"),
    }
    out
}

/// A scenario worth stepping through, linked from the curriculum's B-tree and indexing items.
pub struct Guided {
    /// Stable name for `guided=<slug>` links (the curriculum uses these).
    pub slug: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    /// The scenario query, without `?`.
    pub query: &'static str,
}

/// The guided scenarios. Each `step` is where the interesting operation begins; a test
/// checks every one against the engine, so an engine change cannot quietly break them.
pub const GUIDED: &[Guided] = &[
    Guided {
        slug: "first-root-split",
        title: "The first root split",
        summary: "Four keys into a degree-4 B-tree: the fourth overflows the only node, and the tree grows a level.",
        query: "degree=4&ops=i10,i20,i30,i40&step=0",
    },
    Guided {
        slug: "delete-borrows",
        title: "A delete that borrows",
        summary: "Deleting leaves a node short of keys; its sibling lends one through the parent.",
        query: "degree=4&ops=i10,i20,i30,i40,d10&step=6",
    },
    Guided {
        slug: "delete-merges",
        title: "A delete that merges down to a shorter tree",
        summary: "No sibling can spare a key, so nodes merge, the root empties, and the tree loses a level.",
        query: "degree=3&ops=i10,i20,i30,i40,i50,i60,i70,d70&step=17",
    },
    Guided {
        slug: "b-vs-bplus",
        title: "B-tree and B+ tree on the same keys",
        summary: "Side by side: where keys end up, which copies go up, and how the B+ leaves link.",
        query: "degree=4&ops=i10,i20,i30,i40,i50,i60,i70,i80&compare=bplus&step=0",
    },
    Guided {
        slug: "bplus-range-scan",
        title: "A range scan along the B+ leaf chain",
        summary: "Bulk load 30 keys, then scan 8 to 21: one descent, then leaf to leaf.",
        query: "variant=bplus&degree=4&ops=l1-30,r8-21&step=3",
    },
];
