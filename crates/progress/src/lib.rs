//! Learner progress, independent of the browser: what is recorded (`model`), how it is stored
//! and exported (`envelope`, `json`), how copies combine (`merge`), the store that never
//! loses anything silently (`store`), and the study-plan arithmetic (`calendar`, `plan`, `ics`).

pub mod calendar;
pub mod envelope;
pub mod hours;
pub mod ics;
pub mod merge;
pub mod model;
pub mod plan;
pub mod store;
pub mod table;

/// The JSON the envelope is written in (shared with the visualizers).
pub use strata_json as json;
pub use model::{Assessment, Key, Mark, Plan, Progress, State};
