//! Makers and their models with the terms of their 三包凭证 (the compensation rate n and the
//! periods they promise), dealers, and for each maker the recalls and defect investigations of
//! the recall module. The province keeps them; every officer reads them.

use std::collections::HashMap;

use chrono::Utc;
use longzhi_domain::{FieldError, FieldErrors, Rule};
use longzhi_recall::entity::{expert, investigation, recall};
use longzhi_store::audit;
use longzhi_store::entity::org;
use longzhi_store::page::{Page, PageQuery, contains_any, paginate};
use longzhi_store::repo::{by_id, regions, update_versioned};
use longzhi_store::scope::{Principal, scoped, unscoped};
use longzhi_store::{Result, StoreError};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use serde::{Deserialize, Serialize};

use crate::common::target;
use crate::dicts::POWERTRAIN;
use crate::entity::{dealer, maker, model};

const MAKER: &str = "car_maker";
const MODEL: &str = "car_model";
const DEALER: &str = "car_dealer";

/// The statutory minimum periods (Art 18): a voucher may promise more, never less.
const MIN_SANBAO: (i32, i32) = (2, 50_000);
const MIN_WARRANTY: (i32, i32) = (3, 60_000);
/// The cap on n (Art 27).
const MAX_RATE: f64 = 0.005;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MakerView {
    pub id: i64,
    pub org_id: i64,
    pub name: String,
    pub brand: String,
    pub hotline: String,
    pub credit_code: Option<String>,
    pub active: bool,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct MakerInput {
    /// The maker's organisation (an enterprise of the platform), by its credit code.
    pub credit_code: String,
    pub brand: String,
    #[serde(default)]
    pub hotline: String,
    #[serde(default = "yes")]
    pub active: bool,
    /// Required to update.
    pub version: Option<i32>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ModelView {
    pub id: i64,
    pub maker_id: i64,
    pub maker: String,
    pub brand: String,
    pub name: String,
    pub powertrain: String,
    pub compensation_rate: f64,
    pub sanbao_years: i32,
    pub sanbao_km: i32,
    pub warranty_years: i32,
    pub warranty_km: i32,
    pub active: bool,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct ModelInput {
    pub maker_id: i64,
    pub name: String,
    pub powertrain: String,
    /// n of Art 27, a fraction (0.005 = 0.5 %, the cap).
    pub compensation_rate: f64,
    pub sanbao_years: i32,
    pub sanbao_km: i32,
    pub warranty_years: i32,
    pub warranty_km: i32,
    #[serde(default = "yes")]
    pub active: bool,
    pub version: Option<i32>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DealerView {
    pub id: i64,
    pub name: String,
    pub credit_code: Option<String>,
    pub maker_id: Option<i64>,
    pub city_code: String,
    pub address: String,
    pub phone: String,
    pub active: bool,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct DealerInput {
    pub name: String,
    pub credit_code: Option<String>,
    pub maker_id: Option<i64>,
    pub city_code: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default = "yes")]
    pub active: bool,
    pub version: Option<i32>,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CatalogueFilter {
    /// Name or brand contains.
    pub q: Option<String>,
    pub maker_id: Option<i64>,
    pub city_code: Option<String>,
    pub active: Option<bool>,
}

/// A recall or an investigation of the maker's, from the recall module.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DefectRecord {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub status: String,
    pub date: chrono::NaiveDate,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MakerDetail {
    pub maker: MakerView,
    pub models: Vec<ModelView>,
    /// The maker's recalls published on the portal.
    pub recalls: Vec<DefectRecord>,
    /// Defect investigations of the maker the caller may see.
    pub investigations: Vec<DefectRecord>,
}

async fn orgs<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, org::Model>> {
    let ids: Vec<i64> = ids.into_iter().collect();
    Ok(
        unscoped::<org::Entity>("makers are enterprises anywhere; their names are public")
            .filter(org::Column::Id.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|o| (o.id, o))
            .collect(),
    )
}

async fn maker_views<C: ConnectionTrait>(
    db: &C,
    rows: Vec<maker::Model>,
) -> Result<Vec<MakerView>> {
    let orgs = orgs(db, rows.iter().map(|m| m.org_id)).await?;
    Ok(rows
        .into_iter()
        .map(|m| MakerView {
            credit_code: orgs.get(&m.org_id).and_then(|o| o.credit_code.clone()),
            id: m.id,
            org_id: m.org_id,
            name: m.name,
            brand: m.brand,
            hotline: m.hotline,
            active: m.active,
            version: m.version,
        })
        .collect())
}

pub async fn makers<C: ConnectionTrait>(
    db: &C,
    f: &CatalogueFilter,
    q: &PageQuery,
) -> Result<Page<MakerView>> {
    let mut s = maker::Entity::find();
    if let Some(e) =
        f.q.as_deref()
            .and_then(|t| contains_any(&[maker::Column::Name, maker::Column::Brand], t))
    {
        s = s.filter(e);
    }
    if let Some(a) = f.active {
        s = s.filter(maker::Column::Active.eq(a));
    }
    let page = paginate(
        db,
        s,
        q,
        &[
            ("name", maker::Column::Name),
            ("brand", maker::Column::Brand),
        ],
        "brand",
        maker::Column::Id,
    )
    .await?;
    Ok(Page {
        items: maker_views(db, page.items).await?,
        total: page.total,
        page: page.page,
        page_size: page.page_size,
    })
}

pub async fn maker_detail<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    id: i64,
) -> Result<MakerDetail> {
    let m = maker::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)?;
    let org_id = m.org_id;
    let models = model_views(
        db,
        model::Entity::find()
            .filter(model::Column::MakerId.eq(id))
            .order_by_asc(model::Column::Name)
            .all(db)
            .await?,
    )
    .await?;
    let recalls = longzhi_recall::portal::published_recalls()
        .filter(recall::Column::OrgId.eq(org_id))
        .order_by_desc(recall::Column::PublishedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|r| DefectRecord {
            date: r.published_at.unwrap_or(r.created_at).date_naive(),
            id: r.id,
            code: r.code,
            title: r.title,
            status: r.status,
        })
        .collect();
    let investigations = scoped::<investigation::Entity>(p)
        .filter(investigation::Column::ProducerOrgId.eq(org_id))
        .order_by_desc(investigation::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|r| DefectRecord {
            date: r.created_at.date_naive(),
            id: r.id,
            code: r.code,
            title: r.title,
            status: r.status,
        })
        .collect();
    Ok(MakerDetail {
        maker: maker_views(db, vec![m]).await?.remove(0),
        models,
        recalls,
        investigations,
    })
}

/// The maker's organisation, by the input's credit code.
async fn maker_org<C: ConnectionTrait>(
    db: &C,
    errs: &mut FieldErrors,
    code: &str,
) -> Result<Option<org::Model>> {
    longzhi_recall::common::producer(db, errs, "credit_code", code).await
}

pub async fn create_maker(
    db: &DatabaseConnection,
    p: &Principal,
    i: MakerInput,
) -> Result<MakerView> {
    let mut errs = FieldErrors::new();
    errs.text("brand", &i.brand, 50);
    errs.optional_text("hotline", Some(&i.hotline), 30);
    let o = maker_org(db, &mut errs, &i.credit_code).await?;
    errs.finish()?;
    let o = o.ok_or(StoreError::NotFound)?;
    let now = Utc::now();
    let txn = longzhi_store::backend::begin_write(db).await?;
    let m = maker::ActiveModel {
        org_id: Set(o.id),
        name: Set(o.name.clone()),
        brand: Set(i.brand.trim().into()),
        hotline: Set(i.hotline.trim().into()),
        active: Set(i.active),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        p,
        target(MAKER, m.id, "/", p.org_id),
        "create",
        None,
        Some(&m),
    )
    .await?;
    txn.commit().await?;
    Ok(maker_views(db, vec![m]).await?.remove(0))
}

pub async fn update_maker(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: MakerInput,
) -> Result<MakerView> {
    let version = i
        .version
        .ok_or_else(|| FieldError::new("version", Rule::Required))?;
    let mut errs = FieldErrors::new();
    errs.text("brand", &i.brand, 50);
    errs.optional_text("hotline", Some(&i.hotline), 30);
    let o = maker_org(db, &mut errs, &i.credit_code).await?;
    errs.finish()?;
    let o = o.ok_or(StoreError::NotFound)?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let before = by_id::<maker::Entity, _>(&txn, id).await?;
    update_versioned::<maker::Entity, _, _>(
        &txn,
        maker::Column::Id,
        maker::Column::Version,
        id,
        version,
        maker::ActiveModel {
            org_id: Set(o.id),
            name: Set(o.name.clone()),
            brand: Set(i.brand.trim().into()),
            hotline: Set(i.hotline.trim().into()),
            active: Set(i.active),
            updated_at: Set(Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    let after = by_id::<maker::Entity, _>(&txn, id).await?;
    audit::record(
        &txn,
        p,
        target(MAKER, id, "/", p.org_id),
        "update",
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(maker_views(db, vec![after]).await?.remove(0))
}

async fn model_views<C: ConnectionTrait>(
    db: &C,
    rows: Vec<model::Model>,
) -> Result<Vec<ModelView>> {
    let makers = longzhi_store::repo::by_ids::<maker::Entity, _>(
        db,
        maker::Column::Id,
        rows.iter().map(|m| m.maker_id),
        |m| m.id,
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|m| {
            let k = makers.get(&m.maker_id);
            ModelView {
                maker: k.map(|k| k.name.clone()).unwrap_or_default(),
                brand: k.map(|k| k.brand.clone()).unwrap_or_default(),
                id: m.id,
                maker_id: m.maker_id,
                name: m.name,
                powertrain: m.powertrain,
                compensation_rate: m.compensation_rate,
                sanbao_years: m.sanbao_years,
                sanbao_km: m.sanbao_km,
                warranty_years: m.warranty_years,
                warranty_km: m.warranty_km,
                active: m.active,
                version: m.version,
            }
        })
        .collect())
}

pub async fn models<C: ConnectionTrait>(
    db: &C,
    f: &CatalogueFilter,
    q: &PageQuery,
) -> Result<Page<ModelView>> {
    let mut s = model::Entity::find();
    if let Some(e) =
        f.q.as_deref()
            .and_then(|t| contains_any(&[model::Column::Name], t))
    {
        s = s.filter(e);
    }
    if let Some(m) = f.maker_id {
        s = s.filter(model::Column::MakerId.eq(m));
    }
    if let Some(a) = f.active {
        s = s.filter(model::Column::Active.eq(a));
    }
    let page = paginate(
        db,
        s,
        q,
        &[("name", model::Column::Name)],
        "name",
        model::Column::Id,
    )
    .await?;
    Ok(Page {
        items: model_views(db, page.items).await?,
        total: page.total,
        page: page.page,
        page_size: page.page_size,
    })
}

/// Every active model with its maker's name and brand (the public self-check offers them).
pub async fn active_models<C: ConnectionTrait>(db: &C) -> Result<Vec<ModelView>> {
    let rows = model::Entity::find()
        .filter(model::Column::Active.eq(true))
        .order_by_asc(model::Column::MakerId)
        .order_by_asc(model::Column::Name)
        .all(db)
        .await?;
    model_views(db, rows).await
}

async fn check_model<C: ConnectionTrait>(db: &C, i: &ModelInput) -> Result<()> {
    let mut errs = FieldErrors::new();
    errs.text("name", &i.name, 100);
    let codes = longzhi_injury::dicts::Codes::load(db, &[POWERTRAIN]).await?;
    codes.check(&mut errs, "powertrain", POWERTRAIN, &i.powertrain);
    if !(0.0..=MAX_RATE).contains(&i.compensation_rate) {
        errs.push(
            FieldError::new("compensation_rate", Rule::Range)
                .with("min", 0)
                .with("max", MAX_RATE),
        );
    }
    for (field, value, min) in [
        ("sanbao_years", i.sanbao_years, MIN_SANBAO.0),
        ("sanbao_km", i.sanbao_km, MIN_SANBAO.1),
        ("warranty_years", i.warranty_years, MIN_WARRANTY.0),
        ("warranty_km", i.warranty_km, MIN_WARRANTY.1),
    ] {
        if value < min {
            errs.push(FieldError::new(field, Rule::Range).with("min", min));
        }
    }
    if maker::Entity::find_by_id(i.maker_id)
        .one(db)
        .await?
        .is_none()
    {
        errs.push(FieldError::new("maker_id", Rule::Exists).with("value", i.maker_id));
    }
    Ok(errs.finish()?)
}

fn model_row(i: &ModelInput) -> model::ActiveModel {
    model::ActiveModel {
        maker_id: Set(i.maker_id),
        name: Set(i.name.trim().into()),
        powertrain: Set(i.powertrain.clone()),
        compensation_rate: Set(i.compensation_rate),
        sanbao_years: Set(i.sanbao_years),
        sanbao_km: Set(i.sanbao_km),
        warranty_years: Set(i.warranty_years),
        warranty_km: Set(i.warranty_km),
        active: Set(i.active),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
}

pub async fn create_model(
    db: &DatabaseConnection,
    p: &Principal,
    i: ModelInput,
) -> Result<ModelView> {
    check_model(db, &i).await?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let mut am = model_row(&i);
    am.version = Set(1);
    am.created_at = Set(Utc::now());
    let m = am.insert(&txn).await?;
    audit::record(
        &txn,
        p,
        target(MODEL, m.id, "/", p.org_id),
        "create",
        None,
        Some(&m),
    )
    .await?;
    txn.commit().await?;
    Ok(model_views(db, vec![m]).await?.remove(0))
}

pub async fn update_model(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: ModelInput,
) -> Result<ModelView> {
    let version = i
        .version
        .ok_or_else(|| FieldError::new("version", Rule::Required))?;
    check_model(db, &i).await?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let before = by_id::<model::Entity, _>(&txn, id).await?;
    update_versioned::<model::Entity, _, _>(
        &txn,
        model::Column::Id,
        model::Column::Version,
        id,
        version,
        model_row(&i),
    )
    .await?;
    let after = by_id::<model::Entity, _>(&txn, id).await?;
    audit::record(
        &txn,
        p,
        target(MODEL, id, "/", p.org_id),
        "update",
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(model_views(db, vec![after]).await?.remove(0))
}

/// A model and its maker.
pub async fn model_with_maker<C: ConnectionTrait>(
    db: &C,
    id: i64,
) -> Result<Option<(model::Model, maker::Model)>> {
    let Some(m) = model::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let k = maker::Entity::find_by_id(m.maker_id).one(db).await?;
    Ok(k.map(|k| (m, k)))
}

fn dealer_view(d: dealer::Model) -> DealerView {
    DealerView {
        id: d.id,
        name: d.name,
        credit_code: d.credit_code,
        maker_id: d.maker_id,
        city_code: d.city_code,
        address: d.address,
        phone: d.phone,
        active: d.active,
        version: d.version,
    }
}

pub async fn dealers<C: ConnectionTrait>(
    db: &C,
    f: &CatalogueFilter,
    q: &PageQuery,
) -> Result<Page<DealerView>> {
    let mut s = dealer::Entity::find();
    if let Some(e) =
        f.q.as_deref()
            .and_then(|t| contains_any(&[dealer::Column::Name, dealer::Column::Address], t))
    {
        s = s.filter(e);
    }
    if let Some(m) = f.maker_id {
        s = s.filter(dealer::Column::MakerId.eq(m));
    }
    if let Some(c) = f.city_code.as_deref().filter(|c| !c.is_empty()) {
        s = s.filter(dealer::Column::CityCode.eq(c));
    }
    if let Some(a) = f.active {
        s = s.filter(dealer::Column::Active.eq(a));
    }
    Ok(paginate(
        db,
        s,
        q,
        &[("name", dealer::Column::Name)],
        "name",
        dealer::Column::Id,
    )
    .await?
    .map(dealer_view))
}

pub async fn dealer<C: ConnectionTrait>(db: &C, id: i64) -> Result<Option<dealer::Model>> {
    Ok(dealer::Entity::find_by_id(id).one(db).await?)
}

async fn check_dealer<C: ConnectionTrait>(db: &C, i: &DealerInput) -> Result<()> {
    let mut errs = FieldErrors::new();
    errs.text("name", &i.name, 100);
    errs.optional_text("address", Some(&i.address), 200);
    errs.optional_text("phone", Some(&i.phone), 30);
    if let Some(c) = i.credit_code.as_deref().filter(|c| !c.trim().is_empty())
        && let Err(e) = longzhi_domain::CreditCode::parse(c)
    {
        errs.push(e.at("credit_code"));
    }
    if !regions::cities(db)
        .await?
        .iter()
        .any(|r| r.code == i.city_code)
    {
        errs.push(FieldError::new("city_code", Rule::Exists).with("value", &i.city_code));
    }
    if let Some(m) = i.maker_id
        && maker::Entity::find_by_id(m).one(db).await?.is_none()
    {
        errs.push(FieldError::new("maker_id", Rule::Exists).with("value", m));
    }
    Ok(errs.finish()?)
}

fn dealer_row(i: &DealerInput) -> dealer::ActiveModel {
    dealer::ActiveModel {
        name: Set(i.name.trim().into()),
        credit_code: Set(i
            .credit_code
            .as_deref()
            .map(|c| c.trim().to_uppercase())
            .filter(|c| !c.is_empty())),
        maker_id: Set(i.maker_id),
        city_code: Set(i.city_code.clone()),
        address: Set(i.address.trim().into()),
        phone: Set(i.phone.trim().into()),
        active: Set(i.active),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
}

pub async fn create_dealer(
    db: &DatabaseConnection,
    p: &Principal,
    i: DealerInput,
) -> Result<DealerView> {
    check_dealer(db, &i).await?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let mut am = dealer_row(&i);
    am.version = Set(1);
    am.created_at = Set(Utc::now());
    let d = am.insert(&txn).await?;
    audit::record(
        &txn,
        p,
        target(DEALER, d.id, "/", p.org_id),
        "create",
        None,
        Some(&d),
    )
    .await?;
    txn.commit().await?;
    Ok(dealer_view(d))
}

pub async fn update_dealer(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: DealerInput,
) -> Result<DealerView> {
    let version = i
        .version
        .ok_or_else(|| FieldError::new("version", Rule::Required))?;
    check_dealer(db, &i).await?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let before = by_id::<dealer::Entity, _>(&txn, id).await?;
    update_versioned::<dealer::Entity, _, _>(
        &txn,
        dealer::Column::Id,
        dealer::Column::Version,
        id,
        version,
        dealer_row(&i),
    )
    .await?;
    let after = by_id::<dealer::Entity, _>(&txn, id).await?;
    audit::record(
        &txn,
        p,
        target(DEALER, id, "/", p.org_id),
        "update",
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(dealer_view(after))
}

/// A maker as a party an expert may have declared a conflict with.
pub struct Party {
    name: String,
    brand: String,
    credit_code: Option<String>,
}

impl Party {
    pub fn conflicts(&self, e: &expert::Model) -> bool {
        longzhi_recall::experts::conflicts_with_party(
            e,
            self.credit_code.as_deref(),
            &self.name,
            &self.brand,
        )
    }
}

pub async fn party<C: ConnectionTrait>(db: &C, maker_id: i64) -> Result<Party> {
    let m = by_id::<maker::Entity, _>(db, maker_id).await?;
    let credit_code = orgs(db, [m.org_id])
        .await?
        .remove(&m.org_id)
        .and_then(|o| o.credit_code);
    Ok(Party {
        name: m.name,
        brand: m.brand,
        credit_code,
    })
}
