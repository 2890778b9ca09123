//! The product's charts, one function per chart id. Each reads figures by id,
//! so titles and summaries state numbers computed from the data, never typed.

use crate::data::DataError;
use crate::store::Store;
use crate::text::format::{change, count, percent, rate};

use super::spec::{Builder, ChartSpec, Panel, Row, Tone};

/// Every chart id, in the dashboard's order.
pub const CHART_IDS: &[&str] = &[
    "incidents-by-province",
    "operations-by-province",
    "operation-rates",
    "deaths-2025",
    "militants-killed-by-source",
    "change-2024-2025",
    "attacks-late-2025",
    "incidents-vs-attacks",
    "suicide-attacks-2025",
];

const KP: &str = "Khyber Pakhtunkhwa";
const BALOCHISTAN: &str = "Balochistan";
const OTHER: &str = "Other parts of Pakistan";

/// Builds the chart with this id from the store.
pub fn build(id: &str, store: &Store) -> Result<ChartSpec, DataError> {
    let b = Builder { store };
    match id {
        "incidents-by-province" => incidents_by_province(&b),
        "operations-by-province" => operations_by_province(&b),
        "operation-rates" => operation_rates(&b),
        "deaths-2025" => deaths(&b),
        "militants-killed-by-source" => militants_killed_by_source(&b),
        "change-2024-2025" => change_2024_2025(&b),
        "attacks-late-2025" => attacks_late_2025(&b),
        "incidents-vs-attacks" => incidents_vs_attacks(&b),
        "suicide-attacks-2025" => suicide_attacks(&b),
        other => Err(DataError::UnknownFigure { context: "chart id".to_owned(), id: other.to_owned() }),
    }
}

/// A share as readers say it: whole percent, one decimal below 1 %.
fn share(v: f64) -> String {
    percent(v, if v < 1.0 { 1 } else { 0 })
}

/// Three province rows of a count with each one's share, sorted by value.
fn by_province(b: &Builder, base: &str) -> Result<Vec<Row>, DataError> {
    let mut rows = Vec::new();
    for (area, key, short) in [(KP, "kp", "KP"), (BALOCHISTAN, "balochistan", "Balochistan"), (OTHER, "other", "Other")]
    {
        let seg = b.figure(&format!("{base}.{key}"), Tone::Official)?;
        let id = format!("derived.{base}.share.{key}");
        let pct = share(b.der(&id)?);
        let text = format!("{} · {pct}", seg.text);
        rows.push(
            Row::single(area, seg).short(short).with_text(text).also(b.derived_text(&id, pct)?, "share of the total"),
        );
    }
    rows.sort_unstable_by(|x, y| y.total().total_cmp(&x.total()));
    Ok(rows)
}

fn sentence(rows: &[Row], total: f64, noun: &str) -> String {
    let parts: Vec<String> =
        rows.iter().map(|r| format!("{} {}", r.label, r.value_text.replace(" · ", ", "))).collect();
    format!("Bar chart of {} {noun} by area. {}.", count(total), parts.join("; "))
}

fn incidents_by_province(b: &Builder) -> Result<ChartSpec, DataError> {
    let rows = by_province(b, "incidents")?;
    let total = b.fig("incidents.total")?;
    Ok(ChartSpec {
        cites: vec![],
        id: "incidents-by-province",
        title: format!(
            "{KP} had {} of Pakistan's militant incidents in 2025",
            share(b.der("derived.incidents.share.kp")?)
        ),
        subtitle: format!(
            "Militant incidents by area in 2025, as counted by the military (ISPR). Total: {}",
            count(total)
        ),
        summary: sentence(&rows, total, "militant incidents in 2025"),
        panels: vec![Panel { heading: String::new(), rows }],
        notes: vec!["Shares are of the military's national total.".to_owned()],
    })
}

fn operations_by_province(b: &Builder) -> Result<ChartSpec, DataError> {
    let rows = by_province(b, "ibo")?;
    let total = b.fig("ibo.total")?;
    Ok(ChartSpec {
        cites: vec![],
        id: "operations-by-province",
        title: format!(
            "{} of the military's operations in 2025 were in {BALOCHISTAN}",
            share(b.der("derived.ibo.share.balochistan")?)
        ),
        subtitle: format!(
            "Intelligence-based operations by area in 2025, as reported by the military (ISPR). Total: {}",
            count(total)
        ),
        summary: sentence(&rows, total, "intelligence-based operations in 2025"),
        panels: vec![Panel { heading: String::new(), rows }],
        notes: vec![],
    })
}

fn operation_rates(b: &Builder) -> Result<ChartSpec, DataError> {
    let per_incident = |area: &str, key: &str, short: &str| -> Result<Row, DataError> {
        let seg = b.derived(&format!("derived.ibo_per_incident.{key}"), Tone::Official)?;
        Ok(Row::single(area, seg).short(short))
    };
    let other = per_incident(OTHER, "other", "Other")?
        .annotate(format!("Only {} incidents here", count(b.fig("incidents.other")?)));
    let rates = Panel {
        heading: "Operations per incident".to_owned(),
        rows: vec![per_incident(BALOCHISTAN, "balochistan", "Balochistan")?, per_incident(KP, "kp", "KP")?, other],
    };
    let per_day = Panel {
        heading: "Per day in 2025, Pakistan".to_owned(),
        rows: vec![
            Row::single("Operations", b.derived("derived.ibo.per_day", Tone::Official)?),
            Row::single("Incidents", b.derived("derived.incidents.per_day", Tone::Official)?),
            Row::single("Militants killed", b.derived("derived.militants_killed.per_day", Tone::Official)?),
        ],
    };
    let bal = b.der("derived.ibo_per_incident.balochistan")?;
    let kp = b.der("derived.ibo_per_incident.kp")?;
    let summary = format!(
        "Bar chart. Operations per incident in 2025: {BALOCHISTAN} {}, {KP} {}, other parts {}. Per day: {} operations, {} incidents, {} militants killed.",
        rate(bal),
        rate(kp),
        rate(b.der("derived.ibo_per_incident.other")?),
        rate(b.der("derived.ibo.per_day")?),
        rate(b.der("derived.incidents.per_day")?),
        rate(b.der("derived.militants_killed.per_day")?),
    );
    Ok(ChartSpec {
        id: "operation-rates",
        // Whole numbers read at a glance; "about" because the bars show one decimal.
        title: format!("{BALOCHISTAN} saw about {} operations for every incident; {KP} about {}", count(bal), count(kp)),
        subtitle: "Intelligence-based operations divided by militant incidents, and daily averages, 2025. Computed from the military's (ISPR) figures".to_owned(),
        panels: vec![rates, per_day],
        notes: vec![format!(
            "Per-day figures are the year's totals divided by 365. The military itself reported an average of {} operations per day.",
            count(b.fig("ibo.per_day")?)
        )],
        summary,
        cites: vec![b.figure("ibo.per_day", Tone::Official)?],
    })
}

fn deaths(b: &Builder) -> Result<ChartSpec, DataError> {
    let militants = b.figure("militants_killed", Tone::Official)?;
    let others = b.figure("state_side_killed", Tone::Official)?;
    let ratio = b.der("derived.militants_per_state_death")?;
    let summary = format!(
        "Bar chart. In 2025 security forces killed {} militants; {} civilians and law-enforcement personnel were killed: {} militants for each.",
        militants.text, others.text, rate(ratio)
    );
    Ok(ChartSpec {
        cites: vec![b.derived("derived.militants_per_state_death", Tone::Official)?],
        id: "deaths-2025",
        title: format!(
            "Security forces killed {} militants for every civilian or law-enforcement death, by the military's count",
            rate(ratio)
        ),
        subtitle: "People killed in militant violence and counter-terrorism operations in Pakistan in 2025, as reported by the military (ISPR)".to_owned(),
        panels: vec![Panel {
            heading: String::new(),
            rows: vec![
                Row::single("Militants killed", militants),
                Row::single("Civilians and law-enforcement personnel killed", others),
            ],
        }],
        // Who the 1,235 were is a disagreement in the data; meta shows it under the chart.
        notes: vec![],
        summary,
    })
}

fn militants_killed_by_source(b: &Builder) -> Result<ChartSpec, DataError> {
    let ispr = b.figure("militants_killed", Tone::Official)?;
    let picss = b.figure("picss.deaths.militants", Tone::Independent)?;
    let crss = b.figure("crss.militants_killed", Tone::Independent)?;
    let ops = b.figure("pips.militants_killed_in_operations", Tone::Independent)?;
    // Hatched and on its own row: PIPS never adds its two counts, so neither do we.
    let own = b.figure("pips.killed_in_attacks.militants", Tone::IndependentPart)?;
    let summary = format!(
        "Bar chart of counts of militants killed in 2025. Official: ISPR {}. Independent: PICSS {}; CRSS {}, approximate; PIPS two separate counts, {} in operations and clashes and {} during their own attacks.",
        ispr.text, picss.text, crss.text, ops.text, own.text
    );
    Ok(ChartSpec {
        cites: vec![],
        id: "militants-killed-by-source",
        title: "How many militants were killed in 2025 depends on who counts".to_owned(),
        subtitle: "Militants killed in Pakistan in 2025: the military's count (ISPR, official, blue) beside three research groups' counts (independent, orange)".to_owned(),
        panels: vec![Panel {
            heading: String::new(),
            rows: vec![
                Row::single("ISPR (official)", ispr).short("ISPR"),
                Row::single("PICSS (independent)", picss).short("PICSS"),
                Row::single("CRSS (independent)", crss).short("CRSS"),
                Row::single("PIPS: in operations and clashes", ops).short("PIPS, operations"),
                Row::single("PIPS: during their own attacks", own).short("PIPS, own attacks"),
            ],
        }],
        notes: vec![
            "PIPS gives two separate counts and no total; they are drawn apart (the second hatched) and not added up here.".to_owned(),
            "CRSS's figure is approximate: its report gives it as a share of its deaths, in Hindi only.".to_owned(),
        ],
        summary,
    })
}

/// A year-on-year pair. `stated` is the counter's own change, when it gave one:
/// that is the figure shown, and ours sits beside it only in the table.
struct Pair<'a> {
    heading: &'a str,
    y24: &'a str,
    y25: &'a str,
    computed: &'a str,
    stated: Option<&'a str>,
    tone: Tone,
}

fn pair(b: &Builder, p: &Pair) -> Result<Panel, DataError> {
    let computed = change(b.der(p.computed)?, 0);
    let s25 = b.figure(p.y25, p.tone)?;
    let mut row = Row::single("2025", s25.clone());
    let text = match p.stated {
        Some(id) => {
            let mut stated = b.figure(id, p.tone)?;
            stated.text = if stated.unit == "percent" { change(stated.value, 0) } else { format!("+{}", stated.text) };
            let who = b.store.citation(id)?.counter;
            let text = format!("{} ({who}: {})", s25.text, stated.text);
            row = row.also(stated, "change from 2024, as the counter states it");
            row = row.also(b.derived_text(p.computed, computed)?, "change computed here");
            text
        }
        None => {
            row = row.also(b.derived_text(p.computed, computed.clone())?, "change from 2024, computed here");
            format!("{} ({computed})", s25.text)
        }
    };
    Ok(Panel {
        heading: p.heading.to_owned(),
        rows: vec![Row::single("2024", b.figure(p.y24, p.tone)?), row.with_text(text)],
    })
}

fn change_2024_2025(b: &Builder) -> Result<ChartSpec, DataError> {
    let (o, i) = (Tone::Official, Tone::Independent);
    let pairs = [
        Pair {
            heading: "ISPR: operations",
            y24: "2024.ibo.total",
            y25: "ibo.total",
            computed: "derived.change.ibo",
            stated: None,
            tone: o,
        },
        Pair {
            heading: "ISPR: militants killed",
            y24: "2024.militants_killed",
            y25: "militants_killed",
            computed: "derived.change.militants_killed",
            stated: None,
            tone: o,
        },
        Pair {
            heading: "PICSS: deaths",
            y24: "picss.2024.deaths.total",
            y25: "picss.deaths.total",
            computed: "derived.change.picss.deaths",
            stated: Some("picss.deaths.change"),
            tone: i,
        },
        Pair {
            heading: "CRSS: deaths",
            y24: "crss.2024.deaths.total",
            y25: "crss.deaths.total",
            computed: "derived.change.crss.deaths",
            stated: Some("crss.deaths.change"),
            tone: i,
        },
        Pair {
            heading: "PIPS: attacks",
            y24: "pips.2024.attacks.total",
            y25: "pips.attacks.total",
            computed: "derived.change.pips.attacks",
            stated: Some("pips.attacks.change"),
            tone: i,
        },
        Pair {
            heading: "PIPS: deaths in attacks",
            y24: "pips.2024.killed_in_attacks",
            y25: "pips.killed_in_attacks",
            computed: "derived.change.pips.deaths",
            stated: Some("pips.deaths.change"),
            tone: i,
        },
    ];
    let panels = pairs.iter().map(|p| pair(b, p)).collect::<Result<Vec<_>, _>>()?;
    let parts: Vec<String> = panels
        .iter()
        .filter_map(|p| match p.rows.as_slice() {
            [a, c] => Some(format!("{}: {} in 2024, {} in 2025", p.heading, a.value_text, c.value_text)),
            _ => None,
        })
        .collect();
    Ok(ChartSpec {
        id: "change-2024-2025",
        title: format!(
            "The military's operations rose {} in 2025; the militants it reports killing rose {}",
            percent(b.der("derived.change.ibo")?, 0),
            percent(b.der("derived.change.militants_killed")?, 0)
        ),
        subtitle: "2024 and 2025 counts: the military's (ISPR, official, blue) and research groups' (PICSS, CRSS, PIPS, independent, orange). Each pair has its own scale".to_owned(),
        summary: format!("Paired bar chart. {}.", parts.join(". ")),
        panels,
        notes: vec![
            "Where a group states its own change, that is the change shown. The military stated none, so its changes are computed here: (2025 − 2024) ÷ 2024. Deaths and attacks are each group's own definitions.".to_owned(),
            "The military's 2024 figure (reported by Dawn) counts \"operations\"; its 2025 figure counts \"intelligence-based operations\". They are compared here as one series, though they may not count the same thing.".to_owned(),
        ],
        cites: vec![],
    })
}

fn attacks_late_2025(b: &Builder) -> Result<ChartSpec, DataError> {
    let closure = b.store.data.event("border-closure").map(|e| e.label.clone()).unwrap_or_default();
    let month =
        |label: &str, id: &str| -> Result<Row, DataError> { Ok(Row::single(label, b.figure(id, Tone::Independent)?)) };
    let mut october = month("October", "picss.attacks.2025-10")?.short("Oct");
    if !closure.is_empty() {
        october = october.annotate(closure);
    }
    let rows = vec![
        october,
        month("November", "picss.attacks.2025-11")?.short("Nov"),
        month("December", "picss.attacks.2025-12")?.short("Dec"),
    ];
    let nov = b.figure("crss.attacks.change.nov", Tone::Independent)?;
    let dec = b.figure("crss.attacks.change.dec", Tone::Independent)?;
    let crss_note = format!(
        "CRSS, another research group, reported attacks down {} in November and down {} in December, each against the month before.",
        b.store.display(&nov.value_ref, true)?,
        b.store.display(&dec.value_ref, true)?
    );
    let summary = format!(
        "Bar chart of militant attacks counted by PICSS: October {}, November {}, December {}. {}",
        rows[0].value_text, rows[1].value_text, rows[2].value_text, crss_note
    );
    Ok(ChartSpec {
        id: "attacks-late-2025",
        title: format!(
            "Militant attacks fell from {} in November to {} in December, PICSS counted",
            rows[1].value_text, rows[2].value_text
        ),
        subtitle: "Militant attacks per month in late 2025, as counted by PICSS, an independent research group"
            .to_owned(),
        panels: vec![Panel { heading: String::new(), rows }],
        notes: vec![crss_note],
        summary,
        cites: vec![nov, dec],
    })
}

fn incidents_vs_attacks(b: &Builder) -> Result<ChartSpec, DataError> {
    let ispr = b.figure("incidents.total", Tone::Official)?;
    let picss = b.figure("picss.attacks.total", Tone::Independent)?;
    let pips = b.figure("pips.attacks.total", Tone::Independent)?;
    let summary = format!(
        "Bar chart of three counts of militant violence in Pakistan in 2025, each of a different thing: ISPR {} incidents; PICSS {} attacks; PIPS {} attacks.",
        ispr.text, picss.text, pips.text
    );
    Ok(ChartSpec {
        id: "incidents-vs-attacks",
        title: "The military counted \"incidents\"; research groups counted \"attacks\"".to_owned(),
        subtitle: "Militant violence in Pakistan in 2025: the military's count of incidents (ISPR, official, blue) beside two research groups' counts of attacks (independent, orange). Different things, never added up".to_owned(),
        summary,
        panels: vec![Panel {
            heading: String::new(),
            rows: vec![
                Row::single("ISPR: militant incidents", ispr).short("ISPR incidents"),
                Row::single("PICSS: militant attacks", picss).short("PICSS attacks"),
                Row::single("PIPS: terrorist attacks", pips).short("PIPS attacks"),
            ],
        }],
        notes: vec![],
        cites: vec![],
    })
}

fn suicide_attacks(b: &Builder) -> Result<ChartSpec, DataError> {
    let ispr = b.figure("suicide_attacks.total", Tone::Official)?;
    let picss = b.figure("picss.suicide_attacks", Tone::Independent)?;
    let summary =
        format!("Bar chart of suicide attacks in Pakistan in 2025: ISPR {}; PICSS {}.", ispr.text, picss.text);
    Ok(ChartSpec {
        id: "suicide-attacks-2025",
        title: format!("The military counted {} suicide attacks in 2025; PICSS counted {}", ispr.text, picss.text),
        subtitle: "Suicide attacks in Pakistan in 2025, as counted by the military (ISPR, official, blue) and by PICSS, an independent research group (orange)".to_owned(),
        summary,
        panels: vec![Panel {
            heading: String::new(),
            rows: vec![Row::single("ISPR (official)", ispr).short("ISPR"), Row::single("PICSS (independent)", picss).short("PICSS")],
        }],
        notes: vec![],
        cites: vec![],
    })
}
