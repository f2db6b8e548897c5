//! The consistent-hashing widget: `#/viz/ring?algorithm=ring&nodes=10&vnodes=100&keys=100000&seed=7`.
//!
//! | parameter     | values                                                        | default   |
//! |---------------|---------------------------------------------------------------|-----------|
//! | `algorithm`   | `ring`, `modulo`, `jump`, `rendezvous`, `maglev`, `bounded`   | `ring`    |
//! | `nodes`       | 1 to 200 nodes to start with, named n1, n2, …                 | 5         |
//! | `vnodes`      | 1 to 1,000 virtual nodes per node                             | 10        |
//! | `replication` | 1 to 5 copies of each key (ring and rendezvous)               | 1         |
//! | `keys`        | 0 to 200,000 generated keys to start with                     | 200       |
//! | `dist`        | `uniform` or `zipf`                                           | `uniform` |
//! | `c`           | bounded loads' factor, 1 to 4 (hundredths)                    | 1.25      |
//! | `table`       | Maglev's table size, a prime from 7 to 1,000,003              | 65,537    |
//! | `compare`     | an algorithm, optionally `:vnodes` (`compare=ring:200`)       | off       |
//!
//! `seed`, `ops`, `guided`, `step`, `controls`, `legend` and `theme` are every widget's (see
//! [`crate::scenario`]); the operations are in [`ops`].

pub mod guided;
pub mod ops;

pub use guided::GUIDED;
pub use ops::Op;

use crate::layout;
use crate::ring::keys::Dist;
use crate::ring::place::is_prime;
use crate::ring::{count, fixed, noun, parse_decimal, percent, Algorithm, Cluster, Config, Status, MAX_KEYS, MAX_NODES, MAX_VNODES};
use crate::scene::decimal;
use crate::scenario::{bounded, Notice};
use crate::scene::Scene;
use crate::step::{Highlight, Recorder, Tone};
use crate::widget::{CounterRow, Guided, LegendEntry, Widget};
use serde::Serialize;

pub const SLUG: &str = "ring";
pub const TITLE: &str = "Consistent hashing";

/// The most nodes an address may start with.
pub const MAX_START_NODES: u16 = 200;
const MAX_TABLE: u32 = 1_000_003;

/// The consistent-hashing widget (a marker type: the state is a [`Cluster`]).
pub struct RingWidget;

pub type Scenario = crate::scenario::Scenario<RingWidget>;
pub type Runs = crate::scenario::run::Runs<RingWidget>;

/// The cluster's options and what it starts with.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Params {
    pub config: Config,
    /// Nodes to start with (n1 … nN).
    pub nodes: u16,
    /// Generated keys to start with, as the first operation (drawn with the scenario's seed).
    pub keys: u32,
}

impl Default for Params {
    fn default() -> Self {
        Params { config: Config::default(), nodes: 5, keys: 200 }
    }
}

/// One node for the message API.
#[derive(Serialize, Debug, PartialEq)]
pub struct NodeMessage {
    pub name: String,
    pub vnodes: u16,
    pub weight: f64,
    pub keys: u32,
    pub status: &'static str,
}

/// The figures for the message API.
#[derive(Serialize, Debug, PartialEq)]
pub struct MetricsMessage {
    pub keys_total: u32,
    pub keys_moved_last: u32,
    pub moved_fraction_last: f64,
    pub ideal_fraction_last: f64,
    pub max_over_mean: f64,
    pub cov: f64,
    /// Average positions looked at per key (ring entries, jumps, scores, table slots).
    pub probes_per_key: f64,
    /// Maglev's table size, bounded loads' capacity: present where they apply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table_size: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
}

/// A cluster for the message API: `{"algorithm":"ring","replication":3,"nodes":[…],"metrics":{…}}`.
#[derive(Serialize, Debug, PartialEq)]
pub struct RingMessage {
    pub algorithm: &'static str,
    pub replication: u8,
    pub nodes: Vec<NodeMessage>,
    pub metrics: MetricsMessage,
}

/// Rounds to 6 decimals, so the JSON shows figures, not float noise.
fn round6(x: f64) -> f64 {
    if x.is_finite() {
        (x * 1e6).round() / 1e6
    } else {
        0.0
    }
}

pub fn message(c: &Cluster) -> RingMessage {
    let m = c.metrics();
    let last = c.last_change();
    RingMessage {
        algorithm: c.config().algorithm.param(),
        replication: c.config().replication,
        nodes: c
            .nodes()
            .iter()
            .enumerate()
            .filter(|(_, n)| n.status != Status::Removed)
            .map(|(i, n)| NodeMessage { name: n.name.clone(), vnodes: n.ring_vnodes(), weight: n.weight, keys: c.loads()[i], status: n.status.param() })
            .collect(),
        metrics: MetricsMessage {
            keys_total: m.keys_total,
            keys_moved_last: last.map_or(0, |l| l.moved),
            moved_fraction_last: round6(last.map_or(0.0, |l| l.fraction())),
            ideal_fraction_last: round6(last.map_or(0.0, |l| l.ideal)),
            max_over_mean: round6(m.max_over_mean),
            cov: round6(m.cov),
            probes_per_key: round6(c.cost().probes_per_key),
            table_size: (c.config().algorithm == Algorithm::Maglev).then_some(c.config().table),
            capacity: c.capacity(),
        },
    }
}

const LEGEND: &[LegendEntry] = &[
    LegendEntry { tone: None, swatch: "series-key", short: "Nodes", meaning: "Each node has its own colour and, from the ninth on, its own dash pattern: its ticks are its virtual nodes, the band the arcs it owns, the dots its keys" },
    LegendEntry { tone: Some(Tone::Visit), swatch: "mark-visit", short: "Looked up", meaning: "Looked up: the key being found and its walk clockwise (blue)" },
    LegendEntry { tone: Some(Tone::Change), swatch: "mark-change", short: "Moved", meaning: "Moved or new: keys that changed node in this step, a joining node's ticks (orange, thick)" },
    LegendEntry { tone: Some(Tone::Found), swatch: "mark-found", short: "Owner", meaning: "Owner and replicas of the key looked up, numbered in preference order (green)" },
    LegendEntry { tone: Some(Tone::Refused), swatch: "mark-refused", short: "Down", meaning: "Leaving or failed node, or a change refused (dotted red)" },
];

const COUNTER_ROWS: &[CounterRow<RingWidget>] = &[
    CounterRow { label: "Keys moved", get: |c| c.keys_moved, since: |c, e| c.since(e).keys_moved },
    CounterRow { label: "Keys placed (recomputed)", get: |c| c.placements, since: |c, e| c.since(e).placements },
    CounterRow { label: "Lookups", get: |c| c.lookups, since: |c, e| c.since(e).lookups },
];

/// Reads `c=1.25`: a decimal from 1 to 4.
fn parse_c(value: &str) -> Result<f64, Notice> {
    // In millionths, then rounded to hundredths, as the address keeps it.
    match parse_decimal(value, 6) {
        Some(m) if (1_000_000..=4_000_000).contains(&m) => Ok(((m + 5_000) / 10_000) as f64 / 100.0),
        _ => Err(Notice::new("c", format!("c={value} ignored: bounded loads' factor is a number from 1 to 4, as in 1.25."))),
    }
}

fn c_text(c: f64) -> String {
    decimal(c, 2)
}

fn parse_algorithm(param: &str, value: &str) -> Result<Algorithm, Notice> {
    Algorithm::from_param(value).ok_or_else(|| Notice::new(param, format!("{param}={value} ignored: use ring, modulo, jump, rendezvous, maglev or bounded.")))
}

impl Widget for RingWidget {
    const SLUG: &'static str = SLUG;
    const TITLE: &'static str = TITLE;
    type Params = Params;
    type Op = Op;
    type State = Cluster;
    type Message = RingMessage;

    const GUIDED: &'static [Guided] = GUIDED;
    const LEGEND: &'static [LegendEntry] = LEGEND;
    const COUNTER_ROWS: &'static [CounterRow<Self>] = COUNTER_ROWS;

    fn take_param(p: &mut Params, key: &str, value: &str) -> Option<Result<(), Notice>> {
        Some(match key {
            "algorithm" => parse_algorithm("algorithm", value).map(|a| p.config.algorithm = a),
            "nodes" => bounded("nodes", value, 1, MAX_START_NODES).map(|n| p.nodes = n),
            "vnodes" => bounded("vnodes", value, 1, MAX_VNODES).map(|v| p.config.vnodes = v),
            "replication" => bounded("replication", value, 1u8, 5).map(|r| p.config.replication = r),
            "keys" => bounded("keys", value, 0, MAX_KEYS as u32).map(|k| p.keys = k),
            "dist" => Dist::from_param(value)
                .map(|d| p.config.dist = d)
                .ok_or_else(|| Notice::new("dist", format!("dist={value} ignored: use uniform or zipf."))),
            "c" => parse_c(value).map(|c| p.config.c = c),
            "table" => match value.parse::<u32>() {
                Ok(t) if (7..=MAX_TABLE).contains(&t) && is_prime(t) => {
                    p.config.table = t;
                    Ok(())
                }
                _ => Err(Notice::new("table", format!("table={value} ignored: Maglev's table size must be a prime from 7 to {}, such as 251, 4,099 or 65,537.", count(MAX_TABLE as u64)))),
            },
            _ => return None,
        })
    }

    fn finish_params(p: &mut Params, notices: &mut Vec<Notice>) {
        let a = p.config.algorithm;
        if p.config.replication > 1 && !a.replicates() {
            notices.push(Notice::new(
                "replication",
                format!("replication={} has no effect with {}: only the ring and rendezvous hashing have a natural list of replicas.", p.config.replication, a.name()),
            ));
        }
        if p.config.replication as u16 > p.nodes {
            notices.push(Notice::new(
                "replication",
                format!("replication={} is more than the {}: each key gets at most {}.", p.config.replication, noun(p.nodes as u64, "node"), noun(p.nodes as u64, "copy")),
            ));
        }
        if a == Algorithm::Maglev && p.config.table < 2 * p.nodes as u32 {
            notices.push(Notice::new("table", format!("A Maglev table of {} is small for {}: the loads will be lumpy.", noun(p.config.table as u64, "slot"), noun(p.nodes as u64, "node"))));
        }
    }

    fn write_params(p: &Params, out: &mut Vec<(String, String)>) {
        let d = Params::default();
        let (c, dc) = (&p.config, &d.config);
        if c.algorithm != dc.algorithm {
            out.push(("algorithm".into(), c.algorithm.param().into()));
        }
        if p.nodes != d.nodes {
            out.push(("nodes".into(), p.nodes.to_string()));
        }
        if c.vnodes != dc.vnodes {
            out.push(("vnodes".into(), c.vnodes.to_string()));
        }
        if c.replication != dc.replication {
            out.push(("replication".into(), c.replication.to_string()));
        }
        if p.keys != d.keys {
            out.push(("keys".into(), p.keys.to_string()));
        }
        if c.dist != dc.dist {
            out.push(("dist".into(), c.dist.param().into()));
        }
        if c.c != dc.c {
            out.push(("c".into(), c_text(c.c)));
        }
        if c.table != dc.table {
            out.push(("table".into(), c.table.to_string()));
        }
    }

    fn parse_compare(value: &str, main: &Params) -> Result<Params, Notice> {
        let (algorithm, vnodes) = value.split_once(':').unwrap_or((value, ""));
        let algorithm = Algorithm::from_param(algorithm).ok_or_else(|| {
            Notice::new("compare", format!("compare={value} ignored: use an algorithm (ring, modulo, jump, rendezvous, maglev, bounded), optionally with virtual nodes, as in ring:200."))
        })?;
        let vnodes = if vnodes.is_empty() { main.config.vnodes } else { bounded("compare", vnodes, 1, MAX_VNODES)? };
        Ok(Params { config: Config { algorithm, vnodes, ..main.config }, ..*main })
    }

    fn write_compare(c: &Params, main: &Params) -> String {
        let mut v = c.config.algorithm.param().to_string();
        if c.config.vnodes != main.config.vnodes {
            v.push_str(&format!(":{}", c.config.vnodes));
        }
        v
    }

    fn default_compare(main: &Params) -> Params {
        let other = if main.config.algorithm == Algorithm::Modulo { Algorithm::Ring } else { Algorithm::Modulo };
        Params { config: Config { algorithm: other, ..main.config }, ..*main }
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

    fn new_state(p: &Params) -> Cluster {
        Cluster::new(p.config, p.nodes.min(MAX_NODES as u16))
    }

    fn prelude(p: &Params) -> Vec<Op> {
        if p.keys > 0 {
            vec![Op::AddKeys(p.keys)]
        } else {
            Vec::new()
        }
    }

    fn without_prelude(p: &Params) -> Params {
        Params { keys: 0, ..*p }
    }

    fn apply(op: &Op, c: &mut Cluster, seed: u64, rec: &mut impl Recorder<Cluster>) {
        op.apply(c, seed, rec);
    }

    fn layout(c: &Cluster, highlight: &Highlight) -> Scene {
        layout::ring::layout(c, highlight)
    }

    fn message(c: &Cluster) -> RingMessage {
        message(c)
    }

    fn name(p: &Params) -> String {
        let c = &p.config;
        match c.algorithm {
            Algorithm::Ring => format!("Hash ring, {} per node", noun(c.vnodes as u64, "virtual node")),
            Algorithm::Bounded => format!("Bounded loads, c = {}, {} per node", c_text(c.c), noun(c.vnodes as u64, "virtual node")),
            Algorithm::Maglev => format!("Maglev, table of {}", noun(c.table as u64, "slot")),
            a => a.name().to_string(),
        }
    }

    fn params_of(c: &Cluster) -> Params {
        Params { config: *c.config(), nodes: 0, keys: 0 }
    }

    fn stats(c: &Cluster) -> String {
        let m = c.metrics();
        let mut s = format!(
            "{} · {} serving · busiest {}× the mean · CoV {}",
            noun(m.keys_total as u64, "key"),
            noun(m.serving as u64, "node"),
            fixed(m.max_over_mean, 2),
            fixed(m.cov, 3)
        );
        if let Some(ch) = c.last_change().filter(|ch| ch.before > 0 && ch.kind != crate::ring::ChangeKind::AddKeys) {
            s.push_str(&format!(" · last change moved {} (ideal {})", percent(ch.fraction()), percent(ch.ideal)));
        }
        if let Some(cap) = c.capacity() {
            s.push_str(&format!(" · capacity {}", count(cap as u64)));
        }
        s.push_str(&format!(" · {}", lookup_cost(c)));
        s
    }

    fn describe(c: &Cluster, name: &str) -> String {
        let m = c.metrics();
        let nodes: Vec<String> = c
            .nodes()
            .iter()
            .enumerate()
            .filter(|(_, n)| n.status != Status::Removed)
            .take(40)
            .map(|(i, n)| {
                let state = match n.status {
                    Status::Up => String::new(),
                    s => format!(", {}", s.param()),
                };
                format!("{} {}{state}", n.name, noun(c.loads()[i] as u64, "key"))
            })
            .collect();
        let mut s = format!("{name}: {} on {}, the busiest holding {} times the mean. ", noun(m.keys_total as u64, "key"), noun(m.serving as u64, "serving node"), fixed(m.max_over_mean, 2));
        s.push_str(&nodes.join("; "));
        s.push('.');
        if let Some(l) = c.lookup() {
            let chosen: Vec<&str> = l.chosen.iter().map(|(n, _)| c.node_name(*n)).collect();
            if !chosen.is_empty() {
                s.push_str(&format!(" Looking up {}: {}.", l.name, chosen.join(", ")));
            }
        }
        s
    }
}

/// What one lookup costs under the cluster's algorithm.
pub fn lookup_cost(c: &Cluster) -> String {
    let cost = c.cost();
    match c.config().algorithm {
        Algorithm::Ring => {
            // Counted, not copied: this runs on every step, and a dense ring has 100,000 entries.
            let serving = c.ring().iter().filter(|v| c.nodes()[v.node as usize].serving()).count();
            format!("lookup: binary search over {} (~{} probes)", noun(serving as u64, "virtual node"), fixed(cost.probes_per_key, 0))
        }
        Algorithm::Modulo => "lookup: one division".into(),
        Algorithm::Jump => format!("lookup: {} jumps on average, no memory", fixed(cost.probes_per_key, 1)),
        Algorithm::Rendezvous => format!("lookup: {} scores (one per node)", fixed(cost.probes_per_key, 0)),
        Algorithm::Maglev => format!("lookup: one read of a {}-slot table", count(cost.table as u64)),
        Algorithm::Bounded => format!("lookup: {} virtual nodes tried on average", fixed(cost.probes_per_key, 2)),
    }
}
