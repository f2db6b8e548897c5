//! The visualizers that exist, for the shell and the study module (which do not load the
//! engines): what search offers, and where a tag pill leads. A new visualizer is one entry in
//! [`VISUALIZERS`]; its guided scenarios mirror its engine's list (for the B-tree,
//! `crates/engine/src/scenario/btree.rs` `GUIDED`, checked by a test here).

use crate::{Structure, Tag};

#[derive(Debug)]
pub struct Visualizer {
    /// `#/viz/<slug>`.
    pub slug: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    /// The curriculum's tags that belong to this visualizer.
    pub structure: Structure,
    pub scenarios: &'static [Guided],
}

#[derive(Debug)]
pub struct Guided {
    /// `#/viz/<visualizer>?guided=<slug>`.
    pub slug: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
}

pub const VISUALIZERS: &[Visualizer] = &[Visualizer {
    slug: "btree",
    title: "B-tree and B+ tree visualizer",
    summary: "Step through inserts, splits, borrows, merges, searches and range scans on a B-tree or a B+ tree, with a caption for each step.",
    structure: Structure::BTree,
    scenarios: &[
        Guided {
            slug: "first-root-split",
            title: "The first root split",
            summary: "Four keys into a degree-4 B-tree: the fourth overflows the only node, and the tree grows a level.",
        },
        Guided {
            slug: "delete-borrows",
            title: "A delete that borrows",
            summary: "Deleting leaves a node short of keys; its sibling lends one through the parent.",
        },
        Guided {
            slug: "delete-merges",
            title: "A delete that merges down to a shorter tree",
            summary: "No sibling can spare a key, so nodes merge, the root empties, and the tree loses a level.",
        },
        Guided {
            slug: "b-vs-bplus",
            title: "B-tree and B+ tree on the same keys",
            summary: "Side by side: where keys end up, which copies go up, and how the B+ leaves link.",
        },
        Guided {
            slug: "bplus-range-scan",
            title: "A range scan along the B+ leaf chain",
            summary: "Bulk load 30 keys, then scan 8 to 21: one descent, then leaf to leaf.",
        },
    ],
}];

impl Visualizer {
    pub fn href(&self) -> String {
        format!("#/viz/{}", self.slug)
    }

    pub fn scenario_href(&self, scenario: &Guided) -> String {
        format!("#/viz/{}?guided={}", self.slug, scenario.slug)
    }

    /// The tags that belong to this visualizer, for search.
    pub fn tags(&self) -> impl Iterator<Item = Tag> + '_ {
        crate::decode::TAGS.into_iter().filter(move |t| t.structure() == self.structure)
    }
}

impl Tag {
    /// The visualizer that shows this tag's structure, where one exists.
    pub fn visualizer(self) -> Option<&'static Visualizer> {
        VISUALIZERS.iter().find(|v| v.structure == self.structure())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guided_scenarios_match_the_engine() {
        let btree = VISUALIZERS.iter().find(|v| v.slug == "btree").unwrap();
        let ours: Vec<(&str, &str, &str)> = btree.scenarios.iter().map(|g| (g.slug, g.title, g.summary)).collect();
        let engine: Vec<(&str, &str, &str)> =
            strata_engine::widgets::btree::GUIDED.iter().map(|g| (g.slug, g.title, g.summary)).collect();
        assert_eq!(ours, engine);
    }

    #[test]
    fn only_existing_visualizers_are_linked() {
        assert_eq!(Tag::Btree.visualizer().map(|v| v.slug), Some("btree"));
        assert_eq!(Tag::Indexing.visualizer().map(|v| v.slug), Some("btree"));
        assert!(Tag::Lsm.visualizer().is_none() && Tag::ConsistentHashing.visualizer().is_none());
        assert_eq!(VISUALIZERS[0].tags().collect::<Vec<_>>(), [Tag::Btree, Tag::Indexing]);
    }
}
