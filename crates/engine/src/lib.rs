//! The pure half of Strata's visualizers: engines that expand each user operation into
//! captioned steps, the timeline those steps are kept in, layouts that turn a state into
//! positioned shapes, and the URL scenario grammar. Nothing here touches the browser, so all
//! of it is tested natively.

pub mod btree;
pub mod layout;
pub mod rng;
pub mod scenario;
pub mod step;
