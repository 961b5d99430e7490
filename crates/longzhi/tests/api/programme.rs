//! Programmes: a whole award round (application, the city's recommendation, eligibility, panels
//! without conflicts, anonymous review, the engine's statistics equal to `longzhi engine review`
//! on the exported scores, consensus and site visit, the shortlist under notice with an
//! objection, the decision and a certificate verified on the public page); a brand
//! certification through its first yearly surveillance to remediation and revocation; the
//! refusals; the demo's programmes.

use chrono::Duration;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Client, TestApp, assert_error, assert_field, read, sql};

fn today() -> chrono::NaiveDate {
    longzhi_store::today()
}

/// A round of `kind` opened by the province, with `k` reviewers per application.
async fn open_round(province: &Client, kind: &str, k: i64, extra: Value) -> Value {
    let t = province
        .ok(&format!("/api/v1/programme/templates/{kind}"))
        .await;
    let mut body = json!({
        "kind": kind, "name": format!("测试{kind}批次"), "year": 2026,
        "winners_quota": 1, "nominations_quota": if kind == "award" { 1 } else { 0 },
        "apply_from": today() - Duration::days(1), "apply_until": today() + Duration::days(10),
        "notice_days": 5, "anonymous": t["anonymous"], "reviewers_per_application": k,
        "same_region_conflict": true, "term_years": t["term_years"],
        "surveillance_years": t["surveillance_years"],
    });
    body.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    let (s, r) = province.post("/api/v1/programme/rounds", body).await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    let (s, r) = province
        .post(
            &format!("/api/v1/programme/rounds/{}/open", r["id"]),
            json!({"version": r["version"]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    r
}

/// Every leaf of the round at `share` of its points (a multiple of 5 %, valid on every scale).
fn leaves(round: &Value, share: f64, comment: &str) -> Vec<Value> {
    round["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["leaf"] == true)
        .map(|c| json!({"criterion": c["code"], "score": c["max"].as_f64().unwrap() * share, "comment": comment, "note": ""}))
        .collect()
}

/// A submitted application of `who`'s organisation.
async fn apply(who: &Client, round: &Value, industry: &str, share: f64) -> Value {
    let (s, a) = who
        .post(
            "/api/v1/programme/applications",
            json!({"round_id": round["id"], "industry": industry, "product": "测试产品",
                   "summary": "卓越绩效管理成效显著", "contact": "0931-1234567",
                   "self_assessment": leaves(round, share, "")}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{a}");
    let (s, a) = who
        .post(
            &format!("/api/v1/programme/applications/{}/submit", a["id"]),
            json!({"version": a["version"]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{a}");
    assert_eq!(a["status"], "submitted");
    a
}

async fn step(who: &Client, path: &str, body: Value) -> Value {
    let (s, v) = who.post(path, body).await;
    assert_eq!(s, StatusCode::OK, "{path}: {v}");
    v
}

async fn round_now(province: &Client, id: &Value) -> Value {
    province.ok(&format!("/api/v1/programme/rounds/{id}")).await
}

/// The province finds application `a` eligible.
async fn eligible(province: &Client, round: &Value, a: &Value) -> Value {
    let a = province
        .ok(&format!("/api/v1/programme/applications/{}", a["id"]))
        .await;
    let items: Vec<Value> = round["eligibility"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| json!({"code": i["code"], "passed": true}))
        .collect();
    step(
        province,
        &format!("/api/v1/programme/applications/{}/check", a["id"]),
        json!({"items": items, "version": a["version"]}),
    )
    .await
}

/// The signed-in clients of the experts on application `id`'s panel.
async fn panel(app: &TestApp, province: &Client, id: &Value) -> Vec<Client> {
    let a = province
        .ok(&format!("/api/v1/programme/applications/{id}"))
        .await;
    let pool = province.ok("/api/v1/programme/experts?page_size=100").await;
    let mut out = Vec::new();
    for r in a["reviewers"].as_array().unwrap() {
        let e = pool["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == r["expert_id"])
            .unwrap();
        out.push(app.login(e["username"].as_str().unwrap()).await);
    }
    out
}

/// `longzhi engine review` on files: its JSON.
fn command(scores: &[u8], rubric: &[u8], stage: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let (s, r) = (
        dir.path().join("scores.csv"),
        dir.path().join("rubric.toml"),
    );
    std::fs::write(&s, scores).unwrap();
    std::fs::write(&r, rubric).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_longzhi"))
        .args(["engine", "review", "--scores"])
        .arg(&s)
        .arg("--rubric")
        .arg(&r)
        .args(["--stage", stage])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn approx(v: &Value, x: f64) -> bool {
    v.as_f64().is_some_and(|v| (v - x).abs() < 1e-6)
}

async fn public(app: &TestApp, path: &str) -> (StatusCode, Value) {
    read(app.http.get(app.url(path)).send().await.unwrap()).await
}

#[tokio::test]
async fn an_award_round_from_application_to_a_verified_certificate() {
    let app = TestApp::spawn().await;
    let province = app.login("province").await;
    let lanzhou = app.login("lanzhou").await;
    let tianshui = app.login("tianshui").await;
    let enterprise = app.login("enterprise").await;
    let admin = app.login("admin").await;
    let role = app.role_id("enterprise").await;
    let ts_ent = app
        .new_user(&admin, "ts_quality", "demo-ent-ts1", &[role])
        .await;

    let round = open_round(&province, "award", 2, json!({})).await;
    assert_eq!(round["total_max"], 1000.0);
    assert_eq!(round["anonymous"], true);

    // The form names the rule broken; a submission needs every leaf self-assessed.
    let (s, a) = enterprise
        .post("/api/v1/programme/applications", json!({"round_id": round["id"], "industry": "装备制造",
            "summary": "x", "contact": "y", "self_assessment": [{"criterion": "4.1", "score": 10}]}))
        .await;
    assert_field(&(s, a), "self_assessment[0].score", "range");
    let (s, partial) = enterprise
        .post("/api/v1/programme/applications", json!({"round_id": round["id"], "industry": "装备制造",
            "summary": "x", "contact": "y", "self_assessment": [{"criterion": "4.1.2", "score": 25}]}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{partial}");
    let res = enterprise
        .post(
            &format!("/api/v1/programme/applications/{}/submit", partial["id"]),
            json!({"version": partial["version"]}),
        )
        .await;
    assert_field(&res, "self_assessment", "required");
    let dup = enterprise
        .post(
            "/api/v1/programme/applications",
            json!({"round_id": round["id"], "industry": "装备制造",
            "summary": "x", "contact": "y"}),
        )
        .await;
    assert_error(&dup, StatusCode::CONFLICT, "programme.duplicate");
    // A city government cannot apply for the enterprise award.
    let wrong = lanzhou
        .post(
            "/api/v1/programme/applications",
            json!({"round_id": round["id"], "industry": "装备制造",
            "summary": "x", "contact": "y"}),
        )
        .await;
    assert_error(&wrong, StatusCode::CONFLICT, "programme.wrong_applicant");
    let full = json!({"round_id": round["id"], "industry": "装备制造", "product": "数控机床",
        "summary": "卓越绩效", "contact": "0931", "self_assessment": leaves(&round, 0.6, ""),
        "version": partial["version"]});
    let (s, a1) = enterprise
        .put(
            &format!("/api/v1/programme/applications/{}", partial["id"]),
            full,
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{a1}");
    assert!(approx(&a1["self_total"], 600.0), "{a1}");
    let a1 = step(
        &enterprise,
        &format!("/api/v1/programme/applications/{}/submit", a1["id"]),
        json!({"version": a1["version"]}),
    )
    .await;
    let a2 = apply(&ts_ent, &round, "电工电器", 0.5).await;

    // Each city recommends its own enterprises only: another city's is not found.
    let res = tianshui
        .post(
            &format!("/api/v1/programme/applications/{}/recommend", a1["id"]),
            json!({"decision": "recommend", "version": a1["version"]}),
        )
        .await;
    assert_error(&res, StatusCode::NOT_FOUND, "not_found");
    assert!(
        tianshui
            .ids("/api/v1/programme/applications")
            .await
            .iter()
            .all(|id| *id != a1["id"].as_i64().unwrap())
    );
    let res = lanzhou
        .post(
            &format!("/api/v1/programme/applications/{}/recommend", a1["id"]),
            json!({"decision": "return", "version": a1["version"]}),
        )
        .await;
    assert_field(&res, "note", "required");
    step(
        &lanzhou,
        &format!("/api/v1/programme/applications/{}/recommend", a1["id"]),
        json!({"decision": "recommend", "note": "同意", "version": a1["version"]}),
    )
    .await;
    step(
        &tianshui,
        &format!("/api/v1/programme/applications/{}/recommend", a2["id"]),
        json!({"decision": "recommend", "version": a2["version"]}),
    )
    .await;

    // Eligibility: a failed condition needs its reason.
    let a = province
        .ok(&format!("/api/v1/programme/applications/{}", a1["id"]))
        .await;
    let items: Vec<Value> = round["eligibility"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| json!({"code": i["code"], "passed": i["code"] != "record"}))
        .collect();
    let res = province
        .post(
            &format!("/api/v1/programme/applications/{}/check", a1["id"]),
            json!({"items": items, "version": a["version"]}),
        )
        .await;
    assert_eq!(res.0, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.1);
    assert!(res.1.to_string().contains(".reason"), "{}", res.1);
    eligible(&province, &round, &a1).await;
    eligible(&province, &round, &a2).await;
    let r = step(
        &province,
        &format!("/api/v1/programme/rounds/{}/close", round["id"]),
        json!({"version": round_now(&province, &round["id"]).await["version"]}),
    )
    .await;
    assert_eq!(
        (r["status"].as_str(), r["stage"].as_str()),
        (Some("review"), Some("independent"))
    );

    // An expert working for the applicant cannot be seated.
    let (s, conflicted) = province
        .post(
            "/api/v1/programme/experts",
            json!({"name": "钱工", "organisation": "兰州示范机械制造有限公司",
            "region_code": "620900", "specialties": ["装备制造"]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{conflicted}");
    let cands: Value = province
        .ok(&format!(
            "/api/v1/programme/applications/{}/candidates",
            a1["id"]
        ))
        .await;
    let mine = cands
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["expert_id"] == conflicted["id"])
        .unwrap();
    assert!(!mine["conflicts"].as_array().unwrap().is_empty(), "{mine}");
    let a = province
        .ok(&format!("/api/v1/programme/applications/{}", a1["id"]))
        .await;
    let res = province
        .post(
            &format!("/api/v1/programme/applications/{}/reviewers", a1["id"]),
            json!({"expert_ids": [conflicted["id"]], "version": a["version"]}),
        )
        .await;
    assert_error(&res, StatusCode::CONFLICT, "programme.conflict");
    let res = province
        .put(
            &format!("/api/v1/programme/experts/{}", conflicted["id"]),
            json!({"name": "钱工", "organisation": "兰州示范机械制造有限公司",
            "region_code": "620900", "active": false, "version": conflicted["version"]}),
        )
        .await;
    assert_eq!(res.0, StatusCode::OK, "{}", res.1);

    let assigned = step(
        &province,
        &format!("/api/v1/programme/rounds/{}/assign", round["id"]),
        json!({"version": round_now(&province, &round["id"]).await["version"]}),
    )
    .await;
    let panels = assigned["panels"].as_array().unwrap();
    assert_eq!(panels.len(), 2);
    let pool = province.ok("/api/v1/programme/experts?page_size=100").await;
    for p in panels {
        assert_eq!(p["reviewers"].as_array().unwrap().len(), 2, "{p}");
        let app_city = if p["application_id"] == a1["id"] {
            "620100"
        } else {
            "620500"
        };
        for r in p["reviewers"].as_array().unwrap() {
            let e = pool["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|e| e["id"] == r["expert_id"])
                .unwrap();
            assert_ne!(e["region_code"], app_city, "same-region expert seated: {e}");
        }
        assert!(
            p["refused"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["reasons"][0].as_str().unwrap().contains("region")),
            "{p}"
        );
    }

    // Reviewers see the code, never the name; nor can they find it by the name.
    let reviewers1 = panel(&app, &province, &a1["id"]).await;
    let reviewers2 = panel(&app, &province, &a2["id"]).await;
    let seen = reviewers1[0]
        .ok(&format!("/api/v1/programme/applications/{}", a1["id"]))
        .await;
    assert!(
        seen["anonymised"] == true && seen["applicant_name"].as_str().unwrap().starts_with('R'),
        "{seen}"
    );
    assert!(!seen.to_string().contains("兰州示范机械"), "{seen}");
    assert!(
        reviewers1[0]
            .ids("/api/v1/programme/applications?q=兰州示范")
            .await
            .is_empty()
    );
    // An applicant never sees scores; an expert off the panel cannot score.
    assert_error(
        &enterprise
            .get(&format!(
                "/api/v1/programme/applications/{}/scores",
                a1["id"]
            ))
            .await,
        StatusCode::FORBIDDEN,
        "auth.forbidden",
    );
    let outsider = reviewers2
        .iter()
        .find(|c| !reviewers1.iter().any(|r| r.id() == c.id()));
    if let Some(o) = outsider {
        let res = o
            .put(
                &format!("/api/v1/programme/applications/{}/scores", a1["id"]),
                json!({"stage": "independent", "items": leaves(&round, 0.5, "")}),
            )
            .await;
        assert_eq!(res.0, StatusCode::NOT_FOUND, "{}", res.1);
    }
    let bad = reviewers1[0]
        .put(
            &format!("/api/v1/programme/applications/{}/scores", a1["id"]),
            json!({"stage": "independent", "items": [{"criterion": "4.1.2", "score": 51}]}),
        )
        .await;
    assert_field(&bad, "items[0].score", "range");
    let res = province
        .post(
            &format!("/api/v1/programme/rounds/{}/lock", round["id"]),
            json!({"version": round_now(&province, &round["id"]).await["version"]}),
        )
        .await;
    assert_error(&res, StatusCode::CONFLICT, "programme.incomplete");
    for (n, r) in reviewers1.iter().enumerate() {
        let (s, v) = r
            .put(
                &format!("/api/v1/programme/applications/{}/scores", a1["id"]),
                json!({"stage": "independent", "items": leaves(&round, 0.6 + 0.1 * n as f64, "")}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert_eq!(
            v["sheets"].as_array().unwrap().len(),
            1,
            "an expert reads their own sheet only: {v}"
        );
    }
    for (n, r) in reviewers2.iter().enumerate() {
        let (s, v) = r
            .put(
                &format!("/api/v1/programme/applications/{}/scores", a2["id"]),
                json!({"stage": "independent", "items": leaves(&round, 0.4 + 0.05 * n as f64, "")}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
    }
    let sheets = province
        .ok(&format!(
            "/api/v1/programme/applications/{}/scores",
            a1["id"]
        ))
        .await;
    assert_eq!(sheets["sheets"].as_array().unwrap().len(), 2);

    // The figures shown are the engine's on the exported files.
    let analysis = province
        .ok(&format!(
            "/api/v1/programme/rounds/{}/analysis?stage=independent",
            round["id"]
        ))
        .await;
    let (s, csv, _) = province
        .download(
            &format!("/api/v1/programme/rounds/{}/scores.csv", round["id"]),
            "zh-CN",
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (_, rubric, _) = province
        .download(
            &format!("/api/v1/programme/rounds/{}/rubric.toml", round["id"]),
            "zh-CN",
        )
        .await;
    assert_eq!(analysis["report"], command(&csv, &rubric, "independent"));
    let top = &analysis["report"]["applications"][0];
    let a1_code = province
        .ok(&format!("/api/v1/programme/applications/{}", a1["id"]))
        .await["code"]
        .clone();
    assert_eq!(top["application"], a1_code);
    assert!(approx(&top["total_mean"], 650.0), "{top}");

    let v = round_now(&province, &round["id"]).await["version"].clone();
    assert_eq!(
        step(
            &province,
            &format!("/api/v1/programme/rounds/{}/lock", round["id"]),
            json!({"version": v})
        )
        .await["stage"],
        "consensus"
    );
    let res = province
        .put(
            &format!("/api/v1/programme/applications/{}/scores", a1["id"]),
            json!({"stage": "consensus", "items": leaves(&round, 0.65, "")}),
        )
        .await;
    assert_field(&res, "items[0].comment", "required");
    let res = reviewers1[0]
        .put(
            &format!("/api/v1/programme/applications/{}/scores", a1["id"]),
            json!({"stage": "consensus", "items": leaves(&round, 0.65, "合议")}),
        )
        .await;
    assert_error(&res, StatusCode::FORBIDDEN, "programme.not_assigned");
    for (a, share) in [(&a1, 0.65), (&a2, 0.45)] {
        let (s, v) = province
            .put(
                &format!("/api/v1/programme/applications/{}/scores", a["id"]),
                json!({"stage": "consensus", "items": leaves(&round, share, "专家组合议")}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
    }
    let v = round_now(&province, &round["id"]).await["version"].clone();
    assert_eq!(
        step(
            &province,
            &format!("/api/v1/programme/rounds/{}/lock", round["id"]),
            json!({"version": v})
        )
        .await["stage"],
        "site_visit"
    );
    let (s, v) = province.put(&format!("/api/v1/programme/applications/{}/scores", a2["id"]), json!({"stage": "site_visit", "items": [{"criterion": "4.1.2", "score": 50, "comment": "现场核实,证据充分"}]})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let v = round_now(&province, &round["id"]).await["version"].clone();
    assert_eq!(
        step(
            &province,
            &format!("/api/v1/programme/rounds/{}/lock", round["id"]),
            json!({"version": v})
        )
        .await["stage"],
        "closed"
    );
    let a1v = province
        .ok(&format!("/api/v1/programme/applications/{}", a1["id"]))
        .await;
    let a2v = province
        .ok(&format!("/api/v1/programme/applications/{}", a2["id"]))
        .await;
    assert!(
        approx(&a1v["final_score"], 650.0) && a1v["rank"] == 1,
        "{a1v}"
    );
    // 450 with 4.1.2 raised from 22.5 to 50 at the site visit.
    assert!(approx(&a2v["final_score"], 477.5), "{a2v}");

    // The shortlist within the quota, under public notice, with an objection.
    let v = round_now(&province, &round["id"]).await["version"].clone();
    let res = province
        .post(
            &format!("/api/v1/programme/rounds/{}/shortlist", round["id"]),
            json!({"winners": [a1["id"], a2["id"]], "version": v}),
        )
        .await;
    assert_error(&res, StatusCode::CONFLICT, "programme.quota");
    let r = step(
        &province,
        &format!("/api/v1/programme/rounds/{}/shortlist", round["id"]),
        json!({"winners": [a1["id"]], "nominations": [a2["id"]], "version": v}),
    )
    .await;
    assert_eq!(r["status"], "notice");
    let until: chrono::NaiveDate = serde_json::from_value(r["notice_until"].clone()).unwrap();
    assert!(
        until >= today() + Duration::days(5),
        "five working days: {until}"
    );
    let (s, notices) = public(&app, "/api/v1/public/programme/notices").await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        notices.to_string().contains("兰州示范机械制造有限公司"),
        "{notices}"
    );
    let (s, receipt) = read(app.http.post(app.url("/api/v1/public/programme/objections"))
        .json(&json!({"application_id": a1["id"], "name": "张三", "contact": "13800000000", "content": "该企业去年有质量投诉"}))
        .send().await.unwrap()).await;
    assert_eq!(s, StatusCode::CREATED, "{receipt}");
    let v = round_now(&province, &round["id"]).await["version"].clone();
    let res = province
        .post(
            &format!("/api/v1/programme/rounds/{}/decide", round["id"]),
            json!({"version": v}),
        )
        .await;
    assert_error(&res, StatusCode::CONFLICT, "programme.notice_running");
    sql(
        &app,
        &format!(
            "UPDATE programme_rounds SET notice_until = '{}' WHERE id = {}",
            today() - Duration::days(1),
            round["id"]
        ),
    )
    .await;
    let res = province
        .post(
            &format!("/api/v1/programme/rounds/{}/decide", round["id"]),
            json!({"version": v}),
        )
        .await;
    assert_error(&res, StatusCode::CONFLICT, "programme.objections_open");
    let res = province
        .post(
            &format!("/api/v1/programme/objections/{}/handle", receipt["id"]),
            json!({"outcome": "dismissed", "note": ""}),
        )
        .await;
    assert_field(&res, "note", "required");
    let handled = step(
        &province,
        &format!("/api/v1/programme/objections/{}/handle", receipt["id"]),
        json!({"outcome": "dismissed", "note": "经核实,投诉已妥善处理"}),
    )
    .await;
    assert_eq!(handled["status"], "dismissed");
    let r = step(
        &province,
        &format!("/api/v1/programme/rounds/{}/decide", round["id"]),
        json!({"version": v}),
    )
    .await;
    assert_eq!(r["status"], "decided");

    // The certificate verifies publicly; the winner is listed.
    let mine = enterprise
        .ok(&format!("/api/v1/programme/applications/{}", a1["id"]))
        .await;
    assert_eq!(mine["status"], "awarded");
    let code = mine["certificate_code"].as_str().unwrap().to_owned();
    let (s, check) = public(
        &app,
        &format!(
            "/api/v1/public/programme/certificates/{}",
            code.to_lowercase()
        ),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{check}");
    assert_eq!(
        (check["holder"].as_str(), check["status"].as_str()),
        (Some("兰州示范机械制造有限公司"), Some("active"))
    );
    let (s, _) = public(&app, "/api/v1/public/programme/certificates/0000-0000-0000").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, pdf, _) = enterprise
        .download(
            &format!("/api/v1/programme/applications/{}/certificate", a1["id"]),
            "zh-CN",
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let text = longzhi_reports::testing::pdf_text(&pdf).unwrap();
    assert!(
        text.contains(&code) && text.contains("兰州示范机械制造有限公司"),
        "{text}"
    );
    let (_, honours) = public(
        &app,
        "/api/v1/public/programme/honours?kind=award&q=兰州示范机械",
    )
    .await;
    assert!(
        honours["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["id"] == a1["id"]),
        "{honours}"
    );
    assert_eq!(
        province
            .ok(&format!("/api/v1/programme/applications/{}", a2["id"]))
            .await["status"],
        "nominated"
    );
    let f = step(
        &province,
        &format!("/api/v1/programme/applications/{}/forward", a1["id"]),
        json!({"note": "推荐中国质量奖", "version": mine["version"]}),
    )
    .await;
    assert!(f["forwarded_at"].is_string());

    // Half a year before the term ends, the re-evaluation opens; passed, it renews the term.
    let until = today() + Duration::days(100);
    sql(
        &app,
        &format!(
            "UPDATE programme_applications SET term_until = '{until}' WHERE id = {}",
            a1["id"]
        ),
    )
    .await;
    longzhi_programme::terms::open_due(&app.db, today())
        .await
        .unwrap();
    let terms = province
        .ok("/api/v1/programme/terms?review=re_evaluation&status=open")
        .await;
    let t = terms["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["application_id"] == a1["id"])
        .unwrap()
        .clone();
    assert_eq!(t["due_on"], json!(until));
    step(
        &province,
        &format!("/api/v1/programme/terms/{}/conclude", t["id"]),
        json!({"outcome": "keep", "note": "复评通过", "version": t["version"]}),
    )
    .await;
    let renewed = enterprise
        .ok(&format!("/api/v1/programme/applications/{}", a1["id"]))
        .await;
    assert_eq!(
        renewed["term_until"],
        json!(longzhi_programme::decision::term_end(
            until + Duration::days(1),
            5
        ))
    );
}

#[tokio::test]
async fn a_brand_certification_through_its_surveillance() {
    let app = TestApp::spawn().await;
    let province = app.login("province").await;
    let lanzhou = app.login("lanzhou").await;
    let tianshui = app.login("tianshui").await;
    let enterprise = app.login("enterprise").await;
    let round = open_round(&province, "brand", 1, json!({"winners_quota": 0})).await;
    assert_eq!(round["surveillance_years"], 1);
    let res = enterprise
        .post(
            "/api/v1/programme/applications",
            json!({"round_id": round["id"], "industry": "装备制造",
            "summary": "x", "contact": "y"}),
        )
        .await;
    assert_field(&res, "product", "required");
    let a = apply(&enterprise, &round, "装备制造", 0.8).await;
    step(
        &lanzhou,
        &format!("/api/v1/programme/applications/{}/recommend", a["id"]),
        json!({"decision": "recommend", "version": a["version"]}),
    )
    .await;
    eligible(&province, &round, &a).await;
    for path in ["close", "assign"] {
        step(
            &province,
            &format!("/api/v1/programme/rounds/{}/{path}", round["id"]),
            json!({"version": round_now(&province, &round["id"]).await["version"]}),
        )
        .await;
    }
    let expert = &panel(&app, &province, &a["id"]).await[0];
    let (s, v) = expert
        .put(
            &format!("/api/v1/programme/applications/{}/scores", a["id"]),
            json!({"stage": "independent", "items": leaves(&round, 0.8, "")}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let seen = expert
        .ok(&format!("/api/v1/programme/applications/{}", a["id"]))
        .await;
    assert_eq!(
        seen["applicant_name"], "兰州示范机械制造有限公司",
        "the brand round is not anonymous"
    );
    let lock = || async {
        step(
            &province,
            &format!("/api/v1/programme/rounds/{}/lock", round["id"]),
            json!({"version": round_now(&province, &round["id"]).await["version"]}),
        )
        .await
    };
    lock().await;
    let (s, v) = province
        .put(
            &format!("/api/v1/programme/applications/{}/scores", a["id"]),
            json!({"stage": "consensus", "items": leaves(&round, 0.8, "一致")}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    lock().await;
    lock().await;
    step(&province, &format!("/api/v1/programme/rounds/{}/shortlist", round["id"]), json!({"winners": [a["id"]], "version": round_now(&province, &round["id"]).await["version"]})).await;
    sql(
        &app,
        &format!(
            "UPDATE programme_rounds SET notice_until = '{}' WHERE id = {}",
            today() - Duration::days(1),
            round["id"]
        ),
    )
    .await;
    step(
        &province,
        &format!("/api/v1/programme/rounds/{}/decide", round["id"]),
        json!({"version": round_now(&province, &round["id"]).await["version"]}),
    )
    .await;
    let mine = enterprise
        .ok(&format!("/api/v1/programme/applications/{}", a["id"]))
        .await;
    assert_eq!(mine["status"], "awarded");
    let until: chrono::NaiveDate = serde_json::from_value(mine["term_until"].clone()).unwrap();
    assert_eq!(until, longzhi_programme::decision::term_end(today(), 3));

    // Ten months on, the first yearly surveillance opens (once, however often the job runs).
    let issued = today() - Duration::days(310);
    sql(&app, &format!("UPDATE programme_applications SET issued_on = '{issued}', term_until = '{}' WHERE id = {}",
        longzhi_programme::decision::term_end(issued, 3), a["id"])).await;
    for _ in 0..2 {
        longzhi_programme::terms::open_due(&app.db, today())
            .await
            .unwrap();
    }
    let terms = enterprise
        .ok("/api/v1/programme/terms?review=surveillance")
        .await;
    let mine: Vec<&Value> = terms["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["application_id"] == a["id"])
        .collect();
    assert_eq!(mine.len(), 1, "{terms}");
    let t = mine[0].clone();
    assert_eq!(t["status"], "open");
    assert!(
        tianshui
            .ids("/api/v1/programme/terms")
            .await
            .iter()
            .all(|id| Some(*id) != t["id"].as_i64())
    );
    assert_error(
        &enterprise
            .post(
                &format!("/api/v1/programme/terms/{}/conclude", t["id"]),
                json!({"outcome": "keep", "note": "x", "version": 1}),
            )
            .await,
        StatusCode::FORBIDDEN,
        "auth.forbidden",
    );
    let res = province
        .post(
            &format!("/api/v1/programme/terms/{}/conclude", t["id"]),
            json!({"outcome": "remediate", "note": "抽查不合格", "version": t["version"]}),
        )
        .await;
    assert_field(&res, "deadline", "range");
    let t = step(&province, &format!("/api/v1/programme/terms/{}/conclude", t["id"]), json!({"outcome": "remediate", "note": "抽查不合格", "deadline": today() + Duration::days(30), "version": t["version"]})).await;
    assert_eq!(t["status"], "remediate");
    let mine = enterprise
        .ok(&format!("/api/v1/programme/applications/{}", a["id"]))
        .await;
    assert_eq!(mine["term_status"], "remediating");
    let code = mine["certificate_code"].as_str().unwrap().to_owned();
    let (_, listed) = public(&app, "/api/v1/public/programme/honours?kind=brand").await;
    assert!(
        listed["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["id"] == a["id"] && h["status"] == "remediating"),
        "{listed}"
    );
    // A stale version is refused; the revocation takes the holder off the catalogue.
    let res = province
        .post(
            &format!("/api/v1/programme/terms/{}/conclude", t["id"]),
            json!({"outcome": "revoke", "note": "整改不到位", "version": 1}),
        )
        .await;
    assert_error(&res, StatusCode::CONFLICT, "conflict.version");
    step(
        &province,
        &format!("/api/v1/programme/terms/{}/conclude", t["id"]),
        json!({"outcome": "revoke", "note": "整改不到位", "version": t["version"]}),
    )
    .await;
    let (_, check) = public(
        &app,
        &format!("/api/v1/public/programme/certificates/{code}"),
    )
    .await;
    assert_eq!(check["status"], "revoked");
    let (_, listed) = public(&app, "/api/v1/public/programme/honours?kind=brand").await;
    assert!(
        listed["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["id"] != a["id"]),
        "{listed}"
    );
}

#[tokio::test]
async fn the_demo_programmes() {
    let app = TestApp::spawn().await;
    let province = app.login("province").await;
    let expert = app.login("expert").await;
    let rounds = province.ok("/api/v1/programme/rounds?page_size=50").await;
    let by_kind = |k: &str| {
        rounds["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["kind"] == k)
            .cloned()
            .unwrap()
    };
    let award = by_kind("award");
    assert_eq!(award["status"], "decided");
    assert_eq!(award["counts"]["awarded"], 5);
    let (_, honours) = public(&app, "/api/v1/public/programme/honours?kind=award").await;
    assert_eq!(honours["total"], 5, "{honours}");
    assert!(
        honours["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["forwarded"] == true)
    );
    let brand = by_kind("brand");
    assert_eq!(
        (brand["status"].as_str(), brand["stage"].as_str()),
        (Some("review"), Some("independent"))
    );
    // The expert has applications waiting for their scores.
    let waiting = expert
        .ok(&format!(
            "/api/v1/programme/applications?round_id={}",
            brand["id"]
        ))
        .await;
    let first = &waiting["items"][0];
    let sheet = expert
        .ok(&format!(
            "/api/v1/programme/applications/{}/scores",
            first["id"]
        ))
        .await;
    assert!(sheet["sheets"].as_array().unwrap().is_empty(), "{sheet}");
    let zone = by_kind("demo_zone");
    let decided: chrono::NaiveDate = serde_json::from_value(zone["decided_on"].clone()).unwrap();
    assert!(decided < today() - Duration::days(365) && decided > today() - Duration::days(730));
    let terms = province.ok("/api/v1/programme/terms?status=open").await;
    assert!(terms["total"].as_i64().unwrap() >= 2, "{terms}");
    // The award's analysis is the engine's.
    let analysis = province
        .ok(&format!(
            "/api/v1/programme/rounds/{}/analysis",
            award["id"]
        ))
        .await;
    assert_eq!(
        analysis["report"]["applications"].as_array().unwrap().len(),
        6
    );
    assert!(analysis["report"]["agreement"]["icc1"].is_number());
}
