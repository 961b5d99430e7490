//! Responses: entered by survey staff on their quotas, imported from Excel or CSV, or sent from
//! a one-time public link; each checked against the questionnaire's data-quality rules when it
//! arrives (straight-lining, speeding, out of range, missing), a flagged one excluded from the
//! results and shown with its flags. And the export in the engine's layout: exactly the data
//! `longzhi engine pls` is run on.

use std::collections::{BTreeMap, HashMap};

use chrono::{Duration, Utc};
use longzhi_domain::{ErrorCode, FieldError, FieldErrors, Rule};
use longzhi_reports::xlsx::{Cell, Column, Sheet};
use longzhi_store::page::{Page, PageQuery, paginate};
use longzhi_store::repo::{by_id, get_scoped, regions, throttle};
use longzhi_store::scope::{Principal, scoped, unscoped};
use longzhi_store::{Result, StoreError};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use serde::{Deserialize, Serialize};

use crate::dicts::field;
use crate::entity::{link, quota, response, round, survey};
use crate::rounds::{self, service_names};
use crate::surveys::Survey;

/// Answers by item code; `None` is a blank ("don't know").
pub type Answers = BTreeMap<String, Option<f64>>;

/// Public submissions an address may send per hour.
const PUBLIC_PER_HOUR: i64 = 30;
/// Fewest answered items for a straight line to mean anything.
const STRAIGHT_MIN: usize = 5;
/// Rows an import may hold.
pub const MAX_IMPORT_ROWS: usize = 50_000;

/// The data-quality flags, in the order shown.
pub const FLAGS: [&str; 4] = ["out_of_range", "missing", "straight_line", "speeding"];

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ServiceResponseView)]
pub struct ResponseView {
    pub id: i64,
    pub round_id: i64,
    pub quota_id: i64,
    pub region_code: String,
    pub region_name: String,
    pub service: String,
    pub service_name: String,
    /// `staff`, `import` or `link`.
    pub channel: String,
    pub answers: Answers,
    pub duration_seconds: Option<i32>,
    pub flags: Vec<String>,
    pub excluded: bool,
    pub entered_by_name: Option<String>,
    pub created_at: chrono::DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = ServiceResponseInput)]
pub struct ResponseInput {
    pub quota_id: i64,
    pub answers: Answers,
    pub duration_seconds: Option<i32>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = ServicePublicAnswer)]
pub struct PublicAnswer {
    pub answers: Answers,
    pub duration_seconds: Option<i32>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ServicePublicSurvey)]
pub struct PublicSurvey {
    pub round_name: String,
    pub survey_name: String,
    pub region_name: String,
    pub service_name: String,
    pub service_name_en: String,
    pub scale_min: i32,
    pub scale_max: i32,
    pub constructs: Vec<crate::surveys::Construct>,
    pub used: bool,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ResponseFilter {
    pub region_code: Option<String>,
    pub service: Option<String>,
    pub channel: Option<String>,
    /// Responses carrying this flag.
    pub flag: Option<String>,
    pub excluded: Option<bool>,
}

/// The rules a questionnaire sets for its responses.
pub struct Rules<'a> {
    pub items: Vec<&'a str>,
    pub scale: (f64, f64),
    pub min_seconds: i32,
    pub max_missing: f64,
}

impl<'a> Rules<'a> {
    pub fn of(s: &'a Survey) -> Self {
        Self {
            items: s.model.items().map(|i| i.code.as_str()).collect(),
            scale: (f64::from(s.row.scale_min), f64::from(s.row.scale_max)),
            min_seconds: s.row.min_seconds,
            max_missing: s.row.max_missing,
        }
    }

    /// The flags a response earns.
    pub fn flags(&self, answers: &Answers, duration: Option<i32>) -> Vec<&'static str> {
        let given: Vec<f64> = self
            .items
            .iter()
            .filter_map(|i| answers.get(*i).copied().flatten())
            .collect();
        let (lo, hi) = self.scale;
        let blank = self.items.len() - given.len();
        let mut out = Vec::new();
        if given.iter().any(|v| *v < lo || *v > hi) {
            out.push("out_of_range");
        }
        if blank as f64 > self.max_missing * self.items.len() as f64 {
            out.push("missing");
        }
        if given.len() >= STRAIGHT_MIN && given.iter().all(|v| *v == given[0]) {
            out.push("straight_line");
        }
        if duration.is_some_and(|d| d < self.min_seconds) {
            out.push("speeding");
        }
        out
    }

    /// Checks a form's answers: known items only, each blank or a number on the scale (a form
    /// refuses what an import keeps and flags).
    fn check_form(&self, errs: &mut FieldErrors, answers: &Answers, duration: Option<i32>) {
        for (k, v) in answers {
            if !self.items.contains(&k.as_str()) {
                errs.push(FieldError::new(format!("answers.{k}"), Rule::Exists));
            } else if let Some(v) = v
                && (*v < self.scale.0 || *v > self.scale.1 || v.fract() != 0.0)
            {
                errs.push(
                    FieldError::new(format!("answers.{k}"), Rule::Range)
                        .with("min", self.scale.0)
                        .with("max", self.scale.1),
                );
            }
        }
        if answers.values().all(Option::is_none) {
            errs.push(FieldError::new("answers", Rule::Required));
        }
        if duration.is_some_and(|d| !(0..=86_400).contains(&d)) {
            errs.push(
                FieldError::new("duration_seconds", Rule::Range)
                    .with("min", 0)
                    .with("max", 86_400),
            );
        }
    }
}

async fn survey_of_round<C: ConnectionTrait>(db: &C, r: &round::Model) -> Result<Survey> {
    Survey::of(by_id::<survey::Entity, _>(db, r.survey_id).await?)
}

/// The stored row of a response in `q` (its scope columns are the quota's).
fn row(
    q: &quota::Model,
    channel: &str,
    answers: &Answers,
    duration: Option<i32>,
    flags: &[&str],
    entered_by: Option<String>,
) -> response::ActiveModel {
    response::ActiveModel {
        round_id: Set(q.round_id),
        quota_id: Set(q.id),
        region_code: Set(q.region_code.clone()),
        service: Set(q.service.clone()),
        channel: Set(channel.into()),
        answers: Set(serde_json::to_string(answers).unwrap_or_default()),
        duration_seconds: Set(duration),
        flags: Set(flags.join(",")),
        excluded: Set(!flags.is_empty()),
        entered_by: Set(entered_by),
        region_path: Set(q.region_path.clone()),
        org_id: Set(q.org_id),
        owner_id: Set(q.owner_id),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
}

async fn fieldwork<C: ConnectionTrait>(db: &C, round_id: i64) -> Result<round::Model> {
    let r = rounds::load(db, round_id).await?;
    if r.status != "fieldwork" {
        return Err(StoreError::Rule(ErrorCode::ServiceWrongState));
    }
    Ok(r)
}

/// A response entered by survey staff (or a city officer) on a quota the caller's scope holds.
pub async fn enter(
    db: &DatabaseConnection,
    p: &Principal,
    round_id: i64,
    i: ResponseInput,
) -> Result<ResponseView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    rounds::load(&txn, round_id).await?;
    let q = match get_scoped::<quota::Entity, _>(&txn, p, i.quota_id).await {
        Ok(q) if q.round_id == round_id => q,
        Ok(_) | Err(StoreError::NotFound) => {
            return Err(FieldError::new("quota_id", Rule::Exists)
                .with("value", i.quota_id)
                .into());
        }
        Err(e) => return Err(e),
    };
    let r = fieldwork(&txn, round_id).await?;
    let s = survey_of_round(&txn, &r).await?;
    let rules = Rules::of(&s);
    let mut errs = FieldErrors::new();
    rules.check_form(&mut errs, &i.answers, i.duration_seconds);
    errs.finish()?;
    let flags = rules.flags(&i.answers, i.duration_seconds);
    let m = row(
        &q,
        "staff",
        &i.answers,
        i.duration_seconds,
        &flags,
        Some(p.display_name.clone()),
    )
    .insert(&txn)
    .await?;
    longzhi_store::audit::record(&txn, p, target(&m), "create", None, Some(&m)).await?;
    let v = views(&txn, vec![m]).await?.remove(0);
    txn.commit().await?;
    Ok(v)
}

fn target(m: &response::Model) -> longzhi_store::audit::Target<'_> {
    longzhi_store::audit::Target {
        entity: "service_response",
        id: m.id.to_string(),
        region_path: &m.region_path,
        org_id: Some(m.org_id),
    }
}

async fn views<C: ConnectionTrait>(
    db: &C,
    rows: Vec<response::Model>,
) -> Result<Vec<ResponseView>> {
    let regions: HashMap<String, String> = regions::cities(db)
        .await?
        .into_iter()
        .map(|r| (r.code, r.name))
        .collect();
    let services = service_names(db).await?;
    rows.into_iter()
        .map(|r| {
            Ok(ResponseView {
                id: r.id,
                round_id: r.round_id,
                quota_id: r.quota_id,
                region_name: regions.get(&r.region_code).cloned().unwrap_or_default(),
                service_name: services
                    .get(&r.service)
                    .map(|s| s.0.clone())
                    .unwrap_or_default(),
                region_code: r.region_code,
                service: r.service,
                channel: r.channel,
                answers: serde_json::from_str(&r.answers)
                    .map_err(|e| StoreError::Io(e.to_string()))?,
                duration_seconds: r.duration_seconds,
                flags: r
                    .flags
                    .split(',')
                    .filter(|f| !f.is_empty())
                    .map(str::to_owned)
                    .collect(),
                excluded: r.excluded,
                entered_by_name: r.entered_by,
                created_at: r.created_at,
            })
        })
        .collect()
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    round_id: i64,
    f: &ResponseFilter,
    q: &PageQuery,
) -> Result<Page<ResponseView>> {
    rounds::load(db, round_id).await?;
    let mut s = scoped::<response::Entity>(p).filter(response::Column::RoundId.eq(round_id));
    if let Some(c) = f.region_code.as_deref().filter(|c| !c.is_empty()) {
        s = s.filter(response::Column::RegionCode.eq(c));
    }
    if let Some(c) = f.service.as_deref().filter(|c| !c.is_empty()) {
        s = s.filter(response::Column::Service.eq(c));
    }
    if let Some(c) = f.channel.as_deref().filter(|c| !c.is_empty()) {
        s = s.filter(response::Column::Channel.eq(c));
    }
    if let Some(flag) = f.flag.as_deref().filter(|c| !c.is_empty()) {
        if !FLAGS.contains(&flag) {
            return Err(FieldError::new("flag", Rule::Enum)
                .with("allowed", FLAGS.join(","))
                .into());
        }
        s = s.filter(response::Column::Flags.contains(flag));
    }
    if let Some(x) = f.excluded {
        s = s.filter(response::Column::Excluded.eq(x));
    }
    let mut page = paginate(
        db,
        s,
        q,
        &[
            ("created_at", response::Column::CreatedAt),
            ("region_code", response::Column::RegionCode),
            ("service", response::Column::Service),
        ],
        "-created_at",
        response::Column::Id,
    )
    .await?;
    let items = views(db, std::mem::take(&mut page.items)).await?;
    Ok(page.with(items))
}

/// The columns of the import template and of the engine's data besides the items.
const IMPORT_COLUMNS: [(&str, &str, &str); 3] = [
    ("region_code", "城市代码", "City code"),
    ("service", "服务行业", "Service"),
    ("duration_seconds", "答题用时(秒)", "Duration (seconds)"),
];

/// The import template: the columns, then one per item (its code; the notes sheet gives each
/// item's question and the codes of the cities and services).
pub async fn template<C: ConnectionTrait>(db: &C, round_id: i64, english: bool) -> Result<Vec<u8>> {
    let r = rounds::load(db, round_id).await?;
    let s = survey_of_round(db, &r).await?;
    let pick = |zh: &str, en: &str| {
        if english {
            en.to_owned()
        } else {
            zh.to_owned()
        }
    };
    let mut columns: Vec<Column> = IMPORT_COLUMNS
        .iter()
        .map(|(key, zh, en)| Column {
            key: (*key).into(),
            title: pick(zh, en),
            width: 16.0,
        })
        .collect();
    columns.extend(s.model.items().map(|i| Column {
        key: i.code.clone(),
        title: i.code.clone(),
        width: 8.0,
    }));
    let services = service_names(db).await?;
    let mut notes: Vec<(String, String)> = vec![
        (
            pick("城市代码", "City code"),
            regions::cities(db)
                .await?
                .iter()
                .map(|c| format!("{} {}", c.code, c.name))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        (
            pick("服务行业", "Service"),
            s.services
                .iter()
                .map(|c| {
                    let n = services
                        .get(c)
                        .map_or(c.as_str(), |n| if english { &n.1 } else { &n.0 });
                    format!("{c} {n}")
                })
                .collect::<Vec<_>>()
                .join("; "),
        ),
        (
            pick("答题用时(秒)", "Duration (seconds)"),
            pick(
                "可空;少于问卷规定秒数的样本标记为“答题过快”",
                "Optional; faster than the questionnaire's minimum is flagged as speeding",
            ),
        ),
    ];
    for c in &s.model.constructs {
        for i in &c.items {
            let text = if english && !i.text_en.is_empty() {
                &i.text_en
            } else {
                &i.text
            };
            notes.push((
                i.code.clone(),
                format!(
                    "{} — {text} ({}–{}, {})",
                    if english && !c.name_en.is_empty() {
                        &c.name_en
                    } else {
                        &c.name
                    },
                    s.row.scale_min,
                    s.row.scale_max,
                    pick("空白表示“不知道”", "blank: don't know")
                ),
            ));
        }
    }
    longzhi_reports::xlsx::write_table(
        &pick("样本", "Responses"),
        &columns,
        &[],
        Some((&pick("填写说明", "Notes"), &notes)),
    )
    .map_err(|e| StoreError::Io(e.to_string()))
}

/// A CSV upload as a sheet (rows numbered as a spreadsheet shows them, header row 1), within
/// the same limits as a workbook.
pub fn csv_sheet(bytes: &[u8]) -> std::result::Result<Sheet, FieldError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let bad = |e: csv::Error| FieldError::new("file", Rule::Format).with("detail", e);
    let headers: Vec<String> = reader
        .headers()
        .map_err(bad)?
        .iter()
        .map(str::to_owned)
        .collect();
    if headers.len() > 200 {
        return Err(FieldError::new("file", Rule::Range).with("max", 200));
    }
    let mut rows = Vec::new();
    for (k, rec) in reader.records().enumerate() {
        let rec = rec.map_err(bad)?;
        if rec.iter().all(str::is_empty) {
            continue;
        }
        if rows.len() >= MAX_IMPORT_ROWS {
            return Err(FieldError::new("file", Rule::Range).with("max", MAX_IMPORT_ROWS));
        }
        rows.push((k + 2, rec.iter().map(str::to_owned).collect()));
    }
    Ok(Sheet { headers, rows })
}

/// Imports a sheet of responses into a round in fieldwork: every row checked first (errors by
/// row and column); all rows stored, or none. Values are kept as sent and flagged: an import is
/// field data whose quality the rules judge, not a form.
pub async fn import(
    db: &DatabaseConnection,
    p: &Principal,
    round_id: i64,
    sheet: Sheet,
) -> Result<std::result::Result<usize, Vec<(usize, FieldError)>>> {
    let r = fieldwork(db, round_id).await?;
    let s = survey_of_round(db, &r).await?;
    let rules = Rules::of(&s);
    let quotas: HashMap<(String, String), quota::Model> = scoped::<quota::Entity>(p)
        .filter(quota::Column::RoundId.eq(round_id))
        .all(db)
        .await?
        .into_iter()
        .map(|q| ((q.region_code.clone(), q.service.clone()), q))
        .collect();
    let col = |name: &str| sheet.headers.iter().position(|h| h.trim() == name);
    let titled = |(key, zh, en): (&str, &str, &str)| {
        sheet
            .headers
            .iter()
            .position(|h| h.trim() == key || h.trim() == zh || h.trim().eq_ignore_ascii_case(en))
    };
    let mut missing = Vec::new();
    let region_col = titled(IMPORT_COLUMNS[0]);
    let service_col = titled(IMPORT_COLUMNS[1]);
    let duration_col = titled(IMPORT_COLUMNS[2]);
    for (c, (key, ..)) in [region_col, service_col].iter().zip(IMPORT_COLUMNS) {
        if c.is_none() {
            missing.push((1, FieldError::new(key, Rule::Required)));
        }
    }
    let item_cols: Vec<(&str, Option<usize>)> = rules.items.iter().map(|i| (*i, col(i))).collect();
    for (item, c) in &item_cols {
        if c.is_none() {
            missing.push((1, FieldError::new(*item, Rule::Required)));
        }
    }
    if !missing.is_empty() {
        return Ok(Err(missing));
    }
    if sheet.rows.len() > MAX_IMPORT_ROWS {
        return Ok(Err(vec![(
            1,
            FieldError::new("file", Rule::Range).with("max", MAX_IMPORT_ROWS),
        )]));
    }
    let cell = |cells: &[String], c: Option<usize>| {
        c.and_then(|c| cells.get(c))
            .map_or("", |v| v.trim())
            .to_owned()
    };
    let mut errors = Vec::new();
    let mut ready = Vec::with_capacity(sheet.rows.len());
    for (number, cells) in &sheet.rows {
        let region = cell(cells, region_col);
        let service = cell(cells, service_col);
        let q = quotas.get(&(region.clone(), service.clone()));
        if q.is_none() {
            let field = if quotas.keys().any(|(r, _)| *r == region) {
                "service"
            } else {
                "region_code"
            };
            errors.push((
                *number,
                FieldError::new(field, Rule::Exists).with(
                    "value",
                    if field == "service" {
                        &service
                    } else {
                        &region
                    },
                ),
            ));
        }
        let duration = match cell(cells, duration_col) {
            d if d.is_empty() => None,
            d => match d.parse::<f64>() {
                Ok(v) if (0.0..=86_400.0).contains(&v) => Some(v.round() as i32),
                _ => {
                    errors.push((
                        *number,
                        FieldError::new("duration_seconds", Rule::Range)
                            .with("min", 0)
                            .with("max", 86_400),
                    ));
                    None
                }
            },
        };
        let mut answers = Answers::new();
        for (item, c) in &item_cols {
            let v = cell(cells, *c);
            let value = if v.is_empty() || v.eq_ignore_ascii_case("na") {
                None
            } else {
                match v.parse::<f64>() {
                    Ok(x) if x.is_finite() => Some(x),
                    _ => {
                        errors.push((
                            *number,
                            FieldError::new(*item, Rule::Format).with("value", &v),
                        ));
                        None
                    }
                }
            };
            answers.insert((*item).to_owned(), value);
        }
        if let Some(q) = q {
            ready.push((q, answers, duration));
        }
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let txn = longzhi_store::backend::begin_write(db).await?;
    fieldwork(&txn, round_id).await?;
    let by = Some(p.display_name.clone());
    for chunk in ready.chunks(500) {
        let rows = chunk
            .iter()
            .map(|(q, a, d)| row(q, "import", a, *d, &rules.flags(a, *d), by.clone()));
        response::Entity::insert_many(rows).exec(&txn).await?;
    }
    longzhi_store::audit::record(
        &txn,
        p,
        rounds::round_target(round_id),
        "import",
        None,
        Some(&serde_json::json!({"responses": ready.len()})),
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(ready.len()))
}

/// The valid responses of a round the caller's scope holds, as the engine reads them: columns
/// `region,service,field,cell`, then the items in model order; a blank answer is an empty cell.
pub async fn export_csv<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    round_id: i64,
) -> Result<String> {
    let r = rounds::load(db, round_id).await?;
    let s = survey_of_round(db, &r).await?;
    let items: Vec<&str> = s.model.items().map(|i| i.code.as_str()).collect();
    let rows = scoped::<response::Entity>(p)
        .filter(response::Column::RoundId.eq(round_id))
        .filter(response::Column::Excluded.eq(false))
        .order_by_asc(response::Column::Id)
        .all(db)
        .await?;
    let mut w = csv::Writer::from_writer(Vec::new());
    let io = |e: &dyn std::fmt::Display| StoreError::Io(e.to_string());
    let header: Vec<&str> = crate::surveys::GROUP_COLUMNS
        .iter()
        .copied()
        .chain(items.iter().copied())
        .collect();
    w.write_record(&header).map_err(|e| io(&e))?;
    for r in rows {
        let answers: Answers = serde_json::from_str(&r.answers).map_err(|e| io(&e))?;
        let mut rec = vec![
            r.region_code.clone(),
            r.service.clone(),
            field(&r.service).to_owned(),
            format!("{}:{}", r.region_code, r.service),
        ];
        rec.extend(items.iter().map(|i| {
            answers
                .get(*i)
                .copied()
                .flatten()
                .map(|v| v.to_string())
                .unwrap_or_default()
        }));
        w.write_record(&rec).map_err(|e| io(&e))?;
    }
    String::from_utf8(w.into_inner().map_err(|e| io(&e))?).map_err(|e| io(&e))
}

/// The link's record, if the token is one of a round still in fieldwork.
async fn open_link<C: ConnectionTrait>(
    db: &C,
    token: &str,
) -> Result<(link::Model, quota::Model, round::Model)> {
    let l = link::Entity::find()
        .filter(link::Column::TokenHash.eq(longzhi_store::repo::auth::digest(token)))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)?;
    let r = rounds::load(db, l.round_id).await?;
    if r.status != "fieldwork" {
        return Err(StoreError::NotFound);
    }
    let q = unscoped::<quota::Entity>("a public link names its quota")
        .filter(quota::Column::Id.eq(l.quota_id))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok((l, q, r))
}

/// The questionnaire behind a public link (404 for an unknown link or a round out of the field).
pub async fn public_survey<C: ConnectionTrait>(db: &C, token: &str) -> Result<PublicSurvey> {
    let (l, q, r) = open_link(db, token).await?;
    let s = survey_of_round(db, &r).await?;
    let services = service_names(db).await?;
    let (service_name, service_name_en) = services.get(&q.service).cloned().unwrap_or_default();
    Ok(PublicSurvey {
        round_name: r.name,
        survey_name: s.row.name,
        region_name: regions::by_code(db, &q.region_code).await?.name,
        service_name,
        service_name_en,
        scale_min: s.row.scale_min,
        scale_max: s.row.scale_max,
        constructs: s.model.constructs,
        used: l.used_at.is_some(),
    })
}

/// A respondent's answers from a public link: once per link (the link's row is locked while the
/// response is stored, so two simultaneous submissions store one), a few per address and hour.
pub async fn public_submit(
    db: &DatabaseConnection,
    ip: &str,
    token: &str,
    a: PublicAnswer,
) -> Result<()> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    throttle::count_request(&txn, "survey", ip, PUBLIC_PER_HOUR, Duration::hours(1)).await?;
    txn.commit().await?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let (l, q, r) = open_link(&txn, token).await?;
    let s = survey_of_round(&txn, &r).await?;
    let rules = Rules::of(&s);
    let mut errs = FieldErrors::new();
    rules.check_form(&mut errs, &a.answers, a.duration_seconds);
    errs.finish()?;
    // Claims the link: only one submission can flip `used_at` from empty.
    let claimed = link::Entity::update_many()
        .set(link::ActiveModel {
            used_at: Set(Some(Utc::now())),
            ..Default::default()
        })
        .filter(link::Column::Id.eq(l.id))
        .filter(link::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected == 0 {
        return Err(StoreError::Rule(ErrorCode::ServiceTokenUsed));
    }
    let flags = rules.flags(&a.answers, a.duration_seconds);
    row(&q, "link", &a.answers, a.duration_seconds, &flags, None)
        .insert(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// An export of the round's responses as a workbook (what the console's export button gives).
pub fn workbook(rows: &[ResponseView], items: &[String], english: bool) -> Result<Vec<u8>> {
    let pick = |zh: &str, en: &str| {
        if english {
            en.to_owned()
        } else {
            zh.to_owned()
        }
    };
    let mut columns = vec![
        Column {
            key: "id".into(),
            title: "ID".into(),
            width: 8.0,
        },
        Column {
            key: "region".into(),
            title: pick("城市", "City"),
            width: 12.0,
        },
        Column {
            key: "service".into(),
            title: pick("服务行业", "Service"),
            width: 14.0,
        },
        Column {
            key: "channel".into(),
            title: pick("来源", "Channel"),
            width: 8.0,
        },
        Column {
            key: "flags".into(),
            title: pick("质量标记", "Flags"),
            width: 20.0,
        },
        Column {
            key: "duration".into(),
            title: pick("用时(秒)", "Seconds"),
            width: 10.0,
        },
    ];
    columns.extend(items.iter().map(|i| Column {
        key: i.clone(),
        title: i.clone(),
        width: 7.0,
    }));
    let data: Vec<Vec<Cell>> = rows
        .iter()
        .map(|r| {
            let mut c = vec![
                Cell::Number(r.id as f64),
                Cell::Text(r.region_name.clone()),
                Cell::Text(r.service_name.clone()),
                Cell::Text(r.channel.clone()),
                Cell::Text(r.flags.join(",")),
                r.duration_seconds
                    .map_or(Cell::Empty, |d| Cell::Number(f64::from(d))),
            ];
            c.extend(items.iter().map(|i| {
                r.answers
                    .get(i)
                    .copied()
                    .flatten()
                    .map_or(Cell::Empty, Cell::Number)
            }));
            c
        })
        .collect();
    longzhi_reports::xlsx::write_table(&pick("样本", "Responses"), &columns, &data, None)
        .map_err(|e| StoreError::Io(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Rules<'static> {
        Rules {
            items: vec!["a", "b", "c", "d", "e", "f"],
            scale: (1.0, 10.0),
            min_seconds: 60,
            max_missing: 0.2,
        }
    }

    fn answers(values: &[Option<f64>]) -> Answers {
        ["a", "b", "c", "d", "e", "f"]
            .iter()
            .zip(values)
            .map(|(k, v)| ((*k).to_owned(), *v))
            .collect()
    }

    #[test]
    fn each_rule_flags_what_it_names() {
        let r = rules();
        let clean = answers(&[Some(7.0), Some(8.0), Some(6.0), Some(9.0), Some(7.0), None]);
        assert!(
            r.flags(&clean, Some(120)).is_empty(),
            "one blank of six is within 20%"
        );
        let two_blank = answers(&[Some(7.0), Some(8.0), None, Some(9.0), Some(7.0), None]);
        assert_eq!(r.flags(&two_blank, None), ["missing"]);
        let line = answers(&[Some(8.0); 6]);
        assert_eq!(r.flags(&line, Some(200)), ["straight_line"]);
        let fast = answers(&[
            Some(7.0),
            Some(8.0),
            Some(6.0),
            Some(9.0),
            Some(7.0),
            Some(5.0),
        ]);
        assert_eq!(r.flags(&fast, Some(59)), ["speeding"]);
        assert!(
            r.flags(&fast, Some(60)).is_empty(),
            "the minimum itself is not too fast"
        );
        let wild = answers(&[
            Some(11.0),
            Some(8.0),
            Some(0.0),
            Some(9.0),
            Some(7.0),
            Some(5.0),
        ]);
        assert_eq!(r.flags(&wild, None), ["out_of_range"]);
        // Four equal answers and two blanks: too few answers for a straight line, too many blanks.
        let short = answers(&[Some(5.0), Some(5.0), Some(5.0), Some(5.0), None, None]);
        assert_eq!(r.flags(&short, None), ["missing"]);
    }

    #[test]
    fn a_form_refuses_what_an_import_flags() {
        let r = rules();
        let mut errs = FieldErrors::new();
        let mut a = answers(&[Some(11.0), Some(7.5), None, None, None, None]);
        a.insert("zz".into(), Some(3.0));
        r.check_form(&mut errs, &a, Some(-1));
        let fields: Vec<String> = errs.0.iter().map(|e| e.field.clone()).collect();
        assert_eq!(
            fields,
            ["answers.a", "answers.b", "answers.zz", "duration_seconds"]
        );
    }

    #[test]
    fn csv_rows_are_numbered_as_a_spreadsheet_shows_them() {
        let s = csv_sheet(b"region_code,service,a\n620100,pub_health,7\n,,\n620200,pub_health,8\n")
            .unwrap();
        assert_eq!(s.headers, ["region_code", "service", "a"]);
        assert_eq!(s.rows.iter().map(|r| r.0).collect::<Vec<_>>(), [2, 4]);
        let wide = vec!["c"; 201].join(",");
        assert_eq!(csv_sheet(wide.as_bytes()).unwrap_err().rule, Rule::Range);
    }
}
