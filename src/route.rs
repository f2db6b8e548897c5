//! The app's address: a typed route, parsed from and formatted to the URL hash.
//!
//! Hash routes (`#/paths/data-engineer/w03`) work from any static host, any sub-path and a
//! file opened from disk, because the server only ever sees the page itself.
//!
//! Grammar:
//! ```text
//! #/                              home: the path catalogue
//! #/paths                         the path catalogue
//! #/paths/<path-id>               one path: phases, weeks, timeline
//! #/paths/<path-id>/<week-id>     one week: items, objectives, checkpoint, readings
//! #/search?q=<query>              search across every path
//! #/progress                      your progress: every path, orphaned records, export, import, reset
//! #/plan/<path-id>                a path's study plan: pace, activity chart, streak, calendar file
//! #/print/<path-id>               a path with your progress, laid out for printing
//! #/viz                           the visualizers and their guided scenarios
//! #/viz/<widget>?<scenario>       one visualizer (btree), scripted by its scenario
//! #/embed/<widget>?<scenario>     the same, alone in the page, for slide decks and iframes
//! #/debug/panic                   deliberately panics, to show the error page
//! ```
//! Anything else is `NotFound`, which keeps what was asked for so the page can say so.

pub use strata_browser::url::{percent_decode, percent_encode, query_pairs};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    Catalogue,
    Path { path: String },
    Week { path: String, week: String },
    Search { query: String },
    Progress,
    Plan { path: String },
    Print { path: String },
    Visualizers,
    /// `query` is kept raw: the visualizer module owns its scenario grammar.
    Visualizer { widget: String, query: String },
    Embed { widget: String, query: String },
    DebugPanic,
    NotFound { hash: String },
}

impl Route {
    /// Parses a `location.hash` value (with or without the leading `#`). Never fails.
    pub fn parse(hash: &str) -> Route {
        let raw = hash.strip_prefix('#').unwrap_or(hash);
        let (path, query) = raw.split_once('?').unwrap_or((raw, ""));
        let segments: Vec<String> =
            path.split('/').filter(|s| !s.is_empty()).map(percent_decode).collect();
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        match segments.as_slice() {
            [] => Route::Home,
            ["paths"] => Route::Catalogue,
            ["paths", path] => Route::Path { path: path.to_string() },
            ["paths", path, week] => Route::Week { path: path.to_string(), week: week.to_string() },
            ["search"] => Route::Search {
                query: query_pairs(query).into_iter().find(|(k, _)| k == "q").map(|(_, v)| v).unwrap_or_default(),
            },
            ["progress"] => Route::Progress,
            ["plan", path] => Route::Plan { path: path.to_string() },
            ["print", path] => Route::Print { path: path.to_string() },
            ["viz"] => Route::Visualizers,
            ["viz", widget] => Route::Visualizer { widget: widget.to_string(), query: query.to_string() },
            ["embed", widget] => Route::Embed { widget: widget.to_string(), query: query.to_string() },
            ["debug", "panic"] => Route::DebugPanic,
            _ => Route::NotFound { hash: format!("#{raw}") },
        }
    }

    /// The hash for this route, starting with `#`.
    pub fn to_hash(&self) -> String {
        match self {
            Route::Home => "#/".into(),
            Route::Catalogue => "#/paths".into(),
            Route::Path { path } => format!("#/paths/{}", percent_encode(path)),
            Route::Week { path, week } => format!("#/paths/{}/{}", percent_encode(path), percent_encode(week)),
            Route::Search { query } if query.is_empty() => "#/search".into(),
            Route::Search { query } => format!("#/search?q={}", percent_encode(query)),
            Route::Progress => "#/progress".into(),
            Route::Plan { path } => format!("#/plan/{}", percent_encode(path)),
            Route::Print { path } => format!("#/print/{}", percent_encode(path)),
            Route::Visualizers => "#/viz".into(),
            Route::Visualizer { widget, query } => with_query(format!("#/viz/{}", percent_encode(widget)), query),
            Route::Embed { widget, query } => with_query(format!("#/embed/{}", percent_encode(widget)), query),
            Route::DebugPanic => "#/debug/panic".into(),
            Route::NotFound { hash } => hash.clone(),
        }
    }

    /// Which header link this page belongs under, for `aria-current`.
    pub fn section(&self) -> Section {
        match self {
            Route::Home => Section::Home,
            Route::Catalogue | Route::Path { .. } | Route::Week { .. } => Section::Paths,
            Route::Progress | Route::Plan { .. } | Route::Print { .. } => Section::Progress,
            Route::Search { .. } => Section::Search,
            Route::Visualizers | Route::Visualizer { .. } | Route::Embed { .. } => Section::Visualizers,
            Route::DebugPanic | Route::NotFound { .. } => Section::None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Home,
    Paths,
    Search,
    Progress,
    Visualizers,
    None,
}

fn with_query(base: String, query: &str) -> String {
    if query.is_empty() {
        base
    } else {
        format!("{base}?{query}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_shapes() -> Vec<Route> {
        vec![
            Route::Home,
            Route::Catalogue,
            Route::Path { path: "data-engineer".into() },
            Route::Week { path: "data-engineer".into(), week: "w01-02".into() },
            Route::Search { query: String::new() },
            Route::Search { query: "consistent hashing".into() },
            Route::Search { query: "a&b=c?d#e/f%g+h ü".into() },
            Route::Progress,
            Route::Plan { path: "data-engineer".into() },
            Route::Print { path: "data-engineer".into() },
            Route::Visualizers,
            Route::Visualizer { widget: "btree".into(), query: String::new() },
            Route::Visualizer { widget: "btree".into(), query: "variant=bplus&ops=i3,i7,r3-9&step=4".into() },
            Route::Embed { widget: "btree".into(), query: "controls=step&theme=dark".into() },
            Route::DebugPanic,
            Route::NotFound { hash: "#/nowhere/at/all".into() },
        ]
    }

    #[test]
    fn every_route_round_trips() {
        for route in all_shapes() {
            assert_eq!(Route::parse(&route.to_hash()), route, "via {}", route.to_hash());
        }
    }

    #[test]
    fn arbitrary_ids_and_queries_round_trip() {
        // A cheap property test: every byte pattern of short strings survives format → parse.
        let alphabet = ["a", "Z", "0", "-", " ", "/", "?", "#", "%", "&", "=", "+", "é", "–", "%zz"];
        for a in alphabet {
            for b in alphabet {
                let text = format!("{a}{b}x");
                for route in [
                    Route::Path { path: text.clone() },
                    Route::Week { path: text.clone(), week: text.clone() },
                    Route::Search { query: text.clone() },
                ] {
                    assert_eq!(Route::parse(&route.to_hash()), route, "via {}", route.to_hash());
                }
            }
        }
    }

    #[test]
    fn lenient_forms_parse() {
        assert_eq!(Route::parse(""), Route::Home);
        assert_eq!(Route::parse("#"), Route::Home);
        assert_eq!(Route::parse("#/paths/"), Route::Catalogue);
        assert_eq!(Route::parse("#paths//data-engineer"), Route::Path { path: "data-engineer".into() });
        assert_eq!(Route::parse("#/search?q=lsm+trees&x=1"), Route::Search { query: "lsm trees".into() });
        assert_eq!(Route::parse("#/search?other=1"), Route::Search { query: String::new() });
    }

    #[test]
    fn unknown_routes_keep_what_was_asked() {
        assert_eq!(Route::parse("#/nope"), Route::NotFound { hash: "#/nope".into() });
        assert_eq!(Route::parse("#/paths/a/b/c"), Route::NotFound { hash: "#/paths/a/b/c".into() });
    }

    #[test]
    fn malformed_escapes_are_kept_verbatim() {
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%FF%FE"), "%FF%FE");
        assert_eq!(percent_decode("caf%C3%A9"), "café");
    }
}
