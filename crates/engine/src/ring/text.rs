//! Numbers as captions write them.

/// 100000 → "100,000".
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `n` and its noun, singular or plural as `n` asks: (1, "key") → "1 key", (100000, "key")
/// → "100,000 keys", (2, "copy") → "2 copies". Every text where a number meets a noun goes
/// through this, so none reads "1 virtual nodes".
pub fn noun(n: u64, singular: &str) -> String {
    format!("{} {}", count(n), plural(n, singular))
}

/// `singular`, or its plural unless `n` is 1 (English's regular plurals: a consonant's "y"
/// becomes "ies", every other word takes an "s").
pub fn plural(n: u64, singular: &str) -> String {
    if n == 1 {
        return singular.to_string();
    }
    let mut chars = singular.chars().rev();
    match (chars.next(), chars.next()) {
        (Some('y'), Some(before)) if !"aeiou".contains(before) => format!("{}ies", &singular[..singular.len() - 1]),
        _ => format!("{singular}s"),
    }
}

/// 0.0905 → "9.1%"; below a tenth of a percent, two decimals. Written with `scene::decimal`,
/// not `{:.1}`: the module is size-capped and f64 formatting is core's float printer.
pub fn percent(fraction: f64) -> String {
    let p = fraction * 100.0;
    let places = if p != 0.0 && p.abs() < 0.1 { 2 } else { 1 };
    format!("{}%", fixed(p, places))
}

/// `v` with exactly `places` decimals: (9.0, 1) → "9.0" (a table column keeps its width).
pub fn fixed(v: f64, places: u32) -> String {
    let s = crate::scene::decimal(v, places);
    let have = s.split_once('.').map_or(0, |(_, f)| f.len()) as u32;
    if places == 0 || have == places {
        return s;
    }
    let mut s = if have == 0 { format!("{s}.") } else { s };
    for _ in have..places {
        s.push('0');
    }
    s
}

/// A plain decimal ("1.25", "0.5", ".5", "2") as a count of `1 / 10^places`, if it has no
/// more than `places` decimals that are not zero; `None` for anything else (signs, exponents,
/// "inf"). Parsed by hand instead of `parse::<f64>()`, which links core's float parser and its
/// tables into a size-capped module (about 4 KB; twiggy, 2026-12-02).
pub fn parse_decimal(text: &str, places: u32) -> Option<u64> {
    let text = text.trim();
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() && frac.is_empty() || !whole.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let frac = frac.trim_end_matches('0');
    if frac.len() > places as usize || whole.len() > 12 {
        return None;
    }
    let scale = 10u64.pow(places);
    let whole: u64 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    let mut f: u64 = if frac.is_empty() { 0 } else { frac.parse().ok()? };
    for _ in frac.len()..places as usize {
        f *= 10;
    }
    Some(whole * scale + f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_percentages() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1_000), "1,000");
        assert_eq!(count(100_000), "100,000");
        assert_eq!(percent(1.0 / 11.0), "9.1%");
        assert_eq!(percent(0.0004), "0.04%");
        assert_eq!((percent(0.0), percent(1.0), percent(0.5)), ("0.0%".into(), "100.0%".into(), "50.0%".into()));
        assert_eq!((fixed(2.0, 2), fixed(1.25, 2), fixed(0.1, 3), fixed(7.6, 0)), ("2.00".into(), "1.25".into(), "0.100".into(), "8".into()));
    }

    #[test]
    fn decimals_are_read_exactly() {
        assert_eq!(parse_decimal("1.25", 2), Some(125));
        assert_eq!(parse_decimal(" 2 ", 2), Some(200));
        assert_eq!(parse_decimal(".5", 1), Some(5));
        assert_eq!(parse_decimal("0.50", 1), Some(5));
        assert_eq!(parse_decimal("1.234", 2), None);
        for bad in ["", ".", "-1", "1e2", "inf", "NaN", "1.2.3", "+1", "99999999999999999"] {
            assert_eq!(parse_decimal(bad, 2), None, "{bad}");
        }
    }

    #[test]
    fn nouns_agree_with_their_numbers() {
        assert_eq!(noun(1, "virtual node"), "1 virtual node");
        assert_eq!(noun(0, "key"), "0 keys");
        assert_eq!(noun(100_000, "key"), "100,000 keys");
        assert_eq!((noun(1, "copy"), noun(3, "copy"), noun(2, "day")), ("1 copy".into(), "3 copies".into(), "2 days".into()));
    }
}
