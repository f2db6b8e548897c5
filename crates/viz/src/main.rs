//! The visualizer module. The shell (the `strata` crate) loads it on demand the first time a
//! `#/viz/…` or `#/embed/…` page opens, so learners who only read the curriculum never
//! download it. It exports `mount` and `unmount` to the shell, and `bench_insert` to the
//! benchmark.

mod btree;
mod embed;
mod embed_dialog;
mod index_page;
mod messages;
mod page;
mod player;
mod registry;
mod stage;
mod stylesheet;
mod timer;

use leptos::prelude::*;
use std::cell::RefCell;
use strata_browser as browser;
use strata_browser::url::query_pairs;
use wasm_bindgen::prelude::*;

/// What the address asked for, split out of `/viz/<widget>?<query>` or `/embed/<widget>?<query>`.
#[derive(Clone, Debug)]
pub struct Address {
    pub embedded: bool,
    pub widget: String,
    pub pairs: Vec<(String, String)>,
}

impl Address {
    fn parse(route: &str) -> Address {
        let (path, query) = route.split_once('?').unwrap_or((route, ""));
        let mut segments = path.split('/').filter(|s| !s.is_empty());
        let embedded = segments.next() == Some("embed");
        let widget = segments.next().unwrap_or_default().to_string();
        Address { embedded, widget, pairs: query_pairs(query) }
    }

    /// The hash for this widget with `query`.
    pub fn hash(&self, query: &str) -> String {
        let base = format!("#/{}/{}", if self.embedded { "embed" } else { "viz" }, self.widget);
        if query.is_empty() {
            base
        } else {
            format!("{base}?{query}")
        }
    }
}

type Mounted = leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>;

thread_local! {
    static MOUNTED: RefCell<Option<Mounted>> = const { RefCell::new(None) };
}

fn main() {}

/// Shows the visualizer named by `route` (the hash without `#`, e.g. `/viz/btree?degree=5`)
/// inside `target`, replacing whatever this module showed there before.
#[wasm_bindgen]
pub fn mount(target: web_sys::HtmlElement, route: String) {
    browser::panic_page::install();
    stylesheet::ensure();
    unmount();
    let address = Address::parse(&route);
    let handle = leptos::mount::mount_to(target, move || match (address.widget.as_str(), registry::page(&address.widget)) {
        ("", _) => view! { <index_page::IndexPage /> }.into_any(),
        (_, Some(page)) => page(address.clone()),
        (other, None) => view! { <UnknownWidget name=other.to_string() /> }.into_any(),
    });
    MOUNTED.with(|m| *m.borrow_mut() = Some(handle));
}

/// Removes the visualizer, its window listeners and its timers.
#[wasm_bindgen]
pub fn unmount() {
    // Dropping the handle unmounts the view and runs its cleanups.
    let previous = MOUNTED.with(|m| m.borrow_mut().take());
    drop(previous);
}

/// Inserts `count` random keys into a fresh tree on the fast path and returns the time it
/// took in milliseconds; the benchmark calls this to measure the engine in the browser.
#[wasm_bindgen]
pub fn bench_insert(count: u32, degree: u8, bplus: bool) -> f64 {
    use strata_engine::btree::{BTree, Config, Variant, MAX_KEY};
    // Any number JavaScript passes is taken: at most every key there is, a degree clamped to
    // the engine's 3–10 (an exported function must not panic, and a panic here is an abort).
    let count = (count as usize).min(MAX_KEY as usize + 1);
    let degree = degree.clamp(3, 10);
    let variant = if bplus { Variant::BPlus } else { Variant::B };
    let keys = strata_engine::rng::shuffled_keys(count, 42);
    let now = || browser::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now());
    let start = now();
    let mut tree = BTree::new(Config { variant, degree, ..Config::default() });
    for k in keys {
        tree.insert(k, &mut strata_engine::step::NoSteps);
    }
    let elapsed = now() - start;
    // Every key is distinct, so all of them must be stored; a shortfall is reported as NaN.
    if tree.len() == count { elapsed } else { f64::NAN }
}

#[component]
fn UnknownWidget(name: String) -> impl IntoView {
    browser::set_title("Unknown visualizer · Strata");
    view! {
        <section class="viz-unknown" role="alert">
            <h1 tabindex="-1">"No such visualizer"</h1>
            <p>"There is no visualizer called “" {name} "”. These are the ones there are:"</p>
            <ul>
                {registry::widgets().map(|w| view! {
                    <li><a href=format!("#/viz/{}", w.slug)>{w.title}</a></li>
                }).collect_view()}
            </ul>
            <p><a class="button" href="#/viz">"All visualizers"</a></p>
        </section>
    }
}
