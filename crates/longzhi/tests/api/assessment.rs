//! The assessment of city governments' quality work: a year from its imported indicator system
//! through self-evaluation, scoring by departments, a veto, publication (totals recomputed from
//! the stored scores), a reopening and republication, to a remediation closed after a talk; the
//! refusals on the way; the national findings; the demo's years and the daily reminders.

use chrono::{Datelike, Duration};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::excel::sheet;
use crate::helpers::{Client, TestApp, assert_error, assert_field, sql};

fn today() -> chrono::NaiveDate {
    longzhi_store::today()
}

async fn step(who: &Client, path: &str, body: Value) -> Value {
    let (s, v) = who.post(path, body).await;
    assert_eq!(s, StatusCode::OK, "{path}: {v}");
    v
}

async fn year_now(c: &Client, id: &Value) -> Value {
    c.ok(&format!("/api/v1/assessment/years/{id}")).await
}

/// The evaluation of `city` in year `id`, as the province sees it.
async fn evaluation_of(province: &Client, id: &Value, city: &str) -> Value {
    let list = province
        .ok(&format!(
            "/api/v1/assessment/evaluations?year_id={id}&city_code={city}"
        ))
        .await;
    let e = &list["items"][0];
    province
        .ok(&format!("/api/v1/assessment/evaluations/{}", e["id"]))
        .await
}

/// Claims for every indicator of evaluation `e`, each at `share` of its points.
fn claims(e: &Value, share: f64) -> Vec<Value> {
    e["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| json!({"indicator_id": i["indicator_id"], "claimed": i["points"].as_f64().unwrap() * share, "statement": "已完成"}))
        .collect()
}

/// The scoring rows of `who` for year `id`, by city code and indicator code.
async fn sheet_rows(who: &Client, id: &Value, query: &str) -> Vec<Value> {
    who.ok(&format!("/api/v1/assessment/years/{id}/scoring?{query}"))
        .await
        .as_array()
        .unwrap()
        .clone()
}

/// Two concurrent writes of one version: one is stored, the other refused as a conflict.
fn one_wins(a: &(StatusCode, Value), b: &(StatusCode, Value)) {
    let mut codes = [a.0, b.0];
    codes.sort();
    assert_eq!(
        codes,
        [StatusCode::OK, StatusCode::CONFLICT],
        "{} {}",
        a.1,
        b.1
    );
}

fn item_of(rows: &[Value], city: &str, code: &str) -> i64 {
    rows.iter()
        .find(|r| r["city_code"] == city && r["code"] == code)
        .unwrap_or_else(|| panic!("{city} {code}"))["item_id"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn a_year_from_its_indicators_to_a_closed_remediation() {
    let app = TestApp::spawn().await;
    let province = app.login("province").await;
    let metrology = app.login("metrology").await;
    let lanzhou = app.login("lanzhou").await;
    let tianshui = app.login("tianshui").await;
    let admin = app.login("admin").await;
    let year = today().year() + 1;

    // A new year starts from the latest year's system.
    let body = json!({"year": year, "title": "测试年度考核", "self_deadline": today() + Duration::days(5),
                      "cities": ["620100", "620500", "620200"], "bottom_count": 1});
    assert_eq!(
        lanzhou
            .post("/api/v1/assessment/years", body.clone())
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    let (s, y) = province
        .post("/api/v1/assessment/years", body.clone())
        .await;
    assert_eq!(s, StatusCode::CREATED, "{y}");
    assert_eq!(y["status"], "draft");
    assert_eq!(y["points_total"], 100.0);
    assert_eq!(y["indicator_count"], 13);
    assert_eq!(y["cities"].as_array().unwrap().len(), 3);
    let id = y["id"].clone();
    assert_error(
        &province.post("/api/v1/assessment/years", body).await,
        StatusCode::CONFLICT,
        "assessment.duplicate",
    );
    let bad = province
        .post("/api/v1/assessment/years", json!({"year": 1999, "title": " ", "self_deadline": today(),
              "grades": [{"grade": "A", "min": 60}, {"grade": "B", "min": 80}], "cities": ["990000"]}))
        .await;
    for (field, rule) in [
        ("year", "range"),
        ("title", "required"),
        ("grades", "format"),
        ("cities[0]", "exists"),
    ] {
        assert_field(&bad, field, rule);
    }

    // The system is replaced by an import: a hostile file and a broken row store nothing.
    let import = format!("/api/v1/assessment/years/{id}/indicators/import");
    let (s, _, kind) = province
        .download(
            &format!("/api/v1/assessment/years/{id}/indicators/template"),
            "zh-CN",
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(kind.contains(".xlsx"), "{kind}");
    let (s, r) = province
        .upload(&import, "x.xlsx", b"not a workbook".to_vec())
        .await;
    assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{r}");
    let headers = [
        "考核部分",
        "指标编号",
        "指标名称",
        "分值",
        "评分规则",
        "佐证材料要求",
        "评分处室",
    ];
    let broken = sheet(
        &headers,
        &[
            &["质量安全", "A1", "产品质量", "60", "", "", "质量发展处"],
            &["质量发展", "A1", "计量", "abc", "", "", "不存在的处"],
        ],
    );
    let (s, r) = province.upload(&import, "i.xlsx", broken).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["created"], 0);
    let errors: Vec<(i64, &str)> = r["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["row"].as_i64().unwrap(), e["field"].as_str().unwrap()))
        .collect();
    assert_eq!(
        errors,
        vec![(3, "points"), (3, "department"), (3, "code")],
        "{r}"
    );
    assert_eq!(year_now(&province, &id).await["indicator_count"], 13);
    assert_eq!(
        lanzhou.upload(&import, "i.xlsx", vec![]).await.0,
        StatusCode::FORBIDDEN
    );
    let good = sheet(
        &headers,
        &[
            &[
                "质量安全",
                "A1",
                "产品质量",
                "60",
                "合格率达标",
                "抽查报告",
                "质量发展处",
            ],
            &["质量发展", "A2", "计量基础", "30", "", "", "metrology"],
        ],
    );
    let (s, r) = province.upload(&import, "i.xlsx", good).await;
    assert_eq!((s, r["created"].clone()), (StatusCode::OK, json!(2)), "{r}");
    let system = province
        .ok(&format!("/api/v1/assessment/years/{id}/indicators"))
        .await;
    assert_eq!(system[1]["department_name"], "计量处");

    // 90 points do not open; 100 do.
    let y = year_now(&province, &id).await;
    assert_error(
        &province
            .post(
                &format!("/api/v1/assessment/years/{id}/open"),
                json!({"version": y["version"]}),
            )
            .await,
        StatusCode::CONFLICT,
        "assessment.points_total",
    );
    let a2 = &system[1];
    let (s, r) = province
        .put(
            &format!("/api/v1/assessment/indicators/{}", a2["id"]),
            json!({"part": "质量发展", "code": "A2", "name": "计量基础", "points": 40,
                   "department_id": a2["department_id"], "version": a2["version"]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    let y = step(
        &province,
        &format!("/api/v1/assessment/years/{id}/open"),
        json!({"version": y["version"]}),
    )
    .await;
    assert_eq!(y["status"], "self_evaluation");
    assert_eq!(y["evaluations"]["total"], 3);
    assert_error(
        &province
            .put(&format!("/api/v1/assessment/indicators/{}", a2["id"]),
                 json!({"part": "x", "code": "A2", "name": "x", "points": 40, "department_id": a2["department_id"], "version": r["version"]}))
            .await,
        StatusCode::CONFLICT,
        "assessment.wrong_state",
    );

    // Each city sees and fills only its own.
    let mine = lanzhou
        .ok(&format!("/api/v1/assessment/evaluations?year_id={id}"))
        .await;
    assert_eq!(mine["total"], 1, "{mine}");
    let lz = evaluation_of(&province, &id, "620100").await;
    let ts = evaluation_of(&province, &id, "620500").await;
    let lz_path = format!("/api/v1/assessment/evaluations/{}", lz["id"]);
    let ts_path = format!("/api/v1/assessment/evaluations/{}", ts["id"]);
    assert_eq!(tianshui.get(&lz_path).await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        lanzhou
            .put(
                &ts_path,
                json!({"items": claims(&ts, 1.0), "version": ts["version"]})
            )
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        metrology
            .put(&lz_path, json!({"items": [], "version": lz["version"]}))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    let over = lanzhou
        .put(
            &lz_path,
            json!({"items": claims(&lz, 1.5), "version": lz["version"]}),
        )
        .await;
    assert_field(&over, "items[0].claimed", "range");
    let (s, part) = lanzhou
        .put(&lz_path, json!({"targets": "合格率 95%", "items": [claims(&lz, 1.0)[0].clone()], "version": lz["version"]}))
        .await;
    assert_eq!(s, StatusCode::OK, "{part}");
    assert_error(
        &lanzhou
            .post(
                &format!("{lz_path}/submit"),
                json!({"version": part["version"]}),
            )
            .await,
        StatusCode::CONFLICT,
        "assessment.incomplete",
    );
    // Two saves of one version: one wins, the other is told.
    let body =
        json!({"targets": "合格率 95%", "items": claims(&lz, 0.95), "version": part["version"]});
    let (a, b) = tokio::join!(
        lanzhou.put(&lz_path, body.clone()),
        lanzhou.put(&lz_path, body)
    );
    one_wins(&a, &b);
    let now = lanzhou.ok(&lz_path).await;
    assert_eq!(now["claimed_total"], 95.0);
    assert!(now["items"][0]["score"].is_null());
    let sub = step(
        &lanzhou,
        &format!("{lz_path}/submit"),
        json!({"version": now["version"]}),
    )
    .await;
    assert_eq!(sub["status"], "submitted");
    assert_error(
        &lanzhou
            .put(&lz_path, json!({"items": [], "version": sub["version"]}))
            .await,
        StatusCode::CONFLICT,
        "assessment.wrong_state",
    );
    // After the deadline nothing changes.
    sql(
        &app,
        &format!(
            "UPDATE assessment_years SET self_deadline = '{}' WHERE id = {id}",
            today() - Duration::days(1)
        ),
    )
    .await;
    assert_error(
        &tianshui
            .put(
                &ts_path,
                json!({"items": claims(&ts, 1.0), "version": ts["version"]}),
            )
            .await,
        StatusCode::CONFLICT,
        "assessment.deadline_passed",
    );
    sql(
        &app,
        &format!(
            "UPDATE assessment_years SET self_deadline = '{}' WHERE id = {id}",
            today() + Duration::days(5)
        ),
    )
    .await;
    let (s, t) = tianshui
        .put(
            &ts_path,
            json!({"items": claims(&ts, 0.9), "version": ts["version"]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{t}");
    step(
        &tianshui,
        &format!("{ts_path}/submit"),
        json!({"version": t["version"]}),
    )
    .await;

    // Before publication a city sees no results, a department scores nothing yet.
    let results = format!("/api/v1/assessment/years/{id}/results");
    assert_error(
        &lanzhou.get(&results).await,
        StatusCode::FORBIDDEN,
        "assessment.not_published",
    );
    let scores = format!("/api/v1/assessment/years/{id}/scores");
    let m_rows = sheet_rows(&metrology, &id, "").await;
    assert_eq!(m_rows.len(), 3, "metrology scores A2 in three cities");
    assert!(
        m_rows
            .iter()
            .all(|r| r["code"] == "A2" && r["mine"] == true)
    );
    let jy_a2 = item_of(&m_rows, "620200", "A2");
    assert_error(
        &metrology
            .put(&scores, json!({"items": [{"item_id": jy_a2, "score": 40}]}))
            .await,
        StatusCode::CONFLICT,
        "assessment.wrong_state",
    );
    let y = year_now(&province, &id).await;
    step(
        &province,
        &format!("/api/v1/assessment/years/{id}/close"),
        json!({"version": y["version"]}),
    )
    .await;

    // Each department scores its own indicators only.
    let all = sheet_rows(&province, &id, "").await;
    assert_eq!(all.len(), 6);
    let p_rows = sheet_rows(&province, &id, "mine=true").await;
    assert!(p_rows.iter().all(|r| r["code"] == "A1"), "{p_rows:?}");
    let lz_a1 = item_of(&all, "620100", "A1");
    assert_error(
        &metrology
            .put(&scores, json!({"items": [{"item_id": lz_a1, "score": 60}]}))
            .await,
        StatusCode::FORBIDDEN,
        "assessment.not_your_indicator",
    );
    assert_eq!(
        lanzhou
            .put(&scores, json!({"items": [{"item_id": lz_a1, "score": 60}]}))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    let bad = metrology
        .put(&scores, json!({"items": [{"item_id": jy_a2, "score": 41}, {"item_id": item_of(&m_rows, "620100", "A2"), "score": 30}]}))
        .await;
    assert_field(&bad, "items[0].score", "range");
    assert_field(&bad, "items[1].comment", "required");
    let (s, r) = province
        .put(
            &scores,
            json!({"items": [
            {"item_id": lz_a1, "score": 55, "comment": "抽查合格率略低"},
            {"item_id": item_of(&all, "620500", "A1"), "score": 45, "comment": "后处理不到位"},
            {"item_id": item_of(&all, "620200", "A1"), "score": 30, "comment": "未完成目标"}]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    let y = year_now(&province, &id).await;
    assert_error(
        &province
            .post(
                &format!("/api/v1/assessment/years/{id}/publish"),
                json!({"version": y["version"]}),
            )
            .await,
        StatusCode::CONFLICT,
        "assessment.incomplete",
    );
    let (s, r) = metrology
        .put(
            &scores,
            json!({"items": [
            {"item_id": item_of(&m_rows, "620100", "A2"), "score": 38, "comment": "资料欠缺"},
            {"item_id": item_of(&m_rows, "620500", "A2"), "score": 40},
            {"item_id": jy_a2, "score": 20, "comment": "强检覆盖率低"}]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");

    // A veto: the lowest grade whatever the points, with its reason.
    let veto = format!("{ts_path}/veto");
    assert_eq!(
        lanzhou
            .post(&veto, json!({"veto": true, "reason": "x", "version": 1}))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    let ts_now = province.ok(&ts_path).await;
    assert_field(
        &province
            .post(&veto, json!({"veto": true, "version": ts_now["version"]}))
            .await,
        "reason",
        "required",
    );
    step(
        &province,
        &veto,
        json!({"veto": true, "reason": "发生区域性质量安全事件", "version": ts_now["version"]}),
    )
    .await;
    let provisional = province.ok(&results).await;
    assert_eq!(provisional["published"], false);
    assert!(
        lanzhou.ok(&lz_path).await["items"][0]["score"].is_null(),
        "no scores before publication"
    );

    // Publication: totals equal the stored scores, grades and ranks as the rules say.
    let y = year_now(&province, &id).await;
    let y = step(
        &province,
        &format!("/api/v1/assessment/years/{id}/publish"),
        json!({"version": y["version"]}),
    )
    .await;
    assert_eq!(y["status"], "published");
    let r = lanzhou.ok(&results).await;
    assert_eq!(r["published"], true);
    let ranked: Vec<(String, f64, String, i64, bool)> = r["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            (
                row["city_code"].as_str().unwrap().to_owned(),
                row["total"].as_f64().unwrap(),
                row["grade"].as_str().unwrap().to_owned(),
                row["rank"].as_i64().unwrap(),
                row["remediation"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        ranked,
        vec![
            ("620100".into(), 93.0, "A".into(), 1, false),
            ("620200".into(), 50.0, "D".into(), 2, true),
            ("620500".into(), 85.0, "D".into(), 3, true),
        ]
    );
    for row in r["rows"].as_array().unwrap() {
        let e = province
            .ok(&format!(
                "/api/v1/assessment/evaluations/{}",
                row["evaluation_id"]
            ))
            .await;
        let sum: f64 = e["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["score"].as_f64().unwrap())
            .sum();
        assert!((sum - row["total"].as_f64().unwrap()).abs() < 1e-9, "{row}");
        assert_eq!(e["total"], row["total"]);
    }
    let grades: Vec<i64> = r["grades"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["count"].as_i64().unwrap())
        .collect();
    assert_eq!(grades, vec![1, 0, 0, 2]);
    let own = lanzhou.ok(&lz_path).await;
    let item = |code: &str| {
        own["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["code"] == code)
            .cloned()
            .unwrap()
    };
    assert_eq!(item("A2")["score"], 38.0);
    assert_eq!(item("A2")["province_mean"], 98.0 / 3.0);
    assert_eq!(item("A2")["weak"], false);
    assert_eq!(item("A1")["weak"], false);
    let (s, pdf, kind) = lanzhou
        .download(
            &format!("/api/v1/assessment/years/{id}/notification"),
            "zh-CN",
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(pdf.starts_with(b"%PDF") && kind.contains("pdf"));

    // Nothing changes after publication without a reopening.
    assert_error(
        &metrology
            .put(&scores, json!({"items": [{"item_id": jy_a2, "score": 40}]}))
            .await,
        StatusCode::CONFLICT,
        "assessment.wrong_state",
    );
    let tasks = province
        .ok(&format!("/api/v1/assessment/remediations?year_id={id}"))
        .await;
    assert_eq!(tasks["total"], 2, "{tasks}");
    let reopen = format!("/api/v1/assessment/years/{id}/reopen");
    assert_eq!(
        lanzhou
            .post(&reopen, json!({"reason": "x", "version": y["version"]}))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    assert_field(
        &province
            .post(&reopen, json!({"reason": "", "version": y["version"]}))
            .await,
        "reason",
        "required",
    );
    let y = step(
        &province,
        &reopen,
        json!({"reason": "嘉峪关计量评分录入有误", "version": y["version"]}),
    )
    .await;
    assert_eq!(
        (y["status"].clone(), y["reopened"].clone()),
        (json!("scoring"), json!(1))
    );
    assert_error(
        &lanzhou.get(&results).await,
        StatusCode::FORBIDDEN,
        "assessment.not_published",
    );
    let audit = admin
        .ok(&format!(
            "/api/v1/system/audit-logs?entity=assessment_year&entity_id={id}&page_size=50"
        ))
        .await;
    assert!(
        audit["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["action"] == "reopen"
                && a["after"].to_string().contains("嘉峪关计量评分录入有误")),
        "{audit}"
    );
    let cancelled = province
        .ok(&format!(
            "/api/v1/assessment/remediations?year_id={id}&status=cancelled"
        ))
        .await;
    assert_eq!(cancelled["total"], 2);
    let (s, r) = metrology
        .put(&scores, json!({"items": [{"item_id": jy_a2, "score": 40}]}))
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    let y = step(
        &province,
        &format!("/api/v1/assessment/years/{id}/publish"),
        json!({"version": y["version"]}),
    )
    .await;
    assert_eq!(y["status"], "published");
    let r = province.ok(&results).await;
    assert_eq!(r["rows"][1]["city_code"], "620200");
    assert_eq!(
        (r["rows"][1]["total"].clone(), r["rows"][1]["grade"].clone()),
        (json!(70.0), json!("C"))
    );
    let open = province
        .ok(&format!(
            "/api/v1/assessment/remediations?year_id={id}&status=open"
        ))
        .await;
    assert_eq!(
        open["total"], 1,
        "only 天水 (last, vetoed) remediates now: {open}"
    );
    let task = &open["items"][0];
    assert_eq!(
        (task["city_code"].clone(), task["reason"].clone()),
        (json!("620500"), json!("bottom_failing"))
    );
    assert_eq!(task["due_on"], json!(today() + Duration::days(30)));

    // 天水 reports, is returned, reports again; the province talks and closes.
    let t_path = format!("/api/v1/assessment/remediations/{}", task["id"]);
    assert_eq!(lanzhou.get(&t_path).await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        lanzhou
            .post(
                &format!("{t_path}/report"),
                json!({"report": "x", "version": task["version"]})
            )
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    assert_field(
        &tianshui
            .post(
                &format!("{t_path}/report"),
                json!({"report": " ", "version": task["version"]}),
            )
            .await,
        "report",
        "required",
    );
    let body = json!({"report": "一、原因分析;二、整改措施", "version": task["version"]});
    let report = format!("{t_path}/report");
    let (a, b) = tokio::join!(
        tianshui.post(&report, body.clone()),
        tianshui.post(&report, body)
    );
    one_wins(&a, &b);
    let t = tianshui.ok(&t_path).await;
    assert_eq!(t["status"], "submitted");
    assert_eq!(
        tianshui
            .post(
                &format!("{t_path}/review"),
                json!({"decision": "close", "version": t["version"]})
            )
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    assert_field(
        &province
            .post(
                &format!("{t_path}/review"),
                json!({"decision": "return", "version": t["version"]}),
            )
            .await,
        "note",
        "required",
    );
    let t = step(
        &province,
        &format!("{t_path}/review"),
        json!({"decision": "return", "note": "措施不具体", "version": t["version"]}),
    )
    .await;
    step(
        &tianshui,
        &report,
        json!({"report": "补充:责任分工与时限", "version": t["version"]}),
    )
    .await;
    assert_field(
        &province.post(&format!("{t_path}/talks"), json!({"held_on": today() + Duration::days(1), "participants": "x", "summary": "x"})).await,
        "held_on",
        "range",
    );
    let t = step(&province, &format!("{t_path}/talks"), json!({"held_on": today(), "participants": "省局、天水市政府", "summary": "约谈通报扣分情况"})).await;
    assert_eq!(t["talks"].as_array().unwrap().len(), 1);
    let t = step(
        &province,
        &format!("{t_path}/review"),
        json!({"decision": "close", "note": "同意销号", "version": t["version"]}),
    )
    .await;
    assert_eq!(t["status"], "closed");
    assert!(!t["closed_at"].is_null());
}

#[tokio::test]
async fn national_findings_are_owned_and_closed() {
    let app = TestApp::spawn().await;
    let province = app.login("province").await;
    let metrology = app.login("metrology").await;
    let lanzhou = app.login("lanzhou").await;
    let owner = app.org_id("620000-metrology").await;
    let body = json!({"year": today().year() - 1, "finding": "计量监督覆盖不足", "owner_id": owner,
                      "measures": "专项检查", "due_on": today() + Duration::days(30)});
    assert_eq!(
        lanzhou
            .post("/api/v1/assessment/findings", body.clone())
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    let enterprise = app.org_id("demo-ent-lz1").await;
    let bad = province
        .post(
            "/api/v1/assessment/findings",
            json!({"year": 2026, "finding": "", "owner_id": enterprise, "due_on": today()}),
        )
        .await;
    assert_field(&bad, "finding", "required");
    assert_field(&bad, "owner_id", "exists");
    let (s, f) = province.post("/api/v1/assessment/findings", body).await;
    assert_eq!(s, StatusCode::CREATED, "{f}");
    assert_eq!(f["owner_name"], "计量处");
    let path = format!("/api/v1/assessment/findings/{}", f["id"]);
    let theirs = metrology
        .ok("/api/v1/assessment/findings?page_size=50")
        .await;
    assert!(
        theirs["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["owner_id"] == owner),
        "{theirs}"
    );
    assert!(
        theirs["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["id"] == f["id"])
    );
    let lz = lanzhou.ok("/api/v1/assessment/findings?page_size=50").await;
    assert!(
        lz["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["id"] != f["id"])
    );
    assert_eq!(
        lanzhou
            .post(
                &format!("{path}/progress"),
                json!({"progress": "x", "version": f["version"]})
            )
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    let f = step(
        &metrology,
        &format!("{path}/progress"),
        json!({"progress": "已完成 60%", "version": f["version"]}),
    )
    .await;
    assert_eq!(
        metrology
            .post(&format!("{path}/close"), json!({"version": f["version"]}))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    let f = step(
        &province,
        &format!("{path}/close"),
        json!({"note": "整改到位", "version": f["version"]}),
    )
    .await;
    assert_eq!(f["status"], "closed");
    assert_error(
        &metrology
            .post(
                &format!("{path}/progress"),
                json!({"progress": "x", "version": f["version"]}),
            )
            .await,
        StatusCode::CONFLICT,
        "assessment.wrong_state",
    );
}

#[tokio::test]
async fn the_demo_years_and_the_daily_reminders() {
    let app = TestApp::spawn().await;
    let province = app.login("province").await;
    let lanzhou = app.login("lanzhou").await;
    let years = province.ok("/api/v1/assessment/years").await;
    let this_year = today().year();
    let by_year = |y: i32| {
        years["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["year"] == y)
            .cloned()
            .unwrap_or_else(|| panic!("year {y}: {years}"))
    };
    let last = by_year(this_year - 1);
    let current = by_year(this_year);
    assert_eq!(last["status"], "published");
    assert_eq!(current["status"], "self_evaluation");
    assert_eq!(current["evaluations"]["total"], 14);
    // Last year's published totals are the sums of its stored scores; 甘南 failed.
    let r = lanzhou
        .ok(&format!("/api/v1/assessment/years/{}/results", last["id"]))
        .await;
    assert_eq!(r["rows"].as_array().unwrap().len(), 14);
    for row in r["rows"].as_array().unwrap() {
        let e = province
            .ok(&format!(
                "/api/v1/assessment/evaluations/{}",
                row["evaluation_id"]
            ))
            .await;
        let sum: f64 = e["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["score"].as_f64().unwrap())
            .sum();
        assert!((sum - row["total"].as_f64().unwrap()).abs() < 1e-9, "{row}");
    }
    let gannan = r["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["city_code"] == "623000")
        .unwrap();
    assert_eq!(gannan["grade"], "D");
    assert_eq!(gannan["rank"], 14);
    let tasks = province
        .ok(&format!(
            "/api/v1/assessment/remediations?year_id={}",
            last["id"]
        ))
        .await;
    let statuses: Vec<&str> = tasks["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["status"].as_str().unwrap())
        .collect();
    assert!(
        statuses.contains(&"closed")
            && statuses.contains(&"submitted")
            && statuses.contains(&"open"),
        "{statuses:?}"
    );
    assert!(
        tasks["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["overdue"] == true)
    );
    // 兰州's draft of this year: its own, partly claimed.
    let mine = lanzhou
        .ok(&format!(
            "/api/v1/assessment/evaluations?year_id={}",
            current["id"]
        ))
        .await;
    assert_eq!(mine["items"][0]["status"], "draft");
    assert_eq!(province.ok("/api/v1/assessment/findings").await["total"], 3);

    // Three days before the deadline every city still in draft is reminded, once.
    sql(
        &app,
        &format!(
            "UPDATE assessment_years SET self_deadline = '{}' WHERE id = {}",
            today() + Duration::days(3),
            current["id"]
        ),
    )
    .await;
    let storage = longzhi_store::storage::DbStorage(app.db.clone());
    let modules = longzhi::modules();
    let notices = |c: Client| async move {
        c.ok("/api/v1/notices?page_size=100").await["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["kind"] == "deadline_near")
            .count()
    };
    let before = notices(app.login("lanzhou").await).await;
    let ran = longzhi_server::jobs::run_daily(&app.db, &storage, &modules, "a", today()).await;
    assert!(
        ran.iter()
            .any(|l| l.starts_with("assessment: 7 self-evaluation reminders")),
        "{ran:?}"
    );
    let again = longzhi_server::jobs::run_daily(&app.db, &storage, &modules, "b", today()).await;
    assert!(
        !again.iter().any(|l| l.starts_with("assessment: ")),
        "{again:?}"
    );
    assert_eq!(notices(lanzhou).await, before + 1);
}
