//! The curriculum's prose (week summaries and objectives, item and group titles, notes,
//! checkpoint lines, readings) is not in the shell's wasm: the home page does not need it to
//! paint, and it is about 40 KB gzip of the first load. The path and week pages wait behind
//! [`ProseGate`] until `curriculum-prose.txt` (written beside the app by the build) has arrived
//! and been checked; the home page fetches it in the background to name the item to continue.
//! The single file carries it inside; the offline worker caches it like any other file.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export function fetch_prose(done) {
  const single = window.strataSingleFile; // the single file carries it (scripts/offline-build.mjs)
  (single ? single.prose() : fetch(new URL("./curriculum-prose.txt", document.baseURI))
    .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`)))))
    .then((text) => done(text, ""), (e) => done("", String((e && e.message) || e)));
}
"#)]
extern "C" {
    fn fetch_prose(done: &JsValue);
}

#[derive(Clone, PartialEq)]
enum Loading {
    Waiting,
    Ready,
    Failed(String),
    Foreign,
}

/// Fetches the prose, installs it, and tells `done` how that went.
fn request(done: impl FnOnce(Loading) + 'static) {
    let done = Closure::once_into_js(move |text: String, error: String| {
        done(if !error.is_empty() {
            Loading::Failed(error)
        } else if super::install_prose(text).is_err() {
            Loading::Foreign
        } else {
            Loading::Ready
        });
    });
    fetch_prose(&done);
}

/// Fetches the prose for a page that can be shown without it and is better with it (the home
/// page's "continue" names its item by title): `ready` runs once it is in. Nothing is said if
/// it fails; the page stays as it was.
pub fn fetch_in_background(ready: impl FnOnce() + 'static) {
    if !super::has_prose() {
        request(move |loaded| {
            if loaded == Loading::Ready {
                ready();
            }
        });
    }
}

/// Shows `page` once the prose is in, and meanwhile a calm "Loading…" or what went wrong.
#[component]
pub fn ProseGate(page: Box<dyn Fn() -> AnyView + Send + Sync>) -> impl IntoView {
    let state = RwSignal::new(if super::has_prose() { Loading::Ready } else { Loading::Waiting });
    let load = move || {
        state.set(Loading::Waiting);
        // `try_set`: the learner may have left the page before the text arrived.
        request(move |loaded| {
            state.try_set(loaded);
        });
    };
    if state.get_untracked() == Loading::Waiting {
        load();
    }
    move || match state.get() {
        Loading::Ready => page(),
        Loading::Waiting => view! { <p class="boot" role="status">"Loading the path…"</p> }.into_any(),
        Loading::Failed(error) => view! {
            <div class="storage-notice" role="alert">
                <p>"This path's text could not be loaded (" {error} "). Check the connection, then try again."</p>
                <button type="button" class="button" on:click=move |_| load()>"Try again"</button>
            </div>
        }
        .into_any(),
        Loading::Foreign => view! {
            <div class="storage-notice" role="alert">
                <p>"Strata has been updated since this page was opened. Reload to read the new version; your progress is saved."</p>
                <button type="button" class="button primary" on:click=|_| { let _ = strata_browser::window().map(|w| w.location().reload()); }>"Reload"</button>
            </div>
        }
        .into_any(),
    }
}
