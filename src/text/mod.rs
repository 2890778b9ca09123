//! Words and numbers for readers: number formatting, and the small JSON writer
//! for what crosses to the page.

pub mod format;
pub mod json;
pub mod locale;
pub mod template;
pub mod ui;
