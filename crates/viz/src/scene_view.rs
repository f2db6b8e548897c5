//! Draws a layout [`Scene`] as SVG, with zoom and pan.
//!
//! Shapes are keyed by id and updated in place rather than re-created, so between steps a node
//! or key that survives glides to its new place (a CSS transition on `transform`; the
//! stylesheet turns transitions off under `prefers-reduced-motion`). A big tree has a few
//! thousand shapes; syncing them by hand against a map of live elements costs one pass per step
//! and no reactive bookkeeping per shape.

use leptos::prelude::*;
use std::collections::{HashMap, HashSet};
use strata_browser as browser;
use strata_engine::layout::{mark_class, num, Scene};
use wasm_bindgen::JsCast;
use web_sys::Element;

const SVG_NS: &str = "http://www.w3.org/2000/svg";
const MAX_ZOOM: f64 = 12.0;

#[component]
pub fn SceneView(
    scene: Signal<Scene>,
    /// What the picture shows, in words, for screen readers.
    description: Signal<String>,
    /// Fill the parent's height (embeds) instead of sizing to the scene.
    #[prop(optional)]
    fill_frame: bool,
) -> impl IntoView {
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    let renderer = StoredValue::new_local(None::<Renderer>);
    // The view: 1 = the whole scene; the centre is a fraction of the scene's size.
    let zoom = RwSignal::new(1.0f64);
    let centre = RwSignal::new((0.5f64, 0.5f64));

    Effect::new(move |_| {
        let Some(svg) = svg_ref.get() else { return };
        scene.with(|s| {
            renderer.update_value(|r| r.get_or_insert_with(|| Renderer::new(&svg)).render(s));
        });
    });

    let view_box = move || {
        scene.with(|s| {
            let z = zoom.get();
            let (cx, cy) = centre.get();
            let (w, h) = (s.width / z, s.height / z);
            format!("{} {} {} {}", num(cx * s.width - w / 2.0), num(cy * s.height - h / 2.0), num(w), num(h))
        })
    };
    let zoom_by = move |factor: f64| {
        let z = (zoom.get_untracked() * factor).clamp(1.0, MAX_ZOOM);
        zoom.set(z);
        if z == 1.0 {
            centre.set((0.5, 0.5));
        }
    };
    let pan_by = move |dx: f64, dy: f64| {
        let z = zoom.get_untracked();
        let (cx, cy) = centre.get_untracked();
        let half = 0.5 / z;
        centre.set(((cx + dx).clamp(half, 1.0 - half), (cy + dy).clamp(half, 1.0 - half)));
    };

    // Dragging pans; the pointer is captured so a drag can leave the picture.
    let drag = StoredValue::new(None::<(f64, f64)>);
    let on_down = move |e: web_sys::PointerEvent| {
        if zoom.get_untracked() > 1.0 {
            drag.set_value(Some((e.client_x() as f64, e.client_y() as f64)));
            if let Some(el) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) {
                let _ = el.set_pointer_capture(e.pointer_id());
            }
        }
    };
    let on_move = move |e: web_sys::PointerEvent| {
        let Some((x, y)) = drag.get_value() else { return };
        let Some(svg) = svg_ref.get_untracked() else { return };
        let rect = svg.get_bounding_client_rect();
        let z = zoom.get_untracked();
        let (px, py) = (e.client_x() as f64, e.client_y() as f64);
        pan_by((x - px) / rect.width().max(1.0) / z, (y - py) / rect.height().max(1.0) / z);
        drag.set_value(Some((px, py)));
    };
    let on_up = move |_| drag.set_value(None);
    // Ctrl + wheel (and pinch, which browsers report as ctrl + wheel) zooms; a plain wheel
    // scrolls the page as usual.
    let on_wheel = move |e: web_sys::WheelEvent| {
        if e.ctrl_key() {
            e.prevent_default();
            zoom_by(if e.delta_y() < 0.0 { 1.25 } else { 0.8 });
        }
    };
    let on_key = move |e: web_sys::KeyboardEvent| {
        let step = 0.1 / zoom.get_untracked();
        match (e.key().as_str(), e.shift_key()) {
            ("+" | "=", _) => zoom_by(1.25),
            ("-" | "_", _) => zoom_by(0.8),
            ("0", _) => zoom_by(0.0),
            ("ArrowLeft", true) => pan_by(-step, 0.0),
            ("ArrowRight", true) => pan_by(step, 0.0),
            ("ArrowUp", true) => pan_by(0.0, -step),
            ("ArrowDown", true) => pan_by(0.0, step),
            _ => return,
        }
        e.prevent_default();
    };

    let natural_width = move || scene.with(|s| format!("width:{}px", num(s.width)));
    view! {
        <div class="scene" class:fill=fill_frame>
            <div class="zoom-controls" role="group" aria-label="Zoom">
                <button type="button" class="small" aria-label="Zoom in" title="Zoom in (+)" on:click=move |_| zoom_by(1.5)>"+"</button>
                <button type="button" class="small" aria-label="Zoom out" title="Zoom out (−)" on:click=move |_| zoom_by(1.0 / 1.5)>"−"</button>
                <button type="button" class="small" aria-label="Fit to width" title="Fit (0)" on:click=move |_| zoom_by(0.0)>"Fit"</button>
            </div>
            <svg
                node_ref=svg_ref
                class=move || { if zoom.get() > 1.0 { "scene-svg zoomed" } else { "scene-svg" } }
                style=move || if fill_frame { String::new() } else { natural_width() }
                viewBox=view_box
                // The scene's own size, for an embed's natural height (see embed.rs).
                data-scene-size=move || scene.with(|s| format!("{} {}", num(s.width), num(s.height)))
                role="img"
                tabindex="0"
                aria-label=move || description.get()
                aria-keyshortcuts="+ - 0 Shift+ArrowLeft Shift+ArrowRight Shift+ArrowUp Shift+ArrowDown"
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointercancel=on_up
                on:wheel=on_wheel
                on:keydown=on_key
            ></svg>
        </div>
    }
}

/// Keeps the SVG's children in step with a scene, reusing elements by id.
struct Renderer {
    edges: Element,
    links: Element,
    node_layer: Element,
    key_layer: Element,
    nodes: HashMap<u32, Drawn>,
    keys: HashMap<String, Drawn>,
    /// No entrance animation on the first drawing.
    drawn: bool,
}

/// A live element and what it was last given. A step writes only the shapes whose look
/// changed: most of a big tree stays put, and each DOM write (and each number formatted for
/// it) costs a trip out of wasm.
struct Drawn {
    el: Element,
    look: Option<Look>,
}

#[derive(Clone, Copy, PartialEq)]
struct Look {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    leaf: bool,
    entering: bool,
    mark: Option<strata_engine::step::Tone>,
}

fn svg_el(name: &str) -> Element {
    browser::document()
        .and_then(|d| d.create_element_ns(Some(SVG_NS), name).ok())
        .expect("the document can create SVG elements")
}

fn set(el: &Element, name: &str, value: &str) {
    let _ = el.set_attribute(name, value);
}

impl Renderer {
    fn new(svg: &Element) -> Renderer {
        let layer = |class: &str| {
            let el = svg_el(if class.ends_with("-path") { "path" } else { "g" });
            set(&el, "class", class);
            let _ = svg.append_child(&el);
            el
        };
        let edges = layer("edges-path");
        let links = layer("links-path");
        let node_layer = layer("nodes");
        let key_layer = layer("keys");
        Renderer { edges, links, node_layer, key_layer, nodes: HashMap::new(), keys: HashMap::new(), drawn: false }
    }

    fn render(&mut self, scene: &Scene) {
        set(&self.edges, "d", &Scene::path_data(&scene.edges));
        set(&self.links, "d", &links_with_arrows(scene));
        let first = !self.drawn;

        let mut live = HashSet::new();
        for n in &scene.nodes {
            live.insert(n.id);
            let shape = self.nodes.entry(n.id).or_insert_with(|| {
                let g = svg_el("g");
                let rect = svg_el("rect");
                set(&rect, "rx", "5");
                let _ = g.append_child(&rect);
                let _ = self.node_layer.append_child(&g);
                Drawn { el: g, look: None }
            });
            let look = Look { x: n.x, y: n.y, w: n.w, h: n.h, leaf: n.leaf, entering: !first && shape.look.is_none(), mark: n.mark };
            if shape.look != Some(look) {
                let class = format!("node{}{} {}", if n.leaf { " leaf" } else { "" }, if look.entering { " entering" } else { "" }, mark_class(n.mark));
                set(&shape.el, "class", class.trim_end());
                set(&shape.el, "style", &format!("transform:translate({}px,{}px)", num(n.x), num(n.y)));
                if let Some(rect) = shape.el.first_element_child() {
                    set(&rect, "style", &format!("width:{}px;height:{}px", num(n.w), num(n.h)));
                }
                // A shape enters once: the next step differs in `entering` and drops the fade.
                shape.look = Some(look);
            }
        }
        self.nodes.retain(|id, shape| {
            let keep = live.contains(id);
            if !keep {
                shape.el.remove();
            }
            keep
        });

        let mut live_keys = HashSet::new();
        for k in &scene.keys {
            live_keys.insert(k.id.as_str());
            if !self.keys.contains_key(k.id.as_str()) {
                let g = svg_el("g");
                let rect = svg_el("rect");
                set(&rect, "width", &num(k.w));
                set(&rect, "height", &num(k.h));
                set(&rect, "rx", "3");
                let text = svg_el("text");
                set(&text, "x", &num(k.w / 2.0));
                set(&text, "y", &num(k.h / 2.0));
                text.set_text_content(Some(&k.key.to_string()));
                let _ = g.append_child(&rect);
                let _ = g.append_child(&text);
                let _ = self.key_layer.append_child(&g);
                self.keys.insert(k.id.clone(), Drawn { el: g, look: None });
            }
            let Some(shape) = self.keys.get_mut(k.id.as_str()) else { continue };
            let look = Look { x: k.x, y: k.y, w: k.w, h: k.h, leaf: false, entering: !first && shape.look.is_none(), mark: k.mark };
            if shape.look != Some(look) {
                let class = format!("key{} {}", if look.entering { " entering" } else { "" }, mark_class(k.mark));
                set(&shape.el, "class", class.trim_end());
                set(&shape.el, "style", &format!("transform:translate({}px,{}px)", num(k.x), num(k.y)));
                shape.look = Some(look);
            }
        }
        self.keys.retain(|id, shape| {
            let keep = live_keys.contains(id.as_str());
            if !keep {
                shape.el.remove();
            }
            keep
        });
        self.drawn = true;
    }
}

/// The leaf links, each with a small arrowhead drawn into the same path.
fn links_with_arrows(scene: &Scene) -> String {
    let mut d = Scene::path_data(&scene.links);
    for l in &scene.links {
        d.push_str(&format!(
            "M{} {}L{} {}L{} {}",
            num(l.x2 - 6.0),
            num(l.y2 - 4.0),
            num(l.x2),
            num(l.y2),
            num(l.x2 - 6.0),
            num(l.y2 + 4.0)
        ));
    }
    d
}
