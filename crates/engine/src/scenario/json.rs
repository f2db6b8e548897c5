//! Just enough JSON writing for the message API's `state`: numbers, strings, arrays, objects.
//! The browser parses the text back into an object before posting it.

use std::fmt::Write;

/// Writes `text` as a JSON string literal.
pub fn string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Writes `[a,b,c]`.
pub fn numbers(out: &mut String, values: impl IntoIterator<Item = u32>) {
    out.push('[');
    for (i, v) in values.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{v}");
    }
    out.push(']');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_json_requires() {
        let mut out = String::new();
        string(&mut out, "a \"b\" \\ \n\u{1}é");
        assert_eq!(out, r#""a \"b\" \\ \n\u0001é""#);
        let mut out = String::new();
        numbers(&mut out, [1, 22, 333]);
        assert_eq!(out, "[1,22,333]");
    }
}
