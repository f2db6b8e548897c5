//! Scenes: what a layout hands the renderer, for every visualizer.
//!
//! A scene is a flat display list of shapes (rectangles, circles, arcs, text and paths), not
//! tree nodes: a B-tree is boxes, key cells and edges; an LSM tree is rows of table boxes; a
//! hash ring is a circle of ticks and arcs. Each shape has an id that stays the same across
//! steps while the thing it draws lives, so the renderer moves what persists, adds what is new
//! and removes what is gone, and drawing step k after any path equals drawing it fresh.
//!
//! [`to_svg`] writes a scene as standalone SVG text: the snapshot tests compare it, and it is
//! the reference for what the browser renderers draw.

use crate::step::Tone;
use std::fmt::Write;

/// A shape's geometry, in scene units (1 unit = 1 CSS pixel at 100 % zoom).
#[derive(Clone, Debug, PartialEq)]
pub enum Geometry {
    /// A box; `label` is drawn centred inside it (a key in its cell).
    Rect { x: f64, y: f64, w: f64, h: f64, rx: f64, label: Option<String> },
    Circle { cx: f64, cy: f64, r: f64 },
    /// Part of a circle's outline, from `start` to `end` degrees clockwise from 12 o'clock.
    Arc { cx: f64, cy: f64, r: f64, start: f64, end: f64 },
    /// Text at (x, y): centred on it, or starting or ending there (`anchor`).
    Text { x: f64, y: f64, text: String, anchor: Anchor },
    /// Straight segments, each `(x1, y1, x2, y2)`, drawn as one path.
    Path { segments: Vec<[f64; 4]>, arrow: bool },
}

/// Which point of a text its x names. A label beside a box starts or ends there, so that it
/// grows away from the box when the stage draws text larger than the scene's scale (a small
/// embed keeps text at a readable size; see `text_size` in crates/viz).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Anchor {
    Start,
    #[default]
    Middle,
    End,
}

impl Anchor {
    /// As SVG's `text-anchor` names it (the canvas's `textAlign` says "center" for the middle).
    pub fn svg(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// What a shape is for: the renderers style each role, and the tests count them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// A container: a B-tree node, an LSM table, a ring node.
    Node,
    /// A value inside a node: a key.
    Item,
    /// A connector drawn from a parent to a child; moves last in an animation.
    Edge,
    /// A secondary connector (a B+ tree's leaf chain).
    Link,
    /// A caption or tick label drawn in the scene.
    Label,
}

impl Role {
    /// The CSS class of the role (and of the role's count in `data-counts`).
    pub fn class(self) -> &'static str {
        match self {
            Role::Node => "node",
            Role::Item => "key",
            Role::Edge => "edge",
            Role::Link => "link",
            Role::Label => "label",
        }
    }

    pub const ALL: [Role; 5] = [Role::Node, Role::Item, Role::Edge, Role::Link, Role::Label];
}

/// One thing to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    /// Stable while the thing it draws lives; unique within a scene.
    pub id: u64,
    pub role: Role,
    pub geometry: Geometry,
    pub mark: Option<Tone>,
    /// Drawn as over its limit (a node holding one key too many, about to split).
    pub overfull: bool,
    /// Drawn as not yet in place: being written (an LSM compaction's new table before its
    /// inputs are deleted).
    pub pending: bool,
    /// One of several things of a kind told apart (a hash ring's physical nodes): the renderers
    /// give series `n` colour `n % SERIES_COLOURS` of a colour-blind-safe palette and, from
    /// the ninth on, a dash pattern too, so no two of the first 32 look alike.
    pub series: Option<u16>,
    /// What the shape is, for a tooltip ("n3: 9,870 keys").
    pub title: Option<String>,
}

impl Shape {
    pub fn new(id: u64, role: Role, geometry: Geometry) -> Shape {
        Shape { id, role, geometry, mark: None, overfull: false, pending: false, series: None, title: None }
    }

    /// A label at (x, y), placed there by `anchor`.
    pub fn label(id: u64, x: f64, y: f64, text: impl Into<String>, anchor: Anchor) -> Shape {
        Shape::new(id, Role::Label, Geometry::Text { x, y, text: text.into(), anchor })
    }

    /// The shape drawn as series `series` (see [`Shape::series`]).
    pub fn in_series(mut self, series: u16) -> Shape {
        self.series = Some(series);
        self
    }

    /// The shape with a mark.
    pub fn marked(mut self, mark: Option<Tone>) -> Shape {
        self.mark = mark;
        self
    }

    /// The shape drawn as pending (see [`Shape::pending`]).
    pub fn pending(mut self, pending: bool) -> Shape {
        self.pending = pending;
        self
    }

    /// The shape with a tooltip.
    pub fn titled(mut self, title: impl Into<String>) -> Shape {
        self.title = Some(title.into());
        self
    }

    /// The shape's bounding box `(x, y, w, h)`.
    pub fn bounds(&self) -> (f64, f64, f64, f64) {
        self.bounds_at(FONT_SIZE)
    }

    /// The bounding box with text `font` units high (the stage may draw text larger than the
    /// scene's own size, to keep it readable when the drawing is small).
    pub fn bounds_at(&self, font: f64) -> (f64, f64, f64, f64) {
        match &self.geometry {
            Geometry::Rect { x, y, w, h, .. } => (*x, *y, *w, *h),
            Geometry::Circle { cx, cy, r } | Geometry::Arc { cx, cy, r, .. } => (cx - r, cy - r, 2.0 * r, 2.0 * r),
            Geometry::Text { x, y, text, anchor } => {
                let w = text.chars().count() as f64 * font * 0.6;
                let left = match anchor {
                    Anchor::Start => *x,
                    Anchor::Middle => x - w / 2.0,
                    Anchor::End => x - w,
                };
                (left, y - font / 2.0, w, font)
            }
            Geometry::Path { segments, .. } => {
                let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
                for s in segments {
                    x0 = x0.min(s[0]).min(s[2]);
                    y0 = y0.min(s[1]).min(s[3]);
                    x1 = x1.max(s[0]).max(s[2]);
                    y1 = y1.max(s[1]).max(s[3]);
                }
                if segments.is_empty() {
                    (0.0, 0.0, 0.0, 0.0)
                } else {
                    (x0, y0, x1 - x0, y1 - y0)
                }
            }
        }
    }
}

/// The font size of scene text, in scene units: 16 units is 16 CSS px at 100 % zoom, above
/// the 14 px a key must have to be read from the back of a room.
pub const FONT_SIZE: f64 = 16.0;

/// How wide one character of the scene's monospace font is, in ems: 0.6 in DejaVu Sans Mono
/// and the usual system monospace fonts, rounded up so the estimate never falls short.
pub const MONO_ADVANCE: f64 = 0.62;

/// How wide `text` is at `font` units high, by [`MONO_ADVANCE`].
pub fn text_width(text: &str, font: f64) -> f64 {
    text.chars().count() as f64 * MONO_ADVANCE * font
}

/// The largest font size, in scene units, at which `label` fits inside a box `w` units wide
/// with 3 units to spare on each side. Renderers draw a box's label no larger, so enlarged
/// text (see the stage's text size) or a long key shrinks instead of running into the next box.
pub fn label_fit(label: &str, w: f64) -> f64 {
    let chars = label.chars().count().max(1) as f64;
    ((w - 6.0) / (chars * MONO_ADVANCE)).max(1.0)
}

/// A display list: what to draw and where.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    pub width: f64,
    pub height: f64,
    /// Drawn in order: later shapes on top.
    pub shapes: Vec<Shape>,
    /// The part of the scene the step is about (what changed or is looked at), to bring into
    /// view; `None` when nothing in particular is.
    pub focus: Option<(f64, f64, f64, f64)>,
    /// Where the view opens when the step points at nothing: this point in the middle of the
    /// view (a tree's root, a ring's centre); `None` opens at the top-left corner, where a
    /// drawing read from the left (rows named at their start) begins.
    pub home: Option<(f64, f64)>,
}

impl Scene {
    /// How many shapes have `role`.
    pub fn count(&self, role: Role) -> usize {
        self.shapes.iter().filter(|s| s.role == role).count()
    }

    /// The shapes with `role`.
    pub fn with_role(&self, role: Role) -> impl Iterator<Item = &Shape> {
        self.shapes.iter().filter(move |s| s.role == role)
    }

    /// How much there is to draw: each shape counts once, and a path once per segment (a
    /// path of a thousand ticks costs a renderer about what a thousand shapes do). The stage
    /// puts heavy scenes on a canvas.
    pub fn weight(&self) -> usize {
        self.shapes.iter().map(|s| if let Geometry::Path { segments, .. } = &s.geometry { segments.len().max(1) } else { 1 }).sum()
    }

    /// The first pair of node boxes that overlap, if any (tests use this on big trees).
    pub fn first_overlap(&self) -> Option<(u64, u64)> {
        let mut boxes: Vec<(u64, (f64, f64, f64, f64))> = self.with_role(Role::Node).map(|s| (s.id, s.bounds())).collect();
        boxes.sort_by(|a, b| a.1 .1.total_cmp(&b.1 .1).then(a.1 .0.total_cmp(&b.1 .0)));
        // Boxes on one level share a y; neighbours in x order are the only candidates.
        boxes.windows(2).find_map(|pair| {
            let ((ia, a), (ib, b)) = (pair[0], pair[1]);
            let same_row = (a.1 - b.1).abs() < a.3.min(b.3);
            (same_row && a.0 + a.2 > b.0).then_some((ia, ib))
        })
    }

    /// The union of the bounds of the shapes `pick` selects.
    pub fn bounds_of(&self, pick: impl Fn(&Shape) -> bool) -> Option<(f64, f64, f64, f64)> {
        let mut out: Option<(f64, f64, f64, f64)> = None;
        for s in self.shapes.iter().filter(|s| pick(s)) {
            let (x, y, w, h) = s.bounds();
            out = Some(match out {
                None => (x, y, x + w, y + h),
                Some((x0, y0, x1, y1)) => (x0.min(x), y0.min(y), x1.max(x + w), y1.max(y + h)),
            });
        }
        out.map(|(x0, y0, x1, y1)| (x0, y0, x1 - x0, y1 - y0))
    }
}

/// A path's `d` attribute: its segments, and a small arrowhead at each end point if asked.
pub fn path_data(segments: &[[f64; 4]], arrow: bool) -> String {
    let mut d = String::new();
    for s in segments {
        let _ = write!(d, "M{} {}L{} {}", num(s[0]), num(s[1]), num(s[2]), num(s[3]));
        if arrow {
            let _ = write!(d, "M{} {}L{} {}L{} {}", num(s[2] - 6.0), num(s[3] - 4.0), num(s[2]), num(s[3]), num(s[2] - 6.0), num(s[3] + 4.0));
        }
    }
    d
}

/// An arc's `d` attribute (angles in degrees clockwise from 12 o'clock).
pub fn arc_data(cx: f64, cy: f64, r: f64, start: f64, end: f64) -> String {
    let point = |deg: f64| {
        let rad = (deg - 90.0).to_radians();
        (cx + r * rad.cos(), cy + r * rad.sin())
    };
    let (x0, y0) = point(start);
    let (x1, y1) = point(end);
    let large = if (end - start).rem_euclid(360.0) > 180.0 { 1 } else { 0 };
    format!("M{} {}A{} {} 0 {large} 1 {} {}", num(x0), num(y0), num(r), num(r), num(x1), num(y1))
}

/// A coordinate with at most one decimal, trailing zeros dropped: stable, compact SVG text.
pub fn num(v: f64) -> String {
    decimal(v, 1)
}

/// `v` rounded to `places` decimals (at most 6), trailing zeros dropped: "12", "12.5", "-0.25";
/// anything not finite reads "0". Every figure a visualizer shows goes through this, and figures
/// are read back as integers or by index, never with `parse::<f64>()`: the visualizer modules are
/// capped at 250 KB gzip, and with this the B-tree module lost core's float parser and its tables
/// (about 15 KB raw; twiggy, 2026-12-02). core's float printer is still linked through an f64
/// `Display` in a vtable somewhere in Leptos, so it costs nothing more here, but it is no reason to
/// add `{:.1}` back.
pub fn decimal(v: f64, places: u32) -> String {
    let places = places.min(6);
    let scale = 10u64.pow(places);
    let scaled = (v * scale as f64).round();
    if !scaled.is_finite() {
        return "0".into();
    }
    let scaled = scaled as i64; // saturates: beyond ±9.2e18 nothing is shown to a learner anyway
    let (whole, mut frac) = (scaled.unsigned_abs() / scale, scaled.unsigned_abs() % scale);
    let sign = if scaled < 0 { "-" } else { "" };
    let mut digits = places as usize;
    while digits > 0 && frac % 10 == 0 {
        frac /= 10;
        digits -= 1;
    }
    if digits == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{frac:0digits$}")
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

/// How many colours series cycle through (the Okabe–Ito palette's eight).
pub const SERIES_COLOURS: u16 = 8;
/// How many dash patterns series cycle through after the colours: solid, dashed, dotted,
/// dash-dot.
pub const SERIES_PATTERNS: u16 = 4;

/// A series' colour and pattern numbers: `(n % 8, n / 8 % 4)`.
pub fn series_style(series: u16) -> (u16, u16) {
    (series % SERIES_COLOURS, series / SERIES_COLOURS % SERIES_PATTERNS)
}

/// A shape's class attribute: its role, its mark, `overfull`, `pending`, and its series'
/// colour and pattern (`series-3 pattern-1`).
pub fn shape_class(s: &Shape) -> String {
    let mut class = String::from(s.role.class());
    for extra in [mark_class(s.mark), if s.overfull { "overfull" } else { "" }, if s.pending { "pending" } else { "" }] {
        if !extra.is_empty() {
            class.push(' ');
            class.push_str(extra);
        }
    }
    if let Some(series) = s.series {
        let (colour, pattern) = series_style(series);
        let _ = write!(class, " series-{colour} pattern-{pattern}");
    }
    class
}

/// The scene as standalone SVG text: what the snapshot tests compare.
pub fn to_svg(scene: &Scene) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" font-family=\"sans-serif\" font-size=\"{}\">",
        num(FONT_SIZE),
        w = num(scene.width),
        h = num(scene.height),
    );
    for shape in &scene.shapes {
        let class = shape_class(shape);
        let id = shape.id;
        let (fill, stroke) = match shape.role {
            Role::Node => ("#fff", "#333"),
            Role::Item => ("none", "#999"),
            Role::Edge => ("none", "#666"),
            Role::Link => ("none", "#0072b2"),
            Role::Label => ("#333", "none"),
        };
        // A series is drawn in its palette colour (the browser's stylesheet does the same).
        let series_colour = shape.series.map(|n| SERIES_HEX[series_style(n).0 as usize]);
        let (fill, stroke) = match (series_colour, &shape.geometry) {
            (Some(c), Geometry::Circle { .. }) => (c, c),
            (Some(c), Geometry::Rect { .. }) => (c, stroke),
            (Some(c), _) => (fill, c),
            (None, _) => (fill, stroke),
        };
        let title = shape.title.as_ref().map_or(String::new(), |t| format!("<title>{}</title>", escape(t)));
        let _ = match &shape.geometry {
            Geometry::Rect { x, y, w, h, rx, label } => {
                let text = label.as_ref().map_or(String::new(), |t| {
                    format!("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#111\">{}</text>", num(x + w / 2.0), num(y + h / 2.0 + 5.5), escape(t))
                });
                writeln!(
                    s,
                    "<g class=\"{class}\" data-id=\"{id}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{fill}\" stroke=\"{stroke}\"/>{text}{title}</g>",
                    num(*x),
                    num(*y),
                    num(*w),
                    num(*h),
                    num(*rx)
                )
            }
            Geometry::Circle { cx, cy, r } => writeln!(
                s,
                "<circle class=\"{class}\" data-id=\"{id}\" cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{fill}\" stroke=\"{stroke}\"{}",
                num(*cx),
                num(*cy),
                num(*r),
                close("circle", &title)
            ),
            Geometry::Arc { cx, cy, r, start, end } => writeln!(
                s,
                "<path class=\"{class}\" data-id=\"{id}\" fill=\"none\" stroke=\"{stroke}\" d=\"{}\"{}",
                arc_data(*cx, *cy, *r, *start, *end),
                close("path", &title)
            ),
            Geometry::Text { x, y, text, anchor } => writeln!(
                s,
                "<text class=\"{class}\" data-id=\"{id}\" x=\"{}\" y=\"{}\" text-anchor=\"{}\" fill=\"{fill}\">{}</text>",
                num(*x),
                num(*y + 5.5),
                anchor.svg(),
                escape(text)
            ),
            Geometry::Path { segments, arrow } => {
                let dash = if shape.role == Role::Link { " stroke-dasharray=\"4 3\"" } else { "" };
                writeln!(s, "<path class=\"{class}\" data-id=\"{id}\" fill=\"none\" stroke=\"{stroke}\"{dash} d=\"{}\"{}", path_data(segments, *arrow), close("path", &title))
            }
        };
    }
    s.push_str("</svg>\n");
    s
}

/// The Okabe–Ito palette (Okabe and Ito, 2008), safe under the common colour-vision
/// deficiencies; the stylesheets define the same as `--series-0` … `--series-7`.
pub const SERIES_HEX: [&str; 8] = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#7f7f7f"];

/// Ends an element: self-closing, or around its `<title>`.
fn close(tag: &str, title: &str) -> String {
    if title.is_empty() {
        "/>".into()
    } else {
        format!(">{title}</{tag}>")
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_fits_its_box_at_the_size_label_fit_gives() {
        // A B-tree's 4-digit key in a 52-unit cell keeps the scene's font size…
        assert!(label_fit("2680", 52.0) > FONT_SIZE);
        // …a 6-digit one is drawn smaller rather than spill into the next cell.
        assert!(label_fit("100000", 52.0) < FONT_SIZE);
        for label in ["7", "#34", "85926", "47612✝", "57 records · 7,068 B"] {
            for w in [20.0, 30.0, 52.0, 300.0] {
                let size = label_fit(label, w);
                let width = label.chars().count() as f64 * MONO_ADVANCE * size;
                assert!(size == 1.0 || (width + 6.0 - w).abs() < 1e-9, "{label} at {size} in {w}");
            }
        }
    }

    #[test]
    fn bounds_cover_each_geometry() {
        let rect = Shape::new(1, Role::Node, Geometry::Rect { x: 1.0, y: 2.0, w: 3.0, h: 4.0, rx: 0.0, label: None });
        assert_eq!(rect.bounds(), (1.0, 2.0, 3.0, 4.0));
        let circle = Shape::new(2, Role::Node, Geometry::Circle { cx: 10.0, cy: 10.0, r: 5.0 });
        assert_eq!(circle.bounds(), (5.0, 5.0, 10.0, 10.0));
        let path = Shape::new(3, Role::Edge, Geometry::Path { segments: vec![[0.0, 5.0, 8.0, 1.0]], arrow: false });
        assert_eq!(path.bounds(), (0.0, 1.0, 8.0, 4.0));
        let scene = Scene { width: 20.0, height: 20.0, shapes: vec![rect, circle, path], focus: None, home: None };
        assert_eq!(scene.bounds_of(|s| s.role == Role::Node), Some((1.0, 2.0, 14.0, 13.0)));
        assert_eq!(scene.count(Role::Edge), 1);
    }

    #[test]
    fn arcs_take_the_long_way_only_past_half_a_turn() {
        assert_eq!(arc_data(0.0, 0.0, 10.0, 0.0, 90.0), "M0 -10A10 10 0 0 1 10 0");
        assert_eq!(arc_data(0.0, 0.0, 10.0, 0.0, 270.0), "M0 -10A10 10 0 1 1 -10 0");
    }

    /// `decimal` against std's formatting, trimmed the same way (ties aside, where std rounds
    /// half to even and `decimal` away from zero; a learner never sees the difference).
    #[test]
    fn decimal_matches_std_formatting() {
        use proptest::prelude::*;
        proptest!(ProptestConfig::with_cases(4000), |(v in -1.0e7f64..1.0e7, places in 0u32..4)| {
            let scaled = (v * 10f64.powi(places as i32)).abs();
            prop_assume!((scaled.fract() - 0.5).abs() > 1e-6);
            let mut std = format!("{v:.*}", places as usize);
            if std.contains('.') {
                std = std.trim_end_matches('0').trim_end_matches('.').to_string();
            }
            if std == "-0" {
                std = "0".into();
            }
            prop_assert_eq!(decimal(v, places), std);
        });
        assert_eq!((decimal(12.0, 1), decimal(-0.5, 1), decimal(0.04, 1), decimal(2.25, 2)), ("12".into(), "-0.5".into(), "0".into(), "2.25".into()));
        assert_eq!((decimal(f64::NAN, 2), decimal(f64::INFINITY, 0), decimal(1.5, 9)), ("0".into(), "0".into(), "1.5".into()));
    }
}
