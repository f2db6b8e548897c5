//! The one place the store's notices show: above every page, until dismissed, with the action
//! that keeps the learner's data (an export, a download of the unreadable text). Markup as a
//! string and one click handler, like the pages (see `curriculum/views/html.rs`).

use leptos::prelude::*;
use strata_progress::store::Notice;
use wasm_bindgen::JsCast;

#[component]
pub fn StorageNotice() -> impl IntoView {
    view! { <div class="storage-notice-host" inner_html=move || super::notice().map(|n| notice_html(&n)).unwrap_or_default() on:click=on_click /> }
}

fn notice_html(notice: &Notice) -> String {
    let (text, action) = match notice {
        Notice::MemoryOnly if strata_browser::opened_from_file() => (
            "This browser does not let a file opened from disk save anything, so what you mark is kept only until this tab closes. \
             Export it from the Progress page to keep it, or use Strata from its web address, which can save."
                .to_string(),
            "",
        ),
        Notice::MemoryOnly => (
            "This browser is not letting Strata save anything here (private browsing, blocked site data or an embedded frame). \
             What you mark is kept until this tab closes; export it from the Progress page to keep it."
                .to_string(),
            "",
        ),
        Notice::Full => (
            "Your browser's storage for this site is full, so your latest changes are kept in this tab but not saved. \
             Export your progress to keep a copy, then free some space."
                .to_string(),
            "<button type=\"button\" class=\"button primary\" data-action=\"export\">Export progress</button> ",
        ),
        Notice::Recovered { reason, .. } => (
            format!(
                "Your saved progress could not be read ({}), so Strata started afresh. \
                 Nothing was deleted: the original text is kept in this browser and you can download it.",
                strata_browser::html::Esc(reason)
            ),
            "<button type=\"button\" class=\"button primary\" data-action=\"download-backup\">Download the unreadable data</button> ",
        ),
    };
    format!(
        "<div class=\"storage-notice\" role=\"alert\"><p>{text}</p>{action}<button type=\"button\" class=\"button\" data-action=\"dismiss\">Dismiss</button></div>"
    )
}

fn on_click(e: web_sys::MouseEvent) {
    let action = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|el| el.get_attribute("data-action"));
    match action.as_deref() {
        Some("export") => super::download(&super::export_file_name(), "application/json", &super::export_text()),
        Some("download-backup") => {
            let text = super::with_store(|s| s.recovered_text().map(str::to_string)).flatten().unwrap_or_default();
            super::download("strata-progress-unreadable.txt", "text/plain", &text);
        }
        Some("dismiss") => {
            super::with_store_mut(|s| s.dismiss_notice());
        }
        _ => {}
    }
}
