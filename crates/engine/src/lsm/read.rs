//! Reads: a get looks in the memtables, then in the tables that may hold the key, newest
//! first, asking each table's bloom filter before reading a block; a scan merges every source.

use super::table::{Probe, SsTable};
use super::{Entry, Key, Lsm, Strategy, IMMUTABLE_ID, MEMTABLE_ID};
use crate::step::{Highlight, Recorder, Tone};
use std::collections::BTreeMap;
use std::sync::Arc;

/// What a get found, and the work it did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GetOutcome {
    pub value: Option<u32>,
    /// Tables whose key range held the key (each one's bloom filter was asked).
    pub tables_probed: u32,
    pub blocks_read: u32,
}

impl Lsm {
    /// The tables a get must consider for `key`, in the order it asks them.
    fn candidates(&self, key: Key) -> Vec<(usize, Arc<SsTable>)> {
        match self.config.strategy {
            Strategy::Leveled => {
                let mut out: Vec<(usize, Arc<SsTable>)> = self.levels[0].iter().filter(|t| t.covers(key)).map(|t| (0, Arc::clone(t))).collect();
                for (level, tables) in self.levels.iter().enumerate().skip(1) {
                    // Levels below L0 never overlap: at most one table can hold the key.
                    let i = tables.partition_point(|t| t.max() < key);
                    if let Some(t) = tables.get(i).filter(|t| t.covers(key)) {
                        out.push((level, Arc::clone(t)));
                    }
                }
                out
            }
            Strategy::Tiered => {
                // Tiers may overlap in time as well as keys: ask the newest first, as Cassandra
                // orders sstables by their newest timestamp.
                let mut out: Vec<(usize, Arc<SsTable>)> = self.levels[0].iter().filter(|t| t.covers(key)).map(|t| (0, Arc::clone(t))).collect();
                // Unstable: no two tables share a newest sequence number.
                out.sort_unstable_by(|a, b| b.1.max_seq.cmp(&a.1.max_seq));
                out
            }
        }
    }

    fn row_of(&self, table: u32) -> String {
        match self.config.strategy {
            Strategy::Leveled => self.levels.iter().position(|l| l.iter().any(|t| t.id == table)).map_or_else(String::new, |l| format!("L{l}")),
            Strategy::Tiered => self.rows().iter().position(|r| r.iter().any(|t| t.id == table)).map_or_else(String::new, |r| format!("tier {}", r + 1)),
        }
    }

    /// Looks `key` up, recording each place it looks and each bloom filter's answer.
    pub fn get(&mut self, key: Key, rec: &mut impl Recorder<Lsm>) -> GetOutcome {
        self.counters.gets += 1;
        self.tick();
        let mut out = GetOutcome::default();
        let describe = |e: &Entry| match e.value {
            Some(v) => format!("{key} = {v}"),
            None => format!("a tombstone: {key} was deleted"),
        };
        for (id, name, table) in [(MEMTABLE_ID, "memtable", Some(&self.memtable)), (IMMUTABLE_ID, "immutable memtable", self.immutable.as_ref())] {
            let Some(table) = table else { continue };
            let found = table.get(&key).copied();
            if rec.recording() {
                let caption = match &found {
                    Some(e) => format!("get {key}: the {name} holds {}. The newest version wins, so the search stops here.", describe(e)),
                    None => format!("get {key}: not in the {name} (an in-memory lookup, no disk read)."),
                };
                let tone = match found {
                    Some(e) if e.value.is_some() => Tone::Found,
                    Some(_) => Tone::Refused,
                    None => Tone::Visit,
                };
                rec.record(self, caption, Highlight::new(tone, [id], [key]));
            }
            if let Some(e) = found {
                out.value = e.value;
                return out;
            }
        }

        let candidates = self.candidates(key);
        let mut best: Option<(Entry, u32)> = None;
        for (i, (_, table)) in candidates.iter().enumerate() {
            out.tables_probed += 1;
            self.counters.get_tables += 1;
            self.changed();
            let probe = table.probe(key);
            match probe {
                Probe::BloomNegative => self.counters.bloom_negative += 1,
                Probe::FalsePositive => {
                    self.counters.bloom_false_positive += 1;
                    self.counters.blocks_read += 1;
                    out.blocks_read += 1;
                }
                Probe::Found(e) => {
                    self.counters.bloom_true_positive += 1;
                    self.counters.blocks_read += 1;
                    out.blocks_read += 1;
                    if best.is_none_or(|(b, _)| e.seq > b.seq) {
                        best = Some((e, table.id));
                    }
                }
            }
            // Leveled: the first version found is the newest (upper levels hold newer data).
            // Tiered: stop once what was found is newer than anything the remaining tables hold.
            let done = match self.config.strategy {
                Strategy::Leveled => best.is_some(),
                Strategy::Tiered => best.is_some_and(|(b, _)| candidates[i + 1..].iter().all(|(_, t)| t.max_seq < b.seq)),
            };
            if rec.recording() {
                let row = self.row_of(table.id);
                let (caption, tone) = match probe {
                    Probe::BloomNegative => (format!("get {key}: {row} table #{} covers keys {}–{}, but its bloom filter says no — skipped without reading a block.", table.id, table.min(), table.max()), Tone::Refused),
                    Probe::FalsePositive => (format!("get {key}: the bloom filter of {row} table #{} says maybe, so the fence pointers pick one block to read — and {key} is not in it: a false positive.", table.id), Tone::Visit),
                    Probe::Found(e) => (format!("get {key}: the bloom filter of {row} table #{} says maybe, and the block the fence pointers pick holds {}.", table.id, describe(&e)), if e.value.is_some() { Tone::Found } else { Tone::Refused }),
                };
                rec.record(self, caption, Highlight::new(tone, [table.id], [key]));
            }
            if done {
                break;
            }
        }
        out.value = best.and_then(|(e, _)| e.value);
        if rec.recording() {
            let result = match best {
                Some((e, id)) => format!("The answer comes from table #{id}: {}.", describe(&e)),
                None => format!("{key} is in no table: not found."),
            };
            let caption = format!(
                "get {key} is done after asking {} bloom filter{} and reading {} block{}. {result}",
                out.tables_probed,
                if out.tables_probed == 1 { "" } else { "s" },
                out.blocks_read,
                if out.blocks_read == 1 { "" } else { "s" }
            );
            let tone = if out.value.is_some() { Tone::Found } else { Tone::Refused };
            rec.record(self, caption, Highlight::new(tone, best.map(|(_, id)| vec![id]).unwrap_or_default(), [key]));
        }
        out
    }

    /// The live keys in `lo..=hi` with their values: every source merged, the newest version
    /// of each key kept, tombstoned keys hidden.
    pub fn scan(&mut self, lo: Key, hi: Key, rec: &mut impl Recorder<Lsm>) -> Vec<(Key, u32)> {
        let (lo, hi) = (lo.min(hi), lo.max(hi));
        self.counters.scans += 1;
        self.tick();
        let mut newest: BTreeMap<Key, Entry> = BTreeMap::new();
        let mut keep = |e: &Entry| {
            newest.entry(e.key).and_modify(|old| if e.seq > old.seq { *old = *e }).or_insert(*e);
        };
        for m in [Some(&self.memtable), self.immutable.as_ref()].into_iter().flatten() {
            m.range(lo..=hi).for_each(|(_, e)| keep(e));
        }
        let mut touched = Vec::new();
        let mut blocks_read = 0;
        for t in self.levels.iter().flatten() {
            let (entries, blocks) = t.range(lo, hi);
            if blocks > 0 {
                touched.push(t.id);
                blocks_read += blocks as u64;
            }
            entries.iter().for_each(&mut keep);
        }
        self.counters.scan_tables += touched.len() as u64;
        self.counters.scan_blocks += blocks_read;
        let found: Vec<(Key, u32)> = newest.values().filter_map(|e| e.value.map(|v| (e.key, v))).collect();
        if rec.recording() {
            let hidden = newest.values().filter(|e| e.value.is_none()).count();
            let mut sources = touched.clone();
            sources.extend([MEMTABLE_ID, IMMUTABLE_ID]);
            rec.record(
                self,
                format!(
                    "scan {lo}–{hi}: the memtables and the {} table{} whose key ranges overlap are read and merged; for each key only the newest version counts.",
                    touched.len(),
                    if touched.len() == 1 { "" } else { "s" }
                ),
                Highlight::new(Tone::Visit, sources.clone(), []),
            );
            let keys: Vec<Key> = found.iter().take(200).map(|(k, _)| *k).collect();
            let hidden_text = if hidden > 0 { format!(" {hidden} key{} hidden by tombstones.", if hidden == 1 { " is" } else { "s are" }) } else { String::new() };
            rec.record(self, format!("scan {lo}–{hi} found {} live key{}.{hidden_text}", found.len(), if found.len() == 1 { "" } else { "s" }), Highlight::new(Tone::Found, sources, keys));
        }
        found
    }
}
