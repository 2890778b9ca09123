//! Every value every chart draws resolves to a published figure with a source
//! and a quote, or to a derived figure whose inputs do.

use pk_security_charts::chart::{build, chart_ids};
use pk_security_charts::meta::chart_meta;
use pk_security_charts::store::{Store, ValueRef};

#[test]
fn every_drawn_value_traces_to_a_quote() {
    let store = Store::builtin().expect("built-in dataset");
    let mut values = 0;
    for id in chart_ids(Store::builtin().expect("built-in dataset")) {
        let spec = build(id, store).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert!(spec.segments().count() > 0, "{id} draws nothing");
        for (_, row, seg) in spec.segments() {
            values += 1;
            let p = store.provenance(&seg.value_ref).unwrap_or_else(|e| panic!("{id}/{}: {e}", row.label));
            assert!(!p.citations.is_empty(), "{id}/{}", row.label);
            for c in &p.citations {
                assert!(!c.quote.trim().is_empty(), "{id}/{}: {} has no quote", row.label, c.figure);
                assert!(!c.publisher.trim().is_empty(), "{id}/{}: {} has no publisher", row.label, c.figure);
            }
            match &seg.value_ref {
                ValueRef::Figure(f) => {
                    let fig = store.data.figure(f).expect("figure");
                    assert_eq!(fig.value, seg.value, "{id}/{}", row.label);
                }
                ValueRef::Derived(d) => {
                    assert!(!p.formula.is_empty() && p.explanation.contains('='), "{id}/{}: {d}", row.label);
                    assert_eq!(store.derived(d).map(|x| x.value), Some(seg.value));
                }
            }
        }
    }
    assert!(values >= 30, "only {values} values drawn");
}

#[test]
fn every_value_stated_in_words_traces_too() {
    // Shares and changes in the bars' labels, ratios in titles, counts in notes.
    let store = Store::builtin().expect("built-in dataset");
    let mut stated = 0;
    for id in chart_ids(Store::builtin().expect("built-in dataset")) {
        let spec = build(id, store).expect("chart");
        let words = spec.panels.iter().flat_map(|p| &p.rows).flat_map(|r| &r.also).chain(&spec.cites);
        for seg in words {
            stated += 1;
            let p = store.provenance(&seg.value_ref).unwrap_or_else(|e| panic!("{id}: {e}"));
            assert!(p.citations.iter().all(|c| !c.quote.is_empty()), "{id}: {}", seg.text);
            if let ValueRef::Derived(_) = seg.value_ref {
                assert!(p.explanation.contains('='), "{id}: {} has no formula", seg.text);
            }
        }
        let meta = chart_meta(&spec, store).expect("meta");
        // Every text a stated value shows is on the chart somewhere: label, title,
        // subtitle, a bar's annotation, a note or a "How the counts differ" box.
        let shown = format!(
            "{} {} {:?} {} {:?} {:?}",
            spec.title,
            spec.subtitle,
            spec.panels.iter().flat_map(|p| &p.rows).map(|r| &r.annotation).collect::<Vec<_>>(),
            spec.notes.join(" "),
            spec.panels.iter().flat_map(|p| &p.rows).map(|r| &r.value_text).collect::<Vec<_>>(),
            meta.differences
        );
        // A change computed beside a counter's own is shown in the tooltip and table only.
        let beside = |s: &&pk_security_charts::meta::Stated| s.name != "change computed here";
        for s in meta.rows.iter().flat_map(|r| &r.also).filter(beside).chain(&meta.cited) {
            assert!(shown.contains(s.text.trim_start_matches("about ")), "{id}: stated value {} not shown", s.text);
        }
    }
    assert!(stated >= 15, "only {stated} stated values");
}

#[test]
fn footers_list_every_report_the_chart_uses() {
    let store = Store::builtin().expect("built-in dataset");
    let meta = chart_meta(&build("attacks-late-2025", store).expect("chart"), store).expect("meta");
    assert!(meta.sources.iter().any(|s| s.publisher.contains("Business Standard")), "CRSS's note is sourced");
    let meta = chart_meta(&build("militants-killed-by-source", store).expect("chart"), store).expect("meta");
    let picss_first = store.citation("picss.deaths.militants.first").expect("figure");
    assert!(meta.sources.iter().any(|s| s.publisher == picss_first.publisher), "the 2,115 in the box is sourced");
}

#[test]
fn chart_meta_lists_sources_and_a_table_row_per_value() {
    let store = Store::builtin().expect("built-in dataset");
    for id in chart_ids(Store::builtin().expect("built-in dataset")) {
        let spec = build(id, store).expect("chart");
        let meta = chart_meta(&spec, store).expect("meta");
        assert_eq!(meta.rows.len(), spec.segments().count(), "{id}");
        assert!(!meta.sources.is_empty(), "{id}");
        assert!(!meta.summary.is_empty() && !meta.title.is_empty(), "{id}");
    }
    let by_source = chart_meta(&build("militants-killed-by-source", store).expect("chart"), store).expect("meta");
    let differ =
        by_source.differences.iter().find(|d| d.topic.contains("Militants killed")).expect("disagreement shown");
    assert!(differ.counts.iter().any(|c| c.starts_with("ISPR (official): 2,597")), "{:?}", differ.counts);
    assert!(differ.counts.iter().any(|c| c.contains("about 2,060")), "{:?}", differ.counts);
}

#[test]
fn summaries_state_the_numbers() {
    let store = Store::builtin().expect("built-in dataset");
    let s = |id: &str| build(id, store).expect("chart").summary;
    let inc = s("incidents-by-province");
    for n in ["3,811", "71%", "1,557", "29%", "29", "5,397"] {
        assert!(inc.contains(n), "{inc}");
    }
    let rates = s("operation-rates");
    assert!(rates.contains("37.8") && rates.contains("3.8") && rates.contains("206"), "{rates}");
    let by = s("militants-killed-by-source");
    assert!(by.contains("1,313") && by.contains("243") && !by.contains("1,556"), "PIPS parts must not be merged: {by}");
}

#[test]
fn unknown_chart_ids_are_errors_not_panics() {
    let store = Store::builtin().expect("built-in dataset");
    let Err(e) = build("no-such-chart", store) else { panic!("an unknown id was accepted") };
    assert!(e.to_string().contains("no-such-chart"));
}

#[test]
fn the_counter_terrorism_reports_rates_cite_that_report_for_every_count() {
    // The chart's note says its provincial counts of militants killed come from
    // the military's Counter Terrorism Report 2025 (via APP): each rate's
    // numerator must cite that report, not a briefing report of the same number.
    let store = Store::builtin().expect("built-in dataset");
    let spec = build("militants-killed-per-operation", store).expect("chart");
    let mut rates = 0;
    for (_, row, seg) in spec.segments() {
        rates += 1;
        let p = store.provenance(&seg.value_ref).expect("provenance");
        let killed = p.citations.iter().find(|c| c.label.starts_with("Militants killed"));
        let killed = killed.unwrap_or_else(|| panic!("{}: no count of militants killed cited", row.label));
        assert!(
            killed.quote.contains("the report said"),
            "{}: {} cites {:?}, not the Counter Terrorism Report",
            row.label,
            killed.figure,
            killed.publisher
        );
    }
    assert_eq!(rates, 3);
}
