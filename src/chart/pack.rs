//! A chart's drawing as text its figure carries (`data-spec` on `.chart-body`):
//! the rows, labels, values and language that layout and drawing need, and
//! nothing else. The core writes it with the figure's HTML; the browser's wasm
//! draws from it, so the shipped wasm holds no dataset, catalog or text
//! formatting, only layout and painting (issue 10's size target). Quotes,
//! provenance and sources stay in the figure's HTML, where readers see them.
//!
//! Format, one record per line, fields split by tabs, `\` escaping both:
//! `pk1 <tab> locale tag`, then `P heading`, `R label short value-text note`,
//! `S value tone` (a segment of the row above). Values are the f64's bits in
//! hex, so the canvas lays out exactly what the build laid out and the wasm
//! needs no float parser.

use crate::spec::{ChartSpec, Panel, Row, Segment, Tone};
use crate::store::ValueRef;
use crate::text::locale::Locale;

const MAGIC: &str = "pk1";

/// The drawing of `spec`, as text.
pub fn pack(spec: &ChartSpec) -> String {
    let mut out = String::new();
    record(&mut out, &[MAGIC, &spec.locale.tag()]);
    for panel in &spec.panels {
        record(&mut out, &["P", &panel.heading]);
        for row in &panel.rows {
            record(&mut out, &["R", &row.label, &row.short, &row.value_text, &row.annotation]);
            for s in &row.segments {
                let tone = match s.tone {
                    Tone::Official => "o",
                    Tone::Independent => "i",
                    Tone::IndependentPart => "p",
                };
                record(&mut out, &["S", &format!("{:x}", s.value.to_bits()), tone]);
            }
        }
    }
    out
}

fn record(out: &mut String, fields: &[&str]) {
    if !out.is_empty() {
        out.push('\n');
    }
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push('\t');
        }
        for c in f.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '\t' => out.push_str("\\t"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                c => out.push(c),
            }
        }
    }
}

fn unescape(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// A chart to draw from `text`. Its segments point at no figure: what each
/// value is and where it comes from is the figure's HTML, not the canvas's.
pub fn unpack(text: &str) -> Result<ChartSpec, String> {
    let damaged = |line: usize| format!("its drawing in the page is damaged (line {})", line + 1);
    let mut lines = text.split('\n').enumerate();
    let locale = match lines.next().map(|(_, l)| l.split_once('\t').unwrap_or((l, ""))) {
        Some((MAGIC, tag)) => Locale::from_tag(&unescape(tag)),
        _ => return Err(damaged(0)),
    };
    let mut panels: Vec<Panel> = Vec::new();
    for (n, line) in lines {
        let f: Vec<String> = line.split('\t').map(unescape).collect();
        let field = |i: usize| f.get(i).cloned().unwrap_or_default();
        match f.first().map(String::as_str) {
            Some("P") => panels.push(Panel { heading: field(1), rows: Vec::new() }),
            Some("R") => panels.last_mut().ok_or_else(|| damaged(n))?.rows.push(Row {
                label: field(1),
                short: field(2),
                value_text: field(3),
                annotation: field(4),
                segments: Vec::new(),
                also: Vec::new(),
            }),
            Some("S") => {
                let bits = u64::from_str_radix(&field(1), 16).map_err(|_| damaged(n))?;
                let value = f64::from_bits(bits);
                let tone = match field(2).as_str() {
                    "o" => Tone::Official,
                    "i" => Tone::Independent,
                    "p" => Tone::IndependentPart,
                    _ => return Err(damaged(n)),
                };
                let row = panels.last_mut().and_then(|p| p.rows.last_mut()).ok_or_else(|| damaged(n))?;
                row.segments.push(Segment {
                    // Not finite is not drawable; layout treats it as nothing.
                    value: if value.is_finite() { value } else { 0.0 },
                    value_ref: ValueRef::Figure(String::new()),
                    tone,
                    name: String::new(),
                    text: String::new(),
                    unit: String::new(),
                });
            }
            Some("") if line.is_empty() => {}
            _ => return Err(damaged(n)),
        }
    }
    Ok(ChartSpec {
        id: String::new(),
        title: String::new(),
        subtitle: String::new(),
        panels,
        notes: Vec::new(),
        summary: String::new(),
        cites: Vec::new(),
        locale,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_survive_the_round_trip() {
        let mut spec = unpack("pk1\tur arabext\nP\ta\\tb\nR\tx\\\\y\t\tz\\nw\t\nS\t4059000000000000\to")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(spec.panels[0].heading, "a\tb");
        assert_eq!(spec.panels[0].rows[0].label, "x\\y");
        assert_eq!(spec.panels[0].rows[0].value_text, "z\nw");
        assert_eq!(spec.panels[0].rows[0].segments[0].value, 100.0);
        spec.panels[0].rows[0].short = "\r\\".into();
        let back = unpack(&pack(&spec)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back.panels[0].rows[0].short, "\r\\");
        assert_eq!(back.locale, spec.locale);
    }

    #[test]
    fn damage_is_an_error_not_a_panic() {
        for bad in ["", "pk2", "pk1\nR\ta", "pk1\nP\tp\nS\tzz\to", "pk1\nP\tp\nR\tr\nS\t1\tq", "pk1\nX", "pk1\n\\"] {
            assert!(unpack(bad).is_err(), "{bad:?}");
        }
        let nan =
            unpack(&format!("pk1\t\nP\t\nR\tr\nS\t{:x}\to", f64::NAN.to_bits())).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(nan.panels[0].rows[0].segments[0].value, 0.0);
    }
}
