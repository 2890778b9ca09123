//! Light and dark palettes (Okabe–Ito hues, colour-blind safe) and the type
//! scale. Contrast ratios are checked by tests against WCAG 2.1: 4.5:1 for text,
//! 3:1 for bars and the focus ring (non-text marks, 1.4.11).

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// Every colour a chart uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Canvas background (matches the page's).
    pub background: Rgb,
    /// Labels and values.
    pub text: Rgb,
    /// Headings of panels, notes.
    pub muted: Rgb,
    /// The military's counts.
    pub official: Rgb,
    /// Research groups' counts.
    pub independent: Rgb,
    /// Annotations: events that explain a bar.
    pub highlight: Rgb,
    /// Faint guides.
    pub guide: Rgb,
}

/// Light theme, on white.
pub const LIGHT: Theme = Theme {
    background: Rgb(0xFF, 0xFF, 0xFF),
    text: Rgb(0x1A, 0x1A, 0x1A),
    muted: Rgb(0x59, 0x59, 0x59),
    official: Rgb(0x00, 0x72, 0xB2),
    independent: Rgb(0xD5, 0x5E, 0x00),
    highlight: Rgb(0x00, 0x9E, 0x73),
    guide: Rgb(0xD9, 0xD9, 0xD9),
};

/// Dark theme, on near-black; lighter hues of the same families keep 3:1.
pub const DARK: Theme = Theme {
    background: Rgb(0x12, 0x14, 0x17),
    text: Rgb(0xED, 0xED, 0xED),
    muted: Rgb(0xA8, 0xA8, 0xA8),
    official: Rgb(0x56, 0xB4, 0xE9),
    independent: Rgb(0xE6, 0x9F, 0x00),
    highlight: Rgb(0x00, 0x9E, 0x73),
    guide: Rgb(0x3A, 0x3D, 0x42),
};

/// The same family on canvas and in HTML, so labels match the page.
pub const FONT_FAMILY: &str = "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Noto Sans\", sans-serif";

/// Urdu text: Naskh faces that ship with the systems readers use (Android's
/// Noto, Windows' Segoe UI and Tahoma, Apple's Geeza Pro), then Nastaliq ones,
/// then whatever the system has: never a font fetched from a third party.
pub const URDU_FONT_FAMILY: &str = "\"Noto Naskh Arabic\", \"Noto Sans Arabic\", \"Segoe UI\", Tahoma, \"Geeza Pro\", \"Noto Nastaliq Urdu\", \"Urdu Typesetting\", \"DejaVu Sans\", sans-serif";

/// A CSS font shorthand for canvas: `bold 14px system-ui, …`.
pub fn css_font(size_px: f64, bold: bool, family: &str) -> String {
    let mut s = String::from(if bold { "bold " } else { "" });
    s.push_str(&crate::text::format::number(size_px, 1));
    s.push_str("px ");
    s.push_str(if family.is_empty() { FONT_FAMILY } else { family });
    s
}

impl Theme {
    /// The theme for a colour scheme.
    pub fn for_dark(dark: bool) -> &'static Theme {
        if dark {
            &DARK
        } else {
            &LIGHT
        }
    }
}

/// WCAG 2.1 relative luminance.
pub fn luminance(c: Rgb) -> f64 {
    let ch = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.040_45 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * ch(c.0) + 0.7152 * ch(c.1) + 0.0722 * ch(c.2)
}

/// WCAG 2.1 contrast ratio, 1 to 21.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(c: Rgb) -> String {
        format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
    }

    /// Each colour's CSS variable in www/chart.css, by `Theme` field.
    fn named(t: &Theme) -> [(&'static str, Rgb); 7] {
        [
            ("bg", t.background),
            ("text", t.text),
            ("muted", t.muted),
            ("official", t.official),
            ("independent", t.independent),
            ("highlight", t.highlight),
            ("guide", t.guide),
        ]
    }

    #[test]
    fn the_page_css_uses_the_same_palette() {
        // The HTML around the canvas must match what the canvas draws.
        let css = include_str!("../www/chart.css");
        let lower = css.to_ascii_lowercase();
        for ((name, light), (_, dark)) in named(&LIGHT).into_iter().zip(named(&DARK)) {
            assert!(
                lower.contains(&format!("--{name}: {}", hex(light))),
                "www/chart.css: --{name} is not {}",
                hex(light)
            );
            if dark != light {
                assert!(
                    lower.contains(&format!("--{name}: {}", hex(dark))),
                    "www/chart.css: dark --{name} is not {}",
                    hex(dark)
                );
            }
            // The static drawings (light, as plotters writes colours) take the theme.
            let upper = hex(light).to_ascii_uppercase();
            for prop in ["fill", "stroke"] {
                let rule = format!(".chart-static [{prop}=\"{upper}\"] {{ {prop}: var(--{name}); }}");
                assert!(css.contains(&rule), "www/chart.css lacks `{rule}`");
            }
        }
    }

    #[test]
    fn text_and_marks_meet_wcag_aa_in_both_themes() {
        for t in [&LIGHT, &DARK] {
            assert!(contrast(t.text, t.background) >= 4.5);
            assert!(contrast(t.muted, t.background) >= 4.5);
            assert!(contrast(t.official, t.background) >= 3.0);
            assert!(contrast(t.independent, t.background) >= 3.0);
        }
        // Known value: black on white is 21:1.
        assert!((contrast(Rgb(0, 0, 0), Rgb(255, 255, 255)) - 21.0).abs() < 1e-9);
    }
}
