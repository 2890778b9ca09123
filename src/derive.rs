//! Derived figures: every number the charts show that no source printed
//! (rates, shares, changes). Each is declared in the dataset (`formulas`) as an
//! operation over figure ids; this module evaluates them, each with its formula
//! and a worked explanation so a reader can check it ("206 = 75,175 operations
//! ÷ 365 days").

use crate::data::{DataError, Dataset, Formula};
use crate::text::format;

pub use crate::data::Op;

/// Days in the year a figure's period names (`2025`, `2025-10`): a calendar
/// fact, not a figure, so it is computed rather than typed.
fn days_in_year(period: &str) -> Option<f64> {
    let year: u32 = period.get(..4)?.parse().ok()?;
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    Some(if leap { 366.0 } else { 365.0 })
}

/// A computed figure with its formula.
#[derive(Debug, Clone, PartialEq)]
pub struct Derived {
    /// Unique id, always starting `derived.`.
    pub id: String,
    /// What it is, in words.
    pub label: String,
    /// The computed value, unrounded.
    pub value: f64,
    /// Unit of the result.
    pub unit: String,
    /// The operation.
    pub op: Op,
    /// Formula over figure ids: `ibo.total / 365`.
    pub formula: String,
    /// Figure ids it is computed from.
    pub inputs: Vec<String>,
    /// The formula with numbers: `206 = 75,175 operations ÷ 365 days`.
    pub explanation: String,
    /// The numbers and units it was worked with.
    pub terms: Terms,
}

/// Computes every derived figure from a validated dataset.
pub fn all(data: &Dataset) -> Result<Vec<Derived>, DataError> {
    data.formulas.iter().map(|r| compute(data, r)).collect()
}

fn input(data: &Dataset, rule: &Formula, id: &str) -> Result<(f64, String, String), DataError> {
    data.figure(id)
        .map(|f| (f.value, f.unit.clone(), f.period.clone()))
        .ok_or_else(|| DataError::UnknownFigure { context: rule.id.clone(), id: id.to_owned() })
}

fn compute(data: &Dataset, r: &Formula) -> Result<Derived, DataError> {
    let wanted = if r.op == Op::PerDay { 1 } else { 2 };
    if r.of.len() != wanted {
        return Err(DataError::Underivable {
            id: r.id.clone(),
            why: format!("`{}` takes {wanted} figure id(s) in `of`, not {}", op_name(r.op), r.of.len()),
        });
    }
    let (ra, rb) = (r.of[0].as_str(), r.of.get(1).map_or("", String::as_str));
    let (a, a_unit, a_period) = input(data, r, ra)?;
    let (b, b_unit) = if r.op == Op::PerDay {
        let days = days_in_year(&a_period).ok_or_else(|| DataError::Underivable {
            id: r.id.clone(),
            why: format!("`{ra}` has period `{a_period}`, not a year to count days in"),
        })?;
        (days, crate::text::ui::Msg::Days.en().to_owned())
    } else {
        let (b, unit, _) = input(data, r, rb)?;
        (b, unit)
    };
    let denominator = if r.op == Op::Change { a } else { b };
    if denominator == 0.0 {
        return Err(DataError::Underivable { id: r.id.clone(), why: "its denominator is zero".to_owned() });
    }
    let (value, formula) = match r.op {
        Op::PerDay => (a / b, format!("{ra} / {}", format::count(b))),
        Op::Ratio => (a / b, format!("{ra} / {rb}")),
        Op::Per100 | Op::Share => (a / b * 100.0, format!("{ra} / {rb} × 100")),
        Op::Change => ((b - a) / a * 100.0, format!("({rb} − {ra}) / {ra} × 100")),
    };
    let terms = Terms { a, a_unit, b, b_unit };
    let explanation = explain(r.op, value, &terms, &|n| n, &|u| u.to_owned());
    Ok(Derived {
        id: r.id.clone(),
        label: r.label.clone(),
        value,
        unit: r.unit.clone(),
        op: r.op,
        formula,
        inputs: r.of.clone(),
        explanation,
        terms,
    })
}

/// The numbers a formula was worked with, kept so its explanation can be
/// written again in another language and digits.
#[derive(Debug, Clone, PartialEq)]
pub struct Terms {
    /// First input's value.
    pub a: f64,
    /// First input's unit.
    pub a_unit: String,
    /// Second input's value (days in the year for `per_day`).
    pub b: f64,
    /// Second input's unit (`days` for `per_day`).
    pub b_unit: String,
}

/// The worked formula (`206 = 75,175 operations ÷ 365 days`), each number
/// passed through `number` and each unit through `unit`.
pub fn explain(op: Op, v: f64, t: &Terms, number: &dyn Fn(String) -> String, unit: &dyn Fn(&str) -> String) -> String {
    let n = |x: String| number(x);
    let (a, b) = (n(format::count(t.a)), n(format::count(t.b)));
    let (au, bu) = (unit(&t.a_unit), unit(&t.b_unit));
    match op {
        Op::PerDay | Op::Ratio => format!("{} = {a} {au} ÷ {b} {bu}", n(format::rate(v))),
        Op::Per100 => format!("{} = {a} {au} ÷ {b} {bu} × 100", n(format::rate(v))),
        Op::Share => format!("{} = {a} ÷ {b} {bu} × 100", n(format::percent(v, 1))),
        Op::Change => format!("{} = ({b} − {a}) ÷ {a} {au} × 100", n(format::change(v, 1))),
    }
}

fn op_name(op: Op) -> &'static str {
    match op {
        Op::PerDay => "per_day",
        Op::Ratio => "ratio",
        Op::Per100 => "per_100",
        Op::Share => "share",
        Op::Change => "change",
    }
}
