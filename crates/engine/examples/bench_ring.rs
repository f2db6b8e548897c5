//! Placing keys and recomputing after a join, on the fast path: 100,000 uniform keys on 100
//! nodes × 1,000 virtual nodes, then node 101 joins and every key's owner is recomputed. The
//! same for the other algorithms on the same keys and nodes. Best of 5 runs.
//!
//!     cargo run --release -p strata-engine --example bench_ring

use std::time::{Duration, Instant};
use strata_engine::ring::{Algorithm, Cluster, Config};
use strata_engine::step::NoSteps;

fn main() {
    for algorithm in Algorithm::ALL {
        let vnodes = if algorithm.uses_ring() { 1_000 } else { 1 };
        let mut best = (Duration::MAX, Duration::MAX, 0.0);
        for _ in 0..5 {
            let start = Instant::now();
            let mut c = Cluster::new(Config { algorithm, vnodes, ..Config::default() }, 100);
            c.add_keys(100_000, 42, &mut NoSteps);
            let placed = start.elapsed();
            let t = Instant::now();
            c.join("n101", None, 1.0, &mut NoSteps);
            let joined = t.elapsed();
            let moved = c.last_change().map_or(0.0, |ch| ch.fraction());
            if placed + joined < best.0 + best.1 {
                best = (placed, joined, moved);
            }
        }
        println!(
            "ring algorithm={} nodes=100 vnodes={vnodes} keys=100000 place_ms={:.1} join_ms={:.1} moved={:.4} ideal={:.4}",
            algorithm.param(),
            best.0.as_secs_f64() * 1000.0,
            best.1.as_secs_f64() * 1000.0,
            best.2,
            1.0 / 101.0
        );
    }
}
