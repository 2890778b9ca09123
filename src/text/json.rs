//! A small JSON writer for what crosses to the page (chart meta, timeline).
//! Hand-written instead of `serde_json::to_string` to keep serde's serialiser
//! and float printing out of the wasm (size budget); a native test checks its
//! output parses to the same value as serde_json's.

use super::format;

/// Something that can write itself as JSON.
pub trait ToJson {
    /// Appends JSON to `out`.
    fn write_json(&self, out: &mut String);

    /// As a JSON string.
    fn to_json(&self) -> String {
        let mut s = String::new();
        self.write_json(&mut s);
        s
    }
}

impl ToJson for str {
    fn write_json(&self, out: &mut String) {
        out.push('"');
        for c in self.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                // `<` escaped too, so JSON embedded in HTML can never close a tag.
                '<' => out.push_str("\\u003c"),
                c if u32::from(c) < 0x20 => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    let v = u32::from(c) as usize;
                    out.push_str("\\u00");
                    out.push(char::from(HEX[v >> 4]));
                    out.push(char::from(HEX[v & 15]));
                }
                c => out.push(c),
            }
        }
        out.push('"');
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut String) {
        self.as_str().write_json(out);
    }
}

impl ToJson for f64 {
    fn write_json(&self, out: &mut String) {
        if !self.is_finite() {
            out.push_str("null");
            return;
        }
        // Six decimals, trailing zeros dropped: enough for every figure and rate.
        let s = format::number(*self, 6).replace(',', "").replace('−', "-");
        let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_owned() } else { s };
        out.push_str(if s == "-0" { "0" } else { &s });
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, x) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            x.write_json(out);
        }
        out.push(']');
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

/// Writes `{"k":v,…}` from key/value pairs.
pub fn object(out: &mut String, fields: &[(&str, &dyn ToJson)]) {
    out.push('{');
    for (i, (k, v)) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        k.write_json(out);
        out.push(':');
        v.write_json(out);
    }
    out.push('}');
}

impl ToJson for &str {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}
