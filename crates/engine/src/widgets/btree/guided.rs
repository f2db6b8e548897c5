//! The B-tree's guided scenarios. Each `step` in a query is where the interesting operation
//! begins, and each note sits on a step a test checks against the engine, so an engine change
//! cannot quietly break them.

use crate::widget::Guided;

pub const GUIDED: &[Guided] = &[
    Guided {
        slug: "first-root-split",
        title: "The first root split",
        summary: "Four keys into a degree-4 B-tree: the fourth overflows the only node, and the tree grows a level.",
        watch: "A degree-4 node holds at most three keys. Watch the fourth insert overfill the only node: its middle key rises into a new root and the tree grows taller at the top, not at the bottom.",
        query: "degree=4&ops=i10,i20,i30,i40&step=0",
        notes: &[
            (4, "Overfull: the node now holds one key more than a degree-4 node may. Nothing is wrong yet; the next step repairs it."),
            (5, "The middle key, 20, rises; the keys left of it and right of it become two nodes."),
            (6, "The tree is taller by one level, and every leaf is still at the same depth."),
        ],
    },
    Guided {
        slug: "delete-borrows",
        title: "A delete that borrows",
        summary: "Deleting leaves a node short of keys; its sibling lends one through the parent.",
        watch: "Deleting 10 leaves its leaf empty, below the minimum of one key. Watch the sibling lend a key: it does not jump across, it rotates through the parent.",
        query: "degree=4&ops=i10,i20,i30,i40,d10&step=6",
        notes: &[
            (9, "The leaf is now one key short of the minimum: this is what the delete has to repair."),
            (10, "The borrow: 30 goes up from the sibling, 20 comes down from the parent. The keys stay in order and no node is too small."),
        ],
    },
    Guided {
        slug: "delete-merges",
        title: "A delete that merges down to a shorter tree",
        summary: "No sibling can spare a key, so nodes merge, the root empties, and the tree loses a level.",
        watch: "Deleting 70 leaves a leaf short, and no sibling has a key to spare. Watch the two leaves merge with the key between them, the parent run short in turn, and the tree lose a level.",
        query: "degree=3&ops=i10,i20,i30,i40,i50,i60,i70,d70&step=17",
        notes: &[
            (21, "The leaf is empty and its sibling [50] holds only the minimum, so there is nothing to borrow."),
            (22, "The merge pulls 60 down from the parent, and now the parent is short: the repair climbs a level."),
            (24, "The root is empty, so its only child takes its place: a B-tree only ever gets shorter at the top."),
        ],
    },
    Guided {
        slug: "b-vs-bplus",
        title: "B-tree and B+ tree on the same keys",
        summary: "Side by side: where keys end up, which copies go up, and how the B+ leaves link.",
        watch: "The same eight inserts into both trees. Watch what moves up at a split: the B-tree moves the middle key itself, the B+ tree copies it up and keeps every key in a leaf, chained left to right.",
        query: "degree=4&ops=i10,i20,i30,i40,i50,i60,i70,i80&compare=bplus&step=0",
        notes: &[
            (5, "The first split: the B-tree moves 20 up and out of the leaves; the B+ tree keeps 30 in a leaf and puts a copy in the root."),
            (11, "Again: 40 leaves the B-tree's leaves, while the B+ tree's leaves still hold every key, chained left to right."),
            (16, "At the end, a scan of the B+ tree can read its leaves in order along the chain; the B-tree's keys are spread over every level."),
        ],
    },
    Guided {
        slug: "bplus-range-scan",
        title: "A range scan along the B+ leaf chain",
        summary: "Bulk load 30 keys, then scan 8 to 21: one descent, then leaf to leaf.",
        watch: "A range scan descends once, to the leaf where 8 would be, then follows the leaf chain to the right until it passes 21. Watch how few inner nodes it reads.",
        query: "variant=bplus&degree=4&ops=l1-30,r8-21&step=3",
        notes: &[
            (4, "The descent: one node per level, looking for the leaf where 8 would be."),
            (6, "From here on the scan reads no inner nodes: it follows each leaf's link to the next."),
            (10, "The scan stops at 21. It read two inner nodes in all, the root and one below it; the rest were leaves."),
        ],
    },
];
