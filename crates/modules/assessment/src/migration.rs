//! The assessment module's tables: years, indicators, evaluations and their items,
//! remediations with their talks, and the national findings.

use longzhi_store::migration::schema::{index, scope_cols, stamps, table_auto_plain};
use sea_orm_migration::{prelude::*, schema::*};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "assessment_m0001_tables"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let tables: Vec<TableCreateStatement> = vec![
            stamps(
                table_auto_plain("assessment_years")
                    .col(big_pk_auto("id"))
                    .col(integer("year"))
                    .col(string("title"))
                    .col(string("status"))
                    .col(date("self_deadline"))
                    .col(text("grades"))
                    .col(double("fail_below"))
                    .col(integer("bottom_count"))
                    .col(integer("remediation_days"))
                    .col(text("cities"))
                    .col(timestamp_with_time_zone_null("published_at"))
                    .col(date_null("published_on"))
                    .col(integer("reopened")),
            )
            .to_owned(),
            stamps(
                table_auto_plain("assessment_indicators")
                    .col(big_pk_auto("id"))
                    .col(big_integer("year_id"))
                    .col(string("part"))
                    .col(string("code"))
                    .col(string("name"))
                    .col(double("points"))
                    .col(text("rule"))
                    .col(text("evidence"))
                    .col(big_integer("department_id"))
                    .col(integer("sort")),
            )
            .to_owned(),
            stamps(scope_cols(
                table_auto_plain("assessment_evaluations")
                    .col(big_pk_auto("id"))
                    .col(big_integer("year_id"))
                    .col(string("city_code"))
                    .col(string("status"))
                    .col(text("targets"))
                    .col(timestamp_with_time_zone_null("submitted_at"))
                    .col(boolean("veto"))
                    .col(text_null("veto_reason"))
                    .col(double_null("total"))
                    .col(string_null("grade"))
                    .col(integer_null("rank")),
            ))
            .to_owned(),
            table_auto_plain("assessment_items")
                .col(big_pk_auto("id"))
                .col(big_integer("evaluation_id"))
                .col(big_integer("indicator_id"))
                .col(double_null("claimed"))
                .col(text("statement"))
                .col(double_null("score"))
                .col(text("comment"))
                .col(string_null("scored_by"))
                .col(timestamp_with_time_zone_null("scored_at"))
                .to_owned(),
            stamps(scope_cols(
                table_auto_plain("assessment_remediations")
                    .col(big_pk_auto("id"))
                    .col(big_integer("year_id"))
                    .col(big_integer("evaluation_id"))
                    .col(string("city_code"))
                    .col(string("reason"))
                    .col(date("due_on"))
                    .col(string("status"))
                    .col(text("report"))
                    .col(timestamp_with_time_zone_null("submitted_at"))
                    .col(text_null("review_note"))
                    .col(timestamp_with_time_zone_null("closed_at")),
            ))
            .to_owned(),
            table_auto_plain("assessment_talks")
                .col(big_pk_auto("id"))
                .col(big_integer("remediation_id"))
                .col(date("held_on"))
                .col(text("participants"))
                .col(text("summary"))
                .col(string("recorded_by"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
            stamps(scope_cols(
                table_auto_plain("assessment_findings")
                    .col(big_pk_auto("id"))
                    .col(integer("year"))
                    .col(text("finding"))
                    .col(text("measures"))
                    .col(date("due_on"))
                    .col(string("status"))
                    .col(text("progress"))
                    .col(timestamp_with_time_zone_null("closed_at"))
                    .col(text_null("close_note")),
            ))
            .to_owned(),
        ];
        for t in tables {
            m.create_table(t).await?;
        }
        for i in [
            index("assessment_years", &["year"], true),
            index("assessment_indicators", &["year_id", "code"], true),
            index("assessment_evaluations", &["year_id", "city_code"], true),
            index("assessment_items", &["evaluation_id", "indicator_id"], true),
            index("assessment_items", &["indicator_id"], false),
            index("assessment_remediations", &["year_id", "city_code"], false),
            index("assessment_talks", &["remediation_id"], false),
            index("assessment_findings", &["year"], false),
        ] {
            m.create_index(i).await?;
        }
        Ok(())
    }
}
