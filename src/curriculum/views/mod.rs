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

/// "20–25 h" as the source gives it, with the unit spelled out for screen readers.
pub fn hours_html(out: &mut Html, hours: Option<Hours>) {
    if let Some(h) = hours {
        let label = h.label();
        let _ = write!(out, "<span class=\"hours\" aria-label=\"{}\">{}</span>", Esc(&spoken(&label)), Esc(&label));
    }
}

/// A figure Strata counts by the hours rule (`tally::week_hours`), in minutes; `data-minutes`
/// lets the tests add the figures on a page up.
pub fn minutes_html(out: &mut Html, minutes: u32, title: Option<&str>) {
    let label = super::hours_text(minutes);
    let _ = write!(out, "<span class=\"hours\" data-minutes=\"{minutes}\" aria-label=\"{}\"", Esc(&spoken(&label)));
    if let Some(t) = title {
        let _ = write!(out, " title=\"{}\"", Esc(t));
    }
    let _ = write!(out, ">{}</span>", Esc(&label));
}

fn spoken(label: &str) -> String {
    label.replace('–', " to ").replace(" h", " hours").replace(" min", " minutes")
}

/// Tag pills, each a link: to the visualizer that shows the tag's structure where one exists,
/// else to a search for the tag.
pub fn tags_html(out: &mut Html, tags: &[Tag]) {
    if tags.is_empty() {
        return;
    }
    out.raw("<ul class=\"tags\" aria-label=\"Topics\">");
    for t in tags {
        let (href, what) = match t.visualizer() {
            Some(v) => (v.href(), format!("{}: open the {}", t.label(), v.title)),
            None => (Route::Search { query: t.label().to_string() }.to_hash(), format!("{}: search every path for it", t.label())),
        };
        let _ = write!(
            out,
            "<li><a class=\"tag\" data-tag=\"{}\" href=\"{}\" title=\"{}\">{}</a></li>",
            t.slug(),
            Esc(&href),
            Esc(&what),
            Esc(t.label())
        );
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
    let mut total = Html::default();
    minutes_html(&mut total, super::tally::path_minutes(path), None);
    fact(out, "In all", &total.0);
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

#[cfg(test)]
mod tests {
    use super::super::{paths, tally};
    use strata_progress::Progress;

    /// Every `data-minutes` figure in `html`, in order.
    fn minutes_in(html: &str) -> Vec<u32> {
        html.split("data-minutes=\"").skip(1).map(|rest| rest[..rest.find('"').unwrap()].parse().unwrap()).collect()
    }

    /// The parts of `html` that start with `marker`, each up to the next one.
    fn sections<'a>(html: &'a str, marker: &str) -> Vec<&'a str> {
        html.split(marker).skip(1).collect()
    }

    #[test]
    fn every_page_shows_figures_that_add_up() {
        let empty = Progress::default();
        let catalogue = super::catalogue::catalogue_html(true, &empty);
        let cards = minutes_in(&catalogue);
        assert_eq!(cards.len(), paths().len(), "one total per card");
        for (p, path) in paths().iter().enumerate() {
            let page = super::path_page::path_html(path, &empty);
            let all = minutes_in(&page)[0];
            assert_eq!(all, cards[p], "{}: the card's total against the page's", path.id);
            assert_eq!(all, tally::path_tally(path, &empty).hours_left, "{}: against the progress figures", path.id);
            let phases = sections(&page, "<section class=\"phase\"");
            assert_eq!(phases.len(), path.phases.len());
            let mut phase_sum = 0;
            let mut week_figures = Vec::new();
            for (i, phase) in phases.iter().enumerate() {
                let figures = minutes_in(phase);
                assert_eq!(figures[0], figures[1..].iter().sum::<u32>(), "{} phase {}: the phase against its weeks", path.id, i + 1);
                phase_sum += figures[0];
                week_figures.extend_from_slice(&figures[1..]);
            }
            assert_eq!(phase_sum, all, "{}: the phases against the path", path.id);
            assert_eq!(week_figures.len(), path.weeks.len());
            for (wi, week) in path.weeks.iter().enumerate() {
                let page = super::week_page::week_html(path, wi, &empty);
                let time = minutes_in(&page)[0];
                assert_eq!(time, week_figures[wi], "{}/{}: the week page against the path page", path.id, week.id);
                let groups = sections(&page, "<section class=\"group\"");
                assert_eq!(groups.len(), week.groups.len());
                let mut group_sum = 0;
                for (gi, g) in groups.iter().enumerate() {
                    let g = &g[..g.find("</section>").unwrap()];
                    let figures = minutes_in(g);
                    assert_eq!(figures.len(), week.groups[gi].items.len() + 1);
                    assert_eq!(figures[0], figures[1..].iter().sum::<u32>(), "{}/{} group {gi}: against its items", path.id, week.id);
                    group_sum += figures[0];
                }
                assert_eq!(group_sum, time, "{}/{}: the groups against the week", path.id, week.id);
                let scaled = tally::week_hours(path, week).scaled();
                assert_eq!(page.contains("id=\"hours-note\""), scaled, "{}/{}: the scaling is said once where it happens", path.id, week.id);
                assert!(page.matches("id=\"hours-note\"").count() <= 1);
            }
        }
    }

    #[test]
    fn tag_pills_link_to_the_visualizer_or_a_search() {
        let mut out = super::Html::default();
        super::tags_html(&mut out, &[super::Tag::Btree, super::Tag::Indexing, super::Tag::Lsm, super::Tag::ConsistentHashing]);
        let html = out.0;
        assert_eq!(html.matches("href=\"#/viz/btree\"").count(), 2, "{html}");
        assert!(html.contains("href=\"#/viz/lsm\""), "{html}");
        assert!(html.contains("href=\"#/viz/ring\""), "consistent hashing has a visualizer: {html}");
    }
}
