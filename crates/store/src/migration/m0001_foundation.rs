//! Regions, organisations, users, roles, sessions, logs, dictionaries, parameters, leases.
//!
//! Every business table carries the three *scope columns* the data-scope filter reads:
//! `region_path` (materialised path of the region the record belongs to), `org_id` and `owner_id`.

use sea_orm_migration::{prelude::*, schema::*};

use super::schema::{index, scope_cols, stamps, table_auto_plain};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m0001_foundation"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let tables: Vec<TableCreateStatement> = vec![
            stamps(
                table_auto_plain("regions")
                    .col(big_pk_auto("id"))
                    .col(string("code"))
                    .col(string("name"))
                    .col(string("name_en"))
                    .col(string("level"))
                    .col(big_integer_null("parent_id"))
                    .col(string("path"))
                    .col(integer("sort").default(0)),
            )
            .to_owned(),
            stamps(scope_cols(
                table_auto_plain("orgs")
                    .col(big_pk_auto("id"))
                    .col(string("code"))
                    .col(string("name"))
                    .col(string("kind"))
                    .col(big_integer("region_id"))
                    .col(big_integer_null("parent_id"))
                    .col(string("path"))
                    .col(string_null("credit_code"))
                    .col(string_null("contact"))
                    .col(string_null("phone"))
                    .col(string("status"))
                    .col(integer("sort").default(0)),
            ))
            .to_owned(),
            stamps(scope_cols(
                table_auto_plain("users")
                    .col(big_pk_auto("id"))
                    .col(string("username"))
                    .col(string("display_name"))
                    .col(string_null("email"))
                    .col(string_null("phone"))
                    .col(string("password_hash"))
                    .col(boolean("must_change_password"))
                    .col(string("status"))
                    .col(integer("failed_logins").default(0))
                    .col(timestamp_with_time_zone_null("locked_until"))
                    .col(timestamp_with_time_zone_null("last_login_at"))
                    .col(timestamp_with_time_zone("password_changed_at")),
            ))
            .to_owned(),
            stamps(
                table_auto_plain("roles")
                    .col(big_pk_auto("id"))
                    .col(string("code"))
                    .col(string("name"))
                    .col(string("name_en"))
                    .col(string("data_scope"))
                    .col(text("permissions"))
                    .col(boolean("builtin"))
                    .col(string("status"))
                    .col(integer("sort").default(0)),
            )
            .to_owned(),
            table_auto_plain("user_roles")
                .col(big_integer("user_id"))
                .col(big_integer("role_id"))
                .primary_key(Index::create().col("user_id").col("role_id"))
                .to_owned(),
            table_auto_plain("sessions")
                .col(string("id").primary_key())
                .col(big_integer("user_id"))
                .col(string("csrf_token"))
                .col(string("ip"))
                .col(string("user_agent"))
                .col(string("region_path"))
                .col(big_integer("org_id"))
                .col(integer("idle_minutes"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("last_seen_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .col(timestamp_with_time_zone_null("revoked_at"))
                .to_owned(),
            table_auto_plain("login_logs")
                .col(big_pk_auto("id"))
                .col(string("username"))
                .col(big_integer_null("user_id"))
                .col(boolean("success"))
                .col(string("reason"))
                .col(string("ip"))
                .col(string("user_agent"))
                .col(string("region_path"))
                .col(big_integer_null("org_id"))
                .col(timestamp_with_time_zone("at"))
                .to_owned(),
            table_auto_plain("audit_logs")
                .col(big_pk_auto("id"))
                .col(timestamp_with_time_zone("at"))
                .col(big_integer_null("actor_id"))
                .col(string("actor_name"))
                .col(string("entity"))
                .col(string("entity_id"))
                .col(string("action"))
                .col(text_null("before"))
                .col(text_null("after"))
                .col(string_null("request_id"))
                .col(string("region_path"))
                .col(big_integer_null("org_id"))
                .to_owned(),
            stamps(
                table_auto_plain("dict_types")
                    .col(big_pk_auto("id"))
                    .col(string("code"))
                    .col(string("name"))
                    .col(string("name_en"))
                    .col(string("status"))
                    .col(boolean("builtin")),
            )
            .to_owned(),
            stamps(
                table_auto_plain("dict_items")
                    .col(big_pk_auto("id"))
                    .col(string("type_code"))
                    .col(string("value"))
                    .col(string("label"))
                    .col(string("label_en"))
                    .col(integer("sort").default(0))
                    .col(string("status")),
            )
            .to_owned(),
            stamps(
                table_auto_plain("params")
                    .col(big_pk_auto("id"))
                    .col(string("key"))
                    .col(text("value"))
                    .col(string("kind"))
                    .col(string("name"))
                    .col(string("name_en"))
                    .col(integer_null("min_value"))
                    .col(integer_null("max_value")),
            )
            .to_owned(),
            table_auto_plain("assignments")
                .col(big_pk_auto("id"))
                .col(string("entity"))
                .col(big_integer("entity_id"))
                .col(big_integer("user_id"))
                .to_owned(),
            table_auto_plain("leases")
                .col(string("name").primary_key())
                .col(string("holder"))
                .col(timestamp_with_time_zone("expires_at"))
                .to_owned(),
        ];
        for t in tables {
            m.create_table(t).await?;
        }
        let indexes = [
            index("regions", &["code"], true),
            index("regions", &["path"], false),
            index("orgs", &["code"], true),
            index("orgs", &["credit_code"], true),
            index("orgs", &["region_path"], false),
            index("users", &["username"], true),
            index("users", &["region_path"], false),
            index("users", &["org_id"], false),
            index("roles", &["code"], true),
            index("sessions", &["user_id"], false),
            index("login_logs", &["at"], false),
            index("login_logs", &["region_path"], false),
            index("audit_logs", &["at"], false),
            index("audit_logs", &["entity", "entity_id"], false),
            index("audit_logs", &["region_path"], false),
            index("dict_types", &["code"], true),
            index("dict_items", &["type_code", "value"], true),
            index("params", &["key"], true),
            index("assignments", &["entity", "user_id", "entity_id"], true),
        ];
        for i in indexes {
            m.create_index(i).await?;
        }
        Ok(())
    }
}
