//! The sourced dataset: its model, the built-in copy (its JSON, embedded at
//! compile time), loading from JSON and validation.

mod model;
pub mod spreadsheet;
mod validate;

pub use model::{
    AlsoDecl, ChartDecl, ChartKind, Corrections, Dataset, Disagreement, Event, Figure, Formula, Kind, Op, PanelDecl,
    PartDecl, RowDecl, Source, Total, Translation,
};
pub use validate::{quote_has_number, validate, warnings};

/// The built-in dataset, readable and editable by a journalist: `pk-2025.json`,
/// or the file `cargo xtask dist --data` names (build.rs picks it).
pub const BUILTIN_JSON: &str = include_str!(env!("PK_DATA_JSON"));

/// Why a dataset was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DataError {
    /// The text is not valid JSON of the dataset's shape.
    #[error("dataset is not valid JSON at line {line}, column {column}: {message}")]
    Parse {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// Two entries share an id.
    #[error("{what} id `{id}` appears more than once; ids must be unique")]
    Duplicate {
        /// `figure` or `source`.
        what: &'static str,
        /// The repeated id.
        id: String,
    },
    /// A required field is blank.
    #[error("{what} `{id}`: field `{field}` is empty; it must name something")]
    Empty {
        /// `figure` or `source`.
        what: &'static str,
        /// Its id.
        id: String,
        /// The blank field.
        field: &'static str,
    },
    /// A figure or event has no verbatim quote.
    #[error("`{figure}` has no quote; every figure needs the sentence it was copied from")]
    NoQuote {
        /// Its id.
        figure: String,
    },
    /// A value is NaN or infinite.
    #[error("figure `{figure}`: value must be a finite number smaller than 10^15")]
    NotFinite {
        /// Its id.
        figure: String,
    },
    /// A figure or event names a source that is not in the dataset.
    #[error("`{owner}` names source `{source_id}`, which is not in `sources`")]
    UnknownSource {
        /// The figure or event.
        owner: String,
        /// The missing source id.
        source_id: String,
    },
    /// A reference to a figure that does not exist.
    #[error("`{context}` refers to figure `{id}`, which is not in `figures`")]
    UnknownFigure {
        /// Where the reference was.
        context: String,
        /// The missing figure id.
        id: String,
    },
    /// Parts do not add up to the total their source gives.
    #[error("figure `{total}` is {expected} but its parts {parts} add up to {sum}")]
    TotalMismatch {
        /// The total's id.
        total: String,
        /// Its value, as digits.
        expected: String,
        /// Sum of the parts, as digits.
        sum: String,
        /// The parts' ids.
        parts: String,
    },
    /// A bar would be negative, which bars that start at zero cannot show.
    #[error("chart `{chart}`: the bar \"{label}\" is {value}; these bar charts start at zero and cannot draw a negative value (state it in a note instead)")]
    Negative {
        /// The chart id.
        chart: String,
        /// The bar's label.
        label: String,
        /// The value, as written.
        value: String,
    },
    /// A spreadsheet row or column is wrong.
    #[error("{}", csv_message(*row, column, message))]
    Csv {
        /// 1-based row (the header is row 1); 0 for the whole file.
        row: usize,
        /// The column's name, empty when the whole row is wrong.
        column: String,
        /// What was wrong and what was expected.
        message: String,
    },
    /// A row handed over from JavaScript (`PkCharts.render`'s `figures`) is wrong.
    #[error("figures[{index}]{}: {message}", if field.is_empty() { String::new() } else { format!(".{field}") })]
    Row {
        /// 0-based index in the `figures` list.
        index: usize,
        /// The field's name, empty when the whole row is wrong.
        field: String,
        /// What was wrong and what was expected.
        message: String,
    },
    /// A derived figure could not be computed (e.g. division by zero).
    #[error("derived figure `{id}` cannot be computed: {why}")]
    Underivable {
        /// The derived id.
        id: String,
        /// Why not.
        why: String,
    },
}

fn csv_message(row: usize, column: &str, message: &str) -> String {
    match (row, column.is_empty()) {
        (0, _) => message.to_owned(),
        (_, true) => format!("row {row}: {message}"),
        (_, false) => format!("row {row}, column {column}: {message}"),
    }
}

impl Dataset {
    /// Parses and validates a dataset; never panics on any input.
    pub fn from_json(text: &str) -> Result<Dataset, DataError> {
        let data: Dataset = serde_json::from_str(text).map_err(|e| DataError::Parse {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        validate(&data)?;
        Ok(data)
    }
}
