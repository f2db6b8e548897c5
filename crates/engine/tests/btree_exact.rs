//! Exact behaviour of the default algorithms (and a few preemptive ones), pinned on small
//! trees worked out by hand: split positions, borrow and merge order, predecessor versus
//! successor, captions, refusals and counters.

use strata_engine::btree::{BTree, Config, Counters, DeletePolicy, NodeId, Variant};
use strata_engine::step::{NoSteps, Timeline, Tone};

fn with(config: Config, keys: &[u32]) -> BTree {
    let mut t = BTree::new(config);
    for &k in keys {
        assert!(t.insert(k, &mut NoSteps), "insert {k}");
    }
    t.check_invariants().unwrap();
    t
}

fn b(degree: u8, keys: &[u32]) -> BTree {
    with(Config { degree, ..Config::default() }, keys)
}

/// The tree as nested brackets: `[9]([7] [23 46])`.
fn shape(t: &BTree) -> String {
    fn node(t: &BTree, id: NodeId) -> String {
        let n = t.node(id);
        let keys: Vec<String> = n.keys.iter().map(u32::to_string).collect();
        let mut s = format!("[{}]", keys.join(" "));
        if !n.is_leaf() {
            let children: Vec<String> = n.children.iter().map(|&c| node(t, c)).collect();
            s += &format!("({})", children.join(" "));
        }
        s
    }
    t.root().map_or_else(|| "empty".to_string(), |r| node(t, r.id))
}

/// Runs `op` on `t` with a timeline and returns the captions it recorded.
fn captions(t: &mut BTree, op: impl FnOnce(&mut BTree, &mut Timeline<BTree>)) -> (Vec<String>, Timeline<BTree>) {
    let mut timeline = Timeline::new(t);
    timeline.begin_op("op");
    op(t, &mut timeline);
    (timeline.steps.iter().map(|s| s.caption.clone()).collect(), timeline)
}

#[test]
fn b_tree_degree_4_splits_at_the_second_key() {
    let mut t = b(4, &[7, 9, 23]);
    let root_id = t.root().unwrap().id;
    let (caps, timeline) = captions(&mut t, |t, r| assert!(t.insert(46, r)));
    assert_eq!(shape(&t), "[9]([7] [23 46])");
    // The left half keeps the old id; the right half and the root are new.
    let root = t.root().unwrap();
    assert_eq!(root.children[0], root_id);
    assert!(root.id > root_id && root.children[1] > root_id);
    assert_eq!(t.height(), 2);
    assert_eq!(
        caps,
        [
            "46 goes into the root [7 9 23 46]: that is 4 keys, one more than degree 4 allows.".to_string(),
            "Root [7 9 23 46] is too full: 9 moves up into a new root; [7] and [23 46] become siblings.".to_string(),
            "The root split, so the tree grows a level: new root [9].".to_string(),
        ]
    );
    let tones: Vec<Tone> = timeline.steps.iter().map(|s| s.highlight.tone).collect();
    assert_eq!(tones, [Tone::Change, Tone::Change, Tone::Change]);
    // The overfull step says which node is mid-repair.
    assert_eq!(timeline.steps[0].state.pending(), Some(root_id));
    assert_eq!(t.pending(), None);
}

#[test]
fn b_tree_odd_degree_and_cascading_split() {
    // Degree 3 splits a 3-key node at its middle key.
    assert_eq!(shape(&b(3, &[1, 2, 3])), "[2]([1] [3])");
    // Degree 5 (4 keys max) splits a 5-key node at index 2.
    assert_eq!(shape(&b(5, &[1, 2, 3, 4, 5])), "[3]([1 2] [4 5])");
    // Degree 4, 1..=10: the last insert splits a leaf and then the root.
    let mut t = b(4, &[1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert_eq!(shape(&t), "[2 4 6]([1] [3] [5] [7 8 9])");
    let (caps, _) = captions(&mut t, |t, r| assert!(t.insert(10, r)));
    assert_eq!(shape(&t), "[4]([2]([1] [3]) [6 8]([5] [7] [9 10]))");
    assert!(
        caps.contains(
            &"Leaf [7 8 9 10] is too full: 8 moves up into the root [2 4 6 8]; [7] and [9 10] become siblings."
                .to_string()
        ),
        "{caps:#?}"
    );
    assert!(
        caps.contains(
            &"Root [2 4 6 8] is too full: 4 moves up into a new root; [2] and [6 8] become siblings.".to_string()
        ),
        "{caps:#?}"
    );
}

#[test]
fn b_plus_degree_4_leaf_split_copies_the_first_right_key_up() {
    let mut t = with(Config { variant: Variant::BPlus, degree: 4, ..Config::default() }, &[1, 2, 3]);
    let (caps, _) = captions(&mut t, |t, r| assert!(t.insert(4, r)));
    assert_eq!(shape(&t), "[3]([1 2] [3 4])");
    let root = t.root().unwrap();
    let (left, right) = (root.children[0], root.children[1]);
    assert_eq!(t.node(left).next, Some(right));
    assert_eq!(t.node(right).next, None);
    assert_eq!(t.keys(), [1, 2, 3, 4]);
    assert!(
        caps.contains(
            &"Root [1 2 3 4] is too full: it splits into [1 2] and [3 4], and a copy of 3 goes up into a new root."
                .to_string()
        ),
        "{caps:#?}"
    );
}

#[test]
fn b_plus_internal_split_pushes_the_middle_key_out() {
    let config = Config { variant: Variant::BPlus, degree: 4, ..Config::default() };
    let t = with(config, &[1, 2, 3, 4, 5, 6, 7, 8]);
    // Leaves split at index 2 of 4; the root [3 5 7] overflows with 9 … see below.
    assert_eq!(shape(&t), "[3 5 7]([1 2] [3 4] [5 6] [7 8])");
    let t = with(config, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // [3 5 7 9] splits at index 2: 7 leaves the node for the new root.
    assert_eq!(shape(&t), "[7]([3 5]([1 2] [3 4] [5 6]) [9]([7 8] [9 10]))");
    assert_eq!(t.keys(), (1..=10).collect::<Vec<_>>());
}

#[test]
fn search_captions_show_the_comparisons() {
    let mut t = b(4, &[10, 20, 30, 40, 50, 60]);
    assert_eq!(shape(&t), "[20 40]([10] [30] [50 60])");
    let (caps, timeline) = captions(&mut t, |t, r| assert!(!t.search(23, r)));
    assert_eq!(
        caps,
        [
            "Root [20 40]: 23 > 20 and 23 < 40, so go to child 2 of 3.",
            "Leaf [30]: 23 would come before 30, but it is not here, so 23 is not in the tree.",
        ]
    );
    assert_eq!(timeline.steps[1].highlight.tone, Tone::Refused);
    let (caps, timeline) = captions(&mut t, |t, r| assert!(t.search(40, r)));
    assert_eq!(caps, ["Root [20 40]: found 40."]);
    assert_eq!(timeline.steps[0].highlight.tone, Tone::Found);
    // A search changes no node: every step shares the starting snapshot itself, and only the
    // read counters kept beside it move.
    assert!(timeline.steps.iter().all(|s| std::rc::Rc::ptr_eq(&s.state, &timeline.initial)));
    assert!(timeline.steps.windows(2).all(|w| w[0].counters.reads < w[1].counters.reads));

    let mut p = with(Config { variant: Variant::BPlus, degree: 4, ..Config::default() }, &[1, 2, 3, 4]);
    let (caps, _) = captions(&mut p, |t, r| assert!(t.search(3, r)));
    assert_eq!(caps, ["Root [3]: 3 ≥ 3, so go to child 2 of 2.", "Leaf [3 4]: found 3."]);
}

#[test]
fn duplicate_and_out_of_range_inserts_are_refused_with_a_step() {
    for variant in [Variant::B, Variant::BPlus] {
        let mut t = with(Config { variant, ..Config::default() }, &[5, 23, 40]);
        let before = shape(&t);
        let (caps, timeline) = captions(&mut t, |t, r| assert!(!t.insert(23, r)));
        let last = timeline.steps.last().unwrap();
        assert_eq!(last.highlight.tone, Tone::Refused);
        assert!(caps.last().unwrap().contains("23 is already in the tree"), "{caps:?}");
        assert!(caps.last().unwrap().contains("nothing changes"), "{caps:?}");
        assert_eq!(shape(&t), before, "a refused insert changes nothing");
        assert_eq!(t.len(), 3);

        let (caps, _) = captions(&mut t, |t, r| assert!(!t.insert(100_000, r)));
        assert_eq!(caps, ["100000 is outside the key range 0 to 99,999, so it is refused."]);
    }
}

#[test]
fn delete_borrows_from_the_left_sibling_first() {
    let mut t = b(4, &[10, 20, 30, 40, 5]);
    assert_eq!(shape(&t), "[20]([5 10] [30 40])");
    assert!(t.delete(30, &mut NoSteps));
    let (caps, _) = captions(&mut t, |t, r| assert!(t.delete(40, r)));
    assert_eq!(shape(&t), "[10]([5] [20])");
    assert_eq!(t.counters.borrows, 1);
    assert!(
        caps.contains(&"Leaf [] is short a key: it borrows from its left sibling through the parent: 10 moves up and 20 comes down, giving [20].".to_string()),
        "{caps:#?}"
    );
    t.check_invariants().unwrap();
}

#[test]
fn delete_borrows_from_the_right_when_the_left_cannot_spare() {
    let mut t = b(4, &[10, 20, 30, 40, 50, 60]);
    assert_eq!(shape(&t), "[20 40]([10] [30] [50 60])");
    let (caps, _) = captions(&mut t, |t, r| assert!(t.delete(30, r)));
    assert_eq!(shape(&t), "[20 50]([10] [40] [60])");
    assert!(
        caps.iter()
            .any(|c| c.contains("borrows from its right sibling") && c.contains("50 moves up and 40 comes down")),
        "{caps:#?}"
    );
}

#[test]
fn delete_merge_can_shrink_the_height() {
    let mut t = b(4, &[10, 20, 30, 40]);
    assert!(t.delete(40, &mut NoSteps));
    assert_eq!(shape(&t), "[20]([10] [30])");
    let (caps, timeline) = captions(&mut t, |t, r| assert!(t.delete(30, r)));
    assert_eq!(shape(&t), "[10 20]");
    assert_eq!(t.height(), 1);
    assert!(
        caps.contains(
            &"Remove 30, leaving leaf []. That leaves it with 0 keys, one fewer than the minimum of 1.".to_string()
        ),
        "{caps:#?}"
    );
    assert_eq!(t.counters.merges, 1);
    assert_eq!(
        caps[caps.len() - 2..],
        [
            "Leaf [] is short a key, and its left sibling can't spare one, so it merges with its left sibling [10], and 20 comes down from the parent: [10 20].".to_string(),
            "The root has no keys left, so its only child [10 20] becomes the root: the tree is one level shorter.".to_string(),
        ]
    );
    // Mid-repair the emptied root is the pending node; the step after shows it gone.
    let merged = &timeline.steps[timeline.steps.len() - 2].state;
    assert_eq!(merged.pending(), merged.root().map(|r| r.id));
    assert_eq!(merged.root().unwrap().keys.len(), 0);
}

#[test]
fn merge_of_the_first_child_takes_its_right_sibling() {
    let mut t = b(4, &[10, 20, 30, 40]);
    assert!(t.delete(40, &mut NoSteps));
    assert!(t.delete(10, &mut NoSteps));
    assert_eq!(shape(&t), "[20 30]");
}

#[test]
fn predecessor_and_successor_policies_differ() {
    let keys = [10, 20, 30, 40, 50, 60];
    let mut pred = b(4, &keys);
    let (caps, _) = captions(&mut pred, |t, r| assert!(t.delete(20, r)));
    // 10 replaces 20; its emptied leaf merges with [30] taking 10 back down.
    assert_eq!(shape(&pred), "[40]([10 30] [50 60])");
    assert!(caps.iter().any(|c| c.starts_with("10, the largest key in its left subtree, replaces 20")), "{caps:#?}");

    let mut succ = with(Config { policy: DeletePolicy::Successor, ..Config::default() }, &keys);
    let (caps, _) = captions(&mut succ, |t, r| assert!(t.delete(20, r)));
    // 30 replaces 20; its emptied leaf borrows through the parent from [50 60].
    assert_eq!(shape(&succ), "[30 50]([10] [40] [60])");
    assert!(caps.iter().any(|c| c.starts_with("30, the smallest key in its right subtree, replaces 20")), "{caps:#?}");
}

#[test]
fn missing_key_delete_is_refused_with_a_step() {
    let mut t = b(4, &[10, 20, 30, 40]);
    let (caps, timeline) = captions(&mut t, |t, r| assert!(!t.delete(25, r)));
    assert_eq!(timeline.steps.last().unwrap().highlight.tone, Tone::Refused);
    assert!(caps.last().unwrap().contains("25 is not in the tree"), "{caps:?}");
    assert_eq!(t.len(), 4);
    let mut empty = b(4, &[]);
    let (caps, _) = captions(&mut empty, |t, r| assert!(!t.delete(1, r)));
    assert_eq!(caps, ["The tree is empty, so there is no 1 to delete."]);
}

#[test]
fn b_plus_delete_keeps_separators_exact_and_the_chain_linked() {
    let config = Config { variant: Variant::BPlus, degree: 4, ..Config::default() };
    let mut t = with(config, &[1, 2, 3, 4, 5, 6]);
    assert_eq!(shape(&t), "[3 5]([1 2] [3 4] [5 6])");
    // Deleting a leaf's smallest key renames the separator that named it.
    let (caps, _) = captions(&mut t, |t, r| assert!(t.delete(5, r)));
    assert_eq!(shape(&t), "[3 6]([1 2] [3 4] [6])");
    assert!(caps.iter().any(|c| c.contains("The separator 5 in the root [3 6] becomes 6")), "{caps:#?}");
    // The emptied leaf borrows 4 from its left sibling; the separator follows.
    let (caps, _) = captions(&mut t, |t, r| assert!(t.delete(6, r)));
    assert_eq!(shape(&t), "[3 4]([1 2] [3] [4])");
    assert!(caps.iter().any(|c| c.contains("borrows 4 from its left sibling")), "{caps:#?}");
    // Now nobody can spare: the emptied last leaf merges left and its separator goes.
    assert!(t.delete(4, &mut NoSteps));
    assert_eq!(shape(&t), "[3]([1 2] [3])");
    // The emptied first leaf merges with its right sibling and the root gives way.
    assert!(t.delete(1, &mut NoSteps));
    assert!(t.delete(2, &mut NoSteps));
    assert_eq!(shape(&t), "[3]");
    assert_eq!(t.keys(), [3]);
    t.check_invariants().unwrap();
}

#[test]
fn b_plus_separator_higher_up_is_renamed() {
    let config = Config { variant: Variant::BPlus, degree: 4, ..Config::default() };
    let mut t = with(config, &(1..=10).collect::<Vec<_>>());
    assert_eq!(shape(&t), "[7]([3 5]([1 2] [3 4] [5 6]) [9]([7 8] [9 10]))");
    // 7 is the smallest key of the root's right subtree: the root's separator must follow.
    assert!(t.delete(7, &mut NoSteps));
    assert_eq!(shape(&t), "[8]([3 5]([1 2] [3 4] [5 6]) [9]([8] [9 10]))");
    t.check_invariants().unwrap();
}

#[test]
fn preemptive_insert_splits_full_nodes_on_the_way_down() {
    let keys: Vec<u32> = (1..=9).collect();
    let lazy = b(4, &keys);
    let eager = with(Config { preemptive: true, ..Config::default() }, &keys);
    assert_eq!(shape(&lazy), "[2 4 6]([1] [3] [5] [7 8 9])");
    // Inserting 9 met the full root [2 4 6] and split it before going down.
    assert_eq!(shape(&eager), "[4]([2]([1] [3]) [6]([5] [7 8 9]))");
    let mut eager = eager;
    let (caps, timeline) = captions(&mut eager, |t, r| assert!(t.insert(10, r)));
    assert_eq!(shape(&eager), "[4]([2]([1] [3]) [6 8]([5] [7] [9 10]))");
    assert!(caps.iter().any(|c| c == "Leaf [7 8 9] is full, so it splits before going further down: 8 moves up into node [6 8]; [7] and [9] become siblings."), "{caps:#?}");
    // Nothing ever overflows.
    assert!(timeline.steps.iter().all(|s| s.state.pending().is_none()));
    // Odd degrees ignore the option.
    let odd = with(Config { degree: 5, preemptive: true, ..Config::default() }, &keys);
    assert_eq!(shape(&odd), shape(&b(5, &keys)));
}

#[test]
fn preemptive_delete_tops_up_on_the_way_down() {
    let config = Config { preemptive: true, ..Config::default() };
    let mut t = with(config, &(1..=10).collect::<Vec<_>>());
    assert_eq!(shape(&t), "[4]([2]([1] [3]) [6 8]([5] [7] [9 10]))");
    let (caps, timeline) = captions(&mut t, |t, r| assert!(t.delete(1, r)));
    assert_eq!(shape(&t), "[6]([4]([2 3] [5]) [8]([7] [9 10]))");
    assert!(caps[1].starts_with("Node [2] has only the minimum of 1 key, too few to lose one on the way down: it borrows from its right sibling"), "{caps:#?}");
    assert!(timeline.steps.iter().all(|s| s.state.pending().is_none()));
}

#[test]
fn counters_for_a_known_sequence() {
    let mut t = b(4, &[]);
    for k in [7, 9, 23, 46] {
        t.insert(k, &mut NoSteps);
    }
    // 7: new root (1 write). 9, 23: read and write the root. 46: read the root, write it,
    // split it (new right node and new root: 2 more writes).
    assert_eq!(t.counters, Counters { reads: 3, writes: 6, splits: 1, merges: 0, borrows: 0 });
    let before = t.counters;
    t.search(46, &mut NoSteps);
    assert_eq!(t.counters.since(&before), Counters { reads: 2, ..Counters::default() });
    let before = t.counters;
    // Delete 7: read root and leaf [7], remove (write), look at right sibling [23 46] (read),
    // borrow: writes the leaf (already counted), the sibling and the root.
    t.delete(7, &mut NoSteps);
    assert_eq!(shape(&t), "[23]([9] [46])");
    assert_eq!(t.counters.since(&before), Counters { reads: 3, writes: 3, splits: 0, merges: 0, borrows: 1 });
}

#[test]
fn range_scans_both_variants() {
    let mut t = b(4, &(1..=20).collect::<Vec<_>>());
    let (caps, _) = captions(&mut t, |t, r| assert_eq!(t.range(5, 9, r), [5, 6, 7, 8, 9]));
    assert_eq!(caps.last().unwrap(), "Done: 5 keys from 5 to 9: 5 6 7 8 9.");

    let config = Config { variant: Variant::BPlus, degree: 4, ..Config::default() };
    let mut p = with(config, &(1..=10).collect::<Vec<_>>());
    let (caps, timeline) = captions(&mut p, |t, r| assert_eq!(t.range(4, 7, r), [4, 5, 6, 7]));
    assert_eq!(
        caps,
        [
            "Root [7]: find the leaf for the low end 4: 4 < 7, so go to child 1 of 2.",
            "Node [3 5]: find the leaf for the low end 4: 4 ≥ 3 and 4 < 5, so go to child 2 of 3.",
            "Leaf [3 4]: collect 4; 4 < 7, so follow the link to the next leaf.",
            "Leaf [5 6]: collect 5 6; 6 < 7, so follow the link to the next leaf.",
            "Leaf [7 8]: collect 7; 8 ≥ 7, so the scan stops with 4 keys.",
        ]
    );
    assert_eq!(timeline.steps[4].highlight.keys, [7]);
    let (caps, _) = captions(&mut p, |t, r| assert!(t.range(9, 3, r).is_empty()));
    assert_eq!(caps, ["The range 9 to 3 is empty: its low end is above its high end."]);
}

#[test]
fn bulk_load_packs_levels_bottom_up() {
    // B+ degree 4 at 100%: leaves of 3; a last leaf of 1 key is fine (the minimum is 1).
    let config = Config { variant: Variant::BPlus, degree: 4, ..Config::default() };
    let mut t = BTree::new(config);
    let (caps, timeline) = captions(&mut t, |t, r| t.bulk_load(&(1..=10).collect::<Vec<_>>(), 100, r));
    assert_eq!(shape(&t), "[4 7 10]([1 2 3] [4 5 6] [7 8 9] [10])");
    assert_eq!(timeline.steps.len(), 2);
    assert_eq!(caps[0], "Level 1: 4 leaves of up to 3 keys, filled left to right with the sorted keys.");
    assert!(caps[1].starts_with("Level 2: the root [4 7 10] tops the tree"), "{caps:#?}");
    assert!(caps[1].ends_with("Done: 10 keys in 5 nodes, height 2."), "{caps:#?}");
    assert_eq!(timeline.steps[0].highlight.nodes.len(), 4);
    t.check_invariants().unwrap();

    // B+ degree 5 (2..=4 keys): a last leaf of 1 would be short, so the last two share 5 keys.
    let config = Config { variant: Variant::BPlus, degree: 5, ..Config::default() };
    let mut t = BTree::new(config);
    t.bulk_load(&(1..=9).collect::<Vec<_>>(), 100, &mut NoSteps);
    assert_eq!(shape(&t), "[5 8]([1 2 3 4] [5 6 7] [8 9])");
    t.check_invariants().unwrap();

    // B-tree degree 4 at 60% (2 keys a leaf): separators come out of the key stream.
    let mut t = b(4, &[]);
    t.bulk_load(&(1..=11).collect::<Vec<_>>(), 60, &mut NoSteps);
    assert_eq!(shape(&t), "[3 6 9]([1 2] [4 5] [7 8] [10 11])");

    // Unsorted input is cleaned up, and the caption says so.
    let mut t = b(3, &[50]);
    let (caps, _) = captions(&mut t, |t, r| t.bulk_load(&[5, 3, 3, 200_000, 1], 100, r));
    assert_eq!(t.keys(), [1, 3, 5]);
    assert!(caps[0].contains("not strictly ascending") && caps[0].contains("1 key above 99,999 dropped"), "{caps:#?}");
}

#[test]
fn random_fill_records_one_summary_step() {
    let mut t = b(4, &[]);
    let (caps, _) = captions(&mut t, |t, r| t.random_fill(1000, 7, r));
    assert_eq!(t.len(), 1000);
    assert_eq!(caps.len(), 1);
    assert_eq!(
        caps[0],
        format!("Inserted 1,000 random keys (seed 7): height {}, {} nodes.", t.height(), t.node_count())
    );
    t.check_invariants().unwrap();
    let mut again = b(4, &[]);
    again.random_fill(1000, 7, &mut NoSteps);
    assert_eq!(again.keys(), t.keys());
    let (caps, _) = captions(&mut t, |t, r| t.clear(r));
    assert_eq!(caps, ["Cleared 1,000 keys: the tree is empty."]);
    assert!(t.is_empty() && t.root().is_none());
}

#[test]
fn node_ids_are_never_reused_and_degrees_are_clamped() {
    let mut t = b(4, &(1..=30).collect::<Vec<_>>());
    let first_ids: Vec<u32> = (0..t.node_count() as u32).collect();
    t.clear(&mut NoSteps);
    t.insert(1, &mut NoSteps);
    assert!(!first_ids.contains(&t.root().unwrap().id));
    assert_eq!(BTree::new(Config { degree: 0, ..Config::default() }).config().degree, 3);
    assert_eq!(BTree::new(Config { degree: 200, ..Config::default() }).config().degree, 10);
}
