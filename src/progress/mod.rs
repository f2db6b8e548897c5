//! Learner progress in the shell: the one store (strata-progress over localStorage), kept in
//! step with other tabs, and the functions the pages and the study module change it through.
//!
//! Pages read progress while rendering and re-render when `revision` changes, so a change made
//! here, in another tab or in the study module shows everywhere at once.

pub mod controls;
mod exports;
pub mod notice;
mod web_storage;

use leptos::prelude::*;
use std::cell::RefCell;
use strata_browser as browser;
use strata_progress::store::{Store, PROGRESS_KEY};
use strata_progress::{Key, Progress, State};
use web_storage::WebStorage;

pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

thread_local! {
    static STORE: RefCell<Option<Store<WebStorage>>> = const { RefCell::new(None) };
    static REVISION: ArcRwSignal<u32> = ArcRwSignal::new(0);
}

pub use browser::now_ms as now;

/// Today in the learner's own time zone.
pub fn today() -> strata_progress::calendar::Day {
    strata_progress::calendar::day_of(now(), browser::utc_offset_minutes())
}

/// Opens the stored progress and listens for other tabs and for the page being hidden.
pub fn init() {
    let store = Store::open(WebStorage::open(), APP_VERSION, now());
    STORE.with(|s| *s.borrow_mut() = Some(store));
    // These listeners last as long as the page.
    std::mem::forget(window_event_listener(leptos::ev::storage, |e| {
        // `key` is null when another tab cleared all of storage.
        if e.key().is_none_or(|k| k == PROGRESS_KEY) {
            with_store(|s| s.reload(e.new_value().as_deref()));
            bump();
        }
    }));
    // Changes are saved as they happen; this retries one that could not be (a full storage).
    // `visibilitychange` bubbles from the document to the window.
    for event in ["pagehide", "visibilitychange"] {
        std::mem::forget(window_event_listener_untyped(event, |_| {
            with_store(|s| s.save(now()));
        }));
    }
}

fn with_store<R>(f: impl FnOnce(&mut Store<WebStorage>) -> R) -> Option<R> {
    STORE.with(|s| s.borrow_mut().as_mut().map(f))
}

fn bump() {
    REVISION.with(|r| r.update(|n| *n += 1));
    // The study module, when loaded, re-reads on this.
    if let Some(w) = browser::window() {
        if let Ok(event) = web_sys::CustomEvent::new("strata:progress") {
            let _ = w.dispatch_event(&event);
        }
    }
}

/// Reads progress; inside a reactive closure, also re-runs it when progress changes.
pub fn read<R>(f: impl FnOnce(&Progress) -> R) -> R {
    REVISION.with(|r| r.track());
    STORE.with(|s| match s.borrow().as_ref() {
        Some(store) => f(store.progress()),
        None => f(&Progress::default()),
    })
}

/// Changes progress, saves it at once and redraws what shows it.
pub fn change(f: impl FnOnce(&mut Progress)) {
    with_store(|s| {
        s.update(f);
        s.save(now());
    });
    bump();
}

pub fn set_state(key: Key, state: State) {
    change(|p| p.set(key, state, now()));
}

/// Runs `f` on the store itself (notices, reset, import), then redraws.
pub fn with_store_mut<R>(f: impl FnOnce(&mut Store<WebStorage>) -> R) -> Option<R> {
    let r = with_store(f);
    bump();
    r
}

/// The store's notice, tracked like progress.
pub fn notice() -> Option<strata_progress::store::Notice> {
    REVISION.with(|r| r.track());
    STORE.with(|s| s.borrow().as_ref().and_then(|s| s.notice().cloned()))
}

/// The whole progress as an export file's text.
pub fn export_text() -> String {
    with_store(|s| s.export(now())).unwrap_or_default()
}

/// Saves `text` as a file through the browser's download.
pub fn download(name: &str, mime: &str, text: &str) {
    exports::download(name, mime, text);
}

pub fn export_file_name() -> String {
    strata_progress::envelope::export_file_name(today())
}
