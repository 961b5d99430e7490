//! The quality module's tables: the indicator catalogue, frameworks and their trees, collection
//! rounds and submissions, the values, data-sharing tokens, improvement actions.

use longzhi_store::migration::schema::{index, scope_cols, stamps, table_auto_plain};
use sea_orm_migration::{prelude::*, schema::*};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "quality_m0001_tables"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let tables: Vec<TableCreateStatement> = vec![
            stamps(
                table_auto_plain("quality_indicators")
                    .col(big_pk_auto("id"))
                    .col(string_uniq("code"))
                    .col(string("name"))
                    .col(string("name_en"))
                    .col(string("unit"))
                    .col(integer("direction"))
                    .col(string("source"))
                    .col(string("frequency"))
                    .col(text("formula"))
                    .col(double_null("min_value"))
                    .col(double_null("max_value"))
                    .col(string("status")),
            )
            .to_owned(),
            stamps(
                table_auto_plain("quality_frameworks")
                    .col(big_pk_auto("id"))
                    .col(string("code"))
                    .col(integer("revision"))
                    .col(string("name"))
                    .col(text("description"))
                    .col(string("normalisation"))
                    .col(string("aggregation"))
                    .col(string("weighting"))
                    .col(string("imputation"))
                    .col(double("weight_noise"))
                    .col(integer("mc_runs"))
                    .col(double("change_threshold"))
                    .col(string("status")),
            )
            .to_owned(),
            table_auto_plain("quality_framework_nodes")
                .col(big_pk_auto("id"))
                .col(big_integer("framework_id"))
                .col(string("code"))
                .col(string("name"))
                .col(string_null("parent_code"))
                .col(double("weight"))
                .col(big_integer_null("indicator_id"))
                .col(integer("seq"))
                .to_owned(),
            stamps(
                table_auto_plain("quality_rounds")
                    .col(big_pk_auto("id"))
                    .col(big_integer("framework_id"))
                    .col(integer("year"))
                    .col(string("title"))
                    .col(date("deadline"))
                    .col(string("status"))
                    .col(big_integer_null("opened_by")),
            )
            .to_owned(),
            stamps(scope_cols(
                table_auto_plain("quality_submissions")
                    .col(big_pk_auto("id"))
                    .col(big_integer("round_id"))
                    .col(integer("year"))
                    .col(string("region_code"))
                    .col(string("status"))
                    .col(text_null("comment"))
                    .col(timestamp_with_time_zone_null("submitted_at"))
                    .col(string_null("submitted_by_name"))
                    .col(timestamp_with_time_zone_null("reviewed_at"))
                    .col(string_null("reviewed_by_name"))
                    .col(date_null("reminded_on")),
            ))
            .to_owned(),
            stamps(scope_cols(
                table_auto_plain("quality_values")
                    .col(big_pk_auto("id"))
                    .col(big_integer("indicator_id"))
                    .col(string("region_code"))
                    .col(integer("year"))
                    .col(double("value"))
                    .col(text_null("note"))
                    .col(string("source"))
                    .col(boolean("published"))
                    .col(string("updated_by_name")),
            ))
            .to_owned(),
            table_auto_plain("quality_tokens")
                .col(big_pk_auto("id"))
                .col(string("name"))
                .col(string("prefix"))
                .col(string_uniq("token_hash"))
                .col(string_null("region_code"))
                .col(string("created_by_name"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("last_used_at"))
                .col(timestamp_with_time_zone_null("revoked_at"))
                .to_owned(),
            stamps(scope_cols(
                table_auto_plain("quality_actions")
                    .col(big_pk_auto("id"))
                    .col(string("title"))
                    .col(string("kind"))
                    .col(string_null("industry"))
                    .col(string_null("region_code"))
                    .col(text("indicator_codes"))
                    .col(text("targets"))
                    .col(date("start_date"))
                    .col(date("end_date"))
                    .col(string("status"))
                    .col(integer("progress")),
            ))
            .to_owned(),
            scope_cols(
                table_auto_plain("quality_action_reports")
                    .col(big_pk_auto("id"))
                    .col(big_integer("action_id"))
                    .col(date("report_date"))
                    .col(integer("progress"))
                    .col(text("text"))
                    .col(string("by_name"))
                    .col(timestamp_with_time_zone("created_at")),
            )
            .to_owned(),
        ];
        for t in tables {
            m.create_table(t).await?;
        }
        let indexes = [
            index("quality_frameworks", &["code", "revision"], true),
            index("quality_framework_nodes", &["framework_id", "code"], true),
            index("quality_rounds", &["year"], false),
            index("quality_submissions", &["round_id", "region_code"], true),
            index("quality_submissions", &["year", "region_code"], false),
            index("quality_submissions", &["region_path"], false),
            index(
                "quality_values",
                &["indicator_id", "region_code", "year"],
                true,
            ),
            index("quality_values", &["year", "published"], false),
            index("quality_values", &["region_path"], false),
            index("quality_actions", &["region_path"], false),
            index("quality_action_reports", &["action_id"], false),
        ];
        for i in indexes {
            m.create_index(i).await?;
        }
        Ok(())
    }
}
