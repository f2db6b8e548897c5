//! A small seeded generator (SplitMix64), so a URL's `seed` replays exactly on every machine.

#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..bound` (bound > 0), without modulo bias worth noticing at our sizes.
    pub fn below(&mut self, bound: u64) -> u64 {
        ((self.next_u64() as u128 * bound as u128) >> 64) as u64
    }
}

/// `count` distinct keys from 0..=99,999 in random order (a partial Fisher–Yates shuffle).
pub fn shuffled_keys(count: usize, seed: u64) -> Vec<u32> {
    let mut keys: Vec<u32> = (0..=crate::btree::MAX_KEY).collect();
    let count = count.min(keys.len());
    let mut rng = SplitMix64::new(seed);
    for i in 0..count {
        let j = i + rng.below((keys.len() - i) as u64) as usize;
        keys.swap(i, j);
    }
    keys.truncate(count);
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence_and_bounds_hold() {
        let a: Vec<u64> = { let mut r = SplitMix64::new(7); (0..5).map(|_| r.below(10)).collect() };
        let b: Vec<u64> = { let mut r = SplitMix64::new(7); (0..5).map(|_| r.below(10)).collect() };
        assert_eq!(a, b);
        let mut r = SplitMix64::new(1);
        assert!((0..10_000).all(|_| r.below(3) < 3));
    }

    #[test]
    fn shuffled_keys_are_distinct_and_in_range() {
        let mut keys = shuffled_keys(5_000, 9);
        assert_eq!(keys.len(), 5_000);
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), 5_000);
        assert!(keys.iter().all(|&k| k <= crate::btree::MAX_KEY));
        assert_eq!(shuffled_keys(200_000, 1).len(), 100_000);
    }
}
