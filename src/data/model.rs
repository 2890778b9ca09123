//! The dataset's shape: figures, the reports they come from, and the context
//! around them. Field names are what a journalist sees in `pk-2025.json`.

use serde::{Deserialize, Serialize};

/// Whose count a figure is: the military's own, or a research group's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// ISPR, the military's media wing.
    Official,
    /// PICSS, CRSS, PIPS: research groups with their own definitions.
    Independent,
    /// A newsroom's own figure whose spreadsheet does not say which.
    Other,
}

impl Kind {
    /// The word a reader sees.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Official => "official",
            Kind::Independent => "independent",
            Kind::Other => "other",
        }
    }
}

/// A whole dataset as loaded from JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    /// Short machine id, used in file names (`pk-security-2025`).
    pub id: String,
    /// Human title.
    pub title: String,
    /// A sentence or two under the dashboard's title: what the charts show.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// ISO date the figures were last checked against their sources: shown to
    /// readers as "Data updated", so it is the dataset's, never the build's.
    #[serde(default)]
    pub updated: String,
    /// How a reader reports a correction; each newsroom sets its own.
    #[serde(default)]
    pub corrections: Corrections,
    /// Reports the figures were taken from.
    pub sources: Vec<Source>,
    /// Every published number.
    pub figures: Vec<Figure>,
    /// Parts that a source gives together with their total.
    #[serde(default)]
    pub totals: Vec<Total>,
    /// Where counts of the same thing disagree.
    #[serde(default)]
    pub disagreements: Vec<Disagreement>,
    /// Dated events that explain the figures.
    #[serde(default)]
    pub events: Vec<Event>,
    /// Numbers computed from figures (rates, shares, changes), each a formula
    /// over figure ids that the core evaluates.
    #[serde(default)]
    pub formulas: Vec<Formula>,
    /// The charts, declared: which figures each draws, and what it says.
    #[serde(default)]
    pub charts: Vec<ChartDecl>,
    /// A newsroom's own data may chart a figure whose quote it does not have
    /// (the table then says "no quote given"); the product's data may not.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub quotes_optional: bool,
    /// The dataset's words in other languages, by language code (`ur`).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub translations: std::collections::BTreeMap<String, Translation>,
    /// The download's list of derived figures: read past, never trusted, since
    /// the core computes its own.
    #[serde(default, skip_serializing, rename = "derived")]
    pub derived_download: Option<serde::de::IgnoredAny>,
}

/// One language's translation of the dataset's words, beside the English.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Translation {
    /// The language's name in itself (`اردو`), for the switch between languages.
    #[serde(default)]
    pub name: String,
    /// Who or what made it: readers are told.
    pub made_by: String,
    /// Whether a fluent reader has checked it: readers are told when not.
    #[serde(default)]
    pub checked: bool,
    /// English text (a label, a template, a quote) → its translation; `null`
    /// keeps the English on purpose (an acronym, a name).
    pub strings: std::collections::BTreeMap<String, Option<String>>,
}

/// Where corrections go: a sentence and, optionally, a link (`mailto:` or web).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Corrections {
    /// What the reader is told.
    #[serde(default)]
    pub text: String,
    /// A `mailto:` or `https://` link, empty for none.
    #[serde(default)]
    pub url: String,
}

/// One published report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Unique id figures refer to.
    pub id: String,
    /// The outlet that published it.
    pub publisher: String,
    /// Headline, or a description when the headline is not known.
    pub title: String,
    /// True when `title` is our description, not the real headline.
    #[serde(default)]
    pub title_is_description: bool,
    /// ISO date (`2026-01-06` or `2026-01`), empty when not known.
    #[serde(default)]
    pub date: String,
    /// Link to the report, empty when none is known.
    #[serde(default)]
    pub url: String,
    /// Official or independent count.
    pub kind: Kind,
    /// Who counted: ISPR, PICSS, CRSS, PIPS.
    pub counter: String,
    /// Language of the report (`en`, `hi`).
    #[serde(default = "english")]
    pub language: String,
}

fn english() -> String {
    "en".to_owned()
}

/// One number as a report gave it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// Unique id (`ibo.kp`).
    pub id: String,
    /// What it counts, in words.
    pub label: String,
    /// The number.
    pub value: f64,
    /// Plural noun for the unit (`operations`).
    pub unit: String,
    /// Year or month (`2025`, `2025-10`).
    pub period: String,
    /// Where (`Khyber Pakhtunkhwa`).
    pub area: String,
    /// Id of the report.
    pub source: String,
    /// The sentence the number was copied from, in the report's own language.
    pub quote: String,
    /// The quote in English when the report is in another language; shown
    /// beside the quote and labelled as a translation.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub translation: String,
    /// The source itself says "about".
    #[serde(default)]
    pub approximate: bool,
    /// The source's own hedge, kept with the number: `almost`, `at least`.
    /// Empty means `about` for an approximate figure and nothing otherwise.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub qualifier: String,
    /// Caveats a reader should see.
    #[serde(default)]
    pub note: String,
}

impl Figure {
    /// The words written before the number: the source's own hedge, else
    /// `about` for an approximate figure.
    pub fn hedge(&self) -> &str {
        match (self.qualifier.trim(), self.approximate) {
            ("", true) => "about",
            (q, _) => q,
        }
    }
}

/// A total and the parts its source gives for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Total {
    /// Figure id of the total.
    pub total: String,
    /// Figure ids of the parts.
    pub parts: Vec<String>,
}

/// Figures that count the same thing differently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disagreement {
    /// Unique id.
    pub id: String,
    /// What is counted.
    pub topic: String,
    /// Chart ids whose figure shows this box.
    #[serde(default)]
    pub charts: Vec<String>,
    /// The figures that disagree.
    pub figures: Vec<String>,
    /// Why they differ, in plain words. Numbers are never typed here: `{figure.id}`
    /// (or `{figure.id|abs}`) stands for a figure or derived value, so the text
    /// always says what the data says.
    pub explanation: String,
}

/// A dated event for timelines and annotations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Unique id.
    pub id: String,
    /// ISO date or month.
    pub date: String,
    /// Last day, for events that span days.
    #[serde(default)]
    pub end_date: String,
    /// What happened.
    pub label: String,
    /// Id of the report.
    pub source: String,
    /// The sentence that states it.
    pub quote: String,
}

impl Dataset {
    /// The figure with this id.
    pub fn figure(&self, id: &str) -> Option<&Figure> {
        self.figures.iter().find(|f| f.id == id)
    }

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The event with this id.
    pub fn event(&self, id: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.id == id)
    }
}

/// How a formula combines its inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// `a / days in a's year`.
    PerDay,
    /// `a / b`.
    Ratio,
    /// `a / b × 100`, a rate per hundred.
    #[serde(rename = "per_100")]
    Per100,
    /// `a / b × 100`, a share of a total in percent.
    Share,
    /// `(b − a) / a × 100`: change from `a` to `b`, in percent.
    Change,
}

/// A derived number, declared: `derived.ibo.per_day` = `ibo.total` per day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Formula {
    /// Unique id, starting `derived.`.
    pub id: String,
    /// What it is, in words.
    pub label: String,
    /// The operation.
    pub op: Op,
    /// Figure ids it is computed from: one for `per_day`, two otherwise.
    pub of: Vec<String>,
    /// Unit of the result.
    pub unit: String,
}

/// The ways a chart can be drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    /// Horizontal bars, one per row, in panels that each have their own scale.
    #[default]
    Bars,
    /// Pairs (2024 against 2025): a panel per pair, same drawing as bars.
    Paired,
    /// Bars whose parts are separate counts, stacked and told apart.
    Parts,
}

/// A value a bar's label states besides the bar's own (a share, a change).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlsoDecl {
    /// Figure or derived id.
    pub value: String,
    /// What it is, for the table ("share of the total").
    pub name: String,
    /// How it is written: see [`crate::store::Style`] (`share`, `change`…).
    #[serde(default)]
    pub style: String,
}

/// One drawn part of a bar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartDecl {
    /// Figure or derived id.
    pub value: String,
    /// What this part is, when a bar has several.
    #[serde(default)]
    pub name: String,
    /// Drawn hatched: a separate count shown apart.
    #[serde(default)]
    pub hatched: bool,
}

/// One labelled bar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowDecl {
    /// Category label.
    pub label: String,
    /// Shorter label for narrow screens.
    #[serde(default)]
    pub short: String,
    /// The bar's value: a figure or derived id (or use `parts`).
    #[serde(default)]
    pub value: String,
    /// Drawn hatched (with `value`).
    #[serde(default)]
    pub hatched: bool,
    /// Several parts instead of one `value`.
    #[serde(default)]
    pub parts: Vec<PartDecl>,
    /// The text at the bar's end, a template; empty for the value as written.
    #[serde(default)]
    pub text: String,
    /// Values that text states besides the bar's own.
    #[serde(default)]
    pub also: Vec<AlsoDecl>,
    /// A note under the bar, a template.
    #[serde(default)]
    pub annotation: String,
    /// An event whose label is the note under the bar.
    #[serde(default)]
    pub event: String,
}

/// Rows sharing one scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PanelDecl {
    /// Heading above the rows.
    #[serde(default)]
    pub heading: String,
    /// `desc` sorts the rows by value, largest first; empty keeps their order.
    #[serde(default)]
    pub sort: String,
    /// The bars.
    pub rows: Vec<RowDecl>,
}

/// A chart, declared. Texts are templates: `{figure.id}` is that value as
/// written, `{id|style}` in a style (see [`crate::store::Style`]), `{rows}` in
/// a summary lists every bar, `{panels}` every pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartDecl {
    /// Chart id, used in URLs and file names.
    pub id: String,
    /// How it is drawn.
    #[serde(default)]
    pub kind: ChartKind,
    /// The finding, one line.
    pub title: String,
    /// What is measured, where, when, by whom.
    pub subtitle: String,
    /// For screen readers: the chart in a sentence or two, with its numbers.
    pub summary: String,
    /// The bars.
    pub panels: Vec<PanelDecl>,
    /// Definitions and caveats.
    #[serde(default)]
    pub notes: Vec<String>,
}

impl Dataset {
    /// The chart declared with this id.
    pub fn chart(&self, id: &str) -> Option<&ChartDecl> {
        self.charts.iter().find(|c| c.id == id)
    }
}
