//! `#/plan/<path>`: the self-assessment (where the path has one), the study plan with its
//! pace verdict and expected finish, weekly activity, the streak, and the calendar file.

use crate::shell;
use leptos::prelude::*;
use std::collections::BTreeSet;
use strata_browser as browser;
use strata_curriculum::tally::{item_hours, midpoint, path_tally};
use strata_curriculum::{tenths_text, Assessment as Rubric, Path};
use strata_progress::calendar::{self, Day};
use strata_progress::plan::{outlook, schedule, streak, weekly_counts, Verdict, PACE_RULE, STREAK_RULE};
use strata_progress::{ics, Assessment, Key, Plan, State};
use wasm_bindgen::JsCast;

#[component]
pub fn PlanPage(path: &'static Path) -> impl IntoView {
    browser::set_title(&format!("Study plan · {} · Strata", path.title));
    view! {
        <section class="plan-page">
            <nav class="breadcrumbs" aria-label="Breadcrumb"><ol>
                <li><a href="#/paths">"Paths"</a></li>
                <li><a href=format!("#/paths/{}", path.id)>{path.title}</a></li>
                <li aria-current="page">"Study plan"</li>
            </ol></nav>
            <h1 tabindex="-1">"Study plan: " {path.title}</h1>
            {path.assessment.map(|rubric| view! { <SelfAssessment path=path rubric=rubric /> })}
            <PlanForm path=path />
            <Standing path=path />
            <Activity path=path />
        </section>
    }
}

#[component]
fn SelfAssessment(path: &'static Path, rubric: &'static Rubric) -> impl IntoView {
    let scores = move || shell::with_progress(|p| p.assessments.get(path.id).map(|a| a.scores.clone()).unwrap_or_default());
    let set_score = move |domain: &'static str, score: u8| {
        let _ = shell::change(|p| {
            let entry = p.assessments.get_or_insert_with(path.id.to_string(), Assessment::default);
            entry.scores.insert(domain.to_string(), score);
            entry.at = shell::now();
        });
    };
    view! {
        <section class="self-assessment" aria-labelledby="assess">
            <h2 id="assess">"Skills self-assessment"</h2>
            <p>{rubric.prompt}</p>
            <form on:submit=|e| e.prevent_default()>
                {rubric.domains.iter().map(|d| view! {
                    <fieldset class="domain">
                        <legend>{d.title}</legend>
                        <p class="scale"><span>"1–2: "{d.low}</span><span>"3: "{d.mid}</span><span>"4–5: "{d.high}</span></p>
                        <div class="scores">
                            {(1u8..=5).map(|n| view! {
                                <label>
                                    <input type="radio" name=format!("score-{}", d.id) value=n.to_string()
                                        prop:checked=move || scores().get(d.id) == Some(&n)
                                        on:change=move |_| set_score(d.id, n) />
                                    {n.to_string()}
                                </label>
                            }).collect_view()}
                        </div>
                    </fieldset>
                }).collect_view()}
            </form>
            <h3>"Tracks by total score"</h3>
            <ul class="tracks">
                {rubric.tracks.iter().enumerate().map(|(i, t)| {
                    let range = match rubric.tracks.get(i + 1) {
                        Some(next) => format!("{}–{}", t.min_score, next.min_score - 1),
                        None => format!("{}+", t.min_score),
                    };
                    view! { <li id=format!("track-{}", t.id)><strong>{format!("{} ({range}): ", t.title)}</strong>{t.advice}</li> }
                }).collect_view()}
            </ul>
            {unreachable_track(rubric).map(|text| view! { <p class="hint">{text}</p> })}
            <p class="assessment-result" role="status">{move || {
                let s = scores();
                let rated = rubric.domains.iter().filter(|d| s.contains_key(d.id)).count();
                if rated < rubric.domains.len() {
                    return format!("Rate all {} domains to see a recommendation ({rated} rated so far).", rubric.domains.len());
                }
                let total: u16 = s.values().map(|&v| u16::from(v)).sum();
                match rubric.tracks.iter().rev().find(|t| total >= t.min_score) {
                    Some(t) => format!("Total {total} of {}: the {} is recommended. {}", rubric.domains.len() * 5, t.title, t.advice),
                    None => format!("Total {total} of {}.", rubric.domains.len() * 5),
                }
            }}</p>
        </section>
    }
}

/// A track whose threshold is above the most the domains can give, said plainly: the source
/// sets the thresholds, and a learner should not chase a score that cannot be reached.
fn unreachable_track(rubric: &Rubric) -> Option<String> {
    let most = rubric.domains.len() as u16 * 5;
    let t = rubric.tracks.iter().find(|t| t.min_score > most)?;
    Some(format!(
        "The {} asks for {} points, more than the {most} that {} domains rated 1–5 can give, so self-rating alone cannot recommend it: choose it if you already work at that level.",
        t.title,
        t.min_score,
        rubric.domains.len()
    ))
}

/// Start date and hours per week; saved as soon as both are valid.
#[component]
fn PlanForm(path: &'static Path) -> impl IntoView {
    let plan = move || shell::with_progress(|p| p.plans.get(path.id).copied());
    let (error, set_error) = signal(None::<String>);
    let save = move |_| {
        let Some(doc) = browser::document() else { return };
        let value = |id: &str| {
            doc.get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok()).map(|i| i.value()).unwrap_or_default()
        };
        let Some(start) = calendar::parse_iso(&value("plan-start")) else {
            set_error.set(Some("Choose a start date.".into()));
            return;
        };
        let hours = strata_progress::hours::parse_tenths(value("plan-hours").trim()).filter(|h| (5..=800).contains(h));
        let Some(hours) = hours else {
            set_error.set(Some("Hours per week must be a number from 0.5 to 80, like 8 or 7.5.".into()));
            return;
        };
        set_error.set(None);
        let outcome = shell::change(|p| {
            p.plans.insert(path.id.to_string(), Plan { start, hours_per_week: hours as u16, at: shell::now() });
        });
        if let Err(message) = outcome {
            set_error.set(Some(message));
        }
    };
    let suggested = midpoint(path.weekly_hours);
    view! {
        <section class="plan-form" aria-labelledby="plan">
            <h2 id="plan">"Your plan"</h2>
            <p>{format!("The path suggests {} a week for {} weeks.", crate::hours(suggested), path.duration_weeks)}</p>
            <form on:submit=move |e| { e.prevent_default(); save(()); }>
                <label>"Start date "
                    <input type="date" id="plan-start" required
                        prop:value=move || calendar::iso(plan().map_or_else(shell::today, |p| p.start))
                        aria-invalid=move || error.get().is_some().then_some("true")
                        aria-describedby="plan-error" />
                </label>
                <label>"Hours per week "
                    <input type="text" inputmode="decimal" id="plan-hours" size="5" required
                        prop:value=move || tenths_text(plan().map_or(suggested, |p| u32::from(p.hours_per_week)))
                        aria-invalid=move || error.get().is_some().then_some("true")
                        aria-describedby="plan-error" />
                </label>
                <button type="submit" class="button primary" id="plan-save">"Save plan"</button>
            </form>
            <p id="plan-error" class="field-error" role="alert">{move || error.get()}</p>
        </section>
    }
}


/// Completion, hours, the pace verdict and the expected finish.
#[component]
fn Standing(path: &'static Path) -> impl IntoView {
    view! {
        <section class="standing" aria-labelledby="standing">
            <h2 id="standing">"Where you stand"</h2>
            {move || {
                let (tally, plan) = shell::with_progress(|p| (path_tally(path, p), p.plans.get(path.id).copied()));
                let today = shell::today();
                let verdict = plan.map(|plan| {
                    let o = outlook(&plan, tally.workload(), today);
                    let (class, text) = match o.verdict {
                        Verdict::NotYetStarted => ("pace-later", format!("Your plan starts on {}.", calendar::long(plan.start))),
                        Verdict::Finished => ("pace-ahead", "Finished: every item is done or skipped.".to_string()),
                        Verdict::Ahead(by) => ("pace-ahead", format!("Ahead of plan by {}.", crate::hours(by))),
                        Verdict::OnPace => ("pace-on", "On pace.".to_string()),
                        Verdict::Behind(by) => ("pace-behind", format!("Behind plan by {}.", crate::hours(by))),
                    };
                    view! {
                        <p class=format!("verdict {class}") id="verdict"><strong>{text}</strong></p>
                        <p>{format!("By today the plan expects {} done; you have done {}.", crate::hours(o.expected), crate::hours(tally.hours_done))}</p>
                        {(o.verdict != Verdict::Finished).then(|| view! {
                            <p id="finish">{format!("At {} a week you finish around {}.", crate::hours(u32::from(plan.hours_per_week)), calendar::long(o.finish))}</p>
                        })}
                        <p class="hint">{PACE_RULE}</p>
                        <p><button type="button" class="button" id="download-ics" on:click=move |_| download_calendar(path, &plan)>"Download the plan's weeks as a calendar (.ics)"</button>
                           " " <a href=format!("#/print/{}", path.id)>"Print view"</a></p>
                    }
                    .into_any()
                });
                view! {
                    <p>{format!("{} of {} items finished ({}%). {} done, {} left (estimated).",
                        tally.finished(), tally.items, tally.percent(), crate::hours(tally.hours_done), crate::hours(tally.hours_left))}</p>
                    {verdict.unwrap_or_else(|| view! { <p>"Save a plan above to see whether you are on pace and when you will finish."</p> }.into_any())}
                }
            }}
        </section>
    }
}

fn download_calendar(path: &'static Path, plan: &Plan) {
    let hours: Vec<u32> = path.weeks.iter().map(|w| item_hours(path, w).iter().sum()).collect();
    let events: Vec<ics::Event> = path
        .weeks
        .iter()
        .zip(schedule(plan, &hours))
        .zip(&hours)
        .map(|((w, (start, end)), &h)| ics::Event {
            uid: format!("{}-{}@strata", path.id, w.id),
            summary: format!("{} · {}: {}", path.title, w.label(), w.title),
            description: format!("{} About {} of study.", w.summary, crate::hours(h)),
            start,
            end,
        })
        .collect();
    let text = ics::calendar(&format!("Strata: {}", path.title), &events, shell::now());
    shell::download(&format!("strata-{}-plan.ics", path.id), "text/calendar", &text);
}

/// Items finished per week, as a chart with a table beside it for screen readers; and the streak.
#[component]
fn Activity(path: &'static Path) -> impl IntoView {
    let data = move || {
        shell::with_progress(|p| {
            let offset = shell::offset_minutes();
            let days: Vec<Day> = p
                .marks
                .iter()
                .filter(|(k, m)| m.state == State::Done && matches!(k, Key::Item { .. }) && k.path() == path.id)
                .map(|(_, m)| calendar::day_of(m.at, offset))
                .collect();
            let today = shell::today();
            let from = p.plans.get(path.id).map_or(today - 7 * 11, |plan| plan.start.min(today)).max(today - 7 * 25);
            let all_days: BTreeSet<Day> = p
                .marks
                .values()
                .filter(|m| m.state == State::Done)
                .map(|m| calendar::day_of(m.at, offset))
                .collect();
            (weekly_counts(days, from, today), streak(&all_days, today), p.plans.get(path.id).map(|pl| pl.hours_per_week))
        })
    };
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    Effect::new(move |_| {
        let (weeks, _, per_week) = data();
        if let Some(canvas) = canvas.get() {
            // The planned line: the items a week the plan's hours cover, at the path's average item.
            let average = average_item(path);
            let planned = per_week.map(|h| f64::from(h) / f64::from(average.max(1)));
            crate::chart::draw(canvas, &weeks, planned);
        }
    });
    view! {
        <section class="activity" aria-labelledby="activity">
            <h2 id="activity">"Weekly activity"</h2>
            <canvas node_ref=canvas class="activity-chart" role="img"
                aria-label="Bar chart of items finished per week; the same figures are in the table below."></canvas>
            <p class="hint">"Bars: items of this path you marked done, by week. Dashed line: the items a week your plan's hours cover, at this path's average item."</p>
            <details>
                <summary>"The figures as a table"</summary>
                <table class="activity-table">
                    <thead><tr><th scope="col">"Week of"</th><th scope="col">"Items finished"</th></tr></thead>
                    <tbody>{move || data().0.into_iter().map(|(monday, n)| view! {
                        <tr><td>{calendar::long(monday)}</td><td>{n}</td></tr>
                    }).collect_view()}</tbody>
                </table>
            </details>
            <p class="streak" id="streak"><strong>{move || {
                let s = data().1;
                format!("Streak: {s} day{}", if s == 1 { "" } else { "s" })
            }}</strong></p>
            <p class="hint">{STREAK_RULE}</p>
        </section>
    }
}

fn average_item(path: &'static Path) -> u32 {
    let (sum, count) = path.weeks.iter().fold((0u32, 0u32), |(s, c), w| {
        let h = item_hours(path, w);
        (s + h.iter().sum::<u32>(), c + h.len() as u32)
    });
    sum / count.max(1)
}
