//! What readers take away from a chart, opened and checked as they would be:
//! the PNGs (signature, pixel size at 1×, 2× and 3×, text drawn), the SVG (it
//! parses, with the chart's title), the CSV (it parses, and its values are the
//! table's), the 1200×630 social cards, the glyphs of the embedded font, and
//! the chart pages' link-preview tags and oEmbed responses.
#![cfg(not(target_arch = "wasm32"))]

use pk_security_charts::chart::{build, chart_ids};
use pk_security_charts::html::{table_html, IMAGE_WIDTH};
use pk_security_charts::meta::{chart_meta, ChartMeta};
use pk_security_charts::render::poster::{card, poster, source_line, Picture, CARD_SIZE};
use pk_security_charts::render::raster::{FontMeasure, PngText, Rasteriser, FONT_FAMILY};
use pk_security_charts::render::share::{chart_page, embed_height, oembed_json, site_url};
use pk_security_charts::render::table::{chart_csv, HEADER};
use pk_security_charts::spec::ChartSpec;
use pk_security_charts::store::Store;
use resvg::usvg::roxmltree;

fn store() -> &'static Store {
    Store::builtin().unwrap_or_else(|e| panic!("{e}"))
}

fn chart(id: &str) -> (ChartSpec, ChartMeta) {
    let spec = build(id, store()).unwrap_or_else(|e| panic!("{id}: {e}"));
    let meta = chart_meta(&spec, store()).unwrap_or_else(|e| panic!("{id}: {e}"));
    (spec, meta)
}

fn poster_of(id: &str) -> (ChartMeta, Picture) {
    let (spec, meta) = chart(id);
    let p = poster(&spec, &meta, store(), IMAGE_WIDTH, &FontMeasure).unwrap_or_else(|e| panic!("{id}: {e}"));
    (meta, p)
}

/// Decodes a PNG: (width, height, RGB pixels).
fn decode(png_bytes: &[u8]) -> (u32, u32, Vec<[u8; 3]>) {
    assert_eq!(&png_bytes[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().unwrap_or_else(|e| panic!("{e}"));
    let mut buf = vec![0; reader.output_buffer_size().unwrap_or(0)];
    let info = reader.next_frame(&mut buf).unwrap_or_else(|e| panic!("{e}"));
    let step = info.color_type.samples();
    let pixels = buf[..info.buffer_size()].chunks_exact(step).map(|p| [p[0], p[1], p[2]]).collect();
    (info.width, info.height, pixels)
}

/// Every text of an SVG document, in order.
fn texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("the SVG does not parse: {e}"));
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.descendants().filter(|t| t.is_text()).filter_map(|t| t.text()).collect::<String>().trim().to_owned())
        .collect()
}

#[test]
fn pngs_are_the_poster_at_1x_2x_and_3x_with_its_text_drawn() {
    let raster = Rasteriser::new().unwrap_or_else(|e| panic!("{e}"));
    // A short chart and the tallest.
    for id in ["deaths-2025", "change-2024-2025"] {
        let (meta, p) = poster_of(id);
        let text = PngText { title: meta.title.clone(), source: source_line(&meta), ..PngText::default() };
        for scale in [1u32, 2, 3] {
            let bytes = raster.png(&p.svg, scale as f32, &text).unwrap_or_else(|e| panic!("{id}: {e}"));
            let (w, h, pixels) = decode(&bytes);
            assert_eq!((w, h), (p.width * scale, p.height * scale), "{id} at {scale}×");
            // White background, dark title text in the first lines.
            assert_eq!(pixels[0], [255, 255, 255], "{id}");
            let title_band = &pixels[(16 * scale * w) as usize..(40 * scale * w) as usize];
            assert!(title_band.iter().any(|p| p.iter().all(|&c| c < 60)), "{id} at {scale}×: no title drawn");
            // The official hue is drawn: the bars.
            assert!(pixels.contains(&[0x00, 0x72, 0xB2]), "{id} at {scale}×: no bar drawn");
            // The title and source travel inside the file too.
            let raw = String::from_utf8_lossy(&bytes);
            assert!(raw.contains("iTXtTitle") && raw.contains("iTXtSource"), "{id}: text chunks");
        }
    }
}

#[test]
fn the_svg_parses_with_its_title_subtitle_sources_and_credit_as_text() {
    for id in chart_ids(store()) {
        let (meta, p) = poster_of(id);
        let doc = roxmltree::Document::parse(&p.svg).unwrap_or_else(|e| panic!("{id}: {e}"));
        let title = doc.descendants().find(|n| n.has_tag_name("title")).and_then(|n| n.text());
        assert_eq!(title, Some(meta.title.as_str()), "{id}");
        let all = texts(&p.svg).join(" ");
        // Wrapped over lines, the words are all there, in order.
        let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat(&all).contains(&flat(&meta.title)), "{id}: title");
        assert!(flat(&all).contains(&flat(&meta.subtitle)), "{id}: subtitle");
        assert!(flat(&all).contains(&flat(&source_line(&meta))), "{id}: source line");
        assert!(all.contains("Chart: ") && all.contains("Data updated 25 Nov 2026"), "{id}: credit");
        for r in &meta.rows {
            assert!(all.contains(&r.text), "{id}: the value {} is drawn as text", r.text);
        }
        // It is the size it says, and usvg (what the PNGs are drawn from) reads it.
        assert!(p.svg.contains(&format!("width=\"{}\" height=\"{}\"", p.width, p.height)), "{id}");
        let tree = resvg::usvg::Tree::from_str(&p.svg, &resvg::usvg::Options::default());
        assert!(tree.is_ok(), "{id}");
    }
}

#[test]
fn every_character_drawn_has_a_glyph_in_the_embedded_font() {
    for id in chart_ids(store()) {
        let (spec, meta) = chart(id);
        let (_, p) = poster_of(id);
        let c = card(&spec, &meta, store(), &FontMeasure).unwrap_or_else(|e| panic!("{id}: {e}"));
        for text in texts(&p.svg).iter().chain(texts(&c.svg).iter()) {
            for bold in [false, true] {
                assert_eq!(FontMeasure::missing(text, bold), Vec::<char>::new(), "{id}: {text}");
            }
        }
    }
}

#[test]
fn the_rasteriser_uses_the_embedded_font_only() {
    let raster = Rasteriser::new().unwrap_or_else(|e| panic!("{e}"));
    let faces: Vec<_> = raster.fonts().faces().collect();
    assert_eq!(faces.len(), 2);
    for face in faces {
        assert!(face.families.iter().any(|(name, _)| name == FONT_FAMILY), "{:?}", face.families);
        assert!(matches!(face.source, resvg::usvg::fontdb::Source::Binary(_)), "a face read from a file");
    }
    let licence = include_str!("../assets/fonts/OFL.txt");
    assert!(licence.contains("SIL OPEN FONT LICENSE Version 1.1") && licence.contains("Reserved Font Name Liberation"));
}

#[test]
fn the_csv_parses_and_its_values_are_the_tables() {
    for id in chart_ids(store()) {
        let (_, meta) = chart(id);
        let text = chart_csv(&meta, store()).unwrap_or_else(|e| panic!("{id}: {e}"));
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> =
            reader.headers().unwrap_or_else(|e| panic!("{e}")).iter().map(str::to_owned).collect();
        assert_eq!(header, HEADER);
        let col = |name: &str| HEADER.iter().position(|h| *h == name).unwrap_or(0);
        let rows: Vec<csv::StringRecord> =
            reader.records().collect::<Result<_, _>>().unwrap_or_else(|e| panic!("{id}: {e}"));
        // The values as the page's table shows them, in its order.
        let table = table_html(&meta, store());
        let shown: Vec<String> = table
            .split("<span class=\"n\">")
            .skip(1)
            .filter_map(|s| s.split("</span>").next())
            .map(|s| s.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))
            .collect();
        let csv_shown: Vec<&str> = rows.iter().map(|r| r.get(col("shown")).unwrap_or("")).collect();
        assert_eq!(csv_shown, shown, "{id}");
        for r in &rows {
            assert_eq!(r.get(col("chart")), Some(id), "{id}");
            let value = r.get(col("value")).and_then(|v| v.parse::<f64>().ok());
            assert!(value.is_some_and(f64::is_finite), "{id}: {r:?}");
            assert!(!r.get(col("unit")).unwrap_or("").is_empty(), "{id}: unit of {r:?}");
            assert!(!r.get(col("source")).unwrap_or("").is_empty(), "{id}: source of {r:?}");
            if r.get(col("kind")) == Some("derived") {
                assert!(!r.get(col("formula")).unwrap_or("").is_empty(), "{id}: formula of {r:?}");
            } else {
                assert!(!r.get(col("quote")).unwrap_or("").is_empty(), "{id}: quote of {r:?}");
            }
        }
        // The bars' values, unrounded, are the chart's own.
        for r in meta.rows.iter() {
            let item = if r.part.is_empty() { r.label.clone() } else { format!("{}, {}", r.label, r.part) };
            let row = rows.iter().find(|row| {
                row.get(col("item")) == Some(item.as_str()) && row.get(col("measure")) == Some(r.group.as_str())
            });
            let value = row.and_then(|row| row.get(col("value"))).and_then(|v| v.parse::<f64>().ok());
            assert_eq!(value, Some(r.value), "{id}: {item}");
        }
    }
}

#[test]
fn every_card_is_1200_by_630() {
    let raster = Rasteriser::new().unwrap_or_else(|e| panic!("{e}"));
    for id in chart_ids(store()) {
        let (spec, meta) = chart(id);
        let c = card(&spec, &meta, store(), &FontMeasure).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!((c.width, c.height), CARD_SIZE);
        let (w, h, pixels) = decode(&raster.png(&c.svg, 1.0, &PngText::default()).unwrap_or_else(|e| panic!("{e}")));
        assert_eq!((w, h), (1200, 630), "{id}");
        assert!(pixels.contains(&[0x00, 0x72, 0xB2]) || pixels.contains(&[0xD5, 0x5E, 0x00]), "{id}: no bar");
        let all = texts(&c.svg).join(" ");
        assert!(all.contains("Source: ") && all.contains("Chart: "), "{id}: {all}");
    }
}

#[test]
fn chart_pages_carry_link_previews_and_oembed_only_with_a_site_url() {
    let site = site_url("https://example.org/graphics/pk-2025").unwrap_or_else(|e| panic!("{e}"));
    for id in ["deaths-2025", "militants-killed-by-source"] {
        let (meta, p) = poster_of(id);
        let figure = "<figure></figure>";
        let without = chart_page(&meta, store(), figure, None);
        for tag in ["og:title", "og:description", "twitter:card"] {
            assert!(without.contains(&format!("\"{tag}\"")), "{id}: {tag}");
        }
        for absolute in ["og:image", "og:url", "json+oembed", "https://"] {
            assert!(!without.contains(absolute), "{id}: {absolute} without a site URL");
        }
        let with = chart_page(&meta, store(), figure, Some(&site));
        for tag in [
            format!("<meta property=\"og:image\" content=\"{site}img/{id}-card.png\">"),
            format!("<meta property=\"og:url\" content=\"{site}chart/{id}.html\">"),
            "<meta name=\"twitter:card\" content=\"summary_large_image\">".to_owned(),
            format!("<link rel=\"alternate\" type=\"application/json+oembed\" href=\"{site}oembed/{id}.json\""),
        ] {
            assert!(with.contains(&tag), "{id}: {tag}");
        }
        let json: serde_json::Value =
            serde_json::from_str(&oembed_json(&meta, store(), &site, &p).unwrap_or_else(|e| panic!("{e}")))
                .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(json["version"], "1.0");
        assert_eq!(json["type"], "rich");
        assert_eq!(json["width"], 640);
        assert_eq!(json["height"], embed_height(&meta, &p));
        let html = json["html"].as_str().unwrap_or("");
        assert!(html.starts_with(&format!("<iframe src=\"{site}embed-{id}.html\"")), "{html}");
        assert!(html.contains(&format!("height=\"{}\"", embed_height(&meta, &p))), "{html}");
        assert!(html.contains(&format!("<script src=\"{site}embed.js\" defer></script>")), "{html}");
        assert_eq!(json["thumbnail_url"], format!("{site}img/{id}-card.png"));
    }
}
