//! `#/search?q=…`: instant search across every path, in the study module so the first load
//! does not carry it (the ranking lives in `strata_curriculum::search`).

use leptos::prelude::*;
use strata_browser as browser;
use strata_browser::html::{Esc, Html};
use strata_curriculum::search::{search, Highlighted, Hit, Target};
use strata_curriculum::visualizers::VISUALIZERS;
use strata_curriculum::{paths, Path};
use std::fmt::Write;
use wasm_bindgen::JsCast;

const LIMIT: usize = 60;

/// Search as you type. The query lives in the URL (replaced, not pushed, per keystroke), so a
/// search can be linked and Back leaves the search page in one step.
#[component]
pub fn SearchPage(initial: String) -> impl IntoView {
    browser::set_title("Search · Strata");
    let (query, set_query) = signal(initial);
    let hits = Memo::new(move |_| query.with(|q| search(q, LIMIT)));
    let input = NodeRef::<leptos::html::Input>::new();
    // Focus the box once it is in the document, so typing can start at once.
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            let _ = el.focus();
        }
    });
    let on_input = move |e: leptos::ev::Event| {
        let q = event_target_value(&e);
        browser::replace_hash(&search_hash(&q));
        set_query.set(q);
    };
    view! {
        <section class="search-page">
            <h1 tabindex="-1">"Search"</h1>
            <form role="search" on:submit=|e| e.prevent_default()>
                <label for="search-input">"Search every path and visualizer: titles, topics, tags and readings"</label>
                <input
                    id="search-input"
                    type="search"
                    node_ref=input
                    autocomplete="off"
                    spellcheck="false"
                    placeholder="e.g. LSM, b+ tree, hash ring, Kafka"
                    aria-controls="search-results"
                    aria-describedby="search-status"
                    prop:value=move || query.get()
                    on:input=on_input
                    on:keydown=move |e: web_sys::KeyboardEvent| if e.key() == "ArrowDown" {
                        e.prevent_default();
                        move_focus(0);
                    }
                />
            </form>
            <p id="search-status" class="search-status" role="status" aria-live="polite">
                {move || status(&query.get(), hits.with(Vec::len))}
            </p>
            <ol id="search-results" class="search-results" on:keydown=on_results_key
                inner_html=move || hits.with(|hits| results_html(hits))>
            </ol>
        </section>
    }
}

/// The page's own address, as the shell's router writes it (`#/search?q=…`).
fn search_hash(query: &str) -> String {
    if query.is_empty() {
        "#/search".into()
    } else {
        format!("#/search?q={}", browser::url::percent_encode(query))
    }
}

// Path and week ids are slugs, so they need no escaping in an address.
fn path_href(path: &Path) -> String {
    format!("#/paths/{}", path.id)
}

fn week_href(path: &Path, week_id: &str) -> String {
    format!("#/paths/{}/{week_id}", path.id)
}

fn status(query: &str, count: usize) -> String {
    match (query.trim().is_empty(), count) {
        (true, _) => "Type to search. Use ↓ and ↑ to move through the results.".into(),
        (false, 0) => format!("No results for “{}”. Try fewer or shorter words.", query.trim()),
        (false, 1) => "1 result".into(),
        (false, n) if n >= LIMIT => format!("The first {n} results"),
        (false, n) => format!("{n} results"),
    }
}

/// ↑/↓ move between result links; ↑ from the first goes back to the search box.
fn on_results_key(e: web_sys::KeyboardEvent) {
    let step: i32 = match e.key().as_str() {
        "ArrowDown" => 1,
        "ArrowUp" => -1,
        _ => return,
    };
    e.prevent_default();
    let links = result_links();
    let active = browser::document().and_then(|d| d.active_element());
    let at = links.iter().position(|l| Some(l.unchecked_ref::<web_sys::Element>()) == active.as_ref());
    match at.map(|i| i as i32 + step) {
        Some(-1) | None => {
            if let Some(input) = browser::document().and_then(|d| d.get_element_by_id("search-input")) {
                let _ = input.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        }
        Some(next) => move_focus(next as usize),
    }
}

fn result_links() -> Vec<web_sys::HtmlElement> {
    let Some(list) = browser::document().and_then(|d| d.query_selector_all("#search-results a").ok()) else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into().ok()).collect()
}

fn move_focus(index: usize) {
    if let Some(link) = result_links().get(index) {
        let _ = link.focus();
    }
}

/// The result list as markup (see `html.rs` for why); matches wrapped in `<mark>`.
fn results_html(hits: &[Hit]) -> String {
    let mut out = Html::default();
    for hit in hits {
        let (href, kind, place) = match hit.target {
            Target::Path { path } => (path_href(&paths()[path]), "Path".to_string(), paths()[path].title),
            Target::Week { path, week } => {
                let p = &paths()[path];
                (week_href(p, p.weeks[week].id), p.weeks[week].label(), p.title)
            }
            Target::Reading { path, reading } => {
                let p = &paths()[path];
                // A reading leads to the first week that assigns it, else to its path.
                let week = p.weeks.iter().find(|w| w.readings.contains(&reading) || w.items().any(|i| i.reading == Some(reading)));
                let href = week.map_or_else(|| path_href(p), |w| week_href(p, w.id));
                (href, p.readings[reading].kind.label().to_string(), p.title)
            }
            Target::Visualizer { viz } => (VISUALIZERS[viz].href(), "Visualizer".to_string(), "Step through it yourself"),
            Target::Scenario { viz, scenario } => {
                let v = &VISUALIZERS[viz];
                (v.scenario_href(&v.scenarios[scenario]), "Guided scenario".to_string(), v.title)
            }
        };
        let _ = write!(
            out,
            "<li class=\"hit\" data-target=\"{}\"><a href=\"{}\"><span class=\"hit-kind\">{}</span><span class=\"hit-title\">",
            target_word(hit.target),
            Esc(&href),
            Esc(&kind)
        );
        marked(&mut out, &hit.title);
        let _ = write!(out, "</span><span class=\"hit-path\">{}</span></a>", Esc(place));
        if !hit.context.is_empty() || !hit.tags.is_empty() {
            out.raw("<ul class=\"hit-context\">");
            // Why a result matched on a tag: the tag, and an item that carries it.
            for (tag, item) in &hit.tags {
                let _ = write!(
                    out,
                    "<li class=\"hit-tag\">Tagged <span class=\"tag\" data-tag=\"{}\">{}</span> {}</li>",
                    tag.slug(),
                    Esc(tag.label()),
                    Esc(&if matches!(hit.target, Target::Week { .. }) { format!("on “{item}”") } else { String::new() })
                );
            }
            for c in &hit.context {
                out.raw("<li>");
                marked(&mut out, c);
                out.raw("</li>");
            }
            out.raw("</ul>");
        }
        out.raw("</li>");
    }
    out.0
}

/// A stable word for the kind of result, for styling and the browser tests.
fn target_word(t: Target) -> &'static str {
    match t {
        Target::Path { .. } => "path",
        Target::Week { .. } => "week",
        Target::Reading { .. } => "reading",
        Target::Visualizer { .. } => "visualizer",
        Target::Scenario { .. } => "scenario",
    }
}

fn marked(out: &mut Html, text: &Highlighted) {
    for (segment, hit) in text.segments() {
        if hit {
            let _ = write!(out, "<mark>{}</mark>", Esc(segment));
        } else {
            let _ = write!(out, "{}", Esc(segment));
        }
    }
}
