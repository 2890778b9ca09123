//! The dataset keeps faith with its sources: each published figure's quote
//! contains the number as the source wrote it, every value on a chart resolves
//! to a quote or a formula, and the prose around the numbers is built from them.

use pk_security_charts::chart::{build, chart_ids};
use pk_security_charts::meta::chart_meta;
use pk_security_charts::store::Store;

/// Figures whose quote writes the number in a way no formatter produces, with why.
const WRITTEN_OTHERWISE: &[(&str, &str, &str)] =
    &[("suicide_attacks.islamabad", "one at the Islamabad Judicial Complex", "the number is written as a word")];

#[test]
fn every_quote_contains_its_number_as_written() {
    let store = Store::builtin().expect("built-in dataset");
    for (id, words, why) in WRITTEN_OTHERWISE {
        let f = store.data.figure(id).unwrap_or_else(|| panic!("the exception {id} is gone: drop it"));
        assert!(f.quote.contains(words), "{id}: the exception's words are gone from its quote ({why})");
    }
    // The editor's check (`cargo xtask check`) lists exactly these.
    let warned: Vec<String> = pk_security_charts::data::warnings(&store.data);
    let unexplained: Vec<&String> = warned
        .iter()
        .filter(|w| !WRITTEN_OTHERWISE.iter().any(|(id, _, _)| w.starts_with(&format!("`{id}`"))))
        .collect();
    assert!(unexplained.is_empty(), "quotes without their number: {unexplained:#?}");
    assert!(store.data.figures.len() >= 60);
}

#[test]
fn the_number_matcher_respects_boundaries() {
    let has = |text: &str, v: f64| pk_security_charts::data::quote_has_number(text, v);
    assert!(has("and 29 incidents", 29.0));
    assert!(!has("1,129 incidents", 29.0));
    assert!(!has("290 incidents", 29.0));
    assert!(!has("29,000", 29.0));
    assert!(has("at 29.", 29.0));
    assert!(has("(2,060 मौतें)", 2060.0));
    assert!(has("2060 deaths", 2060.0));
    assert!(has("down 9 per cent", -9.0));
}

#[test]
fn a_quote_in_another_language_carries_a_translation() {
    let store = Store::builtin().expect("built-in dataset");
    let mut foreign = 0;
    for f in &store.data.figures {
        let c = store.citation(&f.id).expect("citation");
        if c.language != "en" {
            foreign += 1;
            assert!(!c.translation.is_empty(), "{} is in {} with no translation", f.id, c.language);
        }
    }
    assert!(foreign >= 1, "CRSS's Hindi sentence is quoted in Hindi");
    let crss = store.citation("crss.militants_killed").expect("figure");
    assert_eq!(crss.language, "hi");
    assert!(crss.quote.contains("अपराधियों") && crss.translation.contains("2,060"), "{crss:?}");
}

#[test]
fn every_value_on_every_chart_has_a_quote_or_a_formula() {
    let store = Store::builtin().expect("built-in dataset");
    for id in chart_ids(Store::builtin().expect("built-in dataset")) {
        let meta = chart_meta(&build(id, store).expect("chart"), store).expect("meta");
        let provs = meta
            .rows
            .iter()
            .map(|r| &r.provenance)
            .chain(meta.rows.iter().flat_map(|r| &r.also).map(|a| &a.provenance))
            .chain(meta.cited.iter().map(|c| &c.provenance));
        for p in provs {
            assert!(!p.citations.is_empty(), "{id}: {} has no source", p.id);
            if p.id.starts_with("derived.") {
                assert!(p.explanation.contains('='), "{id}: {} has no formula", p.id);
            }
            for c in &p.citations {
                assert!(!c.quote.trim().is_empty(), "{id}: {} has no quote", c.figure);
            }
        }
        // Every count a difference box names has a table row with its quote.
        for d in &meta.differences {
            assert!(!d.explanation.contains('{'), "{id}: a placeholder was left: {}", d.explanation);
        }
    }
}

#[test]
fn explanations_type_no_numbers() {
    let store = Store::builtin().expect("built-in dataset");
    for d in &store.data.disagreements {
        let mut bare = String::new();
        let mut depth = 0;
        for ch in d.explanation.chars() {
            match ch {
                '{' => depth += 1,
                '}' => depth -= 1,
                c if depth == 0 => bare.push(c),
                _ => {}
            }
        }
        // Years name periods, not counts.
        let without_years: String = bare.split_whitespace().filter(|w| !w.starts_with("20")).collect();
        assert!(
            !without_years.chars().any(|c| c.is_ascii_digit()),
            "{}: a number is typed in its explanation: {}",
            d.id,
            d.explanation
        );
        let topic: String = d.topic.split_whitespace().filter(|w| !w.starts_with("20")).collect();
        assert!(!topic.chars().any(|c| c.is_ascii_digit()), "{}: a number is typed in its topic", d.id);
    }
}

#[test]
fn notes_readers_see_never_name_internal_files_or_ids() {
    let store = Store::builtin().expect("built-in dataset");
    let ids: Vec<&str> = store.data.figures.iter().map(|f| f.id.as_str()).filter(|id| id.contains('.')).collect();
    for f in &store.data.figures {
        for bad in ["SOURCES.md", ".json", "suggested id"] {
            assert!(!f.note.contains(bad), "{}: note mentions {bad}: {}", f.id, f.note);
        }
        for id in &ids {
            assert!(!f.note.contains(id), "{}: note names the internal id {id}", f.id);
        }
    }
}

#[test]
fn no_claim_credits_an_unsourced_outlet() {
    let store = Store::builtin().expect("built-in dataset");
    let publishers: Vec<&str> = store.data.sources.iter().map(|s| s.publisher.as_str()).collect();
    let prose = store
        .data
        .figures
        .iter()
        .map(|f| f.note.as_str())
        .chain(store.data.disagreements.iter().map(|d| d.explanation.as_str()))
        .collect::<Vec<_>>()
        .join(" ");
    for outlet in ["ARY", "Gulf News said", "Geo"] {
        if !publishers.iter().any(|p| p.starts_with(outlet)) {
            assert!(!prose.contains(outlet), "{outlet} is credited but has no source entry");
        }
    }
}

#[test]
fn the_section_d_disagreements_each_render_under_a_chart() {
    let store = Store::builtin().expect("built-in dataset");
    let mut shown = Vec::new();
    for id in chart_ids(Store::builtin().expect("built-in dataset")) {
        let meta = chart_meta(&build(id, store).expect("chart"), store).expect("meta");
        for d in meta.differences {
            shown.push((id.to_string(), d.topic.clone(), d.explanation.clone(), d.counts.join(" | ")));
        }
    }
    let find = |topic: &str| {
        shown.iter().find(|s| s.1.contains(topic)).unwrap_or_else(|| panic!("no box on {topic}: {shown:?}"))
    };
    assert_eq!(find("Militants killed").0, "militants-killed-by-source");
    let inc = find("\"Incidents\" and \"attacks\"");
    assert!(inc.3.contains("5,397") && inc.3.contains("1,063") && inc.3.contains("699"), "{inc:?}");
    let who = find("different wordings");
    assert!(who.2.contains("law-enforcement personnel") && who.2.contains("security personnel"), "{who:?}");
    // Section F: the military's own report words it a third way; APP's 8,778 is a misprint, shown, never charted.
    assert!(who.2.contains("officers and personnel of the security forces"), "{who:?}");
    let misprint = find("misprinted");
    assert_eq!(misprint.0, "operations-by-province");
    assert!(misprint.2.contains("8,778") && misprint.2.contains("58,778"), "{misprint:?}");
    let kp = find("Two official counts of incidents");
    assert!(kp.3.contains("3,811") && kp.3.contains("1,588"), "{kp:?}");
    let ctd = find("two reports, two numbers");
    assert!(ctd.2.contains("420") && ctd.2.contains("348"), "{ctd:?}");
    let suicide = find("Suicide attacks");
    assert!(suicide.2.contains("27") && suicide.2.contains("26") && suicide.2.contains("16"), "{suicide:?}");
    let late = find("Late 2025");
    assert!(late.2.contains("November") && late.2.contains("more attacks"), "{late:?}");
    assert!(late.2.contains("almost 17%"), "CRSS's \"almost\" is kept: {late:?}");
    assert!(late.2.contains("down 9%"), "{late:?}");
}

#[test]
fn a_counters_stated_change_is_what_the_chart_shows() {
    let store = Store::builtin().expect("built-in dataset");
    let spec = build("change-2024-2025", store).expect("chart");
    let label = |heading: &str| {
        spec.panels.iter().find(|p| p.heading == heading).and_then(|p| p.rows.last()).map(|r| r.value_text.clone())
    };
    assert_eq!(label("PICSS: deaths").as_deref(), Some("3,413 (PICSS: +74%)"));
    assert_eq!(label("PIPS: attacks").as_deref(), Some("699 (PIPS: +34%)"));
    assert_eq!(label("PIPS: deaths in attacks").as_deref(), Some("at least 1,034 (PIPS: +21%)"));
    let meta = chart_meta(&spec, store).expect("meta");
    let labels: Vec<&String> = spec.panels.iter().flat_map(|p| &p.rows).map(|r| &r.value_text).collect();
    let shown = format!("{} {labels:?} {}", spec.title, spec.notes.join(" "));
    assert!(!shown.contains("+75%"), "our computed PICSS change must not stand in for PICSS's own");
    let picss = meta.rows.iter().find(|r| r.group == "PICSS: deaths" && r.label == "2025").expect("row");
    let computed = picss.also.iter().find(|a| a.name == "change computed here").expect("computed beside");
    assert_eq!(computed.text, "+75%");
    assert!(computed.provenance.explanation.contains("1,950"), "{computed:?}");
    assert!(meta.notes.iter().any(|n| n.contains("intelligence-based operations")), "series change said");
}

#[test]
fn pips_parts_are_never_drawn_end_to_end() {
    let store = Store::builtin().expect("built-in dataset");
    let spec = build("militants-killed-by-source", store).expect("chart");
    for row in spec.panels.iter().flat_map(|p| &p.rows) {
        assert_eq!(row.segments.len(), 1, "{} stacks parts", row.label);
    }
    assert!(!format!("{spec:?}").contains("1,556"));
}

#[test]
fn a_misprint_is_never_charted() {
    let store = Store::builtin().expect("built-in dataset");
    for id in chart_ids(store) {
        let spec = build(id, store).expect("chart");
        for (_, _, seg) in spec.segments() {
            assert_ne!(
                seg.value_ref,
                Store::reference("ibo.balochistan.as_printed_by_app"),
                "{id} draws APP's misprint"
            );
        }
    }
}

#[test]
fn every_built_in_figure_has_a_unit() {
    let store = Store::builtin().expect("built-in dataset");
    for f in &store.data.figures {
        assert!(!f.unit.trim().is_empty(), "{} has no unit", f.id);
    }
}
