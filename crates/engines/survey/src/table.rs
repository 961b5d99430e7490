//! Case records from CSV text into the columns the estimator needs, with every bad field named by
//! row and column.

use rustc_hash::FxHashMap;

use crate::design::weight_problem;
use crate::estimate::{OUTSIDE, Statistic, value_problem};

/// Which CSV columns hold what, by header name.
#[derive(Debug, Clone, Copy)]
pub struct Columns<'a> {
    pub weight: &'a str,
    pub strata: &'a str,
    pub psu: &'a str,
    /// Domain columns: every combination of their values present in the data is a domain.
    pub by: &'a [String],
    pub value: Option<Value<'a>>,
}

/// The value column and how to read it.
#[derive(Debug, Clone, Copy)]
pub struct Value<'a> {
    pub column: &'a str,
    /// `Some(level)`: the value is 1 where the column equals `level`, else 0.
    pub level: Option<&'a str>,
    /// Validates the numbers (a proportion needs 0/1).
    pub statistic: Statistic,
    /// An empty value field is an error, or puts the record outside every domain.
    pub missing: Missing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Missing {
    #[default]
    Error,
    Exclude,
}

/// The parsed columns: one entry per record, labels interned to dense codes.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub weights: Vec<f64>,
    pub strata: Vec<u32>,
    /// The stratum label of each stratum code.
    pub strata_labels: Vec<String>,
    pub psus: Vec<u32>,
    /// Domain code per record, [`OUTSIDE`] for a record excluded for a missing value.
    pub domains: Vec<u32>,
    /// For each domain code, its value in each `by` column.
    pub domain_levels: Vec<Vec<String>>,
    pub values: Option<Vec<f64>>,
}

/// Bad input: `row` counts data records from 1 (the header is not a row), `line` is the file line.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TableError {
    #[error("unknown column \"{name}\" (the header has: {header})")]
    UnknownColumn { name: String, header: String },
    #[error("column \"{name}\" appears more than once in the header")]
    DuplicateColumn { name: String },
    #[error("row {row} (line {line}), column \"{column}\": {problem}")]
    Field {
        row: u64,
        line: u64,
        column: String,
        problem: String,
    },
    #[error("line {line}: {problem}")]
    Csv { line: u64, problem: String },
    #[error("the file has no data rows")]
    NoRows,
}

/// Parses CSV text with a header row.
pub fn parse_csv(text: &[u8], columns: &Columns) -> Result<Table, TableError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text);
    let header = reader.byte_headers().map_err(csv_error)?.clone();
    let names: Vec<String> = header
        .iter()
        .map(|h| String::from_utf8_lossy(h).into_owned())
        .collect();
    let find = |name: &str| -> Result<usize, TableError> {
        let mut hits = names.iter().enumerate().filter(|(_, h)| h.as_str() == name);
        match (hits.next(), hits.next()) {
            (Some((i, _)), None) => Ok(i),
            (Some(_), Some(_)) => Err(TableError::DuplicateColumn { name: name.into() }),
            (None, _) => Err(TableError::UnknownColumn {
                name: name.into(),
                header: names.join(", "),
            }),
        }
    };
    let weight_col = find(columns.weight)?;
    let strata_col = find(columns.strata)?;
    let psu_col = find(columns.psu)?;
    let by_cols = columns
        .by
        .iter()
        .map(|c| find(c))
        .collect::<Result<Vec<_>, _>>()?;
    let value = columns
        .value
        .map(|v| find(v.column).map(|i| (i, v)))
        .transpose()?;

    let mut table = Table {
        values: value.map(|_| Vec::new()),
        ..Table::default()
    };
    let mut strata = Interner::default();
    let mut psus = Interner::default();
    let mut domains = Interner::default();
    let mut key = Vec::new();
    let mut record = csv::ByteRecord::new();
    let mut row = 0u64;
    while reader.read_byte_record(&mut record).map_err(csv_error)? {
        row += 1;
        let line = record.position().map_or(0, |p| p.line());
        let field_error = |col: usize, problem: String| TableError::Field {
            row,
            line,
            column: names[col].clone(),
            problem,
        };
        let field = |col: usize| record.get(col).unwrap_or_default();

        let weight = match parse_number(field(weight_col)) {
            Number::Missing => return Err(field_error(weight_col, "missing weight".into())),
            Number::Invalid => {
                return Err(field_error(
                    weight_col,
                    format!("weight {} is not a number", show(field(weight_col))),
                ));
            }
            Number::Ok(w) => w,
        };
        if let Some(problem) = weight_problem(weight) {
            return Err(field_error(
                weight_col,
                format!("{problem} {}", show(field(weight_col))),
            ));
        }
        for (col, what) in [(strata_col, "stratum"), (psu_col, "PSU")] {
            if field(col).is_empty() {
                return Err(field_error(col, format!("missing {what}")));
            }
        }

        let mut inside = true;
        if let (Some((col, v)), Some(values)) = (value, table.values.as_mut()) {
            let raw = field(col);
            let y = match (raw.is_empty(), v.missing, v.level) {
                (true, Missing::Exclude, _) => {
                    inside = false;
                    0.0
                }
                (true, Missing::Error, _) => return Err(field_error(col, "missing value".into())),
                (false, _, Some(level)) => f64::from(u8::from(raw == level.as_bytes())),
                (false, _, None) => match parse_number(raw) {
                    Number::Ok(y) => y,
                    Number::Missing | Number::Invalid => {
                        return Err(field_error(
                            col,
                            format!("value {} is not a number", show(raw)),
                        ));
                    }
                },
            };
            if inside {
                if let Some(problem) = value_problem(y, v.statistic) {
                    return Err(field_error(col, format!("{problem}, got {}", show(raw))));
                }
            }
            values.push(y);
        }

        key.clear();
        for &col in &by_cols {
            let f = field(col);
            key.extend_from_slice(&(f.len() as u32).to_le_bytes());
            key.extend_from_slice(f);
        }
        let domain = domains.code(&key);
        table.weights.push(weight);
        table.strata.push(strata.code(field(strata_col)));
        table.psus.push(psus.code(field(psu_col)));
        table.domains.push(if inside { domain } else { OUTSIDE });
    }
    if row == 0 {
        return Err(TableError::NoRows);
    }
    table.strata_labels = strata
        .labels
        .iter()
        .map(|l| String::from_utf8_lossy(l).into_owned())
        .collect();
    table.domain_levels = domains.labels.iter().map(|k| split_key(k)).collect();
    Ok(table)
}

enum Number {
    Missing,
    Invalid,
    Ok(f64),
}

fn parse_number(raw: &[u8]) -> Number {
    let text = std::str::from_utf8(raw).map(str::trim);
    match text {
        Ok("") => Number::Missing,
        Ok(t) => t.parse::<f64>().map_or(Number::Invalid, Number::Ok),
        Err(_) => Number::Invalid,
    }
}

fn show(raw: &[u8]) -> String {
    format!("\"{}\"", String::from_utf8_lossy(raw))
}

fn csv_error(e: csv::Error) -> TableError {
    TableError::Csv {
        line: e.position().map_or(0, |p| p.line()),
        problem: e.to_string(),
    }
}

/// The by-column values packed in a domain key: each is a little-endian u32 length and its bytes.
fn split_key(mut key: &[u8]) -> Vec<String> {
    let mut levels = Vec::new();
    while let Some((len, rest)) = key.split_first_chunk::<4>() {
        let (level, rest) = rest.split_at(u32::from_le_bytes(*len) as usize);
        levels.push(String::from_utf8_lossy(level).into_owned());
        key = rest;
    }
    levels
}

/// Dense codes for byte strings in order of first appearance.
#[derive(Default)]
struct Interner {
    codes: FxHashMap<Box<[u8]>, u32>,
    labels: Vec<Box<[u8]>>,
}

impl Interner {
    fn code(&mut self, label: &[u8]) -> u32 {
        if let Some(&c) = self.codes.get(label) {
            return c;
        }
        let c = self.labels.len() as u32;
        self.labels.push(label.into());
        self.codes.insert(label.into(), c);
        c
    }
}
