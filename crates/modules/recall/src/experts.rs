//! The expert pool (专家库) by specialty, each expert with the producers and brands they declared
//! a conflict of interest with. An expert with a conflict cannot be assigned to an investigation
//! of that producer or brand; an expert with an account (role `expert`) sees only the
//! investigations they are assigned to.

use std::collections::HashMap;

use chrono::Utc;
use longzhi_domain::{ErrorCode, FieldError, FieldErrors, Rule};
use longzhi_store::audit;
use longzhi_store::entity::user;
use longzhi_store::page::{Page, PageQuery, contains_any, paginate};
use longzhi_store::repo::{ImportRow, by_id, update_versioned, users};
use longzhi_store::scope::{Principal, unscoped};
use longzhi_store::{Result, StoreError};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ColumnTrait, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};

use crate::common::target;
use crate::dicts::{Codes, SPECIALTY};
use crate::entity::{expert, investigation};

const ENTITY: &str = "recall_expert";

/// A declared conflict of interest: a producer (by credit code or name) or a brand.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Conflict {
    pub producer_code: Option<String>,
    pub producer_name: Option<String>,
    pub brand: Option<String>,
    /// Why (employment, consultancy, shareholding …).
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ExpertView {
    pub id: i64,
    pub name: String,
    pub specialty: String,
    pub title: String,
    pub employer: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub user_id: Option<i64>,
    /// The linked account's user name.
    pub username: Option<String>,
    pub conflicts: Vec<Conflict>,
    pub active: bool,
    pub version: i32,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct ExpertInput {
    pub name: String,
    pub specialty: String,
    #[serde(default)]
    pub title: String,
    pub employer: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// The expert's own account, by user name (its role should be `expert`); on an update,
    /// absent keeps the account linked and blank unlinks it.
    pub username: Option<String>,
    #[serde(default)]
    pub conflicts: Vec<Conflict>,
    #[serde(default = "yes")]
    pub active: bool,
    /// Required to update.
    pub version: Option<i32>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExpertFilter {
    /// Name, employer or title contains.
    pub q: Option<String>,
    pub specialty: Option<String>,
    pub active: Option<bool>,
}

fn view(m: expert::Model, usernames: &HashMap<i64, String>) -> ExpertView {
    ExpertView {
        conflicts: serde_json::from_str(&m.conflicts).unwrap_or_default(),
        username: m.user_id.and_then(|u| usernames.get(&u).cloned()),
        id: m.id,
        name: m.name,
        specialty: m.specialty,
        title: m.title,
        employer: m.employer,
        phone: m.phone,
        email: m.email,
        user_id: m.user_id,
        active: m.active,
        version: m.version,
    }
}

/// Views of experts with their accounts' user names.
pub async fn views<C: ConnectionTrait>(
    db: &C,
    rows: Vec<expert::Model>,
) -> Result<Vec<ExpertView>> {
    let ids: Vec<i64> = rows.iter().filter_map(|e| e.user_id).collect();
    let usernames: HashMap<i64, String> =
        unscoped::<user::Entity>("the accounts of experts of the province's pool")
            .filter(user::Column::Id.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, u.username))
            .collect();
    Ok(rows.into_iter().map(|m| view(m, &usernames)).collect())
}

fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    !a.is_empty() && a.eq_ignore_ascii_case(b)
}

/// Whether `e` declared a conflict with the producer or the brand of `i`.
pub fn conflicts_with(e: &expert::Model, i: &investigation::Model) -> bool {
    conflicts_with_party(e, i.producer_code.as_deref(), &i.producer_name, &i.brand)
}

/// Whether `e` declared a conflict with a producer (by credit code or name) or a brand.
pub fn conflicts_with_party(
    e: &expert::Model,
    producer_code: Option<&str>,
    producer_name: &str,
    brand: &str,
) -> bool {
    let conflicts: Vec<Conflict> = serde_json::from_str(&e.conflicts).unwrap_or_default();
    conflicts.iter().any(|c| {
        c.producer_code
            .as_deref()
            .zip(producer_code)
            .is_some_and(|(a, b)| same(a, b))
            || c.producer_name
                .as_deref()
                .is_some_and(|a| same(a, producer_name))
            || c.brand.as_deref().is_some_and(|a| same(a, brand))
    })
}

/// The active experts `ids` names, for an assignment: an unknown or inactive one is an error on
/// `expert_ids[k]`, none at all on `expert_ids`; one with a declared conflict (`conflicts`)
/// refuses the whole choice (`recall.expert_conflict`).
pub async fn choose<C: ConnectionTrait>(
    db: &C,
    ids: &[i64],
    conflicts: impl Fn(&expert::Model) -> bool,
) -> Result<Vec<expert::Model>> {
    if ids.is_empty() {
        return Err(FieldError::new("expert_ids", Rule::Required).into());
    }
    let mut errs = FieldErrors::new();
    let mut chosen = Vec::new();
    for (k, id) in ids.iter().enumerate() {
        match expert::Entity::find_by_id(*id).one(db).await? {
            Some(e) if e.active => chosen.push(e),
            _ => errs
                .push(FieldError::new(format!("expert_ids[{k}]"), Rule::Exists).with("value", id)),
        }
    }
    errs.finish()?;
    if chosen.iter().any(conflicts) {
        return Err(StoreError::Rule(ErrorCode::RecallExpertConflict));
    }
    Ok(chosen)
}

pub async fn all_active<C: ConnectionTrait>(db: &C) -> Result<Vec<expert::Model>> {
    Ok(expert::Entity::find()
        .filter(expert::Column::Active.eq(true))
        .order_by_asc(expert::Column::Specialty)
        .order_by_asc(expert::Column::Id)
        .all(db)
        .await?)
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    f: &ExpertFilter,
    q: &PageQuery,
) -> Result<Page<ExpertView>> {
    let mut s = expert::Entity::find();
    if let Some(e) = f.q.as_deref().and_then(|t| {
        contains_any(
            &[
                expert::Column::Name,
                expert::Column::Employer,
                expert::Column::Title,
            ],
            t,
        )
    }) {
        s = s.filter(e);
    }
    if let Some(v) = f.specialty.as_deref().filter(|v| !v.is_empty()) {
        s = s.filter(expert::Column::Specialty.eq(v));
    }
    if let Some(a) = f.active {
        s = s.filter(expert::Column::Active.eq(a));
    }
    let sortable = [
        ("name", expert::Column::Name),
        ("specialty", expert::Column::Specialty),
    ];
    let page = paginate(db, s, q, &sortable, "specialty", expert::Column::Id).await?;
    Ok(Page {
        items: views(db, page.items).await?,
        total: page.total,
        page: page.page,
        page_size: page.page_size,
    })
}

pub async fn get<C: ConnectionTrait>(db: &C, id: i64) -> Result<ExpertView> {
    one(db, by_id::<expert::Entity, _>(db, id).await?).await
}

async fn one<C: ConnectionTrait>(db: &C, m: expert::Model) -> Result<ExpertView> {
    views(db, vec![m]).await?.pop().ok_or(StoreError::NotFound)
}

/// The checked fields of an expert (all broken rules at once).
async fn checked<C: ConnectionTrait>(db: &C, i: &ExpertInput) -> Result<expert::ActiveModel> {
    let mut errs = FieldErrors::new();
    let name = errs.text("name", &i.name, 50);
    let employer = errs.text("employer", &i.employer, 200);
    let title = errs.optional_text("title", Some(&i.title), 100);
    let phone = errs.optional_text("phone", i.phone.as_deref(), 30);
    let email = errs.optional_text("email", i.email.as_deref(), 100);
    if email.as_deref().is_some_and(|e| !e.contains('@')) {
        errs.push(FieldError::new("email", Rule::Format));
    }
    Codes::load(db, &[SPECIALTY])
        .await?
        .check(&mut errs, "specialty", SPECIALTY, &i.specialty);
    for (k, c) in i.conflicts.iter().enumerate() {
        let blank = |v: &Option<String>| v.as_deref().is_none_or(|s| s.trim().is_empty());
        if blank(&c.producer_code) && blank(&c.producer_name) && blank(&c.brand) {
            errs.push(FieldError::new(format!("conflicts[{k}]"), Rule::Required));
        }
        if let Some(code) = c.producer_code.as_deref().filter(|s| !s.trim().is_empty())
            && let Err(e) = longzhi_domain::CreditCode::parse(code.trim())
        {
            errs.push(e.at(format!("conflicts[{k}].producer_code")));
        }
    }
    // Absent: the link stays as it is; blank: unlinked; a name: that account.
    let user_id = match i.username.as_deref().map(str::trim) {
        None => NotSet,
        Some("") => Set(None),
        Some(u) => match users::by_username(db, u).await? {
            Some(user) => Set(Some(user.id)),
            None => {
                errs.push(FieldError::new("username", Rule::Exists).with("value", u));
                NotSet
            }
        },
    };
    errs.finish()?;
    Ok(expert::ActiveModel {
        name: Set(name.unwrap_or_default()),
        specialty: Set(i.specialty.clone()),
        title: Set(title.unwrap_or_default()),
        employer: Set(employer.unwrap_or_default()),
        phone: Set(phone),
        email: Set(email),
        user_id,
        conflicts: Set(
            serde_json::to_string(&i.conflicts).map_err(|e| StoreError::Io(e.to_string()))?
        ),
        active: Set(i.active),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
}

pub async fn create(db: &DatabaseConnection, p: &Principal, i: ExpertInput) -> Result<ExpertView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let m = create_in(&txn, p, &i).await?;
    txn.commit().await?;
    one(db, m).await
}

/// Checks and inserts an expert, audited, in the caller's transaction (the form's, an import's).
async fn create_in(
    txn: &DatabaseTransaction,
    p: &Principal,
    i: &ExpertInput,
) -> Result<expert::Model> {
    let mut am = checked(txn, i).await?;
    am.version = Set(1);
    am.created_at = Set(Utc::now());
    let m = am.insert(txn).await?;
    audit::record(
        txn,
        p,
        target(ENTITY, m.id, "/", p.org_id),
        "create",
        None,
        Some(&m),
    )
    .await?;
    Ok(m)
}

/// A row of an imported expert file.
pub struct ImportExpert(pub ExpertInput);

impl ImportRow for ImportExpert {
    async fn create(self, txn: &DatabaseTransaction, p: &Principal) -> Result<()> {
        create_in(txn, p, &self.0).await.map(|_| ())
    }
}

/// The conflicts an import row declares: brands and producers' credit codes, each list
/// separated by commas, 、 or ；.
pub fn conflicts_of(brands: &str, codes: &str) -> Vec<Conflict> {
    let split = |s: &str| -> Vec<String> {
        s.split([',', '，', '、', ';', '；'])
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let brands = split(brands).into_iter().map(|b| Conflict {
        brand: Some(b),
        ..Default::default()
    });
    let codes = split(codes).into_iter().map(|c| Conflict {
        producer_code: Some(c),
        ..Default::default()
    });
    brands.chain(codes).collect()
}

pub async fn update(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: ExpertInput,
) -> Result<ExpertView> {
    let before = by_id::<expert::Entity, _>(db, id).await?;
    let version = i
        .version
        .ok_or_else(|| StoreError::from(FieldError::new("version", Rule::Required)))?;
    let am = checked(db, &i).await?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    update_versioned::<expert::Entity, _, _>(
        &txn,
        expert::Column::Id,
        expert::Column::Version,
        id,
        version,
        am,
    )
    .await?;
    let after = by_id::<expert::Entity, _>(&txn, id).await?;
    audit::record(
        &txn,
        p,
        target(ENTITY, id, "/", p.org_id),
        "update",
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    one(db, after).await
}
