//! The B-tree and B+ tree visualizer's module, `strata-viz-btree`: the platform's page with the
//! B-tree widget. It also shows `#/viz` (the index of every visualizer) and the not-found page,
//! and exports `bench_insert` to the benchmark.

use strata_engine::widgets::btree::BTreeWidget;
use wasm_bindgen::prelude::*;

strata_viz::visualizer_module!(directory; BTreeWidget);

/// Inserts `count` random keys into a fresh tree on the fast path and returns the time it
/// took in milliseconds; the benchmark calls this to measure the engine in the browser.
#[wasm_bindgen]
pub fn bench_insert(count: u32, degree: u8, bplus: bool) -> f64 {
    use strata_engine::btree::{BTree, Config, Variant, MAX_KEY};
    // Any number JavaScript passes is taken: at most every key there is, a degree clamped to
    // the engine's 3–10 (an exported function must not panic, and a panic here is an abort).
    let count = (count as usize).min(MAX_KEY as usize + 1);
    let degree = degree.clamp(3, 10);
    let variant = if bplus { Variant::BPlus } else { Variant::B };
    let keys = strata_engine::rng::shuffled_keys(count, 42);
    let start = strata_viz::now_ms();
    let mut tree = BTree::new(Config { variant, degree, ..Config::default() });
    for k in keys {
        tree.insert(k, &mut strata_engine::step::NoSteps);
    }
    let elapsed = strata_viz::now_ms() - start;
    // Every key is distinct, so all of them must be stored; a shortfall is reported as NaN.
    if tree.len() == count { elapsed } else { f64::NAN }
}
