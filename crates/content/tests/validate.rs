//! Content validation: a good file compiles; each kind of mistake is rejected with its line.

use strata_content::{check_path, compile_dir, validate::parse_hours, Source};

const GOOD: &str = r#"id = "tiny"
title = "Tiny path"
level = "beginner"
duration_weeks = 3
weekly_hours = "5-8"
summary = "A small path used by the tests."
prerequisites = ["Curiosity"]
outcomes = ["Pass the tests"]

[[reading]]
id = "ddia"
kind = "book"
title = "Designing Data-Intensive Applications"
authors = "Martin Kleppmann"
year = 2017

[[phase]]
id = "basics"
title = "Basics"

[[phase]]
id = "more"
title = "More"

[[week]]
id = "w01-02"
start = 1
end = 2
phase = "basics"
title = "Storage"
hours = "10-12"
summary = "How bytes land on disk."
readings = ["ddia"]

[[week.group]]
title = "Engines"
hours = "6"

[[week.group.item]]
id = "lsm-trees"
kind = "topic"
title = "LSM trees"
hours = "1.5"
tags = ["lsm", "compaction"]
note = "Sorted runs that compaction merges."

[[week.group.item]]
id = "read-ddia-3"
kind = "reading"
title = "DDIA chapter 3"
reading = "ddia"

[week.checkpoint]
id = "storage-check"
title = "Storage check"
validation = ["Explain an LSM tree"]

[[week]]
id = "w03"
start = 3
phase = "more"
title = "Hashing"
summary = "Spreading keys over nodes."

[[week.group]]
title = "Rings"

[[week.group.item]]
id = "ring"
kind = "lab"
title = "Consistent hashing lab"
tags = ["consistent-hashing"]
"#;

fn errors_of(text: &str) -> Vec<String> {
    match check_path(&Source::new("content/tiny.toml", text)) {
        Ok(_) => vec![],
        Err(e) => e.iter().map(|e| e.to_string()).collect(),
    }
}

/// Replaces the one occurrence of `from` in GOOD, so each test states exactly its mistake.
fn with(from: &str, to: &str) -> String {
    assert_eq!(GOOD.matches(from).count(), 1, "fixture edit `{from}` must be unique");
    GOOD.replace(from, to)
}

fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).unwrap()].matches('\n').count() + 1
}

#[track_caller]
fn assert_single_error(text: &str, at: &str, fragment: &str) {
    let errors = errors_of(text);
    assert_eq!(errors.len(), 1, "expected one error, got {errors:#?}");
    let line = line_of(text, at);
    assert!(errors[0].starts_with(&format!("content/tiny.toml:{line}:")), "wrong place: {}", errors[0]);
    assert!(errors[0].contains(fragment), "`{fragment}` missing from: {}", errors[0]);
}

#[test]
fn good_file_passes() {
    assert_eq!(errors_of(GOOD), Vec::<String>::new());
}

#[test]
fn toml_syntax_error_names_its_line() {
    let text = with("title = \"Storage\"", "title = \"Storage");
    let errors = errors_of(&text);
    assert_eq!(errors.len(), 1);
    assert!(errors[0].starts_with(&format!("content/tiny.toml:{}:", line_of(&text, "title = \"Storage"))), "{}", errors[0]);
}

#[test]
fn missing_required_field_is_rejected() {
    let text = with("summary = \"Spreading keys over nodes.\"\n", "");
    let errors = errors_of(&text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("summary"), "{}", errors[0]);
}

#[test]
fn unknown_field_is_rejected() {
    let text = with("hours = \"1.5\"", "hours = \"1.5\"\ncolour = \"red\"");
    assert_single_error(&text, "colour", "colour");
}

#[test]
fn duplicate_item_id_names_both_lines() {
    let text = with("id = \"ring\"", "id = \"lsm-trees\"");
    let first = line_of(&text, "id = \"lsm-trees\"");
    let errors = errors_of(&text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains(&format!("first defined on line {first}")), "{}", errors[0]);
}

#[test]
fn checkpoint_ids_share_the_item_namespace() {
    let text = with("id = \"storage-check\"", "id = \"ring\"");
    assert_single_error(&text, "id = \"ring\"\nkind", "duplicate");
}

#[test]
fn bad_hours_are_rejected() {
    assert_single_error(&with("hours = \"10-12\"", "hours = \"12-10\""), "12-10", "backwards");
    assert_single_error(&with("hours = \"1.5\"", "hours = \"a lot\""), "a lot", "not an hours figure");
    assert_single_error(&with("weekly_hours = \"5-8\"", "weekly_hours = \"5-\""), "weekly_hours", "not an hours figure");
}

#[test]
fn unresolved_references_are_rejected() {
    // Pointing week 3 elsewhere also leaves phase `more` empty: both are reported.
    let errors = errors_of(&with("phase = \"more\"", "phase = \"later\""));
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].contains("names phase `later`, which no [[phase]] defines"), "{}", errors[0]);
    assert!(errors[1].contains("phase `more` has no weeks"), "{}", errors[1]);
    assert_single_error(&with("readings = [\"ddia\"]", "readings = [\"sicp\"]"), "sicp", "no [[reading]] defines");
    assert_single_error(&with("reading = \"ddia\"", "reading = \"gone\""), "gone", "no [[reading]] defines");
}

#[test]
fn unknown_vocabulary_is_rejected() {
    assert_single_error(&with("tags = [\"consistent-hashing\"]", "tags = [\"hashing\"]"), "\"hashing\"", "unknown tag");
    assert_single_error(&with("kind = \"lab\"", "kind = \"homework\""), "homework", "unknown item kind");
    assert_single_error(&with("level = \"beginner\"", "level = \"wizard\""), "wizard", "unknown level");
}

#[test]
fn weeks_must_cover_the_duration_without_gaps() {
    let gap = with("start = 3", "start = 4").replace("duration_weeks = 3", "duration_weeks = 4");
    assert_single_error(&gap, "start = 4", "without gaps");
    let overlap = with("start = 3", "start = 2").replace("duration_weeks = 3", "duration_weeks = 2");
    assert_single_error(&overlap, "start = 2\nphase", "without gaps");
    let text = with("duration_weeks = 3", "duration_weeks = 4");
    assert_single_error(&text, "duration_weeks", "cover 1..=3");
}

#[test]
fn ids_must_be_slugs_and_match_the_file() {
    assert_single_error(&with("id = \"lsm-trees\"", "id = \"LSM Trees\""), "LSM Trees", "not a slug");
    assert_single_error(&with("id = \"tiny\"", "id = \"small\""), "id = \"small\"", "file name");
}

#[test]
fn urls_and_markup_are_rejected() {
    assert_single_error(&with("How bytes land on disk.", "See https://example.org"), "See https", "URL");
    assert_single_error(&with("How bytes land on disk.", "**Bold** claims"), "**Bold**", "Markdown");
}

#[test]
fn every_error_is_reported_not_just_the_first() {
    let text = with("kind = \"lab\"", "kind = \"homework\"").replace("level = \"beginner\"", "level = \"wizard\"");
    assert_eq!(errors_of(&text).len(), 2);
}

#[test]
fn hours_parse_forms() {
    // Minutes: a 45-minute session is stored exactly.
    assert_eq!(parse_hours("4").map(|h| (h.low, h.high)), Ok((240, 240)));
    assert_eq!(parse_hours("1.5").map(|h| (h.low, h.high)), Ok((90, 90)));
    assert_eq!(parse_hours("0.75").map(|h| (h.low, h.high)), Ok((45, 45)));
    assert_eq!(parse_hours("1.25").map(|h| (h.low, h.high)), Ok((75, 75)));
    assert_eq!(parse_hours("20-25").map(|h| (h.low, h.high)), Ok((1200, 1500)));
    assert_eq!(parse_hours("200").map(|h| h.low), Ok(12000));
    for bad in ["", "-", "3.", ".5", "0.33", "1.125", "4h", "9999", "200.5"] {
        assert!(parse_hours(bad).is_err(), "{bad:?} should be rejected");
    }
    assert!(parse_hours("0.33").unwrap_err().contains("whole number of minutes"));
}

fn scratch_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("strata-content-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn compile_dir_generates_statics_in_index_order() {
    let dir = scratch_dir("good");
    std::fs::write(dir.join("paths.toml"), "paths = [\"tiny\"]\n").unwrap();
    std::fs::write(dir.join("tiny.toml"), GOOD).unwrap();
    let compiled = compile_dir(&dir).unwrap_or_else(|e| panic!("{e:?}"));
    // The app's decoder reads this back; src/curriculum tests check the decoded curriculum.
    assert!(compiled.rust.contains("pub static SHAPE: &[u8] = b\"\\x01"), "one path");
    assert!(compiled.rust.contains("pub static TEXT: &str = \"tinyTiny pathA small path used by the tests."));
    assert!(compiled.rust.contains(r#"pub const TAG_WORDS: &[&str] = &["btree", "indexing", "lsm""#));
}

#[test]
fn compile_dir_rejects_missing_and_unlisted_files() {
    let dir = scratch_dir("index");
    std::fs::write(dir.join("paths.toml"), "paths = [\"tiny\", \"ghost\"]\n").unwrap();
    std::fs::write(dir.join("tiny.toml"), GOOD).unwrap();
    std::fs::write(dir.join("stray.toml"), GOOD.replace("\"tiny\"", "\"stray\"")).unwrap();
    let errors: Vec<String> = compile_dir(&dir).err().unwrap().iter().map(|e| e.to_string()).collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("ghost.toml does not exist")));
    assert!(errors.iter().any(|e| e.contains("stray.toml is not listed")));
}

#[test]
fn a_tag_needs_the_items_own_text_to_mention_it() {
    // Week 3's ring lab is about consistent hashing; tagging it `lsm` is a stretch.
    assert_single_error(&with("tags = [\"consistent-hashing\"]", "tags = [\"consistent-hashing\", \"lsm\"]"), "\"lsm\"]", "never mention it");
    // The evidence may sit in the note rather than the title.
    let noted = with("title = \"Consistent hashing lab\"", "title = \"Ring lab\"\nnote = \"Place keys on a hash ring.\"");
    assert_eq!(errors_of(&noted), Vec::<String>::new());
    // `indexing` is about database index structures, not indexing a catalog.
    let catalog = with("title = \"Consistent hashing lab\"\ntags = [\"consistent-hashing\"]", "title = \"Catalog search index\"\ntags = [\"indexing\"]");
    assert_single_error(&catalog, "[\"indexing\"]", "catalog");
}

#[test]
fn reading_urls_are_https_well_formed_and_untracked() {
    let good = with("year = 2017", "year = 2017\nurl = \"https://dataintensive.net/\"");
    assert_eq!(errors_of(&good), Vec::<String>::new());
    for (url, fragment) in [
        ("http://dataintensive.net/", "https://"),
        ("https://dataintensive.net/?utm_source=x", "utm_source"),
        ("https://example.org/page?id=3&fbclid=abc", "fbclid"),
        ("https://example.org/a?gclid=1", "gclid"),
        ("https://localhost/", "host"),
        ("https://exa mple.org/", "contains"),
        ("https://user@example.org/", "credentials"),
        ("https://example.org/%zz", "percent"),
        ("ftp://example.org/", "https://"),
    ] {
        let text = with("year = 2017", &format!("year = 2017\nurl = \"{url}\""));
        assert_single_error(&text, "url = ", fragment);
    }
}

#[test]
fn suggested_marks_parse_on_every_element_that_can_carry_one() {
    let text = with("year = 2017", "year = 2017\nsuggested = true")
        .replace("title = \"Engines\"", "title = \"Engines\"\nsuggested = true")
        .replace("title = \"LSM trees\"", "title = \"LSM trees\"\nsuggested = true")
        .replace("title = \"Storage check\"", "title = \"Storage check\"\nsuggested = true");
    let doc = check_path(&Source::new("content/tiny.toml", text)).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(doc.readings[0].suggested);
    let week = &doc.weeks[0];
    assert!(week.groups[0].suggested && week.groups[0].items[0].suggested && !week.groups[0].items[1].suggested);
    assert!(week.checkpoint.as_ref().unwrap().suggested);
}
