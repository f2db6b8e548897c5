//! The weekly activity chart, drawn with plotters on a canvas in the theme's colours.
//!
//! Coordinates are integers (weeks × 10 across, hundredths of an item up) so the axes take
//! explicit, whole-number ticks; the canvas backing store is scaled to `devicePixelRatio`.

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use strata_progress::calendar::{self, Day};

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

pub fn draw(canvas: web_sys::HtmlCanvasElement, weeks: &[(Day, u32)], planned: Option<f64>) {
    let _ = try_draw(canvas, weeks, planned);
}

fn try_draw(canvas: web_sys::HtmlCanvasElement, weeks: &[(Day, u32)], planned: Option<f64>) -> Option<()> {
    let bar = theme_colour("--accent", RGBColor(11, 95, 134));
    let line = theme_colour("--focus", RGBColor(194, 65, 12));
    let text = theme_colour("--text", RGBColor(29, 31, 36));
    let grid = theme_colour("--border", RGBColor(217, 213, 204));
    let ratio = strata_browser::window().map_or(1.0, |w| w.device_pixel_ratio()).max(1.0);
    let (css_width, css_height) = (canvas.client_width().max(300), canvas.client_height().max(150));
    // Setting the size also clears the canvas, so every redraw starts clean.
    canvas.set_width((f64::from(css_width) * ratio) as u32);
    canvas.set_height((f64::from(css_height) * ratio) as u32);
    let px = |v: f64| (v * ratio) as u32;

    let root = CanvasBackend::with_canvas_object(canvas)?.into_drawing_area();
    let n = weeks.len().max(1) as i32;
    let highest = weeks.iter().map(|w| w.1).max().unwrap_or(0) as f64;
    let top = highest.max(planned.unwrap_or(0.0)).max(1.0);
    let y_max = (top * 1.15).ceil() as i32;
    let step = [1, 2, 5, 10, 20, 50, 100, 200, 500].into_iter().find(|s| y_max / s <= 5).unwrap_or(1000);
    let y_ticks: Vec<i32> = (0..=y_max / step).map(|k| k * step * 100).collect();
    let label_every = (weeks.len()).div_ceil((css_width as usize / 70).max(2)).max(1);
    let x_ticks: Vec<i32> = (0..n).step_by(label_every).map(|i| i * 10 + 5).collect();
    let font = |size: f64| ("sans-serif", size * ratio).into_font().color(&text);

    let mut chart = ChartBuilder::on(&root)
        .margin(px(8.0))
        .x_label_area_size(px(26.0))
        .y_label_area_size(px(44.0))
        .build_cartesian_2d((0..n * 10).with_key_points(x_ticks), (0..y_max * 100).with_key_points(y_ticks))
        .ok()?;
    let x_label = |x: &i32| weeks.get((*x / 10) as usize).map(|w| calendar::short(w.0)).unwrap_or_default();
    let y_label = |y: &i32| (y / 100).to_string();
    chart
        .configure_mesh()
        .disable_x_mesh()
        .bold_line_style(grid.stroke_width(px(1.0)))
        .axis_style(grid.stroke_width(px(1.0)))
        .label_style(font(12.0))
        .axis_desc_style(font(12.0))
        .y_desc("Items finished")
        .x_label_formatter(&x_label)
        .y_label_formatter(&y_label)
        .draw()
        .ok()?;
    chart
        .draw_series(weeks.iter().zip(0..).map(|(w, i)| Rectangle::new([(i * 10 + 2, 0), (i * 10 + 8, w.1 as i32 * 100)], bar.filled())))
        .ok()?;
    if let Some(p) = planned.filter(|p| p.is_finite() && *p > 0.0) {
        let y = (p * 100.0) as i32;
        // Dashes, so the planned line differs from the bars by more than colour.
        let dashes = (0..n * 2).map(|i| PathElement::new(vec![(i * 5, y), (i * 5 + 3, y)], line.stroke_width(px(2.0))));
        chart.draw_series(dashes).ok()?;
    }
    root.present().ok()
}
