//! Urdu: every string a reader can see has an Urdu entry or an explicit
//! fallback, the built-in charts show no English in Urdu, numbers take Urdu
//! digits on request, the layout mirrors, and the drawing a figure hands the
//! wasm lays out exactly as the chart the core built.

use pk_security_charts::chart::{build, chart_ids, pack};
use pk_security_charts::html::{figure, Drawing, Options};
use pk_security_charts::layout::{layout, Align, ApproxMeasure};
use pk_security_charts::meta::chart_meta;
use pk_security_charts::store::Store;
use pk_security_charts::text::format::Digits;
use pk_security_charts::text::locale::{Locale, Words, FSI};
use pk_security_charts::text::ui::Msg;

fn store() -> &'static Store {
    Store::builtin().unwrap_or_else(|e| panic!("{e}"))
}

fn urdu(digits: Digits) -> Store {
    store().localized(Locale::urdu(digits))
}

/// Every text of the dataset a reader can see in a chart, on the dashboard or in a table.
fn dataset_strings(s: &Store) -> Vec<String> {
    let d = &s.data;
    let mut out = vec![d.title.clone(), d.description.clone(), d.corrections.text.clone()];
    for f in &d.figures {
        out.extend([f.label.clone(), f.unit.clone(), f.note.clone(), f.hedge().to_owned()]);
        let lang = d.source(&f.source).map_or("en", |x| x.language.as_str());
        if lang != "ur" {
            out.push(f.quote.clone());
        }
    }
    for f in &d.formulas {
        out.extend([f.label.clone(), f.unit.clone()]);
    }
    for x in &d.disagreements {
        out.extend([x.topic.clone(), x.explanation.clone()]);
    }
    for e in &d.events {
        out.extend([e.label.clone(), e.quote.clone()]);
    }
    for id in chart_ids(s) {
        out.extend(words_used(id, s));
    }
    // UI messages are checked apart, in src/data/ui.json.
    out.retain(|t| !t.trim().is_empty() && !Msg::ALL.iter().any(|m| m.en() == t));
    out.sort();
    out.dedup();
    out
}

#[test]
fn every_string_has_an_urdu_entry_or_an_explicit_fallback() {
    let s = store();
    let t = s.data.translations.get("ur").unwrap_or_else(|| panic!("the dataset has no Urdu translation"));
    assert!(!t.made_by.trim().is_empty(), "a translation says who or what made it");
    let missing: Vec<String> = dataset_strings(s).into_iter().filter(|x| !t.strings.contains_key(x)).collect();
    assert!(
        missing.is_empty(),
        "{} string(s) have no Urdu entry (add one, or null to keep the English):\n{}",
        missing.len(),
        missing.join("\n")
    );
    let words = s.all_words(pk_security_charts::text::locale::Lang::Ur);
    let ui: Vec<&str> = Msg::ALL.iter().map(|m| m.en()).filter(|en| !words.has(en)).collect();
    assert!(ui.is_empty(), "UI messages without Urdu in src/data/ui.json: {ui:?}");
    for (en, ur) in &t.strings {
        assert!(
            ur.as_deref().is_none_or(|u| !u.trim().is_empty()),
            "empty translation of {en:?}: use null to keep the English"
        );
    }
}

#[test]
fn the_built_in_charts_show_no_english_fallback_in_urdu() {
    let ur = urdu(Digits::Latin);
    for id in chart_ids(&ur) {
        let spec = build(id, &ur).unwrap_or_else(|e| panic!("{id}: {e}"));
        let meta = chart_meta(&spec, &ur).unwrap_or_else(|e| panic!("{id}: {e}"));
        let html = figure(&meta, &ur, &options());
        assert!(!html.contains("class=\"untranslated\""), "{id}: English shown for want of a translation");
        assert!(!html.contains(FSI), "{id}: a fallback marker leaked");
        assert!(html.contains(" lang=\"ur\" dir=\"rtl\""), "{id}");
        assert!(html.contains(" data-spec=\"pk1&#9;ur latin thousands"), "{id}");
        assert!(!spec.title.is_ascii() && !spec.title.contains(FSI), "{id}: title {}", spec.title);
    }
}

fn options() -> Options<'static> {
    let drawn = |width| Drawing { markup: String::new(), width, height: width / 2 };
    Options::dashboard([drawn(640), drawn(320)])
}

#[test]
fn a_missing_translation_falls_back_to_english_visibly() {
    // Urdu with nothing translated yet.
    let ur = Store { words: Words::default(), ..store().localized(Locale::urdu(Digits::Latin)) };
    let spec = build("incidents-by-province", &ur).unwrap_or_else(|e| panic!("{e}"));
    assert!(spec.title.starts_with(FSI) && spec.title.contains("Khyber Pakhtunkhwa had"), "{}", spec.title);
    let meta = chart_meta(&spec, &ur).unwrap_or_else(|e| panic!("{e}"));
    let html = figure(&meta, &ur, &options());
    assert!(
        html.contains("<span class=\"untranslated\" lang=\"en\" dir=\"ltr\">Khyber Pakhtunkhwa had"),
        "visibly English"
    );
    assert!(html.contains("class=\"untranslated-note\""), "and says so");
}

#[test]
fn quotes_stay_in_their_language_with_an_urdu_translation_beside() {
    let ur = urdu(Digits::Latin);
    let c = ur.citation("militants_killed").unwrap_or_else(|e| panic!("{e}"));
    assert!(c.quote.contains("2,597 militants"), "the quote is verbatim: {}", c.quote);
    assert!(!c.translation.is_ascii() && c.translation.contains("2,597"), "{}", c.translation);
    let spec = build("militants-killed-by-source", &ur).unwrap_or_else(|e| panic!("{e}"));
    let html = figure(&chart_meta(&spec, &ur).unwrap_or_else(|e| panic!("{e}")), &ur, &options());
    assert!(
        html.contains("<blockquote lang=\"en\" dir=\"ltr\">“security forces killed 2,597"),
        "English quote marked English"
    );
    // Names in Latin script among the Urdu words are marked English too, so a
    // screen reader reads "Arab News Pakistan" in an English voice.
    assert!(html.contains("<span lang=\"en\" dir=\"ltr\">Arab News Pakistan</span>"), "{html}");
    assert!(html.contains("<span lang=\"en\" dir=\"ltr\">ISPR</span>، بذریعہ"), "{html}");
    assert!(
        html.contains("<td class=\"who\"><span lang=\"en\" dir=\"ltr\">ISPR</span>، بذریعہ"),
        "the table's Source column too: {html}"
    );
}

#[test]
fn urdu_digits_on_request_western_by_default() {
    let western = urdu(Digits::Latin);
    let eastern = urdu(Digits::Urdu);
    let a = build("incidents-by-province", &western).unwrap_or_else(|e| panic!("{e}"));
    let b = build("incidents-by-province", &eastern).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(a.panels[0].rows[0].segments[0].text, "3,811");
    assert_eq!(b.panels[0].rows[0].segments[0].text, "۳٬۸۱۱");
    assert!(b.panels[0].rows[0].value_text.contains("۷۱٪"), "{}", b.panels[0].rows[0].value_text);
    let change = build("change-2024-2025", &eastern).unwrap_or_else(|e| panic!("{e}"));
    let signed = change.segments().map(|(_, r, _)| r.value_text.clone()).find(|t| t.contains('+'));
    let signed = signed.unwrap_or_else(|| panic!("a signed change"));
    let per_day = eastern.provenance(&Store::reference("derived.ibo.per_day")).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        per_day.explanation.contains("۳۶۵ دن"),
        "the worked formula in Urdu digits and words: {}",
        per_day.explanation
    );
    let isolated = signed.split('\u{2066}').nth(1).and_then(|t| t.split('\u{2069}').next()).unwrap_or("");
    assert!(
        isolated.starts_with('+') && isolated.ends_with('٪'),
        "sign before, percent after, isolated LTR: {signed:?}"
    );
}

#[test]
fn the_layout_mirrors_right_to_left() {
    let en = build("incidents-by-province", store()).unwrap_or_else(|e| panic!("{e}"));
    let ur = build("incidents-by-province", &urdu(Digits::Latin)).unwrap_or_else(|e| panic!("{e}"));
    for width in [320.0, 640.0, 1280.0] {
        let l = layout(&ur, width, &ApproxMeasure);
        assert!(l.rtl);
        for m in &l.marks {
            assert!(m.rect.x + m.rect.w <= width + 0.01 && m.rect.x >= -0.01, "inside the chart at {width}");
        }
        // Bars grow leftwards from a shared right edge; labels sit at the right.
        let ends: Vec<f64> = l.marks.iter().map(|m| (m.rect.x + m.rect.w).round()).collect();
        assert!(ends.windows(2).all(|w| w[0] == w[1]), "bars share their right edge at {width}: {ends:?}");
        let label = l.texts.iter().find(|t| t.text.contains("خیبر")).unwrap_or_else(|| panic!("KP's label"));
        assert_eq!(label.align, Align::Right);
        assert!(label.x > width - 10.0, "label at the right edge at {width}: {}", label.x);
        // Each value label sits at its bar's left end.
        let lt = layout(&en, width, &ApproxMeasure);
        assert_eq!(l.marks.len(), lt.marks.len());
        for (m, v) in
            l.marks.iter().zip(l.texts.iter().filter(|t| t.bold && t.align == Align::Right && t.x < width - 10.0))
        {
            assert!(v.x <= m.rect.x + 0.01, "value left of its bar at {width}");
        }
    }
}

#[test]
fn the_drawing_a_figure_carries_lays_out_as_the_chart_the_core_built() {
    for s in [store().clone(), urdu(Digits::Urdu), urdu(Digits::Latin)] {
        for id in chart_ids(&s) {
            let built = build(id, &s).unwrap_or_else(|e| panic!("{e}"));
            let carried = pack::unpack(&pack::pack(&built)).unwrap_or_else(|e| panic!("{id}: {e}"));
            for width in [320.0, 640.0, 1280.0] {
                assert_eq!(
                    layout(&built, width, &ApproxMeasure),
                    layout(&carried, width, &ApproxMeasure),
                    "{id} at {width}"
                );
            }
        }
    }
}

#[test]
fn a_translation_types_no_number_its_english_does_not_have() {
    let digits = |t: &str| -> Vec<String> {
        let mut runs: Vec<String> =
            t.split(|c: char| !c.is_ascii_digit()).filter(|r| !r.is_empty()).map(str::to_owned).collect();
        runs.sort();
        runs
    };
    let t = store().data.translations.get("ur").unwrap_or_else(|| panic!("no Urdu"));
    for (en, ur) in &t.strings {
        let Some(ur) = ur else { continue };
        let known = digits(en);
        for run in digits(ur) {
            assert!(known.contains(&run), "the Urdu of {en:?} types {run}, which its English does not say");
        }
        let slots = |s: &str| {
            let mut v: Vec<String> =
                s.split('{').skip(1).filter_map(|x| x.split('}').next()).map(str::to_owned).collect();
            v.sort();
            v
        };
        assert_eq!(slots(en), slots(ur), "the Urdu of {en:?} keeps every value slot");
    }
}

/// The English strings chart `id` is built from (its texts, the labels,
/// units and hedges of the values it names, and the messages it uses).
fn words_used(id: &str, store: &Store) -> Vec<String> {
    let Some(d) = store.data.chart(id) else {
        return Vec::new();
    };
    let mut out: Vec<String> = vec![d.title.clone(), d.subtitle.clone(), d.summary.clone()];
    out.extend(d.notes.iter().cloned());
    out.push(Msg::ValueInLabel.en().to_owned());
    let mut ids: Vec<String> = Vec::new();
    for p in &d.panels {
        out.push(p.heading.clone());
        for r in &p.rows {
            out.extend([r.label.clone(), r.short.clone(), r.text.clone(), r.annotation.clone()]);
            out.extend(store.data.event(&r.event).map(|e| e.label.clone()));
            out.extend(r.parts.iter().map(|x| x.name.clone()).chain(r.also.iter().map(|x| x.name.clone())));
            ids.push(r.value.clone());
            ids.extend(r.parts.iter().map(|x| x.value.clone()));
            ids.extend(r.also.iter().map(|x| x.value.clone()));
        }
    }
    let texts: Vec<String> = out.clone();
    for t in &texts {
        for slot in pk_security_charts::text::template::parse(t).unwrap_or_default().into_iter().filter_map(Result::err)
        {
            ids.push(slot.id.to_owned());
        }
    }
    for id in ids {
        if let Some(f) = store.data.figure(&id) {
            out.extend([f.label.clone(), f.unit.clone(), f.hedge().to_owned()]);
        } else if let Some(x) = store.derived(&id) {
            out.extend([x.label.clone(), x.unit.clone()]);
        }
    }
    out.retain(|s| !s.trim().is_empty());
    out.sort();
    out.dedup();
    out
}
