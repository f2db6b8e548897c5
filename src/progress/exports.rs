//! What the study module (crates/study, loaded on demand) calls in the shell: the store lives
//! here, once, so both modules always show the same progress, even when it is only in memory.
//! The module reaches these through `window.wasmBindings`, which Trunk's loader sets. Every
//! change ends in `bump`, whose `strata:progress` event (dispatched synchronously) is how the
//! module learns of it.

use super::{bump, now, with_store};
use strata_progress::envelope;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
"#)]
extern "C" {
    pub fn download(name: &str, mime: &str, text: &str);
}

/// `download`, for the study module: saves `text` as a file named `name`.
#[wasm_bindgen]
pub fn save_file(name: &str, mime: &str, text: &str) {
    download(name, mime, text);
}

/// The current progress as envelope text.
#[wasm_bindgen]
pub fn progress_snapshot() -> String {
    super::export_text()
}

/// Replaces all progress with `text` (an envelope). Returns "" when done, else why not; a
/// refused text changes nothing.
#[wasm_bindgen]
pub fn progress_replace(text: &str) -> String {
    match envelope::decode(text) {
        Ok(e) => {
            with_store(|s| s.replace(e.progress, now()));
            bump();
            String::new()
        }
        Err(e) => format!("The progress was not changed: {e}."),
    }
}

/// Clears all progress, keeping a copy for `progress_undo_reset`.
#[wasm_bindgen]
pub fn progress_reset() {
    with_store(|s| s.reset(now()));
    bump();
}

/// Puts back what the last reset cleared; false if there is nothing to put back.
#[wasm_bindgen]
pub fn progress_undo_reset() -> bool {
    let done = with_store(|s| s.undo_reset(now())).unwrap_or(false);
    bump();
    done
}

/// Whether a reset can be undone (the progress it cleared is still kept).
#[wasm_bindgen]
pub fn progress_can_undo_reset() -> bool {
    with_store(|s| s.before_reset().is_some()).unwrap_or(false)
}

/// Whether progress is kept in memory only (no storage in this browser context).
#[wasm_bindgen]
pub fn progress_memory_only() -> bool {
    with_store(|s| s.is_memory_only()).unwrap_or(true)
}
