//! The LSM tree's guided scenarios. A test checks each note's step against the engine, so an
//! engine change cannot quietly move what a note points at.

use crate::widget::Guided;

pub const GUIDED: &[Guided] = &[
    Guided {
        slug: "first-flush",
        title: "A memtable fills and flushes",
        summary: "Four puts into a four-entry memtable: it is sealed, written as the first SSTable, and a get reads it back.",
        watch: "Each put goes to the WAL first, then into the sorted memtable. Watch the fourth put fill it: the memtable is sealed, written to disk as one sorted table with a bloom filter, and its WAL segment is thrown away.",
        query: "memtable=4&ops=p30,p90,p10,p70,g90&step=0",
        notes: &[
            (4, "The memtable holds 4 of its 4 entries: full. The next step takes it out of service."),
            (5, "Sealed: the full memtable is now read-only, and new writes go to a fresh, empty one."),
            (6, "The first SSTable: the same four keys, sorted, written once to disk with a bloom filter and a fence pointer per block."),
            (8, "A get that misses the memtable asks the table's bloom filter first; only a maybe costs a block read."),
        ],
    },
    Guided {
        slug: "leveled-cascade",
        title: "A leveled compaction cascading two levels",
        summary: "Puts over 30 keys until L0 reaches its trigger and merges into L1, which is then over its byte target and spills into L2.",
        watch: "L0 tables may overlap; levels below never do. Watch the fourth flush trip level0_file_num_compaction_trigger: all of L0 merges into L1, split into tables of the target size, and L1, now over its byte target, pushes a table down into L2.",
        query: "memtable=4&ratio=2&ops=p12,p8,p24,p7,p7,p4,p17,p10,p17,p22,p0,p13,p16,p26,p27,p29,p25,p8,p19,p11,p0,p4,p29,p8,p6,p13,p16,p2,p26,p8,p21,p10,p25,p24,p10,p16,p25,p14,p12,p9,p17,p5,p20,p11,p26,p2,p3,p5,p17,p0,p3,p21,p12,p29,p25,p8,p19,p8,p27,p6,p27,p9,p28,p16&step=113",
        notes: &[
            (116, "The fourth table in L0: level0_file_num_compaction_trigger is 4, so a compaction is due."),
            (117, "Every L0 table goes in, with the L1 tables whose key ranges overlap theirs; L0 tables overlap one another, so none can be left out."),
            (118, "The merge keeps only the newest version of each key: keys written more than once leave their older versions behind here."),
            (119, "The new tables are written beside L1, cut at the target file size, while the inputs are still there: a crash now would lose nothing."),
            (120, "Only now are the inputs deleted, and the new tables take their place in L1."),
            (122, "L1 is over its byte target, so one table goes down. This one overlaps nothing in L2, so it simply moves: no bytes rewritten."),
            (126, "Still over target: this table overlaps one in L2, so both are read and rewritten. That rewriting, level after level, is leveled compaction's write amplification."),
        ],
    },
    Guided {
        slug: "tombstone",
        title: "A delete hidden by a tombstone until compaction removes it",
        summary: "Deleting a key that is already on disk writes a tombstone; reads see the key gone, and only a full compaction drops both.",
        watch: "An LSM tree never changes a table in place, so a delete is one more write: a tombstone. Watch a get find the tombstone before the old value, and the full compaction throw both away.",
        query: "memtable=4&ops=p5,p8,p2,p9,d5,p1,p3,p4,g5,compact,r0-10&step=6",
        notes: &[
            (7, "The delete writes a tombstone for 5. The old value of 5 is still in table #1 on disk, untouched."),
            (12, "The flush writes the tombstone into table #2, so the disk now holds both the value and the tombstone that hides it."),
            (14, "The get meets the newer table first and finds the tombstone: key 5 reads as deleted, though its old value is still stored below."),
            (17, "The full compaction merges both tables. Nothing older can be left below the output, so the tombstone is dropped together with the value it shadowed."),
            (19, "The inputs are deleted: from here on, key 5 is in no table at all."),
            (21, "Key 5 is gone for good: neither a value nor a tombstone for it is stored any more."),
        ],
    },
    Guided {
        slug: "bloom-skips",
        title: "Bloom filters skip tables a get need not read",
        summary: "Three overlapping L0 tables: a get asks each one's bloom filter and reads a block only where it says maybe.",
        watch: "Every L0 table covers almost the same key range, so key ranges alone cannot rule any out. Watch the bloom filters answer no for tables without the key, so the get reads one block instead of three.",
        query: "memtable=4&ops=p10,p40,p70,p100,p20,p50,p80,p110,p30,p60,p90,p120,g50,g55&step=18",
        notes: &[
            (20, "Table #3's key range includes 50, so only its bloom filter can rule it out, and it does: no block is read."),
            (21, "Table #2's filter says maybe, and the block the fence pointers point to holds 50. One block read in all."),
            (26, "55 is in none of the three tables, and all three filters say so: the get reads no block at all."),
        ],
    },
    Guided {
        slug: "tiered-vs-leveled",
        title: "Size-tiered against leveled on one workload",
        summary: "The same 5,000 uniform operations into both: tiered writes fewer bytes, leveled keeps fewer tables for a get to ask.",
        watch: "Both trees take the same seeded workload. Compare the figures under each: size-tiered rewrites each byte fewer times (lower write amplification), while leveled keeps fewer overlapping tables (lower read and space amplification).",
        query: "memtable=16&workload=uniform&n=5000&seed=7&compare=tiered&step=1",
        notes: &[
            (1, "After the same 4,988 operations, compare the two lines of figures: leveled has rewritten far more bytes, tiered keeps more overlapping tables."),
        ],
    },
];
