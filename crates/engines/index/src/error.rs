//! Every way an input can be unusable; each message names the row, column, node or field.

/// Where a data cell is: `row` counts data records from 1 (the header is not counted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub row: usize,
    pub unit: String,
    pub column: String,
}

impl std::fmt::Display for Cell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "row {} (unit \"{}\"), column \"{}\"",
            self.row, self.unit, self.column
        )
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum IndexError {
    #[error("{cell}: missing value and {reason}")]
    Missing { cell: Cell, reason: String },
    #[error("{cell}: not a number: \"{text}\"")]
    NotANumber { cell: Cell, text: String },
    #[error("{0}: value must be positive under the chosen normalisation or aggregation")]
    NonPositive(Cell),
    #[error("column \"{0}\": unknown indicator (not in the framework)")]
    UnknownColumn(String),
    #[error("indicator \"{0}\": no column in the data")]
    MissingColumn(String),
    #[error(
        "column \"{column}\": all values are equal ({value}), so {method} normalisation is undefined"
    )]
    Constant {
        column: String,
        value: f64,
        method: &'static str,
    },
    #[error("column \"{column}\": {message}")]
    Column { column: String, message: String },
    #[error("row {row}: {message}")]
    Row { row: usize, message: String },
    #[error("node \"{node}\": {message}")]
    Node { node: String, message: String },
    #[error("field \"{field}\": {message}")]
    Field { field: String, message: String },
    #[error("{0}")]
    Parse(String),
    #[error("cycle in the framework through node \"{0}\"")]
    Cycle(String),
}

impl IndexError {
    pub(crate) fn node(node: &str, message: impl Into<String>) -> Self {
        Self::Node {
            node: node.to_owned(),
            message: message.into(),
        }
    }

    pub(crate) fn field(field: &str, message: impl Into<String>) -> Self {
        Self::Field {
            field: field.to_owned(),
            message: message.into(),
        }
    }

    pub(crate) fn column(column: &str, message: impl Into<String>) -> Self {
        Self::Column {
            column: column.to_owned(),
            message: message.into(),
        }
    }
}
