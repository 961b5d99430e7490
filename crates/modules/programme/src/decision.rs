//! After the review: the shortlist published for the public notice (公示, at least five working
//! days on the province's calendar) with objections (异议) received from anybody, handled and
//! logged; then the decision, the certificates with their verification codes and the public
//! pages (winners, the 陇字号 catalogue, benchmark cities and zones).

use std::collections::HashSet;

use chrono::{Duration, Months, NaiveDate, Utc};
use longzhi_domain::{ErrorCode, FieldError, FieldErrors, Rule};
use longzhi_store::cpu::PerCore;
use longzhi_store::page::{Page, PageQuery, contains_any, paginate};
use longzhi_store::repo::auth::{digest, random_token};
use longzhi_store::repo::notices::{self, Notice};
use longzhi_store::repo::{get_scoped, regions, throttle};
use longzhi_store::scope::{Principal, unscoped};
use longzhi_store::{Result, StoreError, audit, today};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use serde::{Deserialize, Serialize};

use crate::applications::{self, ApplicationView};
use crate::entity::{application, objection, round};
use crate::rounds::{self, RoundView, STAGES, VersionInput};

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = ProgrammeShortlistInput)]
pub struct ShortlistInput {
    /// Applications proposed as winners (award: 获奖; brand: certified; cities: named).
    pub winners: Vec<i64>,
    /// The award's nominations (提名奖).
    #[serde(default)]
    pub nominations: Vec<i64>,
    pub version: i32,
}

async fn set_app<C: ConnectionTrait>(db: &C, id: i64, am: application::ActiveModel) -> Result<()> {
    let mut am = am;
    am.updated_at = Set(Utc::now());
    application::Entity::update_many()
        .set(am)
        .col_expr(
            application::Column::Version,
            sea_orm::sea_query::ExprTrait::add(
                sea_orm::sea_query::Expr::col(application::Column::Version),
                1,
            ),
        )
        .filter(application::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Publishes the shortlist: the winners (within the quota; a quota of 0 has no limit) and the
/// nominations, chosen among the reviewed applications; the rest are not shortlisted. The
/// notice runs `notice_days` working days from tomorrow.
pub async fn shortlist(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: ShortlistInput,
) -> Result<RoundView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let r = rounds::load(&txn, id).await?;
    let apps = crate::review::reviewed(&txn, id).await?;
    let known: HashSet<i64> = apps.iter().map(|a| a.id).collect();
    let mut errs = FieldErrors::new();
    let mut seen = HashSet::new();
    for (field, list) in [("winners", &i.winners), ("nominations", &i.nominations)] {
        for (n, a) in list.iter().enumerate() {
            if !known.contains(a) {
                errs.push(FieldError::new(format!("{field}[{n}]"), Rule::Exists).with("value", a));
            } else if !seen.insert(*a) {
                errs.push(FieldError::new(format!("{field}[{n}]"), Rule::Unique).with("value", a));
            }
        }
    }
    if i.winners.is_empty() {
        errs.push(FieldError::new("winners", Rule::Required));
    }
    errs.finish()?;
    if r.status != "review" || r.stage != STAGES[3] {
        return Err(StoreError::Rule(ErrorCode::ProgrammeWrongState));
    }
    let over = |n: usize, quota: i32| usize::try_from(quota).is_ok_and(|q| n > q);
    if (r.winners_quota > 0 && over(i.winners.len(), r.winners_quota))
        || over(i.nominations.len(), r.nominations_quota)
    {
        return Err(StoreError::Rule(ErrorCode::ProgrammeQuota));
    }
    for a in &apps {
        let outcome = if i.winners.contains(&a.id) {
            Some("winner")
        } else if i.nominations.contains(&a.id) {
            Some("nomination")
        } else {
            None
        };
        set_app(
            &txn,
            a.id,
            application::ActiveModel {
                status: Set(if outcome.is_some() {
                    "shortlisted"
                } else {
                    "not_shortlisted"
                }
                .into()),
                outcome: Set(outcome.map(str::to_owned)),
                ..Default::default()
            },
        )
        .await?;
    }
    let from = today();
    let calendar = longzhi_car::calendar::load(&txn, from).await?;
    let until = calendar.add_working_days(from, r.notice_days as u32);
    let after = rounds::step(
        &txn,
        p,
        id,
        i.version,
        ("review", "notice", "shortlist"),
        round::ActiveModel {
            notice_from: Set(Some(from)),
            notice_until: Set(Some(until)),
            ..Default::default()
        },
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// A certificate's verification code: 12 random hexadecimal digits in groups of four.
fn certificate_code() -> String {
    let d = digest(&random_token()).to_uppercase();
    format!("{}-{}-{}", &d[0..4], &d[4..8], &d[8..12])
}

/// The last day of a term of `years` from `from`.
pub fn term_end(from: NaiveDate, years: i32) -> NaiveDate {
    from.checked_add_months(Months::new(12 * years.max(0) as u32))
        .map_or(from, |d| d - Duration::days(1))
}

/// Decides a round once its notice is over and every objection handled: the shortlisted become
/// winners (`awarded`) or nominations (`nominated`), each with a certificate and a term; the
/// rest `not_awarded`.
pub async fn decide(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    v: VersionInput,
) -> Result<RoundView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let r = rounds::load(&txn, id).await?;
    if r.status != "notice" {
        return Err(StoreError::Rule(ErrorCode::ProgrammeWrongState));
    }
    let day = today();
    if r.notice_until.is_none_or(|u| day <= u) {
        return Err(StoreError::Rule(ErrorCode::ProgrammeNoticeRunning));
    }
    let open = objection::Entity::find()
        .filter(objection::Column::RoundId.eq(id))
        .filter(objection::Column::Status.eq("received"))
        .one(&txn)
        .await?;
    if open.is_some() {
        return Err(StoreError::Rule(ErrorCode::ProgrammeObjectionsOpen));
    }
    let mut holders = Vec::new();
    for a in crate::review::reviewed(&txn, id).await? {
        let am = match (a.status.as_str(), a.outcome.as_deref()) {
            ("shortlisted", Some(outcome)) => {
                holders.push(a.org_id);
                application::ActiveModel {
                    status: Set(if outcome == "winner" {
                        "awarded"
                    } else {
                        "nominated"
                    }
                    .into()),
                    certificate_code: Set(Some(certificate_code())),
                    issued_on: Set(Some(day)),
                    term_until: Set(Some(term_end(day, r.term_years))),
                    term_status: Set(Some("active".into())),
                    ..Default::default()
                }
            }
            _ => application::ActiveModel {
                status: Set("not_awarded".into()),
                outcome: Set(None),
                ..Default::default()
            },
        };
        set_app(&txn, a.id, am).await?;
    }
    let after = rounds::step(
        &txn,
        p,
        id,
        v.version,
        ("notice", "decided", "decide"),
        round::ActiveModel {
            decided_on: Set(Some(day)),
            ..Default::default()
        },
    )
    .await?;
    notices::to_orgs(
        &txn,
        &holders,
        &Notice {
            kind: "programme_decided",
            title: format!("{}:结果已公布", r.name),
            body: "恭喜!证书可在申报详情中下载,并可在公开页面核验。".into(),
            link: "/programme/applications".into(),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ProgrammeObjectionView)]
pub struct ObjectionView {
    pub id: i64,
    pub round_id: i64,
    pub round_name: String,
    pub application_id: i64,
    pub applicant_name: String,
    pub name: String,
    pub contact: String,
    pub content: String,
    /// `received`, `upheld` or `dismissed`.
    pub status: String,
    pub note: Option<String>,
    pub handled_by: Option<String>,
    pub handled_at: Option<chrono::DateTime<Utc>>,
    pub created_at: chrono::DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = PublicObjectionInput)]
pub struct ObjectionInput {
    pub application_id: i64,
    pub name: String,
    pub contact: String,
    pub content: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = PublicObjectionReceipt)]
pub struct Receipt {
    pub id: i64,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = ProgrammeHandleInput)]
pub struct HandleInput {
    /// `upheld` (the application leaves the shortlist) or `dismissed`.
    pub outcome: String,
    pub note: String,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ObjectionFilter {
    pub round_id: Option<i64>,
    pub status: Option<String>,
}

/// Objections a public address may file per hour.
const OBJECTIONS_PER_HOUR: i64 = 10;

/// Anybody may object to a shortlisted application while its notice runs.
pub async fn object(db: &DatabaseConnection, ip: &str, i: ObjectionInput) -> Result<Receipt> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    throttle::count_request(
        &txn,
        "programme-objection",
        ip,
        OBJECTIONS_PER_HOUR,
        Duration::hours(1),
    )
    .await?;
    txn.commit().await?;
    let mut errs = FieldErrors::new();
    let name = errs.text("name", &i.name, 50);
    let contact = errs.text("contact", &i.contact, 100);
    let content = errs.text("content", &i.content, 2000);
    errs.finish()?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let a = unscoped::<application::Entity>("the public objects to a published shortlist entry")
        .filter(application::Column::Id.eq(i.application_id))
        .filter(application::Column::Status.eq("shortlisted"))
        .one(&txn)
        .await?
        .ok_or(StoreError::NotFound)?;
    let r = rounds::load(&txn, a.round_id).await?;
    if r.status != "notice" || r.notice_until.is_none_or(|u| today() > u) {
        return Err(StoreError::Rule(ErrorCode::ProgrammeClosed));
    }
    let m = objection::ActiveModel {
        round_id: Set(r.id),
        application_id: Set(a.id),
        name: Set(name.unwrap_or_default()),
        contact: Set(contact.unwrap_or_default()),
        content: Set(content.unwrap_or_default()),
        status: Set("received".into()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        &Principal::system("public"),
        applications::target(&a),
        "objection",
        None,
        Some(&m),
    )
    .await?;
    txn.commit().await?;
    Ok(Receipt { id: m.id })
}

async fn objection_views<C: ConnectionTrait>(
    db: &C,
    rows: Vec<objection::Model>,
) -> Result<Vec<ObjectionView>> {
    let apps = longzhi_store::repo::by_ids::<application::Entity, _>(
        db,
        application::Column::Id,
        rows.iter().map(|o| o.application_id),
        |a| a.id,
    )
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for o in rows {
        out.push(ObjectionView {
            round_name: rounds::load(db, o.round_id).await?.name,
            applicant_name: apps
                .get(&o.application_id)
                .map(|a| a.applicant_name.clone())
                .unwrap_or_default(),
            id: o.id,
            round_id: o.round_id,
            application_id: o.application_id,
            name: o.name,
            contact: o.contact,
            content: o.content,
            status: o.status,
            note: o.note,
            handled_by: o.handled_by,
            handled_at: o.handled_at,
            created_at: o.created_at,
        });
    }
    Ok(out)
}

pub async fn objections<C: ConnectionTrait>(
    db: &C,
    f: &ObjectionFilter,
    q: &PageQuery,
) -> Result<Page<ObjectionView>> {
    let mut s = objection::Entity::find();
    if let Some(r) = f.round_id {
        s = s.filter(objection::Column::RoundId.eq(r));
    }
    if let Some(st) = f.status.as_deref().filter(|s| !s.is_empty()) {
        s = s.filter(objection::Column::Status.eq(st));
    }
    let mut page = paginate(
        db,
        s,
        q,
        &[("created_at", objection::Column::CreatedAt)],
        "-created_at",
        objection::Column::Id,
    )
    .await?;
    let items = objection_views(db, std::mem::take(&mut page.items)).await?;
    Ok(page.with(items))
}

/// The province handles an objection during the notice, with a note; an upheld objection takes
/// the application off the shortlist.
pub async fn handle(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: HandleInput,
) -> Result<ObjectionView> {
    let mut errs = FieldErrors::new();
    let note = errs.text("note", &i.note, 2000);
    if !matches!(i.outcome.as_str(), "upheld" | "dismissed") {
        errs.push(FieldError::new("outcome", Rule::Enum).with("allowed", "upheld,dismissed"));
    }
    errs.finish()?;
    let txn = longzhi_store::backend::begin_write(db).await?;
    let o = objection::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(StoreError::NotFound)?;
    let r = rounds::load(&txn, o.round_id).await?;
    // Only a received objection changes: two handlers at once cannot both decide it.
    let done = objection::Entity::update_many()
        .set(objection::ActiveModel {
            status: Set(i.outcome.clone()),
            note: Set(note),
            handled_by: Set(Some(p.display_name.clone())),
            handled_at: Set(Some(Utc::now())),
            ..Default::default()
        })
        .filter(objection::Column::Id.eq(id))
        .filter(objection::Column::Status.eq("received"))
        .exec(&txn)
        .await?;
    if done.rows_affected == 0 || r.status != "notice" {
        return Err(StoreError::Rule(ErrorCode::ProgrammeWrongState));
    }
    let a = applications::load(&txn, o.application_id).await?;
    if i.outcome == "upheld" && a.status == "shortlisted" {
        set_app(
            &txn,
            a.id,
            application::ActiveModel {
                status: Set("not_shortlisted".into()),
                outcome: Set(None),
                ..Default::default()
            },
        )
        .await?;
    }
    let after = objection::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(StoreError::NotFound)?;
    audit::record(
        &txn,
        p,
        applications::target(&a),
        "handle_objection",
        Some(&o),
        Some(&after),
    )
    .await?;
    txn.commit().await?;
    Ok(objection_views(db, vec![after]).await?.remove(0))
}

/// The certificate of a winner or nomination, as PDF (the holder and the province).
pub async fn certificate(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
) -> Result<(String, Vec<u8>)> {
    let a = get_scoped::<application::Entity, _>(db, p, id).await?;
    let view: ApplicationView = applications::get(db, p, id).await?;
    let (Some(code), Some(issued), Some(until)) =
        (view.certificate_code.clone(), a.issued_on, a.term_until)
    else {
        return Err(StoreError::Rule(ErrorCode::ProgrammeWrongState));
    };
    let r = rounds::load(db, a.round_id).await?;
    let data = serde_json::json!({
        "title": title(&r.kind, a.outcome.as_deref()),
        "holder": a.applicant_name,
        "round": r.name,
        "product": a.product,
        "code": code,
        "issued": issued.format("%Y年%m月%d日").to_string(),
        "until": until.format("%Y年%m月%d日").to_string(),
        "revoked": a.term_status.as_deref() == Some("revoked"),
    });
    static RENDER: PerCore = PerCore::new();
    let bytes = data.to_string().into_bytes();
    let pdf = RENDER
        .run(move || longzhi_reports::render(CERTIFICATE, &[("/data.json", bytes)]))
        .await
        .map_err(StoreError::Io)?
        .map_err(|e| StoreError::Io(e.to_string()))?;
    Ok((format!("{}-{}.pdf", a.applicant_name, code), pdf))
}

/// What a certificate says the holder is.
fn title(kind: &str, outcome: Option<&str>) -> &'static str {
    match (kind, outcome) {
        ("award", Some("nomination")) => "甘肃省人民政府质量奖提名奖",
        ("award", _) => "甘肃省人民政府质量奖",
        ("brand", _) => "“陇字号”品牌认证证书",
        ("benchmark_city", _) => "甘肃省质量标杆城市",
        _ => "甘肃省质量品牌提升示范区",
    }
}

/// Every word comes from `/data.json`, so nothing needs escaping.
const CERTIFICATE: &str = r##"
#let d = json("/data.json")
#set document(title: d.title)
#set page(paper: "a4", flipped: true, margin: 2cm)
#set text(size: 14pt, cjk-latin-spacing: none)
#rect(width: 100%, height: 100%, stroke: 3pt + rgb("#b22222"), inset: 1.5cm)[
  #align(center)[
    #v(1cm)
    #text(size: 32pt, weight: "bold", fill: rgb("#b22222"), d.title)
    #v(1.2cm)
    #text(size: 22pt, weight: "bold", d.holder)
    #v(0.6cm)
    #if d.product != "" [#text(size: 14pt)[产品:#d.product] #v(0.3cm)]
    #text(size: 14pt)[#d.round]
    #v(1.2cm)
    #text(size: 12pt)[发证日期:#d.issued #h(2em) 有效期至:#d.until]
    #v(0.4cm)
    #text(size: 12pt)[证书核验码:*#d.code* #h(1em) 可在“陇质”公开页面(/public/certificate)核验]
    #if d.revoked [#v(0.6cm) #text(size: 16pt, fill: red, weight: "bold")[本证书已撤销]]
    #v(1fr)
    #align(right)[#text(size: 14pt)[甘肃省市场监督管理局]]
  ]
]
"##;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CertificateCheck {
    pub code: String,
    pub holder: String,
    pub kind: String,
    pub round_name: String,
    /// `winner` or `nomination`.
    pub outcome: Option<String>,
    pub issued_on: NaiveDate,
    pub valid_until: NaiveDate,
    /// `active`, `remediating`, `revoked` or `expired`.
    pub status: String,
}

/// A certificate by its verification code (case and spaces ignored); unknown: not found.
pub async fn verify<C: ConnectionTrait>(db: &C, code: &str) -> Result<CertificateCheck> {
    let code: String = code.trim().to_uppercase();
    let a = unscoped::<application::Entity>("a certificate's public verification")
        .filter(application::Column::CertificateCode.eq(code.as_str()))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)?;
    let r = rounds::load(db, a.round_id).await?;
    let (Some(issued), Some(until)) = (a.issued_on, a.term_until) else {
        return Err(StoreError::NotFound);
    };
    let status = match a.term_status.as_deref() {
        Some("active") if until < today() => "expired".to_owned(),
        s => s.unwrap_or("active").to_owned(),
    };
    Ok(CertificateCheck {
        code,
        holder: a.applicant_name,
        kind: r.kind,
        round_name: r.name,
        outcome: a.outcome,
        issued_on: issued,
        valid_until: until,
        status,
    })
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PublicHonour {
    pub id: i64,
    pub kind: String,
    pub holder: String,
    pub region_code: String,
    pub region_name: String,
    pub industry: String,
    pub product: String,
    pub round_name: String,
    pub year: i32,
    /// `winner` or `nomination`.
    pub outcome: Option<String>,
    pub valid_until: Option<NaiveDate>,
    /// `active` or `remediating`.
    pub status: String,
    /// Forwarded to the China Quality Award.
    pub forwarded: bool,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HonourFilter {
    pub kind: Option<String>,
    pub region_code: Option<String>,
    /// Industry contains.
    pub industry: Option<String>,
    /// Holder or product contains.
    pub q: Option<String>,
}

/// The public list of current holders: award winners and nominations, the 陇字号 brand catalogue,
/// benchmark cities and demonstration zones (revoked and expired ones leave it).
pub async fn honours<C: ConnectionTrait>(
    db: &C,
    f: &HonourFilter,
    q: &PageQuery,
) -> Result<Page<PublicHonour>> {
    let mut rs = round::Entity::find().filter(round::Column::Status.eq("decided"));
    if let Some(k) = f.kind.as_deref().filter(|k| !k.is_empty()) {
        rs = rs.filter(round::Column::Kind.eq(k));
    }
    let rounds_by_id: std::collections::HashMap<i64, round::Model> =
        rs.all(db).await?.into_iter().map(|r| (r.id, r)).collect();
    let mut s = unscoped::<application::Entity>("the public list of current holders")
        .filter(application::Column::RoundId.is_in(rounds_by_id.keys().copied()))
        .filter(application::Column::Status.is_in(["awarded", "nominated"]))
        .filter(application::Column::TermStatus.is_in(["active", "remediating"]))
        .filter(application::Column::TermUntil.gte(today()));
    if let Some(c) = f.region_code.as_deref().filter(|k| !k.is_empty()) {
        s = s.filter(application::Column::RegionCode.eq(c));
    }
    if let Some(e) = f
        .industry
        .as_deref()
        .and_then(|t| contains_any(&[application::Column::Industry], t))
    {
        s = s.filter(e);
    }
    if let Some(e) = f.q.as_deref().and_then(|t| {
        contains_any(
            &[
                application::Column::ApplicantName,
                application::Column::Product,
            ],
            t,
        )
    }) {
        s = s.filter(e);
    }
    let mut page = paginate(
        db,
        s.order_by_desc(application::Column::IssuedOn),
        q,
        &[
            ("holder", application::Column::ApplicantName),
            ("valid_until", application::Column::TermUntil),
        ],
        "-valid_until",
        application::Column::Id,
    )
    .await?;
    let cities = regions::city_names(db).await?;
    let items = std::mem::take(&mut page.items)
        .into_iter()
        .map(|a| {
            let r = &rounds_by_id[&a.round_id];
            PublicHonour {
                id: a.id,
                kind: r.kind.clone(),
                region_name: cities.get(&a.region_code).cloned().unwrap_or_default(),
                holder: a.applicant_name,
                region_code: a.region_code,
                industry: a.industry,
                product: a.product,
                round_name: r.name.clone(),
                year: r.year,
                outcome: a.outcome,
                valid_until: a.term_until,
                status: a.term_status.unwrap_or_default(),
                forwarded: a.forwarded_at.is_some(),
            }
        })
        .collect();
    Ok(page.with(items))
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PublicNoticeEntry {
    pub application_id: i64,
    pub holder: String,
    pub region_name: String,
    pub industry: String,
    pub product: String,
    pub outcome: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PublicNotice {
    pub round_id: i64,
    pub round_name: String,
    pub kind: String,
    pub notice_from: Option<NaiveDate>,
    pub notice_until: Option<NaiveDate>,
    pub entries: Vec<PublicNoticeEntry>,
}

/// The shortlists under public notice now.
pub async fn notices_open<C: ConnectionTrait>(db: &C) -> Result<Vec<PublicNotice>> {
    let cities = regions::city_names(db).await?;
    let mut out = Vec::new();
    for r in round::Entity::find()
        .filter(round::Column::Status.eq("notice"))
        .filter(round::Column::NoticeUntil.gte(today()))
        .order_by_asc(round::Column::NoticeUntil)
        .all(db)
        .await?
    {
        let entries = unscoped::<application::Entity>("a shortlist under public notice")
            .filter(application::Column::RoundId.eq(r.id))
            .filter(application::Column::Status.eq("shortlisted"))
            .order_by_asc(application::Column::Rank)
            .all(db)
            .await?
            .into_iter()
            .map(|a| PublicNoticeEntry {
                application_id: a.id,
                region_name: cities.get(&a.region_code).cloned().unwrap_or_default(),
                holder: a.applicant_name,
                industry: a.industry,
                product: a.product,
                outcome: a.outcome,
            })
            .collect();
        out.push(PublicNotice {
            round_id: r.id,
            round_name: r.name,
            kind: r.kind,
            notice_from: r.notice_from,
            notice_until: r.notice_until,
            entries,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_ends_the_day_before_its_anniversary() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(term_end(d("2026-03-01"), 5), d("2031-02-28"));
        assert_eq!(term_end(d("2026-07-15"), 3), d("2029-07-14"));
    }

    #[test]
    fn certificate_codes_are_grouped_and_differ() {
        let a = certificate_code();
        assert_eq!(a.len(), 14);
        assert_eq!(a.matches('-').count(), 2);
        assert_ne!(a, certificate_code());
    }
}
