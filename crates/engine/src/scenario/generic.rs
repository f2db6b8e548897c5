//! [`Scenario<W>`]: one widget's address, parsed and written back.

use super::{bounded, join_query, Common, Notice};
use crate::widget::{Guided, Widget};

/// More operations than this in one link are dropped, with a notice.
pub const MAX_OPS: usize = 500;

/// Everything a visualizer's address says.
pub struct Scenario<W: Widget> {
    pub params: W::Params,
    /// Feeds anything random (fills), so a link replays exactly.
    pub seed: u64,
    pub ops: Vec<W::Op>,
    /// Compare mode's second structure.
    pub compare: Option<W::Params>,
    pub common: Common,
    /// The guided scenario this came from, while it is left as the guide set it.
    pub guided: Option<&'static Guided>,
}

// Derives would demand `W: Clone` etc. of the marker type itself.
impl<W: Widget> Clone for Scenario<W> {
    fn clone(&self) -> Self {
        Scenario { params: self.params.clone(), seed: self.seed, ops: self.ops.clone(), compare: self.compare.clone(), common: self.common.clone(), guided: self.guided }
    }
}

impl<W: Widget> PartialEq for Scenario<W> {
    fn eq(&self, other: &Self) -> bool {
        self.same_content(other) && self.common == other.common && self.guided.map(|g| g.slug) == other.guided.map(|g| g.slug)
    }
}

impl<W: Widget> std::fmt::Debug for Scenario<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scenario")
            .field("params", &self.params)
            .field("seed", &self.seed)
            .field("ops", &self.ops)
            .field("compare", &self.compare)
            .field("common", &self.common)
            .field("guided", &self.guided.map(|g| g.slug))
            .finish()
    }
}

impl<W: Widget> Default for Scenario<W> {
    fn default() -> Self {
        Scenario { params: W::Params::default(), seed: 1, ops: Vec::new(), compare: None, common: Common::default(), guided: None }
    }
}

/// Replaces `guided=<slug>` with that guided scenario's parameters; parameters written after
/// it still apply on top. Returns the guided scenario named, if any; an unknown slug becomes a
/// notice.
pub fn expand_guided(guided: &'static [Guided], pairs: &[(String, String)]) -> (Vec<(String, String)>, Option<&'static Guided>, Vec<Notice>) {
    let mut out = Vec::new();
    let mut notices = Vec::new();
    let mut found = None;
    for (key, value) in pairs {
        if key != "guided" {
            out.push((key.clone(), value.clone()));
            continue;
        }
        match guided.iter().find(|g| g.slug == value) {
            Some(g) => {
                found = Some(g);
                out.extend(g.query.split('&').filter_map(|p| p.split_once('=')).map(|(k, v)| (k.to_string(), v.to_string())));
            }
            None => notices.push(Notice::new(
                "guided",
                format!("guided={value} ignored: the guided scenarios are {}.", guided.iter().map(|g| g.slug).collect::<Vec<_>>().join(", ")),
            )),
        }
    }
    (out, found, notices)
}

impl<W: Widget> Scenario<W> {
    /// Reads decoded query pairs. Never fails: what cannot be used is reported in the notices.
    pub fn parse(pairs: &[(String, String)]) -> (Scenario<W>, Vec<Notice>) {
        let (pairs, guided, mut notices) = expand_guided(W::GUIDED, pairs);
        let (mut s, more) = Scenario::<W>::parse_expanded(&pairs);
        notices.extend(more);
        // The name sticks while the scenario is the guide's own (a later parameter may change it).
        s.guided = guided.filter(|g| {
            let own: Vec<(String, String)> =
                g.query.split('&').filter_map(|p| p.split_once('=')).map(|(k, v)| (k.to_string(), v.to_string())).collect();
            Scenario::<W>::parse_expanded(&own).0.same_content(&s)
        });
        (s, notices)
    }

    /// Parses pairs with any `guided=` already expanded.
    fn parse_expanded(pairs: &[(String, String)]) -> (Scenario<W>, Vec<Notice>) {
        let mut s = Scenario::<W>::default();
        let mut notices = Vec::new();
        let mut compare = None;
        for (key, value) in pairs {
            let value = value.trim();
            if let Some(result) = W::take_param(&mut s.params, key, value) {
                if let Err(n) = result {
                    notices.push(n);
                }
                continue;
            }
            let result: Result<(), Notice> = match key.as_str() {
                "seed" => bounded("seed", value, 0, u64::MAX).map(|n| s.seed = n),
                "ops" => {
                    for token in value.split(',').filter(|t| !t.trim().is_empty()) {
                        if s.ops.len() == MAX_OPS {
                            notices.push(Notice::new("ops", format!("Only the first {MAX_OPS} operations were run.")));
                            break;
                        }
                        match W::parse_op(token) {
                            Ok(op) => s.ops.push(op),
                            Err(message) => notices.push(Notice::new("ops", format!("{message} Skipped."))),
                        }
                    }
                    Ok(())
                }
                // Read once every parameter is known: the second structure starts from the first.
                "compare" => {
                    compare = Some(value.to_string());
                    Ok(())
                }
                other if s.common.take(other, value, &mut notices) => Ok(()),
                other => Err(Notice::new(other, format!("“{other}” is not a parameter of this visualizer, so it was ignored."))),
            };
            if let Err(n) = result {
                notices.push(n);
            }
        }
        W::finish_params(&mut s.params, &mut notices);
        if let Some(value) = compare {
            match W::parse_compare(&value, &s.params) {
                Ok(p) => s.compare = Some(p),
                Err(n) => notices.push(n),
            }
        }
        (s, notices)
    }

    /// Whether `other` has this scenario's structure, seed, operations and compare mode.
    pub fn same_content(&self, other: &Self) -> bool {
        self.params == other.params && self.seed == other.seed && self.ops == other.ops && self.compare == other.compare
    }

    /// The query string that reproduces this scenario; defaults are left out, and a guided
    /// scenario left as it is keeps its name.
    pub fn to_query(&self) -> String {
        let mut out: Vec<(String, String)> = Vec::new();
        if let Some(g) = self.guided {
            out.push(("guided".into(), g.slug.into()));
        } else {
            W::write_params(&self.params, &mut out);
            if self.seed != 1 {
                out.push(("seed".into(), self.seed.to_string()));
            }
            if !self.ops.is_empty() {
                out.push(("ops".into(), self.ops.iter().map(W::op_token).collect::<Vec<_>>().join(",")));
            }
            if let Some(c) = &self.compare {
                out.push(("compare".into(), W::write_compare(c, &self.params)));
            }
        }
        self.common.write(&mut out);
        join_query(&out)
    }

    /// Called after any change to the structure, the operations or compare mode: the scenario
    /// is no longer the guide's, so the address spells it out.
    pub fn edited(&mut self) {
        self.guided = None;
    }

    /// The seed of the operation at `index` in the full list (prelude first): distinct per
    /// position, so two fills in one link draw different keys, and the same link always draws
    /// the same ones. The prelude's fill uses the seed itself.
    pub fn op_seed(&self, index: usize, prelude: usize) -> u64 {
        if index < prelude {
            self.seed
        } else {
            let index = index - prelude;
            self.seed.wrapping_add((index as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15))
        }
    }
}
