//! The dataset as downloads for readers who want the numbers: CSV with one row
//! per published figure and per derived one (with its formula and inputs), and
//! JSON in the dataset's own schema plus the derived figures.

use serde::Serialize;

use crate::data::Dataset;
use crate::derive::Derived;
use crate::store::Store;

const HEADER: &str = "id,label,value,unit,period,area,approximate,qualifier,counter,kind,publisher,title,date,url,quote,language,translation,note,formula,inputs,explanation";

/// One CSV cell, quoted when it holds a comma, quote or line break.
fn cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        v.to_string()
    }
}

fn line(out: &mut String, fields: &[&str]) {
    let cells: Vec<String> = fields.iter().map(|x| cell(x)).collect();
    out.push_str(&cells.join(","));
    out.push('\n');
}

/// Every figure of the store, then every derived figure, as CSV (RFC 4180,
/// `\n` line ends). A derived row's `kind` is `derived`; its `formula` names
/// the inputs by id and `explanation` gives it with numbers.
pub fn csv(store: &Store) -> String {
    let mut out = String::from(HEADER);
    out.push('\n');
    for f in &store.data.figures {
        let s = store.data.source(&f.source);
        let value = number(f.value);
        line(
            &mut out,
            &[
                f.id.as_str(),
                &f.label,
                &value,
                &f.unit,
                &f.period,
                &f.area,
                if f.approximate { "true" } else { "false" },
                f.hedge(),
                s.map_or("", |s| s.counter.as_str()),
                s.map_or("", |s| s.kind.as_str()),
                s.map_or("", |s| s.publisher.as_str()),
                s.map_or("", |s| s.title.as_str()),
                s.map_or("", |s| s.date.as_str()),
                s.map_or("", |s| s.url.as_str()),
                &f.quote,
                s.map_or("", |s| s.language.as_str()),
                &f.translation,
                &f.note,
                "",
                "",
                "",
            ],
        );
    }
    for d in &store.derived {
        let value = number(d.value);
        let inputs = d.inputs.join(" ");
        line(
            &mut out,
            &[
                d.id.as_str(),
                &d.label,
                &value,
                &d.unit,
                "",
                "",
                "false",
                "",
                "",
                "derived",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                &d.formula,
                &inputs,
                &d.explanation,
            ],
        );
    }
    out
}

/// A derived figure as the JSON download shows it.
#[derive(Serialize)]
struct DerivedOut<'a> {
    id: &'a str,
    label: &'a str,
    value: f64,
    unit: &'a str,
    formula: &'a str,
    inputs: &'a [String],
    explanation: &'a str,
}

impl<'a> From<&'a Derived> for DerivedOut<'a> {
    fn from(d: &'a Derived) -> Self {
        DerivedOut {
            id: &d.id,
            label: &d.label,
            value: d.value,
            unit: &d.unit,
            formula: &d.formula,
            inputs: &d.inputs,
            explanation: &d.explanation,
        }
    }
}

#[derive(Serialize)]
struct JsonOut<'a> {
    #[serde(flatten)]
    data: &'a Dataset,
    derived: Vec<DerivedOut<'a>>,
}

/// The dataset in its own schema with a `derived` list added (a loader skips
/// it and computes its own, so the file loads back as a dataset).
pub fn json(store: &Store) -> Result<String, String> {
    let out = JsonOut { data: &store.data, derived: store.derived.iter().map(DerivedOut::from).collect() };
    serde_json::to_string_pretty(&out).map_err(|e| format!("cannot write the dataset as JSON: {e}"))
}

/// A `data:` URL holding `csv`, so a chart made in the reader's browser offers
/// its data without any server (and works under the strict CSP).
pub fn data_url(csv: &str) -> String {
    let mut out = String::from("data:text/csv;charset=utf-8,");
    for b in csv.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
