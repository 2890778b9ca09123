//! Prose whose numbers come from the data: `{figure.id}` in a text stands for
//! that figure's value as a reader sees it, so an explanation can never drift
//! from the figures it explains. `{id|style}` writes it in a style (`abs`
//! drops the sign: "down {x|abs}"; see [`crate::store::Style`]).

/// One placeholder found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot<'a> {
    /// The figure or derived id inside the braces.
    pub id: &'a str,
    /// The style after `|`, empty for the value's own.
    pub style: &'a str,
}

/// Splits `text` into literal pieces and placeholders, in order. An unclosed
/// `{` is an error naming where it starts.
pub fn parse(text: &str) -> Result<Vec<Result<&str, Slot<'_>>>, String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            out.push(Ok(&rest[..open]));
        }
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| format!("a `{{` is not closed near \"{}\"", clip(&rest[open..])))?;
        let inner = after[..close].trim();
        let (id, style) = match inner.split_once('|') {
            Some((id, style)) => (id.trim(), style.trim()),
            None => (inner, ""),
        };
        if id.is_empty() {
            return Err("an empty `{}` placeholder".to_owned());
        }
        out.push(Err(Slot { id, style }));
        rest = &after[close + 1..];
    }
    if !rest.is_empty() {
        out.push(Ok(rest));
    }
    Ok(out)
}

fn clip(s: &str) -> &str {
    s.char_indices().nth(24).map_or(s, |(i, _)| &s[..i])
}

/// Fills every placeholder with `value(slot)`, which names what is missing on failure.
pub fn fill<E>(
    text: &str,
    mut value: impl FnMut(&Slot) -> Result<String, E>,
    bad: impl Fn(String) -> E,
) -> Result<String, E> {
    let mut out = String::with_capacity(text.len());
    for piece in parse(text).map_err(bad)? {
        match piece {
            Ok(literal) => out.push_str(literal),
            Err(slot) => out.push_str(&value(&slot)?),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_literals_and_slots() {
        let p = parse("up {a.b} from { c |abs}.").unwrap_or_default();
        assert_eq!(
            p,
            vec![
                Ok("up "),
                Err(Slot { id: "a.b", style: "" }),
                Ok(" from "),
                Err(Slot { id: "c", style: "abs" }),
                Ok(".")
            ]
        );
        assert!(parse("open {a").is_err());
        assert!(parse("empty {}").is_err());
        assert_eq!(parse("no slots"), Ok(vec![Ok("no slots")]));
    }

    #[test]
    fn fills_in_order() {
        let r: Result<String, String> = fill("{x} and {y|abs}", |s| Ok(format!("<{}{}>", s.id, s.style)), |e| e);
        assert_eq!(r, Ok("<x> and <yabs>".to_owned()));
        let r: Result<String, String> = fill("{x}", |s| Err(format!("no {}", s.id)), |e| e);
        assert_eq!(r, Err("no x".to_owned()));
    }
}
