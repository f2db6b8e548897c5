//! Placing keys and recomputing after a join, on the fast path: 100,000 uniform keys on 100
//! nodes × 1,000 virtual nodes, then node 101 joins and every key's owner is recomputed. The
//! same for the other algorithms on the same keys and nodes. Best of 5 runs.
//!
//!     cargo run --release -p strata-engine --example bench_ring

use std::time::Instant;
use strata_engine::ring::{Algorithm, Cluster, Config};
use strata_engine::step::NoSteps;

fn main() {
    for algorithm in Algorithm::ALL {
        let vnodes = if algorithm.uses_ring() { 1_000 } else { 1 };
        let mut best: Option<(f64, f64, f64)> = None;
        for _ in 0..5 {
            let start = Instant::now();
            let mut c = Cluster::new(Config { algorithm, vnodes, ..Config::default() }, 100);
            c.add_keys(100_000, 42, &mut NoSteps);
            let placed = start.elapsed().as_secs_f64() * 1000.0;
            let t = Instant::now();
            c.join("n101", None, 1.0, &mut NoSteps);
            let joined = t.elapsed().as_secs_f64() * 1000.0;
            let moved = c.last_change().map_or(0.0, |ch| ch.fraction());
            if best.is_none_or(|b| placed + joined < b.0 + b.1) {
                best = Some((placed, joined, moved));
            }
        }
        let best = best.unwrap_or_default();
        println!(
            "ring algorithm={} nodes=100 vnodes={vnodes} keys=100000 place_ms={:.1} join_ms={:.1} moved={:.4} ideal={:.4}",
            algorithm.param(),
            best.0,
            best.1,
            best.2,
            1.0 / 101.0
        );
    }
}
