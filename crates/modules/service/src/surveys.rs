//! Questionnaire design (the province): the items on one response scale grouped into the
//! constructs of a satisfaction model (ACSI/ECSI style) with its paths, the construct whose
//! index is "the satisfaction index", the services surveyed and the data-quality thresholds.
//! A draft is edited freely; activating it checks the model with the PLS engine itself (the same
//! `MODEL.toml` a round is computed with), so a questionnaire in the field always fits.

use std::collections::HashSet;

use chrono::Utc;
use longzhi_domain::{ErrorCode, FieldError, FieldErrors, Rule};
use longzhi_injury::dicts::Codes;
use longzhi_store::audit::{self, Target};
use longzhi_store::page::{Page, PageQuery, contains_any, paginate};
use longzhi_store::repo::{by_id, update_versioned};
use longzhi_store::scope::Principal;
use longzhi_store::{Result, StoreError};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};

use crate::dicts::SECTOR;
use crate::entity::{round, survey};

pub const ENTITY: &str = "service_survey";

/// Columns of a round's data besides the items (reserved as item codes).
pub const GROUP_COLUMNS: [&str; 4] = ["region", "service", "field", "cell"];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = ServiceItem)]
pub struct Item {
    /// Column name in the data and the engine's model (`PQ1`).
    pub code: String,
    pub text: String,
    #[serde(default)]
    pub text_en: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = ServiceConstruct)]
pub struct Construct {
    /// `EX`, `PQ`, `PV`, `CS`, `CC`, `CL` …
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub name_en: String,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = ServicePath)]
pub struct PathDef {
    pub from: String,
    pub to: String,
}

/// The model of a questionnaire, as stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SurveyModel {
    pub constructs: Vec<Construct>,
    pub paths: Vec<PathDef>,
}

impl SurveyModel {
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.constructs.iter().flat_map(|c| &c.items)
    }

    pub fn construct(&self, code: &str) -> Option<&Construct> {
        self.constructs.iter().find(|c| c.code == code)
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ServiceSurveyView)]
pub struct SurveyView {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub edition: i32,
    /// `draft`, `active` or `retired`.
    pub status: String,
    pub scale_min: i32,
    pub scale_max: i32,
    pub min_seconds: i32,
    pub max_missing: f64,
    pub target: String,
    pub services: Vec<String>,
    pub constructs: Vec<Construct>,
    pub paths: Vec<PathDef>,
    /// Rounds fielding this edition.
    pub rounds: u64,
    pub created_at: chrono::DateTime<Utc>,
    pub updated_at: chrono::DateTime<Utc>,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = ServiceSurveyInput)]
pub struct SurveyInput {
    pub code: String,
    pub name: String,
    pub scale_min: i32,
    pub scale_max: i32,
    pub min_seconds: i32,
    pub max_missing: f64,
    pub target: String,
    pub services: Vec<String>,
    pub constructs: Vec<Construct>,
    pub paths: Vec<PathDef>,
    /// Required to update.
    pub version: Option<i32>,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SurveyFilter {
    /// Code or name contains.
    pub keyword: Option<String>,
    pub status: Option<String>,
}

/// A questionnaire with its parsed lists.
pub struct Survey {
    pub row: survey::Model,
    pub model: SurveyModel,
    pub services: Vec<String>,
}

impl Survey {
    pub fn of(row: survey::Model) -> Result<Self> {
        let model = serde_json::from_str(&row.model).map_err(io)?;
        let services = serde_json::from_str(&row.services).map_err(io)?;
        Ok(Self {
            row,
            model,
            services,
        })
    }

    /// The engine's `MODEL.toml`: the path scheme, the response scale, every construct reflective
    /// (mode A) with its items, and the paths.
    pub fn toml(&self) -> String {
        let quoted = |s: &str| format!("\"{s}\"");
        let mut t = format!(
            "# {} ({}), edition {}\nscheme = \"path\"\nscale = [{}, {}]\n",
            self.row.name.replace('\n', " "),
            self.row.code,
            self.row.edition,
            self.row.scale_min,
            self.row.scale_max
        );
        for c in &self.model.constructs {
            let items: Vec<String> = c.items.iter().map(|i| quoted(&i.code)).collect();
            t += &format!(
                "\n[[construct]]\nname = {}\nmode = \"A\"\nitems = [{}]\n",
                quoted(&c.code),
                items.join(", ")
            );
        }
        for p in &self.model.paths {
            t += &format!(
                "\n[[path]]\nfrom = {}\nto = {}\n",
                quoted(&p.from),
                quoted(&p.to)
            );
        }
        t
    }
}

fn io(e: impl std::fmt::Display) -> StoreError {
    StoreError::Io(e.to_string())
}

fn target(id: i64) -> Target<'static> {
    Target {
        entity: ENTITY,
        id: id.to_string(),
        region_path: "/",
        org_id: None,
    }
}

async fn view<C: ConnectionTrait>(db: &C, s: Survey) -> Result<SurveyView> {
    let rounds = round::Entity::find()
        .filter(round::Column::SurveyId.eq(s.row.id))
        .count(db)
        .await?;
    let r = s.row;
    Ok(SurveyView {
        id: r.id,
        code: r.code,
        name: r.name,
        edition: r.edition,
        status: r.status,
        scale_min: r.scale_min,
        scale_max: r.scale_max,
        min_seconds: r.min_seconds,
        max_missing: r.max_missing,
        target: r.target,
        services: s.services,
        constructs: s.model.constructs,
        paths: s.model.paths,
        rounds,
        created_at: r.created_at,
        updated_at: r.updated_at,
        version: r.version,
    })
}

pub async fn load<C: ConnectionTrait>(db: &C, id: i64) -> Result<Survey> {
    Survey::of(by_id::<survey::Entity, _>(db, id).await?)
}

pub async fn get<C: ConnectionTrait>(db: &C, id: i64) -> Result<SurveyView> {
    view(db, load(db, id).await?).await
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    f: &SurveyFilter,
    q: &PageQuery,
) -> Result<Page<SurveyView>> {
    let mut s = survey::Entity::find();
    if let Some(k) = f.keyword.as_deref().filter(|k| !k.trim().is_empty())
        && let Some(e) = contains_any(&[survey::Column::Code, survey::Column::Name], k)
    {
        s = s.filter(e);
    }
    if let Some(st) = f.status.as_deref().filter(|s| !s.is_empty()) {
        s = s.filter(survey::Column::Status.eq(st));
    }
    let mut page = paginate(
        db,
        s,
        q,
        &[
            ("code", survey::Column::Code),
            ("edition", survey::Column::Edition),
            ("updated_at", survey::Column::UpdatedAt),
        ],
        "code,-edition",
        survey::Column::Id,
    )
    .await?;
    let mut items = Vec::with_capacity(page.items.len());
    for row in std::mem::take(&mut page.items) {
        items.push(view(db, Survey::of(row)?).await?);
    }
    Ok(page.with(items))
}

fn is_code(s: &str, max: usize) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && s.len() <= max
}

/// Every rule of a questionnaire, each broken one reported at once with its field path.
async fn check<C: ConnectionTrait>(db: &C, i: &SurveyInput) -> Result<(String, String)> {
    let mut errs = FieldErrors::new();
    let code = errs.text("code", &i.code, 32);
    if let Some(c) = &code
        && !is_code(c, 32)
    {
        errs.push(FieldError::new("code", Rule::Format).with("pattern", "[A-Za-z][A-Za-z0-9_]*"));
    }
    let name = errs.text("name", &i.name, 100);
    if !(0..=1).contains(&i.scale_min) {
        errs.push(
            FieldError::new("scale_min", Rule::Range)
                .with("min", 0)
                .with("max", 1),
        );
    }
    if !(4..=10).contains(&i.scale_max) {
        errs.push(
            FieldError::new("scale_max", Rule::Range)
                .with("min", 4)
                .with("max", 10),
        );
    }
    if !(0..=3600).contains(&i.min_seconds) {
        errs.push(
            FieldError::new("min_seconds", Rule::Range)
                .with("min", 0)
                .with("max", 3600),
        );
    }
    if !(0.0..=0.5).contains(&i.max_missing) {
        errs.push(
            FieldError::new("max_missing", Rule::Range)
                .with("min", 0)
                .with("max", 0.5),
        );
    }
    if i.services.is_empty() {
        errs.push(FieldError::new("services", Rule::Required));
    }
    let codes = Codes::load(db, &[SECTOR]).await?;
    let mut seen = HashSet::new();
    for (k, s) in i.services.iter().enumerate() {
        codes.check(&mut errs, &format!("services[{k}]"), SECTOR, s);
        if !seen.insert(s) {
            errs.push(FieldError::new(format!("services[{k}]"), Rule::Unique).with("value", s));
        }
    }
    if i.constructs.len() < 2 || i.constructs.len() > 12 {
        errs.push(
            FieldError::new("constructs", Rule::Range)
                .with("min", 2)
                .with("max", 12),
        );
    }
    let mut constructs = HashSet::new();
    let mut items = HashSet::new();
    for (k, c) in i.constructs.iter().enumerate() {
        let at = format!("constructs[{k}]");
        if !is_code(&c.code, 16) {
            errs.push(
                FieldError::new(format!("{at}.code"), Rule::Format)
                    .with("pattern", "[A-Za-z][A-Za-z0-9_]*"),
            );
        } else if !constructs.insert(c.code.as_str()) {
            errs.push(FieldError::new(format!("{at}.code"), Rule::Unique).with("value", &c.code));
        }
        errs.text(&format!("{at}.name"), &c.name, 50);
        if c.items.is_empty() || c.items.len() > 12 {
            errs.push(
                FieldError::new(format!("{at}.items"), Rule::Range)
                    .with("min", 1)
                    .with("max", 12),
            );
        }
        for (j, item) in c.items.iter().enumerate() {
            let at = format!("{at}.items[{j}]");
            if !is_code(&item.code, 32) || GROUP_COLUMNS.contains(&item.code.as_str()) {
                errs.push(
                    FieldError::new(format!("{at}.code"), Rule::Format)
                        .with("pattern", "[A-Za-z][A-Za-z0-9_]*"),
                );
            } else if !items.insert(item.code.as_str()) {
                errs.push(
                    FieldError::new(format!("{at}.code"), Rule::Unique).with("value", &item.code),
                );
            }
            errs.text(&format!("{at}.text"), &item.text, 300);
        }
    }
    for (k, p) in i.paths.iter().enumerate() {
        for (side, code) in [("from", &p.from), ("to", &p.to)] {
            if !constructs.contains(code.as_str()) {
                errs.push(
                    FieldError::new(format!("paths[{k}].{side}"), Rule::Exists).with("value", code),
                );
            }
        }
    }
    if !constructs.contains(i.target.as_str()) {
        errs.push(FieldError::new("target", Rule::Exists).with("value", &i.target));
    }
    errs.finish()?;
    Ok((code.unwrap_or_default(), name.unwrap_or_default()))
}

fn model_of(i: &SurveyInput) -> SurveyModel {
    let trim = |s: &str| s.trim().to_owned();
    SurveyModel {
        constructs: i
            .constructs
            .iter()
            .map(|c| Construct {
                code: trim(&c.code),
                name: trim(&c.name),
                name_en: trim(&c.name_en),
                items: c
                    .items
                    .iter()
                    .map(|x| Item {
                        code: trim(&x.code),
                        text: trim(&x.text),
                        text_en: trim(&x.text_en),
                    })
                    .collect(),
            })
            .collect(),
        paths: i.paths.clone(),
    }
}

fn json(v: &impl Serialize) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

pub async fn create(db: &DatabaseConnection, p: &Principal, i: SurveyInput) -> Result<SurveyView> {
    let (code, name) = check(db, &i).await?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    if survey::Entity::find()
        .filter(survey::Column::Code.eq(code.as_str()))
        .count(&txn)
        .await?
        > 0
    {
        return Err(FieldError::new("code", Rule::Unique)
            .with("value", code)
            .into());
    }
    let mut am = content(name, &i);
    am.code = Set(code);
    am.edition = Set(1);
    let v = insert_draft(&txn, p, am).await?;
    txn.commit().await?;
    Ok(v)
}

/// The editable content of a questionnaire as entered.
fn content(name: String, i: &SurveyInput) -> survey::ActiveModel {
    survey::ActiveModel {
        name: Set(name),
        scale_min: Set(i.scale_min),
        scale_max: Set(i.scale_max),
        min_seconds: Set(i.min_seconds),
        max_missing: Set(i.max_missing),
        target: Set(i.target.trim().to_owned()),
        services: Set(json(&i.services)),
        model: Set(json(&model_of(i))),
        ..Default::default()
    }
}

/// Stores `am` (its code, edition and content) as a new draft and audits it.
async fn insert_draft<C: ConnectionTrait>(
    txn: &C,
    p: &Principal,
    mut am: survey::ActiveModel,
) -> Result<SurveyView> {
    let now = Utc::now();
    am.id = sea_orm::ActiveValue::NotSet;
    am.status = Set("draft".into());
    am.version = Set(1);
    am.created_at = Set(now);
    am.updated_at = Set(now);
    let row = am.insert(txn).await?;
    let v = view(txn, Survey::of(row)?).await?;
    audit::record(txn, p, target(v.id), "create", None, Some(&v)).await?;
    Ok(v)
}

/// Edits a draft (the code of an edition never changes).
pub async fn update(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: SurveyInput,
) -> Result<SurveyView> {
    let version = i
        .version
        .ok_or_else(|| FieldError::new("version", Rule::Required))?;
    let (_, name) = check(db, &i).await?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let before = view(&txn, load(&txn, id).await?).await?;
    if before.status != "draft" {
        return Err(StoreError::Rule(ErrorCode::ServiceWrongState));
    }
    if i.code.trim() != before.code {
        return Err(FieldError::new("code", Rule::Enum)
            .with("allowed", &before.code)
            .into());
    }
    let mut am = content(name, &i);
    am.updated_at = Set(Utc::now());
    update_versioned(
        &txn,
        survey::Column::Id,
        survey::Column::Version,
        id,
        version,
        am,
    )
    .await?;
    let after = view(&txn, load(&txn, id).await?).await?;
    audit::record(&txn, p, target(id), "update", Some(&before), Some(&after)).await?;
    txn.commit().await?;
    Ok(after)
}

/// Puts a draft in the field: the engine must accept its model (a field error naming the
/// engine's complaint otherwise); the code's previous active edition is retired.
pub async fn activate(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    version: i32,
) -> Result<SurveyView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let s = load(&txn, id).await?;
    if s.row.status != "draft" {
        return Err(StoreError::Rule(ErrorCode::ServiceWrongState));
    }
    longzhi_pls::Spec::from_toml(&s.toml())
        .map_err(|e| StoreError::from(FieldError::new("paths", Rule::Format).with("detail", e)))?;
    let before = view(&txn, s).await?;
    survey::Entity::update_many()
        .set(survey::ActiveModel {
            status: Set("retired".into()),
            ..Default::default()
        })
        .filter(survey::Column::Code.eq(before.code.as_str()))
        .filter(survey::Column::Status.eq("active"))
        .exec(&txn)
        .await?;
    let am = survey::ActiveModel {
        status: Set("active".into()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    update_versioned(
        &txn,
        survey::Column::Id,
        survey::Column::Version,
        id,
        version,
        am,
    )
    .await?;
    let after = get(&txn, id).await?;
    audit::record(&txn, p, target(id), "activate", Some(&before), Some(&after)).await?;
    txn.commit().await?;
    Ok(after)
}

/// A new draft edition copied from this one (one draft per code at a time).
pub async fn revise(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    version: i32,
) -> Result<SurveyView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let s = load(&txn, id).await?;
    if s.row.version != version {
        return Err(StoreError::VersionConflict);
    }
    let editions = survey::Entity::find()
        .filter(survey::Column::Code.eq(s.row.code.as_str()))
        .order_by_desc(survey::Column::Edition)
        .all(&txn)
        .await?;
    if editions.iter().any(|e| e.status == "draft") {
        return Err(StoreError::Rule(ErrorCode::ServiceWrongState));
    }
    let mut am = survey::ActiveModel::from(s.row.clone()).reset_all();
    am.edition = Set(editions.first().map_or(1, |e| e.edition) + 1);
    let v = insert_draft(&txn, p, am).await?;
    txn.commit().await?;
    Ok(v)
}

/// The ACSI-style model the demo and the console's template use: expectation, perceived
/// quality, perceived value, satisfaction, complaints and loyalty, three items each on a
/// 1–10 scale (two for complaints and loyalty).
pub fn acsi_template() -> (Vec<Construct>, Vec<PathDef>) {
    let c = |code: &str, name: &str, name_en: &str, items: &[(&str, &str)]| Construct {
        code: code.into(),
        name: name.into(),
        name_en: name_en.into(),
        items: items
            .iter()
            .enumerate()
            .map(|(k, (text, text_en))| Item {
                code: format!("{code}{}", k + 1),
                text: (*text).into(),
                text_en: (*text_en).into(),
            })
            .collect(),
    };
    let constructs = vec![
        c(
            "EX",
            "顾客预期",
            "Expectation",
            &[
                (
                    "使用该服务前,您对其总体质量的预期",
                    "Before using it, your expectation of its overall quality",
                ),
                (
                    "您对其满足您需求程度的预期",
                    "Your expectation of how well it meets your needs",
                ),
                ("您对其可靠性的预期", "Your expectation of its reliability"),
            ],
        ),
        c(
            "PQ",
            "感知质量",
            "Perceived quality",
            &[
                ("服务的总体质量", "The overall quality of the service"),
                (
                    "服务满足您需求的程度",
                    "How well the service meets your needs",
                ),
                (
                    "服务的可靠性(准时、准确、不出错)",
                    "Its reliability (on time, accurate, without errors)",
                ),
            ],
        ),
        c(
            "PV",
            "感知价值",
            "Perceived value",
            &[
                (
                    "与付出的费用或时间相比,服务的质量",
                    "Its quality for the money or time it costs",
                ),
                (
                    "与服务质量相比,付出的费用或时间",
                    "Its cost in money or time for its quality",
                ),
            ],
        ),
        c(
            "CS",
            "满意度",
            "Satisfaction",
            &[
                (
                    "总体而言,您对该服务的满意程度",
                    "Overall, how satisfied are you with the service",
                ),
                ("与您的预期相比", "Compared with your expectations"),
                (
                    "与您心目中理想的服务相比",
                    "Compared with the ideal service",
                ),
            ],
        ),
        c(
            "CC",
            "顾客抱怨",
            "Complaints",
            &[
                (
                    "您投诉或抱怨的处理令您满意的程度",
                    "How well your complaints were handled",
                ),
                (
                    "您不想抱怨的程度(10 = 完全没有可抱怨的)",
                    "How little you want to complain (10 = nothing to complain of)",
                ),
            ],
        ),
        c(
            "CL",
            "顾客忠诚",
            "Loyalty",
            &[
                (
                    "您再次选择该服务的可能性",
                    "How likely you are to use the service again",
                ),
                (
                    "您向他人推荐该服务的可能性",
                    "How likely you are to recommend it",
                ),
            ],
        ),
    ];
    let paths = [
        ("EX", "PQ"),
        ("EX", "PV"),
        ("EX", "CS"),
        ("PQ", "PV"),
        ("PQ", "CS"),
        ("PV", "CS"),
        ("CS", "CC"),
        ("CS", "CL"),
        ("CC", "CL"),
    ]
    .iter()
    .map(|(f, t)| PathDef {
        from: (*f).into(),
        to: (*t).into(),
    })
    .collect();
    (constructs, paths)
}
