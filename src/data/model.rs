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
}

impl Kind {
    /// The word a reader sees.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Official => "official",
            Kind::Independent => "independent",
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
    /// The download's list of derived figures: read past, never trusted, since
    /// the core computes its own.
    #[serde(default, skip_serializing, rename = "derived")]
    pub derived_download: Option<serde::de::IgnoredAny>,
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
