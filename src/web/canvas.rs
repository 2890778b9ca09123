//! A plotters `DrawingBackend` on a 2D canvas, for the few primitives our
//! charts use (rectangles, paths, text). Written here rather than taken from
//! `plotters-canvas` because that crate formats every colour and font with
//! `format!` over `f64`, which links Rust's float-printing machinery (~15 KB of
//! wasm) and it cannot be configured away; our colours are opaque hex and our
//! font sizes go through the core's own number formatter.

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontStyle,
};
use wasm_bindgen::JsValue;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::theme::css_font;

/// Why drawing on the canvas failed.
#[derive(Debug)]
pub struct CanvasError(String);

impl std::fmt::Display for CanvasError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("canvas: ")?;
        f.write_str(&self.0)
    }
}

impl std::error::Error for CanvasError {}

fn js(e: JsValue) -> DrawingErrorKind<CanvasError> {
    DrawingErrorKind::DrawingError(CanvasError(e.as_string().unwrap_or_else(|| "drawing failed".to_owned())))
}

/// Draws on a canvas's 2D context at its backing-store size.
pub struct Canvas {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
}

impl Canvas {
    /// Wraps a canvas and its context.
    pub fn new(canvas: HtmlCanvasElement, ctx: CanvasRenderingContext2d) -> Canvas {
        Canvas { canvas, ctx }
    }

    // Every colour of the theme is opaque, so alpha is never set.
    fn fill(&self, c: BackendColor) {
        self.ctx.set_fill_style_str(&hex(c));
    }

    fn stroke<S: BackendStyle>(&self, s: &S) {
        self.ctx.set_stroke_style_str(&hex(s.color()));
        self.ctx.set_line_width(f64::from(s.stroke_width()));
    }
}

/// `#rrggbb` without `format!`.
fn hex(c: BackendColor) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(7);
    s.push('#');
    for v in [c.rgb.0, c.rgb.1, c.rgb.2] {
        s.push(char::from(DIGITS[usize::from(v >> 4)]));
        s.push(char::from(DIGITS[usize::from(v & 15)]));
    }
    s
}

impl DrawingBackend for Canvas {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        (self.canvas.width(), self.canvas.height())
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        Ok(())
    }

    fn draw_pixel(&mut self, p: BackendCoord, c: BackendColor) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.fill(c);
        self.ctx.fill_rect(f64::from(p.0), f64::from(p.1), 1.0, 1.0);
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        let (x, y) = (f64::from(a.0.min(b.0)), f64::from(a.1.min(b.1)));
        let (w, h) = (f64::from((b.0 - a.0).abs()), f64::from((b.1 - a.1).abs()));
        if fill {
            self.fill(style.color());
            self.ctx.fill_rect(x, y, w, h);
        } else {
            self.stroke(style);
            // Half a line width inwards keeps a stroke crisp and inside the box.
            let half = f64::from(style.stroke_width()) / 2.0;
            self.ctx.stroke_rect(x + half, y + half, (w - 2.0 * half).max(0.0), (h - 2.0 * half).max(0.0));
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.stroke(style);
        self.ctx.begin_path();
        for (i, (x, y)) in path.into_iter().enumerate() {
            if i == 0 {
                self.ctx.move_to(f64::from(x), f64::from(y));
            } else {
                self.ctx.line_to(f64::from(x), f64::from(y));
            }
        }
        self.ctx.stroke();
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.fill(style.color());
        self.ctx.set_font(&css_font(style.size(), matches!(style.style(), FontStyle::Bold), style.family().as_str()));
        self.ctx.set_text_align(match style.anchor().h_pos {
            HPos::Left => "left",
            HPos::Right => "right",
            HPos::Center => "center",
        });
        self.ctx.set_text_baseline(match style.anchor().v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        });
        self.ctx.fill_text(text, f64::from(pos.0), f64::from(pos.1)).map_err(js)
    }
}
