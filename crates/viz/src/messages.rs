//! The message API, on every visualizer page, embedded or not:
//!
//! - in: `{"type":"strata:command","command":"next"|"prev"|"play"|"pause"|"first"|"last"|"goto","step":N}`
//! - in: `{"type":"strata:get-state","id":X}`, answered to the sender with
//!   `{"type":"strata:state","id":X,"state":{…}}`
//! - out: `{"type":"strata:step","step":N,"steps":M}` to the parent frame at every step change.
//!
//! Messages may be objects or JSON text (slide tools send both). Anything malformed is ignored.

use crate::player::{Command, Player};
use js_sys::{Object, Reflect, JSON};
use leptos::ev;
use leptos::prelude::*;
use strata_browser as browser;
use wasm_bindgen::{JsCast, JsValue};

/// Starts answering messages for `player`; `state` writes the widget's state as JSON text.
pub fn install(player: Player, state: impl Fn() -> String + 'static) {
    let listener = window_event_listener(ev::message, move |e: web_sys::MessageEvent| {
        let data = e.data();
        // JSON text is parsed; a parse error throws, which `JSON::parse` returns as Err.
        let data = match data.as_string() {
            Some(text) => match JSON::parse(&text) {
                Ok(v) => v,
                Err(_) => return,
            },
            None => data,
        };
        if !data.is_object() {
            return;
        }
        let field = |name: &str| Reflect::get(&data, &name.into()).unwrap_or(JsValue::UNDEFINED);
        match field("type").as_string().as_deref() {
            Some("strata:command") => {
                let step = field("step").as_f64().filter(|n| n.is_finite() && *n >= 0.0).map(|n| n as usize);
                if let Some(command) = field("command").as_string().and_then(|c| Command::from_name(&c, step)) {
                    player.run(command);
                }
            }
            Some("strata:get-state") => {
                // A cross-origin parent fails `instanceof Window`, so the source is taken as a
                // window unchecked; posting to anything else just returns an error.
                let Some(source) = e.source().map(|s| s.unchecked_into::<web_sys::Window>()) else { return };
                let Ok(state) = JSON::parse(&state()) else { return };
                post_to(&source, &[("type", "strata:state".into()), ("id", field("id")), ("state", state)]);
            }
            _ => {}
        }
    });
    on_cleanup(move || listener.remove());

    Effect::new(move |_| {
        let (step, steps) = (player.position.get(), player.steps.get());
        if let Some(parent) = parent_frame() {
            post_to(&parent, &[("type", "strata:step".into()), ("step", (step as f64).into()), ("steps", (steps as f64).into())]);
        }
    });
}

/// Posts `{field: value, …}` to `target` (any origin: these messages hold nothing private).
pub fn post_to(target: &web_sys::Window, fields: &[(&str, JsValue)]) {
    let message = Object::new();
    for (name, value) in fields {
        let _ = Reflect::set(&message, &(*name).into(), value);
    }
    let _ = target.post_message(&message, "*");
}

/// The embedding window, if this page is in a frame.
pub fn parent_frame() -> Option<web_sys::Window> {
    let window = browser::window()?;
    let parent = window.parent().ok().flatten()?;
    (!Object::is(&parent, &window)).then_some(parent)
}
