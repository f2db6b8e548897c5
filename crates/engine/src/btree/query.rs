//! Read-only operations: routing a key through a node, search, range scans, listing keys.

use super::text::{count, show};
use super::{BTree, Key, NodeId, Variant};
use crate::step::{Recorder, Tone};

/// Where a key leads within one node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Route {
    /// The key sits in this node at this index (for a B+ tree only ever in a leaf).
    Here(usize),
    /// Go down to this child.
    Down(usize),
    /// A leaf without the key; it would go at this index.
    Absent(usize),
}

impl BTree {
    pub(super) fn route(&self, id: NodeId, key: Key) -> Route {
        let node = self.node(id);
        if node.is_leaf() {
            return match node.keys.binary_search(&key) {
                Ok(i) => Route::Here(i),
                Err(i) => Route::Absent(i),
            };
        }
        match self.config.variant {
            Variant::B => match node.keys.binary_search(&key) {
                Ok(i) => Route::Here(i),
                Err(i) => Route::Down(i),
            },
            // A separator is the smallest key of the subtree on its right, so equal keys go right.
            Variant::BPlus => Route::Down(node.keys.partition_point(|&k| k <= key)),
        }
    }

    /// Walks from `root` towards `key`, counting a read and narrating each node passed through,
    /// until the node that holds `key` or the leaf where it would go. Returns that node, where
    /// `key` is in it as `binary_search` reports it (`Ok(index)` found, `Err(index)` where it
    /// would go), and the path taken, as (node, child index) pairs, for repairs on the way back
    /// up. Insert, delete and search all start with this.
    pub(super) fn descend(
        &mut self,
        root: NodeId,
        key: Key,
        rec: &mut impl Recorder<BTree>,
    ) -> (NodeId, Result<usize, usize>, Vec<(NodeId, usize)>) {
        let mut path = Vec::new();
        let mut at = root;
        loop {
            self.counters.reads += 1;
            match self.route(at, key) {
                Route::Down(i) => {
                    self.note(rec, Tone::Visit, &[at], &[key], || {
                        format!("{}: {}.", self.label(at), self.route_text(at, key, i))
                    });
                    path.push((at, i));
                    at = self.child(at, i);
                }
                Route::Here(i) => return (at, Ok(i), path),
                Route::Absent(i) => return (at, Err(i), path),
            }
        }
    }

    fn child(&self, id: NodeId, index: usize) -> NodeId {
        self.node(id).children[index]
    }

    /// Whether `key` is stored, without counting reads or recording anything.
    pub fn contains(&self, key: Key) -> bool {
        let mut at = self.root;
        while let Some(id) = at {
            match self.route(id, key) {
                Route::Here(_) => return true,
                Route::Absent(_) => return false,
                Route::Down(i) => at = Some(self.child(id, i)),
            }
        }
        false
    }

    /// Every key in ascending order (a B+ tree reads them off its leaf chain).
    pub fn keys(&self) -> Vec<Key> {
        let mut out = Vec::with_capacity(self.len);
        let Some(root) = self.root else { return out };
        match self.config.variant {
            Variant::B => self.collect_in_order(root, &mut out),
            Variant::BPlus => {
                let mut leaf = Some(self.leftmost_leaf(root));
                // Bounded by the node count, so even a broken chain cannot loop forever.
                for _ in 0..self.nodes.len() {
                    let Some(id) = leaf else { break };
                    out.extend_from_slice(self.keys_of(id));
                    leaf = self.node(id).next;
                }
            }
        }
        out
    }

    fn collect_in_order(&self, id: NodeId, out: &mut Vec<Key>) {
        let node = self.node(id);
        for (i, &key) in node.keys.iter().enumerate() {
            if let Some(&child) = node.children.get(i) {
                self.collect_in_order(child, out);
            }
            out.push(key);
        }
        if let Some(&last) = node.children.get(node.keys.len()) {
            self.collect_in_order(last, out);
        }
    }

    pub(super) fn leftmost_leaf(&self, mut id: NodeId) -> NodeId {
        while let Some(&first) = self.node(id).children.first() {
            id = first;
        }
        id
    }

    /// Looks `key` up, one step per node on the path with the comparisons made there.
    pub fn search(&mut self, key: Key, rec: &mut impl Recorder<BTree>) -> bool {
        self.begin();
        let Some(root) = self.root else {
            self.note(rec, Tone::Refused, &[], &[key], || format!("The tree is empty, so {key} is not in it."));
            return false;
        };
        match self.descend(root, key, rec) {
            (at, Ok(_), _) => {
                self.note(rec, Tone::Found, &[at], &[key], || format!("{}: found {key}.", self.label(at)));
                true
            }
            (at, Err(i), _) => {
                self.note_absent(at, key, i, "", rec);
                false
            }
        }
    }

    /// Narrates a walk that ended in leaf `at` without `key` (which would sit at index `i`);
    /// `consequence` finishes the sentence for the operation that looked.
    pub(super) fn note_absent(&self, at: NodeId, key: Key, i: usize, consequence: &str, rec: &mut impl Recorder<BTree>) {
        self.note(rec, Tone::Refused, &[at], &[key], || {
            format!(
                "{}: {}, but it is not here, so {key} is not in the tree{consequence}.",
                self.label(at),
                self.gap_text(at, key, i)
            )
        });
    }

    /// Where an absent key would sit in a leaf: "23 falls between 20 and 25".
    pub(super) fn gap_text(&self, leaf: NodeId, key: Key, index: usize) -> String {
        let keys = self.keys_of(leaf);
        match (index.checked_sub(1).and_then(|i| keys.get(i)), keys.get(index)) {
            (Some(below), Some(above)) => format!("{key} falls between {below} and {above}"),
            (None, Some(above)) => format!("{key} would come before {above}"),
            (Some(below), None) => format!("{key} would come after {below}"),
            (None, None) => format!("{key} would be its only key"),
        }
    }

    /// Every key from `lo` to `hi` inclusive, ascending. A B+ tree descends once to the leaf
    /// for `lo` and walks the leaf chain; a B-tree walks in order, skipping subtrees that
    /// cannot hold keys in range.
    pub fn range(&mut self, lo: Key, hi: Key, rec: &mut impl Recorder<BTree>) -> Vec<Key> {
        self.begin();
        let mut out = Vec::new();
        if lo > hi {
            self.note(rec, Tone::Refused, &[], &[], || {
                format!("The range {lo} to {hi} is empty: its low end is above its high end.")
            });
            return out;
        }
        let Some(root) = self.root else {
            self.note(rec, Tone::Refused, &[], &[], || {
                format!("The tree is empty, so no keys lie between {lo} and {hi}.")
            });
            return out;
        };
        match self.config.variant {
            Variant::BPlus => self.range_leaves(root, lo, hi, rec, &mut out),
            Variant::B => {
                self.range_in_order(root, lo, hi, rec, &mut out);
                self.note(rec, Tone::Found, &[], &out, || {
                    format!("Done: {} from {lo} to {hi}{}.", count(out.len(), "key", "keys"), listing(&out))
                });
            }
        }
        out
    }

    fn range_leaves(&mut self, root: NodeId, lo: Key, hi: Key, rec: &mut impl Recorder<BTree>, out: &mut Vec<Key>) {
        let mut at = root;
        while !self.node(at).is_leaf() {
            self.counters.reads += 1;
            let i = self.keys_of(at).partition_point(|&k| k <= lo);
            self.note(rec, Tone::Visit, &[at], &[lo], || {
                format!("{}: find the leaf for the low end {lo}: {}.", self.label(at), self.route_text(at, lo, i))
            });
            at = self.child(at, i);
        }
        loop {
            self.counters.reads += 1;
            let start = out.len();
            out.extend(self.keys_of(at).iter().copied().filter(|&k| lo <= k && k <= hi));
            let last = self.keys_of(at).last().copied();
            let next = self.node(at).next.filter(|_| last.is_none_or(|last| last < hi));
            let taken = &out[start..];
            let tone = if taken.is_empty() { Tone::Visit } else { Tone::Found };
            self.note(rec, tone, &[at], taken, || {
                let here = if taken.is_empty() {
                    format!("no keys from {lo} to {hi}")
                } else {
                    format!("collect {}", show(taken).trim_matches(['[', ']']))
                };
                let then = match (next, last) {
                    (Some(_), Some(last)) => format!("{last} < {hi}, so follow the link to the next leaf"),
                    (Some(_), None) => "follow the link to the next leaf".to_string(),
                    (None, Some(last)) if last >= hi => {
                        format!("{last} ≥ {hi}, so the scan stops with {}", count(out.len(), "key", "keys"))
                    }
                    (None, _) => {
                        format!("this is the last leaf, so the scan stops with {}", count(out.len(), "key", "keys"))
                    }
                };
                format!("{}: {here}; {then}.", self.label(at))
            });
            match next {
                Some(id) => at = id,
                None => break,
            }
        }
    }

    fn range_in_order(&mut self, id: NodeId, lo: Key, hi: Key, rec: &mut impl Recorder<BTree>, out: &mut Vec<Key>) {
        self.counters.reads += 1;
        let n = self.keys_of(id).len();
        let leaf = self.node(id).is_leaf();
        // Child i holds the keys between keys[i - 1] and keys[i]; it matters only if that gap
        // overlaps lo..=hi. The children that matter are therefore consecutive.
        let reaches = |tree: &BTree, i: usize| {
            let keys = tree.keys_of(id);
            !leaf && (i == 0 || keys[i - 1] < hi) && (i == n || keys[i] > lo)
        };
        if rec.recording() {
            let here: Vec<Key> = self.keys_of(id).iter().copied().filter(|&k| lo <= k && k <= hi).collect();
            let wanted: Vec<usize> = (0..=n).filter(|&i| reaches(self, i)).collect();
            let tone = if here.is_empty() { Tone::Visit } else { Tone::Found };
            self.note(rec, tone, &[id], &here, || {
                let keys_part = match here.len() {
                    0 => format!("no key here lies in {lo} to {hi}"),
                    1 => format!("{} lies in {lo} to {hi}", here[0]),
                    _ => format!("{} lie in {lo} to {hi}", listing(&here).trim_start_matches(": ")),
                };
                let children_part = match (wanted.first(), wanted.last()) {
                    _ if leaf => String::new(),
                    (Some(&a), Some(&b)) if a == b => format!("; child {} may hold more, so visit it", a + 1),
                    (Some(&a), Some(&b)) if b == a + 1 => {
                        format!("; children {} and {} may hold more, so visit them in order", a + 1, b + 1)
                    }
                    (Some(&a), Some(&b)) => {
                        format!("; children {} to {} may hold more, so visit them in order", a + 1, b + 1)
                    }
                    _ => "; no child can hold keys in range".to_string(),
                };
                format!("{}: {keys_part}{children_part}.", self.label(id))
            });
        }
        for i in 0..=n {
            if reaches(self, i) {
                let child = self.child(id, i);
                self.range_in_order(child, lo, hi, rec, out);
            }
            if let Some(&key) = self.keys_of(id).get(i) {
                if lo <= key && key <= hi {
                    out.push(key);
                }
            }
        }
    }
}

/// ": 16 20 23" for a caption, shortened when long; empty for no keys.
fn listing(keys: &[Key]) -> String {
    const SHOWN: usize = 12;
    if keys.is_empty() {
        return String::new();
    }
    let shown: Vec<String> = keys.iter().take(SHOWN).map(Key::to_string).collect();
    let more = keys.len().saturating_sub(SHOWN);
    if more == 0 {
        format!(": {}", shown.join(" "))
    } else {
        format!(": {} … and {more} more", shown.join(" "))
    }
}
