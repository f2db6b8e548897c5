//! The canvas renderer, for dense scenes (thousands of ring ticks, long LSM histories): one
//! bitmap the size of the visible part of the stage, redrawn from the scene on every step and
//! every scroll, batched by colour. Steps jump instead of moving (a dense scene has too much
//! in motion to follow anyway).

use strata_engine::scene::{Anchor, label_fit, num, series_style, Geometry, Role, Scene, Shape, SERIES_HEX};
use strata_engine::step::Tone;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasGradient, CanvasRenderingContext2d, HtmlCanvasElement};

#[wasm_bindgen]
extern "C" {
    // web-sys 0.3.107 binds no `createConicGradient` (Chromium 99, Firefox 112, Safari 16.1);
    // where it is missing the call throws, and the band is drawn arc by arc instead.
    /// A 2D context, for the one method web-sys lacks.
    type ConicContext;
    #[wasm_bindgen(method, catch, js_name = createConicGradient)]
    fn create_conic_gradient(this: &ConicContext, start_angle: f64, x: f64, y: f64) -> Result<CanvasGradient, JsValue>;
}

/// From this many unmarked band arcs on one circle (a dense ring's half-degree bins), the band
/// is one stroke of a circle painted by a conic gradient, a hard colour stop at each arc's
/// ends. Stroking 700 arcs 14 units wide was about 4.5 of a dense ring step's 17 ms of raster
/// (the stage's calls of one step replayed on a bare canvas, headless Chromium, 2026-12-03).
/// Dash patterns are left out there: an arc of a pixel or two shows none of its dash anyway.
const GRADIENT_BAND_FROM: usize = 360;

/// From this many virtual-node tick segments in a scene, ticks are at most one device pixel
/// wide: hundreds of them a pixel or two apart read as a fringe either way, and hairlines
/// raster in about half the time of 1.9-pixel strokes (the same replay: 16.7 -> 8 ms).
const HAIRLINE_TICKS_FROM: usize = 300;

/// The colours of the page's theme, read from CSS custom properties once per drawing.
struct Palette {
    ink: String,
    muted: String,
    surface: String,
    visit: String,
    change: String,
    found: String,
    refused: String,
    /// A table being written (`--pending`).
    pending: String,
    /// `--series-0` … `--series-7`.
    series: Vec<String>,
}

impl Palette {
    fn read(canvas: &HtmlCanvasElement) -> Palette {
        let var = |name: &str, fallback: &str| crate::theme::var(canvas, name, fallback);
        Palette {
            ink: var("--ink", "#222"),
            muted: var("--muted", "#666"),
            surface: var("--surface-2", "#fff"),
            visit: var("--visit", "#0072b2"),
            change: var("--change", "#e69f00"),
            found: var("--found", "#009e73"),
            refused: var("--refused", "#d55e00"),
            pending: var("--pending", "#8f6200"),
            series: SERIES_HEX.iter().enumerate().map(|(i, hex)| var(&format!("--series-{i}"), hex)).collect(),
        }
    }

    fn tone(&self, tone: Option<Tone>) -> Option<&str> {
        Some(match tone? {
            Tone::Visit => &self.visit,
            Tone::Change => &self.change,
            Tone::Found => &self.found,
            Tone::Refused => &self.refused,
        })
    }
}

/// Draws the part of `scene` seen through a window at `(left, top)` of `width` × `height` CSS
/// pixels, at `scale` CSS pixels per scene unit, with text `font` scene units high.
pub fn draw(canvas: &HtmlCanvasElement, scene: &Scene, scale: f64, (left, top, width, height): (f64, f64, f64, f64), font: f64) {
    // Never larger than the scene: a bitmap past its spacer would hang out of the viewport.
    let (width, height) = (width.min(scene.width * scale).max(1.0), height.min(scene.height * scale).max(1.0));
    let ratio = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio());
    let (pw, ph) = ((width * ratio).round().max(1.0) as u32, (height * ratio).round().max(1.0) as u32);
    if canvas.width() != pw || canvas.height() != ph {
        canvas.set_width(pw);
        canvas.set_height(ph);
        // The bitmap covers the visible window only; CSS keeps it there while the spacer scrolls.
        let _ = canvas.set_attribute("style", &format!("width:{}px;height:{}px", num(width), num(height)));
    }
    let Some(ctx) = canvas.get_context("2d").ok().flatten().and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok()) else { return };
    let palette = Palette::read(canvas);
    let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
    ctx.clear_rect(0.0, 0.0, pw as f64, ph as f64);
    let s = ratio * scale;
    let _ = ctx.set_transform(s, 0.0, 0.0, s, -left * ratio, -top * ratio);
    // What is visible, in scene units: shapes wholly outside are skipped.
    let view = (left / scale, top / scale, width / scale, height / scale);
    let visible = |b: (f64, f64, f64, f64)| b.0 <= view.0 + view.2 && b.0 + b.2 >= view.0 && b.1 <= view.1 + view.3 && b.1 + b.3 >= view.1;

    // Series shapes (a ring's arcs, ticks and key bins) first, each in its colour and pattern:
    // unmarked arcs, paths and dots in one path per look (a ring's 700 band arcs cost 700
    // strokes and some 7,000 calls out of wasm a step, one at a time), marked ones on top.
    let mut groups: Vec<(SeriesLook, Vec<&Shape>)> = Vec::new();
    let mut one_by_one = Vec::new();
    for shape in scene.shapes.iter().filter(|s| s.series.is_some() && visible(s.bounds())) {
        match SeriesLook::of(shape) {
            Some(look) => match groups.iter_mut().find(|(l, _)| *l == look) {
                Some((_, members)) => members.push(shape),
                None => groups.push((look, vec![shape])),
            },
            None => one_by_one.push(shape),
        }
    }
    let band_drawn = groups.iter().filter(|(look, _)| look.kind == LookKind::Band).map(|(_, m)| m.len()).sum::<usize>() >= GRADIENT_BAND_FROM
        && gradient_band(&ctx, scene.shapes.iter().filter(|s| s.series.is_some() && SeriesLook::of(s).is_some_and(|l| l.kind == LookKind::Band)), &palette);
    let tick_segments: usize = scene.with_role(Role::Item).map(|s| if let Geometry::Path { segments, .. } = &s.geometry { segments.len() } else { 0 }).sum();
    // One device pixel, in scene units.
    let hairline = (tick_segments >= HAIRLINE_TICKS_FROM).then_some(1.0 / s);
    for (look, members) in groups.iter().filter(|(look, _)| !(band_drawn && look.kind == LookKind::Band)) {
        look.draw(&ctx, members, &palette, hairline);
    }
    for shape in one_by_one {
        draw_series_shape(&ctx, shape, &palette, hairline);
    }
    ctx.set_line_dash(&js_sys::Array::new()).ok();

    // Connectors next, all in one stroke per colour.
    for role in [Role::Edge, Role::Link] {
        ctx.begin_path();
        for shape in scene.with_role(role).filter(|s| s.series.is_none() && s.mark.is_none() && visible(s.bounds())) {
            if !matches!(shape.geometry, Geometry::Circle { .. }) {
                trace(&ctx, &shape.geometry);
            }
        }
        ctx.set_stroke_style_str(if role == Role::Link { &palette.visit } else { &palette.muted });
        ctx.set_line_width(1.3);
        ctx.stroke();
    }

    // Marked connectors (a lookup's walk, keys that moved) in their tone's colour, on top.
    for shape in scene.shapes.iter().filter(|s| matches!(s.role, Role::Edge | Role::Link) && s.series.is_none() && s.mark.is_some() && visible(s.bounds())) {
        draw_series_shape(&ctx, shape, &palette, None);
    }

    ctx.set_font(&font_of(font));
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    for shape in scene.shapes.iter().filter(|s| s.series.is_none() && !matches!(s.role, Role::Edge | Role::Link) && visible(s.bounds())) {
        // A table being written is drawn dashed in its own colour (as the stylesheet draws it).
        let mark = palette.tone(shape.mark).or(shape.pending.then_some(palette.pending.as_str()));
        match &shape.geometry {
            Geometry::Rect { x, y, w, h, label, .. } => {
                if shape.role == Role::Node {
                    ctx.set_fill_style_str(&palette.surface);
                    ctx.fill_rect(*x, *y, *w, *h);
                }
                if let Some(colour) = mark {
                    ctx.set_fill_style_str(colour);
                    ctx.set_global_alpha(0.3);
                    ctx.fill_rect(*x, *y, *w, *h);
                    ctx.set_global_alpha(1.0);
                }
                ctx.set_stroke_style_str(mark.unwrap_or(if shape.role == Role::Node { &palette.ink } else { &palette.muted }));
                ctx.set_line_width(if shape.overfull || mark.is_some() { 3.0 } else { 1.0 });
                if shape.pending {
                    let dashes: js_sys::Array = [10.0, 4.0].iter().map(|d| wasm_bindgen::JsValue::from_f64(*d)).collect();
                    let _ = ctx.set_line_dash(&dashes);
                }
                ctx.stroke_rect(*x, *y, *w, *h);
                if shape.pending {
                    let _ = ctx.set_line_dash(&js_sys::Array::new());
                }
                if let Some(label) = label {
                    ctx.set_fill_style_str(&palette.ink);
                    // No larger than fits the box (the SVG renderer draws it the same way).
                    let fit = label_fit(label, *w);
                    if fit < font {
                        ctx.set_font(&font_of(fit));
                    }
                    let _ = ctx.fill_text(label, x + w / 2.0, y + h / 2.0);
                    if fit < font {
                        ctx.set_font(&font_of(font));
                    }
                }
            }
            Geometry::Circle { cx, cy, r } => {
                ctx.begin_path();
                let _ = ctx.arc(*cx, *cy, *r, 0.0, std::f64::consts::TAU);
                ctx.set_stroke_style_str(mark.unwrap_or(&palette.ink));
                ctx.stroke();
            }
            Geometry::Text { x, y, text, anchor } => {
                ctx.set_fill_style_str(mark.unwrap_or(&palette.ink));
                fill_text(&ctx, text, *x, *y, *anchor);
            }
            Geometry::Arc { .. } | Geometry::Path { .. } => {}
        }
    }
}

/// How an unmarked series arc, path or dot is drawn: shapes that share a look share a path.
#[derive(Clone, Copy, PartialEq)]
struct SeriesLook {
    colour: u16,
    pattern: u16,
    kind: LookKind,
}

#[derive(Clone, Copy, PartialEq)]
enum LookKind {
    /// A node's thick band.
    Band,
    ThinArc,
    /// A node's virtual-node ticks.
    Ticks,
    /// Other segments (a histogram's bars).
    Path,
    Dot,
}

/// A ring's virtual nodes: short strokes, drawn as paths in the item role.
fn is_tick(shape: &Shape) -> bool {
    shape.role == Role::Item && matches!(shape.geometry, Geometry::Path { .. })
}

impl SeriesLook {
    /// None for marked shapes, boxes and text, drawn one by one.
    fn of(shape: &Shape) -> Option<SeriesLook> {
        if shape.mark.is_some() {
            return None;
        }
        let kind = match shape.geometry {
            Geometry::Arc { .. } if shape.role == Role::Node => LookKind::Band,
            Geometry::Arc { .. } => LookKind::ThinArc,
            Geometry::Path { .. } if is_tick(shape) => LookKind::Ticks,
            Geometry::Path { .. } => LookKind::Path,
            Geometry::Circle { .. } => LookKind::Dot,
            Geometry::Rect { .. } | Geometry::Text { .. } => return None,
        };
        let (colour, pattern) = series_style(shape.series.unwrap_or(0));
        // Ticks and histogram bars are a few units long, too short to show a dash pattern (the
        // band beside them shows it), and dashing them cost about 5 ms of a dense ring step's
        // raster (each stroke timed alone in the benchmark's scenario, headless Chromium).
        let pattern = if matches!(kind, LookKind::Ticks | LookKind::Path) { 0 } else { pattern };
        Some(SeriesLook { colour, pattern, kind })
    }

    /// Draws `shapes` (all of this look) as one path, stroked or filled once: the same pixels
    /// as one at a time, since the colours are opaque and butt-ended strokes do not overlap.
    /// `hairline`: the width of a device pixel in scene units, when ticks are that thin.
    fn draw(&self, ctx: &CanvasRenderingContext2d, shapes: &[&Shape], palette: &Palette, hairline: Option<f64>) {
        let colour = &palette.series[self.colour as usize];
        let pattern: js_sys::Array = dash(self.pattern).iter().map(|d| wasm_bindgen::JsValue::from_f64(*d)).collect();
        let _ = ctx.set_line_dash(&pattern);
        ctx.begin_path();
        for shape in shapes {
            trace(ctx, &shape.geometry);
        }
        if self.kind == LookKind::Dot {
            ctx.set_fill_style_str(colour);
            ctx.fill();
        } else {
            ctx.set_stroke_style_str(colour);
            ctx.set_line_width(match self.kind {
                LookKind::Band => 14.0,
                LookKind::ThinArc => 2.0,
                LookKind::Ticks => hairline.map_or(1.6, |px| px.min(1.6)),
                _ => 1.6,
            });
            ctx.stroke();
        }
    }
}

/// Adds an arc's, a path's or a circle's outline to the current path, each as a subpath of
/// its own (boxes and text are not outlines: they add nothing).
fn trace(ctx: &CanvasRenderingContext2d, geometry: &Geometry) {
    let rad = |d: f64| (d - 90.0).to_radians();
    match geometry {
        Geometry::Arc { cx, cy, r, start, end } => {
            ctx.move_to(cx + r * rad(*start).cos(), cy + r * rad(*start).sin());
            let _ = ctx.arc(*cx, *cy, *r, rad(*start), rad(*end));
        }
        Geometry::Path { segments, .. } => {
            for seg in segments {
                ctx.move_to(seg[0], seg[1]);
                ctx.line_to(seg[2], seg[3]);
            }
        }
        Geometry::Circle { cx, cy, r } => {
            ctx.move_to(cx + r, *cy);
            let _ = ctx.arc(*cx, *cy, *r, 0.0, std::f64::consts::TAU);
        }
        Geometry::Rect { .. } | Geometry::Text { .. } => {}
    }
}

/// The dash pattern of a series' pattern number (as the stylesheet's `.pattern-N`).
fn dash(pattern: u16) -> &'static [f64] {
    match pattern {
        1 => &[6.0, 3.0],
        2 => &[2.0, 2.0],
        3 => &[8.0, 3.0, 2.0, 3.0],
        _ => &[],
    }
}

/// One shape of a series: arcs as thick bands (nodes) or thin strokes, paths as strokes,
/// circles and boxes filled. A marked shape takes its tone's colour.
fn draw_series_shape(ctx: &CanvasRenderingContext2d, shape: &Shape, palette: &Palette, hairline: Option<f64>) {
    let (colour, pattern) = series_style(shape.series.unwrap_or(0));
    let colour = palette.tone(shape.mark).unwrap_or(&palette.series[colour as usize]);
    let pattern: js_sys::Array = dash(pattern).iter().map(|d| wasm_bindgen::JsValue::from_f64(*d)).collect();
    let _ = ctx.set_line_dash(&pattern);
    ctx.set_stroke_style_str(colour);
    ctx.set_fill_style_str(colour);
    match &shape.geometry {
        Geometry::Arc { .. } => {
            ctx.begin_path();
            trace(ctx, &shape.geometry);
            ctx.set_line_width(if shape.role == Role::Node { 14.0 } else { 2.0 });
            ctx.stroke();
        }
        Geometry::Path { .. } => {
            ctx.begin_path();
            trace(ctx, &shape.geometry);
            let width: f64 = if shape.mark.is_some() { 3.0 } else { 1.6 };
            // A marked node's ticks too: a joining node's thousand, a pixel apart.
            ctx.set_line_width(match hairline {
                Some(px) if is_tick(shape) => width.min(px),
                _ => width,
            });
            ctx.stroke();
        }
        Geometry::Circle { .. } => {
            ctx.begin_path();
            trace(ctx, &shape.geometry);
            ctx.fill();
        }
        Geometry::Rect { x, y, w, h, .. } => {
            ctx.fill_rect(*x, *y, *w, *h);
            ctx.set_stroke_style_str(&palette.ink);
            ctx.set_line_width(1.0);
            ctx.stroke_rect(*x, *y, *w, *h);
        }
        Geometry::Text { x, y, text, anchor } => fill_text(ctx, text, *x, *y, *anchor),
    }
}

/// The canvas font for scene text `size` units high (the stylesheet's, for the SVG).
fn font_of(size: f64) -> String {
    format!("600 {}px ui-monospace, monospace", num(size))
}

/// Text at (x, y) by its anchor; the context is left centring, as the drawing sets it up.
fn fill_text(ctx: &CanvasRenderingContext2d, text: &str, x: f64, y: f64, anchor: Anchor) {
    // The canvas says "center" where SVG says "middle".
    ctx.set_text_align(if anchor == Anchor::Middle { "center" } else { anchor.svg() });
    let _ = ctx.fill_text(text, x, y);
    ctx.set_text_align("center");
}

/// Strokes the band arcs `arcs`, all on one circle and in clockwise order (as a ring's layout
/// emits them), as one circle painted by a conic gradient. False, having drawn nothing, if
/// they are not, or the browser has no conic gradients.
fn gradient_band<'a>(ctx: &CanvasRenderingContext2d, arcs: impl Iterator<Item = &'a Shape>, palette: &Palette) -> bool {
    let mut runs: Vec<(f64, f64, &str)> = Vec::new();
    // The part of an arc over the top that lies before 360°, drawn last.
    let mut wrapped = None;
    let mut circle = None;
    for shape in arcs {
        let Geometry::Arc { cx, cy, r, start, end } = shape.geometry else { return false };
        if *circle.get_or_insert((cx, cy, r)) != (cx, cy, r) {
            return false;
        }
        let colour = palette.series[series_style(shape.series.unwrap_or(0)).0 as usize].as_str();
        // Degrees clockwise from the top.
        let (start, end) = (start.rem_euclid(360.0), end.rem_euclid(360.0));
        if end > start {
            runs.push((start, end, colour));
        } else if wrapped.is_none() {
            wrapped = Some((start, 360.0, colour));
            runs.push((0.0, end, colour));
        } else {
            return false;
        }
    }
    runs.extend(wrapped);
    let Some((cx, cy, r)) = circle else { return false };
    if runs.windows(2).any(|pair| pair[1].0 < pair[0].1 - 1e-9) {
        return false;
    }
    // The gradient's angle 0 points right; the scene's 0° is the top.
    let Ok(gradient) = ctx.unchecked_ref::<ConicContext>().create_conic_gradient(-std::f64::consts::FRAC_PI_2, cx, cy) else { return false };
    let stop = |degrees: f64, colour: &str| {
        let _ = gradient.add_color_stop((degrees / 360.0).clamp(0.0, 1.0) as f32, colour);
    };
    let mut reached = 0.0;
    for (start, end, colour) in runs {
        if start > reached {
            // A gap (no serving node there): see-through, with hard edges.
            stop(reached, "transparent");
            stop(start, "transparent");
        }
        stop(start, colour);
        stop(end, colour);
        reached = end;
    }
    if reached < 360.0 {
        stop(reached, "transparent");
        stop(360.0, "transparent");
    }
    let _ = ctx.set_line_dash(&js_sys::Array::new());
    ctx.begin_path();
    ctx.move_to(cx + r, cy);
    let _ = ctx.arc(cx, cy, r, 0.0, std::f64::consts::TAU);
    ctx.set_stroke_style_canvas_gradient(&gradient);
    ctx.set_line_width(14.0);
    ctx.stroke();
    true
}
