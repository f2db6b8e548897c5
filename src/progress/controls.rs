//! The progress controls inside the curriculum pages' markup, and one delegated handler for
//! all of them: a page of 30 items needs no 90 listeners, and the markup stays a string (see
//! `curriculum/views/html.rs` for why).
//!
//! Each item is `<li data-key="path/item" data-state="done">` with three toggle buttons named
//! for what they do; pressing the pressed one again returns the item to "not started". On an
//! item's buttons, D, I and S do the same as the buttons and R resets. Checkpoint lines are
//! checkboxes with `data-key="path/checkpoint#line"`.

use crate::curriculum::views::html::{Esc, Html};
use leptos::prelude::*;
use std::fmt::Write;
use strata_browser as browser;
use strata_progress::{Key, State};
use wasm_bindgen::JsCast;

const BUTTONS: [(State, &str, &str); 3] =
    [(State::Done, "Mark done", "D"), (State::InProgress, "Mark in progress", "I"), (State::Skipped, "Skip", "S")];

/// The toggle buttons of one item.
pub fn item_buttons(out: &mut Html, title: &str, state: State) {
    let _ = write!(out, "<div class=\"state-buttons\" role=\"group\" aria-label=\"Progress: {}\">", Esc(title));
    for (s, label, key) in BUTTONS {
        let _ = write!(
            out,
            "<button type=\"button\" class=\"state-button\" data-set=\"{}\" aria-pressed=\"{}\" aria-keyshortcuts=\"{key}\">{label}</button>",
            s.word(),
            s == state,
        );
    }
    out.raw("</div>");
}

/// A visible badge of an item's state (the buttons' pressed look is not the only cue).
pub fn state_badge(out: &mut Html, state: State) {
    if state != State::NotStarted {
        let _ = write!(out, "<span class=\"state-badge\" data-state=\"{}\">{}</span>", state.word(), state.label());
    }
}

/// `<progress>` with a sentence beside it: "5 of 20 finished · 25% · 7.5 h done, 30 h left".
pub fn completion_bar(out: &mut Html, label: &str, tally: &strata_curriculum::tally::Tally) {
    let _ = write!(
        out,
        "<div class=\"completion\"><progress max=\"{}\" value=\"{}\" aria-label=\"{}\"></progress><span>{} of {} finished · {}% · {} done, {} left</span></div>",
        tally.items.max(1),
        tally.finished(),
        Esc(label),
        tally.finished(),
        tally.items,
        tally.percent(),
        hours(tally.hours_done),
        hours(tally.hours_left),
    );
}

pub use strata_curriculum::hours_text as hours;

fn closest(target: Option<web_sys::EventTarget>, selector: &str) -> Option<web_sys::Element> {
    target?.dyn_into::<web_sys::Element>().ok()?.closest(selector).ok()?
}

/// What changed, said to screen readers by the page's status line.
pub type Announce = WriteSignal<String>;

/// Clicks on state buttons and checkpoint boxes (a box's `checked` has already flipped when
/// its click arrives, keyboard or mouse).
pub fn on_click(e: web_sys::MouseEvent, announce: Announce) {
    if let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
        if input.has_attribute("data-key") {
            apply(&input, if input.checked() { State::Done } else { State::NotStarted }, announce);
        }
        return;
    }
    let Some(button) = closest(e.target(), "button[data-set]") else { return };
    let Some(item) = button.closest("[data-key]").ok().flatten() else { return };
    let pressed = button.get_attribute("aria-pressed").as_deref() == Some("true");
    let chosen = button.get_attribute("data-set").and_then(|w| State::from_word(&w)).unwrap_or(State::NotStarted);
    apply(&item, if pressed { State::NotStarted } else { chosen }, announce);
}

/// D, I, S and R on an item.
pub fn on_keydown(e: web_sys::KeyboardEvent, announce: Announce) {
    if e.ctrl_key() || e.meta_key() || e.alt_key() {
        return;
    }
    let state = match e.key().as_str() {
        "d" | "D" => State::Done,
        "i" | "I" => State::InProgress,
        "s" | "S" => State::Skipped,
        "r" | "R" => State::NotStarted,
        _ => return,
    };
    let Some(item) = closest(e.target(), "li[data-key]") else { return };
    e.prevent_default();
    apply(&item, state, announce);
}

/// Records `state` for the element's `data-key`, announces it, and puts focus back on the
/// same control once the page has redrawn.
fn apply(el: &web_sys::Element, state: State, announce: Announce) {
    let Some(key) = el.get_attribute("data-key").and_then(|k| Key::parse(&k)) else { return };
    let title = el.get_attribute("data-title").unwrap_or_default();
    let focused = browser::document().and_then(|d| d.active_element()).and_then(|a| a.get_attribute("data-set"));
    super::set_state(key.clone(), state);
    let what = match (&key, state) {
        (Key::Check { .. }, State::Done) => format!("Ticked: {title}"),
        (Key::Check { .. }, _) => format!("Unticked: {title}"),
        (_, State::NotStarted) => format!("{title}: back to not started"),
        (_, s) => format!("{title}: {}", s.word().replace('-', " ")),
    };
    announce.set(what);
    let key_text = key.to_text();
    request_animation_frame(move || {
        let selector = match focused {
            Some(set) => format!("[data-key=\"{key_text}\"] [data-set=\"{set}\"]"),
            None => format!("[data-key=\"{key_text}\"]"),
        };
        if let Some(el) = browser::document().and_then(|d| d.query_selector(&selector).ok().flatten()) {
            let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    });
}
