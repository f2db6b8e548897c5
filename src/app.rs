//! The shell: skip link, header navigation, theme toggle, and the page for the current route.

use strata_browser as browser;
use crate::curriculum::prose::ProseGate;
use crate::curriculum::views::{CataloguePage, PathPage, WeekPage};
use crate::route::{Route, Section};
use crate::theme::Theme;
use crate::progress::notice::StorageNotice;
use crate::viz_host::{StudyHost, VisualizerHost};
use leptos::ev;
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let (route, set_route) = signal(Route::parse(&browser::location_hash()));
    // Sync the route with the outside world: the hash changes on link clicks, back and forward.
    let hash_listener = window_event_listener(ev::hashchange, move |_| {
        set_route.set(Route::parse(&browser::location_hash()));
    });
    on_cleanup(move || hash_listener.remove());

    // "/" jumps to search from anywhere except a text field, as on most documentation sites.
    let key_listener = window_event_listener(ev::keydown, move |e: web_sys::KeyboardEvent| {
        let typing = e
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if e.key() == "/" && !typing && !e.ctrl_key() && !e.meta_key() && !e.alt_key() {
            e.prevent_default();
            if !matches!(route.get_untracked(), Route::Search { .. }) {
                let _ = browser::window().map(|w| w.location().set_hash("#/search"));
            } else if let Some(input) = browser::document().and_then(|d| d.get_element_by_id("search-input")) {
                let _ = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(input).map(|i| i.focus());
            }
        }
    });
    on_cleanup(move || key_listener.remove());

    // A new page moves focus to its heading (not on first load, and not while typing a search).
    Effect::new(move |previous: Option<Route>| {
        let current = route.get();
        if let Some(previous) = previous {
            let same_search = matches!((&previous, &current), (Route::Search { .. }, Route::Search { .. }));
            if !same_search && previous != current {
                browser::focus_main_heading();
            }
        }
        current
    });

    // An embed (#/embed/…) shows the visualizer alone: the visualizer module marks the document
    // `embedded`, and viz.css hides the header, footer and skip link.
    view! {
        <a class="skip-link" href="#main" on:click=|e| {
            // The hash is the router's: move focus by hand instead of navigating.
            e.prevent_default();
            browser::focus_main_heading();
        }>"Skip to content"</a>
        <Header route=route />
        <main id="main" tabindex="-1">
            <StorageNotice />
            {move || page(route.get())}
        </main>
        <footer class="site-footer">
            <p>"Strata runs entirely in your browser: nothing is sent anywhere."</p>
            // The single file (dist/strata.html, written by the release build) is this whole
            // app; a copy opened from disk does not offer itself again.
            {(!browser::opened_from_file()).then(|| view! {
                <p class="offline-download">
                    <a href="strata.html" download="strata.html">"Download for offline use"</a>
                    ": the whole app in one HTML file that opens from disk, no installation. "
                    "Progress made there is kept apart from this site's; move it with export and import."
                </p>
            })}
        </footer>
    }
}

fn page(route: Route) -> AnyView {
    match route {
        Route::Home => view! { <CataloguePage home=true /> }.into_any(),
        Route::Catalogue => view! { <CataloguePage home=false /> }.into_any(),
        // Path and week pages need the curriculum's prose, which arrives with the first of them.
        Route::Path { path } => view! { <ProseGate page=Box::new(move || view! { <PathPage path_id=path.clone() /> }.into_any()) /> }.into_any(),
        Route::Week { path, week } => {
            view! { <ProseGate page=Box::new(move || view! { <WeekPage path_id=path.clone() week_id=week.clone() /> }.into_any()) /> }.into_any()
        }
        // A visualizer's own module draws it; the first visualizer's module draws the index.
        Route::Visualizers => view! { <VisualizerHost widget=String::new() hash=route.to_hash() /> }.into_any(),
        Route::Visualizer { ref widget, .. } | Route::Embed { ref widget, .. } => {
            view! { <VisualizerHost widget=widget.clone() hash=route.to_hash() /> }.into_any()
        }
        // The study module draws search, the progress page, study plans and print views.
        Route::Search { .. } | Route::Progress | Route::Plan { .. } | Route::Print { .. } => view! { <StudyHost hash=route.to_hash() /> }.into_any(),
        Route::DebugPanic => panic!("deliberate panic from #/debug/panic, to show the error page"),
        Route::NotFound { hash } => view! { <NotFound what=hash /> }.into_any(),
    }
}

#[component]
fn Header(route: ReadSignal<Route>) -> impl IntoView {
    let current = move |section: Section| move || (route.get().section() == section).then_some("page");
    let (theme, set_theme) = signal(Theme::current());
    // On a phone the links scroll sideways in one row: keep the current one in view.
    Effect::new(move |_| {
        route.track();
        request_animation_frame(reveal_current_link);
    });
    view! {
        <header class="site-header">
            <a class="brand" href="#/" aria-label="Strata, home">
                <svg class="brand-mark" viewBox="0 0 24 24" aria-hidden="true" width="24" height="24">
                    <rect x="3" y="4" width="18" height="4" rx="1" />
                    <rect x="3" y="10" width="14" height="4" rx="1" />
                    <rect x="3" y="16" width="10" height="4" rx="1" />
                </svg>
                <span>"Strata"</span>
            </a>
            <nav aria-label="Main" on:focusin=|e| {
                if let Some(link) = e.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(t).ok()) {
                    reveal(&link);
                }
            }>
                <ul>
                    <li><a href="#/" aria-current=current(Section::Home)>"Home"</a></li>
                    <li><a href="#/paths" aria-current=current(Section::Paths)>"Paths"</a></li>
                    <li><a href="#/progress" aria-current=current(Section::Progress)>"Progress"</a></li>
                    <li><a href="#/viz" aria-current=current(Section::Visualizers)>"Visualizers"</a></li>
                    <li><a href="#/search" aria-current=current(Section::Search) aria-keyshortcuts="/">"Search"</a></li>
                </ul>
            </nav>
            <button
                type="button"
                class="theme-toggle"
                aria-label=move || format!("Switch to {} theme", theme.get().other().name())
                title=move || format!("Switch to {} theme", theme.get().other().name())
                on:click=move |_| {
                    let next = theme.get_untracked().other();
                    next.choose();
                    set_theme.set(next);
                }
            >
                <span aria-hidden="true">{move || if theme.get() == Theme::Dark { "☀" } else { "☾" }}</span>
            </button>
        </header>
    }
}

/// Scrolls the header's link row (only scrollable on narrow screens) so the current page's link
/// is fully visible.
fn reveal_current_link() {
    use wasm_bindgen::JsCast;
    let link = browser::document()
        .and_then(|doc| doc.query_selector(".site-header nav a[aria-current=\"page\"]").ok().flatten())
        .and_then(|l| l.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(link) = link {
        reveal(&link);
    }
}

/// Scrolls the link row so `link` is fully visible (a focused link too: browsers do not always
/// scroll a sideways row for keyboard focus).
fn reveal(link: &web_sys::HtmlElement) {
    let Some(nav) = link.closest(".site-header nav").ok().flatten() else { return };
    let (left, right) = (link.offset_left(), link.offset_left() + link.offset_width());
    let (start, width) = (nav.scroll_left(), nav.client_width());
    // 28 px: the faded edge on the right.
    if left < start {
        nav.set_scroll_left((left - 8).max(0));
    } else if right > start + width - 28 {
        nav.set_scroll_left(right - width + 28);
    }
}

#[component]
pub fn NotFound(#[prop(into)] what: String) -> impl IntoView {
    browser::set_title("Not found · Strata");
    view! {
        <section class="not-found">
            <h1 tabindex="-1">"Page not found"</h1>
            <p>"There is nothing at " <code>{what}</code> "."</p>
            <p>"It may be a mistyped link, or a path or week that has been renamed."</p>
            <p><a class="button primary" href="#/">"Back to the learning paths"</a>
               " " <a class="button" href="#/search">"Search the curriculum"</a></p>
        </section>
    }
}
