//! The visualizers this module can show. The engine's registry (`strata_engine::widget::WIDGETS`)
//! says what each is (slug, title, summary, guided scenarios) and feeds the index and the
//! not-found page; this list pairs each slug with its page. Adding a widget is one line in each.

use crate::page::viz_page;
use crate::Address;
use leptos::prelude::*;
use strata_engine::widget::{Widget, WidgetInfo, WIDGETS};
use strata_engine::widgets::btree::BTreeWidget;

type PageFn = fn(Address) -> AnyView;

const PAGES: &[(&str, PageFn)] = &[(BTreeWidget::SLUG, |a| viz_page::<BTreeWidget>(a).into_any())];

/// The page for `slug`, if there is such a widget.
pub fn page(slug: &str) -> Option<PageFn> {
    PAGES.iter().find(|(s, _)| *s == slug).map(|(_, p)| *p)
}

/// Every widget with a page, in the engine registry's order.
pub fn widgets() -> impl Iterator<Item = &'static WidgetInfo> {
    WIDGETS.iter().filter(|w| page(w.slug).is_some())
}
