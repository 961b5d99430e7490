//! The test harness: a real server on port 0 over a fresh database per test (a temporary
//! SQLite file, or a new PostgreSQL database when `LONGZHI_TEST_DATABASE_URL` names a server),
//! loaded with the demo data, and clients that sign in as any demo user in one line.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use longzhi_server::Config;
use reqwest::{Method, StatusCode};
use serde_json::Value;

pub const PASSWORD: &str = longzhi_store::seed::DEMO_PASSWORD;
/// The password of accounts made by [`TestApp::new_user`].
pub const CHANGED_PASSWORD: &str = "Changed@2023";

/// The database of one test, removed when the test ends.
enum TestDb {
    /// Deleted with the directory.
    Sqlite {
        _dir: tempfile::TempDir,
    },
    Postgres {
        server: String,
        name: String,
    },
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let TestDb::Postgres { server, name } = self {
            let (server, name) = (server.clone(), name.clone());
            // Drop runs outside any runtime guarantee: use a thread with its own.
            let _ = std::thread::spawn(move || {
                if let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    let _ = rt.block_on(longzhi_store::backend::drop_postgres_database(
                        &server, &name,
                    ));
                }
            })
            .join();
        }
    }
}

pub struct TestApp {
    pub addr: SocketAddr,
    server: tokio::task::JoinHandle<std::io::Result<()>>,
    pub db: longzhi_store::DatabaseConnection,
    pub database_url: String,
    pub http: reqwest::Client,
    _db: TestDb,
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn postgres_server() -> Option<String> {
    std::env::var("LONGZHI_TEST_DATABASE_URL")
        .ok()
        .filter(|v| !v.is_empty())
}

fn unique_name(what: &str) -> String {
    format!(
        "lz_{what}_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        chrono::Utc::now().timestamp_subsec_nanos()
    )
}

/// The migrated, demo-seeded database every test starts from: seeded once per test run (the
/// demo data take seconds), then copied for each test.
enum Template {
    /// The closed SQLite file (its directory lives as long as the process).
    Sqlite(PathBuf, #[allow(dead_code)] tempfile::TempDir),
    /// A PostgreSQL database nobody is connected to.
    Postgres(String),
}

static TEMPLATE: OnceLock<Template> = OnceLock::new();

fn template() -> &'static Template {
    // Built on a thread with its own runtime: each test has its own, and a connection pool must
    // not outlive the runtime it was made on.
    TEMPLATE.get_or_init(|| {
        std::thread::spawn(|| {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime")
                .block_on(build_template())
        })
        .join()
        .expect("the template database is built")
    })
}

async fn build_template() -> Template {
    let (url, template) = match postgres_server() {
        Some(server) => {
            drop_stale_templates(&server).await;
            let name = unique_name("template");
            longzhi_store::backend::create_postgres_database(&server, &name)
                .await
                .expect("create the template database");
            (
                longzhi_store::backend::postgres_url_with_database(&server, &name),
                Template::Postgres(name),
            )
        }
        None => {
            let dir = tempfile::tempdir().expect("temp dir");
            let file = dir.path().join("template.db");
            (
                format!("sqlite://{}?mode=rwc", file.display()),
                Template::Sqlite(file, dir),
            )
        }
    };
    let db = longzhi_store::backend::connect(&url)
        .await
        .expect("connect");
    longzhi_server::module::migrate(&db, &longzhi::modules())
        .await
        .expect("migrate");
    longzhi_server::module::seed_demo(&db, &longzhi::modules())
        .await
        .expect("demo seed");
    match template {
        Template::Sqlite(..) => longzhi_store::backend::close_sqlite_for_copy(db).await,
        Template::Postgres(_) => db.close().await,
    }
    .expect("close the template");
    template
}

/// The templates earlier test runs left (a process cannot drop its own at exit).
async fn drop_stale_templates(server: &str) {
    use sea_orm::{ConnectionTrait, Statement};
    let admin = sea_orm::Database::connect(server).await.expect("connect");
    let rows = admin
        .query_all_raw(Statement::from_string(
            sea_orm::DbBackend::Postgres,
            "SELECT datname FROM pg_database WHERE datname LIKE 'lz_template_%'",
        ))
        .await
        .expect("list templates");
    for row in rows {
        let name: String = row.try_get("", "datname").expect("datname");
        let _ = longzhi_store::backend::drop_postgres_database(server, &name).await;
    }
}

/// A copy of the template database: its URL and the guard that removes it.
async fn seeded_database() -> (String, TestDb) {
    match (template(), postgres_server()) {
        (Template::Postgres(template), Some(server)) => {
            let name = unique_name("test");
            longzhi_store::backend::copy_postgres_database(&server, &name, template)
                .await
                .expect("copy the template database");
            let url = longzhi_store::backend::postgres_url_with_database(&server, &name);
            (url, TestDb::Postgres { server, name })
        }
        (Template::Sqlite(file, _), _) => {
            let dir = tempfile::tempdir().expect("temp dir");
            let copy = dir.path().join("test.db");
            std::fs::copy(file, &copy).expect("copy the template database");
            let url = format!("sqlite://{}?mode=rwc", copy.display());
            (url, TestDb::Sqlite { _dir: dir })
        }
        (Template::Postgres(_), None) => unreachable!("the template follows the environment"),
    }
}

impl TestApp {
    /// A server with the reference and demo data.
    pub async fn spawn() -> TestApp {
        Self::spawn_with(|_| {}).await
    }

    pub async fn spawn_with(configure: impl FnOnce(&mut Config)) -> TestApp {
        let (url, guard) = seeded_database().await;
        let db = longzhi_store::backend::connect(&url)
            .await
            .expect("connect");
        Self::start(url, db, guard, configure).await
    }

    async fn start(
        url: String,
        db: longzhi_store::DatabaseConnection,
        guard: TestDb,
        configure: impl FnOnce(&mut Config),
    ) -> TestApp {
        let mut config = Config {
            database_url: Some(url.clone()),
            bind: "127.0.0.1:0".parse().unwrap(),
            jobs: false,
            ..Config::default()
        };
        configure(&mut config);
        let (addr, server) = longzhi_server::start(config, longzhi::modules())
            .await
            .expect("server starts");
        let server = tokio::spawn(server);
        TestApp {
            addr,
            server,
            db,
            database_url: url,
            http: reqwest::Client::new(),
            _db: guard,
        }
    }

    /// Stops the server and starts a new one over the same database (on another port).
    pub async fn restart(&mut self) {
        self.server.abort();
        let _ = (&mut self.server).await;
        let config = Config {
            database_url: Some(self.database_url.clone()),
            bind: "127.0.0.1:0".parse().unwrap(),
            jobs: false,
            ..Config::default()
        };
        let (addr, server) = longzhi_server::start(config, longzhi::modules())
            .await
            .expect("server restarts");
        self.server = tokio::spawn(server);
        self.addr = addr;
    }

    /// A second server over the same database (what scale-out does).
    pub async fn second_server(&self) -> SocketAddr {
        let config = Config {
            database_url: Some(self.database_url.clone()),
            bind: "127.0.0.1:0".parse().unwrap(),
            jobs: false,
            ..Config::default()
        };
        let (addr, server) = longzhi_server::start(config, longzhi::modules())
            .await
            .expect("second server starts");
        tokio::spawn(server);
        addr
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Signs in, expecting success.
    pub async fn login(&self, username: &str) -> Client {
        self.login_with(username, PASSWORD)
            .await
            .unwrap_or_else(|(s, b)| panic!("login {username}: {s} {b}"))
    }

    pub async fn login_with(
        &self,
        username: &str,
        password: &str,
    ) -> Result<Client, (StatusCode, Value)> {
        let res = self
            .http
            .post(self.url("/api/v1/auth/login"))
            .json(&serde_json::json!({"username": username, "password": password}))
            .send()
            .await
            .expect("request");
        let status = res.status();
        let cookie = res
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let body: Value = res.json().await.unwrap_or(Value::Null);
        if status != StatusCode::OK {
            return Err((status, body));
        }
        Ok(Client {
            base: format!("http://{}", self.addr),
            token: body["token"].as_str().unwrap().to_owned(),
            csrf: body["csrf_token"].as_str().unwrap().to_owned(),
            cookie,
            user: body["user"].clone(),
            http: self.http.clone(),
        })
    }

    /// A sign-in attempt from client address `ip` (seen only by a server that trusts the proxy
    /// header): its status and error code.
    pub async fn attempt_from(
        &self,
        ip: &str,
        username: &str,
        password: &str,
    ) -> (StatusCode, String) {
        let (status, body) = read(
            self.http
                .post(self.url("/api/v1/auth/login"))
                .header("x-forwarded-for", ip)
                .json(&serde_json::json!({"username": username, "password": password}))
                .send()
                .await
                .expect("request"),
        )
        .await;
        (status, body["code"].as_str().unwrap_or_default().to_owned())
    }

    /// A new account made by `admin` in organisation `org_code` with the roles of `role_ids`,
    /// signed in with its initial password changed to [`CHANGED_PASSWORD`].
    pub async fn new_user(
        &self,
        admin: &Client,
        username: &str,
        org_code: &str,
        role_ids: &[i64],
    ) -> Client {
        let body = serde_json::json!({"username": username, "display_name": username, "password": "Initial@2023",
            "org_id": self.org_id(org_code).await, "role_ids": role_ids});
        let (s, b) = admin.post("/api/v1/system/users", body).await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
        let first = self
            .login_with(username, "Initial@2023")
            .await
            .expect("initial sign-in");
        let (s, b) = first
            .post(
                "/api/v1/auth/password",
                serde_json::json!({"old_password": "Initial@2023", "new_password": CHANGED_PASSWORD}),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT, "{b}");
        first
    }

    /// The id of the organisation with `code`.
    pub async fn org_id(&self, code: &str) -> i64 {
        longzhi_store::repo::orgs::by_code(&self.db, code)
            .await
            .expect("org")
            .id
    }

    pub async fn role_id(&self, code: &str) -> i64 {
        longzhi_store::repo::roles::by_code(&self.db, code)
            .await
            .expect("role")
            .id
    }
}

pub async fn read(res: reqwest::Response) -> (StatusCode, Value) {
    let status = res.status();
    let body = res.json().await.unwrap_or(Value::Null);
    (status, body)
}

/// A signed-in API client (bearer token).
#[derive(Clone)]
pub struct Client {
    pub base: String,
    pub token: String,
    pub csrf: String,
    /// The `Set-Cookie` header of the sign-in.
    pub cookie: String,
    pub user: Value,
    pub http: reqwest::Client,
}

impl Client {
    pub fn id(&self) -> i64 {
        self.user["id"].as_i64().unwrap()
    }

    pub fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token)
    }

    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = self.request(method, path);
        if let Some(b) = body {
            req = req.json(&b);
        }
        read(req.send().await.expect("request")).await
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.send(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(Method::POST, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(Method::PUT, path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> (StatusCode, Value) {
        self.send(Method::DELETE, path, None).await
    }

    /// GET that must succeed.
    pub async fn ok(&self, path: &str) -> Value {
        let (s, b) = self.get(path).await;
        assert_eq!(s, StatusCode::OK, "GET {path}: {b}");
        b
    }

    /// A GET of a file in language `lang`: status, bytes and `Content-Disposition`.
    pub async fn download(&self, path: &str, lang: &str) -> (StatusCode, Vec<u8>, String) {
        let res = self
            .request(Method::GET, path)
            .header(reqwest::header::ACCEPT_LANGUAGE, lang)
            .send()
            .await
            .expect("request");
        let status = res.status();
        let disposition = res
            .headers()
            .get(reqwest::header::CONTENT_DISPOSITION)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        (status, res.bytes().await.unwrap().to_vec(), disposition)
    }

    /// A multipart upload of `bytes` as field `file` named `name`.
    pub async fn upload(&self, path: &str, name: &str, bytes: Vec<u8>) -> (StatusCode, Value) {
        let form = reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
        );
        read(
            self.request(Method::POST, path)
                .multipart(form)
                .send()
                .await
                .expect("request"),
        )
        .await
    }

    /// The ids of a list page.
    pub async fn ids(&self, path: &str) -> Vec<i64> {
        self.ok(path).await["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_i64().unwrap())
            .collect()
    }
}

/// Asserts a refusal with status and error code.
#[track_caller]
pub fn assert_error(res: &(StatusCode, Value), status: StatusCode, code: &str) {
    assert_eq!(res.0, status, "{}", res.1);
    assert_eq!(res.1["code"], code, "{}", res.1);
    assert!(
        res.1["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{}",
        res.1
    );
    assert!(
        res.1["request_id"].as_str().is_some_and(|m| !m.is_empty()),
        "{}",
        res.1
    );
}

/// Asserts a validation error that names `field` with `rule`.
#[track_caller]
pub fn assert_field(res: &(StatusCode, Value), field: &str, rule: &str) {
    assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "validation.field");
    let found = res.1["fields"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["field"] == field && f["rule"] == rule);
    assert!(found, "no {field}/{rule} in {}", res.1);
}

/// Runs a statement on the test's database directly (to set up what the API would refuse).
pub async fn sql(app: &TestApp, statement: &str) {
    use sea_orm::ConnectionTrait;
    app.db
        .execute_unprepared(statement)
        .await
        .unwrap_or_else(|e| panic!("{statement}: {e}"));
}
