//! The stage: draws a [`Scene`] at a readable size, in a viewport that scrolls both ways.
//!
//! - Zoom levels from 50 % to 300 %, plus "Fit" (the whole scene in view) and "Auto", the
//!   default: on a page, a small scene is drawn larger when there is room (up to 200 %, so a
//!   projector shows it well) and a big one no smaller than keeps its text 14 px high, where
//!   the viewport scrolls; in an embed, Auto fits the frame.
//! - Follow the step: the part of the scene the step is about is brought into view.
//! - Drag, Shift+arrows or the scrollbars pan; +, − and Ctrl+wheel zoom; 0 fits.
//! - While a step plays, the drawing keeps the larger of the old and new sizes, so nothing is
//!   clipped in motion; with `prefers-reduced-motion` steps jump.
//! - Small scenes are SVG ([`svg`]), dense ones a canvas ([`canvas`]).

mod canvas;
mod svg;

use leptos::prelude::*;
use std::sync::Arc;
use strata_browser as browser;
use strata_engine::scene::{decimal, num, Role, Scene};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// More shapes than this (a path counting once per segment) are drawn on a canvas.
pub const CANVAS_FROM: usize = 6_000;
/// From this many shapes the SVG keeps only those near the visible part in the DOM.
const CULL_FROM: usize = 800;
const LEVELS: [f64; 6] = [0.5, 0.75, 1.0, 1.5, 2.0, 3.0];
/// Auto on a page: small scenes grow up to this…
const AUTO_MAX: f64 = 2.0;
/// …and big ones shrink no further than keeps their text this many CSS pixels high.
const READABLE_PX: f64 = 14.0;

/// Calls `on_resize` whenever `el` changes size (inside a ResizeObserver's callback, where
/// reading the layout costs nothing), until the reactive owner it is called under is cleaned up.
pub fn watch_size(el: &web_sys::Element, on_resize: impl FnMut() + 'static) {
    let on_resize = Closure::<dyn FnMut()>::new(on_resize);
    let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) else { return };
    observer.observe(el);
    let kept = StoredValue::new_local(Some((observer, on_resize)));
    on_cleanup(move || {
        if let Some((observer, _closure)) = kept.try_update_value(Option::take).flatten() {
            observer.disconnect();
        }
    });
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Zoom {
    Auto,
    Fit,
    Level(f64),
}

impl Zoom {
    fn value(self) -> String {
        match self {
            Zoom::Auto => "auto".into(),
            Zoom::Fit => "fit".into(),
            Zoom::Level(l) => decimal(l, 2),
        }
    }
}

/// How large a scene's text is drawn: at least `min_px` CSS pixels high whatever the zoom (0:
/// text scales with the drawing), but never more than `max_units` scene units, the most its
/// layout leaves room for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextSize {
    pub min_px: f64,
    pub max_units: f64,
}

impl TextSize {
    /// Text that scales with the drawing.
    pub const SCALED: TextSize = TextSize { min_px: 0.0, max_units: f64::INFINITY };

    /// The smallest scale at which the text is still [`READABLE_PX`] high, and no smaller
    /// than the lowest zoom level. Text held at `min_px` lets the drawing shrink until
    /// `max_units` runs out: a ring's labels stay 14 px however small the ring is, so on a
    /// phone the whole ring fits instead of being cut at both sides.
    fn readable_from(self) -> f64 {
        let font = strata_engine::scene::FONT_SIZE;
        let largest = if self.min_px >= READABLE_PX { self.max_units.max(font) } else { font };
        (READABLE_PX / largest).max(LEVELS[0])
    }

    /// The font size of scene text in scene units at `scale`: the scene's own, or more when
    /// `min_px` needs it, up to `max_units`.
    fn units(self, scale: f64) -> f64 {
        let font = strata_engine::scene::FONT_SIZE;
        if self.min_px > 0.0 && scale > 0.0 {
            font.max((self.min_px / scale).min(self.max_units))
        } else {
            font
        }
    }
}

fn scaled_text(_: &Scene) -> TextSize {
    TextSize::SCALED
}

/// Whether the viewer asked for less motion.
pub fn reduced_motion() -> bool {
    browser::window()
        .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
        .is_some_and(|m| m.matches())
}

enum Renderer {
    Svg(svg::SvgRenderer),
    Canvas,
}

#[component]
pub fn Stage(
    scene: Signal<Arc<Scene>>,
    /// What the picture shows, in words, for screen readers.
    description: Signal<String>,
    /// An embed: the stage takes the frame's leftover height and Auto fits it.
    #[prop(optional)]
    embedded: bool,
    /// Show the zoom row (full controls).
    #[prop(optional)]
    zoom_controls: bool,
    /// One animation phase's length in milliseconds (0: jump).
    phase_ms: Signal<f64>,
    /// From this weight ([`Scene::weight`]) the scene is drawn on a canvas; a widget whose
    /// layout already aggregates a dense structure may ask for it sooner (see
    /// [`crate::page::WidgetView::canvas_from`]).
    #[prop(default = CANVAS_FROM)]
    canvas_from: usize,
    /// How large a scene's text is drawn. For scenes whose labels stand apart from their
    /// shapes, so a small embed keeps them readable; see [`crate::page::WidgetView::text_size`].
    #[prop(default = scaled_text)]
    text_size: fn(&Scene) -> TextSize,
) -> impl IntoView {
    let viewport_ref = NodeRef::<leptos::html::Div>::new();
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let renderer = StoredValue::new_local(None::<Renderer>);
    let on_canvas = move || renderer.with_value(|r| matches!(r, Some(Renderer::Canvas)));
    let zoom = RwSignal::new(Zoom::Auto);
    let follow = RwSignal::new(true);
    // The viewport's inner size and scroll offsets, kept from events so drawing a step never
    // has to ask the browser for layout.
    let viewport = RwSignal::new((0.0f64, 0.0f64));
    let scroll = StoredValue::new((0.0f64, 0.0f64));
    // The size drawn right now (larger than the scene while a step plays).
    let drawn_size = StoredValue::new((0.0f64, 0.0f64));
    let settle = crate::timer::TimerSlot::new();
    let first_draw = StoredValue::new(true);
    // The first draw comes before the viewport has a size, so where the view opens (the step's
    // focus, else the scene's home) is settled once the size is known.
    let opening = StoredValue::new(false);
    let reduce = reduced_motion();

    let fit_scale = move |w: f64, h: f64| {
        let (vw, vh) = viewport.get();
        let avail_h = if embedded { vh } else { browser::window().and_then(|w| w.inner_height().ok()).and_then(|h| h.as_f64()).unwrap_or(800.0) * 0.7 };
        if w <= 0.0 || h <= 0.0 || vw <= 0.0 {
            return 1.0;
        }
        // Two pixels short of the viewport, so rounding never adds a scrollbar.
        ((vw - 2.0) / w).min(if avail_h > 0.0 { (avail_h - 2.0) / h } else { f64::MAX }).max(0.01)
    };
    let scale = Memo::new(move |_| {
        let (w, h, readable_from) = scene.with(|s| (s.width, s.height, text_size(s).readable_from()));
        match zoom.get() {
            Zoom::Level(l) => l,
            Zoom::Fit => fit_scale(w, h).min(4.0),
            // An embed shows the whole scene, with no scrollbars (a slide cannot be scrolled).
            Zoom::Auto if embedded => fit_scale(w, h).min(3.0),
            Zoom::Auto => fit_scale(w, h).clamp(readable_from, AUTO_MAX),
        }
    });

    // Written only when it changes: each write restyles the drawing.
    let written_size = StoredValue::new((0.0f64, 0.0f64, 0.0f64, 0.0f64));
    let size_drawing = move |(w, h): (f64, f64), scale: f64| {
        drawn_size.set_value((w, h));
        let units = scene.with_untracked(|s| text_size(s).units(scale));
        if written_size.get_value() == (w, h, scale, units) {
            return;
        }
        written_size.set_value((w, h, scale, units));
        if let Some(svg) = svg_ref.get_untracked() {
            let _ = svg.set_attribute("viewBox", &format!("0 0 {} {}", num(w), num(h)));
            let style = svg.style();
            let _ = style.set_property("width", &format!("{}px", num(w * scale)));
            let _ = style.set_property("height", &format!("{}px", num(h * scale)));
            // Read by a widget's stylesheet as `.scene-svg text`'s font size, in scene units.
            let _ = style.set_property("--scene-font", &format!("{}px", decimal(units, 2)));
        }
    };

    let draw_canvas = move || {
        let (Some(canvas), Some(vp)) = (canvas_ref.get_untracked(), viewport_ref.get_untracked()) else { return };
        let (left, top) = scroll.get_value();
        let (vw, vh) = viewport.get_untracked();
        let (vw, vh) = if vw > 0.0 { (vw, vh) } else { (vp.client_width() as f64, vp.client_height() as f64) };
        // canvas::draw keeps the bitmap no larger than the drawing.
        let scale = scale.get_untracked();
        scene.with_untracked(|s| canvas::draw(&canvas, s, scale, (left, top, vw, vh), text_size(s).units(scale)));
    };

    // Where to scroll so the step's focus is in view, if it is not already.
    let follow_target = move |s: &Scene, scale: f64| -> Option<(f64, f64)> {
        let (x, y, w, h) = s.focus?;
        let (vw, vh) = viewport.get_untracked();
        if vw <= 0.0 {
            return None;
        }
        let (left, top) = scroll.get_value();
        let (x, y, w, h) = (x * scale, y * scale, w * scale, h * scale);
        let margin = 24.0;
        let target = |pos: f64, len: f64, at: f64, view: f64| {
            let start_in_view = pos - margin >= at && pos + margin <= at + view;
            if start_in_view && pos + len + margin <= at + view {
                at
            } else if len + 2.0 * margin > view {
                // Wider than the view (a long table on a phone): centred, both ends would be
                // cut off; its start, and what labels it on the left, stay in view instead.
                if start_in_view { at } else { (pos - margin).max(0.0) }
            } else if pos < at + view && pos + len > at {
                // Partly in view: moved just enough, so what is beside it stays in view too
                // (centring a table that overhung a phone's view by a little cut off the row names).
                if pos - margin < at { (pos - margin).max(0.0) } else { pos + len + margin - view }
            } else {
                (pos + len / 2.0 - view / 2.0).max(0.0)
            }
        };
        let (nl, nt) = (target(x, w, left, vw), target(y, h, top, vh));
        ((nl - left).abs() > 0.5 || (nt - top).abs() > 0.5).then_some((nl, nt))
    };
    // Where to scroll so the scene's home is in the middle of the view (the top-left corner
    // for a scene without one); `None` while the viewport's size is unknown.
    let home_target = move |s: &Scene, scale: f64| -> Option<(f64, f64)> {
        let (vw, vh) = viewport.get_untracked();
        if vw <= 0.0 {
            return None;
        }
        let Some((hx, hy)) = s.home else { return Some((0.0, 0.0)) };
        let centred = |at: f64, len: f64, view: f64| (at * scale - view / 2.0).clamp(0.0, (len * scale - view).max(0.0));
        Some((centred(hx, s.width, vw), centred(hy, s.height, vh)))
    };
    let scroll_to = move |(nl, nt): (f64, f64)| {
        let Some(vp) = viewport_ref.get_untracked() else { return };
        let (vw, vh) = viewport.get_untracked();
        let (left, top) = scroll.get_value();
        let options = web_sys::ScrollToOptions::new();
        options.set_left(nl);
        options.set_top(nt);
        // Glide to a near change; jump to a far one (a long glide over a big tree only blurs).
        let near = (nl - left).abs() < vw && (nt - top).abs() < vh;
        options.set_behavior(if reduce || !near { web_sys::ScrollBehavior::Instant } else { web_sys::ScrollBehavior::Smooth });
        vp.scroll_to_with_scroll_to_options(&options);
    };
    // The part of a big scene to keep in the DOM: the view and half a view around it. (One
    // view around it kept 2.25 times the elements, and the browser lays out the whole SVG
    // whenever one changes.)
    let drawn_window = StoredValue::new(None::<svg::Rect>);
    let window_at = move |s: &Scene, scale: f64, (left, top): (f64, f64)| {
        let (vw, vh) = viewport.get_untracked();
        (s.shapes.len() >= CULL_FROM && vw > 0.0).then(|| ((left - vw / 2.0) / scale, (top - vh / 2.0) / scale, 2.0 * vw / scale, 2.0 * vh / scale))
    };
    // What the viewer sees at these scroll offsets, in scene units.
    let view_at = move |scale: f64, (left, top): (f64, f64)| -> svg::Rect {
        let (vw, vh) = viewport.get_untracked();
        (left / scale, top / scale, vw / scale, vh / scale)
    };

    // Places the view where the first drawing opens, once the viewport has a size: the step's
    // focus if it has one, else the scene's home. Instant, and only once: from then on the
    // view is the learner's (or follows the steps).
    // `sized`: the drawing has its size for this scale (the drawing effect has just set it), so
    // an offset the browser refuses is its last word.
    let open_view = move |sized: bool| {
        if !opening.get_value() {
            return;
        }
        let Some(vp) = viewport_ref.get_untracked() else { return };
        let scale = scale.get_untracked();
        let placed = scene.with_untracked(|s| if s.focus.is_some() && follow.get_untracked() { follow_target(s, scale).or(Some(scroll.get_value())) } else { home_target(s, scale) });
        let Some((left, top)) = placed else { return };
        // A new viewport is already at the corner: scrolling there anyway forces a layout in
        // the middle of mounting the page.
        if left >= 1.0 || top >= 1.0 {
            vp.set_scroll_left(left as i32);
            vp.set_scroll_top(top as i32);
            // The drawing may not have its new size yet: then the browser refuses the offset,
            // and the drawing effect tries again once it has.
            let refused = (f64::from(vp.scroll_left()) - left).abs() > 1.0 || (f64::from(vp.scroll_top()) - top).abs() > 1.0;
            if refused && !sized {
                return;
            }
            scroll.set_value((f64::from(vp.scroll_left()), f64::from(vp.scroll_top())));
        }
        opening.set_value(false);
    };

    Effect::new(move |_| {
        let (Some(svg), Some(_)) = (svg_ref.get(), viewport_ref.get()) else { return };
        let scale = scale.get();
        let phase = if reduce { 0.0 } else { phase_ms.get() };
        follow.track();
        scene.with(|s| {
            // Counted by segments, so a few paths of thousands of ring ticks go to the canvas too.
            // A canvas stays until the scene is half as heavy: a ring's empty start sits just
            // under the line, and swapping renderers there and back cost 30 to 80 ms a step.
            let was_canvas = on_canvas();
            let dense = s.weight() >= if was_canvas { canvas_from / 2 } else { canvas_from };
            // Where the view will be once it follows the step (or, at first, the middle).
            let mut target = if follow.get_untracked() { follow_target(s, scale) } else { None };
            // A step that points at nothing (a random fill, a fresh start) and changes the
            // drawing's width shows the scene's home (a tree's root) instead of an empty corner.
            let resized = drawn_size.get_value().0 != s.width;
            if (first_draw.get_value() || (resized && follow.get_untracked())) && s.focus.is_none() {
                target = home_target(s, scale);
            }
            let before = scroll.get_value();
            let window = window_at(s, scale, target.unwrap_or(before));
            drawn_window.set_value(window);
            // A big scene moves only what is in sight now or once the view follows the step.
            let view = window.map(|_| {
                let (now, then) = (view_at(scale, before), view_at(scale, target.unwrap_or(before)));
                let (x, y) = (now.0.min(then.0), now.1.min(then.1));
                (x, y, (now.0 + now.2).max(then.0 + then.2) - x, (now.1 + now.3).max(then.1 + then.3) - y)
            });
            let mut phases = 0;
            renderer.update_value(|r| match (dense, r.as_mut()) {
                (false, Some(Renderer::Svg(svg_r))) => phases = svg_r.render(s, phase, window, view),
                (false, _) => {
                    let mut fresh = svg::SvgRenderer::new(&svg);
                    fresh.render(s, 0.0, window, None);
                    *r = Some(Renderer::Svg(fresh));
                }
                (true, Some(Renderer::Canvas)) => {}
                (true, _) => {
                    svg.set_inner_html("");
                    *r = Some(Renderer::Canvas);
                }
            });
            let (old_w, old_h) = drawn_size.get_value();
            let new = (s.width, s.height);
            if phases > 0 && !dense {
                // Keep room for shapes still moving, then settle to the new size.
                size_drawing((old_w.max(new.0), old_h.max(new.1)), scale);
                settle.timeout(std::time::Duration::from_millis((phases as f64 * phase) as u64 + 50), move || size_drawing(new, scale));
            } else {
                settle.cancel();
                size_drawing(new, scale);
            }
            // One renderer shows at a time: a hidden SVG keeps no room that would push the
            // canvas out of the view.
            let _ = svg.style().set_property("display", if dense { "none" } else { "block" });
            if let Some(spacer) = canvas_ref.get_untracked().and_then(|c| c.parent_element()) {
                let style = if dense { format!("width:{}px;height:{}px", num(new.0 * scale), num(new.1 * scale)) } else { "display:none".into() };
                // Rewriting an unchanged style attribute still costs a style and layout pass.
                if spacer.get_attribute("style").as_deref() != Some(style.as_str()) {
                    let _ = spacer.set_attribute("style", &style);
                }
            }
            if dense {
                draw_canvas();
            }
            if first_draw.get_value() {
                first_draw.set_value(false);
                opening.set_value(true);
                target = None;
            }
            if let Some(t) = target {
                scroll_to(t);
            }
        });
        open_view(true);
    });

    // A canvas covers the visible part only, so a new viewport size needs a new bitmap (the
    // drawing effect above does not run when the size leaves the scale as it was).
    Effect::new(move |_| {
        viewport.track();
        open_view(false);
        if on_canvas() {
            draw_canvas();
        }
    });

    // The viewport's size, from a ResizeObserver (no layout reads while stepping).
    Effect::new(move |_| {
        let Some(vp) = viewport_ref.get() else { return };
        let el: web_sys::Element = vp.clone().into();
        viewport.set((el.client_width() as f64, el.client_height() as f64));
        let target = el.clone();
        watch_size(&el, move || viewport.set((target.client_width() as f64, target.client_height() as f64)));
    });

    let zoom_step = move |up: bool| {
        let now = scale.get_untracked();
        let next = if up { LEVELS.iter().copied().find(|l| *l > now + 0.01) } else { LEVELS.iter().rev().copied().find(|l| *l < now - 0.01) };
        if let Some(l) = next {
            zoom.set(Zoom::Level(l));
        }
    };
    let pan = move |dx: f64, dy: f64| {
        if let Some(vp) = viewport_ref.get_untracked() {
            vp.scroll_by_with_x_and_y(dx, dy);
        }
    };
    let drag = StoredValue::new(None::<(f64, f64)>);
    let on_down = move |e: web_sys::PointerEvent| {
        if e.button() == 0 && e.pointer_type() == "mouse" {
            drag.set_value(Some((e.client_x() as f64, e.client_y() as f64)));
        }
    };
    let on_move = move |e: web_sys::PointerEvent| {
        let Some((x, y)) = drag.get_value() else { return };
        let (px, py) = (e.client_x() as f64, e.client_y() as f64);
        pan(x - px, y - py);
        drag.set_value(Some((px, py)));
    };
    let on_up = move |_| drag.set_value(None);
    let on_wheel = move |e: web_sys::WheelEvent| {
        if e.ctrl_key() {
            e.prevent_default();
            zoom_step(e.delta_y() < 0.0);
        }
    };
    let on_key = move |e: web_sys::KeyboardEvent| {
        let (vw, vh) = viewport.get_untracked();
        match (e.key().as_str(), e.shift_key()) {
            ("+" | "=", _) => zoom_step(true),
            ("-" | "_", _) => zoom_step(false),
            ("0", _) => zoom.set(Zoom::Fit),
            ("ArrowLeft", true) => pan(-vw * 0.2, 0.0),
            ("ArrowRight", true) => pan(vw * 0.2, 0.0),
            ("ArrowUp", true) => pan(0.0, -vh * 0.2),
            ("ArrowDown", true) => pan(0.0, vh * 0.2),
            _ => return,
        }
        e.prevent_default();
    };
    let on_scroll = move |_| {
        if let Some(vp) = viewport_ref.get_untracked() {
            let at = (vp.scroll_left() as f64, vp.scroll_top() as f64);
            scroll.set_value(at);
            if on_canvas() {
                draw_canvas();
                return;
            }
            // A big scene keeps only what is near the view: redraw once the view nears the
            // edge of what is drawn.
            let Some((x, y, w, h)) = drawn_window.get_value() else { return };
            let scale = scale.get_untracked();
            let (vw, vh) = viewport.get_untracked();
            let (cx, cy) = ((at.0 + vw / 2.0) / scale, (at.1 + vh / 2.0) / scale);
            if (cx - (x + w / 2.0)).abs() > w / 6.0 || (cy - (y + h / 2.0)).abs() > h / 6.0 {
                scene.with_untracked(|s| {
                    let window = window_at(s, scale, at);
                    drawn_window.set_value(window);
                    renderer.update_value(|r| {
                        if let Some(Renderer::Svg(svg_r)) = r {
                            let phase = svg_r.phase();
                            svg_r.render(s, phase, window, Some(view_at(scale, at)));
                        }
                    });
                });
            }
        }
    };
    let counts = move || {
        scene.with(|s| Role::ALL.iter().map(|r| format!("{}:{}", r.class(), s.count(*r))).collect::<Vec<_>>().join(" "))
    };
    let percent = move || format!("{}%", decimal(scale.get() * 100.0, 0));

    view! {
        <div class="stage-box" class:embedded=embedded>
            {zoom_controls.then(|| view! {
                <div class="zoom-controls" role="group" aria-label="Zoom">
                    <button type="button" class="small" aria-label="Zoom out" title="Zoom out (−)" on:click=move |_| zoom_step(false)>"−"</button>
                    <label class="zoom-level">
                        <span class="visually-hidden">"Zoom level"</span>
                        <select aria-label="Zoom level" on:change=move |e| {
                            zoom.set(match event_target_value(&e).as_str() {
                                "auto" => Zoom::Auto,
                                "fit" => Zoom::Fit,
                                other => LEVELS.iter().find(|l| Zoom::Level(**l).value() == other).map_or(Zoom::Auto, |l| Zoom::Level(*l)),
                            });
                        }>
                            <option value="auto" selected=move || zoom.get() == Zoom::Auto>{move || format!("Auto ({})", percent())}</option>
                            <option value="fit" selected=move || zoom.get() == Zoom::Fit>"Fit"</option>
                            {LEVELS.iter().map(|l| {
                                let l = *l;
                                view! { <option value=Zoom::Level(l).value() selected=move || zoom.get() == Zoom::Level(l)>{format!("{}%", decimal(l * 100.0, 0))}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <button type="button" class="small" aria-label="Zoom in" title="Zoom in (+)" on:click=move |_| zoom_step(true)>"+"</button>
                    <label class="follow">
                        <input type="checkbox" prop:checked=move || follow.get() on:change=move |e| follow.set(event_target_checked(&e)) />
                        " Follow the step"
                    </label>
                </div>
            })}
            <div
                node_ref=viewport_ref
                class="stage-viewport"
                role="img"
                tabindex="0"
                aria-label=move || description.get()
                aria-keyshortcuts="+ - 0 Shift+ArrowLeft Shift+ArrowRight Shift+ArrowUp Shift+ArrowDown"
                data-counts=counts
                data-scale=move || num(scale.get() * 100.0)
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointercancel=on_up
                on:pointerleave=on_up
                on:wheel=on_wheel
                on:keydown=on_key
                on:scroll=on_scroll
            >
                <svg
                    node_ref=svg_ref
                    class="scene-svg"
                    aria-hidden="true"
                    // The scene's own size, for an embed's natural height (see embed.rs).
                    data-scene-size=move || scene.with(|s| format!("{} {}", decimal(s.width.ceil(), 0), decimal(s.height.ceil(), 0)))
                ></svg>
                <div class="canvas-spacer" style="display:none"><canvas node_ref=canvas_ref class="scene-canvas" aria-hidden="true"></canvas></div>
            </div>
        </div>
    }
}
