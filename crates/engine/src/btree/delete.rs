//! Deletion. By default the key is removed where it lives (a B-tree key in an internal node
//! is first replaced by its predecessor or successor from a leaf) and a node left short
//! borrows from a sibling or merges with one, repeating upward. With the preemptive option
//! (even degrees) every node is topped up above the minimum on the way down instead,
//! CLRS-style, so the removal never leaves anything short.
//!
//! B+ separators stay exact: each equals the smallest key of the subtree on its right.

use super::query::Route;
use super::text::{count, show};
use super::{BTree, DeletePolicy, Key, NodeId, Variant};
use crate::step::{Recorder, Tone};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Left,
    Right,
}

impl Side {
    fn name(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
        }
    }
}

/// What `fix_child` did, for its caption.
#[derive(Clone, Copy, Debug)]
enum Fix {
    /// A key came from the sibling on `side`. Through the parent (B-tree, B+ internal):
    /// `up` went from the sibling to the parent and `gained` came down. B+ leaf: `gained`
    /// moved across and `up` is the parent's new separator.
    Borrow { side: Side, sibling: NodeId, gained: Key, up: Key },
    /// The short node and its sibling on `side` became `kept`; `separator` came down from
    /// the parent (B-tree, B+ internal) or was dropped (B+ leaves).
    Merge { side: Side, kept: NodeId, separator: Key },
    /// No sibling to work with: only possible in a broken tree, so nothing is done.
    Stuck,
}

/// Node contents before a fix, for its caption.
#[derive(Default)]
struct Before {
    label: String,
    left: Option<Vec<Key>>,
    right: Option<Vec<Key>>,
}

impl BTree {
    /// Removes `key`; false (with a not-found step) when it is absent.
    pub fn delete(&mut self, key: Key, rec: &mut impl Recorder<BTree>) -> bool {
        self.begin();
        let Some(root) = self.root else {
            self.note(rec, Tone::Refused, &[], &[key], || {
                format!("The tree is empty, so there is no {key} to delete.")
            });
            return false;
        };
        // An absent key takes the default descent, which changes nothing on the way down.
        if self.config.preemptive_active() && self.contains(key) {
            return self.delete_preemptive(root, key, rec);
        }
        match self.descend(root, key, rec) {
            (at, Ok(i), mut path) => {
                self.note_found(at, key, rec);
                let short = if self.node(at).is_leaf() {
                    self.remove_from_leaf(&path, at, i, key, rec)
                } else {
                    self.take_neighbour(&mut path, at, key, false, rec)
                };
                if let Some(leaf) = short {
                    self.repair(path, leaf, rec);
                }
                true
            }
            (at, Err(i), _) => {
                self.note_absent(at, key, i, " and nothing changes", rec);
                false
            }
        }
    }

    fn note_found(&self, at: NodeId, key: Key, rec: &mut impl Recorder<BTree>) {
        self.note(rec, Tone::Found, &[at], &[key], || {
            if self.node(at).is_leaf() {
                format!("{}: found {key}.", self.label(at))
            } else {
                let (who, which) = match self.config.policy {
                    DeletePolicy::Predecessor => ("predecessor", "largest key to its left"),
                    DeletePolicy::Successor => ("successor", "smallest key to its right"),
                };
                format!(
                    "{}: found {key}. It is not in a leaf, so its {who} (the {which}) will take its place.",
                    self.label(at)
                )
            }
        });
    }

    /// Removes the key at `index` from `leaf`, keeping B+ separators exact. Returns the leaf
    /// when it is left short and needs repair.
    fn remove_from_leaf(
        &mut self,
        path: &[(NodeId, usize)],
        leaf: NodeId,
        index: usize,
        key: Key,
        rec: &mut impl Recorder<BTree>,
    ) -> Option<NodeId> {
        self.node_mut(leaf).keys.remove(index);
        self.len -= 1;
        if self.is_root(leaf) && self.keys_of(leaf).is_empty() {
            self.free(leaf);
            self.set_root(None);
            self.set_pending(None);
            self.note(rec, Tone::Change, &[], &[key], || {
                format!("Remove {key}: it was the last key, so the tree is now empty.")
            });
            return None;
        }
        // A B+ separator names the smallest key of its right subtree: if that was `key`, it
        // must now name the leaf's new smallest key.
        let renamed =
            if self.config.variant == Variant::BPlus && index == 0 { self.refresh_separator(path, leaf) } else { None };
        let short = self.is_short(leaf);
        self.set_pending(short.then_some(leaf));
        let mut nodes = vec![leaf];
        nodes.extend(renamed.map(|(node, _, _)| node));
        self.note(rec, Tone::Change, &nodes, &[key], || {
            let mut caption = format!("Remove {key}, leaving {}.", self.label_mid(leaf));
            if let Some((node, old, new)) = renamed {
                caption += &format!(
                    " The separator {old} in {} becomes {new}, the leaf's new smallest key.",
                    self.label_mid(node)
                );
            }
            caption + &self.short_text(leaf, "it")
        });
        short.then_some(leaf)
    }

    /// B+ only: the one separator that names the smallest key of `leaf`'s subtree sits in the
    /// deepest ancestor whose path goes right of a key. Sets it to the leaf's smallest key and
    /// returns (node, old, new) when it changed.
    fn refresh_separator(&mut self, path: &[(NodeId, usize)], leaf: NodeId) -> Option<(NodeId, Key, Key)> {
        let &first = self.keys_of(leaf).first()?;
        let &(node, child) = path.iter().rev().find(|&&(_, child)| child > 0)?;
        let old = *self.keys_of(node).get(child - 1)?;
        if old == first {
            return None;
        }
        self.node_mut(node).keys[child - 1] = first;
        Some((node, old, first))
    }

    fn is_short(&self, id: NodeId) -> bool {
        !self.is_root(id) && self.keys_of(id).len() < self.config.min_keys()
    }

    /// " That leaves it with 1 key, one fewer than the minimum of 2." for a short node
    /// (`who` names it: "it", "the parent []"), else "".
    fn short_text(&self, id: NodeId, who: &str) -> String {
        if !self.is_short(id) {
            return String::new();
        }
        format!(
            " That leaves {who} with {}, one fewer than the minimum of {}.",
            count(self.keys_of(id).len(), "key", "keys"),
            self.config.min_keys()
        )
    }

    /// B-tree: `key` sits in internal node `holder`. Walks down to its predecessor (or
    /// successor, by policy), moves that key up into `key`'s place and returns the leaf it
    /// came from when that leaf is left short. `early` tops up each node on the way
    /// (preemptive mode). `path` gains the walk, for the repair.
    fn take_neighbour(
        &mut self,
        path: &mut Vec<(NodeId, usize)>,
        holder: NodeId,
        key: Key,
        early: bool,
        rec: &mut impl Recorder<BTree>,
    ) -> Option<NodeId> {
        let pred = self.config.policy == DeletePolicy::Predecessor;
        let index = self.keys_of(holder).binary_search(&key).ok()?;
        let side = if pred { index } else { index + 1 };
        path.push((holder, side));
        let mut at = self.node(holder).children[side];
        self.counters.reads += 1;
        let mut announce = true;
        while !self.node(at).is_leaf() {
            let child = if pred { self.keys_of(at).len() } else { 0 };
            if announce {
                self.note(rec, Tone::Visit, &[at], &[key], || {
                    let (who, which, end) =
                        if pred { ("predecessor", "largest", "last") } else { ("successor", "smallest", "first") };
                    format!("{}: {key}'s {who} is the {which} key down here, so go to the {end} child.", self.label(at))
                });
            }
            announce = true;
            let next = self.node(at).children[child];
            self.counters.reads += 1;
            if early && self.keys_of(next).len() <= self.config.min_keys() {
                self.top_up(at, child, rec);
                announce = false;
                continue;
            }
            path.push((at, child));
            at = next;
        }
        let leaf = at;
        let taken = {
            let keys = &mut self.node_mut(leaf).keys;
            if pred {
                keys.pop()?
            } else {
                keys.remove(0)
            }
        };
        // The walk only reshapes nodes below `holder`, so `key` is still where it was found.
        let index = self.keys_of(holder).binary_search(&key).ok()?;
        self.node_mut(holder).keys[index] = taken;
        self.len -= 1;
        let short = self.is_short(leaf);
        self.set_pending(short.then_some(leaf));
        self.note(rec, Tone::Change, &[holder, leaf], &[taken], || {
            let which = if pred { "largest key in its left subtree" } else { "smallest key in its right subtree" };
            format!(
                "{taken}, the {which}, replaces {key} in {} and leaves {}.{}",
                self.label_mid(holder),
                self.label_mid(leaf),
                self.short_text(leaf, "that leaf")
            )
        });
        short.then_some(leaf)
    }

    /// Repairs upward from `node`, which is short: borrow from a sibling, or merge and carry
    /// on with the parent; an empty root hands over to its only child.
    fn repair(&mut self, mut path: Vec<(NodeId, usize)>, mut node: NodeId, rec: &mut impl Recorder<BTree>) {
        loop {
            if self.is_root(node) {
                self.shrink_root(rec);
                break;
            }
            if !self.is_short(node) {
                break;
            }
            let Some(&(parent, i)) = path.last() else { break };
            let before = self.before_fix(parent, i, rec.recording());
            let was_leaf = self.node(node).is_leaf();
            let fix = self.fix_child(parent, i);
            // A B+ leaf that was emptied kept a stale separator above it; once it has keys
            // again (borrowed, or merged with its right sibling) that separator must name
            // its new smallest key.
            let renamed = match fix {
                Fix::Borrow { side: Side::Right, .. } | Fix::Merge { side: Side::Right, .. }
                    if self.config.variant == Variant::BPlus && was_leaf =>
                {
                    self.refresh_separator(&path, node)
                }
                _ => None,
            };
            path.pop();
            let parent_short = match fix {
                Fix::Merge { .. } => self.is_short(parent) || (self.is_root(parent) && self.keys_of(parent).is_empty()),
                _ => false,
            };
            self.set_pending(parent_short.then_some(parent));
            self.note_fix(fix, &before, node, parent, renamed, "is short a key", rec);
            match fix {
                Fix::Merge { .. } => node = parent,
                Fix::Borrow { .. } | Fix::Stuck => break,
            }
        }
        self.set_pending(None);
    }

    /// An internal root left without keys gives way to its only child.
    fn shrink_root(&mut self, rec: &mut impl Recorder<BTree>) {
        let Some(root) = self.root else { return };
        let node = self.node(root);
        if !node.keys.is_empty() || node.is_leaf() {
            return;
        }
        let child = node.children[0];
        self.free(root);
        self.set_root(Some(child));
        self.set_pending(None);
        self.note(rec, Tone::Change, &[child], &[], || {
            format!(
                "The root has no keys left, so its only child {} becomes the root: the tree is one level shorter.",
                show(self.keys_of(child))
            )
        });
    }

    fn before_fix(&self, parent: NodeId, i: usize, recording: bool) -> Before {
        if !recording {
            return Before::default();
        }
        let children = &self.node(parent).children;
        let contents = |j: Option<usize>| j.and_then(|j| children.get(j)).map(|&id| self.keys_of(id).to_vec());
        Before { label: self.label(children[i]), left: contents(i.checked_sub(1)), right: contents(Some(i + 1)) }
    }

    /// Brings child `i` of `parent` up by a key: from the left sibling if it can spare one,
    /// else from the right sibling, else by merging with the right sibling (first child) or
    /// the left one. Counts a read per sibling looked at; records nothing.
    fn fix_child(&mut self, parent: NodeId, i: usize) -> Fix {
        let min = self.config.min_keys();
        let children = &self.node(parent).children;
        let left = i.checked_sub(1).and_then(|j| children.get(j)).copied();
        let right = children.get(i + 1).copied();
        if let Some(left) = left {
            self.counters.reads += 1;
            if self.keys_of(left).len() > min {
                return self.borrow(parent, i, Side::Left);
            }
        }
        if let Some(right) = right {
            self.counters.reads += 1;
            if self.keys_of(right).len() > min {
                return self.borrow(parent, i, Side::Right);
            }
        }
        match (left, right) {
            (_, Some(_)) if i == 0 => self.merge(parent, 0, Side::Right),
            (Some(_), _) => self.merge(parent, i - 1, Side::Left),
            _ => Fix::Stuck,
        }
    }

    /// Moves one key into child `i` of `parent` from its sibling on `side`.
    fn borrow(&mut self, parent: NodeId, i: usize, side: Side) -> Fix {
        self.counters.borrows += 1;
        let node = self.node(parent).children[i];
        let bplus_leaf = self.config.variant == Variant::BPlus && self.node(node).is_leaf();
        let (sibling, sep) = match side {
            Side::Left => (self.node(parent).children[i - 1], i - 1),
            Side::Right => (self.node(parent).children[i + 1], i),
        };
        // The key and (for internal nodes) the child that leave the sibling.
        let (moved, moved_child) = {
            let s = self.node_mut(sibling);
            match side {
                Side::Left => (s.keys.pop().unwrap_or_default(), s.children.pop()),
                Side::Right => {
                    let child = if s.children.is_empty() { None } else { Some(s.children.remove(0)) };
                    (s.keys.remove(0), child)
                }
            }
        };
        if bplus_leaf {
            // The key moves straight across; the separator between the two leaves becomes
            // the smallest key of whichever leaf is on its right.
            let up = match side {
                Side::Left => moved,
                Side::Right => self.keys_of(sibling)[0],
            };
            let n = self.node_mut(node);
            match side {
                Side::Left => n.keys.insert(0, moved),
                Side::Right => n.keys.push(moved),
            }
            self.node_mut(parent).keys[sep] = up;
            Fix::Borrow { side, sibling, gained: moved, up }
        } else {
            // A rotation: the sibling's key goes up, the parent's separator comes down, and
            // the sibling's outermost child moves across with it.
            let down = std::mem::replace(&mut self.node_mut(parent).keys[sep], moved);
            let n = self.node_mut(node);
            match side {
                Side::Left => {
                    n.keys.insert(0, down);
                    n.children.splice(0..0, moved_child);
                }
                Side::Right => {
                    n.keys.push(down);
                    n.children.extend(moved_child);
                }
            }
            Fix::Borrow { side, sibling, gained: down, up: moved }
        }
    }

    /// Merges children `left` and `left + 1` of `parent` into the left one. `side` says
    /// which of the two was the sibling of the short node, for the caption.
    fn merge(&mut self, parent: NodeId, left: usize, side: Side) -> Fix {
        self.counters.merges += 1;
        let (separator, gone) = {
            let p = self.node_mut(parent);
            (p.keys.remove(left), p.children.remove(left + 1))
        };
        let kept = self.node(parent).children[left];
        let gone = self.free(gone);
        let bplus_leaf = self.config.variant == Variant::BPlus && gone.is_leaf();
        let k = self.node_mut(kept);
        // B+ leaves already hold every key; elsewhere the separator joins the merged node.
        if !bplus_leaf {
            k.keys.push(separator);
        }
        k.keys.extend(gone.keys);
        k.children.extend(gone.children);
        if bplus_leaf {
            k.next = gone.next;
        }
        Fix::Merge { side, kept, separator }
    }

    /// Records a fix: `why` says what was wrong with `node` ("is short a key").
    #[allow(clippy::too_many_arguments)]
    fn note_fix(
        &self,
        fix: Fix,
        before: &Before,
        node: NodeId,
        parent: NodeId,
        renamed: Option<(NodeId, Key, Key)>,
        why: &str,
        rec: &mut impl Recorder<BTree>,
    ) {
        // A merge may have freed `node`; `kept` is then its left neighbour on the same level.
        let (mut nodes, key, level_node) = match fix {
            Fix::Borrow { sibling, gained, .. } => (vec![node, sibling], gained, node),
            Fix::Merge { kept, separator, .. } => (vec![kept], separator, kept),
            Fix::Stuck => return,
        };
        let bplus_leaf = self.config.variant == Variant::BPlus && self.node(level_node).is_leaf();
        nodes.push(parent);
        nodes.extend(renamed.map(|(id, _, _)| id));
        self.note(rec, Tone::Change, &nodes, &[key], || {
            let label = &before.label;
            let mut caption = match fix {
                Fix::Borrow { side, gained, up, .. } if bplus_leaf => format!(
                    "{label} {why}: it borrows {gained} from its {} sibling, and the separator between them becomes {up}.",
                    side.name()
                ),
                Fix::Borrow { side, gained, up, .. } => format!(
                    "{label} {why}: it borrows from its {} sibling through the parent: {up} moves up and {gained} comes down, giving {}.",
                    side.name(),
                    show(self.keys_of(node))
                ),
                Fix::Merge { side, kept, separator } => {
                    let sibling = match side {
                        Side::Left => &before.left,
                        Side::Right => &before.right,
                    };
                    let sibling = show(sibling.as_deref().unwrap_or_default());
                    let nobody = match (&before.left, &before.right) {
                        (Some(_), Some(_)) => "neither sibling can spare one".to_string(),
                        _ => format!("its {} sibling can't spare one", side.name()),
                    };
                    let merged = show(self.keys_of(kept));
                    if bplus_leaf {
                        format!(
                            "{label} {why}, and {nobody}, so it merges with its {} sibling {sibling} into {merged}; the separator {separator} leaves the parent.",
                            side.name()
                        )
                    } else {
                        format!(
                            "{label} {why}, and {nobody}, so it merges with its {} sibling {sibling}, and {separator} comes down from the parent: {merged}.",
                            side.name()
                        )
                    }
                }
                Fix::Stuck => String::new(),
            };
            if let Some((id, old, new)) = renamed {
                caption += &format!(" The separator {old} in {} becomes {new}, the leaf's smallest key now.", self.label_mid(id));
            }
            if let Fix::Merge { .. } = fix {
                caption += &self.short_text(parent, &format!("the parent {}", show(self.keys_of(parent))));
            }
            caption
        });
    }

    /// Preemptive delete of a key known to be present: before descending into a child that
    /// holds only the minimum, give it a key (borrow or merge), so the final removal from a
    /// leaf never leaves it short.
    fn delete_preemptive(&mut self, root: NodeId, key: Key, rec: &mut impl Recorder<BTree>) -> bool {
        let mut path: Vec<(NodeId, usize)> = Vec::new();
        let mut at = root;
        self.counters.reads += 1;
        let mut announce = true;
        loop {
            let route = self.route(at, key);
            if announce {
                match route {
                    Route::Here(_) => self.note_found(at, key, rec),
                    Route::Down(i) => self.note(rec, Tone::Visit, &[at], &[key], || {
                        format!("{}: {}.", self.label(at), self.route_text(at, key, i))
                    }),
                    Route::Absent(_) => {}
                }
            }
            announce = true;
            // The child to enter next: where the key leads, or (a B-tree key found in an
            // internal node) the side its predecessor or successor comes from.
            let child = match route {
                Route::Here(i) if self.node(at).is_leaf() => {
                    self.remove_from_leaf(&path, at, i, key, rec);
                    self.set_pending(None);
                    return true;
                }
                Route::Here(i) => match self.config.policy {
                    DeletePolicy::Predecessor => i,
                    DeletePolicy::Successor => i + 1,
                },
                Route::Down(i) => i,
                // Ruled out by the caller.
                Route::Absent(_) => return false,
            };
            let next = self.node(at).children[child];
            if self.keys_of(next).len() <= self.config.min_keys() {
                self.counters.reads += 1;
                let after = self.top_up(at, child, rec);
                // Look again from the same node (the key may have moved down into the child),
                // or from the new root if this one gave way; no new step for the same node.
                announce = after != at;
                at = after;
                continue;
            }
            if let Route::Here(_) = route {
                if let Some(leaf) = self.take_neighbour(&mut path, at, key, true, rec) {
                    self.repair(path, leaf, rec);
                }
                self.set_pending(None);
                return true;
            }
            self.counters.reads += 1;
            path.push((at, child));
            at = next;
        }
    }

    /// Gives child `i` of `parent` a key on the way down and records it. Returns the node to
    /// carry on from: `parent`, or the new root if `parent` was a root that merged away.
    fn top_up(&mut self, parent: NodeId, i: usize, rec: &mut impl Recorder<BTree>) -> NodeId {
        let before = self.before_fix(parent, i, rec.recording());
        let node = self.node(parent).children[i];
        let fix = self.fix_child(parent, i);
        let root_emptied = self.is_root(parent) && self.keys_of(parent).is_empty();
        self.set_pending(root_emptied.then_some(parent));
        let why = format!(
            "has only the minimum of {}, too few to lose one on the way down",
            count(self.config.min_keys(), "key", "keys")
        );
        self.note_fix(fix, &before, node, parent, None, &why, rec);
        if root_emptied {
            self.shrink_root(rec);
        }
        self.root.filter(|_| root_emptied).unwrap_or(parent)
    }
}
