//! The consistent-hashing widget: its address grammar and notices, the message API's state,
//! the guided scenarios against the engine, and the layouts (snapshots of seeded fixtures,
//! dense scenes aggregated). Regenerate snapshots with `UPDATE_SNAPSHOTS=1`.

mod common;
use common::check_snapshot;
use strata_browser::url::query_pairs;
use strata_engine::ring::{Algorithm, Cluster, Config};
use strata_engine::scene::{to_svg, Geometry, Role};
use strata_engine::step::{Highlight, NoSteps, Timeline};
use strata_engine::widget::{find, Widget};
use strata_engine::widgets::ring::{Op, RingWidget, Runs, Scenario, GUIDED};

fn parse(query: &str) -> (Scenario, Vec<strata_engine::scenario::Notice>) {
    Scenario::parse(&query_pairs(query))
}

#[test]
fn the_issue_example_parses_and_round_trips() {
    let (s, notices) = parse("algorithm=ring&nodes=10&vnodes=100&keys=100000&seed=7");
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!((s.params.nodes, s.params.config.vnodes, s.params.keys, s.seed), (10, 100, 100_000, 7));
    assert_eq!(s.to_query(), "nodes=10&vnodes=100&keys=100000&seed=7");
    let q = "algorithm=bounded&nodes=8&replication=2&dist=zipf&c=1.5&ops=+n9:50*2,-n3,!n4,^n4,?user42,k500&compare=maglev";
    let (s, notices) = parse(q);
    assert_eq!(notices.len(), 1, "replication has no effect on bounded loads: {notices:?}");
    assert_eq!(s.ops.len(), 6);
    assert_eq!(s.ops[0], Op::Join { name: "n9".into(), vnodes: Some(50), weight_tenths: Some(20) });
    assert_eq!(parse(&s.to_query()).0, s, "the written address reads back the same");
}

#[test]
fn a_plus_decoded_as_a_space_is_still_a_join() {
    // `+` in a query string reads as a space: `ops=+n11,+n12` arrives as " n11, n12".
    let (s, notices) = parse("ops=+n11,+n12,-n1");
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(s.ops.iter().map(RingWidget::op_token).collect::<Vec<_>>(), ["+n11", "+n12", "-n1"]);
}

#[test]
fn bad_parameters_are_reported_and_the_rest_still_runs() {
    let (s, notices) = parse("algorithm=circle&nodes=0&vnodes=5000&replication=9&keys=many&dist=pareto&c=0.5&table=65536&compare=ring:0&ops=+n6,%%,k0&colour=red");
    let params: Vec<&str> = notices.iter().map(|n| n.param.as_str()).collect();
    for p in ["algorithm", "nodes", "vnodes", "replication", "keys", "dist", "c", "table", "compare", "ops", "colour"] {
        assert!(params.contains(&p), "{p} is reported: {params:?}");
    }
    assert!(notices.iter().any(|n| n.message.contains("ring, modulo, jump, rendezvous, maglev or bounded")));
    assert!(notices.iter().any(|n| n.message.contains("prime")));
    assert_eq!(s.params, Default::default(), "every bad value fell back to its default");
    assert_eq!(s.ops, vec![Op::Join { name: "n6".into(), vnodes: None, weight_tenths: None }]);
    Runs::build(&s);
}

#[test]
fn the_message_has_the_issue_shape() {
    let (s, _) = parse("nodes=3&vnodes=20&keys=300&replication=2&ops=+n4&compare=modulo");
    let runs = Runs::build(&s);
    let json = runs.message_json(runs.steps());
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["widget"], "ring");
    assert_eq!(v["algorithm"], "ring");
    assert_eq!(v["replication"], 2);
    assert_eq!(v["step"], v["steps"]);
    let nodes = v["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), 4);
    assert_eq!(nodes[3]["name"], "n4");
    assert_eq!(nodes[3]["vnodes"], 20);
    assert_eq!(nodes[3]["weight"], 1.0);
    let total: u64 = nodes.iter().map(|n| n["keys"].as_u64().unwrap()).sum();
    assert_eq!(total, 300);
    let m = &v["metrics"];
    assert_eq!(m["keys_total"], 300);
    assert!(m["keys_moved_last"].as_u64().unwrap() > 0);
    assert!(m["moved_fraction_last"].is_f64() && m["ideal_fraction_last"].as_f64() == Some(0.25));
    assert!(m["max_over_mean"].as_f64().unwrap() >= 1.0 && m["cov"].is_f64());
    assert_eq!(v["compare"]["algorithm"], "modulo");
    assert!(v["compare"]["metrics"]["moved_fraction_last"].as_f64().unwrap() > 0.5, "modulo moves most keys");
}

#[test]
fn guided_scenarios_parse_and_their_notes_sit_on_the_steps_they_describe() {
    // What each noted step's caption must say (main structure; compare mode's second after |).
    let expect: &[(&str, &[(usize, &str)])] = &[
        ("modulo-vs-ring", &[(2, "n11 joins"), (3, "between nodes that were there all along|Every one went to n11")]),
        ("vnodes-flatten", &[(1, "20,000 keys added"), (3, "Every one went to n9|Every one went to n9")]),
        ("replicas-failure", &[(3, "n2 owns user42"), (4, "passing over"), (6, "Only its own keys moved"), (9, "preference list for user42 is n3"), (10, "Every one went to n2")]),
        ("bounded-hot-key", &[(1, "Zipfian"), (3, "n7 owns key1|walked on"), (5, "Every one went to n9|moved between nodes that were there all along")]),
        ("jump-last-bucket", &[(3, "Every one went to n7"), (4, "Jump hash cannot remove n3"), (6, "Only its own keys moved")]),
    ];
    assert!(GUIDED.len() >= 4);
    for g in GUIDED {
        let (s, notices) = parse(&format!("guided={}", g.slug));
        assert!(notices.is_empty(), "{}: {notices:?}", g.slug);
        assert_eq!(s.guided.map(|x| x.slug), Some(g.slug));
        let runs = Runs::build(&s);
        let (_, checks) = expect.iter().find(|(slug, _)| *slug == g.slug).unwrap_or_else(|| panic!("{} has expectations", g.slug));
        for (step, _) in g.notes {
            assert!(checks.iter().any(|(s, _)| s == step), "{}: note at step {step} is checked", g.slug);
            assert!(*step <= runs.steps(), "{}: step {step} exists", g.slug);
        }
        for (step, want) in *checks {
            for (which, part) in want.split('|').enumerate() {
                let at = runs.at(which, *step).unwrap_or_else(|| panic!("{}: structure {which}", g.slug));
                let caption = &at.step.unwrap().caption;
                assert!(caption.contains(part), "{} step {step} [{which}]: {caption:?} lacks {part:?}", g.slug);
            }
        }
    }
}

#[test]
fn the_registry_lists_the_ring_and_its_routes() {
    let info = find("ring").expect("registered");
    assert_eq!(info.title, RingWidget::TITLE);
    let routes = info.routes();
    assert!(routes.contains(&"#/viz/ring".to_string()) && routes.contains(&"#/embed/ring".to_string()));
    for g in GUIDED {
        assert!(routes.contains(&format!("#/viz/ring?guided={}", g.slug)));
    }
}

fn small(algorithm: Algorithm) -> Cluster {
    let mut c = Cluster::new(Config { algorithm, vnodes: 3, replication: 3, ..Config::default() }, 4);
    c.add_keys(40, 5, &mut NoSteps);
    c
}

#[test]
fn snapshot_a_small_ring_with_a_lookup() {
    let mut c = small(Algorithm::Ring);
    let mut t = Timeline::new(&c);
    c.lookup_key("user42", &mut t);
    let last = t.steps.last().unwrap();
    check_snapshot("ring-lookup", &to_svg(&RingWidget::layout(&last.state, &last.highlight)));
}

#[test]
fn snapshot_a_join_on_the_ring_marks_the_keys_that_moved() {
    let mut c = small(Algorithm::Ring);
    let mut t = Timeline::new(&c);
    c.join("n5", None, 1.0, &mut t);
    let joining = &t.steps[0];
    let scene = RingWidget::layout(&joining.state, &joining.highlight);
    assert!(scene.shapes.iter().any(|s| s.role == Role::Item && s.mark.is_some() && s.series == Some(4)), "n5's ticks are marked");
    let moved = &t.steps[1];
    let scene = RingWidget::layout(&moved.state, &moved.highlight);
    let marked_keys = scene.with_role(Role::Item).filter(|s| s.id >> 40 == 3 && s.mark.is_some()).count();
    assert_eq!(marked_keys, moved.state.moved_now().len());
    check_snapshot("ring-join", &to_svg(&scene));
}

#[test]
fn snapshot_buckets_for_modulo_and_maglev() {
    let mut c = small(Algorithm::Modulo);
    c.lookup_key("user42", &mut NoSteps);
    check_snapshot("ring-modulo-buckets", &to_svg(&RingWidget::layout(&c, &Highlight::default())));
    let c = Cluster::new(Config { algorithm: Algorithm::Maglev, table: 251, ..Config::default() }, 3);
    let scene = RingWidget::layout(&c, &Highlight::default());
    let slots = scene.shapes.iter().filter(|s| s.title.as_deref().is_some_and(|t| t.starts_with("slot "))).count();
    assert_eq!(slots, 48, "the table's first 48 slots");
    assert!(!scene.shapes.iter().any(|s| matches!(s.geometry, strata_engine::scene::Geometry::Arc { .. })), "no ring for Maglev");
    check_snapshot("ring-maglev-table", &to_svg(&scene));
}

#[test]
fn bucket_labels_grown_as_far_as_allowed_stay_apart_and_inside() {
    for algorithm in [Algorithm::Modulo, Algorithm::Jump, Algorithm::Maglev] {
        for (nodes, keys) in [3, 6, 8, 12, 16, 30, 60].into_iter().flat_map(|n| [(n, 300), (n, 100_000)]) {
            let mut c = Cluster::new(Config { algorithm, table: 251, ..Config::default() }, nodes);
            c.add_keys(keys, 9, &mut NoSteps);
            // Every stage of a lookup: its first step's line is the longest (the key's hash).
            let mut t = Timeline::new(&c);
            c.lookup_key("a-rather-long-key-name", &mut t);
            for (i, step) in t.steps.iter().enumerate() {
                let scene = RingWidget::layout(&step.state, &step.highlight);
                assert_labels_apart_and_inside(&scene, &format!("{algorithm:?} × {nodes}, {keys} keys, step {i}"));
            }
        }
    }
}

/// Every text of a bucket chart, at the size `bucket_text_units` lets it grow to, lies inside
/// the scene and runs into no other.
fn assert_labels_apart_and_inside(scene: &strata_engine::scene::Scene, what: &str) {
    use strata_engine::layout::ring::bucket_text_units;
    use strata_engine::scene::FONT_SIZE;
    let units = bucket_text_units(scene);
    assert!((FONT_SIZE..=22.0).contains(&units), "{what}: {units}");
    let boxes: Vec<(String, [f64; 4])> = scene
        .shapes
        .iter()
        .filter_map(|s| match &s.geometry {
            Geometry::Text { text, .. } => {
                let (x, y, w, h) = s.bounds_at(units);
                Some((text.clone(), [x, y, x + w, y + h]))
            }
            _ => None,
        })
        .collect();
    for (i, (a, p)) in boxes.iter().enumerate() {
        assert!(p[0] >= 0.0 && p[1] >= 0.0 && p[2] <= scene.width && p[3] <= scene.height, "{what}: {a:?} {p:?} leaves the scene");
        for (b, q) in &boxes[i + 1..] {
            let apart = p[2] <= q[0] || q[2] <= p[0] || p[3] <= q[1] || q[3] <= p[1];
            assert!(apart, "{what} at {units:.1} units: {a:?} {p:?} runs into {b:?} {q:?}");
        }
    }
}

#[test]
fn a_dense_ring_is_aggregated_not_drawn_key_by_key() {
    let mut c = Cluster::new(Config { vnodes: 1_000, ..Config::default() }, 100);
    c.add_keys(100_000, 7, &mut NoSteps);
    let mut t = Timeline::new(&c);
    c.join("n101", None, 1.0, &mut t);
    for step in &t.steps {
        let scene = RingWidget::layout(&step.state, &step.highlight);
        assert!(scene.shapes.len() < 2_000, "{} shapes", scene.shapes.len());
        // The ring's view draws from 1,500 on a canvas (crates/viz/src/ring/mod.rs).
        assert!(scene.weight() >= 1_500 && scene.weight() < 5_000, "binned, still a canvas's: {}", scene.weight());
        let arcs = scene.with_role(Role::Node).count();
        assert!(arcs <= 720, "the ownership band is binned: {arcs}");
        // The comb: a tick per half degree for the settled nodes, every tick of the joining one.
        let ticks = |node: u64| {
            scene.shapes.iter().find(|s| s.id == (2 << 40 | node)).map_or(0, |s| match &s.geometry {
                Geometry::Path { segments, .. } => segments.len(),
                _ => 0,
            })
        };
        let settled: usize = (0..100).map(ticks).sum();
        assert!(settled > 700 && settled <= 720, "one tick per occupied half degree: {settled}");
        assert_eq!(ticks(100), 1_000, "the joining node's virtual nodes, each drawn");
    }
}

/// Each bin of a dense comb is in the colour of the node with the most virtual nodes there,
/// counted here independently of the layout.
#[test]
fn a_binned_comb_shows_each_half_degree_s_majority() {
    let c = Cluster::new(Config { vnodes: 100, ..Config::default() }, 30);
    let scene = RingWidget::layout(&c, &Highlight::default());
    let mut tally = vec![vec![0u32; 30]; 720];
    for v in c.ring() {
        tally[((v.pos as u128 * 720) >> 64) as usize][v.node as usize] += 1;
    }
    let mut checked = 0;
    for s in scene.shapes.iter().filter(|s| s.id >> 40 == 2) {
        let Geometry::Path { segments, .. } = &s.geometry else { panic!("ticks are a path") };
        let node = (s.id & 0xffff) as usize;
        for seg in segments {
            // Back from the tick's end points to its bin: degrees clockwise from 12 o'clock.
            let deg = (seg[0] - 290.0).atan2(270.0 - seg[1]).to_degrees().rem_euclid(360.0);
            let bin = (deg * 2.0) as usize % 720;
            let most = *tally[bin].iter().max().unwrap();
            assert_eq!(tally[bin][node], most, "bin {bin}: node {node} has {}, the most is {most}", tally[bin][node]);
            checked += 1;
        }
    }
    assert_eq!(checked, tally.iter().filter(|t| t.iter().any(|&n| n > 0)).count(), "a tick for every occupied bin");
}

#[test]
fn compare_mode_steps_two_algorithms_on_the_same_keys() {
    let (s, _) = parse("algorithm=modulo&nodes=10&keys=5000&compare=jump&ops=+n11");
    let runs = Runs::build(&s);
    let a = runs.at(0, runs.steps()).unwrap();
    let b = runs.at(1, runs.steps()).unwrap();
    assert_eq!(a.state.keys(), b.state.keys(), "the same keys");
    let (ma, mb) = (a.state.last_change().unwrap().fraction(), b.state.last_change().unwrap().fraction());
    assert!(ma > 0.8 && mb < 0.12, "modulo {ma}, jump {mb}");
}

/// The ring's key to its nodes is the page's HTML legend: every node on the ring by name and
/// state, up to twenty, then how many more; none for bucket views, whose bars are named.
#[test]
fn the_series_legend_names_nodes_and_their_state() {
    use strata_engine::layout::ring::series_legend;
    let mut c = small(Algorithm::Ring);
    c.fail("n2", &mut NoSteps);
    let entries = series_legend(&c);
    assert_eq!(entries.len(), c.nodes().len());
    assert_eq!(entries[0], (Some(0), "n1".to_string()));
    assert_eq!(entries[1], (Some(1), "n2 (down)".to_string()));
    let big = Cluster::new(Config::default(), 21);
    let entries = series_legend(&big);
    assert_eq!(entries.len(), 21);
    assert_eq!(entries[20], (None, "and 1 more node, each in the Load table".to_string()));
    assert!(series_legend(&small(Algorithm::Modulo)).is_empty());
}
