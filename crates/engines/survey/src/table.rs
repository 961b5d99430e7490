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
    let csv_error = |e: csv::Error| TableError::Csv {
        line: e.position().map_or(0, |p| line_at(text, p.byte())),
        problem: e.to_string(),
    };
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
        let start = record.position().map_or(0, |p| p.byte());
        let field_error = |col: usize, problem: String| TableError::Field {
            row,
            line: line_at(text, start),
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
            if let Some(problem) = value_problem(y, v.statistic).filter(|_| inside) {
                return Err(field_error(col, format!("{problem}, got {}", show(raw))));
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

/// The 1-based line of the record starting at byte offset `byte`. The csv crate can place that
/// offset on the `\n` of a preceding CRLF, so line ends are skipped first.
fn line_at(text: &[u8], byte: u64) -> u64 {
    let mut end = usize::try_from(byte).map_or(text.len(), |b| b.min(text.len()));
    while text.get(end).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
        end += 1;
    }
    1 + text[..end].iter().filter(|&&b| b == b'\n').count() as u64
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

#[cfg(test)]
mod tests {
    use super::*;

    fn columns<'a>(by: &'a [String], value: Option<Value<'a>>) -> Columns<'a> {
        Columns {
            weight: "w",
            strata: "s",
            psu: "p",
            by,
            value,
        }
    }

    fn value(missing: Missing, level: Option<&str>) -> Value<'_> {
        Value {
            column: "y",
            level,
            statistic: Statistic::Total,
            missing,
        }
    }

    fn field_error(text: &str, cols: &Columns) -> (u64, u64, String, String) {
        match parse_csv(text.as_bytes(), cols).unwrap_err() {
            TableError::Field {
                row,
                line,
                column,
                problem,
            } => (row, line, column, problem),
            other => panic!("expected a field error, got {other}"),
        }
    }

    #[test]
    fn reads_columns_and_interns_domains() {
        let by = vec!["a".to_string(), "b".to_string()];
        let text = "s,p,w,a,b,y\nS1,1,2.5,\"x,1\",u,3\nS2,1,1,x,\"1,u\",4\nS1,2,0, x ,1e1,-1\nS1,1,4,\"x,1\",u,0\n";
        let t = parse_csv(
            text.as_bytes(),
            &columns(&by, Some(value(Missing::Error, None))),
        )
        .unwrap();
        assert_eq!(t.weights, vec![2.5, 1.0, 0.0, 4.0]);
        assert_eq!(t.strata, vec![0, 1, 0, 0]);
        assert_eq!(t.strata_labels, vec!["S1", "S2"]);
        assert_eq!(t.psus, vec![0, 0, 1, 0]);
        // "x,1"+"u" and "x"+"1,u" are different domains although their joined text is the same.
        assert_eq!(t.domains, vec![0, 1, 2, 0]);
        assert_eq!(
            t.domain_levels,
            vec![vec!["x,1", "u"], vec!["x", "1,u"], vec![" x ", "1e1"]]
        );
        assert_eq!(t.values, Some(vec![3.0, 4.0, -1.0, 0.0]));
    }

    #[test]
    fn names_row_line_and_column_of_bad_fields() {
        let cols = columns(&[], Some(value(Missing::Error, None)));
        // CRLF endings: the second data row is on line 3.
        let text = "w,s,p,y\r\n1,a,1,2\r\n-3,a,2,2\r\n";
        assert_eq!(
            field_error(text, &cols),
            (2, 3, "w".into(), "negative weight \"-3\"".into())
        );
        let text = "w,s,p,y\n1,a,1,2\n\"\",a,2,2\n";
        assert_eq!(field_error(text, &cols).3, "missing weight");
        let text = "w,s,p,y\n1,a,1,2\n1,a,2,two\n";
        assert_eq!(
            field_error(text, &cols),
            (2, 3, "y".into(), "value \"two\" is not a number".into())
        );
        let text = "w,s,p,y\n1,a,1,2\n1,a,2,\n";
        assert_eq!(
            field_error(text, &cols),
            (2, 3, "y".into(), "missing value".into())
        );
        let text = "w,s,p,y\n1,a,1,NaN\n";
        assert_eq!(
            field_error(text, &cols).3,
            "value is not a finite number, got \"NaN\""
        );
        let text = "w,s,p,y\ninf,a,1,1\n";
        assert_eq!(
            field_error(text, &cols).3,
            "weight is not a finite number \"inf\""
        );
        let text = "w,s,p,y\n1,,1,1\n";
        assert_eq!(
            field_error(text, &cols),
            (1, 2, "s".into(), "missing stratum".into())
        );
        let proportion = Value {
            statistic: Statistic::Proportion,
            ..value(Missing::Error, None)
        };
        let text = "w,s,p,y\n1,a,1,1\n1,a,1,0.5\n";
        assert_eq!(
            field_error(text, &columns(&[], Some(proportion))).3,
            "a proportion needs a 0/1 value, got \"0.5\""
        );
    }

    #[test]
    fn names_unknown_and_duplicate_columns_and_ragged_rows() {
        let cols = columns(&[], None);
        assert_eq!(
            parse_csv(b"w,s,q\n1,a,1\n", &cols).unwrap_err().to_string(),
            "unknown column \"p\" (the header has: w, s, q)"
        );
        assert_eq!(
            parse_csv(b"w,s,p,w\n1,a,1,1\n", &cols).unwrap_err(),
            TableError::DuplicateColumn { name: "w".into() }
        );
        let e = parse_csv(b"w,s,p\n1,a,1\n1,a\n", &cols).unwrap_err();
        assert!(matches!(e, TableError::Csv { line: 3, .. }), "{e}");
        assert_eq!(
            parse_csv(b"w,s,p\n", &cols).unwrap_err(),
            TableError::NoRows
        );
    }

    #[test]
    fn missing_values_can_leave_records_outside_and_levels_make_indicators() {
        let text = "w,s,p,y\n1,a,1,H\n1,a,2,\n1,a,2,T\n";
        let t = parse_csv(
            text.as_bytes(),
            &columns(&[], Some(value(Missing::Exclude, Some("H")))),
        )
        .unwrap();
        assert_eq!(t.domains, vec![0, OUTSIDE, 0]);
        assert_eq!(t.values, Some(vec![1.0, 0.0, 0.0]));
    }
}
