//! The loaded dataset together with its derived figures, and the one question
//! every chart asks of them: what is this value, and where did it come from?

use std::sync::OnceLock;

use crate::data::{DataError, Dataset, Kind};
use crate::derive::{self, Derived};
use crate::text::locale::{Lang, Locale, Words, FSI, LRI, PDI};
use crate::text::ui::Msg;

/// A value a chart draws: a published figure or a derived one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueRef {
    /// A figure id of the dataset.
    Figure(String),
    /// A derived id of [`crate::derive`].
    Derived(String),
}

/// How a value is written in a text (`{id|style}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// As the value is: a count, a percent, a rate, a signed change.
    Plain,
    /// Without its sign: "down {x|abs}".
    Abs,
    /// A share: whole percent, one decimal below 1%.
    Share,
    /// Rounded to a whole number.
    Whole,
    /// One decimal below 100, none above.
    Rate,
    /// Whole percent, no sign.
    Percent,
    /// Signed: `+74%`, `+862`.
    Change,
}

impl Style {
    /// The style names a template may use, for error messages.
    pub const NAMES: &'static str = "abs, share, whole, rate, percent, change";

    /// The style a template names; `None` for an unknown one.
    pub fn parse(name: &str) -> Option<Style> {
        Some(match name {
            "" => Style::Plain,
            "abs" => Style::Abs,
            "share" => Style::Share,
            "whole" => Style::Whole,
            "rate" => Style::Rate,
            "percent" => Style::Percent,
            "change" => Style::Change,
            _ => return None,
        })
    }
}

/// A dataset ready to chart: validated, with its derived figures computed.
#[derive(Debug, Clone)]
pub struct Store {
    /// The published figures and their sources, shared by the store's
    /// copies in other locales (a deep copy per chart would cost readers wasm).
    pub data: std::sync::Arc<Dataset>,
    /// Every derived figure.
    pub derived: Vec<Derived>,
    /// The language, digits and grouping everything is shown in.
    pub locale: Locale,
    /// The words for `locale`, when it is not English.
    pub words: Words,
}

/// One report behind a value, as a reader sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Citation {
    /// Figure id.
    pub figure: String,
    /// The figure's own label.
    pub label: String,
    /// Who counted (ISPR, PICSS…).
    pub counter: String,
    /// official / independent.
    pub kind: &'static str,
    /// Outlet.
    pub publisher: String,
    /// Report title (or our description of it).
    pub title: String,
    /// ISO date, may be empty.
    pub date: String,
    /// Link, may be empty.
    pub url: String,
    /// The verbatim sentence, in the report's language.
    pub quote: String,
    /// The report's language (`en`, `hi`).
    pub language: String,
    /// Our English translation of a quote in another language, else empty.
    pub translation: String,
    /// Caveats.
    pub note: String,
}

/// Where a value comes from: its citations and, if derived, its formula.
#[derive(Debug, Clone, PartialEq)]
pub struct Provenance {
    /// Figure or derived id.
    pub id: String,
    /// Formula over figure ids, empty for published figures.
    pub formula: String,
    /// The formula with numbers, empty for published figures.
    pub explanation: String,
    /// Reports of the value or of its inputs.
    pub citations: Vec<Citation>,
}

static BUILTIN: OnceLock<Result<Store, DataError>> = OnceLock::new();

impl Store {
    /// Validates the dataset and computes its derived figures.
    pub fn new(data: Dataset) -> Result<Store, DataError> {
        crate::data::validate(&data)?;
        let derived = derive::all(&data)?;
        let store = Store { data: data.into(), derived, locale: Locale::default(), words: Words::default() };
        // Every explanation's `{id}` must name a value, or a reader would see the brace.
        for d in &store.data.disagreements {
            store.fill(&d.explanation).map_err(|e| match e {
                DataError::UnknownFigure { id, .. } => DataError::UnknownFigure { context: d.id.clone(), id },
                other => other,
            })?;
        }
        Ok(store)
    }

    /// Parses, validates and derives from JSON text.
    pub fn from_json(text: &str) -> Result<Store, DataError> {
        Store::new(Dataset::from_json(text)?)
    }

    /// The built-in dataset, loaded once per process (or wasm instance).
    pub fn builtin() -> Result<&'static Store, DataError> {
        BUILTIN.get_or_init(|| Store::from_json(crate::data::BUILTIN_JSON)).as_ref().map_err(Clone::clone)
    }

    /// This dataset shown in `locale`, in the dataset's and the UI's own
    /// translations.
    pub fn localized(&self, locale: Locale) -> Store {
        let words = match locale.lang {
            Lang::En => Words::default(),
            lang => self.all_words(lang),
        };
        Store { locale, words, ..self.clone() }
    }

    /// Every translation into `lang`: the dataset's words and the UI's.
    pub fn all_words(&self, lang: Lang) -> Words {
        let data = self.data.translations.get(lang.code()).into_iter().flat_map(|t| t.strings.clone());
        let ui = crate::text::ui::UI_TRANSLATIONS
            .iter()
            .filter(|t| t.0 == lang.code())
            .flat_map(|t| t.4.iter().map(|(en, tr)| ((*en).to_owned(), Some((*tr).to_owned()))));
        Words::new(ui.chain(data))
    }

    /// `en` in the reader's language: its translation, or the English marked
    /// as such (a first-strong isolate, which the HTML writer turns into a
    /// visibly English `<span lang="en">`), never an empty string.
    pub fn tr(&self, en: &str) -> String {
        if self.locale.lang == Lang::En || en.trim().is_empty() {
            return en.to_owned();
        }
        match self.words.get(en) {
            Some(t) if !t.is_empty() => t.to_owned(),
            _ => format!("{FSI}{en}{PDI}"),
        }
    }

    /// A UI message in the reader's language.
    pub fn msg(&self, m: Msg) -> String {
        self.tr(m.en())
    }

    /// A UI message with its `{name}`s filled.
    pub fn msg_with(&self, m: Msg, args: &[(&str, &str)]) -> String {
        Msg::fill(&self.tr(m.en()), args)
    }

    /// The derived figure with this id.
    pub fn derived(&self, id: &str) -> Option<&Derived> {
        self.derived.iter().find(|d| d.id == id)
    }

    /// The value behind a reference.
    pub fn value(&self, r: &ValueRef) -> Result<f64, DataError> {
        match r {
            ValueRef::Figure(id) => self.data.figure(id).map(|f| f.value),
            ValueRef::Derived(id) => self.derived(id).map(|d| d.value),
        }
        .ok_or_else(|| missing(r))
    }

    /// Citations and formula behind a reference.
    pub fn provenance(&self, r: &ValueRef) -> Result<Provenance, DataError> {
        match r {
            ValueRef::Figure(id) => Ok(Provenance {
                id: id.clone(),
                formula: String::new(),
                explanation: String::new(),
                citations: vec![self.citation(id)?],
            }),
            ValueRef::Derived(id) => {
                let d = self.derived(id).ok_or_else(|| missing(r))?;
                let citations = d.inputs.iter().map(|i| self.citation(i)).collect::<Result<_, _>>()?;
                Ok(Provenance {
                    id: id.clone(),
                    formula: d.formula.clone(),
                    explanation: self.explanation(d),
                    citations,
                })
            }
        }
    }

    /// A derived value's worked formula in the reader's language: its units
    /// translated and its digits localised; arithmetic reads left to right,
    /// so in Urdu it is isolated as such.
    fn explanation(&self, d: &Derived) -> String {
        if self.locale == Locale::default() {
            return d.explanation.clone();
        }
        let text = derive::explain(d.op, d.value, &d.terms, &|n| self.locale.number(&n), &|u| self.tr(u));
        if self.locale.rtl() {
            format!("{LRI}{text}{PDI}")
        } else {
            text
        }
    }

    /// The citation of one published figure.
    pub fn citation(&self, figure: &str) -> Result<Citation, DataError> {
        let f = self.data.figure(figure).ok_or_else(|| missing(&ValueRef::Figure(figure.to_owned())))?;
        let s = self
            .data
            .source(&f.source)
            .ok_or_else(|| DataError::UnknownSource { owner: f.id.clone(), source_id: f.source.clone() })?;
        // Quotes stay in their own language; beside one in another language
        // than the reader's goes a translation into the reader's.
        let translation = match self.locale.lang {
            Lang::En => f.translation.clone(),
            lang if s.language == lang.code() => String::new(),
            _ => match self.words.get(&f.quote) {
                Some(t) if !t.is_empty() && t != f.quote => t.to_owned(),
                _ if !f.translation.is_empty() => self.tr(&f.translation),
                _ => String::new(),
            },
        };
        Ok(Citation {
            figure: f.id.clone(),
            label: self.tr(&f.label),
            counter: s.counter.clone(),
            kind: s.kind.as_str(),
            publisher: s.publisher.clone(),
            title: s.title.clone(),
            date: s.date.clone(),
            url: s.url.clone(),
            quote: f.quote.clone(),
            language: s.language.clone(),
            translation,
            note: self.tr(&f.note),
        })
    }

    /// A value as readers see it: `3,811`, `74%`, `about 2,060`, a rate `37.8`,
    /// or in a [`Style`]. A figure keeps its source's hedge in every style.
    pub fn display(&self, r: &ValueRef, style: Style) -> Result<String, DataError> {
        let (value, unit, hedge, change) = match r {
            ValueRef::Figure(id) => {
                let f = self.data.figure(id).ok_or_else(|| missing(r))?;
                (f.value, f.unit.as_str(), self.tr(f.hedge()), false)
            }
            ValueRef::Derived(id) => {
                let d = self.derived(id).ok_or_else(|| missing(r))?;
                (d.value, d.unit.as_str(), String::new(), d.op == derive::Op::Change)
            }
        };
        let derived = matches!(r, ValueRef::Derived(_));
        let percent = unit == "percent";
        use crate::text::format::{as_given, change as signed, count, decimals_of, percent as pct, rate};
        let text = match style {
            Style::Abs => {
                return self.display(r, Style::Plain).map(|t| t.replace(['−', LRI, PDI], ""));
            }
            Style::Share => pct(value, if value.abs() < 1.0 { 1 } else { 0 }),
            Style::Whole => count(value),
            Style::Rate => rate(value),
            Style::Percent => pct(value, 0),
            Style::Change if percent => signed(value, if derived { 0 } else { decimals_of(value) }),
            Style::Change => {
                let c = if derived { count(value) } else { as_given(value) };
                if value > 0.0 {
                    format!("+{c}")
                } else {
                    c
                }
            }
            Style::Plain if change => signed(value, 0),
            Style::Plain if percent => pct(value, if derived { 0 } else { decimals_of(value) }),
            Style::Plain if derived => rate(value),
            // A published figure reads as its source wrote it, decimals and all.
            Style::Plain => as_given(value),
        };
        let text = self.locale.number(&text);
        Ok(if hedge.is_empty() { text } else { format!("{hedge} {text}") })
    }

    /// The reference an id in a text names: `derived.…` ids are computed ones.
    pub fn reference(id: &str) -> ValueRef {
        if id.starts_with("derived.") {
            ValueRef::Derived(id.to_owned())
        } else {
            ValueRef::Figure(id.to_owned())
        }
    }

    /// A text with every `{id}` replaced by that value as shown, and the values
    /// it states, so they can be traced like any drawn one.
    /// The text is English from the dataset and is shown in the reader's language.
    pub fn fill_traced(&self, text: &str) -> Result<(String, Vec<ValueRef>), DataError> {
        self.fill_exact(&self.tr(text))
    }

    /// [`Store::fill_traced`] of a text already in the reader's language.
    pub fn fill_exact(&self, text: &str) -> Result<(String, Vec<ValueRef>), DataError> {
        let mut refs = Vec::new();
        let filled = crate::text::template::fill(
            text,
            |slot| {
                let r = Store::reference(slot.id);
                let style = Style::parse(slot.style).ok_or_else(|| DataError::UnknownFigure {
                    context: "text".to_owned(),
                    id: format!("{}|{} (styles: {})", slot.id, slot.style, Style::NAMES),
                })?;
                let shown = self.display(&r, style)?;
                if !refs.contains(&r) {
                    refs.push(r);
                }
                Ok(shown)
            },
            |why| DataError::UnknownFigure { context: "text".to_owned(), id: why },
        )?;
        Ok((filled, refs))
    }

    /// [`Store::fill_traced`] without the references.
    pub fn fill(&self, text: &str) -> Result<String, DataError> {
        self.fill_traced(text).map(|(t, _)| t)
    }

    /// Whether the figure is an official or independent count.
    pub fn kind(&self, figure: &str) -> Option<Kind> {
        let f = self.data.figure(figure)?;
        self.data.source(&f.source).map(|s| s.kind)
    }
}

fn missing(r: &ValueRef) -> DataError {
    match r {
        ValueRef::Figure(id) => DataError::UnknownFigure { context: "chart".to_owned(), id: id.clone() },
        ValueRef::Derived(id) => DataError::Underivable { id: id.clone(), why: "no such derived figure".to_owned() },
    }
}
