//! Insert throughput on the fast path: a random permutation of all 100,000 keys, inserted with
//! `NoSteps`, for each variant at degrees 4 and 10. Best of 5 runs.
//!
//!     cargo run --release -p strata-engine --example bench_insert

use std::time::Instant;
use strata_engine::btree::{BTree, Config, Variant};
use strata_engine::rng::shuffled_keys;
use strata_engine::step::NoSteps;

fn main() {
    // Only 100,000 keys exist, so insert all of them in random order; the browser benchmark
    // (`bench_insert` in crates/viz) uses the same keys.
    let keys = shuffled_keys(100_000, 42);
    for (variant, name) in [(Variant::B, "b"), (Variant::BPlus, "bplus")] {
        for degree in [4, 10] {
            let config = Config { variant, degree, ..Config::default() };
            let best = (0..5)
                .map(|_| {
                    let mut tree = BTree::new(config);
                    let start = Instant::now();
                    for &key in &keys {
                        tree.insert(key, &mut NoSteps);
                    }
                    let elapsed = start.elapsed();
                    assert_eq!(tree.len(), keys.len());
                    elapsed
                })
                .min()
                .unwrap_or_default();
            println!(
                "btree degree={degree} variant={name} inserts={} ms={:.1}",
                keys.len(),
                best.as_secs_f64() * 1000.0
            );
        }
    }
}
