//! Light and dark themes. With no choice stored, the page follows `prefers-color-scheme`
//! (pure CSS); the toggle stores an explicit choice under `strata:theme`. `index.html` applies
//! a stored choice before the app loads, so there is no flash of the wrong theme.

use strata_browser as browser;

const KEY: &str = "strata:theme";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn other(self) -> Theme {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }

    /// The stored choice, else what the system prefers.
    pub fn current() -> Theme {
        match browser::storage::get(KEY).as_deref() {
            Some("dark") => Theme::Dark,
            Some("light") => Theme::Light,
            _ if browser::prefers_dark() => Theme::Dark,
            _ => Theme::Light,
        }
    }

    /// Applies and remembers the choice (in memory only, if storage is refused).
    pub fn choose(self) {
        if let Some(root) = browser::document().and_then(|d| d.document_element()) {
            let _ = root.set_attribute("data-theme", self.name());
        }
        let _ = browser::storage::set(KEY, self.name());
    }
}
