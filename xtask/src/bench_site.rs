//! The site `cargo xtask bench` measures, in `target/bench-site`: the built
//! `dist/` as shipped, plus what only the benchmark needs beside it: the bench
//! pages of `tests/e2e/bench/`, Chart.js (from tests/e2e's npm packages, never a
//! CDN) and a second wasm package built with the `bench` feature, which adds the
//! line-chart scaling benchmark (`bench_line`, `bench_series`). Beside each
//! English embed page it also writes a copy with its style sheet pasted in
//! ([`inline_css_copies`]): not shippable (the strict CSP, `style-src 'self'`,
//! forbids inline style), measured only to show what that one request costs.
//!
//! The bench wasm is compiled into its own target directory so that switching
//! the feature on and off does not make every later `dist` rebuild the crate.

use std::path::{Path, PathBuf};

use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str, RewriteStrSettings};

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
    inline_css_copies(&root)?;

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

/// Suffix of the reference copies: `embed-<id>.inline-css.html`.
pub const INLINE_CSS_SUFFIX: &str = ".inline-css.html";

/// Writes `embed-<id>.inline-css.html` beside every English `embed-<id>.html`
/// of `root`: the same page with its one style sheet as a `<style>` element.
fn inline_css_copies(root: &Path) -> Result {
    for page in all_files(root)? {
        let Some(name) = page.file_name().and_then(|n| n.to_str()) else { continue };
        let Some(stem) = name.strip_prefix("embed-").and_then(|n| n.strip_suffix(".html")) else { continue };
        if stem.contains('.') || page.parent() != Some(root) {
            continue;
        }
        let html = std::fs::read_to_string(&page).map_err(|e| format!("cannot read {}: {e}", page.display()))?;
        let inlined = inline_style_sheet(&html, |href| {
            std::fs::read_to_string(root.join(href)).map_err(|e| format!("cannot read {href} for {name}: {e}"))
        })?;
        let out = root.join(format!("embed-{stem}{INLINE_CSS_SUFFIX}"));
        std::fs::write(&out, inlined).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    }
    Ok(())
}

/// `html` with its one `<link rel="stylesheet">` replaced by the sheet's text
/// in a `<style>` element; `read` gives a sheet's text by its href.
fn inline_style_sheet(html: &str, read: impl Fn(&str) -> Result<String>) -> Result<String> {
    let mut sheets = 0;
    let out = rewrite_str(
        html,
        RewriteStrSettings::new().append_element_content_handler(element!("link[rel=stylesheet][href]", |link| {
            sheets += 1;
            let href = link.get_attribute("href").unwrap_or_default();
            let css = read(&href)?;
            if css.contains("</style") {
                return Err(format!("{href} contains `</style`, which would end the element early").into());
            }
            link.replace(&format!("<style>{css}</style>"), ContentType::Html);
            Ok(())
        })),
    )
    .map_err(|e| e.to_string())?;
    match sheets {
        1 => Ok(out),
        n => Err(format!("the page links {n} style sheets, not one")),
    }
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

    #[test]
    fn pastes_the_one_style_sheet_in() {
        let html = "<head><link rel=\"stylesheet\" href=\"page.1.css\">\n<script src=a.js></script></head>";
        let read = |href: &str| if href == "page.1.css" { Ok("p{color:red}".to_owned()) } else { Err(href.to_owned()) };
        assert_eq!(
            inline_style_sheet(html, read).as_deref(),
            Ok("<head><style>p{color:red}</style>\n<script src=a.js></script></head>")
        );
        assert!(inline_style_sheet("<head></head>", read).is_err());
        let two = "<link rel=\"stylesheet\" href=\"page.1.css\"><link rel=\"stylesheet\" href=\"page.1.css\">";
        assert!(inline_style_sheet(two, read).is_err());
        assert!(inline_style_sheet(html, |_| Ok("</style><p>".to_owned())).is_err());
    }
}
