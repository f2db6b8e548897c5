//! B-tree and B+ tree engine.
//!
//! One arena-backed tree type serves both variants. Every operation takes a
//! [`Recorder`](crate::step::Recorder): the visualizer passes a
//! [`Timeline`](crate::step::Timeline) and gets captioned steps, the fast path passes
//! [`NoSteps`](crate::step::NoSteps) and runs the same code without formatting a caption.
//!
//! Node ids are never reused within one tree, so the view can key its animation on them:
//! a node that survives a step glides to its new place, a new node fades in.
//!
//! Every recorded step shows a valid tree, with one exception the view can see through
//! [`BTree::pending`]: in the middle of a repair a single node may hold one key more than the
//! maximum (about to split) or one fewer than the minimum (about to borrow or merge).
//!
//! The operations live in submodules: `insert`, `delete`, `query` (search, range, keys),
//! `bulk` (bulk load, random fill, clear) and `check` (the invariant checker).

mod bulk;
mod check;
mod delete;
mod insert;
mod query;
mod text;

/// Node contents as captions write them, `[7 9 23]`: views describing a tree use it too.
pub use text::show as show_keys;

use crate::step::{Highlight, Recorder, Tone, Versioned};

/// Keys are integers from [`MIN_KEY`] to [`MAX_KEY`].
pub type Key = u32;
pub type NodeId = u32;
pub const MIN_KEY: Key = 0;
pub const MAX_KEY: Key = 99_999;
pub const MIN_DEGREE: u8 = 3;
pub const MAX_DEGREE: u8 = 10;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Variant {
    /// Keys live in every node; each key appears once.
    #[default]
    B,
    /// Keys live in the leaves, which are linked left to right; internal nodes hold copies
    /// (separators) that route searches.
    BPlus,
}

/// Which neighbour replaces a key deleted from an internal B-tree node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum DeletePolicy {
    /// The largest key of the left subtree (the default, as most course material does).
    #[default]
    Predecessor,
    /// The smallest key of the right subtree.
    Successor,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    pub variant: Variant,
    /// Maximum children per node (d): at most d − 1 keys per node. 3..=10.
    pub degree: u8,
    /// Split full nodes (and fill minimal ones) on the way down, CLRS-style. Only offered for
    /// even degrees; the engine treats it as false for odd ones.
    pub preemptive: bool,
    pub policy: DeletePolicy,
}

impl Default for Config {
    fn default() -> Self {
        Config { variant: Variant::B, degree: 4, preemptive: false, policy: DeletePolicy::Predecessor }
    }
}

impl Config {
    pub fn max_keys(&self) -> usize {
        self.degree as usize - 1
    }
    /// ⌈d/2⌉ − 1: the fewest keys a non-root node may hold.
    pub fn min_keys(&self) -> usize {
        (self.degree as usize).div_ceil(2) - 1
    }
    /// Whether the preemptive algorithm actually runs (even degrees only).
    pub fn preemptive_active(&self) -> bool {
        self.preemptive && self.degree.is_multiple_of(2)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub id: NodeId,
    /// Sorted ascending.
    pub keys: Vec<Key>,
    /// Empty for a leaf; otherwise keys.len() + 1 child ids, left to right.
    pub children: Vec<NodeId>,
    /// B+ tree leaves only: the next leaf to the right.
    pub next: Option<NodeId>,
}

impl Node {
    pub fn is_leaf(&self) -> bool {
        self.children.is_empty()
    }
}

/// Work done, as a database would count page accesses. Totals since the tree was created;
/// the per-operation figure is the difference between two snapshots.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    pub reads: u64,
    pub writes: u64,
    pub splits: u64,
    pub merges: u64,
    pub borrows: u64,
}

impl Counters {
    pub fn since(&self, earlier: &Counters) -> Counters {
        Counters {
            reads: self.reads - earlier.reads,
            writes: self.writes - earlier.writes,
            splits: self.splits - earlier.splits,
            merges: self.merges - earlier.merges,
            borrows: self.borrows - earlier.borrows,
        }
    }
}

/// A B-tree or B+ tree. `Clone` is a snapshot: the timeline keeps one per changing step.
#[derive(Clone, Debug)]
pub struct BTree {
    config: Config,
    /// Indexed by NodeId; `None` once a node is freed. Ids are never reused.
    nodes: Vec<Option<Node>>,
    root: Option<NodeId>,
    len: usize,
    version: u64,
    pub counters: Counters,
    /// The node that may be one key over or under its limits while a repair is under way.
    pending: Option<NodeId>,
    /// Per node id, the operation that last wrote it, so `counters.writes` counts each node
    /// once per operation however many times the algorithm touches it.
    written_in: Vec<u64>,
    /// Numbers the public operations for `written_in`.
    op_serial: u64,
}

impl Versioned for BTree {
    type Counters = Counters;
    /// Structure changes bump `version`; counting a read does not (the timeline keeps each
    /// step's counters beside the snapshot).
    fn version(&self) -> u64 {
        self.version
    }
    fn counters(&self) -> Counters {
        self.counters
    }
}

impl BTree {
    /// A degree outside 3..=10 is clamped into it, so every later operation has sane limits.
    pub fn new(mut config: Config) -> Self {
        config.degree = config.degree.clamp(MIN_DEGREE, MAX_DEGREE);
        BTree {
            config,
            nodes: Vec::new(),
            root: None,
            len: 0,
            version: 0,
            counters: Counters::default(),
            pending: None,
            written_in: Vec::new(),
            op_serial: 0,
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The node a step shows mid-repair, holding one key too many (about to split) or one too
    /// few (about to borrow or merge); `None` between operations.
    pub fn pending(&self) -> Option<NodeId> {
        self.pending
    }

    pub fn root(&self) -> Option<&Node> {
        self.root.map(|id| self.node(id))
    }

    /// Panics on a freed or unknown id: ids come from this tree's own nodes.
    pub fn node(&self, id: NodeId) -> &Node {
        self.nodes[id as usize].as_ref().expect("live node id")
    }

    /// Number of keys stored (for a B+ tree: keys in the leaves).
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Levels from root to leaves; 0 for an empty tree.
    pub fn height(&self) -> usize {
        let mut height = 0;
        let mut at = self.root;
        while let Some(id) = at {
            height += 1;
            at = self.node(id).children.first().copied();
        }
        height
    }

    /// One more than the largest node id ever used (ids index arrays of this length).
    pub fn id_bound(&self) -> usize {
        self.nodes.len()
    }

    pub fn node_count(&self) -> usize {
        self.nodes.iter().flatten().count()
    }

    /// Average keys per node as a fraction of the maximum (d − 1); 0 for an empty tree.
    pub fn average_fill(&self) -> f64 {
        let (nodes, keys) =
            self.nodes.iter().flatten().fold((0usize, 0usize), |(n, k), node| (n + 1, k + node.keys.len()));
        if nodes == 0 {
            0.0
        } else {
            keys as f64 / (nodes * self.config.max_keys()) as f64
        }
    }
}

/// Plumbing shared by the operations: every mutation goes through these, so the version moves
/// and writes are counted in one place.
impl BTree {
    /// Starts a public operation.
    fn begin(&mut self) {
        self.op_serial += 1;
    }

    /// A node to modify: bumps the version and counts one write per node per operation.
    fn node_mut(&mut self, id: NodeId) -> &mut Node {
        self.version += 1;
        let slot = id as usize;
        if self.written_in[slot] != self.op_serial {
            self.written_in[slot] = self.op_serial;
            self.counters.writes += 1;
        }
        self.nodes[slot].as_mut().expect("live node id")
    }

    /// Creates a node with a fresh id (ids are never reused).
    fn alloc(&mut self, keys: Vec<Key>, children: Vec<NodeId>) -> NodeId {
        let id = self.nodes.len() as NodeId;
        self.nodes.push(Some(Node { id, keys, children, next: None }));
        self.written_in.push(self.op_serial);
        self.counters.writes += 1;
        self.version += 1;
        id
    }

    /// Removes a node from the arena and hands back its contents.
    fn free(&mut self, id: NodeId) -> Node {
        self.version += 1;
        self.nodes[id as usize].take().expect("live node id")
    }

    fn set_root(&mut self, root: Option<NodeId>) {
        self.version += 1;
        self.root = root;
    }

    fn set_pending(&mut self, pending: Option<NodeId>) {
        if self.pending != pending {
            self.version += 1;
            self.pending = pending;
        }
    }

    /// Drops every node (their ids stay retired).
    fn drop_all(&mut self) {
        self.version += 1;
        self.nodes.iter_mut().for_each(|slot| *slot = None);
        self.root = None;
        self.len = 0;
        self.pending = None;
    }

    fn is_root(&self, id: NodeId) -> bool {
        self.root == Some(id)
    }

    fn keys_of(&self, id: NodeId) -> &[Key] {
        &self.node(id).keys
    }

    /// Records one step if anyone is listening; the caption is only formatted then. In debug
    /// builds every recorded state is checked, so a broken step fails loudly where it happens.
    fn note(
        &self,
        rec: &mut impl Recorder<BTree>,
        tone: Tone,
        nodes: &[NodeId],
        keys: &[Key],
        caption: impl FnOnce() -> String,
    ) {
        if !rec.recording() {
            return;
        }
        let caption = caption();
        #[cfg(debug_assertions)]
        if let Err(problem) = self.check_invariants() {
            panic!("B-tree invariant broken after step \"{caption}\": {problem}");
        }
        rec.record(self, caption, Highlight::new(tone, nodes, keys));
    }
}
