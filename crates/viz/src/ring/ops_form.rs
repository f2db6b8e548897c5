//! The ring's operations form: add, remove, fail or bring back a node, look up a key, add
//! keys. What is typed becomes the same token the address uses (`+n11:200*2`, `-n3`, `?user42`,
//! `k500`), so the form and the address accept exactly the same things.

use crate::page::PageHandle;
use crate::ops_form::Choice;
use leptos::prelude::*;
use strata_engine::ring::{Algorithm, Status, MAX_VNODES};
use strata_engine::widgets::ring::ops::MAX_ADD_KEYS;
use strata_engine::widgets::ring::{Op, RingWidget};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Join,
    Leave,
    Fail,
    Recover,
    Lookup,
    Keys,
}

const KINDS: [Choice<Kind>; 6] = [
    (Kind::Join, "join", "Add a node"),
    (Kind::Leave, "leave", "Remove a node"),
    (Kind::Fail, "fail", "Fail a node"),
    (Kind::Recover, "recover", "Bring a node back"),
    (Kind::Lookup, "lookup", "Look up a key"),
    (Kind::Keys, "keys", "Add keys"),
];

#[component]
pub fn OpsForm(page: PageHandle<RingWidget>) -> impl IntoView {
    let kind = RwSignal::new(Kind::Join);
    let text = RwSignal::new(String::new());
    let vnodes = RwSignal::new(String::new());
    let weight = RwSignal::new(String::new());
    let picked = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    // The main cluster's nodes at this step: (name, status), and whether it runs jump hash.
    let nodes = Memo::new(move |_| {
        page.shown.with(|s| s.first().map(|c| c.nodes().iter().filter(|n| n.status != Status::Removed).map(|n| (n.name.clone(), n.status)).collect::<Vec<_>>()).unwrap_or_default())
    });
    let algorithm = Memo::new(move |_| page.shown.with(|s| s.first().map(|c| c.config().algorithm)).unwrap_or_default());
    let next_name = move || {
        let taken = nodes.get();
        (1..).map(|i| format!("n{i}")).find(|n| !taken.iter().any(|(t, _)| t == n)).unwrap_or_default()
    };
    // The nodes the chosen operation can act on.
    let choices = move || {
        let k = kind.get();
        nodes.get().into_iter().filter(|(_, st)| match k {
            Kind::Recover => *st == Status::Failed,
            Kind::Fail => *st != Status::Failed,
            _ => true,
        }).map(|(n, _)| n).collect::<Vec<_>>()
    };
    let chosen = move || {
        let p = picked.get();
        let list = choices();
        if list.contains(&p) { p } else { list.last().cloned().unwrap_or_default() }
    };
    // Jump hash can only drop its last bucket: say so before the learner runs it.
    let jump_note = move || {
        let k = kind.get();
        if algorithm.get() != Algorithm::Jump || !matches!(k, Kind::Leave | Kind::Fail) {
            return None;
        }
        let serving: Vec<String> = nodes.get().into_iter().filter(|(_, s)| matches!(s, Status::Up | Status::Leaving)).map(|(n, _)| n).collect();
        let last = serving.last().cloned()?;
        let target = chosen();
        (target != last && !target.is_empty()).then(|| {
            format!("Jump hash numbers its buckets 0 to n − 1 and can only drop the last one, {last}. Removing {target} would renumber every bucket after it; run it to see the engine refuse, or pick {last}.")
        })
    };
    let token = move || -> Result<String, String> {
        Ok(match kind.get_untracked() {
            Kind::Join => {
                let name = text.get_untracked().trim().to_string();
                let name = if name.is_empty() { next_name() } else { name };
                let mut t = format!("+{name}");
                let v = vnodes.get_untracked();
                if !v.trim().is_empty() {
                    t.push_str(&format!(":{}", v.trim()));
                }
                let w = weight.get_untracked();
                if !w.trim().is_empty() {
                    t.push_str(&format!("*{}", w.trim()));
                }
                t
            }
            Kind::Leave | Kind::Fail | Kind::Recover => {
                let n = chosen();
                if n.is_empty() {
                    return Err("There is no node to pick for this.".into());
                }
                let prefix = match kind.get_untracked() {
                    Kind::Leave => "-",
                    Kind::Fail => "!",
                    _ => "^",
                };
                format!("{prefix}{n}")
            }
            Kind::Lookup => format!("?{}", text.get_untracked().trim()),
            Kind::Keys => format!("k{}", text.get_untracked().trim()),
        })
    };
    let submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        crate::ops_form::show_outcome(token().and_then(|t| Op::parse(&t)).and_then(|op| page.add_ops.run(vec![op])), text, error);
    };
    let hint = move || match kind.get() {
        Kind::Join => format!("A name (empty: {}), and if you like its virtual nodes (1 to {MAX_VNODES}) and weight (0.1 to 10)", next_name()),
        Kind::Leave => "Leaves for good: its keys move to the others".into(),
        Kind::Fail => "Stops answering: its keys go to the next replicas until it comes back".into(),
        Kind::Recover => "A failed node comes back and takes its keys again".into(),
        Kind::Lookup => "Any name without spaces, as in user42: shown hashed, then found".into(),
        Kind::Keys => format!("How many generated keys to add, 1 to {MAX_ADD_KEYS}"),
    };
    let uses_text = move || matches!(kind.get(), Kind::Join | Kind::Lookup | Kind::Keys);
    let picks_node = move || matches!(kind.get(), Kind::Leave | Kind::Fail | Kind::Recover);
    view! {
        <form class="ops-form ring-ops" on:submit=submit aria-label="Run an operation">
            {crate::ops_form::kind_picker(&KINDS, kind, move || {
                error.set(None);
                text.set(String::new());
            })}
            <Show when=uses_text>
                <label class="keys-field">
                    <span>{move || match kind.get() { Kind::Join => "Name", Kind::Lookup => "Key", _ => "Count" }}</span>
                    <input
                        type="text"
                        autocomplete="off"
                        spellcheck="false"
                        inputmode=move || if kind.get() == Kind::Keys { "numeric" } else { "text" }
                        placeholder=move || match kind.get() { Kind::Join => next_name(), Kind::Lookup => "user42".into(), _ => "500".into() }
                        aria-describedby="ring-ops-hint ring-ops-error"
                        aria-invalid=move || error.with(|e| e.is_some()).then_some("true")
                        prop:value=move || text.get()
                        on:input=move |e| text.set(event_target_value(&e))
                    />
                </label>
            </Show>
            <Show when=move || kind.get() == Kind::Join>
                <label>"Virtual nodes " <input type="number" min="1" max=MAX_VNODES.to_string() class="narrow" placeholder="default" prop:value=move || vnodes.get() on:input=move |e| vnodes.set(event_target_value(&e)) /></label>
                <label>"Weight " <input type="number" min="0.1" max="10" step="0.1" class="narrow" placeholder="1" prop:value=move || weight.get() on:input=move |e| weight.set(event_target_value(&e)) /></label>
            </Show>
            <Show when=picks_node>
                <label>
                    "Node "
                    <select on:change=move |e| picked.set(event_target_value(&e))>
                        {move || {
                            let current = chosen();
                            choices().into_iter().map(|n| {
                                let selected = n == current;
                                view! { <option value=n.clone() selected=selected>{n.clone()}</option> }
                            }).collect_view()
                        }}
                    </select>
                </label>
            </Show>
            <button type="submit" class="button primary">"Run"</button>
            <p id="ring-ops-hint" class="hint">{hint}</p>
            {move || jump_note().map(|n| view! { <p class="jump-note" role="note"><strong>"Jump hash: "</strong>{n}</p> })}
            <p id="ring-ops-error" class="field-error" role="alert">{move || error.get()}</p>
        </form>
    }
}
