//! The B-tree and B+ tree widget: `#/viz/btree?variant=b&degree=5&ops=i3,i7,d4,s9,r3-9&step=12`.
//!
//! | parameter    | values                                   | default       |
//! |--------------|------------------------------------------|---------------|
//! | `variant`    | `b`, `bplus`                             | `b`           |
//! | `degree`     | 3 to 10 (most children per node)         | 4             |
//! | `preemptive` | 1 or 0 (top-down splits; even degrees)   | 0             |
//! | `policy`     | `predecessor`, `successor`               | `predecessor` |
//! | `fill`       | 0 to 2,000 random keys to start with     | 0             |
//! | `compare`    | `b` or `bplus`, optionally `:degree`     | off           |
//!
//! `seed`, `ops`, `guided`, `step`, `controls` and `theme` are every widget's (see
//! [`crate::scenario`]); the operations are in [`ops`].

pub mod guided;
pub mod ops;

pub use guided::GUIDED;
pub use ops::{parse_input, InputKind, Op, MAX_BATCH};

use crate::btree::{show_keys, BTree, Config, Counters, DeletePolicy, Variant, MAX_DEGREE, MIN_DEGREE};
use crate::layout;
use crate::scenario::{bounded, flag, Notice};
use crate::scene::Scene;
use crate::step::{Highlight, Recorder, Tone};
use crate::widget::{CounterRow, Guided, LegendEntry, Widget};
use serde::Serialize;

pub const SLUG: &str = "btree";
pub const TITLE: &str = "B-tree and B+ tree";

/// The B-tree widget (a marker type: the state is a [`BTree`]).
pub struct BTreeWidget;

/// A B-tree scenario.
pub type Scenario = crate::scenario::Scenario<BTreeWidget>;
pub type Runs = crate::scenario::run::Runs<BTreeWidget>;
pub type Run = crate::scenario::run::Run<BTreeWidget>;

/// The tree's options, and the random keys it starts with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Params {
    pub config: Config,
    /// Random keys inserted before the operations (with the scenario's seed), as one operation.
    pub fill: u32,
}

/// A variant's name in addresses and the message API: `b` or `bplus`.
pub fn variant_param(v: Variant) -> &'static str {
    match v {
        Variant::B => "b",
        Variant::BPlus => "bplus",
    }
}

/// A variant's name for people.
pub fn variant_name(v: Variant) -> &'static str {
    match v {
        Variant::B => "B-tree",
        Variant::BPlus => "B+ tree",
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

/// One node for the message API: `{"keys":[…],"children":[…]}` (a leaf has no children).
#[derive(Serialize, Debug, PartialEq)]
pub struct NodeMessage {
    pub keys: Vec<u32>,
    pub children: Vec<NodeMessage>,
}

/// A tree for the message API: `{"variant":"b","degree":4,"tree":{…}}`.
#[derive(Serialize, Debug, PartialEq)]
pub struct TreeMessage {
    pub variant: &'static str,
    pub degree: u8,
    pub tree: NodeMessage,
}

/// The tree as nested nodes; an empty tree is an empty leaf.
pub fn tree_message(tree: &BTree) -> NodeMessage {
    fn node(tree: &BTree, id: u32) -> NodeMessage {
        let n = tree.node(id);
        NodeMessage { keys: n.keys.clone(), children: n.children.iter().map(|&c| node(tree, c)).collect() }
    }
    match tree.root() {
        Some(root) => node(tree, root.id),
        None => NodeMessage { keys: Vec::new(), children: Vec::new() },
    }
}

/// The tree as JSON text, `{"keys":[20],"children":[…]}`.
pub fn tree_json(tree: &BTree) -> String {
    serde_json::to_string(&tree_message(tree)).unwrap_or_default()
}

const LEGEND: &[LegendEntry] = &[
    LegendEntry { tone: Some(Tone::Visit), swatch: "mark-visit", short: "Read", meaning: "Read: a node or key being looked at (dashed blue)" },
    LegendEntry { tone: Some(Tone::Change), swatch: "mark-change", short: "Changed", meaning: "Changed: a key placed or moved, a node split, merged or borrowed into (orange, underlined keys)" },
    LegendEntry { tone: Some(Tone::Found), swatch: "mark-found", short: "Found", meaning: "Found: what the search or scan was after (green)" },
    LegendEntry { tone: Some(Tone::Refused), swatch: "mark-refused", short: "Refused", meaning: "Refused or missing: a duplicate insert, a key not in the tree (dotted red)" },
    LegendEntry { tone: None, swatch: "overfull", short: "Overfull", meaning: "Overfull: one key over the limit, about to split (thick outline, tinted)" },
    LegendEntry { tone: None, swatch: "link", short: "Leaf chain", meaning: "B+ tree leaf chain: each leaf points to the next (dashed arrow)" },
];

const COUNTER_ROWS: &[CounterRow<BTreeWidget>] = &[
    CounterRow { label: "Nodes read", get: |c| c.reads, since: |c, e| c.since(e).reads },
    CounterRow { label: "Nodes written", get: |c| c.writes, since: |c, e| c.since(e).writes },
    CounterRow { label: "Splits", get: |c| c.splits, since: |c, e| c.since(e).splits },
    CounterRow { label: "Merges", get: |c| c.merges, since: |c, e| c.since(e).merges },
    CounterRow { label: "Borrows", get: |c| c.borrows, since: |c, e| c.since(e).borrows },
];

impl Widget for BTreeWidget {
    const SLUG: &'static str = SLUG;
    const TITLE: &'static str = TITLE;
    type Params = Params;
    type Op = Op;
    type State = BTree;
    type Message = TreeMessage;

    const GUIDED: &'static [Guided] = GUIDED;
    const LEGEND: &'static [LegendEntry] = LEGEND;
    const COUNTER_ROWS: &'static [CounterRow<Self>] = COUNTER_ROWS;

    fn take_param(p: &mut Params, key: &str, value: &str) -> Option<Result<(), Notice>> {
        Some(match key {
            "variant" => parse_variant(value)
                .map(|v| p.config.variant = v)
                .ok_or_else(|| Notice::new("variant", format!("variant={value} ignored: use b or bplus."))),
            "degree" => bounded("degree", value, MIN_DEGREE, MAX_DEGREE).map(|d| p.config.degree = d),
            "preemptive" => flag("preemptive", value).map(|on| p.config.preemptive = on),
            "policy" => match value {
                "predecessor" => Ok(DeletePolicy::Predecessor),
                "successor" => Ok(DeletePolicy::Successor),
                _ => Err(Notice::new("policy", format!("policy={value} ignored: use predecessor or successor."))),
            }
            .map(|policy| p.config.policy = policy),
            "fill" => bounded("fill", value, 0, MAX_BATCH as u32).map(|n| p.fill = n),
            _ => return None,
        })
    }

    fn finish_params(p: &mut Params, notices: &mut Vec<Notice>) {
        if p.config.preemptive && p.config.degree % 2 == 1 {
            notices.push(Notice::new(
                "preemptive",
                format!("preemptive=1 needs an even degree, and {} is odd: splits happen on the way up instead.", p.config.degree),
            ));
        }
    }

    fn write_params(p: &Params, out: &mut Vec<(String, String)>) {
        let d = Params::default();
        if p.config.variant != d.config.variant {
            out.push(("variant".into(), variant_param(p.config.variant).into()));
        }
        if p.config.degree != d.config.degree {
            out.push(("degree".into(), p.config.degree.to_string()));
        }
        if p.config.preemptive {
            out.push(("preemptive".into(), "1".into()));
        }
        if p.config.policy == DeletePolicy::Successor {
            out.push(("policy".into(), "successor".into()));
        }
        if p.fill > 0 {
            out.push(("fill".into(), p.fill.to_string()));
        }
    }

    fn parse_compare(value: &str, main: &Params) -> Result<Params, Notice> {
        let (variant, degree) = value.split_once(':').unwrap_or((value, ""));
        let variant = parse_variant(variant).ok_or_else(|| {
            Notice::new("compare", format!("compare={value} ignored: use b or bplus, optionally with a degree, as in bplus:5."))
        })?;
        let degree = if degree.is_empty() { main.config.degree } else { bounded("compare", degree, MIN_DEGREE, MAX_DEGREE)? };
        Ok(Params { config: Config { variant, degree, ..main.config }, ..*main })
    }

    fn write_compare(c: &Params, main: &Params) -> String {
        let mut value = variant_param(c.config.variant).to_string();
        if c.config.degree != main.config.degree {
            value.push_str(&format!(":{}", c.config.degree));
        }
        value
    }

    fn default_compare(main: &Params) -> Params {
        let other = if main.config.variant == Variant::B { Variant::BPlus } else { Variant::B };
        Params { config: Config { variant: other, ..main.config }, ..*main }
    }

    fn parse_op(token: &str) -> Result<Op, String> {
        Op::parse(token)
    }

    fn op_token(op: &Op) -> String {
        op.token()
    }

    fn op_label(op: &Op) -> String {
        op.label()
    }

    fn new_state(p: &Params) -> BTree {
        BTree::new(p.config)
    }

    fn prelude(p: &Params) -> Vec<Op> {
        if p.fill > 0 {
            vec![Op::Fill(p.fill)]
        } else {
            Vec::new()
        }
    }

    fn without_prelude(p: &Params) -> Params {
        Params { fill: 0, ..*p }
    }

    fn apply(op: &Op, tree: &mut BTree, seed: u64, rec: &mut impl Recorder<BTree>) {
        op.apply(tree, seed, rec);
    }

    fn layout(tree: &BTree, highlight: &Highlight) -> Scene {
        layout::btree::layout(tree, highlight)
    }

    fn message(tree: &BTree) -> TreeMessage {
        TreeMessage { variant: variant_param(tree.config().variant), degree: tree.config().degree, tree: tree_message(tree) }
    }

    fn name(p: &Params) -> String {
        format!("{}, degree {}", variant_name(p.config.variant), p.config.degree)
    }

    fn params_of(tree: &BTree) -> Params {
        Params { config: *tree.config(), fill: 0 }
    }

    fn stats(tree: &BTree) -> String {
        let fill = match tree.pending().map(|id| tree.node(id).keys.len()) {
            // Mid-repair, a node holds one key too many or too few: say so, not "133 % full".
            Some(n) if n > tree.config().max_keys() => "one node over its limit, about to split".to_string(),
            Some(n) if n < tree.config().min_keys() => "one node under its minimum, about to be repaired".to_string(),
            _ => format!("{}% full", crate::scene::decimal(tree.average_fill() * 100.0, 0)),
        };
        format!("{} keys · height {} · {} nodes · {fill}", tree.len(), tree.height(), tree.node_count())
    }

    fn describe(tree: &BTree, name: &str) -> String {
        let Some(root) = tree.root() else { return format!("An empty {name}.") };
        let mut out = format!("{name} with {} keys in {} nodes, height {}.", tree.len(), tree.node_count(), tree.height());
        if tree.node_count() > 40 {
            return out;
        }
        let mut level = vec![root.id];
        let mut depth = 1;
        while !level.is_empty() {
            let nodes: Vec<String> = level.iter().map(|&id| show_keys(&tree.node(id).keys)).collect();
            out.push_str(&format!(" Level {depth}: {}.", nodes.join(" ")));
            level = level.iter().flat_map(|&id| tree.node(id).children.clone()).collect();
            depth += 1;
        }
        out
    }
}

/// The counters as the engine keeps them (re-exported for the view's table).
pub type BTreeCounters = Counters;
