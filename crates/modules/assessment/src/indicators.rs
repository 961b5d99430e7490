//! A year's indicator system (指标体系): parts of 100 points, each indicator with its points,
//! scoring rule, the evidence expected and the department that scores it. Edited (by hand or by
//! an Excel import that replaces it) while the year is a draft; a new year starts from the
//! latest year's system, or from the built-in one (`assets/indicators.toml`).

use std::collections::HashSet;

use chrono::Utc;
use longzhi_domain::{FieldError, FieldErrors, Rule};
use longzhi_store::audit::{self, Target};
use longzhi_store::entity::org;
use longzhi_store::repo::update_versioned;
use longzhi_store::scope::{Principal, unscoped};
use longzhi_store::{Result, StoreError};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, NotSet,
    QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};

use crate::entity::indicator;
use crate::years;

pub const ENTITY: &str = "assessment_indicator";

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = AssessmentIndicatorView)]
pub struct IndicatorView {
    pub id: i64,
    pub year_id: i64,
    pub part: String,
    pub code: String,
    pub name: String,
    pub points: f64,
    pub rule: String,
    pub evidence: String,
    pub department_id: i64,
    pub department_name: String,
    pub sort: i32,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = AssessmentIndicatorInput)]
pub struct IndicatorInput {
    pub part: String,
    pub code: String,
    pub name: String,
    pub points: f64,
    #[serde(default)]
    pub rule: String,
    #[serde(default)]
    pub evidence: String,
    pub department_id: i64,
    #[serde(default)]
    pub sort: i32,
    /// Required to update.
    pub version: Option<i32>,
}

fn target(i: &indicator::Model) -> Target<'static> {
    Target {
        entity: ENTITY,
        id: i.id.to_string(),
        region_path: "/",
        org_id: None,
    }
}

/// The departments of the provincial bureau, the organisations that score.
pub async fn departments<C: ConnectionTrait>(db: &C) -> Result<Vec<org::Model>> {
    Ok(
        unscoped::<org::Entity>("the province's departments are named on every indicator")
            .filter(org::Column::Kind.eq("department"))
            .filter(org::Column::Status.eq("active"))
            .order_by_asc(org::Column::Code)
            .all(db)
            .await?,
    )
}

/// The department `text` names among `all`: by its code, its name or its code's suffix
/// (`metrology` for `620000-metrology`); 0 (none) when it names none.
fn department_named(all: &[org::Model], text: &str) -> i64 {
    all.iter()
        .find(|o| o.code == text || o.name == text || o.code.ends_with(&format!("-{text}")))
        .map_or(0, |o| o.id)
}

/// Year `year_id`'s indicators in order.
pub async fn of_year<C: ConnectionTrait>(db: &C, year_id: i64) -> Result<Vec<indicator::Model>> {
    Ok(indicator::Entity::find()
        .filter(indicator::Column::YearId.eq(year_id))
        .order_by_asc(indicator::Column::Sort)
        .order_by_asc(indicator::Column::Code)
        .all(db)
        .await?)
}

pub async fn views<C: ConnectionTrait>(
    db: &C,
    rows: Vec<indicator::Model>,
) -> Result<Vec<IndicatorView>> {
    let names: std::collections::HashMap<i64, String> = departments(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|i| IndicatorView {
            department_name: names.get(&i.department_id).cloned().unwrap_or_default(),
            id: i.id,
            year_id: i.year_id,
            part: i.part,
            code: i.code,
            name: i.name,
            points: i.points,
            rule: i.rule,
            evidence: i.evidence,
            department_id: i.department_id,
            sort: i.sort,
            version: i.version,
        })
        .collect())
}

pub async fn list<C: ConnectionTrait>(db: &C, year_id: i64) -> Result<Vec<IndicatorView>> {
    years::load(db, year_id).await?;
    views(db, of_year(db, year_id).await?).await
}

/// The checked fields of `i` (each error named after its field, prefixed by `at`).
fn check(
    i: &IndicatorInput,
    departments: &[org::Model],
    errs: &mut FieldErrors,
) -> Option<Checked> {
    let part = errs.text("part", &i.part, 100);
    let code = errs.text("code", &i.code, 20);
    let name = errs.text("name", &i.name, 200);
    let rule = errs
        .optional_text("rule", Some(&i.rule), 5000)
        .unwrap_or_default();
    let evidence = errs
        .optional_text("evidence", Some(&i.evidence), 2000)
        .unwrap_or_default();
    if !(i.points > 0.0 && i.points <= 100.0) {
        errs.push(
            FieldError::new("points", Rule::Range)
                .with("min", 0)
                .with("max", 100),
        );
    }
    if !departments.iter().any(|d| d.id == i.department_id) {
        errs.push(FieldError::new("department_id", Rule::Exists));
    }
    Some(Checked {
        part: part?,
        code: code?,
        name: name?,
        rule,
        evidence,
    })
}

struct Checked {
    part: String,
    code: String,
    name: String,
    rule: String,
    evidence: String,
}

fn new_row(year_id: i64, i: &IndicatorInput, c: Checked) -> indicator::ActiveModel {
    let now = Utc::now();
    indicator::ActiveModel {
        year_id: Set(year_id),
        part: Set(c.part),
        code: Set(c.code),
        name: Set(c.name),
        points: Set(i.points),
        rule: Set(c.rule),
        evidence: Set(c.evidence),
        department_id: Set(i.department_id),
        sort: Set(i.sort),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
}

async fn code_taken<C: ConnectionTrait>(
    db: &C,
    year_id: i64,
    code: &str,
    other_than: i64,
) -> Result<bool> {
    Ok(indicator::Entity::find()
        .filter(indicator::Column::YearId.eq(year_id))
        .filter(indicator::Column::Code.eq(code))
        .filter(indicator::Column::Id.ne(other_than))
        .one(db)
        .await?
        .is_some())
}

pub async fn create(
    db: &DatabaseConnection,
    p: &Principal,
    year_id: i64,
    i: IndicatorInput,
) -> Result<IndicatorView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    years::in_state(&txn, year_id, "draft").await?;
    let mut errs = FieldErrors::new();
    let c = check(&i, &departments(&txn).await?, &mut errs);
    if let Some(c) = &c
        && code_taken(&txn, year_id, &c.code, 0).await?
    {
        errs.push(FieldError::new("code", Rule::Unique));
    }
    errs.finish()?;
    let Some(c) = c else {
        return Err(FieldError::new("name", Rule::Required).into());
    };
    let m = new_row(year_id, &i, c).insert(&txn).await?;
    audit::record(&txn, p, target(&m), "create", None, Some(&m)).await?;
    txn.commit().await?;
    Ok(views(db, vec![m]).await?.remove(0))
}

pub async fn update(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: IndicatorInput,
) -> Result<IndicatorView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let before = load(&txn, id).await?;
    years::in_state(&txn, before.year_id, "draft").await?;
    let Some(version) = i.version else {
        return Err(FieldError::new("version", Rule::Required).into());
    };
    let mut errs = FieldErrors::new();
    let c = check(&i, &departments(&txn).await?, &mut errs);
    if let Some(c) = &c
        && code_taken(&txn, before.year_id, &c.code, id).await?
    {
        errs.push(FieldError::new("code", Rule::Unique));
    }
    errs.finish()?;
    let Some(c) = c else {
        return Err(FieldError::new("name", Rule::Required).into());
    };
    update_versioned(
        &txn,
        indicator::Column::Id,
        indicator::Column::Version,
        id,
        version,
        indicator::ActiveModel {
            part: Set(c.part),
            code: Set(c.code),
            name: Set(c.name),
            points: Set(i.points),
            rule: Set(c.rule),
            evidence: Set(c.evidence),
            department_id: Set(i.department_id),
            sort: Set(i.sort),
            updated_at: Set(Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    let after = load(&txn, id).await?;
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
    Ok(views(db, vec![after]).await?.remove(0))
}

pub async fn delete(db: &DatabaseConnection, p: &Principal, id: i64) -> Result<()> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let before = load(&txn, id).await?;
    years::in_state(&txn, before.year_id, "draft").await?;
    indicator::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, p, target(&before), "delete", Some(&before), None).await?;
    txn.commit().await?;
    Ok(())
}

async fn load<C: ConnectionTrait>(db: &C, id: i64) -> Result<indicator::Model> {
    indicator::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

/// One row of an import, as read from the sheet: the department by its code or name.
pub struct ImportRow {
    pub number: usize,
    pub input: IndicatorInput,
    pub department: String,
}

/// Replaces draft year `year_id`'s system with `rows`, all or nothing: any broken row and
/// nothing is stored, every row error answered.
pub async fn import(
    db: &DatabaseConnection,
    p: &Principal,
    year_id: i64,
    rows: Vec<ImportRow>,
) -> Result<std::result::Result<usize, Vec<(usize, FieldError)>>> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    years::in_state(&txn, year_id, "draft").await?;
    let all = departments(&txn).await?;
    let mut errors = Vec::new();
    let mut checked = Vec::new();
    let mut codes = HashSet::new();
    if rows.is_empty() {
        errors.push((1, FieldError::new("code", Rule::Required)));
    }
    for mut r in rows {
        let d = r.department.trim();
        r.input.department_id = department_named(&all, d);
        let mut errs = FieldErrors::new();
        let c = check(&r.input, &all, &mut errs);
        if let Some(c) = &c
            && !codes.insert(c.code.clone())
        {
            errs.push(FieldError::new("code", Rule::Unique));
        }
        if errs.is_empty()
            && let Some(c) = c
        {
            checked.push(new_row(year_id, &r.input, c));
        } else {
            let row = r.number;
            errors.extend(errs.0.into_iter().map(|e| {
                let field = if e.field == "department_id" {
                    "department".to_owned()
                } else {
                    e.field.clone()
                };
                (row, e.at(field))
            }));
        }
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let n = checked.len();
    indicator::Entity::delete_many()
        .filter(indicator::Column::YearId.eq(year_id))
        .exec(&txn)
        .await?;
    indicator::Entity::insert_many(checked)
        .exec_without_returning(&txn)
        .await?;
    let after = of_year(&txn, year_id).await?;
    audit::record(
        &txn,
        p,
        years::target(year_id),
        "import_indicators",
        None,
        Some(&serde_json::json!({ "indicators": after })),
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(n))
}

/// Copies year `from`'s system into year `to`.
pub async fn copy<C: ConnectionTrait>(db: &C, from: i64, to: i64) -> Result<()> {
    let now = Utc::now();
    let rows: Vec<indicator::ActiveModel> = of_year(db, from)
        .await?
        .into_iter()
        .map(|i| {
            // The same indicator in the new year: a new row, its fields kept.
            let mut am: indicator::ActiveModel = i.into();
            am.id = NotSet;
            am.year_id = Set(to);
            am.version = Set(1);
            am.created_at = Set(now);
            am.updated_at = Set(now);
            am
        })
        .collect();
    if !rows.is_empty() {
        indicator::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

#[derive(Deserialize)]
struct Builtin {
    indicator: Vec<BuiltinIndicator>,
}

#[derive(Deserialize)]
struct BuiltinIndicator {
    part: String,
    code: String,
    name: String,
    points: f64,
    rule: String,
    evidence: String,
    department: String,
}

/// The built-in system, `assets/indicators.toml`, into year `year_id`; each department found by
/// its code suffix among the province's departments.
pub async fn builtin<C: ConnectionTrait>(db: &C, year_id: i64) -> Result<()> {
    let b: Builtin = toml::from_str(include_str!("../assets/indicators.toml"))
        .map_err(|e| StoreError::Io(e.to_string()))?;
    let all = departments(db).await?;
    let mut errs = FieldErrors::new();
    let mut rows = Vec::new();
    for (n, i) in b.indicator.into_iter().enumerate() {
        let input = IndicatorInput {
            department_id: department_named(&all, &i.department),
            part: i.part,
            code: i.code,
            name: i.name,
            points: i.points,
            rule: i.rule,
            evidence: i.evidence,
            sort: n as i32 + 1,
            version: None,
        };
        if let Some(c) = check(&input, &all, &mut errs) {
            rows.push(new_row(year_id, &input, c));
        }
    }
    errs.finish()?;
    indicator::Entity::insert_many(rows)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_builtin_system_has_100_points_in_two_parts() {
        let b: super::Builtin = match toml::from_str(include_str!("../assets/indicators.toml")) {
            Ok(b) => b,
            Err(e) => panic!("the asset does not parse: {e}"),
        };
        let total: f64 = b.indicator.iter().map(|i| i.points).sum();
        assert!((total - 100.0).abs() < 1e-9, "{total}");
        let parts: std::collections::BTreeSet<_> =
            b.indicator.iter().map(|i| i.part.as_str()).collect();
        assert_eq!(parts.len(), 2);
    }
}
