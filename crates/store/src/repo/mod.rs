//! Repositories: the only code that reads and writes business tables. Each takes the acting
//! [`Principal`](crate::scope::Principal) and applies its data scope.

pub mod auth;
pub mod dashboard;
pub mod dicts;
pub mod files;
pub mod jobs;
pub mod logs;
pub mod notices;
pub mod orgs;
pub mod params;
pub mod regions;
pub mod roles;
pub mod throttle;
pub mod users;

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect,
};

use crate::scope::{Principal, Scoped, scoped};
use crate::{Result, StoreError};

/// The record `id` of `E` if it lies in the caller's scope; `NotFound` otherwise.
pub async fn get_scoped<E: Scoped, C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    id: i64,
) -> Result<E::Model> {
    let id_col = E::id_col().ok_or(StoreError::NotFound)?;
    scoped::<E>(p)
        .filter(id_col.eq(id))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

/// [`get_scoped`] for a write: the row stays locked until the transaction ends (PostgreSQL
/// `FOR UPDATE`; a SQLite write transaction holds the whole database already), so that a write
/// judged on other rows (totals so far, the last report) waits for a concurrent one on the same
/// record and then sees its version and its rows.
pub async fn lock_scoped<E: Scoped, C: ConnectionTrait>(
    txn: &C,
    p: &Principal,
    id: i64,
) -> Result<E::Model> {
    let id_col = E::id_col().ok_or(StoreError::NotFound)?;
    scoped::<E>(p)
        .filter(id_col.eq(id))
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or(StoreError::NotFound)
}

/// The row `id` of `E` (no scope: for the parts of a record whose scope was checked).
pub async fn by_id<E, C>(db: &C, id: i64) -> Result<E::Model>
where
    E: EntityTrait,
    <E::PrimaryKey as sea_orm::PrimaryKeyTrait>::ValueType: From<i64>,
    C: ConnectionTrait,
{
    E::find_by_id(id).one(db).await?.ok_or(StoreError::NotFound)
}

/// The rows of `E` whose `col` is one of `ids`, keyed by `key` (their id): the lookups that
/// turn a page of rows into views.
pub async fn by_ids<E: EntityTrait, C: ConnectionTrait>(
    db: &C,
    col: E::Column,
    ids: impl IntoIterator<Item = i64>,
    key: impl Fn(&E::Model) -> i64,
) -> Result<std::collections::HashMap<i64, E::Model>> {
    let mut ids: Vec<i64> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    let rows = E::find().filter(col.is_in(ids)).all(db).await?;
    Ok(rows.into_iter().map(|r| (key(&r), r)).collect())
}

/// Writes the set fields of `am` to row `id` if its version is still `version`, and bumps the
/// version; `VersionConflict` when someone wrote first (nothing is changed then).
pub async fn update_versioned<E, A, C>(
    db: &C,
    id_col: E::Column,
    version_col: E::Column,
    id: i64,
    version: i32,
    am: A,
) -> Result<()>
where
    E: EntityTrait,
    A: ActiveModelTrait<Entity = E>,
    C: ConnectionTrait,
{
    let res = E::update_many()
        .set(am)
        .col_expr(version_col, Expr::col(version_col).add(1))
        .filter(id_col.eq(id))
        .filter(version_col.eq(version))
        .exec(db)
        .await?;
    if res.rows_affected == 0 {
        Err(StoreError::VersionConflict)
    } else {
        Ok(())
    }
}

/// A submitted status, checked ([`check_status`] reports it with the other fields first).
pub fn parse_status(field: &str, status: &str) -> Result<longzhi_domain::Status> {
    longzhi_domain::Status::parse(field, status)
        .map_err(|e| StoreError::Validation(longzhi_domain::FieldErrors(vec![e])))
}

pub fn check_status(
    field: &str,
    status: &str,
) -> std::result::Result<(), longzhi_domain::FieldError> {
    longzhi_domain::Status::parse(field, status).map(|_| ())
}

/// Row errors of an import (row number, field error); nothing is stored when there is any.
pub type ImportOutcome = std::result::Result<usize, Vec<(usize, longzhi_domain::FieldError)>>;

/// A row of an import file that knows how to create itself.
pub trait ImportRow: Send {
    fn create(
        self,
        txn: &sea_orm::DatabaseTransaction,
        p: &crate::scope::Principal,
    ) -> impl std::future::Future<Output = Result<()>> + Send;
}

/// Whether an import with invalid rows stores nothing or its valid rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImportMode {
    /// Nothing is stored while any row is invalid (the default: the user fixes the file).
    #[default]
    AllOrNothing,
    /// The valid rows are stored and the invalid ones reported (the user chose to).
    ValidRows,
}

/// Creates every row inside one transaction. Rows that break a rule are collected with their
/// row number; if any did, the transaction is dropped and nothing is stored.
pub async fn import_rows<T: ImportRow>(
    db: &sea_orm::DatabaseConnection,
    p: &crate::scope::Principal,
    rows: Vec<(usize, T)>,
) -> Result<ImportOutcome> {
    let (created, errors) = import_rows_in(db, p, rows, ImportMode::AllOrNothing).await?;
    Ok(if errors.is_empty() {
        Ok(created)
    } else {
        Err(errors)
    })
}

/// Creates the rows in one transaction, each in its own savepoint so that a row refused by the
/// database (a duplicate) leaves the others intact; returns the rows created and every row
/// error. In [`ImportMode::AllOrNothing`] any error stores nothing (0 created).
pub async fn import_rows_in<T: ImportRow>(
    db: &sea_orm::DatabaseConnection,
    p: &crate::scope::Principal,
    rows: Vec<(usize, T)>,
    mode: ImportMode,
) -> Result<(usize, Vec<(usize, longzhi_domain::FieldError)>)> {
    use sea_orm::TransactionTrait;
    let txn = crate::backend::begin_write(db).await?;
    let mut created = 0;
    let mut errors = Vec::new();
    for (row, item) in rows {
        let savepoint = txn.begin().await?;
        let error = match item.create(&savepoint, p).await {
            Ok(()) => {
                savepoint.commit().await?;
                created += 1;
                continue;
            }
            Err(StoreError::Validation(f)) => f.0,
            Err(StoreError::Duplicate { field }) => vec![longzhi_domain::FieldError::new(
                field,
                longzhi_domain::Rule::Unique,
            )],
            Err(e) => return Err(e),
        };
        savepoint.rollback().await?;
        errors.extend(error.into_iter().map(|e| (row, e)));
    }
    if !errors.is_empty() && mode == ImportMode::AllOrNothing {
        return Ok((0, errors));
    }
    txn.commit().await?;
    Ok((created, errors))
}

#[cfg(test)]
mod tests {
    use utoipa::PartialSchema;

    fn schema_json<T: PartialSchema>() -> serde_json::Value {
        serde_json::to_value(T::schema()).unwrap()
    }

    #[test]
    fn statuses_are_enums_in_the_views_and_checked_on_input() {
        let user = schema_json::<super::users::UserView>();
        assert_eq!(
            user["properties"]["status"]["$ref"],
            "#/components/schemas/Status"
        );
        assert!(super::check_status("status", "active").is_ok());
        let e = super::check_status("status", "enabled").unwrap_err();
        assert_eq!(
            (e.field.as_str(), e.rule, e.param("allowed")),
            (
                "status",
                longzhi_domain::Rule::Enum,
                Some("active,disabled")
            )
        );
    }
}
