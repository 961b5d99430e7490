//! The one migration set, run on SQLite and on PostgreSQL alike: the core's migrations, then the
//! modules' (each module keeps its own in its folder).

use sea_orm_migration::MigratorTraitSelf;
use sea_orm_migration::prelude::*;

mod m0001_foundation;
mod m0002_plans;
mod m0003_audit_chain;
mod m0004_login_throttle;
mod m0005_jobs;
pub mod schema;

/// The core's migrations, in order.
pub fn core() -> Vec<Box<dyn MigrationTrait>> {
    vec![
        Box::new(m0001_foundation::Migration),
        Box::new(m0002_plans::Migration),
        Box::new(m0003_audit_chain::Migration),
        Box::new(m0004_login_throttle::Migration),
        Box::new(m0005_jobs::Migration),
    ]
}

/// A module's migrations, in order (a function: SeaORM asks for the list more than once).
pub type MigrationSet = fn() -> Vec<Box<dyn MigrationTrait>>;

/// The core's migrations followed by the modules' of this build.
pub struct Migrations(pub Vec<MigrationSet>);

#[async_trait::async_trait]
impl MigratorTraitSelf for Migrations {
    fn migrations(&self) -> Vec<Box<dyn MigrationTrait>> {
        let mut all = core();
        for set in &self.0 {
            all.extend(set());
        }
        all
    }
}
