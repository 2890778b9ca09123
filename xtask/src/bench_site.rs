//! The site `cargo xtask bench` measures, in `target/bench-site`: the built
//! `dist/` as shipped, plus what only the benchmark needs beside it: the bench
//! pages of `tests/e2e/bench/`, Chart.js (from tests/e2e's npm packages, never a
//! CDN) and a second wasm package built with the `bench` feature, which adds the
//! line-chart scaling benchmark (`bench_line`, `bench_series`).
//!
//! The bench wasm is compiled into its own target directory so that switching
//! the feature on and off does not make every later `dist` rebuild the crate.

use std::path::{Path, PathBuf};

use crate::cmd::Cmd;
use crate::files::{all_files, copy_dir, copy_file, remove_dir};
use crate::site::{compile_wasm, optimise, OUT_NAME};
use crate::{Result, Workspace};

/// Base name of the bench package's files in `pkg/`, distinct from the shipped
/// `pk_charts.<hash>.js` that sits in the same directory.
pub const BENCH_OUT_NAME: &str = "pk_charts_bench";

/// Where the pieces of the bench site are.
pub struct BenchSite {
    /// `target/bench-site`, served as the site root.
    pub root: PathBuf,
    /// The shipped wasm-bindgen module, relative to the root (`pkg/pk_charts.<hash>.js`).
    pub shipped_module: String,
    /// The bench build's module, relative to the root.
    pub bench_module: String,
}

/// Builds the bench wasm and assembles `target/bench-site` from `dist`.
pub fn build(ws: &Workspace, dist: &Path) -> Result<BenchSite> {
    let shipped_module = shipped_module(dist)?;
    refuse_bench_code_in(dist)?;

    let root = ws.target.join("bench-site");
    remove_dir(&root)?;
    copy_dir(dist, &root)?;
    copy_dir(&ws.e2e().join("bench"), &root.join("bench"))?;
    let chart_js = ws.e2e().join("node_modules/chart.js/dist/chart.umd.min.js");
    if !chart_js.is_file() {
        return Err(format!("{} is missing: run `npm ci --prefix tests/e2e`", chart_js.display()));
    }
    copy_file(&chart_js, &root.join("bench").join("chart.umd.min.js"))?;

    let wasm = compile_wasm(ws, &ws.target.join("bench-wasm"), &["bench"])?;
    let pkg = root.join("pkg");
    Cmd::new("wasm-bindgen")
        .args(["--target", "web", "--no-typescript", "--out-dir"])
        .arg(&pkg)
        .args(["--out-name", BENCH_OUT_NAME])
        .arg(&wasm)
        .run()?;
    optimise(ws, &pkg.join(format!("{BENCH_OUT_NAME}_bg.wasm")))?;

    Ok(BenchSite { root, shipped_module, bench_module: format!("pkg/{BENCH_OUT_NAME}.js") })
}

/// The shipped glue module: `pkg/pk_charts.<hash>.js` after fingerprinting.
fn shipped_module(dist: &Path) -> Result<String> {
    let found: Vec<String> = all_files(&dist.join("pkg"))?
        .iter()
        .filter_map(|p| p.file_name()?.to_str().map(str::to_owned))
        .filter(|name| is_shipped_module(name))
        .collect();
    match found.as_slice() {
        [one] => Ok(format!("pkg/{one}")),
        [] => Err(format!("{} holds no {OUT_NAME}.<hash>.js: was the site built?", dist.join("pkg").display())),
        many => Err(format!("{} holds several glue modules ({}): rebuild it", dist.display(), many.join(", "))),
    }
}

/// `pk_charts.0123456789.js`, not the wasm and not the bench module.
fn is_shipped_module(name: &str) -> bool {
    let hash = name.strip_prefix(OUT_NAME).and_then(|rest| rest.strip_prefix('.')?.strip_suffix(".js"));
    let Some(hash) = hash else {
        return false;
    };
    !hash.is_empty() && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The `bench` feature must stay out of what ships: its exports would show in the glue.
fn refuse_bench_code_in(dist: &Path) -> Result {
    for file in all_files(dist)? {
        if file.extension().is_some_and(|e| e == "js") {
            let text = std::fs::read_to_string(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            if text.contains("bench_line") {
                return Err(format!(
                    "{} exports bench_line: the shipped site was built with the bench feature",
                    file.display()
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_only_the_hashed_glue_module() {
        assert!(is_shipped_module("pk_charts.0123456789.js"));
        assert!(!is_shipped_module("pk_charts.js"));
        assert!(!is_shipped_module("pk_charts_bg.0123456789.wasm"));
        assert!(!is_shipped_module("pk_charts_bench.js"));
    }
}
