//! Which language, digits and grouping a reader asked for, and the words a
//! chart is shown in. Translations live in the dataset (`translations`) and in
//! `src/data/ui.json`, keyed by the English they translate; this module only
//! looks them up, so no sentence for readers is typed in code.

use super::format::{localize, regroup, Digits, Grouping};

/// A language the charts can be read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English, the language the dataset is written in.
    #[default]
    En,
    /// Urdu, right to left.
    Ur,
}

impl Lang {
    /// The BCP 47 code (`en`, `ur`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ur => "ur",
        }
    }
}

/// Bidi controls: a right-to-left isolate, a left-to-right one, a first-strong
/// one and their end. Text runs are isolated rather than marked with LRM/RLM
/// so the same string reads right in HTML, on the canvas and in the SVG.
pub const RLI: char = '\u{2067}';
/// Left-to-right isolate: numbers with a sign, inside Urdu text.
pub const LRI: char = '\u{2066}';
/// First-strong isolate: marks English shown because no translation exists.
pub const FSI: char = '\u{2068}';
/// Ends an isolate.
pub const PDI: char = '\u{2069}';

/// Language, digits and grouping together: what `lang=`, `digits=` and
/// `grouping=` ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Locale {
    /// The language.
    pub lang: Lang,
    /// Western (default) or Urdu digits.
    pub digits: Digits,
    /// Threes (default) or South Asian.
    pub grouping: Grouping,
}

impl Locale {
    /// From the page's parameters; anything unknown is the default, so a
    /// mistyped parameter shows the English chart rather than nothing.
    pub fn parse(lang: &str, digits: &str, grouping: &str) -> Locale {
        Locale {
            lang: if lang.trim().eq_ignore_ascii_case("ur") { Lang::Ur } else { Lang::En },
            digits: if digits.trim().eq_ignore_ascii_case("urdu") { Digits::Urdu } else { Digits::Latin },
            grouping: match grouping.trim().to_ascii_lowercase().as_str() {
                "south-asian" | "lakh" | "indian" => Grouping::SouthAsian,
                _ => Grouping::Thousands,
            },
        }
    }

    /// Urdu, with Western digits unless asked.
    pub fn urdu(digits: Digits) -> Locale {
        Locale { lang: Lang::Ur, digits, grouping: Grouping::Thousands }
    }

    /// Whether text runs right to left.
    pub fn rtl(self) -> bool {
        self.lang == Lang::Ur
    }

    /// The suffix of the files built for this locale (``, `.ur`, `.ur-arabext`):
    /// the Unicode name of the Urdu digits is `arabext`.
    pub fn suffix(self) -> &'static str {
        match (self.lang, self.digits) {
            (Lang::En, Digits::Latin) => "",
            (Lang::En, Digits::Urdu) => ".en-arabext",
            (Lang::Ur, Digits::Latin) => ".ur",
            (Lang::Ur, Digits::Urdu) => ".ur-arabext",
        }
    }

    /// The parameters the wasm is given (`ur urdu thousands`).
    pub fn tag(self) -> String {
        let digits = if self.digits == Digits::Urdu { "urdu" } else { "latin" };
        let grouping = if self.grouping == Grouping::SouthAsian { "south-asian" } else { "thousands" };
        format!("{} {digits} {grouping}", self.lang.code())
    }

    /// [`Locale::tag`] read back.
    pub fn from_tag(tag: &str) -> Locale {
        let mut p = tag.split_whitespace();
        Locale::parse(p.next().unwrap_or(""), p.next().unwrap_or(""), p.next().unwrap_or(""))
    }

    /// A number as `format` wrote it (`3,811`, `+74%`, `37.8`), in this
    /// locale's grouping and digits. In Urdu a signed number is isolated left
    /// to right, so its sign stays before it (`+۷۴٪`) inside right-to-left text,
    /// as Urdu typesetting places it; the percent sign follows the digits.
    pub fn number(self, text: &str) -> String {
        let grouped = regroup(text, self.grouping);
        let shown = localize(&grouped, self.digits);
        if self.rtl() && shown.starts_with(['+', '−', '-']) {
            format!("{LRI}{shown}{PDI}")
        } else {
            shown
        }
    }

    /// The font stack for this language's text on the canvas and in the SVG.
    /// Urdu: Naskh first, since chart labels are small and Nastaliq's tall
    /// stacked forms blur at 13 px; system fonts only, so no font is fetched.
    pub fn font(self) -> &'static str {
        match self.lang {
            Lang::En => crate::theme::FONT_FAMILY,
            Lang::Ur => crate::theme::URDU_FONT_FAMILY,
        }
    }
}

/// Translations for one language: English → translated, where `None` means
/// "shown in English on purpose" (a name, an acronym). A list searched from
/// its end (a later entry wins) rather than a map: the user-data wasm carries
/// it, and a map's code cost ~5 KB of wasm.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Words {
    map: Vec<(String, Option<String>)>,
}

impl Words {
    /// From pairs of English and translation.
    pub fn new(pairs: impl IntoIterator<Item = (String, Option<String>)>) -> Words {
        Words { map: pairs.into_iter().collect() }
    }

    fn entry(&self, en: &str) -> Option<&Option<String>> {
        self.map.iter().rev().find(|(k, _)| k == en).map(|(_, v)| v)
    }

    /// The translation of `en`: `Some(text)` if translated or deliberately
    /// kept, `None` if nobody has translated it yet.
    pub fn get<'a>(&'a self, en: &'a str) -> Option<&'a str> {
        match self.entry(en)? {
            Some(t) => Some(t.as_str()),
            None => Some(en),
        }
    }

    /// Whether `en` has an entry (a translation or a deliberate fallback).
    pub fn has(&self, en: &str) -> bool {
        self.entry(en).is_some()
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_parse_and_unknown_is_default() {
        let ur = Locale::parse("ur", "urdu", "south-asian");
        assert_eq!((ur.lang, ur.digits, ur.grouping), (Lang::Ur, Digits::Urdu, Grouping::SouthAsian));
        assert_eq!(Locale::parse("xx", "roman", ""), Locale::default());
        assert_eq!(Locale::from_tag(&ur.tag()), ur);
        assert_eq!(Locale::urdu(Digits::Urdu).suffix(), ".ur-arabext");
    }

    #[test]
    fn numbers_in_urdu_keep_sign_and_percent_in_place() {
        let ur = Locale::urdu(Digits::Urdu);
        assert_eq!(ur.number("3,811"), "۳٬۸۱۱");
        assert_eq!(ur.number("+74%"), "\u{2066}+۷۴٪\u{2069}");
        assert_eq!(ur.number("−9%"), "\u{2066}−۹٪\u{2069}");
        assert_eq!(Locale::urdu(Digits::Latin).number("71%"), "71%");
        let lakh = Locale { grouping: Grouping::SouthAsian, ..Locale::default() };
        assert_eq!(lakh.number("1,234,567"), "12,34,567");
        assert_eq!(Locale::default().number("+74%"), "+74%", "English needs no isolate");
    }
}
