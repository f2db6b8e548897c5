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
}
