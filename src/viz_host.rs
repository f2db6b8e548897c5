//! Hosts the visualizer module (crates/viz), a second wasm file that loads on first use.
//!
//! The curriculum is what most visits need, so the first load carries only the shell; the
//! engines, layouts and player arrive when a `#/viz/…` or `#/embed/…` page first opens, and
//! stay loaded after that. If the module cannot load (offline before it was ever fetched, a
//! blocked request), the page says so where the visualizer would be, with a retry button.

use leptos::html::Div;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(inline_js = r#"
let loading = null;
// Imports the visualizer module once; relative to the page, so any sub-path works.
export function load_visualizers() {
  if (!loading) {
    loading = import(new URL("./strata-viz.js", document.baseURI).href)
      .then(async (m) => { await m.default({ module_or_path: new URL("./strata-viz_bg.wasm", document.baseURI) }); return m; })
      .catch((e) => { loading = null; throw e; });
  }
  return loading;
}
"#)]
extern "C" {
    fn load_visualizers() -> js_sys::Promise;
}

/// Calls an exported function of the loaded module, if it has it.
fn call(module: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = js_sys::Reflect::get(module, &name.into())?.dyn_into()?;
    f.apply(&JsValue::NULL, &args.iter().collect::<js_sys::Array>())
}

/// The visualizer for `hash` (e.g. `#/viz/btree?degree=5`), mounted in a div of its own.
#[component]
pub fn VisualizerHost(hash: String) -> impl IntoView {
    let target = NodeRef::<Div>::new();
    let (status, set_status) = signal(Status::Loading);
    let module = StoredValue::new_local(None::<JsValue>);
    let (attempt, set_attempt) = signal(0u32);

    Effect::new(move |_| {
        attempt.track();
        let Some(el) = target.get() else { return };
        let hash = hash.clone();
        set_status.set(Status::Loading);
        spawn_local(async move {
            let loaded = wasm_bindgen_futures::JsFuture::from(load_visualizers()).await;
            let result = loaded.and_then(|m| {
                call(&m, "mount", &[el.into(), hash.trim_start_matches('#').into()])?;
                module.set_value(Some(m));
                Ok(())
            });
            set_status.set(match result {
                Ok(()) => Status::Shown,
                Err(e) => Status::Failed(e.as_string().unwrap_or_else(|| {
                    js_sys::Reflect::get(&e, &"message".into()).ok().and_then(|m| m.as_string()).unwrap_or_else(|| "unknown error".into())
                })),
            });
        });
    });
    on_cleanup(move || {
        if let Some(m) = module.try_get_value().flatten() {
            let _ = call(&m, "unmount", &[]);
        }
    });

    view! {
        {move || match status.get() {
            Status::Loading => view! { <p class="viz-status" role="status">"Loading the visualizer…"</p> }.into_any(),
            Status::Shown => ().into_any(),
            Status::Failed(why) => view! {
                <div class="viz-status notice" role="alert">
                    <p>"The visualizer could not be loaded: " {why}</p>
                    <p>"Check the connection, then try again."</p>
                    <button type="button" class="button" on:click=move |_| set_attempt.update(|n| *n += 1)>"Try again"</button>
                </div>
            }.into_any(),
        }}
        <div class="viz-host" node_ref=target></div>
    }
}

#[derive(Clone, PartialEq)]
enum Status {
    Loading,
    Shown,
    Failed(String),
}
