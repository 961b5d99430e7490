//! Background jobs a user asks for (a report, a sensitivity analysis): queued here, taken by one
//! server under a lease, their progress and result kept for the asker (`repo/jobs.rs`).

use sea_orm_migration::{prelude::*, schema::*};

use super::schema::{index, scope_cols, table_auto_plain};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0005_jobs"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            scope_cols(
                table_auto_plain("jobs")
                    .col(big_pk_auto("id"))
                    .col(string("kind"))
                    .col(text("params"))
                    .col(string("status"))
                    .col(integer("progress").default(0))
                    .col(text_null("message"))
                    .col(text_null("result"))
                    .col(big_integer_null("file_id"))
                    .col(string_null("holder"))
                    .col(timestamp_with_time_zone_null("lease_until"))
                    .col(integer("attempts").default(0))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("started_at"))
                    .col(timestamp_with_time_zone_null("finished_at")),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(index("jobs", &["status"], false)).await?;
        m.create_index(index("jobs", &["kind", "owner_id"], false))
            .await
    }
}
