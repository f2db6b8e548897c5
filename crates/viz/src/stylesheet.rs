//! The visualizers' stylesheet (assets/viz.css) is loaded with this module, not with the
//! first page: it is only needed once a visualizer shows.

pub fn ensure() {
    strata_browser::ensure_stylesheet("strata-viz-css", "./viz.css");
}
