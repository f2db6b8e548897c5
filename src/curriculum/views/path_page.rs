use super::{hours_view, page_title, week_href};
use crate::app::NotFound;
use crate::browser;
use crate::curriculum::{find_path, Assessment, Path};
use crate::route::Route;
use leptos::prelude::*;

/// One path: its facts, a compact timeline of every week, and the phases with their weeks.
#[component]
pub fn PathPage(path_id: String) -> impl IntoView {
    let Some(path) = find_path(&path_id) else {
        return view! { <NotFound what=Route::Path { path: path_id }.to_hash() /> }.into_any();
    };
    browser::set_title(&page_title(&[path.title]));
    view! {
        <article class="path-page">
            <nav class="breadcrumbs" aria-label="Breadcrumb">
                <ol><li><a href="#/paths">"Paths"</a></li><li aria-current="page">{path.title}</li></ol>
            </nav>
            <h1 tabindex="-1">{path.title}</h1>
            <p class="lede">{path.summary}</p>
            {path.essential_question.map(|q| view! { <p class="question"><strong>"Essential question: "</strong>{q}</p> })}
            <dl class="facts">
                <div><dt>"Level"</dt><dd>{path.level.label()}</dd></div>
                <div><dt>"Duration"</dt><dd>{path.duration_weeks} " weeks"</dd></div>
                <div><dt>"Per week"</dt><dd>{hours_view(Some(path.weekly_hours))}</dd></div>
                {path.total_hours().map(|h| view! { <div><dt>"In all"</dt><dd>{hours_view(Some(h))}</dd></div> })}
                <div><dt>"Content"</dt><dd>{path.item_count()} " items, " {path.readings.len()} " readings"</dd></div>
            </dl>
            <Timeline path=path />
            <div class="two-col">
                <section>
                    <h2>"Before you start"</h2>
                    <ul>{path.prerequisites.iter().map(|p| view! { <li>{*p}</li> }).collect_view()}</ul>
                </section>
                <section>
                    <h2>"Where it leads"</h2>
                    <ul>{path.outcomes.iter().map(|o| view! { <li>{*o}</li> }).collect_view()}</ul>
                </section>
            </div>
            {path.assessment.map(|a| view! { <AssessmentGuide assessment=a /> })}
            <h2>"Phases and weeks"</h2>
            {path.phases.iter().enumerate().map(|(i, phase)| view! {
                <section class="phase" aria-labelledby=format!("phase-{}", phase.id)>
                    <h3 id=format!("phase-{}", phase.id)>
                        <span class=format!("phase-dot phase-{}", i % 8) aria-hidden="true"></span>
                        "Phase " {i + 1} ": " {phase.title}
                    </h3>
                    {phase.summary.map(|s| view! { <p>{s}</p> })}
                    <ol class="week-list">
                        {path.phase_weeks(phase).iter().map(|w| view! {
                            <li>
                                <a href=week_href(path, w.id)>
                                    <span class="week-label">{w.label()}</span>
                                    <span class="week-title">{w.title}</span>
                                </a>
                                <span class="week-meta">{hours_view(w.hours)} <span>{w.item_count()} " items"</span></span>
                            </li>
                        }).collect_view()}
                    </ol>
                </section>
            }).collect_view()}
        </article>
    }
    .into_any()
}

/// Every week as a segment, as wide as the weeks it spans and coloured by phase; the phase
/// is also written in each segment's label, so colour is never the only cue.
#[component]
fn Timeline(path: &'static Path) -> impl IntoView {
    view! {
        <nav class="timeline" aria-label="Timeline">
            <ol style=format!("grid-template-columns: repeat({}, minmax(0, 1fr))", path.duration_weeks)>
                {path.weeks.iter().map(|w| {
                    let phase = &path.phases[w.phase];
                    let label = format!("{}: {} (phase {}: {})", w.label(), w.title, w.phase + 1, phase.title);
                    view! {
                        <li style=format!("grid-column: span {}", w.span())>
                            <a href=week_href(path, w.id) class=format!("phase-{}", w.phase % 8) aria-label=label.clone() title=label>
                                <span aria-hidden="true">{w.start}</span>
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </nav>
    }
}

/// The path's self-assessment rubric: what each score means per domain, and which track a
/// total recommends. (Scoring yourself and keeping the result is part of learner progress.)
#[component]
fn AssessmentGuide(assessment: &'static Assessment) -> impl IntoView {
    let tracks = assessment.tracks;
    view! {
        <section class="assessment" aria-labelledby="assessment">
            <h2 id="assessment">"Skills self-assessment"</h2>
            <p>{assessment.prompt}</p>
            <div class="table-scroll">
                <table>
                    <thead><tr><th scope="col">"Domain"</th><th scope="col">"1–2"</th><th scope="col">"3"</th><th scope="col">"4–5"</th></tr></thead>
                    <tbody>
                        {assessment.domains.iter().map(|d| view! {
                            <tr id=format!("domain-{}", d.id)><th scope="row">{d.title}</th><td>{d.low}</td><td>{d.mid}</td><td>{d.high}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <h3>"Tracks by total score"</h3>
            <ul class="tracks">
                {tracks.iter().enumerate().map(|(i, t)| {
                    let range = match tracks.get(i + 1) {
                        Some(next) => format!("{}–{}", t.min_score, next.min_score - 1),
                        None => format!("{}+", t.min_score),
                    };
                    view! { <li id=format!("track-{}", t.id)><strong>{t.title} " (" {range} "): "</strong>{t.advice}</li> }
                }).collect_view()}
            </ul>
        </section>
    }
}
