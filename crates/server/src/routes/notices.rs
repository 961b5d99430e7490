//! `/notices`: the signed-in user's in-app notices.

use axum::extract::State;
use axum::http::StatusCode;
use longzhi_store::page::{Page, PageQuery};
use longzhi_store::repo::notices::{self, NoticeFilter, NoticeView};
use serde::Serialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::AppState;
use crate::error::ApiResult;
use crate::extract::{Auth, Json, Path, Query};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(unread_count))
        .routes(routes!(read))
        .routes(routes!(read_all))
}

#[utoipa::path(get, path = "/notices", tag = "notices", params(PageQuery, NoticeFilter), responses((status = 200, body = Page<NoticeView>)))]
async fn list(
    State(st): State<AppState>,
    auth: Auth,
    Query(q): Query<PageQuery>,
    Query(f): Query<NoticeFilter>,
) -> ApiResult<Json<Page<NoticeView>>> {
    Ok(Json(notices::list(&st.db, auth.principal(), &f, &q).await?))
}

#[derive(Serialize, utoipa::ToSchema)]
struct Count {
    count: u64,
}

#[utoipa::path(get, path = "/notices/unread-count", tag = "notices", responses((status = 200, body = Count)))]
async fn unread_count(State(st): State<AppState>, auth: Auth) -> ApiResult<Json<Count>> {
    let count = notices::unread_count(&st.db, auth.principal()).await?;
    Ok(Json(Count { count }))
}

#[utoipa::path(post, path = "/notices/{id}/read", tag = "notices", params(("id" = i64, Path)), responses((status = 204)))]
async fn read(
    State(st): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
) -> ApiResult<StatusCode> {
    notices::mark_read(&st.db, auth.principal(), Some(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/notices/read-all", tag = "notices", responses((status = 204)))]
async fn read_all(State(st): State<AppState>, auth: Auth) -> ApiResult<StatusCode> {
    notices::mark_read(&st.db, auth.principal(), None).await?;
    Ok(StatusCode::NO_CONTENT)
}
