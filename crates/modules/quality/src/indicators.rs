//! The indicator catalogue (质量指标库): what the province measures, in which unit, which way is
//! better, who supplies it, and the range a value must lie in. Province reference data, seen by
//! every user of the module; changed by the province.

use chrono::Utc;
use longzhi_domain::{FieldError, FieldErrors, Rule, Status};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};

use crate::entity::{framework_node, indicator, value};
use longzhi_store::audit::{self, Target};
use longzhi_store::page::{Page, PageQuery, contains_any, paginate};
use longzhi_store::repo::{ImportRow, by_id, update_versioned};
use longzhi_store::scope::Principal;
use longzhi_store::{Result, StoreError};

const ENTITY: &str = "quality_indicator";
pub const FREQUENCIES: [&str; 3] = ["year", "quarter", "month"];

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct IndicatorView {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub name_en: String,
    pub unit: String,
    /// 1: higher is better; -1: lower is better.
    pub direction: i32,
    pub source: String,
    /// `year`, `quarter` or `month`.
    pub frequency: String,
    pub formula: String,
    pub min_value: Option<f64>,
    pub max_value: Option<f64>,
    pub status: Status,
    pub version: i32,
}

impl From<indicator::Model> for IndicatorView {
    fn from(m: indicator::Model) -> Self {
        Self {
            id: m.id,
            code: m.code,
            name: m.name,
            name_en: m.name_en,
            unit: m.unit,
            direction: m.direction,
            source: m.source,
            frequency: m.frequency,
            formula: m.formula,
            min_value: m.min_value,
            max_value: m.max_value,
            status: m.status,
            version: m.version,
        }
    }
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct IndicatorInput {
    /// Letters, digits, `_` and `-`, starting with a letter (it names a CSV column).
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub unit: String,
    pub direction: i32,
    #[serde(default)]
    pub source: String,
    #[serde(default = "yearly")]
    pub frequency: String,
    #[serde(default)]
    pub formula: String,
    pub min_value: Option<f64>,
    pub max_value: Option<f64>,
    #[serde(default = "active")]
    #[schema(value_type = Status)]
    pub status: String,
    /// The version read, for an update.
    pub version: Option<i32>,
}

fn yearly() -> String {
    "year".into()
}

fn active() -> String {
    "active".into()
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IndicatorFilter {
    /// Code or name contains.
    pub q: Option<String>,
    #[param(value_type = Option<Status>)]
    pub status: Option<String>,
    pub source: Option<String>,
}

/// A code the engine and the CSV files accept: a letter, then letters, digits, `_` or `-`.
pub fn valid_code(code: &str) -> bool {
    let mut chars = code.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && code.len() <= 32
}

/// The input checked: every broken rule at once.
fn check(i: &IndicatorInput) -> Result<(IndicatorInput, Status)> {
    let mut errs = FieldErrors::new();
    let code = i.code.trim().to_owned();
    if code.is_empty() {
        errs.push(FieldError::new("code", Rule::Required));
    } else if !valid_code(&code) {
        errs.push(FieldError::new("code", Rule::Format));
    }
    let name = errs.text("name", &i.name, 100).unwrap_or_default();
    let optional = |errs: &mut FieldErrors, field: &str, v: &str, max: usize| {
        errs.optional_text(field, Some(v), max).unwrap_or_default()
    };
    let name_en = optional(&mut errs, "name_en", &i.name_en, 200);
    let unit = optional(&mut errs, "unit", &i.unit, 20);
    let source = optional(&mut errs, "source", &i.source, 100);
    let formula = optional(&mut errs, "formula", &i.formula, 2000);
    if i.direction != 1 && i.direction != -1 {
        errs.push(FieldError::new("direction", Rule::Enum).with("allowed", "1,-1"));
    }
    if !FREQUENCIES.contains(&i.frequency.as_str()) {
        errs.push(FieldError::new("frequency", Rule::Enum).with("allowed", FREQUENCIES.join(",")));
    }
    for (field, v) in [("min_value", i.min_value), ("max_value", i.max_value)] {
        if v.is_some_and(|v| !v.is_finite()) {
            errs.push(FieldError::new(field, Rule::Format));
        }
    }
    if let (Some(lo), Some(hi)) = (i.min_value, i.max_value)
        && lo >= hi
    {
        errs.push(FieldError::new("max_value", Rule::Range).with("min", lo));
    }
    let status = errs.check("status", Status::parse("status", &i.status));
    match status {
        Some(status) if errs.0.is_empty() => Ok((
            IndicatorInput {
                code,
                name,
                name_en,
                unit,
                source,
                formula,
                ..i.clone()
            },
            status,
        )),
        _ => Err(errs.into()),
    }
}

fn audit_target(id: i64) -> Target<'static> {
    Target {
        entity: ENTITY,
        id: id.to_string(),
        region_path: "/",
        org_id: None,
    }
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    f: &IndicatorFilter,
    q: &PageQuery,
) -> Result<Page<IndicatorView>> {
    let mut s = indicator::Entity::find();
    if let Some(e) =
        f.q.as_deref()
            .and_then(|t| contains_any(&[indicator::Column::Code, indicator::Column::Name], t))
    {
        s = s.filter(e);
    }
    if let Some(st) = f.status.as_deref().filter(|s| !s.is_empty()) {
        s = s.filter(indicator::Column::Status.eq(st));
    }
    if let Some(src) = f.source.as_deref().filter(|s| !s.is_empty()) {
        s = s.filter(indicator::Column::Source.eq(src));
    }
    let sortable = [
        ("code", indicator::Column::Code),
        ("name", indicator::Column::Name),
        ("source", indicator::Column::Source),
    ];
    Ok(paginate(db, s, q, &sortable, "code", indicator::Column::Id)
        .await?
        .map(IndicatorView::from))
}

pub async fn get<C: ConnectionTrait>(db: &C, id: i64) -> Result<IndicatorView> {
    Ok(by_id::<indicator::Entity, _>(db, id).await?.into())
}

/// Every indicator by code (the frameworks', the imports' and the pushes' lookups).
pub async fn by_code<C: ConnectionTrait>(
    db: &C,
) -> Result<std::collections::HashMap<String, indicator::Model>> {
    Ok(indicator::Entity::find()
        .order_by_asc(indicator::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.code.clone(), i))
        .collect())
}

/// The checked input's columns, stamped now: what a create and an update write.
fn fields(i: IndicatorInput, status: Status) -> indicator::ActiveModel {
    indicator::ActiveModel {
        code: Set(i.code),
        name: Set(i.name),
        name_en: Set(i.name_en),
        unit: Set(i.unit),
        direction: Set(i.direction),
        source: Set(i.source),
        frequency: Set(i.frequency),
        formula: Set(i.formula),
        min_value: Set(i.min_value),
        max_value: Set(i.max_value),
        status: Set(status),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
}

async fn insert<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    i: IndicatorInput,
    status: Status,
) -> Result<indicator::Model> {
    let taken = indicator::Entity::find()
        .filter(indicator::Column::Code.eq(&i.code))
        .count(db)
        .await?;
    if taken > 0 {
        return Err(StoreError::Duplicate {
            field: "code".into(),
        });
    }
    let mut am = fields(i, status);
    am.version = Set(1);
    am.created_at = am.updated_at.clone();
    let m = am.insert(db).await?;
    audit::record(db, p, audit_target(m.id), "create", None, Some(&m)).await?;
    Ok(m)
}

pub async fn create(
    db: &DatabaseConnection,
    p: &Principal,
    i: IndicatorInput,
) -> Result<IndicatorView> {
    let (i, status) = check(&i)?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let m = insert(&txn, p, i, status).await?;
    txn.commit().await?;
    Ok(m.into())
}

/// Changes an indicator. Its code is fixed once values or frameworks use it (they name it).
pub async fn update(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: IndicatorInput,
) -> Result<IndicatorView> {
    let (i, status) = check(&i)?;
    let version = i
        .version
        .ok_or_else(|| StoreError::from(FieldError::new("version", Rule::Required)))?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let before = by_id::<indicator::Entity, _>(&txn, id).await?;
    if before.code != i.code {
        if in_use(&txn, id).await? {
            return Err(StoreError::Rule(longzhi_domain::ErrorCode::QualityInUse));
        }
        let taken = indicator::Entity::find()
            .filter(indicator::Column::Code.eq(&i.code))
            .count(&txn)
            .await?;
        if taken > 0 {
            return Err(StoreError::Duplicate {
                field: "code".into(),
            });
        }
    }
    let am = fields(i, status);
    update_versioned(
        &txn,
        indicator::Column::Id,
        indicator::Column::Version,
        id,
        version,
        am,
    )
    .await?;
    let after = by_id::<indicator::Entity, _>(&txn, id).await?;
    audit::record(
        &txn,
        p,
        audit_target(id),
        "update",
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after.into())
}

async fn in_use<C: ConnectionTrait>(db: &C, id: i64) -> Result<bool> {
    let nodes = framework_node::Entity::find()
        .filter(framework_node::Column::IndicatorId.eq(id))
        .count(db)
        .await?;
    let values = longzhi_store::scope::unscoped::<value::Entity>(
        "whether any value, of any city, names the indicator",
    )
    .filter(value::Column::IndicatorId.eq(id))
    .count(db)
    .await?;
    Ok(nodes + values > 0)
}

/// Deletes an indicator no framework or value uses (disable it otherwise).
pub async fn delete(db: &DatabaseConnection, p: &Principal, id: i64) -> Result<()> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let before = by_id::<indicator::Entity, _>(&txn, id).await?;
    if in_use(&txn, id).await? {
        return Err(StoreError::Rule(longzhi_domain::ErrorCode::QualityInUse));
    }
    indicator::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, p, audit_target(id), "delete", Some(&before), None).await?;
    txn.commit().await?;
    Ok(())
}

impl ImportRow for IndicatorInput {
    async fn create(self, txn: &sea_orm::DatabaseTransaction, p: &Principal) -> Result<()> {
        let (i, status) = check(&self)?;
        insert(txn, p, i, status).await.map(|_| ())
    }
}
