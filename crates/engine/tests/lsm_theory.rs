//! What theory predicts, pinned on one seeded uniform workload: size-tiered writes fewer
//! bytes per user byte than leveled; leveled asks no more tables per get and wastes less
//! space; and the bloom filters' measured false-positive rate at 10 bits per key is within a
//! factor of two of the formula's.

use strata_engine::lsm::{Config, Lsm, Metrics, Strategy, Workload, WorkloadKind};
use strata_engine::rng::SplitMix64;
use strata_engine::step::NoSteps;

const OPS: u64 = 60_000;

/// The workload, then 5,000 gets of random keys to measure reads on the tree it left.
fn measured(strategy: Strategy) -> (Lsm, Metrics) {
    let mut lsm = Lsm::new(Config { strategy, memtable_entries: 64, bits_per_key: 10, ..Config::default() });
    lsm.run_fast(&mut Workload::new(WorkloadKind::UniformPuts, 7), OPS);
    let mut rng = SplitMix64::new(11);
    for _ in 0..5_000 {
        lsm.get(rng.below(100_000) as u32, &mut NoSteps);
    }
    lsm.check().unwrap();
    let m = lsm.metrics();
    (lsm, m)
}

#[test]
fn tiered_writes_less_and_leveled_reads_and_stores_less() {
    let (_, leveled) = measured(Strategy::Leveled);
    let (_, tiered) = measured(Strategy::Tiered);
    eprintln!("leveled {leveled:?}\ntiered {tiered:?}");
    assert!(tiered.write_amp < leveled.write_amp, "write amp: tiered {} vs leveled {}", tiered.write_amp, leveled.write_amp);
    assert!(leveled.read_amp <= tiered.read_amp, "read amp: leveled {} vs tiered {}", leveled.read_amp, tiered.read_amp);
    assert!(leveled.space_amp < tiered.space_amp, "space amp: leveled {} vs tiered {}", leveled.space_amp, tiered.space_amp);
    // Every user byte is written to a table at least once, by its flush.
    assert!(tiered.write_amp >= 1.0);
}

#[test]
fn bloom_false_positives_follow_the_formula_at_10_bits_per_key() {
    for strategy in [Strategy::Leveled, Strategy::Tiered] {
        let (_, m) = measured(strategy);
        let (measured, predicted) = (m.bloom_fp_rate, m.model.bloom_fp_rate);
        assert!(measured > predicted / 2.0 && measured < predicted * 2.0, "{strategy:?}: measured {measured}, predicted {predicted}");
    }
}
