//! URL scenarios: parsing, formatting, replay, compare-mode alignment and the guided scenarios.

use strata_browser::url::query_pairs as pairs;
use strata_engine::btree::{DeletePolicy, Variant};
use strata_engine::scenario::btree::{align, parse_input, tree_json, InputKind, Op, Scenario, GUIDED};
use strata_engine::scenario::Controls;

#[test]
fn the_issue_example_parses_cleanly_and_round_trips() {
    let q = "variant=b&degree=5&ops=i3,i7,i9,d4,s9,r3-9&step=12";
    let (s, notices) = Scenario::parse(&pairs(q));
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(s.config.degree, 5);
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
    assert_eq!(s.config.variant, Variant::BPlus);
    assert!(s.config.preemptive);
    assert_eq!(s.config.policy, DeletePolicy::Successor);
    assert_eq!(s.common.controls, Controls::None);
    let (again, _) = Scenario::parse(&pairs(&s.to_query()));
    assert_eq!(again, s);
}

#[test]
fn bad_parameters_become_notices_and_the_rest_still_loads() {
    let (s, notices) = Scenario::parse(&pairs("degree=2&variant=avl&ops=i5,zz,i7,r9,f0,l:40,i100000&seed=-1&what=1&preemptive=1&degree=5"));
    assert_eq!(s.ops, [Op::Insert(5), Op::Insert(7)]);
    assert_eq!(s.config.degree, 5, "the later, valid degree wins");
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
    let a = s.run(s.config);
    let b = s.run(s.config);
    assert_eq!(a.tree.keys(), b.tree.keys());
    assert_eq!(a.timeline.len(), b.timeline.len());
    assert_eq!(tree_json(&a.tree), tree_json(&b.tree));
    assert_eq!(a.timeline.ops.len(), 5, "the initial fill is an operation of its own");
    // The last recorded state is the tree itself.
    assert_eq!(a.timeline.state_at(a.timeline.len()).keys(), a.tree.keys());
}

#[test]
fn compare_alignment_gives_each_operation_its_longer_length() {
    let (s, _) = Scenario::parse(&pairs("degree=4&ops=i10,i20,i30,i40,d10&compare=bplus:3"));
    let a = s.run(s.config);
    let b = s.run(s.compare_config().unwrap());
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
    let run = s.run(s.config);
    assert_eq!(tree_json(&run.tree), r#"{"keys":[20],"children":[{"keys":[10],"children":[]},{"keys":[30,40],"children":[]}]}"#);
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
        let run = s.run(s.config);
        let step = s.common.step.expect("guided scenarios start at a chosen step");
        assert!(step <= run.timeline.len(), "{}", g.title);
    }
    let run_of = |i: usize| {
        let (s, _) = Scenario::parse(&pairs(GUIDED[i].query));
        (s.common.step.unwrap(), s.run(s.config))
    };
    // 0: the root splits and the height grows from 1 to 2.
    let (_, run) = run_of(0);
    assert_eq!(run.timeline.state_at(0).height(), 0);
    assert_eq!(run.tree.height(), 2);
    assert_eq!(run.tree.counters.splits, 1);
    // 1: the last operation borrows, and the step shown is where it begins.
    let (step, run) = run_of(1);
    let last = run.timeline.ops.last().unwrap();
    assert_eq!(step, last.first_step, "starts just before the delete");
    let before = run.timeline.state_at(last.first_step).counters;
    assert!(run.tree.counters.borrows > before.borrows, "the delete borrows");
    assert_eq!(run.tree.counters.merges, before.merges, "and does not merge");
    // 2: the last delete merges and the tree gets shorter.
    let (step, run) = run_of(2);
    let last = run.timeline.ops.last().unwrap();
    assert_eq!(step, last.first_step);
    let before = run.timeline.state_at(last.first_step);
    assert!(run.tree.counters.merges > before.counters.merges);
    assert!(run.tree.height() < before.height(), "the tree loses a level");
}
