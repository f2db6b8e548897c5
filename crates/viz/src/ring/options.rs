//! The ring's options: the algorithm, nodes and keys to start with, virtual nodes,
//! replication, the key distribution, bounded loads' factor, and compare mode's second
//! algorithm. Whatever both clusters share (nodes, keys, distribution, replication, c) is set
//! on both, so compare mode always runs the same keys and the same node changes.

use crate::page::PageHandle;
use leptos::prelude::*;
use strata_engine::ring::keys::Dist;
use strata_engine::ring::{parse_decimal, Algorithm, MAX_KEYS, MAX_VNODES};
use strata_engine::scene::decimal;
use strata_engine::widget::Widget;
use strata_engine::widgets::ring::{Params, RingWidget, Scenario, MAX_START_NODES};

/// Applies `f` to the main parameters and, in compare mode, to the second cluster's too.
fn both(s: &mut Scenario, f: impl Fn(&mut Params)) {
    f(&mut s.params);
    if let Some(c) = &mut s.compare {
        f(c);
    }
}

#[component]
pub fn Options(page: PageHandle<RingWidget>) -> impl IntoView {
    let scenario = page.scenario;
    let change = move |f: Box<dyn FnOnce(&mut Scenario)>| page.change.run(f);
    let params = move || scenario.with(|s| s.params);
    let compare = move || scenario.with(|s| s.compare);
    let error = RwSignal::new(None::<String>);
    // A whole number typed into a field: applied if in range, else explained beside it.
    let number = move |label: &'static str, lo: u32, hi: u32, apply: fn(&mut Params, u32)| {
        move |e: leptos::ev::Event| match event_target_value(&e).trim().parse::<u32>() {
            Ok(n) if (lo..=hi).contains(&n) => {
                error.set(None);
                change(Box::new(move |s| both(s, |p| apply(p, n))));
            }
            _ => error.set(Some(format!("{label}: use a whole number from {lo} to {hi}."))),
        }
    };
    view! {
        <fieldset class="options ring-options">
            <legend>"Cluster"</legend>
            <AlgorithmSelect label="Algorithm " current=Signal::derive(move || Some(params().config.algorithm)) choose=move |a| change(Box::new(move |s| s.params.config.algorithm = a)) />
            <label>"Nodes " <input type="number" class="narrow" min="1" max=MAX_START_NODES.to_string() prop:value=move || params().nodes.to_string() on:change=number("Nodes", 1, MAX_START_NODES as u32, |p, n| p.nodes = n as u16) /></label>
            <label>"Keys " <input type="number" class="narrow" min="0" max=MAX_KEYS.to_string() step="100" prop:value=move || params().keys.to_string() on:change=number("Keys", 0, MAX_KEYS as u32, |p, n| p.keys = n) /></label>
            <label title="Points each node has on the ring (ring and bounded loads)">"Virtual nodes " <input type="number" class="narrow" min="1" max=MAX_VNODES.to_string() prop:value=move || params().config.vnodes.to_string() on:change=number("Virtual nodes", 1, MAX_VNODES as u32, |p, n| p.config.vnodes = n as u16) /></label>
            <label title="Copies of each key (ring and rendezvous)">
                "Replication "
                <select on:change=move |e| { if let Ok(r) = event_target_value(&e).parse::<u8>() { change(Box::new(move |s| both(s, |p| p.config.replication = r))) } }>
                    {(1u8..=5).map(|r| view! { <option value=r.to_string() selected=move || params().config.replication == r>{r}</option> }).collect_view()}
                </select>
            </label>
            <label>
                "Keys drawn "
                <select on:change=move |e| { if let Some(d) = Dist::from_param(&event_target_value(&e)) { change(Box::new(move |s| both(s, |p| p.config.dist = d))) } }>
                    <option value="uniform" selected=move || params().config.dist == Dist::Uniform>"uniformly"</option>
                    <option value="zipf" selected=move || params().config.dist == Dist::Zipf>"Zipfian (hot keys)"</option>
                </select>
            </label>
            <label title="Bounded loads: each node holds at most ⌈c · keys ÷ nodes⌉">
                "Bounded-load factor c "
                <input type="number" class="narrow" min="1" max="4" step="0.05" prop:value=move || decimal(params().config.c, 2) on:change=move |e| {
                    // In hundredths, read without core's float parser (see `parse_decimal`).
                    match parse_decimal(&event_target_value(&e), 2) {
                        Some(h) if (100..=400).contains(&h) => {
                            error.set(None);
                            let c = h as f64 / 100.0;
                            change(Box::new(move |s| both(s, |p| p.config.c = c)));
                        }
                        _ => error.set(Some("c: use a number from 1 to 4 with at most two decimals, as in 1.25.".into())),
                    }
                } />
            </label>
            <label>
                <input type="checkbox" prop:checked=move || compare().is_some() on:change=move |e| {
                    let on = event_target_checked(&e);
                    change(Box::new(move |s| s.compare = on.then(|| RingWidget::default_compare(&s.params))));
                } />
                " Compare with a second algorithm"
            </label>
            <Show when=move || compare().is_some()>
                <AlgorithmSelect label="Second " current=Signal::derive(move || compare().map(|c| c.config.algorithm)) choose=move |a| change(Box::new(move |s| { if let Some(c) = &mut s.compare { c.config.algorithm = a } })) />
                <label>"its virtual nodes " <input type="number" class="narrow" min="1" max=MAX_VNODES.to_string() prop:value=move || compare().map(|c| c.config.vnodes.to_string()).unwrap_or_default() on:change=move |e| {
                    match event_target_value(&e).trim().parse::<u16>() {
                        Ok(v) if (1..=MAX_VNODES).contains(&v) => {
                            error.set(None);
                            change(Box::new(move |s| if let Some(c) = &mut s.compare { c.config.vnodes = v }));
                        }
                        _ => error.set(Some(format!("Virtual nodes: use a whole number from 1 to {MAX_VNODES}."))),
                    }
                } /></label>
            </Show>
            <p class="field-error" role="alert">{move || error.get()}</p>
        </fieldset>
    }
}

#[component]
fn AlgorithmSelect(label: &'static str, current: Signal<Option<Algorithm>>, choose: impl Fn(Algorithm) + Send + Sync + 'static) -> impl IntoView {
    view! {
        <label>
            {label}
            <select on:change=move |e| { if let Some(a) = Algorithm::from_param(&event_target_value(&e)) { choose(a) } }>
                {Algorithm::ALL.into_iter().map(|a| view! { <option value=a.param() selected=move || current.get() == Some(a)>{a.name()}</option> }).collect_view()}
            </select>
        </label>
    }
}
