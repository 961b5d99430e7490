//! Car-accident injury records (seed point 18): the injury module's cases involving a car,
//! linked by an officer to the vehicle (VIN, maker, model) so that injuries count with the
//! make's disputes and faults. The cases stay the injury module's, seen within its scope.

use chrono::{NaiveDate, Utc};
use longzhi_domain::{FieldError, FieldErrors, Rule, Vin};
use longzhi_injury::entity::case;
use longzhi_store::audit;
use longzhi_store::page::{Page, PageQuery, paginate};
use longzhi_store::repo::get_scoped;
use longzhi_store::scope::{Principal, scoped};
use longzhi_store::{Result, StoreError};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, Set,
};
use serde::{Deserialize, Serialize};

use crate::common::target;
use crate::entity::{injury_link, maker, model};

const ENTITY: &str = "car_injury_link";
/// The injury module's product category of cars and their parts.
const CAR: &str = "car";

/// A case whose products include a car.
pub fn involves_a_car() -> Condition {
    Condition::any()
        .add(case::Column::Product1.eq(CAR))
        .add(case::Column::Product2.eq(CAR))
        .add(case::Column::Product3.eq(CAR))
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct InjuryView {
    pub case_id: i64,
    pub case_no: String,
    pub treated_on: NaiveDate,
    pub severity: String,
    pub city_code: String,
    pub narrative: String,
    /// The linked vehicle, if any.
    pub vin: Option<String>,
    pub brand: Option<String>,
    pub model: Option<String>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct LinkInput {
    pub vin: String,
    pub maker_id: i64,
    pub model_id: Option<i64>,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InjuryFilter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Only those linked (`true`) or not yet linked (`false`) to a vehicle.
    pub linked: Option<bool>,
}

async fn views<C: ConnectionTrait>(
    db: &C,
    cases: Vec<case::Model>,
    links: &[injury_link::Model],
) -> Result<Vec<InjuryView>> {
    let makers = longzhi_store::repo::by_ids::<maker::Entity, _>(
        db,
        maker::Column::Id,
        links.iter().map(|l| l.maker_id),
        |m| m.id,
    )
    .await?;
    let models = longzhi_store::repo::by_ids::<model::Entity, _>(
        db,
        model::Column::Id,
        links.iter().filter_map(|l| l.model_id),
        |m| m.id,
    )
    .await?;
    Ok(cases
        .into_iter()
        .map(|c| {
            let l = links.iter().find(|l| l.case_id == c.id);
            InjuryView {
                vin: l.map(|l| l.vin.clone()),
                brand: l
                    .and_then(|l| makers.get(&l.maker_id))
                    .map(|m| m.brand.clone()),
                model: l
                    .and_then(|l| l.model_id)
                    .and_then(|m| models.get(&m))
                    .map(|m| m.name.clone()),
                case_id: c.id,
                case_no: c.case_no,
                treated_on: c.treated_on,
                severity: c.severity,
                city_code: c.city_code,
                narrative: c.narrative,
            }
        })
        .collect())
}

/// The linked cases the caller may see, treated in the period.
pub async fn linked<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    links: &[injury_link::Model],
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<InjuryView>> {
    let cases = scoped::<case::Entity>(p)
        .filter(case::Column::Id.is_in(links.iter().map(|l| l.case_id)))
        .filter(case::Column::TreatedOn.between(from, to))
        .all(db)
        .await?;
    views(db, cases, links).await
}

/// The injury cases involving a car the caller may see, linked or not.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    f: &InjuryFilter,
    q: &PageQuery,
) -> Result<Page<InjuryView>> {
    let mut s = scoped::<case::Entity>(p).filter(involves_a_car());
    if let Some(d) = f.from {
        s = s.filter(case::Column::TreatedOn.gte(d));
    }
    if let Some(d) = f.to {
        s = s.filter(case::Column::TreatedOn.lte(d));
    }
    let linked_ids = sea_orm::sea_query::Query::select()
        .column(injury_link::Column::CaseId)
        .from(injury_link::Entity)
        .to_owned();
    match f.linked {
        Some(true) => s = s.filter(case::Column::Id.in_subquery(linked_ids)),
        Some(false) => s = s.filter(case::Column::Id.not_in_subquery(linked_ids)),
        None => {}
    }
    let page = paginate(
        db,
        s,
        q,
        &[("treated_on", case::Column::TreatedOn)],
        "-treated_on",
        case::Column::Id,
    )
    .await?;
    let links = injury_link::Entity::find()
        .filter(injury_link::Column::CaseId.is_in(page.items.iter().map(|c| c.id)))
        .all(db)
        .await?;
    let items = views(db, page.items, &links).await?;
    Ok(Page {
        items,
        total: page.total,
        page: page.page,
        page_size: page.page_size,
    })
}

/// Links a case the caller may see (involving a car) to a vehicle; linking again replaces it.
pub async fn link(
    db: &DatabaseConnection,
    p: &Principal,
    case_id: i64,
    i: LinkInput,
) -> Result<InjuryView> {
    let c = get_scoped::<case::Entity, _>(db, p, case_id).await?;
    if ![
        Some(c.product1.as_str()),
        c.product2.as_deref(),
        c.product3.as_deref(),
    ]
    .contains(&Some(CAR))
    {
        return Err(StoreError::NotFound);
    }
    let mut errs = FieldErrors::new();
    let vin = Vin::parse(&i.vin).map_err(|e| e.at("vin"));
    if let Err(e) = &vin {
        errs.push(e.clone());
    }
    errs.optional_text("note", Some(&i.note), 1000);
    let maker = maker::Entity::find_by_id(i.maker_id).one(db).await?;
    if maker.is_none() {
        errs.push(FieldError::new("maker_id", Rule::Exists).with("value", i.maker_id));
    }
    if let Some(m) = i.model_id
        && model::Entity::find_by_id(m)
            .one(db)
            .await?
            .is_none_or(|m| m.maker_id != i.maker_id)
    {
        errs.push(FieldError::new("model_id", Rule::Exists).with("value", m));
    }
    errs.finish()?;
    let vin = vin.map_err(StoreError::from)?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    injury_link::Entity::delete_many()
        .filter(injury_link::Column::CaseId.eq(case_id))
        .exec(&txn)
        .await?;
    let l = injury_link::ActiveModel {
        case_id: Set(case_id),
        vin: Set(vin.to_string()),
        maker_id: Set(i.maker_id),
        model_id: Set(i.model_id),
        note: Set(i.note.trim().into()),
        linked_by: Set(p.display_name.clone()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        p,
        target(ENTITY, l.id, &c.region_path, c.org_id),
        "link",
        None,
        Some(&l),
    )
    .await?;
    txn.commit().await?;
    Ok(views(db, vec![c], &[l]).await?.remove(0))
}
