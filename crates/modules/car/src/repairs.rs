//! A dispute's repair history: each visit is one event of the 三包 engine (rules-sanbao.md §6),
//! entered by hand or imported from the Excel template. Any change re-evaluates the dispute.

use chrono::{NaiveDate, Utc};
use longzhi_domain::{FieldError, FieldErrors, Rule};
use longzhi_store::scope::Principal;
use longzhi_store::{Result, StoreError};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::disputes::{self, DisputeDetail};
use crate::entity::repair;

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct RepairInput {
    pub date: NaiveDate,
    pub odometer_km: f64,
    /// `repair`, `replace_part` or `replace_assembly`.
    pub kind: String,
    /// `engine`, `gearbox`, `traction_battery`, `drive_motor`, `steering`, `brake`,
    /// `suspension`, `drivetrain`, `emission_control`, `body` or `other`.
    pub system: String,
    /// The main part involved; empty: none identified.
    pub part: Option<String>,
    /// Visits with the same id are the same quality problem (Art 24(4)).
    pub fault_id: String,
    #[serde(default)]
    pub serious_safety: bool,
    /// One of the Art 23 faults, or `other`.
    pub fault_kind: Option<String>,
    /// Art 40 repair days, net of the Art 24 para 3 exclusions.
    pub repair_days: f64,
    /// The consumer's own doing (Art 32): the visit does not count.
    #[serde(default)]
    pub consumer_fault: bool,
    #[serde(default)]
    pub repairer: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RepairView {
    pub id: i64,
    pub date: NaiveDate,
    pub odometer_km: f64,
    pub kind: String,
    pub system: String,
    pub part: Option<String>,
    pub fault_id: String,
    pub serious_safety: bool,
    pub fault_kind: Option<String>,
    pub repair_days: f64,
    pub consumer_fault: bool,
    pub repairer: String,
    pub note: String,
}

impl From<repair::Model> for RepairView {
    fn from(r: repair::Model) -> Self {
        Self {
            id: r.id,
            date: r.date,
            odometer_km: r.odometer_km,
            kind: r.kind,
            system: r.system,
            part: r.part,
            fault_id: r.fault_id,
            serious_safety: r.serious_safety,
            fault_kind: r.fault_kind,
            repair_days: r.repair_days,
            consumer_fault: r.consumer_fault,
            repairer: r.repairer,
            note: r.note,
        }
    }
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct RepairChange {
    #[serde(flatten)]
    pub repair: RepairInput,
    /// The dispute's version.
    pub version: i32,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VersionQuery {
    /// The dispute's version (required; checked after the dispute is found).
    pub version: Option<i32>,
}

impl VersionQuery {
    pub fn required(&self) -> Result<i32> {
        self.version
            .ok_or_else(|| FieldError::new("version", Rule::Required).into())
    }
}

/// A dispute's repairs in date order (input order breaking ties), as the engine processes them.
pub async fn of<C: ConnectionTrait>(db: &C, dispute_id: i64) -> Result<Vec<repair::Model>> {
    Ok(repair::Entity::find()
        .filter(repair::Column::DisputeId.eq(dispute_id))
        .order_by_asc(repair::Column::Date)
        .order_by_asc(repair::Column::Id)
        .all(db)
        .await?)
}

/// The engine's event of a visit.
pub fn event(r: &repair::Model) -> Value {
    json!({
        "date": r.date,
        "odometer_km": r.odometer_km,
        "kind": r.kind,
        "system": r.system,
        "part": r.part,
        "fault_id": r.fault_id,
        "serious_safety": r.serious_safety,
        "fault_kind": r.fault_kind,
        "repair_days": r.repair_days,
        "consumer_fault": r.consumer_fault,
    })
}

/// Whether `value` is one of the engine's names for `T` (its enums are the one list of kinds,
/// systems and fault kinds).
fn engine_knows<T: serde::de::DeserializeOwned>(value: &str) -> bool {
    serde_json::from_value::<T>(Value::String(value.to_owned())).is_ok()
}

/// Checks one visit, its fields named `<prefix>x`.
fn check(errs: &mut FieldErrors, prefix: &str, r: &RepairInput) {
    let f = |name: &str| format!("{prefix}{name}");
    if !engine_knows::<longzhi_sanbao::Kind>(&r.kind) {
        errs.push(FieldError::new(f("kind"), Rule::Enum).with("dict", crate::dicts::KIND));
    }
    if !engine_knows::<longzhi_sanbao::System>(&r.system) {
        errs.push(FieldError::new(f("system"), Rule::Enum).with("dict", crate::dicts::SYSTEM));
    }
    if let Some(k) = r.fault_kind.as_deref().filter(|k| !k.is_empty())
        && !engine_knows::<longzhi_sanbao::FaultKind>(k)
    {
        errs.push(
            FieldError::new(f("fault_kind"), Rule::Enum).with("dict", crate::dicts::FAULT_KIND),
        );
    }
    errs.text(&f("fault_id"), &r.fault_id, 50);
    errs.optional_text(&f("part"), r.part.as_deref(), 100);
    errs.optional_text(&f("repairer"), Some(&r.repairer), 100);
    errs.optional_text(&f("note"), Some(&r.note), 2000);
    if r.date > longzhi_store::today() {
        errs.push(FieldError::new(f("date"), Rule::Range).with("max", longzhi_store::today()));
    }
}

/// Checks the visits entered with a dispute (`repairs[k].x`).
pub fn check_all(rs: &[RepairInput]) -> Result<()> {
    let mut errs = FieldErrors::new();
    for (k, r) in rs.iter().enumerate() {
        check(&mut errs, &format!("repairs[{k}]."), r);
    }
    Ok(errs.finish()?)
}

fn row(dispute_id: i64, r: &RepairInput) -> repair::ActiveModel {
    let now = Utc::now();
    let trimmed = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    repair::ActiveModel {
        dispute_id: Set(dispute_id),
        date: Set(r.date),
        odometer_km: Set(r.odometer_km),
        kind: Set(r.kind.clone()),
        system: Set(r.system.clone()),
        part: Set(trimmed(&r.part)),
        fault_id: Set(r.fault_id.trim().into()),
        serious_safety: Set(r.serious_safety),
        fault_kind: Set(trimmed(&r.fault_kind)),
        repair_days: Set(r.repair_days),
        consumer_fault: Set(r.consumer_fault),
        repairer: Set(r.repairer.trim().into()),
        note: Set(r.note.trim().into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
}

pub async fn insert_all(
    txn: &DatabaseTransaction,
    dispute_id: i64,
    rs: &[RepairInput],
) -> Result<()> {
    for r in rs {
        row(dispute_id, r).insert(txn).await?;
    }
    Ok(())
}

/// Adds visits to an open dispute (one, or an imported sheet's), bumps its version and
/// re-evaluates it; an input the engine rejects stores nothing.
pub async fn add(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    version: i32,
    rs: &[RepairInput],
) -> Result<DisputeDetail> {
    let (txn, m) = disputes::load_open(db, p, id).await?;
    insert_all(&txn, id, rs).await?;
    let after = disputes::bump(&txn, p, &m, version, "add_repairs", Default::default()).await?;
    disputes::repairs_changed(&txn, p, &after).await?;
    txn.commit().await?;
    disputes::detail(db, p, id).await
}

pub async fn create(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: RepairChange,
) -> Result<DisputeDetail> {
    // Out of scope is not found, whatever the input.
    longzhi_store::repo::get_scoped::<crate::entity::dispute::Entity, _>(db, p, id).await?;
    let mut errs = FieldErrors::new();
    check(&mut errs, "", &i.repair);
    errs.finish()?;
    add(db, p, id, i.version, std::slice::from_ref(&i.repair)).await
}

/// The dispute of visit `repair_id`, opened for writing in the caller's scope, and the visit.
async fn open_visit(
    db: &DatabaseConnection,
    p: &Principal,
    repair_id: i64,
) -> Result<(
    DatabaseTransaction,
    crate::entity::dispute::Model,
    repair::Model,
)> {
    let r = repair::Entity::find_by_id(repair_id)
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)?;
    let (txn, m) = disputes::load_open(db, p, r.dispute_id).await?;
    Ok((txn, m, r))
}

pub async fn update(
    db: &DatabaseConnection,
    p: &Principal,
    repair_id: i64,
    i: RepairChange,
) -> Result<DisputeDetail> {
    let (txn, m, before) = open_visit(db, p, repair_id).await?;
    let mut errs = FieldErrors::new();
    check(&mut errs, "", &i.repair);
    errs.finish()?;
    let id = m.id;
    let mut am = row(id, &i.repair);
    am.id = Set(before.id);
    am.created_at = Set(before.created_at);
    am.update(&txn).await?;
    let after = disputes::bump(&txn, p, &m, i.version, "update_repair", Default::default()).await?;
    disputes::repairs_changed(&txn, p, &after).await?;
    txn.commit().await?;
    disputes::detail(db, p, id).await
}

pub async fn delete(
    db: &DatabaseConnection,
    p: &Principal,
    repair_id: i64,
    q: &VersionQuery,
) -> Result<DisputeDetail> {
    let (txn, m, _) = open_visit(db, p, repair_id).await?;
    let version = q.required()?;
    let id = m.id;
    repair::Entity::delete_by_id(repair_id).exec(&txn).await?;
    let after = disputes::bump(&txn, p, &m, version, "delete_repair", Default::default()).await?;
    disputes::repairs_changed(&txn, p, &after).await?;
    txn.commit().await?;
    disputes::detail(db, p, id).await
}

/// The rows of an imported sheet: every row checked (errors by Excel row number); if all are
/// valid they are added together, with one evaluation.
pub async fn import(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    version: i32,
    rows: Vec<(usize, std::result::Result<RepairInput, FieldError>)>,
) -> Result<std::result::Result<usize, Vec<(usize, FieldError)>>> {
    let mut errors = Vec::new();
    let mut valid = Vec::new();
    for (number, r) in rows {
        match r {
            Ok(r) => {
                let mut errs = FieldErrors::new();
                check(&mut errs, "", &r);
                match errs.finish() {
                    Ok(()) => valid.push((number, r)),
                    Err(e) => errors.extend(e.0.into_iter().map(|e| (number, e))),
                }
            }
            Err(e) => errors.push((number, e)),
        }
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    if valid.is_empty() {
        return Ok(Err(vec![(1, FieldError::new("file", Rule::Required))]));
    }
    let inputs: Vec<RepairInput> = valid.iter().map(|(_, r)| r.clone()).collect();
    match add(db, p, id, version, &inputs).await {
        Ok(_) => Ok(Ok(inputs.len())),
        // The engine judged the history as a whole (e.g. an odometer going back) and named a
        // visit by its place in date order: told on the sheet's row when it is one of the sheet's.
        Err(StoreError::Validation(e)) => {
            let rows = sheet_rows(&of(db, id).await?, &valid);
            Ok(Err(e.0.into_iter().map(|e| on_row(e, &rows)).collect()))
        }
        Err(e) => Err(e),
    }
}

/// For each visit of the history in the engine's order (date, then entry), the sheet row it came
/// from, or `None` for a visit entered before: the existing visits were entered first, the sheet's
/// in its order.
fn sheet_rows(existing: &[repair::Model], sheet: &[(usize, RepairInput)]) -> Vec<Option<usize>> {
    let mut order: Vec<(NaiveDate, usize, Option<usize>)> = existing
        .iter()
        .enumerate()
        .map(|(k, r)| (r.date, k, None))
        .chain(
            sheet
                .iter()
                .enumerate()
                .map(|(j, (row, r))| (r.date, existing.len() + j, Some(*row))),
        )
        .collect();
    order.sort_by_key(|&(date, entered, _)| (date, entered));
    order.into_iter().map(|(_, _, row)| row).collect()
}

/// An error on `repairs[k].field` as an error on `field` of its sheet row (row 1, as it is, for a
/// visit entered before or an error on the dispute).
fn on_row(e: FieldError, rows: &[Option<usize>]) -> (usize, FieldError) {
    let visit = e
        .field
        .strip_prefix("repairs[")
        .and_then(|rest| rest.split_once("]."))
        .and_then(|(k, field)| {
            Some((
                rows.get(k.parse::<usize>().ok()?).copied().flatten()?,
                field.to_owned(),
            ))
        });
    match visit {
        Some((row, field)) => (row, e.at(field)),
        None => (1, e),
    }
}
