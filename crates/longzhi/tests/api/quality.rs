//! Quality monitoring: a collection round from opening to approval and every refusal on the
//! way, data sharing by token, the analysis equal to `longzhi engine index` on the exported
//! files, the yearly report (job, file, command line) and improvement actions.

use chrono::{Datelike, Duration};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{Client, TestApp, read};

fn pdf_text(pdf: &[u8]) -> String {
    longzhi_reports::testing::pdf_text(pdf).unwrap()
}

fn this_year() -> i32 {
    longzhi_store::today().year()
}

/// Three new indicators and a published framework over them (no demo data uses them).
async fn framework(province: &Client) -> i64 {
    for (code, dir, lo, hi) in [
        ("xa", 1, 0.0, 100.0),
        ("xb", -1, 0.0, 50.0),
        ("xc", 1, 0.0, 1000.0),
    ] {
        let (s, b) = province
            .post(
                "/api/v1/quality/indicators",
                json!({"code": code, "name": format!("测试指标{code}"), "unit": "%", "direction": dir,
                       "min_value": lo, "max_value": hi}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
    }
    let (s, b) = province
        .post(
            "/api/v1/quality/frameworks",
            json!({"code": "T", "name": "测试体系", "normalisation": "minmax", "aggregation": "arithmetic",
                   "weighting": "given", "imputation": "none", "weight_noise": 0.2, "mc_runs": 100,
                   "change_threshold": 0.3, "nodes": [
                {"code": "R", "name": "根"},
                {"code": "D1", "name": "维度一", "parent_code": "R"},
                {"code": "D2", "name": "维度二", "parent_code": "R"},
                {"code": "xa", "parent_code": "D1", "indicator": true},
                {"code": "xb", "parent_code": "D1", "indicator": true, "weight": 2},
                {"code": "xc", "parent_code": "D2", "indicator": true}]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let id = b["id"].as_i64().unwrap();
    let (s, b) = province
        .post(
            &format!("/api/v1/quality/frameworks/{id}/publish"),
            json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    id
}

async fn token(province: &Client, region: Option<&str>) -> String {
    let (s, b) = province
        .post(
            "/api/v1/quality/tokens",
            json!({"name": "统计局数据平台", "region_code": region}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    b["token"].as_str().unwrap().to_owned()
}

async fn push(app: &TestApp, token: &str, values: Value) -> (StatusCode, Value) {
    read(
        app.http
            .post(app.url("/api/v1/quality/values/push"))
            .bearer_auth(token)
            .json(&json!({ "values": values }))
            .send()
            .await
            .unwrap(),
    )
    .await
}

fn field_names(body: &Value) -> Vec<String> {
    body["fields"]
        .as_array()
        .map(|f| {
            f.iter()
                .map(|x| x["field"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn line(code: &str, value: Option<f64>, note: Option<&str>) -> Value {
    json!({"code": code, "value": value, "note": note})
}

#[tokio::test]
async fn a_round_runs_from_opening_to_approval_and_every_refusal_on_the_way() {
    let app = TestApp::spawn().await;
    let province = app.login("province").await;
    let lanzhou = app.login("lanzhou").await;
    let tianshui = app.login("tianshui").await;
    let fw = framework(&province).await;
    let year = this_year() - 1;

    // Last year's values come from another system: published, and idempotent.
    let t = token(&province, None).await;
    let previous = json!([
        {"indicator": "xa", "region": "620100", "year": year - 1, "value": 60.0},
        {"indicator": "xb", "region": "620100", "year": year - 1, "value": 10.0},
        {"indicator": "xc", "region": "620100", "year": year - 1, "value": 300.0},
    ]);
    for _ in 0..2 {
        let (s, b) = push(&app, &t, previous.clone()).await;
        assert_eq!(s, StatusCode::OK, "{b}");
        assert_eq!(
            (
                b["accepted"].as_u64(),
                b["rejected"].as_array().map(Vec::len)
            ),
            (Some(3), Some(0))
        );
    }

    let (s, b) = province
        .post(
            "/api/v1/quality/rounds",
            json!({"framework_id": fw, "year": year, "title": "测试采集", "region_codes": ["620100", "620500"],
                   "deadline": longzhi_store::today() + Duration::days(10)}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let round = b["round"]["id"].as_i64().unwrap();
    assert_eq!(b["submissions"].as_array().unwrap().len(), 2);
    // A second round of the same framework and year is refused.
    let (s, _) = province
        .post(
            "/api/v1/quality/rounds",
            json!({"framework_id": fw, "year": year, "title": "重复", "deadline": longzhi_store::today()}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);

    // Each city sees its own submission only.
    let mine = lanzhou.ok(&format!("/api/v1/quality/rounds/{round}")).await;
    let subs = mine["submissions"].as_array().unwrap();
    assert_eq!(subs.len(), 1);
    assert_eq!(subs[0]["region_code"], "620100");
    let sub = subs[0]["id"].as_i64().unwrap();
    let path = format!("/api/v1/quality/submissions/{sub}");
    assert_eq!(tianshui.get(&path).await.0, StatusCode::NOT_FOUND);
    let form = lanzhou.ok(&path).await;
    let lines = form["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["previous"], json!(60.0));
    let version = form["submission"]["version"].as_i64().unwrap();
    let (s, _) = tianshui
        .put(
            &path,
            json!({"lines": [line("xa", Some(1.0), None)], "version": version}),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "another city cannot fill it in");

    // Out of range: refused naming the line, nothing stored.
    let (s, b) = lanzhou
        .put(
            &path,
            json!({"lines": [line("xb", Some(5.0), None), line("xa", Some(150.0), None)], "version": version}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert_eq!(field_names(&b), ["lines[1].value"]);
    assert!(lanzhou.ok(&path).await["lines"][1]["value"].is_null());

    // Saved with a big change and a missing value: submission names both.
    let (s, b) = lanzhou
        .put(
            &path,
            json!({"lines": [line("xa", Some(90.0), None), line("xb", Some(9.0), None)], "version": version}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert!((b["lines"][0]["big_change"].as_f64().unwrap() - 0.5).abs() < 1e-9);
    let submit = format!("{path}/submit");
    let (s, b) = lanzhou.post(&submit, json!({})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    let mut fields = field_names(&b);
    fields.sort();
    assert_eq!(fields, ["xa", "xc"]);
    assert!(
        b.to_string().contains("+50.0%"),
        "the message names the change: {b}"
    );

    let version = lanzhou.ok(&path).await["submission"]["version"]
        .as_i64()
        .unwrap();
    let (s, b) = lanzhou
        .put(
            &path,
            json!({"lines": [line("xa", Some(90.0), Some("新增抽查批次")), line("xc", Some(320.0), None)], "version": version}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    // A stale version loses.
    let (s, _) = lanzhou
        .put(
            &path,
            json!({"lines": [line("xc", Some(321.0), None)], "version": version}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, b) = lanzhou.post(&submit, json!({})).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(b["submission"]["status"], "submitted");

    // Once submitted: no more changes by the city, no review by it.
    let version = b["submission"]["version"].as_i64().unwrap();
    let (s, b) = lanzhou
        .put(
            &path,
            json!({"lines": [line("xc", Some(1.0), None)], "version": version}),
        )
        .await;
    assert_eq!(
        (s, b["code"].as_str()),
        (StatusCode::CONFLICT, Some("quality.submission_state"))
    );
    let review = format!("{path}/review");
    assert_eq!(
        lanzhou
            .post(&review, json!({"decision": "approve"}))
            .await
            .0,
        StatusCode::FORBIDDEN
    );

    // Returned (a comment is required), corrected, approved.
    let (s, _) = province.post(&review, json!({"decision": "return"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, b) = province
        .post(
            &review,
            json!({"decision": "return", "comment": "请核实 xc"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(b["submission"]["status"], "returned");
    let notices = lanzhou.ok("/api/v1/notices").await;
    assert!(notices.to_string().contains("质量数据被退回"), "{notices}");
    let (s, b) = lanzhou.post(&submit, json!({})).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let (s, b) = province.post(&review, json!({"decision": "approve"})).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(b["submission"]["status"], "approved");
    let values = province
        .ok(&format!(
            "/api/v1/quality/values?year={year}&indicators=xa,xb,xc&region_code=620100"
        ))
        .await;
    assert_eq!(values["total"], 3);
    assert!(
        values["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|v| v["published"] == true)
    );

    // Approved values are locked: for the city, for a push; a reopening is audited.
    let (s, b) = lanzhou
        .put(
            &path,
            json!({"lines": [line("xc", Some(1.0), None)], "version": b["submission"]["version"]}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{b}");
    let (s, b) = push(
        &app,
        &t,
        json!([{"indicator": "xc", "region": "620100", "year": year, "value": 1.0},
               {"indicator": "xc", "region": "620500", "year": year - 1, "value": 280.0}]),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(b["accepted"], 1);
    assert_eq!(b["rejected"][0]["index"], 0);
    assert_eq!(b["rejected"][0]["field"], "value");
    let (s, _) = province
        .post(&format!("{path}/reopen"), json!({"comment": ""}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, b) = province
        .post(
            &format!("{path}/reopen"),
            json!({"comment": "统计口径调整"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(b["submission"]["status"], "returned");
    let xc = b["lines"][2]["value_id"].as_i64().unwrap();
    let history = lanzhou
        .ok(&format!("/api/v1/quality/values/{xc}/history"))
        .await;
    let actions: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["create", "publish", "unpublish"]);
    assert_eq!(history[0]["new_value"], json!(320.0));
    assert_eq!(
        tianshui
            .get(&format!("/api/v1/quality/values/{xc}/history"))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    let timeline: Vec<String> = b["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["action"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        timeline,
        [
            "opened",
            "saved",
            "saved",
            "submitted",
            "returned",
            "submitted",
            "approved",
            "reopened"
        ]
    );

    // Closed rounds take nothing more.
    let (s, _) = province
        .post(&format!("/api/v1/quality/rounds/{round}/close"), json!({}))
        .await;
    assert_eq!(s, StatusCode::OK);
    let version = lanzhou.ok(&path).await["submission"]["version"].clone();
    let (s, b) = lanzhou
        .put(
            &path,
            json!({"lines": [line("xc", Some(2.0), None)], "version": version}),
        )
        .await;
    assert_eq!(
        (s, b["code"].as_str()),
        (StatusCode::CONFLICT, Some("quality.round_closed"))
    );
}

#[tokio::test]
async fn the_module_refuses_the_anonymous_the_unentitled_and_bad_tokens() {
    let app = TestApp::spawn().await;
    let province = app.login("province").await;
    let tianshui = app.login("tianshui").await;
    let metrology = app.login("metrology").await;
    for path in [
        "/api/v1/quality/indicators",
        "/api/v1/quality/rounds",
        "/api/v1/quality/values",
        "/api/v1/quality/reports",
    ] {
        let (s, _) = read(app.http.get(app.url(path)).send().await.unwrap()).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED, "{path}");
    }
    let indicator = json!({"code": "zz", "name": "z", "direction": 1});
    assert_eq!(
        tianshui
            .post("/api/v1/quality/indicators", indicator)
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        tianshui
            .post("/api/v1/quality/tokens", json!({"name": "x"}))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        tianshui
            .post("/api/v1/quality/reports", json!({"year": this_year() - 1}))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    // A city sees its own values, a department none, the province all.
    let total = |c: &Client| {
        let c = c.clone();
        async move {
            c.ok("/api/v1/quality/values?page_size=1").await["total"]
                .as_u64()
                .unwrap()
        }
    };
    let (all, own) = (total(&province).await, total(&tianshui).await);
    assert!(all > 17 * 12 * 4 && own > 0 && own < all, "{all} {own}");
    assert_eq!(
        metrology.get("/api/v1/quality/values").await.0,
        StatusCode::FORBIDDEN
    );
    let page = tianshui.ok("/api/v1/quality/values?page_size=500").await;
    assert!(
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|v| v["region_code"] == "620500")
    );

    // Tokens: unknown and revoked ones are refused; a city's token pushes that city's only.
    let (s, _) = push(&app, "lzq_0000", json!([])).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _) = push(&app, &province.token, json!([])).await;
    assert_eq!(
        s,
        StatusCode::UNAUTHORIZED,
        "a session is not a data-sharing token"
    );
    let t = token(&province, Some("620500")).await;
    let year = this_year();
    let (s, b) = push(
        &app,
        &t,
        json!([{"indicator": "prod_pass", "region": "620100", "year": year, "value": 90.0},
               {"indicator": "nope", "region": "620500", "year": year, "value": 1.0},
               {"indicator": "prod_pass", "region": "620500", "year": 1990, "value": 1.0},
               {"indicator": "prod_pass", "region": "620500", "year": year, "value": 101.0}]),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let fields: Vec<&str> = b["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["region", "indicator", "year", "value"]);
    assert_eq!(b["accepted"], 0);
    let too_many: Vec<Value> = (0..5001)
        .map(|_| json!({"indicator": "prod_pass", "region": "620500", "year": year, "value": 1.0}))
        .collect();
    let (s, _) = push(&app, &t, Value::Array(too_many)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let tokens = province.ok("/api/v1/quality/tokens").await;
    let id = tokens[0]["id"].as_i64().unwrap();
    let (s, _) = province
        .post(&format!("/api/v1/quality/tokens/{id}/revoke"), json!({}))
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = push(&app, &t, json!([])).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}

/// The demo framework's id.
async fn demo_framework(c: &Client) -> i64 {
    let list = c.ok("/api/v1/quality/frameworks").await;
    list.as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "QDI")
        .and_then(|f| f["id"].as_i64())
        .unwrap()
}

#[tokio::test]
async fn the_analysis_equals_the_engine_command_on_the_exported_files() {
    let app = TestApp::spawn().await;
    let tianshui = app.login("tianshui").await;
    let fw = demo_framework(&tianshui).await;
    let year = this_year() - 1;
    let a = tianshui
        .ok(&format!(
            "/api/v1/quality/analysis?framework_id={fw}&year={year}&mc=300&seed=7"
        ))
        .await;
    assert_eq!(a["regions"].as_array().unwrap().len(), 17);
    assert_eq!(a["engine"]["mc"]["runs"], 300);
    assert!(a["previous"].is_object() && a["changes"][0]["rank_change"].is_i64());

    let dir = tempfile::tempdir().unwrap();
    let (s, csv, _) = tianshui
        .download(
            &format!("/api/v1/quality/analysis/data.csv?framework_id={fw}&year={year}"),
            "zh-CN",
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, toml, _) = tianshui
        .download(&format!("/api/v1/quality/frameworks/{fw}/toml"), "zh-CN")
        .await;
    assert_eq!(s, StatusCode::OK);
    std::fs::write(dir.path().join("data.csv"), &csv).unwrap();
    std::fs::write(dir.path().join("framework.toml"), &toml).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_longzhi"))
        .current_dir(dir.path())
        .args([
            "engine",
            "index",
            "--data",
            "data.csv",
            "--framework",
            "framework.toml",
            "--mc",
            "300",
            "--seed",
            "7",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cli: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(cli, a["engine"], "the page's figures are the command's");

    // The trend has every year of the demo, ranks 1…17 each year.
    let trend = tianshui
        .ok(&format!(
            "/api/v1/quality/analysis/trend?framework_id={fw}&from={}&to={year}",
            year - 4
        ))
        .await;
    assert_eq!(trend.as_array().unwrap().len(), 5);
    let mut ranks: Vec<u64> = trend[4]["ranks"]
        .as_object()
        .unwrap()
        .values()
        .map(|r| r.as_u64().unwrap())
        .collect();
    ranks.sort_unstable();
    assert_eq!(ranks, (1..=17).collect::<Vec<u64>>());
    let (s, b) = tianshui
        .get(&format!(
            "/api/v1/quality/analysis?framework_id={fw}&year=2001"
        ))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
}

/// Waits for a job to end; its final state.
pub(crate) async fn finished(c: &Client, id: i64) -> Value {
    for _ in 0..600 {
        let j = c.ok(&format!("/api/v1/jobs/{id}")).await;
        if j["status"] == "done" || j["status"] == "failed" {
            return j;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    panic!("job {id} did not finish");
}

#[tokio::test]
async fn the_yearly_report_holds_every_region_and_the_figures_of_the_analysis_page() {
    let app = TestApp::spawn().await;
    let province = app.login("province").await;
    let tianshui = app.login("tianshui").await;
    let fw = demo_framework(&province).await;
    let year = this_year() - 1;
    let (s, job) = province
        .post("/api/v1/quality/reports", json!({"year": year}))
        .await;
    assert_eq!(s, StatusCode::ACCEPTED, "{job}");
    let id = job["id"].as_i64().unwrap();
    assert_eq!(
        tianshui.get(&format!("/api/v1/jobs/{id}")).await.0,
        StatusCode::NOT_FOUND
    );
    let done = finished(&province, id).await;
    assert_eq!(done["status"], "done", "{done}");
    assert_eq!(done["progress"], 100);
    let file = done["file_id"].as_i64().unwrap();
    let (s, pdf, _) = province
        .download(&format!("/api/v1/files/{file}"), "zh-CN")
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        tianshui
            .download(&format!("/api/v1/files/{file}"), "zh-CN")
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    let text = pdf_text(&pdf);
    let a = province
        .ok(&format!(
            "/api/v1/quality/analysis?framework_id={fw}&year={year}"
        ))
        .await;
    let root = a["root"].as_str().unwrap();
    for r in a["regions"].as_array().unwrap() {
        assert!(
            text.contains(r["name"].as_str().unwrap()),
            "{} missing",
            r["name"]
        );
    }
    for u in a["engine"]["units"].as_array().unwrap() {
        let score = longzhi_quality_report::format_score(u["scores"][root].as_f64().unwrap());
        assert!(
            text.contains(&score),
            "index {score} of {} missing",
            u["unit"]
        );
    }
    let listed = province.ok("/api/v1/quality/reports").await;
    assert_eq!(listed[0]["id"], id);

    // The annex, and the command line on the same database.
    let (s, xlsx, _) = province
        .download(
            &format!("/api/v1/quality/reports/annex?year={year}"),
            "zh-CN",
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(xlsx.starts_with(b"PK"));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.pdf");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_longzhi"))
        .env("DATABASE_URL", &app.database_url)
        .args([
            "report",
            "quality-status",
            "--year",
            &year.to_string(),
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let cli = pdf_text(&std::fs::read(&out).unwrap());
    for u in a["engine"]["units"].as_array().unwrap() {
        let score = longzhi_quality_report::format_score(u["scores"][root].as_f64().unwrap());
        assert!(cli.contains(&score));
    }
}

#[tokio::test]
async fn a_submission_is_filled_in_from_its_excel_template_with_row_errors() {
    let app = TestApp::spawn().await;
    let province = app.login("province").await;
    let tianshui = app.login("tianshui").await;
    let fw = framework(&province).await;
    let (s, b) = province
        .post(
            "/api/v1/quality/rounds",
            json!({"framework_id": fw, "year": this_year(), "title": "模板", "region_codes": ["620500"],
                   "deadline": longzhi_store::today() + Duration::days(3)}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let sub = b["submissions"][0]["id"].as_i64().unwrap();
    let path = format!("/api/v1/quality/submissions/{sub}");
    let (s, template, _) = tianshui
        .download(&format!("{path}/template"), "zh-CN")
        .await;
    assert_eq!(s, StatusCode::OK);
    let sheet = longzhi_reports::xlsx::read_first_sheet(&template, &Default::default()).unwrap();
    assert_eq!(sheet.headers[0], "指标代码");
    assert_eq!(sheet.rows.len(), 3);
    let write = |rows: &[[&str; 3]]| {
        let cols: Vec<longzhi_reports::xlsx::Column> = ["指标代码", "本年值", "说明"]
            .iter()
            .map(|t| longzhi_reports::xlsx::Column {
                key: (*t).into(),
                title: (*t).into(),
                width: 10.0,
            })
            .collect();
        let rows: Vec<Vec<longzhi_reports::xlsx::Cell>> = rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| longzhi_reports::xlsx::Cell::Text((*c).into()))
                    .collect()
            })
            .collect();
        longzhi_reports::xlsx::write_table("s", &cols, &rows, None).unwrap()
    };
    let bad = write(&[["xa", "abc", ""], ["xb", "80", ""], ["nope", "1", ""]]);
    let (s, b) = tianshui
        .upload(&format!("{path}/import"), "t.xlsx", bad)
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let errors: Vec<(u64, &str)> = b["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["row"].as_u64().unwrap(), e["field"].as_str().unwrap()))
        .collect();
    assert_eq!(errors, [(2, "value"), (3, "value"), (4, "code")]);
    assert!(
        tianshui.ok(&path).await["lines"][0]["value"].is_null(),
        "nothing stored"
    );
    let good = write(&[["xa", "70", ""], ["xb", "5", "新口径"], ["xc", "", ""]]);
    let (s, b) = tianshui
        .upload(&format!("{path}/import"), "t.xlsx", good)
        .await;
    assert_eq!((s, b["created"].as_u64()), (StatusCode::OK, Some(3)), "{b}");
    let form = tianshui.ok(&path).await;
    assert_eq!(form["lines"][1]["value"], json!(5.0));
    assert_eq!(form["lines"][1]["note"], "新口径");
    assert!(form["lines"][2]["value"].is_null());
    // The daily job reminds the city once a day: the deadline is near.
    let day = longzhi_store::today();
    let holder = "test";
    let storage = longzhi_store::storage::DbStorage(app.db.clone());
    let first =
        longzhi_server::jobs::run_daily(&app.db, &storage, &longzhi::modules(), holder, day).await;
    assert!(
        first.iter().any(|l| l.starts_with("quality: 1 ")),
        "{first:?}"
    );
    let again =
        longzhi_server::jobs::run_daily(&app.db, &storage, &longzhi::modules(), holder, day).await;
    assert!(
        again.iter().any(|l| l.starts_with("quality: 0 ")),
        "{again:?}"
    );
    let notices = tianshui.ok("/api/v1/notices").await;
    assert!(notices.to_string().contains("即将截止"), "{notices}");
}

#[tokio::test]
async fn improvement_actions_stay_in_their_owners_scope_and_complete_at_one_hundred() {
    let app = TestApp::spawn().await;
    let tianshui = app.login("tianshui").await;
    let lanzhou = app.login("lanzhou").await;
    let today = longzhi_store::today();
    let body = |region: &str| {
        json!({"title": "质量提升", "kind": "region", "region_code": region, "indicator_codes": ["svc_satis"],
               "targets": "满意度提高 2 分", "start_date": today - Duration::days(30), "end_date": today + Duration::days(300)})
    };
    let (s, b) = tianshui
        .post("/api/v1/quality/actions", body("620100"))
        .await;
    assert_eq!(
        s,
        StatusCode::UNPROCESSABLE_ENTITY,
        "another city's region: {b}"
    );
    let (s, b) = tianshui
        .post("/api/v1/quality/actions", body("620500"))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let id = b["id"].as_i64().unwrap();
    let path = format!("/api/v1/quality/actions/{id}");
    assert_eq!(lanzhou.get(&path).await.0, StatusCode::NOT_FOUND);
    let (s, _) = lanzhou
        .post(
            &format!("{path}/reports"),
            json!({"report_date": today, "progress": 50, "text": "x"}),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, b) = tianshui
        .post(
            &format!("{path}/reports"),
            json!({"report_date": today, "progress": 100, "text": "全部完成"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let detail = tianshui.ok(&path).await;
    assert_eq!(detail["action"]["status"], "completed");
    assert_eq!(detail["reports"].as_array().unwrap().len(), 1);
    let series = &detail["series"][0]["values"];
    assert!(
        series.as_object().unwrap().len() >= 5,
        "the region's values over the years: {series}"
    );
    let (s, _) = tianshui
        .send(
            Method::POST,
            &format!("{path}/reports"),
            Some(json!({"report_date": today + Duration::days(2), "progress": 10, "text": "x"})),
        )
        .await;
    assert_eq!(
        s,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a report cannot be dated in the future"
    );
}

#[tokio::test]
async fn two_reviews_of_one_submission_at_once_leave_one_decision() {
    let app = TestApp::spawn().await;
    let province = app.login("province").await;
    // The demo's round of this year: some cities have submitted, not yet reviewed.
    let rounds = province
        .ok(&format!("/api/v1/quality/rounds?year={}", this_year()))
        .await;
    let round = rounds[0]["id"].as_i64().unwrap();
    let detail = province
        .ok(&format!("/api/v1/quality/rounds/{round}"))
        .await;
    let submitted = detail["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["status"] == "submitted")
        .expect("a submitted submission in the demo");
    let review = format!("/api/v1/quality/submissions/{}/review", submitted["id"]);
    let (a, b) = tokio::join!(
        province.post(&review, json!({"decision": "approve"})),
        province.post(
            &review,
            json!({"decision": "return", "comment": "重新核对"})
        ),
    );
    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(
        statuses,
        [StatusCode::OK, StatusCode::CONFLICT],
        "{a:?} {b:?}"
    );
    let (winner, _) = if a.0 == StatusCode::OK {
        (a.1, b.1)
    } else {
        (b.1, a.1)
    };
    let form = province
        .ok(&format!(
            "/api/v1/quality/submissions/{}",
            winner["submission"]["id"]
        ))
        .await;
    assert_eq!(form["submission"]["status"], winner["submission"]["status"]);
    let decisions = form["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["action"] == "approved" || t["action"] == "returned")
        .count();
    assert_eq!(decisions, 1, "one decision in the history");
}
