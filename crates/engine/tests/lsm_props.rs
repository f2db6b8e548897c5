//! Random sequences of puts, deletes, gets, scans, flushes and compactions against a
//! `BTreeMap`, for both strategies and a spread of memtable sizes, size ratios and bloom
//! settings. Each sequence runs twice, recording a timeline and on the fast path: every get
//! and scan must equal the model, every recorded snapshot must pass the invariant checker,
//! and both runs must end with the same counters.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::{Config as RunnerConfig, TestCaseError, TestRunner};
use std::collections::BTreeMap;
use strata_engine::lsm::{CompactTarget, Config, LeveledOptions, Lsm, TieredOptions};
use strata_engine::step::{NoSteps, Recorder, Timeline, Versioned};

#[derive(Clone, Debug)]
enum Op {
    Put(u32, u32),
    Delete(u32),
    Get(u32),
    Scan(u32, u32),
    Flush,
    Compact(Option<usize>),
}

fn op(keys: u32) -> impl Strategy<Value = Op> {
    prop_oneof![
        14 => (0..keys, any::<u32>()).prop_map(|(k, v)| Op::Put(k, v)),
        6 => (0..keys).prop_map(Op::Delete),
        6 => (0..keys + 3).prop_map(Op::Get),
        2 => (0..keys + 3, 0..keys + 3).prop_map(|(a, b)| Op::Scan(a, b)),
        1 => Just(Op::Flush),
        1 => prop_oneof![Just(None), (0usize..4).prop_map(Some)].prop_map(Op::Compact),
    ]
}

fn config() -> impl Strategy<Value = Config> {
    (any::<bool>(), 1usize..9, prop_oneof![Just(0u8), Just(3), Just(10)], 2u32..5, 1usize..5, 2usize..5).prop_map(
        |(tiered, memtable, bits, ratio, trigger, min_threshold)| Config {
            strategy: if tiered { strata_engine::lsm::Strategy::Tiered } else { strata_engine::lsm::Strategy::Leveled },
            memtable_entries: memtable,
            bits_per_key: bits,
            leveled: LeveledOptions { level0_file_num_compaction_trigger: trigger, max_bytes_for_level_multiplier: ratio, ..LeveledOptions::default() },
            tiered: TieredOptions { min_threshold, max_threshold: min_threshold + 2, ..TieredOptions::default() },
        },
    )
}

#[derive(Debug, PartialEq)]
enum Outcome {
    Value(Option<u32>),
    Pairs(Vec<(u32, u32)>),
    Nothing,
}

fn apply(lsm: &mut Lsm, op: &Op, rec: &mut impl Recorder<Lsm>) -> Outcome {
    match op {
        Op::Put(k, v) => {
            lsm.put(*k, *v, rec);
            Outcome::Nothing
        }
        Op::Delete(k) => {
            lsm.delete(*k, rec);
            Outcome::Nothing
        }
        Op::Get(k) => Outcome::Value(lsm.get(*k, rec).value),
        Op::Scan(a, b) => Outcome::Pairs(lsm.scan(*a, *b, rec)),
        Op::Flush => {
            lsm.flush(rec);
            Outcome::Nothing
        }
        Op::Compact(target) => {
            lsm.compact(target.map_or(CompactTarget::Full, CompactTarget::Row), rec);
            Outcome::Nothing
        }
    }
}

fn model_outcome(model: &mut BTreeMap<u32, u32>, op: &Op) -> Outcome {
    match op {
        Op::Put(k, v) => {
            model.insert(*k, *v);
            Outcome::Nothing
        }
        Op::Delete(k) => {
            model.remove(k);
            Outcome::Nothing
        }
        Op::Get(k) => Outcome::Value(model.get(k).copied()),
        Op::Scan(a, b) => Outcome::Pairs(model.range(*a.min(b)..=*a.max(b)).map(|(k, v)| (*k, *v)).collect()),
        Op::Flush | Op::Compact(_) => Outcome::Nothing,
    }
}

fn run(config: Config, ops: &[Op]) -> Result<(), TestCaseError> {
    let mut recorded = Lsm::new(config);
    let mut fast = Lsm::new(config);
    let mut model = BTreeMap::new();
    let mut timeline = Timeline::new(&recorded);
    for op in ops {
        let expected = model_outcome(&mut model, op);
        timeline.begin_op(format!("{op:?}"));
        let first = timeline.steps.len();
        let got = apply(&mut recorded, op, &mut timeline);
        prop_assert_eq!(&got, &expected, "{:?} after {:?}", op, ops);
        prop_assert_eq!(apply(&mut fast, op, &mut NoSteps), expected);
        prop_assert!(timeline.steps.len() > first, "{:?} recorded no step", op);
        for step in &timeline.steps[first..] {
            if let Err(e) = step.state.check() {
                return Err(TestCaseError::fail(format!("after {op:?}, step “{}”: {e}", step.caption)));
            }
        }
        // A full scan agrees with the model at every point, not just when asked.
        let everything: Vec<(u32, u32)> = model.iter().map(|(k, v)| (*k, *v)).collect();
        prop_assert_eq!(recorded.clone().scan(0, u32::MAX, &mut NoSteps), everything);
    }
    prop_assert_eq!(recorded.counters(), fast.counters());
    prop_assert_eq!(recorded.live_keys(), model.len() as u64);
    Ok(())
}

#[test]
fn every_get_and_scan_matches_a_btreemap() {
    let mut runner = TestRunner::new(RunnerConfig { cases: 400, ..RunnerConfig::default() });
    runner.run(&(config(), vec(op(40), 1..120)), |(config, ops)| run(config, &ops)).unwrap();
}

#[test]
fn wide_key_ranges_and_long_sequences() {
    let mut runner = TestRunner::new(RunnerConfig { cases: 60, ..RunnerConfig::default() });
    runner.run(&(config(), vec(op(2_000), 200..600)), |(config, ops)| run(config, &ops)).unwrap();
}
