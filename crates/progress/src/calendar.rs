//! Calendar days as whole numbers (days since 1970-01-01), so plans and streaks are integer
//! arithmetic and the wasm carries no date library. Civil conversion follows the proleptic
//! Gregorian calendar, using the usual 400-year-era method.

pub type Day = i32;

pub const MS_PER_DAY: i64 = 86_400_000;

/// The day a timestamp falls on, for a clock `offset_minutes` east of UTC.
pub fn day_of(ms: u64, offset_minutes: i32) -> Day {
    (ms as i64 + offset_minutes as i64 * 60_000).div_euclid(MS_PER_DAY) as Day
}

pub fn from_civil(year: i32, month: u32, day: u32) -> Day {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let shifted_month = (month as i32 + 9) % 12; // March = 0
    let day_of_year = (153 * shifted_month + 2) / 5 + day as i32 - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

pub fn to_civil(day: Day) -> (i32, u32, u32) {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let d = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
    let m = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 } as u32;
    let y = year_of_era + era * 400 + i32::from(m <= 2);
    (y, m, d)
}

/// Monday = 0 … Sunday = 6.
pub fn weekday(day: Day) -> u32 {
    (day + 3).rem_euclid(7) as u32
}

/// The Monday of the week `day` is in.
pub fn week_start(day: Day) -> Day {
    day - weekday(day) as Day
}

/// `2026-11-21`.
pub fn iso(day: Day) -> String {
    let (y, m, d) = to_civil(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `20261121`, as calendar files write dates.
pub fn compact(day: Day) -> String {
    iso(day).replace('-', "")
}

/// Reads `YYYY-MM-DD` (what `<input type="date">` gives); `None` for anything else.
pub fn parse_iso(text: &str) -> Option<Day> {
    let mut parts = text.trim().splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (i32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let day = from_civil(y, m, d);
    (to_civil(day) == (y, m, d)).then_some(day)
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// `21 Nov 2026`.
pub fn long(day: Day) -> String {
    let (y, m, d) = to_civil(day);
    format!("{d} {} {y}", MONTHS[m as usize - 1])
}

/// `21 Nov`, for chart labels.
pub fn short(day: Day) -> String {
    let (_, m, d) = to_civil(day);
    format!("{d} {}", MONTHS[m as usize - 1])
}

/// `2026-11-21T09:05:00Z` for a UTC timestamp.
pub fn iso_timestamp(ms: u64) -> String {
    let day = day_of(ms, 0);
    let secs = (ms / 1000) % 86_400;
    format!("{}T{:02}:{:02}:{:02}Z", iso(day), secs / 3600, secs / 60 % 60, secs % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_dates() {
        assert_eq!(from_civil(1970, 1, 1), 0);
        assert_eq!(iso(from_civil(2000, 2, 29)), "2000-02-29");
        assert_eq!(weekday(from_civil(2026, 11, 21)), 5); // a Saturday
        assert_eq!(iso(week_start(from_civil(2026, 11, 21))), "2026-11-16");
        assert_eq!(long(from_civil(2026, 11, 21)), "21 Nov 2026");
        assert_eq!(iso_timestamp(1_763_719_500_000), "2025-11-21T10:05:00Z");
        assert_eq!(day_of(1_763_769_600_000 - 1, 0) + 1, day_of(1_763_769_600_000 - 1, 60));
    }

    #[test]
    fn parsing_refuses_impossible_dates() {
        assert_eq!(parse_iso("2026-11-21"), Some(from_civil(2026, 11, 21)));
        for bad in ["2026-02-30", "2025-13-01", "26-11-21", "2026/11/21", "", "2026-11-2x"] {
            assert_eq!(parse_iso(bad), None, "{bad}");
        }
    }

    proptest! {
        #[test]
        fn civil_round_trips(day in -800_000i32..800_000) {
            let (y, m, d) = to_civil(day);
            prop_assert_eq!(from_civil(y, m, d), day);
            prop_assert_eq!(parse_iso(&iso(day)).unwrap_or(day), day);
            prop_assert_eq!(weekday(day + 1), (weekday(day) + 1) % 7);
        }
    }
}
