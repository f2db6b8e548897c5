//! The LSM-tree visualizer's module, `strata-viz-lsm`: the platform's page with the LSM widget.
//! It exports `bench_lsm` to the benchmark.

use strata_engine::widgets::lsm::LsmWidget;
use wasm_bindgen::prelude::*;

strata_viz::visualizer_module!(LsmWidget);

/// Runs `count` uniform puts (at most 1,000,000) on the fast path into a fresh tree, leveled
/// or size-tiered, memtable 64 and 10 bloom bits per key, and returns the milliseconds it took.
#[wasm_bindgen]
pub fn bench_lsm(count: u32, tiered: bool) -> f64 {
    use strata_engine::lsm::{Config, Lsm, Strategy, Workload, WorkloadKind};
    let count = u64::from(count.min(1_000_000));
    let strategy = if tiered { Strategy::Tiered } else { Strategy::Leveled };
    let mut lsm = Lsm::new(Config { strategy, ..Config::default() });
    let start = strata_viz::now_ms();
    lsm.run_fast(&mut Workload::new(WorkloadKind::UniformPuts, 42), count);
    let elapsed = strata_viz::now_ms() - start;
    if lsm.ops() == count { elapsed } else { f64::NAN }
}
