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
use strata_engine::ring::Cluster;
use strata_engine::scene::Scene;
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

    /// A ring's few labels (the key looked up, replica ranks) stand apart from its shapes, so
    /// they may be drawn larger than the ring's scale: in an 800×450 embed the ring is drawn
    /// at 20 to 35 %, where 16-unit text was 3 to 6 px. Bucket views grow theirs only as far
    /// as a label per bar can grow without running into its neighbours.
    fn text_size(scene: &Scene) -> crate::stage::TextSize {
        if strata_engine::layout::ring::is_ring(scene) {
            crate::stage::TextSize { min_px: 14.0, max_units: f64::INFINITY }
        } else {
            crate::stage::TextSize { min_px: 14.0, max_units: strata_engine::layout::ring::bucket_text_units(scene) }
        }
    }

    fn series_legend(c: &Cluster) -> Vec<(Option<u16>, String)> {
        strata_engine::layout::ring::series_legend(c)
    }
}
