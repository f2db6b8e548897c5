//! What the ring's page computes for one step, natively: the layout of every position of the
//! benchmark's dense scenario (100 nodes × 1,000 virtual nodes, 100,000 keys), and the texts
//! beside it (stats, description). The browser's step time is this plus drawing; this is the
//! part a profile can be compared against without a browser.
//!
//!     cargo run --release -p strata-engine --example bench_ring_step

use std::time::Instant;
use strata_engine::scenario::run::Runs;
use strata_engine::widget::Widget;
use strata_engine::widgets::ring::{RingWidget, Scenario};

fn main() {
    for query in [
        "nodes=100&vnodes=1000&keys=100000&seed=7&ops=+n101,?user42,!n7,^n7,-n3,k1000",
        "nodes=10&vnodes=100&keys=100000&seed=7&ops=+n11,?user42,!n7,^n7,-n3,k1000",
    ] {
        let pairs: Vec<(String, String)> = query.split('&').filter_map(|p| p.split_once('=')).map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let (s, _) = Scenario::parse(&pairs);
        let t = Instant::now();
        let runs = Runs::build(&s);
        let build = t.elapsed().as_secs_f64() * 1000.0;
        let (mut layout, mut texts, mut weight) = (Vec::new(), Vec::new(), 0);
        for pos in 0..=runs.steps() {
            let at = runs.at(0, pos).expect("a position of the run");
            let hl = at.step.map(|s| s.highlight.clone()).unwrap_or_default();
            let t = Instant::now();
            let scene = RingWidget::layout(at.state, &hl);
            layout.push(t.elapsed().as_secs_f64() * 1000.0);
            weight = weight.max(scene.weight());
            let t = Instant::now();
            let name = RingWidget::name(&RingWidget::params_of(at.state));
            let _ = (RingWidget::stats(at.state), RingWidget::describe(at.state, &name));
            texts.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        let pct = |v: &mut Vec<f64>, p: f64| {
            v.sort_by(f64::total_cmp);
            v[((v.len() - 1) as f64 * p).round() as usize]
        };
        println!(
            "ring-step query={query} steps={} build_ms={build:.1} layout_p50={:.2} layout_p95={:.2} texts_p95={:.2} max_weight={weight}",
            runs.steps(),
            pct(&mut layout, 0.5),
            pct(&mut layout, 0.95),
            pct(&mut texts, 0.95)
        );
    }
}
