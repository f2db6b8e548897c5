//! Placement: which node serves each key, under each algorithm a system designer weighs.
//!
//! Every function takes the nodes that serve (in id order, the "buckets") and the keys, and
//! returns one owner per key. Recomputing everything after a change and comparing the two owner
//! lists is what tells which keys moved; it is also exactly what a real cluster's keys would do.

use super::hash::{combine, hash_name, jump};
use super::keys::Key;

/// A key with no node to go to (every node is down).
pub const NOBODY: u16 = u16::MAX;

/// One virtual node: a point on the ring owned by a physical node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VNode {
    pub pos: u64,
    pub node: u16,
    /// Which of its node's virtual nodes this is (the `#index` in its hashed name).
    pub index: u16,
}

/// What a placement cost, for the "lookup cost" figures.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Cost {
    /// Average positions looked at per key: ring entries walked, jumps, scores computed,
    /// table slots read.
    pub probes_per_key: f64,
    /// Maglev's lookup-table size; 0 for the others.
    pub table: u32,
}

/// The index of the first virtual node at or after `hash`, wrapping past the top of the ring.
pub fn successor(ring: &[VNode], hash: u64) -> usize {
    let i = ring.partition_point(|v| v.pos < hash);
    if i == ring.len() {
        0
    } else {
        i
    }
}

/// Consistent hashing on a ring: each key goes to the next virtual node clockwise.
/// `ring` holds only the serving nodes' virtual nodes, sorted by position.
pub fn ring_owners(ring: &[VNode], keys: &[Key]) -> (Vec<u16>, Cost) {
    if ring.is_empty() {
        return (vec![NOBODY; keys.len()], Cost::default());
    }
    let probes = (ring.len() as f64).log2().ceil().max(1.0);
    (keys.iter().map(|k| ring[successor(ring, k.hash)].node).collect(), Cost { probes_per_key: probes, table: 0 })
}

/// The first `replicas` distinct physical nodes clockwise from `hash`, and how many virtual
/// nodes were passed over because their physical node was already chosen.
pub fn preference_list(ring: &[VNode], hash: u64, replicas: usize) -> (Vec<u16>, usize) {
    let mut chosen: Vec<u16> = Vec::with_capacity(replicas);
    let mut skipped = 0;
    if ring.is_empty() {
        return (chosen, 0);
    }
    let start = successor(ring, hash);
    for step in 0..ring.len() {
        if chosen.len() == replicas {
            break;
        }
        let v = ring[(start + step) % ring.len()];
        if chosen.contains(&v.node) {
            skipped += 1;
        } else {
            chosen.push(v.node);
        }
    }
    (chosen, skipped)
}

/// Modulo-N: key hash mod the number of nodes.
pub fn modulo_owners(buckets: &[u16], keys: &[Key]) -> (Vec<u16>, Cost) {
    if buckets.is_empty() {
        return (vec![NOBODY; keys.len()], Cost::default());
    }
    let n = buckets.len() as u64;
    (keys.iter().map(|k| buckets[(k.hash % n) as usize]).collect(), Cost { probes_per_key: 1.0, table: 0 })
}

/// Jump consistent hash over the buckets in order.
pub fn jump_owners(buckets: &[u16], keys: &[Key]) -> (Vec<u16>, Cost) {
    let mut jumps = 0u64;
    let owners = keys
        .iter()
        .map(|k| match jump(k.hash, buckets.len() as u32) {
            Some((b, j)) => {
                jumps += j as u64;
                buckets[b as usize]
            }
            None => NOBODY,
        })
        .collect();
    (owners, Cost { probes_per_key: jumps as f64 / keys.len().max(1) as f64, table: 0 })
}

/// A node's score for a key under weighted rendezvous hashing: −w / ln(u), with u the pair's
/// hash as a fraction in (0, 1). The highest score wins; a node of weight 2 wins twice as
/// often as one of weight 1, and removing a node moves only the keys it had won.
pub fn rendezvous_score(key_hash: u64, node_hash: u64, weight: f64) -> f64 {
    let u = ((combine(key_hash, node_hash) >> 11) as f64 + 0.5) / (1u64 << 53) as f64;
    -weight / u.ln()
}

/// Highest random weight: every node scores every key; the highest score owns it. With equal
/// weights the raw hash decides (the same winner, without a logarithm per pair).
pub fn rendezvous_owners(buckets: &[(u16, u64, f64)], keys: &[Key]) -> (Vec<u16>, Cost) {
    if buckets.is_empty() {
        return (vec![NOBODY; keys.len()], Cost::default());
    }
    let equal = buckets.iter().all(|b| b.2 == buckets[0].2);
    let owners = keys
        .iter()
        .map(|k| {
            if equal {
                buckets.iter().max_by_key(|b| combine(k.hash, b.1)).map_or(NOBODY, |b| b.0)
            } else {
                let mut best = (f64::MIN, NOBODY);
                for b in buckets {
                    let s = rendezvous_score(k.hash, b.1, b.2);
                    if s > best.0 {
                        best = (s, b.0);
                    }
                }
                best.1
            }
        })
        .collect();
    (owners, Cost { probes_per_key: buckets.len() as f64, table: 0 })
}

/// The top `replicas` nodes by rendezvous score, highest first.
pub fn rendezvous_preference(buckets: &[(u16, u64, f64)], key_hash: u64, replicas: usize) -> Vec<u16> {
    let mut scored: Vec<(f64, u16)> = buckets.iter().map(|b| (rendezvous_score(key_hash, b.1, b.2), b.0)).collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.into_iter().take(replicas).map(|s| s.1).collect()
}

/// Maglev's lookup table (Eisenbud et al., 2016): each node walks its own permutation of the
/// slots (an offset and a skip from two hashes of its name) and, in turns, claims the next
/// slot of its permutation that is still free, until every slot is taken. Each node ends up
/// with nearly the same number of slots, and a change disturbs few of them.
pub fn maglev_table(names: &[(u16, &str)], size: u32) -> Vec<u16> {
    let m = size as u64;
    let mut table = vec![NOBODY; size as usize];
    if names.is_empty() || size < 2 {
        return table;
    }
    let perms: Vec<(u64, u64)> = names
        .iter()
        .map(|(_, name)| {
            let h = hash_name(name);
            (h % m, combine(h, 0x6d61_676c_6576) % (m - 1) + 1)
        })
        .collect();
    let mut next = vec![0u64; names.len()];
    let mut filled = 0u64;
    'fill: loop {
        for (i, &(offset, skip)) in perms.iter().enumerate() {
            let mut slot = (offset + next[i] * skip) % m;
            while table[slot as usize] != NOBODY {
                next[i] += 1;
                slot = (offset + next[i] * skip) % m;
            }
            table[slot as usize] = names[i].0;
            next[i] += 1;
            filled += 1;
            if filled == m {
                break 'fill;
            }
        }
    }
    table
}

/// Maglev: a key's owner is the table slot its hash picks.
pub fn maglev_owners(table: &[u16], keys: &[Key]) -> (Vec<u16>, Cost) {
    if table.is_empty() {
        return (vec![NOBODY; keys.len()], Cost::default());
    }
    let m = table.len() as u64;
    (keys.iter().map(|k| table[(k.hash % m) as usize]).collect(), Cost { probes_per_key: 1.0, table: table.len() as u32 })
}

/// The most keys one node may hold under bounded loads: ⌈c · keys / nodes⌉.
pub fn capacity(c: f64, keys: usize, nodes: usize) -> u32 {
    if nodes == 0 {
        return 0;
    }
    (c * keys as f64 / nodes as f64).ceil() as u32
}

/// Consistent hashing with bounded loads (Mirrokni, Thorup and Zadimoghaddam, 2018): keys are
/// placed in order; each goes to the next virtual node clockwise whose physical node is below
/// `cap`, walking on past full ones. `node_count` bounds the node ids in `ring`.
pub fn bounded_owners(ring: &[VNode], keys: &[Key], cap: u32, node_count: usize) -> (Vec<u16>, Cost) {
    if ring.is_empty() || cap == 0 {
        return (vec![NOBODY; keys.len()], Cost::default());
    }
    let mut load = vec![0u32; node_count];
    let mut probes = 0u64;
    let owners = keys
        .iter()
        .map(|k| {
            let start = successor(ring, k.hash);
            for step in 0..ring.len() {
                probes += 1;
                let v = ring[(start + step) % ring.len()];
                if load[v.node as usize] < cap {
                    load[v.node as usize] += 1;
                    return v.node;
                }
            }
            NOBODY
        })
        .collect();
    let cost = Cost { probes_per_key: probes as f64 / keys.len().max(1) as f64, table: 0 };
    (owners, cost)
}

/// Whether `n` is prime (Maglev's table size must be, so every skip visits every slot).
pub fn is_prime(n: u32) -> bool {
    if n < 2 {
        return false;
    }
    let mut d = 2u32;
    while (d as u64) * (d as u64) <= n as u64 {
        if n % d == 0 {
            return false;
        }
        d += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring_of(points: &[(u64, u16)]) -> Vec<VNode> {
        points.iter().map(|&(pos, node)| VNode { pos, node, index: 0 }).collect()
    }

    #[test]
    fn lookups_walk_clockwise_and_wrap() {
        let ring = ring_of(&[(100, 0), (200, 1), (300, 2)]);
        assert_eq!(successor(&ring, 150), 1);
        assert_eq!(successor(&ring, 200), 1);
        assert_eq!(successor(&ring, 301), 0, "past the last point, the first one");
        assert_eq!(preference_list(&ring_of(&[(1, 0), (2, 0), (3, 1), (4, 2)]), 0, 2), (vec![0, 1], 1));
    }

    #[test]
    fn maglev_fills_every_slot_nearly_evenly() {
        let names: Vec<(u16, String)> = (0..7).map(|i| (i, format!("n{}", i + 1))).collect();
        let refs: Vec<(u16, &str)> = names.iter().map(|(i, n)| (*i, n.as_str())).collect();
        let table = maglev_table(&refs, 65_537);
        assert!(table.iter().all(|&t| t != NOBODY));
        let mut counts = [0u32; 7];
        for &t in &table {
            counts[t as usize] += 1;
        }
        let (lo, hi) = (counts.iter().min().unwrap(), counts.iter().max().unwrap());
        assert!(hi - lo <= 1, "turn-taking gives each node ⌊M/N⌋ or ⌈M/N⌉ slots: {counts:?}");
    }

    #[test]
    fn primes() {
        assert!(is_prime(65_537) && is_prime(251) && !is_prime(65_535) && !is_prime(1));
    }

    #[test]
    fn bounded_loads_respect_the_cap() {
        let ring = ring_of(&[(100, 0), (200, 1)]);
        let keys: Vec<Key> = (0..10).map(|i| Key { hash: 150 + i, label: i as u32 }).collect();
        let (owners, _) = bounded_owners(&ring, &keys, capacity(1.25, 10, 2), 2);
        assert_eq!(owners.iter().filter(|&&o| o == 1).count(), 7);
        assert_eq!(owners.iter().filter(|&&o| o == 0).count(), 3);
    }
}
