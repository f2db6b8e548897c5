//! `#/print/<path>`: the whole path on paper, every week's items with the learner's marks and
//! the checkpoint lists, under a header with the date and completion. The print stylesheet
//! (study.css) hides the app around it.

use crate::shell;
use leptos::prelude::*;
use strata_browser as browser;
use strata_curriculum::tally::{item_key, path_tally, week_tally};
use strata_curriculum::Path;
use strata_progress::{calendar, Key, State};

fn mark(state: State) -> &'static str {
    match state {
        State::Done => "☑",
        State::InProgress => "◐",
        State::Skipped => "⊘",
        State::NotStarted => "☐",
    }
}

#[component]
pub fn PrintPage(path: &'static Path) -> impl IntoView {
    browser::set_title(&format!("{} · print · Strata", path.title));
    move || {
        let progress = shell::progress();
        let tally = path_tally(path, &progress);
        view! {
            <article class="print-page">
                <p class="no-print"><a href=format!("#/paths/{}", path.id)>"← Back to the path"</a>" "
                    <button type="button" class="button primary" on:click=|_| { if let Some(w) = browser::window() { let _ = w.print(); } }>"Print"</button></p>
                <h1 tabindex="-1">{path.title}</h1>
                <p>{format!("Progress on {}: {} of {} items finished ({}%), {} done, {} left (estimated).",
                    calendar::long(shell::today()), tally.finished(), tally.items, tally.percent(),
                    crate::hours(tally.hours_done), crate::hours(tally.hours_left))}</p>
                <p class="legend">"☑ done · ◐ in progress · ⊘ skipped · ☐ not started"</p>
                {path.weeks.iter().map(|w| {
                    let t = week_tally(path, w, &progress);
                    view! {
                        <section class="print-week">
                            <h2>{format!("{}: {}", w.label(), w.title)}<span class="print-count">{format!(" — {} of {}", t.finished(), t.items)}</span></h2>
                            <ul class="print-items">
                                {w.items().map(|i| {
                                    let s = progress.state(&item_key(path, i));
                                    view! { <li data-state=s.word()><span class="print-mark" aria-label=s.label()>{mark(s)}</span>" "{i.title}</li> }
                                }).collect_view()}
                            </ul>
                            {w.checkpoint.as_ref().map(|cp| view! {
                                <h3>{format!("Checkpoint: {}", cp.title)}</h3>
                                <ul class="print-items">
                                    {cp.validation.iter().enumerate().map(|(n, line)| {
                                        let s = progress.state(&Key::check(path.id, cp.id, n as u16 + 1));
                                        view! { <li><span class="print-mark">{mark(s)}</span>" "{*line}</li> }
                                    }).collect_view()}
                                </ul>
                            })}
                        </section>
                    }
                }).collect_view()}
            </article>
        }
    }
}
