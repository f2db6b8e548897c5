//! Curriculum pages. Thin components: the data is static and the logic lives in
//! `strata_curriculum` (derived figures, tallies); search lives in the study module.

mod catalogue;
mod path_page;
mod week_page;

// Markup as strings: shared with the study module, which renders search results the same way.
pub use strata_browser::html;

pub use catalogue::CataloguePage;
pub use path_page::PathPage;
pub use week_page::WeekPage;

use super::{Hours, Path, Tag};
use crate::route::Route;
use html::{Esc, Html};
use std::fmt::Write;

pub fn path_href(path: &Path) -> String {
    Route::Path { path: path.id.into() }.to_hash()
}

pub fn week_href(path: &Path, week_id: &str) -> String {
    Route::Week { path: path.id.into(), week: week_id.into() }.to_hash()
}

/// "20–25 h", with the unit spelled out for screen readers.
pub fn hours_html(out: &mut Html, hours: Option<Hours>) {
    if let Some(h) = hours {
        let label = h.label();
        let spoken = label.replace('–', " to ").replace(" h", " hours");
        let _ = write!(out, "<span class=\"hours\" aria-label=\"{}\">{}</span>", Esc(&spoken), Esc(&label));
    }
}

pub fn tags_html(out: &mut Html, tags: &[Tag]) {
    if tags.is_empty() {
        return;
    }
    out.raw("<ul class=\"tags\" aria-label=\"Topics\">");
    for t in tags {
        let _ = write!(out, "<li class=\"tag\" data-tag=\"{}\">{}</li>", t.slug(), Esc(t.label()));
    }
    out.raw("</ul>");
}

/// One fact of a `<dl class="facts">`: the value is markup the caller built.
pub fn fact(out: &mut Html, term: &str, value: &str) {
    let _ = write!(out, "<div><dt>{}</dt><dd>{value}</dd></div>", Esc(term));
}

/// The facts a path is chosen by, shared by its catalogue card and its page.
pub fn path_facts(out: &mut Html, path: &Path) {
    out.raw("<dl class=\"facts\">");
    fact(out, "Level", path.level.label());
    fact(out, "Duration", &format!("{} weeks", path.duration_weeks));
    fact(out, "Per week", &hours_text(path.weekly_hours));
    if let Some(total) = path.total_hours() {
        fact(out, "In all", &hours_text(total));
    }
    fact(out, "Content", &format!("{} items, {} readings", path.item_count(), path.readings.len()));
    out.raw("</dl>");
}

pub fn hours_text(hours: Hours) -> String {
    let mut h = Html::default();
    hours_html(&mut h, Some(hours));
    h.0
}

pub fn page_title(parts: &[&str]) -> String {
    let mut title = parts.join(" · ");
    title.push_str(" · Strata");
    title
}
