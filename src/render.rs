//! Native rendering of a chart to an SVG string, for static fallbacks, social
//! cards and tests. Uses the same layout and drawing code as the canvas.
//!
//! Submodules make what readers take away: [`poster`] (the chart under its
//! title and above its sources, as SVG, and the 1200×630 social card),
//! [`table`] (the chart's own values as CSV), [`share`] (its page to share,
//! with its link preview and oEmbed) and, natively only, [`raster`] (posters
//! and cards as PNG, with the font in `assets/fonts`).

pub mod poster;
#[cfg(not(target_arch = "wasm32"))]
pub mod raster;
pub mod share;
pub mod table;

use plotters::prelude::*;
use plotters_svg::SVGBackend;

use crate::chart::draw::{draw, Surface};
use crate::chart::spec::ChartSpec;
use crate::layout::{layout, ApproxMeasure, Layout};
use crate::theme::Theme;

/// The layout used for an SVG at `width` CSS px.
pub fn svg_layout(spec: &ChartSpec, width: f64) -> Layout {
    layout(spec, width, &ApproxMeasure)
}

/// Renders `spec` at `width` CSS px to a standalone SVG document with a
/// `<title>` and `<desc>` for assistive technology.
pub fn svg(spec: &ChartSpec, width: f64, dark: bool) -> Result<String, String> {
    let (out, _) = drawn(spec, width, dark)?;
    document(spec, out)
}

/// The chart's marks and text at `width` CSS px, without the `<svg>` element
/// around them, to place inside a larger drawing; and their size in px.
pub fn svg_body(spec: &ChartSpec, width: f64, dark: bool) -> Result<(String, (u32, u32)), String> {
    let (out, size) = drawn(spec, width, dark)?;
    Ok((body(&out)?, size))
}

/// [`svg`] and [`svg_body`] from one drawing, for the build, which writes the
/// file and pastes the body into the page.
pub fn svg_and_body(spec: &ChartSpec, width: f64, dark: bool) -> Result<(String, String, (u32, u32)), String> {
    let (out, size) = drawn(spec, width, dark)?;
    let inner = body(&out)?;
    Ok((document(spec, out)?, inner, size))
}

/// The chart drawn at `width` CSS px as plotters writes it (an `<svg>`
/// document), and its size in px.
fn drawn(spec: &ChartSpec, width: f64, dark: bool) -> Result<(String, (u32, u32)), String> {
    let l = svg_layout(spec, width);
    let (w, h) = (l.width.round() as u32, l.height.round() as u32);
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (w, h)).into_drawing_area();
        draw(&root, &l, Theme::for_dark(dark), Surface::svg(), None).map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok((out, (w, h)))
}

/// Plotters' document with the chart's accessible name right after `<svg …>`.
fn document(spec: &ChartSpec, mut out: String) -> Result<String, String> {
    let head = format!("<title>{}</title><desc>{}</desc>", escape(&spec.title), escape(&spec.summary));
    match out.find('>') {
        Some(i) => {
            out.insert_str(i + 1, &head);
            Ok(out.replacen("<svg ", "<svg role=\"img\" ", 1))
        }
        None => Err("plotters produced no <svg> element".to_owned()),
    }
}

/// What plotters' document holds inside its `<svg>` element.
fn body(out: &str) -> Result<String, String> {
    let start = out.find('>').map(|i| i + 1);
    let end = out.rfind("</svg>");
    match (start, end) {
        (Some(start), Some(end)) if start <= end => Ok(out[start..end].trim().to_owned()),
        _ => Err("plotters produced no <svg> element".to_owned()),
    }
}

/// Escapes text for XML content.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
