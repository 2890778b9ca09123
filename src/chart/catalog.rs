//! Charts from their declarations in the dataset (`charts` in the JSON): each
//! row names a figure or derived id, and every text is a template whose
//! numbers come from the data, so nothing a chart says is typed twice. The
//! values a title, note or label states in words are collected as the chart's
//! citations, to be traced like every drawn value.

use crate::data::{ChartDecl, DataError, RowDecl};
use crate::store::{Store, Style, ValueRef};
use crate::text::ui::Msg;

use crate::spec::{ChartSpec, Panel, Row, Segment, Tone};

/// The ids of every chart the dataset declares, in its order.
pub fn chart_ids(store: &Store) -> Vec<&str> {
    store.data.charts.iter().map(|c| c.id.as_str()).collect()
}

/// Builds the chart with this id from its declaration.
pub fn build(id: &str, store: &Store) -> Result<ChartSpec, DataError> {
    let decl = store
        .data
        .chart(id)
        .ok_or_else(|| DataError::UnknownFigure { context: "chart id".to_owned(), id: id.to_owned() })?;
    from_decl(decl, store)
}

/// What a value is drawn as: its own source's kind, or hatched when declared.
fn tone(store: &Store, r: &ValueRef, hatched: bool) -> Tone {
    if hatched {
        return Tone::IndependentPart;
    }
    // A derived value takes the kind of the count it is computed from.
    let figure = match r {
        ValueRef::Figure(id) => Some(id.as_str()),
        ValueRef::Derived(id) => store.derived(id).and_then(|d| d.inputs.first()).map(String::as_str),
    };
    match figure.and_then(|f| store.kind(f)) {
        Some(crate::data::Kind::Independent) => Tone::Independent,
        _ => Tone::Official,
    }
}

fn segment(store: &Store, id: &str, name: &str, hatched: bool, style: Style) -> Result<Segment, DataError> {
    let r = Store::reference(id);
    let unit = match &r {
        ValueRef::Figure(f) => store.data.figure(f).map(|f| f.unit.clone()),
        ValueRef::Derived(d) => store.derived(d).map(|d| d.unit.clone()),
    }
    .unwrap_or_default();
    Ok(Segment {
        value: store.value(&r)?,
        text: store.display(&r, style)?,
        tone: tone(store, &r, hatched),
        value_ref: r,
        name: store.tr(name),
        unit: store.tr(&unit),
    })
}

fn row(store: &Store, r: &RowDecl, chart: &str) -> Result<Row, DataError> {
    let mut segments = Vec::new();
    if !r.value.is_empty() {
        segments.push(segment(store, &r.value, "", r.hatched, Style::Plain)?);
    }
    for p in &r.parts {
        segments.push(segment(store, &p.value, &p.name, p.hatched, Style::Plain)?);
    }
    // Refused clearly rather than drawn as an empty bar: a zero-based bar of −9 reads as 0.
    if let Some(s) = segments.iter().find(|s| s.value < 0.0) {
        return Err(DataError::Negative { chart: chart.to_owned(), label: r.label.clone(), value: s.text.clone() });
    }
    if segments.is_empty() {
        return Err(DataError::Empty { what: "chart row", id: format!("{chart}: {}", r.label), field: "value" });
    }
    let value_text = if r.text.is_empty() {
        segments.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" + ")
    } else {
        store.fill(&r.text)?
    };
    let mut also = Vec::new();
    for a in &r.also {
        let style = Style::parse(&a.style).ok_or_else(|| DataError::UnknownFigure {
            context: format!("{chart}: style"),
            id: format!("{} (styles: {})", a.style, Style::NAMES),
        })?;
        also.push(segment(store, &a.value, &a.name, false, style)?);
    }
    let annotation = if !r.event.is_empty() {
        store
            .data
            .event(&r.event)
            .map(|e| store.tr(&e.label))
            .ok_or_else(|| DataError::UnknownFigure { context: format!("{chart}: event"), id: r.event.clone() })?
    } else {
        store.fill(&r.annotation)?
    };
    Ok(Row { label: store.tr(&r.label), short: store.tr(&r.short), segments, value_text, annotation, also })
}

/// `{rows}`: every bar as "label value"; `{panels}`: every pair as
/// "heading: value in label, value in label". Returns the template with those
/// two marked, and their texts, to be put in once the rest is filled.
fn summary(template: &str, panels: &[Panel], store: &Store) -> (String, String, String) {
    let rows: Vec<String> = panels
        .iter()
        .flat_map(|p| &p.rows)
        .map(|r| format!("{} {}", r.label, r.value_text.replace(" · ", ", ")))
        .collect();
    let pairs: Vec<String> = panels
        .iter()
        .map(|p| {
            let each: Vec<String> = p
                .rows
                .iter()
                .map(|r| store.msg_with(Msg::ValueInLabel, &[("value", &r.value_text), ("label", &r.label)]))
                .collect();
            format!("{}: {}", p.heading, each.join(", "))
        })
        .collect();
    // The lists go in after the template is filled: a label's own braces are text.
    (template.replace("{rows}", ROWS).replace("{panels}", PANELS), rows.join("; "), pairs.join(". "))
}

/// Where `{rows}` and `{panels}` stand in a template while it is filled.
const ROWS: &str = "\u{e000}rows\u{e000}";
const PANELS: &str = "\u{e000}panels\u{e000}";

fn from_decl(d: &ChartDecl, store: &Store) -> Result<ChartSpec, DataError> {
    let mut panels = Vec::new();
    for p in &d.panels {
        let mut rows = p.rows.iter().map(|r| row(store, r, &d.id)).collect::<Result<Vec<_>, _>>()?;
        if p.sort == "desc" {
            rows.sort_by(|x, y| y.total().total_cmp(&x.total()));
        }
        panels.push(Panel { heading: store.tr(&p.heading), rows });
    }
    let (title, mut stated) = store.fill_traced(&d.title)?;
    let (subtitle, refs) = store.fill_traced(&d.subtitle)?;
    stated.extend(refs);
    let mut notes = Vec::new();
    for n in &d.notes {
        let (text, refs) = store.fill_traced(n)?;
        notes.push(text);
        stated.extend(refs);
    }
    for r in d.panels.iter().flat_map(|p| &p.rows) {
        stated.extend(store.fill_traced(&r.text)?.1);
        stated.extend(store.fill_traced(&r.annotation)?.1);
    }
    let (template, rows, pairs) = summary(&store.tr(&d.summary), &panels, store);
    let summary = store.fill_exact(&template)?.0.replace(ROWS, &rows).replace(PANELS, &pairs);
    // Values stated in words but neither drawn nor listed beside a bar.
    let mut cites: Vec<Segment> = Vec::new();
    for r in stated {
        let id = match &r {
            ValueRef::Figure(id) | ValueRef::Derived(id) => id.clone(),
        };
        let shown = panels
            .iter()
            .flat_map(|p| &p.rows)
            .flat_map(|row| row.segments.iter().chain(&row.also))
            .chain(&cites)
            .any(|s| s.value_ref == r);
        if !shown {
            cites.push(segment(store, &id, "", false, Style::Plain)?);
        }
    }
    Ok(ChartSpec { id: d.id.clone(), title, subtitle, panels, notes, summary, cites, locale: store.locale })
}
