//! Survey rounds and their fieldwork: a round fields one active questionnaire edition with a
//! quota per city and service (design → fieldwork → closed → published); the province sets the
//! quotas, a city assigns its survey staff to them and hands out one-time public links.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use longzhi_domain::{ErrorCode, FieldError, FieldErrors, Rule};
use longzhi_store::audit::{self, Target};
use longzhi_store::entity::{org, role, user, user_role};
use longzhi_store::page::{Page, PageQuery, paginate};
use longzhi_store::repo::{by_id, get_scoped, orgs, regions, update_versioned};
use longzhi_store::scope::{Principal, scoped, unscoped};
use longzhi_store::{Result, StoreError};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};

use crate::dicts::field;
use crate::entity::{link, quota, response, round};
use crate::surveys::{self, Survey};

pub const ENTITY: &str = "service_round";
const QUOTA: &str = "service_quota";
/// The role whose users collect responses.
pub const COLLECTOR_ROLE: &str = "survey_staff";
/// Links one request may create.
pub const MAX_LINKS: usize = 500;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ServiceRoundView)]
pub struct RoundView {
    pub id: i64,
    pub survey_id: i64,
    pub survey_code: String,
    pub survey_name: String,
    pub edition: i32,
    pub name: String,
    pub year: i32,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// `design`, `fieldwork`, `closed` or `published`.
    pub status: String,
    pub resamples: i32,
    pub seed: i64,
    /// Sum of the quotas.
    pub target: i64,
    pub responses: u64,
    /// Responses no data-quality rule excludes.
    pub valid: u64,
    pub computed_at: Option<chrono::DateTime<Utc>>,
    pub published_at: Option<chrono::DateTime<Utc>>,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = ServiceRoundInput)]
pub struct RoundInput {
    pub survey_id: i64,
    pub name: String,
    pub year: i32,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// Bootstrap resamples of the computation (100–5,000; default 1,000).
    pub resamples: Option<i32>,
    /// Required to update.
    pub version: Option<i32>,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RoundFilter {
    pub year: Option<i32>,
    pub status: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ServiceQuotaView)]
pub struct QuotaView {
    pub id: i64,
    pub round_id: i64,
    pub region_code: String,
    pub region_name: String,
    pub service: String,
    pub service_name: String,
    /// `public` or `life`.
    pub field: String,
    pub target: i32,
    pub collected: u64,
    pub valid: u64,
    pub collector_id: Option<i64>,
    pub collector_name: Option<String>,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = ServiceQuotaCell)]
pub struct QuotaCell {
    pub region_code: String,
    pub service: String,
    /// 0 removes a cell that has no responses.
    pub target: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = ServiceQuotasInput)]
pub struct QuotasInput {
    pub quotas: Vec<QuotaCell>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = ServiceCollectorInput)]
pub struct CollectorInput {
    pub collector_id: Option<i64>,
    pub version: i32,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ServiceCollector)]
pub struct Collector {
    pub id: i64,
    pub name: String,
    pub region_code: String,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = ServiceLinksInput)]
pub struct LinksInput {
    pub count: usize,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ServiceLink)]
pub struct LinkView {
    /// Shown once: only its digest is kept.
    pub token: String,
    /// The console's public page for it.
    pub url: String,
}

pub fn round_target(id: i64) -> Target<'static> {
    Target {
        entity: ENTITY,
        id: id.to_string(),
        region_path: "/",
        org_id: None,
    }
}

fn quota_target(q: &quota::Model) -> Target<'_> {
    Target {
        entity: QUOTA,
        id: q.id.to_string(),
        region_path: &q.region_path,
        org_id: Some(q.org_id),
    }
}

/// Counts of a round's responses: all and valid.
async fn counts<C: ConnectionTrait>(db: &C, round_id: i64) -> Result<(u64, u64)> {
    let all = unscoped::<response::Entity>("a round's totals are the province's figures")
        .filter(response::Column::RoundId.eq(round_id));
    let total = all.clone().count(db).await?;
    let valid = all
        .filter(response::Column::Excluded.eq(false))
        .count(db)
        .await?;
    Ok((total, valid))
}

pub async fn view<C: ConnectionTrait>(db: &C, r: round::Model) -> Result<RoundView> {
    let s = by_id::<crate::entity::survey::Entity, _>(db, r.survey_id).await?;
    let target: i64 = unscoped::<quota::Entity>("a round's totals are the province's figures")
        .filter(quota::Column::RoundId.eq(r.id))
        .all(db)
        .await?
        .iter()
        .map(|q| i64::from(q.target))
        .sum();
    let (responses, valid) = counts(db, r.id).await?;
    Ok(RoundView {
        id: r.id,
        survey_id: r.survey_id,
        survey_code: s.code,
        survey_name: s.name,
        edition: s.edition,
        name: r.name,
        year: r.year,
        starts_on: r.starts_on,
        ends_on: r.ends_on,
        status: r.status,
        resamples: r.resamples,
        seed: r.seed,
        target,
        responses,
        valid,
        computed_at: r.computed_at,
        published_at: r.published_at,
        version: r.version,
    })
}

pub async fn load<C: ConnectionTrait>(db: &C, id: i64) -> Result<round::Model> {
    by_id::<round::Entity, _>(db, id).await
}

pub async fn get<C: ConnectionTrait>(db: &C, id: i64) -> Result<RoundView> {
    view(db, load(db, id).await?).await
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    f: &RoundFilter,
    q: &PageQuery,
) -> Result<Page<RoundView>> {
    let mut s = round::Entity::find();
    if let Some(y) = f.year {
        s = s.filter(round::Column::Year.eq(y));
    }
    if let Some(st) = f.status.as_deref().filter(|s| !s.is_empty()) {
        s = s.filter(round::Column::Status.eq(st));
    }
    let mut page = paginate(
        db,
        s,
        q,
        &[
            ("year", round::Column::Year),
            ("starts_on", round::Column::StartsOn),
            ("name", round::Column::Name),
        ],
        "-starts_on",
        round::Column::Id,
    )
    .await?;
    let mut items = Vec::with_capacity(page.items.len());
    for r in std::mem::take(&mut page.items) {
        items.push(view(db, r).await?);
    }
    Ok(page.with(items))
}

fn check(i: &RoundInput) -> Result<(String, i32)> {
    let mut errs = FieldErrors::new();
    let name = errs.text("name", &i.name, 100);
    if !(2000..=2100).contains(&i.year) {
        errs.push(
            FieldError::new("year", Rule::Range)
                .with("min", 2000)
                .with("max", 2100),
        );
    }
    if i.ends_on < i.starts_on {
        errs.push(FieldError::new("ends_on", Rule::Range).with("min", i.starts_on));
    }
    let resamples = i.resamples.unwrap_or(1000);
    if !(100..=5000).contains(&resamples) {
        errs.push(
            FieldError::new("resamples", Rule::Range)
                .with("min", 100)
                .with("max", 5000),
        );
    }
    errs.finish()?;
    Ok((name.unwrap_or_default(), resamples))
}

pub async fn create(db: &DatabaseConnection, p: &Principal, i: RoundInput) -> Result<RoundView> {
    let (name, resamples) = check(&i)?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let s = surveys::load(&txn, i.survey_id)
        .await
        .map_err(|_| StoreError::from(FieldError::new("survey_id", Rule::Exists)))?;
    if s.row.status != "active" {
        return Err(FieldError::new("survey_id", Rule::Enum)
            .with("allowed", "active")
            .into());
    }
    let now = Utc::now();
    let r = round::ActiveModel {
        survey_id: Set(s.row.id),
        name: Set(name),
        year: Set(i.year),
        starts_on: Set(i.starts_on),
        ends_on: Set(i.ends_on),
        status: Set("design".into()),
        resamples: Set(resamples),
        seed: Set(now.timestamp() % 1_000_000),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let v = view(&txn, r).await?;
    audit::record(&txn, p, round_target(v.id), "create", None, Some(&v)).await?;
    txn.commit().await?;
    Ok(v)
}

pub async fn update(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: RoundInput,
) -> Result<RoundView> {
    let version = i
        .version
        .ok_or_else(|| FieldError::new("version", Rule::Required))?;
    let (name, resamples) = check(&i)?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let before = get(&txn, id).await?;
    if before.status != "design" {
        return Err(StoreError::Rule(ErrorCode::ServiceWrongState));
    }
    if i.survey_id != before.survey_id {
        return Err(FieldError::new("survey_id", Rule::Enum)
            .with("allowed", before.survey_id)
            .into());
    }
    let am = round::ActiveModel {
        name: Set(name),
        year: Set(i.year),
        starts_on: Set(i.starts_on),
        ends_on: Set(i.ends_on),
        resamples: Set(resamples),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    update_versioned(
        &txn,
        round::Column::Id,
        round::Column::Version,
        id,
        version,
        am,
    )
    .await?;
    let after = get(&txn, id).await?;
    audit::record(
        &txn,
        p,
        round_target(id),
        "update",
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Moves a round from `from` to `to` (the version checked), with whatever `extra` sets; the
/// audit entry is named `action`.
pub async fn step<C: ConnectionTrait>(
    txn: &C,
    p: &Principal,
    id: i64,
    version: i32,
    (from, to, action): (&str, &str, &str),
    extra: round::ActiveModel,
) -> Result<RoundView> {
    let before = get(txn, id).await?;
    if before.status != from {
        return Err(StoreError::Rule(ErrorCode::ServiceWrongState));
    }
    let mut am = extra;
    am.status = Set(to.into());
    am.updated_at = Set(Utc::now());
    update_versioned(
        txn,
        round::Column::Id,
        round::Column::Version,
        id,
        version,
        am,
    )
    .await?;
    let after = get(txn, id).await?;
    audit::record(
        txn,
        p,
        round_target(id),
        action,
        Some(&before),
        Some(&after),
    )
    .await?;
    Ok(after)
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = ServiceVersionInput)]
pub struct VersionInput {
    pub version: i32,
}

/// Fieldwork starts once the round has quotas.
pub async fn open(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    v: VersionInput,
) -> Result<RoundView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    if get(&txn, id).await?.target == 0 {
        return Err(FieldError::new("quotas", Rule::Required).into());
    }
    let after = step(
        &txn,
        p,
        id,
        v.version,
        ("design", "fieldwork", "open"),
        Default::default(),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Ends the fieldwork. An interim computation is dropped: what is published is computed on
/// every response of the closed round.
pub async fn close(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    v: VersionInput,
) -> Result<RoundView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let extra = round::ActiveModel {
        results: Set(None),
        computed_at: Set(None),
        ..Default::default()
    };
    let after = step(
        &txn,
        p,
        id,
        v.version,
        ("fieldwork", "closed", "close"),
        extra,
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

async fn region_names<C: ConnectionTrait>(db: &C) -> Result<HashMap<String, String>> {
    Ok(regions::cities(db)
        .await?
        .into_iter()
        .map(|r| (r.code, r.name))
        .collect())
}

/// Service code → name, from the dictionary (its labels as the administrator keeps them).
pub async fn service_names<C: ConnectionTrait>(
    db: &C,
) -> Result<HashMap<String, (String, String)>> {
    Ok(
        longzhi_store::repo::dicts::items(db, crate::dicts::SECTOR, false)
            .await?
            .into_iter()
            .map(|i| (i.value, (i.label, i.label_en)))
            .collect(),
    )
}

/// The quotas of a round the caller's scope sees, by city and service.
pub async fn quotas<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    round_id: i64,
) -> Result<Vec<QuotaView>> {
    load(db, round_id).await?;
    let rows = scoped::<quota::Entity>(p)
        .filter(quota::Column::RoundId.eq(round_id))
        .order_by_asc(quota::Column::RegionCode)
        .order_by_asc(quota::Column::Service)
        .all(db)
        .await?;
    quota_views(db, rows).await
}

async fn quota_views<C: ConnectionTrait>(
    db: &C,
    rows: Vec<quota::Model>,
) -> Result<Vec<QuotaView>> {
    let regions = region_names(db).await?;
    let services = service_names(db).await?;
    let collectors: HashMap<i64, String> = longzhi_store::repo::by_ids::<user::Entity, _>(
        db,
        user::Column::Id,
        rows.iter().filter_map(|q| q.owner_id),
        |u| u.id,
    )
    .await?
    .into_iter()
    .map(|(id, u)| (id, u.display_name))
    .collect();
    let mut tally: HashMap<i64, (u64, u64)> = HashMap::new();
    let ids: Vec<i64> = rows.iter().map(|q| q.id).collect();
    for r in unscoped::<response::Entity>("the counts of quotas the caller sees")
        .filter(response::Column::QuotaId.is_in(ids))
        .all(db)
        .await?
    {
        let t = tally.entry(r.quota_id).or_default();
        t.0 += 1;
        t.1 += u64::from(!r.excluded);
    }
    Ok(rows
        .into_iter()
        .map(|q| {
            let (collected, valid) = tally.get(&q.id).copied().unwrap_or_default();
            QuotaView {
                id: q.id,
                round_id: q.round_id,
                region_name: regions.get(&q.region_code).cloned().unwrap_or_default(),
                service_name: services
                    .get(&q.service)
                    .map(|s| s.0.clone())
                    .unwrap_or_default(),
                field: field(&q.service).into(),
                region_code: q.region_code,
                service: q.service,
                target: q.target,
                collected,
                valid,
                collector_id: q.owner_id,
                collector_name: q.owner_id.and_then(|id| collectors.get(&id).cloned()),
                version: q.version,
            }
        })
        .collect())
}

/// Sets the listed cells of a round's quota grid (design or fieldwork; the province).
pub async fn set_quotas(
    db: &DatabaseConnection,
    p: &Principal,
    round_id: i64,
    i: QuotasInput,
) -> Result<Vec<QuotaView>> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let r = load(&txn, round_id).await?;
    if !["design", "fieldwork"].contains(&r.status.as_str()) {
        return Err(StoreError::Rule(ErrorCode::ServiceWrongState));
    }
    let s = Survey::of(by_id::<crate::entity::survey::Entity, _>(&txn, r.survey_id).await?)?;
    let bureaus: HashMap<String, org::Model> =
        orgs::city_bureaus(&txn).await?.into_iter().collect();
    let paths: HashMap<String, String> = regions::cities(&txn)
        .await?
        .into_iter()
        .map(|r| (r.code, r.path))
        .collect();
    let mut errs = FieldErrors::new();
    if i.quotas.is_empty() || i.quotas.len() > 2000 {
        errs.push(
            FieldError::new("quotas", Rule::Range)
                .with("min", 1)
                .with("max", 2000),
        );
    }
    for (k, c) in i.quotas.iter().enumerate() {
        if !bureaus.contains_key(&c.region_code) {
            errs.push(
                FieldError::new(format!("quotas[{k}].region_code"), Rule::Exists)
                    .with("value", &c.region_code),
            );
        }
        if !s.services.contains(&c.service) {
            errs.push(
                FieldError::new(format!("quotas[{k}].service"), Rule::Enum)
                    .with("allowed", s.services.join(",")),
            );
        }
        if !(0..=100_000).contains(&c.target) {
            errs.push(
                FieldError::new(format!("quotas[{k}].target"), Rule::Range)
                    .with("min", 0)
                    .with("max", 100_000),
            );
        }
    }
    errs.finish()?;
    let existing: HashMap<(String, String), quota::Model> =
        unscoped::<quota::Entity>("the province sets the whole grid")
            .filter(quota::Column::RoundId.eq(round_id))
            .all(&txn)
            .await?
            .into_iter()
            .map(|q| ((q.region_code.clone(), q.service.clone()), q))
            .collect();
    let now = Utc::now();
    for (k, c) in i.quotas.iter().enumerate() {
        match existing.get(&(c.region_code.clone(), c.service.clone())) {
            Some(q) if c.target == 0 => {
                let used = unscoped::<response::Entity>("a cell with responses stays")
                    .filter(response::Column::QuotaId.eq(q.id))
                    .count(&txn)
                    .await?;
                if used > 0 {
                    return Err(FieldError::new(format!("quotas[{k}].target"), Rule::Range)
                        .with("min", 1)
                        .into());
                }
                quota::Entity::delete_by_id(q.id).exec(&txn).await?;
                audit::record(&txn, p, quota_target(q), "delete", Some(q), None).await?;
            }
            Some(q) if q.target != c.target => {
                let am = quota::ActiveModel {
                    target: Set(c.target),
                    updated_at: Set(now),
                    ..Default::default()
                };
                update_versioned(
                    &txn,
                    quota::Column::Id,
                    quota::Column::Version,
                    q.id,
                    q.version,
                    am,
                )
                .await?;
                let mut after = q.clone();
                after.target = c.target;
                audit::record(&txn, p, quota_target(q), "update", Some(q), Some(&after)).await?;
            }
            Some(_) => {}
            None if c.target > 0 => {
                let q = quota::ActiveModel {
                    round_id: Set(round_id),
                    region_code: Set(c.region_code.clone()),
                    service: Set(c.service.clone()),
                    target: Set(c.target),
                    region_path: Set(paths.get(&c.region_code).cloned().unwrap_or_default()),
                    org_id: Set(bureaus[&c.region_code].id),
                    owner_id: Set(None),
                    version: Set(1),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
                audit::record(&txn, p, quota_target(&q), "create", None, Some(&q)).await?;
            }
            None => {}
        }
    }
    let all = quotas(&txn, p, round_id).await?;
    txn.commit().await?;
    Ok(all)
}

/// The survey staff of the caller's region (whom a city may assign to its quotas).
pub async fn collectors<C: ConnectionTrait>(db: &C, p: &Principal) -> Result<Vec<Collector>> {
    let role = longzhi_store::repo::roles::by_code(db, COLLECTOR_ROLE).await?;
    let users = unscoped::<user::Entity>("the survey staff a city may assign, in its region")
        .filter(user::Column::RegionPath.starts_with(p.region_path.as_str()))
        .filter(user::Column::Status.eq("active"))
        .filter(
            user::Column::Id.in_subquery(
                Query::select()
                    .column(user_role::Column::UserId)
                    .from(user_role::Entity)
                    .and_where(user_role::Column::RoleId.eq(role.id))
                    .to_owned(),
            ),
        )
        .order_by_asc(user::Column::DisplayName)
        .all(db)
        .await?;
    Ok(users
        .into_iter()
        .map(|u| Collector {
            id: u.id,
            name: u.display_name,
            region_code: regions::city_code(&u.region_path)
                .unwrap_or_default()
                .to_owned(),
        })
        .collect())
}

/// Assigns (or clears) a quota's collector: one of the survey staff of the quota's city.
pub async fn assign(
    db: &DatabaseConnection,
    p: &Principal,
    quota_id: i64,
    i: CollectorInput,
) -> Result<QuotaView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let q = get_scoped::<quota::Entity, _>(&txn, p, quota_id).await?;
    if let Some(uid) = i.collector_id {
        let ok = collectors(&txn, p)
            .await?
            .iter()
            .any(|c| c.id == uid && c.region_code == q.region_code);
        if !ok {
            return Err(FieldError::new("collector_id", Rule::Exists)
                .with("value", uid)
                .into());
        }
    }
    let am = quota::ActiveModel {
        owner_id: Set(i.collector_id),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    update_versioned(
        &txn,
        quota::Column::Id,
        quota::Column::Version,
        q.id,
        i.version,
        am,
    )
    .await?;
    let after = by_id::<quota::Entity, _>(&txn, q.id).await?;
    audit::record(&txn, p, quota_target(&q), "assign", Some(&q), Some(&after)).await?;
    let view = quota_views(&txn, vec![after]).await?.remove(0);
    txn.commit().await?;
    Ok(view)
}

/// `count` one-time public links for a quota of a round in fieldwork.
pub async fn links(
    db: &DatabaseConnection,
    p: &Principal,
    quota_id: i64,
    i: LinksInput,
) -> Result<Vec<LinkView>> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let q = get_scoped::<quota::Entity, _>(&txn, p, quota_id).await?;
    if !(1..=MAX_LINKS).contains(&i.count) {
        return Err(FieldError::new("count", Rule::Range)
            .with("min", 1)
            .with("max", MAX_LINKS)
            .into());
    }
    if load(&txn, q.round_id).await?.status != "fieldwork" {
        return Err(StoreError::Rule(ErrorCode::ServiceWrongState));
    }
    let now = Utc::now();
    let mut out = Vec::with_capacity(i.count);
    for _ in 0..i.count {
        let token = longzhi_store::repo::auth::random_token();
        link::ActiveModel {
            round_id: Set(q.round_id),
            quota_id: Set(q.id),
            token_hash: Set(longzhi_store::repo::auth::digest(&token)),
            used_at: Set(None),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        out.push(LinkView {
            url: format!("/public/survey/{token}"),
            token,
        });
    }
    audit::record(
        &txn,
        p,
        quota_target(&q),
        "links",
        None,
        Some(&serde_json::json!({"count": i.count})),
    )
    .await?;
    txn.commit().await?;
    Ok(out)
}

/// The role id of the survey staff (for the demo's user).
pub async fn collector_role<C: ConnectionTrait>(db: &C) -> Result<role::Model> {
    longzhi_store::repo::roles::by_code(db, COLLECTOR_ROLE).await
}
