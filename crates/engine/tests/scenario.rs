//! URL scenarios: parsing, formatting, replay, compare-mode alignment and the guided scenarios.

use strata_browser::url::query_pairs as pairs;
use strata_engine::btree::{DeletePolicy, Variant};
use strata_engine::scenario::run::align;
use strata_engine::scenario::Controls;
use strata_engine::widget::{find, Widget, WIDGETS};
use strata_engine::widgets::btree::{parse_input, tree_json, BTreeWidget, InputKind, Op, Runs, Scenario, GUIDED};

#[test]
fn the_issue_example_parses_cleanly_and_round_trips() {
    let q = "variant=b&degree=5&ops=i3,i7,i9,d4,s9,r3-9&step=12";
    let (s, notices) = Scenario::parse(&pairs(q));
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(s.params.config.degree, 5);
    assert_eq!(s.ops, [Op::Insert(3), Op::Insert(7), Op::Insert(9), Op::Delete(4), Op::Search(9), Op::Range(3, 9)]);
    assert_eq!(s.common.step, Some(12));
    // Defaults are left out when formatting.
    assert_eq!(s.to_query(), "degree=5&ops=i3,i7,i9,d4,s9,r3-9&step=12");
}

#[test]
fn every_parameter_round_trips() {
    let q = "variant=bplus&degree=6&preemptive=1&policy=successor&seed=99&fill=30&ops=l1-20.40.50-52:70,f10,c,i5&compare=b:3&controls=none&theme=transparent&step=4";
    let (s, notices) = Scenario::parse(&pairs(q));
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(s.params.config.variant, Variant::BPlus);
    assert!(s.params.config.preemptive);
    assert_eq!(s.params.config.policy, DeletePolicy::Successor);
    assert_eq!(s.common.controls, Controls::None);
    let (again, _) = Scenario::parse(&pairs(&s.to_query()));
    assert_eq!(again, s);
}

#[test]
fn bad_parameters_become_notices_and_the_rest_still_loads() {
    let (s, notices) = Scenario::parse(&pairs("degree=2&variant=avl&ops=i5,zz,i7,r9,f0,l:40,i100000&seed=-1&what=1&preemptive=1&degree=5"));
    assert_eq!(s.ops, [Op::Insert(5), Op::Insert(7)]);
    assert_eq!(s.params.config.degree, 5, "the later, valid degree wins");
    let params: Vec<&str> = notices.iter().map(|n| n.param.as_str()).collect();
    for expected in ["degree", "variant", "ops", "seed", "what", "preemptive"] {
        assert!(params.contains(&expected), "{expected} missing from {params:?}");
    }
    assert!(notices.iter().any(|n| n.message.contains("100000 is out of range")));
    assert!(notices.iter().any(|n| n.message.contains("needs an even degree")));
}

#[test]
fn op_tokens_round_trip() {
    for token in ["i0", "d99999", "s42", "r3-9", "l1-40", "l1-3.7.9-10:60", "f2000", "c"] {
        let op = Op::parse(token).unwrap();
        assert_eq!(op.token(), token);
    }
    assert_eq!(Op::parse("r9-3").unwrap(), Op::Range(3, 9), "range ends are put in order");
    for bad in ["", "i", "x5", "i-1", "iabc", "r5", "f0", "f2001", "l", "l1-5:40", "c1", "l0-5000"] {
        assert!(Op::parse(bad).is_err(), "{bad:?} should be refused");
    }
}

#[test]
fn form_input_accepts_spaces_and_commas() {
    assert_eq!(parse_input(InputKind::Insert, "3 7 9 23", 100), parse_input(InputKind::Insert, "3,7,9,23", 100));
    assert_eq!(parse_input(InputKind::Insert, " 3 ,7,, 9 ", 100).unwrap().len(), 3);
    assert_eq!(parse_input(InputKind::Range, "9 - 3", 100).unwrap(), [Op::Range(3, 9)]);
    assert!(parse_input(InputKind::Insert, "", 100).unwrap_err().contains("0 to 99999"));
    assert!(parse_input(InputKind::Delete, "5 five", 100).unwrap_err().contains("five"));
    assert!(parse_input(InputKind::Range, "1 2 3", 100).is_err());
    assert_eq!(parse_input(InputKind::Load, "1-5, 9", 70).unwrap(), [Op::Load { keys: vec![1, 2, 3, 4, 5, 9], fill: 70 }]);
    assert!(parse_input(InputKind::Fill, "5000", 100).is_err());
}

#[test]
fn replay_is_deterministic_and_matches_the_fast_path() {
    let (s, _) = Scenario::parse(&pairs("degree=3&seed=5&fill=50&ops=f20,d3,i77,f20"));
    let a = s.run(&s.params);
    let b = s.run(&s.params);
    assert_eq!(a.state.keys(), b.state.keys());
    assert_eq!(a.timeline.len(), b.timeline.len());
    assert_eq!(tree_json(&a.state), tree_json(&b.state));
    assert_eq!(a.timeline.ops.len(), 5, "the initial fill is an operation of its own");
    // The last recorded state is the tree itself.
    assert_eq!(a.timeline.state_at(a.timeline.len()).keys(), a.state.keys());
}

#[test]
fn compare_alignment_gives_each_operation_its_longer_length() {
    let (s, _) = Scenario::parse(&pairs("degree=4&ops=i10,i20,i30,i40,d10&compare=bplus:3"));
    let a = s.run(&s.params);
    let b = s.run(s.compare.as_ref().unwrap());
    let shared = align(&a.timeline, &b.timeline);
    assert_eq!(shared[0], (0, 0));
    assert_eq!(*shared.last().unwrap(), (a.timeline.len(), b.timeline.len()));
    let expected: usize = a.timeline.ops.iter().zip(&b.timeline.ops).map(|(x, y)| x.step_count.max(y.step_count)).sum();
    assert_eq!(shared.len(), expected + 1);
    // Positions only move forward.
    assert!(shared.windows(2).all(|w| w[0].0 <= w[1].0 && w[0].1 <= w[1].1));
}

#[test]
fn tree_json_nests_keys_and_children() {
    let (s, _) = Scenario::parse(&pairs("degree=4&ops=i10,i20,i30,i40"));
    let run = s.run(&s.params);
    assert_eq!(tree_json(&run.state), r#"{"keys":[20],"children":[{"keys":[10],"children":[]},{"keys":[30,40],"children":[]}]}"#);
    assert_eq!(tree_json(run.timeline.state_at(0)), r#"{"keys":[],"children":[]}"#);
}

#[test]
fn guided_slugs_expand_and_later_parameters_override() {
    let (s, notices) = Scenario::parse(&pairs("guided=first-root-split&step=2"));
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(s.ops.len(), 4);
    assert_eq!(s.common.step, Some(2));
    let (_, notices) = Scenario::parse(&pairs("guided=nope"));
    assert!(notices[0].message.contains("first-root-split"));
    let mut slugs: Vec<&str> = GUIDED.iter().map(|g| g.slug).collect();
    slugs.dedup();
    assert_eq!(slugs.len(), GUIDED.len(), "slugs are unique");
}

/// Each guided scenario parses without notices and shows what its title promises.
#[test]
fn guided_scenarios_show_what_they_promise() {
    assert!(GUIDED.len() >= 3);
    for g in GUIDED {
        let (s, notices) = Scenario::parse(&pairs(g.query));
        assert!(notices.is_empty(), "{}: {notices:?}", g.title);
        let run = s.run(&s.params);
        let step = s.common.step.expect("guided scenarios start at a chosen step");
        assert!(step <= run.timeline.len(), "{}", g.title);
    }
    let run_of = |i: usize| {
        let (s, _) = Scenario::parse(&pairs(GUIDED[i].query));
        (s.common.step.unwrap(), s.run(&s.params))
    };
    // 0: the root splits and the height grows from 1 to 2.
    let (_, run) = run_of(0);
    assert_eq!(run.timeline.state_at(0).height(), 0);
    assert_eq!(run.state.height(), 2);
    assert_eq!(run.state.counters.splits, 1);
    // 1: the last operation borrows, and the step shown is where it begins.
    let (step, run) = run_of(1);
    let last = run.timeline.ops.last().unwrap();
    assert_eq!(step, last.first_step, "starts just before the delete");
    let before = run.timeline.counters_at(last.first_step);
    assert!(run.state.counters.borrows > before.borrows, "the delete borrows");
    assert_eq!(run.state.counters.merges, before.merges, "and does not merge");
    // 2: the last delete merges and the tree gets shorter.
    let (step, run) = run_of(2);
    let last = run.timeline.ops.last().unwrap();
    assert_eq!(step, last.first_step);
    let before = run.timeline.state_at(last.first_step);
    assert!(run.state.counters.merges > run.timeline.counters_at(last.first_step).merges);
    assert!(run.state.height() < before.height(), "the tree loses a level");
}

/// Every guided scenario says what to watch, and its notes sit on steps it has.
#[test]
fn guided_notes_fall_on_real_steps() {
    for g in GUIDED {
        assert!(g.watch.len() > 40, "{} says what to watch", g.slug);
        assert!(!g.notes.is_empty(), "{} has notes on its key steps", g.slug);
        let (s, _) = Scenario::parse(&pairs(&format!("guided={}", g.slug)));
        let runs = Runs::build(&s);
        for (step, note) in g.notes {
            assert!(*step >= 1 && *step <= runs.steps(), "{}: note on step {step} of {}", g.slug, runs.steps());
            assert!(!note.contains('`'), "{}: notes are plain text", g.slug);
        }
    }
    // The notes match what the engine does at those steps.
    let caption = |slug: &str, step: usize| {
        let (s, _) = Scenario::parse(&pairs(&format!("guided={slug}")));
        Runs::build(&s).at(0, step).and_then(|a| a.step.map(|s| s.caption.clone())).unwrap()
    };
    assert!(caption("first-root-split", 5).contains("20 moves up"));
    assert!(caption("delete-borrows", 10).contains("borrows"));
    assert!(caption("delete-merges", 22).contains("merges"));
    assert!(caption("delete-merges", 24).contains("one level shorter"));
    assert!(caption("bplus-range-scan", 10).contains("stops"));
}

#[test]
fn a_guided_address_keeps_its_name_until_it_is_edited() {
    let (mut s, notices) = Scenario::parse(&pairs("guided=delete-borrows&step=8"));
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(s.guided.map(|g| g.slug), Some("delete-borrows"));
    assert_eq!(s.to_query(), "guided=delete-borrows&step=8");
    // A parameter after it that changes the scenario drops the name: the address spells it out.
    let (changed, _) = Scenario::parse(&pairs("guided=delete-borrows&degree=5"));
    assert!(changed.guided.is_none());
    assert!(changed.to_query().starts_with("degree=5&ops=i10,i20,i30,i40,d10"));
    s.ops.push(Op::Insert(5));
    s.edited();
    assert!(s.to_query().starts_with("ops=i10,i20,i30,i40,d10,i5"));
}

#[test]
fn the_message_state_has_the_documented_shape() {
    let (s, _) = Scenario::parse(&pairs("degree=4&ops=i10,i20,i30,i40"));
    let runs = Runs::build(&s);
    assert_eq!(
        runs.message_json(3),
        r#"{"widget":"btree","variant":"b","degree":4,"tree":{"keys":[10,20,30],"children":[]},"step":3,"steps":6}"#
    );
    let (s, _) = Scenario::parse(&pairs("degree=4&ops=i10,i20,i30,i40&compare=bplus:3"));
    let json = Runs::build(&s).message_json(99);
    assert!(json.starts_with(r#"{"widget":"btree","variant":"b","degree":4,"tree":{"keys":[20],"#), "{json}");
    assert!(json.contains(r#""compare":{"variant":"bplus","degree":3,"tree":{"#), "{json}");
}

#[test]
fn the_registry_lists_every_widget_and_its_routes() {
    // Slugs are unique; each widget checks its own entry (the ring in ring_widget.rs).
    let mut slugs: Vec<&str> = WIDGETS.iter().map(|w| w.slug).collect();
    slugs.sort_unstable();
    slugs.dedup();
    assert_eq!(slugs.len(), WIDGETS.len());
    let btree = find(BTreeWidget::SLUG).expect("the B-tree is registered");
    assert_eq!(btree.title, BTreeWidget::TITLE);
    let routes = btree.routes();
    assert!(routes.contains(&"#/viz/btree".to_string()));
    assert!(routes.contains(&"#/embed/btree".to_string()));
    for g in GUIDED {
        assert!(routes.contains(&format!("#/viz/btree?guided={}", g.slug)), "{}", g.slug);
    }
    // Every route parses cleanly.
    for route in routes {
        let query = route.split_once('?').map_or("", |(_, q)| q);
        assert!(Scenario::parse(&pairs(query)).1.is_empty(), "{route}");
    }
}
