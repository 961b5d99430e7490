//! Defect and 三包 information analysis (seed point 18): disputes by city (the map), by month, by
//! remedy and outcome; faults by make, model, system and component across the disputes' repair
//! visits and the consumers' defect reports on cars; disproportionality of make/model ×
//! component from the signal engine; and car-accident injury cases linked to vehicles. Everything
//! within the caller's data scope.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use longzhi_injury::entity::{case, report};
use longzhi_store::repo::regions;
use longzhi_store::scope::{Principal, scoped};
use longzhi_store::{Result, StoreError};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use crate::entity::{dispute, injury_link, maker, model, repair};
use crate::injuries::{self, InjuryView};

/// Evans' signal criteria: at least 3 visits, PRR ≥ 2 and Yates' χ² ≥ 4.
const MIN_N: u64 = 3;
const MIN_PRR: f64 = 2.0;
const MIN_CHI2: f64 = 4.0;

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AnalysisFilter {
    /// Received on or after (default: a year before `to`).
    pub from: Option<NaiveDate>,
    /// Received on or before (default: today).
    pub to: Option<NaiveDate>,
    pub maker_id: Option<i64>,
    pub city_code: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct KeyCount {
    pub key: String,
    pub count: u64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CityCount {
    pub city_code: String,
    pub name: String,
    pub name_en: String,
    pub disputes: u64,
    pub open: u64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    pub disputes: u64,
    pub visits: u64,
    pub refund_or_replace: u64,
}

/// Faults of one make and model on one component.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FaultRow {
    pub brand: String,
    pub model: String,
    pub system: String,
    /// The main part, or empty for the system as a whole.
    pub part: String,
    /// Repair visits (not the consumer's fault).
    pub visits: u64,
    /// Disputes with such a visit.
    pub disputes: u64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ModelRow {
    pub brand: String,
    pub model: String,
    pub disputes: u64,
    pub visits: u64,
    /// Consumers' defect reports on cars naming this brand and model.
    pub complaints: u64,
    pub refund_or_replace: u64,
}

/// The disproportionality of one make/model × component cell (the signal engine's closed form).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SignalRow {
    pub brand: String,
    pub model: String,
    pub system: String,
    pub part: String,
    pub n: u64,
    pub expected: f64,
    /// Null when no other make/model has this component (unbounded).
    pub prr: Option<f64>,
    pub chi2: Option<f64>,
    /// Lower 95 % limit of the information component.
    pub ic025: f64,
    /// Evans' criteria met (n ≥ 3, PRR ≥ 2, χ² ≥ 4).
    pub signal: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CarAnalysis {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub disputes: u64,
    pub open: u64,
    pub overdue: u64,
    pub by_remedy: Vec<KeyCount>,
    pub by_outcome: Vec<KeyCount>,
    pub by_city: Vec<CityCount>,
    pub trend: Vec<MonthCount>,
    pub models: Vec<ModelRow>,
    pub faults: Vec<FaultRow>,
    pub signals: Vec<SignalRow>,
    /// Injury cases involving a car in the period, and those linked to a vehicle.
    pub injury_cases: u64,
    pub injuries: Vec<InjuryView>,
}

fn counts(it: impl Iterator<Item = String>) -> Vec<KeyCount> {
    let mut m: BTreeMap<String, u64> = BTreeMap::new();
    for k in it {
        *m.entry(k).or_default() += 1;
    }
    let mut v: Vec<KeyCount> = m
        .into_iter()
        .map(|(key, count)| KeyCount { key, count })
        .collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then(a.key.cmp(&b.key)));
    v
}

pub async fn analyse<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    f: &AnalysisFilter,
) -> Result<CarAnalysis> {
    let to = f.to.unwrap_or_else(longzhi_store::today);
    let from = f.from.unwrap_or(to - chrono::Duration::days(365));
    let mut s = scoped::<dispute::Entity>(p)
        .filter(dispute::Column::ReceivedOn.between(from, to))
        .order_by_asc(dispute::Column::Id);
    if let Some(m) = f.maker_id {
        s = s.filter(dispute::Column::MakerId.eq(m));
    }
    if let Some(c) = f.city_code.as_deref().filter(|c| !c.is_empty()) {
        s = s.filter(dispute::Column::CityCode.eq(c));
    }
    let disputes = s.all(db).await?;
    let ids: Vec<i64> = disputes.iter().map(|d| d.id).collect();
    let visits = repair::Entity::find()
        .filter(repair::Column::DisputeId.is_in(ids.iter().copied()))
        .filter(repair::Column::ConsumerFault.eq(false))
        .all(db)
        .await?;
    let makers = maker::Entity::find().all(db).await?;
    let models = model::Entity::find().all(db).await?;
    let brand_of: HashMap<i64, &str> = makers.iter().map(|m| (m.id, m.brand.as_str())).collect();
    let model_of: HashMap<i64, &model::Model> = models.iter().map(|m| (m.id, m)).collect();
    let car_of: HashMap<i64, (String, String)> = disputes
        .iter()
        .map(|d| {
            (
                d.id,
                (
                    brand_of
                        .get(&d.maker_id)
                        .copied()
                        .unwrap_or_default()
                        .to_owned(),
                    model_of
                        .get(&d.model_id)
                        .map(|m| m.name.clone())
                        .unwrap_or_default(),
                ),
            )
        })
        .collect();
    let today = longzhi_store::today();

    let cities = regions::cities(db).await?;
    let by_city = cities
        .iter()
        .map(|c| CityCount {
            disputes: disputes.iter().filter(|d| d.city_code == c.code).count() as u64,
            open: disputes
                .iter()
                .filter(|d| d.city_code == c.code && d.status == "open")
                .count() as u64,
            city_code: c.code.clone(),
            name: c.name.clone(),
            name_en: c.name_en.clone(),
        })
        .collect();

    let month = |d: NaiveDate| format!("{}-{:02}", d.year(), d.month());
    let mut trend: BTreeMap<String, MonthCount> = BTreeMap::new();
    let mut m =
        NaiveDate::from_ymd_opt(from.year(), from.month(), 1).ok_or(StoreError::NotFound)?;
    while m <= to {
        trend.insert(
            month(m),
            MonthCount {
                month: month(m),
                disputes: 0,
                visits: 0,
                refund_or_replace: 0,
            },
        );
        m = m + chrono::Months::new(1);
    }
    for d in &disputes {
        if let Some(t) = trend.get_mut(&month(d.received_on)) {
            t.disputes += 1;
            t.refund_or_replace += u64::from(d.remedy == "refund_or_replace");
        }
    }
    for v in &visits {
        if let Some(t) = trend.get_mut(&month(v.date)) {
            t.visits += 1;
        }
    }

    // Faults by make, model and component.
    let mut faults: BTreeMap<Cell, (u64, std::collections::BTreeSet<i64>)> = BTreeMap::new();
    for v in &visits {
        let (brand, model) = car_of.get(&v.dispute_id).cloned().unwrap_or_default();
        let e = faults
            .entry((
                brand,
                model,
                v.system.clone(),
                v.part.clone().unwrap_or_default(),
            ))
            .or_default();
        e.0 += 1;
        e.1.insert(v.dispute_id);
    }
    let signals = signals(
        &faults
            .iter()
            .map(|(k, v)| (k.clone(), v.0))
            .collect::<Vec<_>>(),
    );
    let mut faults: Vec<FaultRow> = faults
        .into_iter()
        .map(|((brand, model, system, part), (n, ds))| FaultRow {
            brand,
            model,
            system,
            part,
            visits: n,
            disputes: ds.len() as u64,
        })
        .collect();
    faults.sort_by(|a, b| b.visits.cmp(&a.visits).then(b.disputes.cmp(&a.disputes)));

    // By model, with the consumers' defect reports on cars.
    let complaints = scoped::<report::Entity>(p)
        .filter(report::Column::Category.eq("car"))
        .filter(report::Column::ReceivedOn.between(from, to))
        .all(db)
        .await?;
    let mut by_model: BTreeMap<(String, String), ModelRow> = BTreeMap::new();
    let row = |brand: &str, model: &str| ModelRow {
        brand: brand.to_owned(),
        model: model.to_owned(),
        disputes: 0,
        visits: 0,
        complaints: 0,
        refund_or_replace: 0,
    };
    for d in &disputes {
        let (b, m) = car_of.get(&d.id).cloned().unwrap_or_default();
        let r = by_model
            .entry((b.clone(), m.clone()))
            .or_insert_with(|| row(&b, &m));
        r.disputes += 1;
        r.refund_or_replace += u64::from(d.remedy == "refund_or_replace");
    }
    for v in &visits {
        let (b, m) = car_of.get(&v.dispute_id).cloned().unwrap_or_default();
        by_model
            .entry((b.clone(), m.clone()))
            .or_insert_with(|| row(&b, &m))
            .visits += 1;
    }
    for c in &complaints {
        let key = (c.brand.trim().to_owned(), c.model.trim().to_owned());
        by_model
            .entry(key.clone())
            .or_insert_with(|| row(&key.0, &key.1))
            .complaints += 1;
    }
    let mut models_out: Vec<ModelRow> = by_model.into_values().collect();
    models_out.sort_by(|a, b| {
        (b.disputes + b.complaints)
            .cmp(&(a.disputes + a.complaints))
            .then(a.brand.cmp(&b.brand))
    });

    let injury_cases = scoped::<case::Entity>(p)
        .filter(case::Column::TreatedOn.between(from, to))
        .filter(injuries::involves_a_car())
        .count(db)
        .await?;
    let links = injury_link::Entity::find().all(db).await?;
    let injuries = injuries::linked(db, p, &links, from, to).await?;

    Ok(CarAnalysis {
        from,
        to,
        disputes: disputes.len() as u64,
        open: disputes.iter().filter(|d| d.status == "open").count() as u64,
        overdue: disputes
            .iter()
            .filter(|d| {
                d.status == "open"
                    && ((d.answered_on.is_none() && today > d.answer_due)
                        || (d.request != "repair" && today > d.completion_due))
            })
            .count() as u64,
        by_remedy: counts(disputes.iter().map(|d| d.remedy.clone())),
        by_outcome: counts(disputes.iter().filter_map(|d| d.outcome.clone())),
        by_city,
        trend: trend.into_values().collect(),
        models: models_out,
        faults,
        signals,
        injury_cases,
        injuries,
    })
}

/// Brand, model, system and part.
type Cell = (String, String, String, String);

/// The closed-form disproportionality of every make/model × component cell, signals first.
fn signals(cells: &[(Cell, u64)]) -> Vec<SignalRow> {
    let mut rows: Vec<(String, String)> = Vec::new();
    let mut cols: Vec<(String, String)> = Vec::new();
    let index = |v: &mut Vec<(String, String)>, k: (String, String)| -> u32 {
        match v.iter().position(|x| *x == k) {
            Some(i) => i as u32,
            None => {
                v.push(k);
                (v.len() - 1) as u32
            }
        }
    };
    let (mut r, mut c, mut n) = (Vec::new(), Vec::new(), Vec::new());
    for ((brand, model, system, part), count) in cells {
        r.push(index(&mut rows, (brand.clone(), model.clone())));
        c.push(index(&mut cols, (system.clone(), part.clone())));
        n.push(*count);
    }
    let Ok(table) = longzhi_signal::Table::count(&longzhi_signal::Reports {
        n_rows: rows.len(),
        n_cols: cols.len(),
        rows: &r,
        cols: &c,
        counts: Some(&n),
        strata: None,
    }) else {
        return Vec::new();
    };
    if table.total() == 0 {
        return Vec::new();
    }
    let stats = longzhi_signal::closed_form(&table);
    let mut out: Vec<SignalRow> = table
        .cells()
        .iter()
        .zip(stats)
        .map(|(cell, s)| {
            let (brand, model) = rows[cell.row as usize].clone();
            let (system, part) = cols[cell.col as usize].clone();
            SignalRow {
                // No other make/model with this component: PRR is unbounded (null).
                signal: cell.n >= MIN_N
                    && (s.prr.is_some_and(|p| p >= MIN_PRR) || table.col_total(cell.col) == cell.n)
                    && s.prr_chi2.is_some_and(|x| x >= MIN_CHI2),
                brand,
                model,
                system,
                part,
                n: cell.n,
                expected: s.expected,
                prr: s.prr,
                chi2: s.prr_chi2,
                ic025: s.ic.1,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.signal
            .cmp(&a.signal)
            .then(b.prr.unwrap_or(0.0).total_cmp(&a.prr.unwrap_or(0.0)))
            .then(b.n.cmp(&a.n))
    });
    out
}
