//! The one writer of a chart's `<figure>` HTML: title, subtitle, the static
//! image the canvas later replaces, notes, "How the counts differ" boxes, the
//! data table with every value's quote or formula, and a footer with sources,
//! the data download, when the data was updated and how to report an error.
//!
//! The build pastes its output into the pages, so readers without scripts and
//! printers get the same figure as everyone else; script-tag embeds fetch the
//! copy it wrote (`figures/<id>.html`), and the user-data wasm calls it for a
//! newsroom's own charts. `www/mount.js` only adds behaviour (canvas, tooltips,
//! toggles) and writes no text of its own for a chart.

use crate::meta::{ChartMeta, SourceLine, Stated, TableRow};
use crate::store::{Citation, Provenance, Store};
use crate::text::locale::{Lang, FSI, PDI};
use crate::text::ui::Msg;

/// Width in CSS px at which the static images are drawn: the dashboard's column.
pub const IMAGE_WIDTH: f64 = 640.0;
/// Width of the phone drawing: the narrowest column the charts promise to fit.
pub const NARROW_WIDTH: f64 = crate::layout::PHONE;

/// One static drawing of a chart, made at build time by the same core that
/// draws the canvas: the marks and text of an SVG (plotters' output without
/// its `<svg>` element) and its size in CSS px.
#[derive(Debug, Clone)]
pub struct Drawing {
    pub markup: String,
    pub width: u32,
    pub height: u32,
}

/// Where the figure's links point and how its headings nest.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    /// URL prefix of the site (`""` on its own pages, the script's base elsewhere).
    pub base: &'a str,
    /// `h1` on a page of its own (embed), `h2` inside the dashboard.
    pub title_level: u8,
    /// The static drawings the build made (wide, then phone), pasted into the
    /// figure; `None` for a chart made at run time from a newsroom's file,
    /// which has only its canvas.
    pub drawings: Option<[Drawing; 2]>,
    /// Where "Get the data" points; `None` for the site's `data/<dataset>.csv`.
    pub data_href: Option<&'a str>,
    /// `Some("light")` pins the colours before any script runs (embeds are
    /// light unless asked); `None` follows the reader's OS (the dashboard).
    pub theme: Option<&'a str>,
}

impl Options<'static> {
    /// The dashboard's figure: links from the site's root, `h2` titles, the
    /// static drawings, colours following the reader's OS.
    pub fn dashboard(drawings: [Drawing; 2]) -> Options<'static> {
        Options { base: "", title_level: 2, drawings: Some(drawings), data_href: None, theme: None }
    }
}

/// `text` escaped and set in quotation marks: double ones, or single ones
/// when the verbatim text holds double marks of its own (a quote that
/// quotes someone), so the marks never double up as `““`.
pub fn quoted(text: &str) -> String {
    let (open, close) = if text.contains(['“', '”', '"']) { ('‘', '’') } else { ('“', '”') };
    format!("{open}{}{close}", escape(text))
}

/// Escapes text for HTML content. English shown for want of a translation
/// (marked by the store with a first-strong isolate) becomes a visibly
/// English span, so readers and screen readers know what it is.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut open = 0;
    for c in s.chars() {
        match c {
            FSI => {
                open += 1;
                out.push_str("<span class=\"untranslated\" lang=\"en\" dir=\"ltr\">");
            }
            PDI if open > 0 => {
                open -= 1;
                out.push_str("</span>");
            }
            c => push_escaped(&mut out, c),
        }
    }
    for _ in 0..open {
        out.push_str("</span>");
    }
    out
}

/// Escapes text for an attribute value (where no markup can go: the English
/// fallback's isolate stays, and orders the text right).
pub fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_escaped(&mut out, c);
    }
    out
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        c => out.push(c),
    }
}

/// `2026-01-06` → `6 Jan 2026`, `2025-10` → `Oct 2025`.
pub fn format_date(iso: &str) -> String {
    date_with(iso, |m| m.en().to_owned(), str::to_owned)
}

/// [`format_date`] in the reader's language and digits (`25 نومبر 2026`).
pub fn date_in(store: &Store, iso: &str) -> String {
    date_with(iso, |m| store.msg(m), |n| store.locale.number(n))
}

const MONTHS: [Msg; 12] = [
    Msg::Month1,
    Msg::Month2,
    Msg::Month3,
    Msg::Month4,
    Msg::Month5,
    Msg::Month6,
    Msg::Month7,
    Msg::Month8,
    Msg::Month9,
    Msg::Month10,
    Msg::Month11,
    Msg::Month12,
];

fn date_with(iso: &str, month_name: impl Fn(Msg) -> String, digits: impl Fn(&str) -> String) -> String {
    let mut parts = iso.split('-');
    let (Some(year), month, day) = (parts.next().filter(|y| !y.is_empty()), parts.next(), parts.next()) else {
        return String::new();
    };
    let month = month.and_then(|m| m.parse::<usize>().ok()).and_then(|m| MONTHS.get(m.wrapping_sub(1)));
    let day = day.and_then(|d| d.parse::<u32>().ok());
    let year = digits(year);
    match (month, day) {
        (Some(m), Some(d)) => format!("{} {} {year}", digits(&d.to_string()), month_name(*m)),
        (Some(m), None) => format!("{} {year}", month_name(*m)),
        _ => year,
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

/// [`source_name`] in the reader's language.
pub fn source_name_in(store: &Store, counter: &str, publisher: &str) -> String {
    via(store.msg(Msg::Via), counter, publisher, str::to_owned)
}

/// [`source_name_in`] as HTML: on a page in another language, a name in Latin
/// script (ISPR, Arab News Pakistan) is tagged English, so a screen reader
/// reads it in an English voice.
pub fn source_name_html(store: &Store, counter: &str, publisher: &str) -> String {
    let name = |n: &str| {
        if store.locale.lang != Lang::En && in_latin_script(n) {
            format!("<span lang=\"en\" dir=\"ltr\">{}</span>", escape(n))
        } else {
            escape(n)
        }
    };
    via(escape(&store.msg(Msg::Via)), counter, publisher, name)
}

/// The outlet alone when it is its own counter, else the `via` template
/// (`{counter}, via {publisher}`) filled with the two names as `name` writes them.
fn via(template: String, counter: &str, publisher: &str, name: impl Fn(&str) -> String) -> String {
    if counter == publisher {
        name(publisher)
    } else {
        Msg::fill(&template, &[("counter", &name(counter)), ("publisher", &name(publisher))])
    }
}

/// Whether `text` is written in Latin script only (letters, with ASCII and
/// typographic punctuation): English in this dataset, whatever page it is on.
fn in_latin_script(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_alphabetic())
        && text
            .chars()
            .all(|c| c.is_ascii() || c.is_whitespace() || matches!(c, '‘' | '’' | '“' | '”' | '–' | '—' | '…'))
}

/// `PICSS, via Dawn, 1 Jan 2026`, linked to the report when it has a web address.
pub fn source_link(store: &Store, s: &SourceLine) -> String {
    let date = date_in(store, &s.date);
    let who = source_name_html(store, &s.counter, &s.publisher);
    let comma = if store.locale.rtl() { "، " } else { ", " };
    let text = if date.is_empty() { who } else { format!("{who}{}", escape(&format!("{comma}{date}"))) };
    if safe_url(&s.url) && !s.url.starts_with("mailto:") {
        format!("<a href=\"{}\" rel=\"noopener noreferrer\">{text}</a>", attr(&s.url))
    } else {
        text
    }
}

/// `lang` (and `dir`) for text in a language other than the page's.
fn lang_attr(store: &Store, lang: &str) -> String {
    let lang = if lang.is_empty() { "en" } else { lang };
    if lang == store.locale.lang.code() {
        String::new()
    } else {
        let dir = if lang == "ur" || lang == "ar" { "rtl" } else { "ltr" };
        format!(" lang=\"{}\" dir=\"{dir}\"", attr(lang))
    }
}

fn citation_html(store: &Store, c: &Citation, out: &mut String) {
    let kind = match c.kind {
        "official" => format!("{} · ", store.msg(Msg::OfficialCount)),
        "independent" => format!("{} · ", store.msg(Msg::IndependentCount)),
        _ => String::new(),
    };
    out.push_str(&format!(
        "<p class=\"citation\"><span class=\"kind\">{}</span>{}",
        escape(&kind),
        source_link(store, &SourceLine::from(c))
    ));
    if !c.title.is_empty() {
        // A report's headline is cited in its own words and language; a
        // title in Latin script only is our English description of a report
        // in another language ("… in Hindi"), and is tagged as English.
        let lang = if in_latin_script(&c.title) { "en" } else { c.language.as_str() };
        out.push_str(&format!("<span class=\"report-title\"{}> — {}</span>", lang_attr(store, lang), escape(&c.title)));
    }
    out.push_str("</p>");
    let lang = lang_attr(store, &c.language);
    if c.quote.trim().is_empty() {
        // A newsroom's row without a quote is still charted, and says so plainly.
        out.push_str(&format!("<p class=\"no-quote\">{}</p>", escape(&store.msg(Msg::NoQuote))));
    } else {
        out.push_str(&format!("<blockquote{lang}>{}</blockquote>", quoted(&c.quote)));
    }
    if !c.translation.is_empty() {
        out.push_str(&format!(
            "<p class=\"translation\"><span class=\"label\">{}</span> {}</p>",
            escape(&store.msg(Msg::TranslationOurs)),
            quoted(&c.translation)
        ));
    }
    if !c.note.is_empty() {
        out.push_str(&format!("<p class=\"note\">{}</p>", escape(&c.note)));
    }
}

/// Who, when, the verbatim quote, and a derived value's formula.
pub fn provenance_html(store: &Store, p: &Provenance) -> String {
    let mut out = String::from("<div class=\"provenance\">");
    if !p.explanation.is_empty() {
        out.push_str(&format!(
            "<p class=\"formula\">{} {}</p>",
            escape(&store.msg(Msg::ComputedAs)),
            escape(&p.explanation)
        ));
    }
    for c in &p.citations {
        citation_html(store, c, &mut out);
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

fn table_line(store: &Store, l: &TableLine, grouped: bool, columns: usize, out: &mut String) {
    out.push_str("<tr>");
    if grouped {
        out.push_str(&format!("<td class=\"group\">{}</td>", escape(l.group)));
    }
    out.push_str("<th scope=\"row\">");
    if grouped && !l.group.is_empty() {
        out.push_str(&format!("<span class=\"inline-group\">{}: </span>", escape(l.group)));
    }
    let who = match l.provenance.citations.first() {
        _ if !l.provenance.explanation.is_empty() => escape(&store.msg(Msg::Computed)),
        Some(c) => source_name_html(store, &c.counter, &c.publisher),
        None => String::new(),
    };
    out.push_str(&format!(
        "{}</th><td class=\"num\"><span class=\"n\">{}</span><span class=\"inline-unit\"> {}</span></td>\
         <td class=\"unit\">{}</td><td class=\"who\">{}</td></tr>",
        escape(&l.item),
        escape(l.text),
        escape(l.unit),
        escape(l.unit),
        who
    ));
    let mark = l.mark.map(|m| format!(" data-mark=\"{m}\"")).unwrap_or_default();
    let which = if l.provenance.explanation.is_empty() { Msg::WhereFrom } else { Msg::HowComputed };
    let summary = store.msg_with(which, &[("value", l.text)]);
    out.push_str(&format!(
        "<tr class=\"prov\"><td colspan=\"{columns}\"><details class=\"source-details\"{mark}><summary>{}</summary>{}</details></td></tr>",
        escape(&summary),
        provenance_html(store, l.provenance)
    ));
}

/// The data table: a row per drawn value, per value a label states (share,
/// change), and per value the title, notes or boxes state; each with its
/// provenance in a full-width row under it.
pub fn table_html(meta: &ChartMeta, store: &Store) -> String {
    let grouped = meta.rows.iter().any(|r| !r.group.is_empty());
    let mut out = format!(
        "<div class=\"table-wrap\"><table class=\"data-table\"><caption>{}</caption><thead><tr>",
        escape(&meta.title)
    );
    let mut columns = vec![(Msg::ColItem, ""), (Msg::ColValue, "num"), (Msg::ColUnit, "unit"), (Msg::ColSource, "who")];
    if grouped {
        columns.insert(0, (Msg::ColMeasure, "group"));
    }
    for (name, class) in &columns {
        out.push_str(&format!("<th scope=\"col\" class=\"{class}\">{}</th>", escape(&store.msg(*name))));
    }
    out.push_str("</tr></thead><tbody>");
    let comma = if store.locale.rtl() { "، " } else { ", " };
    let also = |r: &'_ TableRow, a: &'_ Stated| format!("{}{comma}{}", r.label, a.name);
    for (i, r) in meta.rows.iter().enumerate() {
        let item = if r.part.is_empty() { r.label.clone() } else { format!("{}{comma}{}", r.label, r.part) };
        let line =
            TableLine { group: &r.group, item, text: &r.text, unit: &r.unit, provenance: &r.provenance, mark: Some(i) };
        table_line(store, &line, grouped, columns.len(), &mut out);
        for a in &r.also {
            let line = TableLine {
                group: &r.group,
                item: also(r, a),
                text: &a.text,
                unit: &a.unit,
                provenance: &a.provenance,
                mark: None,
            };
            table_line(store, &line, grouped, columns.len(), &mut out);
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
        table_line(store, &line, grouped, columns.len(), &mut out);
    }
    out.push_str("</tbody></table></div>");
    out
}

/// One tooltip per mark, in the marks' order, each with the sentence a
/// screen reader announces when the mark takes focus (`data-say`): what the
/// value is, its formula if derived, and who counted it.
fn tips_html(meta: &ChartMeta, store: &Store) -> String {
    let rtl = store.locale.rtl();
    let (comma, semi, stop) = if rtl { ("، ", "؛ ", "۔") } else { (", ", "; ", ".") };
    let mut out = String::from("<template class=\"chart-tips\">");
    for r in &meta.rows {
        let parts: Vec<&str> =
            [&r.group, &r.label, &r.part].into_iter().map(String::as_str).filter(|t| !t.is_empty()).collect();
        let value = format!("{} {}", r.text, r.unit);
        let mut who: Vec<String> = Vec::new();
        for c in &r.provenance.citations {
            let name = source_name_in(store, &c.counter, &c.publisher);
            if !who.contains(&name) {
                who.push(name);
            }
        }
        let mut say = format!("{}: {}{stop}", parts.join(comma), value.trim_end());
        for a in &r.also {
            say.push_str(&format!(" {} {} ({}){stop}", a.text, a.name, a.provenance.explanation));
        }
        if !r.provenance.explanation.is_empty() {
            say.push_str(&format!(" {} {}{stop}", store.msg(Msg::ComputedAs), r.provenance.explanation));
        }
        say.push_str(&format!(
            " {} {}{stop} {}",
            store.msg(Msg::SourceLine),
            who.join(semi),
            store.msg(Msg::EnterOpensSource)
        ));
        let source = match r.provenance.citations.first() {
            _ if !r.provenance.explanation.is_empty() => r.provenance.explanation.clone(),
            Some(c) => {
                let date = date_in(store, &c.date);
                let name = source_name_in(store, &c.counter, &c.publisher);
                if date.is_empty() {
                    name
                } else {
                    format!("{name}{comma}{date}")
                }
            }
            None => String::new(),
        };
        out.push_str(&format!(
            "<div data-say=\"{}\"><strong>{}</strong><span class=\"tip-value\">{}</span>",
            attr(&say),
            escape(&parts.join(" · ")),
            escape(value.trim_end())
        ));
        for a in &r.also {
            out.push_str(&format!("<span class=\"tip-also\">{}</span>", escape(&format!("{} {}", a.text, a.name))));
        }
        out.push_str(&format!("<span class=\"tip-source\">{}</span></div>", escape(&source)));
    }
    out.push_str("</template>");
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
    // The same core drew these; the canvas takes their place once the engine
    // runs. Each band of widths has its drawing (src/layout.rs band_floor),
    // and chart.css shows the one for the chart's own column (a container
    // query, so a narrow column on a wide screen gets the phone drawing): its
    // box is exactly the canvas's, so nothing moves. They are inline SVG, not
    // images, so the chart paints with the page's first paint (no request to
    // wait for), and chart.css maps their light colours to the figure's
    // theme, dark mode included, before any script runs.
    // The canvas draws from `data-spec`; its tooltips and announcements are
    // the `<template>`'s, written here so they are in the figure's language.
    // Its tabs and line breaks as character references: the DOM reads them
    // back the same, and a tool that re-serialises the page cannot fold them.
    let canvas_data = format!(" data-spec=\"{}\"", attr(&meta.drawing).replace('\t', "&#9;").replace('\n', "&#10;"));
    let tips = tips_html(meta, store);
    if let Some([wide, narrow]) = &o.drawings {
        let alt = attr(&meta.summary);
        // Shrunk into a narrower column, the drawing keeps to the text's side.
        let align = if store.locale.rtl() { "xMaxYMin" } else { "xMinYMin" };
        out.push_str(&format!("<div class=\"chart-body\"{canvas_data}>"));
        for (band, d) in [("wide", wide), ("narrow", narrow)] {
            out.push_str(&format!(
                "<svg class=\"chart-static {band}\" role=\"img\" aria-label=\"{alt}\" width=\"{w}\" height=\"{h}\" \
                 viewBox=\"0 0 {w} {h}\" preserveAspectRatio=\"{align} meet\" xmlns=\"http://www.w3.org/2000/svg\">{}</svg>",
                d.markup,
                w = d.width,
                h = d.height
            ));
        }
        out.push_str(&format!("{tips}</div>"));
    } else {
        // No drawing to carry the text alternative: the canvas takes it from here.
        out.push_str(&format!(
            "<div class=\"chart-body\"{canvas_data} data-summary=\"{}\">{tips}</div>",
            attr(&meta.summary)
        ));
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
            "<div class=\"differences\"><{sub}>{}</{sub}><ul>",
            escape(&store.msg_with(Msg::HowDiffer, &[("topic", &d.topic)]))
        ));
        for c in &d.counts {
            out.push_str(&format!("<li>{}</li>", escape(c)));
        }
        out.push_str(&format!("</ul><p>{}</p></div>", escape(&d.explanation)));
    }
    // Without scripts the table is a native disclosure (so an iframe's page
    // stays short); the script opens it and closes the table behind this
    // button instead, which keeps the table in the accessibility tree.
    let (show, hide) = (store.msg(Msg::ShowData), store.msg(Msg::HideData));
    out.push_str(&format!(
        "<button type=\"button\" class=\"data-toggle\" aria-expanded=\"false\" aria-controls=\"data-{id}\" hidden \
         data-show=\"{}\" data-hide=\"{}\">{}</button>\
         <details class=\"data-details\"><summary class=\"data-summary\">{}</summary>\
         <div class=\"chart-data\" id=\"data-{id}\" data-open=\"true\">{}</div></details>",
        attr(&show),
        attr(&hide),
        escape(&show),
        escape(&show),
        table_html(meta, store)
    ));
    out.push_str(&format!(
        "<footer class=\"chart-footer\"><p class=\"sources\">{} ",
        escape(&store.msg(Msg::SourceLine))
    ));
    let sources: Vec<String> = meta.sources.iter().map(|s| source_link(store, s)).collect();
    out.push_str(&sources.join(if store.locale.rtl() { "؛ " } else { "; " }));
    let data = match o.data_href {
        Some(href) => attr(href),
        None => format!("{base}data/{}.csv", attr(&store.data.id)),
    };
    let file = attr(&store.data.id);
    out.push_str(&format!(
        " · <a class=\"get-data\" href=\"{data}\" download=\"{file}.csv\">{}</a></p>",
        escape(&store.msg(Msg::GetData))
    ));
    if o.drawings.is_some() {
        out.push_str(&downloads_line(store, &id, &base));
    }
    out.push_str(&freshness_html(store));
    out.push_str(&translation_html(store, out.contains("class=\"untranslated\"")));
    out.push_str("</footer>");
    // The dashboard's own figures offer their embed codes; the script shows
    // the box and fills in the codes for the address it is served from.
    if o.drawings.is_some() && o.title_level >= 2 && o.theme.is_none() {
        out.push_str(&embed_box(store, &id));
    }
    out
}

/// The "Embed this chart" box, hidden until a script fills in its codes.
fn embed_box(store: &Store, id: &str) -> String {
    let v = store.locale.suffix();
    let digits = if store.locale.digits == crate::text::format::Digits::Urdu { "urdu" } else { "" };
    let mut out = format!(
        "<details class=\"embed-code site-only\" hidden data-page=\"embed-{id}{v}.html\" data-image=\"img/{id}{v}.svg\" \
         data-lang=\"{}\" data-digits=\"{digits}\"><summary>{}</summary><label for=\"embed-{id}-theme\">{}</label>\
         <select id=\"embed-{id}-theme\">",
        if store.locale.lang == Lang::En { "" } else { store.locale.lang.code() },
        escape(&store.msg(Msg::EmbedThis)),
        escape(&store.msg(Msg::Colours))
    );
    for (value, m) in [("light", Msg::ThemeLight), ("auto", Msg::ThemeAuto), ("dark", Msg::ThemeDark)] {
        out.push_str(&format!("<option value=\"{value}\">{}</option>", escape(&store.msg(m))));
    }
    out.push_str("</select>");
    for (kind, m) in [("iframe", Msg::EmbedIframe), ("script", Msg::EmbedScript)] {
        out.push_str(&format!(
            "<label for=\"embed-{id}-{kind}\">{}</label><textarea id=\"embed-{id}-{kind}\" data-kind=\"{kind}\" readonly rows=\"3\" spellcheck=\"false\" dir=\"ltr\"></textarea>\
             <button type=\"button\" data-copied=\"{}\" data-by-hand=\"{}\">{}</button>",
            escape(&store.msg(m)),
            attr(&store.msg(Msg::Copied)),
            attr(&store.msg(Msg::CopyByHand)),
            escape(&store.msg(Msg::Copy))
        ));
    }
    out.push_str("</details>");
    out
}

/// Who translated what a reader sees and whether a fluent reader checked it,
/// and, when some words had no translation, that those are shown in English.
pub fn translation_html(store: &Store, untranslated: bool) -> String {
    if store.locale.lang == Lang::En {
        return String::new();
    }
    let code = store.locale.lang.code();
    let (made_by, checked) = match store.data.translations.get(code) {
        Some(t) => (t.made_by.clone(), t.checked),
        None => crate::text::ui::UI_TRANSLATIONS
            .iter()
            .find(|t| t.0 == code)
            .map_or((String::new(), false), |t| (t.2.to_owned(), t.3)),
    };
    let mut out = String::from("<p class=\"translation-credit\">");
    if !made_by.is_empty() {
        out.push_str(&escape(&store.msg_with(Msg::TranslatedBy, &[("made_by", &made_by)])));
        out.push(' ');
    }
    out.push_str(&escape(&store.msg(if checked { Msg::Checked } else { Msg::NotChecked })));
    if untranslated {
        out.push_str(&format!(
            " <span class=\"untranslated-note\">{}</span>",
            escape(&store.msg(Msg::UntranslatedNote))
        ));
    }
    out.push_str("</p>");
    out
}

/// The chart to take away, as the build drew it (`download/`, by pk-render):
/// PNG at 2× (1× and 3× beside it), SVG, its own values as CSV, and its page
/// to share (with its card). Plain links: no script, offline, keyboard-reachable.
/// `site-only`: a single-file copy of the page has no `download/` beside it.
fn downloads_line(store: &Store, id: &str, base: &str) -> String {
    let file = |name: &str, text: &str| {
        format!("<a href=\"{base}download/{name}\" download=\"{name}\" type=\"{}\">{text}</a>", download_type(name))
    };
    let csv = file(&format!("{id}.csv"), &escape(&store.msg(Msg::DataCsv)));
    let lead = escape(&store.msg(Msg::DownloadChart));
    if store.locale.lang != Lang::En {
        // The posters and cards are drawn with a Latin-only font: in another
        // language the chart to take away is its own drawing, and its data.
        let v = store.locale.suffix();
        return format!(
            "<p class=\"downloads site-only\">{lead} <a href=\"{base}img/{id}{v}.svg\" download=\"{id}{v}.svg\" type=\"image/svg+xml\">SVG</a> · {csv}</p>"
        );
    }
    format!(
        "<p class=\"downloads site-only\">{lead} {} ({}, {}) · {} · {csv} · <a href=\"{base}chart/{id}.html\">{}</a></p>",
        file(&format!("{id}.png"), "PNG"),
        file(&format!("{id}@1x.png"), "1×"),
        file(&format!("{id}@3x.png"), "3×"),
        file(&format!("{id}.svg"), "SVG"),
        escape(&store.msg(Msg::PageToShare)),
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
    let updated = date_in(store, &store.data.updated);
    if !updated.is_empty() {
        out.push_str(&format!(
            "{} <time datetime=\"{}\">{}</time>",
            escape(&store.msg(Msg::DataUpdated)),
            attr(&store.data.updated),
            escape(&updated)
        ));
    }
    let c = &store.data.corrections;
    if !c.text.is_empty() {
        if !updated.is_empty() {
            out.push_str(" · ");
        }
        let text = escape(&store.tr(&c.text));
        if safe_url(&c.url) {
            out.push_str(&format!("<a class=\"corrections\" href=\"{}\">{text}</a>", attr(&c.url)));
        } else {
            out.push_str(&format!("<span class=\"corrections\">{text}</span>"));
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
         <h2 id=\"timeline-title\">",
    );
    out.push_str(&escape(&store.msg(Msg::Context)));
    out.push_str("</h2><ol class=\"timeline-list\">");
    for t in crate::meta::timeline(store)? {
        let when = if t.end_date.is_empty() {
            date_in(store, &t.date)
        } else {
            format!("{} – {}", date_in(store, &t.date), date_in(store, &t.end_date))
        };
        let en = lang_attr(store, "en");
        let translation = match store.words.get(&t.quote) {
            Some(tr) if store.locale.lang != Lang::En && tr != t.quote => format!(
                "<p class=\"translation\"><span class=\"label\">{}</span> {}</p>",
                escape(&store.msg(Msg::TranslationOurs)),
                quoted(tr)
            ),
            _ => String::new(),
        };
        out.push_str(&format!(
            "<li><time datetime=\"{}\">{}</time><span class=\"event\">{}</span><details class=\"source-details\">\
             <summary>{}</summary><blockquote{en}>{}</blockquote>{translation}<p class=\"citation\">{}<span class=\"report-title\"{en}> — {}</span></p></details></li>",
            attr(&t.date),
            escape(&when),
            escape(&store.tr(&t.label)),
            escape(&store.msg(Msg::Source)),
            quoted(&t.quote),
            source_link(store, &t.source),
            escape(&t.source.title)
        ));
    }
    out.push_str("</ol></section>");
    Ok(out)
}

/// The dashboard's heading: the dataset's title and description.
pub fn heading_html(store: &Store) -> String {
    let mut out = format!("<h1>{}</h1>", escape(&store.tr(&store.data.title)));
    if !store.data.description.is_empty() {
        // The keyboard's way to the sources needs the script: a reader without
        // one is not told of it (style.css hides it under `scripting: none`).
        out.push_str(&format!(
            "<p class=\"lede\">{} <span class=\"with-script\">{}</span></p>",
            escape(&store.tr(&store.data.description)),
            escape(&store.msg(Msg::KeysHint))
        ));
    }
    out
}

/// The dashboard's footer links: the whole dataset, as CSV and JSON.
pub fn downloads_html(store: &Store) -> String {
    let id = attr(&store.data.id);
    format!(
        "<a href=\"data/{id}.csv\">{}</a> · <a href=\"data/{id}.json\">JSON</a>",
        escape(&store.msg(Msg::DownloadAll))
    )
}

/// The dashboard's footer sentence: where figures link, the downloads, and
/// (on the site) the page for charting one's own figures.
pub fn page_footer_html(store: &Store) -> String {
    format!(
        "{} {}<span class=\"site-only\"> · <a href=\"make.html\">{}</a></span>",
        escape(&store.msg(Msg::EveryFigureLinks)),
        downloads_html(store),
        escape(&store.msg(Msg::MakeYourOwn))
    )
}

/// The licence line under the dashboard.
pub fn licence_html(store: &Store) -> String {
    escape(&store.msg(Msg::Licence))
}

/// Links to the same page in the other languages and digits the build wrote
/// (`index.ur.html`, `index.ur-arabext.html`): plain links, so the choice
/// works without scripts. `page` is the page's name without `.html`.
pub fn language_nav_html(store: &Store, page: &str) -> String {
    use crate::text::format::Digits;
    use crate::text::locale::Locale;
    let here = store.locale;
    let link = |to: Locale, m: Msg, lang: &str| {
        let dir = if lang == "ur" { "rtl" } else { "ltr" };
        format!(
            "<a href=\"{}{}.html\" hreflang=\"{lang}\" lang=\"{lang}\" dir=\"{dir}\">{}</a>",
            attr(page),
            to.suffix(),
            escape(m.en_or(store, lang))
        )
    };
    let mut links = Vec::new();
    if here.lang == Lang::En {
        links.push(link(Locale::urdu(Digits::Latin), Msg::ReadInUrdu, "ur"));
    } else {
        links.push(link(Locale::default(), Msg::ReadInEnglish, "en"));
        if here.digits == Digits::Latin {
            links.push(link(Locale::urdu(Digits::Urdu), Msg::UrduDigits, "ur"));
        } else {
            links.push(link(Locale::urdu(Digits::Latin), Msg::WesternDigits, "ur"));
        }
    }
    format!(
        "<nav class=\"language-nav site-only\" aria-label=\"{}\">{}</nav>",
        attr(&store.msg(Msg::LanguageNav)),
        links.join(" · ")
    )
}

/// A chart's complete `<figure>`, in its loading state.
pub fn figure(meta: &ChartMeta, store: &Store, o: &Options) -> String {
    let theme = o.theme.map(|t| format!(" data-theme=\"{}\"", attr(t))).unwrap_or_default();
    // In another language the figure says so; its drawing (`data-spec`)
    // already carries the words and digits its canvas draws.
    let locale = if store.locale.lang == Default::default() {
        String::new()
    } else {
        let dir = if store.locale.rtl() { "rtl" } else { "ltr" };
        format!(" lang=\"{}\" dir=\"{dir}\"", store.locale.lang.code())
    };
    format!(
        "<figure class=\"chart pk-chart\" data-chart=\"{}\" data-state=\"loading\"{theme}{locale} data-failed=\"{}\">{}</figure>",
        attr(&meta.id),
        attr(&store.msg(Msg::ChartFailed)),
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
        let drawn = |width| Drawing { markup: "<rect/>".into(), width, height: width / 2 };
        let html = figure(&meta, store, &Options::dashboard([drawn(640), drawn(320)]));
        (meta, html)
    }

    #[test]
    fn every_value_and_its_quote_is_in_the_figure() {
        for id in chart_ids(Store::builtin().expect("built-in dataset")) {
            let (meta, html) = page(id);
            assert!(html.starts_with(&format!("<figure class=\"chart pk-chart\" data-chart=\"{id}\"")), "{id}");
            assert!(html.contains("<svg class=\"chart-static wide\" role=\"img\" aria-label=\""), "{id}");
            assert!(html.contains("width=\"640\" height=\"320\" viewBox=\"0 0 640 320\""), "{id}");
            assert!(html.contains("width=\"320\" height=\"160\" viewBox=\"0 0 320 160\""), "{id}");
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
        let o = Options { base: "", title_level: 1, drawings: None, data_href: None, theme: None };
        assert!(!figure(&meta, store, &o).contains("download/"));
    }

    #[test]
    fn quotation_marks_never_double_up() {
        assert_eq!(quoted("killed 2,597 militants"), "“killed 2,597 militants”");
        // A verbatim quote that quotes someone keeps its own marks inside single ones.
        assert_eq!(quoted("“The past year,” he said"), "‘“The past year,” he said’");
        assert_eq!(quoted("a \"b\" <c>"), "‘a &quot;b&quot; &lt;c&gt;’");
        let store = Store::builtin().unwrap_or_else(|e| panic!("{e}"));
        let context = timeline_html(store).unwrap_or_else(|e| panic!("{e}"));
        assert!(!context.contains("““") && !context.contains("””"), "{context}");
    }

    #[test]
    fn a_translation_is_labelled_as_one() {
        let (_, html) = page("militants-killed-by-source");
        // Our English description of a Hindi report is English, the quote Hindi.
        assert!(html.contains("<span class=\"report-title\"> — Report on CRSS&#39;s 2025 count, in Hindi"), "{html}");
        assert!(html.contains("<blockquote lang=\"hi\" dir=\"ltr\">"), "{html}");
        assert!(html.contains("Translation (ours, not the source&#39;s words):</span> “Owing to"), "{html}");
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
                drawings: Some([0, 1].map(|_| Drawing { markup: String::new(), width: 1, height: 1 })),
                data_href: None,
                theme: None,
            },
        );
        assert!(html.contains("A &lt;b&gt;&amp;&quot;title&quot;"), "{html}");
        assert!(html.contains("aria-label=\"say &quot;hi&quot; &lt;script&gt;\""), "{html}");
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
