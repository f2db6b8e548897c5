//! The consistent-hashing widget's guided scenarios. Each note sits on a step that a test
//! checks against the engine's caption, so an engine change cannot quietly break them.

use crate::widget::Guided;

pub const GUIDED: &[Guided] = &[
    Guided {
        slug: "modulo-vs-ring",
        title: "An eleventh node: modulo against a ring",
        summary: "The same 10,000 keys on ten nodes; n11 joins. Modulo-N reshuffles nine keys in ten, the ring moves about one in eleven.",
        watch: "Both clusters hold the same keys and get the same new node. Watch how many keys move: with hash mod N, changing N changes almost every answer; on a ring, only the arcs the newcomer lands on change hands.",
        query: "algorithm=modulo&nodes=10&vnodes=100&keys=10000&compare=ring&ops=+n11&step=1",
        notes: &[
            (2, "n11 is about to join. A perfect scheme would move one key in eleven (9.1 %) and every one of them to n11."),
            (3, "Modulo moved about nine keys in ten, most of them between old nodes that did not change at all. The ring moved roughly its share, all of it to n11."),
        ],
    },
    Guided {
        slug: "vnodes-flatten",
        title: "Virtual nodes flatten the load",
        summary: "Eight nodes with one point each on the ring, against eight with 200 points each, on the same 20,000 keys.",
        watch: "With one point per node, each node owns one arc, and arcs of random length make some nodes several times busier than others. With 200 points each, every node owns many small arcs, and their sum evens out. Compare the busiest node against the mean, then watch n9 join.",
        query: "nodes=8&vnodes=1&keys=20000&compare=ring:200&ops=+n9&step=1",
        notes: &[
            (1, "Same keys, same eight nodes. With one virtual node each, the busiest node is well over twice the mean; with 200 each, it is within a few tenths of it."),
            (3, "With one point, n9 took one arc from one neighbour, far from its share. With 200 points it took a little from nearly everyone, close to the ideal."),
        ],
    },
    Guided {
        slug: "replicas-failure",
        title: "Replicas and a failed node",
        summary: "Three copies of every key: look up user42, fail its owner, and see the next replica take over, then hand back.",
        watch: "With replication 3, a key is kept on the first three distinct nodes clockwise from it. Watch the preference list skip a second point of a node already chosen, and when the owner fails, watch its keys go to the node that already held their second copy.",
        query: "nodes=6&vnodes=3&replication=3&keys=120&ops=?user42,!n2,?user42,^n2&step=1",
        notes: &[
            (3, "The first point clockwise from user42 belongs to n2: n2 is the owner."),
            (4, "Walking on, the next points give the replicas. A point of a node already on the list is passed over, so the three copies sit on three different machines."),
            (6, "n2 is down. Only its keys moved, and each went to the next node clockwise, which was already its second replica."),
            (9, "The same key now starts at n3, and the list fills up from further round the ring."),
            (10, "n2 is back, and exactly the keys it had return to it."),
        ],
    },
    Guided {
        slug: "bounded-hot-key",
        title: "Bounded loads under a hot key",
        summary: "Zipfian keys: one name is about a tenth of all requests. A plain ring piles them on one node; bounded loads caps every node at 1.25 × the mean.",
        watch: "Every copy of a hot key hashes to the same point, so a plain ring sends them all to one node. With bounded loads, a node that reaches its capacity (⌈1.25 · keys ÷ nodes⌉) turns the rest away, and they walk on to the next node with room.",
        query: "dist=zipf&nodes=8&vnodes=100&keys=20000&compare=bounded&ops=?key1,+n9&step=1",
        notes: &[
            (1, "The plain ring's busiest node holds over twice the mean; under bounded loads no node holds more than its capacity."),
            (3, "key1 is the hot key. On the ring it lands on the node after it; under bounded loads, the nodes after it were already full, so it walked on."),
            (5, "A join on bounded loads can move a few keys between old nodes: the capacity changes, and keys that had walked on find room nearer home."),
        ],
    },
    Guided {
        slug: "jump-last-bucket",
        title: "Jump hash grows and shrinks at the end",
        summary: "Jump hash needs no memory and moves the fewest keys, but it can only add or drop its last bucket.",
        watch: "Jump hash computes a bucket from 0 to n − 1 with a few multiplications, and when n grows it moves exactly the keys the new bucket should take. Watch what happens when asked to remove a bucket in the middle.",
        query: "algorithm=jump&nodes=6&keys=6000&ops=+n7,-n3,-n7&step=1",
        notes: &[
            (3, "n7 took about a seventh of the keys, every one from the others and none moved between them."),
            (4, "Refused: buckets are numbered, and only the last one can go without renumbering the rest."),
            (6, "Removing the last bucket undoes the join exactly: its keys go back where they were."),
        ],
    },
];
