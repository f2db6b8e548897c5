//! Just enough JSON for Strata (the progress envelope, the visualizers' state messages): a value
//! tree, a strict parser with positions in its errors, and a compact writer. serde_json would cost the first load about 30 KB; the
//! envelope needs none of its generality. Numbers stay as their text and are read as whole
//! numbers or tenths: no floating point, whose formatting alone costs the first load 10 KB.

use std::fmt::Write;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// The number as written, already checked against JSON's number syntax.
    Number(String),
    String(String),
    Array(Vec<Value>),
    /// Members in the order written. A `Vec`, not a map: building a map sorts, and the sort
    /// code for each member type cost the first load more than the whole parser.
    Object(Vec<(String, Value)>),
}

impl Value {
    /// The member named `key` (the last one, if the text repeats it).
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn number(n: u64) -> Value {
        Value::Number(n.to_string())
    }

    /// Tenths as a decimal: 85 is `8.5`, 80 is `8`.
    pub fn tenths(n: u32) -> Value {
        Value::Number(tenths_text(n))
    }

    /// A whole number in `0..=2^53` (timestamps, versions, scores), written without fraction
    /// or exponent; anything else is `None`.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(n) if n.bytes().all(|b| b.is_ascii_digit()) => n.parse().ok().filter(|&n| n <= 1 << 53),
            _ => None,
        }
    }

    /// A non-negative decimal in tenths, rounded half up (`8.25` is 83); no exponents.
    pub fn as_tenths(&self) -> Option<u32> {
        let Value::Number(n) = self else { return None };
        let (whole, fraction) = n.split_once('.').unwrap_or((n, ""));
        if !whole.bytes().all(|b| b.is_ascii_digit()) || !fraction.bytes().all(|b| b.is_ascii_digit()) || whole.len() > 6 {
            return None;
        }
        let digit = |i: usize| u32::from(fraction.as_bytes().get(i).map_or(0, |b| b - b'0'));
        Some(whole.parse::<u32>().ok()? * 10 + digit(0) + u32::from(digit(1) >= 5))
    }

    pub fn as_object(&self) -> Option<&[(String, Value)]> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    /// Compact JSON text.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Number(n) => out.push_str(n),
            Value::String(s) => write_string(out, s),
            Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Value::Object(map) => {
                out.push('{');
                for (i, (key, value)) in map.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(out, key);
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }
}

pub fn write_string(out: &mut String, text: &str) {
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

/// Tenths as a decimal: 85 is `8.5`, 80 is `8` (hours are tenths everywhere in Strata).
pub fn tenths_text(t: u32) -> String {
    if t.is_multiple_of(10) {
        (t / 10).to_string()
    } else {
        format!("{}.{}", t / 10, t % 10)
    }
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

/// Why text is not JSON, and where (a byte offset).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub at: usize,
    pub what: &'static str,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} at character {}", self.what, self.at + 1)
    }
}

/// Nesting deeper than this is refused instead of recursing without bound.
const MAX_DEPTH: usize = 64;

pub fn parse(text: &str) -> Result<Value, ParseError> {
    let mut p = Parser { bytes: text.as_bytes(), text, at: 0 };
    let value = p.value(0)?;
    p.space();
    if p.at != p.bytes.len() {
        return Err(p.error("unexpected text after the end"));
    }
    Ok(value)
}

struct Parser<'a> {
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
}

impl Parser<'_> {
    fn error(&self, what: &'static str) -> ParseError {
        ParseError { at: self.at, what }
    }

    fn space(&mut self) {
        while matches!(self.bytes.get(self.at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.space();
        let found = self.bytes.get(self.at) == Some(&byte);
        if found {
            self.at += 1;
        }
        found
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, ParseError> {
        if self.text[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("unknown word"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, ParseError> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        self.space();
        match self.bytes.get(self.at) {
            None => Err(self.error("unexpected end")),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'"') => self.string().map(Value::String),
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                if self.eat(b']') {
                    return Ok(Value::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    if self.eat(b']') {
                        return Ok(Value::Array(items));
                    }
                    if !self.eat(b',') {
                        return Err(self.error("expected , or ]"));
                    }
                }
            }
            Some(b'{') => {
                self.at += 1;
                let mut map = Vec::new();
                if self.eat(b'}') {
                    return Ok(Value::Object(map));
                }
                loop {
                    self.space();
                    if self.bytes.get(self.at) != Some(&b'"') {
                        return Err(self.error("expected a quoted key"));
                    }
                    let key = self.string()?;
                    if !self.eat(b':') {
                        return Err(self.error("expected :"));
                    }
                    let value = self.value(depth + 1)?;
                    map.push((key, value));
                    if self.eat(b'}') {
                        return Ok(Value::Object(map));
                    }
                    if !self.eat(b',') {
                        return Err(self.error("expected , or }"));
                    }
                }
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("unexpected character")),
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, kept as text.
    fn number(&mut self) -> Result<Value, ParseError> {
        let start = self.at;
        if self.bytes.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        let leading_zero = self.bytes.get(self.at) == Some(&b'0');
        let whole = self.digits();
        let mut ok = whole > 0 && !(leading_zero && whole > 1);
        if ok && self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            ok = self.digits() > 0;
        }
        if ok && matches!(self.bytes.get(self.at), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.bytes.get(self.at), Some(b'+' | b'-')) {
                self.at += 1;
            }
            ok = self.digits() > 0;
        }
        if ok {
            Ok(Value::Number(self.text[start..self.at].to_string()))
        } else {
            Err(ParseError { at: start, what: "malformed number" })
        }
    }

    /// Skips ASCII digits, returning how many.
    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.bytes.get(self.at), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    fn string(&mut self) -> Result<String, ParseError> {
        self.at += 1; // the opening quote
        let mut out = String::new();
        loop {
            let run = self.at;
            while !matches!(self.bytes.get(self.at), None | Some(b'"' | b'\\' | 0..=0x1f)) {
                self.at += 1;
            }
            out.push_str(&self.text[run..self.at]);
            match self.bytes.get(self.at) {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let escaped = match self.bytes.get(self.at) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => self.unicode_escape()?,
                        _ => return Err(self.error("unknown escape")),
                    };
                    self.at += 1;
                    out.push(escaped);
                }
                None => return Err(self.error("unterminated string")),
                Some(_) => return Err(self.error("control character in a string")),
            }
        }
    }

    /// `\uXXXX`, with surrogate pairs; leaves `at` on the last hex digit.
    fn unicode_escape(&mut self) -> Result<char, ParseError> {
        let high = self.hex4()?;
        if !(0xD800..0xDC00).contains(&high) {
            return char::from_u32(high).ok_or_else(|| self.error("lone surrogate"));
        }
        if self.text[self.at + 1..].starts_with("\\u") {
            self.at += 2;
            let low = self.hex4()?;
            if (0xDC00..0xE000).contains(&low) {
                return char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)).ok_or_else(|| self.error("bad surrogate pair"));
            }
        }
        Err(self.error("lone surrogate"))
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let digits = self.text.get(self.at + 1..self.at + 5).ok_or_else(|| self.error("short \\u escape"))?;
        let n = u32::from_str_radix(digits, 16).map_err(|_| self.error("bad \\u escape"))?;
        self.at += 4;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_writes_back() {
        let text = r#"{"a":[1,-2.5,1e3,2.5E-2,true,false,null],"b":{"c":"x\"y\\z\n\u00e9\ud83d\ude00"}}"#;
        let value = parse(text).unwrap();
        assert_eq!(value.get("b").and_then(|b| b.get("c")).and_then(Value::as_str), Some("x\"y\\z\né😀"));
        assert_eq!(parse(&value.to_json()).unwrap(), value);
    }

    #[test]
    fn refuses_what_json_refuses() {
        for bad in ["", "{", "[1,]", "{\"a\" 1}", "01", "1.", ".5", "+1", "1e", "1e+", "1-2", "1.2.3", "--1", "\"\\x\"", "\"a", "nul", "{} x", "\"\u{1}\"", "\"\\ud800\"", "NaN"] {
            assert!(parse(bad).is_err(), "{bad:?} parsed");
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(10_000);
        assert_eq!(parse(&deep).unwrap_err().what, "nested too deeply");
    }

    #[test]
    fn whole_numbers_read_exactly() {
        assert_eq!(parse("1763720000123").unwrap().as_u64(), Some(1_763_720_000_123));
        assert_eq!(parse("1.5").unwrap().as_u64(), None);
        assert_eq!(parse("-1").unwrap().as_u64(), None);
        assert_eq!(parse("1e3").unwrap().as_u64(), None);
        assert_eq!(parse("9007199254740993").unwrap().as_u64(), None);
        assert_eq!(parse("8.5").unwrap().as_tenths(), Some(85));
        assert_eq!(parse("8.25").unwrap().as_tenths(), Some(83));
        assert_eq!(parse("12").unwrap().as_tenths(), Some(120));
        assert_eq!(parse("-1").unwrap().as_tenths(), None);
        assert_eq!(Value::tenths(85).to_json(), "8.5");
        assert_eq!(Value::tenths(80).to_json(), "8");
    }
}
