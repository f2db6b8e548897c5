//! A bloom filter per table: `bits_per_key` bits for each key it holds and the number of hash
//! functions that minimises false positives for that many bits, k = round(b · ln 2).
//!
//! The k probe positions come from two 64-bit hashes of the key (h1 + i·h2, "double hashing"),
//! which behaves like k independent hashes for a filter this size.

/// A filter over one table's keys. With 0 bits per key there is no filter: every probe says
/// "maybe", as a table without one must be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bloom {
    words: Vec<u64>,
    bits: u64,
    hashes: u32,
}

/// The number of hash functions that minimises the false-positive rate at `bits_per_key`.
pub fn optimal_hashes(bits_per_key: u8) -> u32 {
    ((f64::from(bits_per_key) * std::f64::consts::LN_2).round() as u32).clamp(1, 30)
}

/// The false-positive rate the textbook formula predicts: (1 − e^(−k/b))^k.
pub fn predicted_fp_rate(bits_per_key: u8) -> f64 {
    if bits_per_key == 0 {
        return 1.0;
    }
    let k = f64::from(optimal_hashes(bits_per_key));
    (1.0 - (-k / f64::from(bits_per_key)).exp()).powf(k)
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn hashes(key: u32) -> (u64, u64) {
    let h1 = mix(u64::from(key).wrapping_add(0x9E37_79B9_7F4A_7C15));
    let h2 = mix(u64::from(key) ^ 0xD6E8_FEB8_6659_FD93) | 1;
    (h1, h2)
}

impl Bloom {
    /// A filter holding `keys`.
    pub fn build(keys: impl ExactSizeIterator<Item = u32>, bits_per_key: u8) -> Bloom {
        if bits_per_key == 0 {
            return Bloom { words: Vec::new(), bits: 0, hashes: 0 };
        }
        // At least 64 bits, so a table of one key still has a useful filter.
        let bits = (keys.len() as u64 * u64::from(bits_per_key)).max(64);
        let mut bloom = Bloom { words: vec![0; bits.div_ceil(64) as usize], bits, hashes: optimal_hashes(bits_per_key) };
        for key in keys {
            let (h1, h2) = hashes(key);
            for i in 0..u64::from(bloom.hashes) {
                let bit = h1.wrapping_add(i.wrapping_mul(h2)) % bits;
                bloom.words[(bit / 64) as usize] |= 1 << (bit % 64);
            }
        }
        bloom
    }

    /// False means the key is certainly absent; true means it may be present.
    pub fn may_contain(&self, key: u32) -> bool {
        if self.bits == 0 {
            return true;
        }
        let (h1, h2) = hashes(key);
        (0..u64::from(self.hashes)).all(|i| {
            let bit = h1.wrapping_add(i.wrapping_mul(h2)) % self.bits;
            self.words[(bit / 64) as usize] & (1 << (bit % 64)) != 0
        })
    }

    /// The filter's size on disk.
    pub fn bytes(&self) -> u64 {
        self.bits.div_ceil(8)
    }

    pub fn hash_count(&self) -> u32 {
        self.hashes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_false_negatives_and_the_optimal_hash_count() {
        let bloom = Bloom::build((0..1000u32).map(|k| k * 7), 10);
        assert!((0..1000u32).all(|k| bloom.may_contain(k * 7)));
        assert_eq!(optimal_hashes(10), 7);
        assert_eq!(optimal_hashes(1), 1);
        assert!((predicted_fp_rate(10) - 0.00819).abs() < 0.0002);
        assert!(Bloom::build([1u32].into_iter(), 0).may_contain(2));
    }
}
