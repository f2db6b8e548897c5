//! `#/plan/<path>`: the self-assessment (where the path has one), the study plan with its
//! pace verdict and expected finish, weekly activity, the streak, and the calendar file.

use crate::shell;
use leptos::prelude::*;
use std::collections::BTreeSet;
use strata_browser as browser;
use strata_curriculum::tally::{item_hours, path_minutes, path_tally, suggested_tenths};
use strata_curriculum::{tenths_text, Assessment as Rubric, Path, Track};
use strata_progress::hours::tenths_to_minutes;
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
            <h3>"What your total means"</h3>
            <p>{format!(
                "Five areas rated 1 to 5 give a total from {} to {}. The source sets the bands below; where its numbers fall outside that range, the table says what Strata makes of your total.",
                rubric.domains.len(), rubric.domains.len() * 5
            )}</p>
            <table class="bands">
                <thead><tr><th scope="col">"Your total"</th><th scope="col">"Track"</th><th scope="col">"The source's band"</th></tr></thead>
                <tbody>
                    {bands(rubric).into_iter().map(|b| view! {
                        <tr id=format!("band-{}", b.track.id) class=b.totals.is_none().then_some("unreachable")>
                            <td>{b.totals.map_or_else(|| "cannot be reached".to_string(), |(lo, hi)| if lo == hi { lo.to_string() } else { format!("{lo}–{hi}") })}</td>
                            <th scope="row">{b.track.title}<span class="advice">{b.track.advice}</span></th>
                            <td>{b.source}{b.note.map(|n| view! { <span class="band-note">{n}</span> })}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <p class="assessment-result" role="status">{move || {
                let s = scores();
                let rated = rubric.domains.iter().filter(|d| s.contains_key(d.id)).count();
                if rated < rubric.domains.len() {
                    return format!("Rate all {} domains to see a recommendation ({rated} rated so far).", rubric.domains.len());
                }
                let total: u16 = rubric.domains.iter().filter_map(|d| s.get(d.id)).map(|&v| u16::from(v)).sum();
                let most = rubric.domains.len() * 5;
                match track_for(rubric, total) {
                    (Some(t), false) => format!("Total {total} of {most}: the {} is recommended. {}", t.title, t.advice),
                    (Some(t), true) => format!(
                        "Total {total} of {most}: below the source's lowest band ({}), so Strata suggests the {}, its gentlest track. {}",
                        t.min_score, t.title, t.advice
                    ),
                    (None, _) => format!("Total {total} of {most}."),
                }
            }}</p>
        </section>
    }
}

/// One row of "what your total means": the totals five ratings can reach in a track's band.
struct Band {
    /// Totals a learner can reach that lead here; `None` where none can.
    totals: Option<(u16, u16)>,
    track: &'static Track,
    /// The source's own numbers for the band, as it writes them.
    source: String,
    note: Option<String>,
}

/// The source's bands against the totals the domains can give: a row for totals under the
/// lowest band (they take the gentlest track), each band clipped to what can be reached, and a
/// band that cannot be reached said plainly, so no learner chases a score that cannot exist.
fn bands(rubric: &'static Rubric) -> Vec<Band> {
    let (least, most) = (rubric.domains.len() as u16, rubric.domains.len() as u16 * 5);
    let mut out = Vec::new();
    let Some(first) = rubric.tracks.first() else { return out };
    if first.min_score > least {
        out.push(Band {
            totals: Some((least, (first.min_score - 1).min(most))),
            track: first,
            source: format!("below {}: not in the source", first.min_score),
            note: Some(format!(
                "The source's bands start at {}; a lower total means most areas are new to you, so Strata points you to the gentlest track.",
                first.min_score
            )),
        });
    }
    for (i, t) in rubric.tracks.iter().enumerate() {
        let high = rubric.tracks.get(i + 1).map(|next| next.min_score - 1);
        let source = match high {
            Some(h) => format!("{}–{h}", t.min_score),
            None => format!("{}+", t.min_score),
        };
        let (lo, hi) = (t.min_score.max(least), high.unwrap_or(most).min(most));
        let (totals, note) = if lo > hi {
            (None, Some(format!("More than the {most} that {least} areas rated 1–5 can give: choose it only if you already work at that level.")))
        } else if high.is_none_or(|h| h > most) {
            (Some((lo, hi)), Some(format!("{most} is the highest total the ratings can give.")))
        } else {
            (Some((lo, hi)), None)
        };
        out.push(Band { totals, track: t, source, note });
    }
    out
}

/// The track a total leads to, and whether the total is under the source's lowest band.
fn track_for(rubric: &'static Rubric, total: u16) -> (Option<&'static Track>, bool) {
    match rubric.tracks.iter().rev().find(|t| total >= t.min_score) {
        Some(t) => (Some(t), false),
        None => (rubric.tracks.first(), true),
    }
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
    let suggested = suggested_tenths(path);
    view! {
        <section class="plan-form" aria-labelledby="plan">
            <h2 id="plan">"Your plan"</h2>
            <p id="suggested">{format!(
                "Strata counts this path as {} over {} weeks (the source gives {} a week): {} h a week finishes it in {} weeks.",
                crate::hours(path_minutes(path)), path.duration_weeks, path.weekly_hours.label(), tenths_text(suggested), path.duration_weeks
            )}</p>
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
                            <p id="finish">{format!("At {} a week you finish around {}.", crate::hours(tenths_to_minutes(u32::from(plan.hours_per_week))), calendar::long(o.finish))}</p>
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
    // Redrawn when the window's size or zoom (and so devicePixelRatio) changes, to stay sharp.
    let (resized, set_resized) = signal(0u32);
    let resize = window_event_listener(leptos::ev::resize, move |_| set_resized.update(|n| *n += 1));
    on_cleanup(move || resize.remove());
    // ...and when its column changes width: the study stylesheet arrives after the first draw,
    // and a canvas drawn for the old width would be stretched (blurred) to the new one.
    Effect::new(move |_| {
        let Some(column) = canvas.get().and_then(|c| c.parent_element()) else { return };
        // The callback belongs to the JS side (collected with the observer once disconnected).
        let on_resize = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(move |_| set_resized.update(|n| *n += 1)).into_js_value();
        if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.unchecked_ref()) {
            observer.observe(&column);
            let observer = StoredValue::new_local(observer);
            on_cleanup(move || {
                observer.try_with_value(|o| o.disconnect());
            });
        }
    });
    Effect::new(move |_| {
        let _ = resized.get();
        let (weeks, _, per_week) = data();
        if let Some(canvas) = canvas.get() {
            // The planned line: the items a week the plan's hours cover, at the path's average item.
            let average = average_item(path);
            let planned = per_week.map(|h| f64::from(tenths_to_minutes(u32::from(h))) / f64::from(average.max(1)));
            crate::chart::draw(canvas, &weeks, planned);
        }
    });
    view! {
        <section class="activity" aria-labelledby="activity">
            <h2 id="activity">"Weekly activity"</h2>
            <canvas node_ref=canvas class="activity-chart" role="img"
                aria-label="Bar chart of items finished per week; the same figures are in the table below."></canvas>
            <p class="hint">"Bars: items of this path you marked done, in each week from Monday to Sunday. Dashed line: the items a week your plan's hours cover, at this path's average item."</p>
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
