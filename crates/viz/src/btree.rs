//! The B-tree and B+ tree visualizer: the scenario from the address, the operations form,
//! the options, one or two trees (compare mode), the player, the counters and the history.
//! The engine and layout do the work (crates/engine); this file wires them to the page.

use crate::embed;
use crate::embed_dialog::EmbedButton;
use crate::messages;
use crate::player::{Command, Player, PlayerControls};
use crate::scene_view::SceneView;
use crate::timer::TimerSlot;
use crate::Address;
use leptos::prelude::*;
use strata_browser as browser;
use strata_engine::btree::{show_keys, BTree, Counters, DeletePolicy, Variant, MAX_DEGREE, MAX_KEY, MIN_DEGREE, MIN_KEY};
use strata_engine::layout::{self, Scene};
use strata_engine::scenario::btree::{
    align, parse_input, parse_variant, tree_json, variant_param, Compare, InputKind, Op, Run, Scenario, MAX_BATCH, MAX_OPS,
};
use strata_engine::scenario::json;
use strata_engine::scenario::{Common, Controls, Notice, ThemeChoice};

/// The trees of a scenario: the main one and, in compare mode, the second, with the shared
/// step positions that keep them in step.
struct Runs {
    main: Run,
    other: Option<Run>,
    aligned: Vec<(usize, usize)>,
}

impl Runs {
    fn build(s: &Scenario) -> Runs {
        let main = s.run(s.config);
        let other = s.compare_config().map(|c| s.run(c));
        let mut runs = Runs { main, other, aligned: Vec::new() };
        runs.realign();
        runs
    }

    fn realign(&mut self) {
        self.aligned = match &self.other {
            Some(o) => align(&self.main.timeline, &o.timeline),
            None => Vec::new(),
        };
    }

    /// Appends operations that were just added to the end of `s.ops`.
    fn append(&mut self, s: &Scenario, count: usize) {
        let first = s.ops.len() - count;
        s.continue_run(&mut self.main, first);
        if let Some(o) = &mut self.other {
            s.continue_run(o, first);
        }
        self.realign();
    }

    fn steps(&self) -> usize {
        match &self.other {
            Some(_) => self.aligned.len() - 1,
            None => self.main.timeline.len(),
        }
    }

    /// Each tree's own position at shared position `pos`.
    fn positions(&self, pos: usize) -> (usize, Option<usize>) {
        match &self.other {
            Some(_) => {
                let (a, b) = self.aligned[pos.min(self.aligned.len() - 1)];
                (a, Some(b))
            }
            None => (pos.min(self.main.timeline.len()), None),
        }
    }

    /// The shared position where operation `op` begins (its first step).
    fn op_start(&self, op: usize) -> usize {
        let first = self.main.timeline.ops.get(op).map_or(0, |o| o.first_step + 1);
        match &self.other {
            Some(_) => self.aligned.iter().position(|(a, _)| *a >= first).unwrap_or(0),
            None => first,
        }
    }

    fn frame(&self, pos: usize) -> Frame {
        let (a, b) = self.positions(pos);
        Frame {
            op: self.main.timeline.op_at(a),
            main: Side::at(&self.main, a),
            other: self.other.as_ref().zip(b).map(|(run, b)| Side::at(run, b)),
        }
    }

    fn state_json(&self, pos: usize) -> String {
        let (a, b) = self.positions(pos);
        let tree = self.main.timeline.state_at(a);
        let mut out = String::from("{\"widget\":\"btree\",");
        write_tree_fields(&mut out, tree);
        out.push_str(&format!(",\"step\":{pos},\"steps\":{}", self.steps()));
        if let Some((run, b)) = self.other.as_ref().zip(b) {
            out.push_str(",\"compare\":{");
            write_tree_fields(&mut out, run.timeline.state_at(b));
            out.push('}');
        }
        out.push('}');
        out
    }
}

fn write_tree_fields(out: &mut String, tree: &BTree) {
    out.push_str("\"variant\":");
    json::string(out, variant_param(tree.config().variant));
    out.push_str(&format!(",\"degree\":{},\"tree\":{}", tree.config().degree, tree_json(tree)));
}

fn variant_name(v: Variant) -> &'static str {
    match v {
        Variant::B => "B-tree",
        Variant::BPlus => "B+ tree",
    }
}

/// What is on screen at one position.
#[derive(Clone, PartialEq)]
struct Frame {
    op: Option<usize>,
    main: Side,
    other: Option<Side>,
}

impl Frame {
    /// Side 0 is the main tree, side 1 compare mode's second tree.
    fn side(&self, which: usize) -> Option<&Side> {
        if which == 0 {
            Some(&self.main)
        } else {
            self.other.as_ref()
        }
    }
}

/// One tree at one position.
#[derive(Clone, PartialEq)]
struct Side {
    title: String,
    scene: Scene,
    caption: String,
    description: String,
    stats: String,
    op_counters: Counters,
    totals: Counters,
}

impl Side {
    fn at(run: &Run, pos: usize) -> Side {
        let t = &run.timeline;
        let tree = t.state_at(pos);
        let step = t.step_at(pos);
        let highlight = step.map(|s| s.highlight.clone()).unwrap_or_default();
        let config = tree.config();
        let title = format!("{}, degree {}", variant_name(config.variant), config.degree);
        let caption = match step {
            Some(s) => s.caption.clone(),
            None => format!(
                "The start: an empty {title}.{}",
                t.ops.first().map(|o| format!(" Step forward to {}.", o.label)).unwrap_or_default()
            ),
        };
        let op_start = step.map(|s| t.state_at(t.ops[s.op].first_step).counters).unwrap_or_default();
        Side {
            scene: layout::btree::layout(tree, &highlight),
            description: describe(tree, &title),
            stats: format!(
                "{} keys · height {} · {} nodes · {:.0}% full",
                tree.len(),
                tree.height(),
                tree.node_count(),
                tree.average_fill() * 100.0
            ),
            op_counters: tree.counters.since(&op_start),
            totals: tree.counters,
            title,
            caption,
        }
    }
}

/// The tree in words, level by level, for screen readers (summarised when it is big).
fn describe(tree: &BTree, title: &str) -> String {
    let Some(root) = tree.root() else { return format!("An empty {title}.") };
    let mut out = format!("{title} with {} keys in {} nodes, height {}.", tree.len(), tree.node_count(), tree.height());
    if tree.node_count() > 40 {
        return out;
    }
    let mut level = vec![root.id];
    let mut depth = 1;
    while !level.is_empty() {
        let nodes: Vec<String> = level
            .iter()
            .map(|&id| show_keys(&tree.node(id).keys))
            .collect();
        out.push_str(&format!(" Level {depth}: {}.", nodes.join(" ")));
        level = level.iter().flat_map(|&id| tree.node(id).children.clone()).collect();
        depth += 1;
    }
    out
}

#[component]
pub fn BTreeVisualizer(address: Address) -> impl IntoView {
    let (parsed, mut first_notices) = Scenario::parse(&address.pairs);
    let embedded = address.embedded;
    let controls = parsed.common.controls;
    if embedded {
        apply_embed_theme(parsed.common.theme);
    } else if controls != Controls::Full || parsed.common.theme != ThemeChoice::Auto {
        first_notices.push(Notice::new("controls", "controls and theme apply to embeds (#/embed/btree?…); this page shows everything."));
    }
    browser::set_title("B-tree and B+ tree · Strata");

    let runs = StoredValue::new_local(Runs::build(&parsed));
    let steps = runs.with_value(Runs::steps);
    let start = match parsed.common.step {
        Some(n) if n > steps => {
            first_notices.push(Notice::new("step", format!("step={n} is past the last step ({steps}), so the last step is shown.")));
            steps
        }
        Some(n) => n,
        None => steps,
    };
    let scenario = RwSignal::new(parsed);
    let notices = RwSignal::new(first_notices);
    let revision = RwSignal::new(0u64);
    let player = Player::new(start, steps);
    player.listen_to_keys(embedded);
    messages::install(player, move || runs.with_value(|r| r.state_json(player.position.get_untracked())));

    // The address follows what is on screen, so a copied link reproduces it exactly. It is
    // written once things settle (150 ms): Chromium's replaceState costs about 3 ms a call,
    // more than drawing a step, and playback or a held arrow key would pay it every step.
    let pending_hash = TimerSlot::new();
    let address_for_hash = address.clone();
    Effect::new(move |_| {
        let position = player.position.get();
        let mut s = scenario.get();
        s.common.step = Some(position);
        let hash = address_for_hash.hash(&s.to_query());
        pending_hash.timeout(std::time::Duration::from_millis(150), move || browser::replace_hash(&hash));
    });

    let frame = Memo::new(move |_| {
        revision.track();
        let pos = player.position.get();
        runs.with_value(|r| r.frame(pos))
    });
    if embedded {
        embed::hand_back_unused_keys();
        embed::report_height(move || frame.track());
    }

    // Rebuilds everything after an option changes; the view moves to the last step.
    let rebuild = move || {
        runs.set_value(scenario.with_untracked(Runs::build));
        let steps = runs.with_value(Runs::steps);
        player.reset(steps, steps);
        revision.update(|r| *r += 1);
    };
    let add_ops = move |ops: Vec<Op>| -> Result<(), String> {
        let room = MAX_OPS.saturating_sub(scenario.with_untracked(|s| s.ops.len()));
        if ops.len() > room {
            return Err(format!("A scenario holds at most {MAX_OPS} operations; start over to add more."));
        }
        let before = runs.with_value(Runs::steps);
        let count = ops.len();
        scenario.update(|s| s.ops.extend(ops));
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
    };

    let side_view = move |which: usize| {
        // Reads one field of one side without cloning the rest (a scene has thousands of shapes).
        let field = move |get: fn(&Side) -> String| {
            move || frame.with(|f| f.side(which).map(get).unwrap_or_default())
        };
        let scene = Signal::derive(move || frame.with(|f| f.side(which).map(|s| s.scene.clone()).unwrap_or_default()));
        let description = Signal::derive(field(|s| s.description.clone()));
        view! {
            <figure class="tree-figure">
                <figcaption>
                    <span class="tree-title">{field(|s| s.title.clone())}</span>
                    <span class="tree-stats">{field(|s| s.stats.clone())}</span>
                </figcaption>
                {move || scene.with(|s| s.nodes.is_empty()).then(|| view! { <p class="empty-note" aria-hidden="true">"Empty: no keys yet."</p> })}
                <SceneView scene=scene description=description fill_frame=embedded />
            </figure>
        }
    };
    let comparing = move || frame.with(|f| f.other.is_some());

    view! {
        <section class="viz viz-btree" class:embedded=embedded class:controls-none=controls == Controls::None class:controls-step=controls == Controls::Step>
            {(!embedded).then(|| view! {
                <div class="viz-title">
                    <h1 tabindex="-1">"B-tree and B+ tree"</h1>
                    <EmbedButton
                        widget="btree"
                        query_for=Callback::new(move |common: Common| {
                            let mut s = scenario.get();
                            s.common = common;
                            s.to_query()
                        })
                        position=player.position.into()
                        title=Signal::derive(move || frame.with(|f| match &f.other {
                            None => format!("Strata: {}", f.main.title),
                            Some(o) => format!("Strata: {} and {}", f.main.title, o.title),
                        }))
                    />
                </div>
            })}
            <Notices notices=notices />
            <div class="stage" class:compare=comparing>
                {side_view(0)}
                {move || comparing().then(|| side_view(1))}
            </div>
            <div class="caption" aria-live="polite" aria-atomic="true">
                <span class="step-label">{move || format!("Step {} of {}", player.position.get(), player.steps.get())}</span>
                {move || frame.with(|f| match &f.other {
                    None => view! { <p>{f.main.caption.clone()}</p> }.into_any(),
                    Some(o) => view! {
                        <p><strong>{f.main.title.clone()} ": "</strong>{f.main.caption.clone()}</p>
                        <p><strong>{o.title.clone()} ": "</strong>{o.caption.clone()}</p>
                    }.into_any(),
                })}
            </div>
            {(controls != Controls::None).then(|| view! { <PlayerControls player=player compact=controls == Controls::Step /> })}
            {(controls == Controls::Full).then(|| view! {
                <div class="workbench">
                    <OpsForm add_ops=add_ops />
                    <Options scenario=scenario rebuild=rebuild />
                    <History runs=runs revision=revision player=player frame=frame scenario=scenario rebuild=rebuild />
                    <CountersTable frame=frame />
                </div>
            })}
        </section>
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

/// The operations form's choices: kind, `<option>` value, label.
const KINDS: [(InputKind, &str, &str); 7] = [
    (InputKind::Insert, "insert", "Insert"),
    (InputKind::Delete, "delete", "Delete"),
    (InputKind::Search, "search", "Search"),
    (InputKind::Range, "range", "Range scan"),
    (InputKind::Load, "load", "Bulk load"),
    (InputKind::Fill, "fill", "Random fill"),
    (InputKind::Clear, "clear", "Clear"),
];

#[component]
fn OpsForm(add_ops: impl Fn(Vec<Op>) -> Result<(), String> + Copy + Send + Sync + 'static) -> impl IntoView {
    let kind = RwSignal::new(InputKind::Insert);
    let text = RwSignal::new(String::new());
    let load_fill = RwSignal::new(100u8);
    let error = RwSignal::new(None::<String>);
    let hint = move || match kind.get() {
        InputKind::Insert | InputKind::Delete | InputKind::Search => {
            format!("Keys from {MIN_KEY} to {MAX_KEY}, as in 3 7 9 23 or 3,7,9,23")
        }
        InputKind::Range => "Two keys, as in 3-9".into(),
        InputKind::Load => "Keys or ranges to load bottom-up, as in 1-40 or 1-20, 35".into(),
        InputKind::Fill => format!("How many random keys, 1 to {MAX_BATCH}"),
        InputKind::Clear => "Removes every key".into(),
    };
    let submit = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        match parse_input(kind.get_untracked(), &text.get_untracked(), load_fill.get_untracked()).and_then(add_ops) {
            Ok(()) => {
                error.set(None);
                text.set(String::new());
            }
            Err(message) => error.set(Some(message)),
        }
    };
    view! {
        <form class="ops-form" on:submit=submit aria-label="Run operations">
            <label>
                "Operation "
                <select on:change=move |e| {
                    let value = event_target_value(&e);
                    if let Some((k, _, _)) = KINDS.iter().find(|(_, v, _)| *v == value) {
                        kind.set(*k);
                        error.set(None);
                    }
                }>
                    {KINDS.iter().map(|(k, value, label)| view! {
                        <option value=*value selected=move || kind.get() == *k>{*label}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="keys-field" class:hidden=move || kind.get() == InputKind::Clear>
                <span>{move || if kind.get() == InputKind::Fill { "Count" } else { "Keys" }}</span>
                <input
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder=move || if kind.get() == InputKind::Fill { "100" } else { "3 7 9 23" }
                    aria-describedby="ops-hint ops-error"
                    aria-invalid=move || error.with(|e| e.is_some()).then_some("true")
                    prop:value=move || text.get()
                    on:input=move |e| text.set(event_target_value(&e))
                />
            </label>
            <Show when=move || kind.get() == InputKind::Load>
                <label>
                    "Fill "
                    <select on:change=move |e| load_fill.set(event_target_value(&e).parse().unwrap_or(100))>
                        {[100u8, 90, 80, 70, 60, 50].into_iter().map(|f| view! {
                            <option value=f.to_string() selected=move || load_fill.get() == f>{format!("{f}%")}</option>
                        }).collect_view()}
                    </select>
                </label>
            </Show>
            <button type="submit" class="button primary">"Run"</button>
            <p id="ops-hint" class="hint">{hint}</p>
            <p id="ops-error" class="field-error" role="alert">{move || error.get()}</p>
        </form>
    }
}

#[component]
fn Options(scenario: RwSignal<Scenario>, rebuild: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let change = move |f: Box<dyn FnOnce(&mut Scenario)>| {
        scenario.update(|s| f(s));
        rebuild();
    };
    let config = move || scenario.with(|s| s.config);
    let compare = move || scenario.with(|s| s.compare);
    view! {
        <fieldset class="options">
            <legend>"Tree"</legend>
            <VariantSelect
                label="Variant "
                current=Signal::derive(move || Some(config().variant))
                choose=move |v| change(Box::new(move |s| s.config.variant = v))
            />
            <DegreeSelect
                label="Degree "
                current=Signal::derive(move || Some(config().degree))
                choose=move |d| change(Box::new(move |s| s.config.degree = d))
            />
            <label title="Split full nodes on the way down (even degrees only)">
                <input
                    type="checkbox"
                    prop:checked=move || config().preemptive
                    disabled=move || config().degree % 2 == 1
                    on:change=move |e| {
                        let on = event_target_checked(&e);
                        change(Box::new(move |s| s.config.preemptive = on));
                    }
                />
                " Split and merge on the way down"
                <span class="hint">{move || (config().degree % 2 == 1).then_some(" (even degrees only)")}</span>
            </label>
            <label>
                "A deleted inner key is replaced by its "
                <select on:change=move |e| {
                    let p = if event_target_value(&e) == "successor" { DeletePolicy::Successor } else { DeletePolicy::Predecessor };
                    change(Box::new(move |s| s.config.policy = p));
                }>
                    <option value="predecessor" selected=move || config().policy == DeletePolicy::Predecessor>"predecessor"</option>
                    <option value="successor" selected=move || config().policy == DeletePolicy::Successor>"successor"</option>
                </select>
            </label>
            <label>
                <input
                    type="checkbox"
                    prop:checked=move || compare().is_some()
                    on:change=move |e| {
                        let on = event_target_checked(&e);
                        change(Box::new(move |s| {
                            s.compare = on.then(|| {
                                let other = if s.config.variant == Variant::B { Variant::BPlus } else { Variant::B };
                                Compare { variant: other, degree: s.config.degree }
                            });
                        }));
                    }
                />
                " Compare with a second tree"
            </label>
            <Show when=move || compare().is_some()>
                <VariantSelect
                    label="Second tree "
                    current=Signal::derive(move || compare().map(|c| c.variant))
                    choose=move |v| change(Box::new(move |s| if let Some(c) = &mut s.compare { c.variant = v }))
                />
                <DegreeSelect
                    label="of degree "
                    current=Signal::derive(move || compare().map(|c| c.degree))
                    choose=move |d| change(Box::new(move |s| if let Some(c) = &mut s.compare { c.degree = d }))
                />
            </Show>
        </fieldset>
    }
}

/// A B-tree / B+ tree choice, for the main tree and for compare mode's second one.
#[component]
fn VariantSelect(
    label: &'static str,
    current: Signal<Option<Variant>>,
    choose: impl Fn(Variant) + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <label>
            {label}
            <select on:change=move |e| {
                if let Some(v) = parse_variant(&event_target_value(&e)) {
                    choose(v);
                }
            }>
                {[Variant::B, Variant::BPlus].into_iter().map(|v| view! {
                    <option value=variant_param(v) selected=move || current.get() == Some(v)>{variant_name(v)}</option>
                }).collect_view()}
            </select>
        </label>
    }
}

/// A degree from 3 to 10, for the main tree and for compare mode's second one.
#[component]
fn DegreeSelect(
    label: &'static str,
    current: Signal<Option<u8>>,
    choose: impl Fn(u8) + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <label>
            {label}
            <select on:change=move |e| {
                if let Ok(d) = event_target_value(&e).parse::<u8>() {
                    choose(d);
                }
            }>
                {(MIN_DEGREE..=MAX_DEGREE).map(|d| view! {
                    <option value=d.to_string() selected=move || current.get() == Some(d)>{d}</option>
                }).collect_view()}
            </select>
        </label>
    }
}

#[component]
fn History(
    runs: StoredValue<Runs, leptos::prelude::LocalStorage>,
    revision: RwSignal<u64>,
    player: Player,
    frame: Memo<Frame>,
    scenario: RwSignal<Scenario>,
    rebuild: impl Fn() + Copy + Send + Sync + 'static,
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
                                aria-current=move || frame.with(|f| f.op == Some(i)).then_some("step")
                                on:click=move |_| player.run(Command::Goto(runs.with_value(|r| r.op_start(i))))
                            >{label}</button>
                        </li>
                    }).collect_view()}
                </ol>
                <button type="button" class="small" on:click=move |_| {
                    scenario.update(|s| {
                        s.ops.clear();
                        s.fill = 0;
                    });
                    rebuild();
                }>"Start over"</button>
            </Show>
        </section>
    }
}

#[component]
fn CountersTable(frame: Memo<Frame>) -> impl IntoView {
    type Row = (&'static str, fn(&Counters) -> u64);
    let rows: [Row; 5] = [
        ("Nodes read", |c| c.reads),
        ("Nodes written", |c| c.writes),
        ("Splits", |c| c.splits),
        ("Merges", |c| c.merges),
        ("Borrows", |c| c.borrows),
    ];
    view! {
        <section class="counters" aria-labelledby="counters-title">
            <h2 id="counters-title">"Work done"</h2>
            <table>
                <thead>
                    <tr>
                        <th scope="col"></th>
                        <th scope="col">"This operation"</th>
                        <th scope="col">"In all"</th>
                        {move || frame.with(|f| f.other.as_ref().map(|o| view! { <th scope="col">{format!("{}: this op", o.title)}</th><th scope="col">"In all"</th> }))}
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|(label, get)| view! {
                        <tr>
                            <th scope="row">{label}</th>
                            <td>{move || frame.with(|f| get(&f.main.op_counters))}</td>
                            <td>{move || frame.with(|f| get(&f.main.totals))}</td>
                            {move || frame.with(|f| f.other.as_ref().map(|o| view! { <td>{get(&o.op_counters)}</td><td>{get(&o.totals)}</td> }))}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

