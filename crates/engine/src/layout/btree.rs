//! Tidy layout of a B-tree or B+ tree.
//!
//! Bottom-up: a subtree is as wide as its children side by side (or its own node, if that is
//! wider); top-down: each node sits centred over its children, clamped inside its subtree's
//! span. Subtrees never share horizontal space, so no two boxes can overlap however big the
//! tree, and every leaf lands on the same row because every leaf is at the same depth.

use super::{KeyBox, Line, NodeBox, Scene};
use crate::btree::{BTree, NodeId, Variant};
use crate::step::Highlight;
use std::collections::HashMap;

pub const KEY_W: f64 = 44.0;
pub const KEY_H: f64 = 28.0;
/// Space between a node's border and its keys.
pub const PAD: f64 = 3.0;
/// Horizontal space between neighbouring subtrees.
pub const GAP: f64 = 14.0;
/// Vertical distance from one level's top to the next level's top.
pub const LEVEL: f64 = 72.0;
pub const MARGIN: f64 = 12.0;

fn node_width(keys: usize) -> f64 {
    keys.max(1) as f64 * KEY_W + 2.0 * PAD
}

/// Lays out `tree`, marking what `highlight` points at.
pub fn layout(tree: &BTree, highlight: &Highlight) -> Scene {
    let mut scene = Scene::default();
    let Some(root) = tree.root() else {
        scene.width = 2.0 * MARGIN + node_width(1);
        scene.height = 2.0 * MARGIN + KEY_H + 2.0 * PAD;
        return scene;
    };
    let mut widths = HashMap::new();
    subtree_width(tree, root.id, &mut widths);
    let mut key_ids: HashMap<String, usize> = HashMap::new();
    place(tree, root.id, MARGIN, MARGIN, highlight, &widths, &mut scene, &mut key_ids);

    if tree.config().variant == Variant::BPlus {
        let by_id: HashMap<u32, &NodeBox> = scene.nodes.iter().map(|n| (n.id, n)).collect();
        let links: Vec<Line> = scene
            .nodes
            .iter()
            .filter(|n| n.leaf)
            .filter_map(|n| {
                let next = by_id.get(&tree.node(n.id).next?)?;
                let y = n.y + n.h / 2.0;
                Some(Line { x1: n.x + n.w, y1: y, x2: next.x, y2: y })
            })
            .collect();
        scene.links = links;
    }
    scene.width = widths[&root.id] + 2.0 * MARGIN;
    scene.height = 2.0 * MARGIN + (tree.height() - 1) as f64 * LEVEL + KEY_H + 2.0 * PAD;
    scene
}

fn subtree_width(tree: &BTree, id: NodeId, widths: &mut HashMap<NodeId, f64>) -> f64 {
    let node = tree.node(id);
    let children: f64 = node.children.iter().map(|&c| subtree_width(tree, c, widths)).sum::<f64>()
        + GAP * node.children.len().saturating_sub(1) as f64;
    let w = node_width(node.keys.len()).max(children);
    widths.insert(id, w);
    w
}

/// Places the subtree of `id` in the span starting at `left`; returns the node's box.
#[allow(clippy::too_many_arguments)]
fn place(
    tree: &BTree,
    id: NodeId,
    left: f64,
    top: f64,
    highlight: &Highlight,
    widths: &HashMap<NodeId, f64>,
    scene: &mut Scene,
    key_ids: &mut HashMap<String, usize>,
) -> NodeBox {
    let node = tree.node(id);
    let span = widths[&id];
    let own = node_width(node.keys.len());
    let children_width: f64 =
        node.children.iter().map(|c| widths[c]).sum::<f64>() + GAP * node.children.len().saturating_sub(1) as f64;
    let mut child_left = left + (span - children_width) / 2.0;
    let mut child_boxes = Vec::new();
    for &c in &node.children {
        child_boxes.push(place(tree, c, child_left, top + LEVEL, highlight, widths, scene, key_ids));
        child_left += widths[&c] + GAP;
    }
    let x = match (child_boxes.first(), child_boxes.last()) {
        (Some(first), Some(last)) => {
            let centre = (first.x + first.w / 2.0 + last.x + last.w / 2.0) / 2.0;
            (centre - own / 2.0).clamp(left, left + span - own)
        }
        _ => left + (span - own) / 2.0,
    };
    let tone = highlight.tone;
    let bx = NodeBox {
        id,
        x,
        y: top,
        w: own,
        h: KEY_H + 2.0 * PAD,
        leaf: node.is_leaf(),
        mark: highlight.nodes.contains(&id).then_some(tone),
    };
    let internal_copy = tree.config().variant == Variant::BPlus && !node.is_leaf();
    for (i, &key) in node.keys.iter().enumerate() {
        let base = if internal_copy { format!("s{key}") } else { format!("k{key}") };
        // Stale copies can briefly repeat a key mid-operation: keep ids unique regardless.
        let seen = key_ids.entry(base.clone()).or_insert(0);
        let id = if *seen == 0 { base } else { format!("{base}~{seen}") };
        *seen += 1;
        scene.keys.push(KeyBox {
            id,
            key,
            x: x + PAD + i as f64 * KEY_W,
            y: top + PAD,
            w: KEY_W,
            h: KEY_H,
            mark: highlight.keys.contains(&key).then_some(tone),
        });
    }
    for (i, child) in child_boxes.iter().enumerate() {
        scene.edges.push(Line {
            x1: x + PAD + i as f64 * KEY_W,
            y1: top + bx.h,
            x2: child.x + child.w / 2.0,
            y2: child.y,
        });
    }
    scene.nodes.push(bx.clone());
    bx
}
