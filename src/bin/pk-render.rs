//! Native tool: renders every chart to `img/<id>.svg`, writes the dataset as
//! `data/<dataset>.csv` and `.json`, and writes the no-script fallbacks
//! `fallback/<id>.html` (each chart's title, static image, data table and
//! sources as HTML inside `<noscript>`) and `fallback/links.html` (a list of the
//! images and the data download), under the directory given. Same core, same
//! look as the canvas; the site build pastes the fallbacks into the pages.

use std::path::Path;
use std::process::ExitCode;

use pk_security_charts::chart::{self, CHART_IDS};
use pk_security_charts::meta::{chart_meta, ChartMeta, SourceLine, TableRow};
use pk_security_charts::render::{escape, svg, svg_layout};
use pk_security_charts::store::Store;

/// The width, in CSS px, of the static images: the dashboard's column.
const WIDTH: f64 = 640.0;

fn main() -> ExitCode {
    let Some(out) = std::env::args().nth(1) else {
        eprintln!(
            "usage: pk-render <output-dir>   (writes img/<chart-id>.svg, data/<dataset>.csv|json \
             and fallback/<chart-id>.html)"
        );
        return ExitCode::from(2);
    };
    match run(Path::new(&out)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(out: &Path) -> Result<(), String> {
    let store = Store::builtin().map_err(|e| e.to_string())?;
    let img = out.join("img");
    let data = out.join("data");
    let fallback = out.join("fallback");
    for dir in [&img, &data, &fallback] {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let name = &store.data.id;
    let csv = format!("data/{name}.csv");
    let mut titles = Vec::new();
    for &id in CHART_IDS {
        let spec = chart::build(id, store).map_err(|e| e.to_string())?;
        let image = svg(&spec, WIDTH, false).map_err(|e| format!("{id}: {e}"))?;
        write(&img.join(format!("{id}.svg")), &image)?;
        let layout = svg_layout(&spec, WIDTH);
        let size = (layout.width.round() as u32, layout.height.round() as u32);
        let meta = chart_meta(&spec, store).map_err(|e| format!("{id}: {e}"))?;
        write(&fallback.join(format!("{id}.html")), &fallback_html(&meta, size, &csv))?;
        titles.push((id, meta.title));
    }
    write(&fallback.join("links.html"), &links_html(&titles, &csv))?;
    write(&fallback.join("targets.html"), &targets_html(&fallback)?)?;
    write(&data.join(format!("{name}.csv")), &pk_security_charts::export::csv(store))?;
    write(&data.join(format!("{name}.json")), pk_security_charts::data::BUILTIN_JSON)?;
    println!(
        "wrote {} charts to {} and {}, and the dataset to {}",
        CHART_IDS.len(),
        img.display(),
        fallback.display(),
        data.display()
    );
    Ok(())
}

/// One chart for readers without scripts (or without wasm): its caption, the
/// static image, the numbers with their sources, and the data download. Inside
/// `<noscript>` and without `data-chart`, so the script that mounts the charts
/// never sees it. Every text is escaped; `img/` and `csv` are relative to the page.
fn fallback_html(meta: &ChartMeta, (width, height): (u32, u32), csv: &str) -> String {
    let id = escape(&meta.id);
    let title = escape(&meta.title);
    let mut html = format!(
        "<noscript><figure class=\"chart pk-chart fallback-figure\"><figcaption>\
         <h2 class=\"chart-title\">{title}</h2><p class=\"chart-subtitle\">{}</p></figcaption>\
         <img class=\"fallback\" src=\"img/{id}.svg\" alt=\"{}\" width=\"{width}\" height=\"{height}\" loading=\"lazy\">",
        escape(&meta.subtitle),
        escape(&meta.summary),
    );
    if !meta.notes.is_empty() {
        html.push_str("<div class=\"chart-notes\">");
        for note in &meta.notes {
            html.push_str(&format!("<p>{}</p>", escape(note)));
        }
        html.push_str("</div>");
    }
    html.push_str(&table_html(meta));
    html.push_str("<footer class=\"chart-footer\">Source: ");
    let sources: Vec<String> = meta.sources.iter().map(source_html).collect();
    html.push_str(&sources.join("; "));
    html.push_str(&format!(" · <a href=\"{}\" download>Get the data</a></footer></figure></noscript>", escape(csv)));
    html
}

/// The data table, with the same columns as the one the script builds.
fn table_html(meta: &ChartMeta) -> String {
    let grouped = meta.rows.iter().any(|r| !r.group.is_empty());
    let mut html = format!("<table class=\"data-table\"><caption>{}</caption><thead><tr>", escape(&meta.title));
    let columns = ["Measure", "Item", "Value", "Unit", "Source"];
    for column in &columns[usize::from(!grouped)..] {
        html.push_str(&format!("<th scope=\"col\">{column}</th>"));
    }
    html.push_str("</tr></thead><tbody>");
    for row in &meta.rows {
        html.push_str("<tr>");
        if grouped {
            html.push_str(&format!("<td>{}</td>", escape(&row.group)));
        }
        let item = if row.part.is_empty() { row.label.clone() } else { format!("{}, {}", row.label, row.part) };
        html.push_str(&format!(
            "<th scope=\"row\">{}</th><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
            escape(&item),
            escape(&row.text),
            escape(&row.unit),
            row_source_html(row)
        ));
    }
    html.push_str("</tbody></table>");
    html
}

/// A row's provenance: the formula of a derived value, then each report (linked).
fn row_source_html(row: &TableRow) -> String {
    let p = &row.provenance;
    let mut parts = Vec::new();
    for c in &p.citations {
        let html = source_html(&SourceLine::from(c));
        if !parts.contains(&html) {
            parts.push(html);
        }
    }
    let sources = parts.join("; ");
    if p.explanation.is_empty() {
        sources
    } else {
        format!("Computed: {}. Sources: {sources}", escape(&p.explanation))
    }
}

/// `PICSS, via Dawn, 1 Jan 2026`, linked to the report when it has a web address.
fn source_html(s: &SourceLine) -> String {
    let who =
        if s.counter == s.publisher { s.publisher.clone() } else { format!("{}, via {}", s.counter, s.publisher) };
    let date = format_date(&s.date);
    let text = escape(&if date.is_empty() { who } else { format!("{who}, {date}") });
    // Only web addresses become links: a `javascript:` URL in a dataset must not.
    if s.url.starts_with("https://") || s.url.starts_with("http://") {
        format!("<a href=\"{}\" rel=\"noopener noreferrer\">{text}</a>", escape(&s.url))
    } else {
        text
    }
}

/// `2026-01-06` → `6 Jan 2026`, `2025-10` → `Oct 2025`, as the page's script shows dates.
fn format_date(iso: &str) -> String {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let mut parts = iso.split('-');
    let (Some(year), month, day) = (parts.next().filter(|y| !y.is_empty()), parts.next(), parts.next()) else {
        return String::new();
    };
    let month = month.and_then(|m| m.parse::<usize>().ok()).and_then(|m| MONTHS.get(m.wrapping_sub(1)));
    let day = day.and_then(|d| d.parse::<u32>().ok());
    match (month, day) {
        (Some(m), Some(d)) => format!("{d} {m} {year}"),
        (Some(m), None) => format!("{m} {year}"),
        _ => year.to_owned(),
    }
}

/// For the one generic embed page, which cannot read `?chart=` without a script:
/// list items linking every chart's static image, then the data download.
fn links_html(titles: &[(&str, String)], csv: &str) -> String {
    let mut html = String::new();
    for (id, title) in titles {
        html.push_str(&format!("<li><a href=\"img/{}.svg\">{}</a></li>", escape(id), escape(title)));
    }
    html.push_str(&format!("<li><a href=\"{}\" download>Every figure with its source (CSV)</a></li>", escape(csv)));
    html
}

/// Every chart's fallback as a `<section id="<id>">`, for embed.html: without
/// scripts it cannot read `?chart=`, but CSS `:target` can show the section the
/// URL's `#<id>` names (the embed codes add it), and hide the rest.
fn targets_html(fallback: &Path) -> Result<String, String> {
    let mut html = String::new();
    for &id in CHART_IDS {
        let path = fallback.join(format!("{id}.html"));
        let fragment = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let inner = fragment.trim().trim_start_matches("<noscript>").trim_end_matches("</noscript>");
        html.push_str(&format!("<section class=\"noscript-chart\" id=\"{}\">{inner}</section>", escape(id)));
    }
    Ok(html)
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(id: &str) -> ChartMeta {
        let store = Store::builtin().expect("the built-in dataset is valid");
        let spec = chart::build(id, store).expect("a contract chart id");
        chart_meta(&spec, store).expect("every figure has a source")
    }

    #[test]
    fn fallback_is_a_noscript_figure_without_data_chart() {
        for id in CHART_IDS {
            let m = meta(id);
            let html = fallback_html(&m, (640, 400), "data/x.csv");
            assert!(html.starts_with("<noscript><figure class=\"chart pk-chart fallback-figure\">"), "{html}");
            assert!(html.ends_with("</figure></noscript>"), "{html}");
            assert!(!html.contains("data-chart"), "{html}");
            assert!(html.contains(&format!("src=\"img/{id}.svg\"")), "{html}");
            assert!(html.contains("width=\"640\" height=\"400\""), "{html}");
            assert!(html.contains(&format!("<caption>{}</caption>", escape(&m.title))), "{html}");
            assert_eq!(html.matches("<tr>").count(), m.rows.len() + 1, "{id}: a row per value and a head");
            for row in &m.rows {
                assert!(html.contains(&format!("<td class=\"num\">{}</td>", escape(&row.text))), "{id}");
            }
            assert!(html.contains("<a href=\"data/x.csv\" download>"), "{html}");
        }
    }

    #[test]
    fn fallback_escapes_every_text() {
        let mut m = meta("deaths-2025");
        m.title = "A <b>&\"title\"".into();
        m.summary = "say \"hi\" <script>".into();
        m.sources[0].url = "javascript:alert(1)".into();
        m.sources[0].counter = "<i>".into();
        let html = fallback_html(&m, (1, 1), "data/x.csv");
        assert!(html.contains("A &lt;b&gt;&amp;&quot;title&quot;"), "{html}");
        assert!(html.contains("alt=\"say &quot;hi&quot; &lt;script&gt;\""), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("<i>") && !html.contains("<b>") && !html.contains("<script>"), "{html}");
    }

    #[test]
    fn dates_read_as_the_page_shows_them() {
        assert_eq!(format_date("2026-01-06"), "6 Jan 2026");
        assert_eq!(format_date("2025-10"), "Oct 2025");
        assert_eq!(format_date("2025"), "2025");
        assert_eq!(format_date(""), "");
        assert_eq!(format_date("2025-13-01"), "2025");
    }

    #[test]
    fn links_name_every_image_and_the_data() {
        let html = links_html(&[("a-b", "T & U".into())], "data/x.csv");
        assert_eq!(
            html,
            "<li><a href=\"img/a-b.svg\">T &amp; U</a></li>\
             <li><a href=\"data/x.csv\" download>Every figure with its source (CSV)</a></li>"
        );
    }
}
