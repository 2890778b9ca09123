//! Charts: what each says ([`spec`], [`catalog`]) and how it is painted
//! ([`draw`]) on any plotters backend.

pub mod catalog;
pub mod draw;
/// Line charts exist only for `cargo xtask bench`'s scaling test: never shipped.
#[cfg(feature = "bench")]
pub mod line;
pub mod pack;
/// What a chart says lives at the crate root, where layout and drawing both read it.
pub use crate::spec;

pub use catalog::{build, chart_ids};
