//! The LSM tree's fast path: 1,000,000 uniform puts per strategy (memtable 64, bloom 10 bits
//! per key, default ratios), then 10,000 gets of random keys to measure reads, with each
//! amplification figure beside the model's estimate. Best of 3 runs for the time. Then the
//! time to replay a 100,000-operation scenario with its steps (what a page does on load).
//!
//!     cargo run --release -p strata-engine --example bench_lsm

use std::time::Instant;
use strata_browser::url::query_pairs;
use strata_engine::lsm::{Config, Lsm, Strategy, Workload, WorkloadKind};
use strata_engine::rng::SplitMix64;
use strata_engine::step::NoSteps;
use strata_engine::widgets::lsm::{Runs, Scenario};

const PUTS: u64 = 1_000_000;

fn main() {
    for (strategy, name) in [(Strategy::Leveled, "leveled"), (Strategy::Tiered, "tiered")] {
        let config = Config { strategy, memtable_entries: 64, bits_per_key: 10, ..Config::default() };
        let mut best = f64::MAX;
        let mut last = None;
        for _ in 0..3 {
            let mut lsm = Lsm::new(config);
            let start = Instant::now();
            lsm.run_fast(&mut Workload::new(WorkloadKind::UniformPuts, 42), PUTS);
            best = best.min(start.elapsed().as_secs_f64() * 1000.0);
            last = Some(lsm);
        }
        let mut lsm = last.unwrap_or_else(|| Lsm::new(config));
        let mut rng = SplitMix64::new(5);
        for _ in 0..10_000 {
            lsm.get(rng.below(100_000) as u32, &mut NoSteps);
        }
        let m = lsm.metrics();
        println!(
            "lsm strategy={name} puts={PUTS} ms={best:.0} tables={} rows={} write_amp={:.2} model={:.2} read_amp={:.2} model={:.2} blocks_per_get={:.2} space_amp={:.2} model={:.2} bloom_fp={:.4} model={:.4}",
            lsm.table_count(),
            lsm.rows().len(),
            m.write_amp,
            m.model.write_amp,
            m.read_amp,
            m.model.read_amp,
            m.blocks_per_get,
            m.space_amp,
            m.model.space_amp,
            m.bloom_fp_rate,
            m.model.bloom_fp_rate
        );
    }
    for q in ["workload=uniform&n=100000&seed=7", "strategy=tiered&workload=uniform&n=100000&seed=7", "workload=uniform&n=100000&seed=7&compare=tiered"] {
        let (s, _) = Scenario::parse(&query_pairs(q));
        let start = Instant::now();
        let runs = Runs::build(&s);
        println!("lsm scenario=\"{q}\" steps={} ms={:.0}", runs.steps(), start.elapsed().as_secs_f64() * 1000.0);
    }
}
