use super::html::{Esc, Html};
use super::{fact, minutes_html, page_title, path_href, tags_html, week_href};
use crate::app::NotFound;
use strata_browser as browser;
use crate::curriculum::tally::{checks_done, item_key, week_hours, week_tally, WeekHours};
use crate::curriculum::{find_path, hours_text, Hours, Item, Path, Reading, Tag};
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

pub(super) fn week_html(path: &Path, index: usize, progress: &Progress) -> String {
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
    let hours = week_hours(path, week);
    fact(&mut out, "Time", &time_fact(path, week.hours, &hours));
    fact(&mut out, "Items", &week.item_count().to_string());
    let tally = week_tally(path, week, progress);
    out.raw("</dl>");
    controls::completion_bar(&mut out, "This week's items finished", &tally);
    scaled_note(&mut out, path, week.hours, &hours);
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
    let mut counted = hours.items.iter();
    for (gi, g) in week.groups.iter().enumerate() {
        let _ = write!(out, "<section class=\"group\"><h2>{} ", Esc(g.title));
        minutes_html(&mut out, hours.group(week, gi), source_title(g.hours, &hours).as_deref());
        if g.suggested {
            suggestion_html(&mut out, "Strata added this list: the path's source does not have it");
        }
        out.raw("</h2><ul class=\"items\">");
        for item in g.items {
            let minutes = counted.next().copied().unwrap_or(0);
            item_html(&mut out, path, item, progress.state(&item_key(path, item)), minutes, source_title(item.hours, &hours).as_deref());
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

/// "22.5 h", and where that figure comes from.
fn time_fact(path: &Path, own: Option<Hours>, hours: &WeekHours) -> String {
    let mut h = Html::default();
    minutes_html(&mut h, hours.budget, None);
    let from = match own {
        Some(range) if range.low != range.high => format!("the middle of the source's {}", range.label()),
        Some(_) => "as the source gives it".to_string(),
        None => format!("the path's {} a week", path.weekly_hours.label()),
    };
    let _ = write!(h, " <span class=\"hours-from\">({})</span>", Esc(&from));
    h.0
}

/// Said once, on the week, where the source's parts did not add up to the week.
fn scaled_note(out: &mut Html, path: &Path, own: Option<Hours>, hours: &WeekHours) {
    if !hours.scaled() {
        return;
    }
    let week = match own {
        Some(range) => format!("The source gives this week {}", range.label()),
        None => format!("The source gives this path {} a week", path.weekly_hours.label()),
    };
    let parts = if hours.unfunded > 0 {
        format!(
            "the hours it gives the week's parts already come to {}, leaving nothing for {} item{} without a figure of {} own (Strata counts {} as the path's average item, {})",
            hours_text(hours.given),
            hours.unfunded,
            if hours.unfunded == 1 { "" } else { "s" },
            if hours.unfunded == 1 { "its" } else { "their" },
            if hours.unfunded == 1 { "it" } else { "each" },
            hours_text(hours.average)
        )
    } else if hours.parts > hours.budget {
        format!("the hours it gives the week's parts add up to {}", hours_text(hours.parts))
    } else {
        format!("the hours it gives the week's parts add up to only {}", hours_text(hours.parts))
    };
    let _ = write!(
        out,
        "<p class=\"hours-note\" id=\"hours-note\">{week}, but {parts}. Strata counts the week as {}, so it counts every item at {}% and the figures below add up to the week.</p>",
        hours_text(hours.budget),
        hours.percent()
    );
}

/// The source's own figure for a part, where the week's scaling changed it.
fn source_title(own: Option<Hours>, hours: &WeekHours) -> Option<String> {
    own.filter(|_| hours.scaled()).map(|h| format!("{} in the source, scaled to fit the week", h.label()))
}

fn item_html(out: &mut Html, path: &Path, item: &Item, state: State, minutes: u32, source: Option<&str>) {
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
    minutes_html(out, minutes, source);
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

/// Items tagged for a structure a visualizer shows link to the guided scenario that shows the
/// idea moving; which scenario each tag gets is the visualizer's entry in
/// `crates/curriculum/src/visualizers.rs`.
fn visualizer_link(out: &mut Html, tags: &[Tag]) {
    let Some((visualizer, scenario)) = crate::curriculum::visualizers::link_for(tags) else { return };
    let _ = write!(
        out,
        "<p class=\"try-viz\">See it step by step: <a href=\"{}\">{}</a> · <a href=\"#/viz\">all guided scenarios</a></p>",
        visualizer.scenario_href(scenario),
        Esc(scenario.title)
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
