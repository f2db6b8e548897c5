//! Layouts: pure functions from a structure's state to positioned shapes (a [`Scene`]).
//!
//! The browser view draws a scene with keyed SVG elements so shapes glide between steps; the
//! snapshot tests draw the same scene as SVG text with [`to_svg`]. Nothing here knows about
//! the DOM, so the geometry is tested natively.

pub mod btree;

use crate::step::Tone;
use std::fmt::Write;

/// One node's box.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeBox {
    pub id: u32,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub leaf: bool,
    pub mark: Option<Tone>,
}

/// One key's cell. `id` is stable across steps (the view keys its animation on it).
#[derive(Clone, Debug, PartialEq)]
pub struct KeyBox {
    pub id: String,
    pub key: u32,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub mark: Option<Tone>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Line {
    pub x1: f64,
    pub y1: f64,
    pub x2: f64,
    pub y2: f64,
}

/// A display list: what to draw and where, in user units.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    pub width: f64,
    pub height: f64,
    pub nodes: Vec<NodeBox>,
    pub keys: Vec<KeyBox>,
    /// Parent-to-child edges, drawn as one path.
    pub edges: Vec<Line>,
    /// Leaf-to-leaf links of a B+ tree, drawn as one path with arrowheads.
    pub links: Vec<Line>,
}

impl Scene {
    /// The first pair of node boxes that overlap, if any (tests use this on big trees).
    pub fn first_overlap(&self) -> Option<(u32, u32)> {
        let mut boxes: Vec<&NodeBox> = self.nodes.iter().collect();
        boxes.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
        // Boxes on one level share a y; neighbours in x order are the only candidates.
        boxes.windows(2).find_map(|pair| {
            let (a, b) = (pair[0], pair[1]);
            let same_row = (a.y - b.y).abs() < a.h.min(b.h);
            (same_row && a.x + a.w > b.x).then_some((a.id, b.id))
        })
    }

    /// The lines as one SVG path `d` attribute.
    pub fn path_data(lines: &[Line]) -> String {
        let mut d = String::new();
        for l in lines {
            let _ = write!(d, "M{} {}L{} {}", num(l.x1), num(l.y1), num(l.x2), num(l.y2));
        }
        d
    }
}

/// A coordinate with at most one decimal, trailing zeros dropped: stable, compact SVG text.
pub fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// The CSS class a mark maps to; the stylesheet gives each tone a colour *and* a stroke style.
pub fn mark_class(mark: Option<Tone>) -> &'static str {
    match mark {
        None => "",
        Some(Tone::Visit) => "mark-visit",
        Some(Tone::Change) => "mark-change",
        Some(Tone::Found) => "mark-found",
        Some(Tone::Refused) => "mark-refused",
    }
}

/// The scene as standalone SVG text: what the snapshot tests compare.
pub fn to_svg(scene: &Scene) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" font-family=\"sans-serif\" font-size=\"13\">",
        num(scene.width),
        num(scene.height),
        num(scene.width),
        num(scene.height)
    );
    let _ = writeln!(s, "<path class=\"edges\" fill=\"none\" stroke=\"#666\" d=\"{}\"/>", Scene::path_data(&scene.edges));
    if !scene.links.is_empty() {
        let _ = writeln!(s, "<path class=\"links\" fill=\"none\" stroke=\"#0072b2\" stroke-dasharray=\"4 3\" d=\"{}\"/>", Scene::path_data(&scene.links));
    }
    for n in &scene.nodes {
        let _ = writeln!(
            s,
            "<rect class=\"{}\" data-id=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"4\" fill=\"#fff\" stroke=\"#333\"/>",
            format!("node {}", mark_class(n.mark)).trim_end(),
            n.id,
            num(n.x),
            num(n.y),
            num(n.w),
            num(n.h)
        );
    }
    for k in &scene.keys {
        let _ = writeln!(
            s,
            "<g class=\"{}\" data-id=\"{}\" transform=\"translate({} {})\"><rect width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#999\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text></g>",
            format!("key {}", mark_class(k.mark)).trim_end(),
            k.id,
            num(k.x),
            num(k.y),
            num(k.w),
            num(k.h),
            num(k.w / 2.0),
            num(k.h / 2.0 + 4.5),
            k.key
        );
    }
    s.push_str("</svg>\n");
    s
}
