//! Charts of write, read and space amplification against operations, one canvas each, drawn
//! with plotters in the theme's colours, with the same points in a table for screen readers.
//! In compare mode the second structure's line has triangles where the first has circles,
//! so the two differ by more than colour.

use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use crate::disclosure::LazyDetails;
use crate::theme::rgb;
use std::rc::Rc;
use strata_engine::layout::lsm::fixed;
use strata_engine::lsm::{Lsm, Sample};
use strata_engine::widget::Widget;
use strata_engine::widgets::lsm::LsmWidget;

#[derive(Clone, Copy)]
struct Metric {
    title: &'static str,
    get: fn(&Sample) -> f32,
}

const METRICS: [Metric; 3] = [
    Metric { title: "Write amplification", get: |s| s.write_amp },
    Metric { title: "Read amplification (tables per get)", get: |s| s.read_amp },
    Metric { title: "Space amplification", get: |s| s.space_amp },
];

fn draw(canvas: web_sys::HtmlCanvasElement, metric: Metric, series: &[Vec<Sample>]) -> Option<()> {
    let ratio = strata_browser::window().map_or(1.0, |w| w.device_pixel_ratio()).max(0.5);
    let style = web_sys::HtmlElement::style(&canvas);
    let _ = style.remove_property("width");
    let _ = style.remove_property("height");
    let rect = canvas.get_bounding_client_rect();
    let (dw, dh) = ((rect.width().max(240.0) * ratio).round(), (rect.height().max(180.0) * ratio).round());
    canvas.set_width(dw as u32);
    canvas.set_height(dh as u32);
    let _ = style.set_property("width", &format!("{}px", dw / ratio));
    let _ = style.set_property("height", &format!("{}px", dh / ratio));
    let px = |v: f64| (v * ratio).round() as u32;
    let text = rgb(&canvas, "--text", "#1d1f24");
    let muted = rgb(&canvas, "--muted", "#565b66");
    let grid = rgb(&canvas, "--border", "#d9d5cc");
    let colours = [rgb(&canvas, "--accent", "#0b5f86"), rgb(&canvas, "--focus", "#c2410c")];
    let font = |size: f64, colour: RGBColor| ("sans-serif", size * ratio).into_font().color(&colour);

    let x_max = series.iter().flat_map(|s| s.last()).map(|s| s.ops).max().unwrap_or(1).max(1) as f64;
    let y_max = series.iter().flatten().map(|s| f64::from((metric.get)(s))).fold(1.0, f64::max) * 1.15;
    let root = CanvasBackend::with_canvas_object(canvas)?.into_drawing_area();
    let mut chart = ChartBuilder::on(&root)
        .margin(px(8.0))
        .caption(metric.title, font(14.0, text))
        .x_label_area_size(px(40.0))
        .y_label_area_size(px(44.0))
        .build_cartesian_2d(0.0..x_max, 0.0..y_max)
        .ok()?;
    chart
        .configure_mesh()
        .bold_line_style(grid.stroke_width(px(1.0)))
        .light_line_style(TRANSPARENT)
        .axis_style(muted.stroke_width(px(1.0)))
        .label_style(font(12.0, text))
        .axis_desc_style(font(12.0, muted))
        .x_desc("Operations")
        .x_labels(4)
        .y_labels(5)
        .x_label_formatter(&|x| if *x >= 1000.0 { format!("{}k", fixed(x / 1000.0, 0)) } else { fixed(*x, 0) })
        .y_label_formatter(&|y| fixed(*y, 1))
        .draw()
        .ok()?;
    for (i, points) in series.iter().enumerate() {
        let colour = colours[i % 2];
        let line: Vec<(f64, f64)> = points.iter().map(|s| (s.ops as f64, f64::from((metric.get)(s)))).collect();
        chart.draw_series(std::iter::once(PathElement::new(line.clone(), colour.stroke_width(px(2.0))))).ok()?;
        // Markers on at most 24 points, so they stay apart.
        let every = line.len().div_ceil(24).max(1);
        let marks = line.iter().step_by(every).copied();
        if i == 0 {
            chart.draw_series(marks.map(|p| Circle::new(p, px(3.5), colour.filled()))).ok()?;
        } else {
            chart.draw_series(marks.map(|p| TriangleMarker::new(p, px(5.0), colour.filled()))).ok()?;
        }
    }
    root.present().ok()
}

/// The points shown: the samples up to the current step (the state keeps them).
fn series(states: &[Rc<Lsm>]) -> Vec<Vec<Sample>> {
    states.iter().map(|s| s.samples().to_vec()).collect()
}

#[component]
pub fn Charts(shown: Signal<Vec<Rc<Lsm>>, LocalStorage>) -> impl IntoView {
    let canvases: [NodeRef<Canvas>; 3] = [NodeRef::new(), NodeRef::new(), NodeRef::new()];
    let names = move || shown.with(|s| s.iter().map(|l| LsmWidget::name(&LsmWidget::params_of(l))).collect::<Vec<_>>());
    // Most steps add no chart point (the tree keeps one every so many operations): redraw
    // only when the points differ from what is drawn, so stepping stays cheap.
    let drawn = StoredValue::new_local(None::<Vec<Vec<Sample>>>);
    Effect::new(move |_| {
        let data = shown.with(|s| series(s));
        // (Reading the refs also reruns this once the canvases are mounted.)
        let mounted = canvases.iter().all(|n| n.get().is_some());
        if !mounted || drawn.with_value(|d| d.as_ref() == Some(&data)) {
            return;
        }
        drawn.set_value(Some(data.clone()));
        for (i, node) in canvases.iter().enumerate() {
            if let Some(canvas) = node.get() {
                let data = data.clone();
                let metric = METRICS[i];
                // After layout, so the canvas has its size.
                request_animation_frame(move || {
                    let _ = draw(canvas, metric, &data);
                });
            }
        }
    });
    // The table's rows, as a memo: most steps add no point, and then the table is not rebuilt.
    let table_rows = Memo::new(move |_| {
        shown.with(|states| {
            states
                .iter()
                .map(|lsm| {
                    let samples = lsm.samples();
                    // At most 40 rows: every k-th point and the last.
                    let every = samples.len().div_ceil(40).max(1);
                    let mut picked: Vec<Sample> = samples.iter().step_by(every).copied().collect();
                    if let Some(last) = samples.last().filter(|l| picked.last() != Some(l)) {
                        picked.push(*last);
                    }
                    (LsmWidget::name(&LsmWidget::params_of(lsm)), picked)
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="lsm-charts" aria-labelledby="lsm-charts-title">
            <h2 id="lsm-charts-title">"Amplification as operations go by"</h2>
            <p class="hint">{move || {
                let n = names();
                match n.as_slice() {
                    [a, b] => format!("Circles: {a}. Triangles: {b}."),
                    _ => "Each point is the figure after that many operations.".to_string(),
                }
            }}</p>
            <div class="lsm-chart-row">
                {canvases.into_iter().enumerate().map(|(i, node)| view! {
                    <canvas node_ref=node class="lsm-chart" role="img" aria-label=format!("{} against operations; the numbers are in the table below.", METRICS[i].title)></canvas>
                }).collect_view()}
            </div>
            <LazyDetails class="lsm-chart-data" summary="The charts’ numbers">
                {move || table_rows.with(|tables| tables.iter().map(|(name, picked)| view! {
                    <table>
                        <caption>{name.clone()}</caption>
                        <thead><tr><th scope="col">"Operations"</th><th scope="col">"Write amp."</th><th scope="col">"Read amp."</th><th scope="col">"Space amp."</th></tr></thead>
                        <tbody>
                            {picked.iter().map(|s| view! {
                                <tr><td class="num">{s.ops}</td><td class="num">{fixed(f64::from(s.write_amp), 2)}</td><td class="num">{fixed(f64::from(s.read_amp), 2)}</td><td class="num">{fixed(f64::from(s.space_amp), 2)}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }).collect_view())}
            </LazyDetails>
        </section>
    }
}
