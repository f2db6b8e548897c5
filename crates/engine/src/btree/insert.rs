//! Insertion. By default the key goes down to its leaf and overfull nodes split on the way
//! back up; with the preemptive option (even degrees) full nodes split on the way down
//! instead, CLRS-style, so nothing ever overflows.

use super::query::Route;
use super::text::show;
use super::{BTree, Key, NodeId, Variant, MAX_KEY};
use crate::step::{Recorder, Tone};

impl BTree {
    /// Adds `key`; false (with one refusing step) for a duplicate or a key above [`MAX_KEY`].
    pub fn insert(&mut self, key: Key, rec: &mut impl Recorder<BTree>) -> bool {
        self.begin();
        if key > MAX_KEY {
            self.note(rec, Tone::Refused, &[], &[key], || {
                format!("{key} is outside the key range 0 to 99,999, so it is refused.")
            });
            return false;
        }
        let Some(root) = self.root else {
            let id = self.alloc(vec![key], Vec::new());
            self.set_root(Some(id));
            self.len = 1;
            self.note(rec, Tone::Change, &[id], &[key], || {
                format!("The tree is empty, so {key} becomes the root [{key}].")
            });
            return true;
        };
        // A duplicate must be refused before any preemptive split changes the tree; the
        // default descent finds it on its own without changing anything.
        if self.config.preemptive_active() && !self.contains(key) {
            return self.insert_preemptive(root, key, rec);
        }

        // Down to the leaf, remembering each node and the child taken for the splits.
        let (at, mut path) = match self.descend(root, key, rec) {
            (at, Ok(_), _) => {
                self.note(rec, Tone::Refused, &[at], &[key], || {
                    format!(
                        "{}: {key} is already in the tree: {} stores each key once, so nothing changes.",
                        self.label(at),
                        self.kind()
                    )
                });
                return false;
            }
            (at, Err(i), path) => {
                self.place(at, i, key, rec);
                (at, path)
            }
        };

        // Back up: a node with one key too many splits and hands a key to its parent, which
        // may overflow in turn.
        let mut node = at;
        while self.keys_of(node).len() > self.config.max_keys() {
            let parent = path.pop();
            self.split(node, parent, false, rec);
            match parent {
                Some((parent, _)) => node = parent,
                None => break,
            }
        }
        true
    }

    /// Splits every full node on the way down, so the leaf always has room.
    /// `key` is known to be absent.
    fn insert_preemptive(&mut self, root: NodeId, key: Key, rec: &mut impl Recorder<BTree>) -> bool {
        self.counters.reads += 1;
        let mut at = root;
        if self.is_full(root) {
            self.split(root, None, true, rec);
            at = self.root.unwrap_or(root);
        }
        loop {
            match self.route(at, key) {
                Route::Down(i) => {
                    self.note(rec, Tone::Visit, &[at], &[key], || {
                        format!("{}: {}.", self.label(at), self.route_text(at, key, i))
                    });
                    let mut child = self.node(at).children[i];
                    self.counters.reads += 1;
                    if self.is_full(child) {
                        let right = self.split(child, Some((at, i)), true, rec);
                        // The key that moved up decides which half to continue in.
                        if self.route(at, key) == Route::Down(i + 1) {
                            child = right;
                        }
                    }
                    at = child;
                }
                Route::Absent(i) => {
                    self.place(at, i, key, rec);
                    return true;
                }
                // Ruled out by the caller; refuse rather than corrupt anything.
                Route::Here(_) => {
                    self.note(rec, Tone::Refused, &[at], &[key], || {
                        format!("{}: {key} is already in the tree, so nothing changes.", self.label(at))
                    });
                    return false;
                }
            }
        }
    }

    fn is_full(&self, id: NodeId) -> bool {
        self.keys_of(id).len() >= self.config.max_keys()
    }

    /// Puts `key` into `leaf` at `index`; the leaf may now hold one key too many.
    fn place(&mut self, leaf: NodeId, index: usize, key: Key, rec: &mut impl Recorder<BTree>) {
        self.node_mut(leaf).keys.insert(index, key);
        self.len += 1;
        let over = self.keys_of(leaf).len() > self.config.max_keys();
        self.set_pending(over.then_some(leaf));
        self.note(rec, Tone::Change, &[leaf], &[key], || {
            if over {
                format!(
                    "{key} goes into {}: that is {} keys, one more than degree {} allows.",
                    self.label_mid(leaf),
                    self.keys_of(leaf).len(),
                    self.config.degree
                )
            } else {
                format!("{key} goes into {}.", self.label_mid(leaf))
            }
        });
    }

    /// Splits `node` (the left half keeps its id), hands the middle key to `parent` at the
    /// given child position or to a new root, and records it. `early` marks a preemptive split
    /// of a node that is merely full. Returns the new right node.
    fn split(
        &mut self,
        node: NodeId,
        parent: Option<(NodeId, usize)>,
        early: bool,
        rec: &mut impl Recorder<BTree>,
    ) -> NodeId {
        let before = rec.recording().then(|| (self.label(node), self.node(node).is_leaf()));
        let (up, right) = self.split_node(node);
        let (parent, new_root) = match parent {
            Some((parent, index)) => {
                let p = self.node_mut(parent);
                p.keys.insert(index, up);
                p.children.insert(index + 1, right);
                (parent, false)
            }
            None => {
                let root = self.alloc(vec![up], vec![node, right]);
                self.set_root(Some(root));
                (root, true)
            }
        };
        let over = self.keys_of(parent).len() > self.config.max_keys();
        self.set_pending(over.then_some(parent));
        self.note(rec, Tone::Change, &[node, right, parent], &[up], || {
            let (label, was_leaf) = before.unwrap_or_default();
            let why = if early { "is full, so it splits before going further down" } else { "is too full" };
            let into = if new_root { "a new root".to_string() } else { self.label_mid(parent) };
            let (left, right) = (show(self.keys_of(node)), show(self.keys_of(right)));
            if self.config.variant == Variant::BPlus && was_leaf {
                format!("{label} {why}: it splits into {left} and {right}, and a copy of {up} goes up into {into}.")
            } else {
                format!("{label} {why}: {up} moves up into {into}; {left} and {right} become siblings.")
            }
        });
        if new_root {
            self.note(rec, Tone::Change, &[parent], &[up], || {
                format!("The root split, so the tree grows a level: new root [{up}].")
            });
        }
        right
    }

    /// The split itself. A B-tree node moves key ⌊(n−1)/2⌋ up; a B+ tree node splits at
    /// ⌊n/2⌋, where a leaf keeps a copy of that key in its new right half and an internal
    /// node gives it up. For an overfull node (n = d) these are the textbook positions; for a
    /// preemptive split (n = d − 1) they halve the node as evenly as possible.
    fn split_node(&mut self, id: NodeId) -> (Key, NodeId) {
        self.counters.splits += 1;
        let bplus = self.config.variant == Variant::BPlus;
        let node = self.node_mut(id);
        let n = node.keys.len();
        let leaf = node.is_leaf();
        let at = if bplus { n / 2 } else { (n - 1) / 2 };
        let mut right_keys = node.keys.split_off(at);
        let right_children = if leaf { Vec::new() } else { node.children.split_off(at + 1) };
        let up = if bplus && leaf { right_keys[0] } else { right_keys.remove(0) };
        let old_next = node.next;
        let right = self.alloc(right_keys, right_children);
        if bplus && leaf {
            self.node_mut(right).next = old_next;
            self.node_mut(id).next = Some(right);
        }
        (up, right)
    }
}
