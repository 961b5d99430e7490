use sea_orm::entity::prelude::*;
use serde::Serialize;

/// An objection (异议) to a shortlisted application, received during the public notice.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "programme_objections")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub round_id: i64,
    pub application_id: i64,
    pub name: String,
    pub contact: String,
    pub content: String,
    /// `received`, `upheld` or `dismissed`.
    pub status: String,
    pub note: Option<String>,
    pub handled_by: Option<String>,
    pub handled_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
