//! Seeded workloads: a stream of operations whose first n are the same whatever n is, so a
//! link with `n=` replays exactly and a stopped run can say where it stopped.

use super::{Key, Lsm, MAX_KEY};
use crate::rng::SplitMix64;
use crate::step::NoSteps;

/// The workloads the `workload=` parameter names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum WorkloadKind {
    /// Puts of keys 0, 1, 2, … in order (wrapping after the last key); every tenth operation a
    /// get of a key already written.
    Sequential,
    /// Puts of uniformly random keys; every tenth operation a get of a random key.
    #[default]
    Uniform,
    /// As uniform, but keys drawn from a Zipfian distribution (θ = 0.99): key 0 is the hottest,
    /// and a few keys take most of the writes.
    Zipf,
    /// Update-heavy, like YCSB's workload A: half gets, half puts, Zipfian keys.
    Update,
    /// Delete-heavy: half puts, 40 % deletes, 10 % gets, uniform keys.
    Delete,
    /// Only puts of uniformly random keys (the benchmark's workload; not in the URL grammar).
    UniformPuts,
}

impl WorkloadKind {
    pub const NAMED: [WorkloadKind; 5] = [WorkloadKind::Sequential, WorkloadKind::Uniform, WorkloadKind::Zipf, WorkloadKind::Update, WorkloadKind::Delete];

    pub fn param(self) -> &'static str {
        match self {
            WorkloadKind::Sequential => "sequential",
            WorkloadKind::Uniform => "uniform",
            WorkloadKind::Zipf => "zipf",
            WorkloadKind::Update => "update",
            WorkloadKind::Delete => "delete",
            WorkloadKind::UniformPuts => "uniform-puts",
        }
    }

    pub fn from_param(value: &str) -> Option<WorkloadKind> {
        Self::NAMED.into_iter().find(|k| k.param() == value)
    }

    /// A few words, short enough for a phone's dropdown: "uniform keys".
    pub fn name(self) -> &'static str {
        match self {
            WorkloadKind::Sequential => "sequential keys",
            WorkloadKind::Uniform => "uniform keys",
            WorkloadKind::Zipf => "Zipfian keys",
            WorkloadKind::Update => "update-heavy",
            WorkloadKind::Delete => "delete-heavy",
            WorkloadKind::UniformPuts => "uniform keys, puts only",
        }
    }

    /// For people: "uniform keys, 90 % puts and 10 % gets".
    pub fn describe(self) -> &'static str {
        match self {
            WorkloadKind::Sequential => "sequential keys, 90 % puts and 10 % gets",
            WorkloadKind::Uniform => "uniform random keys, 90 % puts and 10 % gets",
            WorkloadKind::Zipf => "Zipfian keys (a few hot keys), 90 % puts and 10 % gets",
            WorkloadKind::Update => "update-heavy: Zipfian keys, half puts and half gets",
            WorkloadKind::Delete => "delete-heavy: uniform keys, 50 % puts, 40 % deletes and 10 % gets",
            WorkloadKind::UniformPuts => "uniform random keys, puts only",
        }
    }
}

/// One operation of a workload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkOp {
    Put(Key, u32),
    Delete(Key),
    Get(Key),
}

/// Zipfian ranks by Gray et al.'s closed-form method (as YCSB draws them): one pass to sum
/// the normalising constant, then each draw in constant time.
#[derive(Clone, Debug)]
struct Zipf {
    n: f64,
    theta: f64,
    alpha: f64,
    zeta_n: f64,
    eta: f64,
}

impl Zipf {
    fn new(n: u64, theta: f64) -> Zipf {
        let zeta = |count: u64| (1..=count).map(|i| 1.0 / (i as f64).powf(theta)).sum::<f64>();
        let zeta_n = zeta(n);
        let zeta_2 = zeta(2);
        let n_f = n as f64;
        Zipf { n: n_f, theta, alpha: 1.0 / (1.0 - theta), zeta_n, eta: (1.0 - (2.0 / n_f).powf(1.0 - theta)) / (1.0 - zeta_2 / zeta_n) }
    }

    fn draw(&self, u: f64) -> u64 {
        let uz = u * self.zeta_n;
        if uz < 1.0 {
            0
        } else if uz < 1.0 + 0.5f64.powf(self.theta) {
            1
        } else {
            ((self.n * (self.eta * u - self.eta + 1.0).powf(self.alpha)) as u64).min(self.n as u64 - 1)
        }
    }
}

/// A workload's stream of operations.
#[derive(Clone, Debug)]
pub struct Workload {
    kind: WorkloadKind,
    rng: SplitMix64,
    zipf: Option<Zipf>,
    done: u64,
}

const KEYS: u64 = MAX_KEY as u64 + 1;

impl Workload {
    pub fn new(kind: WorkloadKind, seed: u64) -> Workload {
        let zipf = matches!(kind, WorkloadKind::Zipf | WorkloadKind::Update).then(|| Zipf::new(KEYS, 0.99));
        Workload { kind, rng: SplitMix64::new(seed ^ 0x4C53_4D5F_574C_4431), zipf, done: 0 }
    }

    pub fn kind(&self) -> WorkloadKind {
        self.kind
    }

    /// Operations drawn so far.
    pub fn done(&self) -> u64 {
        self.done
    }

    fn unit(&mut self) -> f64 {
        (self.rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn key(&mut self) -> Key {
        if self.zipf.is_some() {
            let u = self.unit();
            self.zipf.as_ref().map_or(0, |z| z.draw(u)) as Key
        } else {
            self.rng.below(KEYS) as Key
        }
    }

    pub fn next_op(&mut self) -> WorkOp {
        let i = self.done;
        self.done += 1;
        // The value is the operation's number: a get can tell which write it sees.
        let value = i as u32;
        let roll = self.rng.below(100);
        match self.kind {
            WorkloadKind::Sequential => {
                let written = i - i / 10;
                if i % 10 == 9 {
                    WorkOp::Get(self.rng.below(written.clamp(1, KEYS)) as Key)
                } else {
                    WorkOp::Put((written % KEYS) as Key, value)
                }
            }
            WorkloadKind::Uniform | WorkloadKind::Zipf => {
                let key = self.key();
                if roll < 10 { WorkOp::Get(key) } else { WorkOp::Put(key, value) }
            }
            WorkloadKind::Update => {
                let key = self.key();
                if roll < 50 { WorkOp::Get(key) } else { WorkOp::Put(key, value) }
            }
            WorkloadKind::Delete => {
                let key = self.key();
                match roll {
                    0..=49 => WorkOp::Put(key, value),
                    50..=89 => WorkOp::Delete(key),
                    _ => WorkOp::Get(key),
                }
            }
            WorkloadKind::UniformPuts => WorkOp::Put(self.key(), value),
        }
    }
}

impl Lsm {
    /// Runs `count` operations of `workload` on the fast path: no steps, no captions.
    pub fn run_fast(&mut self, workload: &mut Workload, count: u64) {
        for _ in 0..count {
            self.apply_work(workload.next_op(), &mut NoSteps);
        }
    }

    /// Runs one workload operation, recording its steps.
    pub fn apply_work(&mut self, op: WorkOp, rec: &mut impl crate::step::Recorder<Lsm>) {
        match op {
            WorkOp::Put(k, v) => self.put(k, v, rec),
            WorkOp::Delete(k) => self.delete(k, rec),
            WorkOp::Get(k) => {
                self.get(k, rec);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zipf_is_skewed_and_in_range() {
        let mut w = Workload::new(WorkloadKind::Zipf, 3);
        let mut hot = 0;
        for _ in 0..10_000 {
            if let WorkOp::Put(k, _) | WorkOp::Get(k) = w.next_op() {
                assert!(k <= MAX_KEY);
                hot += u32::from(k < 100);
            }
        }
        // The hottest 0.1 % of keys take well over a third of the draws at θ = 0.99.
        assert!(hot > 3_000, "{hot}");
    }

    #[test]
    fn a_prefix_of_a_workload_is_the_shorter_workload() {
        let a: Vec<WorkOp> = { let mut w = Workload::new(WorkloadKind::Delete, 9); (0..50).map(|_| w.next_op()).collect() };
        let b: Vec<WorkOp> = { let mut w = Workload::new(WorkloadKind::Delete, 9); (0..80).map(|_| w.next_op()).collect() };
        assert_eq!(a[..], b[..50]);
    }
}
