//! The application: state, the middleware stack around the module routers, and serving.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use longzhi_store::DatabaseConnection;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::config::{Config, Storage};
use crate::module::Modules;
use longzhi_store::storage::{DbStorage, FsStorage, SharedStorage};

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    pub storage: SharedStorage,
    /// The modules of this build ([`crate::module`]).
    pub modules: Modules,
}

/// JSON bodies larger than this are refused with `request.too_large` (uploads have their own
/// limit, the `upload.max_mb` parameter).
pub const JSON_BODY_LIMIT: usize = 1024 * 1024;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The whole HTTP application.
pub fn router(state: AppState) -> Router {
    let (api, openapi) = crate::openapi::split(&state.modules);
    let openapi = Arc::new(openapi);
    let security = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; \
             script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'",
        ),
    ];
    let site = state
        .modules
        .iter()
        .filter_map(|m| m.site)
        .fold(Router::new(), |r, site| r.merge(site()));
    let mut app = Router::new()
        .merge(api.with_state(state.clone()))
        .merge(site.with_state(state.clone()))
        .merge(crate::openapi::docs(openapi))
        .merge(crate::routes::health::router(state.clone()))
        .merge(crate::web::router())
        // Inside the error renderer and the security headers: a panic or a timeout answers in
        // the error shape like any other error.
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(60),
        ))
        .layer(CatchPanicLayer::new());
    for (name, value) in security {
        app = app.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ));
    }
    app.layer(axum::middleware::from_fn(crate::i18n::render_errors))
        .layer(axum::extract::DefaultBodyLimit::max(JSON_BODY_LIMIT))
        .layer(
            ServiceBuilder::new()
                .layer(axum::middleware::map_request(drop_unsafe_request_id))
                .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
                .layer(TraceLayer::new_for_http().make_span_with(|req: &axum::http::Request<_>| {
                    let id = req.headers().get(REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or_default();
                    tracing::info_span!("request", method = %req.method(), uri = %req.uri().path(), request_id = %id)
                }))
                .layer(PropagateRequestIdLayer::new(REQUEST_ID))
                .layer(CompressionLayer::new()),
        )
}

/// A request id from the client or a proxy is kept only when it is a short token of safe
/// characters: it is written to the logs and the audit table. Any other is replaced by a UUID.
async fn drop_unsafe_request_id(mut req: axum::extract::Request) -> axum::extract::Request {
    let ids = req.headers().get_all(REQUEST_ID).iter().collect::<Vec<_>>();
    let safe = matches!(ids.as_slice(), [id] if is_safe_request_id(id.as_bytes()));
    if !safe {
        req.headers_mut().remove(REQUEST_ID);
    }
    req
}

/// 1 to 64 of `[A-Za-z0-9._-]`.
fn is_safe_request_id(id: &[u8]) -> bool {
    (1..=64).contains(&id.len())
        && id
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// Connects, migrates and loads the reference data (first start), binds, and returns the bound
/// address and the server future.
pub async fn start(
    config: Config,
    modules: Modules,
) -> anyhow::Result<(
    SocketAddr,
    impl std::future::Future<Output = std::io::Result<()>> + Send,
)> {
    let db = longzhi_store::backend::connect(&config.database_url()).await?;
    crate::module::migrate(&db, &modules).await?;
    crate::module::seed_base(&db, &modules).await?;
    let listener = tokio::net::TcpListener::bind(config.bind).await?;
    let addr = listener.local_addr()?;
    let storage = storage(&config, &db);
    if config.jobs {
        crate::jobs::spawn(db.clone(), storage.clone(), modules.clone());
    }
    crate::jobs::spawn_worker(db.clone(), storage.clone(), modules.clone());
    let app = router(AppState {
        db,
        config: Arc::new(config),
        storage,
        modules,
    });
    let server = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal());
    Ok((addr, async move { server.await }))
}

/// Where the configuration keeps uploaded files.
pub fn storage(config: &Config, db: &DatabaseConnection) -> SharedStorage {
    match config.storage {
        Storage::Db => Arc::new(DbStorage(db.clone())),
        Storage::Fs => Arc::new(FsStorage(config.data_dir.join("files"))),
    }
}

/// Runs the server until Ctrl-C or SIGTERM.
pub async fn serve(config: Config, modules: Modules) -> anyhow::Result<()> {
    let (addr, server) = start(config, modules).await?;
    tracing::info!(%addr, "listening");
    println!("Longzhi is listening on http://{addr}/");
    server.await?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
