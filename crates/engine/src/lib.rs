//! The pure half of Strata's visualizers: the widget platform (a [`widget::Widget`] trait,
//! scenarios in the address, replay and compare mode, scenes of shapes), the engines that
//! expand each user operation into captioned steps, the timeline those steps are kept in, and
//! the layouts that turn a state into a scene. Nothing here touches the browser, so all of it
//! is tested natively.

pub mod btree;
pub mod lsm;
pub mod layout;
pub mod ring;
pub mod rng;
pub mod scenario;
pub mod scene;
pub mod step;
pub mod widget;
pub mod widgets;
