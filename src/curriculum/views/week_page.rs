use super::{hours_view, page_title, path_href, tags_view, week_href};
use crate::app::NotFound;
use crate::browser;
use crate::curriculum::{find_path, Item, Path, Reading, Week};
use crate::route::Route;
use leptos::prelude::*;

/// One week: objectives, the items in their groups, the checkpoint and the readings.
#[component]
pub fn WeekPage(path_id: String, week_id: String) -> impl IntoView {
    let found = find_path(&path_id).and_then(|p| p.week(&week_id).map(|(i, w)| (p, i, w)));
    let Some((path, index, week)) = found else {
        return view! { <NotFound what=Route::Week { path: path_id, week: week_id }.to_hash() /> }.into_any();
    };
    browser::set_title(&page_title(&[&format!("{}: {}", week.label(), week.title), path.title]));
    let phase = &path.phases[week.phase];
    view! {
        <article class="week-page">
            <nav class="breadcrumbs" aria-label="Breadcrumb">
                <ol>
                    <li><a href="#/paths">"Paths"</a></li>
                    <li><a href=path_href(path)>{path.title}</a></li>
                    <li aria-current="page">{week.label()}</li>
                </ol>
            </nav>
            <p class="eyebrow">
                <span class=format!("phase-dot phase-{}", week.phase % 8) aria-hidden="true"></span>
                "Phase " {week.phase + 1} ": " {phase.title}
            </p>
            <h1 tabindex="-1"><span class="week-label">{week.label()}</span> " " {week.title}</h1>
            <dl class="facts">
                {week.hours.map(|h| view! { <div><dt>"Time"</dt><dd>{hours_view(Some(h))}</dd></div> })}
                <div><dt>"Items"</dt><dd>{week.item_count()}</dd></div>
            </dl>
            <p class="lede">{week.summary}</p>
            {(!week.objectives.is_empty()).then(|| view! {
                <section aria-labelledby="objectives">
                    <h2 id="objectives">"By the end of this week you can"</h2>
                    <ul class="objectives">{week.objectives.iter().map(|o| view! { <li>{*o}</li> }).collect_view()}</ul>
                </section>
            })}
            {week.groups.iter().map(|g| view! {
                <section class="group">
                    <h2>{g.title} " " {hours_view(g.hours)}</h2>
                    <ul class="items">
                        {g.items.iter().map(|item| view! { <ItemRow path=path item=item /> }).collect_view()}
                    </ul>
                </section>
            }).collect_view()}
            {week.checkpoint.as_ref().map(|cp| view! {
                <section class="checkpoint" aria-labelledby=format!("cp-{}", cp.id) id=cp.id>
                    <h2 id=format!("cp-{}", cp.id)>"Checkpoint: " {cp.title}</h2>
                    <p>"Before moving on, check that you can:"</p>
                    <ul class="validation">{cp.validation.iter().map(|v| view! { <li>{*v}</li> }).collect_view()}</ul>
                    {cp.assessment.map(|a| view! { <p><strong>"Practical assessment: "</strong>{a}</p> })}
                </section>
            })}
            {(!week.readings.is_empty()).then(|| view! {
                <section class="readings" aria-labelledby="readings">
                    <h2 id="readings">"Readings"</h2>
                    <ul>{week.readings.iter().map(|&r| reading_view(&path.readings[r])).collect_view()}</ul>
                </section>
            })}
            <WeekPager path=path index=index />
        </article>
    }
    .into_any()
}

#[component]
fn ItemRow(path: &'static Path, item: &'static Item) -> impl IntoView {
    let reading = item.reading.map(|r| &path.readings[r]);
    view! {
        <li class="item" id=item.id data-kind=item.kind.label()>
            <span class="kind">{item.kind.label()}</span>
            <span class="item-title">{item.title}</span>
            {hours_view(item.hours)}
            {tags_view(item.tags)}
            {item.note.map(|n| view! { <p class="note">{n}</p> })}
            {reading.map(|r| view! { <p class="note">"Read: " <cite>{r.title}</cite>{r.authors.map(|a| format!(", {a}"))}</p> })}
        </li>
    }
}

fn reading_view(r: &'static Reading) -> impl IntoView {
    view! {
        <li class="reading" id=format!("reading-{}", r.id)>
            <span class="kind">{r.kind.label()}</span>
            <cite>{r.title}</cite>
            {r.authors.map(|a| view! { <span class="authors">{a}</span> })}
            {r.year.map(|y| view! { <span class="year">"(" {y} ")"</span> })}
            {r.note.map(|n| view! { <p class="note">{n}</p> })}
        </li>
    }
}

#[component]
fn WeekPager(path: &'static Path, index: usize) -> impl IntoView {
    let link = |w: Option<&'static Week>, rel: &'static str, arrow: &'static str| {
        w.map(|w| view! {
            <a href=week_href(path, w.id) rel=rel class=format!("pager-{rel}")>
                <span class="pager-dir">{arrow}</span>
                <span>{w.label()} ": " {w.title}</span>
            </a>
        })
    };
    view! {
        <nav class="pager" aria-label="Weeks">
            {link(index.checked_sub(1).map(|i| &path.weeks[i]), "prev", "← Previous")}
            {link(path.weeks.get(index + 1), "next", "Next →")}
        </nav>
    }
}
