//! Hours are whole tenths everywhere (the content's "1.5" is 15), so no floating point reaches
//! the wasm; these write them back as decimals.

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
