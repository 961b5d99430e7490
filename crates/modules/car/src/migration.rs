//! The car module's tables: makers, models, dealers, the working calendar, disputes with their
//! repairs, evaluations, mediations and expert opinions, and injury cases linked to vehicles.

use longzhi_store::migration::schema::{index, scope_cols, stamps, table_auto_plain};
use sea_orm_migration::{prelude::*, schema::*};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "car_m0001_tables"
    }
}

/// `created_at` and `updated_at` of a row without a version (changed only by its dispute's).
fn times(t: &mut TableCreateStatement) -> &mut TableCreateStatement {
    t.col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("updated_at"))
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let tables: Vec<TableCreateStatement> = vec![
            stamps(
                table_auto_plain("car_makers")
                    .col(big_pk_auto("id"))
                    .col(big_integer("org_id"))
                    .col(string("name"))
                    .col(string("brand"))
                    .col(string("hotline"))
                    .col(boolean("active")),
            )
            .to_owned(),
            stamps(
                table_auto_plain("car_models")
                    .col(big_pk_auto("id"))
                    .col(big_integer("maker_id"))
                    .col(string("name"))
                    .col(string("powertrain"))
                    .col(double("compensation_rate"))
                    .col(integer("sanbao_years"))
                    .col(integer("sanbao_km"))
                    .col(integer("warranty_years"))
                    .col(integer("warranty_km"))
                    .col(boolean("active")),
            )
            .to_owned(),
            stamps(
                table_auto_plain("car_dealers")
                    .col(big_pk_auto("id"))
                    .col(string("name"))
                    .col(string_null("credit_code"))
                    .col(big_integer_null("maker_id"))
                    .col(string("city_code"))
                    .col(string("address"))
                    .col(string("phone"))
                    .col(boolean("active")),
            )
            .to_owned(),
            times(
                table_auto_plain("car_holidays")
                    .col(big_pk_auto("id"))
                    .col(date_uniq("day"))
                    .col(string("kind"))
                    .col(string("name")),
            )
            .to_owned(),
            stamps(scope_cols(
                table_auto_plain("car_disputes")
                    .col(big_pk_auto("id"))
                    .col(string_uniq("code"))
                    .col(string("consumer_name"))
                    .col(string("consumer_phone"))
                    .col(string("vin"))
                    .col(big_integer("maker_id"))
                    .col(big_integer("model_id"))
                    .col(big_integer_null("dealer_id"))
                    .col(string("seller_name"))
                    .col(date("purchase_date"))
                    .col(date_null("delivery_date"))
                    .col(double("price_yuan"))
                    .col(double("odometer_km"))
                    .col(double("compensation_rate"))
                    .col(string("request"))
                    .col(text("complaint"))
                    .col(date("received_on"))
                    .col(date("answer_due"))
                    .col(date("completion_due"))
                    .col(date_null("answered_on"))
                    .col(text_null("answer"))
                    .col(string("status"))
                    .col(string_null("outcome"))
                    .col(text_null("outcome_note"))
                    .col(date_null("closed_on"))
                    .col(string("remedy"))
                    .col(integer("evaluation_no"))
                    .col(string_null("flagged"))
                    .col(string("city_code")),
            ))
            .to_owned(),
            times(
                table_auto_plain("car_repairs")
                    .col(big_pk_auto("id"))
                    .col(big_integer("dispute_id"))
                    .col(date("date"))
                    .col(double("odometer_km"))
                    .col(string("kind"))
                    .col(string("system"))
                    .col(string_null("part"))
                    .col(string("fault_id"))
                    .col(boolean("serious_safety"))
                    .col(string_null("fault_kind"))
                    .col(double("repair_days"))
                    .col(boolean("consumer_fault"))
                    .col(string("repairer"))
                    .col(text("note")),
            )
            .to_owned(),
            table_auto_plain("car_evaluations")
                .col(big_pk_auto("id"))
                .col(big_integer("dispute_id"))
                .col(integer("number"))
                .col(text("input"))
                .col(text("result"))
                .col(string("remedy"))
                .col(string("cause"))
                .col(string("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
            times(
                table_auto_plain("car_mediations")
                    .col(big_pk_auto("id"))
                    .col(big_integer("dispute_id"))
                    .col(date("held_on"))
                    .col(string("participants"))
                    .col(text("summary"))
                    .col(string("result"))
                    .col(string("recorded_by")),
            )
            .to_owned(),
            times(
                table_auto_plain("car_opinions")
                    .col(big_pk_auto("id"))
                    .col(big_integer("dispute_id"))
                    .col(big_integer("expert_id"))
                    .col(text_null("opinion"))
                    .col(timestamp_with_time_zone_null("submitted_at")),
            )
            .to_owned(),
            table_auto_plain("car_injury_links")
                .col(big_pk_auto("id"))
                .col(big_integer_uniq("case_id"))
                .col(string("vin"))
                .col(big_integer("maker_id"))
                .col(big_integer_null("model_id"))
                .col(text("note"))
                .col(string("linked_by"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        ];
        for t in tables {
            m.create_table(t).await?;
        }
        for i in [
            index("car_models", &["maker_id"], false),
            index("car_disputes", &["status", "received_on"], false),
            index("car_disputes", &["maker_id"], false),
            index("car_repairs", &["dispute_id", "date"], false),
            index("car_evaluations", &["dispute_id", "number"], true),
            index("car_mediations", &["dispute_id"], false),
            index("car_opinions", &["dispute_id", "expert_id"], true),
        ] {
            m.create_index(i).await?;
        }
        Ok(())
    }
}
