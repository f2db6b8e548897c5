//! Steps and the timeline that keeps them.
//!
//! An engine operation takes a `&mut impl Recorder<S>`. The timeline records every step with
//! the state after it, so stepping back is an index change, never a recomputation. The fast
//! path passes [`NoSteps`], whose `recording()` is false: engines check it before formatting a
//! caption, so thousands of operations run without allocating a single step.
//!
//! Per-step counters (pages read, nodes written) live in the step beside the state, not in the
//! state's version: a search's steps read nodes without changing any, so they all share one
//! snapshot of the structure and differ only in their counters.

use std::rc::Rc;

/// A state that can tell whether it changed since it was last recorded, so unchanged steps
/// (a search descending a tree, say) share one snapshot instead of cloning it.
pub trait Versioned: Clone {
    /// The work figures each step keeps beside its snapshot.
    type Counters: Copy + Default + PartialEq + std::fmt::Debug;
    /// Changes every time the structure is mutated (not when only its counters move).
    fn version(&self) -> u64;
    /// The running totals now.
    fn counters(&self) -> Self::Counters;
}

/// What a step points at: node ids and key values, with the reason they are marked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Highlight {
    pub nodes: Vec<u32>,
    pub keys: Vec<u32>,
    pub tone: Tone,
}

/// Why something is highlighted; the view maps each tone to a colour *and* an outline style,
/// so the distinction survives colour-blindness.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tone {
    /// Being read or compared (a search path).
    #[default]
    Visit,
    /// Just written: a key placed, a node split, merged or borrowed into.
    Change,
    /// What the operation was looking for, found.
    Found,
    /// Refused or not found: a duplicate insert, a missing key.
    Refused,
}

impl Highlight {
    pub fn new(tone: Tone, nodes: impl Into<Vec<u32>>, keys: impl Into<Vec<u32>>) -> Self {
        Highlight { nodes: nodes.into(), keys: keys.into(), tone }
    }
}

/// Where an operation sends its steps.
pub trait Recorder<S> {
    /// False on the fast path: callers skip formatting captions entirely.
    fn recording(&self) -> bool;
    /// Keeps one step: `state` as it is after the step.
    fn record(&mut self, state: &S, caption: String, highlight: Highlight);
}

/// The fast path: records nothing.
pub struct NoSteps;

impl<S> Recorder<S> for NoSteps {
    fn recording(&self) -> bool {
        false
    }
    fn record(&mut self, _: &S, _: String, _: Highlight) {}
}

/// One captioned step and the state after it.
#[derive(Clone, Debug)]
pub struct Step<S: Versioned> {
    pub caption: String,
    pub state: Rc<S>,
    pub highlight: Highlight,
    /// Index into [`Timeline::ops`] of the operation this step belongs to.
    pub op: usize,
    /// The running totals after this step (the snapshot may be shared with other steps).
    pub counters: S::Counters,
}

/// One user operation and the steps it expanded into.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpEntry {
    /// Short label for the operation list ("insert 23").
    pub label: String,
    /// Index of its first step in [`Timeline::steps`]; step numbers shown to users are this + 1.
    pub first_step: usize,
    pub step_count: usize,
}

/// Every step of a scenario. Step 0 (the initial state) is not stored as a `Step`:
/// [`Timeline::state_at`] answers it from `initial`.
#[derive(Clone, Debug)]
pub struct Timeline<S: Versioned> {
    pub initial: Rc<S>,
    pub steps: Vec<Step<S>>,
    pub ops: Vec<OpEntry>,
}

impl<S: Versioned> Timeline<S> {
    pub fn new(initial: &S) -> Self {
        Timeline { initial: Rc::new(initial.clone()), steps: Vec::new(), ops: Vec::new() }
    }

    /// Opens a new operation; the steps recorded after this belong to it.
    pub fn begin_op(&mut self, label: impl Into<String>) {
        self.ops.push(OpEntry { label: label.into(), first_step: self.steps.len(), step_count: 0 });
    }

    /// The number of steps; valid positions are 0 (initial state) ..= len.
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// The state shown at position `pos` (0 = before any step), clamped to the last step.
    pub fn state_at(&self, pos: usize) -> &Rc<S> {
        match pos.min(self.steps.len()) {
            0 => &self.initial,
            n => &self.steps[n - 1].state,
        }
    }

    /// The running totals at position `pos` (0 = the initial state's), clamped to the last step.
    pub fn counters_at(&self, pos: usize) -> S::Counters {
        match pos.min(self.steps.len()) {
            0 => self.initial.counters(),
            n => self.steps[n - 1].counters,
        }
    }

    /// The step that produced position `pos`, if any.
    pub fn step_at(&self, pos: usize) -> Option<&Step<S>> {
        pos.checked_sub(1).and_then(|i| self.steps.get(i))
    }

    /// The operation whose steps include position `pos`.
    pub fn op_at(&self, pos: usize) -> Option<usize> {
        self.step_at(pos).map(|s| s.op)
    }

    fn last_state(&self) -> &Rc<S> {
        self.state_at(self.steps.len())
    }
}

impl<S: Versioned> Recorder<S> for Timeline<S> {
    fn recording(&self) -> bool {
        true
    }

    fn record(&mut self, state: &S, caption: String, highlight: Highlight) {
        let state_counters = state.counters();
        let last = self.last_state();
        let state = if last.version() == state.version() { Rc::clone(last) } else { Rc::new(state.clone()) };
        if self.ops.is_empty() {
            self.begin_op("start");
        }
        let op = self.ops.len() - 1;
        self.ops[op].step_count += 1;
        self.steps.push(Step { caption, state, highlight, op, counters: state_counters });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Debug, PartialEq)]
    struct Counter {
        value: i32,
        version: u64,
        reads: u32,
    }
    impl Versioned for Counter {
        type Counters = u32;
        fn version(&self) -> u64 {
            self.version
        }
        fn counters(&self) -> u32 {
            self.reads
        }
    }

    #[test]
    fn unchanged_states_share_one_snapshot_and_positions_clamp() {
        let mut c = Counter { value: 0, version: 0, reads: 0 };
        let mut t = Timeline::new(&c);
        t.begin_op("look");
        c.reads += 1;
        t.record(&c, "looked".into(), Highlight::default());
        t.begin_op("add");
        c.value = 5;
        c.version += 1;
        t.record(&c, "added".into(), Highlight::default());
        // Reading changes only the counters: the snapshot is shared, the counters are not.
        assert!(Rc::ptr_eq(t.state_at(0), t.state_at(1)));
        assert_eq!((t.counters_at(0), t.counters_at(1)), (0, 1));
        assert_eq!(t.state_at(2).value, 5);
        assert_eq!(t.state_at(99).value, 5);
        assert_eq!(t.op_at(2), Some(1));
        assert_eq!(t.op_at(0), None);
        assert_eq!(t.ops[1], OpEntry { label: "add".into(), first_step: 1, step_count: 1 });
    }
}
