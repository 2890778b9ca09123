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
    let _ = writeln!(out, "pub(crate) const DESCRIPTION: &str = {:?};", prose(&v, "description"));
    let _ =
        writeln!(out, "pub(crate) const QUOTES_OPTIONAL: bool = {};", v["quotes_optional"].as_bool().unwrap_or(false));
    let c = &v["corrections"];
    let _ =
        writeln!(out, "pub(crate) const CORRECTIONS: (&str, &str) = ({:?}, {:?});", prose(c, "text"), prose(c, "url"));
    out.push_str("pub(crate) const SOURCES: &[SourceRow] = &[\n");
    for x in arr(&v, "sources") {
        let kind = match s(x, "kind") {
            "official" => "Kind::Official",
            "independent" => "Kind::Independent",
            _ => "Kind::Other",
        };
        let _ = writeln!(
            out,
            "    SourceRow {{ id: {:?}, publisher: {:?}, title: {:?}, title_is_description: {}, date: {:?}, url: {:?}, kind: {kind}, counter: {:?}, language: {:?} }},",
            s(x, "id"), s(x, "publisher"), prose(x, "title"), x["title_is_description"].as_bool().unwrap_or(false),
            s(x, "date"), prose(x, "url"), s(x, "counter"), x["language"].as_str().unwrap_or("en")
        );
    }
    out.push_str("];\npub(crate) const FIGURES: &[FigureRow] = &[\n");
    for x in arr(&v, "figures") {
        let value = x["value"].as_f64().unwrap_or(f64::NAN);
        let value = if value.is_finite() { format!("{value:?}") } else { "f64::NAN".to_owned() };
        let _ = writeln!(
            out,
            "    FigureRow {{ id: {:?}, label: {:?}, value: {value}, unit: {:?}, period: {:?}, area: {:?}, source: {:?}, quote: {:?}, translation: {:?}, approximate: {}, qualifier: {:?}, note: {:?} }},",
            s(x, "id"), s(x, "label"), s(x, "unit"), s(x, "period"), s(x, "area"), s(x, "source"), prose(x, "quote"),
            prose(x, "translation"), x["approximate"].as_bool().unwrap_or(false), s(x, "qualifier"), prose(x, "note")
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
            prose(x, "explanation")
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
            prose(x, "quote")
        );
    }
    out.push_str("];\n");
    formulas(&v, &mut out);
    charts(&v, &mut out);
    let dir = std::env::var("OUT_DIR").unwrap_or_else(|_| fail("OUT_DIR is not set"));
    ui(&dir);
    if let Err(e) = std::fs::write(Path::new(&dir).join("builtin.rs"), out) {
        fail(&format!("cannot write builtin.rs: {e}"));
    }
}

/// `FORMULAS`: the declared derived figures, as constant data.
fn formulas(v: &Value, out: &mut String) {
    out.push_str("pub(crate) const FORMULAS: &[FormulaRow] = &[\n");
    for x in arr(v, "formulas") {
        let op = match s(x, "op") {
            "per_day" => "Op::PerDay",
            "ratio" => "Op::Ratio",
            "per_100" => "Op::Per100",
            "share" => "Op::Share",
            "change" => "Op::Change",
            other => fail(&format!("formula `{}` has unknown op `{other}`", s(x, "id"))),
        };
        let _ = writeln!(
            out,
            "    ({:?}, {:?}, {op}, &{:?}, {:?}),",
            s(x, "id"),
            s(x, "label"),
            strs(x, "of"),
            s(x, "unit")
        );
    }
    out.push_str("];\n");
}

/// `CHARTS`: the declared charts, as constant data (constructors for each
/// would be ~20 KB of wasm; a table and one loop are a few hundred bytes).
fn charts(v: &Value, out: &mut String) {
    out.push_str("pub(crate) const CHARTS: &[ChartRow] = &[\n");
    for c in arr(v, "charts") {
        let kind = match c["kind"].as_str().unwrap_or("bars") {
            "bars" => "ChartKind::Bars",
            "paired" => "ChartKind::Paired",
            "parts" => "ChartKind::Parts",
            other => fail(&format!("chart `{}` has unknown kind `{other}`", s(c, "id"))),
        };
        let _ = writeln!(
            out,
            "    ChartRow {{ id: {:?}, kind: {kind}, title: {:?}, subtitle: {:?}, summary: {:?}, notes: &{:?}, panels: &[",
            s(c, "id"),
            s(c, "title"),
            s(c, "subtitle"),
            s(c, "summary"),
            strs(c, "notes")
        );
        for p in arr(c, "panels") {
            let _ =
                writeln!(out, "        PanelRow {{ heading: {:?}, sort: {:?}, rows: &[", s(p, "heading"), s(p, "sort"));
            for r in arr(p, "rows") {
                let parts: Vec<String> = arr(r, "parts")
                    .iter()
                    .map(|x| {
                        format!(
                            "({:?}, {:?}, {})",
                            s(x, "value"),
                            s(x, "name"),
                            x["hatched"].as_bool().unwrap_or(false)
                        )
                    })
                    .collect();
                let also: Vec<String> = arr(r, "also")
                    .iter()
                    .map(|x| format!("({:?}, {:?}, {:?})", s(x, "value"), s(x, "name"), s(x, "style")))
                    .collect();
                let _ = writeln!(
                    out,
                    "            RowRow {{ label: {:?}, short: {:?}, value: {:?}, hatched: {}, parts: &[{}], text: {:?}, also: &[{}], annotation: {:?}, event: {:?} }},",
                    s(r, "label"),
                    s(r, "short"),
                    s(r, "value"),
                    r["hatched"].as_bool().unwrap_or(false),
                    parts.join(", "),
                    s(r, "text"),
                    also.join(", "),
                    s(r, "annotation"),
                    s(r, "event")
                );
            }
            out.push_str("        ] },\n");
        }
        out.push_str("    ] },\n");
    }
    out.push_str("];\n");
}

/// `ui.rs`: one `Msg` per message of `src/data/ui.json`, its English, and
/// (natively and in the user-data wasm) its translations. The default wasm
/// gets a page's translations from the page, so it carries English only.
fn ui(dir: &str) {
    const UI: &str = "src/data/ui.json";
    println!("cargo:rerun-if-changed={UI}");
    let text = std::fs::read_to_string(UI).unwrap_or_else(|e| fail(&format!("cannot read {UI}: {e}")));
    let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| fail(&format!("{UI} is not valid JSON: {e}")));
    let messages = arr(&v, "messages");
    let camel = |id: &str| -> String {
        id.split('_')
            .map(|w| {
                let mut c = w.chars();
                c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
            })
            .collect()
    };
    let mut out = String::from(
        "/// A message of `src/data/ui.json`.\n#[derive(Debug, Clone, Copy, PartialEq, Eq)]\n#[allow(missing_docs)]\npub enum Msg {\n",
    );
    for m in messages {
        let _ = writeln!(out, "    {},", camel(s(m, "id")));
    }
    out.push_str("}\n\nimpl Msg {\n    /// Every message, in the file's order.\n    pub const ALL: &[Msg] = &[");
    for m in messages {
        let _ = write!(out, "Msg::{}, ", camel(s(m, "id")));
    }
    out.push_str("];\n\n    /// The English (inlined, so the wasm links only the messages it uses).\n    #[inline(always)]\n    pub fn en(self) -> &'static str {\n        match self {\n");
    for m in messages {
        let _ = writeln!(out, "            Msg::{} => {:?},", camel(s(m, "id")), s(m, "en"));
    }
    out.push_str("        }\n    }\n}\n\n/// Per language: code, own name, made by, checked, and (English, translation) pairs.\n");
    out.push_str("pub(crate) type UiTranslation = (&'static str, &'static str, &'static str, bool, &'static [(&'static str, &'static str)]);\n");
    out.push_str("pub(crate) const UI_TRANSLATIONS: &[UiTranslation] = &[\n");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    let user_data = std::env::var_os("CARGO_FEATURE_USER_DATA").is_some();
    if let (false, Some(langs)) = (wasm && !user_data, v["translations"].as_object()) {
        for (lang, t) in langs {
            let _ = write!(
                out,
                "    ({lang:?}, {:?}, {:?}, {}, &[",
                s(t, "name"),
                s(t, "made_by"),
                t["checked"].as_bool().unwrap_or(false)
            );
            for m in messages {
                if let Some(tr) = m[lang.as_str()].as_str() {
                    let _ = write!(out, "({:?}, {tr:?}), ", s(m, "en"));
                }
            }
            out.push_str("]),\n");
        }
    }
    out.push_str("];\n");
    if let Err(e) = std::fs::write(Path::new(dir).join("ui.rs"), out) {
        fail(&format!("cannot write ui.rs: {e}"));
    }
}

fn fail(msg: &str) -> ! {
    eprintln!("error: {msg}");
    std::process::exit(1)
}

/// Quotes, translations, notes and explanations: the default wasm never shows
/// them (the build writes them into each chart's HTML), so it does not carry
/// them; natively and in the user-data wasm they are kept.
fn prose<'a>(v: &'a Value, key: &str) -> &'a str {
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    let user_data = std::env::var_os("CARGO_FEATURE_USER_DATA").is_some();
    if wasm && !user_data {
        ""
    } else {
        s(v, key)
    }
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
