//! The programmes' review-expert pool (评审专家库): each expert with what decides a conflict of
//! interest in the review engine's terms — their organisation and region, the organisations or
//! applications they declared an interest in, and their past relations with organisations.

use std::collections::HashMap;

use chrono::{Datelike, Utc};
use longzhi_domain::{FieldError, FieldErrors, Rule};
use longzhi_review::panel;
use longzhi_store::audit::{self, Target};
use longzhi_store::entity::user;
use longzhi_store::page::{Page, PageQuery, contains_any, paginate};
use longzhi_store::repo::{regions, update_versioned, users};
use longzhi_store::scope::{Principal, unscoped};
use longzhi_store::{Result, StoreError, today};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QuerySelect, Set,
};
use serde::{Deserialize, Serialize};

use crate::entity::{application, expert, panel as panel_row, round};

const ENTITY: &str = "programme_expert";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = ProgrammeRelation)]
pub struct Relation {
    pub organisation: String,
    /// The last year of the relation (employment, consultancy …).
    pub year: i32,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ProgrammeExpertView)]
pub struct ExpertView {
    pub id: i64,
    pub name: String,
    pub organisation: String,
    pub region_code: String,
    pub region_name: String,
    pub specialties: Vec<String>,
    pub interests: Vec<String>,
    pub relations: Vec<Relation>,
    pub username: Option<String>,
    pub active: bool,
    /// Applications on whose panel the expert sits.
    pub load: i64,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = ProgrammeExpertInput)]
pub struct ExpertInput {
    pub name: String,
    pub organisation: String,
    /// The city-level region the expert works in.
    pub region_code: String,
    #[serde(default)]
    pub specialties: Vec<String>,
    /// Organisations or application ids the expert declared an interest in.
    #[serde(default)]
    pub interests: Vec<String>,
    #[serde(default)]
    pub relations: Vec<Relation>,
    /// The expert's own account (role `expert`); absent or blank: none.
    pub username: Option<String>,
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
    /// Name, organisation or specialty contains.
    pub q: Option<String>,
    pub active: Option<bool>,
}

fn target(id: i64) -> Target<'static> {
    Target {
        entity: ENTITY,
        id: id.to_string(),
        region_path: "/",
        org_id: None,
    }
}

fn list_of<T: serde::de::DeserializeOwned>(text: &str) -> Vec<T> {
    serde_json::from_str(text).unwrap_or_default()
}

/// The expert as the review engine sees them.
pub fn for_engine(e: &expert::Model) -> panel::Expert {
    panel::Expert {
        id: e.id.to_string(),
        organisation: e.organisation.clone(),
        region: e.region_code.clone(),
        specialties: list_of(&e.specialties),
        declared_interests: list_of(&e.interests),
        relations: list_of::<Relation>(&e.relations)
            .into_iter()
            .map(|r| panel::Relation {
                organisation: r.organisation,
                year: r.year,
            })
            .collect(),
    }
}

/// The application as the review engine sees it (the applicant's name is its organisation).
pub fn application_for_engine(a: &application::Model) -> panel::Application {
    panel::Application {
        id: a.id.to_string(),
        organisation: a.applicant_name.clone(),
        region: a.region_code.clone(),
        specialty: a.industry.clone(),
    }
}

/// The conflict rules of round `r`: the same region when the round says so, relations of the
/// last three years.
pub fn rules(r: &round::Model) -> panel::ConflictRules {
    panel::ConflictRules {
        same_region: r.same_region_conflict,
        relation_years: 3,
        current_year: today().year(),
    }
}

/// Applications on each expert's panels.
pub async fn loads<C: ConnectionTrait>(db: &C) -> Result<HashMap<i64, i64>> {
    let rows: Vec<(i64, i64)> = panel_row::Entity::find()
        .select_only()
        .column(panel_row::Column::ExpertId)
        .column_as(panel_row::Column::Id.count(), "n")
        .group_by(panel_row::Column::ExpertId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

async fn views<C: ConnectionTrait>(db: &C, rows: Vec<expert::Model>) -> Result<Vec<ExpertView>> {
    let cities = regions::city_names(db).await?;
    let usernames: HashMap<i64, String> =
        unscoped::<user::Entity>("the user names of experts' accounts")
            .filter(user::Column::Id.is_in(rows.iter().filter_map(|e| e.user_id)))
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, u.username))
            .collect();
    let loads = loads(db).await?;
    Ok(rows
        .into_iter()
        .map(|e| ExpertView {
            region_name: cities.get(&e.region_code).cloned().unwrap_or_default(),
            specialties: list_of(&e.specialties),
            interests: list_of(&e.interests),
            relations: list_of(&e.relations),
            username: e.user_id.and_then(|u| usernames.get(&u).cloned()),
            load: loads.get(&e.id).copied().unwrap_or(0),
            id: e.id,
            name: e.name,
            organisation: e.organisation,
            region_code: e.region_code,
            active: e.active,
            version: e.version,
        })
        .collect())
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
                expert::Column::Organisation,
                expert::Column::Specialties,
            ],
            t,
        )
    }) {
        s = s.filter(e);
    }
    if let Some(a) = f.active {
        s = s.filter(expert::Column::Active.eq(a));
    }
    let mut page = paginate(
        db,
        s,
        q,
        &[
            ("name", expert::Column::Name),
            ("created_at", expert::Column::CreatedAt),
        ],
        "name",
        expert::Column::Id,
    )
    .await?;
    let items = views(db, std::mem::take(&mut page.items)).await?;
    Ok(page.with(items))
}

pub async fn get<C: ConnectionTrait>(db: &C, id: i64) -> Result<ExpertView> {
    let e = expert::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(views(db, vec![e]).await?.remove(0))
}

async fn validate<C: ConnectionTrait>(db: &C, i: &ExpertInput) -> Result<expert::ActiveModel> {
    let mut errs = FieldErrors::new();
    let name = errs.text("name", &i.name, 50);
    let organisation = errs.text("organisation", &i.organisation, 200);
    if !regions::city_names(db).await?.contains_key(&i.region_code) {
        errs.push(FieldError::new("region_code", Rule::Exists).with("value", &i.region_code));
    }
    for (field, list) in [("specialties", &i.specialties), ("interests", &i.interests)] {
        if list.len() > 50 {
            errs.push(FieldError::new(field, Rule::Length).with("max", 50));
        }
        for (n, s) in list.iter().enumerate() {
            errs.text(&format!("{field}[{n}]"), s, 200);
        }
    }
    let year = today().year();
    for (n, r) in i.relations.iter().enumerate() {
        errs.text(
            &format!("relations[{n}].organisation"),
            &r.organisation,
            200,
        );
        if !(1950..=year).contains(&r.year) {
            errs.push(
                FieldError::new(format!("relations[{n}].year"), Rule::Range)
                    .with("min", 1950)
                    .with("max", year),
            );
        }
    }
    let user_id = match i
        .username
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
    {
        None => None,
        Some(u) => match users::by_username(db, u).await? {
            Some(user) => Some(user.id),
            None => {
                errs.push(FieldError::new("username", Rule::Exists).with("value", u));
                None
            }
        },
    };
    errs.finish()?;
    let trimmed = |l: &[String]| {
        serde_json::to_string(&l.iter().map(|s| s.trim()).collect::<Vec<_>>()).unwrap_or_default()
    };
    Ok(expert::ActiveModel {
        name: Set(name.unwrap_or_default()),
        organisation: Set(organisation.unwrap_or_default()),
        region_code: Set(i.region_code.clone()),
        specialties: Set(trimmed(&i.specialties)),
        interests: Set(trimmed(&i.interests)),
        relations: Set(serde_json::to_string(&i.relations).unwrap_or_default()),
        user_id: Set(user_id),
        active: Set(i.active),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
}

pub async fn create(db: &DatabaseConnection, p: &Principal, i: ExpertInput) -> Result<ExpertView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let mut am = validate(&txn, &i).await?;
    am.version = Set(1);
    am.created_at = Set(Utc::now());
    let m = am.insert(&txn).await?;
    let after = get(&txn, m.id).await?;
    audit::record(&txn, p, target(m.id), "create", None, Some(&after)).await?;
    txn.commit().await?;
    Ok(after)
}

pub async fn update(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: ExpertInput,
) -> Result<ExpertView> {
    let Some(version) = i.version else {
        return Err(FieldError::new("version", Rule::Required).into());
    };
    let txn = longzhi_store::backend::begin_write(db).await?;
    let before = get(&txn, id).await?;
    let am = validate(&txn, &i).await?;
    update_versioned(
        &txn,
        expert::Column::Id,
        expert::Column::Version,
        id,
        version,
        am,
    )
    .await?;
    let after = get(&txn, id).await?;
    audit::record(&txn, p, target(id), "update", Some(&before), Some(&after)).await?;
    txn.commit().await?;
    Ok(after)
}
