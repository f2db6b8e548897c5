//! The invariants the tests check after every recorded step.

use super::{Entry, Key, Lsm, Strategy};
use std::collections::HashMap;

impl Lsm {
    /// Checks the tree's shape and books; the error says what broke.
    pub fn check(&self) -> Result<(), String> {
        for t in self.tables() {
            if !t.entries.windows(2).all(|w| w[0].key < w[1].key) {
                return Err(format!("table #{} is not sorted by key, one entry per key", t.id));
            }
            if t.entries.is_empty() {
                return Err(format!("table #{} is empty", t.id));
            }
        }
        for (level, tables) in self.levels.iter().enumerate() {
            let sum: u64 = tables.iter().map(|t| t.bytes).sum();
            if sum != self.level_bytes(level) {
                return Err(format!("level {level} holds {sum} bytes of tables but its total says {}", self.level_bytes(level)));
            }
        }
        if self.config.strategy == Strategy::Leveled {
            for (level, tables) in self.levels.iter().enumerate().skip(1) {
                if let Some(w) = tables.windows(2).find(|w| w[0].max() >= w[1].min()) {
                    return Err(format!("L{level}: tables #{} and #{} overlap or are out of order", w[0].id, w[1].id));
                }
            }
            if !self.levels[0].windows(2).all(|w| w[0].id > w[1].id && w[0].min_seq > w[1].max_seq) {
                return Err("L0 is not ordered newest first".into());
            }
            // Upper levels hold newer versions: for each key, seqs must fall going down.
            let mut seen: HashMap<Key, u64> = HashMap::new();
            for (level, tables) in self.levels.iter().enumerate() {
                for t in tables {
                    for e in &t.entries {
                        if let Some(&upper) = seen.get(&e.key) {
                            if e.seq >= upper {
                                return Err(format!("L{level} holds a newer version of {} than a level above it", e.key));
                            }
                        }
                    }
                }
                for t in tables {
                    for e in &t.entries {
                        seen.entry(e.key).or_insert(e.seq);
                    }
                }
            }
        }
        // A compaction's outputs between being written and replacing their inputs: sound
        // tables, new ones, whose inputs are all still in place.
        let mut in_flight_bytes = 0;
        if let Some(f) = self.in_flight() {
            for t in &f.tables {
                if t.entries.is_empty() || !t.entries.windows(2).all(|w| w[0].key < w[1].key) {
                    return Err(format!("table #{} being written is empty or not sorted", t.id));
                }
                if self.tables().any(|s| s.id == t.id) {
                    return Err(format!("table #{} is being written but is already in a level", t.id));
                }
                in_flight_bytes += t.bytes;
            }
            if let Some(id) = f.inputs.iter().find(|&&id| !self.tables().any(|t| t.id == id)) {
                return Err(format!("compaction input #{id} is gone before its outputs are in place"));
            }
        }
        // A trivial move neither writes nor removes bytes, so it needs no entry here.
        let c = &self.counters;
        if self.table_bytes() + in_flight_bytes + c.removed_bytes != c.flush_bytes + c.compaction_written {
            return Err(format!(
                "bytes do not add up: {} on disk + {in_flight_bytes} being written + {} removed ≠ {} flushed + {} compacted",
                self.table_bytes(),
                c.removed_bytes,
                c.flush_bytes,
                c.compaction_written
            ));
        }
        let wal_entries = self.wal.entries;
        if wal_entries < self.memtable.len() as u64 {
            return Err("the WAL holds fewer records than the memtable".into());
        }
        // No resurrection: the newest version of every key, over every source, agrees with
        // what the user's writes left (the live set kept beside the tree).
        let mut newest: HashMap<Key, Entry> = HashMap::new();
        let all = self.memtable.values().chain(self.immutable.iter().flat_map(|m| m.values())).chain(self.tables().flat_map(|t| t.entries.iter()));
        for e in all {
            newest.entry(e.key).and_modify(|o| if e.seq > o.seq { *o = *e }).or_insert(*e);
        }
        let mut visible_count = 0;
        for (key, e) in &newest {
            let visible = e.value.is_some();
            visible_count += u64::from(visible);
            if visible != self.live_bit(*key) {
                return Err(format!("key {key} is {} but should be {}", if visible { "visible" } else { "gone" }, if visible { "gone" } else { "visible" }));
            }
        }
        // Every live key has a visible version (none vanished without a delete).
        if visible_count != self.live_count || self.live.iter().map(|w| u64::from(w.count_ones())).sum::<u64>() != self.live_count {
            return Err(format!("{visible_count} keys are visible but {} should be", self.live_count));
        }
        Ok(())
    }
}
