//! The B-tree and B+ tree visualizer's own parts: its operations form and its options. The
//! page around them (player, stage, caption, legend, compare mode, history, counters, message
//! API, address) is the shared one in `page.rs`; the engine, layout and scenario grammar are in
//! crates/engine.

mod ops_form;
mod options;

use crate::page::{PageHandle, WidgetView};
use leptos::prelude::*;
use strata_engine::widgets::btree::BTreeWidget;

impl WidgetView for BTreeWidget {
    fn workbench(page: PageHandle<Self>) -> AnyView {
        view! {
            <ops_form::OpsForm add_ops=page.add_ops />
            <options::Options page=page />
        }
        .into_any()
    }
}
