//! Hosts the modules that load on first use: the visualizers (crates/viz) and the study pages
//! (crates/study). Each is a wasm file of its own.
//!
//! The curriculum is what most visits need, so the first load carries only the shell; the
//! engines, layouts and player arrive when a `#/viz/…` or `#/embed/…` page first opens, and the
//! study plan, chart, import and export when `#/progress`, `#/plan/…` or `#/print/…` does.
//! Loading, mounting and the "could not load" message live in a few lines of JavaScript: done
//! in Rust they cost the first load several kilobytes of future and view code, for work that
//! is only glue.

use leptos::html::Div;
use std::sync::atomic::{AtomicU32, Ordering};
use leptos::prelude::*;
use strata_curriculum::visualizers::VISUALIZERS;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
const loading = {};
const shown = {};
// Imports a module once; relative to the page, so any sub-path works. The single file
// (dist/strata.html, see scripts/offline-build.mjs) carries the modules inside it instead.
function load(name) {
  if (!loading[name]) {
    const at = (file) => new URL(file, document.baseURI).href;
    const single = window.strataSingleFile;
    // index.html may have started this module already, on a cold deep link.
    const early = !single && window.strataEarly && window.strataEarly[name];
    loading[name] = (early ? early : single ? single.load(name) : import(at(`./${name}.js`))
      .then(async (m) => { await m.default({ module_or_path: at(`./${name}_bg.wasm`) }); return m; }))
      .catch((e) => { delete loading[name]; if (window.strataEarly) delete window.strataEarly[name]; throw e; });
  }
  return loading[name];
}
// Which host showed each module last: a page that goes may be cleaned up after the next page
// of the same module has mounted, and must not unmount that one.
export function show_module(name, what, el, route, host) {
  el.innerHTML = `<p class="viz-status" role="status">Loading the ${what}…</p>`;
  load(name).then((m) => {
    if (!el.isConnected) return;
    el.textContent = "";
    m.mount(el, route);
    shown[name] = { m, host };
  }, (e) => {
    el.innerHTML = `<div class="viz-status notice" role="alert"><p>The ${what} could not be loaded: <span></span></p>` +
      '<p>Check the connection, then try again.</p><button type="button" class="button">Try again</button></div>';
    el.querySelector("span").textContent = String(e && e.message || e);
    el.querySelector("button").onclick = () => show_module(name, what, el, route, host);
  });
}
export function hide_module(name, host) {
  if (shown[name] && shown[name].host === host) {
    shown[name].m.unmount();
    delete shown[name];
  }
}
"#)]
extern "C" {
    fn show_module(name: &str, what: &str, el: web_sys::HtmlElement, route: &str, host: u32);
    fn hide_module(name: &str, host: u32);
}

/// Mounts module `name` for `hash` in a div of its own, and unmounts it when the page goes.
fn module_host(name: String, what: &'static str, hash: String) -> impl IntoView {
    static HOSTS: AtomicU32 = AtomicU32::new(0);
    let host = HOSTS.fetch_add(1, Ordering::Relaxed);
    let target = NodeRef::<Div>::new();
    let shown = name.clone();
    Effect::new(move |_| {
        if let Some(el) = target.get() {
            show_module(&shown, what, el.into(), hash.trim_start_matches('#'), host);
        }
    });
    on_cleanup(move || hide_module(&name, host));
    view! { <div class="viz-host" node_ref=target></div> }
}

/// The module that shows visualizer `widget`: each visualizer is a module of its own,
/// `strata-viz-<slug>` (crates/viz/src/bin/); the index (`widget` empty) and slugs that name
/// no visualizer go to the first one's module, which shows the index and the not-found page.
pub fn visualizer_module(widget: &str) -> String {
    let known = VISUALIZERS.iter().find(|v| v.slug == widget).unwrap_or(&VISUALIZERS[0]);
    format!("strata-viz-{}", known.slug)
}

/// The visualizer `widget` at `hash` (e.g. `#/viz/btree?degree=5`).
#[component]
pub fn VisualizerHost(widget: String, hash: String) -> impl IntoView {
    module_host(visualizer_module(&widget), "visualizer", hash)
}

/// The progress page, a study plan or a print view, for `hash`.
#[component]
pub fn StudyHost(hash: String) -> impl IntoView {
    module_host("strata-study".into(), "study tools", hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// index.html builds a module for every visualizer, and its early fetch for cold deep links
    /// knows each one's name.
    #[test]
    fn every_visualizer_has_a_module() {
        let html = include_str!("../index.html");
        for v in VISUALIZERS {
            let module = visualizer_module(v.slug);
            assert!(html.contains(&format!("data-bin=\"{module}\"")), "index.html does not build {module}");
            assert!(html.contains(&format!("\"{}\"", v.slug)), "index.html's early fetch does not know {}", v.slug);
        }
        assert_eq!(visualizer_module(""), "strata-viz-btree");
        assert_eq!(visualizer_module("nope"), "strata-viz-btree");
    }
}
