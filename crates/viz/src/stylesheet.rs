//! The visualizers' stylesheet (assets/viz.css) is loaded with this module, not with the
//! first page: it is only needed once a visualizer shows.

use strata_browser as browser;

const ID: &str = "strata-viz-css";

pub fn ensure() {
    let Some(doc) = browser::document() else { return };
    if doc.get_element_by_id(ID).is_some() {
        return;
    }
    let Ok(link) = doc.create_element("link") else { return };
    let _ = link.set_attribute("id", ID);
    let _ = link.set_attribute("rel", "stylesheet");
    let _ = link.set_attribute("href", "./viz.css");
    if let Some(head) = doc.head() {
        let _ = head.append_child(&link);
    }
}
