//! The figures at the current step: each amplification measured, beside what the simple
//! model predicts for the tree's shape, with the model in words.

use leptos::prelude::*;
use std::rc::Rc;
use strata_engine::lsm::{Lsm, Strategy};
use strata_engine::step::Versioned;
use strata_engine::widget::Widget;
use strata_engine::widgets::lsm::LsmWidget;

use strata_engine::layout::lsm::fixed;

/// One row: label, measured, model, what the model says.
fn rows(lsm: &Lsm) -> Vec<(&'static str, String, String, String)> {
    let m = lsm.metrics();
    let t = lsm.config().ratio();
    let depth = lsm.depth();
    let leveled = lsm.config().strategy == Strategy::Leveled;
    vec![
        (
            "Write amplification (table bytes ÷ user bytes)",
            fixed(m.write_amp, 2),
            fixed(m.model.write_amp, 2),
            if leveled {
                format!("2 + (L − 1)(T + 1)/2 with L = {depth} levels below L0, T = {t}: one flush, one L0 merge, then about (T + 1)/2 rewrites per level")
            } else {
                format!("one write per tier: {depth} tiers")
            },
        ),
        (
            "Read amplification (tables asked per get)",
            if lsm.counters().gets == 0 { "no gets yet".into() } else { fixed(m.read_amp, 2) },
            fixed(m.model.read_amp, 0),
            if leveled { "at most every L0 table plus one table per level".into() } else { "at most every table".into() },
        ),
        (
            "Blocks read per get",
            if lsm.counters().gets == 0 { "no gets yet".into() } else { fixed(m.blocks_per_get, 2) },
            fixed(1.0 + (m.model.read_amp - 1.0).max(0.0) * m.model.bloom_fp_rate, 2),
            "for a key that exists: its one block, plus a false positive’s block now and then".into(),
        ),
        (
            "Space amplification (bytes on disk ÷ live bytes)",
            fixed(m.space_amp, 2),
            fixed(m.model.space_amp, 2),
            if leveled { format!("T/(T − 1) = {t}/{}: the levels above hold at most 1/(T − 1) of the last", t - 1) } else { "up to one copy of a key per tier".into() },
        ),
        (
            "Bloom false-positive rate",
            if m.bloom_fp_rate == 0.0 && lsm.counters().gets == 0 { "no gets yet".into() } else { format!("{} %", fixed(m.bloom_fp_rate * 100.0, 2)) },
            format!("{} %", fixed(m.model.bloom_fp_rate * 100.0, 2)),
            format!("(1 − e^(−k/b))^k for b = {} bits per key, k = {} hash functions", lsm.config().bits_per_key, strata_engine::lsm::bloom::optimal_hashes(lsm.config().bits_per_key)),
        ),
        ("User bytes written", m.user_bytes.to_string(), "—".into(), "16-byte keys and 100-byte values; a delete writes only its key".into()),
        ("WAL bytes (apart from the tables)", m.wal_bytes.to_string(), "—".into(), "every write is logged once, with its sequence number".into()),
        ("Table bytes written (flushes and compactions)", m.disk_bytes_written.to_string(), "—".into(), String::new()),
    ]
}

#[component]
pub fn Figures(shown: Signal<Vec<Rc<Lsm>>, LocalStorage>) -> impl IntoView {
    view! {
        <section class="lsm-figures" aria-labelledby="lsm-figures-title">
            <h2 id="lsm-figures-title">"Amplification, measured and modelled"</h2>
            {move || shown.with(|states| states.iter().map(|lsm| {
                let name = LsmWidget::name(&LsmWidget::params_of(lsm));
                view! {
                    <table class="lsm-figures-table">
                        <caption>{name}</caption>
                        <thead><tr><th scope="col">"Figure"</th><th scope="col">"Measured"</th><th scope="col">"Model"</th><th scope="col">"The model"</th></tr></thead>
                        <tbody>
                            {rows(lsm).into_iter().map(|(label, measured, model, how)| view! {
                                <tr><th scope="row">{label}</th><td class="num">{measured}</td><td class="num">{model}</td><td class="hint">{how}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }
            }).collect_view())}
        </section>
    }
}
