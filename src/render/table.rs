//! A chart's own values as CSV, for a fact-checker: one row per line of the
//! chart's data table (its bars, the values its labels state, the values its
//! title, notes and boxes state), in the table's order, each with its unit,
//! who counted it, the report, date, address and verbatim quote, and for a
//! computed value its formula and the formula with numbers.
//!
//! A computed value draws on several reports: their fields are listed in the
//! same order in each column, separated by ` | `.

use crate::html::source_name;
use crate::meta::ChartMeta;
use crate::store::{Provenance, Store};

/// The columns, in order.
pub const HEADER: [&str; 18] = [
    "chart",
    "measure",
    "item",
    "value",
    "shown",
    "unit",
    "kind",
    "source",
    "publisher",
    "report",
    "date",
    "url",
    "quote",
    "language",
    "translation",
    "note",
    "formula",
    "explanation",
];

/// Between the fields of a computed value's several reports.
pub const SEPARATOR: &str = " | ";

/// One table line before it is written.
struct Line<'a> {
    measure: &'a str,
    item: String,
    value: f64,
    shown: &'a str,
    unit: &'a str,
    kind: &'a str,
    provenance: &'a Provenance,
}

/// Every line of the chart's table as CSV (RFC 4180, `\n` line ends, a header row).
pub fn chart_csv(meta: &ChartMeta, store: &Store) -> Result<String, String> {
    let mut lines = Vec::new();
    let stated_value = |p: &Provenance| store.value(&Store::reference(&p.id)).map_err(|e| format!("{}: {e}", meta.id));
    let kind_of = |p: &Provenance| -> &'static str {
        match p.citations.first() {
            _ if !p.formula.is_empty() => "derived",
            Some(c) => c.kind,
            None => "",
        }
    };
    for r in &meta.rows {
        let item = if r.part.is_empty() { r.label.clone() } else { format!("{}, {}", r.label, r.part) };
        lines.push(Line {
            measure: &r.group,
            item,
            value: r.value,
            shown: &r.text,
            unit: &r.unit,
            kind: r.kind,
            provenance: &r.provenance,
        });
        for a in &r.also {
            lines.push(Line {
                measure: &r.group,
                item: format!("{}, {}", r.label, a.name),
                value: stated_value(&a.provenance)?,
                shown: &a.text,
                unit: &a.unit,
                kind: kind_of(&a.provenance),
                provenance: &a.provenance,
            });
        }
    }
    for c in &meta.cited {
        lines.push(Line {
            measure: "",
            item: c.name.clone(),
            value: stated_value(&c.provenance)?,
            shown: &c.text,
            unit: &c.unit,
            kind: kind_of(&c.provenance),
            provenance: &c.provenance,
        });
    }
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    let fail = |e: csv::Error| format!("{}: cannot write CSV: {e}", meta.id);
    w.write_record(HEADER).map_err(fail)?;
    for l in &lines {
        let cites = &l.provenance.citations;
        let join =
            |f: &dyn Fn(&crate::store::Citation) -> String| cites.iter().map(f).collect::<Vec<_>>().join(SEPARATOR);
        let value = l.value.to_string();
        let record: [String; 18] = [
            meta.id.clone(),
            l.measure.to_owned(),
            l.item.clone(),
            value,
            l.shown.to_owned(),
            l.unit.to_owned(),
            l.kind.to_owned(),
            join(&|c| source_name(&c.counter, &c.publisher)),
            join(&|c| c.publisher.clone()),
            join(&|c| c.title.clone()),
            join(&|c| c.date.clone()),
            join(&|c| c.url.clone()),
            join(&|c| c.quote.clone()),
            join(&|c| c.language.clone()),
            join(&|c| c.translation.clone()),
            join(&|c| c.note.clone()),
            l.provenance.formula.clone(),
            l.provenance.explanation.clone(),
        ];
        w.write_record(&record).map_err(fail)?;
    }
    let bytes = w.into_inner().map_err(|e| format!("{}: cannot write CSV: {e}", meta.id))?;
    String::from_utf8(bytes).map_err(|e| format!("{}: CSV is not UTF-8: {e}", meta.id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::{build, chart_ids};
    use crate::meta::chart_meta;

    #[test]
    fn one_row_per_table_line_with_its_sources() {
        let store = Store::builtin().unwrap_or_else(|e| panic!("{e}"));
        for id in chart_ids(store) {
            let meta = build(id, store).and_then(|s| chart_meta(&s, store)).unwrap_or_else(|e| panic!("{id}: {e}"));
            let text = chart_csv(&meta, store).unwrap_or_else(|e| panic!("{e}"));
            let mut reader = csv::Reader::from_reader(text.as_bytes());
            let header: Vec<String> =
                reader.headers().unwrap_or_else(|e| panic!("{e}")).iter().map(str::to_owned).collect();
            assert_eq!(header, HEADER, "{id}");
            let rows: Vec<csv::StringRecord> =
                reader.records().collect::<Result<_, _>>().unwrap_or_else(|e| panic!("{e}"));
            let expected = meta.rows.iter().map(|r| 1 + r.also.len()).sum::<usize>() + meta.cited.len();
            assert_eq!(rows.len(), expected, "{id}");
            // The table's order: each bar, then the values its label states; then the cited ones.
            let shown: Vec<&str> = meta
                .rows
                .iter()
                .flat_map(|r| std::iter::once(r.text.as_str()).chain(r.also.iter().map(|a| a.text.as_str())))
                .chain(meta.cited.iter().map(|c| c.text.as_str()))
                .collect();
            assert_eq!(rows.iter().map(|r| r.get(4).unwrap_or("")).collect::<Vec<_>>(), shown, "{id}");
            let bars = rows.iter().filter(|r| r.get(2).is_some_and(|item| meta.rows.iter().any(|m| m.label == item)));
            for (row, r) in bars.zip(meta.rows.iter().filter(|r| r.part.is_empty())) {
                assert_eq!(row.get(3).and_then(|v| v.parse::<f64>().ok()), Some(r.value), "{id}");
            }
            for row in &rows {
                let derived = row.get(6) == Some("derived");
                assert_eq!(derived, !row.get(16).unwrap_or("").is_empty(), "{id}: {row:?}");
                assert!(!row.get(7).unwrap_or("").is_empty(), "{id}: a row without its source: {row:?}");
            }
        }
    }
}
