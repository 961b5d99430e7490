//! Injury monitoring: cases by form, Excel import (a file wrong in several rows) and bulk
//! upload; estimates equal to `longzhi engine survey` on the exported cases; signals equal to
//! `longzhi engine signal` on the exported reports, the planted one found and drilled into; the
//! public form; and who sees what.

use std::collections::BTreeMap;

use chrono::Duration;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::excel::sheet;
use crate::helpers::{Client, TestApp, assert_error, assert_field, read};

fn today() -> chrono::NaiveDate {
    longzhi_store::today()
}

fn case(no: &str, age: Value) -> Value {
    json!({"case_no": no, "treated_on": today().to_string(), "age": age, "sex": "F",
           "place": "home", "activity": "leisure", "intent": "unintentional",
           "body_part": "hand", "diagnosis": "burn", "severity": "mild",
           "disposition": "released", "products": ["power-bank"],
           "narrative": "充电时移动电源起火烫伤手部"})
}

async fn total(c: &Client, path: &str) -> u64 {
    c.ok(path).await["total"].as_u64().unwrap()
}

/// Runs the binary with `args`; its JSON answer.
fn engine(dir: &std::path::Path, args: &[&str]) -> Value {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_longzhi"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The words of a printed command, single quotes honoured (the rules hold spaces).
fn words(command: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    for ch in command.chars() {
        match ch {
            '\'' => quoted = !quoted,
            ' ' if !quoted => out.push(String::new()),
            c => out.last_mut().unwrap().push(c),
        }
    }
    out.into_iter().filter(|w| !w.is_empty()).collect()
}

#[track_caller]
fn close(a: &Value, b: &Value, what: &str) {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => assert!(
            (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0),
            "{what}: {x} vs {y}"
        ),
        _ => assert_eq!(a, b, "{what}"),
    }
}

#[tokio::test]
async fn cases_come_by_form_by_excel_with_row_errors_and_by_bulk_upload() {
    let app = TestApp::spawn().await;
    let hospital = app.login("hospital").await;
    let before = total(&hospital, "/api/v1/injury/cases?page_size=1").await;

    // The form: a user of one point need not name it.
    let (s, b) = hospital
        .post("/api/v1/injury/cases", case("F-1", json!(34)))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    assert_eq!(
        (b["point_code"].as_str(), b["age_group"].as_str()),
        (Some("LZ-001"), Some("25-44"))
    );
    let again = hospital
        .post("/api/v1/injury/cases", case("F-1", json!(34)))
        .await;
    assert_error(&again, StatusCode::CONFLICT, "conflict.duplicate");
    let mut bad = case("F-2", json!(130));
    bad["products"] = json!(["toy", "toy", "rocket"]);
    bad["treated_on"] = json!((today() + Duration::days(1)).to_string());
    let res = hospital.post("/api/v1/injury/cases", bad).await;
    for (field, rule) in [
        ("age", "range"),
        ("products", "unique"),
        ("products", "exists"),
        ("treated_on", "range"),
    ] {
        assert_field(&res, field, rule);
    }

    // Excel: a file wrong in several rows stores nothing, or its valid rows when asked.
    let (s, template, _) = hospital
        .download("/api/v1/injury/cases/import-template", "zh-CN")
        .await;
    assert_eq!(s, StatusCode::OK);
    let headers = longzhi_reports::xlsx::read_first_sheet(&template, &Default::default())
        .unwrap()
        .headers;
    assert_eq!(headers[1], "病例编号");
    let h: Vec<&str> = headers.iter().map(String::as_str).collect();
    let d = today().to_string();
    let row = |no: &'static str, date: &'static str, age: &'static str, sex: &'static str| {
        [
            "",
            no,
            date,
            age,
            sex,
            "家中",
            "休闲活动",
            "非故意",
            "手与手指",
            "烧烫伤",
            "轻度",
            "处理后离院",
            "移动电源与充电器",
            "",
            "",
            "充电时起火",
        ]
    };
    let rows = [
        row("X-1", "DATE", "20", "女"),
        row("X-2", "DATE", "abc", "X"),
        row("X-3", "2020-13-40", "30", "M"),
        row("X-4", "DATE", "40", "M"),
    ];
    let rows: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| if *c == "DATE" { d.as_str() } else { c })
                .collect()
        })
        .collect();
    let refs: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
    let file = sheet(&h, &refs);
    let (s, b) = hospital
        .upload("/api/v1/injury/cases/import", "c.xlsx", file.clone())
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let errors: Vec<(u64, &str)> = b["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["row"].as_u64().unwrap(), e["field"].as_str().unwrap()))
        .collect();
    assert_eq!(errors, [(3, "age"), (3, "sex"), (4, "treated_on")], "{b}");
    assert_eq!(b["created"], 0);
    assert_eq!(
        total(&hospital, "/api/v1/injury/cases?page_size=1").await,
        before + 1
    );
    let (s, b) = hospital
        .upload(
            "/api/v1/injury/cases/import?mode=valid_rows",
            "c.xlsx",
            file,
        )
        .await;
    assert_eq!((s, b["created"].as_u64()), (StatusCode::OK, Some(2)), "{b}");
    assert_eq!(b["errors"].as_array().unwrap().len(), 3);
    assert_eq!(
        total(&hospital, "/api/v1/injury/cases?page_size=1").await,
        before + 3
    );

    // Bulk: valid records stored, the others answered; a resend replaces, never duplicates.
    let upload = json!({"point_code": "LZ-001", "cases": [
        case("B-1", json!(5)), case("B-2", json!(-1)), case("B-3", json!(70))]});
    let (s, b) = hospital
        .post("/api/v1/injury/cases/bulk", upload.clone())
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(
        (b["created"].as_u64(), b["updated"].as_u64()),
        (Some(2), Some(0))
    );
    assert_eq!(
        (
            b["errors"][0]["index"].as_u64(),
            b["errors"][0]["field"].as_str()
        ),
        (Some(1), Some("age"))
    );
    let (_, b) = hospital.post("/api/v1/injury/cases/bulk", upload).await;
    assert_eq!(
        (b["created"].as_u64(), b["updated"].as_u64()),
        (Some(0), Some(2)),
        "{b}"
    );
    assert_eq!(
        total(&hospital, "/api/v1/injury/cases?page_size=1").await,
        before + 5
    );
    // Another hospital's point is not this user's to write to.
    let res = hospital
        .post(
            "/api/v1/injury/cases/bulk",
            json!({"point_code": "TS-003", "cases": [case("B-9", json!(5))]}),
        )
        .await;
    assert_field(&res, "point_code", "exists");
}

#[tokio::test]
async fn estimates_equal_the_survey_command_on_the_exported_cases() {
    let app = TestApp::spawn().await;
    let province = app.login("province").await;
    let dir = tempfile::tempdir().unwrap();
    for query in ["by=product", "by=city&product=toy", "by=age_group,sex"] {
        let e = province
            .ok(&format!("/api/v1/injury/estimates?{query}"))
            .await;
        assert!(e["design"]["records"].as_u64().unwrap() > 10_000, "{query}");
        assert_eq!(
            (e["design"]["strata"].as_u64(), e["design"]["psus"].as_u64()),
            (Some(3), Some(10))
        );
        let (s, csv, _) = province
            .download(
                &format!("/api/v1/injury/estimates/data.csv?{query}"),
                "zh-CN",
            )
            .await;
        assert_eq!(s, StatusCode::OK);
        std::fs::write(dir.path().join("data.csv"), csv).unwrap();
        let command = words(e["command"].as_str().unwrap());
        assert_eq!(command[..3], ["longzhi", "engine", "survey"]);
        let args: Vec<&str> = command[1..].iter().map(String::as_str).collect();
        let cli = engine(dir.path(), &args);
        assert_eq!(cli["design"]["records"], e["design"]["records"], "{query}");
        let domains: BTreeMap<String, &Value> = cli["domains"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (d["by"].to_string(), d))
            .collect();
        let rows = e["rows"].as_array().unwrap();
        assert!(!rows.is_empty(), "{query}");
        for r in rows {
            let d = domains[&r["by"].to_string()];
            assert_eq!(r["n"], d["n"], "{query} {}", r["by"]);
            for k in ["estimate", "se", "cv", "ci_lo", "ci_hi"] {
                close(&r[k], &d[k], &format!("{query} {} {k}", r["by"]));
            }
            // The publication rule: the command's (cases and CV) and at least 3 points.
            let points = r["points"].as_u64().unwrap() >= 3;
            assert_eq!(
                r["published"].as_bool().unwrap(),
                d["stable"].as_bool().unwrap() && points
            );
        }
        if query.contains("product=toy") {
            assert!(rows.iter().all(|r| r["by"]["product"] == "toy"));
            // A city with one point's toy injuries cannot be published: too few points.
            assert!(
                rows.iter()
                    .any(|r| r["reasons"].as_array().unwrap().contains(&json!("points")))
            );
        }
    }
    let res = province.get("/api/v1/injury/estimates?by=colour").await;
    assert_field(&res, "by", "enum");
}

#[tokio::test]
async fn signals_equal_the_signal_command_and_the_planted_one_is_found_and_drilled_into() {
    let app = TestApp::spawn().await;
    let province = app.login("province").await;
    let t = province.ok("/api/v1/injury/signals?dimension=model").await;
    let cells = t["cells"].as_array().unwrap();
    let planted = cells
        .iter()
        .find(|c| c["row"] == "迅驰 XC-20000" && c["col"] == "fire")
        .expect("the planted signal");
    assert_eq!(planted["n"], 40);
    assert!(planted["new"].as_bool().unwrap(), "{planted}");
    assert!(
        planted["signals"]
            .as_array()
            .unwrap()
            .contains(&json!("eb05"))
    );
    assert!(
        cells[0]["signals"]
            .as_array()
            .is_some_and(|s| !s.is_empty()),
        "signals first"
    );

    let dir = tempfile::tempdir().unwrap();
    let (s, csv, _) = province
        .download(
            "/api/v1/injury/signals/reports.csv?dimension=model",
            "zh-CN",
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    std::fs::write(dir.path().join("reports.csv"), csv).unwrap();
    let command = words(t["command"].as_str().unwrap());
    let args: Vec<&str> = command[1..].iter().map(String::as_str).collect();
    let cli = engine(dir.path(), &args);
    assert_eq!(cli["n_total"], t["n_total"]);
    let by_cell: BTreeMap<(String, String), &Value> = cli["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                (
                    c["row"].as_str().unwrap().into(),
                    c["col"].as_str().unwrap().into(),
                ),
                c,
            )
        })
        .collect();
    assert_eq!(by_cell.len(), cells.len());
    for c in cells {
        let d = by_cell[&(
            c["row"].as_str().unwrap().into(),
            c["col"].as_str().unwrap().into(),
        )];
        assert_eq!((&c["n"], &c["signals"]), (&d["n"], &d["signals"]));
        for k in ["expected", "prr", "ror", "ic025", "ebgm", "eb05"] {
            close(&c[k], &d[k], k);
        }
    }

    // Drill down: the reports behind the cell.
    let path = format!(
        "/api/v1/injury/reports?brand={}&model={}&hazard=fire&from={}&to={}&page_size=1",
        "迅驰",
        "XC-20000",
        t["from"].as_str().unwrap(),
        t["to"].as_str().unwrap()
    );
    assert_eq!(total(&province, &path).await, 40);

    // The register holds it; escalating needs to say to what.
    let reg = province.ok("/api/v1/injury/register?q=XC-20000").await;
    let entry = &reg["items"][0];
    assert_eq!(
        (entry["hazard"].as_str(), entry["status"].as_str()),
        (Some("fire"), Some("new"))
    );
    let url = format!("/api/v1/injury/register/{}", entry["id"]);
    let res = province
        .put(
            &url,
            json!({"status": "escalated", "version": entry["version"]}),
        )
        .await;
    assert_field(&res, "follow_up", "required");
    let (s, b) = province
        .put(&url, json!({"status": "escalated", "follow_up": "investigation", "note": "立案调查", "version": entry["version"]}))
        .await;
    assert_eq!(
        (s, b["follow_up"].as_str()),
        (StatusCode::OK, Some("investigation")),
        "{b}"
    );

    // Rules are configurable; a rule the engine cannot read is refused naming the field.
    let res = province
        .post(
            "/api/v1/injury/signal-rules",
            json!({"name": "strict", "expr": "eb05 >>= 3", "status": "active"}),
        )
        .await;
    assert_field(&res, "expr", "format");
    let (s, _) = province
        .post(
            "/api/v1/injury/signal-rules",
            json!({"name": "strict", "expr": "eb05 >= 6 and n >= 30", "status": "active"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let t = province.ok("/api/v1/injury/signals?dimension=model").await;
    let planted = t["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["row"] == "迅驰 XC-20000" && c["col"] == "fire")
        .unwrap();
    assert!(
        planted["signals"]
            .as_array()
            .unwrap()
            .contains(&json!("strict"))
    );
    assert!(
        t["command"]
            .as_str()
            .unwrap()
            .contains("'strict=eb05 >= 6 and n >= 30'")
    );
}

#[tokio::test]
async fn the_public_form_takes_reports_reads_nothing_back_and_is_rate_limited() {
    let app = TestApp::spawn().await;
    let form = app
        .http
        .get(app.url("/api/v1/public/defect-reports/form"))
        .send()
        .await
        .unwrap();
    let (s, f) = read(form).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        f["categories"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["value"] == "power-bank")
    );
    let report = |extra: Value| {
        let mut r = json!({"category": "power-bank", "hazard": "fire", "brand": "迅驰", "model": "XC-20000",
            "producer_name": "迅驰科技有限公司", "description": "充电时冒烟起火", "city_code": "620100",
            "reporter_name": "张三丰", "reporter_phone": "13812345678"});
        for (k, v) in extra.as_object().unwrap() {
            r[k] = v.clone();
        }
        r
    };
    let post = |body: Value| {
        let req = app
            .http
            .post(app.url("/api/v1/public/defect-reports"))
            .json(&body);
        async move { read(req.send().await.unwrap()).await }
    };
    let (s, b) = post(report(json!({}))).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    assert_eq!(
        b.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["report_no"]
    );
    let no = b["report_no"].as_str().unwrap().to_owned();
    let res = post(report(
        json!({"producer_code": "91620100MA72C00011", "reporter_phone": "call me"}),
    ))
    .await;
    assert_field(&res, "producer_code", "checksum");
    assert_field(&res, "reporter_phone", "format");
    // A bot fills the hidden field: it gets a receipt, nothing is stored.
    let (s, bot) = post(report(json!({"website": "http://spam.example"}))).await;
    assert_eq!(s, StatusCode::CREATED);

    let province = app.login("province").await;
    let found = province.ok(&format!("/api/v1/injury/reports?q={no}")).await;
    assert_eq!(found["total"], 1);
    assert_eq!(found["items"][0]["reporter_phone"], "13812345678");
    assert_eq!(found["items"][0]["source"], "consumer");
    let bot_no = bot["report_no"].as_str().unwrap();
    assert_eq!(
        total(&province, &format!("/api/v1/injury/reports?q={bot_no}")).await,
        0
    );
    // 兰州 sees its citizens' reports, masked.
    let lanzhou = app.login("lanzhou").await;
    let seen = lanzhou.ok(&format!("/api/v1/injury/reports?q={no}")).await;
    assert_eq!(
        (
            seen["items"][0]["reporter_phone"].as_str(),
            seen["items"][0]["reporter_name"].as_str()
        ),
        (Some("138****5678"), Some("张**"))
    );
    let tianshui = app.login("tianshui").await;
    assert_eq!(
        total(&tianshui, &format!("/api/v1/injury/reports?q={no}")).await,
        0
    );

    // The anonymous read nothing; the address is throttled after a few a day.
    let anon = read(
        app.http
            .get(app.url("/api/v1/injury/reports"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_error(&anon, StatusCode::UNAUTHORIZED, "auth.unauthenticated");
    let mut limited = None;
    for k in 0..12 {
        let res = post(report(json!({"model": format!("M{k}")}))).await;
        if res.0 != StatusCode::CREATED {
            limited = Some(res);
            break;
        }
    }
    assert_error(
        &limited.expect("throttled"),
        StatusCode::TOO_MANY_REQUESTS,
        "request.rate_limited",
    );
}

#[tokio::test]
async fn a_hospital_sees_its_point_a_city_its_region_an_enterprise_its_reports() {
    let app = TestApp::spawn().await;
    let hospital = app.login("hospital").await;
    let page = hospital.ok("/api/v1/injury/cases?page_size=50").await;
    assert!(page["total"].as_u64().unwrap() > 1000);
    assert!(
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["point_code"] == "LZ-001")
    );
    let points = hospital.ok("/api/v1/injury/points").await;
    assert_eq!(points["total"], 1);
    let province = app.login("province").await;
    let other = province
        .ok("/api/v1/injury/cases?city_code=620500&page_size=1")
        .await["items"][0]["id"]
        .clone();
    assert_error(
        &hospital.get(&format!("/api/v1/injury/cases/{other}")).await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_error(
        &hospital.get("/api/v1/injury/estimates").await,
        StatusCode::FORBIDDEN,
        "auth.forbidden",
    );

    let tianshui = app.login("tianshui").await;
    let page = tianshui.ok("/api/v1/injury/cases?page_size=100").await;
    assert!(
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["city_code"] == "620500")
    );
    let res = tianshui
        .post("/api/v1/injury/cases", case("T-1", json!(3)))
        .await;
    assert_error(&res, StatusCode::FORBIDDEN, "auth.forbidden");

    let enterprise = app.login("enterprise").await;
    let (s, b) = enterprise
        .post(
            "/api/v1/injury/reports",
            json!({"source": "consumer", "category": "e-bike", "hazard": "fire",
            "brand": "示范", "model": "E1", "producer_name": "兰州示范机械制造有限公司",
            "description": "自查发现电池包过热"}),
        )
        .await;
    assert_eq!(
        (s, b["source"].as_str()),
        (StatusCode::CREATED, Some("enterprise")),
        "{b}"
    );
    let mine = enterprise.ok("/api/v1/injury/reports").await;
    assert_eq!(mine["total"], 1);
}

#[tokio::test]
async fn the_weekly_run_registers_a_new_signal_and_tells_the_product_safety_staff() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let staff_role = app.role_id("province_staff").await;
    let safety = app
        .new_user(&admin, "safety", "620000-product-safety", &[staff_role])
        .await;
    let province = app.login("province").await;
    let yesterday = (today() - Duration::days(1)).to_string();
    for k in 0..12 {
        let (s, b) = province
            .post(
                "/api/v1/injury/reports",
                json!({"source": "sampling", "received_on": yesterday,
                "category": "toy", "hazard": "explosion", "brand": "测试", "model": "T-1",
                "producer_name": "测试玩具厂", "description": format!("抽检第 {k} 批次电池爆裂")}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
    }
    let storage = longzhi_store::storage::DbStorage(app.db.clone());
    let modules = longzhi::modules();
    let day = today();
    let ran = longzhi_server::jobs::run_daily(&app.db, &storage, &modules, "a", day).await;
    let line = ran
        .iter()
        .find(|l| l.starts_with("injury: "))
        .expect("the weekly run");
    assert!(!line.starts_with("injury: 0 "), "{ran:?}");
    // Another server the same week finds the lease taken: the run is once a week.
    let other = longzhi_server::jobs::run_daily(&app.db, &storage, &modules, "b", day).await;
    assert!(
        !other.iter().any(|l| l.starts_with("injury: ")),
        "{other:?}"
    );

    let reg = province.ok("/api/v1/injury/register?q=T-1").await;
    let entry = &reg["items"][0];
    assert_eq!(
        (entry["row_label"].as_str(), entry["hazard"].as_str()),
        (Some("测试 T-1"), Some("explosion"))
    );
    assert_eq!(entry["first_detected_on"], json!(day));
    let notices = safety.ok("/api/v1/notices").await;
    assert!(
        notices.to_string().contains("测试 T-1 × explosion"),
        "{notices}"
    );
}

#[tokio::test]
async fn the_province_registers_a_monitoring_point_and_sets_its_design() {
    let app = TestApp::spawn().await;
    let province = app.login("province").await;
    let year = chrono::Datelike::year(&today());
    let clinic = app.org_id("demo-inst-testing").await; // 天水
    let body = |code: &str, org: i64| {
        json!({"code": code, "name": "天水示范检验所伤害信息点", "kind": "other-source", "org_id": org,
               "contact": "王工", "status": "active"})
    };
    let (s, b) = province
        .post("/api/v1/injury/points", body("TS-900", clinic))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    assert_eq!(
        (b["city_code"].as_str(), b["city_name"].as_str()),
        (Some("620500"), Some("天水市"))
    );
    let id = b["id"].as_i64().unwrap();
    let dup = province
        .post("/api/v1/injury/points", body("TS-900", clinic))
        .await;
    assert_error(&dup, StatusCode::CONFLICT, "conflict.duplicate");
    let bad = province
        .post(
            "/api/v1/injury/points",
            json!({"code": "", "name": "x", "kind": "spaceship",
        "org_id": 999_999, "status": "active"}),
        )
        .await;
    for (field, rule) in [
        ("code", "required"),
        ("kind", "exists"),
        ("org_id", "exists"),
    ] {
        assert_field(&bad, field, rule);
    }
    let period = format!("/api/v1/injury/points/{id}/periods");
    let res = province
        .put(
            &period,
            json!({"year": year, "stratum": "small", "weight": 0}),
        )
        .await;
    assert_field(&res, "weight", "range");
    let (s, b) = province
        .put(
            &period,
            json!({"year": year, "stratum": "small", "weight": 48.5}),
        )
        .await;
    assert_eq!(
        (s, b["psu"].as_str()),
        (StatusCode::OK, Some("TS-900")),
        "{b}"
    );
    let detail = province.ok(&format!("/api/v1/injury/points/{id}")).await;
    assert_eq!(detail["periods"][0]["weight"], 48.5);

    // 兰州 can neither register a point for 天水's organisation nor see 天水's point.
    let lanzhou = app.login("lanzhou").await;
    let (s, _) = lanzhou.get(&format!("/api/v1/injury/points/{id}")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let refused = lanzhou
        .post("/api/v1/injury/points", body("TS-901", clinic))
        .await;
    assert_error(&refused, StatusCode::FORBIDDEN, "auth.forbidden");
}
