//! Turns the journalist-editable `src/data/pk-2025.json` into Rust constants at
//! compile time, so the wasm carries the dataset without a JSON parser (serde's
//! deserialiser is ~30 KB of wasm). The runtime still validates what it loads;
//! a test checks these constants equal what `Dataset::from_json` reads.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

const DATA: &str = "src/data/pk-2025.json";

fn main() {
    println!("cargo:rerun-if-changed={DATA}");
    println!("cargo:rerun-if-changed=build.rs");
    let text = match std::fs::read_to_string(DATA) {
        Ok(t) => t,
        Err(e) => fail(&format!("cannot read {DATA}: {e}")),
    };
    let v: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => fail(&format!("{DATA} is not valid JSON: {e}")),
    };
    let mut out = String::new();
    let _ = writeln!(out, "pub(crate) const ID: &str = {:?};", s(&v, "id"));
    let _ = writeln!(out, "pub(crate) const TITLE: &str = {:?};", s(&v, "title"));
    let _ = writeln!(out, "pub(crate) const UPDATED: &str = {:?};", s(&v, "updated"));
    let c = &v["corrections"];
    let _ = writeln!(out, "pub(crate) const CORRECTIONS: (&str, &str) = ({:?}, {:?});", s(c, "text"), s(c, "url"));
    out.push_str("pub(crate) const SOURCES: &[SourceRow] = &[\n");
    for x in arr(&v, "sources") {
        let kind = if s(x, "kind") == "official" { "Kind::Official" } else { "Kind::Independent" };
        let _ = writeln!(
            out,
            "    SourceRow {{ id: {:?}, publisher: {:?}, title: {:?}, title_is_description: {}, date: {:?}, url: {:?}, kind: {kind}, counter: {:?}, language: {:?} }},",
            s(x, "id"), s(x, "publisher"), s(x, "title"), x["title_is_description"].as_bool().unwrap_or(false),
            s(x, "date"), s(x, "url"), s(x, "counter"), x["language"].as_str().unwrap_or("en")
        );
    }
    out.push_str("];\npub(crate) const FIGURES: &[FigureRow] = &[\n");
    for x in arr(&v, "figures") {
        let value = x["value"].as_f64().unwrap_or(f64::NAN);
        let value = if value.is_finite() { format!("{value:?}") } else { "f64::NAN".to_owned() };
        let _ = writeln!(
            out,
            "    FigureRow {{ id: {:?}, label: {:?}, value: {value}, unit: {:?}, period: {:?}, area: {:?}, source: {:?}, quote: {:?}, translation: {:?}, approximate: {}, qualifier: {:?}, note: {:?} }},",
            s(x, "id"), s(x, "label"), s(x, "unit"), s(x, "period"), s(x, "area"), s(x, "source"), s(x, "quote"),
            s(x, "translation"), x["approximate"].as_bool().unwrap_or(false), s(x, "qualifier"), s(x, "note")
        );
    }
    out.push_str("];\npub(crate) const TOTALS: &[(&str, &[&str])] = &[\n");
    for x in arr(&v, "totals") {
        let _ = writeln!(out, "    ({:?}, &{:?}),", s(x, "total"), strs(x, "parts"));
    }
    out.push_str("];\npub(crate) const DISAGREEMENTS: &[DisagreementRow] = &[\n");
    for x in arr(&v, "disagreements") {
        let _ = writeln!(
            out,
            "    ({:?}, {:?}, &{:?}, &{:?}, {:?}),",
            s(x, "id"),
            s(x, "topic"),
            strs(x, "charts"),
            strs(x, "figures"),
            s(x, "explanation")
        );
    }
    out.push_str("];\npub(crate) const EVENTS: &[(&str, &str, &str, &str, &str, &str)] = &[\n");
    for x in arr(&v, "events") {
        let _ = writeln!(
            out,
            "    ({:?}, {:?}, {:?}, {:?}, {:?}, {:?}),",
            s(x, "id"),
            s(x, "date"),
            s(x, "end_date"),
            s(x, "label"),
            s(x, "source"),
            s(x, "quote")
        );
    }
    out.push_str("];\n");
    let dir = std::env::var("OUT_DIR").unwrap_or_else(|_| fail("OUT_DIR is not set"));
    if let Err(e) = std::fs::write(Path::new(&dir).join("builtin.rs"), out) {
        fail(&format!("cannot write builtin.rs: {e}"));
    }
}

fn fail(msg: &str) -> ! {
    eprintln!("error: {msg}");
    std::process::exit(1)
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or("")
}

fn arr<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v[key].as_array().map_or(&[], Vec::as_slice)
}

fn strs<'a>(v: &'a Value, key: &str) -> Vec<&'a str> {
    arr(v, key).iter().filter_map(Value::as_str).collect()
}
