//! Study-plan arithmetic: when a learner will finish at their pace, whether they are on pace,
//! their streak, and their activity by week. Work is in minutes (`crate::hours`), a plan's
//! hours per week in tenths (six minutes each), days are `calendar::Day`s.

use crate::calendar::{week_start, Day};
use crate::hours::tenths_to_minutes;
use crate::model::Plan;
use std::collections::BTreeSet;

/// Minutes of a path's items by where the learner stands; skipped items are in neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Workload {
    pub done: u32,
    pub left: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The plan starts on a later day.
    NotYetStarted,
    Finished,
    /// More than a week's planned hours ahead; the number is the lead in minutes.
    Ahead(u32),
    OnPace,
    /// More than a week's planned hours behind; the number is the shortfall in minutes.
    Behind(u32),
}

/// The rule behind the verdict, for the page to state.
pub const PACE_RULE: &str = "You are on pace while the hours of the items you have done are within one week's planned hours of what the plan expects by today; more than that is ahead or behind.";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outlook {
    /// Minutes of work the plan expects done by today.
    pub expected: u32,
    pub verdict: Verdict,
    /// The day the remaining hours run out at the planned weekly hours, counted from today
    /// (or from the start, if that is later).
    pub finish: Day,
}

pub fn outlook(plan: &Plan, work: Workload, today: Day) -> Outlook {
    let per_week = u64::from(tenths_to_minutes(u32::from(plan.hours_per_week.max(1))));
    let total = work.done + work.left;
    let elapsed_days = (today - plan.start).max(0) as u64;
    let expected = (per_week * elapsed_days / 7).min(u64::from(total)) as u32;
    let verdict = if work.left == 0 {
        Verdict::Finished
    } else if today < plan.start {
        Verdict::NotYetStarted
    } else if u64::from(work.done) > u64::from(expected) + per_week {
        Verdict::Ahead(work.done - expected)
    } else if u64::from(work.done) + per_week < u64::from(expected) {
        Verdict::Behind(expected - work.done)
    } else {
        Verdict::OnPace
    };
    let days_left = (u64::from(work.left) * 7).div_ceil(per_week) as Day;
    Outlook { expected, verdict, finish: today.max(plan.start) + days_left }
}

/// The rule behind the streak, for the page to state.
pub const STREAK_RULE: &str = "Your streak is the number of days in a row on which you marked at least one item done. It counts up to today, and a streak that reached yesterday still stands until today ends.";

/// Days in a row, ending today or yesterday, that are in `days`.
pub fn streak(days: &BTreeSet<Day>, today: Day) -> u32 {
    let mut day = if days.contains(&today) { today } else { today - 1 };
    let mut count = 0;
    while days.contains(&day) {
        count += 1;
        day -= 1;
    }
    count
}

/// How many of `days` fall in each Monday-to-Sunday week from the week of `from` to the week
/// of `to`, oldest first, as (Monday, count).
pub fn weekly_counts(days: impl IntoIterator<Item = Day>, from: Day, to: Day) -> Vec<(Day, u32)> {
    let first = week_start(from);
    let weeks = ((week_start(to) - first) / 7 + 1).max(0) as usize;
    let mut counts: Vec<(Day, u32)> = (0..weeks).map(|i| (first + 7 * i as Day, 0)).collect();
    for day in days {
        if (first..first + 7 * weeks as Day).contains(&day) {
            counts[((day - first) / 7) as usize].1 += 1;
        }
    }
    counts
}

/// Lays a path's weeks end to end from the plan's start at the planned weekly hours: each
/// ends where the minutes up to and including it run out (rounded up to a day, and at least a
/// day after the week before), so the last week ends on the day [`outlook`] gives as the finish.
/// Returns `[start, end)` per week.
pub fn schedule(plan: &Plan, week_minutes: &[u32]) -> Vec<(Day, Day)> {
    let per_week = u64::from(tenths_to_minutes(u32::from(plan.hours_per_week.max(1))));
    let mut at = plan.start;
    let mut total = 0u64;
    week_minutes
        .iter()
        .map(|&minutes| {
            total += u64::from(minutes);
            let end = (plan.start + (total * 7).div_ceil(per_week) as Day).max(at + 1);
            let span = (at, end);
            at = end;
            span
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(start: Day, hours_per_week: u16) -> Plan {
        Plan { start, hours_per_week, at: 0 }
    }

    #[test]
    fn verdicts_follow_the_stated_rule() {
        let p = plan(100, 100); // 10 h a week from day 100
        let today = 114; // two weeks in: 20 h (1200 min) expected
        let at = |done| outlook(&p, Workload { done, left: 6000 }, today).verdict;
        assert_eq!(at(1200), Verdict::OnPace);
        assert_eq!(at(600), Verdict::OnPace); // exactly one week behind is still on pace
        assert_eq!(at(599), Verdict::Behind(601));
        assert_eq!(at(1801), Verdict::Ahead(601));
        assert_eq!(outlook(&p, Workload { done: 0, left: 10 }, 90).verdict, Verdict::NotYetStarted);
        assert_eq!(outlook(&p, Workload { done: 10, left: 0 }, 90).verdict, Verdict::Finished);
    }

    #[test]
    fn finish_counts_remaining_hours_at_the_planned_pace() {
        let p = plan(100, 100);
        assert_eq!(outlook(&p, Workload { done: 0, left: 1200 }, 90).finish, 114);
        assert_eq!(outlook(&p, Workload { done: 0, left: 90 }, 120).finish, 120 + 2); // 1.5 h is 1.05 days: rounds up
        // A 45-minute session at 10 h a week is 0.525 days: one day, not rounded away.
        assert_eq!(outlook(&p, Workload { done: 0, left: 45 }, 120).finish, 121);
    }

    #[test]
    fn streaks_end_today_or_yesterday() {
        let days: BTreeSet<Day> = [1, 2, 3, 5, 6].into();
        assert_eq!(streak(&days, 6), 2);
        assert_eq!(streak(&days, 7), 2);
        assert_eq!(streak(&days, 8), 0);
        assert_eq!(streak(&days, 3), 3);
        assert_eq!(streak(&BTreeSet::new(), 3), 0);
    }

    #[test]
    fn weekly_counts_bucket_by_monday() {
        // Day 4 is Monday 5 Jan 1970.
        let counts = weekly_counts([4, 5, 10, 11, 12, 30], 6, 12);
        assert_eq!(counts, vec![(4, 3), (11, 2)]);
        assert!(weekly_counts([1], 20, 10).is_empty());
    }

    #[test]
    fn schedule_stretches_weeks_to_the_planned_hours() {
        let spans = schedule(&plan(0, 100), &[1200, 600, 0]);
        assert_eq!(spans, vec![(0, 14), (14, 21), (21, 22)]);
    }
}
