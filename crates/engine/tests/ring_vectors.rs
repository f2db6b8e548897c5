//! The hash ring's named functions against published outputs: XXH64's reference vectors (the
//! xxHash project's, seed 0) and jump consistent hash's outputs from Lamping and Veach's C++
//! reference code, as published with the Go port's tests and Guava's golden values.

use strata_engine::ring::hash::{hash_name, jump};

#[test]
fn xxh64_matches_the_published_vectors() {
    assert_eq!(hash_name(""), 0xEF46_DB37_51D8_E999);
    assert_eq!(hash_name("a"), 0xD24E_C4F1_A98C_6E5B);
    assert_eq!(hash_name("abc"), 0x44BC_2CF5_AD77_0999);
}

/// Buckets for 1, 2, 3, … buckets, as the reference implementation gives them.
const REFERENCE: &[(u64, &[u32])] = &[
    (0, &[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
    (1, &[0, 0, 0, 0, 0, 0, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 17, 17]),
    (0xdead_beef, &[0, 1, 2, 3, 3, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 16, 16, 16]),
    (0x0ddc_0ffe_ebad_f00d, &[0, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 15, 15, 15, 15]),
];

#[test]
fn jump_matches_the_reference_outputs() {
    for (key, buckets) in REFERENCE {
        for (i, &want) in buckets.iter().enumerate() {
            let n = i as u32 + 1;
            assert_eq!(jump(*key, n).map(|(b, _)| b), Some(want), "jump({key:#x}, {n})");
        }
    }
}

#[test]
fn jump_matches_guavas_golden_values() {
    let golden100 = [0, 55, 62, 8, 45, 59, 86, 97, 82, 59, 73, 37, 17, 56, 86, 21, 90, 37, 38, 83];
    for (key, &want) in golden100.iter().enumerate() {
        assert_eq!(jump(key as u64, 100).map(|(b, _)| b), Some(want), "jump({key}, 100)");
    }
    for (key, buckets, want) in [
        (10_863_919_174_838_991u64, 11, 6),
        (2_016_238_256_797_177_309, 11, 3),
        (1_673_758_223_894_951_030, 11, 5),
        (2, 100_001, 80_343),
        (2_201, 100_001, 22_152),
        (2_202, 100_001, 15_018),
    ] {
        assert_eq!(jump(key, buckets).map(|(b, _)| b), Some(want), "jump({key}, {buckets})");
    }
    assert_eq!(jump(7, 0), None, "no buckets, no bucket");
}
