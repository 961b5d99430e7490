//! `/public/defect-reports`: the consumers' form, without login. It takes a report and answers
//! its receipt number; it reads nothing back.

use axum::extract::State;
use axum::http::StatusCode;
use longzhi_server::app::AppState;
use longzhi_server::error::ApiResult;
use longzhi_server::extract::{ClientInfo, Json};
use longzhi_store::repo::{dicts, regions};
use serde::Serialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::dicts::{HAZARD, PRODUCT};
use crate::reports::{self, PublicReport, Receipt};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(form))
        .routes(routes!(submit))
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FormOption {
    pub value: String,
    pub label: String,
    pub label_en: String,
}

/// What the public form offers: product categories, hazards and cities.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PublicForm {
    pub categories: Vec<FormOption>,
    pub hazards: Vec<FormOption>,
    pub cities: Vec<FormOption>,
}

async fn options(
    db: &longzhi_store::DatabaseConnection,
    dict: &str,
) -> longzhi_store::Result<Vec<FormOption>> {
    Ok(dicts::items(db, dict, true)
        .await?
        .into_iter()
        .map(|i| FormOption {
            value: i.value,
            label: i.label,
            label_en: i.label_en,
        })
        .collect())
}

#[utoipa::path(get, path = "/public/defect-reports/form", tag = "injury", responses((status = 200, body = PublicForm)))]
async fn form(State(st): State<AppState>) -> ApiResult<Json<PublicForm>> {
    Ok(Json(PublicForm {
        categories: options(&st.db, PRODUCT).await?,
        hazards: options(&st.db, HAZARD).await?,
        cities: regions::cities(&st.db)
            .await?
            .into_iter()
            .map(|r| FormOption {
                value: r.code,
                label: r.name,
                label_en: r.name_en,
            })
            .collect(),
    }))
}

/// Report a product that hurt or could hurt someone. A few reports a day per address.
#[utoipa::path(post, path = "/public/defect-reports", tag = "injury", request_body = PublicReport,
    responses((status = 201, body = Receipt), (status = 429, body = longzhi_server::i18n::ErrorBody)))]
async fn submit(
    State(st): State<AppState>,
    ClientInfo(client): ClientInfo,
    Json(r): Json<PublicReport>,
) -> ApiResult<(StatusCode, Json<Receipt>)> {
    let receipt = reports::create_public(&st.db, &client.ip, r).await?;
    Ok((StatusCode::CREATED, Json(receipt)))
}
