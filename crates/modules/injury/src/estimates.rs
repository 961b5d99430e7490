//! Weighted provincial estimates of injuries (NEISS-style national estimates, here for the
//! province) by product category, year, age group, sex and city, from the survey engine.
//!
//! The cases of the window are counted in the database by point, year and domain, and each
//! count enters the engine as one record carrying the summed weight of its cases: every PSU
//! total, and so every estimate and variance, is the one the engine computes from the cases one
//! by one (`longzhi engine survey` on the file [`data_csv`] writes, with [`command`]). Filters
//! are domains, not subsets: the design keeps every point of the window.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Duration, NaiveDate};
use longzhi_domain::{FieldError, Rule};
use longzhi_store::scope::Principal;
use longzhi_store::{Result, StoreError, today};
use longzhi_survey::{Design, DomainEstimate, LonelyPsu, Request, Statistic, estimate};
use sea_orm::sea_query::{Alias, Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QuerySelect, QueryTrait};
use serde::{Deserialize, Serialize};

use crate::cases::{CaseFilter, select};
use crate::entity::case;
use crate::points;

/// The domain dimensions, in the order of the data file's columns.
pub const DIMENSIONS: [&str; 5] = ["product", "year", "age_group", "sex", "city"];
/// NEISS's publication rule, as the province applies it (no minimum estimate: the province's
/// totals are far below the national 1,200).
pub const MIN_CASES: u64 = 20;
pub const MAX_CV: f64 = 0.33;
pub const MIN_POINTS: usize = 3;
/// A stratum with a single point in the window deviates from the grand mean (R survey's
/// `adjust`): conservative, and it never refuses a page.
const LONELY: LonelyPsu = LonelyPsu::Center;

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EstimateQuery {
    /// First day of the window (default: a year before `to`).
    pub from: Option<NaiveDate>,
    /// Last day of the window (default: today).
    pub to: Option<NaiveDate>,
    /// One or two dimensions, comma-separated: product, year, age_group, sex, city.
    pub by: Option<String>,
    /// Only the domains of this product category (a domain, not a subset).
    pub product: Option<String>,
    pub city: Option<String>,
    pub sex: Option<String>,
    pub age_group: Option<String>,
}

/// One domain's estimate.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EstimateRow {
    /// The domain's level in each dimension (`by` and the filters).
    pub by: BTreeMap<String, String>,
    /// Cases behind it (a case with two products counts in both).
    pub n: u64,
    /// Points with cases in it.
    pub points: usize,
    pub estimate: f64,
    pub se: f64,
    /// Coefficient of variation; null when the estimate is 0.
    pub cv: Option<f64>,
    pub ci_lo: f64,
    pub ci_hi: f64,
    /// Meets the publication rule.
    pub published: bool,
    /// The rules it breaks: `cases` (< 20), `cv` (> 33 %), `points` (< 3).
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DesignSummary {
    /// Records of the data file (cases, or case × product when product is a dimension).
    pub records: u64,
    pub strata: usize,
    pub psus: usize,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Estimates {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The dimensions of the domains: `by`, then the filtered ones.
    pub dimensions: Vec<String>,
    pub design: DesignSummary,
    /// Cases of the window whose point has no design for their year (left out).
    pub without_design: u64,
    pub rows: Vec<EstimateRow>,
    /// The command that reproduces the rows from the data file (`data.csv`).
    pub command: String,
}

/// The checked query: window and domain dimensions with the filters' levels.
pub struct Plan {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// (dimension, level the rows are restricted to).
    pub dims: Vec<(&'static str, Option<String>)>,
}

impl Plan {
    pub fn new(q: &EstimateQuery) -> Result<Self> {
        let (from, to) = window(q.from, q.to)?;
        if to - from > Duration::days(366 * 20) {
            return Err(FieldError::new("from", Rule::Range)
                .with("min", to - Duration::days(366 * 20))
                .into());
        }
        let mut dims: Vec<(&'static str, Option<String>)> = Vec::new();
        let by = q.by.as_deref().unwrap_or("product");
        for d in by.split(',').map(str::trim).filter(|d| !d.is_empty()) {
            let Some(&dim) = DIMENSIONS.iter().find(|x| **x == d) else {
                return Err(FieldError::new("by", Rule::Enum)
                    .with("allowed", DIMENSIONS.join(","))
                    .into());
            };
            if dims.iter().any(|(x, _)| *x == dim) {
                return Err(FieldError::new("by", Rule::Unique)
                    .with("value", dim)
                    .into());
            }
            dims.push((dim, None));
        }
        if dims.is_empty() || dims.len() > 2 {
            return Err(FieldError::new("by", Rule::Length)
                .with("min", 1)
                .with("max", 2)
                .into());
        }
        for (dim, level) in [
            ("product", &q.product),
            ("city", &q.city),
            ("sex", &q.sex),
            ("age_group", &q.age_group),
        ] {
            if let Some(l) = level.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
                match dims.iter_mut().find(|(d, _)| *d == dim) {
                    Some(d) => d.1 = Some(l.to_owned()),
                    None => dims.push((dim, Some(l.to_owned()))),
                }
            }
        }
        Ok(Self { from, to, dims })
    }

    fn names(&self) -> Vec<String> {
        self.dims.iter().map(|(d, _)| (*d).to_owned()).collect()
    }

    fn has_product(&self) -> bool {
        self.dims.iter().any(|(d, _)| *d == "product")
    }

    /// `longzhi engine survey` on the data file gives the rows (before the filters' levels are
    /// picked out and the publication rule is applied).
    pub fn command(&self) -> String {
        format!(
            "longzhi engine survey --data data.csv --weight weight --strata stratum --psu psu \
             --by {} --lonely-psu center --min-n {MIN_CASES} --max-cv {MAX_CV} --min-estimate 0",
            self.names().join(",")
        )
    }
}

/// A page's window: the days asked for, by default the year up to today; `from` not after `to`.
pub(crate) fn window(
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<(NaiveDate, NaiveDate)> {
    let to = to.unwrap_or_else(today);
    let from = from.unwrap_or(to - Duration::days(364));
    if from > to {
        return Err(FieldError::new("from", Rule::Range).with("max", to).into());
    }
    Ok((from, to))
}

fn column(dim: &str, product: usize) -> case::Column {
    match dim {
        "product" => [
            case::Column::Product1,
            case::Column::Product2,
            case::Column::Product3,
        ][product],
        "year" => case::Column::Year,
        "age_group" => case::Column::AgeGroup,
        "sex" => case::Column::Sex,
        _ => case::Column::CityCode,
    }
}

/// The window's cases counted by (point, year, domain levels).
async fn counts<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    plan: &Plan,
) -> Result<Vec<(i64, i32, Vec<String>, u64)>> {
    let filter = CaseFilter {
        from: Some(plan.from),
        to: Some(plan.to),
        ..Default::default()
    };
    let mut out = Vec::new();
    let passes = if plan.has_product() { 3 } else { 1 };
    for k in 0..passes {
        let mut s = select(p, &filter)
            .select_only()
            .column(case::Column::PointId)
            .column(case::Column::Year)
            .group_by(case::Column::PointId)
            .group_by(case::Column::Year);
        for (j, (dim, _)) in plan.dims.iter().enumerate() {
            let c = column(dim, k);
            s = s
                .expr_as(
                    Expr::col(c).cast_as(Alias::new(text_type(db))),
                    format!("d{j}"),
                )
                .group_by(c);
            if k > 0 && *dim == "product" {
                s = s.filter(c.is_not_null());
            }
        }
        s = s.expr_as(Expr::col(case::Column::Id).count(), "n");
        let stmt = db.get_database_backend().build(&s.into_query());
        for row in db.query_all_raw(stmt).await? {
            let point: i64 = row.try_get("", "point_id")?;
            let year: i32 = row.try_get("", "year")?;
            let levels = (0..plan.dims.len())
                .map(|j| row.try_get::<String>("", &format!("d{j}")))
                .collect::<std::result::Result<Vec<_>, _>>()?;
            let n: i64 = row.try_get("", "n")?;
            out.push((point, year, levels, n as u64));
        }
    }
    Ok(out)
}

/// The text type of a `CAST` on this backend.
fn text_type<C: ConnectionTrait>(db: &C) -> &'static str {
    match db.get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => "text",
        _ => "TEXT",
    }
}

fn years(plan: &Plan) -> std::ops::RangeInclusive<i32> {
    plan.from.year()..=plan.to.year()
}

/// Interns labels to ids in first-seen order.
#[derive(Default)]
struct Interner(HashMap<String, u32>);

impl Interner {
    fn id(&mut self, label: &str) -> u32 {
        let next = self.0.len() as u32;
        *self.0.entry(label.to_owned()).or_insert(next)
    }
}

pub async fn estimates<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    q: &EstimateQuery,
) -> Result<Estimates> {
    let plan = Plan::new(q)?;
    let design_of = points::design(db, years(&plan)).await?;
    let counts = counts(db, p, &plan).await?;
    let (mut strata, mut psus, mut domains) = (
        Interner::default(),
        Interner::default(),
        Interner::default(),
    );
    let (mut weights, mut stratum_ids, mut psu_ids, mut domain_ids, mut ns) =
        (vec![], vec![], vec![], vec![], vec![]);
    let mut without_design = 0;
    let mut levels_of: Vec<Vec<String>> = Vec::new();
    for (point, year, levels, n) in counts {
        let Some(d) = design_of.get(&(point, year)) else {
            without_design += n;
            continue;
        };
        let key = levels.join("\u{1f}");
        let dom = domains.id(&key);
        if dom as usize == levels_of.len() {
            levels_of.push(levels);
        }
        weights.push(d.weight * n as f64);
        stratum_ids.push(strata.id(&d.stratum));
        psu_ids.push(psus.id(&format!("{}\u{1f}{}", d.stratum, d.psu)));
        domain_ids.push(dom);
        ns.push(n);
    }
    let records: u64 = ns.iter().sum();
    let mut rows = Vec::new();
    let (n_strata, n_psus);
    if weights.is_empty() {
        (n_strata, n_psus) = (0, 0);
    } else {
        let design = Design::new(weights, &stratum_ids, &psu_ids)
            .map_err(|e| StoreError::Db(sea_orm::DbErr::Custom(e.to_string())))?;
        (n_strata, n_psus) = (design.n_strata(), design.n_psus());
        let request = Request {
            domains: &domain_ids,
            n_domains: levels_of.len(),
            values: None,
            statistic: Statistic::Total,
            lonely: LONELY,
        };
        let est = estimate(&design, &request)
            .map_err(|e| StoreError::Db(sea_orm::DbErr::Custom(e.to_string())))?;
        let mut cases = vec![0u64; levels_of.len()];
        let mut points: Vec<std::collections::HashSet<u32>> =
            vec![Default::default(); levels_of.len()];
        for k in 0..domain_ids.len() {
            cases[domain_ids[k] as usize] += ns[k];
            points[domain_ids[k] as usize].insert(psu_ids[k]);
        }
        for (d, levels) in levels_of.iter().enumerate() {
            let wanted = plan
                .dims
                .iter()
                .zip(levels)
                .all(|((_, want), l)| want.as_ref().is_none_or(|w| w == l));
            if wanted {
                rows.push(row(&plan, levels, &est[d], cases[d], points[d].len()));
            }
        }
    }
    rows.sort_by(|a, b| b.estimate.total_cmp(&a.estimate));
    Ok(Estimates {
        from: plan.from,
        to: plan.to,
        dimensions: plan.names(),
        design: DesignSummary {
            records,
            strata: n_strata,
            psus: n_psus,
        },
        without_design,
        rows,
        command: plan.command(),
    })
}

fn row(plan: &Plan, levels: &[String], e: &DomainEstimate, n: u64, points: usize) -> EstimateRow {
    let e = DomainEstimate { n, ..*e };
    let (ci_lo, ci_hi) = e.ci95();
    let cv = e.cv();
    let mut reasons = Vec::new();
    if n < MIN_CASES {
        reasons.push("cases".to_owned());
    }
    if cv.is_none_or(|cv| cv > MAX_CV) {
        reasons.push("cv".to_owned());
    }
    if points < MIN_POINTS {
        reasons.push("points".to_owned());
    }
    EstimateRow {
        by: plan
            .dims
            .iter()
            .zip(levels)
            .map(|((d, _), l)| ((*d).to_owned(), l.clone()))
            .collect(),
        n,
        points,
        estimate: e.estimate,
        se: e.se(),
        cv,
        ci_lo,
        ci_hi,
        published: reasons.is_empty(),
        reasons,
    }
}

/// The data file behind an estimate: one line per case of the window with a design (per case
/// and product when product is a dimension), with its weight, stratum, PSU and every dimension.
pub async fn data_csv<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    q: &EstimateQuery,
) -> Result<Vec<u8>> {
    use sea_orm::QueryOrder;
    let plan = Plan::new(q)?;
    let design_of = points::design(db, years(&plan)).await?;
    let filter = CaseFilter {
        from: Some(plan.from),
        to: Some(plan.to),
        ..Default::default()
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| StoreError::Io(e.to_string());
    w.write_record(["weight", "stratum", "psu"].iter().chain(DIMENSIONS.iter()))
        .map_err(io)?;
    let mut after = 0i64;
    loop {
        let batch = select(p, &filter)
            .filter(case::Column::Id.gt(after))
            .order_by_asc(case::Column::Id)
            .limit(10_000)
            .all(db)
            .await?;
        let Some(last) = batch.last() else { break };
        after = last.id;
        for c in &batch {
            let Some(d) = design_of.get(&(c.point_id, c.year)) else {
                continue;
            };
            let products: Vec<&str> = if plan.has_product() {
                [Some(&c.product1), c.product2.as_ref(), c.product3.as_ref()]
                    .into_iter()
                    .flatten()
                    .map(String::as_str)
                    .collect()
            } else {
                vec![c.product1.as_str()]
            };
            for prod in products {
                w.write_record([
                    d.weight.to_string().as_str(),
                    &d.stratum,
                    &d.psu,
                    prod,
                    &c.year.to_string(),
                    &c.age_group,
                    &c.sex,
                    &c.city_code,
                ])
                .map_err(io)?;
            }
        }
    }
    w.into_inner().map_err(|e| StoreError::Io(e.to_string()))
}
