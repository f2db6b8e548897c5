//! The visualizer platform's view half, shared by every visualizer module.
//!
//! Each visualizer is a wasm module of its own (`src/bin/<slug>.rs`, built as
//! `strata-viz-<slug>`), so a visit to one downloads that widget's engine and controls and
//! none of the others'. The shell (the `strata` crate) loads a module the first time a
//! `#/viz/<slug>` or `#/embed/<slug>` page opens; `#/viz` itself (the index) and unknown slugs
//! are shown by the first widget's module, which alone carries [`directory`]. Each module
//! exports `mount` and `unmount`, which call [`mount`] with the pages it carries.

mod btree;
mod disclosure;
mod lsm;
mod embed;
mod embed_dialog;
mod index_page;
mod messages;
mod ops_form;
pub mod page;
mod player;
mod ring;
mod stage;
mod stylesheet;
mod theme;
mod timer;

use leptos::prelude::*;
use std::cell::RefCell;
use strata_browser as browser;
use strata_browser::url::query_pairs;

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

// Talc instead of Rust's default dlmalloc, as in the shell: the allocator shrank from 7.1 KB to
// 2.0 KB raw in the B-tree module (twiggy, 2026-12-02).
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

type Mounted = leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>;

thread_local! {
    static MOUNTED: RefCell<Option<Mounted>> = const { RefCell::new(None) };
}

/// One widget's page, as a module's list of pages holds it.
pub type PageFn = fn(Address) -> AnyView;

/// The page of widget `W` (a module's list holds it through [`entry`]).
fn page_of<W: page::WidgetView>(address: Address) -> AnyView {
    page::viz_page::<W>(address).into_any()
}

/// The slug and page of widget `W`.
pub const fn entry<W: page::WidgetView>() -> (&'static str, PageFn) {
    (W::SLUG, page_of::<W>)
}

/// Shows the visualizer named by `route` (the hash without `#`, e.g. `/viz/btree?degree=5`)
/// inside `target`, replacing whatever this module showed there before. `pages` are the
/// widgets this module carries; any other address goes to `directory` (the first widget's
/// module carries [`directory`]; the others need none, since the shell never sends them
/// `#/viz` or a slug they do not carry, and without it they leave out every other widget's
/// texts).
pub fn mount(target: web_sys::HtmlElement, route: String, pages: &'static [(&'static str, PageFn)], directory: Option<PageFn>) {
    browser::panic_page::install();
    stylesheet::ensure();
    unmount();
    let address = Address::parse(&route);
    let page = pages.iter().find(|(slug, _)| *slug == address.widget).map(|(_, p)| *p);
    let handle = leptos::mount::mount_to(target, move || match (page, directory) {
        (Some(page), _) => page(address.clone()),
        (None, Some(directory)) => directory(address.clone()),
        (None, None) => view! { <UnknownWidget name=address.widget.clone() listed=&[] /> }.into_any(),
    });
    MOUNTED.with(|m| *m.borrow_mut() = Some(handle));
}

/// `#/viz` (the index of every visualizer) and, for a slug no visualizer has, the not-found
/// page listing them all.
pub fn directory(address: Address) -> AnyView {
    match address.widget.as_str() {
        "" => view! { <index_page::IndexPage /> }.into_any(),
        other => view! { <UnknownWidget name=other.to_string() listed=strata_engine::widget::WIDGETS /> }.into_any(),
    }
}

/// Removes the visualizer, its window listeners and its timers.
pub fn unmount() {
    // Dropping the handle unmounts the view and runs its cleanups.
    let previous = MOUNTED.with(|m| m.borrow_mut().take());
    drop(previous);
}

/// A visualizer module's entry points, for `src/bin/<slug>.rs`: `main` and the `mount` and
/// `unmount` the shell calls, showing the pages of the widgets named, and with `directory;`
/// first, the index and the not-found page too.
/// `strata_viz::visualizer_module!(directory; BTreeWidget);`
#[macro_export]
macro_rules! visualizer_module {
    (directory; $($widget:ty),+ $(,)?) => {
        $crate::visualizer_module!(@ Some($crate::directory as $crate::PageFn); $($widget),+);
    };
    ($($widget:ty),+ $(,)?) => {
        $crate::visualizer_module!(@ None; $($widget),+);
    };
    (@ $directory:expr; $($widget:ty),+) => {
        const PAGES: &[(&str, $crate::PageFn)] = &[$($crate::entry::<$widget>()),+];

        fn main() {}

        #[wasm_bindgen::prelude::wasm_bindgen]
        pub fn mount(target: web_sys::HtmlElement, route: String) {
            $crate::mount(target, route, PAGES, $directory);
        }

        #[wasm_bindgen::prelude::wasm_bindgen]
        pub fn unmount() {
            $crate::unmount();
        }
    };
}

/// The time since the page started, in milliseconds (for the modules' benchmark exports).
pub fn now_ms() -> f64 {
    browser::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// `listed`: the visualizers to offer instead (none: only the link to the index).
#[component]
fn UnknownWidget(name: String, listed: &'static [strata_engine::widget::WidgetInfo]) -> impl IntoView {
    browser::set_title("Unknown visualizer · Strata");
    view! {
        <section class="viz-unknown" role="alert">
            <h1 tabindex="-1">"No such visualizer"</h1>
            <p>"There is no visualizer called “" {name} "”." {(!listed.is_empty()).then_some(" These are the ones there are:")}</p>
            <ul>
                {listed.iter().map(|w| view! {
                    <li><a href=format!("#/viz/{}", w.slug)>{w.title}</a></li>
                }).collect_view()}
            </ul>
            <p><a class="button" href="#/viz">"All visualizers"</a></p>
        </section>
    }
}
