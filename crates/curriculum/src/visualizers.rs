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
    /// Where a week page sends an item with one of this visualizer's tags: (tag, guided
    /// scenario slug). A tag of this structure that is not listed goes to the first scenario.
    pub links: &'static [(Tag, &'static str)],
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
    // A B-tree item starts where every B-tree starts, with a split; an indexing item gets the
    // B-tree / B+ tree comparison, the choice an index designer makes.
    links: &[(Tag::Btree, "first-root-split"), (Tag::Indexing, "b-vs-bplus")],
}, Visualizer {
    slug: "lsm",
    title: "LSM-tree visualizer",
    summary: "Step through writes landing in the WAL and memtable, flushes to SSTables, leveled and size-tiered compactions, and gets that ask bloom filters, with write, read and space amplification beside the models' estimates.",
    structure: Structure::LsmTree,
    scenarios: &[
        Guided {
            slug: "first-flush",
            title: "A memtable fills and flushes",
            summary: "Four puts into a four-entry memtable: it is sealed, written as the first SSTable, and a get reads it back.",
        },
        Guided {
            slug: "leveled-cascade",
            title: "A leveled compaction cascading two levels",
            summary: "Puts over 30 keys until L0 reaches its trigger and merges into L1, which is then over its byte target and spills into L2.",
        },
        Guided {
            slug: "tombstone",
            title: "A delete hidden by a tombstone until compaction removes it",
            summary: "Deleting a key that is already on disk writes a tombstone; reads see the key gone, and only a full compaction drops both.",
        },
        Guided {
            slug: "bloom-skips",
            title: "Bloom filters skip tables a get need not read",
            summary: "Three overlapping L0 tables: a get asks each one's bloom filter and reads a block only where it says maybe.",
        },
        Guided {
            slug: "tiered-vs-leveled",
            title: "Size-tiered against leveled on one workload",
            summary: "The same 5,000 uniform operations into both: tiered writes fewer bytes, leveled keeps fewer tables for a get to ask.",
        },
    ],
    // An LSM item starts with a flush, where every LSM tree starts; an SSTable item too; a
    // compaction item gets the cascade; a bloom filter item the get that skips tables.
    links: &[(Tag::Lsm, "first-flush"), (Tag::Sstable, "first-flush"), (Tag::Compaction, "leveled-cascade"), (Tag::BloomFilter, "bloom-skips")],
}, Visualizer {
    slug: "ring",
    title: "Consistent-hashing visualizer",
    summary: "Place keys on a hash ring with virtual nodes and replicas, add, remove and fail nodes, and count the keys that move; compare modulo-N, jump, rendezvous, Maglev and bounded-load hashing on the same keys.",
    structure: Structure::HashRing,
    scenarios: &[
        Guided {
            slug: "modulo-vs-ring",
            title: "An eleventh node: modulo against a ring",
            summary: "The same 10,000 keys on ten nodes; n11 joins. Modulo-N reshuffles nine keys in ten, the ring moves about one in eleven.",
        },
        Guided {
            slug: "vnodes-flatten",
            title: "Virtual nodes flatten the load",
            summary: "Eight nodes with one point each on the ring, against eight with 200 points each, on the same 20,000 keys.",
        },
        Guided {
            slug: "replicas-failure",
            title: "Replicas and a failed node",
            summary: "Three copies of every key: look up user42, fail its owner, and see the next replica take over, then hand back.",
        },
        Guided {
            slug: "bounded-hot-key",
            title: "Bounded loads under a hot key",
            summary: "Zipfian keys: one name is about a tenth of all requests. A plain ring piles them on one node; bounded loads caps every node at 1.25 × the mean.",
        },
        Guided {
            slug: "jump-last-bucket",
            title: "Jump hash grows and shrinks at the end",
            summary: "Jump hash needs no memory and moves the fewest keys, but it can only add or drop its last bucket.",
        },
    ],
    // Consistent hashing starts from why it exists (modulo reshuffles everything); sharding
    // from how evenly shards fill; partitioning from a hot partition; replication from replicas.
    links: &[
        (Tag::ConsistentHashing, "modulo-vs-ring"),
        (Tag::Sharding, "vnodes-flatten"),
        (Tag::Partitioning, "bounded-hot-key"),
        (Tag::Replication, "replicas-failure"),
    ],
}];

impl Visualizer {
    pub fn href(&self) -> String {
        format!("#/viz/{}", self.slug)
    }

    pub fn scenario_href(&self, scenario: &Guided) -> String {
        format!("#/viz/{}?guided={}", self.slug, scenario.slug)
    }

    /// The guided scenario an item tagged `tag` (of this visualizer's structure) is sent to.
    pub fn scenario_for(&self, tag: Tag) -> Option<&Guided> {
        let slug = self.links.iter().find(|(t, _)| *t == tag).map(|(_, s)| *s);
        match slug {
            Some(slug) => self.scenarios.iter().find(|g| g.slug == slug),
            None => self.scenarios.first(),
        }
    }

    /// The tags that belong to this visualizer, for search.
    pub fn tags(&self) -> impl Iterator<Item = Tag> + '_ {
        crate::decode::TAGS.into_iter().filter(move |t| t.structure() == self.structure)
    }
}

/// The first of `tags` that a visualizer shows, with that visualizer and the guided scenario
/// the item should link to.
pub fn link_for(tags: &[Tag]) -> Option<(&'static Visualizer, &'static Guided)> {
    tags.iter().find_map(|&t| {
        let v = t.visualizer()?;
        Some((v, v.scenario_for(t)?))
    })
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
        let lsm = VISUALIZERS.iter().find(|v| v.slug == "lsm").unwrap();
        let ours: Vec<(&str, &str, &str)> = lsm.scenarios.iter().map(|g| (g.slug, g.title, g.summary)).collect();
        let engine: Vec<(&str, &str, &str)> = strata_engine::widgets::lsm::GUIDED.iter().map(|g| (g.slug, g.title, g.summary)).collect();
        assert_eq!(ours, engine);
        let ring = VISUALIZERS.iter().find(|v| v.slug == "ring").unwrap();
        let ours: Vec<(&str, &str, &str)> = ring.scenarios.iter().map(|g| (g.slug, g.title, g.summary)).collect();
        let engine: Vec<(&str, &str, &str)> = strata_engine::widgets::ring::GUIDED.iter().map(|g| (g.slug, g.title, g.summary)).collect();
        assert_eq!(ours, engine);
    }

    #[test]
    fn every_link_names_one_of_its_scenarios() {
        for v in VISUALIZERS {
            for (tag, slug) in v.links {
                assert_eq!(tag.structure(), v.structure, "{}: {tag:?} is another structure's tag", v.slug);
                assert!(v.scenarios.iter().any(|g| g.slug == *slug), "{}: no scenario {slug}", v.slug);
            }
            for tag in v.tags() {
                assert!(v.scenario_for(tag).is_some(), "{}: {tag:?} links nowhere", v.slug);
            }
        }
        let (v, g) = link_for(&[Tag::Indexing]).unwrap();
        assert_eq!((v.slug, g.slug), ("btree", "b-vs-bplus"));
    }

    #[test]
    fn only_existing_visualizers_are_linked() {
        assert_eq!(Tag::Btree.visualizer().map(|v| v.slug), Some("btree"));
        assert_eq!(Tag::Indexing.visualizer().map(|v| v.slug), Some("btree"));
        for tag in [Tag::Lsm, Tag::Sstable, Tag::Compaction, Tag::BloomFilter] {
            assert_eq!(tag.visualizer().map(|v| v.slug), Some("lsm"), "{tag:?}");
        }
        assert_eq!(link_for(&[Tag::Compaction]).map(|(_, g)| g.slug), Some("leveled-cascade"));
        assert_eq!(link_for(&[Tag::BloomFilter]).map(|(_, g)| g.slug), Some("bloom-skips"));
        for tag in [Tag::ConsistentHashing, Tag::Sharding, Tag::Partitioning, Tag::Replication] {
            assert_eq!(tag.visualizer().map(|v| v.slug), Some("ring"), "{tag:?}");
        }
        assert_eq!(VISUALIZERS[0].tags().collect::<Vec<_>>(), [Tag::Btree, Tag::Indexing]);
    }
}
