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

/// Why a workbook could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("not an .xlsx workbook: {0}")]
    Workbook(String),
    #[error("the workbook has no sheet")]
    NoSheet,
    #[error("the first sheet has no header row")]
    NoHeader,
}

/// A sheet read as text: the header titles and, per data row, its Excel row number and cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub headers: Vec<String>,
    /// (row number as Excel shows it, cells as text, trimmed; blank rows are skipped)
    pub rows: Vec<(usize, Vec<String>)>,
}

/// Reads the first sheet of an .xlsx workbook.
pub fn read_first_sheet(bytes: &[u8]) -> Result<Sheet, ReadError> {
    use calamine::{Reader, Xlsx};
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec()))
        .map_err(|e: calamine::XlsxError| ReadError::Workbook(e.to_string()))?;
    let range = wb
        .worksheet_range_at(0)
        .ok_or(ReadError::NoSheet)?
        .map_err(|e| ReadError::Workbook(e.to_string()))?;
    let start_row = range.start().map_or(0, |(r, _)| r as usize);
    let mut rows = range.rows().enumerate();
    let headers: Vec<String> = rows
        .next()
        .ok_or(ReadError::NoHeader)?
        .1
        .iter()
        .map(text)
        .collect();
    if headers.iter().all(String::is_empty) {
        return Err(ReadError::NoHeader);
    }
    let rows = rows
        .map(|(i, r)| (start_row + i + 1, r.iter().map(text).collect::<Vec<_>>()))
        .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()))
        .collect();
    Ok(Sheet { headers, rows })
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
        let sheet = read_first_sheet(&bytes).unwrap();
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

    #[test]
    fn garbage_is_not_a_workbook() {
        assert!(matches!(
            read_first_sheet(b"%PDF-1.4 not excel"),
            Err(ReadError::Workbook(_))
        ));
        let empty = write_table("s", &[], &[], None).unwrap();
        assert!(matches!(
            read_first_sheet(&empty),
            Err(ReadError::NoHeader | ReadError::NoSheet | ReadError::Workbook(_))
        ));
    }
}
