//! A chart to take away: the core's SVG drawing placed under its title and
//! subtitle and above its notes, source line and credit, all as SVG text (the
//! SVG download, and what the PNG downloads are rasterised from); and the
//! 1200×630 social card (title, the chart scaled to fit, source, credit).
//!
//! Lines are wrapped with the [`Measure`] given: the build passes the embedded
//! font's own widths (Liberation Sans, metric-compatible with Arial) with some
//! slack, so a line fits in the PNG and in a designer's Arial or Helvetica alike;
//! the chart itself is laid out as on the page.

use super::{escape, svg_body};
use crate::html::{format_date, source_name};
use crate::layout::{wrap, Measure, RING};
use crate::meta::ChartMeta;
use crate::spec::ChartSpec;
use crate::store::Store;
use crate::theme::{Rgb, FONT_FAMILY, LIGHT};

/// A drawing and its size in CSS px.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// A standalone SVG document.
    pub svg: String,
    /// Width in CSS px.
    pub width: u32,
    /// Height in CSS px.
    pub height: u32,
}

/// Padding around the poster, as the page pads a chart on a desktop.
const PAD: f64 = 16.0;
/// The social card's size in px: what Open Graph and X expect.
pub const CARD_SIZE: (u32, u32) = (1200, 630);
/// Widths the card tries the chart at; it keeps the one drawn largest.
const CARD_CHART_WIDTHS: [f64; 6] = [480.0, 560.0, 640.0, 720.0, 800.0, 960.0];
/// Never enlarge a chart more than this on a card: its text would dwarf the title.
const CARD_MAX_SCALE: f64 = 2.0;

/// "Source: ISPR, via Arab News, 6 Jan 2026; PICSS, via Dawn, 1 Jan 2026".
pub fn source_line(meta: &ChartMeta) -> String {
    let sources: Vec<String> = meta
        .sources
        .iter()
        .map(|s| {
            let who = source_name(&s.counter, &s.publisher);
            match format_date(&s.date) {
                d if d.is_empty() => who,
                d => format!("{who}, {d}"),
            }
        })
        .collect();
    format!("Source: {}", sources.join("; "))
}

/// "Source: ISPR, PICSS, CRSS, PIPS": who counted, once each, for a card's
/// one line (the chart's page and downloads name every report).
pub fn counters_line(meta: &ChartMeta) -> String {
    let mut counters: Vec<&str> = Vec::new();
    for s in &meta.sources {
        if !counters.contains(&s.counter.as_str()) {
            counters.push(&s.counter);
        }
    }
    format!("Source: {}", counters.join(", "))
}

/// Who made the chart and when its data was last checked, from the dataset.
pub fn credit(store: &Store) -> String {
    let updated = format_date(&store.data.updated);
    if updated.is_empty() {
        format!("Chart: {}", store.data.title)
    } else {
        format!("Chart: {} · Data updated {updated}", store.data.title)
    }
}

fn hex(c: Rgb) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// Writes SVG text, one `<text>` per line, in boxes of `line` px from `top`.
struct Writer {
    out: String,
}

impl Writer {
    /// Each of `lines` set at `size` px, left-aligned at `x`; returns the
    /// top of the next line.
    fn lines(&mut self, lines: &[String], x: f64, top: f64, style: Style) -> f64 {
        let mut top = top;
        for l in lines {
            // The baseline that centres Liberation Sans' ascender and
            // descender (0.905 and 0.212 em) in the line's box.
            let baseline = top + (style.line - 1.117 * style.size) / 2.0 + 0.905 * style.size;
            let weight = if style.bold { " font-weight=\"bold\"" } else { "" };
            self.out.push_str(&format!(
                "<text x=\"{x:.1}\" y=\"{baseline:.1}\" font-size=\"{}\"{weight} fill=\"{}\">{}</text>\n",
                style.size,
                hex(style.colour),
                escape(l)
            ));
            top += style.line;
        }
        top
    }
}

#[derive(Clone, Copy)]
struct Style {
    size: f64,
    line: f64,
    bold: bool,
    colour: Rgb,
}

/// The document around `content`: background, accessible name and the one font stack.
fn document(width: f64, height: f64, title: &str, desc: &str, content: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">\
         <title>{}</title><desc>{}</desc>\n\
         <rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"{}\"/>\n\
         <g font-family=\"{}\">\n{content}</g>\n</svg>\n",
        escape(title),
        escape(desc),
        hex(LIGHT.background),
        escape(FONT_FAMILY),
        w = width,
        h = height,
    )
}

/// The chart drawn at `chart_width` CSS px (light, as on paper) under its
/// title and subtitle, above its notes, source line and credit.
pub fn poster(
    spec: &ChartSpec,
    meta: &ChartMeta,
    store: &Store,
    chart_width: f64,
    m: &dyn Measure,
) -> Result<Picture, String> {
    let (body, (cw, ch)) = svg_body(spec, chart_width, false)?;
    let inner = f64::from(cw);
    let width = inner + 2.0 * PAD;
    let title = Style { size: 21.0, line: 26.0, bold: true, colour: LIGHT.text };
    let subtitle = Style { size: 15.0, line: 21.0, bold: false, colour: LIGHT.muted };
    let small = Style { size: 12.5, line: 18.0, bold: false, colour: LIGHT.muted };
    let mut w = Writer { out: String::new() };
    let mut y = PAD;
    y = w.lines(&wrap(m, &meta.title, title.size, true, inner, 6), PAD, y, title);
    y += 4.0;
    y = w.lines(&wrap(m, &meta.subtitle, subtitle.size, false, inner, 8), PAD, y, subtitle);
    y += 12.0;
    // The chart's labels start RING px into its drawing: line them up with the title.
    let x = PAD - RING;
    w.out.push_str(&format!("<g transform=\"translate({x} {y})\">\n{body}\n</g>\n"));
    y += f64::from(ch) + 8.0;
    for note in &meta.notes {
        y = w.lines(&wrap(m, note, small.size, false, inner, 8), PAD, y, small);
    }
    y += 6.0;
    y = w.lines(&wrap(m, &source_line(meta), small.size, false, inner, 8), PAD, y, small);
    y = w.lines(&wrap(m, &credit(store), small.size, false, inner, 3), PAD, y, small);
    let height = (y + PAD).ceil();
    Ok(Picture {
        svg: document(width, height, &meta.title, &meta.summary, &w.out),
        width: width.round() as u32,
        height: height as u32,
    })
}

/// The chart drawn as large as fits in `w` × `h` px: at whichever of the
/// card's widths gives the largest scale. Its body, scale and drawn height.
fn fitted(spec: &ChartSpec, w: f64, h: f64) -> Result<(String, f64, f64), String> {
    let mut best: Option<(String, f64, f64)> = None;
    for cw in CARD_CHART_WIDTHS {
        let (body, (bw, bh)) = svg_body(spec, cw, false)?;
        let scale = (w / f64::from(bw.max(1))).min(h / f64::from(bh.max(1))).min(CARD_MAX_SCALE);
        if best.as_ref().is_none_or(|(_, s, _)| scale >= *s) {
            best = Some((body, scale, f64::from(bh) * scale));
        }
    }
    best.ok_or_else(|| "no width to draw the card's chart at".to_owned())
}

/// The 1200×630 social card: the title, the chart as large as fits, who
/// counted and the credit, on white under a bar of the official hue. A chart
/// too tall to read under the title goes beside it instead.
pub fn card(spec: &ChartSpec, meta: &ChartMeta, store: &Store, m: &dyn Measure) -> Result<Picture, String> {
    let (width, height) = (f64::from(CARD_SIZE.0), f64::from(CARD_SIZE.1));
    let (pad_x, top, bottom, gap) = (56.0, 44.0, 36.0, 20.0);
    let inner = width - 2.0 * pad_x;
    let title = Style { size: 40.0, line: 48.0, bold: true, colour: LIGHT.text };
    let foot = Style { size: 20.0, line: 28.0, bold: false, colour: LIGHT.muted };
    let foot_top = height - bottom - 2.0 * foot.line;
    // Stacked: the title across the card, the chart under it.
    let stacked_title = wrap(m, &meta.title, title.size, true, inner, 3);
    let box_top = top + title.line * stacked_title.len() as f64 + gap;
    let stacked = fitted(spec, inner, foot_top - gap - box_top)?;
    // Beside: the title in a column on the left, the chart on the right.
    let column = 380.0;
    let side_title = wrap(m, &meta.title, title.size, true, column, 7);
    let side_w = inner - column - 2.0 * gap;
    let side = fitted(spec, side_w, foot_top - gap - top)?;
    let mut w = Writer {
        out: format!("<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"8\" fill=\"{}\"/>\n", hex(LIGHT.official)),
    };
    let ((body, scale, _), x, y) = if side.1 > stacked.1 * 1.25 && stacked.1 < 1.0 {
        w.lines(&side_title, pad_x, top, title);
        let y = top + (foot_top - gap - top - side.2).max(0.0) / 2.0;
        (side, pad_x + column + 2.0 * gap, y)
    } else {
        w.lines(&stacked_title, pad_x, top, title);
        let y = box_top + (foot_top - gap - box_top - stacked.2).max(0.0) / 2.0;
        (stacked, pad_x, y)
    };
    // The chart's labels start RING px into its drawing: line them up.
    let x = x - RING * scale;
    w.out.push_str(&format!("<g transform=\"translate({x:.1} {y:.1}) scale({scale:.4})\">\n{body}\n</g>\n"));
    let y = w.lines(&wrap(m, &counters_line(meta), foot.size, false, inner, 1), pad_x, foot_top, foot);
    w.lines(&wrap(m, &credit(store), foot.size, false, inner, 1), pad_x, y, foot);
    Ok(Picture {
        svg: document(width, height, &meta.title, &meta.summary, &w.out),
        width: CARD_SIZE.0,
        height: CARD_SIZE.1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::{build, chart_ids};
    use crate::layout::ApproxMeasure;
    use crate::meta::chart_meta;

    fn chart(id: &str) -> (ChartSpec, ChartMeta, &'static Store) {
        let store = Store::builtin().unwrap_or_else(|e| panic!("{e}"));
        let spec = build(id, store).unwrap_or_else(|e| panic!("{id}: {e}"));
        let meta = chart_meta(&spec, store).unwrap_or_else(|e| panic!("{id}: {e}"));
        (spec, meta, store)
    }

    #[test]
    fn posters_carry_title_sources_and_credit_as_text() {
        for id in chart_ids(Store::builtin().unwrap_or_else(|e| panic!("{e}"))) {
            let (spec, meta, store) = chart(id);
            let p = poster(&spec, &meta, store, 640.0, &ApproxMeasure).unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(p.width, 672, "{id}");
            assert!(p.svg.contains(&format!("<title>{}</title>", escape(&meta.title))), "{id}");
            assert!(p.svg.contains(">Source: "), "{id}");
            assert!(p.svg.contains(">Chart: "), "{id}");
            assert!(p.svg.contains(&format!("height=\"{}\"", p.height)), "{id}");
            let c = card(&spec, &meta, store, &ApproxMeasure).unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!((c.width, c.height), CARD_SIZE, "{id}");
            assert!(c.svg.contains("width=\"1200\" height=\"630\""), "{id}");
        }
    }

    #[test]
    fn text_is_escaped() {
        let (spec, mut meta, store) = chart("deaths-2025");
        meta.title = "<b>A & B</b>".into();
        meta.sources[0].counter = "\"<i>\"".into();
        let p = poster(&spec, &meta, store, 640.0, &ApproxMeasure).unwrap_or_else(|e| panic!("{e}"));
        assert!(p.svg.contains("&lt;b&gt;A &amp; B&lt;/b&gt;"), "{}", p.svg);
        assert!(!p.svg.contains("<b>") && !p.svg.contains("<i>"), "{}", p.svg);
    }

    #[test]
    fn the_source_line_names_every_report_once() {
        let (_, meta, _) = chart("militants-killed-by-source");
        let line = source_line(&meta);
        assert!(line.starts_with("Source: "), "{line}");
        assert_eq!(line.matches("; ").count() + 1, meta.sources.len(), "{line}");
    }
}
