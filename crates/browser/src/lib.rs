//! Small, failure-proof wrappers over the browser APIs that the shell and the visualizer
//! module both use. Nothing here panics: a missing window, document or storage (a sandboxed
//! iframe, a locked-down browser) just means the feature quietly does less.

pub mod html;
pub mod panic_page;
pub mod storage;
pub mod url;

use wasm_bindgen::JsCast;

pub fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

pub fn document() -> Option<web_sys::Document> {
    window()?.document()
}

/// The current `location.hash`, or "" if it cannot be read.
pub fn location_hash() -> String {
    window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// Changes the hash without adding a history entry or firing `hashchange` (for typing).
pub fn replace_hash(hash: &str) {
    if let Some(history) = window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash));
    }
}


/// Milliseconds since 1970, UTC.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// Minutes east of UTC in the learner's time zone (JavaScript counts them westwards).
pub fn utc_offset_minutes() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}

/// Whether this page was opened from disk (the single file, `strata.html`), not from a site.
pub fn opened_from_file() -> bool {
    window().and_then(|w| w.location().protocol().ok()).is_some_and(|p| p == "file:")
}

pub fn set_title(title: &str) {
    if let Some(d) = document() {
        d.set_title(title);
    }
}

pub fn prefers_dark() -> bool {
    window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Moves focus to the page's main heading, so screen readers announce the new page and
/// keyboard users start from the top of it; and scrolls back to the top.
pub fn focus_main_heading() {
    let Some(doc) = document() else { return };
    if let Some(h1) = doc.query_selector("main h1").ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = h1.focus();
    }
    if let Some(w) = window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Moves keyboard focus to the first element matching `selector`, if there is one.
pub fn focus_first(selector: &str) {
    if let Some(el) = document().and_then(|d| d.query_selector(selector).ok().flatten()).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Marks the document once the app is mounted: end-to-end tests and the benchmark wait for it.
pub fn mark_ready() {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-ready", "true");
    }
}

/// Removes the static "Loading Strata…" line that shows until the wasm runs.
pub fn remove_boot_message() {
    if let Some(el) = document().and_then(|d| d.get_element_by_id("boot")) {
        el.remove();
    }
}

/// Adds `<link rel="stylesheet" id=… href=…>` to the head once: a lazily loaded module brings
/// its own styles, so the first page does not pay for them.
pub fn ensure_stylesheet(id: &str, href: &str) {
    let Some(doc) = document() else { return };
    if doc.get_element_by_id(id).is_some() {
        return;
    }
    let Ok(link) = doc.create_element("link") else { return };
    let _ = link.set_attribute("id", id);
    let _ = link.set_attribute("rel", "stylesheet");
    let _ = link.set_attribute("href", href);
    if let Some(head) = doc.head() {
        let _ = head.append_child(&link);
    }
}
