//! Native tool: renders every chart to `img/<id>.svg`, writes the dataset as
//! `data/<dataset>.csv` and `.json`, and writes the pieces of page the site
//! build pastes in, under `fallback/`: every chart's complete `<figure>` (from
//! [`html::figure`], the one writer of a chart's HTML) for the dashboard and
//! for embed.html, the timeline, the data's freshness line, and the chart ids;
//! and `figures/<id>.html`, each figure alone, which script-tag embeds fetch.

use std::path::Path;
use std::process::ExitCode;

use pk_security_charts::chart::{self, chart_ids};
use pk_security_charts::data::{spreadsheet, Dataset};
use pk_security_charts::html::{self, escape, Options};
use pk_security_charts::meta::chart_meta;
use pk_security_charts::render::{svg, svg_layout};
use pk_security_charts::store::Store;

use pk_security_charts::html::{IMAGE_WIDTH as WIDTH, NARROW_WIDTH};

const USAGE: &str = "usage:
  pk-render <output-dir>            the site's images, figures, fragments and downloads
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
        [out] if !out.starts_with('-') => run(Path::new(out)),
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
    let json = serde_json::to_string_pretty(&store.data).map_err(|e| e.to_string())?;
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

fn run(out: &Path) -> Result<(), String> {
    let store = Store::builtin().map_err(|e| e.to_string())?;
    let img = out.join("img");
    let data = out.join("data");
    let fallback = out.join("fallback");
    let figures = out.join("figures");
    for dir in [&img, &data, &fallback, &figures] {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let mut dashboard = String::new();
    let mut targets = String::new();
    let mut titles = Vec::new();
    let ids = chart_ids(store);
    for &id in &ids {
        let spec = chart::build(id, store).map_err(|e| e.to_string())?;
        let image = svg(&spec, WIDTH, false).map_err(|e| format!("{id}: {e}"))?;
        write(&img.join(format!("{id}.svg")), &image)?;
        let layout = svg_layout(&spec, WIDTH);
        let image_size = (layout.width.round() as u32, layout.height.round() as u32);
        let narrow = svg(&spec, NARROW_WIDTH, false).map_err(|e| format!("{id}: {e}"))?;
        write(&img.join(format!("{id}-narrow.svg")), &narrow)?;
        let layout = svg_layout(&spec, NARROW_WIDTH);
        let narrow_size = (layout.width.round() as u32, layout.height.round() as u32);
        let meta = chart_meta(&spec, store).map_err(|e| format!("{id}: {e}"))?;
        let figure = html::figure(
            &meta,
            store,
            &Options { base: "", title_level: 2, image_size, narrow_size, images: true, data_href: None, theme: None },
        );
        write(&fallback.join(format!("figure-{id}.html")), &figure)?;
        // For script-tag embeds on pages that did not paste the figure in: its
        // links are relative to `figures/`, and mount.js resolves them there.
        let own_file = html::figure(
            &meta,
            store,
            &Options {
                base: "../",
                title_level: 2,
                image_size,
                narrow_size,
                images: true,
                data_href: None,
                theme: Some("light"),
            },
        );
        write(&figures.join(format!("{id}.html")), &own_file)?;
        dashboard.push_str(&figure);
        dashboard.push('\n');
        // embed.html holds every chart; CSS `:target` (the embed codes' `#<id>`)
        // shows the one asked for before any script runs.
        let own_page = html::figure(
            &meta,
            store,
            &Options {
                base: "",
                title_level: 1,
                image_size,
                narrow_size,
                images: true,
                data_href: None,
                theme: Some("light"),
            },
        );
        targets.push_str(&format!("<section class=\"embed-chart\" id=\"{}\">{own_page}</section>\n", escape(id)));
        titles.push((id, meta.title));
    }
    let name = &store.data.id;
    let csv = format!("data/{name}.csv");
    write(&fallback.join("charts.html"), &dashboard)?;
    write(&fallback.join("targets.html"), &targets)?;
    write(&fallback.join("links.html"), &links_html(&titles, &csv))?;
    write(&fallback.join("timeline.html"), &html::timeline_html(store).map_err(|e| e.to_string())?)?;
    write(&fallback.join("freshness.html"), &html::freshness_html(store))?;
    write(&fallback.join("title.html"), &escape(&store.data.title))?;
    write(&fallback.join("heading.html"), &html::heading_html(store))?;
    write(&fallback.join("downloads.html"), &html::downloads_html(store))?;
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
    Ok(())
}

/// For the one generic embed page, which cannot read `?chart=` without a script:
/// list items linking every chart, then the data download.
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
