//! The invariant checker: tests call it after every operation, and debug builds after every
//! recorded step.

use super::text::show;
use super::{BTree, Key, NodeId, Variant, MAX_KEY};

/// What the walk gathers.
struct Walk {
    seen: Vec<bool>,
    /// Leaves in left-to-right order.
    leaves: Vec<NodeId>,
    leaf_depth: Option<usize>,
    keys: usize,
}

impl BTree {
    /// Checks every structural rule and says which one broke, and where:
    /// keys ascending within nodes and within their subtree's bounds; occupancy (non-root
    /// nodes hold min..=max keys, the root at least one, internal nodes one child more than
    /// keys); all leaves at one depth; `len` right; every live node reachable exactly once;
    /// for a B+ tree, each separator equal to the smallest key on its right and the leaf
    /// chain linking every leaf in order (and nothing else). The node named by
    /// [`pending`](BTree::pending) may be one key over or under its limits.
    pub fn check_invariants(&self) -> Result<(), String> {
        for (index, slot) in self.nodes.iter().enumerate() {
            if let Some(node) = slot {
                if node.id as usize != index {
                    return Err(format!("node in slot {index} says its id is {}", node.id));
                }
            }
        }
        if let Some(pending) = self.pending {
            self.live(pending).ok_or_else(|| format!("pending node {pending} is not a live node"))?;
        }
        let Some(root) = self.root else {
            if self.len != 0 {
                return Err(format!("the tree has no root but len is {}", self.len));
            }
            return match self.nodes.iter().flatten().next() {
                Some(node) => Err(format!("node {} is live but the tree has no root", node.id)),
                None => Ok(()),
            };
        };
        self.live(root).ok_or_else(|| format!("root {root} is not a live node"))?;

        let mut walk = Walk { seen: vec![false; self.nodes.len()], leaves: Vec::new(), leaf_depth: None, keys: 0 };
        self.check_node(root, None, None, 0, &mut walk)?;

        if let Some(node) = self.nodes.iter().flatten().find(|node| !walk.seen[node.id as usize]) {
            return Err(format!("node {} {} is live but unreachable from the root", node.id, show(&node.keys)));
        }
        if walk.keys != self.len {
            return Err(format!("the tree holds {} keys but len is {}", walk.keys, self.len));
        }
        if self.config.variant == Variant::BPlus {
            self.check_chain(&walk.leaves)?;
        }
        Ok(())
    }

    fn live(&self, id: NodeId) -> Option<&super::Node> {
        self.nodes.get(id as usize).and_then(Option::as_ref)
    }

    /// Checks the subtree at `id`, whose keys must be above `lo` (at least `lo` in a B+ tree,
    /// where a separator is itself the smallest key on its right) and below `hi`.
    /// Returns the smallest key of the subtree's leftmost leaf (None if that leaf is empty).
    fn check_node(
        &self,
        id: NodeId,
        lo: Option<Key>,
        hi: Option<Key>,
        depth: usize,
        walk: &mut Walk,
    ) -> Result<Option<Key>, String> {
        let node = self.live(id).ok_or_else(|| format!("a child link points at missing node {id}"))?;
        let here = || format!("node {id} {}", show(&node.keys));
        match walk.seen.get_mut(id as usize) {
            Some(seen) if !*seen => *seen = true,
            _ => return Err(format!("{} is reached twice", here())),
        }
        let bplus = self.config.variant == Variant::BPlus;

        // Occupancy, with one key of slack for the node a step shows mid-repair.
        let n = node.keys.len();
        let pending = self.pending == Some(id);
        let slack = usize::from(pending);
        let (min, max) = if self.is_root(id) {
            (if pending { 0 } else { 1 }, self.config.max_keys())
        } else {
            (self.config.min_keys(), self.config.max_keys())
        };
        if n + slack < min || n > max + slack {
            return Err(format!("{} holds {n} keys, outside {min}..={max}", here()));
        }

        if let Some(&k) = node.keys.iter().find(|&&k| k > MAX_KEY) {
            return Err(format!("{} holds {k}, above the largest key {MAX_KEY}", here()));
        }
        if !node.keys.windows(2).all(|w| w[0] < w[1]) {
            return Err(format!("{} is not strictly ascending", here()));
        }
        let above_lo = |k: Key| lo.is_none_or(|lo| if bplus { k >= lo } else { k > lo });
        let below_hi = |k: Key| hi.is_none_or(|hi| k < hi);
        if let Some(&k) = node.keys.iter().find(|&&k| !above_lo(k) || !below_hi(k)) {
            return Err(format!("{} holds {k}, outside its subtree's bounds {lo:?}..{hi:?}", here()));
        }

        if node.is_leaf() {
            if !bplus && node.next.is_some() {
                return Err(format!("B-tree {} has a next link", here()));
            }
            match walk.leaf_depth {
                None => walk.leaf_depth = Some(depth),
                Some(d) if d != depth => {
                    return Err(format!("leaf {id} is at depth {depth}, other leaves at {d}"));
                }
                Some(_) => {}
            }
            walk.leaves.push(id);
            walk.keys += n;
            return Ok(node.keys.first().copied());
        }

        if node.children.len() != n + 1 {
            return Err(format!("{} has {} children for {n} keys", here(), node.children.len()));
        }
        if node.next.is_some() {
            return Err(format!("internal {} has a next link", here()));
        }
        if !bplus {
            walk.keys += n;
        }
        let mut smallest = None;
        for (i, &child) in node.children.iter().enumerate() {
            let child_lo = if i == 0 { lo } else { Some(node.keys[i - 1]) };
            let child_hi = node.keys.get(i).copied().or(hi);
            let child_min = self.check_node(child, child_lo, child_hi, depth + 1, walk)?;
            if i == 0 {
                smallest = child_min;
            } else if bplus {
                // An emptied leaf mid-repair has no smallest key; its separator is stale until the repair.
                if let Some(m) = child_min.filter(|&m| m != node.keys[i - 1]) {
                    return Err(format!(
                        "{}: separator {} should equal {m}, the smallest key on its right",
                        here(),
                        node.keys[i - 1]
                    ));
                }
            }
        }
        Ok(smallest)
    }

    /// B+ only: following `next` from the leftmost leaf visits exactly `leaves`, in order.
    fn check_chain(&self, leaves: &[NodeId]) -> Result<(), String> {
        for pair in leaves.windows(2) {
            let next = self.node(pair[0]).next;
            if next != Some(pair[1]) {
                return Err(format!("leaf {} links to {next:?}, but the next leaf is {}", pair[0], pair[1]));
            }
        }
        match leaves.last().and_then(|&last| self.node(last).next) {
            Some(next) => Err(format!("the last leaf links on to node {next}")),
            None => Ok(()),
        }
    }
}
