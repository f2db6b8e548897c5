//! The LSM tree's operation grammar: `ops=p5,d5,g5,r3-9,flush,compact,compact1`.
//!
//! `p5` puts key 5 (its value is the write's sequence number, so a get shows which write it
//! sees), `d5` deletes it (a tombstone), `g5` gets it, `r3-9` scans keys 3 to 9, `flush`
//! flushes the memtable, `compact` runs a full compaction and `compact1` compacts row 1 (L1
//! into L2; for size-tiered, tier 2 into one table). Keys are whole numbers from 0 to 99,999.
//! The workload a scenario's `workload=` and `n=` ask for runs first, as one operation.

use crate::lsm::{CompactTarget, Key, Lsm, Workload, WorkloadKind, MAX_KEY};
use crate::step::{Highlight, Recorder, Timeline, Tone};
use crate::widget::FastPart;

const ACCEPTED_OPS: &str = "each operation is p (put), d (delete) or g (get) and a key from 0 to 99999, \
r and a range (r3-9), flush, compact (everything) or compact and a row number (compact1)";

/// The last operations of a workload, recorded step by step after the fast path has run the rest.
pub const DETAILED_TAIL: u64 = 12;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    Put(Key),
    Delete(Key),
    Get(Key),
    Scan(Key, Key),
    Flush,
    Compact(CompactTarget),
    /// `n` operations of a seeded workload: the fast path, then the last few in detail.
    Workload { kind: WorkloadKind, n: u32 },
}

fn parse_key(text: &str, token: &str) -> Result<Key, String> {
    match text.trim().parse::<u64>() {
        Ok(k) if k <= u64::from(MAX_KEY) => Ok(k as Key),
        Ok(_) => Err(format!("“{token}”: keys go from 0 to {MAX_KEY}.")),
        Err(_) => Err(format!("“{token}” is not an operation: {ACCEPTED_OPS}.")),
    }
}

impl Op {
    pub fn token(&self) -> String {
        match self {
            Op::Put(k) => format!("p{k}"),
            Op::Delete(k) => format!("d{k}"),
            Op::Get(k) => format!("g{k}"),
            Op::Scan(lo, hi) => format!("r{lo}-{hi}"),
            Op::Flush => "flush".into(),
            Op::Compact(CompactTarget::Full) => "compact".into(),
            Op::Compact(CompactTarget::Row(r)) => format!("compact{r}"),
            Op::Workload { kind, n } => format!("w{}:{n}", kind.param()),
        }
    }

    pub fn parse(token: &str) -> Result<Op, String> {
        let token = token.trim();
        if token == "flush" {
            return Ok(Op::Flush);
        }
        if let Some(rest) = token.strip_prefix("compact") {
            return match rest {
                "" => Ok(Op::Compact(CompactTarget::Full)),
                r => r.parse::<usize>().ok().filter(|&r| r < crate::lsm::MAX_LEVELS).map(|r| Op::Compact(CompactTarget::Row(r))).ok_or_else(|| {
                    format!("“{token}”: compact takes a row number from 0 to {}, or nothing for a full compaction.", crate::lsm::MAX_LEVELS - 1)
                }),
            };
        }
        let bad = || format!("“{token}” is not an operation: {ACCEPTED_OPS}.");
        let mut chars = token.chars();
        let kind = chars.next().ok_or_else(bad)?;
        let rest = chars.as_str();
        match kind {
            'p' => Ok(Op::Put(parse_key(rest, token)?)),
            'd' => Ok(Op::Delete(parse_key(rest, token)?)),
            'g' => Ok(Op::Get(parse_key(rest, token)?)),
            'r' => {
                let (lo, hi) = rest.split_once('-').ok_or_else(bad)?;
                let (lo, hi) = (parse_key(lo, token)?, parse_key(hi, token)?);
                Ok(Op::Scan(lo.min(hi), lo.max(hi)))
            }
            _ => Err(bad()),
        }
    }

    pub fn label(&self) -> String {
        match self {
            Op::Put(k) => format!("put {k}"),
            Op::Delete(k) => format!("delete {k}"),
            Op::Get(k) => format!("get {k}"),
            Op::Scan(lo, hi) => format!("scan {lo}–{hi}"),
            Op::Flush => "flush".into(),
            Op::Compact(CompactTarget::Full) => "full compaction".into(),
            Op::Compact(CompactTarget::Row(r)) => format!("compact row {r}"),
            Op::Workload { kind, n } => format!("{} workload, {n} operations", kind.param()),
        }
    }

    pub fn apply(&self, lsm: &mut Lsm, seed: u64, rec: &mut impl Recorder<Lsm>) {
        match self {
            Op::Put(k) => {
                let value = lsm.next_seq() as u32;
                lsm.put(*k, value, rec);
            }
            Op::Delete(k) => lsm.delete(*k, rec),
            Op::Get(k) => {
                lsm.get(*k, rec);
            }
            Op::Scan(lo, hi) => {
                lsm.scan(*lo, *hi, rec);
            }
            Op::Flush => lsm.flush(rec),
            Op::Compact(target) => lsm.compact(*target, rec),
            Op::Workload { kind, n } => run_workload(lsm, *kind, u64::from(*n), seed, rec),
        }
    }
}

/// The fast path for all but the last [`DETAILED_TAIL`] operations, one step summing them
/// up, then the tail step by step.
fn run_workload(lsm: &mut Lsm, kind: WorkloadKind, n: u64, seed: u64, rec: &mut impl Recorder<Lsm>) {
    if !rec.recording() {
        lsm.run_fast(&mut Workload::new(kind, seed), n);
        return;
    }
    let mut run = WorkloadRun::new(kind, n, seed);
    run.advance(lsm, u64::MAX);
    run.record_tail(lsm, rec);
}

/// A workload's fast part, run in slices by the page (see [`FastPart`]), then its tail.
pub struct WorkloadRun {
    workload: Workload,
    n: u64,
    fast: u64,
}

impl WorkloadRun {
    pub fn new(kind: WorkloadKind, n: u64, seed: u64) -> WorkloadRun {
        WorkloadRun { workload: Workload::new(kind, seed), n, fast: n.saturating_sub(DETAILED_TAIL) }
    }

    fn advance(&mut self, lsm: &mut Lsm, count: u64) {
        let count = count.min(self.fast - self.workload.done());
        lsm.run_fast(&mut self.workload, count);
    }

    /// The summary step, then the last operations step by step.
    fn record_tail(&mut self, lsm: &mut Lsm, rec: &mut impl Recorder<Lsm>) {
        let (fast, kind) = (self.workload.done(), self.workload.kind());
        let m = lsm.metrics();
        let caption = format!(
            "The fast path ran {fast} operations of the {} workload ({}) without recording steps: {} tables in {} rows, write amplification {}, space amplification {}. The last {} operations follow step by step.",
            kind.param(),
            kind.describe(),
            lsm.table_count(),
            lsm.rows().len(),
            crate::layout::lsm::fixed(m.write_amp, 2),
            crate::layout::lsm::fixed(m.space_amp, 2),
            self.n - fast
        );
        rec.record(lsm, caption, Highlight::new(Tone::Change, [], []));
        for _ in fast..self.n {
            let op = self.workload.next_op();
            lsm.apply_work(op, rec);
        }
    }
}

impl FastPart<Lsm> for WorkloadRun {
    fn total(&self) -> u64 {
        self.fast
    }

    fn done(&self) -> u64 {
        self.workload.done()
    }

    fn advance(&mut self, lsm: &mut Lsm, count: u64) {
        WorkloadRun::advance(self, lsm, count);
    }

    fn stop(&mut self) {
        // The workload becomes the shorter one the cut address names: the operations run so
        // far, then its tail (a workload's first n operations are the same whatever n is).
        self.fast = self.workload.done();
        self.n = self.n.min(self.fast + DETAILED_TAIL);
    }

    fn finish(mut self: Box<Self>, lsm: &mut Lsm, timeline: &mut Timeline<Lsm>) {
        self.record_tail(lsm, timeline);
    }
}
