//! A component's one pending timer: starting a new one cancels the old, and unmounting cancels
//! whatever is left, so no callback outlives the view it would touch.

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct TimerSlot(StoredValue<Option<Box<dyn FnOnce()>>, LocalStorage>);

impl TimerSlot {
    /// An empty slot, cancelled when the current component unmounts.
    pub fn new() -> TimerSlot {
        let slot = TimerSlot(StoredValue::new_local(None));
        on_cleanup(move || slot.cancel());
        slot
    }

    pub fn cancel(self) {
        if let Some(cancel) = self.0.try_update_value(|c| c.take()).flatten() {
            cancel();
        }
    }

    /// Starts a timeout in the slot, replacing the one pending.
    pub fn timeout(self, delay: std::time::Duration, run: impl FnOnce() + 'static) {
        self.cancel();
        if let Ok(handle) = set_timeout_with_handle(run, delay) {
            self.0.set_value(Some(Box::new(move || handle.clear())));
        }
    }

    /// Starts an interval in the slot, replacing the one pending.
    pub fn interval(self, every: std::time::Duration, run: impl Fn() + 'static) {
        self.cancel();
        if let Ok(handle) = set_interval_with_handle(run, every) {
            self.0.set_value(Some(Box::new(move || handle.clear())));
        }
    }
}
