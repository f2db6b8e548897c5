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
use leptos::prelude::*;
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
export function show_module(name, what, el, route) {
  el.innerHTML = `<p class="viz-status" role="status">Loading the ${what}…</p>`;
  load(name).then((m) => {
    if (!el.isConnected) return;
    el.textContent = "";
    m.mount(el, route);
    shown[name] = m;
  }, (e) => {
    el.innerHTML = `<div class="viz-status notice" role="alert"><p>The ${what} could not be loaded: <span></span></p>` +
      '<p>Check the connection, then try again.</p><button type="button" class="button">Try again</button></div>';
    el.querySelector("span").textContent = String(e && e.message || e);
    el.querySelector("button").onclick = () => show_module(name, what, el, route);
  });
}
export function hide_module(name) {
  if (shown[name]) shown[name].unmount();
  delete shown[name];
}
"#)]
extern "C" {
    fn show_module(name: &str, what: &str, el: web_sys::HtmlElement, route: &str);
    fn hide_module(name: &str);
}

/// Mounts module `name` for `hash` in a div of its own, and unmounts it when the page goes.
fn module_host(name: &'static str, what: &'static str, hash: String) -> impl IntoView {
    let target = NodeRef::<Div>::new();
    Effect::new(move |_| {
        if let Some(el) = target.get() {
            show_module(name, what, el.into(), hash.trim_start_matches('#'));
        }
    });
    on_cleanup(move || hide_module(name));
    view! { <div class="viz-host" node_ref=target></div> }
}

/// The visualizer for `hash` (e.g. `#/viz/btree?degree=5`).
#[component]
pub fn VisualizerHost(hash: String) -> impl IntoView {
    module_host("strata-viz", "visualizer", hash)
}

/// The progress page, a study plan or a print view, for `hash`.
#[component]
pub fn StudyHost(hash: String) -> impl IntoView {
    module_host("strata-study", "study tools", hash)
}
