//! `longzhi audit verify`: exit code 0 and the count on an intact chain, 3 and the first broken
//! link when an entry was changed or an anchor no longer matches, 2 for a malformed anchor (usage),
//! 1 when the database cannot be checked.

// Test code: a failed step is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::Command;

use sea_orm::ConnectionTrait;

fn longzhi(dir: &PathBuf, url: &str, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_longzhi"))
        .args(args)
        .current_dir(dir)
        .env("DATABASE_URL", url)
        .env_remove("LONGZHI_CONFIG")
        .env("LONGZHI_LOG", "warn")
        .output()
        .expect("longzhi runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn audit_verify_exit_codes() {
    let dir = std::env::temp_dir().join(format!("longzhi-audit-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.join("t.db").display());

    let (code, _, err) = longzhi(&dir, &url, &["seed"]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = longzhi(&dir, &url, &["audit", "verify"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("audit chain verified: "), "{out}");
    let entries: u64 = out["audit chain verified: ".len()..]
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(entries > 100, "the reference data is audited: {out}");
    // The head, as `ID:HASH`, is an anchor for later runs.
    let head = out.trim_end().rsplit(' ').next().unwrap().to_owned();
    let (code, _, err) = longzhi(&dir, &url, &["audit", "verify", "--anchor", &head]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = longzhi(&dir, &url, &["audit", "verify", "--anchor", "7:beef"]);
    assert_eq!(code, 2, "clap refuses a malformed anchor: {err}");
    assert!(err.contains("ID:HASH"), "{err}");
    let forged = format!("7:{}", "0".repeat(64));
    let (code, _, err) = longzhi(&dir, &url, &["audit", "verify", "--anchor", &forged]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("entry 7 was rewritten"), "{err}");

    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let db = longzhi_store::backend::connect(&url).await.unwrap();
        db.execute_unprepared("UPDATE audit_logs SET action = 'nothing' WHERE id = 7")
            .await
            .unwrap();
        db.close().await.unwrap();
    });
    let (code, out, err) = longzhi(&dir, &url, &["audit", "verify"]);
    assert_eq!(code, 3, "{out}{err}");
    assert!(
        err.contains("audit chain broken at entry 7: entry 7 was altered"),
        "{err}"
    );

    // A database that cannot be read is an error, not a verdict.
    let (code, _, err) = longzhi(
        &dir,
        &format!("sqlite://{}?mode=ro", dir.join("absent.db").display()),
        &["audit", "verify"],
    );
    assert_eq!(code, 1, "{err}");
    std::fs::remove_dir_all(&dir).ok();
}
