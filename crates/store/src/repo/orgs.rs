//! Organisations: the provincial bureau and its departments, city bureaus, county offices,
//! enterprises, service institutions and the expert pool, as a tree with a materialised path.
//! An organisation's region is fixed at creation: the scope columns of its users and records
//! derive from it.

use longzhi_domain::Status;
use std::collections::HashMap;

use chrono::Utc;
use longzhi_domain::{CreditCode, FieldError, FieldErrors, Rule};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};

use crate::audit::{self, Target};
use crate::entity::{org, region, user};
use crate::page::{Page, PageQuery, contains_any, paginate};
use crate::scope::{Principal, scoped, unscoped, unscoped_by_id};
use crate::{Result, StoreError};

use super::{check_status, get_scoped, update_versioned};

/// What kind of organisation; a stable code with zh/en labels in the `org_kind` dictionary.
pub const KINDS: [&str; 7] = [
    "province_bureau",
    "department",
    "city_bureau",
    "county_office",
    "enterprise",
    "institution",
    "expert_pool",
];

/// The regulator's own kinds: the addressees of the province's plans. Only a province-wide actor
/// creates such an organisation, gives or takes away such a kind, or disables or deletes one; a
/// city administrator who re-typed or disabled its bureau would silently drop its city from
/// every future plan.
const REGULATOR_KINDS: [&str; 3] = ["province_bureau", "department", "city_bureau"];

/// Kinds that must carry a valid 统一社会信用代码.
const NEEDS_CREDIT_CODE: [&str; 2] = ["enterprise", "institution"];

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OrgView {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub region_id: i64,
    pub region_code: String,
    pub region_name: String,
    pub parent_id: Option<i64>,
    pub path: String,
    pub credit_code: Option<String>,
    pub contact: Option<String>,
    pub phone: Option<String>,
    pub status: longzhi_domain::Status,
    pub sort: i32,
    pub version: i32,
    pub created_at: chrono::DateTime<Utc>,
    pub updated_at: chrono::DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OrgNode {
    #[serde(flatten)]
    pub org: OrgView,
    #[schema(no_recursion)]
    pub children: Vec<OrgNode>,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrgFilter {
    /// Name, code or credit code contains.
    pub q: Option<String>,
    pub kind: Option<String>,
    #[param(value_type = Option<longzhi_domain::Status>)]
    pub status: Option<String>,
    /// Only organisations in this region's subtree (a region code).
    pub region_code: Option<String>,
    pub parent_id: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
pub struct NewOrg {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub region_code: String,
    pub parent_id: Option<i64>,
    pub credit_code: Option<String>,
    pub contact: Option<String>,
    pub phone: Option<String>,
    #[serde(default)]
    pub sort: i32,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct OrgUpdate {
    pub name: String,
    pub kind: String,
    pub credit_code: Option<String>,
    pub contact: Option<String>,
    pub phone: Option<String>,
    #[schema(value_type = longzhi_domain::Status)]
    pub status: String,
    #[serde(default)]
    pub sort: i32,
    pub version: i32,
}

pub(crate) async fn regions_by_id<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, region::Model>> {
    super::by_ids::<region::Entity, _>(db, region::Column::Id, ids, |r| r.id).await
}

async fn views<C: ConnectionTrait>(db: &C, rows: Vec<org::Model>) -> Result<Vec<OrgView>> {
    let regions = regions_by_id(db, rows.iter().map(|o| o.region_id)).await?;
    Ok(rows
        .into_iter()
        .map(|o| {
            let r = regions.get(&o.region_id);
            OrgView {
                region_code: r.map(|r| r.code.clone()).unwrap_or_default(),
                region_name: r.map(|r| r.name.clone()).unwrap_or_default(),
                id: o.id,
                code: o.code,
                name: o.name,
                kind: o.kind,
                region_id: o.region_id,
                parent_id: o.parent_id,
                path: o.path,
                credit_code: o.credit_code,
                contact: o.contact,
                phone: o.phone,
                status: o.status,
                sort: o.sort,
                version: o.version,
                created_at: o.created_at,
                updated_at: o.updated_at,
            }
        })
        .collect())
}

fn filtered(p: &Principal, f: &OrgFilter, within: Option<&str>) -> sea_orm::Select<org::Entity> {
    let mut s = scoped::<org::Entity>(p);
    if let Some(e) = f.q.as_deref().and_then(|t| {
        contains_any(
            &[
                org::Column::Name,
                org::Column::Code,
                org::Column::CreditCode,
            ],
            t,
        )
    }) {
        s = s.filter(e);
    }
    if let Some(k) = &f.kind {
        s = s.filter(org::Column::Kind.eq(k.as_str()));
    }
    if let Some(st) = &f.status {
        s = s.filter(org::Column::Status.eq(st.as_str()));
    }
    if let Some(path) = within {
        s = s.filter(org::Column::RegionPath.starts_with(path));
    }
    if let Some(pid) = f.parent_id {
        s = s.filter(org::Column::ParentId.eq(pid));
    }
    s
}

async fn region_path_of<C: ConnectionTrait>(db: &C, code: Option<&str>) -> Result<Option<String>> {
    match code.filter(|c| !c.is_empty()) {
        Some(c) => Ok(Some(super::regions::by_code(db, c).await?.path)),
        None => Ok(None),
    }
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    f: &OrgFilter,
    q: &PageQuery,
) -> Result<Page<OrgView>> {
    let within = region_path_of(db, f.region_code.as_deref()).await?;
    let sortable = [
        ("code", org::Column::Code),
        ("name", org::Column::Name),
        ("kind", org::Column::Kind),
        ("sort", org::Column::Sort),
        ("created_at", org::Column::CreatedAt),
    ];
    let page = paginate(
        db,
        filtered(p, f, within.as_deref()),
        q,
        &sortable,
        "sort,code",
        org::Column::Id,
    )
    .await?;
    let items = views(db, page.items).await?;
    Ok(Page {
        items,
        total: page.total,
        page: page.page,
        page_size: page.page_size,
    })
}

/// The organisations in scope as a forest (an organisation whose parent is out of scope is a root).
pub async fn tree<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    f: &OrgFilter,
) -> Result<Vec<OrgNode>> {
    let within = region_path_of(db, f.region_code.as_deref()).await?;
    let rows = filtered(p, f, within.as_deref())
        .order_by_asc(org::Column::Sort)
        .order_by_asc(org::Column::Code)
        .all(db)
        .await?;
    let rows = views(db, rows).await?;
    let ids: std::collections::HashSet<i64> = rows.iter().map(|o| o.id).collect();
    let mut children: HashMap<i64, Vec<OrgView>> = HashMap::new();
    let mut roots = Vec::new();
    for o in rows {
        match o.parent_id.filter(|pid| ids.contains(pid)) {
            Some(pid) => children.entry(pid).or_default().push(o),
            None => roots.push(o),
        }
    }
    fn attach(o: OrgView, children: &mut HashMap<i64, Vec<OrgView>>) -> OrgNode {
        let kids = children.remove(&o.id).unwrap_or_default();
        OrgNode {
            children: kids.into_iter().map(|k| attach(k, children)).collect(),
            org: o,
        }
    }
    Ok(roots
        .into_iter()
        .map(|o| attach(o, &mut children))
        .collect())
}

pub async fn get<C: ConnectionTrait>(db: &C, p: &Principal, id: i64) -> Result<OrgView> {
    let o = get_scoped::<org::Entity, _>(db, p, id).await?;
    views(db, vec![o]).await?.pop().ok_or(StoreError::NotFound)
}

/// The active city bureaus of the city-level regions: (region code, bureau), by bureau code —
/// whom a province-wide round, plan or notification is addressed to.
pub async fn city_bureaus<C: ConnectionTrait>(db: &C) -> Result<Vec<(String, org::Model)>> {
    let cities: HashMap<i64, String> = super::regions::cities(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.code))
        .collect();
    Ok(
        unscoped::<org::Entity>("province-wide work is addressed to the bureau of every city")
            .filter(org::Column::Kind.eq("city_bureau"))
            .filter(org::Column::Status.eq("active"))
            .order_by_asc(org::Column::Code)
            .all(db)
            .await?
            .into_iter()
            .filter_map(|o| cities.get(&o.region_id).cloned().map(|c| (c, o)))
            .collect(),
    )
}

pub async fn by_code<C: ConnectionTrait>(db: &C, code: &str) -> Result<org::Model> {
    unscoped::<org::Entity>("organisation codes are global")
        .filter(org::Column::Code.eq(code))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

fn check_code(code: &str) -> std::result::Result<String, FieldError> {
    let c = code.trim();
    if c.is_empty() {
        return Err(FieldError::new("code", Rule::Required));
    }
    if c.len() > 32
        || !c
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return Err(FieldError::new("code", Rule::Format).with("pattern", "[A-Za-z0-9_-]{1,32}"));
    }
    Ok(c.to_owned())
}

/// Refuses (`org.protected`) a change of kind or status, or a deletion (`to` is `None`), of
/// `before` that its actor may not make: of the actor's own organisation or one above it, or,
/// short of scope `all`, of a regulator's organisation.
async fn check_protected<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    before: &org::Model,
    to: Option<(&str, &str)>,
) -> Result<()> {
    if to.is_some_and(|(kind, status)| kind == before.kind && status == before.status.as_str()) {
        return Ok(());
    }
    let own_or_above = unscoped_by_id::<org::Entity, _>(p.org_id, "the caller's own organisation")
        .one(db)
        .await?
        .is_some_and(|own| own.id == before.id || own.path.contains(&format!("/{}/", before.id)));
    let regulator = |kind: &str| REGULATOR_KINDS.contains(&kind);
    let province_wide = p.scope == longzhi_domain::DataScope::All;
    if own_or_above
        || (!province_wide && (regulator(&before.kind) || to.is_some_and(|(k, _)| regulator(k))))
    {
        return Err(StoreError::Rule(longzhi_domain::ErrorCode::OrgProtected));
    }
    Ok(())
}

fn check_kind(kind: &str) -> std::result::Result<(), FieldError> {
    if KINDS.contains(&kind) {
        Ok(())
    } else {
        Err(FieldError::new("kind", Rule::Enum).with("allowed", KINDS.join(",")))
    }
}

/// The credit code a kind needs: required and valid for enterprises and institutions, valid if
/// given for the others.
fn check_credit_code(
    kind: &str,
    code: Option<&str>,
) -> std::result::Result<Option<String>, FieldError> {
    match code.map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) => Ok(Some(CreditCode::parse(c)?.to_string())),
        None if NEEDS_CREDIT_CODE.contains(&kind) => {
            Err(FieldError::new("credit_code", Rule::Required))
        }
        None => Ok(None),
    }
}

async fn check_unique<C: ConnectionTrait>(
    db: &C,
    col: org::Column,
    value: &str,
    except: Option<i64>,
    field: &str,
) -> Result<()> {
    let mut s = unscoped::<org::Entity>("codes and credit codes are unique across every scope")
        .filter(col.eq(value));
    if let Some(id) = except {
        s = s.filter(org::Column::Id.ne(id));
    }
    if s.count(db).await? > 0 {
        return Err(StoreError::Duplicate {
            field: field.into(),
        });
    }
    Ok(())
}

pub async fn create(db: &DatabaseConnection, p: &Principal, n: NewOrg) -> Result<OrgView> {
    let txn = crate::backend::begin_write(db).await?;
    let view = create_in(&txn, p, n).await?;
    txn.commit().await?;
    Ok(view)
}

/// Creates an organisation inside the caller's transaction (used by imports and the seed too).
pub async fn create_in<C: ConnectionTrait>(db: &C, p: &Principal, n: NewOrg) -> Result<OrgView> {
    let mut errs = FieldErrors::new();
    let code = errs.check("code", check_code(&n.code));
    let name = errs.text("name", &n.name, 128);
    errs.check("kind", check_kind(&n.kind));
    if REGULATOR_KINDS.contains(&n.kind.as_str()) && p.scope != longzhi_domain::DataScope::All {
        errs.push(FieldError::new("kind", Rule::Range).with("reason", "exceeds_own"));
    }
    let credit_code = errs.check(
        "credit_code",
        check_credit_code(&n.kind, n.credit_code.as_deref()),
    );
    let contact = errs.optional_text("contact", n.contact.as_deref(), 64);
    let phone = errs.optional_text("phone", n.phone.as_deref(), 32);
    let region = super::regions::by_code(db, &n.region_code).await.ok();
    if region.is_none() {
        errs.push(FieldError::new("region_code", Rule::Exists));
    }
    let parent = match n.parent_id {
        Some(pid) => match get_scoped::<org::Entity, _>(db, p, pid).await {
            Ok(o) => Some(o),
            Err(StoreError::NotFound) => {
                errs.push(FieldError::new("parent_id", Rule::Exists));
                None
            }
            Err(e) => return Err(e),
        },
        None => None,
    };
    if let Some(r) = &region
        && !p.covers(&r.path, -1, None)
    {
        errs.push(FieldError::new("region_code", Rule::Exists));
    }
    errs.finish()?;
    let (Some(code), Some(name), Some(region)) = (code, name, region) else {
        return Err(StoreError::NotFound);
    };
    check_unique(db, org::Column::Code, &code, None, "code").await?;
    if let Some(cc) = &credit_code.clone().flatten() {
        check_unique(db, org::Column::CreditCode, cc, None, "credit_code").await?;
    }
    let now = Utc::now();
    let inserted = org::ActiveModel {
        code: Set(code),
        name: Set(name),
        kind: Set(n.kind),
        region_id: Set(region.id),
        parent_id: Set(parent.as_ref().map(|o| o.id)),
        path: Set(String::new()),
        credit_code: Set(credit_code.flatten()),
        contact: Set(contact),
        phone: Set(phone),
        status: Set(Status::Active),
        sort: Set(n.sort),
        region_path: Set(region.path.clone()),
        org_id: Set(0),
        owner_id: Set(p.actor_id()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    // The path and the scope column `org_id` need the new id.
    let mut am: org::ActiveModel = inserted.clone().into();
    am.path = Set(format!(
        "{}{}/",
        parent.as_ref().map_or("/", |o| o.path.as_str()),
        inserted.id
    ));
    am.org_id = Set(inserted.id);
    let after = am.update(db).await?;
    let target = Target {
        entity: "org",
        id: after.id.to_string(),
        region_path: &after.region_path,
        org_id: Some(after.id),
    };
    audit::record(db, p, target, "create", None, Some(&after)).await?;
    views(db, vec![after])
        .await?
        .pop()
        .ok_or(StoreError::NotFound)
}

pub async fn update(
    db: &DatabaseConnection,
    p: &Principal,
    id: i64,
    u: OrgUpdate,
) -> Result<OrgView> {
    let mut errs = FieldErrors::new();
    let name = errs.text("name", &u.name, 128);
    errs.check("kind", check_kind(&u.kind));
    errs.check("status", check_status("status", &u.status));
    let credit_code = errs.check(
        "credit_code",
        check_credit_code(&u.kind, u.credit_code.as_deref()),
    );
    let contact = errs.optional_text("contact", u.contact.as_deref(), 64);
    let phone = errs.optional_text("phone", u.phone.as_deref(), 32);
    errs.finish()?;
    let txn = crate::backend::begin_write(db).await?;
    let before = get_scoped::<org::Entity, _>(&txn, p, id).await?;
    check_protected(&txn, p, &before, Some((&u.kind, &u.status))).await?;
    if let Some(cc) = credit_code.clone().flatten() {
        check_unique(&txn, org::Column::CreditCode, &cc, Some(id), "credit_code").await?;
    }
    let am = org::ActiveModel {
        name: Set(name.unwrap_or_default()),
        kind: Set(u.kind),
        credit_code: Set(credit_code.flatten()),
        contact: Set(contact),
        phone: Set(phone),
        status: Set(super::parse_status("status", &u.status)?),
        sort: Set(u.sort),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    update_versioned(
        &txn,
        org::Column::Id,
        org::Column::Version,
        id,
        u.version,
        am,
    )
    .await?;
    let after = get_scoped::<org::Entity, _>(&txn, p, id).await?;
    let target = Target {
        entity: "org",
        id: id.to_string(),
        region_path: &after.region_path,
        org_id: Some(id),
    };
    audit::record(&txn, p, target, "update", Some(&before), Some(&after)).await?;
    txn.commit().await?;
    views(db, vec![after])
        .await?
        .pop()
        .ok_or(StoreError::NotFound)
}

/// Deletes an organisation that has no users and no child organisations.
pub async fn delete(db: &DatabaseConnection, p: &Principal, id: i64) -> Result<()> {
    let txn = crate::backend::begin_write(db).await?;
    let before = get_scoped::<org::Entity, _>(&txn, p, id).await?;
    check_protected(&txn, p, &before, None).await?;
    let users = unscoped::<user::Entity>("an organisation in use cannot be deleted")
        .filter(user::Column::OrgId.eq(id))
        .count(&txn)
        .await?;
    let children = unscoped::<org::Entity>("an organisation in use cannot be deleted")
        .filter(org::Column::ParentId.eq(id))
        .count(&txn)
        .await?;
    if users > 0 || children > 0 {
        return Err(StoreError::Rule(longzhi_domain::ErrorCode::OrgInUse));
    }
    org::Entity::delete_by_id(id).exec(&txn).await?;
    let target = Target {
        entity: "org",
        id: id.to_string(),
        region_path: &before.region_path,
        org_id: Some(id),
    };
    audit::record(&txn, p, target, "delete", Some(&before), None).await?;
    txn.commit().await?;
    Ok(())
}

/// An organisation as an import file gives it: the parent by code.
#[derive(Debug, Clone, Default)]
pub struct OrgImport {
    pub org: NewOrg,
    pub parent_code: Option<String>,
}

/// Creates the organisations of an import file, all or none; a parent may be a row above.
pub async fn import(
    db: &DatabaseConnection,
    p: &Principal,
    rows: Vec<(usize, OrgImport)>,
) -> Result<super::ImportOutcome> {
    super::import_rows(db, p, rows).await
}

impl super::ImportRow for OrgImport {
    async fn create(self, txn: &sea_orm::DatabaseTransaction, p: &Principal) -> Result<()> {
        let mut org = self.org;
        if let Some(code) = self
            .parent_code
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            match by_code(txn, code).await {
                Ok(parent) => org.parent_id = Some(parent.id),
                Err(StoreError::NotFound) => {
                    return Err(FieldError::new("parent_code", Rule::Exists).into());
                }
                Err(e) => return Err(e),
            }
        }
        create_in(txn, p, org).await.map(|_| ())
    }
}
