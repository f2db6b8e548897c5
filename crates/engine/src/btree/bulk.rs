//! Whole-tree operations: bulk loading sorted keys bottom-up, filling with random keys, clearing.

use super::text::{count, show, thousands};
use super::{BTree, Key, NodeId, Variant, MAX_KEY};
use crate::rng::SplitMix64;
use crate::step::{NoSteps, Recorder, Tone};

impl BTree {
    /// Replaces the contents with `sorted_keys`, built bottom-up: leaves packed left to right
    /// with `fill_percent` (50..=100) of the maximum keys each, then each level above them.
    /// Input that is not strictly ascending, or holds keys above [`MAX_KEY`], is cleaned up
    /// (and the first step says so). One step per level, each showing the finished tree with
    /// that level highlighted.
    pub fn bulk_load(&mut self, sorted_keys: &[Key], fill_percent: u8, rec: &mut impl Recorder<BTree>) {
        self.begin();
        let mut notes = Vec::new();
        let mut keys: Vec<Key> = sorted_keys.iter().copied().filter(|&k| k <= MAX_KEY).collect();
        let dropped = sorted_keys.len() - keys.len();
        if dropped > 0 {
            notes.push(format!("{} above 99,999 dropped", count(dropped, "key", "keys")));
        }
        if !keys.windows(2).all(|w| w[0] < w[1]) {
            keys.sort_unstable();
            keys.dedup();
            notes.push("the input was not strictly ascending, so it was sorted and its duplicates dropped".to_string());
        }
        let fill = fill_percent.clamp(50, 100);
        if fill != fill_percent {
            notes.push(format!("a fill of {fill_percent}% is out of range, so {fill}% is used"));
        }
        let note = if notes.is_empty() { String::new() } else { format!(" (Note: {}.)", notes.join("; ")) };

        self.drop_all();
        self.len = keys.len();
        if keys.is_empty() {
            self.note(rec, Tone::Change, &[], &[], || format!("Bulk load of no keys: the tree is now empty.{note}"));
            return;
        }
        // Keys per node: fill × maximum, rounded up, but never below the minimum occupancy.
        let max = self.config.max_keys();
        let min = self.config.min_keys();
        let cap = (usize::from(fill) * max).div_ceil(100).clamp(min.max(1), max);
        let levels = match self.config.variant {
            Variant::BPlus => self.build_bplus(&keys, cap),
            Variant::B => self.build_b(&keys, cap),
        };

        let height = levels.len();
        for (depth, level) in levels.iter().enumerate() {
            let number = depth + 1;
            self.note(rec, Tone::Change, level, &[], || {
                let mut caption = if height == 1 {
                    format!("Level 1: a single leaf {} holds every key and is the root.", show(self.keys_of(level[0])))
                } else if number == 1 {
                    format!(
                        "Level 1: {} of up to {}, filled left to right with the sorted keys.",
                        count(level.len(), "leaf", "leaves"),
                        count(cap, "key", "keys")
                    )
                } else {
                    let from = match self.config.variant {
                        Variant::BPlus => "copies of the smallest key in each subtree to their right",
                        Variant::B => "the keys left between the groups below, taken out of the sorted stream",
                    };
                    if number == height {
                        format!(
                            "Level {number}: the root {} tops the tree; its keys are {from}.",
                            show(self.keys_of(level[0]))
                        )
                    } else {
                        format!(
                            "Level {number}: {} of up to {} children each; their keys are {from}.",
                            count(level.len(), "node", "nodes"),
                            cap + 1
                        )
                    }
                };
                if number == 1 {
                    caption += &note;
                }
                if number == height {
                    caption += &format!(
                        " Done: {} in {}, height {height}.",
                        count(self.len, "key", "keys"),
                        count(self.node_count(), "node", "nodes")
                    );
                }
                caption
            });
        }
    }

    /// B+ tree: leaves hold every key and are chained; each level above takes groups of
    /// children, with copies of each right-hand child's smallest key as separators.
    /// Returns each level's node ids, leaves first.
    fn build_bplus(&mut self, keys: &[Key], cap: usize) -> Vec<Vec<NodeId>> {
        let (min, max) = (self.config.min_keys(), self.config.max_keys());
        // Each entry: a node and the smallest key in its subtree.
        let mut level: Vec<(NodeId, Key)> = Vec::new();
        let mut start = 0;
        for size in group_sizes(keys.len(), cap, min.max(1), max) {
            let id = self.alloc(keys[start..start + size].to_vec(), Vec::new());
            if let Some(&(prev, _)) = level.last() {
                self.node_mut(prev).next = Some(id);
            }
            level.push((id, keys[start]));
            start += size;
        }
        let mut levels = vec![level.iter().map(|&(id, _)| id).collect::<Vec<_>>()];
        while level.len() > 1 {
            let mut upper = Vec::new();
            let mut start = 0;
            for size in group_sizes(level.len(), cap + 1, min + 1, max + 1) {
                let group = &level[start..start + size];
                let separators = group[1..].iter().map(|&(_, smallest)| smallest).collect();
                let id = self.alloc(separators, group.iter().map(|&(id, _)| id).collect());
                upper.push((id, group[0].1));
                start += size;
            }
            levels.push(upper.iter().map(|&(id, _)| id).collect());
            level = upper;
        }
        self.set_root(level.first().map(|&(id, _)| id));
        levels
    }

    /// B-tree: the sorted stream is cut into leaves with one key between each pair; those
    /// in-between keys become the separators of the level above, which is cut the same way
    /// (one separator between each pair of groups goes further up).
    fn build_b(&mut self, keys: &[Key], cap: usize) -> Vec<Vec<NodeId>> {
        let (min, max) = (self.config.min_keys(), self.config.max_keys());
        // Each leaf but the last owns the key after it, so cut n + 1 "slots" into groups of
        // cap + 1: a group of g slots is a leaf of g − 1 keys plus the key that follows it.
        let mut level = Vec::new();
        let mut separators = Vec::new();
        let mut start = 0;
        for size in group_sizes(keys.len() + 1, cap + 1, min + 1, max + 1) {
            let leaf_keys = keys[start..(start + size - 1).min(keys.len())].to_vec();
            level.push(self.alloc(leaf_keys, Vec::new()));
            if let Some(&between) = keys.get(start + size - 1) {
                separators.push(between);
            }
            start += size;
        }
        let mut levels = vec![level.clone()];
        while level.len() > 1 {
            let mut upper = Vec::new();
            let mut upper_separators = Vec::new();
            let mut start = 0;
            for size in group_sizes(level.len(), cap + 1, min + 1, max + 1) {
                let id = self.alloc(separators[start..start + size - 1].to_vec(), level[start..start + size].to_vec());
                upper.push(id);
                if let Some(&between) = separators.get(start + size - 1) {
                    upper_separators.push(between);
                }
                start += size;
            }
            levels.push(upper.clone());
            level = upper;
            separators = upper_separators;
        }
        self.set_root(level.first().copied());
        levels
    }

    /// Adds `count` distinct random keys (fewer if the key range runs out) drawn with
    /// SplitMix64(`seed`), through the fast path, and records one step summing it up.
    pub fn random_fill(&mut self, count: usize, seed: u64, rec: &mut impl Recorder<BTree>) {
        let free = (MAX_KEY as usize + 1).saturating_sub(self.len);
        let wanted = count.min(free);
        let mut rng = SplitMix64::new(seed);
        let mut added = 0;
        while added < wanted {
            let key = rng.below(u64::from(MAX_KEY) + 1) as Key;
            if self.insert(key, &mut NoSteps) {
                added += 1;
            }
        }
        self.begin();
        self.note(rec, Tone::Change, &[], &[], || {
            let short = if added < count { format!(" (only {} were free)", thousands(free)) } else { String::new() };
            format!(
                "Inserted {} random keys (seed {seed}){short}: height {}, {}.",
                thousands(added),
                self.height(),
                count_nodes(self.node_count())
            )
        });
    }

    /// Removes every key; node ids stay retired.
    pub fn clear(&mut self, rec: &mut impl Recorder<BTree>) {
        self.begin();
        let had = self.len;
        self.drop_all();
        self.note(rec, Tone::Change, &[], &[], || format!("Cleared {}: the tree is empty.", count(had, "key", "keys")));
    }
}

fn count_nodes(n: usize) -> String {
    count(n, "node", "nodes")
}

/// Cuts `total` items into consecutive groups of `cap`, each within `min..=max` (a lone group
/// may be smaller: it is the root). A short last group is fixed with its neighbour: the two
/// become one group if that fits, else two halves. Needs `min <= cap <= max` and
/// `max + 1 >= 2 * min`, which holds for keys and for children at every degree.
fn group_sizes(total: usize, cap: usize, min: usize, max: usize) -> Vec<usize> {
    let mut sizes = vec![cap; total / cap];
    let rest = total % cap;
    if rest > 0 {
        sizes.push(rest);
    }
    if sizes.len() >= 2 && rest < min && rest > 0 {
        let both = sizes.pop().unwrap_or(0) + sizes.pop().unwrap_or(0);
        if both <= max {
            sizes.push(both);
        } else {
            sizes.push(both - both / 2);
            sizes.push(both / 2);
        }
    }
    sizes
}

#[cfg(test)]
mod tests {
    use super::group_sizes;

    #[test]
    fn groups_cover_everything_within_bounds() {
        for (min, max) in [(1, 2), (1, 3), (2, 4), (2, 5), (3, 6), (4, 9), (2, 3), (3, 5), (5, 10)] {
            for cap in min.max(1)..=max {
                for total in 1..200 {
                    let sizes = group_sizes(total, cap, min, max);
                    assert_eq!(sizes.iter().sum::<usize>(), total);
                    if sizes.len() > 1 {
                        assert!(
                            sizes.iter().all(|&s| (min..=max).contains(&s)),
                            "{total} {cap} {min} {max}: {sizes:?}"
                        );
                    }
                }
            }
        }
    }
}
