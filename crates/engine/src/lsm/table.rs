//! Sorted string tables: immutable, sorted runs of entries with a bloom filter and fence
//! pointers (the first key of each block), so a lookup reads at most one block.

use super::bloom::Bloom;
use super::{Entry, Key, BLOCK_BYTES, FENCE_BYTES};

/// One table on disk. Tables are shared between steps' snapshots (`Arc`), never changed.
#[derive(Clone, Debug, PartialEq)]
pub struct SsTable {
    /// Unique and increasing: a later table has a larger id.
    pub id: u32,
    /// One entry per key, sorted by key.
    pub entries: Vec<Entry>,
    pub bloom: Bloom,
    /// The first key of each block, and the index of its first entry.
    pub fences: Vec<(Key, usize)>,
    /// Size on disk: entries, the bloom filter and the fence index.
    pub bytes: u64,
    /// The lowest and highest sequence numbers inside (for tiered reads and tombstone checks).
    pub min_seq: u64,
    pub max_seq: u64,
    /// The first and last keys, kept beside the entries: compaction picks and gets compare
    /// thousands of tables' ranges, and reading them from `entries` costs a second pointer
    /// chase per table (pick_leveled was 18 % of a million leveled puts under perf).
    min_key: Key,
    max_key: Key,
}

/// What looking a key up in one table found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Probe {
    /// The bloom filter said no: nothing read.
    BloomNegative,
    /// The filter said maybe and the block holds the key.
    Found(Entry),
    /// The filter said maybe, one block was read, and the key was not in it.
    FalsePositive,
}

impl SsTable {
    /// Builds a table from entries sorted by key, one per key.
    pub fn build(id: u32, entries: Vec<Entry>, bits_per_key: u8) -> SsTable {
        debug_assert!(entries.windows(2).all(|w| w[0].key < w[1].key));
        let bloom = Bloom::build(entries.iter().map(|e| e.key), bits_per_key);
        let mut fences = Vec::new();
        let mut block_fill = BLOCK_BYTES;
        let (mut data, mut min_seq, mut max_seq) = (0, u64::MAX, 0);
        for (i, e) in entries.iter().enumerate() {
            let size = e.bytes();
            if block_fill + size > BLOCK_BYTES {
                fences.push((e.key, i));
                block_fill = 0;
            }
            block_fill += size;
            data += size;
            min_seq = min_seq.min(e.seq);
            max_seq = max_seq.max(e.seq);
        }
        let bytes = data + bloom.bytes() + fences.len() as u64 * FENCE_BYTES;
        let (min_key, max_key) = (entries.first().map_or(0, |e| e.key), entries.last().map_or(0, |e| e.key));
        let min_seq = if entries.is_empty() { 0 } else { min_seq };
        SsTable { id, entries, bloom, fences, bytes, min_seq, max_seq, min_key, max_key }
    }

    pub fn min(&self) -> Key {
        self.min_key
    }

    pub fn max(&self) -> Key {
        self.max_key
    }

    pub fn covers(&self, key: Key) -> bool {
        !self.entries.is_empty() && self.min() <= key && key <= self.max()
    }

    /// Whether the key ranges of `self` and `[lo, hi]` share a key.
    pub fn overlaps(&self, lo: Key, hi: Key) -> bool {
        !self.entries.is_empty() && self.min() <= hi && lo <= self.max()
    }

    pub fn blocks(&self) -> usize {
        self.fences.len()
    }

    /// The block that would hold `key`, by the fence pointers.
    fn block_of(&self, key: Key) -> usize {
        self.fences.partition_point(|&(first, _)| first <= key).saturating_sub(1)
    }

    fn block_range(&self, block: usize) -> std::ops::Range<usize> {
        let start = self.fences[block].1;
        let end = self.fences.get(block + 1).map_or(self.entries.len(), |f| f.1);
        start..end
    }

    /// Looks `key` up (the caller has checked the key range): the bloom filter first, then
    /// the one block the fences point to.
    pub fn probe(&self, key: Key) -> Probe {
        if !self.bloom.may_contain(key) {
            return Probe::BloomNegative;
        }
        let block = &self.entries[self.block_range(self.block_of(key))];
        match block.binary_search_by_key(&key, |e| e.key) {
            Ok(i) => Probe::Found(block[i]),
            Err(_) => Probe::FalsePositive,
        }
    }

    /// The entries with keys in `[lo, hi]`, and how many blocks hold them.
    pub fn range(&self, lo: Key, hi: Key) -> (&[Entry], usize) {
        let start = self.entries.partition_point(|e| e.key < lo);
        let end = self.entries.partition_point(|e| e.key <= hi);
        if start >= end {
            return (&[], 0);
        }
        let blocks = self.block_of(self.entries[end - 1].key) - self.block_of(self.entries[start].key) + 1;
        (&self.entries[start..end], blocks)
    }

    /// Entries that are tombstones.
    pub fn tombstones(&self) -> usize {
        self.entries.iter().filter(|e| e.value.is_none()).count()
    }
}
