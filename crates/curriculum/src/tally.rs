//! A learner's standing, derived from the curriculum and their progress: completion and hours
//! per week, phase and path, where to carry on, and which records no longer match an item.
//!
//! Completion is (done + skipped) ÷ items.
//!
//! Hours follow one rule, and every hours figure on every page comes from it ([`week_hours`]):
//! a week counts for the hours its source gives it (the middle of a range), or where it gives
//! none, for the path's weekly hours (the middle) times the weeks it spans. The week's items
//! share that: an item keeps the hours the source gives it, a group's items share the group's
//! hours, and items without a figure share what is left of the week evenly. Where the source's
//! own figures add up to more than the week (or to less, or leave nothing for the items without
//! one, which then count as the path's average item), every item of the week is scaled by the
//! same factor so the week adds up to exactly its hours, and the week page says so. Phases and
//! paths are sums of their weeks. All figures are whole minutes.

use crate::{paths, Hours, Item, Path, Week};
use strata_progress::{Key, Progress, State};

/// The middle of a range, in minutes (rounded down to a whole minute).
pub fn midpoint(hours: Hours) -> u32 {
    (u32::from(hours.low) + u32::from(hours.high)) / 2
}

/// How one week's hours are counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekHours {
    /// Minutes the week counts for: the middle of its own hours, or of the path's weekly
    /// hours times its span.
    pub budget: u32,
    /// Whether `budget` comes from the week's own hours (else from the path's weekly hours).
    pub own_hours: bool,
    /// Minutes the items came to before they were fitted to `budget`: the source's figures,
    /// shares, and the average item for items nothing was left for.
    pub parts: u32,
    /// Minutes the source's own figures for the week's parts come to: groups with hours, and
    /// items with hours in the other groups.
    pub given: u32,
    /// Items without a figure of their own that found no hours left in their week or group.
    pub unfunded: usize,
    /// What each of those counts before scaling: the path's average item.
    pub average: u32,
    /// Every item's counted minutes, in `week.items()` order; they add up to `budget`.
    pub items: Vec<u32>,
}

impl WeekHours {
    /// The source's parts did not add up to the week, so every item was scaled.
    pub fn scaled(&self) -> bool {
        self.parts != self.budget
    }

    /// Counted minutes of the week's group `index`.
    pub fn group(&self, week: &Week, index: usize) -> u32 {
        let start: usize = week.groups[..index].iter().map(|g| g.items.len()).sum();
        self.items[start..start + week.groups[index].items.len()].iter().sum()
    }

    /// The scale factor in whole percent (90 for a 25 h week counted as 22.5 h).
    pub fn percent(&self) -> u32 {
        (self.budget * 100 + self.parts / 2).checked_div(self.parts).unwrap_or(100)
    }
}

/// The rule in one place (see the module docs); `items` add up to `budget` exactly.
pub fn week_hours(path: &Path, week: &Week) -> WeekHours {
    let budget = week_budget(path, week);
    let average = average_item(path);
    let mut unfunded = 0;
    // What groups with hours take, and items with their own hours in the other groups: what is
    // left is shared by the rest of the week.
    let mut claimed = 0;
    let mut loose = 0;
    for g in week.groups {
        match g.hours {
            Some(h) => claimed += midpoint(h),
            None => {
                claimed += g.items.iter().filter_map(|i| i.hours).map(midpoint).sum::<u32>();
                loose += g.items.iter().filter(|i| i.hours.is_none()).count();
            }
        }
    }
    let mut week_shares = share(budget.saturating_sub(claimed), loose, average);
    if budget <= claimed {
        unfunded += loose;
    }
    let mut raw = Vec::with_capacity(week.item_count());
    for g in week.groups {
        match g.hours {
            Some(h) => {
                let own: u32 = g.items.iter().filter_map(|i| i.hours).map(midpoint).sum();
                let rest = g.items.iter().filter(|i| i.hours.is_none()).count();
                if rest > 0 && midpoint(h) <= own {
                    unfunded += rest;
                }
                let mut shares = share(midpoint(h).saturating_sub(own), rest, average);
                let group: Vec<u32> = g.items.iter().map(|i| i.hours.map_or_else(|| shares.next().unwrap_or(average), midpoint)).collect();
                // A group's items add up to the group's hours.
                raw.extend(fit(&group, midpoint(h)));
            }
            None => raw.extend(g.items.iter().map(|i| i.hours.map_or_else(|| week_shares.next().unwrap_or(average), midpoint))),
        }
    }
    let parts = raw.iter().sum();
    let items = fit(&raw, budget);
    WeekHours { budget, own_hours: week.hours.is_some(), parts, given: claimed, unfunded, average, items }
}

/// Counted minutes of every item of `week`, in `week.items()` order.
pub fn item_hours(path: &Path, week: &Week) -> Vec<u32> {
    week_hours(path, week).items
}

/// Minutes a week counts for (see [`week_hours`]).
pub fn week_budget(path: &Path, week: &Week) -> u32 {
    week.hours.map_or(midpoint(path.weekly_hours) * u32::from(week.span()), midpoint)
}

/// Minutes a phase counts for: the sum of its weeks.
pub fn phase_minutes(path: &Path, phase: usize) -> u32 {
    path.phase_weeks(&path.phases[phase]).iter().map(|w| week_budget(path, w)).sum()
}

/// Minutes the whole path counts for: the sum of its weeks.
pub fn path_minutes(path: &Path) -> u32 {
    path.weeks.iter().map(|w| week_budget(path, w)).sum()
}

/// The pace that finishes the path in its stated weeks: its minutes over its weeks, as the
/// tenths of an hour a study plan stores, rounded up (so it never finishes late).
pub fn suggested_tenths(path: &Path) -> u32 {
    let per_week = path_minutes(path).div_ceil(u32::from(path.duration_weeks.max(1)));
    per_week.div_ceil(strata_progress::hours::MINUTES_PER_TENTH)
}

/// The path's weekly hours spread over all its items, in whole tenths (at least one).
fn average_item(path: &Path) -> u32 {
    let tenths = path_minutes(path) / path.item_count().max(1) as u32 / 6;
    tenths.max(1) * 6
}

/// The size of the steps a figure is cut into when shared or scaled: tenths of an hour where
/// the total allows, else twentieths (three minutes), else minutes. Keeps shares readable.
fn granule(total: u32) -> u32 {
    [6, 3, 1].into_iter().find(|g| total.is_multiple_of(*g)).unwrap_or(1)
}

/// `total` shared by `count` items in whole granules, the odd ones to the first items; an item
/// gets `fallback` when there is nothing to share.
fn share(total: u32, count: usize, fallback: u32) -> impl Iterator<Item = u32> {
    let g = granule(total);
    let units = total / g;
    let count32 = count.max(1) as u32;
    (0..count as u32).map(move |i| {
        let n = units / count32 + u32::from(i < units % count32);
        if total == 0 || n == 0 {
            fallback
        } else {
            n * g
        }
    })
}

/// Scales `values` by one factor so they add up to `target` exactly, in whole granules,
/// largest remainders first; no value becomes 0 while there are enough granules to go round.
/// Values that already add up to `target` are returned as they are.
fn fit(values: &[u32], target: u32) -> Vec<u32> {
    let sum: u64 = values.iter().map(|&v| u64::from(v)).sum();
    if sum == u64::from(target) || values.is_empty() {
        return values.to_vec();
    }
    let g = granule(target);
    let units = u64::from(target / g);
    let (mut out, mut rests): (Vec<u64>, Vec<(u64, usize)>) = if sum == 0 {
        (vec![0; values.len()], (0..values.len()).map(|i| (0, i)).collect())
    } else {
        values.iter().enumerate().map(|(i, &v)| (u64::from(v) * units / sum, (u64::from(v) * units % sum, i))).unzip()
    };
    let missing = units - out.iter().sum::<u64>();
    // Largest remainder first; equal remainders in curriculum order (cycling only when every
    // value was 0 and the units are shared out evenly).
    // An insertion sort: a week has a few dozen items at most, and std's sort (driftsort)
    // costs the first load 4.8 KB of wasm (measured with twiggy, 2026-12-01).
    let before = |a: &(u64, usize), b: &(u64, usize)| a.0 > b.0 || (a.0 == b.0 && a.1 < b.1);
    for i in 1..rests.len() {
        let mut j = i;
        while j > 0 && before(&rests[j], &rests[j - 1]) {
            rests.swap(j, j - 1);
            j -= 1;
        }
    }
    for &(_, i) in rests.iter().cycle().take(missing as usize) {
        out[i] += 1;
    }
    if units >= values.len() as u64 {
        while let Some(zero) = out.iter().position(|&u| u == 0) {
            let largest = (0..out.len()).max_by_key(|&i| (out[i], std::cmp::Reverse(i))).unwrap_or(0);
            out[largest] -= 1;
            out[zero] += 1;
        }
    }
    out.into_iter().map(|u| u as u32 * g).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub items: u32,
    pub done: u32,
    pub in_progress: u32,
    pub skipped: u32,
    /// Minutes: done items.
    pub hours_done: u32,
    /// Minutes: items neither done nor skipped.
    pub hours_left: u32,
    /// Minutes: skipped items (in neither of the others).
    pub hours_skipped: u32,
}

impl Tally {
    pub fn finished(&self) -> u32 {
        self.done + self.skipped
    }

    /// Whole percent, rounded down, so 100 means every item is finished.
    pub fn percent(&self) -> u32 {
        (self.finished() * 100).checked_div(self.items).unwrap_or(0)
    }

    pub fn started(&self) -> bool {
        self.done + self.in_progress + self.skipped > 0
    }

    fn add(mut self, other: Tally) -> Tally {
        self.items += other.items;
        self.done += other.done;
        self.in_progress += other.in_progress;
        self.skipped += other.skipped;
        self.hours_done += other.hours_done;
        self.hours_left += other.hours_left;
        self.hours_skipped += other.hours_skipped;
        self
    }

    pub fn workload(&self) -> strata_progress::plan::Workload {
        strata_progress::plan::Workload { done: self.hours_done, left: self.hours_left }
    }
}

pub fn item_key(path: &Path, item: &Item) -> Key {
    Key::item(path.id, item.id)
}

pub fn week_tally(path: &Path, week: &Week, progress: &Progress) -> Tally {
    let mut t = Tally::default();
    for (item, hours) in week.items().zip(item_hours(path, week)) {
        t.items += 1;
        match progress.state(&item_key(path, item)) {
            State::Done => {
                t.done += 1;
                t.hours_done += hours;
            }
            State::Skipped => {
                t.skipped += 1;
                t.hours_skipped += hours;
            }
            State::InProgress => {
                t.in_progress += 1;
                t.hours_left += hours;
            }
            State::NotStarted => t.hours_left += hours,
        }
    }
    t
}

pub fn phase_tally(path: &Path, phase: usize, progress: &Progress) -> Tally {
    path.phase_weeks(&path.phases[phase]).iter().map(|w| week_tally(path, w, progress)).fold(Tally::default(), Tally::add)
}

pub fn path_tally(path: &Path, progress: &Progress) -> Tally {
    path.weeks.iter().map(|w| week_tally(path, w, progress)).fold(Tally::default(), Tally::add)
}

/// Ticked lines of a week's checkpoint, and how many lines it has.
pub fn checks_done(path: &Path, week: &Week, progress: &Progress) -> (usize, usize) {
    let Some(cp) = &week.checkpoint else { return (0, 0) };
    let done = (1..=cp.validation.len())
        .filter(|&line| progress.state(&Key::check(path.id, cp.id, line as u16)) == State::Done)
        .count();
    (done, cp.validation.len())
}

/// Where a key points in the curriculum: its path, week and item (none for a checkpoint line).
pub fn locate(key: &Key) -> Option<(&'static Path, &'static Week, Option<&'static Item>)> {
    let path = crate::find_path(key.path())?;
    match key {
        Key::Item { item, .. } => {
            path.weeks.iter().find_map(|w| w.items().find(|i| i.id == item).map(|i| (path, w, Some(i))))
        }
        Key::Check { checkpoint, line, .. } => path
            .weeks
            .iter()
            .find(|w| w.checkpoint.as_ref().is_some_and(|cp| cp.id == checkpoint && usize::from(*line) <= cp.validation.len()))
            .map(|w| (path, w, None)),
    }
}

/// Records for items or checkpoint lines this curriculum no longer has. They are kept and
/// exported, never dropped: the content may bring the id back, or the learner may want them.
pub fn orphans(progress: &Progress) -> Vec<&Key> {
    progress.marks.keys().filter(|k| locate(k).is_none()).collect()
}

/// Whether any record of `progress` belongs to this curriculum (an import check).
pub fn knows_any(progress: &Progress) -> bool {
    progress.marks.keys().any(|k| locate(k).is_some()) || progress.plans.keys().any(|p| crate::find_path(p).is_some())
}

/// Progress with every item of every path marked (the four states in turn) and every
/// checkpoint line ticked: the largest file a learner can make, for the benchmark and tests.
pub fn everything_marked(at: u64) -> Progress {
    let mut p = Progress::default();
    for path in paths() {
        for (i, item) in path.weeks.iter().flat_map(|w| w.items()).enumerate() {
            p.set(item_key(path, item), State::ALL[i % 4], at + i as u64);
        }
        for cp in path.weeks.iter().filter_map(|w| w.checkpoint.as_ref()) {
            for line in 1..=cp.validation.len() {
                p.set(Key::check(path.id, cp.id, line as u16), State::Done, at);
            }
        }
    }
    p
}

pub fn all_paths_tallies(progress: &Progress) -> impl Iterator<Item = (&'static Path, Tally)> + '_ {
    paths().iter().map(move |p| (p, path_tally(p, progress)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_week_adds_up_to_its_hours_and_phases_and_paths_to_their_weeks() {
        for path in paths() {
            let empty = Progress::default();
            let mut phases = 0;
            for (i, _) in path.phases.iter().enumerate() {
                let weeks: u32 = path.phase_weeks(&path.phases[i]).iter().map(|w| week_budget(path, w)).sum();
                assert_eq!(phase_minutes(path, i), weeks, "{} phase {i}", path.id);
                assert_eq!(phase_tally(path, i, &empty).hours_left, weeks, "{} phase {i}: tally against weeks", path.id);
                phases += weeks;
            }
            assert_eq!(path_minutes(path), phases, "{}: path against phases", path.id);
            assert_eq!(path_tally(path, &empty).hours_left, phases, "{}: tally against phases", path.id);
            for week in path.weeks {
                let h = week_hours(path, week);
                assert_eq!(h.items.len(), week.item_count());
                assert_eq!(h.items.iter().sum::<u32>(), h.budget, "{}/{}: items against the week", path.id, week.id);
                let groups: u32 = (0..week.groups.len()).map(|g| h.group(week, g)).sum();
                assert_eq!(groups, h.budget, "{}/{}: groups against the week", path.id, week.id);
                assert!(h.items.iter().all(|&m| m > 0), "{}/{} has an item counted at 0 h", path.id, week.id);
                if let Some(stated) = week.hours {
                    assert!((u32::from(stated.low)..=u32::from(stated.high)).contains(&h.budget), "{}/{}", path.id, week.id);
                }
                // Whatever was marked, done + left + skipped is the week.
                let mut p = Progress::default();
                for (n, item) in week.items().enumerate() {
                    p.set(item_key(path, item), State::ALL[n % 4], 1);
                }
                let t = week_tally(path, week, &p);
                assert_eq!(t.hours_done + t.hours_left + t.hours_skipped, h.budget, "{}/{}", path.id, week.id);
            }
        }
    }

    #[test]
    fn a_plan_at_the_suggested_pace_finishes_in_the_paths_last_week() {
        use strata_progress::plan::{outlook, schedule, Workload};
        for path in paths() {
            let start = 20_000;
            let plan = strata_progress::Plan { start, hours_per_week: suggested_tenths(path) as u16, at: 0 };
            let total = path_minutes(path);
            let o = outlook(&plan, Workload { done: 0, left: total }, start);
            let weeks = i64::from(path.duration_weeks);
            let days = i64::from(o.finish - start);
            assert!(days > 7 * (weeks - 1) && days <= 7 * weeks, "{}: {days} days for {weeks} weeks", path.id);
            let week_minutes: Vec<u32> = path.weeks.iter().map(|w| week_budget(path, w)).collect();
            let last = schedule(&plan, &week_minutes).last().unwrap().1;
            let days = i64::from(last - start);
            assert!(days > 7 * (weeks - 1) && days <= 7 * weeks, "{}: the calendar ends after {days} days", path.id);
        }
    }

    #[test]
    fn figures_the_source_gives_are_kept_where_they_fit_and_scaled_where_they_do_not() {
        // Data-Intensive Systems week 1: 20–25 h, but its parts come to 25 h.
        let dis = find("data-intensive-systems");
        let h = week_hours(dis, dis.week("w01").unwrap().1);
        assert_eq!((h.budget, h.own_hours), (1350, true));
        assert!(h.scaled() && h.parts > h.budget && h.percent() < 100, "{h:?}");
        // The mastery plan's mock coding rounds are 45 minutes each, exactly.
        let demp = find("data-engineering-mastery-plan");
        for id in ["mock-sql-coding", "mock-python-spark-coding"] {
            let (week, item) = demp.weeks.iter().find_map(|w| w.items().find(|i| i.id == id).map(|i| (w, i))).unwrap();
            assert_eq!(item.hours, Some(Hours { low: 45, high: 45 }), "{id}");
            let at = week.items().position(|i| i.id == id).unwrap();
            let h = week_hours(demp, week);
            assert!(!h.scaled(), "{}: {h:?}", week.id);
            assert_eq!(h.items[at], 45, "{id}");
        }
    }

    #[test]
    fn fitting_scales_by_one_factor_in_whole_granules() {
        assert_eq!(fit(&[150, 150, 300], 540), vec![138, 132, 270]);
        assert_eq!(fit(&[90, 45], 135), vec![90, 45]);
        assert_eq!(fit(&[0, 0, 0], 18), vec![6, 6, 6]);
        assert_eq!(fit(&[1000, 1], 60), vec![54, 6]);
        assert_eq!(fit(&[], 60), Vec::<u32>::new());
        for (values, target) in [(vec![7u32, 13, 29, 31], 1575u32), (vec![60; 7], 1000), (vec![3, 600, 45], 990)] {
            let out = fit(&values, target);
            assert_eq!(out.iter().sum::<u32>(), target, "{values:?} to {target}");
            assert!(out.iter().all(|&v| v > 0 && v % granule(target) == 0), "{out:?}");
        }
        assert_eq!(share(495, 11, 60).collect::<Vec<_>>(), vec![45; 11]);
        assert_eq!(share(0, 2, 60).collect::<Vec<_>>(), vec![60, 60]);
    }

    #[test]
    fn tallies_count_states_and_hours() {
        let path = find("data-engineer");
        let week = &path.weeks[0];
        let items: Vec<&Item> = week.items().collect();
        let hours = item_hours(path, week);
        let mut p = Progress::default();
        p.set(item_key(path, items[0]), State::Done, 1);
        p.set(item_key(path, items[1]), State::Skipped, 2);
        p.set(item_key(path, items[2]), State::InProgress, 3);
        let t = week_tally(path, week, &p);
        assert_eq!((t.items as usize, t.done, t.skipped, t.in_progress), (items.len(), 1, 1, 1));
        assert_eq!(t.hours_done, hours[0]);
        assert_eq!(t.hours_left, hours.iter().sum::<u32>() - hours[0] - hours[1]);
        assert_eq!(t.percent(), 200 / items.len() as u32);
        assert_eq!(path_tally(path, &p).finished(), 2);
        assert_eq!(phase_tally(path, week.phase, &p).finished(), 2);
    }

    #[test]
    fn unknown_ids_are_orphans_and_known_ones_locate() {
        let path = find("data-intensive-systems");
        let week = path.weeks.iter().find(|w| w.checkpoint.is_some()).unwrap();
        let cp = week.checkpoint.as_ref().unwrap();
        let mut p = Progress::default();
        p.set(Key::item(path.id, week.items().next().unwrap().id), State::Done, 1);
        p.set(Key::check(path.id, cp.id, 1), State::Done, 1);
        p.set(Key::check(path.id, cp.id, cp.validation.len() as u16 + 1), State::Done, 1);
        p.set(Key::item(path.id, "no-such-item"), State::Done, 1);
        p.set(Key::item("no-such-path", "x"), State::Done, 1);
        let orphans: Vec<String> = orphans(&p).iter().map(|k| k.to_text()).collect();
        assert_eq!(orphans.len(), 3, "{orphans:?}");
        assert!(knows_any(&p));
        assert_eq!(checks_done(path, week, &p), (1, cp.validation.len()));
    }

    fn find(id: &str) -> &'static Path {
        crate::find_path(id).unwrap()
    }
}
