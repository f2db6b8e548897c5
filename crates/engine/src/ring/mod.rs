//! A cluster of nodes and the keys they serve, under one of six placement algorithms: a hash
//! ring with virtual nodes, modulo-N, jump consistent hash, weighted rendezvous, Maglev, and
//! consistent hashing with bounded loads.
//!
//! Every change (a node joining, leaving, failing or coming back, keys added) recomputes every
//! key's owner and compares it with the owner before, so the moves reported are the moves a
//! real cluster would make, counted against the ideal. Each operation records its steps with
//! a caption; a state's big parts (keys, owners, the ring) sit behind `Rc`, so the timeline's
//! snapshots share them.

pub mod hash;
pub mod keys;
pub mod place;
pub mod spread;
mod text;

use crate::step::{Highlight, Recorder, Tone, Versioned};
use keys::{Dist, Key, NAMED};
use place::{Cost, VNode, NOBODY};
use std::rc::Rc;
pub use text::{count, fixed, noun, parse_decimal, percent, plural};

/// The most virtual nodes one node may have.
pub const MAX_VNODES: u16 = 1_000;
/// The most nodes a cluster keeps track of (those that left included).
pub const MAX_NODES: usize = 250;
/// The most keys a cluster holds.
pub const MAX_KEYS: usize = 200_000;
/// Maglev's default lookup-table size (prime).
pub const MAGLEV_TABLE: u32 = 65_537;

/// How keys are placed on nodes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Algorithm {
    #[default]
    Ring,
    Modulo,
    Jump,
    Rendezvous,
    Maglev,
    Bounded,
}

impl Algorithm {
    pub const ALL: [Algorithm; 6] =
        [Algorithm::Ring, Algorithm::Modulo, Algorithm::Jump, Algorithm::Rendezvous, Algorithm::Maglev, Algorithm::Bounded];

    /// The name in addresses and the message API.
    pub fn param(self) -> &'static str {
        match self {
            Algorithm::Ring => "ring",
            Algorithm::Modulo => "modulo",
            Algorithm::Jump => "jump",
            Algorithm::Rendezvous => "rendezvous",
            Algorithm::Maglev => "maglev",
            Algorithm::Bounded => "bounded",
        }
    }

    pub fn from_param(value: &str) -> Option<Algorithm> {
        Algorithm::ALL.into_iter().find(|a| a.param() == value).or(match value {
            "mod" => Some(Algorithm::Modulo),
            "hrw" => Some(Algorithm::Rendezvous),
            _ => None,
        })
    }

    /// The name for people.
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Ring => "Hash ring",
            Algorithm::Modulo => "Modulo-N",
            Algorithm::Jump => "Jump hash",
            Algorithm::Rendezvous => "Rendezvous",
            Algorithm::Maglev => "Maglev",
            Algorithm::Bounded => "Bounded loads",
        }
    }

    /// Places keys on a ring of virtual nodes (and so is drawn as one).
    pub fn uses_ring(self) -> bool {
        matches!(self, Algorithm::Ring | Algorithm::Bounded)
    }

    /// Gives a heavier node more keys (the ring through more virtual nodes).
    pub fn weighted(self) -> bool {
        matches!(self, Algorithm::Ring | Algorithm::Rendezvous)
    }

    /// Has a natural list of replicas per key (the next distinct nodes; the next best scores).
    pub fn replicates(self) -> bool {
        matches!(self, Algorithm::Ring | Algorithm::Rendezvous)
    }
}

/// Where a node stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Up,
    /// On the ring, not serving yet: the step before its keys move to it.
    Joining,
    /// Still serving: the step before its keys move away.
    Leaving,
    /// Down: its keys are served by the next replicas until it comes back.
    Failed,
    Removed,
}

impl Status {
    pub fn param(self) -> &'static str {
        match self {
            Status::Up => "up",
            Status::Joining => "joining",
            Status::Leaving => "leaving",
            Status::Failed => "failed",
            Status::Removed => "removed",
        }
    }
}

/// A physical node.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub name: String,
    /// Virtual nodes asked for (1 to 1,000).
    pub vnodes: u16,
    /// Relative capacity; 1 is the usual.
    pub weight: f64,
    pub status: Status,
}

impl Node {
    /// Serves keys now.
    pub fn serving(&self) -> bool {
        matches!(self.status, Status::Up | Status::Leaving)
    }

    /// Drawn on the ring (a failed node's ticks stay, crossed out).
    pub fn on_ring(&self) -> bool {
        !matches!(self.status, Status::Removed)
    }

    /// Its virtual nodes on the ring: the count asked for times the weight, 1 to 1,000.
    pub fn ring_vnodes(&self) -> u16 {
        (self.vnodes as f64 * self.weight).round().clamp(1.0, MAX_VNODES as f64) as u16
    }
}

/// How a cluster places keys: fixed for its life.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Config {
    pub algorithm: Algorithm,
    /// Copies of each key (1 to 5), for the algorithms that have replicas.
    pub replication: u8,
    /// Bounded loads: a node holds at most ⌈c · keys / nodes⌉ keys.
    pub c: f64,
    /// Maglev's table size (prime).
    pub table: u32,
    /// Virtual nodes a joining node gets unless its token says otherwise.
    pub vnodes: u16,
    /// How `k500` draws keys.
    pub dist: Dist,
}

impl Default for Config {
    fn default() -> Self {
        Config { algorithm: Algorithm::Ring, replication: 1, c: 1.25, table: MAGLEV_TABLE, vnodes: 10, dist: Dist::Uniform }
    }
}

/// What the last change was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    Join,
    Leave,
    Fail,
    Recover,
    AddKeys,
}

/// The keys a change moved, from where to where, against the ideal.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub kind: ChangeKind,
    pub node: Option<u16>,
    /// Keys (that existed before) now on another node.
    pub moved: u32,
    /// Keys that existed before the change.
    pub before: u32,
    /// The fewest a perfect scheme would move, as a fraction of `before`.
    pub ideal: f64,
    /// (from, to, keys), most first.
    pub flows: Vec<(u16, u16, u32)>,
}

impl Change {
    pub fn fraction(&self) -> f64 {
        if self.before == 0 {
            0.0
        } else {
            self.moved as f64 / self.before as f64
        }
    }
}

/// How far a lookup has got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LookupStage {
    Hashed,
    Owner,
    Replicas,
}

/// A key being looked up, for the drawing and the caption.
#[derive(Clone, Debug, PartialEq)]
pub struct Lookup {
    pub key: u32,
    pub name: String,
    pub hash: u64,
    pub stage: LookupStage,
    /// The owner, then the replicas, each with the ring position that chose it (the position
    /// of its virtual node on a ring; 0 elsewhere).
    pub chosen: Vec<(u16, u64)>,
    /// Bucket or table slot, for the algorithms that have one.
    pub slot: Option<u64>,
    /// Nodes passed over: full ones under bounded loads, repeats on the ring's replica walk.
    pub passed: Vec<u16>,
}

/// The work counters, as running totals.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    pub keys_moved: u64,
    /// Key placements computed (every key once per recomputation).
    pub placements: u64,
    pub lookups: u64,
}

impl Counters {
    pub fn since(&self, earlier: &Counters) -> Counters {
        Counters {
            keys_moved: self.keys_moved - earlier.keys_moved,
            placements: self.placements - earlier.placements,
            lookups: self.lookups - earlier.lookups,
        }
    }
}

/// The load figures of a state.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Metrics {
    pub keys_total: u32,
    pub serving: u32,
    pub mean: f64,
    pub max: u32,
    pub max_over_mean: f64,
    /// Coefficient of variation: the standard deviation of the loads over their mean.
    pub cov: f64,
}

/// The cluster, its keys and who serves each.
#[derive(Clone, Debug)]
pub struct Cluster {
    config: Config,
    nodes: Vec<Node>,
    /// Every virtual node of every node on the ring, sorted by position.
    ring: Rc<Vec<VNode>>,
    keys: Rc<Vec<Key>>,
    /// The names of keys the learner looked up (labels from [`NAMED`]).
    names: Rc<Vec<String>>,
    owner: Rc<Vec<u16>>,
    /// Keys per node id.
    loads: Vec<u32>,
    cost: Cost,
    capacity: Option<u32>,
    maglev: Option<Rc<Vec<u16>>>,
    last: Option<Change>,
    /// Keys moved by the change this step shows (empty on other steps).
    moved: Rc<Vec<u32>>,
    lookup: Option<Lookup>,
    version: u64,
    counters: Counters,
}

impl Versioned for Cluster {
    type Counters = Counters;
    fn version(&self) -> u64 {
        self.version
    }
    fn counters(&self) -> Counters {
        self.counters
    }
}

/// Why a name cannot be a node's.
pub fn check_node_name(name: &str) -> Result<(), String> {
    let ok = !name.is_empty()
        && name.len() <= 16
        && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if ok {
        Ok(())
    } else {
        Err(format!("“{name}” cannot name a node: use 1 to 16 letters, digits, - or _, starting with a letter."))
    }
}

/// Why a name cannot be a key's.
pub fn check_key_name(name: &str) -> Result<(), String> {
    let ok = !name.is_empty() && name.chars().count() <= 40 && name.chars().all(|c| !c.is_whitespace() && !",&=#%+?".contains(c));
    if ok {
        Ok(())
    } else {
        Err(format!("“{name}” cannot name a key: use 1 to 40 characters without spaces or any of , & = # % + ?."))
    }
}

impl Cluster {
    /// `nodes` nodes named n1, n2, … with `config.vnodes` virtual nodes each, and no keys.
    pub fn new(config: Config, nodes: u16) -> Cluster {
        let mut c = Cluster {
            config,
            nodes: Vec::new(),
            ring: Rc::new(Vec::new()),
            keys: Rc::new(Vec::new()),
            names: Rc::new(Vec::new()),
            owner: Rc::new(Vec::new()),
            loads: Vec::new(),
            cost: Cost::default(),
            capacity: None,
            maglev: None,
            last: None,
            moved: Rc::new(Vec::new()),
            lookup: None,
            version: 0,
            counters: Counters::default(),
        };
        for i in 1..=nodes.min(MAX_NODES as u16) {
            c.nodes.push(Node { name: format!("n{i}"), vnodes: config.vnodes.clamp(1, MAX_VNODES), weight: 1.0, status: Status::Up });
        }
        c.loads = vec![0; c.nodes.len()];
        c.rebuild_ring();
        c.place();
        c
    }

    pub fn config(&self) -> &Config {
        &self.config
    }
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }
    pub fn ring(&self) -> &[VNode] {
        &self.ring
    }
    pub fn keys(&self) -> &[Key] {
        &self.keys
    }
    pub fn owners(&self) -> &[u16] {
        &self.owner
    }
    pub fn loads(&self) -> &[u32] {
        &self.loads
    }
    pub fn cost(&self) -> Cost {
        self.cost
    }
    pub fn capacity(&self) -> Option<u32> {
        self.capacity
    }
    pub fn maglev_table(&self) -> Option<&[u16]> {
        self.maglev.as_deref().map(Vec::as_slice)
    }
    pub fn last_change(&self) -> Option<&Change> {
        self.last.as_ref()
    }
    /// Indices of the keys moved by the change this step shows.
    pub fn moved_now(&self) -> &[u32] {
        &self.moved
    }
    pub fn lookup(&self) -> Option<&Lookup> {
        self.lookup.as_ref()
    }

    /// A key's name.
    pub fn key_name(&self, key: &Key) -> String {
        if key.label >= NAMED {
            self.names.get((key.label - NAMED) as usize).cloned().unwrap_or_default()
        } else {
            hash::generated_name(key.label)
        }
    }

    /// The keys the learner named (looked up), with their index.
    pub fn named_keys(&self) -> impl Iterator<Item = (usize, &Key)> {
        // Named keys are few and come last in insertion order; scanning all is still cheap.
        self.keys.iter().enumerate().filter(|(_, k)| k.label >= NAMED)
    }

    /// The id of the node called `name` that has not left.
    pub fn find(&self, name: &str) -> Option<u16> {
        self.nodes.iter().position(|n| n.name == name && n.status != Status::Removed).map(|i| i as u16)
    }

    pub fn node_name(&self, id: u16) -> &str {
        self.nodes.get(id as usize).map_or("nobody", |n| n.name.as_str())
    }

    /// The ids of the serving nodes, in id order: the buckets of modulo, jump and Maglev.
    pub fn serving(&self) -> Vec<u16> {
        (0..self.nodes.len() as u16).filter(|&i| self.nodes[i as usize].serving()).collect()
    }

    /// The serving nodes' virtual nodes, in ring order.
    pub fn serving_ring(&self) -> Vec<VNode> {
        self.ring.iter().copied().filter(|v| self.nodes[v.node as usize].serving()).collect()
    }

    /// Load figures over the serving nodes.
    pub fn metrics(&self) -> Metrics {
        let serving = self.serving();
        let loads: Vec<f64> = serving.iter().map(|&i| self.loads[i as usize] as f64).collect();
        let total = self.keys.len() as u32;
        if loads.is_empty() {
            return Metrics { keys_total: total, ..Metrics::default() };
        }
        let mean = loads.iter().sum::<f64>() / loads.len() as f64;
        let max = loads.iter().copied().fold(0.0, f64::max);
        let var = loads.iter().map(|l| (l - mean) * (l - mean)).sum::<f64>() / loads.len() as f64;
        let (mom, cov) = if mean > 0.0 { (max / mean, var.sqrt() / mean) } else { (0.0, 0.0) };
        Metrics { keys_total: total, serving: loads.len() as u32, mean, max: max as u32, max_over_mean: mom, cov }
    }

    fn touch(&mut self) {
        self.version += 1;
    }

    /// Rebuilds the sorted ring from every node still on it.
    fn rebuild_ring(&mut self) {
        let mut ring: Vec<VNode> = Vec::new();
        for (id, n) in self.nodes.iter().enumerate().filter(|(_, n)| n.on_ring()) {
            ring.extend((0..n.ring_vnodes()).map(|index| VNode { pos: hash::vnode_position(&n.name, index), node: id as u16, index }));
        }
        ring.sort_unstable_by_key(|v| (v.pos, v.node));
        self.ring = Rc::new(ring);
    }

    /// Adds node `id`'s virtual nodes to the sorted ring by merging (hashing only its own).
    fn add_to_ring(&mut self, id: u16) {
        let n = &self.nodes[id as usize];
        let mut new: Vec<VNode> = (0..n.ring_vnodes()).map(|index| VNode { pos: hash::vnode_position(&n.name, index), node: id, index }).collect();
        new.sort_unstable_by_key(|v| (v.pos, v.node));
        let old = &self.ring;
        let mut merged = Vec::with_capacity(old.len() + new.len());
        let (mut i, mut j) = (0, 0);
        while i < old.len() || j < new.len() {
            if j == new.len() || (i < old.len() && (old[i].pos, old[i].node) <= (new[j].pos, new[j].node)) {
                merged.push(old[i]);
                i += 1;
            } else {
                merged.push(new[j]);
                j += 1;
            }
        }
        self.ring = Rc::new(merged);
    }

    /// Every key's owner under the algorithm, from scratch.
    fn compute_owners(&self) -> (Vec<u16>, Cost, Option<u32>, Option<Rc<Vec<u16>>>) {
        let keys = &self.keys;
        let buckets = self.serving();
        match self.config.algorithm {
            Algorithm::Ring => {
                let (o, c) = place::ring_owners(&self.serving_ring(), keys);
                (o, c, None, None)
            }
            Algorithm::Modulo => {
                let (o, c) = place::modulo_owners(&buckets, keys);
                (o, c, None, None)
            }
            Algorithm::Jump => {
                let (o, c) = place::jump_owners(&buckets, keys);
                (o, c, None, None)
            }
            Algorithm::Rendezvous => {
                let (o, c) = place::rendezvous_owners(&self.rendezvous_buckets(), keys);
                (o, c, None, None)
            }
            Algorithm::Maglev => {
                let names: Vec<(u16, &str)> = buckets.iter().map(|&i| (i, self.nodes[i as usize].name.as_str())).collect();
                let table = place::maglev_table(&names, self.config.table);
                let (o, c) = place::maglev_owners(&table, keys);
                (o, c, None, Some(Rc::new(table)))
            }
            Algorithm::Bounded => {
                let cap = place::capacity(self.config.c, keys.len(), buckets.len());
                let (o, c) = place::bounded_owners(&self.serving_ring(), keys, cap, self.nodes.len());
                (o, c, Some(cap), None)
            }
        }
    }

    fn rendezvous_buckets(&self) -> Vec<(u16, u64, f64)> {
        self.serving().into_iter().map(|i| (i, hash::hash_name(&self.nodes[i as usize].name), self.nodes[i as usize].weight)).collect()
    }

    /// Recomputes every owner (the first placement: nothing counts as moved).
    fn place(&mut self) {
        let (owner, cost, cap, table) = self.compute_owners();
        self.counters.placements += owner.len() as u64;
        self.set_owners(owner);
        self.cost = cost;
        self.capacity = cap;
        self.maglev = table;
    }

    fn set_owners(&mut self, owner: Vec<u16>) {
        self.loads = vec![0; self.nodes.len()];
        for &o in &owner {
            if o != NOBODY {
                self.loads[o as usize] += 1;
            }
        }
        self.owner = Rc::new(owner);
    }

    /// Recomputes every owner after a change and records what moved.
    fn replace(&mut self, kind: ChangeKind, node: Option<u16>, before: usize, ideal: f64) -> &Change {
        let old = Rc::clone(&self.owner);
        self.place();
        let mut moved = Vec::new();
        // Counted by (from, to) in a map: modulo-N moves nearly every key between ~10,000 pairs.
        let mut by_pair: std::collections::HashMap<(u16, u16), u32> = std::collections::HashMap::new();
        for (i, (&was, &now)) in old.iter().zip(self.owner.iter()).take(before).enumerate() {
            if was != now {
                moved.push(i as u32);
                *by_pair.entry((was, now)).or_insert(0) += 1;
            }
        }
        let mut flows: Vec<(u16, u16, u32)> = by_pair.into_iter().map(|((a, b), n)| (a, b, n)).collect();
        flows.sort_unstable_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
        self.counters.keys_moved += moved.len() as u64;
        self.last = Some(Change { kind, node, moved: moved.len() as u32, before: before as u32, ideal, flows });
        self.moved = Rc::new(moved);
        self.touch();
        self.last.as_ref().expect("just set")
    }

    /// The share of keys a perfect scheme gives node `id` once it serves.
    fn ideal_share(&self, id: u16) -> f64 {
        let serving = self.serving();
        if self.config.algorithm.weighted() {
            let total: f64 = serving.iter().map(|&i| self.nodes[i as usize].weight).sum();
            if total > 0.0 {
                self.nodes[id as usize].weight / total
            } else {
                0.0
            }
        } else {
            1.0 / serving.len().max(1) as f64
        }
    }

    /// Starts an operation's first step: what the last one showed moving or looking up is over.
    fn begin(&mut self) {
        if !self.moved.is_empty() || self.lookup.is_some() {
            self.moved = Rc::new(Vec::new());
            self.lookup = None;
            self.touch();
        }
    }

    fn refuse(&mut self, rec: &mut impl Recorder<Cluster>, nodes: Vec<u32>, caption: impl FnOnce() -> String) {
        if rec.recording() {
            rec.record(self, caption(), Highlight::new(Tone::Refused, nodes, Vec::<u32>::new()));
        }
    }

    /// Jump hash numbers its buckets 0 to n − 1 and can only grow or shrink at the end: why
    /// changing node `id` is refused, if it is.
    fn jump_refusal(&self, id: u16, verb: &str) -> Option<String> {
        if self.config.algorithm != Algorithm::Jump {
            return None;
        }
        let serving = self.serving();
        let last = serving.last().copied();
        let is_last = match verb {
            "bring back" => serving.iter().all(|&s| s < id),
            _ => last == Some(id),
        };
        (!is_last).then(|| {
            let name = self.node_name(id);
            format!(
                "Jump hash cannot {verb} {name}: it maps keys to buckets numbered 0 to n − 1 and can only add or drop the last one ({}). Taking out a bucket in the middle would renumber every bucket after it and move their keys too; systems that use jump hash put replicas or a lookup table in front of it for this.",
                last.map_or("none", |l| self.node_name(l))
            )
        })
    }

    /// Adds `count` generated keys drawn with `seed`.
    pub fn add_keys(&mut self, count: usize, seed: u64, rec: &mut impl Recorder<Cluster>) {
        self.begin();
        let room = MAX_KEYS.saturating_sub(self.keys.len());
        let count = count.min(room);
        if count == 0 {
            self.refuse(rec, Vec::new(), || format!("No keys added: a cluster holds at most {} keys.", count_text(MAX_KEYS)));
            return;
        }
        let before = self.keys.len();
        Rc::make_mut(&mut self.keys).extend(keys::generate(count, self.config.dist, seed));
        let change = self.replace(ChangeKind::AddKeys, None, before, 0.0).clone();
        if rec.recording() {
            let dist = match self.config.dist {
                Dist::Uniform => "uniformly spread",
                Dist::Zipf => "Zipfian: a few hot keys come up again and again",
            };
            let m = self.metrics();
            let mut caption = format!(
                "{} added ({dist}), {} in all. The busiest node holds {}, {} times the mean of {}.",
                noun(count as u64, "key"),
                count_text(self.keys.len()),
                noun(m.max as u64, "key"),
                fixed(m.max_over_mean, 2),
                text::count(m.mean.round() as u64)
            );
            if change.moved > 0 {
                caption.push_str(&format!(
                    " The capacity rose to {}, so {} that had walked on moved back.",
                    count_text(self.capacity.map_or(0, |c| c as usize)),
                    noun(change.moved as u64, "older key")
                ));
            }
            rec.record(self, caption, Highlight::new(Tone::Change, Vec::<u32>::new(), Vec::<u32>::new()));
        }
    }

    /// A node joins with `vnodes` virtual nodes (the cluster's default if `None`) and `weight`.
    pub fn join(&mut self, name: &str, vnodes: Option<u16>, weight: f64, rec: &mut impl Recorder<Cluster>) {
        self.begin();
        if let Some(id) = self.find(name) {
            return self.refuse(rec, vec![id as u32], || format!("{name} is already in the cluster, so nothing joins."));
        }
        if self.nodes.len() >= MAX_NODES {
            return self.refuse(rec, Vec::new(), || format!("No room: a cluster keeps at most {MAX_NODES} nodes, counting those that left."));
        }
        let vnodes = vnodes.unwrap_or(self.config.vnodes).clamp(1, MAX_VNODES);
        let weight = if weight.is_finite() { weight.clamp(0.1, 10.0) } else { 1.0 };
        self.nodes.push(Node { name: name.to_string(), vnodes, weight, status: Status::Joining });
        let id = (self.nodes.len() - 1) as u16;
        self.loads.push(0);
        if self.config.algorithm.uses_ring() {
            self.add_to_ring(id);
        }
        self.touch();
        let n_before = self.serving().len();
        if rec.recording() {
            let how = if self.config.algorithm.uses_ring() {
                {
                    let v = self.nodes[id as usize].ring_vnodes();
                    format!("its {} {} placed on the ring (drawn long), not serving yet", noun(v as u64, "virtual node"), if v == 1 { "is" } else { "are" })
                }
            } else {
                format!("it will be bucket {} of {}", n_before, n_before + 1)
            };
            let caption = format!("{name} joins the {}: {how}.", noun(n_before as u64, "node"));
            rec.record(self, caption, Highlight::new(Tone::Change, vec![id as u32], Vec::<u32>::new()));
        }
        self.nodes[id as usize].status = Status::Up;
        let ideal = self.ideal_share(id);
        let before = self.keys.len();
        let change = self.replace(ChangeKind::Join, Some(id), before, ideal).clone();
        if rec.recording() {
            let caption = self.move_caption(&change, &format!("{name} joined"));
            rec.record(self, caption, Highlight::new(Tone::Change, vec![id as u32], Vec::<u32>::new()));
        }
    }

    /// Node `name` leaves for good.
    pub fn leave(&mut self, name: &str, rec: &mut impl Recorder<Cluster>) {
        self.begin();
        let Some(id) = self.find(name) else {
            return self.refuse(rec, Vec::new(), || format!("There is no node called {name} to remove."));
        };
        if let Some(why) = self.jump_refusal(id, "remove") {
            return self.refuse(rec, vec![id as u32], || why);
        }
        if self.nodes[id as usize].serving() && self.serving().len() == 1 {
            return self.refuse(rec, vec![id as u32], || format!("{name} is the only node serving: with nowhere for its keys to go, it stays."));
        }
        let held = self.loads[id as usize];
        let was_serving = self.nodes[id as usize].serving();
        if was_serving {
            self.nodes[id as usize].status = Status::Leaving;
            self.touch();
            if rec.recording() {
                let caption = format!("{name} leaves the cluster. It holds {}, which must go elsewhere.", noun(held as u64, "key"));
                rec.record(self, caption, Highlight::new(Tone::Refused, vec![id as u32], Vec::<u32>::new()));
            }
        }
        let total = self.keys.len();
        self.nodes[id as usize].status = Status::Removed;
        if self.config.algorithm.uses_ring() {
            let ring: Vec<VNode> = self.ring.iter().copied().filter(|v| v.node != id).collect();
            self.ring = Rc::new(ring);
        }
        let ideal = if was_serving && total > 0 { held as f64 / total as f64 } else { 0.0 };
        let change = self.replace(ChangeKind::Leave, Some(id), total, ideal).clone();
        if rec.recording() {
            let caption = self.move_caption(&change, &format!("{name} left"));
            rec.record(self, caption, Highlight::new(Tone::Change, Vec::<u32>::new(), Vec::<u32>::new()));
        }
    }

    /// Node `name` fails: it stays a member, but its keys go to the next replicas.
    pub fn fail(&mut self, name: &str, rec: &mut impl Recorder<Cluster>) {
        self.begin();
        let Some(id) = self.find(name) else {
            return self.refuse(rec, Vec::new(), || format!("There is no node called {name} to fail."));
        };
        if self.nodes[id as usize].status == Status::Failed {
            return self.refuse(rec, vec![id as u32], || format!("{name} has already failed."));
        }
        if let Some(why) = self.jump_refusal(id, "fail") {
            return self.refuse(rec, vec![id as u32], || why);
        }
        if self.serving().len() == 1 {
            return self.refuse(rec, vec![id as u32], || format!("{name} is the only node serving; this cluster cannot lose it."));
        }
        let held = self.loads[id as usize];
        self.nodes[id as usize].status = Status::Failed;
        self.touch();
        if rec.recording() {
            let caption = format!(
                "{name} fails: it stops answering, and its {} cannot be reached there. It is still a member: it may come back.",
                noun(held as u64, "key")
            );
            rec.record(self, caption, Highlight::new(Tone::Refused, vec![id as u32], Vec::<u32>::new()));
        }
        let total = self.keys.len();
        let ideal = if total > 0 { held as f64 / total as f64 } else { 0.0 };
        let change = self.replace(ChangeKind::Fail, Some(id), total, ideal).clone();
        if rec.recording() {
            let mut caption = self.move_caption(&change, &format!("{name} is down"));
            if self.config.algorithm.uses_ring() {
                caption.push_str(" Each went clockwise to the next other node: its next replica");
                caption.push_str(if self.config.replication > 1 { ", which already held a copy." } else { "." });
            }
            rec.record(self, caption, Highlight::new(Tone::Change, vec![id as u32], Vec::<u32>::new()));
        }
    }

    /// A failed node `name` comes back and takes its keys again.
    pub fn recover(&mut self, name: &str, rec: &mut impl Recorder<Cluster>) {
        self.begin();
        let Some(id) = self.find(name) else {
            return self.refuse(rec, Vec::new(), || format!("There is no node called {name} to bring back."));
        };
        if self.nodes[id as usize].status != Status::Failed {
            return self.refuse(rec, vec![id as u32], || format!("{name} has not failed, so there is nothing to bring back."));
        }
        if let Some(why) = self.jump_refusal(id, "bring back") {
            return self.refuse(rec, vec![id as u32], || why);
        }
        self.nodes[id as usize].status = Status::Up;
        let ideal = self.ideal_share(id);
        let total = self.keys.len();
        let change = self.replace(ChangeKind::Recover, Some(id), total, ideal).clone();
        if rec.recording() {
            let caption = self.move_caption(&change, &format!("{name} is back"));
            rec.record(self, caption, Highlight::new(Tone::Found, vec![id as u32], Vec::<u32>::new()));
        }
    }

    /// Looks up key `name` (adding it to the keys if it is new), step by step.
    pub fn lookup_key(&mut self, name: &str, rec: &mut impl Recorder<Cluster>) {
        self.begin();
        let hash = hash::hash_name(name);
        let existing = self.named_keys().find(|(_, k)| self.names[(k.label - NAMED) as usize] == name).map(|(i, _)| i);
        let index = match existing {
            Some(i) => i,
            None => {
                if self.keys.len() >= MAX_KEYS {
                    return self.refuse(rec, Vec::new(), || format!("No room for {name}: a cluster holds at most {} keys.", count_text(MAX_KEYS)));
                }
                Rc::make_mut(&mut self.names).push(name.to_string());
                let label = NAMED + self.names.len() as u32 - 1;
                Rc::make_mut(&mut self.keys).push(Key { hash, label });
                let before = self.keys.len() - 1;
                self.replace(ChangeKind::AddKeys, None, before, 0.0);
                self.moved = Rc::new(Vec::new());
                self.keys.len() - 1
            }
        };
        self.counters.lookups += 1;
        let deg = hash::degrees(hash);
        let mut lookup = Lookup { key: index as u32, name: name.to_string(), hash, stage: LookupStage::Hashed, chosen: Vec::new(), slot: None, passed: Vec::new() };
        self.lookup = Some(lookup.clone());
        self.touch();
        let keyh = || Highlight::new(Tone::Visit, Vec::<u32>::new(), vec![index as u32]);
        if rec.recording() {
            let place = if self.config.algorithm.uses_ring() { format!(", {}° around the ring", fixed(deg, 1)) } else { String::new() };
            rec.record(self, format!("Look up {name}: XXH64 of its name is {hash:#018x}{place}."), keyh());
        }
        let owner = self.owner[index];
        let serving = self.serving();
        let caption = match self.config.algorithm {
            Algorithm::Ring | Algorithm::Bounded => {
                let ring = self.serving_ring();
                let start = place::successor(&ring, hash);
                let Some(first) = ring.get(start).copied() else {
                    return self.refuse(rec, Vec::new(), || format!("No node is serving, so {name} has nowhere to go."));
                };
                if self.config.algorithm == Algorithm::Bounded {
                    // Walk on from the first virtual node to the owner, naming the full nodes passed.
                    let mut passed = Vec::new();
                    let mut at = first;
                    for step in 0..ring.len() {
                        at = ring[(start + step) % ring.len()];
                        if at.node == owner {
                            break;
                        }
                        if !passed.contains(&at.node) {
                            passed.push(at.node);
                        }
                    }
                    lookup.chosen = vec![(owner, at.pos)];
                    lookup.passed = passed.clone();
                    let cap = self.capacity.unwrap_or(0) as usize;
                    if passed.is_empty() {
                        format!("Clockwise, the next virtual node is {} #{} at {}°; {} is below its capacity of {}, so it takes {name}.", self.node_name(first.node), first.index, fixed(hash::degrees(first.pos), 1), self.node_name(owner), noun(cap as u64, "key"))
                    } else {
                        let names: Vec<&str> = passed.iter().map(|&p| self.node_name(p)).collect();
                        format!(
                            "Clockwise from {name}, {} already held {} capacity of {} when {name} was placed, so it walked on to {}.",
                            names.join(", "),
                            if names.len() == 1 { "its" } else { "their" },
                            noun(cap as u64, "key"),
                            self.node_name(owner)
                        )
                    }
                } else {
                    lookup.chosen = vec![(first.node, first.pos)];
                    format!("Clockwise, the next virtual node is {} #{} at {}°: {} owns {name}.", self.node_name(first.node), first.index, fixed(hash::degrees(first.pos), 1), self.node_name(first.node))
                }
            }
            Algorithm::Modulo => {
                let n = serving.len().max(1) as u64;
                lookup.slot = Some(hash % n);
                lookup.chosen = vec![(owner, 0)];
                format!("{hash} mod {n} = {}: bucket {} is {}, which owns {name}.", hash % n, hash % n, self.node_name(owner))
            }
            Algorithm::Jump => {
                let (b, jumps) = hash::jump(hash, serving.len() as u32).unwrap_or((0, 0));
                lookup.slot = Some(b as u64);
                lookup.chosen = vec![(owner, 0)];
                format!("Jump hash with {} buckets: {jumps} jumps forward from bucket 0 end at bucket {b}, {}.", serving.len(), self.node_name(owner))
            }
            Algorithm::Rendezvous => {
                let buckets = self.rendezvous_buckets();
                let top = place::rendezvous_preference(&buckets, hash, 2);
                lookup.chosen = vec![(owner, 0)];
                let runner = top.get(1).map(|&r| format!(" The runner-up, {}, would take it if {} went away.", self.node_name(r), self.node_name(owner))).unwrap_or_default();
                format!("Every node scores {name} by hashing the pair (key, node), scaled by its weight: {} scores highest among {} and owns it.{runner}", self.node_name(owner), serving.len())
            }
            Algorithm::Maglev => {
                let m = self.config.table as u64;
                lookup.slot = Some(hash % m);
                lookup.chosen = vec![(owner, 0)];
                format!("{hash} mod {} = slot {} of the lookup table, which holds {}: one read, whatever the number of nodes.", count_text(m as usize), count_text((hash % m) as usize), self.node_name(owner))
            }
        };
        lookup.stage = LookupStage::Owner;
        self.lookup = Some(lookup.clone());
        self.touch();
        if rec.recording() {
            rec.record(self, caption, Highlight::new(Tone::Found, vec![owner as u32], vec![index as u32]));
        }
        let r = self.config.replication as usize;
        if r > 1 && self.config.algorithm.replicates() {
            let (chosen, skipped): (Vec<(u16, u64)>, usize) = match self.config.algorithm {
                Algorithm::Ring => {
                    let ring = self.serving_ring();
                    let (list, skipped) = place::preference_list(&ring, hash, r);
                    // Each replica's position: the first of its virtual nodes met clockwise.
                    let start = place::successor(&ring, hash);
                    let pos = |node: u16| (0..ring.len()).map(|s| ring[(start + s) % ring.len()]).find(|v| v.node == node).map_or(0, |v| v.pos);
                    (list.into_iter().map(|n| (n, pos(n))).collect(), skipped)
                }
                _ => (place::rendezvous_preference(&self.rendezvous_buckets(), hash, r).into_iter().map(|n| (n, 0)).collect(), 0),
            };
            let names: Vec<String> = chosen.iter().map(|c| self.node_name(c.0).to_string()).collect();
            let ids: Vec<u32> = chosen.iter().map(|c| c.0 as u32).collect();
            lookup.chosen = chosen;
            lookup.stage = LookupStage::Replicas;
            self.lookup = Some(lookup);
            self.touch();
            if rec.recording() {
                let how = if self.config.algorithm == Algorithm::Ring {
                    let skip = if skipped > 0 { format!(", passing over {} of nodes already chosen", noun(skipped as u64, "virtual node")) } else { String::new() };
                    format!("walking on clockwise to the next distinct physical nodes{skip}")
                } else {
                    "the next best scores".to_string()
                };
                let caption = format!("With {} of every key, the preference list for {name} is {} ({how}).", noun(r as u64, "copy"), names.join(", "));
                rec.record(self, caption, Highlight::new(Tone::Found, ids, vec![index as u32]));
            }
        }
    }

    /// "n11 joined: 9,046 of 100,000 keys moved (9.0%; ideal 9.1%), …": what a change did,
    /// against the ideal, in one sentence short enough for a slide.
    fn move_caption(&self, change: &Change, what: &str) -> String {
        let mut s = format!(
            "{what}: {} of {} moved ({}; ideal {}).",
            count_text(change.moved as usize),
            noun(change.before as u64, "key"),
            percent(change.fraction()),
            percent(change.ideal)
        );
        let node = change.node;
        let between_old = change.flows.iter().filter(|f| Some(f.0) != node && Some(f.1) != node).map(|f| f.2).sum::<u32>();
        match change.kind {
            ChangeKind::Join | ChangeKind::Recover if change.moved > 0 => {
                if between_old == 0 {
                    s.push_str(&format!(" Every one went to {}.", self.node_name(node.unwrap_or(NOBODY))));
                } else {
                    s.push_str(&format!(" {} of them moved between nodes that were there all along.", count_text(between_old as usize)));
                }
            }
            ChangeKind::Leave | ChangeKind::Fail if change.moved > 0 => {
                if between_old == 0 {
                    s.push_str(" Only its own keys moved.");
                } else {
                    s.push_str(&format!(" {} moved between the nodes that stayed.", noun(between_old as u64, "key")));
                }
            }
            _ => {}
        }
        s
    }
}

fn count_text(n: usize) -> String {
    count(n as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::step::{NoSteps, Timeline};

    fn cluster(algorithm: Algorithm, nodes: u16, keys: usize) -> Cluster {
        let mut c = Cluster::new(Config { algorithm, vnodes: 50, ..Config::default() }, nodes);
        c.add_keys(keys, 7, &mut NoSteps);
        c
    }

    #[test]
    fn a_join_on_the_ring_moves_about_its_share_and_only_to_it() {
        let mut c = cluster(Algorithm::Ring, 10, 20_000);
        c.join("n11", None, 1.0, &mut NoSteps);
        let ch = c.last_change().unwrap();
        assert!(ch.flows.iter().all(|f| f.1 == 10));
        assert!((ch.fraction() - 1.0 / 11.0).abs() < 0.04, "{}", ch.fraction());
        assert!((ch.ideal - 1.0 / 11.0).abs() < 1e-9);
    }

    #[test]
    fn modulo_moves_almost_everything() {
        let mut c = cluster(Algorithm::Modulo, 10, 20_000);
        c.join("n11", None, 1.0, &mut NoSteps);
        assert!(c.last_change().unwrap().fraction() > 0.85);
    }

    #[test]
    fn jump_refuses_a_middle_bucket_and_explains() {
        let mut c = cluster(Algorithm::Jump, 5, 100);
        let mut t = Timeline::new(&c);
        t.begin_op("remove n2");
        c.leave("n2", &mut t);
        assert_eq!(t.steps.len(), 1);
        assert!(t.steps[0].caption.contains("only add or drop the last one (n5)"), "{}", t.steps[0].caption);
        assert_eq!(c.serving().len(), 5);
        c.leave("n5", &mut NoSteps);
        assert_eq!(c.serving().len(), 4);
    }

    #[test]
    fn a_failed_node_hands_its_keys_to_the_second_replica() {
        let mut c = Cluster::new(Config { vnodes: 20, replication: 3, ..Config::default() }, 6);
        c.add_keys(5_000, 3, &mut NoSteps);
        let ring = c.serving_ring();
        let seconds: Vec<u16> = c.keys().iter().map(|k| place::preference_list(&ring, k.hash, 2).0[1]).collect();
        let before = c.owners().to_vec();
        c.fail("n3", &mut NoSteps);
        for (i, (&was, &now)) in before.iter().zip(c.owners()).enumerate() {
            if was == 2 {
                assert_eq!(now, seconds[i]);
            } else {
                assert_eq!(now, was);
            }
        }
        c.recover("n3", &mut NoSteps);
        assert_eq!(c.owners(), &before[..]);
    }

    #[test]
    fn lookups_record_their_steps() {
        let mut c = Cluster::new(Config { replication: 3, ..Config::default() }, 5);
        let mut t = Timeline::new(&c);
        t.begin_op("look up user42");
        c.lookup_key("user42", &mut t);
        assert_eq!(t.steps.len(), 3);
        assert!(t.steps[0].caption.contains("XXH64"));
        assert_eq!(c.lookup().unwrap().chosen.len(), 3);
        assert_eq!(c.keys().len(), 1);
        c.lookup_key("user42", &mut NoSteps);
        assert_eq!(c.keys().len(), 1, "a second lookup finds the same key");
    }
}
