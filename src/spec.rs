//! What a chart says, before any geometry: panels of labelled rows, each row one
//! or more bar segments that point back at figures. Every chart id of the product
//! is a `ChartSpec`; `layout` turns it into positions and `draw` paints it.

use crate::data::DataError;
use crate::store::{Provenance, Store, ValueRef};

/// How a bar segment is coloured; also told apart by label, never by colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// The military's own count.
    Official,
    /// A research group's count.
    Independent,
    /// Part of an independent count shown apart (hatched).
    IndependentPart,
}

/// One bar, or one part of a stacked bar.
#[derive(Debug, Clone)]
pub struct Segment {
    /// The value drawn.
    pub value: f64,
    /// Where it comes from.
    pub value_ref: ValueRef,
    /// Colour role.
    pub tone: Tone,
    /// What this part is, when a row has several ("in operations").
    pub name: String,
    /// The value as text ("3,811").
    pub text: String,
    /// Unit, for the table and tooltip.
    pub unit: String,
}

/// One labelled bar.
#[derive(Debug, Clone)]
pub struct Row {
    /// Category label, full.
    pub label: String,
    /// Shorter label for narrow screens, empty if none.
    pub short: String,
    /// The bar's parts; usually one.
    pub segments: Vec<Segment>,
    /// Text at the bar's end ("3,811 · 71%").
    pub value_text: String,
    /// A note under the bar (an event), empty if none.
    pub annotation: String,
    /// Values the end label states besides the bar's own (a share, a change):
    /// not drawn as bars, but listed with their formula like every value shown.
    pub also: Vec<Segment>,
}

/// A group of rows sharing one scale.
#[derive(Debug, Clone, Default)]
pub struct Panel {
    /// Heading above the rows, empty for none.
    pub heading: String,
    /// The rows, in reading order.
    pub rows: Vec<Row>,
}

/// Everything a chart says.
#[derive(Debug, Clone)]
pub struct ChartSpec {
    /// Chart id (`incidents-by-province`).
    pub id: String,
    /// The finding, one line.
    pub title: String,
    /// What is measured, where, when, by whom.
    pub subtitle: String,
    /// The bars.
    pub panels: Vec<Panel>,
    /// Definitions and caveats.
    pub notes: Vec<String>,
    /// The screen-reader summary with the numbers.
    pub summary: String,
    /// Values stated in the title or notes but not drawn, so they too can be
    /// traced and their reports listed in the footer.
    pub cites: Vec<Segment>,
    /// The language and digits its words are in; right to left mirrors it.
    pub locale: crate::text::locale::Locale,
}

impl ChartSpec {
    /// Every segment in reading order with its panel and row.
    pub fn segments(&self) -> impl Iterator<Item = (&Panel, &Row, &Segment)> {
        self.panels.iter().flat_map(|p| p.rows.iter().flat_map(move |r| r.segments.iter().map(move |s| (p, r, s))))
    }

    /// Provenance of every segment, in reading order.
    pub fn provenance(&self, store: &Store) -> Result<Vec<Provenance>, DataError> {
        self.segments().map(|(_, _, s)| store.provenance(&s.value_ref)).collect()
    }
}

impl Row {
    /// A row of one segment whose end label is the segment's text.
    pub fn single(label: &str, segment: Segment) -> Row {
        Row {
            label: label.to_owned(),
            short: String::new(),
            value_text: segment.text.clone(),
            segments: vec![segment],
            annotation: String::new(),
            also: Vec::new(),
        }
    }

    /// Sets the short label used on narrow screens.
    pub fn short(mut self, short: &str) -> Row {
        self.short = short.to_owned();
        self
    }

    /// Replaces the end label.
    pub fn with_text(mut self, text: String) -> Row {
        self.value_text = text;
        self
    }

    /// Adds a value the end label states (a share, a change).
    pub fn also(mut self, mut value: Segment, name: &str) -> Row {
        value.name = name.to_owned();
        self.also.push(value);
        self
    }

    /// Adds a note under the bar.
    pub fn annotate(mut self, note: String) -> Row {
        self.annotation = note;
        self
    }

    /// The sum of the row's segments: the bar's length.
    pub fn total(&self) -> f64 {
        self.segments.iter().map(|s| s.value.max(0.0)).sum()
    }
}
