//! Turns the journalist-editable `src/data/pk-2025.json` into Rust constants at
//! compile time, so the wasm carries the dataset without a JSON parser (serde's
//! deserialiser is ~30 KB of wasm). The runtime still validates what it loads;
//! a test checks these constants equal what `Dataset::from_json` reads.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

const DATA: &str = "src/data/pk-2025.json";

fn main() {
    // `cargo xtask dist --data FILE` builds the whole site on a newsroom's own
    // dataset (converted to JSON first): it names it here.
    println!("cargo:rerun-if-env-changed=PK_DATA");
    let data = std::env::var("PK_DATA").ok().filter(|p| !p.is_empty()).unwrap_or_else(|| DATA.to_owned());
    let path = match std::fs::canonicalize(&data) {
        Ok(p) => p,
        Err(e) => fail(&format!("cannot find the dataset {data}: {e}")),
    };
    println!("cargo:rerun-if-changed={}", path.display());
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rustc-env=PK_DATA_JSON={}", path.display());
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => fail(&format!("cannot read {data}: {e}")),
    };
    let v: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => fail(&format!("{data} is not valid JSON: {e}")),
    };
    let mut out = String::new();
    let _ = writeln!(out, "pub(crate) const ID: &str = {:?};", s(&v, "id"));
    let _ = writeln!(out, "pub(crate) const TITLE: &str = {:?};", s(&v, "title"));
    let _ = writeln!(out, "pub(crate) const UPDATED: &str = {:?};", s(&v, "updated"));
    let _ = writeln!(out, "pub(crate) const DESCRIPTION: &str = {:?};", s(&v, "description"));
    let _ =
        writeln!(out, "pub(crate) const QUOTES_OPTIONAL: bool = {};", v["quotes_optional"].as_bool().unwrap_or(false));
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
    formulas(&v, &mut out);
    charts(&v, &mut out);
    let dir = std::env::var("OUT_DIR").unwrap_or_else(|_| fail("OUT_DIR is not set"));
    if let Err(e) = std::fs::write(Path::new(&dir).join("builtin.rs"), out) {
        fail(&format!("cannot write builtin.rs: {e}"));
    }
}

/// `fn formulas() -> Vec<Formula>`: the declared derived figures.
fn formulas(v: &Value, out: &mut String) {
    out.push_str("pub(crate) fn formulas() -> Vec<Formula> {\n    vec![\n");
    for x in arr(v, "formulas") {
        let op = match s(x, "op") {
            "per_day" => "Op::PerDay",
            "ratio" => "Op::Ratio",
            "per_100" => "Op::Per100",
            "share" => "Op::Share",
            "change" => "Op::Change",
            other => fail(&format!("{DATA}: formula `{}` has unknown op `{other}`", s(x, "id"))),
        };
        let _ = writeln!(
            out,
            "        Formula {{ id: o({:?}), label: o({:?}), op: {op}, of: own(&{:?}), unit: o({:?}) }},",
            s(x, "id"),
            s(x, "label"),
            strs(x, "of"),
            s(x, "unit")
        );
    }
    out.push_str("    ]\n}\n");
}

/// `fn charts() -> Vec<ChartDecl>`: the declared charts, as constructors.
fn charts(v: &Value, out: &mut String) {
    out.push_str("pub(crate) fn charts() -> Vec<ChartDecl> {\n    vec![\n");
    for c in arr(v, "charts") {
        let kind = match c["kind"].as_str().unwrap_or("bars") {
            "bars" => "ChartKind::Bars",
            "paired" => "ChartKind::Paired",
            "parts" => "ChartKind::Parts",
            other => fail(&format!("{DATA}: chart `{}` has unknown kind `{other}`", s(c, "id"))),
        };
        let _ = writeln!(
            out,
            "        ChartDecl {{ id: o({:?}), kind: {kind}, title: o({:?}), subtitle: o({:?}), summary: o({:?}), notes: own(&{:?}), panels: vec![",
            s(c, "id"),
            s(c, "title"),
            s(c, "subtitle"),
            s(c, "summary"),
            strs(c, "notes")
        );
        for p in arr(c, "panels") {
            let _ = writeln!(
                out,
                "            PanelDecl {{ heading: o({:?}), sort: o({:?}), rows: vec![",
                s(p, "heading"),
                s(p, "sort")
            );
            for r in arr(p, "rows") {
                let mut parts = String::new();
                for x in arr(r, "parts") {
                    let _ = write!(
                        parts,
                        "super::model::PartDecl {{ value: o({:?}), name: o({:?}), hatched: {} }}, ",
                        s(x, "value"),
                        s(x, "name"),
                        x["hatched"].as_bool().unwrap_or(false)
                    );
                }
                let mut also = String::new();
                for x in arr(r, "also") {
                    let _ = write!(
                        also,
                        "AlsoDecl {{ value: o({:?}), name: o({:?}), style: o({:?}) }}, ",
                        s(x, "value"),
                        s(x, "name"),
                        s(x, "style")
                    );
                }
                let _ = writeln!(
                    out,
                    "                RowDecl {{ label: o({:?}), short: o({:?}), value: o({:?}), hatched: {}, parts: vec![{parts}], text: o({:?}), also: vec![{also}], annotation: o({:?}), event: o({:?}) }},",
                    s(r, "label"),
                    s(r, "short"),
                    s(r, "value"),
                    r["hatched"].as_bool().unwrap_or(false),
                    s(r, "text"),
                    s(r, "annotation"),
                    s(r, "event")
                );
            }
            out.push_str("            ] },\n");
        }
        out.push_str("        ] },\n");
    }
    out.push_str("    ]\n}\n");
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
