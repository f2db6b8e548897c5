//! The visualizers there are, for the index and the not-found page: the engine's registry
//! (`strata_engine::widget::WIDGETS`) says what each is (slug, title, summary, guided
//! scenarios). Which module carries which page is each module's own list (`src/bin/`).

use strata_engine::widget::{WidgetInfo, WIDGETS};

/// Every widget, in the engine registry's order.
pub fn widgets() -> impl Iterator<Item = &'static WidgetInfo> {
    WIDGETS.iter()
}
