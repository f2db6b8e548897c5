//! Combining two copies of progress (this browser's and an imported file's), and saying what
//! an import would change before it does.

use crate::model::{Key, Progress, State};

/// Record by record, the newer one wins; on a tie this browser's copy stays.
pub fn merge(current: &Progress, incoming: &Progress) -> Progress {
    let mut out = current.clone();
    for (key, mark) in incoming.marks.iter() {
        if out.marks.get(key).is_none_or(|m: &crate::Mark| mark.at > m.at) {
            out.marks.insert(key.clone(), *mark);
        }
    }
    for (path, plan) in incoming.plans.iter() {
        if out.plans.get(path).is_none_or(|p| plan.at > p.at) {
            out.plans.insert(path.clone(), *plan);
        }
    }
    for (path, assessment) in incoming.assessments.iter() {
        if out.assessments.get(path).is_none_or(|a| assessment.at > a.at) {
            out.assessments.insert(path.clone(), assessment.clone());
        }
    }
    out
}

/// One mark whose state would change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub key: Key,
    pub from: State,
    pub to: State,
}

/// What replacing `before` with `after` changes, as a learner would count it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Diff {
    pub changes: Vec<Change>,
    /// Paths whose study plan is new or different.
    pub plans: Vec<String>,
    /// Paths whose self-assessment is new or different.
    pub assessments: Vec<String>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.plans.is_empty() && self.assessments.is_empty()
    }
}

pub fn diff(before: &Progress, after: &Progress) -> Diff {
    let keys: std::collections::BTreeSet<&Key> = before.marks.keys().chain(after.marks.keys()).collect();
    let changes = keys
        .into_iter()
        .filter_map(|key| {
            let (from, to) = (before.state(key), after.state(key));
            (from != to).then(|| Change { key: key.clone(), from, to })
        })
        .collect();
    let plan_paths: std::collections::BTreeSet<&String> = before.plans.keys().chain(after.plans.keys()).collect();
    let plans = plan_paths
        .into_iter()
        .filter(|p| {
            let strip = |plan: Option<&crate::model::Plan>| plan.map(|x| (x.start, x.hours_per_week));
            strip(before.plans.get(*p)) != strip(after.plans.get(*p))
        })
        .cloned()
        .collect();
    let assessment_paths: std::collections::BTreeSet<&String> = before.assessments.keys().chain(after.assessments.keys()).collect();
    let assessments = assessment_paths
        .into_iter()
        .filter(|p| before.assessments.get(*p).map(|a| &a.scores) != after.assessments.get(*p).map(|a| &a.scores))
        .cloned()
        .collect();
    Diff { changes, plans, assessments }
}
