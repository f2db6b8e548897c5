//! The consistent-hashing visualizer's own parts: its operations form, its options, and its
//! figures (load per node against the ideal, spread against virtual nodes, keys moved in
//! compare mode). The page around them is the shared one in `page.rs`; the engine, layout and
//! address grammar are in crates/engine (`ring/`, `layout/ring.rs`, `widgets/ring/`).

mod charts;
mod ops_form;
mod options;
mod stats;

use crate::page::{PageHandle, WidgetView};
use leptos::prelude::*;
use strata_engine::widgets::ring::RingWidget;

impl WidgetView for RingWidget {
    fn workbench(page: PageHandle<Self>) -> AnyView {
        view! {
            <ops_form::OpsForm page=page />
            <options::Options page=page />
            <stats::Stats page=page />
        }
        .into_any()
    }

    /// A ring past a thousand virtual nodes is already binned by its layout (a few thousand
    /// segments, not 100,000), which would keep it in SVG: there a step rewrote about a thousand
    /// arcs and cost 26 ms at the median (bench/REPORT.md, 10 nodes × 100 virtual nodes). On
    /// the canvas it is one redraw.
    fn canvas_from() -> usize {
        1_500
    }
}
