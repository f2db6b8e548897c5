//! Hours are whole tenths everywhere (the content's "1.5" is 15), so no floating point reaches
//! the curriculum's arithmetic; these write them back as decimals and read what a learner types.

/// 85 is "8.5", 80 is "8".
pub fn tenths_text(t: u32) -> String {
    if t % 10 == 0 {
        (t / 10).to_string()
    } else {
        format!("{}.{}", t / 10, t % 10)
    }
}

/// With the unit: "7.5 h".
pub fn hours_text(tenths: u32) -> String {
    format!("{} h", tenths_text(tenths))
}

/// What a learner typed as hours (`8`, `8.5`, `8.25`, `.5`) in whole tenths, rounded half up;
/// `None` for anything else (signs, exponents, letters, more than six whole digits).
pub fn parse_tenths(text: &str) -> Option<u32> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(fraction) || whole.len() > 6 || (whole.is_empty() && fraction.is_empty()) {
        return None;
    }
    let digit = |i: usize| u32::from(fraction.as_bytes().get(i).map_or(0, |b| b - b'0'));
    let whole: u32 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    Some(whole * 10 + digit(0) + u32::from(digit(1) >= 5))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenths_read_and_write() {
        assert_eq!(tenths_text(85), "8.5");
        assert_eq!(tenths_text(80), "8");
        for (text, tenths) in [("8", Some(80)), ("8.5", Some(85)), ("8.25", Some(83)), ("8.24", Some(82)), (".5", Some(5)), ("12.", Some(120))] {
            assert_eq!(parse_tenths(text), tenths, "{text}");
        }
        for bad in ["", ".", "-1", "1e2", "8,5", "eight", "1234567", "8.5.1"] {
            assert_eq!(parse_tenths(bad), None, "{bad}");
        }
    }
}
