//! `/system/orgs`: organisations in the caller's data scope, as a list or a tree.

use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use longzhi_store::page::{Page, PageQuery};
use longzhi_store::repo::orgs::{self, NewOrg, OrgFilter, OrgImport, OrgNode, OrgUpdate, OrgView};
use utoipa_axum::router::UtoipaMethodRouterExt;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::AppState;
use crate::error::ApiResult;
use crate::excel::{self, Col, ImportResult, Labels, col, input};
use crate::extract::{Allowed, Json, Path, Query, SortQuery};
use crate::i18n::Lang;
use crate::permissions;

permissions! {
    CanOrgList = "system:org:list",
    CanOrgCreate = "system:org:create",
    CanOrgView = "system:org:view",
    CanOrgUpdate = "system:org:update",
    CanOrgDelete = "system:org:delete",
    CanOrgExport = "system:org:export",
    CanOrgImport = "system:org:import",
}

const SHEET: (&str, &str) = ("组织机构", "Organisations");

const EXPORT: [Col; 10] = [
    col("code", "编码", "Code", 18.0),
    col("name", "名称", "Name", 30.0),
    col("kind", "类型", "Kind", 12.0).labelled("org_kind"),
    col("region_code", "区划代码", "Region code", 10.0),
    col("region_name", "区域", "Region", 12.0),
    col("credit_code", "统一社会信用代码", "Credit code", 22.0),
    col("contact", "联系人", "Contact", 12.0),
    col("phone", "电话", "Phone", 16.0),
    col("status", "状态", "Status", 8.0).labelled("status"),
    col("created_at", "创建时间", "Created", 20.0),
];

const IMPORT: [Col; 8] = [
    input(
        "code",
        "编码",
        "Code",
        true,
        "字母、数字、_ -,不超过 32 位,唯一",
        "letters, digits, _ -, at most 32, unique",
    ),
    input(
        "name",
        "名称",
        "Name",
        true,
        "不超过 128 字",
        "at most 128 characters",
    ),
    input(
        "kind",
        "类型",
        "Kind",
        true,
        "企业、服务机构、省局处室…(字典“组织类型”)",
        "Enterprise, Service institution … (dictionary “Organisation kind”)",
    )
    .labelled("org_kind"),
    input(
        "region_code",
        "区划代码",
        "Region code",
        true,
        "6 位 GB/T 2260 代码,如 620502",
        "6-digit GB/T 2260 code, e.g. 620502",
    ),
    input(
        "parent_code",
        "上级组织编码",
        "Parent code",
        false,
        "可为本文件中上方的行",
        "may be a row above in this file",
    ),
    input(
        "credit_code",
        "统一社会信用代码",
        "Credit code",
        false,
        "18 位,企业和服务机构必填,校验 GB 32100 校验位",
        "18 characters, required for enterprises and institutions, GB 32100 check character",
    ),
    input("contact", "联系人", "Contact", false, "", ""),
    input("phone", "电话", "Phone", false, "", ""),
];

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(tree))
        .routes(routes!(get, update, delete))
        .routes(routes!(export))
        .routes(routes!(import_template))
        .routes(routes!(import).layer(DefaultBodyLimit::disable()))
}

#[utoipa::path(get, path = "/system/orgs", tag = "system", params(PageQuery, OrgFilter), responses((status = 200, body = Page<OrgView>)))]
async fn list(
    State(st): State<AppState>,
    auth: Allowed<CanOrgList>,
    Query(q): Query<PageQuery>,
    Query(f): Query<OrgFilter>,
) -> ApiResult<Json<Page<OrgView>>> {
    Ok(Json(orgs::list(&st.db, auth.principal(), &f, &q).await?))
}

#[utoipa::path(get, path = "/system/orgs/tree", tag = "system", params(OrgFilter), responses((status = 200, body = Vec<OrgNode>)))]
async fn tree(
    State(st): State<AppState>,
    auth: Allowed<CanOrgList>,
    Query(f): Query<OrgFilter>,
) -> ApiResult<Json<Vec<OrgNode>>> {
    Ok(Json(orgs::tree(&st.db, auth.principal(), &f).await?))
}

/// Create an organisation in a region of the caller's scope (enterprises and institutions need a
/// valid 统一社会信用代码).
#[utoipa::path(post, path = "/system/orgs", tag = "system", request_body = NewOrg, responses((status = 201, body = OrgView)))]
async fn create(
    State(st): State<AppState>,
    auth: Allowed<CanOrgCreate>,
    Json(n): Json<NewOrg>,
) -> ApiResult<(StatusCode, Json<OrgView>)> {
    Ok((
        StatusCode::CREATED,
        Json(orgs::create(&st.db, auth.principal(), n).await?),
    ))
}

#[utoipa::path(get, path = "/system/orgs/{id}", tag = "system", params(("id" = i64, Path)), responses((status = 200, body = OrgView)))]
async fn get(
    State(st): State<AppState>,
    auth: Allowed<CanOrgView>,
    Path(id): Path<i64>,
) -> ApiResult<Json<OrgView>> {
    Ok(Json(orgs::get(&st.db, auth.principal(), id).await?))
}

#[utoipa::path(put, path = "/system/orgs/{id}", tag = "system", params(("id" = i64, Path)), request_body = OrgUpdate, responses((status = 200, body = OrgView)))]
async fn update(
    State(st): State<AppState>,
    auth: Allowed<CanOrgUpdate>,
    Path(id): Path<i64>,
    Json(u): Json<OrgUpdate>,
) -> ApiResult<Json<OrgView>> {
    Ok(Json(orgs::update(&st.db, auth.principal(), id, u).await?))
}

#[utoipa::path(delete, path = "/system/orgs/{id}", tag = "system", params(("id" = i64, Path)), responses((status = 204)))]
async fn delete(
    State(st): State<AppState>,
    auth: Allowed<CanOrgDelete>,
    Path(id): Path<i64>,
) -> ApiResult<StatusCode> {
    orgs::delete(&st.db, auth.principal(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The organisations of the current filter as an Excel file.
#[utoipa::path(get, path = "/system/orgs/export", tag = "system", params(SortQuery, OrgFilter),
    responses((status = 200, description = "An .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn export(
    State(st): State<AppState>,
    auth: Allowed<CanOrgExport>,
    lang: Lang,
    Query(q): Query<SortQuery>,
    Query(f): Query<OrgFilter>,
) -> ApiResult<Response> {
    let page = orgs::list(&st.db, auth.principal(), &f, &PageQuery::everything(q.sort)).await?;
    excel::export(
        lang,
        SHEET,
        &EXPORT,
        &Labels::load(&st.db, &EXPORT).await?,
        &page.items,
    )
}

/// The Excel template of an organisation import, with notes on every column.
#[utoipa::path(get, path = "/system/orgs/import-template", tag = "system",
    responses((status = 200, description = "An .xlsx file", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))]
async fn import_template(_: Allowed<CanOrgImport>, lang: Lang) -> ApiResult<Response> {
    excel::template(lang, SHEET, &IMPORT)
}

/// Create the organisations of an Excel file (multipart field `file`): all rows, or none and
/// every row error.
#[utoipa::path(post, path = "/system/orgs/import", tag = "system", request_body(content_type = "multipart/form-data"),
    responses((status = 200, body = ImportResult), (status = 413, body = crate::i18n::ErrorBody), (status = 415, body = crate::i18n::ErrorBody), (status = 422, body = crate::i18n::ErrorBody)))]
async fn import(
    State(st): State<AppState>,
    auth: Allowed<CanOrgImport>,
    lang: Lang,
    multipart: Multipart,
) -> ApiResult<Json<ImportResult>> {
    let limit = excel::upload_limit(&st.db).await?;
    let bytes = excel::read_upload(multipart, limit).await?;
    let rows = excel::rows(bytes, &IMPORT, &Labels::load(&st.db, &IMPORT).await?)
        .await?
        .into_iter()
        .map(|r| {
            let org = NewOrg {
                code: r.get("code"),
                name: r.get("name"),
                kind: r.get("kind"),
                region_code: r.get("region_code"),
                parent_id: None,
                credit_code: r.optional("credit_code"),
                contact: r.optional("contact"),
                phone: r.optional("phone"),
                sort: 0,
            };
            (
                r.number,
                OrgImport {
                    org,
                    parent_code: r.optional("parent_code"),
                },
            )
        })
        .collect();
    Ok(Json(ImportResult::new(
        orgs::import(&st.db, auth.principal(), rows).await?,
        lang,
    )))
}
