//! A line chart of a long series, drawn at a cost bounded by the pixels rather
//! than the data: the values are first reduced to the minimum and maximum of
//! each device-pixel column ([`decimate`], one pass), and only those pairs are
//! drawn ([`draw_line`]): one filled span per column, or a polyline while there
//! are fewer values than columns. A million daily values on a 640 px chart then
//! draw about as fast as ten thousand, and no spike is lost, since each column
//! keeps its extremes.
//!
//! Used by the `bench` build (`cargo xtask bench`) to show how drawing scales;
//! no chart of the product is a line chart yet.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::text::format;
use crate::theme::{Rgb, Theme, FONT_FAMILY};

/// Room in CSS px for the value labels on the left and the edges.
const LEFT: f64 = 56.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 10.0;
/// Horizontal guides, with their values, including top and bottom.
const GUIDES: usize = 5;

/// The minimum and maximum of each of at most `columns` consecutive, equally
/// sized runs of `values`, in order: one pair per pixel column.
///
/// With fewer values than columns, each value is its own run. NaNs are skipped;
/// a run holding only NaNs gives `(NaN, NaN)`, which [`draw_line`] leaves as a gap.
/// One pass over `values`, with no allocation but the result.
pub fn decimate(values: &[f64], columns: usize) -> Vec<(f64, f64)> {
    let n = values.len();
    let runs = columns.min(n);
    let mut out = Vec::with_capacity(runs);
    for k in 0..runs {
        // u64 so that k × n cannot overflow on wasm32's 32-bit usize.
        let start = (k as u64 * n as u64 / runs as u64) as usize;
        let end = ((k as u64 + 1) * n as u64 / runs as u64) as usize;
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        // Plain comparisons rather than f64::min/max: they skip NaN the same way
        // and compile to a compare and a select, which keeps this loop tight.
        for &v in &values[start..end] {
            if v < lo {
                lo = v;
            }
            if v > hi {
                hi = v;
            }
        }
        out.push(if lo <= hi { (lo, hi) } else { (f64::NAN, f64::NAN) });
    }
    out
}

fn color(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// Maps values to device-pixel rows of the plot.
struct YScale {
    lo: f64,
    hi: f64,
    top: f64,
    bottom: f64,
}

impl YScale {
    fn y(&self, v: f64) -> i32 {
        (self.bottom - (v - self.lo) / (self.hi - self.lo) * (self.bottom - self.top)).round() as i32
    }
}

/// Draws `values` as a line filling `root`, with a few labelled horizontal
/// guides, at `scale` device px per CSS px. Returns how many marks the line
/// took: one vertical span per device-pixel column when there are more values
/// than columns, else one polyline vertex per value; never more than the
/// columns, whatever the length of `values`.
pub fn draw_line<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    values: &[f64],
    theme: &Theme,
    scale: f64,
) -> Result<usize, DrawingAreaErrorKind<DB::ErrorType>> {
    let scale = if scale.is_finite() && scale > 0.0 { scale.min(4.0) } else { 1.0 };
    let (w, h) = root.dim_in_pixel();
    let (x0, x1) = ((LEFT * scale).round(), (f64::from(w) - RIGHT * scale).round());
    let (y0, y1) = ((TOP * scale).round(), (f64::from(h) - BOTTOM * scale).round());
    root.fill(&color(theme.background))?;
    if x1 - x0 < 1.0 || y1 - y0 < 1.0 {
        return Ok(0);
    }

    let columns = (x1 - x0) as usize;
    let pairs = decimate(values, columns);
    let finite = pairs.iter().filter(|(lo, _)| lo.is_finite());
    let (lo, hi) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &(lo, hi)| (a.min(lo), b.max(hi)));
    // A flat or empty series still gets a band to sit in.
    let (lo, hi) = if lo.is_finite() { (lo, if hi > lo { hi } else { lo + 1.0 }) } else { (0.0, 1.0) };
    let ys = YScale { lo, hi, top: y0, bottom: y1 };

    let guide = color(theme.guide).stroke_width(scale.round().max(1.0) as u32);
    let label = (FontFamily::Name(FONT_FAMILY), 12.0 * scale)
        .into_font()
        .color(&color(theme.muted))
        .pos(Pos::new(HPos::Right, VPos::Center));
    for g in 0..GUIDES {
        let v = lo + (hi - lo) * g as f64 / (GUIDES - 1) as f64;
        let y = ys.y(v);
        root.draw(&PathElement::new(vec![(x0 as i32, y), (x1 as i32, y)], guide))?;
        root.draw_text(&format::number(v, 0), &label, ((x0 - 6.0 * scale) as i32, y))?;
    }

    let ink = color(theme.official);
    let width = (1.5 * scale).round().max(1.0) as u32;
    if pairs.len() == columns {
        spans(root, &pairs, x0 as i32, &ys, ink, width as i32)
    } else {
        let step = (x1 - x0) / pairs.len().max(1) as f64;
        polyline(root, &pairs, |k| (x0 + (k as f64 + 0.5) * step) as i32, &ys, ink.stroke_width(width))
    }
}

/// Data denser than the pixels: each device-pixel column is one filled span
/// from its min to its max, stretched to meet the previous column's span so the
/// line stays joined, and `width` px taller so flat stretches keep the line's
/// thickness. Filled rectangles rather than a stroked path: a browser strokes a
/// thick zig-zag of thousands of vertices (which dense data always is) about
/// ten times slower than it fills the same number of rectangles.
fn spans<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    pairs: &[(f64, f64)],
    x0: i32,
    ys: &YScale,
    ink: RGBColor,
    width: i32,
) -> Result<usize, DrawingAreaErrorKind<DB::ErrorType>> {
    let style = ink.filled();
    let mut previous: Option<(i32, i32)> = None;
    let mut drawn = 0;
    for (k, &(min, max)) in pairs.iter().enumerate() {
        if !min.is_finite() {
            previous = None;
            continue;
        }
        // Screen y grows downwards: the max is the top.
        let (top, bottom) = (ys.y(max), ys.y(min));
        let (mut from, mut to) = (top, bottom);
        if let Some((prev_top, prev_bottom)) = previous {
            from = from.min(prev_bottom);
            to = to.max(prev_top);
        }
        previous = Some((top, bottom));
        let x = x0 + k as i32;
        root.draw(&Rectangle::new([(x, from - width / 2), (x + 1, to + width - width / 2)], style))?;
        drawn += 1;
    }
    Ok(drawn)
}

/// Data sparser than the pixels: one vertex per value, a stroked polyline
/// broken where values are missing.
fn polyline<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    pairs: &[(f64, f64)],
    x_of: impl Fn(usize) -> i32,
    ys: &YScale,
    style: ShapeStyle,
) -> Result<usize, DrawingAreaErrorKind<DB::ErrorType>> {
    let mut path: Vec<(i32, i32)> = Vec::with_capacity(pairs.len());
    let mut drawn = 0;
    // With fewer values than columns every pair holds one value: min = max.
    for (k, &(v, _)) in pairs.iter().enumerate() {
        if v.is_finite() {
            path.push((x_of(k), ys.y(v)));
        } else {
            drawn += flush(root, &mut path, style)?;
        }
    }
    drawn += flush(root, &mut path, style)?;
    Ok(drawn)
}

/// Draws the pending stretch of line, if any, and empties it; returns its vertex count.
fn flush<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    path: &mut Vec<(i32, i32)>,
    style: ShapeStyle,
) -> Result<usize, DrawingAreaErrorKind<DB::ErrorType>> {
    let n = path.len();
    if n > 0 {
        root.draw(&PathElement::new(std::mem::take(path), style))?;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::LIGHT;
    use plotters_svg::SVGBackend;

    /// A deterministic wiggly series with a few planted extremes.
    fn series(n: usize) -> Vec<f64> {
        let mut state = 12345u64;
        (0..n)
            .map(|i| {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let noise = (state >> 11) as f64 / (1u64 << 53) as f64;
                (i as f64 / 50.0).sin() * 100.0 + noise * 10.0
            })
            .collect()
    }

    #[test]
    fn a_million_values_keep_each_columns_extremes() {
        let mut values = series(1_000_000);
        values[123_456] = 1e6;
        values[987_654] = -1e6;
        let pairs = decimate(&values, 640);
        assert_eq!(pairs.len(), 640);
        for (k, &(lo, hi)) in pairs.iter().enumerate() {
            let column = &values[k * 1_000_000 / 640..(k + 1) * 1_000_000 / 640];
            assert_eq!(lo, column.iter().copied().fold(f64::INFINITY, f64::min), "min of column {k}");
            assert_eq!(hi, column.iter().copied().fold(f64::NEG_INFINITY, f64::max), "max of column {k}");
        }
        let overall = pairs.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| (a.min(p.0), b.max(p.1)));
        assert_eq!(overall, (-1e6, 1e6));
    }

    #[test]
    fn short_series_keep_every_value() {
        assert_eq!(decimate(&[3.0, 1.0, 2.0], 640), vec![(3.0, 3.0), (1.0, 1.0), (2.0, 2.0)]);
        assert!(decimate(&[], 640).is_empty());
        assert!(decimate(&[1.0], 0).is_empty());
    }

    #[test]
    fn uneven_columns_cover_every_value_once() {
        // 10 values into 3 columns: runs of 3, 3 and 4.
        let values: Vec<f64> = (0..10).map(f64::from).collect();
        assert_eq!(decimate(&values, 3), vec![(0.0, 2.0), (3.0, 5.0), (6.0, 9.0)]);
    }

    #[test]
    fn nan_is_skipped_and_an_all_nan_column_is_a_gap() {
        let pairs = decimate(&[f64::NAN, 2.0, f64::NAN, f64::NAN, 5.0, 1.0], 3);
        assert_eq!(pairs[0], (2.0, 2.0));
        assert!(pairs[1].0.is_nan() && pairs[1].1.is_nan());
        assert_eq!(pairs[2], (1.0, 5.0));
    }

    fn svg(values: &[f64], width: u32) -> (String, usize) {
        let mut out = String::new();
        let drawn = {
            let root = SVGBackend::with_string(&mut out, (width, 200)).into_drawing_area();
            draw_line(&root, values, &LIGHT, 1.0).unwrap_or(usize::MAX)
        };
        (out, drawn)
    }

    /// Device-pixel columns of the plot on a 640 px SVG at scale 1.
    const COLUMNS: usize = 640 - (LEFT + RIGHT) as usize;

    #[test]
    fn marks_are_bounded_by_the_pixels_not_the_data() {
        let (out, small) = svg(&series(100), 640);
        assert_eq!(small, 100, "fewer values than columns: one vertex each");
        assert_eq!(out.matches("<polyline").count(), GUIDES + 1, "the guides and one line");
        for n in [COLUMNS, 10_000, 1_000_000] {
            let (out, drawn) = svg(&series(n), 640);
            assert_eq!(drawn, COLUMNS, "{n} values: one span per column");
            // The background is a rect too.
            assert_eq!(out.matches("<rect").count(), COLUMNS + 1, "{n} values");
        }
    }

    #[test]
    fn spans_join_their_neighbours() {
        // A step from 0 to 100 halfway: the column after the step reaches back down.
        let values: Vec<f64> = (0..2 * COLUMNS).map(|i| if i < COLUMNS { 0.0 } else { 100.0 }).collect();
        let ys = YScale { lo: 0.0, hi: 100.0, top: 10.0, bottom: 110.0 };
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (COLUMNS as u32, 120)).into_drawing_area();
            let drawn = spans(&root, &decimate(&values, COLUMNS), 0, &ys, BLACK, 2);
            assert_eq!(drawn.unwrap_or(0), COLUMNS);
        }
        let step = out.lines().filter(|l| l.contains("<rect")).nth(COLUMNS / 2).unwrap_or_default().to_owned();
        // From the previous value (y 110) up to this one (y 10), 1 px more each way.
        assert!(step.contains("y=\"9\"") && step.contains("height=\"102\""), "{step}");
    }

    #[test]
    fn a_gap_splits_the_line() {
        let mut values = series(300);
        values[100..150].fill(f64::NAN);
        let (out, drawn) = svg(&values, 640);
        assert_eq!(out.matches("<polyline").count(), GUIDES + 2);
        assert_eq!(drawn, 250);
        let mut dense = series(10 * COLUMNS);
        dense[..10 * COLUMNS / 2].fill(f64::NAN);
        assert_eq!(svg(&dense, 640).1, COLUMNS / 2, "missing columns are left out");
    }
}
