//! The dataset as CSV for readers who want the numbers: one row per figure,
//! with its source and verbatim quote.

use crate::store::Store;

const HEADER: &str = "id,label,value,unit,period,area,approximate,counter,kind,publisher,title,date,url,quote,note";

/// One CSV cell, quoted when it holds a comma, quote or line break.
fn cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// Every figure of the store as CSV (RFC 4180, `\n` line ends).
pub fn csv(store: &Store) -> String {
    let mut out = String::from(HEADER);
    out.push('\n');
    for f in &store.data.figures {
        let s = store.data.source(&f.source);
        let value = if f.value.fract() == 0.0 { format!("{}", f.value as i64) } else { f.value.to_string() };
        let fields = [
            f.id.as_str(),
            &f.label,
            &value,
            &f.unit,
            &f.period,
            &f.area,
            if f.approximate { "true" } else { "false" },
            s.map_or("", |s| s.counter.as_str()),
            s.map_or("", |s| s.kind.as_str()),
            s.map_or("", |s| s.publisher.as_str()),
            s.map_or("", |s| s.title.as_str()),
            s.map_or("", |s| s.date.as_str()),
            s.map_or("", |s| s.url.as_str()),
            &f.quote,
            &f.note,
        ];
        let line: Vec<String> = fields.iter().map(|x| cell(x)).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}
