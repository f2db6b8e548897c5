//! The hash functions behind every placement: XXH64 (the `xxhash-rust` crate, checked against
//! the published vectors) for names, a 64-bit finalizer to combine two hashes, and jump
//! consistent hash.

use xxhash_rust::xxh64::xxh64;

/// The seed every position is hashed with (XXH64's own default).
const SEED: u64 = 0;

/// A name's position on the ring: XXH64 of its UTF-8 bytes.
pub fn hash_name(name: &str) -> u64 {
    xxh64(name.as_bytes(), SEED)
}

/// Where virtual node `index` of `node` sits: the hash of `"<node>#<index>"`.
pub fn vnode_position(node: &str, index: u16) -> u64 {
    let mut buf = String::with_capacity(node.len() + 6);
    buf.push_str(node);
    buf.push('#');
    push_number(&mut buf, index as u64);
    hash_name(&buf)
}

/// A generated key's name: `key<id>`.
pub fn generated_name(id: u32) -> String {
    let mut s = String::with_capacity(14);
    s.push_str("key");
    push_number(&mut s, id as u64);
    s
}

fn push_number(buf: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // Digits are ASCII.
    buf.push_str(std::str::from_utf8(&digits[i..]).unwrap_or_default());
}

/// Mixes two hashes into one well-spread value (MurmurHash3's 64-bit finalizer over their
/// combination): rendezvous hashing scores every (key, node) pair with it, which must be far
/// cheaper than hashing a string per pair.
pub fn combine(a: u64, b: u64) -> u64 {
    let mut h = a ^ b.rotate_left(31).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    h ^ (h >> 33)
}

/// Jump consistent hash (Lamping and Veach, 2014): the bucket in `0..buckets` for `key`, and
/// how many jumps it took. A key moves only when the bucket count grows past it, and then only
/// into the new last bucket. `buckets` of 0 gives `None`.
pub fn jump(mut key: u64, buckets: u32) -> Option<(u32, u32)> {
    if buckets == 0 {
        return None;
    }
    let (mut b, mut j): (i64, i64) = (-1, 0);
    let mut jumps = 0;
    while j < buckets as i64 {
        b = j;
        key = key.wrapping_mul(2_862_933_555_777_941_757).wrapping_add(1);
        // The next candidate bucket: (b + 1) · 2³¹ / (top 31 bits of the state + 1).
        j = ((b + 1) as f64 * ((1u64 << 31) as f64 / ((key >> 33) + 1) as f64)) as i64;
        jumps += 1;
    }
    Some((b as u32, jumps))
}

/// A hash as a fraction of a turn, in degrees clockwise from 12 o'clock.
pub fn degrees(position: u64) -> f64 {
    position as f64 / 18_446_744_073_709_551_616.0 * 360.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vnode_names_are_written_as_expected() {
        assert_eq!(vnode_position("n1", 12), hash_name("n1#12"));
        assert_eq!(generated_name(0), "key0");
        assert_eq!(generated_name(4_000_000_000), "key4000000000");
        assert!((degrees(u64::MAX / 2) - 180.0).abs() < 1e-9);
    }

    #[test]
    fn combine_spreads_neighbouring_inputs() {
        let a = combine(1, 7);
        let b = combine(2, 7);
        assert_ne!(a, b);
        assert!((a ^ b).count_ones() > 16, "one bit of input changes many bits of output");
    }
}
