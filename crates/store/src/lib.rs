//! Persistence for Longzhi: entities, the migration set, and repositories.
//!
//! Handlers never see SQL. Every repository query that returns business data starts from
//! [`scope::scoped`], which applies the caller's data scope; every write goes through a
//! transaction that also records the audit entry ([`audit`]).

pub mod audit;
pub mod backend;
pub mod cpu;
pub mod entity;
mod error;
pub mod lease;
pub mod migration;
pub mod page;
pub mod password;
pub mod repo;
pub mod scope;
pub mod seed;
pub mod storage;

pub use error::StoreError;
pub use sea_orm::DatabaseConnection;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Today in China Standard Time (UTC+8, no daylight saving): the day deadlines and daily jobs
/// count in.
pub fn today() -> chrono::NaiveDate {
    local_date(chrono::Utc::now())
}

/// The China Standard Time day of an instant.
pub fn local_date(at: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
    (at + chrono::Duration::hours(8)).date_naive()
}

/// The instant a China Standard Time day begins.
pub fn local_midnight(day: chrono::NaiveDate) -> chrono::DateTime<chrono::Utc> {
    // At the edge of the calendar the instant would overflow: the earliest one stands for it.
    day.and_time(chrono::NaiveTime::MIN)
        .and_utc()
        .checked_sub_signed(chrono::Duration::hours(8))
        .unwrap_or(chrono::DateTime::<chrono::Utc>::MIN_UTC)
}

/// Applies every pending migration: the core's, then `modules`' (in the order given).
pub async fn migrate(
    db: &DatabaseConnection,
    modules: &[migration::MigrationSet],
) -> Result<(), sea_orm::DbErr> {
    use sea_orm_migration::MigratorTraitSelf;
    migration::Migrations(modules.to_vec()).up(db, None).await
}

/// How many migrations are not applied yet (0 when ready).
pub async fn pending_migrations(
    db: &DatabaseConnection,
    modules: &[migration::MigrationSet],
) -> Result<usize, sea_orm::DbErr> {
    use sea_orm_migration::MigratorTraitSelf;
    Ok(migration::Migrations(modules.to_vec())
        .get_pending_migrations(db)
        .await?
        .len())
}
