//! Layouts: pure functions from a structure's state to a [`Scene`](crate::scene::Scene) of
//! positioned shapes. Nothing here knows about the DOM, so the geometry is tested natively.

pub mod btree;
pub mod lsm;
pub mod ring;
