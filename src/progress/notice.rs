//! The one place the store's notices show: above every page, until dismissed, with the action
//! that keeps the learner's data (an export, a download of the unreadable text).

use leptos::prelude::*;
use strata_progress::store::Notice;

#[component]
pub fn StorageNotice() -> impl IntoView {
    move || {
        super::notice().map(|notice| {
            let (text, action): (String, Option<(&str, fn())>) = match &notice {
                Notice::MemoryOnly => (
                    "This browser is not letting Strata save anything here (private browsing, blocked site data or an embedded frame). \
                     What you mark is kept until this tab closes; export it from the Progress page to keep it."
                        .into(),
                    None,
                ),
                Notice::Full => (
                    "Your browser's storage for this site is full, so your latest changes are kept in this tab but not saved. \
                     Export your progress to keep a copy, then free some space."
                        .into(),
                    Some(("Export progress", export)),
                ),
                Notice::Recovered { reason, .. } => (
                    format!(
                        "Your saved progress could not be read ({reason}), so Strata started afresh. \
                         Nothing was deleted: the original text is kept in this browser and you can download it."
                    ),
                    Some(("Download the unreadable data", download_backup)),
                ),
            };
            view! {
                <div class="storage-notice" role="alert">
                    <p>{text}</p>
                    {action.map(|(label, run)| view! { <button type="button" class="button primary" on:click=move |_| run()>{label}</button> })}
                    <button type="button" class="button" on:click=|_| { super::with_store_mut(|s| s.dismiss_notice()); }>"Dismiss"</button>
                </div>
            }
        })
    }
}

fn export() {
    super::download(&super::export_file_name(), "application/json", &super::export_text());
}

fn download_backup() {
    let text = super::with_store_mut(|s| s.recovered_text().map(str::to_string)).flatten().unwrap_or_default();
    super::download("strata-progress-unreadable.txt", "text/plain", &text);
}
