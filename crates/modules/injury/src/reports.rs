//! Defect reports (缺陷信息): from consumers on the public form, from enterprises, from injury
//! cases, from failed sampling inspections and imported complaints. Each names a product
//! (category, brand, model, producer with its checked credit code) and a hazard; the signal
//! page counts them. Reporters' personal data is masked for roles without `injury:report:unmask`.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Duration, NaiveDate, Utc};
use longzhi_domain::{CreditCode, ErrorCode, FieldError, FieldErrors, Rule};
use longzhi_store::audit::{self, Target};
use longzhi_store::page::{Page, PageQuery, contains_any, paginate};
use longzhi_store::repo::{ImportRow, get_scoped, orgs, regions, throttle, update_versioned};
use longzhi_store::scope::{Principal, scoped};
use longzhi_store::{Result, StoreError, today};
use rand::Rng;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    QueryFilter, Select, Set,
};
use serde::{Deserialize, Serialize};

use crate::dicts::{Codes, HAZARD, PRODUCT, SOURCE};
use crate::entity::report;
use crate::points::city_names;

const ENTITY: &str = "injury_report";
pub const UNMASK: &str = "injury:report:unmask";
pub const STATUSES: [&str; 3] = ["new", "triaged", "closed"];
/// Public reports one address may send in 24 hours before it must wait.
const PUBLIC_PER_DAY: i64 = 10;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DefectReport {
    pub id: i64,
    pub report_no: String,
    pub source: String,
    pub received_on: NaiveDate,
    pub category: String,
    pub brand: String,
    pub model: String,
    pub producer_name: String,
    pub producer_code: Option<String>,
    pub hazard: String,
    pub description: String,
    /// Masked (`张**`) unless the caller may unmask.
    pub reporter_name: Option<String>,
    pub reporter_phone: Option<String>,
    pub reporter_email: Option<String>,
    pub case_id: Option<i64>,
    pub city_code: Option<String>,
    pub city_name: Option<String>,
    pub status: String,
    pub note: Option<String>,
    pub version: i32,
}

/// A report as staff, an enterprise or an import give it.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct DefectReportInput {
    /// Dictionary `injury_report_source`; an enterprise's reports are always `enterprise`.
    #[serde(default)]
    pub source: String,
    /// `YYYY-MM-DD`; today when blank.
    #[serde(default)]
    pub received_on: String,
    pub category: String,
    pub brand: String,
    pub model: String,
    pub producer_name: String,
    pub producer_code: Option<String>,
    pub hazard: String,
    pub description: String,
    pub reporter_name: Option<String>,
    pub reporter_phone: Option<String>,
    pub reporter_email: Option<String>,
    /// The city it came from; the caller's region when blank.
    pub city_code: Option<String>,
}

/// The public form: no login; `website` is a field people never see (a bot fills it in).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct PublicReport {
    pub category: String,
    pub brand: String,
    pub model: String,
    pub producer_name: String,
    pub producer_code: Option<String>,
    pub hazard: String,
    pub description: String,
    pub city_code: Option<String>,
    pub reporter_name: String,
    pub reporter_phone: String,
    pub reporter_email: Option<String>,
    #[serde(default)]
    pub website: String,
}

/// What the public form answers: the receipt number, nothing else.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Receipt {
    pub report_no: String,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct DefectReportTriage {
    /// `new`, `triaged` or `closed`.
    pub status: String,
    pub note: Option<String>,
    pub version: i32,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DefectReportFilter {
    /// Receipt number, brand, model, producer or description contains.
    pub q: Option<String>,
    pub source: Option<String>,
    pub category: Option<String>,
    pub hazard: Option<String>,
    pub brand: Option<String>,
    pub model: Option<String>,
    pub status: Option<String>,
    pub city_code: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// `张三丰` → `张**`; `13812345678` → `138****5678`; `zhang@x.cn` → `z***@x.cn`.
pub fn mask_name(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| format!("{f}{}", "*".repeat(c.count().max(1))))
        .unwrap_or_default()
}

pub fn mask_phone(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() < 7 {
        return "*".repeat(chars.len());
    }
    let (head, tail) = (3, 4);
    let middle = chars.len() - head - tail;
    format!(
        "{}{}{}",
        chars[..head].iter().collect::<String>(),
        "*".repeat(middle),
        chars[chars.len() - tail..].iter().collect::<String>()
    )
}

pub fn mask_email(s: &str) -> String {
    match s.split_once('@') {
        Some((user, domain)) => format!("{}***@{domain}", user.chars().next().unwrap_or('*')),
        None => mask_name(s),
    }
}

fn view(m: report::Model, unmask: bool, cities: &HashMap<String, String>) -> DefectReport {
    let hide = |v: Option<String>, f: fn(&str) -> String| {
        if unmask { v } else { v.map(|s| f(&s)) }
    };
    DefectReport {
        city_name: m.city_code.as_ref().and_then(|c| cities.get(c).cloned()),
        reporter_name: hide(m.reporter_name, mask_name),
        reporter_phone: hide(m.reporter_phone, mask_phone),
        reporter_email: hide(m.reporter_email, mask_email),
        id: m.id,
        report_no: m.report_no,
        source: m.source,
        received_on: m.received_on,
        category: m.category,
        brand: m.brand,
        model: m.model,
        producer_name: m.producer_name,
        producer_code: m.producer_code,
        hazard: m.hazard,
        description: m.description,
        case_id: m.case_id,
        city_code: m.city_code,
        status: m.status,
        note: m.note,
        version: m.version,
    }
}

fn target(m: &report::Model) -> Target<'_> {
    Target {
        entity: ENTITY,
        id: m.id.to_string(),
        region_path: &m.region_path,
        org_id: Some(m.org_id),
    }
}

/// The reports of a filter in the caller's scope (the list, the export, the signals' drill-down).
pub fn select(p: &Principal, f: &DefectReportFilter) -> Select<report::Entity> {
    let mut s = scoped::<report::Entity>(p);
    if let Some(e) = f.q.as_deref().and_then(|t| {
        contains_any(
            &[
                report::Column::ReportNo,
                report::Column::Brand,
                report::Column::Model,
                report::Column::ProducerName,
                report::Column::Description,
            ],
            t,
        )
    }) {
        s = s.filter(e);
    }
    for (col, v) in [
        (report::Column::Source, &f.source),
        (report::Column::Category, &f.category),
        (report::Column::Hazard, &f.hazard),
        (report::Column::Brand, &f.brand),
        (report::Column::Model, &f.model),
        (report::Column::Status, &f.status),
        (report::Column::CityCode, &f.city_code),
    ] {
        if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
            s = s.filter(col.eq(v));
        }
    }
    if let Some(d) = f.from {
        s = s.filter(report::Column::ReceivedOn.gte(d));
    }
    if let Some(d) = f.to {
        s = s.filter(report::Column::ReceivedOn.lte(d));
    }
    s
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    f: &DefectReportFilter,
    q: &PageQuery,
) -> Result<Page<DefectReport>> {
    let sortable = [
        ("received_on", report::Column::ReceivedOn),
        ("report_no", report::Column::ReportNo),
    ];
    let (unmask, cities) = (p.allows(UNMASK), city_names(db).await?);
    Ok(paginate(
        db,
        select(p, f),
        q,
        &sortable,
        "-received_on",
        report::Column::Id,
    )
    .await?
    .map(|m| view(m, unmask, &cities)))
}

pub async fn get<C: ConnectionTrait>(db: &C, p: &Principal, id: i64) -> Result<DefectReport> {
    let m = get_scoped::<report::Entity, _>(db, p, id).await?;
    Ok(view(m, p.allows(UNMASK), &city_names(db).await?))
}

/// What a report write needs, loaded once: the dictionaries, the cities and the province.
pub struct Writer {
    codes: Codes,
    /// City code → region path.
    cities: HashMap<String, String>,
    province_path: String,
    today: NaiveDate,
}

/// Where a new report belongs: its scope columns and its city.
struct Place {
    region_path: String,
    org_id: i64,
    city_code: Option<String>,
}

impl Writer {
    pub async fn new<C: ConnectionTrait>(db: &C) -> Result<Self> {
        let cities: HashMap<String, String> = regions::cities(db)
            .await?
            .into_iter()
            .map(|r| (r.code, r.path))
            .collect();
        let province_path = regions::province(db).await?.path;
        Ok(Self {
            codes: Codes::load(db, &[PRODUCT, HAZARD, SOURCE]).await?,
            cities,
            province_path,
            today: today(),
        })
    }

    /// The product and hazard fields every report has, checked.
    fn check_product(&self, errs: &mut FieldErrors, i: &DefectReportInput) -> DefectReportInput {
        self.codes.check(errs, "category", PRODUCT, &i.category);
        self.codes.check(errs, "hazard", HAZARD, &i.hazard);
        let producer_code = i
            .producer_code
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .and_then(|c| errs.check("producer_code", CreditCode::parse(c)))
            .map(String::from);
        let email = errs.optional_text("reporter_email", i.reporter_email.as_deref(), 100);
        if let Some(e) = &email
            && !e.contains('@')
        {
            errs.push(FieldError::new("reporter_email", Rule::Format).with("pattern", "email"));
        }
        DefectReportInput {
            brand: errs.text("brand", &i.brand, 100).unwrap_or_default(),
            model: errs.text("model", &i.model, 100).unwrap_or_default(),
            producer_name: errs
                .text("producer_name", &i.producer_name, 200)
                .unwrap_or_default(),
            producer_code,
            description: errs
                .text("description", &i.description, 4000)
                .unwrap_or_default(),
            reporter_name: errs.optional_text("reporter_name", i.reporter_name.as_deref(), 50),
            reporter_phone: errs.optional_text("reporter_phone", i.reporter_phone.as_deref(), 30),
            reporter_email: email,
            ..i.clone()
        }
    }

    fn city(&self, errs: &mut FieldErrors, code: Option<&str>) -> Option<(String, String)> {
        let code = code.map(str::trim).filter(|c| !c.is_empty())?;
        match self.cities.get(code) {
            Some(path) => Some((code.to_owned(), path.clone())),
            None => {
                errs.push(FieldError::new("city_code", Rule::Exists).with("value", code));
                None
            }
        }
    }

    async fn insert<C: ConnectionTrait>(
        &self,
        db: &C,
        p: &Principal,
        i: DefectReportInput,
        received_on: NaiveDate,
        case_id: Option<i64>,
        place: Place,
    ) -> Result<report::Model> {
        let now = Utc::now();
        let m = report::ActiveModel {
            report_no: Set(receipt_number(received_on)),
            source: Set(i.source),
            received_on: Set(received_on),
            category: Set(i.category),
            brand: Set(i.brand),
            model: Set(i.model),
            producer_name: Set(i.producer_name),
            producer_code: Set(i.producer_code),
            hazard: Set(i.hazard),
            description: Set(i.description),
            reporter_name: Set(i.reporter_name),
            reporter_phone: Set(i.reporter_phone),
            reporter_email: Set(i.reporter_email),
            case_id: Set(case_id),
            city_code: Set(place.city_code),
            status: Set("new".into()),
            note: Set(None),
            region_path: Set(place.region_path),
            org_id: Set(place.org_id),
            owner_id: Set(p.actor_id()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        audit::record(db, p, target(&m), "create", None, Some(&m)).await?;
        Ok(m)
    }

    /// A report of a signed-in user: an enterprise's is its own (source `enterprise`, its
    /// organisation's scope); staff choose the source and the city within their region.
    pub async fn create<C: ConnectionTrait>(
        &self,
        db: &C,
        p: &Principal,
        i: &DefectReportInput,
    ) -> Result<report::Model> {
        let mut errs = FieldErrors::new();
        let enterprise = p.role_codes.iter().any(|r| r == "enterprise");
        let mut i = self.check_product(&mut errs, i);
        if enterprise {
            i.source = "enterprise".into();
        } else {
            self.codes.check(&mut errs, "source", SOURCE, &i.source);
        }
        let received_on = if i.received_on.trim().is_empty() {
            Some(self.today)
        } else {
            match crate::cases::parse_date(&i.received_on) {
                Some(d) if d <= self.today => Some(d),
                Some(_) => {
                    errs.push(FieldError::new("received_on", Rule::Range).with("max", self.today));
                    None
                }
                None => {
                    errs.push(
                        FieldError::new("received_on", Rule::Format).with("pattern", "YYYY-MM-DD"),
                    );
                    None
                }
            }
        };
        let city = self.city(&mut errs, i.city_code.as_deref());
        let region_path = match &city {
            Some((_, path)) if enterprise || p.covers(path, p.org_id, p.actor_id()) => path.clone(),
            Some((code, _)) => {
                errs.push(FieldError::new("city_code", Rule::Exists).with("value", code));
                String::new()
            }
            None => p.region_path.clone(),
        };
        errs.finish()?;
        let place = Place {
            region_path: if enterprise {
                p.region_path.clone()
            } else {
                region_path
            },
            org_id: p.org_id,
            city_code: city
                .map(|(c, _)| c)
                .or_else(|| regions::city_code(&p.region_path).map(str::to_owned)),
        };
        let received_on = received_on.unwrap_or(self.today);
        self.insert(db, p, i, received_on, None, place).await
    }
}

/// `QX` + the day + six random digits: what the reporter quotes when they call.
fn receipt_number(day: NaiveDate) -> String {
    format!(
        "QX{}{:06}",
        day.format("%Y%m%d"),
        rand::rng().random_range(0..1_000_000)
    )
}

pub async fn create(
    db: &DatabaseConnection,
    p: &Principal,
    i: DefectReportInput,
) -> Result<DefectReport> {
    let w = Writer::new(db).await?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let m = w.create(&txn, p, &i).await?;
    txn.commit().await?;
    get(db, p, m.id).await
}

/// A consumer's report from the public page. The address may send a few a day; a bot that
/// fills the hidden field gets a receipt and nothing is stored.
pub async fn create_public(db: &DatabaseConnection, ip: &str, r: PublicReport) -> Result<Receipt> {
    let now = Utc::now();
    let key = format!("defect-report:{}", throttle::ip_key(ip));
    if throttle::locked_until(db, &key, now, false)
        .await?
        .is_some()
    {
        return Err(StoreError::Rule(ErrorCode::RequestRateLimited));
    }
    if !r.website.trim().is_empty() {
        return Ok(Receipt {
            report_no: receipt_number(today()),
        });
    }
    let w = Writer::new(db).await?;
    let mut errs = FieldErrors::new();
    let i = w.check_product(
        &mut errs,
        &DefectReportInput {
            source: "consumer".into(),
            category: r.category,
            brand: r.brand,
            model: r.model,
            producer_name: r.producer_name,
            producer_code: r.producer_code,
            hazard: r.hazard,
            description: r.description,
            reporter_name: None,
            reporter_phone: None,
            reporter_email: r.reporter_email,
            city_code: r.city_code.clone(),
            ..Default::default()
        },
    );
    let name = errs.text("reporter_name", &r.reporter_name, 50);
    let phone = errs.text("reporter_phone", &r.reporter_phone, 30);
    if let Some(ph) = &phone
        && (ph.len() < 7
            || !ph
                .chars()
                .all(|c| c.is_ascii_digit() || c == '-' || c == '+'))
    {
        errs.push(FieldError::new("reporter_phone", Rule::Format).with("pattern", "phone"));
    }
    let city = w.city(&mut errs, r.city_code.as_deref());
    errs.finish()?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    if throttle::locked_until(&txn, &key, now, true)
        .await?
        .is_some()
    {
        return Err(StoreError::Rule(ErrorCode::RequestRateLimited));
    }
    throttle::fail(&txn, &key, PUBLIC_PER_DAY, Duration::hours(1), now).await?;
    let bureau = orgs::by_code(
        &txn,
        &format!("{}-bureau", w.province_path.trim_matches('/')),
    )
    .await?;
    let place = Place {
        region_path: city
            .as_ref()
            .map_or_else(|| w.province_path.clone(), |(_, p)| p.clone()),
        org_id: bureau.id,
        city_code: city.map(|(c, _)| c),
    };
    let p = Principal::system("public-report");
    let i = DefectReportInput {
        reporter_name: name,
        reporter_phone: phone,
        ..i
    };
    let m = w.insert(&txn, &p, i, today(), None, place).await?;
    txn.commit().await?;
    Ok(Receipt {
        report_no: m.report_no,
    })
}

/// Files a defect report from an injury case: its first product, its city, the hazard staff
/// name.
pub async fn from_case(
    db: &DatabaseConnection,
    p: &Principal,
    case_id: i64,
    i: DefectReportInput,
) -> Result<DefectReport> {
    let case = get_scoped::<crate::entity::case::Entity, _>(db, p, case_id).await?;
    let w = Writer::new(db).await?;
    let mut errs = FieldErrors::new();
    let i = w.check_product(
        &mut errs,
        &DefectReportInput {
            category: if i.category.is_empty() {
                case.product1.clone()
            } else {
                i.category
            },
            source: "injury-case".into(),
            ..i
        },
    );
    errs.finish()?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let place = Place {
        region_path: case.region_path.clone(),
        org_id: case.org_id,
        city_code: Some(case.city_code.clone()),
    };
    let m = w
        .insert(&txn, p, i, case.treated_on, Some(case_id), place)
        .await?;
    txn.commit().await?;
    get(db, p, m.id).await
}

pub async fn triage(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    t: DefectReportTriage,
) -> Result<DefectReport> {
    get_scoped::<report::Entity, _>(db, p, id).await?;
    let mut errs = FieldErrors::new();
    if !STATUSES.contains(&t.status.as_str()) {
        errs.push(FieldError::new("status", Rule::Enum).with("allowed", STATUSES.join(",")));
    }
    let note = errs.optional_text("note", t.note.as_deref(), 2000);
    errs.finish()?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let before = get_scoped::<report::Entity, _>(&txn, p, id).await?;
    if !p.covers(&before.region_path, before.org_id, before.owner_id) {
        return Err(StoreError::NotFound);
    }
    update_versioned(
        &txn,
        report::Column::Id,
        report::Column::Version,
        id,
        t.version,
        report::ActiveModel {
            status: Set(t.status),
            note: Set(note),
            updated_at: Set(Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    let after = get_scoped::<report::Entity, _>(&txn, p, id).await?;
    audit::record(
        &txn,
        p,
        target(&after),
        "triage",
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(view(after, p.allows(UNMASK), &city_names(db).await?))
}

/// A row of an imported complaints file.
pub struct ImportReport {
    pub writer: Arc<Writer>,
    pub input: DefectReportInput,
}

impl ImportRow for ImportReport {
    async fn create(self, txn: &DatabaseTransaction, p: &Principal) -> Result<()> {
        self.writer.create(txn, p, &self.input).await.map(|_| ())
    }
}
