//! Exports for `cargo xtask bench` only (cargo feature `bench`, off in the
//! shipped site): a line chart of a long synthetic daily series, to show that
//! drawing cost stops growing once the data outgrows the pixels
//! ([`crate::chart::line`]), and the same series for the Chart.js comparison.

use std::cell::RefCell;
use std::rc::Rc;

use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::canvas::Canvas;
use super::js_err;
use crate::chart::line::draw_line;
use crate::theme::LIGHT;

/// CSS height of the benchmark's line chart; the width is the caller's.
const HEIGHT: f64 = 320.0;

thread_local! {
    /// Series by length: generated once, so a timed call measures drawing only
    /// (a million values take longer to make than to draw).
    static SERIES: RefCell<Vec<(usize, Rc<[f64]>)>> = const { RefCell::new(Vec::new()) };
}

/// A deterministic "daily" series of `n` values: a yearly and a weekly cycle,
/// a slow decade-long swing, noise from a 32-bit LCG and rare spikes, so that
/// every pixel column has a real min and max to keep.
fn generate(n: usize) -> Vec<f64> {
    use std::f64::consts::TAU;
    let mut state: u32 = 0x2545_F491;
    (0..n)
        .map(|i| {
            let day = i as f64;
            state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            let noise = f64::from(state >> 8) / f64::from(1u32 << 24) - 0.5;
            let spike = if (state >> 8).is_multiple_of(997) { 60.0 } else { 0.0 };
            100.0
                + 25.0 * (TAU * day / 365.25).sin()
                + 8.0 * (TAU * day / 7.0).sin()
                + 10.0 * (TAU * day / 3652.5).sin()
                + 12.0 * noise
                + spike
        })
        .collect()
}

fn series(n: usize) -> Rc<[f64]> {
    SERIES.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some((_, s)) = cache.iter().find(|(len, _)| *len == n) {
            return Rc::clone(s);
        }
        let s: Rc<[f64]> = generate(n).into();
        cache.push((n, Rc::clone(&s)));
        s
    })
}

/// The synthetic series of `n` points (a copy), so that Chart.js draws the same data.
#[wasm_bindgen]
pub fn bench_series(n: u32) -> Vec<f64> {
    series(n as usize).to_vec()
}

/// Draws the synthetic series of `n_points` as a line chart `width` CSS px wide
/// and 320 high at `dpr`, through the core's plotters path: reduce to min/max
/// per device-pixel column, then draw. Returns how many marks the line took
/// (polyline vertices, or one span per column once the data outgrows the pixels).
/// The series is made on the first call for each length; time later calls.
#[wasm_bindgen]
pub fn bench_line(canvas: HtmlCanvasElement, n_points: u32, width: f64, dpr: f64) -> Result<f64, JsError> {
    let ctx = super::context_2d(&canvas)?;
    let dpr = if dpr.is_finite() && dpr > 0.0 { dpr.min(4.0) } else { 1.0 };
    let width = if width.is_finite() { width.clamp(120.0, 4000.0) } else { 640.0 };
    let (w, h) = ((width * dpr).round() as u32, (HEIGHT * dpr).round() as u32);
    // Resizing clears and reallocates the backing store: only when it changes,
    // as a chart redrawing new data would.
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    let values = series(n_points as usize);
    let root = Canvas::new(canvas, ctx).into_drawing_area();
    let drawn = draw_line(&root, &values, &LIGHT, dpr).map_err(js_err)?;
    Ok(drawn as f64)
}
