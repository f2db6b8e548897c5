//! The one page every visualizer shares: the scenario from the address, the player, the
//! message API, the address following the view (keeping `guided=`), the Embed button, the
//! guided scenario's introduction and notes, the caption, the legend, compare mode, the stage,
//! the history and the work counters. A widget adds only its own controls
//! ([`WidgetView::workbench`]).

use crate::embed;
use crate::embed_dialog::EmbedButton;
use crate::messages;
use crate::player::{Command, Player, PlayerControls};
use crate::stage::Stage;
use crate::timer::TimerSlot;
use crate::Address;
use leptos::prelude::*;
use std::rc::Rc;
use std::sync::Arc;
use strata_browser as browser;
use strata_engine::scenario::run::{Replay, Runs};
use strata_engine::scenario::{Common, Controls, Notice, Scenario, ThemeChoice, MAX_OPS};
use strata_engine::scene::Scene;
use strata_engine::step::Versioned;
use strata_engine::widget::Widget;

/// One animation phase at 1× speed, in milliseconds (three phases fit in one playback step).
const PHASE_MS: f64 = 300.0;

/// A replay with at least this many units of work (a long workload) runs in slices, with a
/// progress bar and a Cancel button; anything shorter is replayed at once, as before.
const LONG_REPLAY_UNITS: u64 = 20_000;
/// Work per slice before the browser gets its turn back (input, painting): an input waits
/// at most about this long.
const SLICE_MS: f64 = 12.0;
/// The drawing and the charts follow a running replay this often at most, and less often
/// when redrawing them takes long: redrawing gets at most a quarter of the time. (A 100,000-
/// operation LSM workload took 7.5 s behind previews every 120 ms on a loaded machine, its
/// work alone well under 1 s.)
const PREVIEW_MS: f64 = 120.0;

/// A widget's view side: its own controls, below the player.
pub trait WidgetView: Widget + Sized {
    fn workbench(page: PageHandle<Self>) -> AnyView;

    /// The scene weight from which the stage draws on a canvas instead of SVG.
    fn canvas_from() -> usize {
        crate::stage::CANVAS_FROM
    }

    /// How large `scene`'s text is drawn at any zoom (by default it scales with the drawing).
    fn text_size(_scene: &Scene) -> crate::stage::TextSize {
        crate::stage::TextSize::SCALED
    }

    /// The series on screen, for the legend: (series, what it is) per entry, or `None` for a
    /// line without a swatch ("and 80 more"). Empty for a widget without series.
    fn series_legend(_state: &Self::State) -> Vec<(Option<u16>, String)> {
        Vec::new()
    }
}

/// An edit to a scenario, applied before it is replayed.
pub type Edit<W> = Box<dyn FnOnce(&mut Scenario<W>)>;

/// What a widget's controls may do to the page.
pub struct PageHandle<W: Widget> {
    pub scenario: RwSignal<Scenario<W>, LocalStorage>,
    /// Appends operations and plays the first of them; an error says why nothing ran.
    pub add_ops: Callback<Vec<W::Op>, Result<(), String>>,
    /// Changes the scenario's structure or compare mode and replays it.
    pub change: Callback<Edit<W>>,
    /// The structures on screen at the current step (the second in compare mode), for a
    /// widget's own figures and charts.
    pub shown: Signal<Vec<Rc<W::State>>, LocalStorage>,
}

impl<W: Widget> Clone for PageHandle<W> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<W: Widget> Copy for PageHandle<W> {}

/// One structure at one position, as drawn.
#[derive(Clone)]
struct Side {
    name: String,
    scene: Arc<Scene>,
    caption: String,
    description: String,
    stats: String,
    /// Per counter row: this operation's share and the total.
    counters: Vec<(u64, u64)>,
}

impl PartialEq for Side {
    fn eq(&self, other: &Self) -> bool {
        // A scene is rebuilt for every position: compare it by identity, not shape by shape.
        Arc::ptr_eq(&self.scene, &other.scene) && self.caption == other.caption && self.stats == other.stats && self.counters == other.counters
    }
}

/// What is on screen at one position.
#[derive(Clone, PartialEq)]
struct Frame {
    op: Option<usize>,
    sides: Vec<Side>,
    note: Option<&'static str>,
}

/// The sides of the last few positions shown, for one revision of the runs: stepping back over
/// a step, or to and fro around one as a learner does, reuses its layout instead of laying the
/// structure out again (for a 100,000-key ring that is most of a step's work). A position's
/// sides depend only on the runs, so they are dropped whenever the runs change.
#[derive(Default)]
struct LaidOut {
    revision: u64,
    sides: std::collections::VecDeque<(usize, Vec<Side>)>,
}

impl LaidOut {
    const KEPT: usize = 24;

    fn get(&self, revision: u64, pos: usize) -> Option<Vec<Side>> {
        (self.revision == revision).then(|| self.sides.iter().find(|(p, _)| *p == pos).map(|(_, s)| s.clone())).flatten()
    }

    fn keep(&mut self, revision: u64, pos: usize, sides: Vec<Side>) {
        if self.revision != revision {
            self.revision = revision;
            self.sides.clear();
        }
        if self.sides.len() == Self::KEPT {
            self.sides.pop_front();
        }
        self.sides.push_back((pos, sides));
    }
}

fn side<W: Widget>(runs: &Runs<W>, which: usize, pos: usize) -> Option<Side> {
    let at = runs.at(which, pos)?;
    let name = W::name(&W::params_of(at.state));
    let highlight = at.step.map(|s| s.highlight.clone()).unwrap_or_default();
    let caption = match at.step {
        Some(s) => s.caption.clone(),
        None => format!(
            "The start: an empty {name}.{}",
            at.timeline.ops.first().map(|o| format!(" Step forward to {}.", o.label)).unwrap_or_default()
        ),
    };
    Some(Side {
        scene: Arc::new(W::layout(at.state, &highlight)),
        description: W::describe(at.state, &name),
        stats: W::stats(at.state),
        counters: W::COUNTER_ROWS.iter().map(|r| ((r.since)(&at.counters, &at.op_start), (r.get)(&at.counters))).collect(),
        caption,
        name,
    })
}

/// A structure part way through a long replay, as drawn meanwhile.
fn preview_side<W: Widget>(state: &W::State, caption: String) -> Side {
    let name = W::name(&W::params_of(state));
    Side {
        scene: Arc::new(W::layout(state, &Default::default())),
        description: W::describe(state, &name),
        stats: W::stats(state),
        counters: W::COUNTER_ROWS.iter().map(|r| (0, (r.get)(&state.counters()))).collect(),
        caption,
        name,
    }
}

/// Where the player goes when a replay is done.
#[derive(Clone, Copy)]
enum Landing {
    /// The address's `step=` (a notice if it is past the end), or the end.
    Address(Option<usize>),
    /// The first shared step at or after the main structure's own step (after an option changed).
    Main(usize),
}

/// A long replay in progress: the structures as they are now (redrawn every PREVIEW_MS; the
/// progress bar has its own signal, so it moves every slice without a new layout).
struct Running<S> {
    states: Vec<Rc<S>>,
}

/// The handles a long replay's slices need, all `Copy`, so each slice can schedule the next.
struct Replayer<W: Widget> {
    replay: StoredValue<Option<Replay<W>>, LocalStorage>,
    running: RwSignal<Option<Running<W::State>>, LocalStorage>,
    /// Units done and in all.
    progress: RwSignal<(u64, u64)>,
    landing: StoredValue<Landing>,
    timer: TimerSlot,
    runs: StoredValue<Runs<W>, LocalStorage>,
    player: Player,
    revision: RwSignal<u64>,
    notices: RwSignal<Vec<Notice>>,
    /// What became of a cancelled replay, shown where its progress bar was.
    cancelled: RwSignal<Option<String>>,
}

impl<W: Widget> Clone for Replayer<W> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<W: Widget> Copy for Replayer<W> {}

impl<W: Widget> Replayer<W> {
    /// Replays `s`: at once if it is short, else in slices (the structures start empty, a
    /// progress bar shows how far it has got).
    fn start(self, s: &Scenario<W>, landing: Landing) {
        self.timer.cancel();
        self.cancelled.set(None);
        self.landing.set_value(landing);
        let replay = Replay::new(s);
        if replay.total() < LONG_REPLAY_UNITS {
            self.replay.set_value(None);
            self.running.set(None);
            self.land(replay.finish());
            return;
        }
        let mut empty = s.clone();
        empty.ops.clear();
        empty.params = W::without_prelude(&empty.params);
        empty.compare = empty.compare.as_ref().map(W::without_prelude);
        self.runs.set_value(Runs::build(&empty));
        self.player.playing.set(false);
        self.player.reset(0, 0);
        self.progress.set((0, replay.total()));
        self.running.set(Some(Running { states: replay.states() }));
        self.replay.set_value(Some(replay));
        self.revision.update(|r| *r += 1);
        self.slice();
    }

    /// Runs one slice, then lets the browser breathe (a zero timeout) before the next.
    fn slice(self) {
        self.timer.timeout(std::time::Duration::ZERO, move || {
            let began = crate::now_ms();
            // The time since the last slice ended went to the browser: after a preview, mostly
            // to redrawing it.
            PACE.with(|p| {
                let mut pace = p.get();
                if pace.previewed {
                    pace.redraw_ms = began - pace.slice_end;
                    pace.previewed = false;
                }
                p.set(pace);
            });
            let finished = self.replay.try_update_value(|r| {
                let Some(r) = r.as_mut() else { return true };
                // Small pieces, so a slice overshoots its budget by little.
                while !r.is_finished() && crate::now_ms() - began < SLICE_MS {
                    r.work(2_000);
                }
                r.is_finished()
            });
            match finished {
                Some(true) => {
                    let replay = self.replay.try_update_value(Option::take).flatten();
                    self.running.set(None);
                    if let Some(replay) = replay {
                        self.land(replay.finish());
                    }
                }
                Some(false) => {
                    self.progress.set(self.replay.with_value(|r| r.as_ref().map_or((0, 0), |r| (r.done(), r.total()))));
                    // The drawing and charts follow every PREVIEW_MS; the bar every slice.
                    let now = crate::now_ms();
                    let due = PACE.with(|p| {
                        let mut pace = p.get();
                        let due = now - pace.last_preview >= PREVIEW_MS.max(3.0 * pace.redraw_ms);
                        if due {
                            pace.last_preview = now;
                        }
                        pace.previewed = due;
                        pace.slice_end = now;
                        p.set(pace);
                        due
                    });
                    if due {
                        let states = self.replay.with_value(|r| r.as_ref().map(Replay::states).unwrap_or_default());
                        self.running.set(Some(Running { states }));
                    }
                    self.slice();
                }
                None => {}
            }
        });
    }

    /// Stops a long replay where it is, keeping what ran: the scenario is cut to match.
    fn cancel(self, scenario: RwSignal<Scenario<W>, LocalStorage>) {
        let Some(done) = self.replay.with_value(|r| r.as_ref().and_then(Replay::fast_done)) else { return };
        let (ran, total) = self.replay.with_value(|r| r.as_ref().map_or((0, 0), |r| (r.done(), r.total())));
        scenario.update(|s| {
            s.params = W::cut_prelude(&s.params, done);
            s.compare = s.compare.as_ref().map(|c| W::cut_prelude(c, done));
            s.edited();
        });
        scenario.with_untracked(|s| self.replay.update_value(|r| if let Some(r) = r { r.stop(s) }));
        self.cancelled.set(Some(format!(
            "Cancelled at {ran} of {total} on the fast path: what ran is kept (the address now asks for just that), and its last operations follow step by step."
        )));
    }

    /// Shows a finished replay and puts the player where it belongs.
    fn land(self, runs: Runs<W>) {
        let steps = runs.steps();
        let pos = match self.landing.get_value() {
            Landing::Address(Some(n)) if n > steps => {
                self.notices.update(|v| v.push(Notice::new("step", format!("step={n} is past the last step ({steps}), so the last step is shown."))));
                steps
            }
            Landing::Address(Some(n)) => n,
            Landing::Address(None) => steps,
            Landing::Main(old_main) => (0..=steps).find(|&p| runs.positions(p).0 >= old_main).unwrap_or(steps),
        };
        self.runs.set_value(runs);
        self.player.reset(steps, pos);
        self.revision.update(|r| *r += 1);
    }
}

/// How a running replay paces its previews (times from `now_ms`).
#[derive(Clone, Copy, Default)]
struct Pace {
    last_preview: f64,
    slice_end: f64,
    /// Whether the last slice ended with a new preview.
    previewed: bool,
    /// How long the browser took between slices after the last preview.
    redraw_ms: f64,
}

thread_local! {
    static PACE: std::cell::Cell<Pace> = const { std::cell::Cell::new(Pace { last_preview: 0.0, slice_end: 0.0, previewed: false, redraw_ms: 0.0 }) };
}

/// The page of widget `W` for `address`.
pub fn viz_page<W: WidgetView>(address: Address) -> impl IntoView {
    let (parsed, mut first_notices) = Scenario::<W>::parse(&address.pairs);
    let embedded = address.embedded;
    let common = parsed.common.clone();
    let controls = common.controls;
    if embedded {
        apply_embed_theme(common.theme);
    } else if controls != Controls::Full || common.theme != ThemeChoice::Auto || common.legend {
        first_notices.push(Notice::new(
            "controls",
            format!("controls, theme and legend apply to embeds (#/embed/{}?…); this page shows everything.", W::SLUG),
        ));
    }

    // Built by the replayer below, at once or (a long workload) in slices.
    let runs = StoredValue::new_local(Runs::<W>::build(&Scenario::<W>::default()));
    let address_step = parsed.common.step;
    let scenario = RwSignal::new_local(parsed);
    let notices = RwSignal::new(first_notices);
    let revision = RwSignal::new(0u64);
    let player = Player::new(0, 0);
    let replayer = Replayer {
        replay: StoredValue::new_local(None),
        running: RwSignal::new_local(None),
        progress: RwSignal::new((0, 0)),
        landing: StoredValue::new(Landing::Address(None)),
        timer: TimerSlot::new(),
        runs,
        player,
        revision,
        notices,
        cancelled: RwSignal::new(None),
    };
    scenario.with_untracked(|s| replayer.start(s, Landing::Address(address_step)));
    let (running, progress) = (replayer.running, replayer.progress);
    let is_running = Memo::new(move |_| running.with(Option::is_some));
    player.listen_to_keys(embedded);
    messages::install(player, move || runs.with_value(|r| r.message_json(player.position.get_untracked())));

    let guided = Memo::new(move |_| scenario.with(|s| s.guided.map(|g| (g.title, g.watch, g.slug))));
    let page_title = move || guided.get().map_or(W::TITLE, |(t, ..)| t);
    Effect::new(move |_| browser::set_title(&format!("{} · Strata", page_title())));

    // The address follows what is on screen, so a copied link reproduces it exactly. It is
    // written once things settle (150 ms): Chromium's replaceState costs about 3 ms a call,
    // more than drawing a step, and playback or a held arrow key would pay it every step.
    let pending_hash = TimerSlot::new();
    // The address as this page last saw or wrote it. A link followed meanwhile (its hashchange
    // may still be queued behind this timer) changed it, and must not be written over.
    let written_hash = StoredValue::new(browser::location_hash());
    let address_for_hash = address.clone();
    Effect::new(move |_| {
        let position = player.position.get();
        // Not while a long replay runs: its position 0 is not a step of the scenario.
        if is_running.get() {
            return;
        }
        let query = scenario.with(|s| {
            let mut s = s.clone();
            s.common.step = Some(position);
            s.to_query()
        });
        let hash = address_for_hash.hash(&query);
        pending_hash.timeout(std::time::Duration::from_millis(150), move || {
            if browser::location_hash() == written_hash.get_value() {
                browser::replace_hash(&hash);
                // As the browser spells it back (it may normalise the escapes).
                written_hash.set_value(browser::location_hash());
            }
        });
    });

    let laid_out = StoredValue::new_local(LaidOut::default());
    let frame = Memo::new(move |_| {
        revision.track();
        let preview = running.with(|r| {
            r.as_ref().map(|r| {
                let caption = "Running on the fast path, no steps recorded (the bar above shows how far). The drawing and charts fill in as it goes; the last operations become steppable when it finishes.".to_string();
                r.states.iter().map(|s| preview_side::<W>(s, caption.clone())).collect::<Vec<_>>()
            })
        });
        if let Some(sides) = preview {
            return Frame { op: None, sides, note: None };
        }
        let pos = player.position.get();
        let note = scenario.with_untracked(|s| s.guided.and_then(|g| g.note_at(pos)));
        let revision = revision.get_untracked();
        let sides = laid_out.with_value(|c| c.get(revision, pos)).unwrap_or_else(|| {
            let sides: Vec<Side> = runs.with_value(|r| (0..2).filter_map(|w| side(r, w, pos)).collect());
            laid_out.update_value(|c| c.keep(revision, pos, sides.clone()));
            sides
        });
        runs.with_value(|r| Frame { op: r.op_at(pos), sides, note })
    });
    if embedded {
        embed::hand_back_unused_keys();
        embed::report_height(move || frame.track());
    }

    // Replays everything after an option changes, staying on the same step of the main
    // structure where it still exists (ticking "Compare" must not jump to the end).
    let rebuild = move || {
        let old_main = runs.with_value(|r| r.positions(player.position.get_untracked()).0);
        scenario.with_untracked(|s| replayer.start(s, Landing::Main(old_main)));
    };
    let change = Callback::new(move |edit: Edit<W>| {
        scenario.update(|s| {
            edit(s);
            s.edited();
        });
        rebuild();
    });
    let add_ops = Callback::new(move |ops: Vec<W::Op>| -> Result<(), String> {
        if is_running.get_untracked() {
            return Err("The workload is still running: wait for it to finish, or cancel it.".into());
        }
        let room = MAX_OPS.saturating_sub(scenario.with_untracked(|s| s.ops.len()));
        if ops.len() > room {
            return Err(format!("A scenario holds at most {MAX_OPS} operations; start over to add more."));
        }
        let before = runs.with_value(Runs::steps);
        let count = ops.len();
        scenario.update(|s| {
            s.ops.extend(ops);
            s.edited();
        });
        scenario.with_untracked(|s| runs.update_value(|r| r.append(s, count)));
        let steps = runs.with_value(Runs::steps);
        player.reset(steps, before + 1);
        revision.update(|r| *r += 1);
        // The new operation plays out from its first step, as it would on a whiteboard. (Not
        // `Command::Play`, which starts over when already at the end, as a one-step op is.)
        if steps > before + 1 {
            player.playing.set(true);
        }
        Ok(())
    });
    let shown = Signal::derive_local(move || {
        revision.track();
        if let Some(states) = running.with(|r| r.as_ref().map(|r| r.states.clone())) {
            return states;
        }
        let pos = player.position.get();
        runs.with_value(|r| (0..2).filter_map(|w| r.at(w, pos).map(|a| Rc::clone(a.state))).collect())
    });
    let handle = PageHandle { scenario, add_ops, change, shown };

    // A running replay's previews jump: each replaces the last long before a phase would end.
    let phase_ms = Signal::derive(move || if is_running.get() { 0.0 } else { PHASE_MS / player.speed.get() });
    let side_view = move |which: usize| {
        let field = move |get: fn(&Side) -> String| move || frame.with(|f| f.sides.get(which).map(get).unwrap_or_default());
        let scene = Signal::derive(move || frame.with(|f| f.sides.get(which).map(|s| Arc::clone(&s.scene)).unwrap_or_default()));
        let description = Signal::derive(field(|s| s.description.clone()));
        view! {
            <figure class="tree-figure">
                <figcaption>
                    <span class="tree-title">{field(|s| s.name.clone())}</span>
                    <span class="tree-stats">{field(|s| s.stats.clone())}</span>
                </figcaption>
                {move || scene.with(|s| s.shapes.is_empty()).then(|| view! { <p class="empty-note" aria-hidden="true">"Empty: nothing here yet."</p> })}
                <Stage scene=scene description=description embedded=embedded zoom_controls=controls == Controls::Full phase_ms=phase_ms canvas_from=W::canvas_from() text_size=W::text_size />
            </figure>
        }
    };
    // A memo, so the second figure is built when compare mode starts, not at every step.
    let comparing = Memo::new(move |_| frame.with(|f| f.sides.len() > 1));
    let show_legend = !embedded || common.legend;
    // The workbench (forms, history, counters) is drawn just after the first step is painted:
    // on a cold deep link it was most of the code run for the first time (each wasm function is
    // compiled on its first call), and the structure is what the viewer came to see.
    let painted = RwSignal::new(false);
    request_animation_frame(move || {
        // try_set: the page may be gone by then.
        set_timeout(move || _ = painted.try_set(true), std::time::Duration::ZERO);
    });

    view! {
        <section class=format!("viz viz-{}", W::SLUG) class:embedded=embedded class:controls-none=controls == Controls::None class:controls-step=controls == Controls::Step>
            {(!embedded).then(|| view! {
                <div class="viz-title">
                    <div>
                        {move || guided.get().map(|_| view! { <p class="kicker"><a href=format!("#/viz/{}", W::SLUG)>{W::TITLE}</a> " · guided scenario"</p> })}
                        <h1 tabindex="-1">{page_title}</h1>
                    </div>
                    <EmbedButton
                        widget=W::SLUG
                        query_for=Callback::new(move |common: Common| {
                            scenario.with(|s| {
                                let mut s = s.clone();
                                s.common = common;
                                s.to_query()
                            })
                        })
                        position=player.position.into()
                        title=Signal::derive(move || match guided.get() {
                            Some((title, ..)) => format!("Strata: {title}"),
                            None => frame.with(|f| format!("Strata: {}", f.sides.iter().map(|s| s.name.clone()).collect::<Vec<_>>().join(" and "))),
                        })
                    />
                </div>
            })}
            {move || guided.get().map(|(title, watch, _)| if embedded {
                view! { <p class="embed-title">{title}</p> }.into_any()
            } else {
                view! { <p class="guided-watch"><strong>"What to watch: "</strong>{watch}</p> }.into_any()
            })}
            <Notices notices=notices />
            <Show when=move || is_running.get()>
                <div class="replay-progress">
                    <label for="replay-progress">{move || progress.with(|(done, total)| format!("Running on the fast path: {done} of {total}"))}</label>
                    <progress
                        id="replay-progress"
                        max=move || progress.with(|p| p.1.max(1)).to_string()
                        prop:value=move || progress.with(|p| p.0) as f64
                    ></progress>
                    <button type="button" class="small" on:click=move |_| {
                        replayer.cancel(scenario);
                        // The button goes with the bar: keyboard focus moves to the message that
                        // takes its place instead of falling back to the top of the page.
                        set_timeout(|| browser::focus_first(".replay-cancelled button"), std::time::Duration::ZERO);
                    }>"Cancel"</button>
                </div>
            </Show>
            {move || replayer.cancelled.get().map(|text| view! {
                <div class="notice replay-cancelled" role="status">
                    <p>{text}</p>
                    <button type="button" class="small" on:click=move |_| replayer.cancelled.set(None)>"Dismiss"</button>
                </div>
            })}
            <div class="stage" class:compare=move || comparing.get()>
                {side_view(0)}
                {move || comparing.get().then(|| side_view(1))}
            </div>
            <div class="caption" aria-live="polite" aria-atomic="true">
                <span class="step-label">{move || format!("Step {} of {}", player.position.get(), player.steps.get())}</span>
                {move || frame.with(|f| match f.sides.as_slice() {
                    [one] => view! { <p>{one.caption.clone()}</p> }.into_any(),
                    sides => sides.iter().map(|s| view! { <p><strong>{s.name.clone()} ": "</strong>{s.caption.clone()}</p> }).collect_view().into_any(),
                })}
                {move || frame.with(|f| f.note).map(|n| view! { <p class="step-note"><strong>"Notice: "</strong>{n}</p> })}
            </div>
            {show_legend.then(|| legend::<W>(embedded))}
            {show_legend.then(|| series_legend::<W>(shown))}
            {(controls != Controls::None).then(|| view! { <PlayerControls player=player compact=controls == Controls::Step /> })}
            {(controls == Controls::Full).then(|| move || painted.get().then(|| {
                let workbench = view! {
                <div class="workbench">
                    {W::workbench(handle)}
                    {history(runs, revision, player, Signal::derive(move || frame.with(|f| f.op)), handle)}
                    {counters_table::<W>(
                        Signal::derive(move || frame.with(|f| f.sides.iter().map(|s| s.name.clone()).collect())),
                        Signal::derive(move || frame.with(|f| f.sides.iter().map(|s| s.counters.clone()).collect())),
                    )}
                </div>
                };
                // In a frame there is no room beside the stage: the workbench is a drawer.
                if embedded {
                    view! { <details class="workbench-drawer"><summary>"Operations, options and counters"</summary>{workbench}</details> }.into_any()
                } else {
                    workbench.into_any()
                }
            }))}
        </section>
    }
}

/// What each highlight means.
/// What each highlight means; `compact` (embeds) names each in a word or two, with the full
/// meaning as its tooltip.
fn legend<W: Widget>(compact: bool) -> impl IntoView {
    view! {
        <section class="legend" aria-label="Legend">
            <h2 class="visually-hidden">"Legend"</h2>
            <ul>
                {W::LEGEND.iter().map(|entry| view! {
                    <li title=compact.then_some(entry.meaning)><span class=format!("swatch {}", entry.swatch) aria-hidden="true"></span>{if compact { entry.short } else { entry.meaning }}</li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// The main structure's series (a ring's nodes) as swatches with names, outside the scaled
/// drawing so they read at any size; nothing for a widget without series.
fn series_legend<W: WidgetView>(shown: Signal<Vec<Rc<W::State>>, LocalStorage>) -> impl IntoView {
    // A memo: most steps leave the list as it was, and then the DOM is left alone.
    let entries = Memo::new(move |_| shown.with(|s| s.first().map(|state| W::series_legend(state)).unwrap_or_default()));
    move || {
        entries.with(|e| {
            (!e.is_empty()).then(|| {
                let items = e.iter().map(|(series, label)| {
                    let swatch = series.map(|n| {
                        let (colour, pattern) = strata_engine::scene::series_style(n);
                        view! { <span class=format!("swatch series series-{colour} pattern-{pattern}") aria-hidden="true"></span> }
                    });
                    view! { <li>{swatch}{label.clone()}</li> }
                });
                view! { <ul class="series-legend" aria-label="Series">{items.collect_view()}</ul> }
            })
        })
    }
}

/// Embeds choose their colours from the address, without touching the stored choice.
fn apply_embed_theme(theme: ThemeChoice) {
    let Some(root) = browser::document().and_then(|d| d.document_element()) else { return };
    let _ = root.class_list().add_1("embedded");
    match theme {
        ThemeChoice::Light => {
            let _ = root.set_attribute("data-theme", "light");
        }
        ThemeChoice::Dark => {
            let _ = root.set_attribute("data-theme", "dark");
        }
        ThemeChoice::Transparent => {
            let _ = root.class_list().add_1("transparent");
        }
        ThemeChoice::Auto => {}
    }
    on_cleanup(move || {
        let _ = root.class_list().remove_2("embedded", "transparent");
    });
}

#[component]
fn Notices(notices: RwSignal<Vec<Notice>>) -> impl IntoView {
    view! {
        <Show when=move || notices.with(|n| !n.is_empty())>
            <div class="notices" role="status">
                <p><strong>"Some of the address could not be used:"</strong></p>
                <ul>
                    {move || notices.get().into_iter().map(|n| view! { <li><code>{n.param}</code> " — " {n.message}</li> }).collect_view()}
                </ul>
                <button type="button" class="small" on:click=move |_| notices.set(Vec::new())>"Dismiss"</button>
            </div>
        </Show>
    }
}

fn history<W: Widget>(
    runs: StoredValue<Runs<W>, LocalStorage>,
    revision: RwSignal<u64>,
    player: Player,
    current_op: Signal<Option<usize>>,
    handle: PageHandle<W>,
) -> impl IntoView {
    let labels = move || {
        revision.track();
        runs.with_value(|r| r.main.timeline.ops.iter().map(|o| o.label.clone()).collect::<Vec<_>>())
    };
    view! {
        <section class="history" aria-labelledby="history-title">
            <h2 id="history-title">"Operations"</h2>
            <Show when=move || !labels().is_empty() fallback=|| view! { <p class="hint">"None yet: run one above."</p> }>
                <ol>
                    {move || labels().into_iter().enumerate().map(|(i, label)| view! {
                        <li>
                            <button
                                type="button"
                                class="link-button"
                                aria-current=move || (current_op.get() == Some(i)).then_some("step")
                                on:click=move |_| player.run(Command::Goto(runs.with_value(|r| r.op_start(i))))
                            >{label}</button>
                        </li>
                    }).collect_view()}
                </ol>
                <button type="button" class="small" on:click=move |_| {
                    handle.change.run(Box::new(|s: &mut Scenario<W>| {
                        s.ops.clear();
                        s.params = W::without_prelude(&s.params);
                        if let Some(c) = &mut s.compare {
                            *c = W::without_prelude(c);
                        }
                    }));
                }>"Start over"</button>
            </Show>
        </section>
    }
}

fn counters_table<W: Widget>(names: Signal<Vec<String>>, values: Signal<Vec<Vec<(u64, u64)>>>) -> impl IntoView {
    view! {
        <section class="counters" aria-labelledby="counters-title">
            <h2 id="counters-title">"Work done"</h2>
            <table>
                <thead>
                    <tr>
                        <th scope="col"></th>
                        <th scope="col">"This operation"</th>
                        <th scope="col">"In all"</th>
                        {move || names.with(|n| n.iter().skip(1).map(|name| view! { <th scope="col">{format!("{name}: this op")}</th><th scope="col">"In all"</th> }).collect_view())}
                    </tr>
                </thead>
                <tbody>
                    {W::COUNTER_ROWS.iter().enumerate().map(|(row, r)| view! {
                        <tr>
                            <th scope="row">{r.label}</th>
                            {move || values.with(|v| v.iter().map(|side| {
                                let (op, total) = side.get(row).copied().unwrap_or_default();
                                view! { <td>{op}</td><td>{total}</td> }
                            }).collect_view())}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
