//! Persistence for Longzhi: entities, the migration set, and repositories.
//!
//! Handlers never see SQL. Every repository query that returns business data starts from
//! [`scope::scoped`], which applies the caller's data scope; every write goes through a
//! transaction that also records the audit entry ([`audit`]).

pub mod audit;
pub mod backend;
mod demo_plan;
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

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), sea_orm::DbErr> {
    use sea_orm_migration::MigratorTrait;
    migration::Migrator::up(db, None).await
}

/// How many migrations are not applied yet (0 when ready).
pub async fn pending_migrations(db: &DatabaseConnection) -> Result<usize, sea_orm::DbErr> {
    use sea_orm_migration::MigratorTrait;
    Ok(migration::Migrator::get_pending_migrations(db).await?.len())
}
