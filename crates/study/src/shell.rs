//! The shell's progress store, seen from this module. The shell exports a few functions (see
//! `src/progress/exports.rs`) that Trunk's loader puts on `window.wasmBindings`; this module
//! keeps a decoded copy in a signal and refreshes it on the shell's `strata:progress` event.

use leptos::prelude::*;
use strata_progress::{envelope, Progress};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = wasmBindings, js_name = progress_snapshot)]
    fn snapshot_text() -> Result<String, JsValue>;
    #[wasm_bindgen(catch, js_namespace = wasmBindings, js_name = progress_replace)]
    fn replace_text(text: &str) -> Result<String, JsValue>;
    #[wasm_bindgen(catch, js_namespace = wasmBindings, js_name = progress_reset)]
    fn reset_all() -> Result<(), JsValue>;
    #[wasm_bindgen(catch, js_namespace = wasmBindings, js_name = progress_undo_reset)]
    fn undo_reset_all() -> Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = wasmBindings, js_name = progress_can_undo_reset)]
    fn can_undo_reset_all() -> Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = wasmBindings, js_name = progress_memory_only)]
    fn memory_only() -> Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = wasmBindings, js_name = save_file)]
    fn download_text(name: &str, mime: &str, text: &str) -> Result<(), JsValue>;
}

thread_local! {
    static PROGRESS: ArcRwSignal<Progress> = ArcRwSignal::new(read());
    static LISTENING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn read() -> Progress {
    snapshot_text().ok().and_then(|t| envelope::decode(&t).ok()).map(|e| e.progress).unwrap_or_default()
}

/// Refreshes the copy whenever the shell's store changes (here, in a page, or in another tab).
pub fn listen() {
    if LISTENING.with(|l| l.replace(true)) {
        return;
    }
    std::mem::forget(window_event_listener_untyped("strata:progress", |_| refresh()));
}

fn refresh() {
    PROGRESS.with(|p| p.set(read()));
}

/// The learner's progress, tracked.
pub fn progress() -> Progress {
    PROGRESS.with(|p| p.get())
}

pub fn with_progress<R>(f: impl FnOnce(&Progress) -> R) -> R {
    PROGRESS.with(|p| p.with(f))
}

/// Sends a whole new progress to the shell's store. Err says why nothing changed. The copy
/// here is refreshed by the shell's `strata:progress` event, before this returns.
pub fn replace(progress: &Progress) -> Result<(), String> {
    let text = envelope::encode(progress, env!("CARGO_PKG_VERSION"), now());
    let outcome = replace_text(&text).map_err(|_| "The app's progress store did not answer. Reload the page and try again.".to_string())?;
    if outcome.is_empty() {
        Ok(())
    } else {
        Err(outcome)
    }
}

/// Changes one thing in the current progress and sends it back.
pub fn change(f: impl FnOnce(&mut Progress)) -> Result<(), String> {
    let mut p = read();
    f(&mut p);
    replace(&p)
}

pub fn reset() {
    let _ = reset_all();
}

pub fn undo_reset() -> bool {
    undo_reset_all().unwrap_or(false)
}

/// Whether the last reset can still be undone.
pub fn can_undo_reset() -> bool {
    can_undo_reset_all().unwrap_or(false)
}

pub fn is_memory_only() -> bool {
    memory_only().unwrap_or(false)
}

pub fn download(name: &str, mime: &str, text: &str) {
    let _ = download_text(name, mime, text);
}

/// The progress as an export file.
pub fn export() {
    let text = snapshot_text().unwrap_or_default();
    download(&envelope::export_file_name(today()), "application/json", &text);
}

pub use strata_browser::{now_ms as now, utc_offset_minutes as offset_minutes};

pub fn today() -> strata_progress::calendar::Day {
    strata_progress::calendar::day_of(now(), offset_minutes())
}
