//! Everything about a chart that the page shows as HTML text rather than on
//! the canvas: title, subtitle, summary, notes, the data table with each row's
//! provenance, the sources, and where counts disagree, and the packed drawing
//! the figure hands the browser's canvas.

use crate::data::DataError;
use crate::spec::{ChartSpec, Segment};
use crate::store::{Citation, Provenance, Store, ValueRef};
use crate::text::ui::Msg;

/// One row of the data table: one bar or bar part.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    /// Panel heading.
    pub group: String,
    /// Row label.
    pub label: String,
    /// Part name, for stacked bars.
    pub part: String,
    /// The value, unrounded.
    pub value: f64,
    /// The value as shown.
    pub text: String,
    /// Unit.
    pub unit: String,
    /// `official`, `independent` or `derived`.
    pub kind: &'static str,
    /// Where it comes from.
    pub provenance: Provenance,
    /// Values the bar's label states besides its own (share, change).
    pub also: Vec<Stated>,
}

/// A value a chart states in words (a share in a label, a ratio in a title)
/// rather than as a bar: shown in the table with its provenance all the same.
#[derive(Debug, Clone, PartialEq)]
pub struct Stated {
    /// What it is (`share of the total`, or the figure's own label).
    pub name: String,
    /// As shown.
    pub text: String,
    /// Unit.
    pub unit: String,
    /// Where it comes from.
    pub provenance: Provenance,
}

/// A source line of the footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLine {
    /// Who counted.
    pub counter: String,
    /// Outlet.
    pub publisher: String,
    /// Title or description.
    pub title: String,
    /// ISO date, may be empty.
    pub date: String,
    /// Link, may be empty.
    pub url: String,
}

impl From<&Citation> for SourceLine {
    fn from(c: &Citation) -> SourceLine {
        SourceLine {
            counter: c.counter.clone(),
            publisher: c.publisher.clone(),
            title: c.title.clone(),
            date: c.date.clone(),
            url: c.url.clone(),
        }
    }
}

/// A disagreement between counts that bears on this chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// What is counted.
    pub topic: String,
    /// One line per figure: `ISPR (official): 2,597`.
    pub counts: Vec<String>,
    /// Why they differ.
    pub explanation: String,
}

/// The HTML side of a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartMeta {
    /// Chart id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Subtitle.
    pub subtitle: String,
    /// Screen-reader summary.
    pub summary: String,
    /// Notes.
    pub notes: Vec<String>,
    /// Data table rows, same order as the marks.
    pub rows: Vec<TableRow>,
    /// Values stated in the title or notes, not drawn.
    pub cited: Vec<Stated>,
    /// Every report the chart drew on.
    pub sources: Vec<SourceLine>,
    /// Disagreements touching the chart's figures.
    pub differences: Vec<Difference>,
    /// What the canvas draws, for the browser's wasm ([`crate::chart::pack`]).
    pub drawing: String,
}

/// Adds each report of `p` to the footer's list, once.
fn cite_all(sources: &mut Vec<SourceLine>, p: &Provenance) {
    for c in &p.citations {
        let line = SourceLine::from(c);
        if !sources.contains(&line) {
            sources.push(line);
        }
    }
}

fn stated(store: &Store, seg: &Segment, sources: &mut Vec<SourceLine>) -> Result<Stated, DataError> {
    let provenance = store.provenance(&seg.value_ref)?;
    cite_all(sources, &provenance);
    let name = match (&seg.value_ref, seg.name.is_empty()) {
        (_, false) => seg.name.clone(),
        (ValueRef::Figure(id), true) => store.data.figure(id).map(|f| store.tr(&f.label)).unwrap_or_default(),
        (ValueRef::Derived(id), true) => store.derived(id).map(|d| store.tr(&d.label)).unwrap_or_default(),
    };
    Ok(Stated { name, text: seg.text.clone(), unit: seg.unit.clone(), provenance })
}

/// A disagreement shows under the charts it names; one that names none shows
/// under any chart drawing two or more of its counts.
fn shows_here(d: &crate::data::Disagreement, chart: &str, drawn: &[String]) -> bool {
    if !d.charts.is_empty() {
        return d.charts.iter().any(|c| c == chart);
    }
    let n = d.figures.iter().filter(|f| drawn.contains(f)).count();
    n > 0 && n >= d.figures.len().min(2)
}

fn unit_of(store: &Store, r: &ValueRef) -> String {
    match r {
        ValueRef::Figure(id) => store.data.figure(id).map(|f| store.tr(&f.unit)),
        ValueRef::Derived(id) => store.derived(id).map(|d| store.tr(&d.unit)),
    }
    .unwrap_or_default()
}

/// Builds the HTML side of a chart spec.
pub fn chart_meta(spec: &ChartSpec, store: &Store) -> Result<ChartMeta, DataError> {
    let mut rows = Vec::new();
    let mut sources: Vec<SourceLine> = Vec::new();
    // Figures drawn as themselves (not only as inputs of a derived value).
    let mut figures: Vec<String> = Vec::new();
    for (panel, row, seg) in spec.segments() {
        let provenance = store.provenance(&seg.value_ref)?;
        cite_all(&mut sources, &provenance);
        // Official or independent is the source's own kind, not the bar's colour.
        let kind = match &seg.value_ref {
            ValueRef::Derived(_) => "derived",
            ValueRef::Figure(id) => {
                figures.push(id.clone());
                store.kind(id).map_or("independent", |k| k.as_str())
            }
        };
        // A row's stated values belong to its last part, where its label is.
        let last = row.segments.last().is_some_and(|l| std::ptr::eq(l, seg));
        let also = if last {
            row.also.iter().map(|a| stated(store, a, &mut sources)).collect::<Result<_, _>>()?
        } else {
            Vec::new()
        };
        rows.push(TableRow {
            group: panel.heading.clone(),
            label: row.label.clone(),
            part: seg.name.clone(),
            value: seg.value,
            text: seg.text.clone(),
            unit: seg.unit.clone(),
            kind,
            provenance,
            also,
        });
    }
    let mut cited = spec.cites.iter().map(|c| stated(store, c, &mut sources)).collect::<Result<Vec<_>, _>>()?;
    let mut differences = Vec::new();
    for d in &store.data.disagreements {
        if !shows_here(d, &spec.id, &figures) {
            continue;
        }
        let mut counts = Vec::new();
        for id in &d.figures {
            let c = store.citation(id)?;
            let f = store
                .data
                .figure(id)
                .ok_or_else(|| DataError::UnknownFigure { context: d.id.clone(), id: id.clone() })?;
            let value = store.display(&ValueRef::Figure(id.clone()), crate::store::Style::Plain)?;
            let kind = match c.kind {
                "official" => store.msg(Msg::Official),
                "independent" => store.msg(Msg::Independent),
                other => other.to_owned(),
            };
            let label = store.tr(&f.label);
            counts.push(store.msg_with(
                Msg::CountLine,
                &[("counter", &c.counter), ("kind", &kind), ("value", &value), ("label", &label)],
            ));
            // Every count in the box is traceable from the footer too.
            cite_all(&mut sources, &store.provenance(&ValueRef::Figure(id.clone()))?);
        }
        let (explanation, refs) = store.fill_traced(&d.explanation)?;
        // Values the box states that the table does not list yet get rows of their own.
        for r in refs.iter().chain(d.figures.iter().map(|id| Store::reference(id)).collect::<Vec<_>>().iter()) {
            let id = match r {
                ValueRef::Figure(id) | ValueRef::Derived(id) => id,
            };
            let listed = rows
                .iter()
                .any(|row: &TableRow| &row.provenance.id == id || row.also.iter().any(|a| &a.provenance.id == id))
                || cited.iter().any(|c: &Stated| &c.provenance.id == id);
            if !listed {
                let seg = Segment {
                    value: store.value(r)?,
                    value_ref: r.clone(),
                    tone: crate::spec::Tone::Official,
                    name: String::new(),
                    text: store.display(r, crate::store::Style::Plain)?,
                    unit: unit_of(store, r),
                };
                cited.push(stated(store, &seg, &mut sources)?);
            }
        }
        differences.push(Difference { topic: store.tr(&d.topic), counts, explanation });
    }
    Ok(ChartMeta {
        id: spec.id.to_owned(),
        title: spec.title.clone(),
        subtitle: spec.subtitle.clone(),
        summary: spec.summary.clone(),
        notes: spec.notes.clone(),
        rows,
        cited,
        sources,
        differences,
        drawing: crate::chart::pack::pack(spec),
    })
}

/// A timeline entry.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineEntry {
    /// ISO date or month.
    pub date: String,
    /// Last day, may be empty.
    pub end_date: String,
    /// What happened.
    pub label: String,
    /// The sentence that states it.
    pub quote: String,
    /// The report.
    pub source: SourceLine,
}

/// The context events, oldest first.
pub fn timeline(store: &Store) -> Result<Vec<TimelineEntry>, DataError> {
    let mut out = Vec::new();
    for e in &store.data.events {
        let s = store
            .data
            .source(&e.source)
            .ok_or_else(|| DataError::UnknownSource { owner: e.id.clone(), source_id: e.source.clone() })?;
        out.push(TimelineEntry {
            date: e.date.clone(),
            end_date: e.end_date.clone(),
            label: e.label.clone(),
            quote: e.quote.clone(),
            // An event is the outlet's own statement, not a count: credit the outlet.
            source: SourceLine {
                counter: s.publisher.clone(),
                publisher: s.publisher.clone(),
                title: s.title.clone(),
                date: s.date.clone(),
                url: s.url.clone(),
            },
        });
    }
    out.sort_unstable_by(|a, b| a.date.cmp(&b.date));
    Ok(out)
}
