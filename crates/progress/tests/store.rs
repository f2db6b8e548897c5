//! The progress store and its envelope, natively: migrations, merge, corrupt input, quota
//! and refused storage, reset and undo.

use proptest::prelude::*;
use std::collections::BTreeMap;
use strata_progress::envelope::{self, DecodeError, SCHEMA_VERSION};
use strata_progress::merge::{diff, merge};
use strata_progress::store::{MemoryStorage, Notice, Store, BACKUP_PREFIX, PROGRESS_KEY, UNDO_KEY};
use strata_progress::{Assessment, Key, Plan, Progress, State};

const NOW: u64 = 1_763_719_500_000;

fn sample() -> Progress {
    let mut p = Progress::default();
    p.set(Key::item("data-engineer", "sql-joins"), State::Done, NOW - 5000);
    p.set(Key::item("data-engineer", "python-basics"), State::InProgress, NOW - 4000);
    p.set(Key::check("data-engineer", "sql-checkpoint", 2), State::Done, NOW - 3000);
    p.plans.insert("data-engineer".into(), Plan { start: 20_400, hours_per_week: 85, at: NOW - 2000 });
    p.assessments.insert(
        "data-intensive-systems".into(),
        Assessment { scores: [("database-design".to_string(), 3u8)].into_iter().collect(), at: NOW - 1000 },
    );
    p
}

fn storage_with(text: &str) -> MemoryStorage {
    let mut s = MemoryStorage::default();
    s.entries.insert(PROGRESS_KEY.into(), text.into());
    s
}

#[test]
fn every_schema_version_has_a_fixture_that_loads() {
    // A new schema version must come with a migration and a fixture of the shape it replaces.
    assert_eq!(envelope::MIGRATIONS.len() as u64, SCHEMA_VERSION - 1);
    for version in 1..=SCHEMA_VERSION {
        let path = format!("{}/tests/fixtures/envelope-v{version}.json", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("missing fixture {path}"));
        let loaded = envelope::decode(&text).unwrap_or_else(|e| panic!("v{version}: {e}"));
        assert_eq!(loaded.schema, version);
        let p = &loaded.progress;
        assert_eq!(p.state(&Key::item("data-engineer", "sql-joins")), State::Done);
        assert_eq!(p.state(&Key::item("data-engineer", "python-basics")), State::InProgress);
        // Ids the curriculum no longer has are still loaded: the app lists them as orphaned.
        assert_eq!(p.state(&Key::item("data-engineer", "old-removed-item")), State::Skipped);
        assert_eq!(p.state(&Key::check("data-intensive-systems", "storage-engine-mastery", 2)), State::Done);
        assert_eq!(p.plans["data-engineer"].hours_per_week, 85);
        assert_eq!(p.assessments["data-intensive-systems"].scores["distributed-systems"], 2);
    }
}

#[test]
fn the_envelope_round_trips() {
    let text = envelope::encode(&sample(), "0.1.0", NOW);
    let back = envelope::decode(&text).unwrap();
    assert_eq!(back.progress, sample());
    assert_eq!(back.app, "0.1.0");
    assert!(text.contains("\"updated\":\"2025-11-21T10:05:00Z\""));
}

#[test]
fn decoding_says_what_is_wrong_and_where() {
    const HEAD: &str = "{\"format\":\"strata-progress\",\"schema\":1,";
    let cases = [
        ("{not json".to_string(), "not valid JSON (key must be a string at line 1 column 2)"),
        ("hello".into(), "not valid JSON"),
        ("{\"schema\":1}".into(), "not a Strata progress file"),
        ("[1,2,3]".into(), "not a Strata progress file"),
        ("{\"format\":\"strata-progress\",\"schema\":99}".into(), "newer version of Strata"),
        ("{\"format\":\"strata-progress\",\"schema\":0}".into(), "no schema version"),
        ("{\"format\":\"strata-progress\",\"schema\":\"1\"}".into(), "no schema version"),
        (format!("{HEAD}\"marks\":[]}}"), "marks: invalid type: sequence, expected an object at line 1 column 47"),
        (format!("{HEAD}\"marks\":{{\"Bad Id\":{{\"state\":\"done\",\"at\":1}}}}}}"), "marks › \"Bad Id\" is not an item or checkpoint id"),
        (format!("{HEAD}\"marks\":{{\"p/i\":{{\"state\":\"finished\",\"at\":1}}}}}}"), "marks › \"p/i\" › \"finished\" is not a state"),
        (format!("{HEAD}\"marks\":{{\"p/i\":{{\"state\":\"done\"}}}}}}"), "marks › \"p/i\": missing field \"at\""),
        (format!("{HEAD}\"marks\":{{\"p/i\":{{\"state\":\"done\",\"at\":\"1\"}}}}}}"), "marks › \"p/i\" › at: invalid type: string \"1\", expected a whole number"),
        (format!("{HEAD}\"marks\":{{\"p/i\":{{\"state\":\"done\",\"at\":1.5}}}}}}"), "› at: invalid type: floating point"),
        (format!("{HEAD}\"marks\":{{\"p/i\":{{\"state\":\"done\",\"at\":-1}}}}}}"), "› at: invalid value"),
        (format!("{HEAD}\"marks\":{{\"p/i\":{{\"state\":\"done\",\"at\":9007199254740993}}}}}}"), "too large to be a time"),
        (format!("{HEAD}\"plans\":{{\"p\":{{\"start\":\"2026-02-30\",\"hoursPerWeek\":5,\"at\":1}}}}}}"), "plans › \"p\" › start: \"2026-02-30\" is not a date"),
        (format!("{HEAD}\"plans\":{{\"p\":{{\"start\":\"2026-02-03\",\"hoursPerWeek\":0,\"at\":1}}}}}}"), "plans › \"p\" › hoursPerWeek: not a number of hours per week between 0.1 and 168 at line 1 column 90"),
        (format!("{HEAD}\"plans\":{{\"Bad\":{{\"start\":\"2026-02-03\",\"hoursPerWeek\":5,\"at\":1}}}}}}"), "plans: \"Bad\" is not a path id"),
        (format!("{HEAD}\"assessments\":{{\"p\":{{\"scores\":{{\"d\":6}},\"at\":1}}}}}}"), "assessments › \"p\" › scores: \"d\" has the score 6, outside 1–5"),
        // Strict: a member twice, a field twice, anything after the object.
        (format!("{HEAD}\"marks\":{{\"p/i\":{{\"state\":\"done\",\"at\":1}},\"p/i\":{{\"state\":\"done\",\"at\":2}}}}}}"), "marks › \"p/i\" appears twice"),
        (format!("{HEAD}\"format\":\"strata-progress\"}}"), "duplicate field \"format\""),
        (format!("{HEAD}\"marks\":{{\"p/i\":{{\"state\":\"done\",\"at\":1,\"at\":2}}}}}}"), "duplicate field \"at\""),
        (format!("{HEAD}\"marks\":{{}}}} x"), "not valid JSON (trailing characters at line 1 column"),
    ];
    for (text, expected) in &cases {
        let message = envelope::decode(text).unwrap_err().to_string();
        assert!(message.contains(expected), "{text}: {message}");
        assert!(!message.contains('`'), "no code quotes shown to a learner: {message}");
    }
    assert!(matches!(envelope::decode("{\"format\":\"strata-progress\",\"schema\":2}"), Err(DecodeError::NewerSchema(2))));
    // Members this version does not know are ignored, as earlier versions ignored them.
    assert!(envelope::decode(&format!("{HEAD}\"later\":[1,{{}}]}}")).is_ok());
}

#[test]
fn hours_per_week_are_written_as_earlier_versions_wrote_them() {
    let mut p = Progress::default();
    p.plans.insert("a".into(), Plan { start: 20_400, hours_per_week: 85, at: 1 });
    p.plans.insert("b".into(), Plan { start: 20_400, hours_per_week: 80, at: 1 });
    let text = envelope::encode(&p, "0.1.0", NOW);
    assert!(text.contains("\"a\":{\"start\":\"2025-11-08\",\"hoursPerWeek\":8.5,\"at\":1}"), "{text}");
    assert!(text.contains("\"hoursPerWeek\":8,"), "{text}");
    // Read back rounded half up to tenths, as before.
    let text = text.replace("8.5", "8.25");
    assert_eq!(envelope::decode(&text).unwrap().progress.plans["a"].hours_per_week, 83);
}

#[test]
fn corrupt_storage_is_backed_up_and_the_store_starts_clean() {
    for corrupt in ["{\"format\":\"strata-progress\",\"sch", "[1,2,3]", "{\"format\":\"strata-progress\",\"schema\":7}", ""] {
        let store = Store::open(Some(storage_with(corrupt)), "0.1.0", NOW);
        assert!(store.progress().is_empty());
        let Some(Notice::Recovered { backup_key, reason }) = store.notice().cloned() else { panic!("no notice for {corrupt:?}") };
        assert_eq!(backup_key, format!("{BACKUP_PREFIX}{NOW}"));
        assert!(!reason.is_empty());
        assert_eq!(store.recovered_text(), Some(corrupt));
        let mut store = store;
        store.update(|p| p.set(Key::item("p", "a"), State::Done, NOW));
        store.save(NOW);
        // The raw text survives the next save, under its backup key.
        let storage = store_storage(&store);
        assert_eq!(storage.entries.get(&backup_key).map(String::as_str), Some(corrupt));
        assert!(envelope::decode(&storage.entries[PROGRESS_KEY]).is_ok());
    }
}

/// The storage behind a store, read back by exporting through a fresh open.
fn store_storage(store: &Store<MemoryStorage>) -> &MemoryStorage {
    store.storage().expect("storage")
}

#[test]
fn missing_or_refused_storage_works_in_memory_and_says_so_once() {
    let mut store: Store<MemoryStorage> = Store::open(None, "0.1.0", NOW);
    assert_eq!(store.notice(), Some(&Notice::MemoryOnly));
    store.update(|p| p.set(Key::item("p", "a"), State::Done, NOW));
    store.save(NOW);
    assert_eq!(store.progress().state(&Key::item("p", "a")), State::Done);
    store.dismiss_notice();
    store.update(|p| p.set(Key::item("p", "b"), State::Done, NOW));
    store.save(NOW);
    assert_eq!(store.notice(), None, "told once, not on every change");

    let refused = MemoryStorage { refuse: true, ..Default::default() };
    let store = Store::open(Some(refused), "0.1.0", NOW);
    assert!(store.is_memory_only());
    assert_eq!(store.notice(), Some(&Notice::MemoryOnly));
}

#[test]
fn full_storage_keeps_changes_in_memory_and_retries() {
    let full = MemoryStorage { capacity: Some(200), ..Default::default() };
    let mut store = Store::open(Some(full), "0.1.0", NOW);
    store.update(|p| *p = sample());
    store.save(NOW);
    assert_eq!(store.notice(), Some(&Notice::Full));
    assert!(store.is_dirty());
    assert_eq!(store.progress(), &sample(), "nothing recorded is lost in memory");
    assert!(store.export(NOW).contains("sql-joins"), "the export offered by the notice has everything");
    // Room again (the learner cleared space): the next save goes through and the notice goes.
    store.storage_mut().unwrap().capacity = None;
    store.update(|p| p.set(Key::item("p", "x"), State::Done, NOW));
    store.save(NOW);
    assert_eq!(store.notice(), None);
    assert!(!store.is_dirty());
}

#[test]
fn reset_can_be_undone_even_after_a_reload() {
    let mut store = Store::open(Some(MemoryStorage::default()), "0.1.0", NOW);
    store.replace(sample(), NOW);
    store.reset(NOW + 1);
    assert!(store.progress().is_empty());
    // Reload: a new store over the same storage.
    let storage = store.storage().unwrap().clone();
    assert!(storage.entries.contains_key(UNDO_KEY));
    let mut store = Store::open(Some(storage), "0.1.0", NOW + 2);
    assert!(store.progress().is_empty());
    store.update(|p| p.set(Key::item("p", "new"), State::Done, NOW + 3));
    assert!(store.undo_reset(NOW + 4));
    let mut expected = sample();
    expected.set(Key::item("p", "new"), State::Done, NOW + 3);
    assert_eq!(store.progress(), &expected);
    assert!(!store.storage().unwrap().entries.contains_key(UNDO_KEY));
    assert!(!store.undo_reset(NOW + 5), "only once");
}

#[test]
fn reset_can_be_undone_without_storage_too() {
    let mut store: Store<MemoryStorage> = Store::open(None, "0.1.0", NOW);
    store.replace(sample(), NOW);
    store.reset(NOW + 1);
    assert!(store.progress().is_empty());
    assert!(store.undo_reset(NOW + 2));
    assert_eq!(store.progress(), &sample());
    assert!(!store.undo_reset(NOW + 3), "only once");
}

#[test]
fn another_tabs_write_is_taken_with_our_unsaved_changes() {
    let mut store = Store::open(Some(MemoryStorage::default()), "0.1.0", NOW);
    let mut theirs = Progress::default();
    theirs.set(Key::item("p", "a"), State::Done, NOW + 10);
    store.reload(Some(&envelope::encode(&theirs, "0.1.0", NOW)));
    assert_eq!(store.progress(), &theirs);
    store.update(|p| p.set(Key::item("p", "b"), State::Skipped, NOW + 20));
    store.reload(Some(&envelope::encode(&theirs, "0.1.0", NOW)));
    assert_eq!(store.progress().state(&Key::item("p", "b")), State::Skipped);
    store.reload(Some("garbage"));
    assert_eq!(store.progress().state(&Key::item("p", "a")), State::Done, "unreadable text from elsewhere changes nothing");
}

fn arb_state() -> impl Strategy<Value = State> {
    prop::sample::select(State::ALL.to_vec())
}

fn arb_progress() -> impl Strategy<Value = Progress> {
    let key = (0u8..3, 0u8..6, prop::option::of(1u16..4)).prop_map(|(p, i, line)| match line {
        None => Key::item(&format!("path-{p}"), &format!("item-{i}")),
        Some(l) => Key::check(&format!("path-{p}"), &format!("cp-{i}"), l),
    });
    let marks = prop::collection::btree_map(key, (arb_state(), 0u64..20), 0..12);
    let plans = prop::collection::btree_map(
        (0u8..3).prop_map(|p| format!("path-{p}")),
        (-1000i32..30_000, 1u16..1680, 0u64..20),
        0..3,
    );
    let scores = prop::collection::btree_map((0u8..4).prop_map(|d| format!("d{d}")), 1u8..=5, 0..4);
    let assessments = prop::collection::btree_map((0u8..2).prop_map(|p| format!("path-{p}")), (scores, 0u64..20), 0..2);
    (marks, plans, assessments).prop_map(|(marks, plans, assessments)| Progress {
        marks: marks.into_iter().map(|(k, (state, at))| (k, strata_progress::Mark { state, at })).collect(),
        plans: plans.into_iter().map(|(p, (start, hours_per_week, at))| (p, Plan { start, hours_per_week, at })).collect(),
        assessments: assessments.into_iter().map(|(p, (scores, at))| (p, Assessment { scores: scores.into_iter().collect(), at })).collect(),
    })
}

proptest! {
    #[test]
    fn any_progress_round_trips_through_the_envelope(p in arb_progress()) {
        let text = envelope::encode(&p, "9.9.9", NOW);
        prop_assert_eq!(envelope::decode(&text).unwrap().progress, p);
    }

    #[test]
    fn merge_keeps_the_newer_record_per_key(a in arb_progress(), b in arb_progress()) {
        let merged = merge(&a, &b);
        // Reference model: every key of either side, the incoming one only when strictly newer.
        let mut expected: BTreeMap<Key, strata_progress::Mark> = a.marks.iter().map(|(k, m)| (k.clone(), *m)).collect();
        for (k, m) in b.marks.iter() {
            match expected.get(k) {
                Some(old) if old.at >= m.at => {}
                _ => { expected.insert(k.clone(), *m); }
            }
        }
        prop_assert_eq!(&merged.marks.iter().map(|(k, m)| (k.clone(), *m)).collect::<BTreeMap<_, _>>(), &expected);
        prop_assert_eq!(merged.plans.len(), a.plans.keys().chain(b.plans.keys()).collect::<std::collections::BTreeSet<_>>().len());
        // Merging is idempotent, and merging in what is already there changes nothing.
        prop_assert_eq!(merge(&merged, &b), merged.clone());
        prop_assert_eq!(merge(&merged, &a), merged);
    }

    #[test]
    fn diff_lists_exactly_the_changed_states(a in arb_progress(), b in arb_progress()) {
        let d = diff(&a, &b);
        for change in &d.changes {
            prop_assert_eq!(a.state(&change.key), change.from);
            prop_assert_eq!(b.state(&change.key), change.to);
            prop_assert_ne!(change.from, change.to);
        }
        let all_keys: std::collections::BTreeSet<&Key> = a.marks.keys().chain(b.marks.keys()).collect();
        let changed = all_keys.iter().filter(|k| a.state(k) != b.state(k)).count();
        prop_assert_eq!(d.changes.len(), changed);
        prop_assert!(diff(&a, &a).is_empty());
    }

    #[test]
    fn arbitrary_text_never_panics_the_store(text in ".{0,200}") {
        let store = Store::open(Some(storage_with(&text)), "0.1.0", NOW);
        // Either it loaded, or it was recovered with a notice: never silently dropped.
        prop_assert!(store.notice().is_some() || envelope::decode(&text).is_ok());
    }
}
