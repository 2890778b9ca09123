//! Number formatting for English readers: thousands separators, a fixed number
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn percents_and_changes() {
        assert_eq!(percent(70.61, 0), "71%");
        assert_eq!(change(25.76, 0), "+26%");
        assert_eq!(change(-17.0, 0), "−17%");
        assert_eq!(change(0.2, 0), "0%");
        assert_eq!(rate(205.96), "206");
        assert_eq!(rate(3.86), "3.9");
    }
}
