//! Injury cases: entered on the form, imported from Excel, or uploaded in bulk by a hospital
//! system; each checked against the dictionaries and written to a point the caller may write to.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate, Utc};
use longzhi_domain::{FieldError, FieldErrors, Rule};
use longzhi_store::audit::{self, Target};
use longzhi_store::page::{Page, PageQuery, contains_any, paginate};
use longzhi_store::repo::{ImportRow, get_scoped, update_versioned};
use longzhi_store::scope::{Principal, scoped};
use longzhi_store::{Result, StoreError, today};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, QueryFilter, Select, Set,
};
use serde::{Deserialize, Serialize};

use crate::dicts::{CASE_FIELDS, Codes, PRODUCT};
use crate::entity::{case, point};
use crate::points::{self, city_names};

const ENTITY: &str = "injury_case";
/// The age groups of the estimates, as (lowest age, label).
pub const AGE_GROUPS: [(i32, &str); 6] = [
    (0, "0-4"),
    (5, "5-14"),
    (15, "15-24"),
    (25, "25-44"),
    (45, "45-64"),
    (65, "65+"),
];

pub fn age_group(age: i32) -> &'static str {
    AGE_GROUPS
        .iter()
        .rev()
        .find(|(lo, _)| age >= *lo)
        .map_or("0-4", |(_, g)| g)
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CaseView {
    pub id: i64,
    pub point_id: i64,
    pub point_code: String,
    pub point_name: String,
    pub case_no: String,
    pub treated_on: NaiveDate,
    pub age: i32,
    pub age_group: String,
    pub sex: String,
    pub place: String,
    pub activity: String,
    pub intent: String,
    pub body_part: String,
    pub diagnosis: String,
    pub severity: String,
    pub disposition: String,
    /// One to three product categories.
    pub products: Vec<String>,
    pub narrative: String,
    pub city_code: String,
    pub city_name: String,
    pub version: i32,
}

/// A case as the form, the Excel import and the bulk upload give it.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct CaseInput {
    /// The point; may be left out by a user who writes to one point only.
    pub point_id: Option<i64>,
    pub case_no: String,
    /// `YYYY-MM-DD`, not in the future.
    pub treated_on: String,
    /// Age in completed years (0–120).
    pub age: Option<i32>,
    pub sex: String,
    pub place: String,
    pub activity: String,
    pub intent: String,
    pub body_part: String,
    pub diagnosis: String,
    pub severity: String,
    pub disposition: String,
    /// One to three product categories (dictionary `injury_product`), different.
    pub products: Vec<String>,
    pub narrative: String,
    /// The version read, for an update.
    pub version: Option<i32>,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CaseFilter {
    /// Case number or narrative contains.
    pub q: Option<String>,
    pub point_id: Option<i64>,
    pub city_code: Option<String>,
    /// Any of the case's products.
    pub product: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub sex: Option<String>,
    pub age_group: Option<String>,
    pub severity: Option<String>,
}

fn target(m: &case::Model) -> Target<'_> {
    Target {
        entity: ENTITY,
        id: m.id.to_string(),
        region_path: &m.region_path,
        org_id: Some(m.org_id),
    }
}

/// The cases of a filter in the caller's scope (the list, the export and the estimates' data).
pub fn select(p: &Principal, f: &CaseFilter) -> Select<case::Entity> {
    let mut s = scoped::<case::Entity>(p);
    if let Some(e) =
        f.q.as_deref()
            .and_then(|t| contains_any(&[case::Column::CaseNo, case::Column::Narrative], t))
    {
        s = s.filter(e);
    }
    if let Some(id) = f.point_id {
        s = s.filter(case::Column::PointId.eq(id));
    }
    if let Some(c) = f.city_code.as_deref().filter(|c| !c.is_empty()) {
        s = s.filter(case::Column::CityCode.eq(c));
    }
    if let Some(prod) = f.product.as_deref().filter(|c| !c.is_empty()) {
        s = s.filter(
            Condition::any()
                .add(case::Column::Product1.eq(prod))
                .add(case::Column::Product2.eq(prod))
                .add(case::Column::Product3.eq(prod)),
        );
    }
    if let Some(d) = f.from {
        s = s.filter(case::Column::TreatedOn.gte(d));
    }
    if let Some(d) = f.to {
        s = s.filter(case::Column::TreatedOn.lte(d));
    }
    for (col, v) in [
        (case::Column::Sex, &f.sex),
        (case::Column::AgeGroup, &f.age_group),
        (case::Column::Severity, &f.severity),
    ] {
        if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
            s = s.filter(col.eq(v));
        }
    }
    s
}

/// Point id → (code, name), for the views.
async fn point_labels<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
) -> Result<HashMap<i64, (String, String)>> {
    Ok(points::all(db, p)
        .await?
        .into_iter()
        .map(|m| (m.id, (m.code, m.name)))
        .collect())
}

fn view(
    m: case::Model,
    points: &HashMap<i64, (String, String)>,
    cities: &HashMap<String, String>,
) -> CaseView {
    let (point_code, point_name) = points.get(&m.point_id).cloned().unwrap_or_default();
    CaseView {
        point_code,
        point_name,
        city_name: cities.get(&m.city_code).cloned().unwrap_or_default(),
        products: [Some(m.product1), m.product2, m.product3]
            .into_iter()
            .flatten()
            .collect(),
        id: m.id,
        point_id: m.point_id,
        case_no: m.case_no,
        treated_on: m.treated_on,
        age: m.age,
        age_group: m.age_group,
        sex: m.sex,
        place: m.place,
        activity: m.activity,
        intent: m.intent,
        body_part: m.body_part,
        diagnosis: m.diagnosis,
        severity: m.severity,
        disposition: m.disposition,
        narrative: m.narrative,
        city_code: m.city_code,
        version: m.version,
    }
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    f: &CaseFilter,
    q: &PageQuery,
) -> Result<Page<CaseView>> {
    let sortable = [
        ("treated_on", case::Column::TreatedOn),
        ("case_no", case::Column::CaseNo),
        ("age", case::Column::Age),
    ];
    let (labels, cities) = (point_labels(db, p).await?, city_names(db).await?);
    Ok(paginate(
        db,
        select(p, f),
        q,
        &sortable,
        "-treated_on",
        case::Column::Id,
    )
    .await?
    .map(|m| view(m, &labels, &cities)))
}

pub async fn get<C: ConnectionTrait>(db: &C, p: &Principal, id: i64) -> Result<CaseView> {
    let m = get_scoped::<case::Entity, _>(db, p, id).await?;
    Ok(view(m, &point_labels(db, p).await?, &city_names(db).await?))
}

/// What a case write needs, loaded once: the dictionaries and the points the caller may write
/// to (in its scope and its write scope).
pub struct Writer {
    codes: Codes,
    points: HashMap<i64, point::Model>,
    today: NaiveDate,
}

/// A case's checked columns.
struct Fields {
    point: point::Model,
    treated_on: NaiveDate,
    age: i32,
    products: Vec<String>,
    input: CaseInput,
}

impl Writer {
    pub async fn new<C: ConnectionTrait>(db: &C, p: &Principal) -> Result<Self> {
        let mut types: Vec<&'static str> = CASE_FIELDS.iter().map(|(_, d)| *d).collect();
        types.dedup();
        Ok(Self {
            codes: Codes::load(db, &types).await?,
            points: points::all(db, p)
                .await?
                .into_iter()
                .filter(|m| p.covers(&m.region_path, m.org_id, m.owner_id))
                .map(|m| (m.id, m))
                .collect(),
            today: today(),
        })
    }

    /// The point a code names, if the caller may write to it.
    pub fn point_by_code(&self, code: &str) -> Option<i64> {
        self.points.values().find(|m| m.code == code).map(|m| m.id)
    }

    fn check(&self, i: &CaseInput) -> std::result::Result<Fields, FieldErrors> {
        let mut errs = FieldErrors::new();
        let point_id = i.point_id.or_else(|| {
            (self.points.len() == 1)
                .then(|| self.points.keys().next().copied())
                .flatten()
        });
        let point = match point_id {
            None => {
                errs.push(FieldError::new("point_id", Rule::Required));
                None
            }
            Some(id) => {
                let found = self.points.get(&id).cloned();
                if found.is_none() {
                    errs.push(FieldError::new("point_id", Rule::Exists).with("value", id));
                }
                found
            }
        };
        let case_no = errs.text("case_no", &i.case_no, 40).unwrap_or_default();
        let treated_on = match parse_date(&i.treated_on) {
            None if i.treated_on.trim().is_empty() => {
                errs.push(FieldError::new("treated_on", Rule::Required));
                None
            }
            None => {
                errs.push(
                    FieldError::new("treated_on", Rule::Format).with("pattern", "YYYY-MM-DD"),
                );
                None
            }
            Some(d) if d > self.today || d.year() < 2000 => {
                errs.push(
                    FieldError::new("treated_on", Rule::Range)
                        .with("min", "2000-01-01")
                        .with("max", self.today),
                );
                None
            }
            d => d,
        };
        let age = match i.age {
            None => {
                errs.push(FieldError::new("age", Rule::Required));
                0
            }
            Some(a) if !(0..=120).contains(&a) => {
                errs.push(
                    FieldError::new("age", Rule::Range)
                        .with("min", 0)
                        .with("max", 120),
                );
                0
            }
            Some(a) => a,
        };
        for (field, dict) in CASE_FIELDS.iter().filter(|(f, _)| *f != "product1") {
            self.codes.check(&mut errs, field, dict, coded(i, field));
        }
        let products: Vec<String> = i
            .products
            .iter()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        if products.is_empty() {
            errs.push(FieldError::new("products", Rule::Required));
        } else if products.len() > 3 {
            errs.push(FieldError::new("products", Rule::Length).with("max", 3));
        }
        for (k, prod) in products.iter().enumerate() {
            if products[..k].contains(prod) {
                errs.push(FieldError::new("products", Rule::Unique).with("value", prod));
            }
            self.codes.check(&mut errs, "products", PRODUCT, prod);
        }
        let narrative = errs
            .text("narrative", &i.narrative, 2000)
            .unwrap_or_default();
        errs.finish()?;
        Ok(Fields {
            point: point
                .ok_or_else(|| FieldErrors::from(FieldError::new("point_id", Rule::Required)))?,
            treated_on: treated_on.unwrap_or(self.today),
            age,
            products,
            input: CaseInput {
                case_no,
                narrative,
                ..i.clone()
            },
        })
    }

    fn columns(f: Fields) -> case::ActiveModel {
        let i = f.input;
        let mut products = f.products.into_iter();
        case::ActiveModel {
            point_id: Set(f.point.id),
            case_no: Set(i.case_no),
            treated_on: Set(f.treated_on),
            year: Set(f.treated_on.year()),
            age: Set(f.age),
            age_group: Set(age_group(f.age).to_owned()),
            sex: Set(i.sex),
            place: Set(i.place),
            activity: Set(i.activity),
            intent: Set(i.intent),
            body_part: Set(i.body_part),
            diagnosis: Set(i.diagnosis),
            severity: Set(i.severity),
            disposition: Set(i.disposition),
            product1: Set(products.next().unwrap_or_default()),
            product2: Set(products.next()),
            product3: Set(products.next()),
            narrative: Set(i.narrative),
            city_code: Set(f.point.city_code.clone()),
            region_path: Set(f.point.region_path.clone()),
            org_id: Set(f.point.org_id),
            updated_at: Set(Utc::now()),
            ..Default::default()
        }
    }

    /// Checks and inserts a case, audited in the transaction.
    pub async fn insert<C: ConnectionTrait>(
        &self,
        txn: &C,
        p: &Principal,
        i: &CaseInput,
    ) -> Result<case::Model> {
        let f = self.check(i)?;
        let mut am = Self::columns(f);
        am.owner_id = Set(p.actor_id());
        am.version = Set(1);
        am.created_at = am.updated_at.clone();
        let m = am
            .insert(txn)
            .await
            .map_err(|e| StoreError::from(e).on_duplicate("case_no"))?;
        audit::record(txn, p, target(&m), "create", None, Some(&m)).await?;
        Ok(m)
    }

    /// Checks and rewrites case `id` if its version is still `version`, audited.
    pub async fn update<C: ConnectionTrait>(
        &self,
        txn: &C,
        p: &Principal,
        id: i64,
        version: i32,
        i: &CaseInput,
    ) -> Result<case::Model> {
        let f = self.check(i)?;
        let before = get_scoped::<case::Entity, _>(txn, p, id).await?;
        if !self.points.contains_key(&before.point_id) {
            return Err(StoreError::NotFound);
        }
        update_versioned(
            txn,
            case::Column::Id,
            case::Column::Version,
            id,
            version,
            Self::columns(f),
        )
        .await
        .map_err(|e| e.on_duplicate("case_no"))?;
        let after = get_scoped::<case::Entity, _>(txn, p, id).await?;
        audit::record(
            txn,
            p,
            target(&after),
            "update",
            Some(&before),
            Some(&after),
        )
        .await?;
        Ok(after)
    }
}

/// `YYYY-MM-DD` (or with slashes, as spreadsheets often write it).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y/%m/%d"))
        .ok()
}

fn coded<'a>(i: &'a CaseInput, field: &str) -> &'a str {
    match field {
        "sex" => &i.sex,
        "place" => &i.place,
        "activity" => &i.activity,
        "intent" => &i.intent,
        "body_part" => &i.body_part,
        "diagnosis" => &i.diagnosis,
        "severity" => &i.severity,
        "disposition" => &i.disposition,
        _ => "",
    }
}

pub async fn create(db: &DatabaseConnection, p: &Principal, i: CaseInput) -> Result<CaseView> {
    let w = Writer::new(db, p).await?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let m = w.insert(&txn, p, &i).await?;
    txn.commit().await?;
    get(db, p, m.id).await
}

pub async fn update(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: CaseInput,
) -> Result<CaseView> {
    get_scoped::<case::Entity, _>(db, p, id).await?;
    let version = i
        .version
        .ok_or_else(|| StoreError::from(FieldError::new("version", Rule::Required)))?;
    let w = Writer::new(db, p).await?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    w.update(&txn, p, id, version, &i).await?;
    txn.commit().await?;
    get(db, p, id).await
}

pub async fn delete(db: &DatabaseConnection, p: &Principal, id: i64) -> Result<()> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let before = get_scoped::<case::Entity, _>(&txn, p, id).await?;
    if !p.covers(&before.region_path, before.org_id, before.owner_id) {
        return Err(StoreError::NotFound);
    }
    case::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, p, target(&before), "delete", Some(&before), None).await?;
    txn.commit().await?;
    Ok(())
}

/// A row of an Excel import.
pub struct ImportCase {
    pub writer: Arc<Writer>,
    pub input: CaseInput,
}

impl ImportRow for ImportCase {
    async fn create(self, txn: &DatabaseTransaction, p: &Principal) -> Result<()> {
        self.writer.insert(txn, p, &self.input).await.map(|_| ())
    }
}

/// What a bulk upload did: cases created, cases replaced (same case number at the point), and
/// the errors of the records refused, by their index in the upload (from 0).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct BulkResult {
    pub created: usize,
    pub updated: usize,
    pub errors: Vec<BulkError>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct BulkError {
    pub index: usize,
    pub case_no: String,
    pub field: String,
    pub code: Rule,
    pub message: String,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct BulkUpload {
    /// The point's code (every record's point).
    pub point_code: String,
    /// At most 5000 records; a record whose case number the point already has replaces it.
    pub cases: Vec<CaseInput>,
}

pub const BULK_MAX: usize = 5000;

/// A hospital system's upload: the valid records are stored (created, or replacing the case of
/// the same number), the others come back with their errors; one transaction.
pub async fn bulk(
    db: &DatabaseConnection,
    p: &Principal,
    upload: BulkUpload,
    message: impl Fn(&FieldError) -> String,
) -> Result<BulkResult> {
    use sea_orm::TransactionTrait;
    if upload.cases.len() > BULK_MAX {
        return Err(FieldError::new("cases", Rule::Length)
            .with("max", BULK_MAX)
            .into());
    }
    let w = Writer::new(db, p).await?;
    let point_id = w.point_by_code(upload.point_code.trim()).ok_or_else(|| {
        FieldError::new("point_code", Rule::Exists).with("value", &upload.point_code)
    })?;
    let existing: HashMap<String, (i64, i32)> = scoped::<case::Entity>(p)
        .filter(case::Column::PointId.eq(point_id))
        .filter(
            case::Column::CaseNo.is_in(upload.cases.iter().map(|c| c.case_no.trim().to_owned())),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.case_no, (m.id, m.version)))
        .collect();
    let mut out = BulkResult {
        created: 0,
        updated: 0,
        errors: vec![],
    };
    let txn = longzhi_store::backend::begin_write(db).await?;
    for (index, mut i) in upload.cases.into_iter().enumerate() {
        i.point_id = Some(point_id);
        let savepoint = txn.begin().await?;
        let done = match existing.get(i.case_no.trim()) {
            Some(&(id, version)) => w
                .update(&savepoint, p, id, version, &i)
                .await
                .map(|_| false),
            None => w.insert(&savepoint, p, &i).await.map(|_| true),
        };
        let errors = match done {
            Ok(created) => {
                savepoint.commit().await?;
                if created {
                    out.created += 1;
                } else {
                    out.updated += 1;
                }
                continue;
            }
            Err(StoreError::Validation(f)) => f.0,
            Err(StoreError::Duplicate { field }) => vec![FieldError::new(field, Rule::Unique)],
            Err(e) => return Err(e),
        };
        savepoint.rollback().await?;
        out.errors.extend(errors.into_iter().map(|e| BulkError {
            index,
            case_no: i.case_no.clone(),
            message: message(&e),
            field: e.field.clone(),
            code: e.rule,
        }));
    }
    txn.commit().await?;
    Ok(out)
}
