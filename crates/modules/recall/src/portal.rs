//! What the public sees without an account: published recalls (search and detail), published
//! warnings, and the Atom feed of recalls. Nothing unpublished is ever read here: every query
//! starts from [`published_recalls`] or [`published_warnings`].

use chrono::{NaiveDate, Utc};
use longzhi_store::page::{Page, PageQuery, contains_any, paginate};
use longzhi_store::repo::regions;
use longzhi_store::scope::unscoped;
use longzhi_store::{Result, StoreError};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect, Select};
use serde::{Deserialize, Serialize};

use crate::entity::{recall, warning};
use crate::recalls::{PUBLIC, lines};

/// A recall as the public notice shows it (no internal notes, no progress figures).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PublicRecall {
    pub code: String,
    pub kind: String,
    pub title: String,
    pub producer_name: String,
    pub category: String,
    pub brand: String,
    pub models: Vec<String>,
    pub batches: Vec<String>,
    pub produced_from: Option<NaiveDate>,
    pub produced_to: Option<NaiveDate>,
    pub quantity: i64,
    pub hazard: String,
    pub defect: String,
    pub remedy: String,
    pub consumer_action: String,
    pub contact: String,
    pub ends_on: Option<NaiveDate>,
    pub published_on: NaiveDate,
    pub city_code: Option<String>,
    pub closed: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PublicWarning {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub category: Option<String>,
    pub hazard: Option<String>,
    pub body: String,
    pub published_on: NaiveDate,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PublicRecallFilter {
    /// Product, brand, model or producer contains.
    pub q: Option<String>,
    pub brand: Option<String>,
    /// Dictionary `injury_product`.
    pub category: Option<String>,
    /// Dictionary `injury_hazard`.
    pub hazard: Option<String>,
    /// The producer's city (e.g. 620100).
    pub city_code: Option<String>,
    /// Published on or after.
    pub from: Option<NaiveDate>,
    /// Published on or before.
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PublicWarningFilter {
    pub q: Option<String>,
    /// `consumer_tip`, `risk_warning` or `accident`.
    pub kind: Option<String>,
}

pub fn published_recalls() -> Select<recall::Entity> {
    unscoped::<recall::Entity>("the public portal shows every published recall")
        .filter(recall::Column::Status.is_in(PUBLIC))
        .filter(recall::Column::PublishedAt.is_not_null())
}

/// Published warnings for the public: guidance notices are for enterprises, not the portal.
pub fn published_warnings() -> Select<warning::Entity> {
    unscoped::<warning::Entity>("the public portal shows every published warning")
        .filter(warning::Column::Status.eq("published"))
        .filter(warning::Column::Kind.ne("guidance"))
}

pub fn public_recall(m: recall::Model) -> PublicRecall {
    PublicRecall {
        published_on: m
            .published_at
            .map(longzhi_store::local_date)
            .unwrap_or_default(),
        city_code: regions::city_code(&m.region_path).map(str::to_owned),
        closed: m.status == "closed",
        models: lines(&m.models),
        batches: lines(&m.batches),
        code: m.code,
        kind: m.kind,
        title: m.title,
        producer_name: m.producer_name,
        category: m.category,
        brand: m.brand,
        produced_from: m.produced_from,
        produced_to: m.produced_to,
        quantity: m.quantity,
        hazard: m.hazard,
        defect: m.defect,
        remedy: m.remedy,
        consumer_action: m.consumer_action,
        contact: m.contact,
        ends_on: m.ends_on,
    }
}

fn public_warning(m: warning::Model) -> PublicWarning {
    PublicWarning {
        published_on: m
            .published_at
            .map(longzhi_store::local_date)
            .unwrap_or_default(),
        id: m.id,
        kind: m.kind,
        title: m.title,
        category: m.category,
        hazard: m.hazard,
        body: m.body,
    }
}

/// The start of `date` in China Standard Time, as UTC.
fn day_start(date: NaiveDate) -> chrono::DateTime<Utc> {
    longzhi_store::local_midnight(date)
}

pub async fn recalls<C: ConnectionTrait>(
    db: &C,
    f: &PublicRecallFilter,
    q: &PageQuery,
) -> Result<Page<PublicRecall>> {
    let mut s = published_recalls();
    if let Some(e) = f.q.as_deref().and_then(|t| {
        contains_any(
            &[
                recall::Column::Title,
                recall::Column::Brand,
                recall::Column::Models,
                recall::Column::ProducerName,
            ],
            t,
        )
    }) {
        s = s.filter(e);
    }
    for (col, v) in [
        (recall::Column::Brand, &f.brand),
        (recall::Column::Category, &f.category),
        (recall::Column::Hazard, &f.hazard),
    ] {
        if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
            s = s.filter(col.eq(v));
        }
    }
    if let Some(c) = f.city_code.as_deref().filter(|v| !v.is_empty()) {
        // An unknown region has no recalls (not an error: the list answers, empty).
        let path = match regions::by_code(db, c).await {
            Ok(region) => region.path,
            Err(StoreError::NotFound) => "-".to_owned(),
            Err(e) => return Err(e),
        };
        s = s.filter(recall::Column::RegionPath.starts_with(path.as_str()));
    }
    if let Some(d) = f.from {
        s = s.filter(recall::Column::PublishedAt.gte(day_start(d)));
    }
    if let Some(d) = f.to {
        s = s.filter(recall::Column::PublishedAt.lt(day_start(d.succ_opt().unwrap_or(d))));
    }
    let sortable = [("published_at", recall::Column::PublishedAt)];
    Ok(
        paginate(db, s, q, &sortable, "-published_at", recall::Column::Id)
            .await?
            .map(public_recall),
    )
}

pub async fn recall<C: ConnectionTrait>(db: &C, code: &str) -> Result<PublicRecall> {
    published_recalls()
        .filter(recall::Column::Code.eq(code))
        .one(db)
        .await?
        .map(public_recall)
        .ok_or(StoreError::NotFound)
}

pub async fn warnings<C: ConnectionTrait>(
    db: &C,
    f: &PublicWarningFilter,
    q: &PageQuery,
) -> Result<Page<PublicWarning>> {
    let mut s = published_warnings();
    if let Some(e) =
        f.q.as_deref()
            .and_then(|t| contains_any(&[warning::Column::Title, warning::Column::Body], t))
    {
        s = s.filter(e);
    }
    if let Some(k) = f.kind.as_deref().filter(|v| !v.is_empty()) {
        s = s.filter(warning::Column::Kind.eq(k));
    }
    let sortable = [("published_at", warning::Column::PublishedAt)];
    Ok(
        paginate(db, s, q, &sortable, "-published_at", warning::Column::Id)
            .await?
            .map(public_warning),
    )
}

pub async fn warning<C: ConnectionTrait>(db: &C, id: i64) -> Result<PublicWarning> {
    published_warnings()
        .filter(warning::Column::Id.eq(id))
        .one(db)
        .await?
        .map(public_warning)
        .ok_or(StoreError::NotFound)
}

/// The newest published recalls for the feed, with their publication time (`updated` of an
/// entry is its last change).
pub async fn feed_entries<C: ConnectionTrait>(
    db: &C,
    limit: u64,
) -> Result<Vec<(recall::Model, PublicRecall)>> {
    Ok(published_recalls()
        .order_by_desc(recall::Column::PublishedAt)
        .order_by_desc(recall::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.clone(), public_recall(m)))
        .collect())
}
