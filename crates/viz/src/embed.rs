//! What a visualizer does inside someone else's page (an `#/embed/…` address in an iframe):
//! it hands the keys it does not use back to the deck, and reports the height its content
//! needs. The host side of both is web/strata-embed.js.

use crate::messages::{parent_frame, post_to};
use crate::player::{is_control, is_field, target_tag};
use leptos::ev;
use leptos::prelude::*;
use strata_browser as browser;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Passes the keys nothing in the widget used to the embedding page as
/// `{"type":"strata:key","key":…,"code":…,"shiftKey":…,"altKey":…,…}`, so a focused widget
/// never traps a presenter's clicker. Keys with their own job stay: Tab moves focus, Enter and
/// space press the focused control, anything typed into a field is the field's, and Ctrl/⌘
/// shortcuts belong to the browser.
pub fn hand_back_unused_keys() {
    let Some(parent) = parent_frame() else { return };
    let listener = window_event_listener(ev::keydown, move |e: web_sys::KeyboardEvent| {
        // Decide once every other listener has run: they mark what they used with
        // preventDefault.
        let parent = parent.clone();
        set_timeout(
            move || {
                let tag = target_tag(&e);
                let key = e.key();
                let presses_control = matches!(key.as_str(), " " | "Enter") && is_control(&tag);
                let modifier_only = matches!(key.as_str(), "Shift" | "Control" | "Alt" | "Meta");
                if e.default_prevented() || presses_control || is_field(&tag) || modifier_only || key == "Tab" || e.ctrl_key() || e.meta_key() {
                    return;
                }
                post_to(&parent, &[
                    ("type", "strata:key".into()),
                    ("key", key.into()),
                    ("code", e.code().into()),
                    ("shiftKey", e.shift_key().into()),
                    ("altKey", e.alt_key().into()),
                    ("ctrlKey", false.into()),
                    ("metaKey", false.into()),
                ]);
            },
            std::time::Duration::ZERO,
        );
    });
    on_cleanup(move || listener.remove());
}

/// Posts `{"type":"strata:resize","height":H}` to the embedding page when the content needs
/// more height than it last said (after each change `changes` tracks, a new step) or the frame
/// changes width.
///
/// An embed fills its frame, so the page's own height says nothing; the natural height is the
/// frame's, less the stage, plus each tree at its natural size (full size, or narrower trees
/// scaled down to the frame's width), so the host can grow the frame to show the tree whole.
pub fn report_height(changes: impl Fn() + 'static) {
    let Some(parent) = parent_frame() else { return };
    // (frame width, height posted): the height only grows while the width stays, so the slide
    // around the frame does not jump from step to step.
    let posted = StoredValue::new_local((0i32, 0i32));
    let measure_and_post = move || {
        let Some((width, height)) = natural_height() else { return };
        let (last_width, last_height) = posted.get_value();
        if width != last_width || height > last_height {
            posted.set_value((width, height));
            post_to(&parent, &[("type", "strata:resize".into()), ("height", height.into())]);
        }
    };
    let post = measure_and_post.clone();
    // After the change is drawn: effects run before the browser lays the new step out.
    Effect::new(move |_| {
        changes();
        let post = post.clone();
        set_timeout(post, std::time::Duration::ZERO);
    });
    // The frame's own size: a resize, and a frame shown after loading hidden (a later slide),
    // which gets no resize event.
    let on_resize = Closure::<dyn FnMut()>::new(measure_and_post);
    let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) else { return };
    if let Some(root) = browser::document().and_then(|d| d.document_element()) {
        observer.observe(&root);
    }
    let kept = StoredValue::new_local(Some((observer, on_resize)));
    on_cleanup(move || {
        if let Some((observer, _closure)) = kept.try_update_value(Option::take).flatten() {
            observer.disconnect();
        }
    });
}

/// The frame's width and the height its content needs; `None` while the frame is not laid
/// out (on a hidden slide), when any figure would be meaningless.
fn natural_height() -> Option<(i32, i32)> {
    let doc = browser::document()?;
    let root = doc.document_element()?;
    let (width, frame) = (root.client_width(), root.client_height());
    if width <= 0 || frame <= 0 {
        return None;
    }
    let stage = doc.query_selector(".viz .stage").ok()??;
    let figures = stage.query_selector_all(".tree-figure").ok()?;
    let mut stage_needs = 0;
    for i in 0..figures.length() {
        let Some(figure) = figures.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
        let Some(svg) = figure.query_selector("svg.scene-svg").ok().flatten() else { continue };
        let size = svg.get_attribute("data-scene-size").unwrap_or_default();
        // Whole pixels (see the stage), read as integers: no float parser in the module.
        let mut wh = size.split(' ').filter_map(|n| n.parse::<u32>().ok().map(f64::from));
        let (Some(w), Some(h)) = (wh.next(), wh.next()) else { continue };
        let scale = if w > 0.0 { (f64::from(svg.client_width()) / w).min(1.0) } else { 1.0 };
        let tree = (h * scale).max(96.0).ceil() as i32;
        stage_needs = stage_needs.max(figure.client_height() - svg.client_height() + tree);
    }
    let height = frame - stage.client_height() + stage_needs;
    (height > 0).then_some((width, height))
}
