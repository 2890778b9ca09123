//! The dataset: every sourced figure is present with its quote, totals add up,
//! derived figures agree with what sources report, and each broken rule is
//! refused with a message naming the figure.

use pk_security_charts::data::{DataError, Dataset, BUILTIN_JSON};
use pk_security_charts::store::Store;

fn store() -> &'static Store {
    match Store::builtin() {
        Ok(s) => s,
        Err(e) => panic!("built-in dataset rejected: {e}"),
    }
}

#[test]
fn builtin_has_every_figure_of_sources_md_with_source_and_quote() {
    let s = store();
    let expected: &[(&str, f64)] = &[
        ("ibo.total", 75175.0),
        ("ibo.kp", 14658.0),
        ("ibo.balochistan", 58778.0),
        ("ibo.other", 1739.0),
        ("ibo.per_day", 206.0),
        ("incidents.total", 5397.0),
        ("incidents.kp", 3811.0),
        ("incidents.balochistan", 1557.0),
        ("incidents.other", 29.0),
        ("militants_killed", 2597.0),
        ("state_side_killed", 1235.0),
        ("suicide_attacks.total", 27.0),
        ("suicide_attacks.kp", 16.0),
        ("suicide_attacks.balochistan", 10.0),
        ("suicide_attacks.islamabad", 1.0),
        ("militants_killed.balochistan", 784.0),
        ("incidents.2021", 761.0),
        ("2024.ibo.total", 59775.0),
        ("2024.militants_killed", 925.0),
        ("2024.soldiers_killed", 383.0),
        ("picss.deaths.total", 3413.0),
        ("picss.deaths.militants", 2138.0),
        ("picss.deaths.security", 667.0),
        ("picss.deaths.civilians", 580.0),
        ("picss.deaths.peace_committee", 28.0),
        ("picss.2024.deaths.total", 1950.0),
        ("picss.attacks.total", 1063.0),
        ("picss.2024.attacks.total", 908.0),
        ("picss.suicide_attacks", 26.0),
        ("picss.attacks.2025-10", 89.0),
        ("picss.attacks.2025-11", 97.0),
        ("picss.attacks.2025-12", 68.0),
        ("crss.deaths.total", 3417.0),
        ("crss.2024.deaths.total", 2555.0),
        ("crss.deaths.kp", 2331.0),
        ("crss.deaths.balochistan", 956.0),
        ("crss.attacks.change.nov", -9.0),
        ("crss.attacks.change.dec", -17.0),
        ("crss.militants_killed", 2060.0),
        ("pips.attacks.total", 699.0),
        ("pips.2024.attacks.total", 521.0),
        ("pips.militants_killed_in_operations", 1313.0),
        ("pips.killed_in_attacks.militants", 243.0),
        ("pips.attacks.kp", 413.0),
        ("pips.attacks.balochistan", 254.0),
    ];
    for (id, value) in expected {
        let f = s.data.figure(id).unwrap_or_else(|| panic!("figure {id} missing"));
        assert_eq!(f.value, *value, "{id}");
        assert!(!f.quote.is_empty(), "{id} has no quote");
        let src = s.data.source(&f.source).unwrap_or_else(|| panic!("{id}: source {} missing", f.source));
        assert!(!src.publisher.is_empty());
    }
    assert!(s.data.figure("crss.militants_killed").is_some_and(|f| f.approximate));
}

#[test]
fn every_quote_states_its_number_or_a_note_says_why_not() {
    // The quote is the sentence the number came from; where the report gave the
    // number another way (a breakdown, a percentage), the figure's note says so.
    let s = store();
    let mut checked = 0;
    for f in &s.data.figures {
        let n = f.value.abs();
        let grouped = pk_security_charts::text::format::count(n);
        let plain = grouped.replace(',', "");
        let stated = f.quote.contains(&grouped) || f.quote.contains(&plain);
        assert!(
            stated || !f.note.trim().is_empty(),
            "{}: quote {:?} lacks {grouped} and no note explains it",
            f.id,
            f.quote
        );
        checked += usize::from(stated);
    }
    assert!(checked >= 45, "only {checked} quotes state their number");
}

#[test]
fn derived_operations_per_day_agrees_with_isprs_reported_206() {
    let s = store();
    let d = s.derived("derived.ibo.per_day").expect("derived.ibo.per_day");
    let reported = s.data.figure("ibo.per_day").map(|f| f.value).expect("ibo.per_day");
    assert_eq!(d.value.round(), reported);
    assert!((d.value - 75175.0 / 365.0).abs() < 1e-9);
    assert_eq!(d.formula, "ibo.total / 365");
    assert_eq!(d.explanation, "206 = 75,175 operations ÷ 365 days");
}

#[test]
fn derived_rates_and_shares() {
    let s = store();
    let v = |id: &str| s.derived(id).map(|d| d.value).unwrap_or_else(|| panic!("{id}"));
    assert_eq!(v("derived.ibo_per_incident.balochistan").round(), 38.0);
    assert_eq!(v("derived.ibo_per_incident.kp").round(), 4.0);
    assert!((v("derived.incidents.share.kp") - 3811.0 / 5397.0 * 100.0).abs() < 1e-9);
    assert!((v("derived.militants_killed.per_100_ibo") - 2597.0 / 75175.0 * 100.0).abs() < 1e-9);
    assert!((v("derived.change.ibo") - (75175.0 - 59775.0) / 59775.0 * 100.0).abs() < 1e-9);
    assert!((v("derived.incidents.per_day") - 5397.0 / 365.0).abs() < 1e-9);
    let shares: f64 = ["kp", "balochistan", "other"].iter().map(|k| v(&format!("derived.ibo.share.{k}"))).sum();
    assert!((shares - 100.0).abs() < 1e-9);
}

/// The built-in JSON with one edit applied.
fn edited(edit: impl FnOnce(&mut serde_json::Value)) -> Result<Store, DataError> {
    let mut v: serde_json::Value = serde_json::from_str(BUILTIN_JSON).expect("built-in JSON parses");
    edit(&mut v);
    Store::from_json(&v.to_string())
}

fn figure_mut<'a>(v: &'a mut serde_json::Value, id: &str) -> &'a mut serde_json::Value {
    let figures = v["figures"].as_array_mut().expect("figures");
    figures.iter_mut().find(|f| f["id"] == id).unwrap_or_else(|| panic!("{id}"))
}

fn rejected(result: Result<Store, DataError>) -> String {
    match result {
        Ok(_) => panic!("a broken dataset was accepted"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn duplicate_ids_are_rejected() {
    let msg = rejected(edited(|v| {
        let dup = figure_mut(v, "ibo.kp").clone();
        v["figures"].as_array_mut().expect("figures").push(dup);
    }));
    assert!(msg.contains("ibo.kp") && msg.contains("more than once"), "{msg}");
}

#[test]
fn a_figure_without_a_quote_is_rejected() {
    let msg = rejected(edited(|v| figure_mut(v, "incidents.balochistan")["quote"] = "  ".into()));
    assert!(msg.contains("incidents.balochistan") && msg.contains("quote"), "{msg}");
}

#[test]
fn a_figure_with_an_unknown_source_is_rejected() {
    let msg = rejected(edited(|v| figure_mut(v, "militants_killed")["source"] = "nowhere".into()));
    assert!(msg.contains("militants_killed") && msg.contains("nowhere"), "{msg}");
}

#[test]
fn parts_that_do_not_add_up_are_rejected() {
    let msg = rejected(edited(|v| figure_mut(v, "incidents.other")["value"] = 30.into()));
    assert!(msg.contains("incidents.total") && msg.contains("5397") && msg.contains("5398"), "{msg}");
    let msg = rejected(edited(|v| figure_mut(v, "ibo.balochistan")["value"] = 58777.into()));
    assert!(msg.contains("ibo.total"), "{msg}");
    let msg = rejected(edited(|v| figure_mut(v, "suicide_attacks.islamabad")["value"] = 2.into()));
    assert!(msg.contains("suicide_attacks.total"), "{msg}");
}

#[test]
fn a_missing_figure_that_a_derived_value_needs_is_rejected() {
    let msg = rejected(edited(|v| {
        v["figures"].as_array_mut().expect("figures").retain(|f| f["id"] != "2024.ibo.total");
    }));
    assert!(msg.contains("2024.ibo.total"), "{msg}");
}

#[test]
fn a_zero_denominator_is_rejected_not_divided() {
    let msg = rejected(edited(|v| {
        figure_mut(v, "incidents.kp")["value"] = 0.into();
        figure_mut(v, "incidents.total")["value"] = 1586.into();
    }));
    assert!(msg.contains("derived.ibo_per_incident.kp") && msg.contains("zero"), "{msg}");
}

#[test]
fn bad_json_and_unknown_fields_name_the_place() {
    let msg = match Dataset::from_json("{\n  \"id\": 3,") {
        Ok(_) => panic!("accepted"),
        Err(e) => e.to_string(),
    };
    assert!(msg.contains("line 2"), "{msg}");
    let msg = rejected(edited(|v| figure_mut(v, "ibo.kp")["valeu"] = 1.into()));
    assert!(msg.contains("valeu"), "{msg}");
    let msg = rejected(edited(|v| figure_mut(v, "ibo.kp")["value"] = "many".into()));
    assert!(msg.contains("line") && msg.contains("invalid type"), "{msg}");
}
