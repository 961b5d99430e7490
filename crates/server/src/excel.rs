//! Excel export of any list and Excel import with a template: the list's JSON views become rows,
//! an uploaded sheet becomes records keyed by column, and row errors come back in the user's
//! language. Each module only declares its columns.

use std::collections::HashMap;

use axum::extract::Multipart;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, FixedOffset, Offset, Utc};
use longzhi_domain::{FieldError, Rule};
use longzhi_reports::xlsx::{self, Cell, Column};
use serde::Serialize;
use serde_json::Value;

use crate::error::ApiError;
use crate::i18n::{Lang, field_message};

/// A column of an export or import: the view's field (`a.b` reads a nested field; a list of
/// objects is joined by their `name`), its titles, its width, and for imports whether it is
/// required and what to enter.
pub struct Col {
    pub key: &'static str,
    /// A dictionary whose labels stand for the codes in this column ("" for none).
    pub dict: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub width: f64,
    pub required: bool,
    pub note_zh: &'static str,
    pub note_en: &'static str,
}

/// An export column.
pub const fn col(key: &'static str, zh: &'static str, en: &'static str, width: f64) -> Col {
    Col {
        key,
        dict: "",
        zh,
        en,
        width,
        required: false,
        note_zh: "",
        note_en: "",
    }
}

impl Col {
    /// The column's codes are shown (and may be entered) as the labels of dictionary `dict`.
    pub const fn labelled(self, dict: &'static str) -> Col {
        Col { dict, ..self }
    }
}

/// An import column.
pub const fn input(
    key: &'static str,
    zh: &'static str,
    en: &'static str,
    required: bool,
    note_zh: &'static str,
    note_en: &'static str,
) -> Col {
    Col {
        key,
        dict: "",
        zh,
        en,
        width: 20.0,
        required,
        note_zh,
        note_en,
    }
}

/// The labels of the dictionaries a set of columns uses: type → code → (label, English label).
pub struct Labels(HashMap<&'static str, Vec<(String, String, String)>>);

impl Labels {
    pub async fn load(
        db: &longzhi_store::DatabaseConnection,
        cols: &[Col],
    ) -> Result<Self, ApiError> {
        let mut map = HashMap::new();
        for c in cols.iter().filter(|c| !c.dict.is_empty()) {
            let items = longzhi_store::repo::dicts::items(db, c.dict, false).await?;
            map.insert(
                c.dict,
                items
                    .into_iter()
                    .map(|i| (i.value, i.label, i.label_en))
                    .collect(),
            );
        }
        Ok(Self(map))
    }

    pub fn label(&self, dict: &str, code: &str, lang: Lang) -> Option<String> {
        let items = self.0.get(dict)?;
        items
            .iter()
            .find(|(v, ..)| v == code)
            .map(|(_, zh, en)| lang.pick(zh, en).to_owned())
    }

    /// The code a cell stands for: a code as it is, or a label in either language.
    fn code(&self, dict: &str, text: &str) -> String {
        self.0
            .get(dict)
            .and_then(|items| {
                items
                    .iter()
                    .find(|(v, zh, en)| v == text || zh == text || en.eq_ignore_ascii_case(text))
            })
            .map_or_else(|| text.to_owned(), |(v, ..)| v.clone())
    }
}

pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// China Standard Time (UTC+8): how the bureau reads times.
fn cst() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| Utc.fix())
}

fn cell(v: &Value, lang: Lang) -> Cell {
    match v {
        Value::Null => Cell::Empty,
        Value::Bool(b) => Cell::Text(
            lang.pick(if *b { "是" } else { "否" }, if *b { "yes" } else { "no" })
                .into(),
        ),
        Value::Number(n) => n.as_f64().map_or(Cell::Empty, Cell::Number),
        Value::String(s) => match DateTime::parse_from_rfc3339(s) {
            Ok(t) => Cell::Time(t.with_timezone(&cst())),
            Err(_) => Cell::Text(s.clone()),
        },
        Value::Array(items) => Cell::Text(
            items
                .iter()
                .map(|i| match i {
                    Value::Object(o) => o
                        .get(lang.pick("name", "name_en"))
                        .or_else(|| o.get("name"))
                        .map(plain)
                        .unwrap_or_default(),
                    other => plain(other),
                })
                .collect::<Vec<_>>()
                .join(lang.pick("、", ", ")),
        ),
        Value::Object(_) => Cell::Text(v.to_string()),
    }
}

fn plain(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn lookup<'a>(v: &'a Value, path: &str) -> &'a Value {
    path.split('.')
        .fold(v, |v, k| v.get(k).unwrap_or(&Value::Null))
}

fn columns(cols: &[Col], lang: Lang) -> Vec<Column> {
    cols.iter()
        .map(|c| Column {
            key: c.key.into(),
            title: lang.pick(c.zh, c.en).into(),
            width: c.width,
        })
        .collect()
}

/// A download: `name` is offered as the file name, in any script.
pub fn attachment(bytes: Vec<u8>, name: &str, mime: &str) -> Response {
    // RFC 5987: the file name may hold Chinese characters.
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    (
        [
            (header::CONTENT_TYPE, mime.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename*=UTF-8''{encoded}"),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        bytes,
    )
        .into_response()
}

/// The rows of a list as an Excel file named after the sheet and today's date.
pub fn export<T: Serialize>(
    lang: Lang,
    sheet: (&str, &str),
    cols: &[Col],
    labels: &Labels,
    items: &[T],
) -> Result<Response, ApiError> {
    let rows: Vec<Vec<Cell>> = items
        .iter()
        .map(|item| {
            let v = serde_json::to_value(item).unwrap_or(Value::Null);
            cols.iter()
                .map(|c| {
                    let value = lookup(&v, c.key);
                    match value
                        .as_str()
                        .and_then(|code| labels.label(c.dict, code, lang))
                    {
                        Some(label) => Cell::Text(label),
                        None => cell(value, lang),
                    }
                })
                .collect()
        })
        .collect();
    table(lang.pick(sheet.0, sheet.1), &columns(cols, lang), &rows)
}

/// A one-sheet workbook named after the sheet and today's date.
pub fn table(name: &str, columns: &[Column], rows: &[Vec<Cell>]) -> Result<Response, ApiError> {
    let bytes = xlsx::write_table(name, columns, rows, None)
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let date = Utc::now().with_timezone(&cst()).format("%Y%m%d");
    Ok(attachment(bytes, &format!("{name}-{date}.xlsx"), XLSX))
}

/// An import template: the titles, and a second sheet saying what each column takes.
pub fn template(lang: Lang, sheet: (&str, &str), cols: &[Col]) -> Result<Response, ApiError> {
    let notes: Vec<(String, String)> = cols
        .iter()
        .map(|c| {
            let required = if c.required {
                lang.pick("(必填)", " (required)")
            } else {
                ""
            };
            (
                lang.pick(c.zh, c.en).to_owned(),
                format!("{}{required}", lang.pick(c.note_zh, c.note_en)),
            )
        })
        .collect();
    let name = lang.pick(sheet.0, sheet.1);
    let bytes = xlsx::write_table(
        name,
        &columns(cols, lang),
        &[],
        Some((lang.pick("填写说明", "Notes"), &notes)),
    )
    .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(attachment(
        bytes,
        &format!("{name}-{}.xlsx", lang.pick("导入模板", "template")),
        XLSX,
    ))
}

/// The file of a multipart upload (field `file`), refused past `limit` bytes while it arrives.
pub async fn read_upload(multipart: Multipart, limit: usize) -> Result<Vec<u8>, ApiError> {
    Ok(read_named_upload(multipart, limit).await?.1)
}

/// The upload size limit in bytes (the `upload.max_mb` parameter).
pub async fn upload_limit(db: &longzhi_store::DatabaseConnection) -> Result<usize, ApiError> {
    let mb =
        longzhi_store::repo::params::get_int(db, longzhi_store::repo::params::Param::UploadMaxMb)
            .await?;
    Ok(usize::try_from(mb).unwrap_or(0) * 1024 * 1024)
}

/// The multipart field `file`: its file name (empty when none is given) and its bytes.
pub async fn read_named_upload(
    mut multipart: Multipart,
    limit: usize,
) -> Result<(String, Vec<u8>), ApiError> {
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|e| ApiError::Body(e.body_text()))?
    {
        if field.name() != Some("file") {
            continue;
        }
        let name = field.file_name().unwrap_or_default().to_owned();
        let mut bytes = Vec::new();
        while let Some(chunk) = field
            .chunk()
            .await
            .map_err(|e| ApiError::Body(e.body_text()))?
        {
            if bytes.len() + chunk.len() > limit {
                return Err(ApiError::TooLarge);
            }
            bytes.extend_from_slice(&chunk);
        }
        return Ok((name, bytes));
    }
    Err(ApiError::field("file", Rule::Required))
}

/// One row of an import: its Excel row number and its cells by column key.
pub struct Row {
    pub number: usize,
    pub cells: HashMap<&'static str, String>,
}

impl Row {
    pub fn get(&self, key: &str) -> String {
        self.cells.get(key).cloned().unwrap_or_default()
    }

    pub fn optional(&self, key: &str) -> Option<String> {
        self.cells.get(key).filter(|v| !v.is_empty()).cloned()
    }
}

/// Reads a workbook on the blocking pool, one per core at a time: parsing is CPU work that must
/// not stall the async workers, and each parse may use up to the limits' worth of memory.
pub async fn read_sheet(bytes: Vec<u8>) -> Result<xlsx::Sheet, ApiError> {
    static PARSING: longzhi_store::cpu::PerCore = longzhi_store::cpu::PerCore::new();
    let read = PARSING
        .run(move || xlsx::read_first_sheet(&bytes, &xlsx::Limits::default()))
        .await
        .map_err(ApiError::Internal)?;
    read.map_err(|e| match e {
        xlsx::ReadError::TooLarge { limit, max } => ApiError::FileLimit(limit, max),
        xlsx::ReadError::Workbook(_) | xlsx::ReadError::NoSheet | xlsx::ReadError::NoHeader => {
            ApiError::Rule(longzhi_domain::ErrorCode::ImportFile)
        }
    })
}

/// The rows of an uploaded workbook, its columns found by title (either language) or key. A
/// missing required column is an error on row 1 naming it.
pub async fn rows(bytes: Vec<u8>, cols: &[Col], labels: &Labels) -> Result<Vec<Row>, ApiError> {
    let sheet = read_sheet(bytes).await?;
    let mut index: Vec<(usize, &Col)> = Vec::new();
    for (i, h) in sheet.headers.iter().enumerate() {
        let h = h.trim();
        if let Some(c) = cols
            .iter()
            .find(|c| c.zh == h || c.en.eq_ignore_ascii_case(h) || c.key == h)
        {
            index.push((i, c));
        }
    }
    let missing: Vec<FieldError> = cols
        .iter()
        .filter(|c| c.required && !index.iter().any(|(_, k)| k.key == c.key))
        .map(|c| FieldError::new(c.key, Rule::Required))
        .collect();
    if !missing.is_empty() {
        return Err(ApiError::Validation(longzhi_domain::FieldErrors(missing)));
    }
    Ok(sheet
        .rows
        .into_iter()
        .map(|(number, cells)| Row {
            number,
            cells: index
                .iter()
                .filter_map(|(i, c)| {
                    cells.get(*i).map(|v| {
                        (
                            c.key,
                            if c.dict.is_empty() {
                                v.clone()
                            } else {
                                labels.code(c.dict, v)
                            },
                        )
                    })
                })
                .collect(),
        })
        .collect())
}

/// What an import did: rows created, or (nothing stored) every row error.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ImportResult {
    pub created: usize,
    pub errors: Vec<ImportError>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ImportError {
    /// The row as Excel numbers it (the header is row 1).
    pub row: usize,
    pub field: String,
    /// The rule broken (`required`, `format`, `unique` …).
    pub code: Rule,
    pub message: String,
}

impl ImportResult {
    pub fn new(outcome: Result<usize, Vec<(usize, FieldError)>>, lang: Lang) -> Self {
        match outcome {
            Ok(created) => Self::of(created, vec![], lang),
            Err(errors) => Self::of(0, errors, lang),
        }
    }

    /// The rows created and every row error, in the user's language.
    pub fn of(created: usize, errors: Vec<(usize, FieldError)>, lang: Lang) -> Self {
        Self {
            created,
            errors: errors
                .into_iter()
                .map(|(row, e)| ImportError {
                    row,
                    message: field_message(&e, lang),
                    field: e.field.clone(),
                    code: e.rule,
                })
                .collect(),
        }
    }
}

/// The choice an import offers (`?mode=`).
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// `all_or_nothing` (default): nothing is stored while any row is invalid; `valid_rows`:
    /// the valid rows are stored and the others reported.
    #[param(inline)]
    pub mode: Option<longzhi_store::repo::ImportMode>,
}
