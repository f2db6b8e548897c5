//! Layout: snapshot tests of seeded fixtures as SVG text, and the no-overlap guarantee on big
//! trees. Regenerate the snapshots after a deliberate change with
//! `UPDATE_SNAPSHOTS=1 cargo test -p strata-engine --test layout`, and review the diff.

use strata_engine::btree::{BTree, Config, Variant};
use strata_engine::layout::{btree::layout, to_svg};
use strata_engine::step::{Highlight, NoSteps, Timeline, Tone};
use std::path::PathBuf;

fn tree(variant: Variant, degree: u8, keys: &[u32]) -> BTree {
    let mut t = BTree::new(Config { variant, degree, ..Config::default() });
    for &k in keys {
        t.insert(k, &mut NoSteps);
    }
    t
}

fn check_snapshot(name: &str, svg: &str) {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(format!("{name}.svg"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&file, svg).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&file)
        .unwrap_or_else(|_| panic!("{} is missing: run with UPDATE_SNAPSHOTS=1 to create it", file.display()));
    assert!(expected == svg, "{name}.svg changed; if that is intended, rerun with UPDATE_SNAPSHOTS=1 and review the diff.\n{svg}");
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
            assert_eq!(scene.nodes.len(), t.node_count());
            let keys_drawn = scene.keys.len();
            assert!(keys_drawn >= 1_000, "every key is drawn ({keys_drawn})");
            // Every key sits inside the scene, and every leaf on the bottom row.
            assert!(scene.keys.iter().all(|k| k.x >= 0.0 && k.x + k.w <= scene.width && k.y + k.h <= scene.height));
            let leaf_rows: std::collections::BTreeSet<i64> = scene.nodes.iter().filter(|n| n.leaf).map(|n| n.y as i64).collect();
            assert_eq!(leaf_rows.len(), 1, "all leaves on one row");
        }
    }
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
                let leaves = scene.nodes.iter().filter(|n| n.leaf).count();
                assert_eq!(scene.links.len(), leaves - 1, "one link between each pair of neighbouring leaves");
            }
        }
    }
}

#[test]
fn keys_keep_stable_ids_across_a_split() {
    let before = tree(Variant::B, 4, &[10, 20, 30]);
    let after = tree(Variant::B, 4, &[10, 20, 30, 40]);
    let ids = |t: &BTree| {
        let mut v: Vec<String> = layout(t, &Highlight::default()).keys.into_iter().map(|k| k.id).collect();
        v.sort();
        v
    };
    assert_eq!(ids(&before), ["k10", "k20", "k30"]);
    assert_eq!(ids(&after), ["k10", "k20", "k30", "k40"]);
    // B+ copies going up get their own ids, so the leaf's key stays put while its copy appears.
    let plus = tree(Variant::BPlus, 4, &[10, 20, 30, 40]);
    assert_eq!(ids(&plus), ["k10", "k20", "k30", "k40", "s30"]);
}
