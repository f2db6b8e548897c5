//! Hosts the visualizer module (crates/viz), a second wasm file that loads on first use.
//!
//! The curriculum is what most visits need, so the first load carries only the shell; the
//! engines, layouts and player arrive when a `#/viz/…` or `#/embed/…` page first opens, and
//! stay loaded after that. Loading, mounting and the "could not load" message live in a few
//! lines of JavaScript: done in Rust they cost the first load several kilobytes of future and
//! view code, for work that is only glue.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
let loading = null;
let shown = null;
// Imports the visualizer module once; relative to the page, so any sub-path works.
function load() {
  if (!loading) {
    const at = (file) => new URL(file, document.baseURI).href;
    loading = import(at("./strata-viz.js"))
      .then(async (m) => { await m.default({ module_or_path: at("./strata-viz_bg.wasm") }); return m; })
      .catch((e) => { loading = null; throw e; });
  }
  return loading;
}
export function show_visualizer(el, route) {
  el.innerHTML = '<p class="viz-status" role="status">Loading the visualizer…</p>';
  load().then((m) => {
    if (!el.isConnected) return;
    el.textContent = "";
    m.mount(el, route);
    shown = m;
  }, (e) => {
    el.innerHTML = '<div class="viz-status notice" role="alert"><p>The visualizer could not be loaded: <span></span></p>' +
      '<p>Check the connection, then try again.</p><button type="button" class="button">Try again</button></div>';
    el.querySelector("span").textContent = String(e && e.message || e);
    el.querySelector("button").onclick = () => show_visualizer(el, route);
  });
}
export function hide_visualizer() {
  if (shown) shown.unmount();
  shown = null;
}
"#)]
extern "C" {
    fn show_visualizer(el: web_sys::HtmlElement, route: &str);
    fn hide_visualizer();
}

/// The visualizer for `hash` (e.g. `#/viz/btree?degree=5`), mounted in a div of its own.
#[component]
pub fn VisualizerHost(hash: String) -> impl IntoView {
    let target = NodeRef::<Div>::new();
    Effect::new(move |_| {
        if let Some(el) = target.get() {
            show_visualizer(el.into(), hash.trim_start_matches('#'));
        }
    });
    on_cleanup(hide_visualizer);
    view! { <div class="viz-host" node_ref=target></div> }
}
