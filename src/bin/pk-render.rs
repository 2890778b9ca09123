//! Native tool: renders every chart to `img/<id>.svg`, writes the dataset as
//! `data/<dataset>.csv` and `.json`, and writes the pieces of page the site
//! build pastes in, under `fallback/`: every chart's complete `<figure>` (from
//! [`html::figure`], the one writer of a chart's HTML) for the dashboard and
//! for embed.html, the timeline, the data's freshness line, and the chart ids;
//! and `figures/<id>.html`, each figure alone, which script-tag embeds fetch.
//!
//! Also what readers take away from each chart, drawn by the same core:
//! `download/<id>.svg` (the chart under its title and above its sources, text
//! as text), `download/<id>.png` at 2× with `<id>@1x.png` and `<id>@3x.png`
//! beside it (rasterised from that SVG with the embedded font), and
//! `download/<id>.csv` (the chart's own values with their sources); the social
//! card `img/<id>-card.png` (1200×630); and `chart/<id>.html`, the chart's page
//! to share, with Open Graph and Twitter tags. With `--site-url URL` those tags
//! include the absolute ones (`og:image`, `og:url`), the page links its oEmbed
//! description, and `oembed/<id>.json` is written.

use std::path::Path;
use std::process::ExitCode;

use pk_security_charts::chart::{self, chart_ids};
use pk_security_charts::data::{spreadsheet, Dataset};
use pk_security_charts::html::{self, escape, Options};
use pk_security_charts::meta::chart_meta;
use pk_security_charts::render::share::{chart_page, oembed_json, site_url};
use pk_security_charts::render::svg_and_body;
use pk_security_charts::store::Store;

use pk_security_charts::html::{IMAGE_WIDTH as WIDTH, NARROW_WIDTH};

const USAGE: &str = "usage:
  pk-render <output-dir> [--site-url URL]
                                    the site's images, figures, fragments, downloads, cards
                                    and chart pages (URL: where the site is published, for
                                    og:image and oEmbed, which must be absolute)
  pk-render convert <file> <out.json>
                                    a newsroom's CSV (or JSON) as a dataset JSON, validated
  pk-render check [<file>]          validate a dataset (default: the built-in one) and every
                                    chart it declares; list quotes that lack their number";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["convert", file, out] => convert(Path::new(file), Path::new(out)),
        ["check"] => check(None),
        ["check", file] => check(Some(Path::new(file))),
        [out] if !out.starts_with('-') => run(Path::new(out), None),
        [out, "--site-url", url] if !out.starts_with('-') => match site_url(url) {
            Ok(url) => run(Path::new(out), Some(&url)),
            Err(e) => Err(e),
        },
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// A dataset from a file: CSV (a newsroom's spreadsheet) or JSON (the dataset's schema).
fn load(path: &Path) -> Result<Dataset, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let is_csv = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("tsv"));
    let data = if is_csv {
        let title = path.file_stem().and_then(|s| s.to_str()).unwrap_or("Charts").replace(['-', '_'], " ");
        spreadsheet::from_csv(&text, &title)
    } else {
        Dataset::from_json(&text)
    };
    data.map_err(|e| format!("{}: {e}", path.display()))
}

fn convert(file: &Path, out: &Path) -> Result<(), String> {
    let store = Store::new(load(file)?).map_err(|e| format!("{}: {e}", file.display()))?;
    build_all(&store)?;
    let json = serde_json::to_string_pretty(&*store.data).map_err(|e| e.to_string())?;
    write(out, &json)?;
    for w in pk_security_charts::data::warnings(&store.data) {
        eprintln!("warning: {w}");
    }
    println!("wrote {} ({} figures, {} charts)", out.display(), store.data.figures.len(), store.data.charts.len());
    Ok(())
}

/// Every declared chart builds, or the first that does not says why.
fn build_all(store: &Store) -> Result<(), String> {
    for id in chart_ids(store) {
        let spec = chart::build(id, store).map_err(|e| format!("chart `{id}`: {e}"))?;
        chart_meta(&spec, store).map_err(|e| format!("chart `{id}`: {e}"))?;
    }
    Ok(())
}

fn check(file: Option<&Path>) -> Result<(), String> {
    let store = match file {
        Some(f) => Store::new(load(f)?).map_err(|e| format!("{}: {e}", f.display()))?,
        None => Store::builtin().map_err(|e| e.to_string())?.clone(),
    };
    build_all(&store)?;
    let warnings = pk_security_charts::data::warnings(&store.data);
    for w in &warnings {
        println!("warning: {w}");
    }
    println!(
        "ok: {} figures from {} sources, {} formulas, {} charts; {} warning(s)",
        store.data.figures.len(),
        store.data.sources.len(),
        store.data.formulas.len(),
        store.data.charts.len(),
        warnings.len()
    );
    Ok(())
}

fn run(out: &Path, site: Option<&str>) -> Result<(), String> {
    let store = Store::builtin().map_err(|e| e.to_string())?;
    let img = out.join("img");
    let data = out.join("data");
    let fallback = out.join("fallback");
    let figures = out.join("figures");
    let download = out.join("download");
    let pages = out.join("chart");
    let oembed = out.join("oembed");
    let dirs = [&img, &data, &fallback, &figures, &download, &pages];
    for dir in dirs.into_iter().chain(site.map(|_| &oembed)) {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let mut dashboard = String::new();
    let mut targets = String::new();
    let mut titles = Vec::new();
    let ids = chart_ids(store);
    let raster = take_away::Rasteriser::new()?;
    let mut took = take_away::Took::default();
    for &id in &ids {
        let spec = chart::build(id, store).map_err(|e| e.to_string())?;
        let meta = chart_meta(&spec, store).map_err(|e| format!("{id}: {e}"))?;
        // The dashboard's figure; the other copies differ from it only where said.
        let dashboard_options = drawings(&spec, &img)?;
        let (figure, own_page) = figure_copies(&meta, store, &dashboard_options, out, &fallback)?;
        write(&fallback.join(format!("figure-{id}.html")), &figure)?;
        dashboard.push_str(&figure);
        dashboard.push('\n');
        // embed.html holds every chart; CSS `:target` (the embed codes' `#<id>`)
        // shows the one asked for before any script runs.
        targets.push_str(&format!("<section class=\"embed-chart\" id=\"{}\">{own_page}</section>\n", escape(id)));
        let poster = take_away::take_away(&spec, &meta, store, &raster, out, &mut took)?;
        let shared = html::figure(&meta, store, &Options { base: "../", title_level: 1, ..dashboard_options.clone() });
        write(&pages.join(format!("{id}.html")), &chart_page(&meta, store, &shared, site))?;
        if let Some(site) = site {
            write(&oembed.join(format!("{id}.json")), &oembed_json(&meta, store, site, &poster)?)?;
        }
        titles.push((id, meta.title));
    }
    let name = &store.data.id;
    let csv = format!("data/{name}.csv");
    write(&fallback.join("charts.html"), &dashboard)?;
    write(&fallback.join("targets.html"), &targets)?;
    write(&fallback.join("links.html"), &links_html(&titles, &csv))?;
    page_chrome(store, &fallback)?;
    let locales = other_locales(store, out)?;
    write(&fallback.join("locales.txt"), &locales.join("\n"))?;
    write(&fallback.join("chart-ids.txt"), &ids.join("\n"))?;
    write(&fallback.join("dataset.txt"), &store.data.id)?;
    write(&data.join(format!("{name}.csv")), &pk_security_charts::export::csv(store))?;
    write(&data.join(format!("{name}.json")), &pk_security_charts::export::json(store)?)?;
    println!(
        "wrote {} charts to {} and {}, and the dataset to {}",
        ids.len(),
        img.display(),
        fallback.display(),
        data.display()
    );
    println!("{}", took.report());
    match site {
        Some(site) => println!("chart pages: chart/<id>.html with og:image and oEmbed under {site}"),
        None => println!(
            "note: no --site-url, so the chart pages (chart/<id>.html) carry og:title, og:description and \
             twitter:card but no og:image, og:url or oEmbed link, and no oembed/<id>.json was written: \
             those need absolute URLs. Build with `cargo xtask dist --site-url https://…/` to add them."
        ),
    }
    Ok(())
}

/// The downloads and cards, drawn natively: `cargo test --target
/// wasm32-unknown-unknown` compiles this binary too, and the wasm never links
/// the rasteriser.
#[cfg(not(target_arch = "wasm32"))]
mod take_away {
    use std::path::Path;

    use pk_security_charts::html::IMAGE_WIDTH as WIDTH;
    use pk_security_charts::meta::ChartMeta;
    use pk_security_charts::render::poster::{self, Picture};
    pub use pk_security_charts::render::raster::Rasteriser;
    use pk_security_charts::render::raster::{FontMeasure, PngText};
    use pk_security_charts::render::table::chart_csv;
    use pk_security_charts::spec::ChartSpec;
    use pk_security_charts::store::Store;

    /// What the take-away files cost: bytes per kind, and the time to draw them.
    #[derive(Default)]
    pub struct Took {
        files: Vec<(&'static str, usize)>,
        time: std::time::Duration,
    }

    impl Took {
        fn add(&mut self, kind: &'static str, bytes: usize) {
            match self.files.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, total)) => *total += bytes,
                None => self.files.push((kind, bytes)),
            }
        }

        pub fn report(&self) -> String {
            let parts: Vec<String> = self.files.iter().map(|(k, b)| format!("{k} {} KB", b.div_ceil(1000))).collect();
            let total: usize = self.files.iter().map(|(_, b)| b).sum();
            format!(
                "downloads and cards: {} ({} KB in all), drawn in {:.1} s",
                parts.join(", "),
                total.div_ceil(1000),
                self.time.as_secs_f64()
            )
        }
    }

    /// A chart's downloads (`download/<id>.svg`, `.csv`, `.png` at 2×, `@1x.png`,
    /// `@3x.png`) and its social card (`img/<id>-card.png`); returns the poster.
    pub fn take_away(
        spec: &ChartSpec,
        meta: &ChartMeta,
        store: &Store,
        raster: &Rasteriser,
        out: &Path,
        took: &mut Took,
    ) -> Result<Picture, String> {
        let start = std::time::Instant::now();
        let id = &meta.id;
        let poster = poster::poster(spec, meta, store, WIDTH, &FontMeasure).map_err(|e| format!("{id}: {e}"))?;
        let text = PngText {
            title: meta.title.clone(),
            description: meta.summary.clone(),
            source: poster::source_line(meta),
            author: poster::credit(store),
        };
        // A newsroom's own labels may use a script the embedded font lacks: say so.
        let drawn = meta.rows.iter().map(|r| r.label.as_str()).chain([meta.title.as_str(), meta.subtitle.as_str()]);
        let missing: String = drawn.flat_map(|t| FontMeasure::missing(t, false)).collect();
        if !missing.is_empty() {
            eprintln!("warning: {id}: the PNGs' font (Liberation Sans) has no glyph for {missing:?}; the PNGs leave them out, the SVG keeps them");
        }
        let download = out.join("download");
        let mut save = |path: std::path::PathBuf, bytes: &[u8], kind: &'static str| {
            took.add(kind, bytes.len());
            std::fs::write(&path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
        };
        save(download.join(format!("{id}.svg")), poster.svg.as_bytes(), "SVG")?;
        save(download.join(format!("{id}.csv")), chart_csv(meta, store)?.as_bytes(), "CSV")?;
        for (scale, name, kind) in [
            (2.0, format!("{id}.png"), "PNG 2×"),
            (1.0, format!("{id}@1x.png"), "PNG 1×"),
            (3.0, format!("{id}@3x.png"), "PNG 3×"),
        ] {
            let png = raster.png(&poster.svg, scale, &text).map_err(|e| format!("{id}: {e}"))?;
            save(download.join(name), &png, kind)?;
        }
        let card = poster::card(spec, meta, store, &FontMeasure).map_err(|e| format!("{id}: {e}"))?;
        let png = raster.png(&card.svg, 1.0, &text).map_err(|e| format!("{id}: card: {e}"))?;
        save(out.join("img").join(format!("{id}-card.png")), &png, "cards")?;
        took.time += start.elapsed();
        Ok(poster)
    }
}

#[cfg(target_arch = "wasm32")]
mod take_away {
    use pk_security_charts::render::poster::Picture;
    use pk_security_charts::{meta::ChartMeta, spec::ChartSpec, store::Store};

    const NATIVE: &str = "pk-render draws its PNGs natively only";

    pub struct Rasteriser;

    impl Rasteriser {
        pub fn new() -> Result<Rasteriser, String> {
            Err(NATIVE.to_owned())
        }
    }

    #[derive(Default)]
    pub struct Took(());

    impl Took {
        pub fn report(&self) -> String {
            NATIVE.to_owned()
        }
    }

    pub fn take_away(
        _: &ChartSpec,
        _: &ChartMeta,
        _: &Store,
        _: &Rasteriser,
        _: &std::path::Path,
        _: &mut Took,
    ) -> Result<Picture, String> {
        Err(NATIVE.to_owned())
    }
}

/// For the one generic embed page, which cannot read `?chart=` without a script:
/// list items linking every chart, then the data download.
/// Draws the chart's static images into `img/` (`<id>.svg` at the dashboard's
/// width and `<id>-narrow.svg` for phones, with the locale's suffix, e.g.
/// `.ur`), and returns the dashboard figure's options with the same two
/// drawings to paste into the figure.
fn drawings(spec: &pk_security_charts::spec::ChartSpec, img: &Path) -> Result<Options<'static>, String> {
    let (id, v) = (&spec.id, spec.locale.suffix());
    let mut drawn = Vec::with_capacity(2);
    for (width, name) in [(WIDTH, format!("{id}{v}.svg")), (NARROW_WIDTH, format!("{id}-narrow{v}.svg"))] {
        let fail = |e: String| format!("{id}{v}: {e}");
        let (file, markup, (width, height)) = svg_and_body(spec, width, false).map_err(fail)?;
        write(&img.join(name), &file)?;
        drawn.push(html::Drawing { markup, width, height });
    }
    let [wide, narrow]: [html::Drawing; 2] = drawn.try_into().map_err(|_| format!("{id}{v}: two drawings expected"))?;
    Ok(Options::dashboard([wide, narrow]))
}

/// A chart's figure for the dashboard, and its copies: `figures/<id>.html` for
/// script-tag embeds on pages that did not paste the figure in (links relative
/// to `figures/`, which mount.js resolves there), and the section of its own
/// embed page (`target-<id>.html` in `fallback`, made `embed-<id>.html`).
/// Returns the dashboard figure and embed.html's copy.
fn figure_copies(
    meta: &pk_security_charts::meta::ChartMeta,
    store: &Store,
    o: &Options,
    out: &Path,
    fallback: &Path,
) -> Result<(String, String), String> {
    let (id, v) = (&meta.id, store.locale.suffix());
    let figure = html::figure(meta, store, o);
    let own_file = html::figure(meta, store, &Options { base: "../", theme: Some("light"), ..o.clone() });
    write(&out.join("figures").join(format!("{id}{v}.html")), &own_file)?;
    let page = html::figure(meta, store, &Options { title_level: 1, theme: Some("light"), ..o.clone() });
    write(
        &fallback.join(format!("target-{id}.html")),
        &format!("<section class=\"embed-chart\" id=\"{}\" data-active>{page}</section>\n", escape(id)),
    )?;
    Ok((figure, page))
}

/// The dashboard's words around the charts, for `store`'s locale.
fn page_chrome(store: &Store, dir: &Path) -> Result<(), String> {
    write(&dir.join("timeline.html"), &html::timeline_html(store).map_err(|e| e.to_string())?)?;
    write(&dir.join("freshness.html"), &html::freshness_html(store))?;
    write(&dir.join("title.html"), &escape(&store.tr(&store.data.title)))?;
    write(&dir.join("heading.html"), &html::heading_html(store))?;
    write(&dir.join("downloads.html"), &html::downloads_html(store))?;
    write(&dir.join("sourced.html"), &escape(&store.msg(pk_security_charts::text::ui::Msg::SourcedCharts)))?;
    write(&dir.join("page-footer.html"), &html::page_footer_html(store))?;
    write(&dir.join("licence.html"), &html::licence_html(store))?;
    let about = if store.data.description.is_empty() { &store.data.title } else { &store.data.description };
    write(&dir.join("description.html"), &html::attr(&store.tr(about)))?;
    write(&dir.join("language.html"), &html::language_nav_html(store, "index"))?;
    Ok(())
}

/// Every chart again in each other language and digit style its dataset has
/// a translation for: drawings `img/<id>.ur.svg` (and `-narrow`), the figure
/// for script-tag embeds `figures/<id>.ur.html`, and the page fragments in
/// `fallback/ur/`, from which the build makes `index.ur.html` and
/// `embed-<id>.ur.html`. Returns the locales' file suffixes without the dot.
fn other_locales(store: &Store, out: &Path) -> Result<Vec<String>, String> {
    use pk_security_charts::text::format::Digits;
    use pk_security_charts::text::locale::{Lang, Locale};
    let mut written = Vec::new();
    if !store.data.translations.contains_key(Lang::Ur.code()) {
        return Ok(written);
    }
    for locale in [Locale::urdu(Digits::Latin), Locale::urdu(Digits::Urdu)] {
        let store = &store.localized(locale);
        let v = locale.suffix();
        let name = v.trim_start_matches('.');
        let fallback = out.join("fallback").join(name);
        std::fs::create_dir_all(&fallback).map_err(|e| format!("cannot create {}: {e}", fallback.display()))?;
        let mut dashboard = String::new();
        for id in chart_ids(store) {
            let spec = chart::build(id, store).map_err(|e| format!("{id} ({name}): {e}"))?;
            let meta = chart_meta(&spec, store).map_err(|e| format!("{id} ({name}): {e}"))?;
            let o = drawings(&spec, &out.join("img"))?;
            let (figure, _) = figure_copies(&meta, store, &o, out, &fallback)?;
            dashboard.push_str(&figure);
            dashboard.push('\n');
        }
        write(&fallback.join("charts.html"), &dashboard)?;
        page_chrome(store, &fallback)?;
        written.push(name.to_owned());
    }
    Ok(written)
}

fn links_html(titles: &[(&str, String)], csv: &str) -> String {
    let mut html = String::new();
    for (id, title) in titles {
        html.push_str(&format!("<li><a href=\"#{}\">{}</a></li>", escape(id), escape(title)));
    }
    html.push_str(&format!("<li><a href=\"{}\" download>Every figure with its source (CSV)</a></li>", escape(csv)));
    html
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}
