//! The B-tree's options: variant, degree, preemptive splits, the delete policy, and compare
//! mode's second tree.

use crate::page::PageHandle;
use leptos::prelude::*;
use strata_engine::btree::{DeletePolicy, Variant, MAX_DEGREE, MIN_DEGREE};
use strata_engine::widget::Widget;
use strata_engine::widgets::btree::{parse_variant, variant_name, variant_param, BTreeWidget, Scenario};

#[component]
pub fn Options(page: PageHandle<BTreeWidget>) -> impl IntoView {
    let scenario = page.scenario;
    let change = move |f: Box<dyn FnOnce(&mut Scenario)>| page.change.run(f);
    let config = move || scenario.with(|s| s.params.config);
    let compare = move || scenario.with(|s| s.compare.map(|c| c.config));
    view! {
        <fieldset class="options">
            <legend>"Tree"</legend>
            <VariantSelect
                label="Variant "
                current=Signal::derive(move || Some(config().variant))
                choose=move |v| change(Box::new(move |s| s.params.config.variant = v))
            />
            <DegreeSelect
                label="Degree "
                current=Signal::derive(move || Some(config().degree))
                choose=move |d| change(Box::new(move |s| s.params.config.degree = d))
            />
            <label title="Split full nodes on the way down (even degrees only)">
                <input
                    type="checkbox"
                    prop:checked=move || config().preemptive
                    disabled=move || config().degree % 2 == 1
                    on:change=move |e| {
                        let on = event_target_checked(&e);
                        change(Box::new(move |s| s.params.config.preemptive = on));
                    }
                />
                " Split and merge on the way down"
                <span class="hint">{move || (config().degree % 2 == 1).then_some(" (even degrees only)")}</span>
            </label>
            <label>
                "A deleted inner key is replaced by its "
                <select on:change=move |e| {
                    let p = if event_target_value(&e) == "successor" { DeletePolicy::Successor } else { DeletePolicy::Predecessor };
                    change(Box::new(move |s| s.params.config.policy = p));
                }>
                    <option value="predecessor" selected=move || config().policy == DeletePolicy::Predecessor>"predecessor"</option>
                    <option value="successor" selected=move || config().policy == DeletePolicy::Successor>"successor"</option>
                </select>
            </label>
            <label>
                <input
                    type="checkbox"
                    prop:checked=move || compare().is_some()
                    on:change=move |e| {
                        let on = event_target_checked(&e);
                        change(Box::new(move |s| s.compare = on.then(|| BTreeWidget::default_compare(&s.params))));
                    }
                />
                " Compare with a second tree"
            </label>
            <Show when=move || compare().is_some()>
                <VariantSelect
                    label="Second tree "
                    current=Signal::derive(move || compare().map(|c| c.variant))
                    choose=move |v| change(Box::new(move |s| if let Some(c) = &mut s.compare { c.config.variant = v }))
                />
                <DegreeSelect
                    label="of degree "
                    current=Signal::derive(move || compare().map(|c| c.degree))
                    choose=move |d| change(Box::new(move |s| if let Some(c) = &mut s.compare { c.config.degree = d }))
                />
            </Show>
        </fieldset>
    }
}

/// A B-tree / B+ tree choice, for the main tree and for compare mode's second one.
#[component]
fn VariantSelect(
    label: &'static str,
    current: Signal<Option<Variant>>,
    choose: impl Fn(Variant) + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <label>
            {label}
            <select on:change=move |e| {
                if let Some(v) = parse_variant(&event_target_value(&e)) {
                    choose(v);
                }
            }>
                {[Variant::B, Variant::BPlus].into_iter().map(|v| view! {
                    <option value=variant_param(v) selected=move || current.get() == Some(v)>{variant_name(v)}</option>
                }).collect_view()}
            </select>
        </label>
    }
}

/// A degree from 3 to 10, for the main tree and for compare mode's second one.
#[component]
fn DegreeSelect(
    label: &'static str,
    current: Signal<Option<u8>>,
    choose: impl Fn(u8) + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <label>
            {label}
            <select on:change=move |e| {
                if let Ok(d) = event_target_value(&e).parse::<u8>() {
                    choose(d);
                }
            }>
                {(MIN_DEGREE..=MAX_DEGREE).map(|d| view! {
                    <option value=d.to_string() selected=move || current.get() == Some(d)>{d}</option>
                }).collect_view()}
            </select>
        </label>
    }
}

