//! Request extractors: JSON, query and path with our error shape, the client's address, and the
//! signed-in user (session cookie with CSRF token, or bearer token).

use std::marker::PhantomData;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRef, FromRequest, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, header};
use longzhi_store::repo::auth::{self, Authenticated, Client};
use longzhi_store::scope::Principal;

use crate::app::AppState;
use crate::error::ApiError;

/// `axum::Json` whose rejections are [`ApiError`]s.
#[derive(Debug, Clone, Copy, Default, FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct Json<T>(pub T);

impl<T: serde::Serialize> axum::response::IntoResponse for Json<T> {
    fn into_response(self) -> axum::response::Response {
        axum::Json(self.0).into_response()
    }
}

/// `axum::extract::Query` whose rejections are [`ApiError`]s.
#[derive(Debug, Clone, Copy, Default, FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct Query<T>(pub T);

/// `axum::extract::Path` whose rejections are [`ApiError`]s.
#[derive(Debug, Clone, Copy, Default, FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct Path<T>(pub T);

pub const SESSION_COOKIE: &str = "lz_session";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The request's client: its address (from `X-Forwarded-For` behind a trusted proxy) and agent.
pub fn client(parts: &Parts, trust_proxy: bool) -> Client {
    let forwarded = trust_proxy
        .then(|| {
            parts
                .headers
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
        })
        .flatten()
        // The proxy appends the address it saw: the last entry is the one a client cannot forge.
        .and_then(|v| v.rsplit(',').next())
        .map(|s| s.trim().to_owned());
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string());
    Client {
        ip: forwarded.or(peer).unwrap_or_default(),
        user_agent: parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned(),
    }
}

pub struct ClientInfo(pub Client);

impl<S: Send + Sync> FromRequestParts<S> for ClientInfo
where
    AppState: FromRef<S>,
{
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let st = AppState::from_ref(state);
        Ok(Self(client(parts, st.config.trust_proxy)))
    }
}

fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

pub fn request_id(headers: &HeaderMap) -> String {
    headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// A signed-in user who may be in the middle of the forced change of an initial password: only
/// the endpoints that allow that (me, change password, log out) take this extractor.
pub struct Session(pub Authenticated);

impl<S: Send + Sync> FromRequestParts<S> for Session
where
    AppState: FromRef<S>,
{
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let st = AppState::from_ref(state);
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        let (token, by_cookie) = match bearer {
            Some(t) => (t.trim(), false),
            None => (
                cookie(&parts.headers, SESSION_COOKIE).ok_or(ApiError::Unauthenticated)?,
                true,
            ),
        };
        let a = auth::authenticate(&st.db, token, &request_id(&parts.headers)).await??;
        // A cookie arrives with any request the browser makes: writes must prove they come from
        // our page. A bearer token is never sent implicitly.
        let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
        if by_cookie && !safe {
            let sent = parts
                .headers
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            if !constant_time_eq(sent.as_bytes(), a.csrf_token.as_bytes()) {
                return Err(ApiError::Csrf);
            }
        }
        Ok(Self(a))
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A signed-in user with a usable password: what every business endpoint takes.
pub struct Auth(pub Authenticated);

impl<S: Send + Sync> FromRequestParts<S> for Auth
where
    AppState: FromRef<S>,
{
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let Session(a) = Session::from_request_parts(parts, state).await?;
        if a.must_change_password {
            return Err(ApiError::PasswordChangeRequired);
        }
        Ok(Self(a))
    }
}

impl Auth {
    pub fn principal(&self) -> &Principal {
        &self.0.principal
    }
}

/// `?sort=` of an export: the list's order (`field` or `-field`), as on the list.
#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SortQuery {
    /// As on the list.
    pub sort: Option<String>,
}

/// A permission an endpoint requires, as a type (see [`permissions!`](crate::permissions)).
pub trait Permission {
    const CODE: &'static str;
}

/// Declares permission marker types: `permissions! { CanUserCreate = "system:user:create" }`.
#[macro_export]
macro_rules! permissions {
    ($($name:ident = $code:literal),* $(,)?) => {
        $(
            #[doc = concat!("The permission `", $code, "`.")]
            pub struct $name;
            impl $crate::extract::Permission for $name {
                const CODE: &'static str = $code;
            }
        )*
    };
}

/// A `POST /<records>/{id}/<step>` handler of a module's workflow: the permission, the body and
/// the repository call `f(db, principal, id, body)`, documented under `tag`. (Tags, paths and
/// types are token trees so that utoipa sees them as written.)
#[macro_export]
macro_rules! step_route {
    ($tag:tt, $(#[doc = $doc:literal])* $name:ident, $path:tt, $perm:ident, $input:ident, $out:ident, $f:expr) => {
        $(#[doc = $doc])*
        #[utoipa::path(post, path = $path, tag = $tag, params(("id" = i64, Path)), request_body = $input,
            responses((status = 200, body = $out), (status = 409, body = $crate::i18n::ErrorBody)))]
        async fn $name(
            axum::extract::State(st): axum::extract::State<$crate::app::AppState>,
            auth: $crate::extract::Allowed<$perm>,
            $crate::extract::Path(id): $crate::extract::Path<i64>,
            $crate::extract::Json(i): $crate::extract::Json<$input>,
        ) -> $crate::error::ApiResult<$crate::extract::Json<$out>> {
            Ok($crate::extract::Json($f(&st.db, auth.principal(), id, i).await?))
        }
    };
}

/// A signed-in user holding permission `P`. Checked before the body is read, so a user without
/// the right is refused (403) whatever they send.
pub struct Allowed<P>(pub Authenticated, PhantomData<P>);

impl<P: Permission, S: Send + Sync> FromRequestParts<S> for Allowed<P>
where
    AppState: FromRef<S>,
{
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let Auth(a) = Auth::from_request_parts(parts, state).await?;
        if a.principal.allows(P::CODE) {
            Ok(Self(a, PhantomData))
        } else {
            Err(ApiError::Forbidden)
        }
    }
}

impl<P> Allowed<P> {
    pub fn principal(&self) -> &Principal {
        &self.0.principal
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn finds_the_session_cookie_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; lz_session=tok; b=2"),
        );
        assert_eq!(cookie(&h, SESSION_COOKIE), Some("tok"));
        assert_eq!(cookie(&h, "missing"), None);
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }

    #[test]
    fn behind_a_proxy_the_client_is_the_last_forwarded_address() {
        let (parts, ()) = axum::http::Request::builder()
            .header("x-forwarded-for", "6.6.6.6, 10.0.0.7")
            .body(())
            .unwrap()
            .into_parts();
        // A client may send any X-Forwarded-For; the proxy appends the address it saw.
        assert_eq!(client(&parts, true).ip, "10.0.0.7");
        assert_eq!(client(&parts, false).ip, "");
    }
}
