//! Learner progress, independent of the browser: what is recorded (`model`), how it is stored
//! and exported (`envelope`, with serde; `wire` for the fields whose JSON differs from their type), how copies combine (`merge`), the store that never
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
mod wire;

pub use model::{Assessment, Key, Mark, Plan, Progress, State};
