//! The fast path at scale: 100,000 inserts with `NoSteps`, checked once at the end.

use std::collections::BTreeSet;
use strata_engine::btree::{BTree, Config, DeletePolicy, Variant, MAX_KEY};
use strata_engine::rng::SplitMix64;
use strata_engine::step::NoSteps;

#[test]
fn a_hundred_thousand_random_inserts_then_half_deleted() {
    for (variant, degree, preemptive) in [(Variant::B, 4, false), (Variant::BPlus, 10, true), (Variant::B, 3, false)] {
        let config = Config { variant, degree, preemptive, policy: DeletePolicy::Predecessor };
        let mut tree = BTree::new(config);
        let mut model = BTreeSet::new();
        let mut rng = SplitMix64::new(42);
        for _ in 0..100_000 {
            let key = rng.below(u64::from(MAX_KEY) + 1) as u32;
            assert_eq!(tree.insert(key, &mut NoSteps), model.insert(key));
        }
        tree.check_invariants().unwrap();
        assert_eq!(tree.len(), model.len());
        assert!(tree.counters.reads as usize > tree.len());

        let doomed: Vec<u32> = model.iter().copied().step_by(2).collect();
        for key in doomed {
            assert!(tree.delete(key, &mut NoSteps));
            model.remove(&key);
        }
        tree.check_invariants().unwrap();
        assert_eq!(tree.keys(), model.into_iter().collect::<Vec<_>>());
    }
}

#[test]
fn random_fill_stops_when_every_key_is_taken() {
    let mut tree = BTree::new(Config { variant: Variant::BPlus, degree: 10, ..Config::default() });
    tree.random_fill(usize::MAX, 1, &mut NoSteps);
    assert_eq!(tree.len(), MAX_KEY as usize + 1);
    tree.check_invariants().unwrap();
    tree.random_fill(5, 2, &mut NoSteps);
    assert_eq!(tree.len(), MAX_KEY as usize + 1);
}

#[test]
fn bulk_load_of_every_key_at_each_degree_and_fill() {
    let keys: Vec<u32> = (0..=MAX_KEY).collect();
    for variant in [Variant::B, Variant::BPlus] {
        for degree in 3..=10 {
            for fill in [50, 77, 100] {
                let mut tree = BTree::new(Config { variant, degree, ..Config::default() });
                tree.bulk_load(&keys, fill, &mut NoSteps);
                tree.check_invariants().unwrap_or_else(|e| panic!("{variant:?} d{degree} {fill}%: {e}"));
                assert_eq!(tree.len(), keys.len());
            }
        }
    }
}
