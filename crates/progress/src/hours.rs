//! Hours are whole tenths everywhere (the content's "1.5" is 15), so no floating point reaches
//! the wasm; these write them back as decimals.

/// 85 is "8.5", 80 is "8".
pub use strata_json::tenths_text;

/// With the unit: "7.5 h".
pub fn hours_text(tenths: u32) -> String {
    format!("{} h", tenths_text(tenths))
}
