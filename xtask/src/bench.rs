//! `cargo xtask bench`: the figures to watch across changes. For now the size of
//! what a reader downloads (wasm and JS glue, raw and gzipped), written to
//! `target/bench.json` so runs can be compared; browser timings come later.

use crate::site::{self, FileSize};
use crate::{tools, Result, Workspace};

pub fn run(ws: &Workspace) -> Result {
    // Needs::SITE until the timing step lands; then this needs Chromium too.
    tools::ensure(ws, tools::Needs::SITE)?;
    let built = site::build(ws)?;
    let out = ws.target.join("bench.json");
    std::fs::create_dir_all(&ws.target).map_err(|e| format!("cannot create {}: {e}", ws.target.display()))?;
    std::fs::write(&out, to_json(&built.sizes)).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    println!("wrote {}", out.display());
    Ok(())
}

/// Hand-written to keep xtask free of serde; the shape is small and fixed.
fn to_json(sizes: &[FileSize]) -> String {
    let files: Vec<String> = sizes
        .iter()
        .map(|s| {
            format!(
                "    {{\"file\": {}, \"raw_bytes\": {}, \"gzip_bytes\": {}, \"sha256\": {}}}",
                json_string(&s.name),
                s.raw,
                s.gzip,
                json_string(&s.sha256)
            )
        })
        .collect();
    format!("{{\n  \"sizes\": [\n{}\n  ]\n}}\n", files.join(",\n"))
}

fn json_string(s: &str) -> String {
    let mut out = String::from('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_valid_json_shape() {
        let sizes = [FileSize { name: "pkg/a\"b.wasm".into(), raw: 10, gzip: 5, sha256: "ab".into() }];
        assert_eq!(
            to_json(&sizes),
            "{\n  \"sizes\": [\n    {\"file\": \"pkg/a\\\"b.wasm\", \"raw_bytes\": 10, \
             \"gzip_bytes\": 5, \"sha256\": \"ab\"}\n  ]\n}\n"
        );
    }
}
