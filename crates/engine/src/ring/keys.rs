//! The keys placed on the cluster: generated from a seed (uniform, or Zipfian with a few hot
//! keys that many requests share), or named by the learner.
//!
//! A key here is one *item of load*: with the Zipfian distribution the same hot key name comes
//! up many times, and each copy is a request a node must serve. A ring sends every copy of a
//! hot key to one node; bounded loads lets the copies past a node's capacity walk on.

use super::hash::{generated_name, hash_name};
use crate::rng::SplitMix64;

/// How generated keys are drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Dist {
    /// Distinct random names, every one as likely as any other.
    #[default]
    Uniform,
    /// Names drawn from [`ZIPF_UNIVERSE`] ranked keys with probability ∝ 1/rank: `key1` alone
    /// is about a tenth of all draws.
    Zipf,
}

impl Dist {
    pub fn param(self) -> &'static str {
        match self {
            Dist::Uniform => "uniform",
            Dist::Zipf => "zipf",
        }
    }

    pub fn from_param(value: &str) -> Option<Dist> {
        match value {
            "uniform" => Some(Dist::Uniform),
            "zipf" | "zipfian" => Some(Dist::Zipf),
            _ => None,
        }
    }
}

/// How many distinct names the Zipfian draws from (ranks 1 to this).
pub const ZIPF_UNIVERSE: u32 = 10_000;
/// Labels from here up name a key the learner typed (an index into the name list).
pub const NAMED: u32 = 1 << 31;

/// One key: its hash (its place) and how to name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub hash: u64,
    /// Below [`NAMED`]: the generated name `key<label>`; from it: a typed name.
    pub label: u32,
}

/// `count` generated keys from `seed`.
pub fn generate(count: usize, dist: Dist, seed: u64) -> Vec<Key> {
    let mut rng = SplitMix64::new(seed);
    match dist {
        Dist::Uniform => (0..count)
            .map(|_| {
                // Above the Zipfian ranks, so the two never share a name.
                let label = ZIPF_UNIVERSE + 1 + rng.below((NAMED - ZIPF_UNIVERSE - 1) as u64) as u32;
                Key { hash: hash_name(&generated_name(label)), label }
            })
            .collect(),
        Dist::Zipf => {
            // The cumulative weights of ranks 1..=U under 1/rank, then one binary search a draw.
            let mut cumulative = Vec::with_capacity(ZIPF_UNIVERSE as usize);
            let mut total = 0.0;
            for rank in 1..=ZIPF_UNIVERSE {
                total += 1.0 / rank as f64;
                cumulative.push(total);
            }
            let hashes: Vec<u64> = (1..=ZIPF_UNIVERSE).map(|r| hash_name(&generated_name(r))).collect();
            (0..count)
                .map(|_| {
                    let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * total;
                    let i = cumulative.partition_point(|&c| c <= u).min(ZIPF_UNIVERSE as usize - 1);
                    Key { hash: hashes[i], label: i as u32 + 1 }
                })
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_draws_the_same_keys() {
        assert_eq!(generate(50, Dist::Uniform, 3), generate(50, Dist::Uniform, 3));
        assert_ne!(generate(50, Dist::Uniform, 3), generate(50, Dist::Uniform, 4));
    }

    #[test]
    fn zipf_has_a_hot_key() {
        let keys = generate(20_000, Dist::Zipf, 1);
        let hot = keys.iter().filter(|k| k.label == 1).count();
        // 1 / H(10,000) ≈ 10.2 % of the draws.
        assert!((1_700..2_400).contains(&hot), "{hot}");
        assert!(keys.iter().all(|k| (1..=ZIPF_UNIVERSE).contains(&k.label)));
    }
}
