//! Dictionaries: code lists with Chinese and English labels (kinds of organisation, statuses …).
//! Built-in types are used by code: their items may be relabelled, the types may not go.

use chrono::Utc;
use longzhi_domain::Status;
use longzhi_domain::{FieldError, FieldErrors, Rule};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};

use crate::audit::{self, Target};
use crate::entity::{dict_item, dict_type};
use crate::page::{Page, PageQuery, contains_any, paginate};
use crate::scope::Principal;
use crate::{Result, StoreError};

use super::{check_status, update_versioned};

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DictFilter {
    /// Code or name contains.
    pub q: Option<String>,
    #[param(value_type = Option<longzhi_domain::Status>)]
    pub status: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DictTypeView {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub name_en: String,
    pub status: longzhi_domain::Status,
    pub builtin: bool,
    pub version: i32,
    pub updated_at: chrono::DateTime<Utc>,
}

impl From<dict_type::Model> for DictTypeView {
    fn from(m: dict_type::Model) -> Self {
        Self {
            id: m.id,
            code: m.code,
            name: m.name,
            name_en: m.name_en,
            status: m.status,
            builtin: m.builtin,
            version: m.version,
            updated_at: m.updated_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DictItemView {
    pub id: i64,
    pub type_code: String,
    pub value: String,
    pub label: String,
    pub label_en: String,
    pub sort: i32,
    pub status: longzhi_domain::Status,
    pub version: i32,
}

impl From<dict_item::Model> for DictItemView {
    fn from(m: dict_item::Model) -> Self {
        Self {
            id: m.id,
            type_code: m.type_code,
            value: m.value,
            label: m.label,
            label_en: m.label_en,
            sort: m.sort,
            status: m.status,
            version: m.version,
        }
    }
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct DictTypeInput {
    /// Ignored on update.
    pub code: String,
    pub name: String,
    pub name_en: String,
    #[schema(value_type = longzhi_domain::Status)]
    pub status: String,
    pub version: Option<i32>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct DictItemInput {
    /// Ignored on update.
    pub value: String,
    pub label: String,
    pub label_en: String,
    #[serde(default)]
    pub sort: i32,
    #[schema(value_type = longzhi_domain::Status)]
    pub status: String,
    pub version: Option<i32>,
}

fn check_code(field: &str, code: &str) -> std::result::Result<String, FieldError> {
    let c = code.trim();
    if c.is_empty() {
        return Err(FieldError::new(field, Rule::Required));
    }
    if c.len() > 64
        || !c
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.')
    {
        return Err(FieldError::new(field, Rule::Format).with("pattern", "[A-Za-z0-9_.-]{1,64}"));
    }
    Ok(c.to_owned())
}

fn target(kind: &'static str, id: i64) -> Target<'static> {
    Target {
        entity: kind,
        id: id.to_string(),
        region_path: "/",
        org_id: None,
    }
}

pub async fn list_types<C: ConnectionTrait>(
    db: &C,
    f: &DictFilter,
    q: &PageQuery,
) -> Result<Page<DictTypeView>> {
    let mut s = dict_type::Entity::find();
    if let Some(e) = f.q.as_deref().and_then(|t| {
        contains_any(
            &[
                dict_type::Column::Code,
                dict_type::Column::Name,
                dict_type::Column::NameEn,
            ],
            t,
        )
    }) {
        s = s.filter(e);
    }
    if let Some(st) = &f.status {
        s = s.filter(dict_type::Column::Status.eq(st.as_str()));
    }
    let sortable = [
        ("code", dict_type::Column::Code),
        ("name", dict_type::Column::Name),
    ];
    Ok(paginate(db, s, q, &sortable, "code", dict_type::Column::Id)
        .await?
        .map(Into::into))
}

async fn type_by_code<C: ConnectionTrait>(db: &C, code: &str) -> Result<dict_type::Model> {
    dict_type::Entity::find()
        .filter(dict_type::Column::Code.eq(code))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

pub async fn create_type(
    db: &DatabaseConnection,
    p: &Principal,
    i: DictTypeInput,
) -> Result<DictTypeView> {
    let txn = crate::backend::begin_write(db).await?;
    let after = create_type_in(&txn, p, i, false).await?;
    txn.commit().await?;
    Ok(after.into())
}

pub(crate) async fn create_type_in<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    i: DictTypeInput,
    builtin: bool,
) -> Result<dict_type::Model> {
    let mut errs = FieldErrors::new();
    let code = errs.check("code", check_code("code", &i.code));
    let name = errs.text("name", &i.name, 64);
    let name_en = errs.text("name_en", &i.name_en, 64);
    errs.check("status", check_status("status", &i.status));
    errs.finish()?;
    let code = code.unwrap_or_default();
    if dict_type::Entity::find()
        .filter(dict_type::Column::Code.eq(code.as_str()))
        .count(db)
        .await?
        > 0
    {
        return Err(StoreError::Duplicate {
            field: "code".into(),
        });
    }
    let now = Utc::now();
    let after = dict_type::ActiveModel {
        code: Set(code),
        name: Set(name.unwrap_or_default()),
        name_en: Set(name_en.unwrap_or_default()),
        status: Set(super::parse_status("status", &i.status)?),
        builtin: Set(builtin),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(
        db,
        p,
        target("dict_type", after.id),
        "create",
        None,
        Some(&after),
    )
    .await?;
    Ok(after)
}

pub async fn update_type(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: DictTypeInput,
) -> Result<DictTypeView> {
    let mut errs = FieldErrors::new();
    let name = errs.text("name", &i.name, 64);
    let name_en = errs.text("name_en", &i.name_en, 64);
    errs.check("status", check_status("status", &i.status));
    errs.finish()?;
    let version = i
        .version
        .ok_or_else(|| FieldError::new("version", Rule::Required))?;
    let txn = crate::backend::begin_write(db).await?;
    let before = dict_type::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(StoreError::NotFound)?;
    let am = dict_type::ActiveModel {
        name: Set(name.unwrap_or_default()),
        name_en: Set(name_en.unwrap_or_default()),
        status: Set(super::parse_status("status", &i.status)?),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    update_versioned(
        &txn,
        dict_type::Column::Id,
        dict_type::Column::Version,
        id,
        version,
        am,
    )
    .await?;
    let after = dict_type::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(StoreError::NotFound)?;
    audit::record(
        &txn,
        p,
        target("dict_type", id),
        "update",
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after.into())
}

/// Deletes a dictionary type that is not built in, with its items.
pub async fn delete_type(db: &DatabaseConnection, p: &Principal, id: i64) -> Result<()> {
    let txn = crate::backend::begin_write(db).await?;
    let before = dict_type::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(StoreError::NotFound)?;
    if before.builtin {
        return Err(StoreError::Rule(longzhi_domain::ErrorCode::DictBuiltin));
    }
    dict_item::Entity::delete_many()
        .filter(dict_item::Column::TypeCode.eq(before.code.as_str()))
        .exec(&txn)
        .await?;
    dict_type::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(
        &txn,
        p,
        target("dict_type", id),
        "delete",
        Some(&before),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// All items of a type (administration), or only the active ones (forms and labels).
pub async fn items<C: ConnectionTrait>(
    db: &C,
    type_code: &str,
    active_only: bool,
) -> Result<Vec<DictItemView>> {
    let t = type_by_code(db, type_code).await?;
    let mut s = dict_item::Entity::find().filter(dict_item::Column::TypeCode.eq(t.code.as_str()));
    if active_only {
        if t.status != Status::Active {
            return Ok(vec![]);
        }
        s = s.filter(dict_item::Column::Status.eq("active"));
    }
    let rows = s
        .order_by_asc(dict_item::Column::Sort)
        .order_by_asc(dict_item::Column::Value)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

pub async fn create_item(
    db: &DatabaseConnection,
    p: &Principal,
    type_code: &str,
    i: DictItemInput,
) -> Result<DictItemView> {
    let txn = crate::backend::begin_write(db).await?;
    let after = create_item_in(&txn, p, type_code, i).await?;
    txn.commit().await?;
    Ok(after.into())
}

pub(crate) async fn create_item_in<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    type_code: &str,
    i: DictItemInput,
) -> Result<dict_item::Model> {
    let t = type_by_code(db, type_code).await?;
    let mut errs = FieldErrors::new();
    let value = errs.check("value", check_code("value", &i.value));
    let label = errs.text("label", &i.label, 64);
    let label_en = errs.text("label_en", &i.label_en, 64);
    errs.check("status", check_status("status", &i.status));
    errs.finish()?;
    let value = value.unwrap_or_default();
    let exists = dict_item::Entity::find()
        .filter(dict_item::Column::TypeCode.eq(t.code.as_str()))
        .filter(dict_item::Column::Value.eq(value.as_str()))
        .count(db)
        .await?;
    if exists > 0 {
        return Err(StoreError::Duplicate {
            field: "value".into(),
        });
    }
    let now = Utc::now();
    let after = dict_item::ActiveModel {
        type_code: Set(t.code),
        value: Set(value),
        label: Set(label.unwrap_or_default()),
        label_en: Set(label_en.unwrap_or_default()),
        sort: Set(i.sort),
        status: Set(super::parse_status("status", &i.status)?),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(
        db,
        p,
        target("dict_item", after.id),
        "create",
        None,
        Some(&after),
    )
    .await?;
    Ok(after)
}

pub async fn update_item(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: DictItemInput,
) -> Result<DictItemView> {
    let mut errs = FieldErrors::new();
    let label = errs.text("label", &i.label, 64);
    let label_en = errs.text("label_en", &i.label_en, 64);
    errs.check("status", check_status("status", &i.status));
    errs.finish()?;
    let version = i
        .version
        .ok_or_else(|| FieldError::new("version", Rule::Required))?;
    let txn = crate::backend::begin_write(db).await?;
    let before = dict_item::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(StoreError::NotFound)?;
    let am = dict_item::ActiveModel {
        label: Set(label.unwrap_or_default()),
        label_en: Set(label_en.unwrap_or_default()),
        sort: Set(i.sort),
        status: Set(super::parse_status("status", &i.status)?),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    update_versioned(
        &txn,
        dict_item::Column::Id,
        dict_item::Column::Version,
        id,
        version,
        am,
    )
    .await?;
    let after = dict_item::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(StoreError::NotFound)?;
    audit::record(
        &txn,
        p,
        target("dict_item", id),
        "update",
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(after.into())
}

/// Deletes an item of a type that is not built in (built-in items are switched off instead).
pub async fn delete_item(db: &DatabaseConnection, p: &Principal, id: i64) -> Result<()> {
    let txn = crate::backend::begin_write(db).await?;
    let before = dict_item::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(StoreError::NotFound)?;
    if type_by_code(&txn, &before.type_code).await?.builtin {
        return Err(StoreError::Rule(longzhi_domain::ErrorCode::DictBuiltin));
    }
    dict_item::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(
        &txn,
        p,
        target("dict_item", id),
        "delete",
        Some(&before),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
