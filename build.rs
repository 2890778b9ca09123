//! Names the dataset the crate embeds (`src/data/pk-2025.json`, or the file
//! `cargo xtask dist --data` converted) and refuses to compile on one that is
//! not JSON; turns `src/data/ui.json` into the `Msg` enum. The shipped wasm
//! carries no dataset (each figure carries its drawing), so the dataset stays
//! JSON and is parsed where it is used: natively and in the user-data wasm.

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
    if let Err(e) = serde_json::from_str::<Value>(&text) {
        fail(&format!("{data} is not valid JSON: {e}"));
    }
    let dir = std::env::var("OUT_DIR").unwrap_or_else(|_| fail("OUT_DIR is not set"));
    ui(&dir);
}

/// `ui.rs`: one `Msg` per message of `src/data/ui.json`, its English and its
/// translations.
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
    if let Some(langs) = v["translations"].as_object() {
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

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or("")
}

fn arr<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v[key].as_array().map_or(&[], Vec::as_slice)
}
