//! localStorage (through `strata_browser::storage`, which uses gloo-storage after a probe)
//! behind the store's `Storage` trait. A refused or full write becomes the `StorageError` the
//! store acts on.

use strata_browser::storage::{self, WriteError};
use strata_progress::store::{Storage, StorageError};

pub struct WebStorage;

impl WebStorage {
    /// `None` when the browser refuses storage to this page.
    pub fn open() -> Option<WebStorage> {
        storage::available().then_some(WebStorage)
    }
}

impl Storage for WebStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        Ok(storage::get(key))
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError> {
        storage::set(key, value).map_err(|e| match e {
            WriteError::Full => StorageError::Full,
            WriteError::Unavailable => StorageError::Unavailable,
        })
    }

    fn remove(&mut self, key: &str) -> Result<(), StorageError> {
        storage::remove(key);
        Ok(())
    }
}
