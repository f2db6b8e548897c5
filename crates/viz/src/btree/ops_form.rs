//! The B-tree's operations form: what to do (insert, delete, search, range scan, bulk load,
//! random fill, clear) and the keys, checked before anything runs.

use crate::ops_form::Choice;
use leptos::prelude::*;
use strata_engine::btree::{MAX_KEY, MIN_KEY};
use strata_engine::widgets::btree::{parse_input, InputKind, Op, MAX_BATCH};

/// The operations form's choices: kind, `<option>` value, label.
const KINDS: [Choice<InputKind>; 7] = [
    (InputKind::Insert, "insert", "Insert"),
    (InputKind::Delete, "delete", "Delete"),
    (InputKind::Search, "search", "Search"),
    (InputKind::Range, "range", "Range scan"),
    (InputKind::Load, "load", "Bulk load"),
    (InputKind::Fill, "fill", "Random fill"),
    (InputKind::Clear, "clear", "Clear"),
];

#[component]
pub fn OpsForm(add_ops: Callback<Vec<Op>, Result<(), String>>) -> impl IntoView {
    let kind = RwSignal::new(InputKind::Insert);
    let text = RwSignal::new(String::new());
    let load_fill = RwSignal::new(100u8);
    let error = RwSignal::new(None::<String>);
    let hint = move || match kind.get() {
        InputKind::Insert | InputKind::Delete | InputKind::Search => {
            format!("Keys from {MIN_KEY} to {MAX_KEY}, as in 3 7 9 23 or 3,7,9,23")
        }
        InputKind::Range => "Two keys, as in 3-9".into(),
        InputKind::Load => "Keys or ranges to load bottom-up, as in 1-40 or 1-20, 35".into(),
        InputKind::Fill => format!("How many random keys, 1 to {MAX_BATCH}"),
        InputKind::Clear => "Removes every key".into(),
    };
    let submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        crate::ops_form::show_outcome(parse_input(kind.get_untracked(), &text.get_untracked(), load_fill.get_untracked()).and_then(|ops| add_ops.run(ops)), text, error);
    };
    view! {
        <form class="ops-form" on:submit=submit aria-label="Run operations">
            {crate::ops_form::kind_picker(&KINDS, kind, move || {
                error.set(None);
            })}
            <label class="keys-field" class:hidden=move || kind.get() == InputKind::Clear>
                <span>{move || if kind.get() == InputKind::Fill { "Count" } else { "Keys" }}</span>
                <input
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder=move || if kind.get() == InputKind::Fill { "100" } else { "3 7 9 23" }
                    aria-describedby="ops-hint ops-error"
                    aria-invalid=move || error.with(|e| e.is_some()).then_some("true")
                    prop:value=move || text.get()
                    on:input=move |e| text.set(event_target_value(&e))
                />
            </label>
            <Show when=move || kind.get() == InputKind::Load>
                <label>
                    "Fill "
                    <select on:change=move |e| load_fill.set(event_target_value(&e).parse().unwrap_or(100))>
                        {[100u8, 90, 80, 70, 60, 50].into_iter().map(|f| view! {
                            <option value=f.to_string() selected=move || load_fill.get() == f>{format!("{f}%")}</option>
                        }).collect_view()}
                    </select>
                </label>
            </Show>
            <button type="submit" class="button primary">"Run"</button>
            <p id="ops-hint" class="hint">{hint}</p>
            <p id="ops-error" class="field-error" role="alert">{move || error.get()}</p>
        </form>
    }
}

