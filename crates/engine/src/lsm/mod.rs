//! A log-structured merge tree, for the LSM visualizer: a WAL and a memtable take writes, a
//! full memtable is sealed and flushed to an L0 table, and compaction merges tables down,
//! either leveled (RocksDB's way) or size-tiered (Cassandra's way).
//!
//! Every operation takes a [`Recorder`]: the visualizer records captioned steps, the fast path
//! ([`NoSteps`](crate::step::NoSteps)) records nothing and formats nothing. Tables are shared
//! between snapshots through `Arc`, so recording a step copies a few pointers and the small
//! memtable, never the tables.
//!
//! Sizes are counted in bytes under a fixed record model: a key is [`KEY_BYTES`], a value
//! [`VALUE_BYTES`], and each record on disk or in the WAL also carries an 8-byte sequence
//! number. A table's size adds its bloom filter and its fence index.

pub mod bloom;
mod check;
mod compaction;
mod metrics;
mod read;
pub mod table;
pub mod workload;

pub use compaction::CompactTarget;
pub use metrics::{Metrics, Model, Sample};
pub use read::GetOutcome;
pub use table::{Probe, SsTable};
pub use workload::{Workload, WorkloadKind};

use crate::step::{Highlight, Recorder, Tone, Versioned};
use std::collections::BTreeMap;
use std::sync::Arc;

pub type Key = u32;
/// Keys go from 0 to this.
pub const MAX_KEY: Key = 99_999;
pub const KEY_BYTES: u64 = 16;
pub const VALUE_BYTES: u64 = 100;
const SEQ_BYTES: u64 = 8;
/// A data block: a get that passes the bloom filter reads one.
pub const BLOCK_BYTES: u64 = 4096;
/// One fence pointer: a block's first key and its offset.
pub const FENCE_BYTES: u64 = KEY_BYTES + 8;
/// RocksDB's default number of levels.
pub const MAX_LEVELS: usize = 7;

/// Highlight ids for the parts that are not tables.
pub const WAL_ID: u32 = u32::MAX;
pub const MEMTABLE_ID: u32 = u32::MAX - 1;
pub const IMMUTABLE_ID: u32 = u32::MAX - 2;

/// One version of a key: a value, or a tombstone (`value: None`) that hides older versions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub key: Key,
    /// Write order: a larger sequence number is newer.
    pub seq: u64,
    pub value: Option<u32>,
}

impl Entry {
    /// Its size in the WAL and in a table.
    pub fn bytes(&self) -> u64 {
        KEY_BYTES + SEQ_BYTES + if self.value.is_some() { VALUE_BYTES } else { 0 }
    }
}

/// How tables are merged.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Strategy {
    /// RocksDB-style: L1 and below are sorted runs of non-overlapping tables, each level T
    /// times the one above.
    #[default]
    Leveled,
    /// Cassandra-style size-tiered: tables of similar size are merged into one bigger table.
    Tiered,
}

/// Leveled compaction's options, named as RocksDB names them. RocksDB's sizes are in MiB
/// (`max_bytes_for_level_base` 256 MiB, `target_file_size_base` 64 MiB, `write_buffer_size`
/// 64 MiB); here they keep the same proportions to the memtable, so a table is a memtable's
/// worth and L1 holds four.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LeveledOptions {
    /// `level0_file_num_compaction_trigger` (RocksDB default 4).
    pub level0_file_num_compaction_trigger: usize,
    /// `max_bytes_for_level_multiplier`, the size ratio T (RocksDB default 10).
    pub max_bytes_for_level_multiplier: u32,
    /// `max_bytes_for_level_base` in memtables' worth (RocksDB: 256 MiB = 4 × 64 MiB).
    pub level_base_memtables: u32,
    /// `target_file_size_base` in memtables' worth (RocksDB: 64 MiB = 1 × 64 MiB).
    pub target_file_memtables: u32,
}

impl Default for LeveledOptions {
    fn default() -> Self {
        LeveledOptions { level0_file_num_compaction_trigger: 4, max_bytes_for_level_multiplier: 10, level_base_memtables: 4, target_file_memtables: 1 }
    }
}

/// Size-tiered compaction's options, named as Cassandra names them (its defaults).
/// `min_sstable_size` (50 MiB) is not modelled: every table here is far smaller, and it would
/// put them all in one bucket.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TieredOptions {
    /// `bucket_low` (0.5): a table joins a bucket if it is at least this times the bucket's average.
    pub bucket_low: f64,
    /// `bucket_high` (1.5): … and at most this times the average.
    pub bucket_high: f64,
    /// `min_threshold` (4): a bucket is merged once it holds this many tables.
    pub min_threshold: usize,
    /// `max_threshold` (32): at most this many tables are merged at once.
    pub max_threshold: usize,
}

impl Default for TieredOptions {
    fn default() -> Self {
        TieredOptions { bucket_low: 0.5, bucket_high: 1.5, min_threshold: 4, max_threshold: 32 }
    }
}

/// Everything that shapes a tree.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Config {
    pub strategy: Strategy,
    /// The memtable's capacity in entries: it is sealed and flushed when it holds this many keys.
    pub memtable_entries: usize,
    /// Bloom filter bits per key (0: no filter).
    pub bits_per_key: u8,
    pub leveled: LeveledOptions,
    pub tiered: TieredOptions,
}

impl Default for Config {
    fn default() -> Self {
        Config { strategy: Strategy::Leveled, memtable_entries: 64, bits_per_key: 10, leveled: LeveledOptions::default(), tiered: TieredOptions::default() }
    }
}

impl Config {
    /// The size ratio between neighbouring levels or tiers: T for leveled, `min_threshold` for
    /// tiered (merging that many similar tables makes one that many times bigger).
    pub fn ratio(&self) -> u32 {
        match self.strategy {
            Strategy::Leveled => self.leveled.max_bytes_for_level_multiplier,
            Strategy::Tiered => self.tiered.min_threshold as u32,
        }
    }

    /// A full memtable's size as a table of puts.
    pub fn memtable_bytes(&self) -> u64 {
        self.memtable_entries as u64 * (KEY_BYTES + SEQ_BYTES + VALUE_BYTES)
    }

    /// Leveled: the most bytes level `level` (1 and below) may hold before it is compacted.
    pub fn level_target_bytes(&self, level: usize) -> u64 {
        let base = self.memtable_bytes() * u64::from(self.leveled.level_base_memtables);
        let t = u64::from(self.leveled.max_bytes_for_level_multiplier);
        (1..level).fold(base, |b, _| b.saturating_mul(t))
    }

    pub fn target_file_bytes(&self) -> u64 {
        self.memtable_bytes() * u64::from(self.leveled.target_file_memtables)
    }
}

/// The running totals of work done, in bytes and counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    /// Keys and values the user wrote (a delete counts its key).
    pub user_bytes: u64,
    pub wal_bytes: u64,
    /// Table bytes written by flushes.
    pub flush_bytes: u64,
    pub compaction_read: u64,
    /// Table bytes written by compactions.
    pub compaction_written: u64,
    /// Bytes of tables deleted after a compaction merged them.
    pub removed_bytes: u64,
    pub puts: u64,
    pub deletes: u64,
    pub gets: u64,
    /// Tables whose key range held the key, so a get consulted their bloom filter.
    pub get_tables: u64,
    pub bloom_negative: u64,
    pub bloom_true_positive: u64,
    pub bloom_false_positive: u64,
    /// Data blocks read by gets.
    pub blocks_read: u64,
    pub scans: u64,
    pub scan_tables: u64,
    pub scan_blocks: u64,
    pub flushes: u64,
    pub compactions: u64,
    /// Older versions compactions threw away.
    pub dropped_versions: u64,
    pub dropped_tombstones: u64,
}

impl Counters {
    /// The work done since `earlier`.
    pub fn since(&self, earlier: &Counters) -> Counters {
        macro_rules! diff {
            ($($f:ident),*) => { Counters { $($f: self.$f.saturating_sub(earlier.$f)),* } };
        }
        diff!(user_bytes, wal_bytes, flush_bytes, compaction_read, compaction_written, removed_bytes, puts, deletes, gets, get_tables,
            bloom_negative, bloom_true_positive, bloom_false_positive, blocks_read, scans, scan_tables, scan_blocks, flushes, compactions,
            dropped_versions, dropped_tombstones)
    }

    /// Bytes written to tables: flushes and compactions (the WAL is counted apart).
    pub fn table_bytes_written(&self) -> u64 {
        self.flush_bytes + self.compaction_written
    }
}

/// The write-ahead log's segments: records since the last seal, and those of the sealed
/// memtable still waiting for its flush.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Wal {
    pub entries: u64,
    pub bytes: u64,
    pub sealed_entries: u64,
    pub sealed_bytes: u64,
}

pub type Memtable = BTreeMap<Key, Entry>;

/// A compaction's new tables after they are written and before their inputs are deleted.
///
/// Only a recorded compaction sets it (the fast path never builds one), and only for one
/// step, so the view can draw the outputs beside the inputs they replace. It is not part of
/// the tree: reads, the rows, the metrics and the message state all ignore it, and the tables
/// join `levels` in the compaction's next step.
#[derive(Clone, Debug)]
pub struct InFlight {
    /// The level the tables are written for (tiered: 0, the one stored level).
    pub level: usize,
    /// The compaction's inputs, by id: still in their levels.
    pub inputs: Vec<u32>,
    pub tables: Vec<Arc<SsTable>>,
}

/// The tree.
#[derive(Clone, Debug)]
pub struct Lsm {
    config: Config,
    memtable: Arc<Memtable>,
    immutable: Option<Arc<Memtable>>,
    wal: Wal,
    /// Leveled: `levels[0]` is L0, newest table first; deeper levels are sorted by key.
    /// Tiered: every table is in `levels[0]`, newest first; the tiers are computed from sizes.
    levels: Vec<Vec<Arc<SsTable>>>,
    /// Bytes in each level, kept as tables come and go: every compaction pick asks for every
    /// level's size, and summing them each time was most of the pick's cost.
    level_bytes: [u64; MAX_LEVELS],
    /// See [`InFlight`]; shared, so a step's snapshot copies one pointer.
    in_flight: Option<Arc<InFlight>>,
    next_table: u32,
    seq: u64,
    /// The largest key ever written (the view's key axis reaches past it).
    key_high: Key,
    /// User operations so far (puts, deletes, gets, scans).
    ops: u64,
    /// Which keys hold a value now: the ground truth for live bytes and for the checks.
    live: Arc<Vec<u64>>,
    live_count: u64,
    counters: Counters,
    version: u64,
    samples: Arc<Vec<Sample>>,
    sample_every: u64,
}

/// The most chart points kept; when full, every other one is dropped and sampling slows down.
const MAX_SAMPLES: usize = 240;

impl Lsm {
    pub fn new(config: Config) -> Lsm {
        let config = Config { memtable_entries: config.memtable_entries.max(1), ..config };
        Lsm {
            config,
            memtable: Arc::default(),
            immutable: None,
            wal: Wal::default(),
            levels: vec![Vec::new()],
            level_bytes: [0; MAX_LEVELS],
            in_flight: None,
            next_table: 1,
            seq: 0,
            key_high: 0,
            ops: 0,
            live: Arc::new(vec![0; (MAX_KEY as usize + 1).div_ceil(64)]),
            live_count: 0,
            counters: Counters::default(),
            version: 0,
            samples: Arc::new(vec![Sample::default()]),
            sample_every: 1,
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn memtable(&self) -> &Memtable {
        &self.memtable
    }

    pub fn immutable(&self) -> Option<&Memtable> {
        self.immutable.as_deref()
    }

    pub fn wal(&self) -> Wal {
        self.wal
    }

    /// The stored levels (see the field's comment for tiered trees).
    pub fn levels(&self) -> &[Vec<Arc<SsTable>>] {
        &self.levels
    }

    /// A recorded compaction's outputs, between being written and replacing their inputs.
    pub fn in_flight(&self) -> Option<&InFlight> {
        self.in_flight.as_deref()
    }

    pub fn key_high(&self) -> Key {
        self.key_high
    }

    /// The sequence number the next write gets.
    pub fn next_seq(&self) -> u64 {
        self.seq + 1
    }

    pub fn ops(&self) -> u64 {
        self.ops
    }

    pub fn samples(&self) -> &[Sample] {
        &self.samples
    }

    pub fn live_keys(&self) -> u64 {
        self.live_count
    }

    pub fn tables(&self) -> impl Iterator<Item = &Arc<SsTable>> {
        self.levels.iter().flatten()
    }

    pub fn table_count(&self) -> usize {
        self.levels.iter().map(Vec::len).sum()
    }

    /// Bytes of every table on disk.
    pub fn table_bytes(&self) -> u64 {
        self.tables().map(|t| t.bytes).sum()
    }

    /// What the view draws as rows: the levels (leveled) or the size tiers, smallest first
    /// (tiered), each row's tables sorted by key.
    pub fn rows(&self) -> Vec<Vec<Arc<SsTable>>> {
        match self.config.strategy {
            Strategy::Leveled => {
                let mut rows = self.levels.clone();
                while rows.len() > 1 && rows.last().is_some_and(Vec::is_empty) {
                    rows.pop();
                }
                rows
            }
            Strategy::Tiered => {
                let mut rows: Vec<Vec<Arc<SsTable>>> = compaction::buckets(&self.levels[0], &self.config.tiered)
                    .into_iter()
                    .map(|b| b.into_iter().map(|i| Arc::clone(&self.levels[0][i])).collect())
                    .collect();
                if rows.is_empty() {
                    rows.push(Vec::new());
                }
                rows
            }
        }
    }

    /// What the rows are called: "L0", "L1", … or "Tier 1", "Tier 2", ….
    pub fn row_name(&self, row: usize) -> String {
        match self.config.strategy {
            Strategy::Leveled => format!("L{row}"),
            Strategy::Tiered => format!("Tier {}", row + 1),
        }
    }

    fn changed(&mut self) {
        self.version += 1;
    }

    fn live_bit(&self, key: Key) -> bool {
        self.live[(key / 64) as usize] & (1 << (key % 64)) != 0
    }

    fn set_live(&mut self, key: Key, on: bool) {
        if self.live_bit(key) == on {
            return;
        }
        let words = Arc::make_mut(&mut self.live);
        words[(key / 64) as usize] ^= 1 << (key % 64);
        if on {
            self.live_count += 1;
        } else {
            self.live_count -= 1;
        }
    }

    /// Counts one user operation and, every so often, keeps a point for the charts.
    fn tick(&mut self) {
        // Reads change the figures too: every step of a get needs its own snapshot (a cheap
        // one: the tables and the memtable are shared pointers).
        self.changed();
        self.ops += 1;
        if self.ops % self.sample_every != 0 {
            return;
        }
        let point = self.sample();
        let samples = Arc::make_mut(&mut self.samples);
        samples.push(point);
        if samples.len() >= MAX_SAMPLES {
            // Keep the first point and every other one after it; sample half as often.
            let kept: Vec<Sample> = samples.iter().enumerate().filter(|(i, _)| i % 2 == 0).map(|(_, s)| *s).collect();
            *samples = kept;
            self.sample_every *= 2;
        }
    }

    /// Writes `value` under `key`.
    pub fn put(&mut self, key: Key, value: u32, rec: &mut impl Recorder<Lsm>) {
        self.write(key, Some(value), rec);
    }

    /// Deletes `key` by writing a tombstone (whether or not the key holds a value).
    pub fn delete(&mut self, key: Key, rec: &mut impl Recorder<Lsm>) {
        self.write(key, None, rec);
    }

    fn write(&mut self, key: Key, value: Option<u32>, rec: &mut impl Recorder<Lsm>) {
        let key = key.min(MAX_KEY);
        self.key_high = self.key_high.max(key);
        self.seq += 1;
        let entry = Entry { key, seq: self.seq, value };
        self.counters.user_bytes += KEY_BYTES + if value.is_some() { VALUE_BYTES } else { 0 };
        if value.is_some() {
            self.counters.puts += 1;
        } else {
            self.counters.deletes += 1;
        }
        self.counters.wal_bytes += entry.bytes();
        self.wal.entries += 1;
        self.wal.bytes += entry.bytes();
        let replaced = Arc::make_mut(&mut self.memtable).insert(key, entry).is_some();
        self.set_live(key, value.is_some());
        self.changed();
        self.tick();
        if rec.recording() {
            let what = match value {
                Some(v) => format!("put {key} = {v}"),
                None => format!("delete {key}: a tombstone"),
            };
            let place = if replaced { format!(" It replaces the memtable's older version of {key}.") } else { String::new() };
            let caption = format!(
                "The {what} is appended to the WAL ({} bytes) and written to the memtable, which now holds {} of {} entries.{place}",
                entry.bytes(),
                self.memtable.len(),
                self.config.memtable_entries
            );
            rec.record(self, caption, Highlight::new(Tone::Change, [WAL_ID, MEMTABLE_ID], [key]));
        }
        if self.memtable.len() >= self.config.memtable_entries {
            self.seal(rec);
            self.flush_immutable(rec);
            self.compact_auto(rec);
        }
    }

    /// Flushes the memtable now, however full, then runs any compaction that is due.
    pub fn flush(&mut self, rec: &mut impl Recorder<Lsm>) {
        if self.memtable.is_empty() {
            if rec.recording() {
                rec.record(self, "The memtable is empty: there is nothing to flush.".into(), Highlight::new(Tone::Refused, [MEMTABLE_ID], []));
            }
            return;
        }
        self.seal(rec);
        self.flush_immutable(rec);
        self.compact_auto(rec);
    }

    /// The memtable becomes immutable and a fresh one takes writes.
    fn seal(&mut self, rec: &mut impl Recorder<Lsm>) {
        self.immutable = Some(std::mem::take(&mut self.memtable));
        self.wal.sealed_entries = self.wal.entries;
        self.wal.sealed_bytes = self.wal.bytes;
        self.wal.entries = 0;
        self.wal.bytes = 0;
        self.changed();
        if rec.recording() {
            let n = self.immutable.as_ref().map_or(0, |m| m.len());
            let caption = format!(
                "The memtable ({n} entries) is sealed: it becomes immutable, waiting to be flushed, and an empty memtable takes new writes. Its WAL segment is kept until the flush is done."
            );
            rec.record(self, caption, Highlight::new(Tone::Visit, [IMMUTABLE_ID], []));
        }
    }

    /// Writes the immutable memtable as a new L0 table and drops its WAL segment.
    fn flush_immutable(&mut self, rec: &mut impl Recorder<Lsm>) {
        let Some(imm) = self.immutable.take() else { return };
        let table = SsTable::build(self.next_table, imm.values().copied().collect(), self.config.bits_per_key);
        self.next_table += 1;
        self.counters.flush_bytes += table.bytes;
        self.counters.flushes += 1;
        self.wal.sealed_entries = 0;
        self.wal.sealed_bytes = 0;
        let (id, caption) = (table.id, rec.recording().then(|| flush_caption(&table, &self.config)));
        self.level_bytes[0] += table.bytes;
        self.levels[0].insert(0, Arc::new(table));
        self.changed();
        if let Some(caption) = caption {
            rec.record(self, caption, Highlight::new(Tone::Change, [id], []));
        }
    }

    /// Runs a compaction the user asked for, then whatever automatic compaction follows.
    pub fn compact(&mut self, target: CompactTarget, rec: &mut impl Recorder<Lsm>) {
        self.compact_manual(target, rec);
        self.compact_auto(rec);
    }
}

fn flush_caption(t: &SsTable, config: &Config) -> String {
    let filter = if config.bits_per_key == 0 {
        "no bloom filter".to_string()
    } else {
        format!("a bloom filter of {} bits per key with {} hash functions", config.bits_per_key, t.bloom.hash_count())
    };
    format!(
        "Flush: the immutable memtable is written as L0 table #{} — {} sorted entries, keys {}–{}, {} bytes, {} block{} with a fence pointer each, and {filter}. The WAL segment is deleted.",
        t.id,
        t.entries.len(),
        t.min(),
        t.max(),
        t.bytes,
        t.blocks(),
        if t.blocks() == 1 { "" } else { "s" }
    )
}

impl Versioned for Lsm {
    type Counters = Counters;
    fn version(&self) -> u64 {
        self.version
    }
    fn counters(&self) -> Counters {
        self.counters
    }
}
