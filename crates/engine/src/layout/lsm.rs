//! The LSM tree as a [`Scene`]: the WAL, the memtables, then one row per level (or size tier),
//! every table placed along one key axis so that overlaps line up across rows, and drawn as
//! tall as its size in bytes.
//!
//! Rows whose tables overlap (L0, the tiers) stack them in lanes, the first lane each fits in.
//! The key axis runs from 0 to a round number above the largest key ever written, so it only
//! grows, and a table keeps its place from step to step.

use crate::lsm::{Entry, InFlight, Lsm, SsTable, Strategy, IMMUTABLE_ID, MAX_KEY, MEMTABLE_ID, WAL_ID};
use crate::scene::{text_width, Anchor, Geometry, Role, Scene, Shape};
use crate::step::{Highlight, Tone};
use std::sync::Arc;

pub const WIDTH: f64 = 760.0;
/// Where the key axis starts and ends: row names sit to its left, ending at NAME_X. In a
/// 640 × 360 embed the stage draws the LSM at about 59 % with text kept at 14 px, where
/// "Memtable" is about 114 units wide: the column leaves room for that.
pub const AXIS_X0: f64 = 130.0;
const NAME_X: f64 = AXIS_X0 - 10.0;
/// The largest text, in scene units, the rows leave room for: the stage draws text no larger.
pub const MAX_TEXT_UNITS: f64 = 24.0;
pub const AXIS_X1: f64 = 745.0;
pub const MARGIN: f64 = 12.0;
pub const KEY_W: f64 = 52.0;
pub const CELL_H: f64 = 30.0;
/// The tallest table (the largest on screen); smaller ones scale by the square root of their size.
pub const TABLE_MAX_H: f64 = 34.0;
pub const TABLE_MIN_H: f64 = 10.0;
const LANE: f64 = TABLE_MAX_H + 5.0;
const ROW_GAP: f64 = 12.0;
/// The most key cells a memtable box shows before the rest are summed up.
pub const MAX_CELLS: usize = 5;

const TABLE: u64 = 1 << 40;
const ROW_NAME: u64 = 2 << 40;
const CELL: u64 = 3 << 40;
const IMM_CELL: u64 = 3 << 40 | 1 << 30;
const BOX: u64 = 4 << 40;
const TICK: u64 = 5 << 40;
const PROBE: u64 = 6 << 40;
const NOTE: u64 = 7 << 40;
const LANE_LINE: u64 = 8 << 40;
const THIN_RUN: u64 = 9 << 40;
/// The row of a compaction's outputs being written: its name, baseline and thin bars.
const PENDING: u64 = 10 << 40;
/// In a sorted run, tables narrower than this (in scene units) that nothing marks are drawn
/// together as one path of thin bars, not one box each: after 100,000 operations a leveled
/// tree has about 1,200 tables, mostly a pixel or two wide, and every SVG element costs the
/// browser layout and style time at every step.
const THIN: f64 = 2.5;
/// Up to this many tables in a row, a narrow one is still a box of its own (widened where
/// there is room), so a row of a few tables never shows a hairline for one of them.
const FEW_TABLES: usize = 32;

/// The id of table `id`'s box.
pub fn table_shape_id(id: u32) -> u64 {
    TABLE | u64::from(id)
}

/// A round number at or above `key`: the end of the axis.
pub fn axis_end(key: u32) -> u32 {
    let mut step = 10u32;
    loop {
        for m in [1, 2, 5] {
            if step.saturating_mul(m) > key {
                return (step * m).min(MAX_KEY + 1);
            }
        }
        if step > MAX_KEY {
            return MAX_KEY + 1;
        }
        step *= 10;
    }
}

struct Axis {
    end: f64,
}

impl Axis {
    fn x(&self, key: u32) -> f64 {
        AXIS_X0 + (AXIS_X1 - AXIS_X0) * f64::from(key) / self.end
    }
    /// A table's exact extent, from its first key to just past its last.
    fn true_span(&self, t: &SsTable) -> (f64, f64) {
        let x0 = self.x(t.min());
        (x0, self.x(t.max() + 1) - x0)
    }
    /// A table's horizontal extent, widened to stay visible.
    fn span(&self, t: &SsTable) -> (f64, f64) {
        let x0 = self.x(t.min());
        let x1 = self.x(t.max() + 1).max(x0 + 6.0);
        (x0, x1 - x0)
    }
}

fn text(id: u64, x: f64, y: f64, s: impl Into<String>) -> Shape {
    Shape::label(id, x, y, s, Anchor::Middle)
}

/// A row's name, ending just left of the key axis, so a name drawn larger than the scale
/// grows away from the row.
fn row_name(id: u64, y: f64, s: impl Into<String>) -> Shape {
    Shape::label(id, NAME_X, y, s, Anchor::End)
}

fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn records(n: u64) -> String {
    format!("{} record{}", thousands(n), if n == 1 { "" } else { "s" })
}

/// Bytes for people: "1,488 B", "31.2 KB", "4.1 MB".
pub fn show_bytes(b: u64) -> String {
    match b {
        0..=9_999 => format!("{} B", thousands(b)),
        10_000..=9_999_999 => format!("{} KB", fixed(b as f64 / 1000.0, 1)),
        _ => format!("{} MB", fixed(b as f64 / 1e6, 1)),
    }
}

/// `v` with exactly `places` decimals ("18.10"; an exact tie rounds away from zero), by integer arithmetic: Rust's float
/// formatting (`{:.2}`) pulls about 10 KB of code into the module, and the LSM was its only
/// user besides plotters' own labels.
pub fn fixed(v: f64, places: u32) -> String {
    let places = places.min(6);
    let scale = 10u64.pow(places);
    let scaled = (v * scale as f64).round();
    if !scaled.is_finite() {
        return "0".into();
    }
    let scaled = scaled as i64;
    let (whole, frac) = (scaled.unsigned_abs() / scale, scaled.unsigned_abs() % scale);
    let sign = if scaled < 0 { "-" } else { "" };
    if places == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{frac:0width$}", width = places as usize)
    }
}

/// Lays out `lsm`, marking what `highlight` points at.
pub fn layout(lsm: &Lsm, highlight: &Highlight) -> Scene {
    let mut shapes = Vec::new();
    let mark = |id: u32| highlight.nodes.contains(&id).then_some(highlight.tone);
    let key_mark = |key: u32| highlight.keys.contains(&key).then_some(highlight.tone);
    let axis = Axis { end: f64::from(axis_end(lsm.key_high())) };
    let mut y = MARGIN;

    // The WAL: its live segment and, while a flush is pending, the sealed one.
    let wal = lsm.wal();
    shapes.push(row_name(ROW_NAME, y + CELL_H / 2.0, "WAL"));
    let mut wal_box = Shape::new(BOX | 1, Role::Node, Geometry::Rect {
        x: AXIS_X0,
        y,
        w: 300.0,
        h: CELL_H,
        rx: 3.0,
        label: Some(format!("{} · {}", records(wal.entries), show_bytes(wal.bytes))),
    });
    wal_box.mark = mark(WAL_ID);
    shapes.push(wal_box);
    if wal.sealed_entries > 0 {
        shapes.push(Shape::new(BOX | 2, Role::Node, Geometry::Rect {
            x: AXIS_X0 + 320.0,
            y,
            w: 300.0,
            h: CELL_H,
            rx: 3.0,
            label: Some(format!("sealed: {} · {}", records(wal.sealed_entries), show_bytes(wal.sealed_bytes))),
        }));
    }
    y += CELL_H + ROW_GAP;

    // The memtable and the immutable memtable, as sorted key cells, side by side. A cell is as
    // wide as the widest key at the largest text the stage may draw (text is enlarged on a phone
    // and in a small embed), so keys never squeeze or run together: wide keys leave room for
    // fewer cells before the rest are summed up.
    shapes.push(row_name(ROW_NAME | 1, y + CELL_H / 2.0 + 3.0, "Memtable"));
    let capacity = lsm.config().memtable_entries;
    let tables: Vec<_> = [(0u64, Some(lsm.memtable()), MEMTABLE_ID, CELL), (1, lsm.immutable(), IMMUTABLE_ID, IMM_CELL)]
        .into_iter()
        .filter_map(|(which, table, id, cell_base)| Some((which, table?, id, cell_base)))
        .collect();
    let key_label = |e: &Entry| if e.value.is_some() { e.key.to_string() } else { format!("{}✝", e.key) };
    let widest_at_max = |label: &str| text_width(label, MAX_TEXT_UNITS);
    let cell_w = tables
        .iter()
        .flat_map(|(_, table, ..)| table.values().take(MAX_CELLS).map(key_label).chain([format!("+{}", table.len())]))
        .map(|label| widest_at_max(&label) + 6.0)
        .fold(KEY_W, f64::max);
    let captions: Vec<String> = tables.iter().map(|(which, table, ..)| if *which == 0 { format!("{} of {capacity}", table.len()) } else { "flushing".to_string() }).collect();
    // Cells for both tables out of what the row leaves beside the captions (each as wide as it
    // is drawn at its largest): each table at least one, then one more at a time to whichever
    // still has keys to show, so a just-sealed table beside an empty memtable shows its keys.
    let room = AXIS_X1 - AXIS_X0 - captions.iter().map(|c| widest_at_max(c) + 34.0).sum::<f64>();
    let mut left = ((room / cell_w).floor() as usize).saturating_sub(tables.len());
    let mut max_cells = vec![1usize; tables.len()];
    while left > 0 {
        let Some(i) = (0..tables.len()).filter(|&i| max_cells[i] < tables[i].1.len().min(MAX_CELLS)).min_by_key(|&i| max_cells[i]) else { break };
        max_cells[i] += 1;
        left -= 1;
    }
    let mut x = AXIS_X0;
    for ((which, table, id, cell_base), (caption, max_cells)) in tables.into_iter().zip(captions.into_iter().zip(max_cells)) {
        // As wide as the caption is drawn at its largest.
        let note_w = widest_at_max(&caption);
        let shown = if table.len() > max_cells { max_cells - 1 } else { table.len() };
        let cells = (shown + usize::from(table.len() > shown)).max(1);
        let w = cells as f64 * cell_w + 6.0;
        let mut b = Shape::new(BOX | 10 | which, Role::Node, Geometry::Rect { x, y, w, h: CELL_H + 6.0, rx: 4.0, label: None });
        b.mark = mark(id);
        shapes.push(b);
        for (i, e) in table.values().take(shown).enumerate() {
            let mut cell = Shape::new(cell_base | u64::from(e.key), Role::Item, Geometry::Rect { x: x + 3.0 + i as f64 * cell_w, y: y + 3.0, w: cell_w, h: CELL_H, rx: 3.0, label: Some(key_label(e)) });
            cell.mark = key_mark(e.key);
            shapes.push(cell);
        }
        if table.len() > shown {
            shapes.push(Shape::new(cell_base | 1 << 29, Role::Item, Geometry::Rect {
                x: x + 3.0 + shown as f64 * cell_w,
                y: y + 3.0,
                w: cell_w,
                h: CELL_H,
                rx: 3.0,
                label: Some(format!("+{}", table.len() - shown)),
            }));
        }
        // Starting beside the box, so that larger text grows away from it.
        shapes.push(Shape::label(NOTE | which, x + w + 8.0, y + CELL_H / 2.0 + 3.0, caption, Anchor::Start));
        x += w + note_w + 20.0;
    }
    y += CELL_H + 6.0 + ROW_GAP;

    // The key axis, above the levels.
    let end = axis.end as u32;
    for i in 0..=4u32 {
        let key = (u64::from(end) * u64::from(i) / 4) as u32;
        let label = thousands(u64::from(key));
        // The last label would hang past the edge: keep it inside the scene.
        let half = label.chars().count() as f64 * crate::scene::FONT_SIZE * 0.3;
        shapes.push(text(TICK | u64::from(i), axis.x(key).min(WIDTH - half - 2.0), y + 6.0, label));
    }
    y += 22.0;

    // One row per level or tier, and, while a compaction's outputs are being written, a row
    // of those right below the row they are written for.
    let rows = lsm.rows();
    let in_flight = lsm.in_flight().map(|f| (pending_row(lsm, &rows, f), f));
    let biggest = rows.iter().flatten().chain(in_flight.iter().flat_map(|(_, f)| &f.tables)).map(|t| t.bytes).max().unwrap_or(1).max(1) as f64;
    let probe_top = y;
    for (r, row) in rows.iter().enumerate() {
        let parts = RowParts { name: lsm.row_name(r), name_id: ROW_NAME | (10 + r as u64), baseline_id: LANE_LINE | r as u64, thin_id: THIN_RUN | r as u64, pending: false };
        y += draw_row(&mut shapes, &axis, &mark, y, parts, row, biggest) + ROW_GAP;
        if let Some((_, f)) = in_flight.filter(|(after, _)| *after == r) {
            let name = match lsm.config().strategy {
                Strategy::Leveled => format!("→ L{}", f.level),
                Strategy::Tiered => "Writing".to_string(),
            };
            let parts = RowParts { name, name_id: PENDING, baseline_id: PENDING | 1, thin_id: PENDING | 2, pending: true };
            y += draw_row(&mut shapes, &axis, &mark, y, parts, &f.tables, biggest) + ROW_GAP;
        }
    }

    // A get's key, as a line down through every row: the tables it crosses are the ones
    // whose key range holds it.
    // (A write's key is marked in the memtable instead.)
    if let ([key], false) = (&highlight.keys[..], highlight.nodes.contains(&WAL_ID)) {
        let key = *key;
        if key <= end {
            let x = axis.x(key) + 0.5;
            // Drawn with the labels, above the tables it crosses.
            let mut line = Shape::new(PROBE, Role::Label, Geometry::Path { segments: vec![[x, probe_top - 4.0, x, y - ROW_GAP + 4.0]], arrow: false });
            line.mark = Some(highlight.tone);
            shapes.push(line);
        }
    }

    let mut scene = Scene { width: WIDTH, height: y - ROW_GAP + MARGIN, shapes, focus: None, home: None };
    // Tables being written belong in view with the inputs they replace.
    scene.focus = scene.bounds_of(|s| (s.mark.is_some() || s.pending) && matches!(s.role, Role::Node | Role::Item));
    scene
}

/// The row a compaction's outputs are drawn below while they are being written: the level
/// they are written for (the last row, if that level is not drawn yet), or, tiered, the last
/// row holding one of their inputs (their size tier is only known once the inputs are gone).
fn pending_row(lsm: &Lsm, rows: &[Vec<Arc<SsTable>>], f: &InFlight) -> usize {
    let last = rows.len().saturating_sub(1);
    match lsm.config().strategy {
        Strategy::Leveled => f.level.min(last),
        Strategy::Tiered => rows.iter().rposition(|row| row.iter().any(|t| f.inputs.contains(&t.id))).unwrap_or(last),
    }
}

/// A row's name, the ids of the shapes that are the row's own (its name, baseline and thin
/// bars), and whether its tables are a compaction's outputs being written.
struct RowParts {
    name: String,
    name_id: u64,
    baseline_id: u64,
    thin_id: u64,
    pending: bool,
}

/// Draws one row from `y` down: its name, a faint baseline (so an empty level still shows
/// where it is) and its tables, each as tall as its share of `biggest` bytes. Returns the
/// row's height.
fn draw_row(shapes: &mut Vec<Shape>, axis: &Axis, mark: &impl Fn(u32) -> Option<Tone>, y: f64, parts: RowParts, row: &[Arc<SsTable>], biggest: f64) -> f64 {
    let pending = parts.pending;
    // A sorted run (a leveled level below L0) never overlaps itself: each table is drawn
    // at its true width in one lane, however narrow. Rows that may overlap widen narrow
    // tables to stay visible and stack them in lanes.
    let mut by_key: Vec<&Arc<SsTable>> = row.iter().collect();
    by_key.sort_by_key(|t| t.min());
    let sorted_run = by_key.windows(2).all(|w| w[0].max() < w[1].min());
    let spans: Vec<(f64, f64)> = row.iter().map(|t| if sorted_run { axis.true_span(t) } else { axis.span(t) }).collect();
    let lanes = if sorted_run { vec![0; row.len()] } else { lanes(row, &spans) };
    let lane_count = lanes.iter().copied().max().map_or(1, |m| m + 1);
    let row_h = lane_count as f64 * LANE;
    shapes.push(row_name(parts.name_id, y + LANE / 2.0, parts.name));
    shapes.push(Shape::new(parts.baseline_id, Role::Edge, Geometry::Path { segments: vec![[AXIS_X0, y + row_h, AXIS_X1, y + row_h]], arrow: false }).pending(pending));
    let mut thin: Vec<[f64; 4]> = Vec::new();
    for ((t, &lane), &(x0, w)) in row.iter().zip(&lanes).zip(&spans) {
        let h = (TABLE_MAX_H * (t.bytes as f64 / biggest).sqrt()).clamp(TABLE_MIN_H, TABLE_MAX_H);
        let top = y + lane as f64 * LANE + (TABLE_MAX_H - h);
        if sorted_run && w < THIN && mark(t.id).is_none() && row.len() > FEW_TABLES {
            let x = x0 + w / 2.0;
            thin.push([x, top, x, top + h]);
            continue;
        }
        // A table too narrow to see (a flush of a few neighbouring keys) that the step marks,
        // or one of a few in its row, is widened like an overlapping row's, where that runs
        // into no other table of its row: a lone table was a hairline.
        let (x0, w) = match axis.span(t) {
            (wx, ww) if w < THIN && spans.iter().all(|&(ox, ow)| (ox, ow) == (x0, w) || ox + ow <= wx || wx + ww <= ox) => (wx, ww),
            _ => (x0, w),
        };
        let label = (w >= 44.0 && h >= 22.0).then(|| format!("#{}", t.id));
        // The same id as once it is in place, so the box moves into its level.
        let mut s = Shape::new(table_shape_id(t.id), Role::Node, Geometry::Rect { x: x0, y: top, w, h, rx: 2.0, label }).pending(pending);
        s.mark = mark(t.id);
        shapes.push(s);
    }
    if !thin.is_empty() {
        let what = if pending { "being written" } else { "too narrow to draw apart" };
        let title = format!("{} tables {what}", thousands(thin.len() as u64));
        shapes.push(Shape::new(parts.thin_id, Role::Node, Geometry::Path { segments: thin, arrow: false }).titled(title).pending(pending));
    }
    row_h
}

/// The lane of each table in a row: the first lane where its box (`spans`, as drawn, so a
/// narrow table widened to stay visible counts at its drawn width) overlaps nothing placed.
fn lanes(row: &[Arc<SsTable>], spans: &[(f64, f64)]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..row.len()).collect();
    // Newest first within a row, so the newest L0 table takes the top lane.
    order.sort_unstable_by(|&a, &b| row[b].id.cmp(&row[a].id));
    let mut placed: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut out = vec![0; row.len()];
    for i in order {
        let (x0, w) = spans[i];
        let x1 = x0 + w;
        let free = |lane: &Vec<(f64, f64)>| lane.iter().all(|&(a, b)| x1 <= a || x0 >= b);
        let lane = match placed.iter().position(free) {
            Some(lane) => lane,
            None => {
                placed.push(Vec::new());
                placed.len() - 1
            }
        };
        placed[lane].push((x0, x1));
        out[i] = lane;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_places_as_float_formatting_gives_them() {
        for (v, p) in [(18.0833, 2), (0.0, 2), (1.5, 0), (2.26, 1), (-0.26, 1), (0.0086, 4), (123456.789, 3), (0.999, 2)] {
            assert_eq!(fixed(v, p), format!("{v:.*}", p as usize), "{v} to {p} places");
        }
    }
}
