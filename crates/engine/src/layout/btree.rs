//! Tidy layout of a B-tree or B+ tree, as a [`Scene`] of node boxes, key cells, edges and
//! (B+ tree) leaf links.
//!
//! Bottom-up: a subtree is as wide as its children side by side (or its own node's slot, if
//! that is wider); top-down: each node sits centred over its children, clamped inside its
//! subtree's span. Subtrees never share horizontal space, so no two boxes can overlap however
//! big the tree, and every leaf lands on the same row because every leaf is at the same depth.
//!
//! A node's slot is as wide as a *full* node (degree − 1 keys) even while it holds fewer, so
//! inserting a key into a leaf grows the box inside its slot and moves nothing else: only a
//! split or a merge reshapes the tree, which is what a learner should see move.

use crate::btree::{BTree, NodeId, Variant};
use crate::scene::{Geometry, Role, Scene, Shape};
use crate::step::Highlight;
use std::collections::HashMap;

pub const KEY_W: f64 = 52.0;
pub const KEY_H: f64 = 34.0;
/// Space between a node's border and its keys.
pub const PAD: f64 = 3.0;
/// Horizontal space between neighbouring subtrees.
pub const GAP: f64 = 16.0;
/// Vertical distance from one level's top to the next level's top.
pub const LEVEL: f64 = 84.0;
pub const MARGIN: f64 = 14.0;

/// Shape ids: the kind in the top bits, the node id or key value below.
const NODE: u64 = 1 << 40;
const KEY: u64 = 2 << 40;
const EDGE: u64 = 3 << 40;
const LINK: u64 = 4 << 40;
/// A B+ tree's separator copy of a key, apart from the key itself in its leaf.
const COPY: u64 = 1 << 39;

fn node_width(keys: usize) -> f64 {
    keys.max(1) as f64 * KEY_W + 2.0 * PAD
}

/// The id of node `id`'s box in a B-tree scene (the view looks nodes up by it).
pub fn node_shape_id(id: NodeId) -> u64 {
    NODE | id as u64
}

/// Lays out `tree`, marking what `highlight` points at.
pub fn layout(tree: &BTree, highlight: &Highlight) -> Scene {
    let mut scene = Scene::default();
    let Some(root) = tree.root() else {
        scene.width = 2.0 * MARGIN + node_width(1);
        scene.height = 2.0 * MARGIN + KEY_H + 2.0 * PAD;
        return scene;
    };
    let mut l = Layout { tree, highlight, widths: vec![0.0; tree.id_bound()], slot_keys: tree.config().max_keys(), scene, seen: HashMap::new() };
    l.subtree_width(root.id);
    l.place(root.id, MARGIN, MARGIN);
    let mut scene = l.scene;
    let widths = l.widths;

    if tree.config().variant == Variant::BPlus {
        let leaves: Vec<(NodeId, (f64, f64, f64, f64))> =
            scene.with_role(Role::Node).filter(|s| tree.node(node_of(s.id)).is_leaf()).map(|s| (node_of(s.id), s.bounds())).collect();
        let at = |id: NodeId| leaves.iter().find(|(n, _)| *n == id).map(|(_, b)| *b);
        let links: Vec<Shape> = leaves
            .iter()
            .filter_map(|&(id, (x, y, w, h))| {
                let (nx, ..) = at(tree.node(id).next?)?;
                let y = y + h / 2.0;
                Some(Shape::new(LINK | id as u64, Role::Link, Geometry::Path { segments: vec![[x + w, y, nx, y]], arrow: true }))
            })
            .collect();
        scene.shapes.extend(links);
    }
    scene.width = widths[root.id as usize] + 2.0 * MARGIN;
    scene.height = 2.0 * MARGIN + (tree.height() - 1) as f64 * LEVEL + KEY_H + 2.0 * PAD;
    scene.focus = scene.bounds_of(|s| s.mark.is_some() && matches!(s.role, Role::Node | Role::Item));
    let root_box = node_shape_id(root.id);
    scene.home = scene.shapes.iter().find(|s| s.id == root_box).map(|s| {
        let (x, y, w, h) = s.bounds();
        (x + w / 2.0, y + h / 2.0)
    });
    scene
}

fn node_of(shape: u64) -> NodeId {
    (shape & 0xFFFF_FFFF) as NodeId
}

struct Layout<'a> {
    tree: &'a BTree,
    highlight: &'a Highlight,
    /// Subtree widths by node id.
    widths: Vec<f64>,
    /// The keys a node's slot has room for.
    slot_keys: usize,
    scene: Scene,
    /// Key values already drawn, to keep ids unique if a key shows twice mid-operation.
    seen: HashMap<u64, u64>,
}

impl Layout<'_> {
    fn slot(&self, keys: usize) -> f64 {
        node_width(keys.max(self.slot_keys))
    }

    fn subtree_width(&mut self, id: NodeId) -> f64 {
        let node = self.tree.node(id);
        let children: f64 = node.children.iter().map(|&c| self.subtree_width(c)).sum::<f64>()
            + GAP * node.children.len().saturating_sub(1) as f64;
        let w = self.slot(node.keys.len()).max(children);
        self.widths[id as usize] = w;
        w
    }

    /// Places the subtree of `id` in the span starting at `left`; returns the node's box.
    fn place(&mut self, id: NodeId, left: f64, top: f64) -> (f64, f64, f64, f64) {
        let tree = self.tree;
        let node = tree.node(id);
        let span = self.widths[id as usize];
        let own = node_width(node.keys.len());
        let children_width: f64 = node.children.iter().map(|&c| self.widths[c as usize]).sum::<f64>()
            + GAP * node.children.len().saturating_sub(1) as f64;
        let mut child_left = left + (span - children_width) / 2.0;
        let mut child_boxes = Vec::with_capacity(node.children.len());
        for &c in &node.children {
            child_boxes.push(self.place(c, child_left, top + LEVEL));
            child_left += self.widths[c as usize] + GAP;
        }
        let x = match (child_boxes.first(), child_boxes.last()) {
            (Some(first), Some(last)) => {
                let centre = (first.0 + first.2 / 2.0 + last.0 + last.2 / 2.0) / 2.0;
                (centre - own / 2.0).clamp(left, left + span - own)
            }
            _ => left + (span - own) / 2.0,
        };
        let h = KEY_H + 2.0 * PAD;
        let tone = self.highlight.tone;
        let mut shape = Shape::new(NODE | id as u64, Role::Node, Geometry::Rect { x, y: top, w: own, h, rx: 5.0, label: None });
        shape.mark = self.highlight.nodes.contains(&id).then_some(tone);
        shape.overfull = node.keys.len() > tree.config().max_keys();
        self.scene.shapes.push(shape);

        let internal_copy = tree.config().variant == Variant::BPlus && !node.is_leaf();
        for (i, &key) in node.keys.iter().enumerate() {
            let base = if internal_copy { KEY | COPY | key as u64 } else { KEY | key as u64 };
            // Stale copies can briefly repeat a key mid-operation: keep ids unique regardless.
            let seen = self.seen.entry(base).or_insert(0);
            let repeats = *seen;
            *seen += 1;
            let geometry = Geometry::Rect { x: x + PAD + i as f64 * KEY_W, y: top + PAD, w: KEY_W, h: KEY_H, rx: 3.0, label: Some(key.to_string()) };
            let mut cell = Shape::new(base | repeats << 20, Role::Item, geometry);
            cell.mark = self.highlight.keys.contains(&key).then_some(tone);
            self.scene.shapes.push(cell);
        }
        for (i, (&child, b)) in node.children.iter().zip(&child_boxes).enumerate() {
            let segment = [x + PAD + i as f64 * KEY_W, top + h, b.0 + b.2 / 2.0, b.1];
            self.scene.shapes.push(Shape::new(EDGE | child as u64, Role::Edge, Geometry::Path { segments: vec![segment], arrow: false }));
        }
        (x, top, own, h)
    }
}
