//! What every widget's operations form shares: the "Operation" picker and what happens when a
//! form is run. Each widget's form (`btree::ops_form`, `lsm::ops_form`, `ring::ops_form`) keeps
//! its own fields, hints and parsing.

use leptos::prelude::*;

/// One choice of the picker: what it is, its `<option>` value and its label.
pub type Choice<K> = (K, &'static str, &'static str);

/// The "Operation" select over `choices`, bound to `kind`; `on_pick` runs after each change
/// (a form clears its error there).
pub fn kind_picker<K: Copy + PartialEq + Send + Sync + 'static>(choices: &'static [Choice<K>], kind: RwSignal<K>, on_pick: impl Fn() + 'static) -> impl IntoView {
    view! {
        <label>
            "Operation "
            <select on:change=move |e| {
                let value = event_target_value(&e);
                if let Some((k, _, _)) = choices.iter().find(|(_, v, _)| *v == value) {
                    kind.set(*k);
                    on_pick();
                }
            }>
                {choices.iter().map(|(k, value, label)| view! { <option value=*value selected=move || kind.get() == *k>{*label}</option> }).collect_view()}
            </select>
        </label>
    }
}

/// After a form ran: the typed text is cleared when it worked; otherwise it stays, with the
/// reason beside it.
pub fn show_outcome(outcome: Result<(), String>, text: RwSignal<String>, error: RwSignal<Option<String>>) {
    match outcome {
        Ok(()) => {
            error.set(None);
            text.set(String::new());
        }
        Err(message) => error.set(Some(message)),
    }
}
