//! A learner's standing, derived from the curriculum and their progress: completion and hours
//! per week, phase and path, where to carry on, and which records no longer match an item.
//!
//! Completion is (done + skipped) ÷ items. Hours are estimates: an item's own hours where the
//! content gives them; otherwise its group's hours, then its week's (or the path's weekly
//! hours times the weeks it spans), shared evenly by the items that have none of their own.
//! Where the hours given already fill the week, such an item counts as the path's average item.

use crate::{paths, Hours, Item, Path, Week};
use strata_progress::{Key, Progress, State};

/// The middle of a range, in tenths of an hour.
pub fn midpoint(hours: Hours) -> u32 {
    (u32::from(hours.low) + u32::from(hours.high)) / 2
}

/// Estimated hours (tenths) of every item of `week`, in `week.items()` order.
pub fn item_hours(path: &Path, week: &Week) -> Vec<u32> {
    let week_budget = week_budget(path, week);
    // Hours the groups with their own budget take, and what items with their own hours take
    // in the other groups: what is left is shared by the rest of the week.
    let mut claimed = 0;
    let mut unsized_items = 0;
    for g in week.groups {
        match g.hours {
            Some(h) => claimed += midpoint(h),
            None => {
                claimed += g.items.iter().filter_map(|i| i.hours).map(midpoint).sum::<u32>();
                unsized_items += g.items.iter().filter(|i| i.hours.is_none()).count() as u32;
            }
        }
    }
    // When the hours given already fill the week or group, an item without its own counts as
    // the path's average item rather than as nothing.
    let fallback = |share: u32| if share == 0 { average_item_hours(path) } else { share };
    let week_share = fallback(week_budget.saturating_sub(claimed) / unsized_items.max(1));
    let mut out = Vec::with_capacity(week.item_count());
    for g in week.groups {
        let share = match g.hours {
            Some(h) => {
                let own: u32 = g.items.iter().filter_map(|i| i.hours).map(midpoint).sum();
                let rest = g.items.iter().filter(|i| i.hours.is_none()).count() as u32;
                fallback(midpoint(h).saturating_sub(own) / rest.max(1))
            }
            None => week_share,
        };
        out.extend(g.items.iter().map(|i| i.hours.map_or(share, midpoint)));
    }
    out
}

fn week_budget(path: &Path, week: &Week) -> u32 {
    week.hours.map_or(midpoint(path.weekly_hours) * u32::from(week.span()), midpoint)
}

/// The path's weekly hours spread over all its items.
fn average_item_hours(path: &Path) -> u32 {
    let total: u32 = path.weeks.iter().map(|w| week_budget(path, w)).sum();
    (total / path.item_count().max(1) as u32).max(1)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub items: u32,
    pub done: u32,
    pub in_progress: u32,
    pub skipped: u32,
    /// Tenths of an hour: done items.
    pub hours_done: u32,
    /// Tenths of an hour: items neither done nor skipped.
    pub hours_left: u32,
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
            State::Skipped => t.skipped += 1,
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
    fn estimates_fill_each_week_without_overshooting() {
        for path in paths() {
            for week in path.weeks {
                let hours = item_hours(path, week);
                assert_eq!(hours.len(), week.item_count());
                let sum: u32 = hours.iter().sum();
                let budget = week_budget(path, week);
                // Shares round down, by less than a tenth of an hour per item.
                assert!(sum + hours.len() as u32 >= budget, "{}/{}: {sum} of {budget}", path.id, week.id);
                assert!(hours.iter().all(|&h| h > 0), "{}/{} has an item estimated at 0 h", path.id, week.id);
            }
        }
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
