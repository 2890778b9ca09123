//! PNG from the core's SVG drawings (natively only; the wasm never links it):
//! resvg draws them with the font compiled in from `assets/fonts` (Liberation
//! Sans 2.1.5, SIL Open Font License 1.1; see `assets/fonts/README.md`) and
//! no other, so an image is the same on every machine and the build never
//! reads a system font. PNGs are written opaque RGB with their title, source
//! and credit as text chunks, and their pixel density, so a 2× image opens at
//! the chart's size.

use std::sync::Arc;

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, fontdb};
use skrifa::prelude::{FontRef, LocationRef, MetadataProvider, Size};

use crate::layout::{ApproxMeasure, Measure};

/// Liberation Sans Regular, as distributed.
pub const FONT_REGULAR: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Regular.ttf");
/// Liberation Sans Bold, as distributed.
pub const FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Bold.ttf");
/// The family both files declare.
pub const FONT_FAMILY: &str = "Liberation Sans";

/// Widths from the embedded font's own advances, for wrapping the posters'
/// lines: as set in the PNGs, plus [`FontMeasure::SLACK`] so that the SVG
/// download, set in the reader's own sans-serif, still fits.
pub struct FontMeasure;

impl FontMeasure {
    /// Room for a reader's system font being a little wider than Arial's metrics.
    pub const SLACK: f64 = 1.05;

    fn face(bold: bool) -> Option<FontRef<'static>> {
        FontRef::new(if bold { FONT_BOLD } else { FONT_REGULAR }).ok()
    }

    /// The characters of `text` that the embedded font has no glyph for
    /// (resvg would draw nothing for them).
    pub fn missing(text: &str, bold: bool) -> Vec<char> {
        let Some(face) = FontMeasure::face(bold) else {
            return text.chars().collect();
        };
        let charmap = face.charmap();
        let mut out: Vec<char> = text.chars().filter(|c| !c.is_whitespace() && charmap.map(*c).is_none()).collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

impl Measure for FontMeasure {
    fn width(&self, text: &str, size: f64, bold: bool) -> f64 {
        let Some(face) = FontMeasure::face(bold) else {
            return ApproxMeasure.width(text, size, bold);
        };
        let charmap = face.charmap();
        let advances = face.glyph_metrics(Size::unscaled(), LocationRef::default());
        let em = f64::from(face.metrics(Size::unscaled(), LocationRef::default()).units_per_em.max(1));
        let units: f64 = text
            .chars()
            .map(|c| charmap.map(c).and_then(|g| advances.advance_width(g)).map_or(0.6 * em, f64::from))
            .sum();
        units / em * size * FontMeasure::SLACK
    }
}

/// Refuse to draw anything larger (a 3× card is 3600 × 1890).
const MAX_SIDE: u32 = 8192;

/// Text stored in a PNG's `iTXt` chunks (keywords as the PNG spec names them).
#[derive(Debug, Clone, Default)]
pub struct PngText {
    /// `Title`.
    pub title: String,
    /// `Description`: what the chart shows, with its numbers.
    pub description: String,
    /// `Source`: the reports the numbers come from.
    pub source: String,
    /// `Author`: the credit line.
    pub author: String,
}

/// Draws SVG documents to PNG with the embedded font.
pub struct Rasteriser {
    options: usvg::Options<'static>,
}

impl Rasteriser {
    /// A rasteriser whose only fonts are the embedded ones; every family
    /// (`system-ui`, `sans-serif`…) resolves to Liberation Sans.
    pub fn new() -> Result<Rasteriser, String> {
        let mut db = fontdb::Database::new();
        db.load_font_data(FONT_REGULAR.to_vec());
        db.load_font_data(FONT_BOLD.to_vec());
        if db.len() != 2 {
            return Err(format!("the embedded fonts gave {} faces, not 2", db.len()));
        }
        db.set_sans_serif_family(FONT_FAMILY);
        db.set_serif_family(FONT_FAMILY);
        db.set_monospace_family(FONT_FAMILY);
        let options =
            usvg::Options { font_family: FONT_FAMILY.to_owned(), fontdb: Arc::new(db), ..usvg::Options::default() };
        Ok(Rasteriser { options })
    }

    /// The fonts the rasteriser draws with.
    pub fn fonts(&self) -> &fontdb::Database {
        &self.options.fontdb
    }

    /// `svg` drawn at `scale` device px per CSS px, as RGBA pixels (premultiplied,
    /// opaque where the drawing paints a background) with the pixel size.
    pub fn pixels(&self, svg: &str, scale: f32) -> Result<(Vec<u8>, u32, u32), String> {
        let tree = usvg::Tree::from_str(svg, &self.options).map_err(|e| format!("the SVG does not parse: {e}"))?;
        let size = tree.size();
        if !(scale.is_finite() && scale > 0.0) {
            return Err(format!("scale {scale} is not a positive number"));
        }
        let (w, h) = ((size.width() * scale).round(), (size.height() * scale).round());
        if !(1.0..=MAX_SIDE as f32).contains(&w) || !(1.0..=MAX_SIDE as f32).contains(&h) {
            return Err(format!("{w} × {h} px is outside 1…{MAX_SIDE} px"));
        }
        let (w, h) = (w as u32, h as u32);
        let mut pixmap = Pixmap::new(w, h).ok_or_else(|| format!("cannot allocate {w} × {h} px"))?;
        resvg::render(&tree, Transform::from_scale(scale, scale), &mut pixmap.as_mut());
        Ok((pixmap.take(), w, h))
    }

    /// `svg` drawn at `scale` device px per CSS px, as an RGB PNG.
    pub fn png(&self, svg: &str, scale: f32, text: &PngText) -> Result<Vec<u8>, String> {
        let (rgba, w, h) = self.pixels(svg, scale)?;
        encode(&rgba, w, h, scale, text)
    }
}

/// Premultiplied RGBA → a PNG composed over white. Charts have few colours
/// (about 50: flat fills, and text edges at the rasteriser's coverage levels),
/// so most images are written with a palette, losslessly and half the size of
/// RGB; any image with more than 256 colours is written as RGB. Best
/// compression: the build pays, readers don't.
fn encode(rgba: &[u8], w: u32, h: u32, scale: f32, text: &PngText) -> Result<Vec<u8>, String> {
    // Anything left transparent is composed over white, as a page would show it.
    let rgb: Vec<[u8; 3]> = rgba
        .chunks_exact(4)
        .map(|p| {
            let blank = 255 - u16::from(p[3]);
            [p[0], p[1], p[2]].map(|c| (u16::from(c) + blank).min(255) as u8)
        })
        .collect();
    let indexed = palette(&rgb);
    let mut out = Vec::new();
    {
        let fail = |e: png::EncodingError| format!("cannot encode the PNG: {e}");
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_depth(png::BitDepth::Eight);
        match &indexed {
            Some((colours, _)) => {
                encoder.set_color(png::ColorType::Indexed);
                encoder.set_palette(colours.iter().flatten().copied().collect::<Vec<u8>>());
            }
            None => encoder.set_color(png::ColorType::Rgb),
        }
        encoder.set_compression(png::Compression::High);
        // Filters predict smooth tones; palette indices are not tones (the PNG
        // spec advises none for them, and it is a third smaller here).
        encoder.set_filter(if indexed.is_some() { png::Filter::NoFilter } else { png::Filter::Adaptive });
        // CSS px are 1/96 in: a 2× image is 192 dpi, so it opens at the chart's size.
        let per_metre = (f64::from(scale) * 96.0 / 0.0254).round() as u32;
        encoder.set_pixel_dims(Some(png::PixelDimensions { xppu: per_metre, yppu: per_metre, unit: png::Unit::Meter }));
        for (key, value) in [
            ("Title", &text.title),
            ("Description", &text.description),
            ("Source", &text.source),
            ("Author", &text.author),
        ] {
            if !value.is_empty() {
                encoder.add_itxt_chunk(key.to_owned(), value.clone()).map_err(fail)?;
            }
        }
        let mut writer = encoder.write_header().map_err(fail)?;
        match indexed {
            Some((_, indices)) => writer.write_image_data(&indices).map_err(fail)?,
            None => writer.write_image_data(&rgb.concat()).map_err(fail)?,
        }
        writer.finish().map_err(fail)?;
    }
    Ok(out)
}

/// The image's colours and each pixel's index among them, if there are at most 256.
fn palette(pixels: &[[u8; 3]]) -> Option<(Vec<[u8; 3]>, Vec<u8>)> {
    let mut colours: Vec<[u8; 3]> = Vec::new();
    let mut index = std::collections::HashMap::new();
    let mut indices = Vec::with_capacity(pixels.len());
    // Runs of one colour are the rule (backgrounds, bars): look up only changes.
    let mut last: Option<([u8; 3], u8)> = None;
    for p in pixels {
        let i = match last {
            Some((colour, i)) if colour == *p => i,
            _ => match index.get(p) {
                Some(&i) => i,
                None => {
                    let i = u8::try_from(colours.len()).ok()?;
                    colours.push(*p);
                    index.insert(*p, i);
                    i
                }
            },
        };
        last = Some((*p, i));
        indices.push(i);
    }
    Some((colours, indices))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_with_the_fonts_own_widths() {
        // Arial's metrics: "0" is 0.556 em in regular and bold alike.
        let w = FontMeasure.width("00", 100.0, false) / FontMeasure::SLACK;
        assert!((w - 111.2).abs() < 0.5, "{w}");
        assert!(FontMeasure.width("Wide", 14.0, true) > FontMeasure.width("Wide", 14.0, false));
        assert_eq!(FontMeasure::missing("2,597 · × ÷ – — “ ” … −", false), Vec::<char>::new());
        assert_eq!(FontMeasure::missing("a\u{0915}", false), vec!['\u{0915}']);
    }

    #[test]
    fn draws_text_in_the_embedded_font_at_any_scale() {
        let r = Rasteriser::new().unwrap_or_else(|e| panic!("{e}"));
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\"><rect width=\"40\" height=\"20\" fill=\"#fff\"/>\
                   <text x=\"2\" y=\"15\" font-family=\"system-ui, sans-serif\" font-size=\"14\">Ab</text></svg>";
        for scale in [1.0, 2.0, 3.0] {
            let (px, w, h) = r.pixels(svg, scale).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!((w, h), ((40.0 * scale) as u32, (20.0 * scale) as u32));
            // The text is drawn: some pixels are dark.
            assert!(px.chunks_exact(4).any(|p| p[0] < 100), "no text drawn at {scale}×");
            let png = r.png(svg, scale, &PngText::default()).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        }
        assert!(r.pixels(svg, 0.0).is_err());
        assert!(r.pixels(svg, 1000.0).is_err());
        assert!(r.pixels("<svg", 1.0).is_err());
    }

    #[test]
    fn few_colours_get_a_palette_and_many_do_not() {
        let few: Vec<[u8; 3]> = (0..1000).map(|i| [(i % 50) as u8, 0, 0]).collect();
        let (colours, indices) = palette(&few).unwrap_or_default();
        assert_eq!((colours.len(), indices.len()), (50, 1000));
        assert_eq!(colours[usize::from(indices[123])], few[123]);
        let many: Vec<[u8; 3]> = (0..1000).map(|i| [(i % 256) as u8, (i / 256) as u8, 0]).collect();
        assert!(palette(&many).is_none());
    }
}
