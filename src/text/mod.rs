//! Words and numbers for readers: number formatting, locales, templates and
//! the UI's messages.

pub mod format;
pub mod locale;
pub mod template;
pub mod ui;
