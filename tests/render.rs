//! Rendering: each chart drawn to an SVG string at phone, tablet and desktop
//! widths shows its labels and values, keeps every text inside the drawing
//! area, and gives every data point a pointer target of at least 24 × 24 px.

use pk_security_charts::chart::{build, chart_ids};
use pk_security_charts::layout::{layout, ApproxMeasure, TARGET};
use pk_security_charts::render::{escape, svg};
use pk_security_charts::store::Store;

const WIDTHS: [f64; 3] = [320.0, 640.0, 1280.0];

/// The text contents of an SVG's `<text>` elements, unescaped of whitespace.
fn texts(doc: &str) -> Vec<String> {
    doc.split("<text")
        .skip(1)
        .filter_map(|t| t.split_once('>'))
        .filter_map(|(_, rest)| rest.split_once("</text>"))
        .map(|(c, _)| c.trim().to_owned())
        .collect()
}

fn store() -> &'static Store {
    Store::builtin().expect("built-in dataset")
}

#[test]
fn every_chart_shows_its_values_and_labels_at_every_width() {
    for id in chart_ids(Store::builtin().expect("built-in dataset")) {
        let spec = build(id, store()).expect("chart");
        for w in WIDTHS {
            let doc = svg(&spec, w, false).unwrap_or_else(|e| panic!("{id} at {w}: {e}"));
            assert!(doc.starts_with("<svg role=\"img\""), "{id}");
            assert!(doc.contains(&format!("<title>{}</title>", escape(&spec.title))), "{id}");
            let shown_texts = texts(&doc);
            let has = |s: &str| shown_texts.iter().any(|t| *t == escape(s));
            // A label may wrap onto consecutive lines.
            let joined = shown_texts.join(" ");
            let has_wrapped = |s: &str| joined.contains(&escape(s));
            for panel in &spec.panels {
                for row in &panel.rows {
                    assert!(has(&row.value_text), "{id} at {w}px lacks value {}", row.value_text);
                    let shown = has_wrapped(&row.label) || (!row.short.is_empty() && has(&row.short));
                    assert!(shown, "{id} at {w}px lacks label {}", row.label);
                }
            }
        }
    }
}

#[test]
fn no_text_or_bar_leaves_the_drawing_area() {
    for id in chart_ids(Store::builtin().expect("built-in dataset")) {
        let spec = build(id, store()).expect("chart");
        for w in WIDTHS {
            let l = layout(&spec, w, &ApproxMeasure);
            assert!(l.height > 40.0 && l.height < 1400.0, "{id} at {w}: height {}", l.height);
            for t in &l.texts {
                let b = t.bounds();
                assert!(b.x >= 0.0 && b.x + b.w <= w + 0.01, "{id} at {w}px: {:?} runs outside ({b:?})", t.text);
                assert!(b.y >= 0.0 && b.y + b.h <= l.height + 0.01, "{id} at {w}px: {:?} below the area", t.text);
            }
            for m in &l.marks {
                assert!(m.rect.x >= 0.0 && m.rect.x + m.rect.w <= w, "{id} at {w}px: bar outside");
                assert!(m.rect.w >= 2.0, "{id} at {w}px: a bar has no visible stub");
                assert!(m.hit.w >= TARGET && m.hit.h >= TARGET, "{id} at {w}px: target below 24 px");
            }
        }
    }
}

#[test]
fn labels_sit_above_bars_on_phones_and_beside_them_on_desktops() {
    let spec = build("incidents-by-province", store()).expect("chart");
    let phone = layout(&spec, 320.0, &ApproxMeasure);
    let desk = layout(&spec, 1280.0, &ApproxMeasure);
    let label =
        |l: &pk_security_charts::layout::Layout| l.texts.iter().find(|t| t.text == "Khyber Pakhtunkhwa").cloned();
    let (p, d) = (label(&phone).expect("full name fits a phone"), label(&desk).expect("label"));
    assert!(p.y < phone.marks[0].rect.y, "phone label above bar");
    assert!(d.x + d.width < desk.marks[0].rect.x, "desktop label left of bar");
    // Short labels (years) stay beside their bars even on a phone.
    let change = layout(&build("change-2024-2025", store()).expect("chart"), 320.0, &ApproxMeasure);
    let year = change.texts.iter().find(|t| t.text == "2024").expect("year label");
    assert!(year.x + year.width < change.marks[0].rect.x, "year label left of its bar on a phone");
    // Bars are sorted by value and scaled: KP longest, the 29 a stub.
    assert!(desk.marks[0].rect.w > desk.marks[1].rect.w && desk.marks[1].rect.w > desk.marks[2].rect.w);
    let ratio = desk.marks[1].rect.w / desk.marks[0].rect.w;
    assert!((ratio - 1557.0 / 3811.0).abs() < 0.01, "{ratio}");
}

#[test]
fn hit_testing_finds_the_bar_under_the_pointer_even_a_thin_one() {
    let spec = build("incidents-by-province", store()).expect("chart");
    let l = layout(&spec, 640.0, &ApproxMeasure);
    for (i, m) in l.marks.iter().enumerate() {
        assert_eq!(l.hit(m.rect.x + m.rect.w / 2.0, m.rect.y + m.rect.h / 2.0), Some(i));
    }
    let stub = &l.marks[2].rect;
    assert!(stub.w < 6.0, "29 of 5,397 is a stub");
    assert_eq!(l.hit(stub.x + 10.0, stub.y + stub.h / 2.0), Some(2), "24 px target around the stub");
    assert_eq!(l.hit(1.0, l.height - 1.0), None);
}

#[test]
fn light_and_dark_use_their_own_palettes() {
    let spec = build("militants-killed-by-source", store()).expect("chart");
    let light = svg(&spec, 640.0, false).expect("svg");
    let dark = svg(&spec, 640.0, true).expect("svg");
    assert!(light.contains("#0072B2") && light.contains("#D55E00") && light.contains("#FFFFFF"));
    assert!(dark.contains("#56B4E9") && dark.contains("#E69F00") && dark.contains("#121417"));
}

#[test]
fn hostile_text_in_the_dataset_is_escaped_in_svg() {
    let mut v: serde_json::Value = serde_json::from_str(pk_security_charts::data::BUILTIN_JSON).expect("json");
    for e in v["events"].as_array_mut().expect("events") {
        if e["id"] == "border-closure" {
            e["label"] = "<img src=x onerror=alert(1)>".into();
        }
    }
    let store = Store::from_json(&v.to_string()).expect("loads");
    let spec = build("attacks-late-2025", &store).expect("chart");
    let doc = svg(&spec, 1280.0, false).expect("svg");
    assert!(!doc.contains("<img"), "markup leaked into the SVG");
    assert!(doc.contains("&lt;img src=x onerror=alert(1)&gt;"));
}

/// The height of a chart is the same at every width of a band, so the static
/// drawing made for the band holds the canvas's place (issue 10).
#[test]
fn a_chart_is_equally_tall_across_its_band() {
    use pk_security_charts::layout::{NARROW, PHONE, PHONE_FLOOR};
    for id in chart_ids(store()) {
        let spec = build(id, store()).unwrap_or_else(|e| panic!("{id}: {e}"));
        let height = |w: f64| layout(&spec, w, &ApproxMeasure).height;
        for w in [PHONE_FLOOR, 296.0, 304.0, PHONE, 375.0, NARROW - 1.0] {
            assert_eq!(height(w), height(PHONE), "{id} at {w} px, phone band");
        }
        for w in [NARROW, 536.0, 640.0, 1280.0, 2560.0] {
            assert_eq!(height(w), height(640.0), "{id} at {w} px, wide band");
        }
    }
}

/// chart.css picks the drawing by the same edge the layout uses.
#[test]
fn the_style_sheet_switches_drawings_at_the_layouts_band_edge() {
    let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/chart.css")).unwrap_or_default();
    let edge = format!("@container (max-width: {}px)", pk_security_charts::layout::NARROW - 0.02);
    assert!(css.contains(&edge), "www/chart.css lacks `{edge}`");
}

/// The pages paste the light drawings in, and www/chart.css gives each light
/// colour the figure's theme (src/theme.rs tests it has a rule for each): so
/// a drawing may use no colour outside the light palette, or it would stay
/// light in dark mode.
#[test]
fn the_static_drawings_use_only_the_light_palette() {
    use pk_security_charts::text::format::Digits;
    use pk_security_charts::text::locale::Locale;
    use pk_security_charts::theme::LIGHT;
    let t = LIGHT;
    let palette: Vec<String> = [t.background, t.text, t.muted, t.official, t.independent, t.highlight, t.guide]
        .iter()
        .map(|c| format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2))
        .collect();
    for store in [store().clone(), store().localized(Locale::urdu(Digits::Urdu))] {
        for id in chart_ids(&store) {
            let spec = build(id, &store).unwrap_or_else(|e| panic!("{id}: {e}"));
            for w in WIDTHS {
                let doc = svg(&spec, w, false).unwrap_or_else(|e| panic!("{id}: {e}"));
                for prop in ["fill=\"", "stroke=\""] {
                    for value in doc.split(prop).skip(1).filter_map(|r| r.split('"').next()) {
                        assert!(value == "none" || palette.iter().any(|p| p == value), "{id} at {w} px: {prop}{value}");
                    }
                }
            }
        }
    }
}
