//! Coordinated handling of major service-quality events (重大服务质量事件协同处置): an event is
//! reported with a lead organisation and the organisations taking part; each of them records
//! what it did (the first action starts the handling), the lead resolves it, and the province
//! assesses the handling. Participants see the events they take part in besides their scope.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use longzhi_domain::{ErrorCode, FieldError, FieldErrors, Rule};
use longzhi_store::audit::{self, Target};
use longzhi_store::entity::org;
use longzhi_store::page::{Page, PageQuery, paginate};
use longzhi_store::repo::notices::{self, Notice};
use longzhi_store::repo::{by_id, regions, update_versioned};
use longzhi_store::scope::{Principal, unscoped};
use longzhi_store::{Result, StoreError, today};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, Select, Set,
};
use serde::{Deserialize, Serialize};

use crate::entity::{event, event_action, event_org};
use crate::rounds::service_names;

pub const ENTITY: &str = "service_event";
const SEVERITIES: [&str; 3] = ["general", "serious", "major"];

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ServiceEventOrg)]
pub struct OrgRef {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ServiceEventAction)]
pub struct ActionView {
    /// `report`, `act`, `resolve` or `assess`.
    pub kind: String,
    pub org_name: String,
    pub user_name: String,
    pub note: String,
    pub at: chrono::DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ServiceEventView)]
pub struct EventView {
    pub id: i64,
    pub title: String,
    pub region_code: String,
    pub region_name: String,
    pub service: String,
    pub service_name: String,
    /// `general`, `serious` or `major`.
    pub severity: String,
    pub occurred_on: NaiveDate,
    pub description: String,
    /// `open`, `handling`, `resolved` or `assessed`.
    pub status: String,
    pub lead_org_id: i64,
    pub lead_org_name: String,
    pub orgs: Vec<OrgRef>,
    pub actions: Vec<ActionView>,
    pub assessment: Option<String>,
    pub rating: Option<i32>,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = ServiceEventInput)]
pub struct EventInput {
    pub title: String,
    pub region_code: String,
    pub service: String,
    pub severity: String,
    pub occurred_on: NaiveDate,
    pub description: String,
    pub lead_org_id: i64,
    #[serde(default)]
    pub org_ids: Vec<i64>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = ServiceNoteInput)]
pub struct NoteInput {
    pub note: String,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[schema(as = ServiceAssessInput)]
pub struct AssessInput {
    pub assessment: String,
    /// 1 (poor) – 5 (exemplary).
    pub rating: i32,
    pub version: i32,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventFilter {
    pub status: Option<String>,
    pub region_code: Option<String>,
    pub severity: Option<String>,
}

fn target(e: &event::Model) -> Target<'_> {
    Target {
        entity: ENTITY,
        id: e.id.to_string(),
        region_path: &e.region_path,
        org_id: Some(e.org_id),
    }
}

/// The events `p` sees: those in its scope, and those its organisation takes part in.
pub fn visible(p: &Principal) -> Select<event::Entity> {
    unscoped::<event::Entity>("participants see the events they take part in, outside their scope")
        .filter(
            Condition::any().add(p.condition::<event::Entity>()).add(
                event::Column::Id.in_subquery(
                    Query::select()
                        .column(event_org::Column::EventId)
                        .from(event_org::Entity)
                        .and_where(event_org::Column::OrgId.eq(p.org_id))
                        .to_owned(),
                ),
            ),
        )
}

async fn load<C: ConnectionTrait>(db: &C, p: &Principal, id: i64) -> Result<event::Model> {
    visible(p)
        .filter(event::Column::Id.eq(id))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

async fn participants<C: ConnectionTrait>(db: &C, id: i64) -> Result<Vec<i64>> {
    Ok(event_org::Entity::find()
        .filter(event_org::Column::EventId.eq(id))
        .order_by_asc(event_org::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.org_id)
        .collect())
}

async fn views<C: ConnectionTrait>(db: &C, rows: Vec<event::Model>) -> Result<Vec<EventView>> {
    let regions: HashMap<String, String> = regions::cities(db)
        .await?
        .into_iter()
        .map(|r| (r.code, r.name))
        .collect();
    let services = service_names(db).await?;
    let mut out = Vec::with_capacity(rows.len());
    for e in rows {
        let members = participants(db, e.id).await?;
        let actions = event_action::Entity::find()
            .filter(event_action::Column::EventId.eq(e.id))
            .order_by_asc(event_action::Column::Id)
            .all(db)
            .await?;
        let orgs = longzhi_store::repo::by_ids::<org::Entity, _>(
            db,
            org::Column::Id,
            members
                .iter()
                .copied()
                .chain([e.org_id])
                .chain(actions.iter().map(|a| a.org_id)),
            |o| o.id,
        )
        .await?;
        let name = |id: i64| orgs.get(&id).map(|o| o.name.clone()).unwrap_or_default();
        out.push(EventView {
            id: e.id,
            region_name: regions.get(&e.region_code).cloned().unwrap_or_default(),
            service_name: services
                .get(&e.service)
                .map(|s| s.0.clone())
                .unwrap_or_default(),
            lead_org_name: name(e.org_id),
            orgs: members
                .iter()
                .map(|&id| OrgRef { id, name: name(id) })
                .collect(),
            actions: actions
                .into_iter()
                .map(|a| ActionView {
                    org_name: name(a.org_id),
                    kind: a.kind,
                    user_name: a.user_name,
                    note: a.note,
                    at: a.created_at,
                })
                .collect(),
            title: e.title,
            region_code: e.region_code,
            service: e.service,
            severity: e.severity,
            occurred_on: e.occurred_on,
            description: e.description,
            status: e.status,
            lead_org_id: e.org_id,
            assessment: e.assessment,
            rating: e.rating,
            version: e.version,
        });
    }
    Ok(out)
}

pub async fn get<C: ConnectionTrait>(db: &C, p: &Principal, id: i64) -> Result<EventView> {
    let e = load(db, p, id).await?;
    Ok(views(db, vec![e]).await?.remove(0))
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    f: &EventFilter,
    q: &PageQuery,
) -> Result<Page<EventView>> {
    let mut s = visible(p);
    if let Some(v) = f.status.as_deref().filter(|c| !c.is_empty()) {
        s = s.filter(event::Column::Status.eq(v));
    }
    if let Some(v) = f.region_code.as_deref().filter(|c| !c.is_empty()) {
        s = s.filter(event::Column::RegionCode.eq(v));
    }
    if let Some(v) = f.severity.as_deref().filter(|c| !c.is_empty()) {
        s = s.filter(event::Column::Severity.eq(v));
    }
    let mut page = paginate(
        db,
        s,
        q,
        &[
            ("occurred_on", event::Column::OccurredOn),
            ("severity", event::Column::Severity),
        ],
        "-occurred_on",
        event::Column::Id,
    )
    .await?;
    let items = views(db, std::mem::take(&mut page.items)).await?;
    Ok(page.with(items))
}

async fn record<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    id: i64,
    kind: &str,
    note: &str,
) -> Result<()> {
    event_action::ActiveModel {
        event_id: Set(id),
        kind: Set(kind.into()),
        org_id: Set(p.org_id),
        user_name: Set(p.display_name.clone()),
        note: Set(note.into()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

pub async fn create(db: &DatabaseConnection, p: &Principal, i: EventInput) -> Result<EventView> {
    let mut errs = FieldErrors::new();
    let title = errs.text("title", &i.title, 100);
    let description = errs.text("description", &i.description, 4000);
    if !SEVERITIES.contains(&i.severity.as_str()) {
        errs.push(FieldError::new("severity", Rule::Enum).with("allowed", SEVERITIES.join(",")));
    }
    if i.occurred_on > today() {
        errs.push(FieldError::new("occurred_on", Rule::Range).with("max", today()));
    }
    longzhi_injury::dicts::check(db, &mut errs, "service", crate::dicts::SECTOR, &i.service)
        .await?;
    let city = regions::cities(db)
        .await?
        .into_iter()
        .find(|c| c.code == i.region_code);
    if city.is_none() {
        errs.push(FieldError::new("region_code", Rule::Exists).with("value", &i.region_code));
    }
    let mut orgs = i.org_ids.clone();
    orgs.retain(|&o| o != i.lead_org_id);
    orgs.sort_unstable();
    orgs.dedup();
    let known = unscoped::<org::Entity>("any organisation may be asked to take part")
        .filter(org::Column::Id.is_in(orgs.iter().copied().chain([i.lead_org_id])))
        .filter(org::Column::Status.eq("active"))
        .all(db)
        .await?;
    if !known.iter().any(|o| o.id == i.lead_org_id) {
        errs.push(FieldError::new("lead_org_id", Rule::Exists).with("value", i.lead_org_id));
    }
    for (k, o) in i.org_ids.iter().enumerate() {
        if !known.iter().any(|x| x.id == *o) {
            errs.push(FieldError::new(format!("org_ids[{k}]"), Rule::Exists).with("value", o));
        }
    }
    errs.finish()?;
    let city = city.ok_or(StoreError::NotFound)?;
    if !p.covers(&city.path, i.lead_org_id, p.actor_id()) {
        return Err(FieldError::new("region_code", Rule::Exists)
            .with("value", &city.code)
            .into());
    }
    let txn = longzhi_store::backend::begin_write(db).await?;
    let now = Utc::now();
    let e = event::ActiveModel {
        title: Set(title.unwrap_or_default()),
        region_code: Set(city.code),
        service: Set(i.service),
        severity: Set(i.severity),
        occurred_on: Set(i.occurred_on),
        description: Set(description.unwrap_or_default()),
        status: Set("open".into()),
        region_path: Set(city.path),
        org_id: Set(i.lead_org_id),
        owner_id: Set(p.actor_id()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for &o in &orgs {
        event_org::ActiveModel {
            event_id: Set(e.id),
            org_id: Set(o),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    record(&txn, p, e.id, "report", &e.description).await?;
    audit::record(&txn, p, target(&e), "create", None, Some(&e)).await?;
    let all: Vec<i64> = orgs.iter().copied().chain([e.org_id]).collect();
    notices::to_orgs(
        &txn,
        &all,
        &Notice {
            kind: "service_event",
            title: format!("服务质量事件协同处置:{}", e.title),
            body: e.description.chars().take(200).collect(),
            link: format!("/service/events/{}", e.id),
        },
    )
    .await?;
    let v = views(&txn, vec![e]).await?.remove(0);
    txn.commit().await?;
    Ok(v)
}

/// Moves an event `from` one of the states to `to` with an entry `kind` by `p`, whose
/// organisation must pass `who`; `input` checks the body (after the event is found, so that an
/// outsider learns nothing from it) and gives the entry's note and the fields to set.
async fn step(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    version: i32,
    (from, to, kind): (&[&str], &str, &str),
    input: impl FnOnce() -> Result<(String, event::ActiveModel)>,
    who: impl FnOnce(&event::Model, &[i64]) -> bool,
) -> Result<EventView> {
    let txn = longzhi_store::backend::begin_write(db).await?;
    let e = load(&txn, p, id).await?;
    let (note, mut am) = input()?;
    let members = participants(&txn, id).await?;
    if !from.contains(&e.status.as_str()) || !who(&e, &members) {
        return Err(StoreError::Rule(ErrorCode::ServiceWrongState));
    }
    am.status = Set(to.into());
    am.updated_at = Set(Utc::now());
    update_versioned(
        &txn,
        event::Column::Id,
        event::Column::Version,
        id,
        version,
        am,
    )
    .await?;
    record(&txn, p, id, kind, &note).await?;
    let after = by_id::<event::Entity, _>(&txn, id).await?;
    audit::record(&txn, p, target(&e), kind, Some(&e), Some(&after)).await?;
    let v = views(&txn, vec![after]).await?.remove(0);
    txn.commit().await?;
    Ok(v)
}

/// A note's text, checked.
fn note(text: &str) -> Result<(String, event::ActiveModel)> {
    let mut errs = FieldErrors::new();
    let n = errs.text("note", text, 4000);
    errs.finish()?;
    Ok((n.unwrap_or_default(), Default::default()))
}

/// A participating (or the lead) organisation records what it did.
pub async fn act(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: NoteInput,
) -> Result<EventView> {
    let org = p.org_id;
    step(
        db,
        p,
        id,
        i.version,
        (&["open", "handling"], "handling", "act"),
        || note(&i.note),
        |e, m| e.org_id == org || m.contains(&org),
    )
    .await
}

/// The lead organisation resolves the event.
pub async fn resolve(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: NoteInput,
) -> Result<EventView> {
    let org = p.org_id;
    step(
        db,
        p,
        id,
        i.version,
        (&["open", "handling"], "resolved", "resolve"),
        || note(&i.note),
        |e, _| e.org_id == org,
    )
    .await
}

/// The province assesses a resolved event's handling.
pub async fn assess(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    i: AssessInput,
) -> Result<EventView> {
    let input = || {
        let mut errs = FieldErrors::new();
        let a = errs
            .text("assessment", &i.assessment, 4000)
            .unwrap_or_default();
        if !(1..=5).contains(&i.rating) {
            errs.push(
                FieldError::new("rating", Rule::Range)
                    .with("min", 1)
                    .with("max", 5),
            );
        }
        errs.finish()?;
        let am = event::ActiveModel {
            assessment: Set(Some(a.clone())),
            rating: Set(Some(i.rating)),
            ..Default::default()
        };
        Ok((a, am))
    };
    step(
        db,
        p,
        id,
        i.version,
        (&["resolved"], "assessed", "assess"),
        input,
        |_, _| true,
    )
    .await
}
