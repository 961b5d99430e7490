//! Terms (有效期): an award is valid 5 years, a demonstration zone's period 3, a 陇字号
//! certification 3 with yearly surveillance. The daily job opens each holder's surveillance 60
//! days before its anniversary and the re-evaluation (届满复评) 180 days before the term ends,
//! and marks expired terms; the province concludes each: keep, remediate (整改, by a deadline)
//! or revoke (the holder leaves the public list and the certificate verifies as revoked).

use chrono::{Duration, Months, NaiveDate, Utc};
use longzhi_domain::{ErrorCode, FieldError, FieldErrors, Rule};
use longzhi_store::audit::{self, Target};
use longzhi_store::page::{Page, PageQuery, paginate};
use longzhi_store::repo::notices::{self, Notice};
use longzhi_store::repo::{get_scoped, update_versioned};
use longzhi_store::scope::{Principal, scoped, unscoped};
use longzhi_store::{DatabaseConnection, Result, StoreError, today};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde::{Deserialize, Serialize};

use crate::applications;
use crate::entity::{application, round, term};
use crate::rounds;

pub const ENTITY: &str = "programme_term";
/// Days before an anniversary that its surveillance opens.
const SURVEILLANCE_LEAD: i64 = 60;
/// Days before a term's end that its re-evaluation opens.
const RE_EVALUATION_LEAD: i64 = 180;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ProgrammeTermView)]
pub struct TermView {
    pub id: i64,
    pub application_id: i64,
    pub applicant_name: String,
    pub round_name: String,
    pub kind: String,
    /// `surveillance` or `re_evaluation`.
    pub review: String,
    pub due_on: NaiveDate,
    /// `open`, `kept`, `remediate` or `revoked`.
    pub status: String,
    pub deadline: Option<NaiveDate>,
    pub note: Option<String>,
    pub concluded_by: Option<String>,
    pub concluded_at: Option<chrono::DateTime<Utc>>,
    pub term_until: Option<NaiveDate>,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = ProgrammeConcludeInput)]
pub struct ConcludeInput {
    /// `keep`, `remediate` or `revoke`.
    pub outcome: String,
    pub note: String,
    /// Required to remediate: after today.
    pub deadline: Option<NaiveDate>,
    pub version: i32,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TermFilter {
    pub status: Option<String>,
    /// `surveillance` or `re_evaluation`.
    pub review: Option<String>,
}

fn target(t: &term::Model) -> Target<'_> {
    Target {
        entity: ENTITY,
        id: t.id.to_string(),
        region_path: &t.region_path,
        org_id: Some(t.org_id),
    }
}

async fn views<C: ConnectionTrait>(db: &C, rows: Vec<term::Model>) -> Result<Vec<TermView>> {
    let mut out = Vec::with_capacity(rows.len());
    for t in rows {
        let a = applications::load(db, t.application_id).await?;
        let r = rounds::load(db, a.round_id).await?;
        out.push(TermView {
            id: t.id,
            application_id: t.application_id,
            applicant_name: a.applicant_name,
            round_name: r.name,
            kind: r.kind,
            review: t.review,
            due_on: t.due_on,
            status: t.status,
            deadline: t.deadline,
            note: t.note,
            concluded_by: t.concluded_by,
            concluded_at: t.concluded_at,
            term_until: a.term_until,
            version: t.version,
        });
    }
    Ok(out)
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    f: &TermFilter,
    q: &PageQuery,
) -> Result<Page<TermView>> {
    let mut s = scoped::<term::Entity>(p);
    if let Some(st) = f.status.as_deref().filter(|s| !s.is_empty()) {
        s = s.filter(term::Column::Status.eq(st));
    }
    if let Some(r) = f.review.as_deref().filter(|s| !s.is_empty()) {
        s = s.filter(term::Column::Review.eq(r));
    }
    let mut page = paginate(
        db,
        s,
        q,
        &[
            ("due_on", term::Column::DueOn),
            ("created_at", term::Column::CreatedAt),
        ],
        "due_on",
        term::Column::Id,
    )
    .await?;
    let items = views(db, std::mem::take(&mut page.items)).await?;
    Ok(page.with(items))
}

/// The surveillance anniversaries of a holder (every `every` years from `issued`, before `until`).
fn anniversaries(issued: NaiveDate, until: NaiveDate, every: i32) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    if every <= 0 {
        return out;
    }
    let mut n = 1u32;
    while let Some(d) = issued.checked_add_months(Months::new(12 * every as u32 * n)) {
        if d > until {
            break;
        }
        out.push(d);
        n += 1;
    }
    out
}

/// Opens the term reviews due by `day` (once: a review is unique per holder, kind and date) and
/// marks ended terms expired. The number opened.
pub async fn open_due<C: ConnectionTrait>(db: &C, day: NaiveDate) -> Result<usize> {
    let holders = unscoped::<application::Entity>("the daily job covers every holder")
        .filter(application::Column::Status.is_in(["awarded", "nominated"]))
        .filter(application::Column::TermStatus.is_in(["active", "remediating"]))
        .all(db)
        .await?;
    let mut opened = 0;
    for a in holders {
        let (Some(issued), Some(until)) = (a.issued_on, a.term_until) else {
            continue;
        };
        if until < day {
            application::Entity::update_many()
                .set(application::ActiveModel {
                    term_status: Set(Some("expired".into())),
                    ..Default::default()
                })
                .filter(application::Column::Id.eq(a.id))
                .exec(db)
                .await?;
            continue;
        }
        let r: round::Model = rounds::load(db, a.round_id).await?;
        let mut due: Vec<(&str, NaiveDate)> = anniversaries(issued, until, r.surveillance_years)
            .into_iter()
            .filter(|d| *d - Duration::days(SURVEILLANCE_LEAD) <= day)
            .map(|d| ("surveillance", d))
            .collect();
        if until - Duration::days(RE_EVALUATION_LEAD) <= day {
            due.push(("re_evaluation", until));
        }
        for (review, on) in due {
            let exists = unscoped::<term::Entity>("a term review is opened once")
                .filter(term::Column::ApplicationId.eq(a.id))
                .filter(term::Column::Review.eq(review))
                .filter(term::Column::DueOn.eq(on))
                .one(db)
                .await?
                .is_some();
            if exists {
                continue;
            }
            let now = Utc::now();
            term::ActiveModel {
                application_id: Set(a.id),
                review: Set(review.into()),
                due_on: Set(on),
                status: Set("open".into()),
                region_path: Set(a.region_path.clone()),
                org_id: Set(a.org_id),
                owner_id: Set(a.owner_id),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
            notices::to_orgs(
                db,
                &[a.org_id],
                &Notice {
                    kind: "programme_term",
                    title: format!(
                        "{}:{}",
                        r.name,
                        if review == "surveillance" {
                            "年度监督"
                        } else {
                            "届满复评"
                        }
                    ),
                    body: format!(
                        "请于 {on} 前准备材料,配合省局开展{}。",
                        if review == "surveillance" {
                            "监督检查"
                        } else {
                            "复评"
                        }
                    ),
                    link: "/programme/terms".into(),
                },
            )
            .await?;
            opened += 1;
        }
    }
    Ok(opened)
}

/// Once per day across servers (lease `programme-daily:<day>`).
pub async fn run_daily(
    db: &DatabaseConnection,
    holder: &str,
    day: NaiveDate,
) -> Result<Option<usize>> {
    let lease = format!("programme-daily:{day}");
    if !longzhi_store::lease::try_acquire(db, &lease, holder, Utc::now(), Duration::hours(23))
        .await?
    {
        return Ok(None);
    }
    Ok(Some(open_due(db, day).await?))
}

/// Concludes an open (or remediating) review: keep, remediate by a deadline, or revoke.
pub async fn conclude(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: ConcludeInput,
) -> Result<TermView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let before = get_scoped::<term::Entity, _>(&txn, p, id).await?;
    let mut errs = FieldErrors::new();
    let note = errs.text("note", &i.note, 2000);
    let (status, holder) = match i.outcome.as_str() {
        "keep" => ("kept", "active"),
        "remediate" => ("remediate", "remediating"),
        "revoke" => ("revoked", "revoked"),
        _ => {
            errs.push(
                FieldError::new("outcome", Rule::Enum).with("allowed", "keep,remediate,revoke"),
            );
            ("", "")
        }
    };
    let deadline = i.deadline.filter(|_| status == "remediate");
    if status == "remediate" && deadline.is_none_or(|d| d <= today()) {
        errs.push(
            FieldError::new("deadline", Rule::Range).with("min", today() + Duration::days(1)),
        );
    }
    errs.finish()?;
    if !matches!(before.status.as_str(), "open" | "remediate") {
        return Err(StoreError::Rule(ErrorCode::ProgrammeWrongState));
    }
    update_versioned(
        &txn,
        term::Column::Id,
        term::Column::Version,
        id,
        i.version,
        term::ActiveModel {
            status: Set(status.into()),
            deadline: Set(deadline),
            note: Set(note),
            concluded_by: Set(Some(p.display_name.clone())),
            concluded_at: Set(Some(Utc::now())),
            updated_at: Set(Utc::now()),
            ..Default::default()
        },
    )
    .await?;
    let a = applications::load(&txn, before.application_id).await?;
    // A re-evaluation passed renews the title for another term from the day after this one ends.
    let renewed = match (status, before.review.as_str(), a.term_until) {
        ("kept", "re_evaluation", Some(until)) => {
            let years = rounds::load(&txn, a.round_id).await?.term_years;
            Set(Some(crate::decision::term_end(
                until + Duration::days(1),
                years,
            )))
        }
        _ => sea_orm::ActiveValue::NotSet,
    };
    application::Entity::update_many()
        .set(application::ActiveModel {
            term_until: renewed,
            term_status: Set(Some(holder.into())),
            updated_at: Set(Utc::now()),
            ..Default::default()
        })
        .filter(application::Column::Id.eq(a.id))
        .exec(&txn)
        .await?;
    let after = get_scoped::<term::Entity, _>(&txn, p, id).await?;
    audit::record(
        &txn,
        p,
        target(&after),
        "conclude",
        Some(&before),
        Some(&after),
    )
    .await?;
    audit::record(
        &txn,
        p,
        applications::target(&a),
        "term",
        None,
        Some(&serde_json::json!({"term_status": holder})),
    )
    .await?;
    notices::to_orgs(
        &txn,
        &[a.org_id],
        &Notice {
            kind: "programme_term",
            title: format!("{}:结论已作出", a.applicant_name),
            body: match status {
                "kept" => "监督(复评)通过,资格保持。".into(),
                "remediate" => format!(
                    "请在 {} 前完成整改。",
                    deadline.map(|d| d.to_string()).unwrap_or_default()
                ),
                _ => "资格已撤销。".into(),
            },
            link: "/programme/terms".into(),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(views(db, vec![after]).await?.remove(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surveillance_falls_on_each_anniversary_within_the_term() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            anniversaries(d("2026-03-10"), d("2029-03-09"), 1),
            vec![d("2027-03-10"), d("2028-03-10")]
        );
        assert!(anniversaries(d("2026-03-10"), d("2031-03-09"), 0).is_empty());
    }
}
