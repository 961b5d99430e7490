use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A token issued to another system to push values (`Authorization: Bearer lzq_…`); only its
/// hash is kept.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "quality_tokens")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    /// The first characters, to recognise it in lists.
    pub prefix: String,
    pub token_hash: String,
    /// The city whose values it may push; all when none.
    pub region_code: Option<String>,
    pub created_by_name: String,
    pub created_at: DateTimeUtc,
    pub last_used_at: Option<DateTimeUtc>,
    pub revoked_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
