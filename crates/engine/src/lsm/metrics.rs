//! The amplification figures, each beside what a simple model predicts for the tree's shape.
//!
//! The models (stated in the view too):
//! - Write amplification. Leveled: a byte is written once by the flush, once more when L0 is
//!   merged into L1, then about (T + 1) / 2 times for each further level it sinks through,
//!   because each merge into a level T times bigger rewrites on average half of T tables
//!   alongside it: 2 + (L − 1)(T + 1) / 2 for L levels below L0. Tiered: once per tier, as each
//!   merge writes its inputs once into the next tier: the number of tiers.
//! - Read amplification (tables a get asks): at most every L0 table plus one per level
//!   (leveled), at most every table (tiered).
//! - Space amplification. Leveled: at most T / (T − 1) when the last level is full, since the
//!   levels above hold at most 1 / (T − 1) of its size. Tiered: up to the number of tiers,
//!   since each tier may hold its own copy of a key that keeps being rewritten.
//! - Bloom false positives: (1 − e^(−k/b))^k for b bits per key and k hash functions.

use super::bloom::predicted_fp_rate;
use super::{Lsm, Strategy, KEY_BYTES, VALUE_BYTES};

/// One chart point: the figures after `ops` user operations.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Sample {
    pub ops: u64,
    pub write_amp: f32,
    pub read_amp: f32,
    pub space_amp: f32,
}

/// What the simple models predict for the tree as it is shaped now.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Model {
    pub write_amp: f64,
    pub read_amp: f64,
    pub space_amp: f64,
    pub bloom_fp_rate: f64,
}

/// The measured figures.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Metrics {
    pub user_bytes: u64,
    pub wal_bytes: u64,
    /// Bytes written to tables by flushes and compactions.
    pub disk_bytes_written: u64,
    /// Table bytes written ÷ user bytes (the WAL is apart: `wal_bytes`).
    pub write_amp: f64,
    /// Tables a get asked, on average (0 before any get).
    pub read_amp: f64,
    /// Blocks a get read, on average.
    pub blocks_per_get: f64,
    /// Bytes on disk (tables and the WAL) ÷ bytes of live data.
    pub space_amp: f64,
    pub disk_bytes: u64,
    pub live_bytes: u64,
    /// False positives ÷ (false positives + negatives) among the bloom answers for tables
    /// that did not hold the key.
    pub bloom_fp_rate: f64,
    pub model: Model,
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl Lsm {
    /// Size tiers in use (tiered), or levels below L0 holding tables (leveled).
    pub fn depth(&self) -> usize {
        match self.config.strategy {
            Strategy::Leveled => self.levels.iter().skip(1).rposition(|l| !l.is_empty()).map_or(0, |i| i + 1),
            Strategy::Tiered => self.rows().iter().filter(|r| !r.is_empty()).count(),
        }
    }

    pub fn model(&self) -> Model {
        let t = f64::from(self.config.ratio().max(2));
        let depth = self.depth() as f64;
        match self.config.strategy {
            Strategy::Leveled => Model {
                write_amp: if depth == 0.0 { 1.0 } else { 2.0 + (depth - 1.0) * (t + 1.0) / 2.0 },
                read_amp: self.levels[0].len() as f64 + depth,
                space_amp: t / (t - 1.0),
                bloom_fp_rate: predicted_fp_rate(self.config.bits_per_key),
            },
            Strategy::Tiered => Model {
                write_amp: depth.max(1.0),
                read_amp: self.table_count() as f64,
                space_amp: depth.max(1.0),
                bloom_fp_rate: predicted_fp_rate(self.config.bits_per_key),
            },
        }
    }

    pub fn metrics(&self) -> Metrics {
        let c = &self.counters;
        let disk_bytes = self.table_bytes() + self.wal.bytes + self.wal.sealed_bytes;
        let live_bytes = self.live_count * (KEY_BYTES + VALUE_BYTES);
        Metrics {
            user_bytes: c.user_bytes,
            wal_bytes: c.wal_bytes,
            disk_bytes_written: c.table_bytes_written(),
            write_amp: ratio(c.table_bytes_written(), c.user_bytes),
            read_amp: ratio(c.get_tables, c.gets),
            blocks_per_get: ratio(c.blocks_read, c.gets),
            space_amp: ratio(disk_bytes, live_bytes),
            disk_bytes,
            live_bytes,
            bloom_fp_rate: ratio(c.bloom_false_positive, c.bloom_false_positive + c.bloom_negative),
            model: self.model(),
        }
    }

    pub(super) fn sample(&self) -> super::Sample {
        let m = self.metrics();
        Sample { ops: self.ops, write_amp: m.write_amp as f32, read_amp: m.read_amp as f32, space_amp: m.space_amp as f32 }
    }
}
