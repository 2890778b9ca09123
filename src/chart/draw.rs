//! Paints a [`Layout`] on any plotters `DrawingArea`: the canvas on the web, an
//! SVG string natively. Coordinates are CSS px times `scale` (the device pixel
//! ratio), rounded to whole device pixels, so bars are crisp on any screen.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::FontStyle;

use crate::layout::{Align, Ink, Layout, Rect, RING};
use crate::spec::Tone;
use crate::text::locale::{PDI, RLI};
use crate::theme::{Rgb, Theme, FONT_FAMILY};

fn color(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

fn px(v: f64, scale: f64) -> i32 {
    (v * scale).round() as i32
}

fn corners(r: &Rect, scale: f64) -> [(i32, i32); 2] {
    [(px(r.x, scale), px(r.y, scale)), (px(r.x + r.w, scale), px(r.y + r.h, scale))]
}

/// How a backend maps sizes: `scale` is device px per CSS px; `font` corrects
/// backends that shrink text (plotters' SVG writes `font-size` as size ÷ 1.24).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Surface {
    /// Device pixels per CSS pixel.
    pub scale: f64,
    /// Multiplier on font sizes for this backend.
    pub font: f64,
}

impl Surface {
    /// A canvas at this device pixel ratio.
    pub fn canvas(dpr: f64) -> Surface {
        Surface { scale: dpr, font: 1.0 }
    }

    /// plotters' SVG backend at 1 CSS px per unit.
    pub fn svg() -> Surface {
        Surface { scale: 1.0, font: 1.24 }
    }
}

/// Draws the chart. `focus` is the mark index with the keyboard focus ring.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    layout: &Layout,
    theme: &Theme,
    surface: Surface,
    focus: Option<usize>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let scale = surface.scale;
    let scale = if scale.is_finite() && scale > 0.0 { scale.min(4.0) } else { 1.0 };
    root.fill(&color(theme.background))?;
    for mark in &layout.marks {
        let [a, b] = corners(&mark.rect, scale);
        match mark.tone {
            Tone::Official => root.draw(&Rectangle::new([a, b], color(theme.official).filled()))?,
            Tone::Independent => root.draw(&Rectangle::new([a, b], color(theme.independent).filled()))?,
            Tone::IndependentPart => hatch(root, a, b, color(theme.independent), scale)?,
        }
    }
    for m in &layout.markers {
        let [a, b] = corners(&m.rect, scale);
        root.draw(&Rectangle::new([a, b], color(theme.highlight).filled()))?;
    }
    for t in &layout.texts {
        let ink = match t.ink {
            Ink::Text => theme.text,
            Ink::Muted => theme.muted,
        };
        let weight = if t.bold { FontStyle::Bold } else { FontStyle::Normal };
        let h = match t.align {
            Align::Left => HPos::Left,
            Align::Right => HPos::Right,
        };
        let family = if layout.font.is_empty() { FONT_FAMILY } else { layout.font };
        let style = (FontFamily::Name(family), t.size * scale * surface.font, weight)
            .into_font()
            .color(&color(ink))
            .pos(Pos::new(h, VPos::Center));
        // A right-to-left isolate orders each text as Urdu in the canvas and in
        // the SVG alike, whatever direction the surface assumes; the anchor
        // above is explicit (left/right, never start/end), so it cannot flip.
        let text = if layout.rtl { format!("{RLI}{}{PDI}", t.text) } else { t.text.clone() };
        root.draw_text(&text, &style, (px(t.x, scale), px(t.y, scale)))?;
    }
    if let Some(mark) = focus.and_then(|i| layout.marks.get(i)) {
        // The ring sits in the gap around the bar, inside the canvas edge.
        let r = Rect { x: mark.rect.x - 3.0, y: mark.rect.y - 3.0, w: mark.rect.w + 6.0, h: mark.rect.h + 6.0 };
        let r = Rect { x: r.x.max(RING / 2.0), ..r };
        let r = Rect { w: r.w.min(layout.width - RING / 2.0 - r.x), ..r };
        let [a, b] = corners(&r, scale);
        root.draw(&Rectangle::new([a, b], color(theme.text).stroke_width((2.0 * scale).round().max(2.0) as u32)))?;
    }
    Ok(())
}

/// An outlined bar with diagonal stripes: "part of", told apart without colour.
fn hatch<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    a: (i32, i32),
    b: (i32, i32),
    c: RGBColor,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (x0, y0, x1, y1) = (a.0, a.1, b.0, b.1);
    let h = y1 - y0;
    let step = (6.0 * scale).round().max(3.0) as i32;
    let line = c.stroke_width((1.5 * scale).round().max(1.0) as u32);
    let mut k = -h;
    while k < x1 - x0 {
        // Stripe from bottom-left to top-right, clipped to the bar.
        let t0 = (-k).max(0);
        let t1 = h.min(x1 - x0 - k);
        if t1 > t0 {
            root.draw(&PathElement::new(vec![(x0 + k + t0, y1 - t0), (x0 + k + t1, y1 - t1)], line))?;
        }
        k += step;
    }
    root.draw(&Rectangle::new([a, b], c.stroke_width(scale.round().max(1.0) as u32)))?;
    Ok(())
}
