//! The recall module's tables: the expert pool, investigations with their expert reviews and
//! talks, risk assessments, recalls with their progress reports, and warnings.

use longzhi_store::migration::schema::{index, scope_cols, stamps, table_auto_plain};
use sea_orm_migration::{prelude::*, schema::*};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "recall_m0001_tables"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let tables: Vec<TableCreateStatement> = vec![
            stamps(
                table_auto_plain("recall_experts")
                    .col(big_pk_auto("id"))
                    .col(string("name"))
                    .col(string("specialty"))
                    .col(string("title"))
                    .col(string("employer"))
                    .col(string_null("phone"))
                    .col(string_null("email"))
                    .col(big_integer_null("user_id"))
                    .col(text("conflicts"))
                    .col(boolean("active")),
            )
            .to_owned(),
            stamps(scope_cols(
                table_auto_plain("recall_investigations")
                    .col(big_pk_auto("id"))
                    .col(string_uniq("code"))
                    .col(string("title"))
                    .col(string("category"))
                    .col(string("brand"))
                    .col(string("model"))
                    .col(string("hazard"))
                    .col(text("description"))
                    .col(big_integer("producer_org_id"))
                    .col(string("producer_name"))
                    .col(string_null("producer_code"))
                    .col(string("source"))
                    .col(big_integer_null("signal_id"))
                    .col(big_integer_null("report_id"))
                    .col(string("status"))
                    .col(date_null("due_on"))
                    .col(string_null("reminded_status"))
                    .col(text_null("analysis"))
                    .col(text_null("conclusion"))
                    .col(big_integer("opened_by_org_id")),
            ))
            .to_owned(),
            stamps(
                table_auto_plain("recall_reviews")
                    .col(big_pk_auto("id"))
                    .col(big_integer("investigation_id"))
                    .col(big_integer("expert_id"))
                    .col(text_null("opinion"))
                    .col(boolean_null("defect"))
                    .col(timestamp_with_time_zone_null("submitted_at")),
            )
            .to_owned(),
            stamps(
                table_auto_plain("recall_talks")
                    .col(big_pk_auto("id"))
                    .col(big_integer("investigation_id"))
                    .col(date("held_on"))
                    .col(string("place"))
                    .col(string("participants"))
                    .col(text("summary"))
                    .col(string("recorded_by")),
            )
            .to_owned(),
            stamps(scope_cols(
                table_auto_plain("recall_assessments")
                    .col(big_pk_auto("id"))
                    .col(string("title"))
                    .col(big_integer_null("investigation_id"))
                    .col(big_integer_null("report_id"))
                    .col(big_integer_null("signal_id"))
                    .col(text("input"))
                    .col(text("result"))
                    .col(string("level"))
                    .col(string("assessed_by")),
            ))
            .to_owned(),
            stamps(scope_cols(
                table_auto_plain("recall_recalls")
                    .col(big_pk_auto("id"))
                    .col(string_uniq("code"))
                    .col(string("kind"))
                    .col(big_integer_null("investigation_id"))
                    .col(string("title"))
                    .col(string("producer_name"))
                    .col(string_null("producer_code"))
                    .col(string("category"))
                    .col(string("brand"))
                    .col(text("models"))
                    .col(text("batches"))
                    .col(date_null("produced_from"))
                    .col(date_null("produced_to"))
                    .col(big_integer("quantity"))
                    .col(string("channels"))
                    .col(string("hazard"))
                    .col(text("defect"))
                    .col(string("remedy"))
                    .col(text("consumer_action"))
                    .col(string("contact"))
                    .col(date_null("ends_on"))
                    .col(integer("report_every_days"))
                    .col(string("status"))
                    .col(timestamp_with_time_zone_null("published_at"))
                    .col(date_null("next_report_due"))
                    .col(date_null("reminded_due"))
                    .col(string_null("effectiveness"))
                    .col(text_null("effectiveness_note"))
                    .col(text_null("summary"))
                    .col(timestamp_with_time_zone_null("closed_at")),
            ))
            .to_owned(),
            stamps(
                table_auto_plain("recall_progress")
                    .col(big_pk_auto("id"))
                    .col(big_integer("recall_id"))
                    .col(date("period_end"))
                    .col(text("channels"))
                    .col(big_integer("notified"))
                    .col(big_integer("corrected"))
                    .col(text("note"))
                    .col(string("filed_by")),
            )
            .to_owned(),
            stamps(scope_cols(
                table_auto_plain("recall_warnings")
                    .col(big_pk_auto("id"))
                    .col(string("kind"))
                    .col(string("title"))
                    .col(string_null("category"))
                    .col(string_null("hazard"))
                    .col(text("body"))
                    .col(string("status"))
                    .col(big_integer("drafted_by"))
                    .col(text_null("review_note"))
                    .col(timestamp_with_time_zone_null("published_at")),
            ))
            .to_owned(),
        ];
        for t in tables {
            m.create_table(t).await?;
        }
        for i in [
            index("recall_reviews", &["investigation_id", "expert_id"], true),
            index("recall_talks", &["investigation_id"], false),
            index("recall_assessments", &["investigation_id"], false),
            index("recall_progress", &["recall_id", "period_end"], false),
            index("recall_recalls", &["status", "published_at"], false),
            index("recall_warnings", &["status", "published_at"], false),
            index("recall_investigations", &["status"], false),
        ] {
            m.create_index(i).await?;
        }
        Ok(())
    }
}

/// The portal's list walks the published recalls newest first: an index on the publication time
/// lets it read the first page in order instead of sorting every published recall.
pub struct PublishedIndex;

impl MigrationName for PublishedIndex {
    fn name(&self) -> &str {
        "recall_m0002_published_index"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for PublishedIndex {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(index("recall_recalls", &["published_at", "id"], false))
            .await
    }
}
