//! The browser side (wasm32 only): one `Chart` handle per `<canvas>`, built from
//! the drawing its figure carries. It sizes the canvas's backing store for the
//! device pixel ratio, draws through plotters' canvas backend, and answers
//! hover and keyboard focus from the layout it drew. The dataset is not here:
//! the build (or the user-data wasm) wrote every word and number into the
//! figure. Errors cross to JS as `JsError`; nothing here panics.

use std::cell::RefCell;

#[cfg(feature = "bench")]
mod bench;
mod canvas;
#[cfg(feature = "user-data")]
mod user;

// Talc instead of dlmalloc: a few KB less wasm (the size budget) and faster;
// the page is single-threaded, which is what this allocator assumes.
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::chart;
use crate::layout::{band_floor, layout, Layout, Measure};
use crate::spec::ChartSpec;
use crate::theme::{css_font, Theme};

/// Measures with the canvas itself, so labels fit the font the reader has
/// (and no DOM element with an inline style is needed, which CSP would block).
struct CanvasMeasure<'a> {
    ctx: &'a CanvasRenderingContext2d,
    font: RefCell<String>,
    family: &'static str,
}

impl Measure for CanvasMeasure<'_> {
    fn width(&self, text: &str, size: f64, bold: bool) -> f64 {
        let font = css_font(size, bold, self.family);
        if *self.font.borrow() != font {
            self.ctx.set_font(&font);
            *self.font.borrow_mut() = font;
        }
        self.ctx.measure_text(text).map(|m| m.width()).unwrap_or(text.len() as f64 * size * 0.6)
    }
}

/// The canvas's 2D context, or an error a reader can understand.
pub(crate) fn context_2d(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, JsError> {
    canvas
        .get_context("2d")
        .map_err(|_| JsError::new("this browser cannot draw on a canvas"))?
        .ok_or_else(|| JsError::new("this browser cannot draw on a canvas"))?
        .dyn_into::<CanvasRenderingContext2d>()
        .map_err(|_| JsError::new("the canvas has no 2D context"))
}

pub(crate) fn js_err(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// One chart mounted on one canvas.
#[wasm_bindgen]
pub struct Chart {
    spec: ChartSpec,
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    layout: Layout,
    scale: f64,
    dark: bool,
    focus: Option<usize>,
    /// The band floor and height of the static drawing the canvas replaced.
    held: Option<(f64, f64)>,
}

#[wasm_bindgen]
impl Chart {
    /// The chart its figure describes, on `canvas`: `spec` is the drawing the
    /// core wrote into the figure (`data-spec`, [`crate::chart::pack`]), in the
    /// figure's language and digits.
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement, spec: &str) -> Result<Chart, JsError> {
        #[cfg(feature = "panic-hook")]
        console_error_panic_hook::set_once();
        let spec = chart::pack::unpack(spec).map_err(js_err)?;
        let ctx = context_2d(&canvas)?;
        Ok(Chart { spec, canvas, ctx, layout: Layout::default(), scale: 1.0, dark: false, focus: None, held: None })
    }

    /// Lays out at `width` CSS px, sizes the backing store for `dpr`, draws, and
    /// returns the CSS height the chart needs.
    pub fn render(&mut self, width: f64, dpr: f64, dark: bool) -> Result<f64, JsError> {
        let m = CanvasMeasure { ctx: &self.ctx, font: RefCell::new(String::new()), family: self.spec.locale.font() };
        self.layout = layout(&self.spec, width, &m);
        // The page's fonts may break a line fewer than the build's estimate
        // did: keep the static drawing's height rather than pull up what
        // follows (a layout shift).
        if let Some((floor, height)) = self.held {
            if band_floor(self.layout.width) == floor
                && height > self.layout.height
                && height < self.layout.height + 120.0
            {
                self.layout.height = height.ceil();
            }
        }
        self.scale = if dpr.is_finite() && dpr > 0.0 { dpr.min(4.0) } else { 1.0 };
        self.dark = dark;
        self.canvas.set_width((self.layout.width * self.scale).round() as u32);
        self.canvas.set_height((self.layout.height * self.scale).round() as u32);
        self.paint()?;
        Ok(self.layout.height)
    }

    /// The static drawing this canvas replaces, drawn `width` CSS px wide,
    /// holds `height` px of the page: at every width of that drawing's band
    /// the chart keeps at least that height, so nothing below it moves when
    /// the canvas takes over (the page's fonts may break a line fewer).
    pub fn hold(&mut self, width: f64, height: f64) {
        self.held = (width.is_finite() && height.is_finite() && height > 0.0).then(|| (band_floor(width), height));
    }

    /// The CSS height the chart would need at `width` CSS px, without drawing:
    /// lets the page suggest an iframe height that will not jump.
    pub fn height_at(&self, width: f64) -> f64 {
        let m = CanvasMeasure { ctx: &self.ctx, font: RefCell::new(String::new()), family: self.spec.locale.font() };
        layout(&self.spec, width, &m).height
    }

    fn paint(&self) -> Result<(), JsError> {
        let root = canvas::Canvas::new(self.canvas.clone(), self.ctx.clone()).into_drawing_area();
        chart::draw::draw(
            &root,
            &self.layout,
            Theme::for_dark(self.dark),
            chart::draw::Surface::canvas(self.scale),
            self.focus,
        )
        .map_err(js_err)
    }

    /// Index of the data point under (x, y) in CSS px, or -1.
    pub fn hit(&self, x: f64, y: f64) -> i32 {
        self.layout.hit(x, y).map_or(-1, |i| i as i32)
    }

    /// Number of data points, in reading order.
    pub fn count(&self) -> usize {
        self.layout.marks.len()
    }

    /// Moves the focus ring to point `i` (-1 removes it) and redraws.
    pub fn focus(&mut self, i: i32) -> Result<(), JsError> {
        self.focus = usize::try_from(i).ok().filter(|i| *i < self.layout.marks.len());
        self.paint()
    }

    /// The box of point `i` as [x, y, width, height] in CSS px (empty if none).
    pub fn mark_box(&self, i: usize) -> Vec<f64> {
        self.layout.marks.get(i).map_or_else(Vec::new, |m| vec![m.rect.x, m.rect.y, m.rect.w, m.rect.h])
    }
}
