use super::html::{Esc, Html};
use super::{fact, hours_html, hours_text, page_title, path_href, tags_html, week_href};
use crate::app::NotFound;
use strata_browser as browser;
use crate::curriculum::tally::{checks_done, item_key, week_tally};
use crate::curriculum::{find_path, Item, Path, Reading, Structure, Tag};
use crate::progress::{self, controls};
use crate::route::Route;
use leptos::prelude::*;
use std::fmt::Write;
use strata_progress::{Key, Progress, State};

/// One week: objectives, the items in their groups, the checkpoint and the readings.
#[component]
pub fn WeekPage(path_id: String, week_id: String) -> impl IntoView {
    let found = find_path(&path_id).and_then(|p| p.week(&week_id).map(|(i, _)| (p, i)));
    let Some((path, index)) = found else {
        return view! { <NotFound what=Route::Week { path: path_id, week: week_id }.to_hash() /> }.into_any();
    };
    let week = &path.weeks[index];
    browser::set_title(&page_title(&[&format!("{}: {}", week.label(), week.title), path.title]));
    let (said, announce) = signal(String::new());
    view! {
        <article
            class="week-page"
            inner_html=move || progress::read(|p| week_html(path, index, p))
            on:click=move |e| controls::on_click(e, announce)
            on:keydown=move |e| controls::on_keydown(e, announce)
        />
        <p class="visually-hidden" role="status">{said}</p>
    }
    .into_any()
}

fn week_html(path: &Path, index: usize, progress: &Progress) -> String {
    let week = &path.weeks[index];
    let phase = &path.phases[week.phase];
    let mut out = Html::default();
    let _ = write!(
        out,
        "<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\"><ol><li><a href=\"#/paths\">Paths</a></li><li><a href=\"{}\">{}</a></li><li aria-current=\"page\">{label}</li></ol></nav>\
         <p class=\"eyebrow\"><span class=\"phase-dot phase-{}\" aria-hidden=\"true\"></span>Phase {}: {}</p>\
         <h1 tabindex=\"-1\"><span class=\"week-label\">{label}</span> {}</h1><dl class=\"facts\">",
        path_href(path),
        Esc(path.title),
        week.phase % 8,
        week.phase + 1,
        Esc(phase.title),
        Esc(week.title),
        label = week.label(),
    );
    if let Some(h) = week.hours {
        fact(&mut out, "Time", &hours_text(h));
    }
    fact(&mut out, "Items", &week.item_count().to_string());
    let tally = week_tally(path, week, progress);
    out.raw("</dl>");
    controls::completion_bar(&mut out, "This week's items finished", &tally);
    let _ = write!(
        out,
        "<p class=\"lede\">{}</p><p class=\"hint\">Mark each item as you go. With focus on an item's buttons, press <kbd>D</kbd> done, <kbd>I</kbd> in progress, <kbd>S</kbd> skip or <kbd>R</kbd> to reset. Hours are estimates.</p>",
        Esc(week.summary)
    );
    if !week.objectives.is_empty() {
        out.raw("<section aria-labelledby=\"objectives\"><h2 id=\"objectives\">By the end of this week you can</h2>")
            .list("objectives", week.objectives)
            .raw("</section>");
    }
    for g in week.groups {
        let _ = write!(out, "<section class=\"group\"><h2>{} ", Esc(g.title));
        hours_html(&mut out, g.hours);
        if g.suggested {
            suggestion_html(&mut out, "Strata added this list: the path's source does not have it");
        }
        out.raw("</h2><ul class=\"items\">");
        for item in g.items {
            item_html(&mut out, path, item, progress.state(&item_key(path, item)));
        }
        out.raw("</ul></section>");
    }
    if let Some(cp) = &week.checkpoint {
        let _ = write!(
            out,
            "<section class=\"checkpoint\" id=\"{id}\" aria-labelledby=\"cp-{id}\"><h2 id=\"cp-{id}\">Checkpoint: {}</h2><p>Before moving on, check that you can ({} of {} ticked):",
            Esc(cp.title),
            checks_done(path, week, progress).0,
            cp.validation.len(),
            id = cp.id,
        );
        if cp.suggested {
            suggestion_html(&mut out, "The path's source gives no checklist for this milestone: Strata wrote this one");
        }
        out.raw("</p><ul class=\"validation\">");
        for (i, line) in cp.validation.iter().enumerate() {
            let key = Key::check(path.id, cp.id, i as u16 + 1);
            let _ = write!(
                out,
                "<li><label><input type=\"checkbox\" data-key=\"{}\" data-title=\"{text}\"{}> {text}</label></li>",
                key.to_text(),
                if progress.state(&key) == State::Done { " checked" } else { "" },
                text = Esc(line),
            );
        }
        out.raw("</ul>");
        if let Some(a) = cp.assessment {
            let _ = write!(out, "<p><strong>Practical assessment: </strong>{}</p>", Esc(a));
        }
        out.raw("</section>");
    }
    if !week.readings.is_empty() {
        out.raw("<section class=\"readings\" aria-labelledby=\"readings\"><h2 id=\"readings\">Readings</h2><ul>");
        for &r in week.readings {
            reading_html(&mut out, &path.readings[r]);
        }
        out.raw("</ul></section>");
    }
    out.raw("<nav class=\"pager\" aria-label=\"Weeks\">");
    let neighbours = [(index.checked_sub(1), "prev", "← Previous"), (Some(index + 1), "next", "Next →")];
    for (i, rel, arrow) in neighbours {
        if let Some(w) = i.and_then(|i| path.weeks.get(i)) {
            let _ = write!(
                out,
                "<a href=\"{}\" rel=\"{rel}\" class=\"pager-{rel}\"><span class=\"pager-dir\">{arrow}</span><span>{}: {}</span></a>",
                week_href(path, w.id),
                w.label(),
                Esc(w.title)
            );
        }
    }
    out.raw("</nav>");
    out.0
}

fn item_html(out: &mut Html, path: &Path, item: &Item, state: State) {
    let _ = write!(
        out,
        "<li class=\"item\" id=\"{}\" data-kind=\"{kind}\" data-key=\"{}/{}\" data-state=\"{}\" data-title=\"{title}\"><span class=\"kind\">{kind}</span><span class=\"item-title\">{title}</span>",
        item.id,
        path.id,
        item.id,
        state.word(),
        title = Esc(item.title),
        kind = item.kind.label(),
    );
    if item.suggested {
        suggestion_html(out, "Strata added this item: the path's source does not ask for it");
    }
    controls::state_badge(out, state);
    hours_html(out, item.hours);
    tags_html(out, item.tags);
    visualizer_link(out, item.tags);
    if let Some(n) = item.note {
        let _ = write!(out, "<p class=\"note\">{}</p>", Esc(n));
    }
    if let Some(r) = item.reading.map(|r| &path.readings[r]) {
        out.raw("<p class=\"note\">Read: ");
        cite_html(out, r);
        if let Some(a) = r.authors {
            let _ = write!(out, ", {}", Esc(a));
        }
        out.raw("</p>");
    }
    controls::item_buttons(out, item.title, state);
    out.raw("</li>");
}

/// Items about B-trees or indexing link to a guided scenario that shows the idea moving: a
/// B-tree item starts where every B-tree starts, with a split; an indexing item gets the
/// B-tree / B+ tree comparison, the choice an index designer makes. (Slugs: the viz module's
/// `GUIDED` list in crates/engine/src/scenario/btree.rs.)
fn visualizer_link(out: &mut Html, tags: &[Tag]) {
    let Some(tag) = tags.iter().find(|t| t.structure() == Structure::BTree) else { return };
    let (slug, title) = match tag {
        Tag::Btree => ("first-root-split", "the first root split"),
        _ => ("b-vs-bplus", "B-tree and B+ tree on the same keys"),
    };
    let _ = write!(
        out,
        "<p class=\"try-viz\">See it step by step: <a href=\"#/viz/btree?guided={slug}\">{title}</a> · <a href=\"#/viz\">all guided scenarios</a></p>"
    );
}

/// "Strata's suggestion": what Strata added beyond the path's source, with the reason as its
/// tooltip and, for screen readers, as hidden text.
fn suggestion_html(out: &mut Html, why: &str) {
    let _ = write!(out, "<span class=\"suggested\" title=\"{why}\">Strata's suggestion<span class=\"visually-hidden\">: {why}</span></span>", why = Esc(why));
}

/// A reading's title, as a link to its canonical address where it has one. The link opens in
/// a new tab only when the learner follows it; the app itself never requests it.
fn cite_html(out: &mut Html, r: &Reading) {
    match r.url.filter(|u| !u.is_empty()) {
        Some(url) => {
            let _ = write!(
                out,
                "<cite><a href=\"{}\" target=\"_blank\" rel=\"noopener\">{}<span class=\"visually-hidden\"> (opens in a new tab)</span></a></cite>",
                Esc(url),
                Esc(r.title)
            );
        }
        None => {
            let _ = write!(out, "<cite>{}</cite>", Esc(r.title));
        }
    }
}

fn reading_html(out: &mut Html, r: &Reading) {
    let _ = write!(out, "<li class=\"reading\" id=\"reading-{}\"><span class=\"kind\">{}</span>", r.id, r.kind.label());
    cite_html(out, r);
    if r.suggested {
        suggestion_html(out, "The path's source does not name this reading: Strata suggests it");
    }
    if let Some(a) = r.authors {
        let _ = write!(out, "<span class=\"authors\">{}</span>", Esc(a));
    }
    if let Some(y) = r.year {
        let _ = write!(out, "<span class=\"year\">({y})</span>");
    }
    if let Some(n) = r.note {
        let _ = write!(out, "<p class=\"note\">{}</p>", Esc(n));
    }
    out.raw("</li>");
}
