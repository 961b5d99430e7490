//! The one migration set, run on SQLite and on PostgreSQL alike.

use sea_orm_migration::prelude::*;

mod m0001_foundation;
mod m0002_plans;
mod m0003_audit_chain;
mod m0004_login_throttle;

pub struct Migrator;

impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_foundation::Migration),
            Box::new(m0002_plans::Migration),
            Box::new(m0003_audit_chain::Migration),
            Box::new(m0004_login_throttle::Migration),
        ]
    }
}
