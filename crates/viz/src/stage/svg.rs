//! The SVG renderer: keeps one element per scene shape, by id, and updates it in place.
//!
//! Between steps a shape that survives moves to its new place (a CSS transition), a new one
//! fades in and a gone one is removed, so the drawing always equals a fresh drawing of the
//! step, whatever path led there. Each change is given a phase, and the phases play in order:
//!
//! 0. shapes that change level (a middle key rising into the parent, a separator coming down);
//! 1. everything else that moves, grows or appears (the node dividing, siblings making room);
//! 2. connectors (edges follow the boxes they join).
//!
//! Phases with nothing in them are skipped; each lasts the duration the Speed control sets.
//! Only shapes in or entering the view move: one out of sight jumps to its place, since a
//! transition nobody sees still costs the browser a style update on every frame it runs.

use std::collections::{HashMap, HashSet};
use strata_browser as browser;
use strata_engine::scene::{Anchor, arc_data, label_fit, num, path_data, shape_class, Geometry, Role, Scene, Shape};
use wasm_bindgen::JsCast;
use web_sys::Element;

const SVG_NS: &str = "http://www.w3.org/2000/svg";

pub struct SvgRenderer {
    svg: Element,
    layers: [Element; 5],
    shapes: HashMap<u64, Drawn>,
    /// Every shape of the scene last drawn, culled or not: one that comes into the window
    /// because the view moved was there all along, and must not fade in as if it were new.
    known: HashSet<u64>,
    drawn: bool,
    /// The phase length last written: a custom property on the root restyles every shape, so
    /// it is written only when the Speed changes.
    phase_ms: f64,
}

/// A live element and what it was last given: a step writes only the shapes whose look
/// changed, since each DOM write costs a trip out of wasm.
struct Drawn {
    el: Element,
    shape: Shape,
    seen: bool,
}

fn svg_el(name: &str) -> Element {
    browser::document().and_then(|d| d.create_element_ns(Some(SVG_NS), name).ok()).expect("the document can create SVG elements")
}

fn set(el: &Element, name: &str, value: &str) {
    let _ = el.set_attribute(name, value);
}

/// The layer a role is drawn in: connectors under boxes, boxes under keys, labels on top.
fn layer_of(role: Role) -> usize {
    match role {
        Role::Edge => 0,
        Role::Link => 1,
        Role::Node => 2,
        Role::Item => 3,
        Role::Label => 4,
    }
}

/// Where a shape sits (its translation) and its size, as the transition sees them.
fn placement(g: &Geometry) -> (f64, f64) {
    match g {
        Geometry::Rect { x, y, .. } => (*x, *y),
        Geometry::Text { x, y, .. } => (*x, *y),
        Geometry::Circle { cx, cy, .. } | Geometry::Arc { cx, cy, .. } => (*cx, *cy),
        Geometry::Path { .. } => (0.0, 0.0),
    }
}

impl SvgRenderer {
    /// Takes over `svg`, emptying it first: whatever was drawn there before is gone, so the
    /// first render is a fresh drawing.
    pub fn new(svg: &Element) -> SvgRenderer {
        svg.set_inner_html("");
        let layers = ["edges", "links", "nodes", "keys", "labels"].map(|class| {
            let g = svg_el("g");
            set(&g, "class", class);
            let _ = svg.append_child(&g);
            g
        });
        SvgRenderer { svg: svg.clone(), layers, shapes: HashMap::new(), known: HashSet::new(), drawn: false, phase_ms: -1.0 }
    }

    /// The phase length last drawn with.
    pub fn phase(&self) -> f64 {
        self.phase_ms.max(0.0)
    }

    /// Draws `scene`; returns how many phases the change plays in (0 when nothing moves).
    /// `phase_ms` is one phase's length (0 jumps straight to the end). With a `window` (big
    /// scenes), only the shapes that touch it are kept in the DOM: the browser's SVG layout
    /// and style costs grow with every element present, seen or not.
    /// `view` is the part the viewer sees, now or once the view follows the step (scene
    /// units); a change outside it jumps.
    pub fn render(&mut self, scene: &Scene, phase_ms: f64, window: Option<Rect>, view: Option<Rect>) -> usize {
        let first = !self.drawn;
        // Which phases have something in them, to skip the empty ones.
        let mut used = [false; 3];
        let mut plan: Vec<(usize, Change)> = Vec::with_capacity(scene.shapes.len());
        let inside = |s: &Shape| window.is_none_or(|r| overlaps(s.bounds(), r));
        let seen = |s: &Shape| view.is_none_or(|r| overlaps(s.bounds(), r));
        for (i, shape) in scene.shapes.iter().enumerate() {
            if !inside(shape) {
                continue;
            }
            let change = match self.shapes.get(&shape.id) {
                None if first => Change::Jump,
                None if !seen(shape) || self.known.contains(&shape.id) => Change::Jump,
                None => Change::Phase(if shape.role == Role::Edge || shape.role == Role::Link { 2 } else { 1 }),
                Some(d) if d.shape == *shape => Change::None,
                Some(d) if !seen(&d.shape) && !seen(shape) => Change::Jump,
                Some(d) => Change::Phase(change_phase(&d.shape, shape)),
            };
            if let Change::Phase(p) = change {
                used[p] = true;
            }
            plan.push((i, change));
        }
        let order: Vec<usize> = (0..3).scan(0, |n, p| {
            let at = *n;
            if used[p] {
                *n += 1;
            }
            Some(at)
        }).collect();
        let phases = used.iter().filter(|u| **u).count();

        for d in self.shapes.values_mut() {
            d.seen = false;
        }
        for (i, change) in plan {
            let shape = &scene.shapes[i];
            let motion = match change {
                Change::Phase(p) if phase_ms > 0.0 => Motion::Play { delay: order[p] as f64 * phase_ms },
                _ => Motion::Jump,
            };
            match self.shapes.get_mut(&shape.id) {
                Some(d) => {
                    d.seen = true;
                    if change != Change::None {
                        write_shape(&d.el, shape, Some(&d.shape), motion);
                        d.shape = shape.clone();
                    }
                }
                None => {
                    let el = create(shape);
                    set(&el, "data-id", &shape.id.to_string());
                    write_shape(&el, shape, None, motion);
                    let _ = self.layers[layer_of(shape.role)].append_child(&el);
                    self.shapes.insert(shape.id, Drawn { el, shape: shape.clone(), seen: true });
                }
            }
        }
        // Without a window nothing is culled, and the drawn shapes are the scene's.
        self.known.clear();
        if window.is_some() {
            self.known.extend(scene.shapes.iter().map(|s| s.id));
        }
        self.shapes.retain(|_, d| {
            if !d.seen {
                d.el.remove();
            }
            d.seen
        });
        if phase_ms != self.phase_ms {
            self.phase_ms = phase_ms;
            if let Some(svg) = self.svg.dyn_ref::<web_sys::SvgElement>() {
                let _ = svg.style().set_property("--viz-phase", &format!("{}ms", num(phase_ms)));
            }
        }
        self.drawn = true;
        phases
    }
}

/// A rectangle in scene units: x, y, width, height.
pub type Rect = (f64, f64, f64, f64);

fn overlaps((sx, sy, sw, sh): Rect, (x, y, w, h): Rect) -> bool {
    sx <= x + w && sx + sw >= x && sy <= y + h && sy + sh >= y
}

/// What a step does to one shape.
#[derive(Clone, Copy, PartialEq)]
enum Change {
    None,
    /// Moves, grows or appears in this phase.
    Phase(usize),
    /// Takes its new look at once (the first drawing, or out of sight).
    Jump,
}

/// How a changed shape takes its new look.
#[derive(Clone, Copy)]
enum Motion {
    /// A transition that starts after `delay` ms (a new shape fades in).
    Play { delay: f64 },
    Jump,
}

impl Motion {
    /// What the shape's inline style adds to its geometry.
    fn style(self) -> String {
        match self {
            Motion::Play { delay } if delay > 0.0 => format!(";transition-delay:{}ms;animation-delay:{}ms", num(delay), num(delay)),
            Motion::Play { .. } => String::new(),
            Motion::Jump => ";transition:none".into(),
        }
    }
}

/// The phase a shape's change belongs to.
fn change_phase(old: &Shape, new: &Shape) -> usize {
    if matches!(new.role, Role::Edge | Role::Link) {
        return 2;
    }
    let (_, y0) = placement(&old.geometry);
    let (_, y1) = placement(&new.geometry);
    if (y0 - y1).abs() > 1.0 {
        0
    } else {
        1
    }
}

fn create(shape: &Shape) -> Element {
    let el = create_bare(shape);
    // A tooltip: the last child, so a rect's first child stays its box.
    // (Text shapes set their own text content, so they carry none.)
    if shape.title.is_some() && !matches!(shape.geometry, Geometry::Text { .. }) {
        let _ = el.append_child(&svg_el("title"));
    }
    el
}

fn create_bare(shape: &Shape) -> Element {
    match &shape.geometry {
        Geometry::Rect { label, .. } => {
            let g = svg_el("g");
            let _ = g.append_child(&svg_el("rect"));
            if label.is_some() {
                let _ = g.append_child(&svg_el("text"));
            }
            g
        }
        Geometry::Circle { .. } => svg_el("circle"),
        Geometry::Arc { .. } | Geometry::Path { .. } => svg_el("path"),
        Geometry::Text { .. } => svg_el("text"),
    }
}

/// Writes what changed between `old` and `shape` into `el`.
fn write_shape(el: &Element, shape: &Shape, old: Option<&Shape>, motion: Motion) {
    let class = shape_class(shape);
    let old_class = old.map(shape_class);
    let delay_style = motion.style();
    if old.is_none() && matches!(motion, Motion::Play { .. }) {
        set(el, "class", &format!("{class} entering"));
    } else if old_class.as_deref() != Some(class.as_str()) {
        set(el, "class", &class);
    }
    // The tooltip follows the shape: written when it changes, added when the shape gains one
    // (a table that stops being written), removed when it loses one.
    let old_title = old.and_then(|o| o.title.as_ref());
    if old_title != shape.title.as_ref() && !matches!(shape.geometry, Geometry::Text { .. }) {
        let existing = el.last_element_child().filter(|t| t.tag_name() == "title");
        match (&shape.title, existing) {
            (Some(title), Some(t)) => t.set_text_content(Some(title)),
            (Some(title), None) => {
                let t = svg_el("title");
                t.set_text_content(Some(title));
                let _ = el.append_child(&t);
            }
            (None, Some(t)) => t.remove(),
            (None, None) => {}
        }
    }
    match &shape.geometry {
        Geometry::Rect { x, y, w, h, rx, label } => {
            set(el, "style", &format!("transform:translate({}px,{}px){delay_style}", num(*x), num(*y)));
            let size_changed = !matches!(old.map(|o| &o.geometry), Some(Geometry::Rect { w: ow, h: oh, .. }) if ow == w && oh == h);
            if let Some(rect) = el.first_element_child() {
                if size_changed {
                    set(&rect, "style", &format!("width:{}px;height:{}px{delay_style}", num(*w), num(*h)));
                    set(&rect, "rx", &num(*rx));
                }
            }
            let text_child = el.first_element_child().and_then(|r| r.next_element_sibling()).filter(|t| t.tag_name() == "text");
            if let (Some(text), Some(label)) = (text_child, label) {
                let old_label = old.and_then(|o| match &o.geometry {
                    Geometry::Rect { label, .. } => label.as_ref(),
                    _ => None,
                });
                if old_label != Some(label) || size_changed {
                    set(&text, "x", &num(w / 2.0));
                    set(&text, "y", &num(h / 2.0));
                    // No larger than fits the box, whatever size the stage holds text at.
                    set(&text, "style", &format!("font-size:min(var(--scene-font,16px),{}px)", num(label_fit(label, *w))));
                    text.set_text_content(Some(label));
                }
            }
        }
        Geometry::Circle { cx, cy, r } => {
            set(el, "style", &format!("cx:{}px;cy:{}px;r:{}px{delay_style}", num(*cx), num(*cy), num(*r)));
        }
        Geometry::Arc { cx, cy, r, start, end } => {
            set(el, "style", &format!("d:path(\"{}\"){delay_style}", arc_data(*cx, *cy, *r, *start, *end)));
        }
        Geometry::Text { x, y, text, anchor } => {
            let anchor = if *anchor == Anchor::Middle { String::new() } else { format!(";text-anchor:{}", anchor.svg()) };
            set(el, "style", &format!("transform:translate({}px,{}px){anchor}{delay_style}", num(*x), num(*y)));
            el.set_text_content(Some(text));
        }
        Geometry::Path { segments, arrow } => {
            set(el, "style", &format!("d:path(\"{}\"){delay_style}", path_data(segments, *arrow)));
        }
    }
}
