use super::html::{Esc, Html};
use super::{hours_html, page_title, path_facts, week_href};
use crate::app::NotFound;
use strata_browser as browser;
use crate::curriculum::tally::{path_tally, phase_tally, week_tally};
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

fn path_html(path: &Path, progress: &Progress) -> String {
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
    let tally = path_tally(path, progress);
    let _ = write!(out, "<section class=\"standing\" aria-labelledby=\"standing\"><h2 id=\"standing\">Your progress</h2>");
    controls::completion_bar(&mut out, "Items of this path finished", &tally);
    let _ = write!(
        out,
        "<p>Hours are estimates. <a href=\"{}\">Study plan, pace and calendar</a> · <a href=\"{}\">Print with your progress</a></p></section>",
        Route::Plan { path: path.id.into() }.to_hash(),
        Route::Print { path: path.id.into() }.to_hash(),
    );
    timeline(&mut out, path);
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
            "<section class=\"phase\" aria-labelledby=\"phase-{id}\"><h3 id=\"phase-{id}\"><span class=\"phase-dot phase-{colour}\" aria-hidden=\"true\"></span>Phase {n}: {title}</h3>",
            id = phase.id,
            colour = i % 8,
            n = i + 1,
            title = Esc(phase.title),
        );
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
            hours_html(&mut out, w.hours);
            let t = week_tally(path, w, progress);
            let _ = write!(out, "<span>{} of {} done</span></span></li>", t.finished(), t.items);
        }
        out.raw("</ol></section>");
    }
    out.0
}

/// Every week as a segment, as wide as the weeks it spans and coloured by phase; the phase
/// is also written in each segment's label, so colour is never the only cue.
fn timeline(out: &mut Html, path: &Path) {
    let _ = write!(
        out,
        "<nav class=\"timeline\" aria-label=\"Timeline\"><ol style=\"grid-template-columns: repeat({}, minmax(0, 1fr))\">",
        path.duration_weeks
    );
    for w in path.weeks {
        let phase = &path.phases[w.phase];
        let label = format!("{}: {} (phase {}: {})", w.label(), w.title, w.phase + 1, phase.title);
        let _ = write!(
            out,
            "<li style=\"grid-column: span {}\"><a href=\"{}\" class=\"phase-{}\" aria-label=\"{label}\" title=\"{label}\"><span aria-hidden=\"true\">{}</span></a></li>",
            w.span(),
            week_href(path, w.id),
            w.phase % 8,
            w.start,
            label = Esc(&label),
        );
    }
    out.raw("</ol></nav>");
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
