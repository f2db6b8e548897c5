//! HTML text for the static curriculum pages.
//!
//! Why not `view!`: these pages are pure functions of compiled-in content and never update
//! in place, and written as Leptos views they cost about 40 KB gzip of monomorphized render
//! code, over a quarter of the 150 KB first-load budget. Building the markup as a string is a
//! few kilobytes. Every piece of content goes through `esc`, so none of it is ever parsed as
//! markup. Interactive parts stay Leptos components around these fragments.

use std::fmt::{self, Write};

/// Escapes text for use in element content and in double-quoted attribute values.
pub struct Esc<'a>(pub &'a str);

impl fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(i) = rest.find(['&', '<', '>', '"', '\'']) {
            f.write_str(&rest[..i])?;
            f.write_str(match rest.as_bytes()[i] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&#39;",
            })?;
            rest = &rest[i + 1..];
        }
        f.write_str(rest)
    }
}

/// A string being filled with markup; `write!` into it.
#[derive(Default)]
pub struct Html(pub String);

impl Write for Html {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.push_str(s);
        Ok(())
    }
}

impl Html {
    pub fn raw(&mut self, s: &str) -> &mut Self {
        self.0.push_str(s);
        self
    }

    /// `<ul class="…"><li>…</li>…</ul>` of plain texts.
    pub fn list(&mut self, class: &str, items: &[&str]) -> &mut Self {
        let _ = write!(self, "<ul class=\"{class}\">");
        for item in items {
            let _ = write!(self, "<li>{}</li>", Esc(item));
        }
        self.raw("</ul>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(Esc(r#"<a href="x">Tom & 'Jerry'</a>"#).to_string(), "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
        assert_eq!(Esc("Weeks 3–4: café").to_string(), "Weeks 3–4: café");
    }

    #[test]
    fn lists_escape_items() {
        let mut h = Html::default();
        h.list("x", &["a<b", "c"]);
        assert_eq!(h.0, "<ul class=\"x\"><li>a&lt;b</li><li>c</li></ul>");
    }
}
