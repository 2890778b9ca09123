//! Geometry from a chart spec and a width in CSS pixels: where each label, bar
//! and value goes, and the height the content needs. Hover and keyboard focus
//! are answered from the same `Layout` that was drawn, so JS never does geometry.

use crate::spec::{ChartSpec, Tone};

/// Text width in CSS px for a font size; the web measures with the canvas,
/// native code with [`ApproxMeasure`].
pub trait Measure {
    /// Width of `text` at `size` px.
    fn width(&self, text: &str, size: f64, bold: bool) -> f64;
}

/// Width estimate from Helvetica's advance widths, widened so that wider
/// system fonts (DejaVu Sans on Linux) still fit: errs on the side of room.
pub struct ApproxMeasure;

/// Helvetica advance widths (1/1000 em) for ASCII 32..=126.
const ADVANCE: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0-9
    278, 278, 584, 584, 584, 556, 1015, // :;<=>?@
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944,
    667, 667, 611, // A-Z
    278, 278, 278, 469, 556, 333, // [\]^_`
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722,
    500, 500, 500, // a-z
    334, 260, 334, 584, // {|}~
];

impl Measure for ApproxMeasure {
    fn width(&self, text: &str, size: f64, bold: bool) -> f64 {
        let units: u32 = text
            .chars()
            .map(|c| {
                let i = c as u32;
                if (32..=126).contains(&i) {
                    u32::from(ADVANCE[(i - 32) as usize])
                } else if matches!(c, '\u{200e}' | '\u{200f}' | '\u{2066}'..='\u{2069}') {
                    // Bidi controls take no room.
                    0
                } else {
                    620
                }
            })
            .sum();
        let widen = if bold { 1.22 } else { 1.15 };
        f64::from(units) / 1000.0 * size * widen
    }
}

/// A rectangle in CSS px.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// Whether the point is inside.
    pub fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.x && x <= self.x + self.w && y >= self.y && y <= self.y + self.h
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, o: &Rect) -> Rect {
        let (x0, y0) = (self.x.min(o.x), self.y.min(o.y));
        let (x1, y1) = ((self.x + self.w).max(o.x + o.w), (self.y + self.h).max(o.y + o.h));
        Rect { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }
    }

    /// Grown around its centre to at least `min` × `min`.
    pub fn at_least(&self, min: f64) -> Rect {
        let (gw, gh) = ((min - self.w).max(0.0), (min - self.h).max(0.0));
        Rect { x: self.x - gw / 2.0, y: self.y - gh / 2.0, w: self.w + gw, h: self.h + gh }
    }
}

/// Which theme colour a text uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    /// Main text colour.
    Text,
    /// Muted text colour.
    Muted,
}

/// Horizontal anchor of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// `x` is the text's left edge.
    Left,
    /// `x` is the text's right edge.
    Right,
}

/// A text placed on the chart; `y` is its vertical middle.
#[derive(Debug, Clone, PartialEq)]
pub struct TextItem {
    /// The words.
    pub text: String,
    /// Anchor x.
    pub x: f64,
    /// Middle y.
    pub y: f64,
    /// Size in CSS px.
    pub size: f64,
    /// Bold.
    pub bold: bool,
    /// Colour.
    pub ink: Ink,
    /// Anchor.
    pub align: Align,
    /// Measured width, for bounds checks.
    pub width: f64,
}

impl TextItem {
    /// Its box, for bounds checks.
    pub fn bounds(&self) -> Rect {
        let x = match self.align {
            Align::Left => self.x,
            Align::Right => self.x - self.width,
        };
        Rect { x, y: self.y - self.size * 0.6, w: self.width, h: self.size * 1.2 }
    }
}

/// One data point a reader can hover or focus.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// The bar.
    pub rect: Rect,
    /// Where a pointer counts as on it: the bar and its value, at least 24 × 24.
    pub hit: Rect,
    /// Colour role.
    pub tone: Tone,
    /// Panel index in the spec.
    pub panel: usize,
    /// Row index in the panel.
    pub row: usize,
    /// Segment index in the row.
    pub segment: usize,
}

/// A small marker beside an annotation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Marker {
    /// Where.
    pub rect: Rect,
}

/// Everything placed, in CSS px.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    /// Width given.
    pub width: f64,
    /// Height the content needs.
    pub height: f64,
    /// Labels, values, headings.
    pub texts: Vec<TextItem>,
    /// Bars, in reading order.
    pub marks: Vec<Mark>,
    /// Annotation markers.
    pub markers: Vec<Marker>,
    /// Right to left: labels on the right, bars growing leftwards.
    pub rtl: bool,
    /// The CSS font stack its texts were measured in.
    pub font: &'static str,
}

/// Below this width labels sit above their bars.
pub const NARROW: f64 = 520.0;
/// The phone drawing's width.
pub const PHONE: f64 = 320.0;
/// The narrowest column the phone band promises: a 320 px phone's, less the
/// page's margins (the dashboard's column there is 296 px).
pub const PHONE_FLOOR: f64 = 280.0;

/// Labels and notes wrap at the narrowest width of the band `width` is in
/// (phones: `PHONE_FLOOR`; wider: `NARROW`), and the label column is that width's,
/// so a chart breaks its lines alike and is equally tall at every width of a
/// band: the static drawing made for the band holds exactly the canvas's
/// place, and nothing moves when the canvas takes over (issue 10). Only the
/// bars stretch with the width.
pub fn band_floor(width: f64) -> f64 {
    if width < NARROW {
        width.min(PHONE_FLOOR)
    } else {
        NARROW
    }
}
/// Bar thickness.
pub const BAR: f64 = 22.0;
/// Minimum pointer target (WCAG 2.5.8).
pub const TARGET: f64 = 24.0;
/// Room kept at the edges for the focus ring.
pub const RING: f64 = 4.0;

struct Sizes {
    label: f64,
    value: f64,
    heading: f64,
    note: f64,
}

/// Ellipsises `text` to fit `max` px, keeping whole characters.
fn fit(m: &dyn Measure, text: &str, size: f64, bold: bool, max: f64) -> String {
    if m.width(text, size, bold) <= max {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    for n in (1..chars.len()).rev() {
        let mut s: String = chars[..n].iter().collect::<String>().trim_end().to_owned();
        s.push('…');
        if m.width(&s, size, bold) <= max {
            return s;
        }
    }
    "…".to_owned()
}

/// Breaks `text` into at most `lines` lines of at most `max` px, at spaces;
/// the last line is ellipsised if words remain.
pub fn wrap(m: &dyn Measure, text: &str, size: f64, bold: bool, max: f64, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    let words: Vec<&str> = text.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        let candidate = if line.is_empty() { (*w).to_owned() } else { format!("{line} {w}") };
        if line.is_empty() || m.width(&candidate, size, bold) <= max {
            line = candidate;
            continue;
        }
        if out.len() + 1 == lines {
            // No room for another line: the rest is cut, with an ellipsis.
            let rest = words[i..].join(" ");
            out.push(fit(m, &format!("{line} {rest}"), size, bold, max));
            return out;
        }
        out.push(fit(m, &line, size, bold, max));
        line = (*w).to_owned();
    }
    if !line.is_empty() || out.is_empty() {
        out.push(fit(m, &line, size, bold, max));
    }
    out
}

/// The label to show: the full one on up to `lines` lines when it fits
/// whole, else the short form, else the full one cut with an ellipsis.
fn row_label(m: &dyn Measure, full: &str, short: &str, size: f64, max: f64, lines: usize) -> Vec<String> {
    let wrapped = wrap(m, full, size, false, max, lines);
    let whole = !wrapped.last().is_some_and(|l| l.ends_with('…'));
    if whole || short.is_empty() {
        wrapped
    } else {
        wrap(m, short, size, false, max, lines)
    }
}

/// Lays out a chart at `width` CSS px.
pub fn layout(spec: &ChartSpec, width: f64, m: &dyn Measure) -> Layout {
    let width = if width.is_finite() { width.clamp(120.0, 4000.0) } else { 320.0 };
    let narrow = width < NARROW;
    let sz = if narrow {
        Sizes { label: 13.0, value: 13.0, heading: 12.0, note: 12.0 }
    } else {
        Sizes { label: 14.0, value: 14.0, heading: 13.0, note: 12.0 }
    };
    let mut out = Layout { width, ..Layout::default() };
    let inner = width - 2.0 * RING;
    let floor_inner = band_floor(width) - 2.0 * RING;
    let mut y = RING;

    // One label column for the whole chart keeps panels' bars aligned.
    let widest_label =
        spec.panels.iter().flat_map(|p| &p.rows).map(|r| m.width(&r.label, sz.label, false)).fold(0.0, f64::max);
    // Short labels (years, months) stay beside their bars even on a phone.
    let above = narrow && widest_label > floor_inner * 0.2;
    // At most a third of a phone's width; on wider screens two-fifths of the
    // band's narrowest (205 px), what the 640 px drawing always gave labels.
    let share = if narrow { 0.32 } else { 0.4 };
    // Labels wrap at their own width, kept apart from the column's gap so the
    // widest label, which sets the column, always fits on one line.
    let label_w = if above { 0.0 } else { widest_label.min(floor_inner * share - 14.0).max(0.0) };
    let label_col = if above { 0.0 } else { label_w + 14.0 };

    for (pi, panel) in spec.panels.iter().enumerate() {
        if !panel.heading.is_empty() {
            if pi > 0 {
                y += 10.0;
            }
            let text = fit(m, &panel.heading, sz.heading, true, inner);
            out.texts.push(text_item(m, text, RING, y + 9.0, sz.heading, true, Ink::Muted, Align::Left));
            y += 24.0;
        }
        let value_w = panel.rows.iter().map(|r| m.width(&r.value_text, sz.value, true)).fold(0.0, f64::max) + 8.0;
        let plot_x = RING + label_col;
        let bar_max = (inner - label_col - value_w).max(24.0);
        let scale_max = panel.rows.iter().map(|r| r.total()).fold(0.0, f64::max);
        for (ri, row) in panel.rows.iter().enumerate() {
            let bar_y;
            let line_h = sz.label + 4.0;
            if above {
                let lines = row_label(m, &row.label, &row.short, sz.label, floor_inner, 2);
                for (k, line) in lines.iter().enumerate() {
                    let ly = y + 9.0 + k as f64 * line_h;
                    out.texts.push(text_item(m, line.clone(), RING, ly, sz.label, false, Ink::Text, Align::Left));
                }
                bar_y = y + 3.0 + lines.len() as f64 * line_h;
                y = bar_y + BAR;
            } else {
                let lines = row_label(m, &row.label, &row.short, sz.label, label_w, 4);
                let block = lines.len() as f64 * line_h;
                let row_h = BAR.max(block);
                for (k, line) in lines.iter().enumerate() {
                    let ly = y + (row_h - block) / 2.0 + line_h / 2.0 + k as f64 * line_h;
                    out.texts.push(text_item(m, line.clone(), RING, ly, sz.label, false, Ink::Text, Align::Left));
                }
                bar_y = y + (row_h - BAR) / 2.0;
                y += row_h;
            }
            let mut x = plot_x;
            let first_mark = out.marks.len();
            for (si, seg) in row.segments.iter().enumerate() {
                let len = if scale_max > 0.0 { seg.value.max(0.0) / scale_max * bar_max } else { 0.0 };
                // A tiny value (29 of 5,397) still gets a visible stub.
                let len = if seg.value > 0.0 { len.max(2.0) } else { 0.0 };
                let rect = Rect { x, y: bar_y, w: len, h: BAR };
                out.marks.push(Mark {
                    rect,
                    hit: rect.at_least(TARGET),
                    tone: seg.tone,
                    panel: pi,
                    row: ri,
                    segment: si,
                });
                x += len;
            }
            let value = fit(m, &row.value_text, sz.value, true, inner - (x - RING) - 6.0);
            let vt = text_item(m, value, x + 6.0, bar_y + BAR / 2.0, sz.value, true, Ink::Text, Align::Left);
            let vbox = vt.bounds();
            if let Some(last) = out.marks.get_mut(first_mark..).and_then(|s| s.last_mut()) {
                last.hit = last.rect.union(&vbox).at_least(TARGET);
            }
            out.texts.push(vt);
            if !row.annotation.is_empty() {
                y += 6.0;
                let lines = wrap(m, &row.annotation, sz.note, false, floor_inner - label_col - 10.0, 3);
                let note_h = sz.note + 3.0;
                let h = lines.len() as f64 * note_h;
                out.markers.push(Marker { rect: Rect { x: plot_x, y, w: 4.0, h } });
                for (k, line) in lines.into_iter().enumerate() {
                    let ly = y + note_h / 2.0 + k as f64 * note_h;
                    out.texts.push(text_item(m, line, plot_x + 10.0, ly, sz.note, false, Ink::Text, Align::Left));
                }
                y += h;
            }
            y += if above { 14.0 } else { 12.0 };
        }
    }
    out.height = (y - 12.0 + RING).ceil().max(2.0 * RING);
    out.font = spec.locale.font();
    if spec.locale.rtl() {
        out.mirror();
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn text_item(m: &dyn Measure, text: String, x: f64, y: f64, size: f64, bold: bool, ink: Ink, align: Align) -> TextItem {
    let width = m.width(&text, size, bold);
    TextItem { text, x, y, size, bold, ink, align, width }
}

impl Layout {
    /// Mirrors it left to right, for a right-to-left language: every box
    /// flips about the middle and every text anchored left becomes anchored
    /// right at the mirrored point, so value labels sit at each bar's left end.
    /// Laying out once and mirroring keeps both directions' geometry identical.
    fn mirror(&mut self) {
        let w = self.width;
        let flip = |r: &mut Rect| r.x = w - r.x - r.w;
        for m in &mut self.marks {
            flip(&mut m.rect);
            flip(&mut m.hit);
        }
        for m in &mut self.markers {
            flip(&mut m.rect);
        }
        for t in &mut self.texts {
            t.x = w - t.x;
            t.align = match t.align {
                Align::Left => Align::Right,
                Align::Right => Align::Left,
            };
        }
        self.rtl = true;
    }

    /// The mark under a point, if any: the nearest whose hit area holds it.
    pub fn hit(&self, x: f64, y: f64) -> Option<usize> {
        self.marks
            .iter()
            .enumerate()
            .filter(|(_, mk)| mk.hit.contains(x, y))
            .map(|(i, mk)| {
                let (cx, cy) = (mk.rect.x + mk.rect.w / 2.0, mk.rect.y + mk.rect.h / 2.0);
                (i, (cx - x).abs() + (cy - y).abs())
            })
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i)
    }
}
