//! Browser tests (wasm32, headless Chromium via wasm-bindgen-test-runner): the
//! real canvas path — backing store scaled for the device pixel ratio, bars
//! painted in the theme's colours, hit-testing and errors as `JsError`.
#![cfg(target_arch = "wasm32")]

use pk_security_charts::chart::{build, pack};
use pk_security_charts::store::Store;
use pk_security_charts::web::Chart;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

/// What the build writes into chart `id`'s figure for its canvas (`data-spec`).
fn drawing(id: &str) -> String {
    pack::pack(&build(id, Store::builtin().expect("dataset")).expect("chart"))
}

fn canvas() -> HtmlCanvasElement {
    let doc = web_sys::window().and_then(|w| w.document()).expect("document");
    doc.create_element("canvas").expect("canvas").dyn_into().expect("a canvas element")
}

/// Pixels of the canvas that are within 8 per channel of `rgb`.
fn count_colour(c: &HtmlCanvasElement, rgb: (u8, u8, u8)) -> usize {
    let ctx: CanvasRenderingContext2d = c.get_context("2d").expect("2d").expect("2d").dyn_into().expect("ctx");
    let data = ctx.get_image_data(0.0, 0.0, c.width().into(), c.height().into()).expect("pixels").data();
    data.chunks(4)
        .filter(|p| {
            let near = |a: u8, b: u8| (i16::from(a) - i16::from(b)).abs() <= 8;
            near(p[0], rgb.0) && near(p[1], rgb.1) && near(p[2], rgb.2)
        })
        .count()
}

#[wasm_bindgen_test]
fn backing_store_is_scaled_by_the_device_pixel_ratio() {
    let c = canvas();
    let mut chart = Chart::new(c.clone(), &drawing("incidents-by-province")).expect("chart");
    let h1 = chart.render(320.0, 1.0, false).expect("render");
    assert_eq!(c.width(), 320);
    assert_eq!(c.height(), h1.round() as u32);
    let h2 = chart.render(320.0, 2.0, false).expect("render");
    assert_eq!(h1, h2, "CSS height does not depend on the pixel ratio");
    assert_eq!(c.width(), 640);
    assert_eq!(c.height(), (h2 * 2.0).round() as u32);
}

#[wasm_bindgen_test]
fn bars_are_painted_in_the_theme_colours() {
    let c = canvas();
    let mut chart = Chart::new(c.clone(), &drawing("militants-killed-by-source")).expect("chart");
    chart.render(640.0, 1.0, false).expect("render");
    let total = (c.width() * c.height()) as usize;
    assert!(count_colour(&c, (0x00, 0x72, 0xB2)) > total / 100, "official blue bars");
    assert!(count_colour(&c, (0xD5, 0x5E, 0x00)) > total / 100, "independent orange bars");
    chart.render(640.0, 1.0, true).expect("render");
    assert!(count_colour(&c, (0x12, 0x14, 0x17)) > total / 2, "dark background");
    assert!(count_colour(&c, (0x56, 0xB4, 0xE9)) > total / 100, "dark official blue");
}

#[wasm_bindgen_test]
fn hit_testing_and_focus_use_the_drawn_layout() {
    let c = canvas();
    let mut chart = Chart::new(c, &drawing("incidents-by-province")).expect("chart");
    chart.render(640.0, 2.0, false).expect("render");
    assert_eq!(chart.count(), 3);
    for i in 0..chart.count() {
        let b = chart.mark_box(i);
        assert_eq!(chart.hit(b[0] + b[2] / 2.0, b[1] + b[3] / 2.0), i as i32);
    }
    assert_eq!(chart.hit(-50.0, -50.0), -1);
    chart.focus(2).expect("focus");
    chart.focus(99).expect("out-of-range focus clears, does not panic");
}

#[wasm_bindgen_test]
fn a_damaged_drawing_is_an_error_not_a_panic() {
    let Err(e) = Chart::new(canvas(), "not a drawing") else { panic!("a damaged drawing was drawn") };
    assert!(String::from(js_sys::Error::from(wasm_bindgen::JsValue::from(e)).message()).contains("damaged"));
    let mut chart =
        Chart::new(canvas(), &drawing("incidents-by-province").replace("Punjab", "P\\")).expect("escapes are text");
    assert!(chart.render(320.0, 1.0, false).is_ok());
}

#[wasm_bindgen_test]
fn the_canvas_keeps_the_static_drawings_height_in_its_band_only() {
    let mut chart = Chart::new(canvas(), &drawing("incidents-by-province")).expect("chart");
    let own = chart.render(304.0, 1.0, false).expect("render");
    // The phone drawing (320 px wide) held 30 px more than this canvas needs.
    chart.hold(320.0, own + 30.0);
    assert_eq!(chart.render(304.0, 1.0, false).expect("render"), (own + 30.0).ceil());
    // A wide column is another band: the phone drawing's height is not its own.
    let wide = chart.render(800.0, 1.0, false).expect("render");
    chart.hold(320.0, wide + 30.0);
    assert_eq!(chart.render(800.0, 1.0, false).expect("render"), wide);
}
