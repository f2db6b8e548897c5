//! Replaying a scenario: [`Run<W>`] (one structure and its timeline), [`Runs<W>`] (the one or
//! two structures on screen, kept in step in compare mode) and the message API's state.

use super::Scenario;
use crate::step::{Step, Timeline, Versioned};
use crate::widget::{FastPart, Widget};
use serde::Serialize;
use std::rc::Rc;

/// A structure and the timeline of everything done to it. New operations append steps, so the
/// timeline never has to be replayed from the start.
pub struct Run<W: Widget> {
    pub state: W::State,
    pub timeline: Timeline<W::State>,
}

impl<W: Widget> Run<W> {
    pub fn new(params: &W::Params) -> Run<W> {
        let state = W::new_state(params);
        let timeline = Timeline::new(&state);
        Run { state, timeline }
    }

    pub fn apply(&mut self, op: &W::Op, seed: u64) {
        self.timeline.begin_op(W::op_label(op));
        W::apply(op, &mut self.state, seed, &mut self.timeline);
    }
}

impl<W: Widget> Scenario<W> {
    /// Every operation the scenario runs: the prelude its parameters imply, then `ops`.
    pub fn all_ops(&self, params: &W::Params) -> Vec<W::Op> {
        let mut ops = W::prelude(params);
        ops.extend(self.ops.iter().cloned());
        ops
    }

    /// Replays the scenario on a structure with `params`, recording every step.
    pub fn run(&self, params: &W::Params) -> Run<W> {
        let mut run = Run::new(params);
        let prelude = W::prelude(params).len();
        for (i, op) in self.all_ops(params).iter().enumerate() {
            run.apply(op, self.op_seed(i, prelude));
        }
        run
    }
}

/// Compare mode's shared positions: for each operation, as many steps as the longer of the two
/// timelines spent on it; the shorter one holds its last state meanwhile. Entry `n` gives the
/// two structures' own positions at shared position `n` (0 is the start).
pub fn align<A: Versioned, B: Versioned>(a: &Timeline<A>, b: &Timeline<B>) -> Vec<(usize, usize)> {
    let mut positions = vec![(0, 0)];
    for (op_a, op_b) in a.ops.iter().zip(&b.ops) {
        for j in 1..=op_a.step_count.max(op_b.step_count) {
            positions.push((op_a.first_step + j.min(op_a.step_count), op_b.first_step + j.min(op_b.step_count)));
        }
    }
    positions
}

/// The structures of a scenario: the main one and, in compare mode, the second, with the shared
/// step positions that keep them in step.
pub struct Runs<W: Widget> {
    pub main: Run<W>,
    pub other: Option<Run<W>>,
    aligned: Vec<(usize, usize)>,
}

/// One structure at one position: its state, the step that led there and the totals after it.
pub struct At<'a, W: Widget> {
    pub state: &'a Rc<W::State>,
    pub step: Option<&'a Step<W::State>>,
    pub counters: <W::State as Versioned>::Counters,
    /// The totals when the step's operation began (this operation's share is the difference).
    pub op_start: <W::State as Versioned>::Counters,
    pub timeline: &'a Timeline<W::State>,
}

#[derive(Serialize)]
struct Envelope<M: Serialize> {
    widget: &'static str,
    #[serde(flatten)]
    state: M,
    step: usize,
    steps: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    compare: Option<M>,
}

impl<W: Widget> Runs<W> {
    pub fn build(s: &Scenario<W>) -> Runs<W> {
        let main = s.run(&s.params);
        let other = s.compare.as_ref().map(|c| s.run(c));
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

    /// Appends the last `count` operations of `s.ops`, just added.
    pub fn append(&mut self, s: &Scenario<W>, count: usize) {
        let extend = |run: &mut Run<W>, params: &W::Params| {
            let all = s.all_ops(params);
            let prelude = all.len() - s.ops.len();
            for (i, op) in all.iter().enumerate().skip(all.len() - count) {
                run.apply(op, s.op_seed(i, prelude));
            }
        };
        extend(&mut self.main, &s.params);
        if let (Some(o), Some(c)) = (&mut self.other, &s.compare) {
            extend(o, c);
        }
        self.realign();
    }

    /// The number of shared steps.
    pub fn steps(&self) -> usize {
        match &self.other {
            Some(_) => self.aligned.len() - 1,
            None => self.main.timeline.len(),
        }
    }

    /// Each structure's own position at shared position `pos`.
    pub fn positions(&self, pos: usize) -> (usize, Option<usize>) {
        match &self.other {
            Some(_) => {
                let (a, b) = self.aligned[pos.min(self.aligned.len() - 1)];
                (a, Some(b))
            }
            None => (pos.min(self.main.timeline.len()), None),
        }
    }

    /// The shared position where operation `op` begins (its first step).
    pub fn op_start(&self, op: usize) -> usize {
        let first = self.main.timeline.ops.get(op).map_or(0, |o| o.first_step + 1);
        match &self.other {
            Some(_) => self.aligned.iter().position(|(a, _)| *a >= first).unwrap_or(0),
            None => first,
        }
    }

    /// The operation shown at shared position `pos`.
    pub fn op_at(&self, pos: usize) -> Option<usize> {
        self.main.timeline.op_at(self.positions(pos).0)
    }

    /// Structure `which` (0 main, 1 the second) at shared position `pos`.
    pub fn at(&self, which: usize, pos: usize) -> Option<At<'_, W>> {
        let (a, b) = self.positions(pos);
        let (run, p) = if which == 0 { (&self.main, a) } else { (self.other.as_ref()?, b?) };
        let t = &run.timeline;
        let step = t.step_at(p);
        let op_start = step.map_or_else(|| t.counters_at(0), |s| t.counters_at(t.ops[s.op].first_step));
        Some(At { state: t.state_at(p), step, counters: t.counters_at(p), op_start, timeline: t })
    }

    /// The message API's state at shared position `pos`, as JSON text:
    /// `{"widget":…, <the widget's fields>, "step":N, "steps":M, "compare":{…}}`.
    pub fn message_json(&self, pos: usize) -> String {
        let (a, b) = self.positions(pos);
        let envelope = Envelope {
            widget: W::SLUG,
            state: W::message(self.main.timeline.state_at(a)),
            step: pos.min(self.steps()),
            steps: self.steps(),
            compare: self.other.as_ref().zip(b).map(|(run, b)| W::message(run.timeline.state_at(b))),
        };
        // Serializing plain numbers, strings and lists cannot fail.
        serde_json::to_string(&envelope).unwrap_or_default()
    }
}

/// One structure's replay in progress: its operations and where it has got to.
struct Lane<W: Widget> {
    ops: Vec<W::Op>,
    prelude: usize,
    next: usize,
    /// The fast part of operation `next`, part run.
    active: Option<Box<dyn FastPart<W::State>>>,
}

/// A scenario replayed a slice at a time, so a page can run a million-operation workload
/// without freezing: each [`Replay::work`] call does a bounded amount and returns, and the
/// page calls it again after the browser has had its turn. Finished, it is exactly what
/// [`Runs::build`] gives. In compare mode both structures advance together, so they have
/// run the same share of their workloads whenever the run is stopped.
pub struct Replay<W: Widget> {
    runs: Runs<W>,
    lanes: Vec<Lane<W>>,
    seed_of: Scenario<W>,
    total: u64,
    done: u64,
    stopped: bool,
}

impl<W: Widget> Replay<W> {
    pub fn new(s: &Scenario<W>) -> Replay<W> {
        let mut params = vec![s.params.clone()];
        params.extend(s.compare.clone());
        let lanes: Vec<Lane<W>> =
            params.iter().map(|p| Lane { ops: s.all_ops(p), prelude: W::prelude(p).len(), next: 0, active: None }).collect();
        // A unit per plain operation, and each long one's fast units.
        let total = lanes
            .iter()
            .flat_map(|lane| lane.ops.iter().enumerate().map(|(i, op)| W::fast_part(op, s.op_seed(i, lane.prelude)).map_or(1, |f| f.total().max(1))))
            .sum();
        let mut runs = params.iter().map(Run::new);
        let main = runs.next().unwrap_or_else(|| Run::new(&s.params));
        let other = runs.next();
        Replay { runs: Runs { main, other, aligned: Vec::new() }, lanes, seed_of: s.clone(), total, done: 0, stopped: false }
    }

    /// The units of work the whole replay takes (the fast parts' units, one per other
    /// operation): what a progress bar counts to.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Units done so far.
    pub fn done(&self) -> u64 {
        self.done
    }

    pub fn is_finished(&self) -> bool {
        self.lanes.iter().all(|l| l.next >= l.ops.len())
    }

    /// Units of the main structure's current fast part run so far (`None` between fast parts).
    pub fn fast_done(&self) -> Option<u64> {
        self.lanes.first().and_then(|l| l.active.as_ref()).map(|f| f.done())
    }

    /// Each structure as it is now, mid-operation (cheap when states share their parts).
    pub fn states(&self) -> Vec<Rc<W::State>> {
        let mut out = vec![Rc::new(self.runs.main.state.clone())];
        out.extend(self.runs.other.as_ref().map(|o| Rc::new(o.state.clone())));
        out
    }

    /// Does up to `units` units of work on each structure.
    pub fn work(&mut self, units: u64) {
        let seeds = &self.seed_of;
        let stopped = self.stopped;
        let runs = std::iter::once(&mut self.runs.main).chain(self.runs.other.as_mut());
        for (lane, run) in self.lanes.iter_mut().zip(runs) {
            let mut budget = units;
            while budget > 0 && lane.next < lane.ops.len() {
                let op = &lane.ops[lane.next];
                let seed = seeds.op_seed(lane.next, lane.prelude);
                if lane.active.is_none() {
                    match W::fast_part(op, seed).filter(|f| f.total() > 0) {
                        Some(mut fast) => {
                            run.timeline.begin_op(W::op_label(op));
                            if stopped {
                                fast.stop();
                            }
                            lane.active = Some(fast);
                        }
                        None => {
                            run.apply(op, seed);
                            lane.next += 1;
                            budget -= 1;
                            self.done += 1;
                            continue;
                        }
                    }
                }
                let Some(fast) = lane.active.as_mut() else { continue };
                let before = fast.done();
                fast.advance(&mut run.state, budget);
                let ran = fast.done() - before;
                budget = budget.saturating_sub(ran.max(1));
                self.done += ran;
                if fast.done() >= fast.total() {
                    if let Some(fast) = lane.active.take() {
                        fast.finish(&mut run.state, &mut run.timeline);
                    }
                    lane.next += 1;
                }
            }
        }
        if self.is_finished() {
            self.done = self.total;
        }
    }

    /// Stops every fast part where it is; `cut` is the scenario with its prelude cut to match
    /// ([`Widget::cut_prelude`]), whose operations and labels replace the old ones. What is
    /// left runs on the next [`Replay::work`] calls.
    pub fn stop(&mut self, cut: &Scenario<W>) {
        self.stopped = true;
        let mut params = vec![cut.params.clone()];
        params.extend(cut.compare.clone());
        let runs = std::iter::once(&mut self.runs.main).chain(self.runs.other.as_mut());
        for ((lane, run), p) in self.lanes.iter_mut().zip(runs).zip(&params) {
            lane.ops = cut.all_ops(p);
            if let Some(fast) = lane.active.as_mut() {
                fast.stop();
                if let (Some(entry), Some(op)) = (run.timeline.ops.last_mut(), lane.ops.get(lane.next)) {
                    entry.label = W::op_label(op);
                }
            }
        }
        self.seed_of = cut.clone();
        // What is left is small: the tails and the scenario's own operations.
        self.total = self.done + self.lanes.iter().map(|l| (l.ops.len() - l.next.min(l.ops.len())) as u64).sum::<u64>();
    }

    /// The finished replay (call when [`Replay::is_finished`]; anything left runs now).
    pub fn finish(mut self) -> Runs<W> {
        while !self.is_finished() {
            self.work(u64::MAX / 4);
        }
        self.runs.realign();
        self.runs
    }
}
