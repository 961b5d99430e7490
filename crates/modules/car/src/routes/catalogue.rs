//! `/car/makers`, `/car/models`, `/car/dealers` and `/car/holidays`: the province's reference
//! data for disputes and the working calendar of the Art 28 deadlines.

use axum::extract::State;
use axum::http::StatusCode;
use chrono::Datelike;
use longzhi_server::app::AppState;
use longzhi_server::error::ApiResult;
use longzhi_server::extract::{Allowed, Json, Path, Query};
use longzhi_store::page::{Page, PageQuery};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::*;
use crate::calendar::{self, HolidayFilter, HolidayInput, HolidayView};
use crate::makers::{
    self, CatalogueFilter, DealerInput, DealerView, MakerDetail, MakerInput, MakerView, ModelInput,
    ModelView,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(makers_list, maker_create))
        .routes(routes!(maker_get, maker_update))
        .routes(routes!(models_list, model_create))
        .routes(routes!(model_update))
        .routes(routes!(dealers_list, dealer_create))
        .routes(routes!(dealer_update))
        .routes(routes!(holidays_list, holiday_create))
        .routes(routes!(holiday_delete))
}

#[utoipa::path(get, path = "/car/makers", tag = "car", params(PageQuery, CatalogueFilter), responses((status = 200, body = Page<MakerView>)))]
async fn makers_list(
    State(st): State<AppState>,
    _: Allowed<CanMakerList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<CatalogueFilter>,
) -> ApiResult<Json<Page<MakerView>>> {
    Ok(Json(makers::makers(&st.db, &f, &q).await?))
}

/// Register a maker: an enterprise of the platform (by credit code) and its brand.
#[utoipa::path(post, path = "/car/makers", tag = "car", request_body = MakerInput, responses((status = 201, body = MakerView)))]
async fn maker_create(
    State(st): State<AppState>,
    auth: Allowed<CanMakerCreate>,
    Json(i): Json<MakerInput>,
) -> ApiResult<(StatusCode, Json<MakerView>)> {
    Ok((
        StatusCode::CREATED,
        Json(makers::create_maker(&st.db, auth.principal(), i).await?),
    ))
}

/// A maker with its models' 三包 terms, its published recalls and its defect investigations.
#[utoipa::path(get, path = "/car/makers/{id}", tag = "car", params(("id" = i64, Path)), responses((status = 200, body = MakerDetail)))]
async fn maker_get(
    State(st): State<AppState>,
    auth: Allowed<CanMakerView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<MakerDetail>> {
    Ok(Json(
        makers::maker_detail(&st.db, auth.principal(), id).await?,
    ))
}

#[utoipa::path(put, path = "/car/makers/{id}", tag = "car", params(("id" = i64, Path)), request_body = MakerInput, responses((status = 200, body = MakerView)))]
async fn maker_update(
    State(st): State<AppState>,
    auth: Allowed<CanMakerUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<MakerInput>,
) -> ApiResult<Json<MakerView>> {
    Ok(Json(
        makers::update_maker(&st.db, auth.principal(), id, i).await?,
    ))
}

#[utoipa::path(get, path = "/car/models", tag = "car", params(PageQuery, CatalogueFilter), responses((status = 200, body = Page<ModelView>)))]
async fn models_list(
    State(st): State<AppState>,
    _: Allowed<CanMakerList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<CatalogueFilter>,
) -> ApiResult<Json<Page<ModelView>>> {
    Ok(Json(makers::models(&st.db, &f, &q).await?))
}

/// A model with its 三包凭证 terms (n ≤ 0.5 %, periods at least the statutory ones).
#[utoipa::path(post, path = "/car/models", tag = "car", request_body = ModelInput, responses((status = 201, body = ModelView)))]
async fn model_create(
    State(st): State<AppState>,
    auth: Allowed<CanMakerCreate>,
    Json(i): Json<ModelInput>,
) -> ApiResult<(StatusCode, Json<ModelView>)> {
    Ok((
        StatusCode::CREATED,
        Json(makers::create_model(&st.db, auth.principal(), i).await?),
    ))
}

#[utoipa::path(put, path = "/car/models/{id}", tag = "car", params(("id" = i64, Path)), request_body = ModelInput, responses((status = 200, body = ModelView)))]
async fn model_update(
    State(st): State<AppState>,
    auth: Allowed<CanMakerUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<ModelInput>,
) -> ApiResult<Json<ModelView>> {
    Ok(Json(
        makers::update_model(&st.db, auth.principal(), id, i).await?,
    ))
}

#[utoipa::path(get, path = "/car/dealers", tag = "car", params(PageQuery, CatalogueFilter), responses((status = 200, body = Page<DealerView>)))]
async fn dealers_list(
    State(st): State<AppState>,
    _: Allowed<CanMakerList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<CatalogueFilter>,
) -> ApiResult<Json<Page<DealerView>>> {
    Ok(Json(makers::dealers(&st.db, &f, &q).await?))
}

#[utoipa::path(post, path = "/car/dealers", tag = "car", request_body = DealerInput, responses((status = 201, body = DealerView)))]
async fn dealer_create(
    State(st): State<AppState>,
    auth: Allowed<CanMakerCreate>,
    Json(i): Json<DealerInput>,
) -> ApiResult<(StatusCode, Json<DealerView>)> {
    Ok((
        StatusCode::CREATED,
        Json(makers::create_dealer(&st.db, auth.principal(), i).await?),
    ))
}

#[utoipa::path(put, path = "/car/dealers/{id}", tag = "car", params(("id" = i64, Path)), request_body = DealerInput, responses((status = 200, body = DealerView)))]
async fn dealer_update(
    State(st): State<AppState>,
    auth: Allowed<CanMakerUpdate>,
    Path(id): Path<i64>,
    Json(i): Json<DealerInput>,
) -> ApiResult<Json<DealerView>> {
    Ok(Json(
        makers::update_dealer(&st.db, auth.principal(), id, i).await?,
    ))
}

/// The days of a year that differ from the week (holidays on weekdays, working weekend days).
#[utoipa::path(get, path = "/car/holidays", tag = "car", params(HolidayFilter), responses((status = 200, body = Vec<HolidayView>)))]
async fn holidays_list(
    State(st): State<AppState>,
    _: Allowed<CanCalendarList>,
    Query(f): Query<HolidayFilter>,
) -> ApiResult<Json<Vec<HolidayView>>> {
    let year = f.year.unwrap_or_else(|| longzhi_store::today().year());
    Ok(Json(calendar::list(&st.db, year).await?))
}

#[utoipa::path(post, path = "/car/holidays", tag = "car", request_body = HolidayInput, responses((status = 201, body = HolidayView)))]
async fn holiday_create(
    State(st): State<AppState>,
    auth: Allowed<CanCalendarCreate>,
    Json(i): Json<HolidayInput>,
) -> ApiResult<(StatusCode, Json<HolidayView>)> {
    Ok((
        StatusCode::CREATED,
        Json(calendar::create(&st.db, auth.principal(), i).await?),
    ))
}

#[utoipa::path(delete, path = "/car/holidays/{id}", tag = "car", params(("id" = i64, Path)), responses((status = 204)))]
async fn holiday_delete(
    State(st): State<AppState>,
    auth: Allowed<CanCalendarDelete>,
    Path(id): Path<i64>,
) -> ApiResult<StatusCode> {
    calendar::delete(&st.db, auth.principal(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}
