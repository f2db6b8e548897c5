//! The tree's options, named as the real systems name them, with their defaults stated; the
//! workload that runs first; and compare mode's second strategy.

use crate::page::PageHandle;
use leptos::prelude::*;
use strata_engine::lsm::{Strategy, WorkloadKind};
use strata_engine::widget::Widget;
use strata_engine::widgets::lsm::{
    parse_strategy, strategy_name, strategy_param, LsmWidget, Params, Scenario, BITS_RANGE, MAX_OPS_IN_WORKLOAD, MEMTABLE_RANGE, RATIO_RANGE,
};

type EditParams = fn(&mut Params, u64);

/// A whole-number field that applies its value when it is valid and says what is accepted,
/// beside the field, when it is not.
#[component]
fn NumberField(
    label: Signal<String>,
    value: Signal<u64>,
    min: u64,
    max: u64,
    hint: Signal<String>,
    apply: Callback<u64>,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let id = format!("lsm-{}", label.get_untracked().split_whitespace().next().unwrap_or("field").to_ascii_lowercase());
    let error_id = format!("{id}-error");
    view! {
        <div class="number-field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="number"
                inputmode="numeric"
                min=min
                max=max
                prop:value=move || value.get().to_string()
                aria-describedby=error_id.clone()
                aria-invalid=move || error.with(|e| e.is_some()).then_some("true")
                on:change=move |e| {
                    match event_target_value(&e).trim().parse::<u64>() {
                        Ok(n) if (min..=max).contains(&n) => {
                            error.set(None);
                            apply.run(n);
                        }
                        _ => error.set(Some(format!("Use a whole number from {min} to {max}."))),
                    }
                }
            />
            <span class="hint">{hint}</span>
            <span id=error_id class="field-error" role="alert">{move || error.get()}</span>
        </div>
    }
}

#[component]
pub fn Options(page: PageHandle<LsmWidget>) -> impl IntoView {
    let scenario = page.scenario;
    let params = move || scenario.with(|s| s.params);
    let change = move |f: Box<dyn FnOnce(&mut Scenario)>| page.change.run(f);
    let set = move |edit: EditParams| Callback::new(move |n: u64| change(Box::new(move |s| edit(&mut s.params, n))));
    let tiered = move || params().strategy == Strategy::Tiered;
    let compare = move || scenario.with(|s| s.compare.map(|c| c.strategy));
    view! {
        <fieldset class="options lsm-options">
            <legend>"Tree"</legend>
            <label>
                "Compaction "
                <select on:change=move |e| {
                    if let Some(strategy) = parse_strategy(&event_target_value(&e)) {
                        change(Box::new(move |s| {
                            s.params.strategy = strategy;
                            s.params.ratio = None;
                            if let Some(c) = &mut s.compare {
                                *c = LsmWidget::default_compare(&s.params);
                            }
                        }));
                    }
                }>
                    {[Strategy::Leveled, Strategy::Tiered].into_iter().map(|st| view! {
                        <option value=strategy_param(st) selected=move || params().strategy == st>{strategy_name(st)}</option>
                    }).collect_view()}
                </select>
            </label>
            <p class="hint">{move || if tiered() {
                "Cassandra's size-tiered defaults: bucket_low 0.5, bucket_high 1.5, min_threshold 4, max_threshold 32 (min_sstable_size is not modelled)."
            } else {
                "RocksDB's leveled defaults: level0_file_num_compaction_trigger 4, max_bytes_for_level_multiplier 10, max_bytes_for_level_base 4 memtables (256 MiB beside a 64 MiB write_buffer_size), target_file_size_base 1 memtable."
            }}</p>
            <NumberField
                label=Signal::derive(|| "Memtable entries".to_string())
                value=Signal::derive(move || params().memtable as u64)
                min=MEMTABLE_RANGE.0 as u64
                max=MEMTABLE_RANGE.1 as u64
                hint=Signal::derive(|| "flushed when full (default 64)".to_string())
                apply=set(|p, n| p.memtable = n as usize)
            />
            <NumberField
                label=Signal::derive(move || if tiered() { "min_threshold (tables merged at once)".to_string() } else { "Size ratio T (max_bytes_for_level_multiplier)".to_string() })
                value=Signal::derive(move || u64::from(params().ratio()))
                min=u64::from(RATIO_RANGE.0)
                max=u64::from(RATIO_RANGE.1)
                hint=Signal::derive(move || if tiered() { "default 4".to_string() } else { "default 10".to_string() })
                apply=set(|p, n| p.ratio = Some(n as u32))
            />
            <NumberField
                label=Signal::derive(|| "Bloom bits per key".to_string())
                value=Signal::derive(move || u64::from(params().bits))
                min=u64::from(BITS_RANGE.0)
                max=u64::from(BITS_RANGE.1)
                hint=Signal::derive(|| "0 turns the filters off (default 10)".to_string())
                apply=set(|p, n| p.bits = n as u8)
            />
        </fieldset>
        <fieldset class="options lsm-workload">
            <legend>"Workload (runs first)"</legend>
            <label class="stacked">
                "Keys and mix"
                <select on:change=move |e| {
                    if let Some(w) = WorkloadKind::from_param(&event_target_value(&e)) {
                        change(Box::new(move |s| s.params.workload = w));
                    }
                }>
                    {WorkloadKind::NAMED.into_iter().map(|w| view! {
                        <option value=w.param() selected=move || params().workload == w>{w.name()}</option>
                    }).collect_view()}
                </select>
            </label>
            // The whole mix under the choice: in the dropdown it was cut on a phone.
            <p class="hint">{move || params().workload.describe()}</p>
            <NumberField
                label=Signal::derive(|| "Operations".to_string())
                value=Signal::derive(move || u64::from(params().n))
                min=0
                max=u64::from(MAX_OPS_IN_WORKLOAD)
                hint=Signal::derive(|| "0 to 1,000,000 on the fast path; the last 12 are stepped in detail".to_string())
                apply=set(|p, n| p.n = n as u32)
            />
            <NumberField
                label=Signal::derive(|| "Seed".to_string())
                value=Signal::derive(move || scenario.with(|s| s.seed))
                min=0
                max=u64::from(u32::MAX)
                hint=Signal::derive(|| "the same seed replays the same keys".to_string())
                apply=Callback::new(move |n: u64| change(Box::new(move |s| s.seed = n)))
            />
            <label>
                <input
                    type="checkbox"
                    prop:checked=move || compare().is_some()
                    on:change=move |e| {
                        let on = event_target_checked(&e);
                        change(Box::new(move |s| s.compare = on.then(|| LsmWidget::default_compare(&s.params))));
                    }
                />
                {move || format!(" Compare with {} on the same workload", strategy_name(if tiered() { Strategy::Leveled } else { Strategy::Tiered }).to_ascii_lowercase())}
            </label>
        </fieldset>
    }
}
