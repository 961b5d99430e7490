//! The service-quality module's tables: questionnaires, rounds, quotas, responses, one-time
//! links, remediation tasks and coordinated events.

use longzhi_store::migration::schema::{index, scope_cols, stamps, table_auto_plain};
use sea_orm_migration::{prelude::*, schema::*};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "service_m0001_tables"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let tables: Vec<TableCreateStatement> = vec![
            stamps(
                table_auto_plain("service_surveys")
                    .col(big_pk_auto("id"))
                    .col(string("code"))
                    .col(string("name"))
                    .col(integer("edition"))
                    .col(string("status"))
                    .col(integer("scale_min"))
                    .col(integer("scale_max"))
                    .col(integer("min_seconds"))
                    .col(double("max_missing"))
                    .col(string("target"))
                    .col(text("services"))
                    .col(text("model")),
            )
            .to_owned(),
            stamps(
                table_auto_plain("service_rounds")
                    .col(big_pk_auto("id"))
                    .col(big_integer("survey_id"))
                    .col(string("name"))
                    .col(integer("year"))
                    .col(date("starts_on"))
                    .col(date("ends_on"))
                    .col(string("status"))
                    .col(integer("resamples"))
                    .col(big_integer("seed"))
                    .col(text_null("results"))
                    .col(timestamp_with_time_zone_null("computed_at"))
                    .col(timestamp_with_time_zone_null("published_at")),
            )
            .to_owned(),
            stamps(scope_cols(
                table_auto_plain("service_quotas")
                    .col(big_pk_auto("id"))
                    .col(big_integer("round_id"))
                    .col(string("region_code"))
                    .col(string("service"))
                    .col(integer("target")),
            ))
            .to_owned(),
            scope_cols(
                table_auto_plain("service_responses")
                    .col(big_pk_auto("id"))
                    .col(big_integer("round_id"))
                    .col(big_integer("quota_id"))
                    .col(string("region_code"))
                    .col(string("service"))
                    .col(string("channel"))
                    .col(text("answers"))
                    .col(integer_null("duration_seconds"))
                    .col(string("flags"))
                    .col(boolean("excluded"))
                    .col(string_null("entered_by"))
                    .col(timestamp_with_time_zone("created_at")),
            )
            .to_owned(),
            table_auto_plain("service_links")
                .col(big_pk_auto("id"))
                .col(big_integer("round_id"))
                .col(big_integer("quota_id"))
                .col(string_uniq("token_hash"))
                .col(timestamp_with_time_zone_null("used_at"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
            stamps(scope_cols(
                table_auto_plain("service_tasks")
                    .col(big_pk_auto("id"))
                    .col(big_integer("round_id"))
                    .col(string("region_code"))
                    .col(string("service"))
                    .col(string("title"))
                    .col(text("requirement"))
                    .col(date("deadline"))
                    .col(string("status"))
                    .col(text_null("evidence"))
                    .col(timestamp_with_time_zone_null("submitted_at"))
                    .col(string_null("submitted_by"))
                    .col(text_null("review_comment"))
                    .col(string_null("reviewed_by"))
                    .col(timestamp_with_time_zone_null("reviewed_at")),
            ))
            .to_owned(),
            stamps(scope_cols(
                table_auto_plain("service_events")
                    .col(big_pk_auto("id"))
                    .col(string("title"))
                    .col(string("region_code"))
                    .col(string("service"))
                    .col(string("severity"))
                    .col(date("occurred_on"))
                    .col(text("description"))
                    .col(string("status"))
                    .col(text_null("assessment"))
                    .col(integer_null("rating")),
            ))
            .to_owned(),
            table_auto_plain("service_event_orgs")
                .col(big_pk_auto("id"))
                .col(big_integer("event_id"))
                .col(big_integer("org_id"))
                .to_owned(),
            table_auto_plain("service_event_actions")
                .col(big_pk_auto("id"))
                .col(big_integer("event_id"))
                .col(string("kind"))
                .col(big_integer("org_id"))
                .col(string("user_name"))
                .col(text("note"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        ];
        for t in tables {
            m.create_table(t).await?;
        }
        for i in [
            index("service_surveys", &["code", "edition"], true),
            index("service_rounds", &["survey_id"], false),
            index(
                "service_quotas",
                &["round_id", "region_code", "service"],
                true,
            ),
            index("service_responses", &["round_id", "quota_id"], false),
            index("service_links", &["quota_id"], false),
            index("service_tasks", &["round_id"], false),
            index("service_event_orgs", &["event_id", "org_id"], true),
            index("service_event_actions", &["event_id"], false),
        ] {
            m.create_index(i).await?;
        }
        Ok(())
    }
}
