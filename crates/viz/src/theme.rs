//! The theme's colours (CSS custom properties) for what is drawn on a canvas: the stage's dense
//! scenes and the plotters charts.
//!
//! Reading a computed style makes the browser bring the page's styles up to date first, and a
//! step has just changed the page: read at every draw, these reads were about 1 ms of each
//! ring step in a profile of the benchmark (2026-12-03). The colours only change with the
//! theme, so they are read once per theme: the cache's key is the root's `data-theme` and the
//! system's colour scheme, the two things that switch them (assets/viz.css).

use std::cell::RefCell;
use std::collections::HashMap;

thread_local! {
    static CACHE: RefCell<(String, HashMap<String, String>)> = RefCell::new((String::new(), HashMap::new()));
    // One query list, asked again each time: `matchMedia` itself cost 0.25 ms a step when it
    // was called for every colour.
    static DARK: Option<web_sys::MediaQueryList> = strata_browser::window().and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten());
}

fn theme_key() -> String {
    let chosen = strata_browser::document().and_then(|d| d.document_element()).and_then(|r| r.get_attribute("data-theme")).unwrap_or_default();
    let dark = DARK.with(|q| q.as_ref().is_some_and(|m| m.matches()));
    format!("{chosen}|{dark}")
}

/// Custom property `name` as seen inside the visualizer (`el` is any element in it), trimmed;
/// `fallback` where it is not set.
pub fn var(el: &web_sys::Element, name: &str, fallback: &str) -> String {
    let key = theme_key();
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.0 != key {
            *cache = (key, HashMap::new());
        }
        if let Some(v) = cache.1.get(name) {
            return v.clone();
        }
        let value = strata_browser::window()
            .and_then(|w| w.get_computed_style(el).ok().flatten())
            .and_then(|s| s.get_property_value(name).ok())
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty());
        match value {
            Some(v) => {
                cache.1.insert(name.to_string(), v.clone());
                v
            }
            // Not kept: the stylesheet that sets it may still be loading.
            None => fallback.to_string(),
        }
    })
}

/// `var` as an RGB colour for plotters; `fallback` (`#rrggbb`) if the property is not `#rrggbb`.
pub fn rgb(el: &web_sys::Element, name: &str, fallback: &str) -> plotters::style::RGBColor {
    let parse = |v: &str| {
        let hex = v.trim_start_matches('#');
        match (hex.len(), u32::from_str_radix(hex, 16)) {
            (6, Ok(v)) => Some(plotters::style::RGBColor((v >> 16) as u8, (v >> 8) as u8, v as u8)),
            _ => None,
        }
    };
    parse(&var(el, name, fallback)).or_else(|| parse(fallback)).unwrap_or(plotters::style::RGBColor(0, 0, 0))
}
