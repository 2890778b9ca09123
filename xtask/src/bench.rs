//! `cargo xtask bench`: the figures to watch across changes, ours beside Chart.js
//! in the same run. Builds the release site as `dist` does, assembles the bench
//! site around it ([`bench_site`]), serves it with the dev server of [`serve`]
//! on a free loopback port, and runs `tests/e2e/bench/run.mjs` in headless
//! Chromium. That script measures (medians of at least 10 runs), prints the
//! table and writes its figures to `target/bench-browser.json`; this file then
//! writes `target/bench.json`: the shipped file sizes and the browser figures.
//!
//! Timings are printed, never asserted: a benchmark is not a test.

use std::path::Path;

use serde_json::Value;

use crate::bench_site;
use crate::cmd::Cmd;
use crate::serve::{Answers, Server};
use crate::site::{self, FileSize};
use crate::tools::{self, CHROMIUM};
use crate::{Result, Workspace};

pub fn run(ws: &Workspace) -> Result {
    tools::ensure(ws, tools::Needs { browser: true, lints: false })?;
    let built = site::build(ws)?;
    let bench = bench_site::build(ws, &built.dist)?;

    let port = serve_in_background(&bench.root)?;
    let browser_json = ws.target.join("bench-browser.json");
    // A stale file must not pass for this run's figures if the script fails early.
    remove_file(&browser_json)?;
    println!("\nmeasuring in {CHROMIUM}");
    Cmd::new("node")
        .env("BENCH_URL", format!("http://127.0.0.1:{port}/"))
        .env("BENCH_SHIPPED_MODULE", &bench.shipped_module)
        .env("BENCH_BENCH_MODULE", &bench.bench_module)
        .env("BENCH_OUT", &browser_json)
        .env("CHROMIUM", CHROMIUM)
        .arg(ws.e2e().join("bench").join("run.mjs"))
        .run()?;
    let browser = std::fs::read_to_string(&browser_json)
        .map_err(|e| format!("the bench script wrote no {}: {e}", browser_json.display()))?;

    let out = ws.target.join("bench.json");
    std::fs::write(&out, to_json(&built.sizes, &browser)?)
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    println!("wrote {}", out.display());
    Ok(())
}

/// Serves `root` on a free port from a thread that lives as long as xtask.
fn serve_in_background(root: &Path) -> Result<u16> {
    // Bound before the thread starts, so it accepts connections from now on.
    let server = Server::bind(root, 0)?;
    let port = server.port;
    std::thread::Builder::new()
        .name("bench-server".into())
        .spawn(move || server.serve(Answers { cors: false, log: false }))
        .map_err(|e| format!("cannot start the server thread: {e}"))?;
    Ok(port)
}

fn remove_file(path: &Path) -> Result {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("cannot remove {}: {e}", path.display())),
    }
}

/// The sizes, and `browser`: the JSON object the bench script wrote, embedded
/// as it is, keys in its order (indented one level more, to read well).
fn to_json(sizes: &[FileSize], browser: &str) -> Result<String> {
    serde_json::from_str::<Value>(browser).map_err(|e| format!("the bench script wrote invalid JSON: {e}"))?;
    let string = |s: &str| serde_json::to_string(s).map_err(|e| format!("cannot write {s:?} as JSON: {e}"));
    let files = sizes
        .iter()
        .map(|s| {
            Ok(format!(
                "    {{\"file\": {}, \"raw_bytes\": {}, \"gzip_bytes\": {}, \"sha256\": {}}}",
                string(&s.name)?,
                s.raw,
                s.gzip,
                string(&s.sha256)?
            ))
        })
        .collect::<Result<Vec<String>>>()?;
    let browser = browser.trim().replace('\n', "\n  ");
    Ok(format!("{{\n  \"sizes\": [\n{}\n  ],\n  \"browser\": {browser}\n}}\n", files.join(",\n")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_valid_json_shape() {
        let sizes = [FileSize { name: "pkg/a\"b.wasm".into(), raw: 10, gzip: 5, sha256: "ab".into() }];
        assert_eq!(
            to_json(&sizes, "{\n  \"runs\": 11\n}").as_deref(),
            Ok("{\n  \"sizes\": [\n    {\"file\": \"pkg/a\\\"b.wasm\", \"raw_bytes\": 10, \
             \"gzip_bytes\": 5, \"sha256\": \"ab\"}\n  ],\n  \"browser\": {\n    \"runs\": 11\n  }\n}\n")
        );
        assert!(to_json(&sizes, "{ not json").is_err());
    }
}
