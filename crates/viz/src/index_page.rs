//! `#/viz`: every registered visualizer, each with its guided scenarios.

use strata_engine::widget::WIDGETS;
use leptos::prelude::*;
use strata_browser as browser;

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
            {WIDGETS.iter().map(|w| view! {
                <article class="card" id=w.slug>
                    <h2><a href=format!("#/viz/{}", w.slug)>{w.title}</a></h2>
                    <p>{w.summary}</p>
                    <h3>"Guided scenarios"</h3>
                    <ul class="guided">
                        {w.guided.iter().map(|g| view! {
                            <li>
                                <a href=format!("#/viz/{}?guided={}", w.slug, g.slug)>{g.title}</a>
                                <p>{g.summary}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                </article>
            }).collect_view()}
        </section>
    }
}
