//! Layout: snapshot tests of seeded fixtures as SVG text, and the no-overlap guarantee on big
//! trees. Regenerate the snapshots after a deliberate change with
//! `UPDATE_SNAPSHOTS=1 cargo test -p strata-engine --test layout`, and review the diff.

mod common;
use common::check_snapshot;
use strata_engine::btree::{BTree, Config, Variant};
use strata_engine::layout::btree::{layout, node_shape_id};
use strata_engine::scene::{to_svg, Geometry, Role, Scene, Shape};
use strata_engine::step::{Highlight, NoSteps, Timeline, Tone};

fn tree(variant: Variant, degree: u8, keys: &[u32]) -> BTree {
    let mut t = BTree::new(Config { variant, degree, ..Config::default() });
    for &k in keys {
        t.insert(k, &mut NoSteps);
    }
    t
}

#[test]
fn snapshot_btree_degree_4_after_seven_inserts() {
    let t = tree(Variant::B, 4, &[10, 20, 30, 40, 50, 60, 70]);
    check_snapshot("btree-d4-seven", &to_svg(&layout(&t, &Highlight::default())));
}

#[test]
fn snapshot_bplus_degree_3_with_leaf_links() {
    let t = tree(Variant::BPlus, 3, &[5, 1, 9, 3, 7, 11, 2, 8, 4, 6]);
    check_snapshot("bplus-d3-ten", &to_svg(&layout(&t, &Highlight::default())));
}

#[test]
fn snapshot_search_path_highlighted() {
    let mut t = BTree::new(Config { degree: 5, ..Config::default() });
    t.random_fill(40, 3, &mut NoSteps);
    let target = t.keys()[17];
    let mut timeline = Timeline::new(&t);
    t.search(target, &mut timeline);
    let last = timeline.steps.last().expect("a search records steps");
    assert_eq!(last.highlight.tone, Tone::Found);
    check_snapshot("btree-d5-search", &to_svg(&layout(&last.state, &last.highlight)));
}

#[test]
fn no_overlaps_up_to_a_thousand_keys_at_degree_3() {
    for variant in [Variant::B, Variant::BPlus] {
        for seed in 1..=4 {
            let mut t = BTree::new(Config { variant, degree: 3, ..Config::default() });
            t.random_fill(1_000, seed, &mut NoSteps);
            let scene = layout(&t, &Highlight::default());
            assert_eq!(scene.first_overlap(), None, "{variant:?} seed {seed}");
            assert_eq!(scene.count(Role::Node), t.node_count());
            assert_eq!(scene.count(Role::Edge), t.node_count() - 1, "one edge per child");
            let keys_drawn = scene.count(Role::Item);
            assert!(keys_drawn >= 1_000, "every key is drawn ({keys_drawn})");
            // Every key sits inside the scene, and every leaf on the bottom row.
            assert!(scene.with_role(Role::Item).map(Shape::bounds).all(|(x, _, w, h)| x >= 0.0 && x + w <= scene.width && h <= scene.height));
            let leaf_ids: Vec<u64> = leaves(&t).into_iter().map(node_shape_id).collect();
            let leaf_rows: std::collections::BTreeSet<i64> =
                scene.with_role(Role::Node).filter(|n| leaf_ids.contains(&n.id)).map(|n| n.bounds().1 as i64).collect();
            assert_eq!(leaf_rows.len(), 1, "all leaves on one row");
        }
    }
}

#[test]
fn a_tree_opens_on_its_root_and_an_empty_one_at_the_corner() {
    let mut t = BTree::new(Config { degree: 4, ..Config::default() });
    assert_eq!(layout(&t, &Highlight::default()).home, None);
    t.random_fill(200, 3, &mut NoSteps);
    let scene = layout(&t, &Highlight::default());
    let root = scene.shapes.iter().find(|s| s.id == node_shape_id(t.root().unwrap().id)).unwrap();
    let (x, y, w, h) = root.bounds();
    assert_eq!(scene.home, Some((x + w / 2.0, y + h / 2.0)), "the view opens centred on the root");
    // A wide tree's root is not at its left edge, where a view opening at the corner would be.
    assert!(x > 0.25 * scene.width, "root at {x} of {}", scene.width);
}

#[test]
fn no_overlaps_at_every_degree_after_deletes() {
    for degree in 3..=10 {
        for variant in [Variant::B, Variant::BPlus] {
            let mut t = BTree::new(Config { variant, degree, ..Config::default() });
            t.random_fill(600, degree as u64, &mut NoSteps);
            for k in t.keys().into_iter().step_by(3) {
                t.delete(k, &mut NoSteps);
            }
            let scene = layout(&t, &Highlight::default());
            assert_eq!(scene.first_overlap(), None, "{variant:?} degree {degree}");
            if variant == Variant::BPlus {
                assert_eq!(scene.count(Role::Link), leaves(&t).len() - 1, "one link between each pair of neighbouring leaves");
            }
        }
    }
}

#[test]
fn keys_keep_stable_ids_across_a_split() {
    let before = tree(Variant::B, 4, &[10, 20, 30]);
    let after = tree(Variant::B, 4, &[10, 20, 30, 40]);
    let ids = |t: &BTree| {
        let mut v: Vec<u64> = layout(t, &Highlight::default()).with_role(Role::Item).map(|k| k.id).collect();
        v.sort();
        v
    };
    let (b, a) = (ids(&before), ids(&after));
    assert_eq!(a.len(), 4);
    assert!(b.iter().all(|id| a.contains(id)), "the three keys keep their ids through the split");
    // B+ copies going up get their own ids, so the leaf's key stays put while its copy appears.
    let plus = ids(&tree(Variant::BPlus, 4, &[10, 20, 30, 40]));
    assert_eq!(plus.len(), 5);
    assert!(a.iter().all(|id| plus.contains(id)));
}

/// Leaf ids, left to right.
fn leaves(t: &BTree) -> Vec<u32> {
    let mut out = Vec::new();
    let mut stack: Vec<u32> = t.root().map(|r| r.id).into_iter().collect();
    while let Some(id) = stack.pop() {
        let n = t.node(id);
        if n.is_leaf() {
            out.push(id);
        }
        stack.extend(n.children.iter().rev());
    }
    out
}

#[test]
fn an_overfull_node_is_drawn_as_overfull_and_the_focus_follows_the_change() {
    let mut t = BTree::new(Config { degree: 4, ..Config::default() });
    let mut timeline = Timeline::new(&t);
    for k in [10, 20, 30, 40] {
        t.insert(k, &mut timeline);
    }
    // The step where [10 20 30 40] holds one key too many.
    let step = timeline.steps.iter().find(|s| s.state.pending().is_some() && s.state.len() == 4).expect("an overfull step");
    let scene = layout(&step.state, &step.highlight);
    let node = scene.with_role(Role::Node).next().unwrap();
    assert!(node.overfull);
    let focus = scene.focus.expect("the step points at the node");
    assert_eq!(focus, node.bounds());
    let last = timeline.steps.last().unwrap();
    assert!(layout(&last.state, &last.highlight).with_role(Role::Node).all(|n| !n.overfull));
}

#[test]
fn keys_are_drawn_at_a_readable_size() {
    let t = tree(Variant::B, 3, &[1, 99999]);
    let scene = layout(&t, &Highlight::default());
    assert!(scene.with_role(Role::Item).all(|k| k.bounds().3 >= 30.0), "cells tall enough for 16 px text");
    assert!(strata_engine::scene::FONT_SIZE >= 14.0);
}

/// Every kind of shape the platform offers (the LSM tree and the hash ring draw circles, arcs
/// and labels), written as SVG: the reference the browser renderers follow.
#[test]
fn snapshot_every_shape_kind() {
    let mut ring = Shape::new(1, Role::Node, Geometry::Circle { cx: 80.0, cy: 80.0, r: 60.0 });
    ring.mark = Some(Tone::Visit);
    let mut arc = Shape::new(2, Role::Link, Geometry::Arc { cx: 80.0, cy: 80.0, r: 60.0, start: 30.0, end: 250.0 });
    arc.mark = Some(Tone::Change);
    let mut table = Shape::new(3, Role::Node, Geometry::Rect { x: 170.0, y: 20.0, w: 90.0, h: 34.0, rx: 4.0, label: Some("L0 <1>".into()) });
    table.overfull = true;
    let label = Shape::new(4, Role::Label, Geometry::Text { x: 80.0, y: 80.0, text: "ring & nodes".into(), anchor: Default::default() });
    let edge = Shape::new(5, Role::Edge, Geometry::Path { segments: vec![[215.0, 54.0, 215.0, 120.0], [215.0, 120.0, 250.0, 140.0]], arrow: true });
    let scene = Scene { width: 280.0, height: 160.0, shapes: vec![ring, arc, table, label, edge], focus: None, home: None };
    check_snapshot("scene-shapes", &to_svg(&scene));
}
