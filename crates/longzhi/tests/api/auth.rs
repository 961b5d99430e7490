use reqwest::{Method, StatusCode, header};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use crate::helpers::{PASSWORD, TestApp, assert_error, assert_field, read};
use longzhi_store::entity::{login_log, login_throttle, session, user};

#[tokio::test]
async fn login_me_and_logout() {
    let app = TestApp::spawn().await;
    let c = app.login("tianshui").await;
    assert!(
        c.cookie.contains("lz_session=")
            && c.cookie.contains("HttpOnly")
            && c.cookie.contains("SameSite=Strict")
    );
    let me = c.ok("/api/v1/auth/me").await;
    assert_eq!(me["user"]["username"], "tianshui");
    assert_eq!(me["user"]["region_code"], "620500");
    assert_eq!(me["data_scope"], "region");
    assert!(
        me["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "system:user:*")
    );
    let (s, _) = c.post("/api/v1/auth/logout", json!({})).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_error(
        &c.get("/api/v1/auth/me").await,
        StatusCode::UNAUTHORIZED,
        "auth.unauthenticated",
    );
    let log = login_log::Entity::find()
        .filter(login_log::Column::Username.eq("tianshui"))
        .all(&app.db)
        .await
        .unwrap();
    let reasons: Vec<&str> = log.iter().map(|l| l.reason.as_str()).collect();
    assert_eq!(reasons, ["ok", "logout"]);
}

#[tokio::test]
async fn wrong_password_and_unknown_user_look_the_same() {
    let app = TestApp::spawn().await;
    let wrong = app
        .login_with("tianshui", "Wrong@Password1")
        .await
        .err()
        .unwrap();
    let unknown = app.login_with("nobody", PASSWORD).await.err().unwrap();
    assert_eq!(wrong.0, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.1["code"], "auth.invalid_credentials");
    assert_eq!(unknown.1["code"], wrong.1["code"]);
    assert_eq!(unknown.1["message"], wrong.1["message"]);
    let failures = login_log::Entity::find()
        .filter(login_log::Column::Success.eq(false))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(failures.len(), 2);
}

#[tokio::test]
async fn five_failures_lock_the_account_for_fifteen_minutes() {
    let app = TestApp::spawn().await;
    for _ in 0..4 {
        assert_eq!(
            app.login_with("lanzhou", "Wrong@Password1")
                .await
                .err()
                .unwrap()
                .1["code"],
            "auth.invalid_credentials"
        );
    }
    let fifth = app
        .login_with("lanzhou", "Wrong@Password1")
        .await
        .err()
        .unwrap();
    assert_eq!(
        (fifth.0, fifth.1["code"].as_str()),
        (StatusCode::LOCKED, Some("auth.locked"))
    );
    // Locked: even the right password is refused.
    let right = app.login_with("lanzhou", PASSWORD).await.err().unwrap();
    assert_eq!(right.1["code"], "auth.locked");
    let u = user::Entity::find()
        .filter(user::Column::Username.eq("lanzhou"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let minutes = (u.locked_until.unwrap() - chrono::Utc::now()).num_minutes();
    assert!((14..=15).contains(&minutes), "{minutes}");
    // Once the lock has run out, the right password works again.
    expire_lock(&app, "user:lanzhou").await;
    app.login("lanzhou").await;
}

/// Ends the lock of a throttle key as if its time had passed.
async fn expire_lock(app: &TestApp, key: &str) {
    let res = login_throttle::Entity::update_many()
        .col_expr(
            login_throttle::Column::LockedUntil,
            Expr::value(chrono::Utc::now() - chrono::Duration::seconds(1)),
        )
        .filter(login_throttle::Column::Key.eq(key))
        .exec(&app.db)
        .await
        .unwrap();
    assert_eq!(res.rows_affected, 1, "{key}");
}

#[tokio::test]
async fn concurrent_guesses_are_counted_one_by_one() {
    // 200 wrong passwords for one account, 50 at a time: only the first max − 1 are even
    // answered "wrong"; every later one, and then the right password, meets the lock.
    let app = TestApp::spawn_with(|c| c.trust_proxy = true).await;
    let mut answers = Vec::new();
    for batch in 0..4 {
        let mut set = tokio::task::JoinSet::new();
        for i in 0..50 {
            let (http, url) = (app.http.clone(), app.url("/api/v1/auth/login"));
            // From many addresses, so that only the account's count can stop them.
            let ip = format!("198.51.100.{}", batch * 50 + i);
            set.spawn(async move {
                http.post(url)
                    .header("x-forwarded-for", ip)
                    .json(&json!({"username": "lanzhou", "password": "Wrong@Password1"}))
                    .send()
                    .await
                    .unwrap()
                    .status()
            });
        }
        answers.extend(set.join_all().await);
    }
    let wrong = answers
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    let locked = answers.iter().filter(|s| **s == StatusCode::LOCKED).count();
    assert_eq!((wrong, locked), (4, 196), "{answers:?}");
    assert_eq!(
        app.attempt_from("192.0.2.1", "lanzhou", PASSWORD).await,
        (StatusCode::LOCKED, "auth.locked".to_owned())
    );
}

#[tokio::test]
async fn an_unknown_name_locks_like_a_known_one() {
    // The lock-out must not tell which user names exist.
    let app = TestApp::spawn().await;
    let mut seen = Vec::new();
    for name in ["lanzhou", "no_such_user"] {
        let mut codes = Vec::new();
        for _ in 0..6 {
            let (status, body) = app.login_with(name, "Wrong@Password1").await.err().unwrap();
            codes.push((status, body["code"].as_str().unwrap().to_owned()));
        }
        seen.push(codes);
    }
    assert_eq!(seen[0], seen[1]);
    assert_eq!(seen[0][4].0, StatusCode::LOCKED);
}

#[tokio::test]
async fn repeated_locks_grow_longer() {
    let app = TestApp::spawn().await;
    let lock_minutes = || async {
        let u = user::Entity::find()
            .filter(user::Column::Username.eq("tianshui"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        (u.locked_until.unwrap() - chrono::Utc::now()).num_minutes()
    };
    for _ in 0..5 {
        let _ = app.login_with("tianshui", "Wrong@Password1").await;
    }
    assert!((14..=15).contains(&lock_minutes().await));
    expire_lock(&app, "user:tianshui").await;
    for _ in 0..5 {
        let _ = app.login_with("tianshui", "Wrong@Password1").await;
    }
    assert!((29..=30).contains(&lock_minutes().await));
    // A reset by an administrator lifts the lock and forgets the count.
    let admin = app.login("admin").await;
    let id = user::Entity::find()
        .filter(user::Column::Username.eq("tianshui"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let (s, b) = admin
        .post(
            &format!("/api/v1/system/users/{id}/reset-password"),
            json!({"password": "Reset@Pass2023"}),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT, "{b}");
    app.login_with("tianshui", "Reset@Pass2023").await.unwrap();
}

#[tokio::test]
async fn an_address_with_many_failures_is_throttled() {
    let app = TestApp::spawn_with(|c| c.trust_proxy = true).await;
    let attacker = "203.0.113.7";
    // One guess each at 30 names (no account reaches its own limit): the 30th trips the address.
    for i in 1..30 {
        let name = format!("guess{i}");
        assert_eq!(
            app.attempt_from(attacker, &name, "Wrong@Password1").await.0,
            StatusCode::UNAUTHORIZED
        );
    }
    let last = app
        .attempt_from(attacker, "guess30", "Wrong@Password1")
        .await;
    assert_eq!(
        last,
        (
            StatusCode::TOO_MANY_REQUESTS,
            "auth.too_many_attempts".to_owned()
        )
    );
    // Even a right password is refused from that address, and nothing is hashed for it …
    assert_eq!(
        app.attempt_from(attacker, "lanzhou", PASSWORD).await.0,
        StatusCode::TOO_MANY_REQUESTS
    );
    // … while other addresses sign in as usual.
    assert_eq!(
        app.attempt_from("192.0.2.10", "lanzhou", PASSWORD).await.0,
        StatusCode::OK
    );
    let logged = login_log::Entity::find()
        .filter(login_log::Column::Reason.eq("throttled"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(logged.len(), 2);
}

#[tokio::test]
async fn an_initial_password_must_be_changed_first() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let org = app.org_id("620500-bureau").await;
    let (s, _) = admin
        .post("/api/v1/system/users", json!({"username":"ts_new","display_name":"新用户","password":"Initial@2023","org_id":org,"role_ids":[app.role_id("city_staff").await]}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let u = app.login_with("ts_new", "Initial@2023").await.unwrap();
    assert_error(
        &u.get("/api/v1/system/orgs").await,
        StatusCode::FORBIDDEN,
        "auth.password_change_required",
    );
    assert_eq!(u.ok("/api/v1/auth/me").await["must_change_password"], true);
    // The policy names the field and the rule.
    let weak = u
        .post(
            "/api/v1/auth/password",
            json!({"old_password":"Initial@2023","new_password":"short"}),
        )
        .await;
    assert_field(&weak, "new_password", "password_policy");
    let same = u
        .post(
            "/api/v1/auth/password",
            json!({"old_password":"Initial@2023","new_password":"Initial@2023"}),
        )
        .await;
    assert_field(&same, "new_password", "unique");
    let wrong_old = u
        .post(
            "/api/v1/auth/password",
            json!({"old_password":"Nope@2023xx","new_password":"Changed@2023"}),
        )
        .await;
    assert_field(&wrong_old, "old_password", "exists");
    let (s, _) = u
        .post(
            "/api/v1/auth/password",
            json!({"old_password":"Initial@2023","new_password":"Changed@2023"}),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(u.get("/api/v1/system/orgs").await.0, StatusCode::OK);
    assert!(app.login_with("ts_new", "Initial@2023").await.is_err());
    app.login_with("ts_new", "Changed@2023").await.unwrap();
}

#[tokio::test]
async fn a_session_survives_a_restart_and_works_on_a_second_server() {
    let mut app = TestApp::spawn().await;
    let c = app.login("province").await;
    let second = app.second_server().await;
    let other = reqwest::Client::new()
        .get(format!("http://{second}/api/v1/auth/me"))
        .bearer_auth(&c.token)
        .send()
        .await
        .unwrap();
    assert_eq!(read(other).await.1["user"]["username"], "province");
    app.restart().await;
    let mut again = c.clone();
    again.base = app.url("");
    assert_eq!(
        again.ok("/api/v1/auth/me").await["user"]["username"],
        "province"
    );
}

#[tokio::test]
async fn idle_and_absolute_expiry() {
    let app = TestApp::spawn().await;
    let idle = app.login("province").await;
    let absolute = app.login("province").await;
    let sid = |t: &str| longzhi_store::repo::auth::session_id(t);
    session::Entity::update_many()
        .col_expr(
            session::Column::LastSeenAt,
            Expr::value(chrono::Utc::now() - chrono::Duration::minutes(31)),
        )
        .filter(session::Column::Id.eq(sid(&idle.token)))
        .exec(&app.db)
        .await
        .unwrap();
    session::Entity::update_many()
        .col_expr(
            session::Column::ExpiresAt,
            Expr::value(chrono::Utc::now() - chrono::Duration::seconds(1)),
        )
        .filter(session::Column::Id.eq(sid(&absolute.token)))
        .exec(&app.db)
        .await
        .unwrap();
    assert_error(
        &idle.get("/api/v1/auth/me").await,
        StatusCode::UNAUTHORIZED,
        "auth.session_expired",
    );
    assert_error(
        &absolute.get("/api/v1/auth/me").await,
        StatusCode::UNAUTHORIZED,
        "auth.session_expired",
    );
}

#[tokio::test]
async fn users_list_and_revoke_their_own_sessions_only() {
    let app = TestApp::spawn().await;
    let a1 = app.login("province").await;
    let a2 = app.login("province").await;
    let other = app.login("tianshui").await;
    let mine = a1.ok("/api/v1/auth/sessions").await;
    let mine = mine.as_array().unwrap();
    assert_eq!(mine.len(), 2);
    assert_eq!(mine.iter().filter(|s| s["current"] == true).count(), 1);
    let a2_id = longzhi_store::repo::auth::session_id(&a2.token);
    // Someone else's session is not theirs to end.
    assert_eq!(
        other
            .delete(&format!("/api/v1/auth/sessions/{a2_id}"))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(a2.get("/api/v1/auth/me").await.0, StatusCode::OK);
    assert_eq!(
        a1.delete(&format!("/api/v1/auth/sessions/{a2_id}")).await.0,
        StatusCode::NO_CONTENT
    );
    assert_error(
        &a2.get("/api/v1/auth/me").await,
        StatusCode::UNAUTHORIZED,
        "auth.unauthenticated",
    );
}

#[tokio::test]
async fn admins_force_a_logout_within_their_scope() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let lanzhou = app.login("lanzhou").await;
    let tianshui = app.login("tianshui").await;
    let ts_session = longzhi_store::repo::auth::session_id(&tianshui.token);
    // The 兰州 administrator neither sees nor ends a 天水 session.
    let listed = lanzhou.ok("/api/v1/system/sessions?page_size=500").await;
    assert!(
        listed["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["username"] != "tianshui")
    );
    assert_eq!(
        lanzhou
            .delete(&format!("/api/v1/system/sessions/{ts_session}"))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(tianshui.get("/api/v1/auth/me").await.0, StatusCode::OK);
    // The province administrator does.
    let listed = admin.ok("/api/v1/system/sessions?page_size=500").await;
    assert!(
        listed["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["username"] == "tianshui")
    );
    assert_eq!(
        admin
            .delete(&format!("/api/v1/system/sessions/{ts_session}"))
            .await
            .0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        tianshui.get("/api/v1/auth/me").await.0,
        StatusCode::UNAUTHORIZED
    );
    // An enterprise user may not list sessions at all.
    let ent = app.login("enterprise").await;
    assert_error(
        &ent.get("/api/v1/system/sessions").await,
        StatusCode::FORBIDDEN,
        "auth.forbidden",
    );
}

#[tokio::test]
async fn cookie_writes_need_the_csrf_token() {
    let app = TestApp::spawn().await;
    let c = app.login("province").await;
    let cookie = c.cookie.split(';').next().unwrap().to_owned();
    let http = reqwest::Client::new();
    // Reads with the cookie alone work.
    let me = http
        .get(app.url("/api/v1/auth/me"))
        .header(header::COOKIE, &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), StatusCode::OK);
    // A write without the token (what a forged cross-site form would send) is refused …
    let forged = http
        .request(Method::POST, app.url("/api/v1/auth/logout"))
        .header(header::COOKIE, &cookie)
        .send()
        .await
        .unwrap();
    assert_error(&read(forged).await, StatusCode::FORBIDDEN, "auth.csrf");
    let wrong = http
        .post(app.url("/api/v1/auth/logout"))
        .header(header::COOKIE, &cookie)
        .header("x-csrf-token", "not-the-token")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::FORBIDDEN);
    // … and the session is still alive; with the token the write goes through.
    assert_eq!(c.get("/api/v1/auth/me").await.0, StatusCode::OK);
    let ok = http
        .post(app.url("/api/v1/auth/logout"))
        .header(header::COOKIE, &cookie)
        .header("x-csrf-token", &c.csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn a_disabled_account_cannot_sign_in_and_loses_its_sessions() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let ent = app.login("enterprise").await;
    let id = ent.id();
    let version = admin.ok(&format!("/api/v1/system/users/{id}")).await["version"]
        .as_i64()
        .unwrap();
    let (s, b) = admin
        .put(
            &format!("/api/v1/system/users/{id}/status"),
            json!({"status":"disabled","version":version}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(ent.get("/api/v1/auth/me").await.0, StatusCode::UNAUTHORIZED);
    let refused = app.login_with("enterprise", PASSWORD).await.err().unwrap();
    assert_error(&refused, StatusCode::FORBIDDEN, "auth.disabled");
}

#[tokio::test]
async fn messages_follow_accept_language() {
    let app = TestApp::spawn().await;
    let zh = app
        .http
        .get(app.url("/api/v1/auth/me"))
        .send()
        .await
        .unwrap();
    let en = app
        .http
        .get(app.url("/api/v1/auth/me"))
        .header(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9")
        .send()
        .await
        .unwrap();
    let (zh, en) = (read(zh).await.1, read(en).await.1);
    assert_eq!(zh["code"], en["code"]);
    assert_eq!(zh["message"], "请先登录");
    assert_eq!(en["message"], "Please sign in");
}
