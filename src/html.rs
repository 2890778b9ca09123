//! The one writer of a chart's `<figure>` HTML: title, subtitle, the static
//! image the canvas later replaces, notes, "How the counts differ" boxes, the
//! data table with every value's quote or formula, and a footer with sources,
//! the data download, when the data was updated and how to report an error.
//!
//! The build pastes its output into the pages, so readers without scripts and
//! printers get the same figure as everyone else; the wasm calls it for
//! script-tag embeds. `www/mount.js` only adds behaviour (canvas, tooltips,
//! toggles) and writes no text of its own for a chart.

use crate::meta::{ChartMeta, SourceLine, Stated, TableRow};
use crate::store::{Citation, Provenance, Store};

/// Width in CSS px at which the static images are drawn: the dashboard's column.
pub const IMAGE_WIDTH: f64 = 640.0;
/// Width of the phone drawing: the narrowest column the charts promise to fit.
pub const NARROW_WIDTH: f64 = 320.0;
/// Viewports up to this width (CSS px) get the phone drawing.
const NARROW_MEDIA: u32 = 520;

/// Where the figure's links point and how its headings nest.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    /// URL prefix of the site (`""` on its own pages, the script's base elsewhere).
    pub base: &'a str,
    /// `h1` on a page of its own (embed), `h2` inside the dashboard.
    pub title_level: u8,
    /// Size of the static image at its natural width, in CSS px.
    pub image_size: (u32, u32),
    /// Size of the phone drawing, in CSS px.
    pub narrow_size: (u32, u32),
    /// Whether the build drew static images (`img/<id>.svg`); a chart made at
    /// run time from a newsroom's file has only its canvas.
    pub images: bool,
    /// `loading="lazy"` on the static image: for pages (embed.html) that carry
    /// every chart but show one, so hidden charts fetch nothing.
    pub lazy: bool,
    /// Where "Get the data" points; `None` for the site's `data/<dataset>.csv`.
    pub data_href: Option<&'a str>,
    /// `Some("light")` pins the colours before any script runs (embeds are
    /// light unless asked); `None` follows the reader's OS (the dashboard).
    pub theme: Option<&'a str>,
}

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `2026-01-06` → `6 Jan 2026`, `2025-10` → `Oct 2025`.
pub fn format_date(iso: &str) -> String {
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

/// Only web and mail links become links: a `javascript:` URL in a dataset must not.
fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:")
}

/// `PICSS, via Dawn`; the outlet alone when it is its own counter.
pub fn source_name(counter: &str, publisher: &str) -> String {
    if counter == publisher {
        publisher.to_owned()
    } else {
        format!("{counter}, via {publisher}")
    }
}

/// `PICSS, via Dawn, 1 Jan 2026`, linked to the report when it has a web address.
pub fn source_link(s: &SourceLine) -> String {
    let date = format_date(&s.date);
    let who = source_name(&s.counter, &s.publisher);
    let text = escape(&if date.is_empty() { who } else { format!("{who}, {date}") });
    if safe_url(&s.url) && !s.url.starts_with("mailto:") {
        format!("<a href=\"{}\" rel=\"noopener noreferrer\">{text}</a>", escape(&s.url))
    } else {
        text
    }
}

fn citation_html(c: &Citation, out: &mut String) {
    let kind = match c.kind {
        "official" => "Official count · ",
        "independent" => "Independent count · ",
        _ => "",
    };
    out.push_str(&format!(
        "<p class=\"citation\"><span class=\"kind\">{kind}</span>{}",
        source_link(&SourceLine::from(c))
    ));
    if !c.title.is_empty() {
        out.push_str(&format!("<span class=\"report-title\"> — {}</span>", escape(&c.title)));
    }
    out.push_str("</p>");
    let lang = if c.language.is_empty() || c.language == "en" {
        String::new()
    } else {
        format!(" lang=\"{}\"", escape(&c.language))
    };
    if c.quote.trim().is_empty() {
        // A newsroom's row without a quote is still charted, and says so plainly.
        out.push_str("<p class=\"no-quote\">No quote given: this value's sentence was not supplied with the data.</p>");
    } else {
        out.push_str(&format!("<blockquote{lang}>“{}”</blockquote>", escape(&c.quote)));
    }
    if !c.translation.is_empty() {
        out.push_str(&format!(
            "<p class=\"translation\"><span class=\"label\">Translation (ours, not the source's words):</span> “{}”</p>",
            escape(&c.translation)
        ));
    }
    if !c.note.is_empty() {
        out.push_str(&format!("<p class=\"note\">{}</p>", escape(&c.note)));
    }
}

/// Who, when, the verbatim quote, and a derived value's formula.
pub fn provenance_html(p: &Provenance) -> String {
    let mut out = String::from("<div class=\"provenance\">");
    if !p.explanation.is_empty() {
        out.push_str(&format!("<p class=\"formula\">Computed: {}</p>", escape(&p.explanation)));
    }
    for c in &p.citations {
        citation_html(c, &mut out);
    }
    out.push_str("</div>");
    out
}

struct TableLine<'a> {
    group: &'a str,
    item: String,
    text: &'a str,
    unit: &'a str,
    provenance: &'a Provenance,
    mark: Option<usize>,
}

fn table_line(l: &TableLine, grouped: bool, columns: usize, out: &mut String) {
    out.push_str("<tr>");
    if grouped {
        out.push_str(&format!("<td class=\"group\">{}</td>", escape(l.group)));
    }
    out.push_str("<th scope=\"row\">");
    if grouped && !l.group.is_empty() {
        out.push_str(&format!("<span class=\"inline-group\">{}: </span>", escape(l.group)));
    }
    let who = match l.provenance.citations.first() {
        _ if !l.provenance.explanation.is_empty() => "computed".to_owned(),
        Some(c) => source_name(&c.counter, &c.publisher),
        None => String::new(),
    };
    out.push_str(&format!(
        "{}</th><td class=\"num\"><span class=\"n\">{}</span><span class=\"inline-unit\"> {}</span></td>\
         <td class=\"unit\">{}</td><td class=\"who\">{}</td></tr>",
        escape(&l.item),
        escape(l.text),
        escape(l.unit),
        escape(l.unit),
        escape(&who)
    ));
    let mark = l.mark.map(|m| format!(" data-mark=\"{m}\"")).unwrap_or_default();
    let summary = if l.provenance.explanation.is_empty() {
        format!("Where {} comes from", l.text)
    } else {
        format!("How {} is computed, and its sources", l.text)
    };
    out.push_str(&format!(
        "<tr class=\"prov\"><td colspan=\"{columns}\"><details class=\"source-details\"{mark}><summary>{}</summary>{}</details></td></tr>",
        escape(&summary),
        provenance_html(l.provenance)
    ));
}

/// The data table: a row per drawn value, per value a label states (share,
/// change), and per value the title, notes or boxes state; each with its
/// provenance in a full-width row under it.
pub fn table_html(meta: &ChartMeta) -> String {
    let grouped = meta.rows.iter().any(|r| !r.group.is_empty());
    let mut out = format!(
        "<div class=\"table-wrap\"><table class=\"data-table\"><caption>{}</caption><thead><tr>",
        escape(&meta.title)
    );
    let mut columns = vec![("Item", ""), ("Value", "num"), ("Unit", "unit"), ("Source", "who")];
    if grouped {
        columns.insert(0, ("Measure", "group"));
    }
    for (name, class) in &columns {
        out.push_str(&format!("<th scope=\"col\" class=\"{class}\">{name}</th>"));
    }
    out.push_str("</tr></thead><tbody>");
    let also = |r: &'_ TableRow, a: &'_ Stated| format!("{}, {}", r.label, a.name);
    for (i, r) in meta.rows.iter().enumerate() {
        let item = if r.part.is_empty() { r.label.clone() } else { format!("{}, {}", r.label, r.part) };
        let line =
            TableLine { group: &r.group, item, text: &r.text, unit: &r.unit, provenance: &r.provenance, mark: Some(i) };
        table_line(&line, grouped, columns.len(), &mut out);
        for a in &r.also {
            let line = TableLine {
                group: &r.group,
                item: also(r, a),
                text: &a.text,
                unit: &a.unit,
                provenance: &a.provenance,
                mark: None,
            };
            table_line(&line, grouped, columns.len(), &mut out);
        }
    }
    for c in &meta.cited {
        let line = TableLine {
            group: "",
            item: c.name.clone(),
            text: &c.text,
            unit: &c.unit,
            provenance: &c.provenance,
            mark: None,
        };
        table_line(&line, grouped, columns.len(), &mut out);
    }
    out.push_str("</tbody></table></div>");
    out
}

/// The figure's inner HTML (everything inside `<figure>`).
pub fn figure_inner(meta: &ChartMeta, store: &Store, o: &Options) -> String {
    let id = escape(&meta.id);
    let base = escape(o.base);
    let (h, sub) = if o.title_level <= 1 { ("h1", "h2") } else { ("h2", "h3") };
    let mut out = format!(
        "<figcaption class=\"chart-head\"><{h} class=\"chart-title\">{}</{h}><p class=\"chart-subtitle\">{}</p></figcaption>",
        escape(&meta.title),
        escape(&meta.subtitle)
    );
    let (w, hgt) = o.image_size;
    let (nw, nh) = o.narrow_size;
    // The same core drew these images; the canvas takes their place once the
    // engine runs. Phones get the drawing made for their width, so its labels
    // stay readable without scripts instead of shrinking to half size.
    let lazy = if o.lazy { " loading=\"lazy\"" } else { "" };
    if o.images {
        out.push_str(&format!(
            "<div class=\"chart-body\"><picture><source media=\"(max-width: {NARROW_MEDIA}px)\" srcset=\"{base}img/{id}-narrow.svg\" width=\"{nw}\" height=\"{nh}\">\
             <img class=\"chart-static\" src=\"{base}img/{id}.svg\" width=\"{w}\" height=\"{hgt}\"{lazy} alt=\"{}\"></picture></div>",
            escape(&meta.summary)
        ));
    } else {
        // No image to carry the text alternative: the canvas takes it from here.
        out.push_str(&format!("<div class=\"chart-body\" data-summary=\"{}\"></div>", escape(&meta.summary)));
    }
    if !meta.notes.is_empty() {
        out.push_str("<div class=\"chart-notes\">");
        for n in &meta.notes {
            out.push_str(&format!("<p>{}</p>", escape(n)));
        }
        out.push_str("</div>");
    }
    for d in &meta.differences {
        out.push_str(&format!(
            "<div class=\"differences\"><{sub}>How the counts differ: {}</{sub}><ul>",
            escape(&d.topic)
        ));
        for c in &d.counts {
            out.push_str(&format!("<li>{}</li>", escape(c)));
        }
        out.push_str(&format!("</ul><p>{}</p></div>", escape(&d.explanation)));
    }
    // Without scripts the table is a native disclosure (so an iframe's page
    // stays short); the script opens it and closes the table behind this
    // button instead, which keeps the table in the accessibility tree.
    out.push_str(&format!(
        "<button type=\"button\" class=\"data-toggle\" aria-expanded=\"false\" aria-controls=\"data-{id}\" hidden \
         data-show=\"Show data and sources\" data-hide=\"Hide data and sources\">Show data and sources</button>\
         <details class=\"data-details\"><summary class=\"data-summary\">Show data and sources</summary>\
         <div class=\"chart-data\" id=\"data-{id}\" data-open=\"true\">{}</div></details>",
        table_html(meta)
    ));
    out.push_str("<footer class=\"chart-footer\"><p class=\"sources\">Source: ");
    let sources: Vec<String> = meta.sources.iter().map(source_link).collect();
    out.push_str(&sources.join("; "));
    let data = match o.data_href {
        Some(href) => escape(href),
        None => format!("{base}data/{}.csv", escape(&store.data.id)),
    };
    let file = escape(&store.data.id);
    out.push_str(&format!(" · <a class=\"get-data\" href=\"{data}\" download=\"{file}.csv\">Get the data</a></p>"));
    if o.images {
        out.push_str(&downloads_line(&id, &base));
    }
    out.push_str(&freshness_html(store));
    out.push_str("</footer>");
    out
}

/// The chart to take away, as the build drew it (`download/`, by pk-render):
/// PNG at 2× (1× and 3× beside it), SVG, its own values as CSV, and its page
/// to share (with its card). Plain links: no script, offline, keyboard-reachable.
/// `site-only`: a single-file copy of the page has no `download/` beside it.
fn downloads_line(id: &str, base: &str) -> String {
    let file = |name: &str, text: &str| {
        format!("<a href=\"{base}download/{name}\" download=\"{name}\" type=\"{}\">{text}</a>", download_type(name))
    };
    format!(
        "<p class=\"downloads site-only\">Download this chart: {} ({}, {}) · {} · {} · <a href=\"{base}chart/{id}.html\">Page to share</a></p>",
        file(&format!("{id}.png"), "PNG"),
        file(&format!("{id}@1x.png"), "1×"),
        file(&format!("{id}@3x.png"), "3×"),
        file(&format!("{id}.svg"), "SVG"),
        file(&format!("{id}.csv"), "Data (CSV)"),
    )
}

fn download_type(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("png") => "image/png",
        Some("svg") => "image/svg+xml",
        _ => "text/csv",
    }
}

/// "Data updated 25 Nov 2026 · Spotted an error? …": from the dataset, never the build.
pub fn freshness_html(store: &Store) -> String {
    let mut out = String::from("<p class=\"freshness\">");
    let updated = format_date(&store.data.updated);
    if !updated.is_empty() {
        out.push_str(&format!(
            "Data updated <time datetime=\"{}\">{}</time>",
            escape(&store.data.updated),
            escape(&updated)
        ));
    }
    let c = &store.data.corrections;
    if !c.text.is_empty() {
        if !updated.is_empty() {
            out.push_str(" · ");
        }
        if safe_url(&c.url) {
            out.push_str(&format!("<a class=\"corrections\" href=\"{}\">{}</a>", escape(&c.url), escape(&c.text)));
        } else {
            out.push_str(&format!("<span class=\"corrections\">{}</span>", escape(&c.text)));
        }
    }
    out.push_str("</p>");
    out
}

/// The context events, each with its source's own sentence, as the
/// dashboard's "Context" section; nothing for a dataset without events.
pub fn timeline_html(store: &Store) -> Result<String, crate::data::DataError> {
    if store.data.events.is_empty() {
        return Ok(String::new());
    }
    let mut out = String::from(
        "<section class=\"timeline\" aria-labelledby=\"timeline-title\" data-timeline>\
         <h2 id=\"timeline-title\">Context</h2><ol class=\"timeline-list\">",
    );
    for t in crate::meta::timeline(store)? {
        let when = if t.end_date.is_empty() {
            format_date(&t.date)
        } else {
            format!("{} – {}", format_date(&t.date), format_date(&t.end_date))
        };
        out.push_str(&format!(
            "<li><time datetime=\"{}\">{}</time><span class=\"event\">{}</span><details class=\"source-details\">\
             <summary>Source</summary><blockquote>“{}”</blockquote><p class=\"citation\">{}<span class=\"report-title\"> — {}</span></p></details></li>",
            escape(&t.date),
            escape(&when),
            escape(&t.label),
            escape(&t.quote),
            source_link(&t.source),
            escape(&t.source.title)
        ));
    }
    out.push_str("</ol></section>");
    Ok(out)
}

/// The dashboard's heading: the dataset's title and description.
pub fn heading_html(store: &Store) -> String {
    let mut out = format!("<h1>{}</h1>", escape(&store.data.title));
    if !store.data.description.is_empty() {
        out.push_str(&format!("<p class=\"lede\">{}</p>", escape(&store.data.description)));
    }
    out
}

/// The dashboard's footer links: the whole dataset, as CSV and JSON.
pub fn downloads_html(store: &Store) -> String {
    let id = escape(&store.data.id);
    format!(
        "<a href=\"data/{id}.csv\">Download every figure with its source (CSV)</a> · <a href=\"data/{id}.json\">JSON</a>"
    )
}

/// A chart's complete `<figure>`, in its loading state.
pub fn figure(meta: &ChartMeta, store: &Store, o: &Options) -> String {
    let theme = o.theme.map(|t| format!(" data-theme=\"{}\"", escape(t))).unwrap_or_default();
    format!(
        "<figure class=\"chart pk-chart\" data-chart=\"{}\" data-state=\"loading\"{theme}>{}</figure>",
        escape(&meta.id),
        figure_inner(meta, store, o)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::{build, chart_ids};
    use crate::meta::chart_meta;

    fn page(id: &str) -> (ChartMeta, String) {
        let store = Store::builtin().unwrap_or_else(|e| panic!("{e}"));
        let meta = build(id, store).and_then(|s| chart_meta(&s, store)).unwrap_or_else(|e| panic!("{id}: {e}"));
        let html = figure(
            &meta,
            store,
            &Options {
                base: "",
                title_level: 2,
                image_size: (640, 300),
                narrow_size: (320, 400),
                images: true,
                lazy: false,
                data_href: None,
                theme: None,
            },
        );
        (meta, html)
    }

    #[test]
    fn every_value_and_its_quote_is_in_the_figure() {
        for id in chart_ids(Store::builtin().expect("built-in dataset")) {
            let (meta, html) = page(id);
            assert!(html.starts_with(&format!("<figure class=\"chart pk-chart\" data-chart=\"{id}\"")), "{id}");
            assert!(html.contains(&format!("src=\"img/{id}.svg\" width=\"640\" height=\"300\"")), "{id}");
            for r in &meta.rows {
                assert!(html.contains(&format!("<span class=\"n\">{}</span>", escape(&r.text))), "{id}: {}", r.text);
                for c in &r.provenance.citations {
                    assert!(html.contains(&escape(&c.quote)), "{id}: quote of {}", c.figure);
                }
            }
            for d in &meta.differences {
                assert!(html.contains(&escape(&d.explanation)), "{id}");
            }
            assert!(html.contains("Data updated <time datetime=\"2026-11-25\">25 Nov 2026</time>"), "{id}");
        }
    }

    #[test]
    fn the_footer_offers_the_chart_to_take_away_when_the_build_drew_it() {
        let (meta, html) = page("deaths-2025");
        for name in
            ["deaths-2025.png", "deaths-2025@1x.png", "deaths-2025@3x.png", "deaths-2025.svg", "deaths-2025.csv"]
        {
            assert!(html.contains(&format!("href=\"download/{name}\" download=\"{name}\"")), "{name}: {html}");
        }
        assert!(html.contains("<p class=\"downloads site-only\">") && html.contains("href=\"chart/deaths-2025.html\""));
        // A chart made at run time from a newsroom's file has no build-time files.
        let store = Store::builtin().unwrap_or_else(|e| panic!("{e}"));
        let o = Options {
            base: "",
            title_level: 1,
            image_size: (1, 1),
            narrow_size: (1, 1),
            images: false,
            lazy: false,
            data_href: None,
            theme: None,
        };
        assert!(!figure(&meta, store, &o).contains("download/"));
    }

    #[test]
    fn a_translation_is_labelled_as_one() {
        let (_, html) = page("militants-killed-by-source");
        assert!(html.contains("<blockquote lang=\"hi\">"), "{html}");
        assert!(html.contains("Translation (ours, not the source's words):</span> “Owing to"), "{html}");
    }

    #[test]
    fn text_is_escaped_and_unsafe_links_are_not_links() {
        let store = Store::builtin().unwrap_or_else(|e| panic!("{e}"));
        let mut meta =
            build("deaths-2025", store).and_then(|s| chart_meta(&s, store)).unwrap_or_else(|e| panic!("{e}"));
        meta.title = "A <b>&\"title\"".into();
        meta.summary = "say \"hi\" <script>".into();
        meta.sources[0].url = "javascript:alert(1)".into();
        meta.sources[0].counter = "<i>".into();
        let html = figure(
            &meta,
            store,
            &Options {
                base: "",
                title_level: 1,
                image_size: (1, 1),
                narrow_size: (1, 1),
                images: true,
                lazy: false,
                data_href: None,
                theme: None,
            },
        );
        assert!(html.contains("A &lt;b&gt;&amp;&quot;title&quot;"), "{html}");
        assert!(html.contains("alt=\"say &quot;hi&quot; &lt;script&gt;\""), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("<i>") && !html.contains("<b>") && !html.contains("<script>"), "{html}");
        assert!(html.contains("<h1 class=\"chart-title\">"));
    }

    #[test]
    fn dates_read_as_people_write_them() {
        assert_eq!(format_date("2026-01-06"), "6 Jan 2026");
        assert_eq!(format_date("2025-10"), "Oct 2025");
        assert_eq!(format_date("2025"), "2025");
        assert_eq!(format_date(""), "");
        assert_eq!(format_date("2025-13-01"), "2025");
    }
}
