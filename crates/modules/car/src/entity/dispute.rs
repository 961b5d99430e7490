use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A 三包 dispute (三包争议) received by a city bureau: the consumer's request against a seller
/// over a car, with the legal deadlines of Art 28 counted in working days. It belongs to the
/// receiving bureau's region and to the maker's organisation (who reads it).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "car_disputes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `SB-<year>-<nnnn>`.
    pub code: String,
    pub consumer_name: String,
    pub consumer_phone: String,
    pub vin: String,
    pub maker_id: i64,
    pub model_id: i64,
    pub dealer_id: Option<i64>,
    pub seller_name: String,
    pub purchase_date: Date,
    pub delivery_date: Option<Date>,
    pub price_yuan: f64,
    /// The odometer when the request was made (the evaluation point).
    pub odometer_km: f64,
    pub compensation_rate: f64,
    /// Dictionary `car_request`: repair, replace or refund.
    pub request: String,
    pub complaint: String,
    /// The day the seller received the request (the evaluation date and the deadlines' start).
    pub received_on: Date,
    /// Art 28: the seller answers within 10 working days.
    pub answer_due: Date,
    /// Art 28: a replacement or refund within 20 working days.
    pub completion_due: Date,
    pub answered_on: Option<Date>,
    pub answer: Option<String>,
    /// `open` or `closed`.
    pub status: String,
    /// Dictionary `car_outcome`, once closed.
    pub outcome: Option<String>,
    pub outcome_note: Option<String>,
    pub closed_on: Option<Date>,
    /// The latest evaluation's remedy and its number.
    pub remedy: String,
    pub evaluation_no: i32,
    /// The deadline a reminder was last sent for (`answer`, `completion`).
    pub flagged: Option<String>,
    pub city_code: String,
    pub region_path: String,
    pub org_id: i64,
    pub owner_id: Option<i64>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
