//! Building the static site into `dist/`: the wasm module and its JS glue, the
//! files of `www/`, and the static fallbacks and data files that the native
//! `pk-render` binary writes. `serve`, `dist`, `test` and `bench` all use this one
//! build, so what is tested is what is shipped.
//!
//! Steps: compile the wasm; run wasm-bindgen twice (`--target web` for the
//! pages, `--target no-modules` for `standalone.html`) and wasm-opt both; copy
//! `www/` and the package into `dist/`; let `pk-render` write the SVG images, the
//! data files and the no-script fallbacks, and paste those into the pages; write
//! `standalone.html`; give the long-cacheable files content-hashed names; check
//! that every link of the result resolves inside `dist/` and none is absolute.

use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use flate2::Compression;

use crate::cmd::Cmd;
use crate::files::{all_files, copy_dir, read_text, remove_dir};
use crate::fingerprint::{self, content_hash};
use crate::{links, standalone, Result, Workspace, WASM_TARGET};

/// The base name of wasm-bindgen's output, as `www/` imports it.
pub const OUT_NAME: &str = "pk_charts";
/// The base name of the user-data wasm's output, as `www/` imports it.
pub const USER_OUT_NAME: &str = "pk_charts_user";

/// The Wasm features rustc's default `wasm32-unknown-unknown` CPU ("generic",
/// LLVM 20+) emits. wasm-opt must be told: it would otherwise validate against the
/// MVP and reject e.g. `memory.fill`. We name them rather than `--all-features` so
/// that wasm-opt never introduces an instruction the browsers we target lack.
const WASM_FEATURES: [&str; 8] = [
    "--enable-bulk-memory",
    "--enable-bulk-memory-opt",
    "--enable-call-indirect-overlong",
    "--enable-multivalue",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-reference-types",
    "--enable-sign-ext",
];

/// A built site.
pub struct Site {
    /// Absolute path of `dist/`.
    pub dist: PathBuf,
    /// Sizes of the files a reader downloads before the first chart draws.
    pub sizes: Vec<FileSize>,
}

/// One shipped file's size, raw and as served gzipped.
pub struct FileSize {
    /// Path relative to `dist/`.
    pub name: String,
    pub raw: u64,
    pub gzip: u64,
    /// Hex SHA-256 of the content: tells two builds apart in bench results.
    pub sha256: String,
}

pub fn build(ws: &Workspace) -> Result<Site> {
    build_at(ws, None)
}

/// [`build`], for a site to be published at `site_url` (`--site-url`): the
/// chart pages then carry the absolute tags (`og:image`, `og:url`) and an
/// oEmbed link, and `oembed/<id>.json` is written. Without it they are left
/// out, and the build says so.
pub fn build_at(ws: &Workspace, site_url: Option<&str>) -> Result<Site> {
    check_data(ws)?;
    let wasm = compile_wasm(ws, &ws.target, &[])?;
    let pkg = ws.target.join("xtask").join("pkg");
    let classic = ws.target.join("xtask").join("pkg-no-modules");
    bindgen(&wasm, &pkg, "web")?;
    bindgen(&wasm, &classic, "no-modules")?;
    // Two independent wasm-opt runs, one per core.
    std::thread::scope(|s| {
        let web = s.spawn(|| optimise(ws, &pkg.join(format!("{OUT_NAME}_bg.wasm"))));
        let no_modules = optimise(ws, &classic.join(format!("{OUT_NAME}_bg.wasm")));
        web.join().unwrap_or_else(|_| Err("wasm-opt's thread panicked".into())).and(no_modules)
    })?;

    minify(ws, &[pkg.join(format!("{OUT_NAME}.js")), classic.join(format!("{OUT_NAME}.js"))])?;

    let user = user_data_package(ws)?;
    // Built beside dist/ and moved over it only when every step has passed, so
    // a data error leaves the previous site untouched.
    let dist = ws.root.join("dist.partial");
    assemble(ws, &pkg, &dist)?;
    copy_dir(&user, &dist.join("pkg"))?;
    minify(ws, &site_sources(&dist)?)?;
    bundle_app(ws, &dist)?;
    let (charts, dataset) = render_static(ws, &dist, site_url)?;
    fill_dataset(&dist, &dataset)?;
    inject_fallbacks(&dist, &charts)?;
    one_style_sheet(&dist)?;
    standalone::write(&dist, &classic, OUT_NAME)?;
    fingerprint(&dist)?;
    links::check(&dist)?;
    let built = dist;
    let dist = ws.dist();
    remove_dir(&dist)?;
    std::fs::rename(&built, &dist)
        .map_err(|e| format!("cannot move {} to {}: {e}", built.display(), dist.display()))?;

    // Measured in the packages, whose names stay fixed whatever fingerprint renames.
    let mut sizes = [format!("{OUT_NAME}_bg.wasm"), format!("{OUT_NAME}.js")]
        .iter()
        .map(|file| measure(&pkg, file))
        .collect::<Result<Vec<_>>>()?;
    for file in [format!("{USER_OUT_NAME}_bg.wasm"), format!("{USER_OUT_NAME}.js")] {
        sizes.push(measure(&user, &file)?);
    }
    print_sizes(&sizes);
    println!("built {}", dist.display());
    Ok(Site { dist, sizes })
}

/// esbuild (npm, from tests/e2e's lockfile).
fn esbuild(ws: &Workspace) -> Result<PathBuf> {
    let esbuild = ws.e2e().join("node_modules").join(".bin").join("esbuild");
    if !esbuild.exists() {
        return Err(format!("{} is missing: run `npm ci --prefix tests/e2e`", esbuild.display()));
    }
    Ok(esbuild)
}

/// Minifies JS and CSS in place with esbuild: readers download every byte,
/// and the readable sources stay in `www/`. No bundling here: file names and
/// imports stay as written, for `fingerprint`.
fn minify(ws: &Workspace, files: &[PathBuf]) -> Result {
    let esbuild = esbuild(ws)?;
    for file in files {
        Cmd::new(&esbuild)
            .arg(file)
            .args(["--minify", "--allow-overwrite", "--log-level=warning", "--legal-comments=none"])
            .arg(format!("--outfile={}", file.display()))
            .run()?;
    }
    Ok(())
}

/// The pages' one script: `app.js` with what it imports statically (mount.js
/// and the engine's glue) in the same file. Measured side by side in headless
/// Chromium on this 2-core machine (25 cold loads each, 2026-11-25), one
/// request instead of three brought the embed's first paint from 108 to 92 ms
/// and `data-state="ready"` from 132 to 114 ms: every request costs a round of
/// the browser's network service. mount.js and the glue stay files of their
/// own too, for embed.js and `standalone.html`; the user-data engine stays a
/// separate file, fetched only for a newsroom's own data.
fn bundle_app(ws: &Workspace, dist: &Path) -> Result {
    let app = dist.join("app.js");
    Cmd::new(esbuild(ws)?)
        .arg(&app)
        .args(["--bundle", "--format=esm", "--minify", "--allow-overwrite", "--log-level=warning"])
        .args(["--legal-comments=none", &format!("--external:./pkg/{USER_OUT_NAME}.js")])
        .arg(format!("--outfile={}", app.display()))
        .run()?;
    // The glue finds the wasm beside itself (`new URL("<name>_bg.wasm",
    // import.meta.url)`); bundled, "itself" is app.js, one directory up.
    let text = read_text(&app)?;
    let (from, to) = (format!("\"{OUT_NAME}_bg.wasm\""), format!("\"pkg/{OUT_NAME}_bg.wasm\""));
    match text.matches(&from).count() {
        1 => std::fs::write(&app, text.replacen(&from, &to, 1))
            .map_err(|e| format!("cannot write {}: {e}", app.display())),
        n => Err(format!("app.js: expected the glue's one wasm URL {from} after bundling, found {n}")),
    }
}

/// The site's own scripts and style sheets at the top of `dist/` (not `pkg/`).
fn site_sources(dist: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dist).map_err(|e| format!("cannot read {}: {e}", dist.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| format!("cannot read {}: {e}", dist.display()))?.path();
        if path.is_file() && path.extension().is_some_and(|e| e == "js" || e == "css") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Compiles the crate's library to wasm in `target_dir` with `features` on.
pub fn compile_wasm(ws: &Workspace, target_dir: &Path, features: &[&str]) -> Result<PathBuf> {
    let mut cargo = Cmd::cargo().args(["build", "--release", "--lib", "--target", WASM_TARGET, "-p", &ws.crate_name]);
    if !features.is_empty() {
        cargo = cargo.arg("--features").arg(features.join(","));
    }
    if target_dir != ws.target {
        cargo = cargo.arg("--target-dir").arg(target_dir);
    }
    cargo.run()?;
    let wasm = ws.wasm_file(target_dir);
    if wasm.is_file() {
        Ok(wasm)
    } else {
        Err(format!(
            "cargo built the library but {} is missing: is `cdylib` still in [lib] crate-type?",
            wasm.display()
        ))
    }
}

/// wasm-bindgen's JS glue and processed wasm for `target` (`web`, `no-modules`) in `pkg`.
fn bindgen(wasm: &Path, pkg: &Path, target: &str) -> Result {
    bindgen_as(wasm, pkg, target, OUT_NAME)
}

fn bindgen_as(wasm: &Path, pkg: &Path, target: &str, out_name: &str) -> Result {
    // A fresh directory: wasm-bindgen never deletes files (e.g. old snippets).
    remove_dir(pkg)?;
    Cmd::new("wasm-bindgen")
        .args(["--target", target, "--no-typescript", "--out-dir"])
        .arg(pkg)
        .args(["--out-name", out_name])
        .arg(wasm)
        .run()
}

/// The dataset, and every chart it declares, must pass before anything is built.
pub fn check_data(ws: &Workspace) -> Result {
    Cmd::cargo()
        .args(["run", "--release", "-q", "-p", &ws.crate_name, "--bin", "pk-render", "--", "check"])
        .run()
        .map_err(|e| format!("the dataset did not pass its check, so dist/ was left as it was: {e}"))
}

/// `--data FILE`: a newsroom's CSV or JSON, converted and validated, becomes
/// the dataset every later step compiles in (build.rs reads `PK_DATA`).
pub fn use_data(ws: &Workspace, file: &Path) -> Result {
    let out = ws.target.join("xtask").join("data.json");
    std::fs::create_dir_all(ws.target.join("xtask")).map_err(|e| format!("cannot create target/xtask: {e}"))?;
    Cmd::cargo()
        .args(["run", "--release", "-q", "-p", &ws.crate_name, "--bin", "pk-render", "--", "convert"])
        .arg(file)
        .arg(&out)
        .run()
        .map_err(|e| format!("{} could not be used, so dist/ was left as it was: {e}", file.display()))?;
    // Every cargo this process runs from now on compiles this dataset in.
    std::env::set_var("PK_DATA", &out);
    Ok(())
}

/// The second wasm, with the loaders for a newsroom's own data (feature
/// `user-data`): only pages that chart user data download it, so the default
/// embed does not grow. Its own target directory, so switching features never
/// rebuilds the default one.
fn user_data_package(ws: &Workspace) -> Result<PathBuf> {
    let wasm = compile_wasm(ws, &ws.target.join("user-data"), &["user-data"])?;
    let pkg = ws.target.join("xtask").join("pkg-user");
    bindgen_as(&wasm, &pkg, "web", USER_OUT_NAME)?;
    optimise(ws, &pkg.join(format!("{USER_OUT_NAME}_bg.wasm")))?;
    minify(ws, &[pkg.join(format!("{USER_OUT_NAME}.js"))])?;
    Ok(pkg)
}

/// `wasm-opt -Oz` in place, exactly as shipped (the bench uses it too, so its
/// timings are of the same code).
pub fn optimise(ws: &Workspace, wasm: &Path) -> Result {
    let wasm_opt = ws.e2e().join("node_modules").join(".bin").join("wasm-opt");
    if !wasm_opt.exists() {
        return Err(format!("{} is missing: run `npm ci --prefix tests/e2e`", wasm_opt.display()));
    }
    // In place: binaryen reads the whole module before it writes the output.
    // The producers and target-features sections are for tools, not browsers.
    Cmd::new(wasm_opt)
        .arg("-Oz")
        .args(WASM_FEATURES)
        .args(["--strip-producers", "--strip-target-features"])
        .arg(wasm)
        .arg("-o")
        .arg(wasm)
        .run()
}

/// A clean `dist/` holding `www/` and the wasm package under `pkg/`.
fn assemble(ws: &Workspace, pkg: &Path, dist: &Path) -> Result {
    let www = ws.root.join("www");
    if !www.join("index.html").is_file() {
        return Err(format!(
            "{} is missing: the site has no dashboard page to build",
            www.join("index.html").display()
        ));
    }
    // Removed, not overwritten: a file deleted from www/ must not linger in dist/.
    remove_dir(dist)?;
    copy_dir(&www, dist)?;
    fill_scripts(dist, &ws.crate_name, &script_words(&ws.root.join("src").join("data").join("ui.json"))?)?;
    copy_dir(pkg, &dist.join("pkg"))
}

/// What the build writes into mount.js and embed.js, each defined once
/// elsewhere: the crate's name (Cargo.toml), which types the embed protocol's
/// `<crate>:height` messages, and the words of the errors shown when no
/// figure HTML arrived at all (src/data/ui.json's messages marked "script").
fn fill_scripts(dist: &Path, crate_name: &str, words: &str) -> Result {
    let fills = [("__CRATE_NAME__", crate_name), (r#"{"__ui_words__": 1}"#, words)];
    for file in ["mount.js", "embed.js"] {
        let path = dist.join(file);
        let mut text = read_text(&path)?;
        for (placeholder, value) in fills {
            if !text.contains(placeholder) {
                return Err(format!("{} has no {placeholder} for the build to fill", path.display()));
            }
            text = text.replace(placeholder, value);
        }
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

/// embed.js links the data download of a chart whose figure never arrived:
/// `data/__DATASET__.csv`, named by the dataset's id, which is known once
/// pk-render has read the data (`dist --data` builds another).
fn fill_dataset(dist: &Path, dataset: &str) -> Result {
    const PLACEHOLDER: &str = "__DATASET__";
    let path = dist.join("embed.js");
    let text = read_text(&path)?;
    if !text.contains(PLACEHOLDER) {
        return Err(format!("{} has no {PLACEHOLDER} for the build to fill", path.display()));
    }
    std::fs::write(&path, text.replace(PLACEHOLDER, dataset))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// `{"en": {id: text}, "ur": {…}}` of the messages of `ui_json` marked
/// "script", as a JSON object the scripts read.
fn script_words(ui_json: &Path) -> Result<String> {
    let v: serde_json::Value =
        serde_json::from_str(&read_text(ui_json)?).map_err(|e| format!("{} is not JSON: {e}", ui_json.display()))?;
    let mut out = serde_json::Map::new();
    for m in v["messages"].as_array().into_iter().flatten().filter(|m| m["script"] == serde_json::Value::Bool(true)) {
        let Some(id) = m["id"].as_str() else { continue };
        for (lang, text) in m
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(k, t)| !["id", "script"].contains(&k.as_str()) && t.is_string())
        {
            let words = out.entry(lang.clone()).or_insert_with(|| serde_json::Value::Object(serde_json::Map::new()));
            if let Some(words) = words.as_object_mut() {
                words.insert(id.to_owned(), text.clone());
            }
        }
    }
    if out.get("en").and_then(|e| e.as_object()).is_none_or(|e| e.is_empty()) {
        return Err(format!(
            "{} marks no message \"script\": the scripts' error words would be missing",
            ui_json.display()
        ));
    }
    serde_json::to_string(&out).map_err(|e| format!("cannot write the scripts' words: {e}"))
}

/// `pk-render` writes the static SVG images, the dataset downloads, each
/// chart's HTML, downloads (PNG, SVG, CSV), social card and page to share;
/// returns the chart ids it wrote, in the dashboard's order (the core's
/// catalog is the one list of charts).
/// Returns the chart ids and the dataset's id (its files' name).
fn render_static(ws: &Workspace, dist: &Path, site_url: Option<&str>) -> Result<(Vec<String>, String)> {
    let mut cargo = Cmd::cargo().args(["run", "--release", "-p", &ws.crate_name, "--bin", "pk-render", "--"]).arg(dist);
    if let Some(url) = site_url {
        cargo = cargo.args(["--site-url", url]);
    }
    cargo.run().map_err(|e| format!("pk-render could not write the static files into dist/: {e}"))?;
    let ids = read_text(&dist.join("fallback").join("chart-ids.txt"))?;
    let charts: Vec<String> = ids.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect();
    if charts.is_empty() {
        return Err("pk-render listed no charts".into());
    }
    // The dataset's file name is its id, from the data itself (`--data` builds another).
    let dataset = read_text(&dist.join("fallback").join("dataset.txt"))?.trim().to_owned();
    if dataset.is_empty() || !dataset.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return Err(format!("the dataset's id `{dataset}` is not a file name"));
    }
    let per_chart = |id: &String| {
        let mut files = vec![format!("img/{id}.svg"), format!("img/{id}-card.png"), format!("chart/{id}.html")];
        files.extend(["png", "svg", "csv"].map(|ext| format!("download/{id}.{ext}")));
        files.extend(["@1x", "@3x"].map(|scale| format!("download/{id}{scale}.png")));
        if site_url.is_some() {
            files.push(format!("oembed/{id}.json"));
        }
        files
    };
    let expected = charts.iter().flat_map(per_chart).chain(["csv", "json"].map(|ext| format!("data/{dataset}.{ext}")));
    let missing: Vec<String> = expected.filter(|f| !dist.join(f).is_file()).collect();
    if missing.is_empty() {
        Ok((charts, dataset))
    } else {
        Err(format!("pk-render succeeded but did not write {} into dist/", missing.join(", ")))
    }
}

/// Replaces each `<!--fallback:NAME-->` in dist's pages with `fallback/NAME.html`
/// from `pk-render`: every chart's complete figure in `index.html` and (one
/// section per chart) in `embed.html`, the timeline, the data's freshness line.
/// The fragments are then removed: they are pieces of pages, not pages.
fn inject_fallbacks(dist: &Path, charts: &[String]) -> Result {
    let fallback = dist.join("fallback");
    per_chart_embed_pages(dist, charts)?;
    other_languages(dist, charts)?;
    for page in ["index.html", "embed.html", "example-article.html"] {
        let path = dist.join(page);
        let html = read_text(&path)?;
        let injected = match fill_placeholders(&html, |name| read_text(&fallback.join(format!("{name}.html")))) {
            Ok(html) => html,
            // The example article shows built-in charts: a `--data` site has none of them.
            Err(e) if page == "example-article.html" && std::env::var_os("PK_DATA").is_some() => {
                println!("note: {page} left out: it shows built-in charts ({e})");
                std::fs::remove_file(&path).map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
                continue;
            }
            Err(e) => return Err(format!("{page}: {e}")),
        };
        std::fs::write(&path, injected).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    for id in charts {
        let page = format!("embed-{id}.html");
        let path = dist.join(&page);
        let html = fill_placeholders(&read_text(&path)?, |name| read_text(&fallback.join(format!("{name}.html"))))
            .map_err(|e| format!("{page}: {e}"))?;
        std::fs::write(&path, html).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    // Every chart is on the dashboard and in embed.html, with its drawing.
    for page in ["index.html", "embed.html"] {
        let html = read_text(&dist.join(page))?;
        let drawn = |id: &str| {
            let figure =
                html.split_once(&format!("data-chart=\"{id}\"")).and_then(|(_, rest)| rest.split_once("</figure>"));
            figure.is_some_and(|(figure, _)| figure.contains("<svg class=\"chart-static wide\""))
        };
        let missing: Vec<&str> = charts.iter().map(String::as_str).filter(|id| !drawn(id)).collect();
        if !missing.is_empty() {
            return Err(format!("{page} lacks the figure of {}: is its <!--fallback:…--> gone?", missing.join(", ")));
        }
    }
    remove_dir(&fallback)
}

/// The pages' one style sheet, `page.css`: `style.css` (the page) then
/// `chart.css` (the charts), which every page linked one after the other.
/// Nothing paints before both have arrived, and each request waits its turn
/// on a busy machine: in 21 cold loads of an embed page on this 2-core
/// machine, one file instead of two brought `data-state="ready"` from 113 to
/// 103 ms (first paint 84 to 80 ms). `chart.css` stays a file of its own for
/// what only charts need: the shadow roots of script-tag embeds, the example
/// article.
fn one_style_sheet(dist: &Path) -> Result {
    let page = format!("{}\n{}", read_text(&dist.join("style.css"))?, read_text(&dist.join("chart.css"))?);
    std::fs::write(dist.join("page.css"), page).map_err(|e| format!("cannot write page.css: {e}"))?;
    for file in all_files(dist)?.into_iter().filter(|f| f.extension().is_some_and(|e| e == "html")) {
        let html = read_text(&file)?;
        let mut joined = html.clone();
        for up in ["", "../"] {
            let pair = format!(
                "<link rel=\"stylesheet\" href=\"{up}style.css\">\n<link rel=\"stylesheet\" href=\"{up}chart.css\">"
            );
            joined = joined.replace(&pair, &format!("<link rel=\"stylesheet\" href=\"{up}page.css\">"));
        }
        if joined.contains("style.css\"") {
            return Err(format!("{} links style.css without chart.css right after it", file.display()));
        }
        if joined != html {
            std::fs::write(&file, joined).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
        }
    }
    std::fs::remove_file(dist.join("style.css")).map_err(|e| format!("cannot remove style.css: {e}"))
}

/// The dashboard and each chart's embed page again in every other language and
/// digit style pk-render wrote (`fallback/locales.txt`): `index.ur.html`,
/// `embed-<id>.ur.html`, filled from `fallback/ur/` (the language's own
/// fragments) and marked `lang`/`dir` before any script runs.
fn other_languages(dist: &Path, charts: &[String]) -> Result {
    let fallback = dist.join("fallback");
    let locales = read_text(&fallback.join("locales.txt")).unwrap_or_default();
    let mut pages = vec![("index".to_owned(), read_text(&dist.join("index.html"))?)];
    for id in charts {
        pages.push((format!("embed-{id}"), read_text(&dist.join(format!("embed-{id}.html")))?));
    }
    for name in locales.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let own = fallback.join(name);
        let lang = name.split('-').next().unwrap_or(name);
        let dir = if lang == "ur" { "rtl" } else { "ltr" };
        for (page, template) in &pages {
            let html = fill_placeholders(template, |frag| {
                read_text(&own.join(format!("{frag}.html")))
                    .or_else(|_| read_text(&fallback.join(format!("{frag}.html"))))
            })
            .map_err(|e| format!("{page}.{name}.html: {e}"))?;
            let marked = html.replacen("<html lang=\"en\"", &format!("<html lang=\"{lang}\" dir=\"{dir}\""), 1);
            if marked == html {
                return Err(format!("{page}.html has no <html lang=\"en\" to mark as {lang}"));
            }
            let path = dist.join(format!("{page}.{name}.html"));
            std::fs::write(&path, marked).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// `embed-<id>.html` for every chart: embed.html with only that chart's figure
/// (the embed codes point here, so an iframe downloads one chart's HTML, not
/// all of them; `embed.html?chart=<id>` keeps working).
fn per_chart_embed_pages(dist: &Path, charts: &[String]) -> Result {
    let template = read_text(&dist.join("embed.html"))?;
    let (start, end) = match (template.find("<div class=\"embed-index\">"), template.find("</main>")) {
        (Some(s), Some(e)) if s < e => (s, e),
        _ => return Err("embed.html has no <div class=\"embed-index\"> before </main>".into()),
    };
    for id in charts {
        let page = format!("{}\n{}", &template[..start], &template[end..])
            .replace("<!--fallback:targets-->", &format!("<!--fallback:target-{id}-->"));
        let path = dist.join(format!("embed-{id}.html"));
        std::fs::write(&path, page).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

/// `html` with every `<!--fallback:NAME-->` replaced by `fragment(NAME)`.
fn fill_placeholders(html: &str, fragment: impl Fn(&str) -> Result<String>) -> Result<String> {
    const OPEN: &str = "<!--fallback:";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(OPEN) {
        let end = rest[at..].find("-->").map(|i| at + i).ok_or("a <!--fallback: comment is not closed")?;
        let name = &rest[at + OPEN.len()..end];
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
            return Err(format!("`{}` does not name a fallback", &rest[at..end + 3]));
        }
        out.push_str(&rest[..at]);
        out.push_str(&fragment(name).map_err(|e| format!("no fallback `{name}` from pk-render: {e}"))?);
        rest = &rest[end + 3..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The long-cacheable files, leaves first: each one's references to the files
/// before it are rewritten before its own hash is taken.
fn hashed_files() -> [String; 10] {
    [
        format!("pkg/{OUT_NAME}_bg.wasm"),
        format!("pkg/{OUT_NAME}.js"),
        format!("pkg/{USER_OUT_NAME}_bg.wasm"),
        format!("pkg/{USER_OUT_NAME}.js"),
        "mount.js".into(),
        "make.js".into(),
        "chart.css".into(),
        "page.css".into(),
        "app.js".into(),
        "example-article.css".into(),
    ]
}

/// Renames the long-cacheable files to `name.<hash>.ext` (first hex digits of
/// [`content_hash`]) and rewrites every reference to them; pages, `embed.js`
/// (the public embed URL), images and data keep their names. Fails the build if
/// an old name is still referred to anywhere.
fn fingerprint(dist: &Path) -> Result {
    fingerprint::run(dist, &hashed_files()).map(|_| ())
}

fn measure(pkg: &Path, file: &str) -> Result<FileSize> {
    let path = pkg.join(file);
    let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(FileSize {
        name: format!("pkg/{file}"),
        raw: bytes.len() as u64,
        gzip: gzip_len(&bytes)?,
        sha256: content_hash(&bytes),
    })
}

/// Gzipped at the best level, as a static host that pre-compresses would serve it.
fn gzip_len(bytes: &[u8]) -> Result<u64> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .map(|gz| gz.len() as u64)
        .map_err(|e| format!("gzip failed: {e}"))
}

pub fn print_sizes(sizes: &[FileSize]) {
    println!();
    println!("{:<24} {:>22} {:>22}  sha256", "size", "raw", "gzip -9");
    for size in sizes {
        println!(
            "{:<24} {:>22} {:>22}  {}",
            size.name,
            human(size.raw),
            human(size.gzip),
            &size.sha256[..16.min(size.sha256.len())]
        );
    }
    println!();
}

/// `45678` → `45,678 B (44.6 KiB)`: exact bytes to compare builds, KiB to read.
fn human(bytes: u64) -> String {
    let digits = bytes.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{grouped} B ({:.1} KiB)", bytes as f64 / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_both_ways() {
        assert_eq!(human(0), "0 B (0.0 KiB)");
        assert_eq!(human(45_678), "45,678 B (44.6 KiB)");
        assert_eq!(human(1_234_567), "1,234,567 B (1205.6 KiB)");
    }

    #[test]
    fn placeholders_take_their_fragments() {
        let html = "<figure data-chart=\"a\"></figure><!--fallback:a-->\n<p><!--other--></p><!--fallback:b-2-->";
        let filled = fill_placeholders(html, |name| Ok(format!("[{name}]")));
        assert_eq!(filled.as_deref(), Ok("<figure data-chart=\"a\"></figure>[a]\n<p><!--other--></p>[b-2]"));
        let missing = fill_placeholders("<!--fallback:c-->", |name| Err(format!("no {name}.html")));
        assert_eq!(missing, Err("no fallback `c` from pk-render: no c.html".into()));
        assert!(fill_placeholders("<!--fallback:../x-->", |_| Ok(String::new())).is_err());
        assert!(fill_placeholders("<!--fallback:a", |_| Ok(String::new())).is_err());
    }

    #[test]
    fn gzip_shrinks_repetitive_input() {
        let len = gzip_len(&[b'a'; 10_000]).unwrap_or(u64::MAX);
        assert!(len < 100, "{len}");
    }
}
