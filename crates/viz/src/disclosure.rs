//! A disclosure whose contents exist only while it is open.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A `<details>` that builds its children when opened and drops them when closed. The data
/// tables beside the charts sit closed under them: built anyway, the ring's table of keys per
/// node rebuilt a hundred rows at every step that moved a key, for nobody to read.
#[component]
pub fn LazyDetails(summary: &'static str, #[prop(optional)] class: &'static str, children: ChildrenFn) -> impl IntoView {
    let open = RwSignal::new(false);
    let toggled = move |e: web_sys::Event| {
        if let Some(details) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
            open.set(details.open());
        }
    };
    view! {
        <details class=class on:toggle=toggled>
            <summary>{summary}</summary>
            {move || open.get().then(|| children())}
        </details>
    }
}
