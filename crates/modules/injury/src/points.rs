//! Monitoring points (哨点医院 and other injury-information sources) and their place in the
//! sampling design, year by year: stratum, PSU and weight.

use std::collections::HashMap;

use chrono::Utc;
use longzhi_domain::{FieldError, FieldErrors, Rule, Status};
use longzhi_store::audit::{self, Target};
use longzhi_store::page::{Page, PageQuery, contains_any, paginate};
use longzhi_store::repo::{check_status, get_scoped, orgs, regions, update_versioned};
use longzhi_store::scope::{Principal, scoped, unscoped};
use longzhi_store::{Result, StoreError};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use serde::{Deserialize, Serialize};

use crate::dicts::{self, POINT_KIND};
use crate::entity::{period, point};

const ENTITY: &str = "injury_point";

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MonitoringPoint {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub region_code: String,
    pub city_code: String,
    pub city_name: String,
    pub org_id: i64,
    pub contact: String,
    pub status: Status,
    pub version: i32,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PeriodView {
    pub id: i64,
    pub year: i32,
    pub stratum: String,
    pub psu: String,
    pub weight: f64,
    pub version: i32,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MonitoringPointDetail {
    pub point: MonitoringPoint,
    /// Its design, newest year first.
    pub periods: Vec<PeriodView>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct MonitoringPointInput {
    pub code: String,
    pub name: String,
    pub kind: String,
    /// The point's organisation (the hospital): its users are the point's staff, its region the
    /// point's.
    pub org_id: i64,
    #[serde(default)]
    pub contact: String,
    #[schema(value_type = Status)]
    pub status: String,
    pub version: Option<i32>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct PeriodInput {
    pub year: i32,
    pub stratum: String,
    /// The PSU id; the point's code when blank.
    #[serde(default)]
    pub psu: String,
    /// Cases in the province each of the point's cases stands for (> 0).
    pub weight: f64,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PointFilter {
    /// Code or name contains.
    pub q: Option<String>,
    pub kind: Option<String>,
    pub city_code: Option<String>,
}

pub(crate) use longzhi_store::repo::regions::city_names;

fn view(m: point::Model, cities: &HashMap<String, String>) -> MonitoringPoint {
    MonitoringPoint {
        city_name: cities.get(&m.city_code).cloned().unwrap_or_default(),
        id: m.id,
        code: m.code,
        name: m.name,
        kind: m.kind,
        region_code: m.region_code,
        city_code: m.city_code,
        org_id: m.org_id,
        contact: m.contact,
        status: m.status,
        version: m.version,
    }
}

fn target(m: &point::Model) -> Target<'_> {
    Target {
        entity: ENTITY,
        id: m.id.to_string(),
        region_path: &m.region_path,
        org_id: Some(m.org_id),
    }
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    f: &PointFilter,
    q: &PageQuery,
) -> Result<Page<MonitoringPoint>> {
    let mut s = scoped::<point::Entity>(p);
    if let Some(e) =
        f.q.as_deref()
            .and_then(|t| contains_any(&[point::Column::Code, point::Column::Name], t))
    {
        s = s.filter(e);
    }
    if let Some(k) = f.kind.as_deref().filter(|k| !k.is_empty()) {
        s = s.filter(point::Column::Kind.eq(k));
    }
    if let Some(c) = f.city_code.as_deref().filter(|k| !k.is_empty()) {
        s = s.filter(point::Column::CityCode.eq(c));
    }
    let sortable = [("code", point::Column::Code), ("name", point::Column::Name)];
    let cities = city_names(db).await?;
    Ok(paginate(db, s, q, &sortable, "code", point::Column::Id)
        .await?
        .map(|m| view(m, &cities)))
}

/// Every point the caller sees, by id (the case list's and the estimates' labels).
pub async fn all<C: ConnectionTrait>(db: &C, p: &Principal) -> Result<Vec<point::Model>> {
    Ok(scoped::<point::Entity>(p)
        .order_by_asc(point::Column::Code)
        .all(db)
        .await?)
}

pub async fn detail<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    id: i64,
) -> Result<MonitoringPointDetail> {
    let m = get_scoped::<point::Entity, _>(db, p, id).await?;
    let periods = period::Entity::find()
        .filter(period::Column::PointId.eq(id))
        .order_by_desc(period::Column::Year)
        .all(db)
        .await?
        .into_iter()
        .map(period_view)
        .collect();
    Ok(MonitoringPointDetail {
        point: view(m, &city_names(db).await?),
        periods,
    })
}

fn period_view(m: period::Model) -> PeriodView {
    PeriodView {
        id: m.id,
        year: m.year,
        stratum: m.stratum,
        psu: m.psu,
        weight: m.weight,
        version: m.version,
    }
}

/// The checked input with the point's region, region path and city (its organisation's).
struct Checked {
    input: MonitoringPointInput,
    region_code: String,
    region_path: String,
    city_code: String,
}

async fn check<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    i: &MonitoringPointInput,
) -> Result<Checked> {
    let mut errs = FieldErrors::new();
    let code = errs.text("code", &i.code, 32).unwrap_or_default();
    let name = errs.text("name", &i.name, 100).unwrap_or_default();
    let contact = errs
        .optional_text("contact", Some(&i.contact), 100)
        .unwrap_or_default();
    dicts::check(db, &mut errs, "kind", POINT_KIND, &i.kind).await?;
    errs.check("status", check_status("status", &i.status));
    let mut place = None;
    match orgs::get(db, p, i.org_id).await {
        Ok(org) => {
            let region = regions::by_id(db, org.region_id).await?;
            // The point's records will carry the organisation and its region: both in the
            // caller's write scope.
            if p.covers(&region.path, org.id, p.actor_id()) {
                place = Some(region);
            } else {
                errs.push(FieldError::new("org_id", Rule::Exists).with("value", i.org_id));
            }
        }
        Err(StoreError::NotFound) => {
            errs.push(FieldError::new("org_id", Rule::Exists).with("value", i.org_id));
        }
        Err(e) => return Err(e),
    }
    errs.finish()?;
    let region = place.ok_or(StoreError::NotFound)?;
    let city_code = regions::city_code(&region.path)
        .unwrap_or(&region.code)
        .to_owned();
    Ok(Checked {
        input: MonitoringPointInput {
            code,
            name,
            contact,
            ..i.clone()
        },
        region_code: region.code,
        region_path: region.path,
        city_code,
    })
}

pub async fn create(
    db: &DatabaseConnection,
    p: &Principal,
    i: MonitoringPointInput,
) -> Result<MonitoringPoint> {
    let c = check(db, p, &i).await?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let now = Utc::now();
    let m = point::ActiveModel {
        code: Set(c.input.code),
        name: Set(c.input.name),
        kind: Set(c.input.kind),
        region_code: Set(c.region_code),
        city_code: Set(c.city_code),
        contact: Set(c.input.contact),
        status: Set(Status::parse("status", &c.input.status).unwrap_or(Status::Active)),
        region_path: Set(c.region_path),
        org_id: Set(c.input.org_id),
        owner_id: Set(p.actor_id()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| StoreError::from(e).on_duplicate("code"))?;
    audit::record(&txn, p, target(&m), "create", None, Some(&m)).await?;
    txn.commit().await?;
    Ok(view(m, &city_names(db).await?))
}

pub async fn update(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: MonitoringPointInput,
) -> Result<MonitoringPoint> {
    // Out of scope is 404 whatever the body.
    get_scoped::<point::Entity, _>(db, p, id).await?;
    let c = check(db, p, &i).await?;
    let version = i
        .version
        .ok_or_else(|| StoreError::from(FieldError::new("version", Rule::Required)))?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let before = get_scoped::<point::Entity, _>(&txn, p, id).await?;
    update_versioned(
        &txn,
        point::Column::Id,
        point::Column::Version,
        id,
        version,
        point::ActiveModel {
            code: Set(c.input.code),
            name: Set(c.input.name),
            kind: Set(c.input.kind),
            region_code: Set(c.region_code),
            city_code: Set(c.city_code),
            contact: Set(c.input.contact),
            status: Set(Status::parse("status", &c.input.status).unwrap_or(Status::Active)),
            region_path: Set(c.region_path),
            org_id: Set(c.input.org_id),
            updated_at: Set(Utc::now()),
            ..Default::default()
        },
    )
    .await
    .map_err(|e| e.on_duplicate("code"))?;
    let after = get_scoped::<point::Entity, _>(&txn, p, id).await?;
    audit::record(
        &txn,
        p,
        target(&after),
        "update",
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(view(after, &city_names(db).await?))
}

/// Sets the point's design for a year (creating or replacing it).
pub async fn set_period(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: PeriodInput,
) -> Result<PeriodView> {
    get_scoped::<point::Entity, _>(db, p, id).await?;
    let mut errs = FieldErrors::new();
    if !(2000..=2100).contains(&i.year) {
        errs.push(
            FieldError::new("year", Rule::Range)
                .with("min", 2000)
                .with("max", 2100),
        );
    }
    let stratum = errs.text("stratum", &i.stratum, 32).unwrap_or_default();
    let psu = errs.optional_text("psu", Some(&i.psu), 32);
    if longzhi_survey::weight_problem(i.weight).is_some() || i.weight <= 0.0 {
        errs.push(FieldError::new("weight", Rule::Range).with("min", "> 0"));
    }
    errs.finish()?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let pt = get_scoped::<point::Entity, _>(&txn, p, id).await?;
    if !p.covers(&pt.region_path, pt.org_id, pt.owner_id) {
        return Err(StoreError::NotFound);
    }
    let existing = period::Entity::find()
        .filter(period::Column::PointId.eq(id))
        .filter(period::Column::Year.eq(i.year))
        .one(&txn)
        .await?;
    let now = Utc::now();
    let psu = psu.unwrap_or_else(|| pt.code.clone());
    let after = match &existing {
        Some(e) => {
            period::ActiveModel {
                id: Set(e.id),
                stratum: Set(stratum),
                psu: Set(psu),
                weight: Set(i.weight),
                version: Set(e.version + 1),
                updated_at: Set(now),
                ..Default::default()
            }
            .update(&txn)
            .await?
        }
        None => {
            period::ActiveModel {
                point_id: Set(id),
                year: Set(i.year),
                stratum: Set(stratum),
                psu: Set(psu),
                weight: Set(i.weight),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
    };
    audit::record(
        &txn,
        p,
        target(&pt),
        "set_period",
        existing.as_ref(),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(period_view(after))
}

/// The design of every point in `years`: (point id, year) → period.
pub async fn design<C: ConnectionTrait>(
    db: &C,
    years: std::ops::RangeInclusive<i32>,
) -> Result<HashMap<(i64, i32), period::Model>> {
    Ok(period::Entity::find()
        .filter(period::Column::Year.between(*years.start(), *years.end()))
        .all(db)
        .await?
        .into_iter()
        .map(|m| ((m.point_id, m.year), m))
        .collect())
}

/// A point by code, past the scope: a hospital system's bulk upload names its point by code and
/// the caller's scope decides afterwards whether it may write there.
pub async fn by_code<C: ConnectionTrait>(db: &C, code: &str) -> Result<point::Model> {
    unscoped::<point::Entity>("a point named by code, checked against the caller's scope after")
        .filter(point::Column::Code.eq(code))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}
