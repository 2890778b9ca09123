//! Charts: what each says ([`spec`], [`catalog`]) and how it is painted
//! ([`draw`]) on any plotters backend.

pub mod catalog;
pub mod draw;
pub mod line;
pub mod spec;

pub use catalog::{build, CHART_IDS};
