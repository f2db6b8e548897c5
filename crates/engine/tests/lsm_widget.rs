//! The LSM widget: its address grammar, notices, guided scenarios, message state and layout
//! (snapshots as SVG text; regenerate with `UPDATE_SNAPSHOTS=1 cargo test -p strata-engine
//! --test lsm_widget` after a deliberate change, and review the diff).

mod common;
use common::check_snapshot;
use strata_browser::url::query_pairs;
use strata_engine::layout::lsm::{axis_end, layout};
use strata_engine::lsm::{CompactTarget, Lsm, Strategy, WorkloadKind};
use strata_engine::scene::{to_svg, Geometry, Role, Scene};
use strata_engine::step::{Highlight, NoSteps, Versioned};
use strata_engine::widget::{find, Widget};
use strata_engine::widgets::lsm::{LsmWidget, Op, Params, Runs, Scenario, GUIDED};

fn pairs(q: &str) -> Vec<(String, String)> {
    query_pairs(q)
}

#[test]
fn the_issue_example_parses_cleanly_and_round_trips() {
    let q = "strategy=leveled&memtable=64&ratio=10&bits=10&workload=uniform&n=100000&seed=7";
    let (s, notices) = Scenario::parse(&pairs(q));
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(s.params, Params { strategy: Strategy::Leveled, memtable: 64, ratio: Some(10), bits: 10, workload: WorkloadKind::Uniform, n: 100_000 });
    assert_eq!(s.seed, 7);
    // Defaults are left out; what is set comes back.
    assert_eq!(s.to_query(), "ratio=10&n=100000&seed=7");
    let q = "strategy=tiered&memtable=8&ratio=6&bits=0&workload=zipf&n=500&ops=p5,d5,g5,r3-9,flush,compact,compact1&compare=leveled:4&step=3";
    let (s, notices) = Scenario::parse(&pairs(q));
    assert!(notices.is_empty(), "{notices:?}");
    let (again, _) = Scenario::parse(&pairs(&s.to_query()));
    assert_eq!(again, s);
    assert_eq!(s.params.config().tiered.min_threshold, 6);
    assert_eq!(s.compare.map(|c| c.config().leveled.max_bytes_for_level_multiplier), Some(4));
}

#[test]
fn bad_parameters_become_notices_and_the_rest_still_loads() {
    let (s, notices) = Scenario::parse(&pairs("strategy=btree&memtable=1&ratio=99&bits=x&workload=random&n=2000000&ops=p5,q7,p100000,compact9&compare=hash"));
    let params: Vec<&str> = notices.iter().map(|n| n.param.as_str()).collect();
    assert_eq!(params, ["strategy", "memtable", "ratio", "bits", "workload", "n", "ops", "ops", "ops", "compare"], "{notices:?}");
    assert!(notices[1].message.contains("2 to 4096"), "{}", notices[1].message);
    assert!(notices[4].message.contains("sequential, uniform, zipf, update or delete"));
    assert_eq!(s.params, Params::default());
    assert_eq!(s.ops, vec![Op::Put(5)]);
}

#[test]
fn op_tokens_round_trip() {
    for token in ["p0", "d99999", "g42", "r3-9", "flush", "compact", "compact1"] {
        let op = Op::parse(token).unwrap();
        assert_eq!(op.token(), token);
    }
    assert_eq!(Op::parse("r9-3"), Ok(Op::Scan(3, 9)));
    assert_eq!(Op::parse("compact0"), Ok(Op::Compact(CompactTarget::Row(0))));
    assert!(Op::parse("").is_err());
    assert!(Op::parse("p").is_err());
    assert!(Op::parse("flushes").is_err());
}

#[test]
fn replay_is_deterministic_and_the_recorded_workload_matches_the_fast_path() {
    let (s, _) = Scenario::parse(&pairs("memtable=16&workload=delete&n=3000&seed=4&ops=p5,g5,flush"));
    let a = Runs::build(&s);
    let b = Runs::build(&s);
    assert_eq!(a.main.state.counters(), b.main.state.counters());
    assert_eq!(a.message_json(a.steps()), b.message_json(b.steps()));
    // The same operations with nothing recorded end in the same tree.
    let mut fast = LsmWidget::new_state(&s.params);
    for (i, op) in s.all_ops(&s.params).iter().enumerate() {
        LsmWidget::apply(op, &mut fast, s.op_seed(i, 1), &mut NoSteps);
    }
    assert_eq!(fast.counters(), a.main.state.counters());
    for step in &a.main.timeline.steps {
        step.state.check().unwrap();
    }
}

#[test]
fn guided_scenarios_load_cleanly_and_their_notes_fall_on_what_they_say() {
    for g in GUIDED {
        let (s, notices) = Scenario::parse(&pairs(&format!("guided={}", g.slug)));
        assert!(notices.is_empty(), "{}: {notices:?}", g.slug);
        assert!(g.watch.len() > 40 && !g.notes.is_empty(), "{}", g.slug);
        let runs = Runs::build(&s);
        for (step, _) in g.notes {
            assert!(*step >= 1 && *step <= runs.steps(), "{}: note on step {step} of {}", g.slug, runs.steps());
        }
    }
    let caption = |slug: &str, step: usize| {
        let (s, _) = Scenario::parse(&pairs(&format!("guided={slug}")));
        Runs::build(&s).at(0, step).and_then(|a| a.step.map(|s| s.caption.clone())).unwrap()
    };
    assert!(caption("first-flush", 5).contains("sealed"));
    assert!(caption("first-flush", 6).starts_with("Flush"));
    assert!(caption("first-flush", 8).contains("says maybe"));
    assert!(caption("leveled-cascade", 116).contains("L0 table"));
    assert!(caption("leveled-cascade", 117).contains("level0_file_num_compaction_trigger"));
    assert!(caption("leveled-cascade", 118).starts_with("Merged"));
    assert!(caption("leveled-cascade", 119).contains("target_file_size_base"));
    assert!(caption("leveled-cascade", 120).contains("are deleted"));
    assert!(caption("leveled-cascade", 122).contains("trivial move"));
    assert!(caption("leveled-cascade", 123).contains("1 table it overlaps in L2"));
    assert!(caption("leveled-cascade", 126).contains("in L2"));
    assert!(caption("tombstone", 7).contains("tombstone"));
    assert!(caption("tombstone", 14).contains("tombstone"));
    assert!(caption("tombstone", 17).contains("drops 1 shadowed version and 1 tombstone"));
    assert!(caption("tombstone", 19).contains("are deleted"));
    assert!(!caption("tombstone", 21).contains("hidden"));
    assert!(caption("bloom-skips", 20).contains("says no"));
    assert!(caption("bloom-skips", 21).contains("holds 50"));
    assert!(caption("bloom-skips", 27).contains("reading 0 blocks"));
    assert!(caption("tiered-vs-leveled", 1).contains("fast path"));
    // The tombstone scenario ends with key 5 stored nowhere.
    let (s, _) = Scenario::parse(&pairs("guided=tombstone"));
    let end = Runs::build(&s).main.state;
    assert!(end.tables().all(|t| t.entries.iter().all(|e| e.key != 5)));
    // Tiered against leveled: the figures the scenario points at come out as it says.
    let (s, _) = Scenario::parse(&pairs("guided=tiered-vs-leveled"));
    let runs = Runs::build(&s);
    let (leveled, tiered) = (runs.main.state.metrics(), runs.other.as_ref().unwrap().state.metrics());
    assert!(tiered.write_amp < leveled.write_amp);
    assert!(runs.other.as_ref().unwrap().state.table_count() < runs.main.state.table_count() || tiered.read_amp >= leveled.read_amp);
}

#[test]
fn the_message_state_has_the_documented_shape() {
    let (s, _) = Scenario::parse(&pairs("memtable=4&ops=p30,p90,p10,p70,p5,g90"));
    let runs = Runs::build(&s);
    let json = runs.message_json(runs.steps());
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["widget"], "lsm");
    assert_eq!(v["strategy"], "leveled");
    assert_eq!(v["step"], runs.steps());
    assert_eq!(v["steps"], runs.steps());
    assert_eq!(v["memtable"], 1);
    assert_eq!(v["levels"][0][0]["min"], 10);
    assert_eq!(v["levels"][0][0]["max"], 90);
    assert_eq!(v["levels"][0][0]["entries"], 4);
    assert_eq!(v["levels"][0][0]["bytes"], 528);
    let m = &v["metrics"];
    assert_eq!(m["user_bytes"], 5 * 116);
    assert_eq!(m["disk_bytes_written"], 528);
    assert!((m["write_amp"].as_f64().unwrap() - 528.0 / 580.0).abs() < 1e-5);
    assert_eq!(m["read_amp"], 1.0);
    for key in ["space_amp", "bloom_fp_rate"] {
        assert!(m[key].is_number(), "{key}");
    }
    assert!(m["model"]["bloom_fp_rate"].as_f64().unwrap() > 0.008);
}

#[test]
fn the_registry_lists_the_lsm_and_its_guided_routes() {
    let info = find("lsm").expect("the LSM tree is registered");
    assert_eq!(info.title, LsmWidget::TITLE);
    for route in info.routes() {
        let query = route.split_once('?').map_or("", |(_, q)| q);
        assert!(Scenario::parse(&pairs(query)).1.is_empty(), "{route}");
    }
}

fn scene_of(q: &str) -> Scene {
    let (s, _) = Scenario::parse(&pairs(q));
    let runs = Runs::build(&s);
    let at = runs.at(0, runs.steps()).unwrap();
    layout(at.state, &at.step.map(|s| s.highlight.clone()).unwrap_or_default())
}

#[test]
fn memtable_keys_fit_their_cells_and_the_row_stays_in_the_scene_at_the_largest_text() {
    use strata_engine::layout::lsm::{MAX_TEXT_UNITS, WIDTH};
    use strata_engine::scene::{label_fit, Anchor, MONO_ADVANCE};
    // The widest keys there are (five digits, deleted), caught mid-flush with both memtables.
    let (s, _) = Scenario::parse(&pairs("memtable=4&ops=d99991,d99992,d99993,d99994,d99995,d99996,d99997,d99998,d99999"));
    let runs = Runs::build(&s);
    let mut both = 0;
    for step in 0..=runs.steps() {
        let at = runs.at(0, step).unwrap();
        let scene = layout(at.state, &at.step.map(|s| s.highlight.clone()).unwrap_or_default());
        if let Some(sealed) = at.state.immutable() {
            // Beside the empty new memtable, the sealed one still shows its first key.
            let first = format!("{}✝", sealed.keys().next().unwrap());
            assert!(scene.shapes.iter().any(|s| matches!(&s.geometry, Geometry::Rect { label: Some(l), .. } if *l == first)), "step {step}: no {first}");
            both += 1;
        }
        for shape in &scene.shapes {
            match &shape.geometry {
                Geometry::Rect { w, label: Some(label), .. } if shape.role == Role::Item => {
                    assert!(label_fit(label, *w) >= MAX_TEXT_UNITS - 1e-9, "step {step}: {label} squeezed into {w}");
                }
                Geometry::Text { x, text, anchor: Anchor::Start, .. } => {
                    let end = x + text.chars().count() as f64 * MONO_ADVANCE * MAX_TEXT_UNITS;
                    assert!(end <= WIDTH, "step {step}: {text} ends at {end}");
                }
                _ => {}
            }
        }
    }
    assert!(both > 0, "no step showed the memtable being flushed");
}

#[test]
fn a_flushed_table_of_a_few_neighbouring_keys_is_wide_enough_to_see() {
    // Four keys out of an axis of 100,000: 0.025 units at their true width. Marked by its
    // flush, and a put later, when nothing marks it (a row of one table has room).
    for (ops, marked) in [("p99991,p99992,p99993,p99994", true), ("p99991,p99992,p99993,p99994,p5", false)] {
        let scene = scene_of(&format!("memtable=4&ops={ops}"));
        let table = scene.shapes.iter().find(|s| s.id == strata_engine::layout::lsm::table_shape_id(1)).expect("table #1 drawn as a box");
        assert_eq!(table.mark.is_some(), marked, "{ops}");
        assert!(matches!(table.geometry, Geometry::Rect { w, .. } if w >= 6.0), "{ops}: {:?}", table.geometry);
        assert_no_overlaps(&scene);
    }
}

/// No two table boxes share any area: rows stack overlapping tables in lanes. Tables too
/// narrow to draw apart are thin bars in one path per row: none of them runs through a box.
fn assert_no_overlaps(scene: &Scene) {
    let boxes = scene.with_role(Role::Node).filter(|s| matches!(s.geometry, Geometry::Rect { .. }));
    let rects: Vec<(u64, (f64, f64, f64, f64))> = boxes.map(|s| (s.id, s.bounds())).collect();
    for (i, (ia, a)) in rects.iter().enumerate() {
        for (ib, b) in &rects[i + 1..] {
            let apart = a.0 + a.2 <= b.0 || b.0 + b.2 <= a.0 || a.1 + a.3 <= b.1 || b.1 + b.3 <= a.1;
            assert!(apart, "boxes {ia:#x} and {ib:#x} overlap: {a:?} {b:?}");
        }
    }
    for bars in scene.with_role(Role::Node) {
        let Geometry::Path { segments, .. } = &bars.geometry else { continue };
        for &[x, y0, _, y1] in segments {
            for (id, (bx, by, bw, bh)) in &rects {
                let inside = x > *bx + 0.01 && x < bx + bw - 0.01 && y0 < by + bh && *by < y1;
                assert!(!inside, "a thin table at x {x} runs through box {id:#x}");
            }
        }
    }
}

#[test]
fn snapshot_first_flush_then_a_get() {
    check_snapshot("lsm-first-flush", &to_svg(&scene_of("memtable=4&ops=p30,p90,p10,p70,p5,g90")));
}

#[test]
fn snapshot_leveled_after_a_cascade() {
    check_snapshot("lsm-leveled-cascade", &to_svg(&scene_of("guided=leveled-cascade&step=126")));
}

#[test]
fn snapshot_tiered_after_a_workload() {
    check_snapshot("lsm-tiered-workload", &to_svg(&scene_of("strategy=tiered&memtable=16&workload=uniform&n=3000&seed=2")));
}

#[test]
fn tables_line_up_by_key_and_never_overlap_even_after_big_workloads() {
    for q in ["memtable=16&workload=uniform&n=20000&seed=3", "strategy=tiered&memtable=16&workload=zipf&n=20000&seed=3", "memtable=8&workload=sequential&n=5000", "strategy=tiered&workload=delete&n=20000"] {
        let scene = scene_of(q);
        assert_no_overlaps(&scene);
        for s in &scene.shapes {
            let (x, _, w, _) = s.bounds();
            assert!(x >= 0.0 && x + w <= scene.width + 0.5, "{q}: {s:?} is outside the width");
        }
    }
    // A table's box spans its key range on the shared axis.
    let mut lsm = Lsm::new(strata_engine::lsm::Config { memtable_entries: 2, ..Default::default() });
    lsm.put(0, 1, &mut NoSteps);
    lsm.put(499, 2, &mut NoSteps);
    let scene = layout(&lsm, &Highlight::default());
    let table = scene.shapes.iter().find(|s| s.id == strata_engine::layout::lsm::table_shape_id(1)).unwrap();
    let Geometry::Rect { x, w, .. } = table.geometry else { panic!("a table is a box") };
    assert_eq!(axis_end(499), 500);
    assert!((x - strata_engine::layout::lsm::AXIS_X0).abs() < 1e-9);
    assert!((x + w - strata_engine::layout::lsm::AXIS_X1).abs() < 1e-9);
}

/// The page's sliced replay (a few hundred operations a slice, as between animation frames)
/// ends exactly where the all-at-once replay does, step for step, in compare mode too.
#[test]
fn a_replay_in_slices_equals_the_whole_replay() {
    use strata_engine::scenario::run::Replay;
    for q in ["workload=delete&n=5000&seed=3&ops=p5,g5,flush", "workload=uniform&n=3000&seed=7&compare=tiered&ops=g9"] {
        let (s, notices) = Scenario::parse(&query_pairs(q));
        assert!(notices.is_empty(), "{notices:?}");
        let whole = Runs::build(&s);
        let mut replay = Replay::new(&s);
        // Per structure: the workload's fast operations (all but the 12 recorded) and one unit
        // per operation of `ops`.
        let structures = if s.compare.is_some() { 2 } else { 1 };
        assert_eq!(replay.total(), structures * (u64::from(s.params.n) - 12 + s.ops.len() as u64));
        let mut slices = 0;
        while !replay.is_finished() {
            let before = replay.done();
            replay.work(317);
            assert!(replay.done() > before && replay.done() <= replay.total());
            slices += 1;
        }
        assert!(slices > 5);
        assert_eq!(replay.done(), replay.total());
        let sliced = replay.finish();
        assert_eq!(sliced.steps(), whole.steps());
        for pos in 0..=whole.steps() {
            assert_eq!(sliced.message_json(pos), whole.message_json(pos), "{q} at step {pos}");
        }
    }
}

/// Cancelling a sliced replay keeps what ran and names it: the cut address replays to the
/// same steps, and its history label says how many operations the workload kept.
#[test]
fn a_cancelled_replay_is_the_shorter_workload_its_address_names() {
    use strata_engine::scenario::run::Replay;
    let (s, _) = Scenario::parse(&query_pairs("workload=uniform&n=100000&seed=7&compare=tiered&ops=p1"));
    let mut replay = Replay::new(&s);
    replay.work(1000);
    replay.work(1000);
    let done = replay.fast_done().expect("inside the workload");
    assert_eq!(done, 2000);
    let mut cut = s.clone();
    cut.params = LsmWidget::cut_prelude(&s.params, done);
    cut.compare = s.compare.as_ref().map(|c| LsmWidget::cut_prelude(c, done));
    assert_eq!(cut.params.n, 2012);
    replay.stop(&cut);
    let stopped = replay.finish();
    let again = Runs::build(&cut);
    assert_eq!(stopped.steps(), again.steps());
    for pos in 0..=again.steps() {
        assert_eq!(stopped.message_json(pos), again.message_json(pos), "step {pos}");
    }
    assert_eq!(stopped.main.timeline.ops[0].label, again.main.timeline.ops[0].label);
    assert!(stopped.main.timeline.ops[0].label.contains("2012"), "{}", stopped.main.timeline.ops[0].label);
}

/// After 100,000 operations most tables are a pixel or two wide: they are drawn as thin bars
/// in one path per row, each table exactly once (a box or a bar), and a marked table keeps
/// its box however narrow it is.
#[test]
fn narrow_tables_are_thin_bars_and_every_table_is_drawn_once() {
    use strata_engine::layout::lsm::table_shape_id;
    use strata_engine::step::Tone;
    let (s, _) = Scenario::parse(&pairs("workload=uniform&n=100000&seed=7"));
    let runs = Runs::build(&s);
    let lsm = runs.at(0, runs.steps()).unwrap().state;
    let scene = layout(lsm, &Highlight::default());
    let ids: std::collections::HashSet<u64> = lsm.tables().map(|t| table_shape_id(t.id)).collect();
    let boxes = scene.shapes.iter().filter(|s| ids.contains(&s.id)).count();
    let bars: usize = scene.with_role(Role::Node).filter_map(|s| if let Geometry::Path { segments, .. } = &s.geometry { Some(segments.len()) } else { None }).sum();
    assert!(bars > 500, "{bars} thin bars");
    assert_eq!(boxes + bars, lsm.table_count());
    assert!(scene.shapes.len() < 200, "{} shapes", scene.shapes.len());
    assert_no_overlaps(&scene);
    let narrow = lsm.levels().last().unwrap()[0].id;
    let marked = layout(lsm, &Highlight::new(Tone::Visit, [narrow], []));
    assert!(marked.shapes.iter().any(|s| s.id == table_shape_id(narrow) && matches!(s.geometry, Geometry::Rect { .. })));
    let bars_now: usize = marked.with_role(Role::Node).filter_map(|s| if let Geometry::Path { segments, .. } = &s.geometry { Some(segments.len()) } else { None }).sum();
    assert_eq!(bars_now, bars - 1);
}
