//! localStorage behind the store's `Storage` trait. Every call can throw (a sandboxed frame,
//! blocked cookies, a full quota); each throw becomes a `StorageError` the store acts on.

use strata_progress::store::{Storage, StorageError};
use wasm_bindgen::JsCast;

pub struct WebStorage(web_sys::Storage);

impl WebStorage {
    /// `None` when the browser refuses storage to this page.
    pub fn open() -> Option<WebStorage> {
        strata_browser::local_storage().map(WebStorage)
    }
}

fn error(e: wasm_bindgen::JsValue) -> StorageError {
    // Browsers name the quota error differently (Firefox: NS_ERROR_DOM_QUOTA_REACHED).
    let name = e.dyn_into::<js_sys::Error>().map(|e| String::from(e.name())).unwrap_or_default();
    if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
        StorageError::Full
    } else {
        StorageError::Unavailable
    }
}

impl Storage for WebStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.0.get_item(key).map_err(error)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError> {
        self.0.set_item(key, value).map_err(error)
    }

    fn remove(&mut self, key: &str) -> Result<(), StorageError> {
        self.0.remove_item(key).map_err(error)
    }
}
