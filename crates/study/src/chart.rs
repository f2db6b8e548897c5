//! The weekly activity chart, drawn with plotters on a canvas in the theme's colours.
//!
//! Coordinates are integers (each week is `SLOT` units across, hundredths of an item up) so the
//! axes take explicit, whole-number ticks. The canvas's backing store is its CSS size times
//! `devicePixelRatio`, rounded, and its CSS size is pinned to the same box, so one canvas pixel
//! is one device pixel at any ratio (no resampling blur). Bars and dashes are sized in CSS
//! pixels, not in weeks, so one week of data is a bar, not a slab, and the planned line is
//! dashed across the whole width.

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use strata_progress::calendar::{self, Day};

/// Units per week across.
const SLOT: i32 = 100;
/// At least this many weeks across: fewer are padded with the weeks that follow.
pub const MIN_WEEKS: usize = 8;
/// The widest a bar gets, in CSS pixels.
pub const MAX_BAR_PX: f64 = 36.0;
const LEFT_PX: f64 = 52.0;
const BOTTOM_PX: f64 = 44.0;
const MARGIN_PX: f64 = 8.0;

/// A CSS custom property of the page (`--accent`) as a colour; `fallback` if it is not `#rrggbb`.
fn theme_colour(name: &str, fallback: RGBColor) -> RGBColor {
    let value = strata_browser::window()
        .and_then(|w| w.get_computed_style(&strata_browser::document()?.document_element()?).ok().flatten())
        .and_then(|style| style.get_property_value(name).ok())
        .unwrap_or_default();
    let hex = value.trim().trim_start_matches('#');
    match (hex.len(), u32::from_str_radix(hex, 16)) {
        (6, Ok(v)) => RGBColor((v >> 16) as u8, (v >> 8) as u8, v as u8),
        _ => fallback,
    }
}

/// Draws `weeks` (Monday, items finished) and, if given, the planned items a week.
pub fn draw(canvas: web_sys::HtmlCanvasElement, weeks: &[(Day, u32)], planned: Option<f64>) {
    draw_when_laid_out(canvas, weeks.to_vec(), planned, 10);
}

/// A canvas not laid out yet (just mounted) has no width to size the chart by: try again on
/// the next frames rather than drawing at a guessed size that the stylesheet then stretches.
fn draw_when_laid_out(canvas: web_sys::HtmlCanvasElement, weeks: Vec<(Day, u32)>, planned: Option<f64>, tries: u32) {
    let style = canvas.style();
    let _ = style.remove_property("width");
    let _ = style.remove_property("height");
    if canvas.client_width() == 0 && tries > 0 {
        leptos::prelude::request_animation_frame(move || draw_when_laid_out(canvas, weeks, planned, tries - 1));
        return;
    }
    let _ = try_draw(canvas, &weeks, planned);
}

/// The bar's width in units of a slot `slot_px` CSS pixels wide: 60 % of the slot, at most
/// [`MAX_BAR_PX`].
pub fn bar_units(slot_px: f64) -> i32 {
    let px = (slot_px * 0.6).min(MAX_BAR_PX);
    ((px / slot_px.max(1.0)) * f64::from(SLOT)).round().clamp(4.0, 60.0) as i32
}

fn try_draw(canvas: web_sys::HtmlCanvasElement, weeks: &[(Day, u32)], planned: Option<f64>) -> Option<()> {
    let bar = theme_colour("--accent", RGBColor(11, 95, 134));
    let line = theme_colour("--focus", RGBColor(194, 65, 12));
    let text = theme_colour("--text", RGBColor(29, 31, 36));
    let muted = theme_colour("--muted", RGBColor(86, 91, 102));
    let grid = theme_colour("--border", RGBColor(217, 213, 204));
    let ratio = strata_browser::window().map_or(1.0, |w| w.device_pixel_ratio()).max(0.5);
    // Measure the box the stylesheet gives (not the size pinned by the last draw), then pin it.
    let style = canvas.style();
    let _ = style.remove_property("width");
    let _ = style.remove_property("height");
    // Whole device pixels: the backing store, and the CSS box pinned to exactly that many.
    let rect = canvas.get_bounding_client_rect();
    let (device_w, device_h) = ((rect.width().max(280.0) * ratio).round(), (rect.height().max(160.0) * ratio).round());
    let (css_width, css_height) = (device_w / ratio, device_h / ratio);
    // Setting the size also clears the canvas, so every redraw starts clean.
    canvas.set_width(device_w as u32);
    canvas.set_height(device_h as u32);
    let _ = style.set_property("width", &format!("{css_width}px"));
    let _ = style.set_property("height", &format!("{css_height}px"));
    let px = |v: f64| (v * ratio).round() as u32;

    // Pad to at least MIN_WEEKS slots with the weeks after the last one.
    let mut slots: Vec<(Day, Option<u32>)> = weeks.iter().map(|&(d, n)| (d, Some(n))).collect();
    let last = weeks.last().map_or(0, |w| w.0);
    while slots.len() < MIN_WEEKS {
        let next = slots.last().map_or(last, |s| s.0 + 7);
        slots.push((next, None));
    }
    let n = slots.len() as i32;
    let plot_px = css_width - LEFT_PX - 2.0 * MARGIN_PX;
    let slot_px = plot_px / f64::from(n);
    let bar_w = bar_units(slot_px);

    let root = CanvasBackend::with_canvas_object(canvas)?.into_drawing_area();
    let highest = weeks.iter().map(|w| w.1).max().unwrap_or(0) as f64;
    let top = highest.max(planned.unwrap_or(0.0)).max(1.0);
    let y_max = (top * 1.2).ceil() as i32;
    let step = [1, 2, 5, 10, 20, 50, 100, 200, 500].into_iter().find(|s| y_max / s <= 5).unwrap_or(1000);
    let y_ticks: Vec<i32> = (0..=y_max / step).map(|k| k * step * 100).collect();
    // A date label needs about 60 CSS pixels.
    let label_every = (slots.len()).div_ceil((plot_px / 60.0).max(2.0) as usize).max(1);
    let x_ticks: Vec<i32> = (0..n).step_by(label_every).map(|i| i * SLOT + SLOT / 2).collect();
    let font = |size: f64, colour: RGBColor| ("sans-serif", size * ratio).into_font().color(&colour);

    let mut chart = ChartBuilder::on(&root)
        .margin(px(MARGIN_PX))
        .x_label_area_size(px(BOTTOM_PX))
        .y_label_area_size(px(LEFT_PX))
        .build_cartesian_2d((0..n * SLOT).with_key_points(x_ticks), (0..y_max * 100).with_key_points(y_ticks))
        .ok()?;
    let x_label = |x: &i32| slots.get((*x / SLOT) as usize).map(|w| calendar::short(w.0)).unwrap_or_default();
    let y_label = |y: &i32| (y / 100).to_string();
    chart
        .configure_mesh()
        .disable_x_mesh()
        .bold_line_style(grid.stroke_width(px(1.0)))
        .light_line_style(TRANSPARENT)
        .axis_style(muted.stroke_width(px(1.0)))
        .label_style(font(12.0, text))
        .axis_desc_style(font(12.0, muted))
        .y_desc("Items done")
        .x_desc("Week starting (Monday)")
        .x_label_formatter(&x_label)
        .y_label_formatter(&y_label)
        .draw()
        .ok()?;
    let bars = slots.iter().zip(0..).filter_map(|(s, i)| s.1.filter(|&c| c > 0).map(|c| (i, c)));
    chart
        .draw_series(bars.map(|(i, c)| {
            let left = i * SLOT + (SLOT - bar_w) / 2;
            Rectangle::new([(left, 0), (left + bar_w, c as i32 * 100)], bar.filled())
        }))
        .ok()?;
    if let Some(p) = planned.filter(|p| p.is_finite() && *p > 0.0) {
        let y = (p * 100.0).round() as i32;
        // Dashes 10 CSS pixels long with 6-pixel gaps, so the line reads as dashed at any
        // width and differs from the bars by more than colour.
        let units_per_px = f64::from(n * SLOT) / plot_px.max(1.0);
        let (dash, gap) = (((10.0 * units_per_px) as i32).max(1), ((6.0 * units_per_px) as i32).max(1));
        let dashes = (0..).map(|k| k * (dash + gap)).take_while(|&x| x < n * SLOT).map(|x| {
            PathElement::new(vec![(x, y), ((x + dash).min(n * SLOT), y)], line.stroke_width(px(2.5)))
        });
        chart.draw_series(dashes).ok()?;
        let label = format!("plan: {} a week", items_text(p));
        let at = chart.backend_coord(&(0, y));
        root.draw(&Text::new(label, (at.0 + px(4.0) as i32, at.1 - px(16.0) as i32), font(12.0, line))).ok()?;
    }
    root.present().ok()
}

/// "3 items", "1.5 items", "1 item".
fn items_text(n: f64) -> String {
    let tenths = (n * 10.0).round() as u64;
    let number = if tenths % 10 == 0 { (tenths / 10).to_string() } else { format!("{}.{}", tenths / 10, tenths % 10) };
    format!("{number} item{}", if tenths == 10 { "" } else { "s" })
}
