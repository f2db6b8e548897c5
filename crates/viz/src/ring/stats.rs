//! The ring's figures under the player: keys per node against the ideal (one chart per cluster
//! on screen), keys moved by the last change for each cluster in compare mode, and the spread
//! of load against virtual nodes with the 1/√V curve. Every chart has its data as a table.

use super::charts;
use crate::disclosure::LazyDetails;
use crate::page::PageHandle;
use leptos::prelude::*;
use std::rc::Rc;
use strata_engine::ring::spread::{expected_cov, share_covs, SPREAD_VNODES};
use strata_engine::ring::{count, fixed, noun, percent, ChangeKind, Cluster};
use strata_engine::widget::Widget;
use strata_engine::widgets::ring::{lookup_cost, RingWidget};

/// One cluster's loads: (name, keys, series) per serving node, and the ideal per node.
type Loads = (Vec<(String, u32, u16)>, f64);

fn loads(c: &Cluster) -> Loads {
    let bars = c.serving().into_iter().map(|i| (c.node_name(i).to_string(), c.loads()[i as usize], i)).collect();
    (bars, c.metrics().mean)
}

type Draw = Rc<dyn Fn(web_sys::HtmlCanvasElement, (f64, f64)) -> Option<()>>;

/// A chart's canvas kept drawn: at its CSS box's size, which a ResizeObserver reports (so a
/// step never makes the page lay out just to size a chart: in the benchmark's profile these
/// reads were about 6 ms a step), with the latest drawing, at most once a frame.
#[derive(Clone, Copy)]
struct ChartCanvas {
    canvas: NodeRef<leptos::html::Canvas>,
    size: StoredValue<(f64, f64)>,
    draw: StoredValue<Option<Draw>, LocalStorage>,
    queued: StoredValue<bool>,
}

impl ChartCanvas {
    fn new() -> ChartCanvas {
        let chart = ChartCanvas { canvas: NodeRef::new(), size: StoredValue::new((0.0, 0.0)), draw: StoredValue::new_local(None), queued: StoredValue::new(false) };
        Effect::new(move |_| {
            let Some(el) = chart.canvas.get() else { return };
            let target = el.clone();
            crate::stage::watch_size(&el, move || {
                // Inside the observer's callback the layout is fresh: reading it costs nothing.
                let size = (target.client_width() as f64, target.client_height() as f64);
                if size != chart.size.get_value() {
                    chart.size.set_value(size);
                    chart.redraw();
                }
            });
        });
        chart
    }

    /// Draws with `draw` from now on.
    fn show(self, draw: Draw) {
        self.draw.set_value(Some(draw));
        self.redraw();
    }

    /// Draws in the next frame (once, however many steps come before it).
    fn redraw(self) {
        if self.queued.get_value() {
            return;
        }
        self.queued.set_value(true);
        request_animation_frame(move || {
            let _ = self.queued.try_set_value(false);
            let (Some(Some(draw)), Some(el)) = (self.draw.try_get_value(), self.canvas.get_untracked()) else { return };
            let size = self.size.get_value();
            if size.0 >= 10.0 {
                let _ = draw(el, size);
            }
        });
    }
}

/// The measured spread for one set of node names, kept for the last few sets: it hashes and
/// sorts 1,000 virtual nodes per node (100,000 points for 100 nodes), and stepping back and
/// forth over a join would otherwise measure it again each time.
const SPREAD_KEPT: usize = 8;

#[component]
pub fn Stats(page: PageHandle<RingWidget>) -> impl IntoView {
    let shown = page.shown;
    let count_shown = move || shown.with(|s| s.len());
    let load_chart = move |which: usize| {
        // A memo, so a step that moves no key (a lookup, a node announced) redraws nothing.
        let data = Memo::new(move |_| shown.with(|s| s.get(which).map(|c| loads(c))));
        let chart = ChartCanvas::new();
        Effect::new(move |_| {
            let Some((bars, ideal)) = data.get() else { return };
            chart.show(Rc::new(move |cv, size| charts::draw_loads(cv, size, &bars, ideal)));
        });
        let canvas = chart.canvas;
        let title = move || shown.with(|s| s.get(which).map(|c| RingWidget::name(&RingWidget::params_of(c))).unwrap_or_default());
        let rows = move || {
            data.with(|d| {
                d.as_ref().map(|(bars, ideal)| {
                    bars.iter().map(|(name, keys, _)| {
                        let off = if *ideal > 0.0 { *keys as f64 / ideal } else { 0.0 };
                        view! { <tr><th scope="row">{name.clone()}</th><td>{count(*keys as u64)}</td><td>{format!("{}×", fixed(off, 2))}</td></tr> }
                    }).collect_view()
                })
            })
        };
        view! {
            <figure class="ring-chart">
                <figcaption>{move || format!("Keys per node: {}", title())}</figcaption>
                <canvas node_ref=canvas class="chart-canvas" aria-hidden="true"></canvas>
                <LazyDetails summary="Keys per node as a table">
                    <table class="data-table">
                        <thead><tr><th scope="col">"Node"</th><th scope="col">"Keys"</th><th scope="col">"Against the ideal"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </LazyDetails>
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
    let kept = StoredValue::new(Vec::<(Vec<String>, Vec<(u16, f64)>)>::new());
    let spread = RwSignal::new(Vec::<(u16, f64)>::new());
    // Measured after the step is on screen, not in it: for 100 nodes it hashes 100,000 virtual
    // nodes (about 20 ms natively), and only this chart below the stage waits for it.
    Effect::new(move |_| {
        let wanted = names.get();
        if let Some((_, m)) = kept.with_value(|k| k.iter().find(|(n, _)| *n == wanted).cloned()) {
            spread.set(m);
            return;
        }
        set_timeout(
            move || {
                // Stepped on to other nodes meanwhile: their own effect measures them.
                if names.try_with_untracked(|n| *n != wanted).unwrap_or(true) {
                    return;
                }
                let refs: Vec<&str> = wanted.iter().map(String::as_str).collect();
                let measured: Vec<(u16, f64)> = SPREAD_VNODES.iter().copied().zip(share_covs(&refs, &SPREAD_VNODES)).collect();
                kept.update_value(|k| {
                    if k.len() == SPREAD_KEPT {
                        k.remove(0);
                    }
                    k.push((wanted, measured.clone()));
                });
                spread.set(measured);
            },
            std::time::Duration::ZERO,
        );
    });
    let spread_chart = ChartCanvas::new();
    let spread_canvas = spread_chart.canvas;
    Effect::new(move |_| {
        let measured = spread.get();
        let v = current_v.get();
        spread_chart.show(Rc::new(move |cv, size| charts::draw_spread(cv, size, &measured, v)));
    });

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
                <figcaption>{move || format!("Spread of load against virtual nodes, for these {}", noun(names.with(Vec::len) as u64, "node"))}</figcaption>
                <canvas node_ref=spread_canvas class="chart-canvas" aria-hidden="true"></canvas>
                <LazyDetails summary="Spread as a table">
                    <table class="data-table">
                        <thead><tr><th scope="col">"Virtual nodes"</th><th scope="col">"Measured CoV"</th><th scope="col">"Expected 1/√V"</th></tr></thead>
                        <tbody>{move || spread.get().into_iter().map(|(v, cov)| view! {
                            <tr><th scope="row">{count(v as u64)}</th><td>{fixed(cov, 3)}</td><td>{fixed(expected_cov(v as f64), 3)}</td></tr>
                        }).collect_view()}</tbody>
                    </table>
                </LazyDetails>
                <p class="hint">"The coefficient of variation of each node's share of the circle: how far loads stray from even, before any key is placed."</p>
            </figure>
        </section>
    }
}
