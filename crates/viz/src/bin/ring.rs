//! The consistent-hashing visualizer's module, `strata-viz-ring`: the platform's page with the
//! ring widget. It exports `bench_ring` to the benchmark.

use strata_engine::ring::{Algorithm, Cluster, Config, MAX_KEYS, MAX_NODES, MAX_VNODES};
use strata_engine::step::NoSteps;
use strata_engine::widgets::ring::RingWidget;
use wasm_bindgen::prelude::*;

strata_viz::visualizer_module!(RingWidget);

/// Places `keys` generated keys on `nodes` nodes of `vnodes` virtual nodes each, then has one
/// more node join and recomputes every owner; returns `[place_ms, join_ms, moved_fraction]`.
/// Any arguments are taken (clamped to the engine's limits): an exported function must not
/// panic, and a panic here is an abort.
#[wasm_bindgen]
pub fn bench_ring(nodes: u32, vnodes: u32, keys: u32) -> Vec<f64> {
    let nodes = nodes.clamp(1, MAX_NODES as u32 - 1) as u16;
    let vnodes = vnodes.clamp(1, MAX_VNODES as u32) as u16;
    let keys = (keys as usize).min(MAX_KEYS);
    let start = strata_viz::now_ms();
    let mut c = Cluster::new(Config { algorithm: Algorithm::Ring, vnodes, ..Config::default() }, nodes);
    c.add_keys(keys, 42, &mut NoSteps);
    let placed = strata_viz::now_ms();
    c.join("bench-joiner", None, 1.0, &mut NoSteps);
    let joined = strata_viz::now_ms();
    let moved = c.last_change().map_or(f64::NAN, |ch| ch.fraction());
    vec![placed - start, joined - placed, moved]
}
