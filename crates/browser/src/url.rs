//! Query strings in the URL hash: `a=1&b=two`, percent-encoded. Pure, so tested natively.
//! The escaping is the `percent-encoding` crate's (the one behind the `url` crate); these
//! functions only fix which characters Strata leaves bare and what an undecodable escape
//! becomes.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but RFC 3986's unreserved characters is escaped, so any text survives a round
/// trip through an address.
const ESCAPED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// Splits `a=1&b=two` into decoded pairs; `+` means a space, as in forms. An escape that does
/// not decode to UTF-8 is kept as it was typed (`form_urlencoded::parse` would put U+FFFD in
/// its place, so the split on `&` and `=` stays here).
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(&k.replace('+', " ")), percent_decode(&v.replace('+', " ")))
        })
        .collect()
}

/// Encodes everything but unreserved characters.
pub fn percent_encode(text: &str) -> String {
    utf8_percent_encode(text, ESCAPED).to_string()
}

/// Decodes `%XX` escapes; a malformed escape stays as typed, and text whose escapes are not
/// UTF-8 is returned unchanged.
pub fn percent_decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8().map(String::from).unwrap_or_else(|_| text.to_string())
}
