//! Layout of a cluster as a [`Scene`]: a ring for the algorithms that place keys on one (the
//! hash ring and bounded loads), buckets for the others (modulo, jump, rendezvous, Maglev),
//! which have no ring to draw.
//!
//! The ring: each physical node is a series (a colour, and a dash pattern from the ninth node
//! on); its virtual nodes are ticks across the circle, merged into one path per node; the band
//! on the circle is coloured by who owns each arc; keys are dots inside it, or, past
//! [`DOT_KEYS`], a histogram of 2° bins (a hundred thousand dots would be one grey smear and
//! a hundred thousand shapes). Keys that moved in this step are a second histogram outside.
//! Dense rings (100 nodes × 1,000 virtual nodes) bin the ownership band into half degrees.

use crate::ring::hash::degrees;
use crate::ring::place::{successor, VNode, NOBODY};
use crate::ring::{count, noun, plural, Algorithm, Cluster, LookupStage, Status};
use crate::scene::{text_width, Anchor, Geometry, Role, Scene, Shape, FONT_SIZE, MONO_ADVANCE};
use crate::step::{Highlight, Tone};

/// Up to this many keys are drawn one dot each.
pub const DOT_KEYS: usize = 400;
/// Up to this many serving virtual nodes, one ownership arc each; above, half-degree bins.
pub const ARC_VNODES: usize = 1_500;
/// Up to this many virtual nodes, ticks cross the band; above, they stand outside it.
pub const TICKS_UP_TO: usize = 240;
/// Above this many virtual nodes, the comb is binned ([`binned_ticks`]).
pub const BINNED_TICKS_FROM: usize = 1_500;
/// The comb's bins when binned: half degrees.
const TICK_BINS: usize = 720;
/// Up to this many nodes are named in the legend.
pub const LEGEND_NODES: usize = 20;

const CX: f64 = 290.0;
const CY: f64 = 270.0;
const R: f64 = 180.0;
/// Ticks reach past both edges of the 14-unit band, so a node's own colour shows beside it.
const TICK: f64 = 15.0;
const KEY_R: f64 = R - 30.0;
const HIST_BASE: f64 = R - 24.0;
const HIST_LEN: f64 = 78.0;
const MOVED_BASE: f64 = R + 30.0;
const MOVED_LEN: f64 = 46.0;
const BINS: usize = 180;
const WIDTH: f64 = 580.0;
/// The narrowest bucket chart: room for the Maglev table's caption at the largest text size.
const BUCKETS_MIN_WIDTH: f64 = 360.0;
/// The largest a bucket chart's text grows (see [`bucket_text_units`]): the 24 units between
/// its rows of labels.
const LABEL_MAX_UNITS: f64 = 22.0;

const ARC: u64 = 1 << 40;
const TICKS: u64 = 2 << 40;
const KEY: u64 = 3 << 40;
const HIST: u64 = 4 << 40;
const MOVED: u64 = 5 << 40;
const LABEL: u64 = 6 << 40;
const LOOKUP: u64 = 9 << 40;
const BAR: u64 = 10 << 40;
const BAR_TEXT: u64 = 11 << 40;
const SLOT: u64 = 12 << 40;
/// Where a bucket chart's tallest bar reaches: room above it for its count and a lookup's
/// preference rank.
const BAR_TOP: f64 = 52.0;
/// How much of its column a bucket chart's bar fills.
const BAR_SHARE: f64 = 0.76;
/// From this column width on every bar is named; narrower, every tenth.
const NAMED_EVERY_BAR_FROM: f64 = 34.0;

fn point(deg: f64, r: f64) -> (f64, f64) {
    let rad = (deg - 90.0).to_radians();
    (CX + r * rad.cos(), CY + r * rad.sin())
}

fn radial(deg: f64, r0: f64, r1: f64) -> [f64; 4] {
    let (x0, y0) = point(deg, r0);
    let (x1, y1) = point(deg, r1);
    [x0, y0, x1, y1]
}

fn text(id: u64, x: f64, y: f64, t: impl Into<String>) -> Shape {
    Shape::label(id, x, y, t, Anchor::Middle)
}

/// The mark a node's shapes get: its highlight, else its status.
fn node_mark(c: &Cluster, id: u16, highlight: &Highlight) -> Option<Tone> {
    if highlight.nodes.contains(&(id as u32)) {
        return Some(highlight.tone);
    }
    match c.nodes()[id as usize].status {
        Status::Joining => Some(Tone::Change),
        Status::Leaving | Status::Failed => Some(Tone::Refused),
        _ => None,
    }
}

/// Lays out `c`, marking what `highlight` points at.
pub fn layout(c: &Cluster, highlight: &Highlight) -> Scene {
    // The ring's key to its nodes is the page's series legend (`series_legend`), in HTML.
    let mut scene = if c.config().algorithm.uses_ring() {
        ring(c, highlight)
    } else {
        // Bars carry their nodes' names already.
        buckets(c, highlight)
    };
    scene.focus = scene.bounds_of(|s| s.id & (0xff << 40) == LOOKUP);
    scene
}

fn ring(c: &Cluster, highlight: &Highlight) -> Scene {
    let mut shapes = Vec::new();
    let up: Vec<bool> = c.nodes().iter().map(|n| n.serving()).collect();
    let serving_count = c.ring().iter().filter(|v| up[v.node as usize]).count();

    // The ownership band: the arc before each serving virtual node is its node's.
    if serving_count > 0 {
        let mut arcs: Vec<(u64, f64, f64, u16)> = Vec::new();
        if serving_count <= ARC_VNODES {
            let serving: Vec<VNode> = c.serving_ring();
            for (i, v) in serving.iter().enumerate() {
                let prev = serving[(i + serving.len() - 1) % serving.len()];
                let id = ARC | (v.node as u64) << 16 | v.index as u64;
                arcs.push((id, degrees(prev.pos), degrees(v.pos), v.node));
            }
        } else {
            // Without copying the 100,000 serving entries out: from each bin's middle, the
            // first virtual node clockwise whose node serves.
            let ring = c.ring();
            for bin in 0..720u64 {
                let mid = ((bin as u128 * 2 + 1) << 63) / 720;
                let from = successor(ring, mid as u64);
                let Some(owner) = (0..ring.len()).map(|k| ring[(from + k) % ring.len()].node).find(|&n| up[n as usize]) else { continue };
                arcs.push((ARC | 1 << 39 | bin, bin as f64 * 0.5, (bin + 1) as f64 * 0.5, owner));
            }
        }
        // Neighbouring arcs of one owner become one.
        let mut merged: Vec<(u64, f64, f64, u16)> = Vec::new();
        for a in arcs {
            match merged.last_mut() {
                Some(m) if m.3 == a.3 => {
                    m.2 = a.2;
                    m.0 = a.0;
                }
                _ => merged.push(a),
            }
        }
        if merged.len() > 1 && merged[0].3 == merged[merged.len() - 1].3 {
            let last = merged.pop().expect("more than one");
            merged[0].1 = last.1;
        }
        if merged.len() == 1 {
            // One owner all round: two halves, since an arc cannot start where it ends.
            let (id, _, _, owner) = merged[0];
            merged = vec![(id, 0.0, 180.0, owner), (id | 1 << 38, 180.0, 360.0, owner)];
        }
        for (id, start, end, owner) in merged {
            let title = format!("{} owns this arc", c.node_name(owner));
            shapes.push(Shape::new(id, Role::Node, Geometry::Arc { cx: CX, cy: CY, r: R, start, end }).in_series(owner).titled(title));
        }
    }

    // Virtual nodes: one path of ticks per physical node, across the band; past a few hundred
    // they would bury the band, so they stand outside it as a comb (a marked node's longer).
    let crowded = c.ring().len() > TICKS_UP_TO;
    // Per node, not per virtual node: a dense ring asks this 100,000 times.
    let long: Vec<bool> = (0..c.nodes().len() as u16).map(|id| c.nodes()[id as usize].status == Status::Joining || (crowded && node_mark(c, id, highlight).is_some())).collect();
    let mut ticks: Vec<Vec<[f64; 4]>> = vec![Vec::new(); c.nodes().len()];
    if c.ring().len() > BINNED_TICKS_FROM {
        binned_ticks(c, &long, &mut ticks);
    } else {
        for v in c.ring() {
            let (r0, r1) = match (crowded, long[v.node as usize]) {
                (true, false) => (R + 9.0, R + 17.0),
                (true, true) => (R + 9.0, R + 24.0),
                (false, true) => (R - 2.0 * TICK, R + 2.0 * TICK),
                (false, false) => (R - TICK, R + TICK),
            };
            ticks[v.node as usize].push(radial(degrees(v.pos), r0, r1));
        }
    }
    for (id, segs) in ticks.into_iter().enumerate().filter(|(_, s)| !s.is_empty()) {
        let id16 = id as u16;
        let n = &c.nodes()[id];
        let title = format!("{}: {}, {}{}", n.name, noun(n.ring_vnodes() as u64, "virtual node"), noun(c.loads()[id] as u64, "key"), status_words(n.status));
        shapes.push(
            Shape::new(TICKS | id as u64, Role::Item, Geometry::Path { segments: segs, arrow: false })
                .in_series(id16)
                .marked(node_mark(c, id16, highlight))
                .titled(title),
        );
    }

    keys_on_ring(c, highlight, &mut shapes);
    moved_histogram(c, &mut shapes);
    lookup_on_ring(c, &mut shapes);

    // The middle stays empty: what the ring is (algorithm, nodes, keys, capacity) is in the
    // figure's caption, which reads at any size; a label here grew over the keys in an embed.
    Scene { width: WIDTH, height: 2.0 * CY, shapes, focus: None, home: Some((CX, CY)) }
}

/// A dense comb, one tick per half degree in the colour of the node with the most virtual
/// nodes there: 101,000 ticks on a circle a thousand pixels round are a solid fringe however
/// they are drawn, and stroking each cost the canvas about 300 ms a step (Chromium's
/// `FinalizeFrame` in a trace of the benchmark, 2026-12-02). The ticks of a joining, leaving,
/// failed or highlighted node are still drawn one by one, longer, on top.
fn binned_ticks(c: &Cluster, long: &[bool], ticks: &mut [Vec<[f64; 4]>]) {
    let ring = c.ring();
    let mut tally = vec![0u32; c.nodes().len()];
    let mut start = 0;
    for bin in 0..TICK_BINS as u64 {
        // The ring is sorted, so a bin's virtual nodes are a run of it.
        let end_pos = (((bin + 1) as u128) << 64) / TICK_BINS as u128;
        let end = if bin + 1 == TICK_BINS as u64 { ring.len() } else { start + ring[start..].partition_point(|v| (v.pos as u128) < end_pos) };
        let mut best: Option<(u32, u16)> = None;
        for v in &ring[start..end] {
            if long[v.node as usize] {
                ticks[v.node as usize].push(radial(degrees(v.pos), R + 9.0, R + 24.0));
                continue;
            }
            let t = &mut tally[v.node as usize];
            *t += 1;
            if best.is_none_or(|(n, node)| *t > n || (*t == n && v.node < node)) {
                best = Some((*t, v.node));
            }
        }
        for v in &ring[start..end] {
            tally[v.node as usize] = 0;
        }
        if let Some((_, node)) = best {
            ticks[node as usize].push(radial((bin as f64 + 0.5) * 360.0 / TICK_BINS as f64, R + 9.0, R + 17.0));
        }
        start = end;
    }
}

fn status_words(s: Status) -> &'static str {
    match s {
        Status::Up => "",
        Status::Joining => " (joining)",
        Status::Leaving => " (leaving)",
        Status::Failed => " (failed)",
        Status::Removed => " (removed)",
    }
}

fn keys_on_ring(c: &Cluster, highlight: &Highlight, shapes: &mut Vec<Shape>) {
    let keys = c.keys();
    let owners = c.owners();
    let moved = c.moved_now();
    if keys.len() <= DOT_KEYS {
        let mut moved_flags = vec![false; keys.len()];
        for &i in moved {
            moved_flags[i as usize] = true;
        }
        for (i, (k, &o)) in keys.iter().zip(owners).enumerate() {
            let (x, y) = point(degrees(k.hash), KEY_R);
            let mark = if highlight.keys.contains(&(i as u32)) {
                Some(highlight.tone)
            } else if moved_flags[i] {
                Some(Tone::Change)
            } else {
                None
            };
            let r = if mark.is_some() { 5.5 } else { 4.0 };
            let mut dot = Shape::new(KEY | i as u64, Role::Item, Geometry::Circle { cx: x, cy: y, r }).marked(mark);
            if o != NOBODY {
                dot = dot.in_series(o);
            }
            shapes.push(dot.titled(format!("{} → {}", c.key_name(k), c.node_name(o))));
        }
        return;
    }
    // A histogram: keys per 2° bin, each bar in the colour of the node owning most of it.
    // Counted in one flat table, bins × nodes (at most 180 × 250): the loop runs once per key.
    let nodes = c.nodes().len().max(1);
    let mut bins = vec![0u32; BINS];
    let mut by_owner = vec![0u32; BINS * nodes];
    for (k, &o) in keys.iter().zip(owners) {
        let b = bin_of(k.hash);
        bins[b] += 1;
        if o != NOBODY {
            by_owner[b * nodes + o as usize] += 1;
        }
    }
    let top = bins.iter().copied().max().unwrap_or(1).max(1) as f64;
    let mut paths: Vec<Vec<[f64; 4]>> = vec![Vec::new(); c.nodes().len()];
    for (b, &n) in bins.iter().enumerate().filter(|(_, n)| **n > 0) {
        // The first of the most, as `max_by_key` would give the last.
        let row = &by_owner[b * nodes..(b + 1) * nodes];
        let most = row.iter().copied().max().unwrap_or(0);
        let owner = row.iter().position(|&c| c == most).unwrap_or(0);
        let deg = (b as f64 + 0.5) * 360.0 / BINS as f64;
        paths[owner].push(radial(deg, HIST_BASE, HIST_BASE - HIST_LEN * n as f64 / top));
    }
    for (owner, segs) in paths.into_iter().enumerate().filter(|(_, s)| !s.is_empty()) {
        let title = format!("keys per 2° owned mostly by {}", c.node_name(owner as u16));
        shapes.push(Shape::new(HIST | owner as u64, Role::Edge, Geometry::Path { segments: segs, arrow: false }).in_series(owner as u16).titled(title));
    }
}

/// The 2° bin of a ring position, from its top 32 bits (a 128-bit product costs a call in
/// wasm, and this runs once per key).
fn bin_of(hash: u64) -> usize {
    (((hash >> 32) * BINS as u64) >> 32) as usize
}

/// Keys that moved in this step, as bars outside the ring where they sit.
fn moved_histogram(c: &Cluster, shapes: &mut Vec<Shape>) {
    let moved = c.moved_now();
    if moved.is_empty() || c.keys().len() <= DOT_KEYS {
        return;
    }
    let mut bins = vec![0u32; BINS];
    for &i in moved {
        bins[bin_of(c.keys()[i as usize].hash)] += 1;
    }
    let top = bins.iter().copied().max().unwrap_or(1).max(1) as f64;
    let segs: Vec<[f64; 4]> = bins
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(b, &n)| radial((b as f64 + 0.5) * 2.0, MOVED_BASE, MOVED_BASE + MOVED_LEN * n as f64 / top))
        .collect();
    let title = format!("{} moved in this step", noun(moved.len() as u64, "key"));
    shapes.push(Shape::new(MOVED, Role::Edge, Geometry::Path { segments: segs, arrow: false }).marked(Some(Tone::Change)).titled(title));
}

fn lookup_on_ring(c: &Cluster, shapes: &mut Vec<Shape>) {
    let Some(l) = c.lookup() else { return };
    let at = degrees(l.hash);
    let (x, y) = point(at, R);
    shapes.push(Shape::new(LOOKUP, Role::Item, Geometry::Circle { cx: x, cy: y, r: 7.0 }).marked(Some(Tone::Visit)).titled(l.name.clone()));
    let (lx, ly) = point(at, R - 62.0);
    shapes.push(text(LOOKUP | 1, lx, ly, l.name.clone()).marked(Some(Tone::Visit)));
    if l.stage == LookupStage::Hashed {
        return;
    }
    if let Some(&(_, pos)) = l.chosen.first() {
        let end = degrees(pos);
        if (end - at).rem_euclid(360.0) > 0.3 {
            shapes.push(Shape::new(LOOKUP | 2, Role::Link, Geometry::Arc { cx: CX, cy: CY, r: R + 20.0, start: at, end }).marked(Some(Tone::Visit)));
        }
    }
    // Replicas close together share one label ("2, 3"): two labels a few degrees apart
    // overlap once a small embed draws text larger than the ring's scale.
    let mut labels: Vec<(f64, String, usize)> = Vec::new();
    for (rank, &(node, pos)) in l.chosen.iter().enumerate() {
        let d = degrees(pos);
        let (x, y) = point(d, R);
        shapes.push(Shape::new(LOOKUP | 10 | rank as u64, Role::Item, Geometry::Circle { cx: x, cy: y, r: 7.0 }).marked(Some(Tone::Found)).titled(format!("replica {}: {}", rank + 1, c.node_name(node))));
        match labels.iter_mut().find(|(at, ..)| (d - at).rem_euclid(360.0).min((at - d).rem_euclid(360.0)) < 12.0) {
            Some((_, words, _)) => words.push_str(&format!(", {}", rank + 1)),
            None => labels.push((d, format!("{}", rank + 1), rank)),
        }
    }
    for (d, words, rank) in labels {
        let (tx, ty) = point(d, R + 42.0);
        shapes.push(text(LOOKUP | 20 | rank as u64, tx, ty, words).marked(Some(Tone::Found)));
    }
}

/// Modulo, jump, rendezvous and Maglev: one bar per node, as tall as its load, with the mean
/// as a dashed line; a lookup marks the bucket (and Maglev's table slot) it lands in.
fn buckets(c: &Cluster, highlight: &Highlight) -> Scene {
    let mut shapes = Vec::new();
    let nodes: Vec<u16> = (0..c.nodes().len() as u16).filter(|&i| c.nodes()[i as usize].on_ring()).collect();
    let n = nodes.len().max(1);
    let col = if n <= 8 { 64.0 } else if n <= 16 { 34.0 } else if n <= 48 { 12.0 } else { 5.0 };
    let margin = 40.0;
    // The lookup's line, under the chart, fits at its largest text size (LABEL_MAX_UNITS).
    let lookup_line = c.lookup().map(|l| match (l.stage, l.slot, l.chosen.first()) {
        (LookupStage::Hashed, ..) => format!("{}: hash {:#018x}", l.name, l.hash),
        (_, Some(slot), Some(&(o, _))) => format!("{} → slot {} → {}", l.name, count(slot), c.node_name(o)),
        (_, None, Some(&(o, _))) => format!("{} → {}", l.name, c.node_name(o)),
        _ => l.name.clone(),
    });
    let line_width = lookup_line.as_ref().map_or(0.0, |t| text_width(t, LABEL_MAX_UNITS) + 8.0);
    // As wide as its bars, with the bars in the middle: padded out to the ring's width on the
    // right, a chart of a few nodes sat left of an empty margin and was drawn smaller than it
    // needed to be.
    let bars = n as f64 * col;
    let width = (margin * 2.0 + bars).max(BUCKETS_MIN_WIDTH).max(line_width);
    let left = (width - bars) / 2.0;
    // Bars 200 units tall: in a 16:9 embed the chart's height sets its scale, and with them
    // 300 tall (and a title) its text came out 7 px high.
    let (top, base) = (BAR_TOP, BAR_TOP + 200.0);
    let loads = c.loads();
    let most = nodes.iter().map(|&i| loads[i as usize]).max().unwrap_or(0).max(1) as f64;
    let m = c.metrics();
    // What the chart is (algorithm, heading, keys, nodes) is the figure's caption, as for the
    // ring: drawn here too it was a line the chart's scale shrank, and height a slide lacks.
    let mut gained = vec![0u32; c.nodes().len()];
    if !c.moved_now().is_empty() {
        if let Some(ch) = c.last_change() {
            let known = gained.len();
            for f in ch.flows.iter().filter(|f| (f.1 as usize) < known) {
                gained[f.1 as usize] += f.2;
            }
        }
    }
    let chosen: Vec<u16> = c.lookup().filter(|l| l.stage != LookupStage::Hashed).map(|l| l.chosen.iter().map(|x| x.0).collect()).unwrap_or_default();
    let mut bucket = 0;
    for (i, &id) in nodes.iter().enumerate() {
        let x = left + i as f64 * col;
        let h = (base - top) * loads[id as usize] as f64 / most;
        let node = &c.nodes()[id as usize];
        let mut mark = node_mark(c, id, highlight);
        if mark.is_none() && gained[id as usize] > 0 {
            mark = Some(Tone::Change);
        }
        let title = format!("{}: {}{}", node.name, noun(loads[id as usize] as u64, "key"), status_words(node.status));
        shapes.push(
            Shape::new(BAR | id as u64, Role::Node, Geometry::Rect { x: x + col * (1.0 - BAR_SHARE) / 2.0, y: base - h.max(1.0), w: col * BAR_SHARE, h: h.max(1.0), rx: 2.0, label: None })
                .in_series(id)
                .marked(mark)
                .titled(title),
        );
        let labelled = col >= NAMED_EVERY_BAR_FROM || i % 10 == 0;
        if labelled {
            shapes.push(text(BAR_TEXT | (id as u64) << 4, x + col / 2.0, base + 20.0, node.name.clone()));
        }
        if col >= 64.0 {
            shapes.push(text(BAR_TEXT | (id as u64) << 4 | 1, x + col / 2.0, base - h - 14.0, count(loads[id as usize] as u64)));
        }
        if node.serving() {
            if col >= NAMED_EVERY_BAR_FROM && matches!(c.config().algorithm, Algorithm::Modulo | Algorithm::Jump) {
                shapes.push(text(BAR_TEXT | (id as u64) << 4 | 2, x + col / 2.0, base + 44.0, format!("#{bucket}")));
            }
            bucket += 1;
        }
        if let Some(rank) = chosen.iter().position(|&c| c == id) {
            // Above the bar's count, numbered in preference order.
            let h = (base - top) * loads[id as usize] as f64 / most;
            shapes.push(text(LOOKUP | 20 | rank as u64, x + col / 2.0, base - h - 38.0, format!("{}", rank + 1)).marked(Some(Tone::Found)));
        }
    }
    // The mean, where every bar would be if the load were even.
    if m.serving > 0 {
        let y = base - (base - top) * m.mean / most;
        let x1 = left + n as f64 * col;
        shapes.push(Shape::new(LABEL | 5, Role::Link, Geometry::Path { segments: vec![[left, y, x1, y]], arrow: false }).titled(format!("mean: {} keys", count(m.mean.round() as u64))));
    }
    let mut height = base + 70.0;
    if let Some(table) = c.maglev_table() {
        // The table's first slots, coloured by owner: what a lookup reads.
        let shown = table.len().min(48);
        let cell = ((width - 2.0 * margin) / shown as f64).min(14.0);
        let y = base + 64.0;
        shapes.push(Shape::label(LABEL | 6, margin, y, format!("slots 0 to {} of {}", shown - 1, count(table.len() as u64)), Anchor::Start));
        for (s, &owner) in table.iter().take(shown).enumerate() {
            let rect = Shape::new(SLOT | s as u64, Role::Item, Geometry::Rect { x: margin + s as f64 * cell, y: y + 16.0, w: cell - 1.0, h: 20.0, rx: 0.0, label: None });
            let lit = c.lookup().and_then(|l| l.slot).filter(|_| c.lookup().is_some_and(|l| l.stage != LookupStage::Hashed)) == Some(s as u64);
            let rect = if owner == NOBODY { rect } else { rect.in_series(owner) };
            shapes.push(rect.marked(lit.then_some(Tone::Found)).titled(format!("slot {s}: {}", c.node_name(owner))));
        }
        height = y + 56.0;
    }
    if let Some(what) = lookup_line {
        shapes.push(text(LOOKUP, width / 2.0, height + 4.0, what).marked(Some(Tone::Visit)));
        height += 30.0;
    }
    Scene { width, height, shapes, focus: None, home: None }
}

/// The largest font size, in scene units, that a bucket chart's labels take without running
/// into their neighbours: a column's width (ten columns where only every tenth bar is named)
/// for the longest label, and no more than the 24 units between rows of labels. The stage
/// grows text up to this to keep it readable when the chart is drawn small (an embed).
pub fn bucket_text_units(scene: &Scene) -> f64 {
    let bar = scene.shapes.iter().find_map(|s| match (&s.geometry, s.id & (0xff << 40) == BAR) {
        (Geometry::Rect { w, .. }, true) => Some(w / BAR_SHARE),
        _ => None,
    });
    let longest = scene.shapes.iter().filter(|s| s.id & (0xff << 40) == BAR_TEXT).filter_map(|s| match &s.geometry {
        Geometry::Text { text, .. } => Some(text.chars().count()),
        _ => None,
    });
    let (Some(col), Some(chars)) = (bar, longest.max()) else { return FONT_SIZE };
    let room = if col >= NAMED_EVERY_BAR_FROM { col } else { col * 10.0 };
    (room * 0.9 / (MONO_ADVANCE * chars as f64)).clamp(FONT_SIZE, LABEL_MAX_UNITS)
}

/// Whether `scene` is a ring (not buckets): a ring's first shape is its ownership band.
pub fn is_ring(scene: &Scene) -> bool {
    scene.shapes.first().is_some_and(|s| s.id & (0xff << 40) == ARC)
}

/// The key to the ring's series, for the page's legend (HTML, outside the scaled drawing):
/// a name per node still on the ring, with its state, up to [`LEGEND_NODES`]; past that, how
/// many more (every node is in the Load table).
pub fn series_legend(c: &Cluster) -> Vec<(Option<u16>, String)> {
    if !c.config().algorithm.uses_ring() {
        // The bars carry their nodes' names.
        return Vec::new();
    }
    let nodes: Vec<u16> = (0..c.nodes().len() as u16).filter(|&i| c.nodes()[i as usize].on_ring()).collect();
    let mut out: Vec<(Option<u16>, String)> = nodes
        .iter()
        .take(LEGEND_NODES)
        .map(|&id| {
            let n = &c.nodes()[id as usize];
            let state = match n.status {
                Status::Failed => " (down)",
                Status::Joining => " (new)",
                Status::Leaving => " (leaving)",
                _ => "",
            };
            (Some(id), format!("{}{state}", n.name))
        })
        .collect();
    if nodes.len() > LEGEND_NODES {
        out.push((None, {
            let more = (nodes.len() - LEGEND_NODES) as u64;
            format!("and {} more {}, each in the Load table", count(more), plural(more, "node"))
        }));
    }
    out
}
