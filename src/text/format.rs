//! Number formatting (English conventions first, then [`regroup`] and
//! [`localize`] for South Asian grouping and Urdu digits): thousands separators, a fixed number
//! of decimals, percentages and signed changes. Written by hand (not `format!`
//! with float precision) because it is on every label and must stay small in wasm.

/// Groups the integer part in threes with commas and keeps `decimals` places:
/// `number(3811.0, 0)` is `3,811`, `number(37.75, 1)` is `37.8`.
pub fn number(value: f64, decimals: u32) -> String {
    if !value.is_finite() {
        return "–".to_owned();
    }
    let scale = 10u64.pow(decimals.min(6));
    let scaled = (value.abs() * scale as f64).round() as u64;
    let (int, frac) = (scaled / scale, scaled % scale);
    let mut out = String::new();
    if value < 0.0 && scaled != 0 {
        out.push('−');
    }
    let digits = int.to_string();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if decimals > 0 {
        out.push('.');
        let f = frac.to_string();
        for _ in f.len()..decimals as usize {
            out.push('0');
        }
        out.push_str(&f);
    }
    out
}

/// A count: no decimals.
pub fn count(value: f64) -> String {
    number(value, 0)
}

/// The fewest decimals (up to six) that write `value` back: 0 for `3811`,
/// 1 for `45.5`, 3 for `0.004`.
pub fn decimals_of(value: f64) -> u32 {
    (0..6u32)
        .find(|&d| {
            let scale = 10f64.powi(d as i32);
            ((value * scale).round() / scale - value).abs() <= value.abs().max(1.0) * 1e-9
        })
        .unwrap_or(6)
}

/// A published value as its source gave it, decimals and all: `45.5` stays
/// `45.5` and `3811` is `3,811`; a newsroom's 0.004 must not be shown as 0.
pub fn as_given(value: f64) -> String {
    number(value, decimals_of(value))
}

/// A percentage with `decimals` places: `71%`.
pub fn percent(value: f64, decimals: u32) -> String {
    let mut s = number(value, decimals);
    s.push('%');
    s
}

/// A signed change in percent: `+26%`, `−9%`.
pub fn change(value: f64, decimals: u32) -> String {
    let s = percent(value, decimals);
    if value > 0.0 && !s.starts_with('0') {
        let mut out = String::from("+");
        out.push_str(&s);
        out
    } else {
        s
    }
}

/// A rate shown with one decimal below 100 and none above: `37.8`, `206`.
pub fn rate(value: f64) -> String {
    if value.abs() >= 100.0 {
        number(value, 0)
    } else {
        number(value, 1)
    }
}

/// Which digits a reader sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Digits {
    /// 0–9, the default in both languages.
    #[default]
    Latin,
    /// The Urdu forms of the Eastern Arabic-Indic digits, ۰–۹ (U+06F0–U+06F9),
    /// not the Arabic ones (U+0660–U+0669), whose 4, 5 and 7 differ.
    Urdu,
}

/// How the integer part is grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Grouping {
    /// Threes: 123,456.
    #[default]
    Thousands,
    /// South Asian: the last three, then twos: 1,23,456 (a lakh), 1,00,00,000 (a crore).
    SouthAsian,
}

/// Regroups the integer digits of a number `number` wrote in threes.
pub fn regroup(text: &str, grouping: Grouping) -> String {
    if grouping == Grouping::Thousands {
        return text.to_owned();
    }
    let (sign, rest) = match text.chars().next() {
        Some(c @ ('−' | '+')) => (if c == '+' { "+" } else { "−" }, &text[c.len_utf8()..]),
        _ => ("", text),
    };
    let (rest, percent) = rest.strip_suffix('%').map_or((rest, ""), |r| (r, "%"));
    let (int, frac) = rest.split_once('.').map_or((rest, None), |(i, f)| (i, Some(f)));
    let digits: String = int.chars().filter(char::is_ascii_digit).collect();
    if digits.len() != int.chars().filter(|c| *c != ',').count() {
        return text.to_owned();
    }
    let mut out = String::from(sign);
    let n = digits.len();
    for (i, c) in digits.chars().enumerate() {
        let left = n - i;
        // A separator before the last three, then before every two further left.
        if i > 0 && (left == 3 || (left > 3 && (left - 3).is_multiple_of(2))) {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out.push_str(percent);
    out
}

/// Writes `text`'s digits in `digits`; everything else is left as it is.
pub fn localize(text: &str, digits: Digits) -> String {
    match digits {
        Digits::Latin => text.to_owned(),
        Digits::Urdu => text
            .chars()
            .map(|c| match c.to_digit(10) {
                Some(d) if c.is_ascii_digit() => char::from_u32(0x06F0 + d).unwrap_or(c),
                _ => match c {
                    // Urdu typesetting: the Arabic percent sign and decimal separator.
                    '%' => '٪',
                    '.' => '٫',
                    ',' => '٬',
                    other => other,
                },
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn south_asian_grouping_from_six_digits() {
        assert_eq!(regroup("123,456", Grouping::SouthAsian), "1,23,456");
        assert_eq!(regroup("12,345", Grouping::SouthAsian), "12,345");
        assert_eq!(regroup("10,000,000", Grouping::SouthAsian), "1,00,00,000");
        assert_eq!(regroup("−1,234,567.5", Grouping::SouthAsian), "−12,34,567.5");
        assert_eq!(regroup("999", Grouping::SouthAsian), "999");
        assert_eq!(regroup("+1,234,567%", Grouping::SouthAsian), "+12,34,567%");
        assert_eq!(regroup("75,175", Grouping::Thousands), "75,175");
        assert_eq!(regroup("about 2,060", Grouping::SouthAsian), "about 2,060", "text is left alone");
    }

    #[test]
    fn urdu_digits_are_the_urdu_forms() {
        assert_eq!(localize("0123456789", Digits::Urdu), "۰۱۲۳۴۵۶۷۸۹");
        assert_eq!(localize("3,811 · 71%", Digits::Urdu), "۳٬۸۱۱ · ۷۱٪");
        assert_eq!(localize("37.8", Digits::Urdu), "۳۷٫۸");
        assert_eq!(localize("3,811", Digits::Latin), "3,811");
        assert!(!localize("4567", Digits::Urdu).contains('\u{0664}'), "not the Arabic four");
    }

    #[test]
    fn groups_and_rounds() {
        assert_eq!(number(3811.0, 0), "3,811");
        assert_eq!(number(75175.0, 0), "75,175");
        assert_eq!(number(1234567.0, 0), "1,234,567");
        assert_eq!(number(29.0, 0), "29");
        assert_eq!(number(37.75, 1), "37.8");
        assert_eq!(number(0.05, 1), "0.1");
        assert_eq!(number(-9.0, 0), "−9");
        assert_eq!(number(-0.01, 0), "0");
        assert_eq!(number(f64::NAN, 0), "–");
        assert_eq!(number(3.04, 2), "3.04");
    }

    #[test]
    fn values_keep_the_decimals_they_were_given() {
        assert_eq!(as_given(3811.0), "3,811");
        assert_eq!(as_given(45.5), "45.5");
        assert_eq!(as_given(0.25), "0.25");
        assert_eq!(as_given(0.004), "0.004");
        assert_eq!(as_given(1_234_567.89), "1,234,567.89");
        assert_eq!(as_given(-12.5), "−12.5");
        assert_eq!(as_given(0.1 + 0.2), "0.3");
        assert_eq!(as_given(1.0 / 3.0), "0.333333");
    }

    #[test]
    fn percents_and_changes() {
        assert_eq!(percent(70.61, 0), "71%");
        assert_eq!(change(25.76, 0), "+26%");
        assert_eq!(change(-17.0, 0), "−17%");
        assert_eq!(change(0.2, 0), "0%");
        assert_eq!(rate(205.96), "206");
        assert_eq!(rate(3.86), "3.9");
    }
}
