//! Derived figures: every number the charts show that no source printed
//! (rates, shares, changes). Each is defined once here as an operation over
//! figure ids, and carries its formula and a worked explanation so a reader can
//! check it ("206 = 75,175 operations ÷ 365 days").

use crate::data::{DataError, Dataset};
use crate::text::format;

/// Days in 2025, the year every per-day rate is taken over.
const DAYS_2025: f64 = 365.0;

/// How a derived figure is computed from its inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `a / 365`.
    PerDay,
    /// `a / b`.
    Ratio,
    /// `a / b × 100`, a rate per hundred.
    Per100,
    /// `a / b × 100`, as a share of a total in percent.
    Share,
    /// `(b − a) / a × 100`, change from `a` to `b` in percent.
    Change,
}

/// One rule of the table below.
struct Rule {
    id: &'static str,
    label: &'static str,
    op: Op,
    a: &'static str,
    b: &'static str,
    unit: &'static str,
}

const fn rule(
    id: &'static str,
    label: &'static str,
    op: Op,
    a: &'static str,
    b: &'static str,
    unit: &'static str,
) -> Rule {
    Rule { id, label, op, a, b, unit }
}

/// Every derived figure of the product, in one place.
const RULES: &[Rule] = &[
    rule("derived.ibo.per_day", "Operations per day", Op::PerDay, "ibo.total", "", "operations per day"),
    rule("derived.incidents.per_day", "Incidents per day", Op::PerDay, "incidents.total", "", "incidents per day"),
    rule(
        "derived.militants_killed.per_day",
        "Militants killed per day",
        Op::PerDay,
        "militants_killed",
        "",
        "militants per day",
    ),
    rule(
        "derived.militants_killed.per_100_ibo",
        "Militants killed per 100 operations",
        Op::Per100,
        "militants_killed",
        "ibo.total",
        "militants per 100 operations",
    ),
    rule(
        "derived.ibo_per_incident.total",
        "Operations per incident, Pakistan",
        Op::Ratio,
        "ibo.total",
        "incidents.total",
        "operations per incident",
    ),
    rule(
        "derived.ibo_per_incident.kp",
        "Operations per incident, Khyber Pakhtunkhwa",
        Op::Ratio,
        "ibo.kp",
        "incidents.kp",
        "operations per incident",
    ),
    rule(
        "derived.ibo_per_incident.balochistan",
        "Operations per incident, Balochistan",
        Op::Ratio,
        "ibo.balochistan",
        "incidents.balochistan",
        "operations per incident",
    ),
    rule(
        "derived.ibo_per_incident.other",
        "Operations per incident, other parts",
        Op::Ratio,
        "ibo.other",
        "incidents.other",
        "operations per incident",
    ),
    rule(
        "derived.incidents.share.kp",
        "Share of incidents, Khyber Pakhtunkhwa",
        Op::Share,
        "incidents.kp",
        "incidents.total",
        "percent",
    ),
    rule(
        "derived.incidents.share.balochistan",
        "Share of incidents, Balochistan",
        Op::Share,
        "incidents.balochistan",
        "incidents.total",
        "percent",
    ),
    rule(
        "derived.incidents.share.other",
        "Share of incidents, other parts",
        Op::Share,
        "incidents.other",
        "incidents.total",
        "percent",
    ),
    rule(
        "derived.ibo.share.kp",
        "Share of operations, Khyber Pakhtunkhwa",
        Op::Share,
        "ibo.kp",
        "ibo.total",
        "percent",
    ),
    rule(
        "derived.ibo.share.balochistan",
        "Share of operations, Balochistan",
        Op::Share,
        "ibo.balochistan",
        "ibo.total",
        "percent",
    ),
    rule("derived.ibo.share.other", "Share of operations, other parts", Op::Share, "ibo.other", "ibo.total", "percent"),
    rule(
        "derived.militants_per_state_death",
        "Militants killed per civilian or law-enforcement death",
        Op::Ratio,
        "militants_killed",
        "state_side_killed",
        "militants per death",
    ),
    rule(
        "derived.change.ibo",
        "Change in operations, 2024 to 2025",
        Op::Change,
        "2024.ibo.total",
        "ibo.total",
        "percent",
    ),
    rule(
        "derived.change.militants_killed",
        "Change in militants killed, 2024 to 2025",
        Op::Change,
        "2024.militants_killed",
        "militants_killed",
        "percent",
    ),
    rule(
        "derived.change.picss.deaths",
        "Change in PICSS deaths, 2024 to 2025",
        Op::Change,
        "picss.2024.deaths.total",
        "picss.deaths.total",
        "percent",
    ),
    rule(
        "derived.change.crss.deaths",
        "Change in CRSS deaths, 2024 to 2025",
        Op::Change,
        "crss.2024.deaths.total",
        "crss.deaths.total",
        "percent",
    ),
    rule(
        "derived.change.pips.deaths",
        "Change in PIPS deaths in attacks, 2024 to 2025",
        Op::Change,
        "pips.2024.killed_in_attacks",
        "pips.killed_in_attacks",
        "percent",
    ),
    rule(
        "derived.change.pips.attacks",
        "Change in PIPS attacks, 2024 to 2025",
        Op::Change,
        "pips.2024.attacks.total",
        "pips.attacks.total",
        "percent",
    ),
];

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
}

/// Computes every derived figure from a validated dataset.
pub fn all(data: &Dataset) -> Result<Vec<Derived>, DataError> {
    RULES.iter().map(|r| compute(data, r)).collect()
}

fn input(data: &Dataset, rule: &Rule, id: &str) -> Result<(f64, String), DataError> {
    data.figure(id)
        .map(|f| (f.value, f.unit.clone()))
        .ok_or_else(|| DataError::UnknownFigure { context: rule.id.to_owned(), id: id.to_owned() })
}

fn compute(data: &Dataset, r: &Rule) -> Result<Derived, DataError> {
    let (a, a_unit) = input(data, r, r.a)?;
    let (b, b_unit) = if r.op == Op::PerDay { (DAYS_2025, "days".to_owned()) } else { input(data, r, r.b)? };
    let denominator = if r.op == Op::Change { a } else { b };
    if denominator == 0.0 {
        return Err(DataError::Underivable { id: r.id.to_owned(), why: "its denominator is zero".to_owned() });
    }
    let (value, formula, explanation) = match r.op {
        Op::PerDay | Op::Ratio => {
            let v = a / b;
            let rhs = if r.op == Op::PerDay { "365".to_owned() } else { r.b.to_owned() };
            (
                v,
                format!("{} / {}", r.a, rhs),
                format!("{} = {} {} ÷ {} {}", format::rate(v), format::count(a), a_unit, format::count(b), b_unit),
            )
        }
        Op::Per100 => {
            let v = a / b * 100.0;
            (
                v,
                format!("{} / {} × 100", r.a, r.b),
                format!(
                    "{} = {} {} ÷ {} {} × 100",
                    format::rate(v),
                    format::count(a),
                    a_unit,
                    format::count(b),
                    b_unit
                ),
            )
        }
        Op::Share => {
            let v = a / b * 100.0;
            (
                v,
                format!("{} / {} × 100", r.a, r.b),
                format!("{} = {} ÷ {} {} × 100", format::percent(v, 1), format::count(a), format::count(b), b_unit),
            )
        }
        Op::Change => {
            let v = (b - a) / a * 100.0;
            (
                v,
                format!("({} − {}) / {} × 100", r.b, r.a, r.a),
                format!(
                    "{} = ({} − {}) ÷ {} {} × 100",
                    format::change(v, 1),
                    format::count(b),
                    format::count(a),
                    format::count(a),
                    a_unit
                ),
            )
        }
    };
    let mut inputs = vec![r.a.to_owned()];
    if r.op != Op::PerDay {
        inputs.push(r.b.to_owned());
    }
    Ok(Derived {
        id: r.id.to_owned(),
        label: r.label.to_owned(),
        value,
        unit: r.unit.to_owned(),
        op: r.op,
        formula,
        inputs,
        explanation,
    })
}
