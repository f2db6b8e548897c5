//! The curriculum stays faithful to its sources (issue 16): what each source asks for is
//! there, what Strata added is marked as its suggestion, tags are earned, readings link to
//! their canonical addresses, and no learner's marks lose their item.
//!
//! The build already rejects a tag whose item never mentions it and a malformed reading
//! address (crates/content); these tests pin the decoded result and the specific findings.

use super::*;

fn path(id: &str) -> &'static Path {
    find_path(id).unwrap_or_else(|| panic!("path {id}"))
}

fn item(path_id: &str, item_id: &str) -> &'static Item {
    path(path_id).weeks.iter().flat_map(|w| w.items()).find(|i| i.id == item_id).unwrap_or_else(|| panic!("{path_id}/{item_id} is missing"))
}

fn week(path_id: &str, week_id: &str) -> &'static Week {
    path(path_id).week(week_id).unwrap_or_else(|| panic!("{path_id}/{week_id}")).1
}

#[test]
fn no_progress_key_of_before_issue_16_is_orphaned() {
    let before = include_str!("fixtures/ids-before-issue-16.txt");
    for line in before.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let (path_id, rest) = line.split_once('/').unwrap();
        let p = path(path_id);
        match rest.split_once('#') {
            None => assert!(p.weeks.iter().flat_map(|w| w.items()).any(|i| i.id == rest), "item {line} vanished: its marks would be orphans"),
            Some((cp, lines)) => {
                let now = p.weeks.iter().filter_map(|w| w.checkpoint.as_ref()).find(|c| c.id == cp);
                let now = now.unwrap_or_else(|| panic!("checkpoint {path_id}/{cp} vanished"));
                assert!(now.validation.len() >= lines.parse::<usize>().unwrap(), "checkpoint {line} lost lines, whose ticks are keyed by position");
            }
        }
    }
}

#[test]
fn every_reading_address_is_https_and_untracked_and_most_readings_have_one() {
    let readings: Vec<&Reading> = paths().iter().flat_map(|p| p.readings.iter()).collect();
    let linked: Vec<&str> = readings.iter().filter_map(|r| r.url).collect();
    for url in &linked {
        assert!(url.starts_with("https://") && !url.contains(' '), "{url}");
        assert!(!url.contains("utm_") && !url.contains("fbclid") && !url.contains("gclid"), "{url}");
    }
    assert!(linked.len() >= 70, "only {} of {} readings link anywhere", linked.len(), readings.len());
    assert_eq!(path("data-intensive-systems").readings.iter().find(|r| r.id == "cassandra-paper").and_then(|r| r.url), Some("https://doi.org/10.1145/1773912.1773922"));
}

#[test]
fn what_strata_added_is_marked_as_its_suggestion() {
    // The Data-Intensive Systems source names no readings at all.
    assert!(path("data-intensive-systems").readings.iter().all(|r| r.suggested));
    // Data Engineer: the source gives these weeks a test but no checklist.
    for w in ["w02", "w03", "w04", "w06", "w08"] {
        assert!(week("data-engineer", w).checkpoint.as_ref().unwrap().suggested, "data-engineer/{w}");
    }
    // …while the mid-term and final checklists restate the source's own criteria.
    for w in ["w05", "w10"] {
        assert!(!week("data-engineer", w).checkpoint.as_ref().unwrap().suggested, "data-engineer/{w}");
    }
    // Readings the other sources name are theirs.
    for p in ["data-engineer", "data-platform-architect", "data-engineering-mastery-plan", "data-engineer-complete-mastery"] {
        assert!(path(p).readings.iter().all(|r| !r.suggested), "{p}");
    }
}

#[test]
fn stretched_tags_of_issue_16_stay_gone() {
    let untagged = [
        ("data-intensive-systems", "two-phase-commit", Tag::Sharding),
        ("data-intensive-systems", "case-uber-data-platform", Tag::Indexing),
        ("data-engineer", "searchable-catalog-lab", Tag::Indexing),
        ("data-engineer", "catalog-lineage-project", Tag::Indexing),
        ("data-engineer", "capstone-data-catalog", Tag::Indexing),
        ("data-engineer", "capstone-streaming-sources", Tag::Partitioning),
        ("data-engineer", "capstone-time-series-db", Tag::Lsm),
        ("data-engineer", "capstone-document-store", Tag::Sharding),
        ("data-platform-architect", "lakehouse-design-lab", Tag::Indexing),
        ("data-platform-architect", "polyglot-persistence", Tag::Btree),
        ("data-platform-architect", "polyglot-persistence", Tag::Lsm),
        ("data-platform-architect", "multi-database-analytics-lab", Tag::Btree),
        ("data-platform-architect", "exactly-once-state", Tag::Lsm),
        ("data-platform-architect", "kappa-architecture", Tag::Compaction),
        ("data-platform-architect", "tesla-autopilot-data", Tag::Partitioning),
        ("data-engineer-complete-mastery", "read-replicas-caching", Tag::ConsistentHashing),
        ("data-engineer-complete-mastery", "spark-caching-persistence", Tag::Replication),
        ("data-engineer-complete-mastery", "centralized-logging", Tag::Indexing),
        ("data-engineer-complete-mastery", "system-design-discussions", Tag::ConsistentHashing),
    ];
    for (p, i, tag) in untagged {
        assert!(!item(p, i).tags.contains(&tag), "{p}/{i} is tagged {tag:?} again");
    }
    // Items that are about the structure keep their tags.
    assert!(item("data-intensive-systems", "case-apache-cassandra").tags.contains(&Tag::ConsistentHashing));
    assert!(item("data-engineering-mastery-plan", "rocksdb-architecture").tags.contains(&Tag::Compaction));
}

#[test]
fn day_ranges_head_the_day_groups_as_in_the_sources() {
    for p in ["data-engineer", "data-platform-architect"] {
        for w in path(p).weeks {
            assert!(w.groups.iter().any(|g| g.title.starts_with("Days ")), "{p}/{} has no day range", w.id);
        }
    }
    assert_eq!(week("data-engineer", "w01").groups[0].title, "Days 1-2: Data modeling fundamentals");
}

#[test]
fn data_intensive_systems_keeps_what_its_source_asks_for() {
    for id in ["event-sourcing", "cqrs", "change-data-capture", "polyglot-persistence"] {
        item("data-intensive-systems", id);
    }
    let w1 = week("data-intensive-systems", "w01");
    let setup = w1.groups.iter().find(|g| g.title.contains("environment setup")).expect("environment setup group");
    assert_eq!(setup.hours, Some(Hours { low: 4 * 60, high: 6 * 60 }), "4-6 h, in minutes");
    assert!(w1.groups.iter().any(|g| g.items.iter().any(|i| i.id == "w01-day1-skills-assessment")));
    // The final assessment had no source: the checklist stands on its own.
    assert_eq!(week("data-intensive-systems", "w12").checkpoint.as_ref().unwrap().assessment, None);
    let tracks: Vec<u16> = path("data-intensive-systems").assessment.unwrap().tracks.iter().map(|t| t.min_score).collect();
    assert_eq!(tracks, [8, 16, 23, 29], "the source's bands, as written");
}

#[test]
fn data_engineer_keeps_weights_portfolio_and_podcasts() {
    let w10 = week("data-engineer", "w10");
    let a = w10.checkpoint.as_ref().unwrap().assessment.unwrap();
    for part in ["30 percent", "25", "20"] {
        assert!(a.contains(part), "{a}");
    }
    assert_eq!(w10.groups.iter().find(|g| g.title.starts_with("Portfolio")).map(|g| g.items.len()), Some(5));
    let podcasts = path("data-engineer").readings.iter().filter(|r| r.kind == ReadingKind::Podcast).count();
    assert_eq!(podcasts, 3);
}

#[test]
fn data_platform_architect_keeps_the_capstone_as_written() {
    item("data-platform-architect", "capstone-executive-presentation");
    assert!(item("data-platform-architect", "enterprise-data-platform-capstone").note.unwrap().contains("10,000+ business users"));
    let cp = week("data-platform-architect", "w14").checkpoint.as_ref().unwrap();
    assert!(cp.validation.iter().any(|l| l.contains("principal engineers") && l.contains("95 percent")));
    assert!(cp.validation.iter().any(|l| l.contains("board") && l.contains("50 million")));
    let a = cp.assessment.unwrap();
    assert!(a.contains("executive presentation") && a.contains("8 hours") && a.contains("30-hour"), "{a}");
    let reviews = path("data-platform-architect").weeks.iter().flat_map(|w| w.items()).filter(|i| i.id.starts_with("architecture-review-")).count();
    assert_eq!(reviews, 7, "one every other week");
}

#[test]
fn mastery_plan_keeps_its_blocks_readings_and_behavioral_round() {
    let p = path("data-engineering-mastery-plan");
    assert_eq!(p.phases.len(), 6, "the source's two-week blocks");
    assert_eq!(p.phases[1].title, "Workflow Orchestration and Database Internals");
    assert!(p.readings.iter().any(|r| r.title == "CMU Database Systems Intro"));
    for id in ["dbt-learn-fundamentals", "confluent-kafka-101", "scylladb-essentials", "mongodb-m001-basics", "aws-data-analytics-course", "gcp-data-engineering-course"] {
        let i = item("data-engineering-mastery-plan", id);
        assert!(i.kind == ItemKind::Reading && i.reading.is_some(), "{id}");
    }
    let cp = week("data-engineering-mastery-plan", "w12").checkpoint.as_ref().unwrap();
    assert_eq!(cp.validation.iter().filter(|l| l.contains("STAR story")).count(), 5);
    assert!(cp.assessment.unwrap().contains("behavioral"));
    assert!(p.prerequisites.iter().all(|q| !q.contains("terminal")), "invented prerequisite");
}

#[test]
fn complete_mastery_keeps_matrix_stack_and_specializations() {
    let p = path("data-engineer-complete-mastery");
    assert_eq!(p.assessment.map(|a| a.domains.len()), Some(7));
    let w40 = week("data-engineer-complete-mastery", "w40");
    assert_eq!(w40.groups.iter().find(|g| g.title.contains("technology stack")).map(|g| g.items.len()), Some(9));
    assert_eq!(w40.groups.iter().find(|g| g.title.starts_with("Specializations")).map(|g| g.items.len()), Some(7));
    let cp = w40.checkpoint.as_ref().unwrap();
    assert!(cp.title.contains("month 12"));
    assert!(cp.validation.iter().any(|l| l == &"You contribute to open-source projects"));
    for w in ["w04", "w09-10", "w22", "w34", "w40"] {
        assert_eq!(week("data-engineer-complete-mastery", w).checkpoint.as_ref().and_then(|c| c.assessment), None, "invented assessment on {w}");
    }
    assert_eq!(p.prerequisites.len(), 1);
}
