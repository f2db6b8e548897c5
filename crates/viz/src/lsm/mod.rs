//! The LSM-tree visualizer's own parts: its operations form, its options (with the real
//! systems' parameter names and defaults), and its figures: measured amplification beside the
//! models' estimates, and charts of each against operations. The page around them is the
//! shared one in `page.rs`; the engine, layout and scenario grammar are in crates/engine.

mod charts;
mod figures;
mod ops_form;
mod options;

use crate::page::{PageHandle, WidgetView};
use leptos::prelude::*;
use strata_engine::scene::Scene;
use strata_engine::widgets::lsm::LsmWidget;

impl WidgetView for LsmWidget {
    fn workbench(page: PageHandle<Self>) -> AnyView {
        view! {
            <ops_form::OpsForm add_ops=page.add_ops />
            <options::Options page=page />
            <figures::Figures shown=page.shown />
            <charts::Charts shown=page.shown />
        }
        .into_any()
    }

    /// Levels are wide and short, so a small embed draws them well under 100 %: the labels
    /// (level names, the key axis, table numbers) stay at a readable size instead, up to the
    /// 24 units its layout leaves room for (14 px at 59 %, a 640 × 360 embed of a few rows).
    /// Past that (a tall tree in a small frame) the text shrinks with the drawing rather than
    /// run into the next row.
    fn text_size(_scene: &Scene) -> crate::stage::TextSize {
        crate::stage::TextSize { min_px: 14.0, max_units: strata_engine::layout::lsm::MAX_TEXT_UNITS }
    }
}
