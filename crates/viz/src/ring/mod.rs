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
}
