//! A newsroom's own figures from a spreadsheet: CSV with a header row and one
//! row per value. Required columns `label`, `value`, `source`; optional
//! `quote`, `url`, `date` (ISO), `unit`, `group`, `period`, `area`, `kind`
//! (`official` or `independent`), `note`, `language` (and `translation`, our
//! English for a quote in another language). Accepts what
//! spreadsheets export: comma, semicolon or tab separators, quoted fields with
//! commas or newlines, a BOM, CRLF, "3,811" in quotes, trailing empty lines.
//! Parsed with the `csv` crate; every error names the row and column. Other
//! columns are ignored, so a working spreadsheet can keep its own.
//!
//! Each row becomes a figure with its source; when the file declares no chart,
//! each `group` becomes one bar chart of its rows, in the file's order.

use super::model::{ChartDecl, ChartKind, Dataset, Figure, Kind, PanelDecl, RowDecl, Source};
use super::DataError;

/// The largest file accepted, in bytes: a spreadsheet of figures, not a database.
pub const MAX_BYTES: usize = 1_000_000;
/// The most rows (values) accepted.
pub const MAX_ROWS: usize = 500;
/// The longest label, in characters: a bar's label must fit a phone.
pub const MAX_LABEL: usize = 200;
/// The longest quote or note, in characters.
pub const MAX_TEXT: usize = 5_000;

const REQUIRED: [&str; 3] = ["label", "value", "source"];
fn err(row: usize, column: &str, message: impl Into<String>) -> DataError {
    DataError::Csv { row, column: column.to_owned(), message: message.into() }
}

/// The separator a spreadsheet used: the one of `,` `;` tab that splits the
/// header row most often outside quotes.
fn separator(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// `3,811`, `3 811`, `−9`, `71%` → a number; `None` if it is not one.
/// A comma only ever groups thousands: `12,5` and `1.234,5` (a decimal
/// comma) are refused rather than read as 125 and 1.2345.
fn number(raw: &str) -> Option<f64> {
    let cleaned: String = raw
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '_'))
        .map(|c| if c == '−' { '-' } else { c })
        .collect();
    if cleaned.is_empty() || !cleaned.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | ',')) {
        return None;
    }
    if !commas_group_thousands(&cleaned) {
        return None;
    }
    cleaned.replace(',', "").parse::<f64>().ok().filter(|v| v.is_finite() && v.abs() < super::validate::MAX_VALUE)
}

/// Whether each comma of `s` (digits, an optional sign and point) sits
/// between thousands: 1 to 3 digits before the first, exactly 3 after each,
/// and none after the decimal point.
fn commas_group_thousands(s: &str) -> bool {
    let int = s.trim_start_matches(['-', '+']).split('.').next().unwrap_or("");
    if s.split('.').skip(1).any(|frac| frac.contains(',')) {
        return false;
    }
    let mut groups = int.split(',');
    let first = groups.next().unwrap_or("");
    !int.contains(',') || ((1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3))
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        "chart".to_owned()
    } else {
        out
    }
}

/// `2025`, `2025-11` or `2025-11-30`, a real month and day (`2025-13-45` is not).
fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let field = |p: &str, n: usize| {
        (p.len() == n && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse::<u32>().ok()).flatten()
    };
    let month = |m: &str| field(m, 2).filter(|m| (1..=12).contains(m));
    match parts.as_slice() {
        [y] => field(y, 4).is_some(),
        [y, m] => field(y, 4).is_some() && month(m).is_some(),
        [y, m, d] => match (field(y, 4), month(m), field(d, 2)) {
            (Some(y), Some(m), Some(d)) => (1..=days_in(y, m)).contains(&d),
            _ => false,
        },
        _ => false,
    }
}

/// Days in month `m` (1–12) of year `y`, Gregorian.
fn days_in(y: u32, m: u32) -> u32 {
    match m {
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The row (1 = the header) of a quoted field that never closes, if any. The
/// csv crate reads such a field to the end of the file without complaint,
/// which would silently fold every later row into one quote; the scan
/// follows its rules: a field is quoted if `"` is its first character, and
/// `""` inside one is a literal quote.
fn unclosed_quote(text: &str, separator: u8) -> Option<usize> {
    let separator = char::from(separator);
    let mut row = 1;
    let mut opened = None;
    let mut field_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if opened.is_some() {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                }
                '"' => opened = None,
                '\n' => row += 1,
                _ => {}
            }
            continue;
        }
        match c {
            '"' if field_start => opened = Some(row),
            '\n' => row += 1,
            _ => {}
        }
        field_start = c == separator || c == '\n' || (c == '\r' && field_start);
    }
    opened
}

/// Reads a spreadsheet's CSV into a validated dataset titled `title`.
pub fn from_csv(text: &str, title: &str) -> Result<Dataset, DataError> {
    if text.len() > MAX_BYTES {
        return Err(err(0, "", format!("the file is {} bytes; the limit is {MAX_BYTES}", text.len())));
    }
    if text.contains('\0') {
        return Err(err(0, "", "this is not a text file (it contains NUL bytes); save the spreadsheet as CSV"));
    }
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(err(0, "", "the file is empty; it needs a header row (label,value,source) and a row per value"));
    }
    let sep = separator(text);
    if let Some(row) = unclosed_quote(text, sep) {
        return Err(err(row, "", "a quote (\") opens here and is never closed, so every row after it would be read as part of it; close it, or write a quote inside a quoted field as \"\""));
    }
    let mut reader =
        csv::ReaderBuilder::new().delimiter(sep).flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| err(1, "", format!("the header row cannot be read: {e}")))?
        .iter()
        .map(str::to_owned)
        .collect();
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| err(i + 2, "", format!("this row cannot be read: {e}")))?;
        rows.push(record.iter().map(str::to_owned).collect());
    }
    from_table(&header, &rows, title)
}

/// Reads rows given as a JSON array of objects shaped like the CSV's rows
/// (`[{"label": "KP", "value": 3811, "source": "ISPR"}]`), as the JS API
/// `PkCharts.render` passes them.
pub fn from_rows_json(text: &str, title: &str) -> Result<Dataset, DataError> {
    if text.len() > MAX_BYTES {
        return Err(err(0, "", format!("the data is {} bytes; the limit is {MAX_BYTES}", text.len())));
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| DataError::Parse {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let items = value.as_array().ok_or_else(|| err(0, "", "the figures must be a list of rows"))?;
    let mut header: Vec<String> = Vec::new();
    for item in items {
        let object = item.as_object().ok_or_else(|| err(0, "", "each row must be an object of column: value"))?;
        for key in object.keys() {
            if !header.contains(key) {
                header.push(key.clone());
            }
        }
    }
    let mut rows = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let mut row = Vec::new();
        for key in &header {
            row.push(match item.get(key) {
                None | Some(serde_json::Value::Null) => String::new(),
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(serde_json::Value::Number(n)) => n.to_string(),
                Some(serde_json::Value::Bool(b)) => b.to_string(),
                Some(_) => {
                    return Err(DataError::Row {
                        index: i,
                        field: key.clone(),
                        message: "must be text or a number".into(),
                    })
                }
            });
        }
        rows.push(row);
    }
    // The table's rows are a spreadsheet's (the header is row 1); a JS caller
    // counts its list from 0: figures[0] is row 2.
    from_table(&header, &rows, title).map_err(|e| match e {
        DataError::Csv { row, column, message } if row >= 2 => {
            DataError::Row { index: row - 2, field: column, message }
        }
        other => other,
    })
}

/// A header and rows of text fields, however they were read, as a dataset.
/// Row numbers in errors count the header as row 1, as a spreadsheet shows them.
fn from_table(header: &[String], records: &[Vec<String>], title: &str) -> Result<Dataset, DataError> {
    let header: Vec<String> = header.iter().map(|h| h.trim().trim_start_matches('\u{feff}').to_lowercase()).collect();
    for r in REQUIRED {
        if !header.iter().any(|h| h == r) {
            return Err(err(
                1,
                r,
                format!("the required column `{r}` is missing; the header has: {}", header.join(", ")),
            ));
        }
    }
    let col = |name: &str| header.iter().position(|h| h == name);
    let mut sources: Vec<Source> = Vec::new();
    let mut figures: Vec<Figure> = Vec::new();
    let mut groups: Vec<(String, Vec<RowDecl>)> = Vec::new();
    for (i, record) in records.iter().enumerate() {
        // Row 1 is the header, so the first value is on row 2.
        let row = i + 2;
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if record.len() != header.len() {
            return Err(err(
                row,
                "",
                format!(
                    "this row has {} fields but the header has {}; check for an unquoted comma",
                    record.len(),
                    header.len()
                ),
            ));
        }
        if figures.len() >= MAX_ROWS {
            return Err(err(
                row,
                "",
                format!("the file has more than {MAX_ROWS} values; split it into several charts"),
            ));
        }
        let get = |name: &str| col(name).and_then(|c| record.get(c)).map_or("", String::as_str).trim().to_owned();
        let label = get("label");
        if label.is_empty() {
            return Err(err(row, "label", "the label is empty; every value needs one"));
        }
        if label.chars().count() > MAX_LABEL {
            return Err(err(row, "label", format!("the label is longer than {MAX_LABEL} characters")));
        }
        let raw = get("value");
        let value = number(&raw).ok_or_else(|| {
            err(
                row,
                "value",
                format!("'{raw}' is not a number (write 3811 or \"3,811\"; a decimal point, not a comma: 12.5)"),
            )
        })?;
        let publisher = get("source");
        if publisher.is_empty() {
            return Err(err(row, "source", "the source is empty; every value needs the report it came from"));
        }
        let url = get("url");
        if !(url.is_empty() || url.starts_with("https://") || url.starts_with("http://")) {
            return Err(err(
                row,
                "url",
                format!("'{url}' is not a web address (it must start with https:// or http://)"),
            ));
        }
        let date = get("date");
        if !date.is_empty() && !is_iso_date(&date) {
            return Err(err(row, "date", format!("'{date}' is not an ISO date (2026-01-06, or 2026-01)")));
        }
        let kind = match get("kind").to_lowercase().as_str() {
            "" => Kind::Other,
            "official" => Kind::Official,
            "independent" => Kind::Independent,
            other => return Err(err(row, "kind", format!("'{other}' is not `official` or `independent`"))),
        };
        let (quote, note) = (get("quote"), get("note"));
        if quote.chars().count() > MAX_TEXT || note.chars().count() > MAX_TEXT {
            return Err(err(row, "quote", format!("the quote or note is longer than {MAX_TEXT} characters")));
        }
        let language = match get("language") {
            l if l.is_empty() => "en".to_owned(),
            l => l,
        };
        let group = get("group");
        let source = Source {
            id: String::new(),
            publisher: publisher.clone(),
            title: publisher.clone(),
            title_is_description: true,
            date,
            url,
            kind,
            counter: publisher,
            language,
        };
        let source_id = match sources.iter().position(|s| Source { id: String::new(), ..s.clone() } == source) {
            Some(at) => sources[at].id.clone(),
            None => {
                let id = format!("source-{}", sources.len() + 1);
                sources.push(Source { id: id.clone(), ..source });
                id
            }
        };
        let id = format!("row-{row}");
        let at = match groups.iter().position(|(g, _)| *g == group) {
            Some(at) => at,
            None => {
                groups.push((group.clone(), Vec::new()));
                groups.len() - 1
            }
        };
        if groups[at].1.iter().any(|r| r.label == label) {
            let within = if group.is_empty() { String::new() } else { format!(" in group '{group}'") };
            return Err(err(
                row,
                "label",
                format!("'{label}' appears twice{within}; labels within a group must differ"),
            ));
        }
        groups[at].1.push(RowDecl {
            label: label.clone(),
            short: String::new(),
            value: id.clone(),
            hatched: false,
            parts: Vec::new(),
            text: String::new(),
            also: Vec::new(),
            annotation: String::new(),
            event: String::new(),
        });
        figures.push(Figure {
            id,
            label,
            value,
            unit: get("unit"),
            period: get("period"),
            area: get("area"),
            source: source_id,
            quote,
            translation: get("translation"),
            approximate: false,
            qualifier: String::new(),
            note,
        });
    }
    if figures.is_empty() {
        return Err(err(1, "", "the file has a header but no values"));
    }
    let charts = groups
        .into_iter()
        .map(|(group, rows)| {
            let name = if group.is_empty() { title.to_owned() } else { group.clone() };
            ChartDecl {
                id: slug(&name),
                kind: ChartKind::Bars,
                // Braces in a newsroom's text are text, never placeholders.
                title: name.replace(['{', '}'], ""),
                subtitle: String::new(),
                summary: "Bar chart. {rows}.".to_owned(),
                panels: vec![PanelDecl { heading: String::new(), sort: String::new(), rows }],
                notes: Vec::new(),
            }
        })
        .collect();
    let data = Dataset {
        id: slug(title),
        title: title.to_owned(),
        updated: String::new(),
        description: String::new(),
        corrections: Default::default(),
        sources,
        figures,
        totals: Vec::new(),
        disagreements: Vec::new(),
        events: Vec::new(),
        formulas: Vec::new(),
        charts,
        quotes_optional: true,
        translations: Default::default(),
        derived_download: None,
    };
    super::validate(&data)?;
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Dataset, DataError> {
        from_csv(text, "Test")
    }

    #[test]
    fn reads_what_spreadsheets_export() {
        let comma =
            "label,value,source,quote\nKP,\"3,811\",ISPR,\"3,811 attacks, it said\"\nBalochistan,1557,ISPR,\n\n";
        let semi = "\u{feff}label;value;source\r\nKP;\"3,811\";ISPR\r\nBalochistan;1557;ISPR\r\n";
        let tab = "label\tvalue\tsource\nKP\t3811\tISPR\nBalochistan\t1557\tISPR\n";
        for text in [comma, semi, tab] {
            let d = load(text).unwrap_or_else(|e| panic!("{e}: {text:?}"));
            assert_eq!(d.figures.len(), 2, "{text:?}");
            assert_eq!(d.figures[0].value, 3811.0);
            assert_eq!(d.figures[1].value, 1557.0);
            assert_eq!(d.charts.len(), 1);
        }
        let multiline = "label,value,source,quote\nKP,1,ISPR,\"line one\nline two, with a comma\"\n";
        assert_eq!(
            load(multiline).map(|d| d.figures[0].quote.clone()),
            Ok("line one\nline two, with a comma".to_owned())
        );
    }

    #[test]
    fn groups_become_charts_and_sources_are_shared() {
        let d = load("label,value,source,group,kind\nA,1,X,G1,official\nB,2,X,G1,official\nC,3,Y,G2,independent\n")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(d.charts.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["g1", "g2"]);
        assert_eq!(d.sources.len(), 2);
        assert_eq!(d.sources[1].kind, Kind::Independent);
    }

    #[test]
    fn bad_input_names_row_column_and_what_was_expected() {
        let cases = [
            ("", "empty"),
            ("label,value,source\n", "no values"),
            ("label,value\nA,1\n", "`source` is missing"),
            ("label,value,source\nA,abc,X\n", "row 2, column value: 'abc' is not a number"),
            ("label,value,source\nA,1,X\nB,NaN,X\n", "row 3, column value"),
            ("label,value,source\nA,1,X,extra\n", "row 2: this row has 4 fields"),
            ("label,value,source\nA,1\n", "row 2: this row has 2 fields"),
            ("label,value,source\nA,1,X\nA,2,X\n", "'A' appears twice"),
            ("label,value,source,url\nA,1,X,javascript:alert(1)\n", "column url"),
            ("label,value,source,date\nA,1,X,6 Jan\n", "column date"),
            ("label,value,source,kind\nA,1,X,military\n", "column kind"),
            ("label,value,source\n\0,1,X\n", "not a text file"),
        ];
        for (text, want) in cases {
            match load(text) {
                Ok(_) => panic!("accepted {text:?}"),
                Err(e) => assert!(e.to_string().contains(want), "{text:?}: {e}"),
            }
        }
        let long = format!("label,value,source\n{},1,X\n", "x".repeat(MAX_LABEL + 1));
        assert!(load(&long).is_err());
        let many: String = (0..=MAX_ROWS).map(|i| format!("L{i},{i},X\n")).collect();
        assert!(load(&format!("label,value,source\n{many}")).is_err());
        assert!(load(&"x".repeat(MAX_BYTES + 1)).is_err());
    }

    #[test]
    fn rows_from_the_js_api_read_like_the_csv() {
        let rows = r#"[{"label": "KP", "value": 3811, "source": "ISPR"}, {"label": "Balochistan", "value": "1,557", "source": "ISPR", "quote": "1,557 incidents"}]"#;
        let d = from_rows_json(rows, "T").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(d.figures.iter().map(|f| f.value).collect::<Vec<_>>(), [3811.0, 1557.0]);
        assert!(from_rows_json("{}", "T").is_err());
        assert!(from_rows_json("[1]", "T").is_err());
        let said = |rows: &str| from_rows_json(rows, "T").err().map(|e| e.to_string()).unwrap_or_default();
        // A JS caller's list counts from 0, and its errors say so.
        assert_eq!(
            said(r#"[{"label": "A", "value": [1], "source": "X"}]"#),
            "figures[0].value: must be text or a number"
        );
        let second =
            said(r#"[{"label": "A", "value": 1, "source": "X"}, {"label": "B", "value": "12x", "source": "X"}]"#);
        assert!(second.starts_with("figures[1].value: '12x' is not a number"), "{second}");
        let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
        assert!(from_rows_json(&deep, "T").is_err(), "deep nesting is refused, not a stack overflow");
    }

    #[test]
    fn a_negative_bar_is_refused_clearly() {
        let d = load("label,value,source\nUp,5,X\nDown,-9,X\n").unwrap_or_else(|e| panic!("{e}"));
        let store = crate::store::Store::new(d).unwrap_or_else(|e| panic!("{e}"));
        let id = store.data.charts[0].id.clone();
        match crate::chart::build(&id, &store) {
            Ok(_) => panic!("a negative bar was drawn"),
            Err(e) => assert!(
                e.to_string().contains("\"Down\" is −9") && e.to_string().contains("cannot draw a negative"),
                "{e}"
            ),
        }
    }

    #[test]
    fn numbers_as_people_write_them() {
        assert_eq!(number("3,811"), Some(3811.0));
        assert_eq!(number(" 3 811 "), Some(3811.0));
        assert_eq!(number("−9"), Some(-9.0));
        assert_eq!(number("71%"), Some(71.0));
        assert_eq!(number("0.5"), Some(0.5));
        assert_eq!(number("1e400"), None);
        assert_eq!(number("inf"), None);
        assert_eq!(number(""), None);
        assert_eq!(number("12abc"), None);
        assert_eq!(number("1,234,567.5"), Some(1_234_567.5));
        // A decimal comma is refused, never read as thousands.
        assert_eq!(number("12,5"), None);
        assert_eq!(number("0,75"), None);
        assert_eq!(number("1.234,5"), None);
        assert_eq!(number("1,5"), None);
        assert_eq!(number(",123"), None);
        assert_eq!(number("1234,567"), None);
    }

    #[test]
    fn values_read_as_the_spreadsheet_gives_them() {
        let d = load("label,value,source,unit\nLahore,45.5,T,\nKarachi,0.004,T,percent\nQuetta,\"1,234,567.89\",T,\n")
            .unwrap_or_else(|e| panic!("{e}"));
        let store = crate::store::Store::new(d).unwrap_or_else(|e| panic!("{e}"));
        let shown: Vec<String> = store
            .data
            .figures
            .iter()
            .map(|f| store.display(&crate::store::ValueRef::Figure(f.id.clone()), crate::store::Style::Plain))
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(shown, ["45.5", "0.004%", "1,234,567.89"]);
        assert!(load("label;value;source\nA;12,5;S\n").is_err(), "a decimal comma is refused");
    }

    #[test]
    fn a_quote_that_never_closes_is_refused() {
        assert_eq!(unclosed_quote("label,value,source,quote\nA,1,S,\"unterminated\nB,2,S,q\n", b','), Some(2));
        assert_eq!(
            unclosed_quote("label,value,source,quote\nA,1,S,\"a \"\"b\"\" c\"\nB,2,S,\"two\nlines\"\n", b','),
            None
        );
        // A quote inside an unquoted field is a literal, as the csv crate reads it.
        assert_eq!(unclosed_quote("label;value;source\nA 12\" gun;1;S\n", b';'), None);
        assert_eq!(unclosed_quote("a,b\r\n\"x\r\n", b','), Some(2));
        let refused = load("label,value,source,quote\nA,1,S,\"unterminated\nB,2,S,q\n");
        assert!(
            matches!(&refused, Err(e) if e.to_string().contains("row 2") && e.to_string().contains("never closed")),
            "{refused:?}"
        );
    }

    #[test]
    fn dates_are_real_iso_dates() {
        for ok in ["2025", "2025-11", "2025-11-30", "2024-02-29", "2000-02-29"] {
            assert!(is_iso_date(ok), "{ok}");
        }
        for bad in [
            "2025-13-45",
            "2025-00",
            "2025-02-29",
            "1900-02-29",
            "2025-04-31",
            "2025-1-5",
            "25-11-30",
            "2025-11-30-1",
            "",
        ] {
            assert!(!is_iso_date(bad), "{bad}");
        }
    }
}
