//! The programme module's tables: rounds, applications, the expert pool, panels, scores,
//! objections and terms.

use longzhi_store::migration::schema::{index, scope_cols, stamps, table_auto_plain};
use sea_orm_migration::{prelude::*, schema::*};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "programme_m0001_tables"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let tables: Vec<TableCreateStatement> = vec![
            stamps(
                table_auto_plain("programme_rounds")
                    .col(big_pk_auto("id"))
                    .col(string("kind"))
                    .col(string("name"))
                    .col(integer("year"))
                    .col(string("status"))
                    .col(string("stage"))
                    .col(text("rubric"))
                    .col(text("eligibility"))
                    .col(integer("winners_quota"))
                    .col(integer("nominations_quota"))
                    .col(date("apply_from"))
                    .col(date("apply_until"))
                    .col(integer("notice_days"))
                    .col(date_null("notice_from"))
                    .col(date_null("notice_until"))
                    .col(boolean("anonymous"))
                    .col(integer("reviewers_per_application"))
                    .col(boolean("same_region_conflict"))
                    .col(integer("term_years"))
                    .col(integer("surveillance_years"))
                    .col(big_integer("blind_seed"))
                    .col(date_null("decided_on")),
            )
            .to_owned(),
            stamps(scope_cols(
                table_auto_plain("programme_applications")
                    .col(big_pk_auto("id"))
                    .col(big_integer("round_id"))
                    .col(string("applicant_name"))
                    .col(string("region_code"))
                    .col(string("industry"))
                    .col(string("product"))
                    .col(text("summary"))
                    .col(string("contact"))
                    .col(text("self_assessment"))
                    .col(string("status"))
                    .col(string_null("code"))
                    .col(text_null("recommendation_note"))
                    .col(string_null("recommended_by"))
                    .col(text("eligibility"))
                    .col(double_null("final_score"))
                    .col(integer_null("rank"))
                    .col(string_null("outcome"))
                    .col(string_null("certificate_code"))
                    .col(date_null("issued_on"))
                    .col(date_null("term_until"))
                    .col(string_null("term_status"))
                    .col(timestamp_with_time_zone_null("forwarded_at"))
                    .col(text_null("forward_note")),
            ))
            .to_owned(),
            stamps(
                table_auto_plain("programme_experts")
                    .col(big_pk_auto("id"))
                    .col(string("name"))
                    .col(string("organisation"))
                    .col(string("region_code"))
                    .col(text("specialties"))
                    .col(text("interests"))
                    .col(text("relations"))
                    .col(big_integer_null("user_id"))
                    .col(boolean("active")),
            )
            .to_owned(),
            table_auto_plain("programme_panels")
                .col(big_pk_auto("id"))
                .col(big_integer("round_id"))
                .col(big_integer("application_id"))
                .col(big_integer("expert_id"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
            table_auto_plain("programme_scores")
                .col(big_pk_auto("id"))
                .col(big_integer("round_id"))
                .col(big_integer("application_id"))
                .col(big_integer("expert_id"))
                .col(string("stage"))
                .col(string("criterion"))
                .col(double("score"))
                .col(text("comment"))
                .col(string("entered_by"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
            table_auto_plain("programme_objections")
                .col(big_pk_auto("id"))
                .col(big_integer("round_id"))
                .col(big_integer("application_id"))
                .col(string("name"))
                .col(string("contact"))
                .col(text("content"))
                .col(string("status"))
                .col(text_null("note"))
                .col(string_null("handled_by"))
                .col(timestamp_with_time_zone_null("handled_at"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
            stamps(scope_cols(
                table_auto_plain("programme_terms")
                    .col(big_pk_auto("id"))
                    .col(big_integer("application_id"))
                    .col(string("review"))
                    .col(date("due_on"))
                    .col(string("status"))
                    .col(date_null("deadline"))
                    .col(text_null("note"))
                    .col(string_null("concluded_by"))
                    .col(timestamp_with_time_zone_null("concluded_at")),
            ))
            .to_owned(),
        ];
        for t in tables {
            m.create_table(t).await?;
        }
        for i in [
            index("programme_applications", &["round_id", "org_id"], true),
            index("programme_applications", &["certificate_code"], true),
            index("programme_panels", &["application_id", "expert_id"], true),
            index(
                "programme_scores",
                &["application_id", "expert_id", "stage", "criterion"],
                true,
            ),
            index("programme_objections", &["round_id"], false),
            index(
                "programme_terms",
                &["application_id", "review", "due_on"],
                true,
            ),
        ] {
            m.create_index(i).await?;
        }
        Ok(())
    }
}
