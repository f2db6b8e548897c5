//! `#/viz`: the visualizers, each with its guided scenarios.

use crate::curriculum::views::html::{Esc, Html};
use crate::curriculum::views::page_title;
use leptos::prelude::*;
use std::fmt::Write;
use strata_browser as browser;
use strata_engine::scenario::btree::GUIDED;

/// The address of a B-tree scenario.
pub fn btree_href(query: &str) -> String {
    if query.is_empty() {
        "#/viz/btree".into()
    } else {
        format!("#/viz/btree?{query}")
    }
}

#[component]
pub fn VisualizersPage() -> impl IntoView {
    browser::set_title(&page_title(&["Visualizers"]));
    let mut out = Html::default();
    out.raw("<section class=\"visualizers\"><h1 tabindex=\"-1\">Visualizers</h1>");
    out.raw(
        "<p class=\"lede\">Step through the structures the paths keep naming, forward and back, with a caption for \
         every step. Every screen is a link: copy the address to share exactly what you see, or embed it in a slide.</p>",
    );
    out.raw("<article class=\"card\" id=\"btree\"><h2><a href=\"#/viz/btree\">B-tree and B+ tree</a></h2>");
    out.raw(
        "<p>Insert, delete, search and scan keys, and watch nodes split, borrow and merge so the tree stays \
         shallow. Compare a B-tree with a B+ tree, or two degrees, side by side.</p><h3>Guided scenarios</h3><ul class=\"guided\">",
    );
    for g in GUIDED {
        let _ = write!(
            out,
            "<li><a href=\"{}\">{}</a><p>{}</p></li>",
            Esc(&btree_href(g.query)),
            Esc(g.title),
            Esc(g.summary)
        );
    }
    out.raw("</ul></article></section>");
    view! { <div inner_html=out.0></div> }
}
