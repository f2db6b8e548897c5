//! The LSM-tree widget: `#/viz/lsm?strategy=leveled&memtable=64&ratio=10&bits=10&workload=uniform&n=100000&seed=7`.
//!
//! | parameter  | values                                                        | default   |
//! |------------|---------------------------------------------------------------|-----------|
//! | `strategy` | `leveled` (RocksDB-style), `tiered` (Cassandra size-tiered)   | `leveled` |
//! | `memtable` | 2 to 4,096 entries before the memtable is flushed             | 64        |
//! | `ratio`    | 2 to 16: leveled T (`max_bytes_for_level_multiplier`), tiered `min_threshold` | 10 leveled, 4 tiered |
//! | `bits`     | 0 to 20 bloom filter bits per key (0: no filter)              | 10        |
//! | `workload` | `sequential`, `uniform`, `zipf`, `update`, `delete`           | `uniform` |
//! | `n`        | 0 to 1,000,000 workload operations, run before `ops`          | 0         |
//! | `compare`  | `leveled` or `tiered`, optionally `:ratio`                    | off       |
//!
//! `seed`, `ops`, `guided`, `step`, `controls` and `theme` are every widget's (see
//! [`crate::scenario`]); the operations are in [`ops`].

pub mod guided;
pub mod ops;

pub use guided::GUIDED;
pub use ops::Op;

use crate::layout;
use crate::layout::lsm::{fixed, show_bytes};
use crate::lsm::{Config, Counters, LeveledOptions, Lsm, Strategy, TieredOptions, WorkloadKind};
use crate::scenario::{bounded, Notice};
use crate::scene::Scene;
use crate::step::{Highlight, Recorder, Tone};
use crate::widget::{CounterRow, FastPart, Guided, LegendEntry, Widget};
use serde::Serialize;

pub const SLUG: &str = "lsm";
pub const TITLE: &str = "LSM tree";
pub const MAX_OPS_IN_WORKLOAD: u32 = 1_000_000;
pub const MEMTABLE_RANGE: (usize, usize) = (2, 4096);
pub const RATIO_RANGE: (u32, u32) = (2, 16);
pub const BITS_RANGE: (u8, u8) = (0, 20);

/// The LSM widget (a marker type: the state is an [`Lsm`]).
pub struct LsmWidget;

pub type Scenario = crate::scenario::Scenario<LsmWidget>;
pub type Runs = crate::scenario::run::Runs<LsmWidget>;

/// The tree's options and the workload it starts with.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Params {
    pub strategy: Strategy,
    pub memtable: usize,
    /// `None`: the strategy's own default (10 leveled, 4 tiered).
    pub ratio: Option<u32>,
    pub bits: u8,
    pub workload: WorkloadKind,
    pub n: u32,
}

impl Default for Params {
    fn default() -> Self {
        Params { strategy: Strategy::Leveled, memtable: 64, ratio: None, bits: 10, workload: WorkloadKind::Uniform, n: 0 }
    }
}

impl Params {
    pub fn config(&self) -> Config {
        let mut c = Config { strategy: self.strategy, memtable_entries: self.memtable, bits_per_key: self.bits, leveled: LeveledOptions::default(), tiered: TieredOptions::default() };
        match (self.strategy, self.ratio) {
            (Strategy::Leveled, Some(r)) => c.leveled.max_bytes_for_level_multiplier = r,
            (Strategy::Tiered, Some(r)) => c.tiered.min_threshold = r as usize,
            (_, None) => {}
        }
        c
    }

    /// The ratio in effect.
    pub fn ratio(&self) -> u32 {
        self.config().ratio()
    }
}

pub fn strategy_param(s: Strategy) -> &'static str {
    match s {
        Strategy::Leveled => "leveled",
        Strategy::Tiered => "tiered",
    }
}

pub fn strategy_name(s: Strategy) -> &'static str {
    match s {
        Strategy::Leveled => "Leveled (RocksDB-style)",
        Strategy::Tiered => "Size-tiered (Cassandra-style)",
    }
}

pub fn parse_strategy(value: &str) -> Option<Strategy> {
    match value {
        "leveled" | "level" | "leveling" => Some(Strategy::Leveled),
        "tiered" | "tiering" | "size-tiered" | "stcs" => Some(Strategy::Tiered),
        _ => None,
    }
}

/// One table for the message API.
#[derive(Serialize, Debug, PartialEq)]
pub struct TableMessage {
    pub id: u32,
    pub min: u32,
    pub max: u32,
    pub entries: usize,
    pub bytes: u64,
}

/// The figures for the message API, each measured; `model` holds the estimates.
#[derive(Serialize, Debug, PartialEq)]
pub struct MetricsMessage {
    pub ops: u64,
    pub user_bytes: u64,
    pub wal_bytes: u64,
    pub disk_bytes_written: u64,
    pub write_amp: f64,
    pub read_amp: f64,
    pub space_amp: f64,
    pub bloom_fp_rate: f64,
    pub model: ModelMessage,
}

#[derive(Serialize, Debug, PartialEq)]
pub struct ModelMessage {
    pub write_amp: f64,
    pub read_amp: f64,
    pub space_amp: f64,
    pub bloom_fp_rate: f64,
}

/// A tree for the message API.
#[derive(Serialize, Debug, PartialEq)]
pub struct LsmMessage {
    pub strategy: &'static str,
    /// Entries in the memtable now.
    pub memtable: usize,
    pub immutable: usize,
    /// The rows as drawn: levels L0, L1, … (leveled) or size tiers, smallest first (tiered).
    pub levels: Vec<Vec<TableMessage>>,
    pub metrics: MetricsMessage,
}

/// Rounds to six significant decimals, so the JSON stays short and stable.
fn tidy(v: f64) -> f64 {
    if v.is_finite() {
        (v * 1e6).round() / 1e6
    } else {
        0.0
    }
}

pub fn message(lsm: &Lsm) -> LsmMessage {
    let m = lsm.metrics();
    LsmMessage {
        strategy: strategy_param(lsm.config().strategy),
        memtable: lsm.memtable().len(),
        immutable: lsm.immutable().map_or(0, |t| t.len()),
        levels: lsm
            .rows()
            .iter()
            .map(|row| row.iter().map(|t| TableMessage { id: t.id, min: t.min(), max: t.max(), entries: t.entries.len(), bytes: t.bytes }).collect())
            .collect(),
        metrics: MetricsMessage {
            ops: lsm.ops(),
            user_bytes: m.user_bytes,
            wal_bytes: m.wal_bytes,
            disk_bytes_written: m.disk_bytes_written,
            write_amp: tidy(m.write_amp),
            read_amp: tidy(m.read_amp),
            space_amp: tidy(m.space_amp),
            bloom_fp_rate: tidy(m.bloom_fp_rate),
            model: ModelMessage {
                write_amp: tidy(m.model.write_amp),
                read_amp: tidy(m.model.read_amp),
                space_amp: tidy(m.model.space_amp),
                bloom_fp_rate: tidy(m.model.bloom_fp_rate),
            },
        },
    }
}

const LEGEND: &[LegendEntry] = &[
    LegendEntry { tone: Some(Tone::Visit), swatch: "mark-visit", short: "Read", meaning: "Read: a table or memtable being looked in, a block read, compaction inputs (dashed blue)" },
    LegendEntry { tone: Some(Tone::Change), swatch: "mark-change", short: "Written", meaning: "Written: a put in the WAL and memtable, a flushed table, compaction outputs (orange)" },
    LegendEntry { tone: None, swatch: "pending", short: "Writing", meaning: "Being written: a compaction's new tables, in a row of their own until their inputs are deleted (long dashes, amber, tinted)" },
    LegendEntry { tone: Some(Tone::Found), swatch: "mark-found", short: "Found", meaning: "Found: where a get or scan found the newest value (green)" },
    LegendEntry { tone: Some(Tone::Refused), swatch: "mark-refused", short: "Skipped", meaning: "Skipped or deleted: a bloom filter said no, a tombstone, nothing to do (dotted red)" },
    LegendEntry { tone: None, swatch: "lsm-table", short: "Table", meaning: "An SSTable: spans its keys along the axis; taller means more bytes" },
    LegendEntry { tone: None, swatch: "link", short: "Key", meaning: "The key a get is after, as a line down through every level (dashed)" },
];

const COUNTER_ROWS: &[CounterRow<LsmWidget>] = &[
    CounterRow { label: "User bytes written", get: |c| c.user_bytes, since: |c, e| c.since(e).user_bytes },
    CounterRow { label: "WAL bytes", get: |c| c.wal_bytes, since: |c, e| c.since(e).wal_bytes },
    CounterRow { label: "Table bytes flushed", get: |c| c.flush_bytes, since: |c, e| c.since(e).flush_bytes },
    CounterRow { label: "Table bytes compacted", get: |c| c.compaction_written, since: |c, e| c.since(e).compaction_written },
    CounterRow { label: "Bloom filters asked by gets", get: |c| c.get_tables, since: |c, e| c.since(e).get_tables },
    CounterRow { label: "Skipped by a bloom filter", get: |c| c.bloom_negative, since: |c, e| c.since(e).bloom_negative },
    CounterRow { label: "Bloom false positives", get: |c| c.bloom_false_positive, since: |c, e| c.since(e).bloom_false_positive },
    CounterRow { label: "Blocks read by gets", get: |c| c.blocks_read, since: |c, e| c.since(e).blocks_read },
    CounterRow { label: "Shadowed versions dropped", get: |c| c.dropped_versions, since: |c, e| c.since(e).dropped_versions },
    CounterRow { label: "Tombstones dropped", get: |c| c.dropped_tombstones, since: |c, e| c.since(e).dropped_tombstones },
];

impl Widget for LsmWidget {
    const SLUG: &'static str = SLUG;
    const TITLE: &'static str = TITLE;
    type Params = Params;
    type Op = Op;
    type State = Lsm;
    type Message = LsmMessage;

    const GUIDED: &'static [Guided] = GUIDED;
    const LEGEND: &'static [LegendEntry] = LEGEND;
    const COUNTER_ROWS: &'static [CounterRow<Self>] = COUNTER_ROWS;

    fn take_param(p: &mut Params, key: &str, value: &str) -> Option<Result<(), Notice>> {
        Some(match key {
            "strategy" => parse_strategy(value)
                .map(|s| p.strategy = s)
                .ok_or_else(|| Notice::new("strategy", format!("strategy={value} ignored: use leveled or tiered."))),
            "memtable" => bounded("memtable", value, MEMTABLE_RANGE.0, MEMTABLE_RANGE.1).map(|m| p.memtable = m),
            "ratio" => bounded("ratio", value, RATIO_RANGE.0, RATIO_RANGE.1).map(|r| p.ratio = Some(r)),
            "bits" => bounded("bits", value, BITS_RANGE.0, BITS_RANGE.1).map(|b| p.bits = b),
            "workload" => WorkloadKind::from_param(value)
                .map(|w| p.workload = w)
                .ok_or_else(|| Notice::new("workload", format!("workload={value} ignored: use sequential, uniform, zipf, update or delete."))),
            "n" => bounded("n", value, 0, MAX_OPS_IN_WORKLOAD).map(|n| p.n = n),
            _ => return None,
        })
    }

    fn write_params(p: &Params, out: &mut Vec<(String, String)>) {
        let d = Params::default();
        if p.strategy != d.strategy {
            out.push(("strategy".into(), strategy_param(p.strategy).into()));
        }
        if p.memtable != d.memtable {
            out.push(("memtable".into(), p.memtable.to_string()));
        }
        if let Some(r) = p.ratio {
            out.push(("ratio".into(), r.to_string()));
        }
        if p.bits != d.bits {
            out.push(("bits".into(), p.bits.to_string()));
        }
        if p.n > 0 {
            if p.workload != d.workload {
                out.push(("workload".into(), p.workload.param().into()));
            }
            out.push(("n".into(), p.n.to_string()));
        }
    }

    fn parse_compare(value: &str, main: &Params) -> Result<Params, Notice> {
        let (name, ratio) = value.split_once(':').unwrap_or((value, ""));
        let strategy = parse_strategy(name)
            .ok_or_else(|| Notice::new("compare", format!("compare={value} ignored: use leveled or tiered, optionally with a ratio, as in tiered:4.")))?;
        let ratio = if ratio.is_empty() { None } else { Some(bounded("compare", ratio, RATIO_RANGE.0, RATIO_RANGE.1)?) };
        Ok(Params { strategy, ratio, ..*main })
    }

    fn write_compare(c: &Params, _main: &Params) -> String {
        match c.ratio {
            Some(r) => format!("{}:{r}", strategy_param(c.strategy)),
            None => strategy_param(c.strategy).to_string(),
        }
    }

    fn default_compare(main: &Params) -> Params {
        let other = if main.strategy == Strategy::Leveled { Strategy::Tiered } else { Strategy::Leveled };
        Params { strategy: other, ratio: None, ..*main }
    }

    fn parse_op(token: &str) -> Result<Op, String> {
        Op::parse(token)
    }

    fn op_token(op: &Op) -> String {
        op.token()
    }

    fn op_label(op: &Op) -> String {
        op.label()
    }

    fn new_state(p: &Params) -> Lsm {
        Lsm::new(p.config())
    }

    fn prelude(p: &Params) -> Vec<Op> {
        if p.n > 0 {
            vec![Op::Workload { kind: p.workload, n: p.n }]
        } else {
            Vec::new()
        }
    }

    fn without_prelude(p: &Params) -> Params {
        Params { n: 0, ..*p }
    }

    fn apply(op: &Op, lsm: &mut Lsm, seed: u64, rec: &mut impl Recorder<Lsm>) {
        op.apply(lsm, seed, rec);
    }

    fn fast_part(op: &Op, seed: u64) -> Option<Box<dyn FastPart<Lsm>>> {
        match op {
            Op::Workload { kind, n } => Some(Box::new(ops::WorkloadRun::new(*kind, u64::from(*n), seed))),
            _ => None,
        }
    }

    fn cut_prelude(p: &Params, done: u64) -> Params {
        let n = (done + ops::DETAILED_TAIL).min(u64::from(p.n)) as u32;
        Params { n, ..*p }
    }

    fn layout(lsm: &Lsm, highlight: &Highlight) -> Scene {
        layout::lsm::layout(lsm, highlight)
    }

    fn message(lsm: &Lsm) -> LsmMessage {
        message(lsm)
    }

    fn name(p: &Params) -> String {
        let ratio = match p.strategy {
            Strategy::Leveled => format!("T = {}", p.ratio()),
            Strategy::Tiered => format!("min_threshold {}", p.ratio()),
        };
        format!("{}, {ratio}", strategy_name(p.strategy))
    }

    fn params_of(lsm: &Lsm) -> Params {
        let c = lsm.config();
        let ratio = match c.strategy {
            Strategy::Leveled => (c.leveled.max_bytes_for_level_multiplier != LeveledOptions::default().max_bytes_for_level_multiplier).then_some(c.leveled.max_bytes_for_level_multiplier),
            Strategy::Tiered => (c.tiered.min_threshold != TieredOptions::default().min_threshold).then_some(c.tiered.min_threshold as u32),
        };
        Params { strategy: c.strategy, memtable: c.memtable_entries, ratio, bits: c.bits_per_key, workload: WorkloadKind::Uniform, n: 0 }
    }

    fn stats(lsm: &Lsm) -> String {
        let m = lsm.metrics();
        format!(
            "{} ops · {} table{} in {} row{} · {} on disk · write amp {} · space amp {}",
            lsm.ops(),
            lsm.table_count(),
            if lsm.table_count() == 1 { "" } else { "s" },
            lsm.rows().len(),
            if lsm.rows().len() == 1 { "" } else { "s" },
            show_bytes(m.disk_bytes),
            fixed(m.write_amp, 2),
            fixed(m.space_amp, 2)
        )
    }

    fn describe(lsm: &Lsm, name: &str) -> String {
        let mut out = format!(
            "{name}: {} operations, {} live keys. The memtable holds {} of {} entries{}.",
            lsm.ops(),
            lsm.live_keys(),
            lsm.memtable().len(),
            lsm.config().memtable_entries,
            if lsm.immutable().is_some() { "; a sealed memtable waits to be flushed" } else { "" }
        );
        for (r, row) in lsm.rows().iter().enumerate() {
            let bytes: u64 = row.iter().map(|t| t.bytes).sum();
            out.push_str(&format!(" {}: {} table{}, {}", lsm.row_name(r), row.len(), if row.len() == 1 { "" } else { "s" }, show_bytes(bytes)));
            if row.len() <= 8 {
                let spans: Vec<String> = row.iter().map(|t| format!("#{} keys {}–{}", t.id, t.min(), t.max())).collect();
                if !spans.is_empty() {
                    out.push_str(&format!(" ({})", spans.join(", ")));
                }
            }
            out.push('.');
        }
        if let Some(f) = lsm.in_flight() {
            let names: Vec<String> = f.tables.iter().take(8).map(|t| format!("#{}", t.id)).collect();
            let more = if f.tables.len() > names.len() { format!(" and {} more", f.tables.len() - names.len()) } else { String::new() };
            let place = match lsm.config().strategy {
                Strategy::Leveled => format!(" for L{}", f.level),
                Strategy::Tiered => String::new(),
            };
            out.push_str(&format!(" Being written{place}, beside the inputs they replace: {}{more}.", names.join(", ")));
        }
        out
    }
}

/// The counters as the engine keeps them (re-exported for the view).
pub type LsmCounters = Counters;
