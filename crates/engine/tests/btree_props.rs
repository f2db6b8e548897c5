//! Random operation sequences against `std::collections::BTreeSet`, for every variant,
//! degree, preemptive setting and delete policy. Each sequence runs twice, once recording a
//! timeline and once on the fast path: return values, keys, lengths, range and search results
//! must match the model, every operation and every recorded snapshot must pass the invariant
//! checker, the last snapshot must be the tree itself, and both runs must build the same
//! tree with the same counters.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::{Config as RunnerConfig, TestCaseError, TestRunner};
use std::collections::BTreeSet;
use strata_engine::btree::{BTree, Config, DeletePolicy, NodeId, Variant, MAX_KEY};
use strata_engine::rng::SplitMix64;
use strata_engine::step::{NoSteps, Recorder, Timeline, Versioned};

#[derive(Clone, Debug)]
enum Op {
    Insert(u32),
    Delete(u32),
    Search(u32),
    Range(u32, u32),
    /// Keys (not always sorted or in range) and a fill percentage (not always in range).
    Bulk(Vec<u32>, u8),
    Fill(usize, u64),
    Clear,
}

/// Keys from a small range, so duplicates and deletes of present keys are common.
fn op(keys: u32) -> impl Strategy<Value = Op> {
    let bulk_keys = vec(prop_oneof![9 => 0..keys * 3, 1 => MAX_KEY - 2..MAX_KEY + 3], 0..90);
    prop_oneof![
        12 => (0..keys).prop_map(Op::Insert),
        1 => Just(Op::Insert(MAX_KEY + 1)),
        10 => (0..keys).prop_map(Op::Delete),
        3 => (0..keys).prop_map(Op::Search),
        3 => (0..keys + 5, 0..keys + 5).prop_map(|(lo, hi)| Op::Range(lo, hi)),
        1 => (bulk_keys, any::<bool>(), 40u8..110).prop_map(|(mut ks, sorted, fill)| {
            if sorted {
                ks.sort_unstable();
                ks.dedup();
            }
            Op::Bulk(ks, fill)
        }),
        1 => (0usize..40, any::<u64>()).prop_map(|(n, seed)| Op::Fill(n, seed)),
        1 => Just(Op::Clear),
    ]
}

/// What an operation returned, for comparing runs.
#[derive(Debug, PartialEq)]
enum Outcome {
    Flag(bool),
    Keys(Vec<u32>),
    Nothing,
}

fn apply(tree: &mut BTree, op: &Op, rec: &mut impl Recorder<BTree>) -> Outcome {
    match op {
        Op::Insert(k) => Outcome::Flag(tree.insert(*k, rec)),
        Op::Delete(k) => Outcome::Flag(tree.delete(*k, rec)),
        Op::Search(k) => Outcome::Flag(tree.search(*k, rec)),
        Op::Range(lo, hi) => Outcome::Keys(tree.range(*lo, *hi, rec)),
        Op::Bulk(keys, fill) => {
            tree.bulk_load(keys, *fill, rec);
            Outcome::Nothing
        }
        Op::Fill(n, seed) => {
            tree.random_fill(*n, *seed, rec);
            Outcome::Nothing
        }
        Op::Clear => {
            tree.clear(rec);
            Outcome::Nothing
        }
    }
}

fn model_apply(model: &mut BTreeSet<u32>, op: &Op) -> Outcome {
    match op {
        Op::Insert(k) => Outcome::Flag(*k <= MAX_KEY && model.insert(*k)),
        Op::Delete(k) => Outcome::Flag(model.remove(k)),
        Op::Search(k) => Outcome::Flag(model.contains(k)),
        Op::Range(lo, hi) if lo > hi => Outcome::Keys(Vec::new()),
        Op::Range(lo, hi) => Outcome::Keys(model.range(lo..=hi).copied().collect()),
        Op::Bulk(keys, _) => {
            *model = keys.iter().copied().filter(|&k| k <= MAX_KEY).collect();
            Outcome::Nothing
        }
        Op::Fill(n, seed) => {
            // The documented draw: distinct new keys from SplitMix64(seed), until n are added.
            let mut rng = SplitMix64::new(*seed);
            let mut added = 0;
            while added < *n {
                if model.insert(rng.below(u64::from(MAX_KEY) + 1) as u32) {
                    added += 1;
                }
            }
            Outcome::Nothing
        }
        Op::Clear => {
            model.clear();
            Outcome::Nothing
        }
    }
}

/// The tree as nested brackets with node ids, for comparing two runs exactly.
fn shape(t: &BTree) -> String {
    fn node(t: &BTree, id: NodeId, out: &mut String) {
        let n = t.node(id);
        out.push_str(&format!("{id}{:?}{:?}", n.keys, n.next));
        if !n.is_leaf() {
            out.push('(');
            for &c in &n.children {
                node(t, c, out);
            }
            out.push(')');
        }
    }
    let mut out = String::new();
    if let Some(root) = t.root() {
        node(t, root.id, &mut out);
    }
    out
}

fn check(ok: bool, what: impl FnOnce() -> String) -> Result<(), TestCaseError> {
    if ok {
        Ok(())
    } else {
        Err(TestCaseError::fail(what()))
    }
}

fn run_sequence(config: Config, ops: &[Op]) -> Result<(), TestCaseError> {
    let mut model = BTreeSet::new();
    let mut fast = BTree::new(config);
    let mut slow = BTree::new(config);
    let mut timeline = Timeline::new(&slow);
    for (n, op) in ops.iter().enumerate() {
        let expected = model_apply(&mut model, op);
        let got_fast = apply(&mut fast, op, &mut NoSteps);
        let first_step = timeline.len();
        timeline.begin_op(format!("{op:?}"));
        let got_slow = apply(&mut slow, op, &mut timeline);
        let at = || format!("op {n} {op:?} with {config:?}");

        check(got_fast == expected, || format!("{}: fast path returned {got_fast:?}, model {expected:?}", at()))?;
        check(got_slow == expected, || format!("{}: recorded run returned {got_slow:?}, model {expected:?}", at()))?;
        for tree in [&fast, &slow] {
            tree.check_invariants().map_err(|e| TestCaseError::fail(format!("{}: {e}", at())))?;
            let keys: Vec<u32> = model.iter().copied().collect();
            check(tree.keys() == keys, || format!("{}: keys {:?}, model {keys:?}", at(), tree.keys()))?;
            check(tree.len() == model.len(), || format!("{}: len {} vs {}", at(), tree.len(), model.len()))?;
            check(tree.pending().is_none(), || format!("{}: pending left set", at()))?;
        }
        check(shape(&fast) == shape(&slow), || format!("{}: runs differ\n{}\n{}", at(), shape(&fast), shape(&slow)))?;
        check(fast.counters == slow.counters, || format!("{}: counters differ", at()))?;

        // Every operation explains itself, every snapshot is a valid tree, and the last one
        // is the tree as it now stands.
        let steps = &timeline.steps[first_step..];
        check(!steps.is_empty(), || format!("{}: recorded no step", at()))?;
        for step in steps {
            check(!step.caption.is_empty(), || format!("{}: empty caption", at()))?;
            step.state
                .check_invariants()
                .map_err(|e| TestCaseError::fail(format!("{}: step \"{}\": {e}", at(), step.caption)))?;
        }
        let last = &steps[steps.len() - 1].state;
        check(last.version() == slow.version() && shape(last) == shape(&slow), || {
            format!("{}: the last snapshot is not the final tree", at())
        })?;
    }
    Ok(())
}

fn all_configs() -> Vec<Config> {
    let mut configs = Vec::new();
    for variant in [Variant::B, Variant::BPlus] {
        for degree in 3..=10 {
            for preemptive in [false, true] {
                for policy in [DeletePolicy::Predecessor, DeletePolicy::Successor] {
                    configs.push(Config { variant, degree, preemptive, policy });
                }
            }
        }
    }
    configs
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(RunnerConfig { cases, failure_persistence: None, ..RunnerConfig::default() })
}

#[test]
fn random_sequences_match_the_model_for_every_configuration() {
    for config in all_configs() {
        runner(40)
            .run(&vec(op(60), 1..70), |ops| run_sequence(config, &ops))
            .unwrap_or_else(|e| panic!("{config:?}: {e}"));
    }
}

/// Bigger trees, so splits and merges cascade through several levels even at degree 10:
/// fast path only, deleting keys picked from those present.
#[test]
fn long_sequences_on_bigger_trees_keep_every_invariant() {
    #[derive(Clone, Debug)]
    enum Big {
        Insert(u32),
        /// Delete the key at this fraction (per mille) of the way through the present keys.
        DeletePresent(u16),
    }
    let big_op = prop_oneof![
        5 => (0u32..3000).prop_map(Big::Insert),
        4 => (0u16..1000).prop_map(Big::DeletePresent),
    ];
    for config in all_configs() {
        runner(4)
            .run(&(vec(big_op.clone(), 200..1200), any::<u64>()), |(ops, seed)| {
                let mut model = BTreeSet::new();
                let mut tree = BTree::new(config);
                // Start from a random bulk load, so deletes dominate from the first operation.
                let start: Vec<u32> = {
                    let mut rng = SplitMix64::new(seed);
                    (0..600).map(|_| rng.below(3000) as u32).collect()
                };
                tree.bulk_load(&start, 50 + (seed % 51) as u8, &mut NoSteps);
                model.extend(start);
                for op in &ops {
                    let (key, got, expected) = match *op {
                        Big::Insert(k) => (k, tree.insert(k, &mut NoSteps), model.insert(k)),
                        Big::DeletePresent(at) => {
                            let Some(&k) = model.iter().nth(model.len() * usize::from(at) / 1000) else { continue };
                            (k, tree.delete(k, &mut NoSteps), model.remove(&k))
                        }
                    };
                    check(got == expected, || format!("{op:?} on {key} with {config:?}"))?;
                    tree.check_invariants().map_err(|e| TestCaseError::fail(format!("{op:?} with {config:?}: {e}")))?;
                }
                check(tree.keys() == model.iter().copied().collect::<Vec<_>>(), || format!("{config:?}: keys differ"))?;
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{config:?}: {e}"));
    }
}
