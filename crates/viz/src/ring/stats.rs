//! The ring's figures under the player: keys per node against the ideal (one chart per cluster
//! on screen), keys moved by the last change for each cluster in compare mode, and the spread
//! of load against virtual nodes with the 1/√V curve. Every chart has its data as a table.

use super::charts;
use crate::page::PageHandle;
use leptos::prelude::*;
use std::rc::Rc;
use strata_engine::ring::spread::{expected_cov, share_cov, SPREAD_VNODES};
use strata_engine::ring::{count, percent, ChangeKind, Cluster};
use strata_engine::widget::Widget;
use strata_engine::widgets::ring::{lookup_cost, RingWidget};

/// One cluster's loads: (name, keys, series) per serving node, and the ideal per node.
fn loads(c: &Cluster) -> (Vec<(String, u32, u16)>, f64) {
    let bars = c.serving().into_iter().map(|i| (c.node_name(i).to_string(), c.loads()[i as usize], i)).collect();
    (bars, c.metrics().mean)
}

/// Draws with `draw` once the canvas is laid out (a just-mounted canvas has no width yet).
/// Keeps a chart drawn at its box's size: draws now (well, next frame), and again whenever the
/// box around the canvas changes width (the stylesheet arriving, the window resizing), since
/// the bitmap is pinned to the size it was drawn at.
fn keep_drawn(canvas: NodeRef<leptos::html::Canvas>, draw: StoredValue<Option<Rc<dyn Fn(web_sys::HtmlCanvasElement) -> Option<()>>>, LocalStorage>) {
    use wasm_bindgen::JsCast;
    Effect::new(move |_| {
        let Some(el) = canvas.get() else { return };
        let Some(parent) = el.parent_element() else { return };
        let last_width = StoredValue::new(0i32);
        let on_resize = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
            let width = parent_width(&el);
            if width != last_width.get_value() {
                last_width.set_value(width);
                if let Some(d) = draw.get_value() {
                    draw_when_laid_out(el.clone(), d, 10);
                }
            }
        });
        let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) else { return };
        observer.observe(&parent);
        let kept = StoredValue::new_local(Some((observer, on_resize)));
        on_cleanup(move || {
            if let Some((observer, _closure)) = kept.try_update_value(Option::take).flatten() {
                observer.disconnect();
            }
        });
    });
}

fn parent_width(el: &web_sys::HtmlCanvasElement) -> i32 {
    el.parent_element().map_or(0, |p| p.client_width())
}

/// Drawing waits a frame, so the page around a just-changed figure has its final width.
fn draw_when_laid_out(canvas: web_sys::HtmlCanvasElement, draw: Rc<dyn Fn(web_sys::HtmlCanvasElement) -> Option<()>>, tries: u32) {
    if tries == 10 || (canvas.get_bounding_client_rect().width() < 10.0 && tries > 0) {
        request_animation_frame(move || draw_when_laid_out(canvas, draw, tries - 1));
        return;
    }
    let _ = draw(canvas);
}

#[component]
pub fn Stats(page: PageHandle<RingWidget>) -> impl IntoView {
    let shown = page.shown;
    let count_shown = move || shown.with(|s| s.len());
    let load_chart = move |which: usize| {
        let canvas = NodeRef::<leptos::html::Canvas>::new();
        let draw = StoredValue::new_local(None::<Rc<dyn Fn(web_sys::HtmlCanvasElement) -> Option<()>>>);
        Effect::new(move |_| {
            let Some(c) = shown.with(|s| s.get(which).cloned()) else { return };
            let Some(el) = canvas.get() else { return };
            let (bars, ideal) = loads(&c);
            let d: Rc<dyn Fn(web_sys::HtmlCanvasElement) -> Option<()>> = Rc::new(move |cv| charts::draw_loads(cv, &bars, ideal));
            draw.set_value(Some(Rc::clone(&d)));
            draw_when_laid_out(el, d, 10);
        });
        keep_drawn(canvas, draw);
        let title = move || shown.with(|s| s.get(which).map(|c| RingWidget::name(&RingWidget::params_of(c))).unwrap_or_default());
        let rows = move || {
            shown.with(|s| {
                s.get(which).map(|c| {
                    let (bars, ideal) = loads(c);
                    bars.into_iter().map(|(name, keys, _)| {
                        let off = if ideal > 0.0 { keys as f64 / ideal } else { 0.0 };
                        view! { <tr><th scope="row">{name}</th><td>{count(keys as u64)}</td><td>{format!("{off:.2}×")}</td></tr> }
                    }).collect_view()
                })
            })
        };
        view! {
            <figure class="ring-chart">
                <figcaption>{move || format!("Keys per node: {}", title())}</figcaption>
                <canvas node_ref=canvas class="chart-canvas" aria-hidden="true"></canvas>
                <details>
                    <summary>"Keys per node as a table"</summary>
                    <table class="data-table">
                        <thead><tr><th scope="col">"Node"</th><th scope="col">"Keys"</th><th scope="col">"Against the ideal"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </details>
            </figure>
        }
    };

    // Keys moved by the last change, for each cluster on screen.
    let moved = move || {
        shown.with(|s| {
            s.iter().filter_map(|c| {
                let ch = c.last_change().filter(|ch| ch.kind != ChangeKind::AddKeys)?;
                let name = RingWidget::name(&RingWidget::params_of(c));
                Some(view! { <tr><th scope="row">{name}</th><td>{count(ch.moved as u64)}</td><td>{percent(ch.fraction())}</td><td>{percent(ch.ideal)}</td><td>{lookup_cost(c)}</td></tr> })
            }).collect_view()
        })
    };
    let any_change = move || shown.with(|s| s.iter().any(|c| c.last_change().is_some_and(|ch| ch.kind != ChangeKind::AddKeys)));

    // Spread against virtual nodes, measured on the main cluster's serving nodes.
    let names = Memo::new(move |_| shown.with(|s| s.first().map(|c| c.serving().into_iter().map(|i| c.node_name(i).to_string()).collect::<Vec<_>>()).unwrap_or_default()));
    let current_v = Memo::new(move |_| shown.with(|s| s.first().map_or(0, |c| c.config().vnodes)));
    let spread = Memo::new(move |_| {
        names.with(|n| {
            let refs: Vec<&str> = n.iter().map(String::as_str).collect();
            SPREAD_VNODES.iter().map(|&v| (v, share_cov(&refs, v))).collect::<Vec<_>>()
        })
    });
    let spread_canvas = NodeRef::<leptos::html::Canvas>::new();
    let spread_draw = StoredValue::new_local(None::<Rc<dyn Fn(web_sys::HtmlCanvasElement) -> Option<()>>>);
    Effect::new(move |_| {
        let measured = spread.get();
        let v = current_v.get();
        let Some(el) = spread_canvas.get() else { return };
        let d: Rc<dyn Fn(web_sys::HtmlCanvasElement) -> Option<()>> = Rc::new(move |cv| charts::draw_spread(cv, &measured, v));
        spread_draw.set_value(Some(Rc::clone(&d)));
        draw_when_laid_out(el, d, 10);
    });
    keep_drawn(spread_canvas, spread_draw);

    view! {
        <section class="ring-stats" aria-labelledby="ring-stats-title">
            <h2 id="ring-stats-title">"Load"</h2>
            <Show when=any_change>
                <table class="data-table ring-moved">
                    <caption>"Keys moved by the last change"</caption>
                    <thead><tr><th scope="col">"Cluster"</th><th scope="col">"Keys moved"</th><th scope="col">"Fraction"</th><th scope="col">"Ideal"</th><th scope="col">"Lookup cost"</th></tr></thead>
                    <tbody>{moved}</tbody>
                </table>
            </Show>
            <div class="ring-charts">
                {load_chart(0)}
                {move || (count_shown() > 1).then(|| load_chart(1))}
            </div>
            <figure class="ring-chart">
                <figcaption>{move || format!("Spread of load against virtual nodes, for these {} nodes", names.with(Vec::len))}</figcaption>
                <canvas node_ref=spread_canvas class="chart-canvas" aria-hidden="true"></canvas>
                <details>
                    <summary>"Spread as a table"</summary>
                    <table class="data-table">
                        <thead><tr><th scope="col">"Virtual nodes"</th><th scope="col">"Measured CoV"</th><th scope="col">"Expected 1/√V"</th></tr></thead>
                        <tbody>{move || spread.get().into_iter().map(|(v, cov)| view! {
                            <tr><th scope="row">{count(v as u64)}</th><td>{format!("{cov:.3}")}</td><td>{format!("{:.3}", expected_cov(v as f64))}</td></tr>
                        }).collect_view()}</tbody>
                    </table>
                </details>
                <p class="hint">"The coefficient of variation of each node's share of the circle: how far loads stray from even, before any key is placed."</p>
            </figure>
        </section>
    }
}
