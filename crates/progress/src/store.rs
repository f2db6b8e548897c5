//! The progress store over a key-value storage (localStorage in the browser, a map in tests).
//!
//! Nothing a learner recorded is lost without them being told:
//! - no storage at all (private mode, a sandboxed iframe): progress lives in memory, and one
//!   notice says so;
//! - storage full: the change stays in memory, the notice offers an export, and the next
//!   change tries to save again;
//! - stored text that is not JSON, not ours, or from a newer schema: the raw text is copied to
//!   a backup key before anything else is written, the store starts clean, and the notice
//!   offers the backup for download.

use crate::envelope::{self, DecodeError};
use crate::model::Progress;

pub const PROGRESS_KEY: &str = "strata:progress";
/// Unreadable stored progress is moved here, with the time it was found appended.
pub const BACKUP_PREFIX: &str = "strata:progress-backup:";
/// The progress as it was before the last reset, so the reset can be undone.
pub const UNDO_KEY: &str = "strata:progress-before-reset";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageError {
    /// Missing or refused (SecurityError): nothing can be stored in this browser context.
    Unavailable,
    /// QuotaExceededError.
    Full,
}

/// What the store needs of localStorage; the browser's and the tests' implement it.
pub trait Storage {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError>;
    fn remove(&mut self, key: &str) -> Result<(), StorageError>;
}

/// Something the learner must be told, shown once near the top of the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Progress is kept only until the tab closes.
    MemoryOnly,
    /// The last change could not be saved because storage is full.
    Full,
    /// Stored progress could not be read; its text is under `backup_key`.
    Recovered { backup_key: String, reason: String },
}

pub struct Store<S: Storage> {
    storage: Option<S>,
    progress: Progress,
    app_version: String,
    /// Changed in memory but not yet written.
    dirty: bool,
    notice: Option<Notice>,
    /// The raw text behind a `Recovered` notice, kept in memory too in case the backup key
    /// itself could not be written.
    recovered_text: Option<String>,
    /// What the last reset cleared, in memory: the undo when there is no storage to keep it in.
    before_reset: Option<Progress>,
}

impl<S: Storage> Store<S> {
    /// Opens the stored progress (or none), recovering from whatever is found.
    pub fn open(storage: Option<S>, app_version: &str, now: u64) -> Store<S> {
        let mut store = Store {
            storage,
            progress: Progress::default(),
            app_version: app_version.into(),
            dirty: false,
            notice: None,
            recovered_text: None,
            before_reset: None,
        };
        match store.storage.as_ref().map(|s| s.get(PROGRESS_KEY)) {
            None | Some(Err(_)) => store.go_memory_only(),
            Some(Ok(None)) => {}
            Some(Ok(Some(text))) => match envelope::decode(&text) {
                Ok(envelope) => store.progress = envelope.progress,
                Err(error) => store.recover(text, &error, now),
            },
        }
        store
    }

    fn go_memory_only(&mut self) {
        self.storage = None;
        self.notice = Some(Notice::MemoryOnly);
    }

    /// Keeps unreadable text under a backup key and starts clean; never overwrites an
    /// earlier backup.
    fn recover(&mut self, text: String, error: &DecodeError, now: u64) {
        let backup_key = format!("{BACKUP_PREFIX}{now}");
        if let Some(storage) = self.storage.as_mut() {
            // If the backup cannot be written, the original stays where it is: we do not
            // write over it until the learner changes something (and the text is in memory).
            if storage.set(&backup_key, &text).is_ok() {
                let _ = storage.remove(PROGRESS_KEY);
            }
        }
        self.notice = Some(Notice::Recovered { backup_key, reason: error.to_string() });
        self.recovered_text = Some(text);
    }

    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    pub fn dismiss_notice(&mut self) {
        self.notice = None;
    }

    pub fn is_memory_only(&self) -> bool {
        self.storage.is_none()
    }

    pub fn recovered_text(&self) -> Option<&str> {
        self.recovered_text.as_deref()
    }

    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Changes progress in memory; call `save` afterwards (the browser does so at once).
    pub fn update(&mut self, change: impl FnOnce(&mut Progress)) {
        change(&mut self.progress);
        self.dirty = true;
    }

    /// Writes the envelope if anything changed. A full storage keeps the change in memory
    /// and says so; a refused one switches to memory only.
    pub fn save(&mut self, now: u64) {
        if !self.dirty {
            return;
        }
        let Some(storage) = self.storage.as_mut() else { return };
        let text = envelope::encode(&self.progress, &self.app_version, now);
        match storage.set(PROGRESS_KEY, &text) {
            Ok(()) => {
                self.dirty = false;
                if self.notice == Some(Notice::Full) {
                    self.notice = None;
                }
            }
            Err(StorageError::Full) => self.notice = Some(Notice::Full),
            Err(StorageError::Unavailable) => self.go_memory_only(),
        }
    }

    /// Another tab wrote progress (the `storage` event): take its copy, merged with any
    /// change of ours it has not seen yet. Unreadable text from elsewhere is ignored: the
    /// other tab will have recovered it itself.
    pub fn reload(&mut self, text: Option<&str>) {
        let theirs = match text {
            None => Progress::default(),
            Some(text) => match envelope::decode(text) {
                Ok(envelope) => envelope.progress,
                Err(_) => return,
            },
        };
        self.progress = if self.dirty { crate::merge::merge(&theirs, &self.progress) } else { theirs };
    }

    /// Replaces everything (an import, a reset, an undo) and saves.
    pub fn replace(&mut self, progress: Progress, now: u64) {
        self.progress = progress;
        self.dirty = true;
        self.save(now);
    }

    /// Clears all progress after keeping a copy under `UNDO_KEY` (and in memory), so the reset
    /// can be undone, even after a reload. Returns the copy.
    pub fn reset(&mut self, now: u64) -> Progress {
        let before = std::mem::take(&mut self.progress);
        if let Some(storage) = self.storage.as_mut() {
            let _ = storage.set(UNDO_KEY, &envelope::encode(&before, &self.app_version, now));
        }
        self.before_reset = Some(before.clone());
        self.dirty = true;
        self.save(now);
        before
    }

    /// The progress saved by the last reset, if any: from storage (so it outlives a reload),
    /// else from memory.
    pub fn before_reset(&self) -> Option<Progress> {
        let stored = self.storage.as_ref().and_then(|s| s.get(UNDO_KEY).ok().flatten());
        match stored.and_then(|text| envelope::decode(&text).ok()) {
            Some(e) => Some(e.progress),
            None => self.before_reset.clone(),
        }
    }

    /// Puts back what the last reset cleared, merged with anything recorded since.
    pub fn undo_reset(&mut self, now: u64) -> bool {
        let Some(before) = self.before_reset() else { return false };
        let merged = crate::merge::merge(&before, &self.progress);
        self.replace(merged, now);
        if let Some(storage) = self.storage.as_mut() {
            let _ = storage.remove(UNDO_KEY);
        }
        self.before_reset = None;
        true
    }

    pub fn export(&self, now: u64) -> String {
        envelope::encode(&self.progress, &self.app_version, now)
    }
}

/// A storage in memory, for tests and for the benchmark; `capacity` in bytes of values
/// imitates the browser's quota.
#[derive(Debug, Clone, Default)]
pub struct MemoryStorage {
    pub entries: std::collections::BTreeMap<String, String>,
    pub capacity: Option<usize>,
    pub refuse: bool,
}

impl Storage for MemoryStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        if self.refuse {
            return Err(StorageError::Unavailable);
        }
        Ok(self.entries.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError> {
        if self.refuse {
            return Err(StorageError::Unavailable);
        }
        let used: usize = self.entries.iter().filter(|(k, _)| k.as_str() != key).map(|(_, v)| v.len()).sum();
        if self.capacity.is_some_and(|cap| used + value.len() > cap) {
            return Err(StorageError::Full);
        }
        self.entries.insert(key.into(), value.into());
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StorageError> {
        self.entries.remove(key);
        Ok(())
    }
}

impl<S: Storage> Store<S> {
    /// The storage itself, when there is one (tests and the benchmark look inside).
    pub fn storage(&self) -> Option<&S> {
        self.storage.as_ref()
    }

    pub fn storage_mut(&mut self) -> Option<&mut S> {
        self.storage.as_mut()
    }
}
