//! In-app notices: one row per recipient user, read or unread. Sent inside the transaction of
//! what they announce (a published plan, a returned report), so none is sent for a change that
//! did not happen.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde::{Deserialize, Serialize};

use crate::Result;
use crate::entity::{notice, user};
use crate::page::{Page, PageQuery, paginate};
use crate::scope::{Principal, unscoped};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NoticeView {
    pub id: i64,
    /// `task_assigned`, `report_submitted`, `report_returned`, `report_accepted`,
    /// `deadline_near`, `overdue`.
    pub kind: String,
    pub title: String,
    pub body: String,
    pub link: String,
    pub created_at: chrono::DateTime<Utc>,
    pub read_at: Option<chrono::DateTime<Utc>>,
}

impl From<notice::Model> for NoticeView {
    fn from(n: notice::Model) -> Self {
        Self {
            id: n.id,
            kind: n.kind,
            title: n.title,
            body: n.body,
            link: n.link,
            created_at: n.created_at,
            read_at: n.read_at,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NoticeFilter {
    /// Only unread (`true`) or only read (`false`) notices.
    pub unread: Option<bool>,
}

/// A notice to send.
pub struct Notice<'a> {
    pub kind: &'a str,
    pub title: String,
    pub body: String,
    pub link: String,
}

/// Sends `n` to every active user of the organisations `org_ids`.
pub async fn to_orgs<C: ConnectionTrait>(db: &C, org_ids: &[i64], n: &Notice<'_>) -> Result<()> {
    let users =
        unscoped::<user::Entity>("a notice goes to every user of the organisations it is for")
            .filter(user::Column::OrgId.is_in(org_ids.iter().copied()))
            .filter(user::Column::Status.eq("active"))
            .all(db)
            .await?;
    to_users(db, users.iter().map(|u| u.id), n).await
}

pub async fn to_users<C: ConnectionTrait>(
    db: &C,
    user_ids: impl IntoIterator<Item = i64>,
    n: &Notice<'_>,
) -> Result<()> {
    let now = Utc::now();
    let rows: Vec<notice::ActiveModel> = user_ids
        .into_iter()
        .map(|id| notice::ActiveModel {
            user_id: Set(id),
            kind: Set(n.kind.into()),
            title: Set(n.title.clone()),
            body: Set(n.body.clone()),
            link: Set(n.link.clone()),
            created_at: Set(now),
            read_at: Set(None),
            ..Default::default()
        })
        .collect();
    if !rows.is_empty() {
        notice::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

fn mine(p: &Principal) -> sea_orm::Select<notice::Entity> {
    notice::Entity::find().filter(notice::Column::UserId.eq(p.user_id))
}

pub async fn list<C: ConnectionTrait>(
    db: &C,
    p: &Principal,
    f: &NoticeFilter,
    q: &PageQuery,
) -> Result<Page<NoticeView>> {
    let mut s = mine(p);
    match f.unread {
        Some(true) => s = s.filter(notice::Column::ReadAt.is_null()),
        Some(false) => s = s.filter(notice::Column::ReadAt.is_not_null()),
        None => {}
    }
    let sortable = [("created_at", notice::Column::CreatedAt)];
    Ok(
        paginate(db, s, q, &sortable, "-created_at", notice::Column::Id)
            .await?
            .map(NoticeView::from),
    )
}

pub async fn unread_count<C: ConnectionTrait>(db: &C, p: &Principal) -> Result<u64> {
    Ok(mine(p)
        .filter(notice::Column::ReadAt.is_null())
        .count(db)
        .await?)
}

/// Marks the caller's notice `id` read (all of them when `None`); another user's is not found.
pub async fn mark_read<C: ConnectionTrait>(db: &C, p: &Principal, id: Option<i64>) -> Result<()> {
    let mut u = notice::Entity::update_many()
        .col_expr(notice::Column::ReadAt, Expr::value(Utc::now()))
        .filter(notice::Column::UserId.eq(p.user_id))
        .filter(notice::Column::ReadAt.is_null());
    if let Some(id) = id {
        if mine(p).filter(notice::Column::Id.eq(id)).count(db).await? == 0 {
            return Err(crate::StoreError::NotFound);
        }
        u = u.filter(notice::Column::Id.eq(id));
    }
    u.exec(db).await?;
    Ok(())
}
