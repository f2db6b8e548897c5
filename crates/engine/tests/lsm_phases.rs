//! A compaction's four recorded steps: inputs marked, merged, outputs written beside the
//! inputs, inputs deleted. The phases are for the eye only: reads, the message state and the
//! final tree are what the compaction made of them in one go. (Snapshots as SVG text, as in
//! lsm_widget.rs: regenerate with `UPDATE_SNAPSHOTS=1 cargo test -p strata-engine --test
//! lsm_phases` after a deliberate change.)

mod common;
use common::check_snapshot;
use strata_browser::url::query_pairs;
use strata_engine::layout::lsm::{layout, table_shape_id};
use strata_engine::lsm::{Counters, Lsm};
use strata_engine::scene::{to_svg, Geometry, Role, Scene};
use strata_engine::step::{NoSteps, Step, Tone, Versioned};
use strata_engine::widget::Widget;
use strata_engine::widgets::lsm::{message, LsmWidget, Runs, Scenario};

/// The tombstone guided scenario's operations: a full compaction of two tables (steps 16–19)
/// that drops a shadowed value and the tombstone over it.
const TOMBSTONE: &str = "memtable=4&ops=p5,p8,p2,p9,d5,p1,p3,p4,g5,compact,r0-10";
/// Sixteen puts into a four-entry memtable: the fourth flush (step 24) fills L0, which is
/// merged into L1 (steps 25–28); L1 is then over target and one table moves down (29–30).
const SIXTEEN: &str = "memtable=4&ops=p5,p60,p35,p90,p20,p75,p45,p10,p65,p30,p85,p50,p15,p95,p40,p70";

fn runs(q: &str) -> Runs {
    let (s, notices) = Scenario::parse(&query_pairs(q));
    assert!(notices.is_empty(), "{notices:?}");
    Runs::build(&s)
}

/// Step `n` as the player numbers it (1 is the first recorded step).
fn step(runs: &Runs, n: usize) -> &Step<Lsm> {
    &runs.main.timeline.steps[n - 1]
}

fn table_ids(lsm: &Lsm) -> Vec<Vec<u32>> {
    lsm.levels().iter().map(|l| l.iter().map(|t| t.id).collect()).collect()
}

fn levels_json(lsm: &Lsm) -> String {
    serde_json::to_string(&message(lsm).levels).unwrap()
}

#[test]
fn a_compaction_is_marked_merged_written_then_its_inputs_deleted() {
    let runs = runs(TOMBSTONE);
    let (marked, merged, written, done) = (step(&runs, 16), step(&runs, 17), step(&runs, 18), step(&runs, 19));

    // 1. Inputs marked: which tables, and why.
    assert_eq!(marked.highlight.tone, Tone::Visit);
    assert_eq!(marked.highlight.nodes, [2, 1]);
    assert!(marked.caption.starts_with("Compaction picks #2, #1."), "{}", marked.caption);
    assert_eq!(table_ids(&marked.state), [vec![2, 1]]);

    // 2. Merged: this merge's figures; nothing on disk changed, the inputs still marked.
    assert!(merged.caption.starts_with("Merged"), "{}", merged.caption);
    assert!(merged.caption.contains("8 entries in all"), "{}", merged.caption);
    assert!(merged.caption.contains("drops 1 shadowed version and 1 tombstone: 6 entries survive"), "{}", merged.caption);
    assert_eq!(merged.highlight, marked.highlight);
    assert_eq!(table_ids(&merged.state), [vec![2, 1]]);
    assert!(merged.state.in_flight().is_none());
    let share = merged.counters.since(&marked.counters);
    assert_eq!((share.compaction_read, share.dropped_versions, share.dropped_tombstones, share.compaction_written), (956, 1, 1, 0));

    // 3. Written: the outputs exist, the inputs are still in place and still what reads use.
    let f = written.state.in_flight().expect("the outputs wait beside the inputs");
    assert_eq!(f.level, 1);
    assert_eq!(f.inputs, [2, 1]);
    assert_eq!(f.tables.iter().map(|t| t.id).collect::<Vec<_>>(), [3, 4]);
    assert_eq!(table_ids(&written.state), [vec![2, 1]]);
    assert_eq!(written.highlight.nodes, [2, 1], "the inputs stay marked until they go");
    assert!(written.caption.starts_with("Written: 2 new tables for L1 (808 bytes): #3, #4"), "{}", written.caption);
    assert!(written.caption.contains("target_file_size_base (496 bytes)"), "{}", written.caption);
    assert_eq!(written.counters.since(&merged.counters).compaction_written, 808);
    assert_eq!(levels_json(&written.state), levels_json(&marked.state), "the message state lists stored tables only");
    written.state.check().unwrap();

    // 4. Done: the inputs are gone, the outputs in L1, the figures cumulative.
    assert!(done.state.in_flight().is_none());
    assert_eq!(table_ids(&done.state), [vec![], vec![3, 4]]);
    assert_eq!(done.highlight.tone, Tone::Change);
    assert_eq!(done.highlight.nodes, [3, 4]);
    assert!(done.caption.starts_with("Done: the inputs #2, #1 are deleted (956 bytes freed) and the new tables take their place in L1."), "{}", done.caption);
    assert!(done.caption.contains("So far compactions have dropped 1 shadowed version and 1 tombstone."), "{}", done.caption);
    assert_eq!(done.counters.since(&written.counters).removed_bytes, 956);
}

/// The four steps end where the two steps used to: the same tables (pinned from the two-step
/// version) and the same counters, recorded or not.
#[test]
fn the_final_tree_is_what_the_two_step_compaction_left() {
    let two_step_levels = [
        (SIXTEEN, r#"[[],[{"id":6,"min":30,"max":45,"entries":4,"bytes":528},{"id":7,"min":50,"max":70,"entries":4,"bytes":528},{"id":8,"min":75,"max":95,"entries":4,"bytes":528}],[{"id":5,"min":5,"max":20,"entries":4,"bytes":528}]]"#),
        (TOMBSTONE, r#"[[],[{"id":3,"min":1,"max":4,"entries":4,"bytes":528},{"id":4,"min":8,"max":9,"entries":2,"bytes":280}]]"#),
    ];
    for (q, levels) in two_step_levels {
        let runs = runs(q);
        assert_eq!(levels_json(&runs.main.state), levels, "{q}");
    }
    let c = runs(TOMBSTONE).main.state.counters();
    let pinned = Counters {
        user_bytes: 828, wal_bytes: 892, flush_bytes: 956, compaction_read: 956, compaction_written: 808, removed_bytes: 956, puts: 7, deletes: 1, gets: 1, get_tables: 1,
        bloom_negative: 0, bloom_true_positive: 1, bloom_false_positive: 0, blocks_read: 1, scans: 1, scan_tables: 2, scan_blocks: 2, flushes: 2, compactions: 1,
        dropped_versions: 1, dropped_tombstones: 1,
    };
    assert_eq!(c, pinned);
    // Unrecorded, the same operations end in the same tree, and nothing is ever in flight.
    for q in [SIXTEEN, TOMBSTONE, "guided=leveled-cascade", "strategy=tiered&memtable=4&workload=update&n=3000&seed=5&ops=compact"] {
        let (s, _) = Scenario::parse(&query_pairs(q));
        let recorded = Runs::build(&s).main.state;
        let mut fast = LsmWidget::new_state(&s.params);
        for (i, op) in s.all_ops(&s.params).iter().enumerate() {
            LsmWidget::apply(op, &mut fast, s.op_seed(i, 1), &mut NoSteps);
            assert!(fast.in_flight().is_none());
        }
        assert_eq!(fast.counters(), recorded.counters(), "{q}");
        assert_eq!(levels_json(&fast), levels_json(&recorded), "{q}");
    }
}

/// Over whole scenarios: every merged caption gives that merge's own figures (the counters'
/// change at that step), every in-flight step sits between its merge and its inputs'
/// deletion, and gets answer the same while the outputs are in flight as before.
#[test]
fn every_compaction_keeps_its_phases_in_order() {
    for q in ["guided=leveled-cascade", TOMBSTONE, "strategy=tiered&memtable=4&workload=update&n=2000&seed=5&ops=p1,p2,p3,p4,p5,p6,p7,p8,p9,p10,p11,p12,p13,p14,p15,p16,compact", "memtable=8&workload=delete&n=3000&seed=9&ops=compact"] {
        let runs = runs(q);
        let steps = &runs.main.timeline.steps;
        let mut merges = 0;
        for (i, s) in steps.iter().enumerate() {
            let before = if i == 0 { runs.main.timeline.initial.counters() } else { steps[i - 1].counters };
            if s.caption.starts_with("Merged") {
                merges += 1;
                let share = s.counters.since(&before);
                let versions = format!("drops {} shadowed version{}", share.dropped_versions, if share.dropped_versions == 1 { "" } else { "s" });
                let tombstones = format!("{} tombstone{}", share.dropped_tombstones, if share.dropped_tombstones == 1 { "" } else { "s" });
                assert!(s.caption.contains(&versions) && s.caption.contains(&tombstones), "{q}, step {}: {}", i + 1, s.caption);
                // Then written, then done.
                assert!(steps[i + 1].caption.starts_with("Written") || steps[i + 1].caption.starts_with("Nothing is written"), "{q}: {}", steps[i + 1].caption);
                assert!(steps[i + 2].caption.starts_with("Done"), "{q}: {}", steps[i + 2].caption);
            }
            let Some(f) = s.state.in_flight() else { continue };
            assert!(steps[i - 1].caption.starts_with("Merged") && steps[i - 1].state.in_flight().is_none(), "{q}, step {}", i + 1);
            let next = &steps[i + 1].state;
            assert!(next.in_flight().is_none());
            for t in &f.tables {
                assert!(!s.state.tables().any(|s| s.id == t.id), "{q}: #{} is in flight and stored", t.id);
                assert!(next.tables().any(|n| n.id == t.id), "{q}: #{} never lands", t.id);
            }
            for id in &f.inputs {
                assert!(s.state.tables().any(|t| t.id == *id), "{q}: input #{id} gone too soon");
                assert!(!next.tables().any(|t| t.id == *id), "{q}: input #{id} outlives its compaction");
            }
            let (mut mid, mut earlier) = ((*s.state).clone(), (*steps[i - 1].state).clone());
            for key in 0..=mid.key_high() {
                assert_eq!(mid.get(key, &mut NoSteps).value, earlier.get(key, &mut NoSteps).value, "{q}: get {key} mid-compaction");
            }
        }
        assert!(merges > 0, "{q} has a compaction that rewrites bytes");
    }
}

#[test]
fn a_trivial_move_stays_two_steps() {
    let runs = runs(SIXTEEN);
    assert_eq!(runs.steps(), 30);
    let (marked, moved) = (step(&runs, 29), step(&runs, 30));
    assert!(marked.caption.starts_with("Compaction picks #5."), "{}", marked.caption);
    assert!(moved.caption.contains("trivial move"), "{}", moved.caption);
    assert!(runs.main.timeline.steps.iter().all(|s| s.state.in_flight().is_none() || s.caption.starts_with("Written")));
}

/// Every entry shadowed or a droppable tombstone: the merge writes nothing, and the steps say so.
#[test]
fn a_compaction_that_drops_everything_still_takes_four_steps() {
    let runs = runs("memtable=2&ops=p1,p2,d1,d2,compact");
    let n = runs.steps();
    let [marked, merged, written, done] = [n - 3, n - 2, n - 1, n].map(|k| step(&runs, k));
    assert!(marked.caption.starts_with("Compaction picks #2, #1."), "{}", marked.caption);
    assert!(merged.caption.contains("drops 2 shadowed versions and 2 tombstones: 0 entries survive"), "{}", merged.caption);
    assert!(written.caption.starts_with("Nothing is written"), "{}", written.caption);
    assert!(written.state.in_flight().is_none());
    assert_eq!(table_ids(&written.state), [vec![2, 1]]);
    assert!(done.caption.contains("nothing replaces them"), "{}", done.caption);
    assert!(done.highlight.nodes.is_empty());
    assert_eq!(runs.main.state.table_count(), 0);
    for s in [marked, merged, written, done] {
        s.state.check().unwrap();
    }
}

fn scene_at(runs: &Runs, n: usize) -> Scene {
    let s = step(runs, n);
    layout(&s.state, &s.highlight)
}

fn row_name_y(scene: &Scene, name: &str) -> f64 {
    scene.with_role(Role::Label).find_map(|s| match &s.geometry { Geometry::Text { y, text, .. } if text == name => Some(*y), _ => None }).unwrap_or_else(|| panic!("no row {name}"))
}

/// Mid-compaction the drawing holds both: the inputs, marked, in their levels, and the
/// outputs, drawn pending in a row of their own right below the level they are written for.
#[test]
fn the_outputs_are_drawn_pending_beside_their_inputs() {
    let runs = runs(SIXTEEN);
    let scene = scene_at(&runs, 27);
    let shape = |id: u32| scene.shapes.iter().find(|s| s.id == table_shape_id(id)).unwrap_or_else(|| panic!("table #{id} is drawn"));
    for input in 1..=4 {
        assert_eq!(shape(input).mark, Some(Tone::Visit));
        assert!(!shape(input).pending);
    }
    for output in 5..=8 {
        assert!(shape(output).pending);
        assert_eq!(shape(output).mark, None);
    }
    // L1 holds nothing yet, so it is not drawn: the pending row comes right after L0.
    assert!(row_name_y(&scene, "L0") < row_name_y(&scene, "→ L1"));
    // The focus takes in the outputs too.
    let (_, fy, _, fh) = scene.focus.unwrap();
    assert!(fy + fh >= shape(8).bounds().1 + shape(8).bounds().3 - 1e-9);
    // Boxes never overlap, pending ones included.
    let boxes: Vec<_> = scene.with_role(Role::Node).filter(|s| matches!(s.geometry, Geometry::Rect { .. })).map(|s| s.bounds()).collect();
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            assert!(a.0 + a.2 <= b.0 || b.0 + b.2 <= a.0 || a.1 + a.3 <= b.1 || b.1 + b.3 <= a.1, "{a:?} {b:?}");
        }
    }
    // Once the inputs are gone, the outputs are ordinary tables in L1 and the row is gone.
    let after = scene_at(&runs, 28);
    assert!(after.shapes.iter().all(|s| !s.pending));
    assert!(after.with_role(Role::Label).all(|s| !matches!(&s.geometry, Geometry::Text { text, .. } if text.starts_with('→'))));
    check_snapshot("lsm-mid-compaction", &to_svg(&scene));
}

/// With L1 drawn, L0's merge is written below L1; L1's merge into L2 below L2.
#[test]
fn the_pending_row_sits_below_the_level_it_is_written_for() {
    let runs = runs("guided=leveled-cascade");
    for (n, level) in [(119, "L1"), (125, "L2")] {
        let scene = scene_at(&runs, n);
        assert!(step(&runs, n).state.in_flight().is_some(), "step {n}");
        let (row, pending) = (row_name_y(&scene, level), row_name_y(&scene, &format!("→ {level}")));
        assert!(row < pending, "step {n}: the pending row is below {level}");
        let below = scene.with_role(Role::Label).filter_map(|s| match &s.geometry { Geometry::Text { y, text, .. } if text.starts_with('L') && *y > row => Some(*y), _ => None }).fold(f64::MAX, f64::min);
        assert!(pending < below, "step {n}: nothing lies between {level} and its pending row");
    }
}

/// Tiered: the output's size tier is only known once its inputs are gone, so it is drawn
/// below the tier it is merged from.
#[test]
fn a_tiered_output_is_drawn_below_its_inputs_tier() {
    let runs = runs("strategy=tiered&memtable=4&ops=p5,p60,p35,p90,p20,p75,p45,p10,p65,p30,p85,p50,p15,p95,p40,p70");
    let n = runs.main.timeline.steps.iter().position(|s| s.state.in_flight().is_some()).expect("a tiered compaction in flight") + 1;
    let scene = scene_at(&runs, n);
    assert!(row_name_y(&scene, "Tier 1") < row_name_y(&scene, "Writing"));
    let output = step(&runs, n).state.in_flight().unwrap().tables[0].id;
    assert!(scene.shapes.iter().any(|s| s.id == table_shape_id(output) && s.pending));
    assert!(LsmWidget::describe(&step(&runs, n).state, "Tiered").contains(&format!("Being written, beside the inputs they replace: #{output}.")));
}

/// What tests/e2e/viz-lsm.test.mjs steps through in a browser, checked here natively, so a
/// change in step numbers shows up without one.
#[test]
fn the_steps_the_browser_test_visits_are_what_it_expects() {
    let runs = runs(SIXTEEN);
    let levels = |n: usize| message(&step(&runs, n).state).levels.iter().map(Vec::len).collect::<Vec<_>>();
    let pending = |n: usize| scene_at(&runs, n).with_role(Role::Node).filter(|s| s.pending).count();
    assert_eq!(levels(24), [4]);
    assert!(step(&runs, 26).caption.contains("Merged"));
    assert_eq!(levels(26), [4]);
    assert_eq!((levels(27), pending(27)), (vec![4], 4));
    assert!(step(&runs, 28).caption.contains("are deleted"));
    assert_eq!((levels(28), pending(28)), (vec![0, 4], 0));
    assert_eq!(levels(23), [3]);
    // The embed test opens the cascade at its last step, after the L1-into-L2 merge.
    let cascade = self::runs("guided=leveled-cascade");
    assert_eq!(cascade.steps(), 126);
    assert!(step(&cascade, 126).caption.contains("in L2"));
}
