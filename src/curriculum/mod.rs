//! The learning paths (compiled in by the `strata-curriculum` crate) and the shell's pages
//! over them.

pub mod prose;
pub mod views;

pub use strata_curriculum::*;
