//! **The backend-specific module.** Everything that differs between SQLite and PostgreSQL lives
//! here and nowhere else: connection set-up (SQLite file, WAL, pragmas), write transactions
//! (SQLite `BEGIN IMMEDIATE`), and creating or dropping whole databases for tests.

use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait,
};

/// Opens the database at `url`: `sqlite://path` (the file is created on first start) or
/// `postgres://…`.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.sqlx_logging(false)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10))
        // A ping on every acquire doubles the round trips of a request; only connections idle
        // long enough to have been dropped by the server (or a restart) are checked.
        .test_before_acquire_if_idle_for(Duration::from_secs(30));
    if url.starts_with("sqlite:") {
        if let Some(dir) =
            sqlite_path(url).and_then(|p| std::path::Path::new(p).parent().map(|d| d.to_owned()))
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(&dir)
                .map_err(|e| DbErr::Custom(format!("{}: {e}", dir.display())))?;
        }
        // WAL lets readers run beside the one writer; writers queue on the busy timeout.
        opts.max_connections(8)
            .min_connections(1)
            .map_sqlx_sqlite_opts(|o| {
                o.create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(10))
            });
    } else {
        opts.max_connections(32).min_connections(2);
    }
    Database::connect(opts).await
}

fn sqlite_path(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (path != ":memory:" && !path.is_empty()).then_some(path)
}

/// Starts a transaction that will write. On SQLite it takes the write lock at `BEGIN`
/// (`IMMEDIATE`), so a transaction that reads first cannot fail later with `SQLITE_BUSY` when
/// another connection wrote in between; it waits on the busy timeout instead.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    let options = TransactionOptions {
        sqlite_transaction_mode: (db.get_database_backend() == DbBackend::Sqlite)
            .then_some(SqliteTransactionMode::Immediate),
        ..Default::default()
    };
    db.begin_with_options(options).await
}

/// Creates the PostgreSQL database `name` on the server at `server_url` (tests, `longzhi` set-up).
pub async fn create_postgres_database(server_url: &str, name: &str) -> Result<(), DbErr> {
    check_identifier(name)?;
    let admin = Database::connect(server_url).await?;
    admin
        .execute_raw(Statement::from_string(
            DbBackend::Postgres,
            format!("CREATE DATABASE \"{name}\""),
        ))
        .await?;
    admin.close().await
}

/// Creates the PostgreSQL database `name` as a copy of database `template` (which nobody may be
/// connected to): how the tests start each from one seeded database.
pub async fn copy_postgres_database(
    server_url: &str,
    name: &str,
    template: &str,
) -> Result<(), DbErr> {
    check_identifier(name)?;
    check_identifier(template)?;
    let admin = Database::connect(server_url).await?;
    admin
        .execute_raw(Statement::from_string(
            DbBackend::Postgres,
            format!("CREATE DATABASE \"{name}\" TEMPLATE \"{template}\""),
        ))
        .await?;
    admin.close().await
}

/// Closes a SQLite database so that its file holds everything (the WAL checkpointed into it)
/// and can be copied.
pub async fn close_sqlite_for_copy(db: DatabaseConnection) -> Result<(), DbErr> {
    db.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
        .await?;
    db.close().await
}

/// Drops the PostgreSQL database `name`, closing its other connections first.
pub async fn drop_postgres_database(server_url: &str, name: &str) -> Result<(), DbErr> {
    check_identifier(name)?;
    let admin = Database::connect(server_url).await?;
    admin
        .execute_raw(Statement::from_string(
            DbBackend::Postgres,
            format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"),
        ))
        .await?;
    admin.close().await
}

/// Database names are interpolated into DDL: allow only `[a-z0-9_]`.
fn check_identifier(name: &str) -> Result<(), DbErr> {
    if !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        Ok(())
    } else {
        Err(DbErr::Custom(format!("invalid database name {name:?}")))
    }
}

/// Replaces the database name in a PostgreSQL URL (`postgres://u@h:5432/x?o` → `…/name?o`).
pub fn postgres_url_with_database(server_url: &str, name: &str) -> String {
    let (base, query) = server_url
        .split_once('?')
        .map_or((server_url, None), |(b, q)| (b, Some(q)));
    let authority_end = base.find("://").map_or(0, |i| i + 3);
    let root = match base[authority_end..].find('/') {
        Some(i) => &base[..authority_end + i],
        None => base,
    };
    match query {
        Some(q) => format!("{root}/{name}?{q}"),
        None => format!("{root}/{name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_database_in_postgres_urls() {
        assert_eq!(
            postgres_url_with_database("postgres://postgres@127.0.0.1:5432/postgres", "t1"),
            "postgres://postgres@127.0.0.1:5432/t1"
        );
        assert_eq!(
            postgres_url_with_database("postgres://h/db?sslmode=disable", "t2"),
            "postgres://h/t2?sslmode=disable"
        );
        assert_eq!(
            postgres_url_with_database("postgres://h", "t3"),
            "postgres://h/t3"
        );
    }

    #[test]
    fn finds_the_sqlite_file() {
        assert_eq!(
            sqlite_path("sqlite://data/longzhi.db?mode=rwc"),
            Some("data/longzhi.db")
        );
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert!(check_identifier("lz_test_1").is_ok());
        assert!(check_identifier("x\"; drop").is_err());
    }
}
