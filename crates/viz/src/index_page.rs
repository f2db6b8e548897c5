//! `#/viz`: the visualizers, each with its guided scenarios.

use leptos::prelude::*;
use strata_browser as browser;
use strata_engine::scenario::btree::GUIDED;

#[component]
pub fn IndexPage() -> impl IntoView {
    browser::set_title("Visualizers · Strata");
    view! {
        <section class="visualizers">
            <h1 tabindex="-1">"Visualizers"</h1>
            <p class="lede">
                "Step through the structures the paths keep naming, forward and back, with a caption for every step. "
                "Every screen is a link: copy the address to share exactly what you see, or embed it in a slide with "
                <code>"#/embed/…"</code> "."
            </p>
            <article class="card" id="btree">
                <h2><a href="#/viz/btree">"B-tree and B+ tree"</a></h2>
                <p>
                    "Insert, delete, search and scan keys, and watch nodes split, borrow and merge so the tree stays "
                    "shallow. Compare a B-tree with a B+ tree, or two degrees, side by side."
                </p>
                <h3>"Guided scenarios"</h3>
                <ul class="guided">
                    {GUIDED.iter().map(|g| view! {
                        <li>
                            <a href=format!("#/viz/btree?guided={}", g.slug)>{g.title}</a>
                            <p>{g.summary}</p>
                        </li>
                    }).collect_view()}
                </ul>
            </article>
        </section>
    }
}
