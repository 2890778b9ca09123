//! Rules a dataset must keep before any chart draws from it. Each failure
//! names the figure (or source) and what was expected, so a journalist editing
//! the JSON can fix it without reading code.

use super::model::Dataset;
use super::DataError;
use crate::text::format;

/// Digits without grouping, as the JSON has them (`5397`, `0.5`).
fn plain(v: f64) -> String {
    let decimals = if v.fract() == 0.0 { 0 } else { 3 };
    format::number(v, decimals).replace(',', "")
}

/// The largest magnitude a figure may have: 10^15.
pub const MAX_VALUE: f64 = 1e15;

/// What a dataset's editor should fix though it still charts: each figure
/// with no quote, or whose quote does not contain its number as written.
pub fn warnings(data: &Dataset) -> Vec<String> {
    let mut out = Vec::new();
    for f in &data.figures {
        if f.quote.trim().is_empty() {
            out.push(format!("`{}` ({}) has no quote: its table row will say \"no quote given\"", f.id, f.label));
        } else if !quote_has_number(&f.quote, f.value) {
            out.push(format!(
                "`{}`: its quote does not contain {} as written: \"{}\"",
                f.id,
                format::count(f.value.abs()),
                f.quote
            ));
        }
    }
    out
}

/// Whether `quote` holds `value` as a source writes it ("3,811" or "3811"),
/// not as part of a longer number.
pub fn quote_has_number(quote: &str, value: f64) -> bool {
    let grouped = format::number(value.abs(), if value.fract() == 0.0 { 0 } else { 1 });
    let plain = grouped.replace(',', "");
    [grouped, plain].iter().any(|needle| {
        quote.match_indices(needle.as_str()).any(|(at, _)| {
            let before: Vec<char> = quote[..at].chars().rev().take(2).collect();
            let after: Vec<char> = quote[at + needle.len()..].chars().take(2).collect();
            let digit = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_digit());
            let joined = |v: &[char]| matches!(v.first(), Some(',' | '.')) && digit(v.get(1));
            !digit(before.first()) && !joined(&before) && !digit(after.first()) && !joined(&after)
        })
    })
}

/// Checks every rule; returns the first broken one.
pub fn validate(data: &Dataset) -> Result<(), DataError> {
    unique(data.sources.iter().map(|s| s.id.as_str()), "source")?;
    unique(data.figures.iter().map(|f| f.id.as_str()), "figure")?;
    unique(data.formulas.iter().map(|f| f.id.as_str()), "formula")?;
    unique(data.charts.iter().map(|c| c.id.as_str()), "chart")?;
    for f in &data.formulas {
        // A formula's id says it is computed, so a reader never mistakes it for a published figure.
        if !f.id.starts_with("derived.") {
            return Err(DataError::Empty {
                what: "formula",
                id: f.id.clone(),
                field: "id (must start with `derived.`)",
            });
        }
        for id in &f.of {
            known(data, id, &f.id)?;
        }
    }
    for s in &data.sources {
        if s.publisher.trim().is_empty() {
            return Err(DataError::Empty { what: "source", id: s.id.clone(), field: "publisher" });
        }
    }
    for f in &data.figures {
        if f.id.trim().is_empty() {
            return Err(DataError::Empty { what: "figure", id: f.label.clone(), field: "id" });
        }
        // A unit is optional: a newsroom's spreadsheet may not have one.
        for (field, text) in [("label", &f.label), ("source", &f.source)] {
            if text.trim().is_empty() {
                return Err(DataError::Empty { what: "figure", id: f.id.clone(), field });
            }
        }
        if f.quote.trim().is_empty() && !data.quotes_optional {
            return Err(DataError::NoQuote { figure: f.id.clone() });
        }
        // Beyond 10^15 a double no longer holds every whole number, so it could not be shown exactly.
        if !f.value.is_finite() || f.value.abs() >= MAX_VALUE {
            return Err(DataError::NotFinite { figure: f.id.clone() });
        }
        let Some(source) = data.source(&f.source) else {
            return Err(DataError::UnknownSource { owner: f.id.clone(), source_id: f.source.clone() });
        };
        // A reader who cannot read the quote's language must still be able to check it.
        // (A newsroom's spreadsheet may have no translation column: its quotes are optional too.)
        if source.language != "en" && f.translation.trim().is_empty() && !data.quotes_optional {
            return Err(DataError::Empty { what: "figure", id: f.id.clone(), field: "translation" });
        }
    }
    for t in &data.totals {
        check_total(data, &t.total, &t.parts)?;
    }
    for d in &data.disagreements {
        for id in &d.figures {
            known(data, id, &d.id)?;
        }
        if d.explanation.trim().is_empty() {
            return Err(DataError::Empty { what: "disagreement", id: d.id.clone(), field: "explanation" });
        }
    }
    for e in &data.events {
        if data.source(&e.source).is_none() {
            return Err(DataError::UnknownSource { owner: e.id.clone(), source_id: e.source.clone() });
        }
        if e.quote.trim().is_empty() {
            return Err(DataError::NoQuote { figure: e.id.clone() });
        }
    }
    Ok(())
}

fn unique<'a>(ids: impl Iterator<Item = &'a str>, what: &'static str) -> Result<(), DataError> {
    // Sorted neighbours rather than a HashSet: a few dozen ids, and no hasher in the wasm.
    let mut sorted: Vec<&str> = ids.collect();
    sorted.sort_unstable();
    match sorted.windows(2).find(|w| w[0] == w[1]) {
        Some(w) => Err(DataError::Duplicate { what, id: w[0].to_owned() }),
        None => Ok(()),
    }
}

fn known(data: &Dataset, id: &str, context: &str) -> Result<f64, DataError> {
    data.figure(id)
        .map(|f| f.value)
        .ok_or_else(|| DataError::UnknownFigure { context: context.to_owned(), id: id.to_owned() })
}

fn check_total(data: &Dataset, total: &str, parts: &[String]) -> Result<(), DataError> {
    let expected = known(data, total, total)?;
    let mut sum = 0.0;
    for p in parts {
        sum += known(data, p, total)?;
    }
    // Counts are whole numbers; anything beyond rounding noise is a real mismatch.
    if (sum - expected).abs() > 1e-6 {
        return Err(DataError::TotalMismatch {
            total: total.to_owned(),
            expected: plain(expected),
            sum: plain(sum),
            parts: parts.join(" + "),
        });
    }
    Ok(())
}
