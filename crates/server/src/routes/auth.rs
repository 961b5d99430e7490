//! `/auth`: sign in and out, who am I, password change, own sessions.

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::IntoResponse;
use longzhi_domain::DataScope;
use longzhi_store::repo::auth::{self, PasswordChange, SessionView};
use longzhi_store::repo::users::{self, UserView};
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::AppState;
use crate::error::ApiResult;
use crate::extract::{Auth, ClientInfo, Json, Path, SESSION_COOKIE, Session};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(me))
        .routes(routes!(change_password))
        .routes(routes!(my_sessions))
        .routes(routes!(revoke_session))
}

#[derive(Deserialize, utoipa::ToSchema)]
struct LoginRequest {
    username: String,
    password: String,
}

#[derive(Serialize, utoipa::ToSchema)]
struct LoginResponse {
    /// Bearer token for non-browser clients (browsers use the cookie).
    token: String,
    /// Send back in `X-CSRF-Token` on every non-GET request made with the cookie.
    csrf_token: String,
    must_change_password: bool,
    user: UserView,
}

fn session_cookie(st: &AppState, value: &str, max_age: Option<i64>) -> HeaderValue {
    let secure = if st.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let age = max_age.map_or(String::new(), |s| format!("; Max-Age={s}"));
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict{secure}{age}"
    ))
    .unwrap_or(HeaderValue::from_static(""))
}

/// Sign in with user name and password.
#[utoipa::path(post, path = "/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), (status = 401, body = crate::i18n::ErrorBody),
        (status = 403, description = "The account is disabled (`auth.disabled`).", body = crate::i18n::ErrorBody),
        (status = 423, body = crate::i18n::ErrorBody), (status = 429, body = crate::i18n::ErrorBody)))]
async fn login(
    State(st): State<AppState>,
    ClientInfo(client): ClientInfo,
    Json(req): Json<LoginRequest>,
) -> ApiResult<impl IntoResponse> {
    let s = auth::login(&st.db, &req.username, &req.password, &client).await??;
    let p = longzhi_store::scope::Principal::system("login");
    let view = users::get(&st.db, &p, s.user.id).await?;
    let mut headers = HeaderMap::new();
    headers.insert(header::SET_COOKIE, session_cookie(&st, &s.token, None));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let body = LoginResponse {
        token: s.token,
        csrf_token: s.csrf_token,
        must_change_password: s.user.must_change_password,
        user: view,
    };
    Ok((headers, Json(body)))
}

/// End the current session.
#[utoipa::path(post, path = "/auth/logout", tag = "auth", responses((status = 204)))]
async fn logout(
    State(st): State<AppState>,
    Session(a): Session,
    ClientInfo(client): ClientInfo,
) -> ApiResult<impl IntoResponse> {
    auth::logout(&st.db, &a, &client).await?;
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, session_cookie(&st, "", Some(0)))],
    ))
}

#[derive(Serialize, utoipa::ToSchema)]
struct Me {
    user: UserView,
    permissions: Vec<String>,
    data_scope: DataScope,
    roles: Vec<String>,
    must_change_password: bool,
    csrf_token: String,
}

/// The signed-in user, their permissions and data scope.
#[utoipa::path(get, path = "/auth/me", tag = "auth", responses((status = 200, body = Me), (status = 401, body = crate::i18n::ErrorBody)))]
async fn me(State(st): State<AppState>, Session(a): Session) -> ApiResult<Json<Me>> {
    let p = &a.principal;
    let user = users::get(
        &st.db,
        &longzhi_store::scope::Principal::system(&p.request_id),
        p.user_id,
    )
    .await?;
    Ok(Json(Me {
        user,
        permissions: p.permissions.0.iter().map(|x| x.to_string()).collect(),
        data_scope: p.scope,
        roles: p.role_codes.clone(),
        must_change_password: a.must_change_password,
        csrf_token: a.csrf_token.clone(),
    }))
}

/// Change one's own password (also the forced change of an initial password). Ends the user's
/// other sessions.
#[utoipa::path(post, path = "/auth/password", tag = "auth", request_body = PasswordChange,
    responses((status = 204), (status = 422, body = crate::i18n::ErrorBody)))]
async fn change_password(
    State(st): State<AppState>,
    Session(a): Session,
    Json(c): Json<PasswordChange>,
) -> ApiResult<StatusCode> {
    auth::change_password(&st.db, &a, &c).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The signed-in user's live sessions.
#[utoipa::path(get, path = "/auth/sessions", tag = "auth", responses((status = 200, body = Vec<SessionView>)))]
async fn my_sessions(
    State(st): State<AppState>,
    Auth(a): Auth,
) -> ApiResult<Json<Vec<SessionView>>> {
    Ok(Json(auth::own_sessions(&st.db, &a).await?))
}

/// End one of one's own sessions.
#[utoipa::path(delete, path = "/auth/sessions/{id}", tag = "auth", params(("id" = String, Path)), responses((status = 204), (status = 404, body = crate::i18n::ErrorBody)))]
async fn revoke_session(
    State(st): State<AppState>,
    Auth(a): Auth,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    auth::revoke_own(&st.db, &a, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
