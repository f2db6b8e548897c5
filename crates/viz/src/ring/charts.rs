//! The ring's two charts, drawn with plotters on a canvas in the page's colours: keys per node
//! against the ideal, and the spread of load against virtual nodes per node with the 1/√V that
//! theory expects. Each canvas has a data table beside it for screen readers (see stats.rs).

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_canvas::CanvasBackend;
use crate::theme::rgb;
use strata_engine::ring::count;
use strata_engine::scene::{decimal, series_style, SERIES_HEX};

/// Sizes the canvas's backing store to its CSS box (`size`, from a ResizeObserver) in device
/// pixels; returns the pixel ratio.
fn fit(canvas: &web_sys::HtmlCanvasElement, (width, height): (f64, f64)) -> Option<f64> {
    let ratio = strata_browser::window().map_or(1.0, |w| w.device_pixel_ratio()).max(0.5);
    if width < 10.0 {
        return None;
    }
    canvas.set_width((width * ratio).round() as u32);
    canvas.set_height((height.max(120.0) * ratio).round() as u32);
    Some(ratio)
}

/// One bar per node: (name, keys, series), with the ideal (the mean) as a dashed line.
pub fn draw_loads(canvas: web_sys::HtmlCanvasElement, size: (f64, f64), bars: &[(String, u32, u16)], ideal: f64) -> Option<()> {
    let ratio = fit(&canvas, size)?;
    let text = rgb(&canvas, "--text", "#1d1f24");
    let muted = rgb(&canvas, "--muted", "#565b66");
    let line = rgb(&canvas, "--refused", "#b34700");
    let series: Vec<RGBColor> = (0..8).map(|i| rgb(&canvas, &format!("--series-{i}"), SERIES_HEX[i])).collect();
    let px = |v: f64| (v * ratio).round() as u32;
    let font = |size: f64, c: RGBColor| ("sans-serif", size * ratio).into_font().color(&c);
    let root = CanvasBackend::with_canvas_object(canvas)?.into_drawing_area();
    let n = bars.len().max(1) as i32;
    let top = bars.iter().map(|b| b.1).max().unwrap_or(0).max(ideal.ceil() as u32).max(1) as f64 * 1.15;
    let y_max = top.ceil() as i32;
    let every = (bars.len() / 12).max(1);
    let names: Vec<String> = bars.iter().map(|b| b.0.clone()).collect();
    // Each bar's name under its middle: key points there (plotters' own picks, round numbers
    // of the 0..10n axis, fell between bars and left every name out).
    let x_points: Vec<i32> = (0..n).map(|i| i * 10 + 5).collect();
    let mut chart = ChartBuilder::on(&root)
        .margin(px(8.0))
        .x_label_area_size(px(36.0))
        .y_label_area_size(px(56.0))
        .build_cartesian_2d((0..n * 10).with_key_points(x_points.clone()), 0..y_max)
        .ok()?;
    let x_label = |x: &i32| {
        let i = (*x / 10) as usize;
        if i % every == 0 { names.get(i).cloned().unwrap_or_default() } else { String::new() }
    };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(x_points.len())
        .x_label_formatter(&x_label)
        .y_labels(5)
        .light_line_style(TRANSPARENT)
        .bold_line_style(muted.mix(0.3).stroke_width(px(1.0)))
        .axis_style(muted.stroke_width(px(1.0)))
        .label_style(font(13.0, text))
        .axis_desc_style(font(13.0, muted))
        .y_desc("Keys")
        .draw()
        .ok()?;
    // From the ninth node on colours repeat: those bars are drawn pale inside a solid outline
    // (the ring tells them apart by a dash pattern, which a filled bar cannot show).
    let look = |b: &(String, u32, u16)| {
        let (colour, pattern) = series_style(b.2);
        (series[colour as usize], pattern > 0)
    };
    chart
        .draw_series(bars.iter().enumerate().map(|(i, b)| {
            let (colour, repeat) = look(b);
            let x = i as i32 * 10;
            Rectangle::new([(x + 1, 0), (x + 9, b.1 as i32)], if repeat { colour.mix(0.3).filled() } else { colour.filled() })
        }))
        .ok()?;
    chart
        .draw_series(bars.iter().enumerate().filter(|(_, b)| look(b).1).map(|(i, b)| {
            let x = i as i32 * 10;
            Rectangle::new([(x + 1, 0), (x + 9, b.1 as i32)], look(b).0.stroke_width(px(2.0)))
        }))
        .ok()?;
    // The ideal: dashes across the whole width, so it reads as a line apart from the bars.
    let y = ideal.round() as i32;
    let dashes = (0..n * 10).step_by(4).map(|x| PathElement::new(vec![(x, y), ((x + 2).min(n * 10), y)], line.stroke_width(px(2.5))));
    chart.draw_series(dashes).ok()?;
    // Named in the headroom above the tallest bar, at the right, where no bar covers it.
    let corner = chart.backend_coord(&(n * 10, y_max));
    let style = font(13.0, line).pos(Pos::new(HPos::Right, VPos::Top));
    root.draw(&Text::new(format!("dashed: ideal {}", count(ideal.round() as u64)), (corner.0 - px(4.0) as i32, corner.1 + px(2.0) as i32), style)).ok()?;
    root.present().ok()
}

/// Measured spread (V, coefficient of variation) as points joined by a line, the expected
/// 1/√V as a dashed curve, on a log scale of V; `current` is marked.
pub fn draw_spread(canvas: web_sys::HtmlCanvasElement, size: (f64, f64), measured: &[(u16, f64)], current: u16) -> Option<()> {
    let ratio = fit(&canvas, size)?;
    let text = rgb(&canvas, "--text", "#1d1f24");
    let muted = rgb(&canvas, "--muted", "#565b66");
    let ink = rgb(&canvas, "--series-0", "#0072b2");
    let curve = rgb(&canvas, "--refused", "#b34700");
    let px = |v: f64| (v * ratio).round() as u32;
    let font = |size: f64, c: RGBColor| ("sans-serif", size * ratio).into_font().color(&c);
    let root = CanvasBackend::with_canvas_object(canvas)?.into_drawing_area();
    let y_max = measured.iter().map(|m| m.1).fold(1.0, f64::max) * 1.1;
    let mut chart = ChartBuilder::on(&root)
        .margin(px(8.0))
        .margin_right(px(24.0))
        .x_label_area_size(px(40.0))
        .y_label_area_size(px(56.0))
        .build_cartesian_2d(0.0f64..3.0, 0.0f64..y_max)
        .ok()?;
    let x_label = |x: &f64| decimal(10f64.powf(*x), 0);
    chart
        .configure_mesh()
        .x_labels(4)
        .x_label_formatter(&x_label)
        .y_labels(5)
        .y_label_formatter(&|y: &f64| decimal(*y, 2))
        .light_line_style(TRANSPARENT)
        .bold_line_style(muted.mix(0.3).stroke_width(px(1.0)))
        .axis_style(muted.stroke_width(px(1.0)))
        .label_style(font(13.0, text))
        .axis_desc_style(font(13.0, muted))
        .x_desc("Virtual nodes per node (log scale)")
        .y_desc("Spread (CoV)")
        .draw()
        .ok()?;
    let lx = |v: f64| v.max(1.0).log10();
    // The expected curve, dashed: short segments with gaps.
    let pts: Vec<(f64, f64)> = (0..=60).map(|i| i as f64 * 0.05).map(|x| (x, 1.0 / 10f64.powf(x).sqrt())).collect();
    chart.draw_series(pts.windows(2).step_by(2).map(|w| PathElement::new(vec![w[0], w[1]], curve.stroke_width(px(2.0))))).ok()?;
    let line: Vec<(f64, f64)> = measured.iter().map(|m| (lx(m.0 as f64), m.1)).collect();
    chart.draw_series(std::iter::once(PathElement::new(line.clone(), ink.stroke_width(px(2.0))))).ok()?;
    chart.draw_series(line.iter().map(|&p| Circle::new(p, px(4.0), ink.filled()))).ok()?;
    if let Some(m) = measured.iter().find(|m| m.0 == current) {
        chart.draw_series(std::iter::once(Circle::new((lx(m.0 as f64), m.1), px(8.0), text.stroke_width(px(2.0))))).ok()?;
    }
    let legend_at = chart.backend_coord(&(1.2, y_max * 0.95));
    root.draw(&Text::new("solid: measured on these nodes", legend_at, font(13.0, ink))).ok()?;
    root.draw(&Text::new("dashed: expected 1/√V", (legend_at.0, legend_at.1 + px(18.0) as i32), font(13.0, curve))).ok()?;
    root.present().ok()
}
