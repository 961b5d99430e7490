//! The injury module's tables: monitoring points and their design periods, injury cases, defect
//! reports, the signal rules (with the three usual ones) and the signal register.

use chrono::Utc;
use longzhi_store::migration::schema::{index, scope_cols, stamps, table_auto_plain};
use sea_orm_migration::{prelude::*, schema::*};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "injury_m0001_tables"
    }
}

/// The rules a fresh installation starts with: Evans' PRR rule, the MGPS EB05 and the BCPNN
/// IC025 criteria (the engine's presets).
pub const DEFAULT_RULES: [(&str, &str); 3] = [
    ("evans", "prr >= 2 and prr_chi2 >= 4 and n >= 3"),
    ("eb05", "eb05 >= 2"),
    ("ic025", "ic025 > 0"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let tables: Vec<TableCreateStatement> = vec![
            stamps(scope_cols(
                table_auto_plain("injury_points")
                    .col(big_pk_auto("id"))
                    .col(string_uniq("code"))
                    .col(string("name"))
                    .col(string("kind"))
                    .col(string("region_code"))
                    .col(string("city_code"))
                    .col(string("contact"))
                    .col(string("status")),
            ))
            .to_owned(),
            stamps(
                table_auto_plain("injury_point_periods")
                    .col(big_pk_auto("id"))
                    .col(big_integer("point_id"))
                    .col(integer("year"))
                    .col(string("stratum"))
                    .col(string("psu"))
                    .col(double("weight")),
            )
            .to_owned(),
            stamps(scope_cols(
                table_auto_plain("injury_cases")
                    .col(big_pk_auto("id"))
                    .col(big_integer("point_id"))
                    .col(string("case_no"))
                    .col(date("treated_on"))
                    .col(integer("year"))
                    .col(integer("age"))
                    .col(string("age_group"))
                    .col(string("sex"))
                    .col(string("place"))
                    .col(string("activity"))
                    .col(string("intent"))
                    .col(string("body_part"))
                    .col(string("diagnosis"))
                    .col(string("severity"))
                    .col(string("disposition"))
                    .col(string("product1"))
                    .col(string_null("product2"))
                    .col(string_null("product3"))
                    .col(text("narrative"))
                    .col(string("city_code")),
            ))
            .to_owned(),
            stamps(scope_cols(
                table_auto_plain("injury_reports")
                    .col(big_pk_auto("id"))
                    .col(string_uniq("report_no"))
                    .col(string("source"))
                    .col(date("received_on"))
                    .col(string("category"))
                    .col(string("brand"))
                    .col(string("model"))
                    .col(string("producer_name"))
                    .col(string_null("producer_code"))
                    .col(string("hazard"))
                    .col(text("description"))
                    .col(string_null("reporter_name"))
                    .col(string_null("reporter_phone"))
                    .col(string_null("reporter_email"))
                    .col(big_integer_null("case_id"))
                    .col(string_null("city_code"))
                    .col(string("status"))
                    .col(text_null("note")),
            ))
            .to_owned(),
            stamps(
                table_auto_plain("injury_signal_rules")
                    .col(big_pk_auto("id"))
                    .col(string_uniq("name"))
                    .col(string("expr"))
                    .col(string("status")),
            )
            .to_owned(),
            stamps(
                table_auto_plain("injury_signals")
                    .col(big_pk_auto("id"))
                    .col(string("dimension"))
                    .col(string("row_label"))
                    .col(string("hazard"))
                    .col(date("first_detected_on"))
                    .col(date("last_detected_on"))
                    .col(big_integer("n"))
                    .col(double_null("prr"))
                    .col(double_null("ror"))
                    .col(double("ic025"))
                    .col(double("eb05"))
                    .col(string("rules"))
                    .col(string("status"))
                    .col(string_null("follow_up"))
                    .col(text_null("note")),
            )
            .to_owned(),
        ];
        for t in tables {
            m.create_table(t).await?;
        }
        let indexes = [
            index("injury_points", &["region_path"], false),
            index("injury_point_periods", &["point_id", "year"], true),
            index("injury_cases", &["point_id", "case_no"], true),
            index("injury_cases", &["treated_on"], false),
            index("injury_cases", &["region_path"], false),
            index("injury_reports", &["received_on"], false),
            index("injury_reports", &["region_path"], false),
            index("injury_reports", &["case_id"], false),
            index(
                "injury_signals",
                &["dimension", "row_label", "hazard"],
                true,
            ),
        ];
        for i in indexes {
            m.create_index(i).await?;
        }
        let now = Utc::now();
        let mut insert = Query::insert();
        insert.into_table("injury_signal_rules").columns([
            "name",
            "expr",
            "status",
            "version",
            "created_at",
            "updated_at",
        ]);
        for (name, expr) in DEFAULT_RULES {
            insert.values_panic([
                name.into(),
                expr.into(),
                "active".into(),
                1.into(),
                now.into(),
                now.into(),
            ]);
        }
        m.exec_stmt(insert).await
    }
}

/// The register entry's link to what it was escalated to (an investigation's or an assessment's
/// number, set by the recall module).
pub struct FollowUpRef;

impl MigrationName for FollowUpRef {
    fn name(&self) -> &str {
        "injury_m0004_follow_up_ref"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for FollowUpRef {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("injury_signals")
                .add_column(string_null("follow_up_ref"))
                .to_owned(),
        )
        .await
    }
}
