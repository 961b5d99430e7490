//! Failed sign-ins counted per user name and per client address, for the lock-out and the
//! address throttle (`repo/throttle.rs`).

use sea_orm_migration::{prelude::*, schema::*};

use super::schema::table_auto_plain;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0004_login_throttle"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            table_auto_plain("login_throttle")
                .col(string("key").primary_key())
                .col(integer("failures").default(0))
                .col(timestamp_with_time_zone("window_start"))
                .col(timestamp_with_time_zone_null("locked_until"))
                .to_owned(),
        )
        .await
    }
}
