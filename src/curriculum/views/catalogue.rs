use super::html::{Esc, Html};
use super::{page_title, path_facts, path_href};
use strata_browser as browser;
use crate::curriculum::tally::{all_paths_tallies, locate, Tally};
use crate::curriculum::{paths, Path};
use crate::progress::{self, controls};
use leptos::prelude::*;
use strata_progress::Progress;
use std::fmt::Write;

/// Every learning path as a card: what it is, how long, for whom, and what it leads to.
#[component]
pub fn CataloguePage(home: bool) -> impl IntoView {
    browser::set_title(&if home { "Strata · learn data-intensive systems".to_string() } else { page_title(&["Learning paths"]) });
    // "Continue where you left off" names its item by title, which comes with the prose: fetch
    // it in the background and name the item once it is in (the card reads well without it).
    let prose = RwSignal::new(crate::curriculum::has_prose());
    if home && !prose.get_untracked() && progress::read(|p| p.last_touched().is_some()) {
        crate::curriculum::prose::fetch_in_background(move || {
            prose.try_set(true);
        });
    }
    view! {
        <section class="catalogue" inner_html=move || {
            prose.track();
            progress::read(|p| catalogue_html(home, p))
        } />
    }
}

pub(super) fn catalogue_html(home: bool, progress: &Progress) -> String {
    let mut out = Html::default();
    // Every path's standing, worked out once for the "continue" section and the cards.
    let tallies: Vec<(&Path, Tally)> = all_paths_tallies(progress).collect();
    if home {
        let total_weeks: u16 = paths().iter().map(|p| p.duration_weeks).sum();
        let _ = write!(
            out,
            "<h1 tabindex=\"-1\">Learn how data systems really work</h1><p class=\"lede\">Five learning paths, {total_weeks} weeks \
             of material in all, from your first pipeline to the storage engines and distributed designs underneath. Pick a \
             path, open a week, and work through its topics, labs and readings at your own pace.</p>\
             "
        );
        continue_html(&mut out, progress, &tallies);
        out.raw("<h2 class=\"section-title\">Learning paths</h2>");
    } else {
        out.raw("<h1 tabindex=\"-1\">Learning paths</h1>");
    }
    out.raw("<ul class=\"path-cards\">");
    for &(path, tally) in &tallies {
        out.raw("<li>");
        card(&mut out, path, tally);
        out.raw("</li>");
    }
    out.raw("</ul>");
    out.0
}

/// "Continue where you left off": the last item touched, its week, and every path started.
fn continue_html(out: &mut Html, progress: &Progress, tallies: &[(&Path, Tally)]) {
    let Some((key, mark)) = progress.last_touched() else { return };
    out.raw("<section class=\"continue\" aria-labelledby=\"continue\"><h2 id=\"continue\">Continue where you left off</h2>");
    if let Some((path, week, Some(item))) = locate(key) {
        let _ = write!(
            out,
            "<p><a class=\"button primary\" href=\"{}\">{}: {}</a> <span class=\"muted\">{} · ",
            super::week_href(path, week.id),
            week.label(),
            Esc(week.title),
            Esc(path.title),
        );
        // The item's title is prose: until it is in, the week and the path say where.
        if !item.title.is_empty() {
            let _ = write!(out, "{} · ", Esc(item.title));
        }
        let _ = write!(out, "last marked {}</span></p>", mark.state.word().replace('-', " "));
    }
    out.raw("<ul class=\"started\">");
    for (path, tally) in tallies.iter().filter(|(_, t)| t.started()) {
        let _ = write!(out, "<li><a href=\"{}\">{}</a>", super::path_href(path), Esc(path.title));
        controls::completion_bar(out, &format!("{} items finished", path.title), tally);
        out.raw("</li>");
    }
    out.raw("</ul><p><a href=\"#/progress\">All your progress, export and import</a></p></section>");
}

fn card(out: &mut Html, path: &Path, tally: Tally) {
    let _ = write!(
        out,
        "<article class=\"path-card\" aria-labelledby=\"card-{id}\"><h3 id=\"card-{id}\"><a href=\"{href}\">{title}</a></h3>",
        id = path.id,
        href = path_href(path),
        title = Esc(path.title),
    );
    path_facts(out, path);
    if tally.started() {
        controls::completion_bar(out, &format!("{} items finished", path.title), &tally);
    }
    let _ = write!(out, "<p>{}</p><details><summary>Prerequisites and outcomes</summary><h4>You should already have</h4>", Esc(path.summary));
    out.list("", path.prerequisites).raw("<h4>You will be able to</h4>").list("", path.outcomes).raw("</details></article>");
}
