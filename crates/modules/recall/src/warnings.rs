//! Safety warnings (消费提示, 风险警示), accident-investigation summaries (point 19) and guidance
//! notices to enterprises: drafted by a bureau, submitted, reviewed by someone else (nobody
//! approves their own draft), published. Published warnings other than guidance go to the public
//! portal; a published guidance notice goes to every enterprise in the bureau's region.

use chrono::Utc;
use longzhi_domain::{ErrorCode, FieldError, FieldErrors, Rule};
use longzhi_store::audit::{self, TrailEntry};
use longzhi_store::entity::org;
use longzhi_store::page::{Page, PageQuery, contains_any, paginate};
use longzhi_store::repo::{by_id, get_scoped, lock_scoped, notices, update_versioned};
use longzhi_store::scope::{Principal, scoped, unscoped};
use longzhi_store::{Result, StoreError};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    QueryFilter, Set,
};
use serde::{Deserialize, Serialize};

use crate::common::target;
use crate::dicts::{Codes, HAZARD, PRODUCT};
use crate::entity::warning;
use crate::recalls::VersionInput;

pub const ENTITY: &str = "recall_warning";
pub const KINDS: [&str; 4] = ["consumer_tip", "risk_warning", "accident", "guidance"];
pub const STATUSES: [&str; 4] = ["draft", "in_review", "approved", "published"];

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct WarningView {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub category: Option<String>,
    pub hazard: Option<String>,
    /// Paragraphs separated by blank lines.
    pub body: String,
    pub status: String,
    pub review_note: Option<String>,
    pub published_at: Option<chrono::DateTime<Utc>>,
    pub created_at: chrono::DateTime<Utc>,
    pub version: i32,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct WarningDetail {
    pub warning: WarningView,
    pub timeline: Vec<TrailEntry>,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct WarningInput {
    /// `consumer_tip`, `risk_warning`, `accident` or `guidance`.
    pub kind: String,
    pub title: String,
    pub category: Option<String>,
    pub hazard: Option<String>,
    pub body: String,
    /// Required to update.
    pub version: Option<i32>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct WarningReview {
    pub approve: bool,
    pub note: Option<String>,
    pub version: i32,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WarningFilter {
    /// Title or text contains.
    pub q: Option<String>,
    pub kind: Option<String>,
    pub status: Option<String>,
}

pub(crate) fn view(m: warning::Model) -> WarningView {
    WarningView {
        id: m.id,
        kind: m.kind,
        title: m.title,
        category: m.category,
        hazard: m.hazard,
        body: m.body,
        status: m.status,
        review_note: m.review_note,
        published_at: m.published_at,
        created_at: m.created_at,
        version: m.version,
    }
}

fn audit_target(m: &warning::Model) -> audit::Target<'_> {
    target(ENTITY, m.id, &m.region_path, m.org_id)
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    f: &WarningFilter,
    q: &PageQuery,
) -> Result<Page<WarningView>> {
    let mut s = scoped::<warning::Entity>(p);
    if let Some(e) =
        f.q.as_deref()
            .and_then(|t| contains_any(&[warning::Column::Title, warning::Column::Body], t))
    {
        s = s.filter(e);
    }
    for (col, v) in [
        (warning::Column::Kind, &f.kind),
        (warning::Column::Status, &f.status),
    ] {
        if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
            s = s.filter(col.eq(v));
        }
    }
    let sortable = [
        ("created_at", warning::Column::CreatedAt),
        ("published_at", warning::Column::PublishedAt),
    ];
    Ok(
        paginate(db, s, q, &sortable, "-created_at", warning::Column::Id)
            .await?
            .map(view),
    )
}

pub async fn detail<C: ConnectionTrait>(db: &C, p: &Principal, id: i64) -> Result<WarningDetail> {
    let m = get_scoped::<warning::Entity, _>(db, p, id).await?;
    Ok(WarningDetail {
        timeline: audit::history(db, ENTITY, id).await?,
        warning: view(m),
    })
}

async fn checked<C: ConnectionTrait>(db: &C, i: &WarningInput) -> Result<warning::ActiveModel> {
    let mut errs = FieldErrors::new();
    if !KINDS.contains(&i.kind.as_str()) {
        errs.push(FieldError::new("kind", Rule::Enum).with("allowed", KINDS.join(",")));
    }
    let title = errs.text("title", &i.title, 200);
    let body = errs.text("body", &i.body, 20_000);
    let codes = Codes::load(db, &[PRODUCT, HAZARD]).await?;
    let category = i.category.clone().filter(|c| !c.is_empty());
    let hazard = i.hazard.clone().filter(|c| !c.is_empty());
    if let Some(c) = &category {
        codes.check(&mut errs, "category", PRODUCT, c);
    }
    if let Some(h) = &hazard {
        codes.check(&mut errs, "hazard", HAZARD, h);
    }
    errs.finish()?;
    Ok(warning::ActiveModel {
        kind: Set(i.kind.clone()),
        title: Set(title.unwrap_or_default()),
        category: Set(category),
        hazard: Set(hazard),
        body: Set(body.unwrap_or_default()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
}

/// A draft of the caller's bureau.
pub async fn create(
    db: &DatabaseConnection,
    p: &Principal,
    i: WarningInput,
) -> Result<WarningView> {
    let mut am = checked(db, &i).await?;
    let now = Utc::now();
    am.status = Set("draft".into());
    am.drafted_by = Set(p.user_id);
    am.region_path = Set(p.region_path.clone());
    am.org_id = Set(p.org_id);
    am.owner_id = Set(p.actor_id());
    am.version = Set(1);
    am.created_at = Set(now);
    let txn = longzhi_store::backend::begin_write(db).await?;
    let m = am.insert(&txn).await?;
    audit::record(&txn, p, audit_target(&m), "create", None, Some(&m)).await?;
    txn.commit().await?;
    Ok(view(m))
}

async fn load(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
) -> Result<(DatabaseTransaction, warning::Model)> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let m = lock_scoped::<warning::Entity, _>(&txn, p, id).await?;
    Ok((txn, m))
}

async fn write(
    txn: &DatabaseTransaction,
    p: &Principal,
    m: &warning::Model,
    version: i32,
    from: &[&str],
    action: &str,
    mut am: warning::ActiveModel,
) -> Result<warning::Model> {
    if !from.contains(&m.status.as_str()) {
        return Err(StoreError::Rule(ErrorCode::RecallWrongStage));
    }
    am.updated_at = Set(Utc::now());
    update_versioned::<warning::Entity, _, _>(
        txn,
        warning::Column::Id,
        warning::Column::Version,
        m.id,
        version,
        am,
    )
    .await?;
    let after = by_id::<warning::Entity, _>(txn, m.id).await?;
    audit::record(txn, p, audit_target(&after), action, Some(m), Some(&after)).await?;
    Ok(after)
}

/// Edits a draft (or one sent back).
pub async fn update(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: WarningInput,
) -> Result<WarningView> {
    let (txn, m) = load(db, p, id).await?;
    let version = i
        .version
        .ok_or_else(|| StoreError::from(FieldError::new("version", Rule::Required)))?;
    let am = checked(&txn, &i).await?;
    let after = write(&txn, p, &m, version, &["draft"], "update", am).await?;
    txn.commit().await?;
    Ok(view(after))
}

pub async fn submit(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: VersionInput,
) -> Result<WarningView> {
    let version = i.version;
    let (txn, m) = load(db, p, id).await?;
    let after = write(
        &txn,
        p,
        &m,
        version,
        &["draft"],
        "submit",
        warning::ActiveModel {
            status: Set("in_review".into()),
            ..Default::default()
        },
    )
    .await?;
    txn.commit().await?;
    Ok(view(after))
}

/// Approves or sends back a submitted warning; never by its drafter (`recall.own_review`).
pub async fn review(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    r: WarningReview,
) -> Result<WarningView> {
    let (txn, m) = load(db, p, id).await?;
    let mut errs = FieldErrors::new();
    let note = errs.optional_text("note", r.note.as_deref(), 2000);
    if !r.approve && note.is_none() {
        errs.push(FieldError::new("note", Rule::Required));
    }
    errs.finish()?;
    if m.drafted_by == p.user_id {
        return Err(StoreError::Rule(ErrorCode::RecallOwnReview));
    }
    let after = write(
        &txn,
        p,
        &m,
        r.version,
        &["in_review"],
        if r.approve { "approve" } else { "send_back" },
        warning::ActiveModel {
            status: Set(if r.approve { "approved" } else { "draft" }.into()),
            review_note: Set(note),
            ..Default::default()
        },
    )
    .await?;
    txn.commit().await?;
    Ok(view(after))
}

/// Publishes an approved warning: to the portal, or (guidance) to the region's enterprises.
pub async fn publish(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: VersionInput,
) -> Result<WarningView> {
    let version = i.version;
    let (txn, m) = load(db, p, id).await?;
    let after = write(
        &txn,
        p,
        &m,
        version,
        &["approved"],
        "publish",
        warning::ActiveModel {
            status: Set("published".into()),
            published_at: Set(Some(Utc::now())),
            ..Default::default()
        },
    )
    .await?;
    if m.kind == "guidance" {
        let enterprises: Vec<i64> =
            unscoped::<org::Entity>("a guidance notice goes to every enterprise of the region")
                .filter(org::Column::Kind.eq("enterprise"))
                .filter(org::Column::RegionPath.starts_with(m.region_path.as_str()))
                .all(&txn)
                .await?
                .into_iter()
                .map(|o| o.id)
                .collect();
        notices::to_orgs(
            &txn,
            &enterprises,
            &notices::Notice {
                kind: "recall.guidance",
                title: m.title.clone(),
                body: m.body.chars().take(500).collect(),
                link: String::new(),
            },
        )
        .await?;
    }
    txn.commit().await?;
    Ok(view(after))
}
