//! Excel tables: one header row of titles, then one row per record (exports and import
//! templates); and the reverse, a first sheet read into rows of text keyed by column (imports).

use chrono::{DateTime, FixedOffset, NaiveDateTime};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatBorder, Workbook, XlsxError};

/// A column of a table: the key it is read by, the title shown, and a width in characters.
#[derive(Debug, Clone)]
pub struct Column {
    pub key: String,
    pub title: String,
    pub width: f64,
}

/// A cell value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A moment shown in the bureau's local time (China Standard Time, UTC+8).
    Time(DateTime<FixedOffset>),
}

/// Notes for a template's second sheet: (column title, what to enter).
pub type Notes = [(String, String)];

fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_background_color(0xE8F0FE)
        .set_border(FormatBorder::Thin)
}

fn to_excel_time(t: &DateTime<FixedOffset>) -> Result<ExcelDateTime, XlsxError> {
    let local: NaiveDateTime = t.naive_local();
    ExcelDateTime::parse_from_str(&local.format("%Y-%m-%dT%H:%M:%S").to_string())
}

/// A workbook with one sheet `sheet`: the titles, then the rows; frozen header and autofilter.
pub fn write_table(
    sheet: &str,
    columns: &[Column],
    rows: &[Vec<Cell>],
    notes: Option<(&str, &Notes)>,
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let header = header_format();
    let time = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    let ws = wb.add_worksheet().set_name(sheet)?;
    for (c, col) in columns.iter().enumerate() {
        let c =
            u16::try_from(c).map_err(|_| XlsxError::ParameterError("too many columns".into()))?;
        ws.write_string_with_format(0, c, &col.title, &header)?;
        ws.set_column_width(c, col.width)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r =
            u32::try_from(r + 1).map_err(|_| XlsxError::ParameterError("too many rows".into()))?;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Empty => {}
                Cell::Text(s) => {
                    ws.write_string(r, c, s)?;
                }
                Cell::Number(n) => {
                    ws.write_number(r, c, *n)?;
                }
                Cell::Time(t) => {
                    ws.write_datetime_with_format(r, c, to_excel_time(t)?, &time)?;
                }
            }
        }
    }
    if !columns.is_empty() {
        ws.set_freeze_panes(1, 0)?;
        ws.autofilter(0, 0, rows.len() as u32, (columns.len() - 1) as u16)?;
    }
    if let Some((name, notes)) = notes {
        let ws = wb.add_worksheet().set_name(name)?;
        ws.set_column_width(0, 24)?;
        ws.set_column_width(1, 80)?;
        for (r, (title, text)) in notes.iter().enumerate() {
            ws.write_string_with_format(r as u32, 0, title, &header)?;
            ws.write_string(r as u32, 1, text)?;
        }
    }
    wb.save_to_buffer()
}

/// What an uploaded workbook may hold. Checked before anything is allocated for it: an .xlsx is a
/// zip archive, so a file of a few kilobytes can declare or inflate to gigabytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Data rows after the header.
    pub rows: u32,
    /// Columns, counted from A.
    pub columns: u32,
    /// Non-empty cells of the sheet.
    pub cells: usize,
    /// Files in the archive.
    pub entries: usize,
    /// Bytes of the whole archive once decompressed.
    pub unzipped_bytes: u64,
    /// Bytes of the shared-strings part, which calamine holds in memory whole.
    pub strings_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            rows: 100_000,
            columns: 200,
            cells: 2_000_000,
            entries: 1_000,
            unzipped_bytes: 256 * 1024 * 1024,
            strings_bytes: 32 * 1024 * 1024,
        }
    }
}

/// Which limit a workbook broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    Rows,
    Columns,
    Cells,
    Entries,
    UnzippedBytes,
    StringsBytes,
}

/// Why a workbook could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("not an .xlsx workbook: {0}")]
    Workbook(String),
    #[error("the workbook has no sheet")]
    NoSheet,
    #[error("the first sheet has no header row")]
    NoHeader,
    #[error("the workbook is over its limit of {max} ({limit:?})")]
    TooLarge { limit: Limit, max: u64 },
}

/// A sheet read as text: the header titles and, per data row, its Excel row number and cells.
/// Cells are indexed from column A.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub headers: Vec<String>,
    /// (row number as Excel shows it, cells as text, trimmed; blank rows are skipped)
    pub rows: Vec<(usize, Vec<String>)>,
}

/// Reads the first sheet of an .xlsx workbook within `limits`. The archive is measured first
/// (entry count and real decompressed size), then the sheet's cells are streamed and each
/// position checked: no dense range of the sheet's extent is ever built.
pub fn read_first_sheet(bytes: &[u8], limits: &Limits) -> Result<Sheet, ReadError> {
    use calamine::{Reader, Xlsx};
    check_archive(bytes, limits)?;
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| ReadError::Workbook(e.to_string()))?;
    let name = wb
        .sheet_names()
        .first()
        .cloned()
        .ok_or(ReadError::NoSheet)?;
    let mut cells = wb
        .worksheet_cells_reader(&name)
        .map_err(|e| ReadError::Workbook(e.to_string()))?;
    let too_large = |limit, max: u64| ReadError::TooLarge { limit, max };
    // The declared extent is refused before reading; the real cells are checked one by one.
    let declared = cells.dimensions();
    check_position(declared.end, limits)?;
    let mut rows: std::collections::BTreeMap<u32, Vec<(u32, String)>> = Default::default();
    let mut count = 0usize;
    while let Some(cell) = cells
        .next_cell()
        .map_err(|e| ReadError::Workbook(e.to_string()))?
    {
        let value = text(&calamine::Data::from(cell.get_value().clone()));
        if value.is_empty() {
            continue;
        }
        let (row, col) = cell.get_position();
        check_position((row, col), limits)?;
        count += 1;
        if count > limits.cells {
            return Err(too_large(Limit::Cells, limits.cells as u64));
        }
        rows.entry(row).or_default().push((col, value));
    }
    let mut rows = rows.into_iter();
    let (_, header) = rows.next().ok_or(ReadError::NoHeader)?;
    let headers = dense(header, 0);
    let rows = rows
        .map(|(r, cells)| (r as usize + 1, dense(cells, headers.len())))
        .collect();
    Ok(Sheet { headers, rows })
}

/// A row's cells from column A, at least `width` of them.
fn dense(cells: Vec<(u32, String)>, width: usize) -> Vec<String> {
    let len = cells
        .iter()
        .map(|(c, _)| *c as usize + 1)
        .max()
        .unwrap_or(0)
        .max(width);
    let mut out = vec![String::new(); len];
    for (c, v) in cells {
        out[c as usize] = v;
    }
    out
}

/// A cell at (row, column), both from 0, is within the limits (the header row included).
fn check_position((row, col): (u32, u32), limits: &Limits) -> Result<(), ReadError> {
    if col >= limits.columns {
        return Err(ReadError::TooLarge {
            limit: Limit::Columns,
            max: limits.columns.into(),
        });
    }
    if row > limits.rows {
        return Err(ReadError::TooLarge {
            limit: Limit::Rows,
            max: limits.rows.into(),
        });
    }
    Ok(())
}

/// Counts the archive's entries and inflates each into nothing, stopping at the size limit:
/// declared sizes can lie, so the real bytes are counted.
fn check_archive(bytes: &[u8], limits: &Limits) -> Result<(), ReadError> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| ReadError::Workbook(e.to_string()))?;
    if zip.len() > limits.entries {
        return Err(ReadError::TooLarge {
            limit: Limit::Entries,
            max: limits.entries as u64,
        });
    }
    let mut left = limits.unzipped_bytes;
    for i in 0..zip.len() {
        let entry = zip
            .by_index(i)
            .map_err(|e| ReadError::Workbook(e.to_string()))?;
        let strings = entry
            .name()
            .is_ok_and(|n| n.to_ascii_lowercase().ends_with("sharedstrings.xml"));
        let (cap, broken) = if strings && limits.strings_bytes < left {
            (
                limits.strings_bytes,
                (Limit::StringsBytes, limits.strings_bytes),
            )
        } else {
            (left, (Limit::UnzippedBytes, limits.unzipped_bytes))
        };
        let read = std::io::copy(&mut entry.take(cap + 1), &mut std::io::sink())
            .map_err(|e| ReadError::Workbook(e.to_string()))?;
        if read > cap {
            let (limit, max) = broken;
            return Err(ReadError::TooLarge { limit, max });
        }
        left -= read;
    }
    Ok(())
}

/// A cell as the text a user typed: integers without `.0`, dates as `YYYY-MM-DD`.
fn text(d: &calamine::Data) -> String {
    use calamine::Data;
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => dt.as_datetime().map_or_else(
            || dt.to_string(),
            |t| {
                if t.time() == chrono::NaiveTime::MIN {
                    t.date().to_string()
                } else {
                    t.to_string()
                }
            },
        ),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(key: &str, title: &str) -> Column {
        Column {
            key: key.into(),
            title: title.into(),
            width: 12.0,
        }
    }

    #[test]
    fn a_written_table_reads_back() {
        let t = DateTime::parse_from_rfc3339("2023-03-06T09:30:00+08:00").unwrap();
        let rows = vec![
            vec![
                Cell::Text("兰州市".into()),
                Cell::Number(42.0),
                Cell::Time(t),
            ],
            vec![
                Cell::Text("x'); DROP TABLE t;--".into()),
                Cell::Number(0.5),
                Cell::Empty,
            ],
        ];
        let notes = [("名称".to_owned(), "必填".to_owned())];
        let bytes = write_table(
            "用户",
            &[col("name", "名称"), col("n", "数量"), col("at", "时间")],
            &rows,
            Some(("说明", &notes)),
        )
        .unwrap();
        let sheet = read_first_sheet(&bytes, &Limits::default()).unwrap();
        assert_eq!(sheet.headers, ["名称", "数量", "时间"]);
        assert_eq!(
            sheet.rows[0],
            (
                2,
                vec![
                    "兰州市".to_owned(),
                    "42".to_owned(),
                    "2023-03-06 09:30:00".to_owned()
                ]
            )
        );
        assert_eq!(
            sheet.rows[1],
            (
                3,
                vec![
                    "x'); DROP TABLE t;--".to_owned(),
                    "0.5".to_owned(),
                    String::new()
                ]
            )
        );
    }

    fn too_large(bytes: &[u8], limits: &Limits) -> Option<Limit> {
        match read_first_sheet(bytes, limits) {
            Err(ReadError::TooLarge { limit, .. }) => Some(limit),
            _ => None,
        }
    }

    #[test]
    fn hostile_workbooks_are_refused_before_anything_is_allocated_for_them() {
        use crate::testing::{row, workbook};
        let lim = Limits::default();
        // Two cells in opposite corners of the largest sheet: a dense range would be 549 GB.
        let corners = format!("{}{}", row(1, &["A1"]), row(1_048_576, &["XFD1048576"]));
        assert_eq!(
            too_large(&workbook("A1:A1", &corners, 0), &lim),
            Some(Limit::Columns)
        );
        // The declared extent alone is refused, before any cell is read.
        let one = row(1, &["A1"]);
        assert_eq!(
            too_large(&workbook("A1:XFD1048576", &one, 0), &lim),
            Some(Limit::Columns)
        );
        let deep = format!("{one}{}", row(100_002, &["A100002"]));
        assert_eq!(
            too_large(&workbook("A1:A1", &deep, 0), &lim),
            Some(Limit::Rows)
        );
        // A zip bomb: whitespace that inflates past the limit.
        let small = Limits {
            unzipped_bytes: 1 << 20,
            ..lim
        };
        assert_eq!(
            too_large(&workbook("A1:A1", &one, 2 << 20), &small),
            Some(Limit::UnzippedBytes)
        );
        let few = Limits { cells: 3, ..lim };
        let four = row(1, &["A1", "B1", "C1", "D1"]);
        assert_eq!(
            too_large(&workbook("A1:D1", &four, 0), &few),
            Some(Limit::Cells)
        );
    }

    #[test]
    fn a_sparse_sheet_reads_from_column_a_with_excel_row_numbers() {
        use crate::testing::{row, workbook};
        let rows = format!("{}{}", row(2, &["B2", "C2"]), row(5, &["D5"]));
        let sheet = read_first_sheet(&workbook("B2:D5", &rows, 0), &Limits::default()).unwrap();
        assert_eq!(sheet.headers, ["", "B2", "C2"]);
        assert_eq!(
            sheet.rows,
            [(
                5,
                vec![String::new(), String::new(), String::new(), "D5".to_owned()]
            )]
        );
    }

    #[test]
    fn garbage_is_not_a_workbook() {
        assert!(matches!(
            read_first_sheet(b"%PDF-1.4 not excel", &Limits::default()),
            Err(ReadError::Workbook(_))
        ));
        let empty = write_table("s", &[], &[], None).unwrap();
        assert!(matches!(
            read_first_sheet(&empty, &Limits::default()),
            Err(ReadError::NoHeader | ReadError::NoSheet | ReadError::Workbook(_))
        ));
    }
}
