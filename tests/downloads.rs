//! The downloads hold every value a chart shows: published figures with their
//! quote, source and language, derived ones with their formula and inputs.

use pk_security_charts::chart::{build, chart_ids};
use pk_security_charts::export;
use pk_security_charts::meta::chart_meta;
use pk_security_charts::store::Store;

/// A minimal RFC 4180 reader for the test: quoted fields may hold commas,
/// quotes and newlines.
fn parse(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut field, mut quoted, mut chars) = (Vec::new(), String::new(), false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => field.push(c),
        }
    }
    rows
}

#[test]
fn the_csv_holds_every_value_every_chart_shows() {
    let store = Store::builtin().expect("built-in dataset");
    let rows = parse(&export::csv(store));
    let head = &rows[0];
    let col = |name: &str| head.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"));
    let (id, value, quote, language, translation, formula, inputs, kind) = (
        col("id"),
        col("value"),
        col("quote"),
        col("language"),
        col("translation"),
        col("formula"),
        col("inputs"),
        col("kind"),
    );
    assert!(rows.iter().all(|r| r.len() == head.len()), "every row has every column");
    let find = |wanted: &str| rows.iter().find(|r| r[id] == wanted);
    let mut checked = 0;
    for chart in chart_ids(Store::builtin().expect("built-in dataset")) {
        let meta = chart_meta(&build(chart, store).expect("chart"), store).expect("meta");
        let shown = meta
            .rows
            .iter()
            .map(|r| (&r.provenance, r.value))
            .chain(meta.rows.iter().flat_map(|r| &r.also).map(|a| (&a.provenance, f64::NAN)))
            .chain(meta.cited.iter().map(|c| (&c.provenance, f64::NAN)));
        for (p, v) in shown {
            let row = find(&p.id).unwrap_or_else(|| panic!("{chart}: {} is not in the CSV", p.id));
            checked += 1;
            if v.is_finite() {
                let csv_value: f64 = row[value].parse().unwrap_or(f64::NAN);
                assert!(
                    (csv_value - v).abs() < 1e-6,
                    "{chart}: {} is {v} on the chart, {} in the CSV",
                    p.id,
                    row[value]
                );
            }
            if p.id.starts_with("derived.") {
                assert_eq!(row[kind], "derived", "{}", p.id);
                assert!(!row[formula].is_empty() && !row[inputs].is_empty(), "{} has no formula", p.id);
                for input in row[inputs].split(' ') {
                    assert!(find(input).is_some(), "{}: its input {input} is not in the CSV", p.id);
                }
            } else {
                assert!(!row[quote].is_empty(), "{} has no quote", p.id);
                assert!(!row[language].is_empty(), "{} has no language", p.id);
            }
        }
    }
    assert!(checked >= 60, "only {checked} values checked");
    let crss = find("crss.militants_killed").expect("CRSS");
    assert_eq!(crss[language], "hi");
    assert!(crss[translation].starts_with("Owing to"), "{:?}", crss[translation]);
}

#[test]
fn the_json_download_loads_back_as_the_same_dataset() {
    let store = Store::builtin().expect("built-in dataset");
    let text = export::json(store).expect("json");
    let back = Store::from_json(&text).unwrap_or_else(|e| panic!("the download does not load back: {e}"));
    assert_eq!(back.data.figures, store.data.figures);
    let v: serde_json::Value = serde_json::from_str(&text).expect("parses");
    let derived = v["derived"].as_array().expect("a derived list");
    assert_eq!(derived.len(), store.derived.len());
    assert!(derived.iter().all(|d| d["formula"].as_str().is_some_and(|f| !f.is_empty())));
}

#[test]
fn the_seed_article_is_linked() {
    let store = Store::builtin().expect("built-in dataset");
    let seed = store.data.source("arabnews-2026-01-06").expect("seed");
    assert_eq!(seed.url, "https://www.arabnews.pk/node/2628439/pakistan");
    // Sources with no known address are only those SOURCES.md says have none.
    let unlinked: Vec<&str> = store.data.sources.iter().filter(|s| s.url.is_empty()).map(|s| s.id.as_str()).collect();
    assert_eq!(unlinked, ["arabnews-2026-02-02"]);
}
