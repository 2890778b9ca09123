//! Words and numbers for readers: formatting and the generated summaries that
//! screen readers announce.

pub mod format;
pub mod json;
