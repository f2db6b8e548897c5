use super::html::{Esc, Html};
use super::{minutes_html, page_title, path_facts, week_href};
use crate::app::NotFound;
use strata_browser as browser;
use crate::curriculum::tally::{path_minutes, path_tally, phase_minutes, phase_tally, week_budget, week_tally, Tally};
use crate::curriculum::{find_path, Assessment, Path};
use crate::progress::{self, controls};
use crate::route::Route;
use strata_progress::Progress;
use leptos::prelude::*;
use std::fmt::Write;

/// One path: its facts, a compact timeline of every week, and the phases with their weeks.
#[component]
pub fn PathPage(path_id: String) -> impl IntoView {
    let Some(path) = find_path(&path_id) else {
        return view! { <NotFound what=Route::Path { path: path_id }.to_hash() /> }.into_any();
    };
    browser::set_title(&page_title(&[path.title]));
    view! { <article class="path-page" inner_html=move || progress::read(|p| path_html(path, p)) /> }.into_any()
}

pub(super) fn path_html(path: &Path, progress: &Progress) -> String {
    let mut out = Html::default();
    let _ = write!(
        out,
        "<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\"><ol><li><a href=\"#/paths\">Paths</a></li><li aria-current=\"page\">{title}</li></ol></nav>\
         <h1 tabindex=\"-1\">{title}</h1><p class=\"lede\">{summary}</p>",
        title = Esc(path.title),
        summary = Esc(path.summary),
    );
    if let Some(q) = path.essential_question {
        let _ = write!(out, "<p class=\"question\"><strong>Essential question: </strong>{}</p>", Esc(q));
    }
    path_facts(&mut out, path);
    weekly_hours_note(&mut out, path);
    let tally = path_tally(path, progress);
    let _ = write!(out, "<section class=\"standing\" aria-labelledby=\"standing\"><h2 id=\"standing\">Your progress</h2>");
    controls::completion_bar(&mut out, "Items of this path finished", &tally);
    let _ = write!(
        out,
        "<p>Hours are estimates. <a href=\"{}\">Study plan, pace and calendar</a> · <a href=\"{}\">Print with your progress</a></p></section>",
        Route::Plan { path: path.id.into() }.to_hash(),
        Route::Print { path: path.id.into() }.to_hash(),
    );
    timeline(&mut out, path, progress);
    out.raw("<div class=\"two-col\"><section><h2>Before you start</h2>")
        .list("", path.prerequisites)
        .raw("</section><section><h2>Where it leads</h2>")
        .list("", path.outcomes)
        .raw("</section></div>");
    if let Some(a) = path.assessment {
        assessment(&mut out, path, a);
    }
    out.raw("<h2>Phases and weeks</h2>");
    for (i, phase) in path.phases.iter().enumerate() {
        let _ = write!(
            out,
            "<section class=\"phase\" aria-labelledby=\"phase-{id}\"><h3 id=\"phase-{id}\"><span class=\"phase-dot phase-{colour}\" aria-hidden=\"true\"></span>Phase {n}: {title} ",
            id = phase.id,
            colour = i % 8,
            n = i + 1,
            title = Esc(phase.title),
        );
        minutes_html(&mut out, phase_minutes(path, i), None);
        out.raw("</h3>");
        if let Some(s) = phase.summary {
            let _ = write!(out, "<p>{}</p>", Esc(s));
        }
        controls::completion_bar(&mut out, &format!("Phase {} items finished", i + 1), &phase_tally(path, i, progress));
        out.raw("<ol class=\"week-list\">");
        for w in path.phase_weeks(phase) {
            let _ = write!(
                out,
                "<li><a href=\"{}\"><span class=\"week-label\">{}</span><span class=\"week-title\">{}</span></a><span class=\"week-meta\">",
                week_href(path, w.id),
                w.label(),
                Esc(w.title)
            );
            minutes_html(&mut out, week_budget(path, w), None);
            let t = week_tally(path, w, progress);
            let _ = write!(out, "<span>{} of {} done</span></span></li>", t.finished(), t.items);
        }
        out.raw("</ol></section>");
    }
    out.0
}

/// Where the source's weeks ask for more (or less) than the hours a week it gives the path,
/// say so once: Strata counts each week at its own hours.
fn weekly_hours_note(out: &mut Html, path: &Path) {
    let (low, high) = (path.weekly_hours.low, path.weekly_hours.high);
    let outside: Vec<_> = path.weeks.iter().filter_map(|w| w.hours).filter(|h| h.high > high || h.low < low).collect();
    if outside.is_empty() {
        return;
    }
    let most = outside.iter().map(|h| h.high).max().unwrap_or(high);
    let total = path_minutes(path);
    let _ = write!(
        out,
        "<p class=\"hours-note\" id=\"hours-note\">The source gives this path {} a week, but {} of its weeks ask for other hours (up to {}). Strata counts each week at its own hours: {} in all, {} a week on average.</p>",
        Esc(&path.weekly_hours.label()),
        outside.len(),
        Esc(&crate::curriculum::hours_text(u32::from(most))),
        Esc(&crate::curriculum::hours_text(total)),
        Esc(&crate::curriculum::hours_text(total / u32::from(path.duration_weeks.max(1)))),
    );
}

/// Every week as a segment, as wide as the weeks it spans and coloured by phase; the phase
/// is also written in each segment's label, so colour is never the only cue. A finished week is
/// filled with its phase colour; a started one shows how far along it is as a bar on its lower
/// edge. Narrow screens lay a long path out ten weeks to a row, so the numbers never crowd.
fn timeline(out: &mut Html, path: &Path, progress: &Progress) {
    let narrow = if path.duration_weeks > 20 { 10 } else { path.duration_weeks };
    let _ = write!(
        out,
        "<nav class=\"timeline\" aria-label=\"Timeline\"><ol style=\"--weeks: {}; --narrow-weeks: {narrow}\">",
        path.duration_weeks
    );
    for w in path.weeks {
        let phase = &path.phases[w.phase];
        let t: Tally = week_tally(path, w, progress);
        let (state, said) = match (t.finished(), t.items) {
            (f, n) if n > 0 && f == n => ("done", "finished".to_string()),
            (0, _) if !t.started() => ("todo", "not started".to_string()),
            _ => ("started", format!("{}% finished", t.percent())),
        };
        let label = format!("{}: {} (phase {}: {}), {said}", w.label(), w.title, w.phase + 1, phase.title);
        let _ = write!(
            out,
            "<li style=\"grid-column: span {}\"><a href=\"{}\" class=\"phase-{}\" data-state=\"{state}\" style=\"--done: {}%\" aria-label=\"{label}\" title=\"{label}\"><span aria-hidden=\"true\">{}</span></a></li>",
            w.span(),
            week_href(path, w.id),
            w.phase % 8,
            t.percent(),
            if w.span() > 1 { format!("{}–{}", w.start, w.end) } else { w.start.to_string() },
            label = Esc(&label),
        );
    }
    out.raw("</ol><p class=\"timeline-key hint\"><span class=\"key-done\" aria-hidden=\"true\"></span>finished <span class=\"key-started\" aria-hidden=\"true\"></span>started, the bar shows how far <span class=\"key-todo\" aria-hidden=\"true\"></span>not started</p></nav>");
}

/// The path's self-assessment: the form that scores it and keeps the result is on the study
/// plan page, which knows the learner's answers; here, what it is for and the way there.
fn assessment(out: &mut Html, path: &Path, a: &Assessment) {
    let _ = write!(
        out,
        "<section class=\"assessment\" aria-labelledby=\"assessment\"><h2 id=\"assessment\">Skills self-assessment</h2><p>{}</p>\
         <p>Rate yourself in {} domains to see which of the {} tracks suits you. <a class=\"button\" href=\"{}\">Take the self-assessment</a></p></section>",
        Esc(a.prompt),
        a.domains.len(),
        a.tracks.len(),
        Route::Plan { path: path.id.into() }.to_hash(),
    );
}
