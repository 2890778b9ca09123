//! Sourced charts of militancy and counter-terrorism in Pakistan in 2025.
//!
//! ARCHITECTURE: [`data`] holds the dataset (figures, sources, verbatim quotes)
//! embedded at compile time and validates it; [`derive`] computes every rate,
//! share and change with its formula; [`store`] answers "what is this value and
//! where is it from"; [`chart`] says what each chart shows (each chart's summary
//! is written with its spec in [`chart::catalog`]), packs what its canvas draws
//! ([`chart::pack`]) and draws it on any plotters backend; [`layout`] places it
//! for a width; [`theme`] has the colours; [`text`] formats numbers and holds the
//! locales and UI messages; [`meta`] is what the page shows as HTML around a
//! chart and [`html`] writes it; [`render`] draws SVG natively. The core never
//! names the web: only `web` (wasm32) touches the canvas and the DOM, and the
//! shipped wasm uses only `chart::pack`, `layout`, `chart::draw` and `theme`.

pub mod chart;
pub mod data;
pub mod derive;
pub mod export;
pub mod html;
pub mod layout;
pub mod meta;
pub mod render;
pub mod spec;
pub mod store;
pub mod text;
pub mod theme;

#[cfg(target_arch = "wasm32")]
pub mod web;
