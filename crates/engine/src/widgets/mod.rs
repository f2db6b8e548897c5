//! The widgets: each one's engine side, implementing [`Widget`](crate::widget::Widget).

pub mod btree;
pub mod lsm;
pub mod ring;
