//! localStorage through gloo-storage, behind a probe. gloo's `LocalStorage::raw()` panics where
//! the browser refuses storage (a sandboxed frame, blocked cookies), so `available()` asks
//! web-sys first, without panicking, and nothing here calls gloo unless it said yes.
//!
//! Values are read and written as raw text, not through gloo's typed `get`/`set`: stored
//! progress that does not parse must be backed up exactly as it was before anything is
//! written, and typed `get` parses first and hands back only the error. The envelope itself
//! is written with serde (`strata_progress::envelope`), so the text is already JSON.

use gloo_storage::{LocalStorage, Storage as _};
use std::cell::Cell;
use wasm_bindgen::JsCast;

thread_local! {
    static AVAILABLE: Cell<Option<bool>> = const { Cell::new(None) };
}

/// Whether this page may use localStorage; asked of the browser once per page.
pub fn available() -> bool {
    AVAILABLE.with(|cell| {
        let known = cell.get().unwrap_or_else(|| {
            let yes = crate::window().and_then(|w| w.local_storage().ok().flatten()).is_some();
            cell.set(Some(yes));
            yes
        });
        known
    })
}

/// Why a write failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteError {
    /// Storage is missing or refused.
    Unavailable,
    /// The quota is used up (QuotaExceededError).
    Full,
}

pub fn get(key: &str) -> Option<String> {
    available().then(|| LocalStorage::raw().get_item(key).ok().flatten()).flatten()
}

pub fn set(key: &str, value: &str) -> Result<(), WriteError> {
    if !available() {
        return Err(WriteError::Unavailable);
    }
    LocalStorage::raw().set_item(key, value).map_err(|e| {
        // Browsers name the quota error differently (Firefox: NS_ERROR_DOM_QUOTA_REACHED).
        let name = e.dyn_into::<js_sys::Error>().map(|e| String::from(e.name())).unwrap_or_default();
        if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
            WriteError::Full
        } else {
            WriteError::Unavailable
        }
    })
}

pub fn remove(key: &str) {
    if available() {
        LocalStorage::delete(key);
    }
}

/// Every stored key that starts with `prefix`.
pub fn keys_starting_with(prefix: &str) -> Vec<String> {
    if !available() {
        return Vec::new();
    }
    let storage = LocalStorage::raw();
    (0..LocalStorage::length()).filter_map(|i| storage.key(i).ok().flatten()).filter(|k| k.starts_with(prefix)).collect()
}
