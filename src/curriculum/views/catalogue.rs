use super::html::{Esc, Html};
use super::{page_title, path_facts, path_href};
use strata_browser as browser;
use crate::curriculum::{paths, Path};
use leptos::prelude::*;
use std::fmt::Write;

/// Every learning path as a card: what it is, how long, for whom, and what it leads to.
#[component]
pub fn CataloguePage(home: bool) -> impl IntoView {
    browser::set_title(&if home { "Strata · learn data-intensive systems".to_string() } else { page_title(&["Learning paths"]) });
    view! { <section class="catalogue" inner_html=catalogue_html(home) /> }
}

fn catalogue_html(home: bool) -> String {
    let mut out = Html::default();
    if home {
        let total_weeks: u16 = paths().iter().map(|p| p.duration_weeks).sum();
        let _ = write!(
            out,
            "<h1 tabindex=\"-1\">Learn how data systems really work</h1><p class=\"lede\">Five learning paths, {total_weeks} weeks \
             of material in all, from your first pipeline to the storage engines and distributed designs underneath. Pick a \
             path, open a week, and work through its topics, labs and readings at your own pace.</p>\
             <h2 class=\"section-title\">Learning paths</h2>"
        );
    } else {
        out.raw("<h1 tabindex=\"-1\">Learning paths</h1>");
    }
    out.raw("<ul class=\"path-cards\">");
    for path in paths() {
        out.raw("<li>");
        card(&mut out, path);
        out.raw("</li>");
    }
    out.raw("</ul>");
    out.0
}

fn card(out: &mut Html, path: &Path) {
    let _ = write!(
        out,
        "<article class=\"path-card\" aria-labelledby=\"card-{id}\"><h3 id=\"card-{id}\"><a href=\"{href}\">{title}</a></h3>",
        id = path.id,
        href = path_href(path),
        title = Esc(path.title),
    );
    path_facts(out, path);
    let _ = write!(out, "<p>{}</p><details><summary>Prerequisites and outcomes</summary><h4>You should already have</h4>", Esc(path.summary));
    out.list("", path.prerequisites).raw("<h4>You will be able to</h4>").list("", path.outcomes).raw("</details></article>");
}
