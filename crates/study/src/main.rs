//! The study tools: a wasm module the shell loads the first time `#/search`, `#/progress`,
//! `#/plan/…` or `#/print/…` opens. Progress itself stays in the shell's store (see `shell.rs`); this module
//! reads it, shows it, and sends back whole new versions of it.

mod chart;
mod plan_page;
mod print_page;
mod progress_page;
mod search_page;
mod shell;

use leptos::prelude::*;
use strata_browser as browser;
use wasm_bindgen::prelude::*;

// Talc instead of Rust's default dlmalloc, as in the shell and the visualizer modules: 0.8 KB gzip
// smaller here (2026-12-02).
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

type Mounted = leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>;

thread_local! {
    static MOUNTED: std::cell::RefCell<Option<Mounted>> = const { std::cell::RefCell::new(None) };
}

fn main() {}

/// Shows the page for `route` (the hash without `#`, e.g. `/plan/data-engineer`) in `target`.
#[wasm_bindgen]
pub fn mount(target: web_sys::HtmlElement, route: String) {
    browser::panic_page::install();
    browser::ensure_stylesheet("strata-study-css", "./study.css");
    unmount();
    shell::listen();
    let (route, query) = route.split_once('?').unwrap_or((&route, ""));
    let query = browser::url::query_pairs(query);
    let segments: Vec<String> = route.split('/').filter(|s| !s.is_empty()).map(browser::url::percent_decode).collect();
    let handle = leptos::mount::mount_to(target, move || match segments.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["search"] => {
            let q = query.iter().find(|(k, _)| k == "q").map(|(_, v)| v.clone()).unwrap_or_default();
            view! { <search_page::SearchPage initial=q /> }.into_any()
        }
        ["plan", path] => page_for_path(path, |p| view! { <plan_page::PlanPage path=p /> }.into_any()),
        ["print", path] => page_for_path(path, |p| view! { <print_page::PrintPage path=p /> }.into_any()),
        _ => view! { <progress_page::ProgressPage /> }.into_any(),
    });
    MOUNTED.with(|m| *m.borrow_mut() = Some(handle));
}

#[wasm_bindgen]
pub fn unmount() {
    let previous = MOUNTED.with(|m| m.borrow_mut().take());
    drop(previous);
}

fn page_for_path(id: &str, page: impl FnOnce(&'static strata_curriculum::Path) -> AnyView) -> AnyView {
    match strata_curriculum::find_path(id) {
        Some(path) => page(path),
        None => {
            browser::set_title("Not found · Strata");
            let id = id.to_string();
            view! {
                <section class="not-found" role="alert">
                    <h1 tabindex="-1">"No such path"</h1>
                    <p>"There is no learning path called “" {id} "”."</p>
                    <p><a class="button primary" href="#/paths">"All learning paths"</a></p>
                </section>
            }
            .into_any()
        }
    }
}

pub use strata_curriculum::hours_text as hours;

/// The largest progress file a learner can make (every item of all five paths marked), for
/// the benchmark.
#[wasm_bindgen]
pub fn bench_progress_file() -> String {
    strata_progress::envelope::encode(&strata_curriculum::tally::everything_marked(shell::now()), "bench", shell::now())
}

/// Milliseconds to import `text` as a learner's import does: parse and check it, compare it
/// with the current progress, hand it to the shell's store (which parses it again and writes
/// localStorage), and compute every path's standing.
#[wasm_bindgen]
pub fn bench_import(text: &str) -> f64 {
    let clock = || browser::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now());
    // Start from empty, so every run imports the whole file (not timed).
    let _ = shell::replace(&strata_progress::Progress::default());
    let start = clock();
    let Ok(incoming) = strata_progress::envelope::decode(text).map(|e| e.progress) else { return f64::NAN };
    let known = strata_curriculum::tally::knows_any(&incoming);
    let current = shell::progress();
    let changes = strata_progress::merge::diff(&current, &incoming).changes.len();
    let applied = shell::replace(&incoming).is_ok();
    let finished: u32 = shell::with_progress(|p| strata_curriculum::tally::all_paths_tallies(p).map(|(_, t)| t.finished()).sum());
    let elapsed = clock() - start;
    if known && applied && finished > 0 && changes > 0 {
        elapsed
    } else {
        f64::NAN
    }
}
