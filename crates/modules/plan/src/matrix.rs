//! The supervision matrix: a plan's points × the city bureaus, each cell the state of the
//! targets of that point addressed to that city, with completion rates per city, per point and
//! overall. Computed over the targets the principal can see (a city sees its own column).

use longzhi_domain::TargetStatus;
use std::collections::{BTreeMap, HashMap};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use crate::entity::{plan_part, plan_point};
use longzhi_store::Result;
use longzhi_store::entity::{org, region};
use longzhi_store::scope::{Principal, unscoped};

use crate::plans::{completed, get_plan, rate};
use crate::targets::{self, TargetFilter, today};

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MatrixFilter {
    /// Tasks led by this department.
    pub dept_id: Option<i64>,
    /// Cities in this region's subtree.
    pub region_code: Option<String>,
    /// Cells of this status (`done`, `in_progress`, `not_started`, or `overdue`).
    pub status: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MatrixCity {
    pub org_id: i64,
    pub name: String,
    pub region_code: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MatrixPoint {
    pub id: i64,
    pub seq: i32,
    pub title: String,
    pub part_seq: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct MatrixCell {
    pub point_id: i64,
    pub org_id: i64,
    pub total: u64,
    pub completed: u64,
    /// `done` when every target is completed, `in_progress` when any was reported,
    /// `not_started` otherwise.
    pub status: String,
    pub overdue: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Rate<K> {
    #[serde(flatten)]
    pub key: K,
    pub total: u64,
    pub completed: u64,
    pub rate: f64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CityKey {
    pub org_id: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PointKey {
    pub point_id: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Matrix {
    pub cities: Vec<MatrixCity>,
    pub points: Vec<MatrixPoint>,
    pub cells: Vec<MatrixCell>,
    pub by_city: Vec<Rate<CityKey>>,
    pub by_point: Vec<Rate<PointKey>>,
    pub total: u64,
    pub completed: u64,
    pub rate: f64,
}

#[derive(Default, Clone, Copy)]
struct Tally {
    total: u64,
    completed: u64,
    reported: bool,
    overdue: bool,
}

impl Tally {
    fn status(&self) -> &'static str {
        if self.total > 0 && self.completed == self.total {
            "done"
        } else if self.reported {
            "in_progress"
        } else {
            "not_started"
        }
    }
}

fn rates<K>(tallies: impl IntoIterator<Item = (K, Tally)>) -> Vec<Rate<K>> {
    tallies
        .into_iter()
        .map(|(key, t)| Rate {
            key,
            total: t.total,
            completed: t.completed,
            rate: rate(t.completed, t.total),
        })
        .collect()
}

pub async fn matrix<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    plan_id: i64,
    f: &MatrixFilter,
) -> Result<Matrix> {
    let plan = get_plan(db, p, plan_id).await?;
    let filter = TargetFilter {
        plan_id: Some(plan.id),
        region_code: f.region_code.clone(),
        dept_id: f.dept_id,
        ..Default::default()
    };
    let targets = targets::all(db, p, &filter).await?;
    let bureaus: HashMap<i64, org::Model> =
        unscoped::<org::Entity>("the matrix has a column for every city bureau")
            .filter(org::Column::Kind.eq("city_bureau"))
            .filter(org::Column::Id.is_in(targets.iter().map(|t| t.org_id)))
            .all(db)
            .await?
            .into_iter()
            .map(|o| (o.id, o))
            .collect();
    let today = today();
    let mut cells: BTreeMap<(i64, i64), Tally> = BTreeMap::new();
    for t in targets.iter().filter(|t| bureaus.contains_key(&t.org_id)) {
        let c = cells.entry((t.point_id, t.org_id)).or_default();
        c.total += 1;
        c.completed += u64::from(completed(t));
        c.reported |= t.status != TargetStatus::NotStarted;
        c.overdue |= !completed(t) && (t.overdue || t.deadline < today);
    }
    if let Some(s) = f.status.as_deref().filter(|s| !s.is_empty()) {
        cells.retain(|_, c| {
            if s == "overdue" {
                c.overdue
            } else {
                c.status() == s
            }
        });
    }
    let regions: HashMap<i64, String> = region::Entity::find()
        .filter(region::Column::Id.is_in(bureaus.values().map(|o| o.region_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.code))
        .collect();
    let mut cities: Vec<MatrixCity> = bureaus
        .values()
        .map(|o| MatrixCity {
            org_id: o.id,
            name: o.name.clone(),
            region_code: regions.get(&o.region_id).cloned().unwrap_or_default(),
        })
        .collect();
    cities.sort_by(|a, b| a.region_code.cmp(&b.region_code));
    let parts: HashMap<i64, i32> = plan_part::Entity::find()
        .filter(plan_part::Column::PlanId.eq(plan.id))
        .all(db)
        .await?
        .into_iter()
        .map(|x| (x.id, x.seq))
        .collect();
    let mut points: Vec<MatrixPoint> = plan_point::Entity::find()
        .filter(plan_point::Column::PlanId.eq(plan.id))
        .order_by_asc(plan_point::Column::Seq)
        .all(db)
        .await?
        .into_iter()
        .filter(|pt| cells.keys().any(|(point, _)| *point == pt.id))
        .map(|pt| MatrixPoint {
            part_seq: parts.get(&pt.part_id).copied().unwrap_or_default(),
            id: pt.id,
            seq: pt.seq,
            title: pt.title,
        })
        .collect();
    points.sort_by_key(|pt| (pt.part_seq, pt.seq));
    let mut by_city: BTreeMap<i64, Tally> = BTreeMap::new();
    let mut by_point: BTreeMap<i64, Tally> = BTreeMap::new();
    let mut all = Tally::default();
    for ((point, city), c) in &cells {
        for t in [
            by_city.entry(*city).or_default(),
            by_point.entry(*point).or_default(),
            &mut all,
        ] {
            t.total += c.total;
            t.completed += c.completed;
        }
    }
    cities.retain(|c| by_city.contains_key(&c.org_id));
    let order: HashMap<i64, usize> = cities
        .iter()
        .enumerate()
        .map(|(i, c)| (c.org_id, i))
        .collect();
    let mut by_city = rates(
        by_city
            .into_iter()
            .map(|(org_id, t)| (CityKey { org_id }, t)),
    );
    by_city.sort_by_key(|r| order.get(&r.key.org_id).copied());
    Ok(Matrix {
        cells: cells
            .into_iter()
            .map(|((point_id, org_id), t)| MatrixCell {
                point_id,
                org_id,
                total: t.total,
                completed: t.completed,
                status: t.status().into(),
                overdue: t.overdue,
            })
            .collect(),
        by_point: rates(
            by_point
                .into_iter()
                .map(|(point_id, t)| (PointKey { point_id }, t)),
        ),
        by_city,
        cities,
        points,
        total: all.total,
        completed: all.completed,
        rate: rate(all.completed, all.total),
    })
}
