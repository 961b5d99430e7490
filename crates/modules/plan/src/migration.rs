//! The work plans' tables: plans with their parts, points and tasks, the targets each addressee
//! reports on, and the reports. Installations from before the module kit have them already (the
//! core's `m0002_plans` created them), which `if_not_exists` makes harmless.

use longzhi_store::migration::schema::{index, scope_cols, stamps, table_auto_plain};
use sea_orm_migration::{prelude::*, schema::*};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "plan_m0001_tables"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let tables: Vec<TableCreateStatement> = vec![
            stamps(scope_cols(
                table_auto_plain("plans")
                    .col(big_pk_auto("id"))
                    .col(integer("year"))
                    .col(string("title"))
                    .col(string_null("doc_no"))
                    .col(date("start_date"))
                    .col(date("end_date"))
                    .col(string("status"))
                    .col(timestamp_with_time_zone_null("published_at"))
                    .col(timestamp_with_time_zone_null("closed_at")),
            ))
            .to_owned(),
            table_auto_plain("plan_parts")
                .col(big_pk_auto("id"))
                .col(big_integer("plan_id"))
                .col(integer("seq"))
                .col(string("title"))
                .to_owned(),
            table_auto_plain("plan_points")
                .col(big_pk_auto("id"))
                .col(big_integer("plan_id"))
                .col(big_integer("part_id"))
                .col(integer("seq"))
                .col(string("title"))
                .col(text("body"))
                .to_owned(),
            stamps(
                table_auto_plain("plan_tasks")
                    .col(big_pk_auto("id"))
                    .col(big_integer("plan_id"))
                    .col(big_integer("point_id"))
                    .col(integer("seq"))
                    .col(string("title"))
                    .col(big_integer_null("lead_dept_id"))
                    .col(text("participant_ids"))
                    .col(string("city_scope"))
                    .col(text("city_codes"))
                    .col(date("deadline"))
                    .col(text("evidence")),
            )
            .to_owned(),
            stamps(scope_cols(
                table_auto_plain("plan_targets")
                    .col(big_pk_auto("id"))
                    .col(big_integer("plan_id"))
                    .col(big_integer("point_id"))
                    .col(big_integer("task_id"))
                    .col(date("deadline"))
                    .col(string("status"))
                    .col(integer("percent"))
                    .col(string("review"))
                    .col(boolean("overdue"))
                    .col(date_null("reminded_on"))
                    .col(timestamp_with_time_zone_null("last_report_at")),
            ))
            .to_owned(),
            scope_cols(
                table_auto_plain("plan_reports")
                    .col(big_pk_auto("id"))
                    .col(big_integer("plan_id"))
                    .col(big_integer("target_id"))
                    .col(string("status"))
                    .col(integer("percent"))
                    .col(text("text"))
                    .col(date("report_date"))
                    .col(big_integer("submitted_by"))
                    .col(string("submitted_by_name"))
                    .col(timestamp_with_time_zone("submitted_at"))
                    .col(string("review"))
                    .col(text_null("review_comment"))
                    .col(big_integer_null("reviewed_by"))
                    .col(string_null("reviewed_by_name"))
                    .col(timestamp_with_time_zone_null("reviewed_at")),
            )
            .to_owned(),
        ];
        for t in tables {
            m.create_table(t).await?;
        }
        let indexes = [
            index("plans", &["year"], false),
            index("plan_parts", &["plan_id"], false),
            index("plan_points", &["part_id"], false),
            index("plan_tasks", &["point_id"], false),
            index("plan_targets", &["task_id", "org_id"], true),
            index("plan_targets", &["plan_id"], false),
            index("plan_targets", &["region_path"], false),
            index("plan_targets", &["deadline"], false),
            index("plan_reports", &["target_id"], false),
        ];
        for i in indexes {
            m.create_index(i).await?;
        }
        Ok(())
    }
}
