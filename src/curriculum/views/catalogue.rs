use super::{hours_view, page_title, path_href};
use crate::browser;
use crate::curriculum::{Path, PATHS};
use leptos::prelude::*;

/// Every learning path as a card: what it is, how long, for whom, and what it leads to.
#[component]
pub fn CataloguePage(home: bool) -> impl IntoView {
    browser::set_title(&if home { "Strata · learn data-intensive systems".to_string() } else { page_title(&["Learning paths"]) });
    let total_weeks: u16 = PATHS.iter().map(|p| p.duration_weeks).sum();
    view! {
        <section class="catalogue">
            {if home {
                view! {
                    <h1 tabindex="-1">"Learn how data systems really work"</h1>
                    <p class="lede">
                        "Five learning paths, " {total_weeks} " weeks of material in all, from your first pipeline to "
                        "the storage engines and distributed designs underneath. Pick a path, open a week, and work "
                        "through its topics, labs and readings at your own pace."
                    </p>
                }
                .into_any()
            } else {
                view! { <h1 tabindex="-1">"Learning paths"</h1> }.into_any()
            }}
            {home.then(|| view! { <h2 class="section-title">"Learning paths"</h2> })}
            <ul class="path-cards">
                {PATHS.iter().map(|p| view! { <li><PathCard path=p /></li> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn PathCard(path: &'static Path) -> impl IntoView {
    view! {
        <article class="path-card" aria-labelledby=format!("card-{}", path.id)>
            <h3 id=format!("card-{}", path.id)><a href=path_href(path)>{path.title}</a></h3>
            <dl class="facts">
                <div><dt>"Level"</dt><dd>{path.level.label()}</dd></div>
                <div><dt>"Duration"</dt><dd>{path.duration_weeks} " weeks"</dd></div>
                <div><dt>"Per week"</dt><dd>{hours_view(Some(path.weekly_hours))}</dd></div>
                <div><dt>"Content"</dt><dd>{path.item_count()} " items"</dd></div>
            </dl>
            <p>{path.summary}</p>
            <details>
                <summary>"Prerequisites and outcomes"</summary>
                <h4>"You should already have"</h4>
                <ul>{path.prerequisites.iter().map(|p| view! { <li>{*p}</li> }).collect_view()}</ul>
                <h4>"You will be able to"</h4>
                <ul>{path.outcomes.iter().map(|o| view! { <li>{*o}</li> }).collect_view()}</ul>
            </details>
        </article>
    }
}
