//! The operations form: put, delete, get, scan, flush and compact.

use crate::ops_form::Choice;
use leptos::prelude::*;
use strata_engine::lsm::{CompactTarget, MAX_KEY, MAX_LEVELS};
use strata_engine::scenario::MAX_OPS;
use strata_engine::widgets::lsm::Op;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Put,
    Delete,
    Get,
    Scan,
    Flush,
    CompactAll,
    CompactRow,
}

const KINDS: [Choice<Kind>; 7] = [
    (Kind::Put, "put", "Put"),
    (Kind::Delete, "delete", "Delete"),
    (Kind::Get, "get", "Get"),
    (Kind::Scan, "scan", "Scan a range"),
    (Kind::Flush, "flush", "Flush the memtable"),
    (Kind::CompactAll, "compact", "Full compaction"),
    (Kind::CompactRow, "compact-row", "Compact one level or tier"),
];

fn parse_key(word: &str) -> Result<u32, String> {
    match word.parse::<u64>() {
        Ok(k) if k <= u64::from(MAX_KEY) => Ok(k as u32),
        Ok(_) => Err(format!("{word} is out of range: keys go from 0 to {MAX_KEY}.")),
        Err(_) => Err(format!("“{word}” is not a key: keys are whole numbers from 0 to {MAX_KEY}.")),
    }
}

/// What a learner typed, as operations, or one message saying what is accepted.
fn parse(kind: Kind, text: &str) -> Result<Vec<Op>, String> {
    let words: Vec<&str> = text.split(|c: char| c == ',' || c.is_whitespace()).filter(|w| !w.is_empty()).collect();
    let keys = || -> Result<Vec<u32>, String> {
        if words.is_empty() {
            return Err(format!("Type one or more keys from 0 to {MAX_KEY}, separated by spaces or commas."));
        }
        if words.len() > MAX_OPS {
            return Err(format!("At most {MAX_OPS} keys at a time."));
        }
        words.iter().map(|w| parse_key(w)).collect()
    };
    match kind {
        Kind::Put => Ok(keys()?.into_iter().map(Op::Put).collect()),
        Kind::Delete => Ok(keys()?.into_iter().map(Op::Delete).collect()),
        Kind::Get => Ok(keys()?.into_iter().map(Op::Get).collect()),
        Kind::Scan => {
            let ends: Vec<&str> = text.split(|c: char| c == ',' || c == '-' || c.is_whitespace()).filter(|w| !w.is_empty()).collect();
            match ends.as_slice() {
                [lo, hi] => {
                    let (lo, hi) = (parse_key(lo)?, parse_key(hi)?);
                    Ok(vec![Op::Scan(lo.min(hi), lo.max(hi))])
                }
                _ => Err("Type the two ends of the range, as in 3-9 or 3 9.".into()),
            }
        }
        Kind::Flush => Ok(vec![Op::Flush]),
        Kind::CompactAll => Ok(vec![Op::Compact(CompactTarget::Full)]),
        Kind::CompactRow => match text.trim().parse::<usize>() {
            Ok(r) if r < MAX_LEVELS => Ok(vec![Op::Compact(CompactTarget::Row(r))]),
            _ => Err(format!("Type the row to compact, from 0 (L0, or the smallest tier) to {}.", MAX_LEVELS - 1)),
        },
    }
}

#[component]
pub fn OpsForm(add_ops: Callback<Vec<Op>, Result<(), String>>) -> impl IntoView {
    let kind = RwSignal::new(Kind::Put);
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let needs_text = move || !matches!(kind.get(), Kind::Flush | Kind::CompactAll);
    let hint = move || match kind.get() {
        Kind::Put | Kind::Delete | Kind::Get => format!("Keys from 0 to {MAX_KEY}, as in 5 12 40 or 5,12,40"),
        Kind::Scan => "Two keys, as in 3-9".into(),
        Kind::Flush => "Writes the memtable to an L0 table now, however full".into(),
        Kind::CompactAll => "Merges every table into one sorted run".into(),
        Kind::CompactRow => "A row number: 0 is L0 (or the smallest tier), 1 is L1, …".into(),
    };
    let submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        crate::ops_form::show_outcome(parse(kind.get_untracked(), &text.get_untracked()).and_then(|ops| add_ops.run(ops)), text, error);
    };
    view! {
        <form class="ops-form" on:submit=submit aria-label="Run operations">
            {crate::ops_form::kind_picker(&KINDS, kind, move || {
                error.set(None);
            })}
            <label class="keys-field" class:hidden=move || !needs_text()>
                <span>{move || if kind.get() == Kind::CompactRow { "Row" } else { "Keys" }}</span>
                <input
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder=move || if kind.get() == Kind::CompactRow { "1" } else { "5 12 40" }
                    aria-describedby="ops-hint ops-error"
                    aria-invalid=move || error.with(|e| e.is_some()).then_some("true")
                    prop:value=move || text.get()
                    on:input=move |e| text.set(event_target_value(&e))
                />
            </label>
            <button type="submit" class="button primary">"Run"</button>
            <p id="ops-hint" class="hint">{hint}</p>
            <p id="ops-error" class="field-error" role="alert">{move || error.get()}</p>
        </form>
    }
}
