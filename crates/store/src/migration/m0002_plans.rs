//! Notices, uploaded files and the database blob store. (Named for the work plans, whose tables
//! it created before the plan module had its own migrations: an applied name never changes.)

use sea_orm_migration::{prelude::*, schema::*};

use super::schema::{index, scope_cols, table_auto_plain};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0002_plans"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let tables: Vec<TableCreateStatement> = vec![
            table_auto_plain("notices")
                .col(big_pk_auto("id"))
                .col(big_integer("user_id"))
                .col(string("kind"))
                .col(string("title"))
                .col(text("body"))
                .col(string("link"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("read_at"))
                .to_owned(),
            scope_cols(
                table_auto_plain("files")
                    .col(big_pk_auto("id"))
                    .col(string("name"))
                    .col(string("mime"))
                    .col(big_integer("size"))
                    .col(string("sha256"))
                    .col(string("storage_key"))
                    .col(string_null("entity"))
                    .col(big_integer_null("entity_id"))
                    .col(timestamp_with_time_zone("created_at")),
            )
            .to_owned(),
            table_auto_plain("blobs")
                .col(string("key").primary_key())
                .col(blob("data"))
                .to_owned(),
        ];
        for t in tables {
            m.create_table(t).await?;
        }
        let indexes = [
            index("notices", &["user_id", "read_at"], false),
            index("files", &["entity", "entity_id"], false),
        ];
        for i in indexes {
            m.create_index(i).await?;
        }
        Ok(())
    }
}
