use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A car maker (汽车生产者): an enterprise organisation of the platform, whose users see the
/// disputes naming it, and its brand.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "car_makers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The maker's organisation (kind `enterprise`).
    pub org_id: i64,
    pub name: String,
    pub brand: String,
    /// The consumer hotline printed on its 三包凭证.
    pub hotline: String,
    pub active: bool,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
