//! Hours in whole minutes: the curriculum's figures (the content's "1.5" is 90, "0.75" is 45)
//! and every estimate derived from them, so a 45-minute session is stored exactly and no
//! floating point reaches the wasm. A study plan's hours per week stay whole tenths (the
//! envelope's `hoursPerWeek` is a decimal in hours), and a tenth is exactly six minutes.

pub const MINUTES_PER_TENTH: u32 = 6;

/// A plan's tenths of an hour as minutes.
pub fn tenths_to_minutes(tenths: u32) -> u32 {
    tenths * MINUTES_PER_TENTH
}

/// Tenths as a decimal: 85 is "8.5", 80 is "8" (a plan's hours per week).
pub fn tenths_text(t: u32) -> String {
    if t.is_multiple_of(10) {
        (t / 10).to_string()
    } else {
        format!("{}.{}", t / 10, t % 10)
    }
}

/// Minutes as a decimal number of hours, exact where two decimals can say it: 90 is "1.5",
/// 45 is "0.75", 1575 is "26.25"; other minutes round to the nearest hundredth.
pub fn decimal_hours(minutes: u32) -> String {
    if minutes.is_multiple_of(MINUTES_PER_TENTH) {
        return tenths_text(minutes / MINUTES_PER_TENTH);
    }
    let hundredths = (minutes * 100 + 30) / 60;
    match hundredths % 100 {
        0 => (hundredths / 100).to_string(),
        f if f % 10 == 0 => format!("{}.{}", hundredths / 100, f / 10),
        f => format!("{}.{f:02}", hundredths / 100),
    }
}

/// With the unit: "7.5 h", "0 h", and "45 min" below an hour.
pub fn hours_text(minutes: u32) -> String {
    if minutes > 0 && minutes < 60 {
        format!("{minutes} min")
    } else {
        format!("{} h", decimal_hours(minutes))
    }
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
    fn minutes_read_as_hours() {
        assert_eq!(hours_text(0), "0 h");
        assert_eq!(hours_text(45), "45 min");
        assert_eq!(hours_text(60), "1 h");
        assert_eq!(hours_text(90), "1.5 h");
        assert_eq!(hours_text(105), "1.75 h");
        assert_eq!(hours_text(1575), "26.25 h");
        assert_eq!(hours_text(17880), "298 h");
        assert_eq!(decimal_hours(61), "1.02");
        assert_eq!(decimal_hours(63), "1.05");
        assert_eq!(decimal_hours(119), "1.98");
        assert_eq!(decimal_hours(3), "0.05");
        assert_eq!(tenths_text(85), "8.5");
        assert_eq!(tenths_to_minutes(85), 510);
    }

    #[test]
    fn typed_hours_read_as_tenths() {
        for (text, tenths) in [("8", Some(80)), ("8.5", Some(85)), ("8.25", Some(83)), ("8.24", Some(82)), (".5", Some(5)), ("12.", Some(120))] {
            assert_eq!(parse_tenths(text), tenths, "{text}");
        }
        for bad in ["", ".", "-1", "1e2", "8,5", "eight", "1234567", "8.5.1"] {
            assert_eq!(parse_tenths(bad), None, "{bad}");
        }
    }
}
