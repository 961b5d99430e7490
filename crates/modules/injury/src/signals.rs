//! Disproportionality signals (the signal engine): product × hazard or brand/model × hazard
//! counts of the defect reports of a window, with PRR, ROR, IC with IC025 and EBGM with EB05,
//! the configurable rules, what is new on the preceding window of the same length, and the
//! register the weekly job keeps (docs/guide/injury.md).
//!
//! The counts are made in the database and handed to `longzhi engine signal` as `row,hazard,n`
//! lines: the answer is the command's on the exported reports, by construction.

use std::collections::HashSet;

use chrono::{Duration, NaiveDate, Utc};
use longzhi_domain::{FieldError, FieldErrors, Rule, Status};
use longzhi_engine_cli::signal::{Args, Format, WindowArg};
use longzhi_store::audit::{self, Target};
use longzhi_store::page::{Page, PageQuery, paginate};
use longzhi_store::repo::{check_status, update_versioned};
use longzhi_store::scope::Principal;
use longzhi_store::{Result, StoreError};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};

use crate::entity::{report, rule, signal};
use crate::reports::{DefectReportFilter, select};

pub const DIMENSIONS: [&str; 2] = ["product", "model"];
pub const STATUSES: [&str; 4] = ["new", "reviewing", "escalated", "closed"];
pub const FOLLOW_UPS: [&str; 2] = ["assessment", "investigation"];

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SignalQuery {
    /// `product` (category × hazard, the default) or `model` (brand and model × hazard).
    pub dimension: Option<String>,
    /// First day of the window (default: a year before `to`).
    pub from: Option<NaiveDate>,
    /// Last day (default: today).
    pub to: Option<NaiveDate>,
    /// Only reports of this product category (e.g. the models of one category).
    pub category: Option<String>,
}

/// One cell: the engine's statistics (as `longzhi engine signal` writes them), the rules it
/// meets, and whether it meets none on the preceding window.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SignalCell {
    /// The product category code, or `brand model`.
    pub row: String,
    /// The hazard code.
    pub col: String,
    pub n: u64,
    pub expected: f64,
    pub prr: Option<f64>,
    pub prr_chi2: Option<f64>,
    pub ror: Option<f64>,
    pub ror_lo95: Option<f64>,
    pub ror_hi95: Option<f64>,
    pub ic: f64,
    pub ic025: f64,
    pub ic975: f64,
    pub ebgm: f64,
    pub eb05: f64,
    pub eb95: f64,
    #[serde(default)]
    pub signals: Vec<String>,
    /// A signal now and none on the preceding window.
    #[serde(default)]
    pub new: bool,
}

/// The engine's answer (the fields of the command's JSON this page uses).
#[derive(Debug, Clone, Deserialize)]
struct EngineOutput {
    n_total: u64,
    prior: serde_json::Value,
    cells: Vec<SignalCell>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SignalTable {
    pub dimension: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The preceding window "new" is judged against.
    pub previous_from: NaiveDate,
    pub previous_to: NaiveDate,
    pub n_total: u64,
    /// The fitted MGPS prior (two-gamma mixture), as the command writes it.
    #[schema(value_type = Object)]
    pub prior: serde_json::Value,
    /// Every cell with a report, signals first (by EB05).
    pub cells: Vec<SignalCell>,
    pub rules: Vec<RuleView>,
    /// The command that gives these cells from the exported reports (`reports.csv`).
    pub command: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RuleView {
    pub id: i64,
    pub name: String,
    /// An expression of the signal engine: `eb05 >= 2 and n >= 3`.
    pub expr: String,
    pub status: Status,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct RuleInput {
    pub name: String,
    pub expr: String,
    #[schema(value_type = Status)]
    pub status: String,
    pub version: Option<i32>,
}

/// The checked window.
pub struct Window {
    pub dimension: &'static str,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub category: Option<String>,
}

impl Window {
    pub fn new(q: &SignalQuery) -> Result<Self> {
        let dimension = match q.dimension.as_deref().unwrap_or("product") {
            "product" => "product",
            "model" => "model",
            _ => {
                return Err(FieldError::new("dimension", Rule::Enum)
                    .with("allowed", DIMENSIONS.join(","))
                    .into());
            }
        };
        let (from, to) = crate::estimates::window(q.from, q.to)?;
        Ok(Self {
            dimension,
            from,
            to,
            category: q.category.clone().filter(|c| !c.is_empty()),
        })
    }

    fn previous(&self) -> Self {
        let len = self.to - self.from + Duration::days(1);
        Self {
            dimension: self.dimension,
            from: self.from - len,
            to: self.from - Duration::days(1),
            category: self.category.clone(),
        }
    }

    fn filter(&self) -> DefectReportFilter {
        DefectReportFilter {
            category: self.category.clone(),
            from: Some(self.from),
            to: Some(self.to),
            ..Default::default()
        }
    }

    /// The exported file's row column.
    fn row_column(&self) -> &'static str {
        if self.dimension == "product" {
            "category"
        } else {
            "brand_model"
        }
    }
}

fn rule_view(m: rule::Model) -> RuleView {
    RuleView {
        id: m.id,
        name: m.name,
        expr: m.expr,
        status: m.status,
        version: m.version,
    }
}

pub async fn rules<C: ConnectionTrait>(db: &C) -> Result<Vec<RuleView>> {
    Ok(rule::Entity::find()
        .order_by_asc(rule::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(rule_view)
        .collect())
}

/// `NAME=EXPR` of every active rule, as the command takes them.
fn rule_specs(rules: &[RuleView]) -> Vec<String> {
    rules
        .iter()
        .filter(|r| r.status == Status::Active)
        .map(|r| format!("{}={}", r.name, r.expr))
        .collect()
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

fn command(w: &Window, specs: &[String]) -> String {
    let mut c = format!(
        "longzhi engine signal --reports reports.csv --row {} --col hazard",
        w.row_column()
    );
    for s in specs {
        c.push_str(" --rule ");
        c.push_str(&shell_quote(s));
    }
    c
}

/// The window's reports counted by (row label, hazard), as `row,hazard,n` CSV.
async fn counts_csv<C: ConnectionTrait>(db: &C, p: &Principal, w: &Window) -> Result<String> {
    let mut s = select(p, &w.filter()).select_only();
    s = if w.dimension == "product" {
        s.column(report::Column::Category)
            .column(report::Column::Category)
            .group_by(report::Column::Category)
    } else {
        s.column(report::Column::Brand)
            .column(report::Column::Model)
            .group_by(report::Column::Brand)
            .group_by(report::Column::Model)
    };
    let rows: Vec<(String, String, String, i64)> = s
        .column(report::Column::Hazard)
        .column_as(report::Column::Id.count(), "n")
        .group_by(report::Column::Hazard)
        .into_tuple()
        .all(db)
        .await?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| StoreError::Io(e.to_string());
    out.write_record(["row", "hazard", "n"]).map_err(io)?;
    for (a, b, hazard, n) in rows {
        let label = if w.dimension == "product" {
            a
        } else {
            model_label(&a, &b)
        };
        out.write_record([label.as_str(), &hazard, &n.to_string()])
            .map_err(io)?;
    }
    String::from_utf8(
        out.into_inner()
            .map_err(|e| StoreError::Io(e.to_string()))?,
    )
    .map_err(|e| StoreError::Io(e.to_string()))
}

/// The row label of a brand and model.
pub fn model_label(brand: &str, model: &str) -> String {
    format!("{brand} {model}")
}

/// The engine on a window's counts; `None` when the window has no reports.
async fn run<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    w: &Window,
    specs: &[String],
) -> Result<Option<EngineOutput>> {
    let text = counts_csv(db, p, w).await?;
    if text.lines().count() < 2 {
        return Ok(None);
    }
    let args = Args {
        reports: "reports.csv".into(),
        row: "row".into(),
        col: "hazard".into(),
        count: Some("n".into()),
        format: Format::Json,
        strata: vec![],
        rules: specs.to_vec(),
        rules_file: None,
        period: None,
        window: WindowArg::Cumulative,
    };
    // The prior's fit is CPU work: off the async workers.
    let out = tokio::task::spawn_blocking(move || {
        let mut out = Vec::new();
        longzhi_engine_cli::signal::run_on(&text, &args, &mut out).map(|()| out)
    })
    .await
    .map_err(|e| StoreError::Io(e.to_string()))?
    .map_err(|e| StoreError::Io(e.0))?;
    serde_json::from_slice(&out)
        .map(Some)
        .map_err(|e| StoreError::Io(e.to_string()))
}

pub async fn table<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    q: &SignalQuery,
) -> Result<SignalTable> {
    let w = Window::new(q)?;
    let before = w.previous();
    let rules = rules(db).await?;
    let specs = rule_specs(&rules);
    // The two windows' engine runs (each a prior fit, most of the page's time) side by side.
    let (now, earlier) = tokio::try_join!(run(db, p, &w, &specs), run(db, p, &before, &specs))?;
    let flagged: HashSet<(String, String)> = earlier
        .map(|o| {
            o.cells
                .into_iter()
                .filter(|c| !c.signals.is_empty())
                .map(|c| (c.row, c.col))
                .collect()
        })
        .unwrap_or_default();
    let (n_total, prior, mut cells) = match now {
        Some(o) => (o.n_total, o.prior, o.cells),
        None => (0, serde_json::Value::Null, vec![]),
    };
    for c in &mut cells {
        c.new = !c.signals.is_empty() && !flagged.contains(&(c.row.clone(), c.col.clone()));
    }
    cells.sort_by(|a, b| {
        (a.signals.is_empty().cmp(&b.signals.is_empty())).then(b.eb05.total_cmp(&a.eb05))
    });
    Ok(SignalTable {
        dimension: w.dimension.to_owned(),
        from: w.from,
        to: w.to,
        previous_from: before.from,
        previous_to: before.to,
        n_total,
        prior,
        cells,
        command: command(&w, &specs),
        rules,
    })
}

/// The reports of a window, one line each, as the command reads them.
pub async fn reports_csv<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    q: &SignalQuery,
) -> Result<Vec<u8>> {
    let w = Window::new(q)?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| StoreError::Io(e.to_string());
    out.write_record([
        "report_no",
        "received_on",
        "category",
        "brand_model",
        "hazard",
    ])
    .map_err(io)?;
    let mut after = 0i64;
    loop {
        let batch = select(p, &w.filter())
            .filter(report::Column::Id.gt(after))
            .order_by_asc(report::Column::Id)
            .limit(10_000)
            .all(db)
            .await?;
        let Some(last) = batch.last() else { break };
        after = last.id;
        for r in batch {
            out.write_record([
                r.report_no.as_str(),
                &r.received_on.to_string(),
                &r.category,
                &model_label(&r.brand, &r.model),
                &r.hazard,
            ])
            .map_err(io)?;
        }
    }
    out.into_inner().map_err(|e| StoreError::Io(e.to_string()))
}

fn check_rule(i: &RuleInput) -> Result<RuleInput> {
    let mut errs = FieldErrors::new();
    let name = errs.text("name", &i.name, 40).unwrap_or_default();
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        errs.push(FieldError::new("name", Rule::Format).with("pattern", "[A-Za-z0-9_-]"));
    }
    let expr = errs.text("expr", &i.expr, 200).unwrap_or_default();
    if !expr.is_empty()
        && let Err(e) = longzhi_signal::Rule::parse(&name, &expr)
    {
        errs.push(FieldError::new("expr", Rule::Format).with("detail", e));
    }
    errs.check("status", check_status("status", &i.status));
    errs.finish()?;
    Ok(RuleInput {
        name,
        expr,
        ..i.clone()
    })
}

fn rule_target(id: i64) -> Target<'static> {
    Target {
        entity: "injury_signal_rule",
        id: id.to_string(),
        region_path: "/",
        org_id: None,
    }
}

pub async fn create_rule(db: &DatabaseConnection, p: &Principal, i: RuleInput) -> Result<RuleView> {
    let i = check_rule(&i)?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let now = Utc::now();
    let m = rule::ActiveModel {
        name: Set(i.name),
        expr: Set(i.expr),
        status: Set(Status::parse("status", &i.status).unwrap_or(Status::Active)),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| StoreError::from(e).on_duplicate("name"))?;
    audit::record(&txn, p, rule_target(m.id), "create", None, Some(&m)).await?;
    txn.commit().await?;
    Ok(rule_view(m))
}

pub async fn update_rule(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: RuleInput,
) -> Result<RuleView> {
    let i = check_rule(&i)?;
    let version = i
        .version
        .ok_or_else(|| StoreError::from(FieldError::new("version", Rule::Required)))?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let before = longzhi_store::repo::by_id::<rule::Entity, _>(&txn, id).await?;
    update_versioned(
        &txn,
        rule::Column::Id,
        rule::Column::Version,
        id,
        version,
        rule::ActiveModel {
            name: Set(i.name),
            expr: Set(i.expr),
            status: Set(Status::parse("status", &i.status).unwrap_or(Status::Active)),
            updated_at: Set(Utc::now()),
            ..Default::default()
        },
    )
    .await
    .map_err(|e| e.on_duplicate("name"))?;
    let after = longzhi_store::repo::by_id::<rule::Entity, _>(&txn, id).await?;
    audit::record(
        &txn,
        p,
        rule_target(id),
        "update",
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(rule_view(after))
}

pub async fn delete_rule(db: &DatabaseConnection, p: &Principal, id: i64) -> Result<()> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let before = longzhi_store::repo::by_id::<rule::Entity, _>(&txn, id).await?;
    rule::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, p, rule_target(id), "delete", Some(&before), None).await?;
    txn.commit().await?;
    Ok(())
}

// ---- The register -------------------------------------------------------------------------

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RegisterView {
    pub id: i64,
    pub dimension: String,
    pub row_label: String,
    pub hazard: String,
    pub first_detected_on: NaiveDate,
    pub last_detected_on: NaiveDate,
    pub n: i64,
    pub prr: Option<f64>,
    pub ror: Option<f64>,
    pub ic025: f64,
    pub eb05: f64,
    pub rules: String,
    pub status: String,
    pub follow_up: Option<String>,
    /// The investigation or assessment it became (`DI-2026-0001`).
    pub follow_up_ref: Option<String>,
    pub note: Option<String>,
    pub version: i32,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RegisterFilter {
    pub status: Option<String>,
    pub dimension: Option<String>,
    /// Row label or hazard contains.
    pub q: Option<String>,
}

/// What staff decide about a registered signal: review it, escalate it to a risk assessment or
/// a defect investigation (the recall module takes it from there), or close it.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct RegisterUpdate {
    pub status: String,
    /// `assessment` or `investigation`; required to escalate.
    pub follow_up: Option<String>,
    pub note: Option<String>,
    pub version: i32,
}

fn register_view(m: signal::Model) -> RegisterView {
    RegisterView {
        id: m.id,
        dimension: m.dimension,
        row_label: m.row_label,
        hazard: m.hazard,
        first_detected_on: m.first_detected_on,
        last_detected_on: m.last_detected_on,
        n: m.n,
        prr: m.prr,
        ror: m.ror,
        ic025: m.ic025,
        eb05: m.eb05,
        rules: m.rules,
        status: m.status,
        follow_up: m.follow_up,
        follow_up_ref: m.follow_up_ref,
        note: m.note,
        version: m.version,
    }
}

pub async fn register<C: ConnectionTrait>(
    db: &C,
    f: &RegisterFilter,
    q: &PageQuery,
) -> Result<Page<RegisterView>> {
    let mut s = signal::Entity::find();
    if let Some(v) = f.status.as_deref().filter(|v| !v.is_empty()) {
        s = s.filter(signal::Column::Status.eq(v));
    }
    if let Some(v) = f.dimension.as_deref().filter(|v| !v.is_empty()) {
        s = s.filter(signal::Column::Dimension.eq(v));
    }
    if let Some(e) = f.q.as_deref().and_then(|t| {
        longzhi_store::page::contains_any(&[signal::Column::RowLabel, signal::Column::Hazard], t)
    }) {
        s = s.filter(e);
    }
    let sortable = [
        ("first_detected_on", signal::Column::FirstDetectedOn),
        ("eb05", signal::Column::Eb05),
        ("n", signal::Column::N),
    ];
    Ok(paginate(
        db,
        s,
        q,
        &sortable,
        "-first_detected_on",
        signal::Column::Id,
    )
    .await?
    .map(register_view))
}

pub async fn decide(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    u: RegisterUpdate,
) -> Result<RegisterView> {
    let mut errs = FieldErrors::new();
    if !STATUSES.contains(&u.status.as_str()) {
        errs.push(FieldError::new("status", Rule::Enum).with("allowed", STATUSES.join(",")));
    }
    let follow_up = u.follow_up.clone().filter(|f| !f.is_empty());
    match (&follow_up, u.status.as_str()) {
        (None, "escalated") => errs.push(FieldError::new("follow_up", Rule::Required)),
        (Some(f), _) if !FOLLOW_UPS.contains(&f.as_str()) => errs
            .push(FieldError::new("follow_up", Rule::Enum).with("allowed", FOLLOW_UPS.join(","))),
        _ => {}
    }
    let note = errs.optional_text("note", u.note.as_deref(), 2000);
    errs.finish()?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let before = longzhi_store::repo::by_id::<signal::Entity, _>(&txn, id).await?;
    update_versioned(
        &txn,
        signal::Column::Id,
        signal::Column::Version,
        id,
        u.version,
        signal::ActiveModel {
            status: Set(u.status),
            follow_up: Set(follow_up),
            note: Set(note),
            updated_at: Set(Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    let after = longzhi_store::repo::by_id::<signal::Entity, _>(&txn, id).await?;
    audit::record(
        &txn,
        p,
        register_target(id),
        "decide",
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(register_view(after))
}

/// The register is the province's: its audit entries carry the root path.
fn register_target(id: i64) -> Target<'static> {
    Target {
        entity: "injury_signal",
        id: id.to_string(),
        region_path: "/",
        org_id: None,
    }
}

/// Marks entry `id` escalated to the record numbered `reference` (a `follow_up`, one of
/// [`FOLLOW_UPS`]) in the transaction that creates that record (the recall module's).
pub async fn escalate_to(
    txn: &DatabaseTransaction,
    p: &Principal,
    id: i64,
    follow_up: &str,
    reference: &str,
) -> Result<()> {
    let before = longzhi_store::repo::by_id::<signal::Entity, _>(txn, id).await?;
    let after = signal::ActiveModel {
        id: Set(id),
        status: Set("escalated".into()),
        follow_up: Set(Some(follow_up.into())),
        follow_up_ref: Set(Some(reference.into())),
        version: Set(before.version + 1),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .update(txn)
    .await?;
    audit::record(
        txn,
        p,
        register_target(id),
        "escalate",
        Some(&before),
        Some(&after),
    )
    .await
}

/// Runs both dimensions over the year up to `day` for the whole province and records every
/// signalling cell in the register; returns the cells registered for the first time.
pub async fn refresh_register(
    db: &DatabaseConnection,
    day: NaiveDate,
) -> Result<Vec<RegisterView>> {
    let p = Principal::system("injury-signals");
    let mut fresh = Vec::new();
    for dimension in DIMENSIONS {
        let t = table(
            db,
            &p,
            &SignalQuery {
                dimension: Some(dimension.into()),
                from: Some(day - Duration::days(365)),
                to: Some(day - Duration::days(1)),
                category: None,
            },
        )
        .await?;
        let txn = longzhi_store::backend::begin_write(db).await?;
        for c in t.cells.iter().filter(|c| !c.signals.is_empty()) {
            let existing = signal::Entity::find()
                .filter(signal::Column::Dimension.eq(dimension))
                .filter(signal::Column::RowLabel.eq(&c.row))
                .filter(signal::Column::Hazard.eq(&c.col))
                .one(&txn)
                .await?;
            let now = Utc::now();
            let mut am = signal::ActiveModel {
                last_detected_on: Set(day),
                n: Set(c.n as i64),
                prr: Set(c.prr),
                ror: Set(c.ror),
                ic025: Set(c.ic025),
                eb05: Set(c.eb05),
                rules: Set(c.signals.join(",")),
                updated_at: Set(now),
                ..Default::default()
            };
            match existing {
                Some(e) => {
                    am.id = Set(e.id);
                    am.update(&txn).await?;
                }
                None => {
                    am.dimension = Set(dimension.into());
                    am.row_label = Set(c.row.clone());
                    am.hazard = Set(c.col.clone());
                    am.first_detected_on = Set(day);
                    am.status = Set("new".into());
                    am.version = Set(1);
                    am.created_at = Set(now);
                    fresh.push(register_view(am.insert(&txn).await?));
                }
            }
        }
        txn.commit().await?;
    }
    Ok(fresh)
}
