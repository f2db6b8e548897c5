//! The visualizer platform's engine half: what every widget (the B-tree today, the LSM tree and
//! the hash ring next) says about itself, and the registry that lists them.
//!
//! A widget names its parameters and operations (the URL grammar), builds its state, expands
//! each operation into captioned steps, lays a state out as a [`Scene`], and describes a state
//! for the message API. Everything generic — scenarios in the address, guided scenarios,
//! replay, compare mode's alignment, the message envelope — lives in [`crate::scenario`] and
//! works for any `Widget`.

use crate::scenario::Notice;
use crate::scene::Scene;
use crate::step::{Highlight, Recorder, Tone, Versioned};
use serde::Serialize;
use std::fmt::Debug;

/// One visualizer's engine side.
pub trait Widget: 'static {
    /// The address segment: `btree` in `#/viz/btree`.
    const SLUG: &'static str;
    /// The page title: "B-tree and B+ tree".
    const TITLE: &'static str;

    /// The structure's options (variant, degree, …): what the address sets besides the ops.
    type Params: Clone + PartialEq + Debug + Default;
    type Op: Clone + PartialEq + Debug;
    type State: Versioned;
    /// A state as the message API reports it (serialized with serde).
    type Message: Serialize;

    /// The guided scenarios, linked from the index and the curriculum.
    const GUIDED: &'static [Guided];
    /// What each highlight means, for the legend.
    const LEGEND: &'static [LegendEntry];
    /// The work counters' rows: label and how to read it from the counters.
    const COUNTER_ROWS: &'static [CounterRow<Self>];

    /// Reads one of the widget's own parameters; `None` if `key` is not one of them.
    fn take_param(params: &mut Self::Params, key: &str, value: &str) -> Option<Result<(), Notice>>;
    /// Checks that need every parameter read (an option that needs another one).
    fn finish_params(_params: &mut Self::Params, _notices: &mut Vec<Notice>) {}
    /// Appends the parameters that differ from the defaults.
    fn write_params(params: &Self::Params, out: &mut Vec<(String, String)>);
    /// Compare mode's second structure from `compare=<value>`, given the first's parameters.
    fn parse_compare(value: &str, main: &Self::Params) -> Result<Self::Params, Notice>;
    /// The `compare=` value that gives `compare` beside `main`.
    fn write_compare(compare: &Self::Params, main: &Self::Params) -> String;
    /// The second structure offered when compare mode is switched on.
    fn default_compare(main: &Self::Params) -> Self::Params;

    /// Parses one operation token of `ops=`, or says what is wrong with it.
    fn parse_op(token: &str) -> Result<Self::Op, String>;
    fn op_token(op: &Self::Op) -> String;
    /// How the history names it ("insert 23").
    fn op_label(op: &Self::Op) -> String;

    fn new_state(params: &Self::Params) -> Self::State;
    /// Operations the parameters imply before the scenario's own (a random fill).
    fn prelude(params: &Self::Params) -> Vec<Self::Op>;
    /// The parameters with no prelude ("Start over" empties the structure).
    fn without_prelude(params: &Self::Params) -> Self::Params {
        params.clone()
    }
    /// Runs `op` on `state`, recording its steps; `seed` feeds anything random.
    fn apply(op: &Self::Op, state: &mut Self::State, seed: u64, rec: &mut impl Recorder<Self::State>);

    /// A long operation (a workload of a million puts) split into a fast part the page runs a
    /// slice at a time, yielding to the browser between slices, and the steps recorded after
    /// it. `None` (the default): the operation runs whole. Running the fast part to the end
    /// and finishing it must record exactly what [`Widget::apply`] records.
    fn fast_part(_op: &Self::Op, _seed: u64) -> Option<Box<dyn FastPart<Self::State>>> {
        None
    }
    /// The parameters of a run cancelled after `done` units of its prelude's fast part: their
    /// prelude's fast part is exactly those units, so the address replays what is on screen.
    fn cut_prelude(params: &Self::Params, _done: u64) -> Self::Params {
        Self::without_prelude(params)
    }

    /// Lays a state out, marking what the step points at.
    fn layout(state: &Self::State, highlight: &Highlight) -> Scene;
    fn message(state: &Self::State) -> Self::Message;

    /// The structure's name for titles and captions: "B-tree, degree 4".
    fn name(params: &Self::Params) -> String;
    /// The parameters a state was built with (for naming a state on its own).
    fn params_of(state: &Self::State) -> Self::Params;
    /// One line of figures under the drawing ("12 keys · height 2 · …").
    fn stats(state: &Self::State) -> String;
    /// The state in words, for screen readers.
    fn describe(state: &Self::State, name: &str) -> String;
}

/// The fast part of a long operation (see [`Widget::fast_part`]), run in slices.
pub trait FastPart<S: Versioned> {
    /// Its units of work in all (operations, keys).
    fn total(&self) -> u64;
    /// Units run so far.
    fn done(&self) -> u64;
    /// Runs up to `count` more units on `state`, recording nothing.
    fn advance(&mut self, state: &mut S, count: u64);
    /// Ends the fast part after the units run so far (the run was cancelled).
    fn stop(&mut self);
    /// Records what follows the fast part: a summary step, the detailed tail.
    fn finish(self: Box<Self>, state: &mut S, timeline: &mut crate::step::Timeline<S>);
}

/// A scenario worth stepping through, with what to watch for and notes on its key steps.
#[derive(Debug)]
pub struct Guided {
    /// Stable name for `guided=<slug>` links (the curriculum uses these).
    pub slug: &'static str,
    pub title: &'static str,
    /// One line for the index of visualizers.
    pub summary: &'static str,
    /// One or two sentences shown when the scenario opens: what to watch.
    pub watch: &'static str,
    /// The scenario query, without `?`.
    pub query: &'static str,
    /// Notes on key steps: (step, note). A test checks each against the engine.
    pub notes: &'static [(usize, &'static str)],
}

impl Guided {
    /// The note for step `step`, if it has one.
    pub fn note_at(&self, step: usize) -> Option<&'static str> {
        self.notes.iter().find(|(s, _)| *s == step).map(|(_, n)| *n)
    }
}

/// One line of the legend: a highlight's look and what it means.
#[derive(Debug)]
pub struct LegendEntry {
    /// The highlight, or `None` for a look that is not a tone (an overfull node, a link).
    pub tone: Option<Tone>,
    /// The CSS class of the swatch.
    pub swatch: &'static str,
    /// One or two words, for the compact legend of an embed.
    pub short: &'static str,
    pub meaning: &'static str,
}

/// A widget's counters type.
pub type CountersOf<W> = <<W as Widget>::State as Versioned>::Counters;

/// One row of the work-counters table.
pub struct CounterRow<W: Widget + ?Sized> {
    pub label: &'static str,
    pub get: fn(&CountersOf<W>) -> u64,
    /// The difference between two totals (this operation's share).
    pub since: fn(&CountersOf<W>, &CountersOf<W>) -> u64,
}

/// What the registry knows of a widget without its types: enough for the index page, the
/// not-found page and links.
#[derive(Debug)]
pub struct WidgetInfo {
    pub slug: &'static str,
    pub title: &'static str,
    /// What it shows, for the index.
    pub summary: &'static str,
    pub guided: &'static [Guided],
}

impl WidgetInfo {
    /// Every address this widget answers: the page, the embed, and each guided scenario.
    pub fn routes(&self) -> Vec<String> {
        let mut out = vec![format!("#/viz/{}", self.slug), format!("#/embed/{}", self.slug)];
        out.extend(self.guided.iter().map(|g| format!("#/viz/{}?guided={}", self.slug, g.slug)));
        out
    }
}

/// Every widget there is, in the order the index lists them.
pub static WIDGETS: &[WidgetInfo] = &[WidgetInfo {
    slug: crate::widgets::btree::SLUG,
    title: crate::widgets::btree::TITLE,
    summary: "Insert, delete, search and scan keys, and watch nodes split, borrow and merge so the tree stays shallow. Compare a B-tree with a B+ tree, or two degrees, side by side.",
    guided: crate::widgets::btree::GUIDED,
}, WidgetInfo {
    slug: crate::widgets::lsm::SLUG,
    title: crate::widgets::lsm::TITLE,
    summary: "Put, delete, get and scan keys, and watch writes land in the WAL and memtable, flushes make SSTables and compactions merge them down the levels, with bloom filters skipping tables a get need not read. Compare leveled and size-tiered compaction on one workload, with write, read and space amplification beside the models' estimates.",
    guided: crate::widgets::lsm::GUIDED,
}, WidgetInfo {
    slug: crate::widgets::ring::SLUG,
    title: crate::widgets::ring::TITLE,
    summary: "Place keys on a hash ring with virtual nodes and replicas; add, remove and fail nodes and count the keys that move. Compare modulo-N, jump, rendezvous, Maglev and bounded-load hashing on the same keys.",
    guided: crate::widgets::ring::GUIDED,
}];

/// The registry entry for `slug`.
pub fn find(slug: &str) -> Option<&'static WidgetInfo> {
    WIDGETS.iter().find(|w| w.slug == slug)
}
