//! Car 三包: the public self-check equal to `longzhi engine sanbao` on every case of the engine's
//! tests, its refusals (malformed input, the rate limit) and its PDF; a dispute from intake to
//! outcome with every refusal on the way (VIN, another city, the maker read-only, a conflicted
//! expert, a closed dispute, a concurrent change); deadlines across the province's holidays and
//! the daily flag once; repairs imported from Excel; makers' terms; the analysis.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::excel::sheet;
use crate::helpers::{Client, TestApp, assert_error, assert_field, read};

fn today() -> NaiveDate {
    longzhi_store::today()
}

/// `longzhi engine sanbao --input <file>` on `text`: its JSON, or its error output.
fn command(text: &str) -> Result<Value, String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.json");
    std::fs::write(&path, text).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_longzhi"))
        .args(["engine", "sanbao", "--input"])
        .arg(&path)
        .output()
        .unwrap();
    if out.status.success() {
        Ok(serde_json::from_slice(&out.stdout).unwrap())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// A public request from client address `ip` (the test server trusts the proxy header).
async fn public(app: &TestApp, path: &str, ip: &str, body: String) -> (StatusCode, Value) {
    read(
        app.http
            .post(app.url(path))
            .header("x-forwarded-for", ip)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn the_self_check_answers_what_the_command_does_on_every_engine_case() {
    let app = TestApp::spawn_with(|c| c.trust_proxy = true).await;
    let cases: Vec<Value> =
        serde_json::from_str(include_str!("../../../engines/sanbao/tests/cases.json")).unwrap();
    assert!(cases.len() > 50, "the engine's cases: {}", cases.len());
    for (k, c) in cases.iter().enumerate() {
        let text = c
            .get("input")
            .map_or_else(|| c["text"].as_str().unwrap().to_owned(), Value::to_string);
        // One address per case: the hourly allowance is not what this test is about.
        let ip = format!("10.{}.{}.1", k / 250, k % 250);
        let (s, b) = public(&app, "/api/v1/public/sanbao/check", &ip, text.clone()).await;
        let cli = command(&text);
        if c["valid"] == true {
            assert_eq!(s, StatusCode::OK, "{} {text}: {b}", c["test"]);
            assert_eq!(b, cli.unwrap(), "{} {text}", c["test"]);
        } else {
            assert!(cli.is_err(), "{} {text}", c["test"]);
            assert!(s.is_client_error(), "{} {text}: {s} {b}", c["test"]);
            assert!(
                ["validation.field", "validation.body"].contains(&b["code"].as_str().unwrap()),
                "{} {text}: {b}",
                c["test"]
            );
        }
    }
}

fn art22_case() -> Value {
    let start = today() - Duration::days(10);
    json!({"purchase_date": start, "price_yuan": 150000, "evaluation_date": today(),
           "odometer_km": 600, "compensation_rate": 0.005,
           "events": [{"date": start + Duration::days(5), "odometer_km": 400, "kind": "replace_part",
                       "system": "gearbox", "part": "离合器", "fault_id": "f1", "repair_days": 2}]})
}

#[tokio::test]
async fn malformed_self_checks_name_the_field_and_never_fail_the_server() {
    let app = TestApp::spawn_with(|c| c.trust_proxy = true).await;
    let mut case = art22_case();
    case["events"][0]["odometer_km"] = json!(-5);
    let r = public(
        &app,
        "/api/v1/public/sanbao/check",
        "10.9.0.1",
        case.to_string(),
    )
    .await;
    assert_field(&r, "events[0].odometer_km", "format");
    let mut case = art22_case();
    case["evaluation_date"] = json!("2000-01-01");
    let r = public(
        &app,
        "/api/v1/public/sanbao/check",
        "10.9.0.2",
        case.to_string(),
    )
    .await;
    assert_field(&r, "evaluation_date", "format");
    let hostile = [
        "[]".to_owned(),
        "null".to_owned(),
        "{\"purchase_date\": 1}".to_owned(),
        json!({"purchase_date": "2026-02-30"}).to_string(),
        art22_case().to_string().replace("150000", "1e400"),
        art22_case()
            .to_string()
            .replace("\"events\":[", "\"events\":[\"x\","),
        "{".repeat(10_000),
        format!("{{\"extra\": \"{}\"}}", "x".repeat(3 * 1024 * 1024)),
    ];
    for (k, h) in hostile.iter().enumerate() {
        let (s, b) = public(
            &app,
            "/api/v1/public/sanbao/check",
            &format!("10.9.1.{k}"),
            h.clone(),
        )
        .await;
        assert!(s.is_client_error(), "{}: {s} {b}", &h[..h.len().min(80)]);
        let (s, _) = public(
            &app,
            "/api/v1/public/sanbao/report",
            &format!("10.9.2.{k}"),
            h.clone(),
        )
        .await;
        assert!(s.is_client_error(), "report {}: {s}", &h[..h.len().min(80)]);
    }
}

#[tokio::test]
async fn the_self_check_is_rate_limited_per_address_and_prints_a_pdf() {
    let app = TestApp::spawn_with(|c| c.trust_proxy = true).await;
    let case = art22_case().to_string();
    let mut limited = None;
    for k in 0..80 {
        let (s, b) = public(
            &app,
            "/api/v1/public/sanbao/check",
            "10.8.0.1",
            case.clone(),
        )
        .await;
        if s == StatusCode::TOO_MANY_REQUESTS {
            assert_eq!(b["code"], "request.rate_limited");
            limited = Some(k);
            break;
        }
        assert_eq!(s, StatusCode::OK, "{b}");
        assert_eq!(b["remedy"], "refund_or_replace");
    }
    assert_eq!(limited, Some(60), "the 61st check of the hour is refused");
    let (s, _) = public(
        &app,
        "/api/v1/public/sanbao/check",
        "10.8.0.2",
        case.clone(),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "another address is not limited");

    for (lang, words) in [
        ("zh-CN", ["可要求更换或退货", "第22条"]),
        ("en", ["refund", "Art 22"]),
    ] {
        let res = app
            .http
            .post(app.url(&format!("/api/v1/public/sanbao/report?lang={lang}")))
            .header("x-forwarded-for", format!("10.8.1.{}", lang.len()))
            .header("content-type", "application/json")
            .body(case.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()["content-type"], "application/pdf");
        let pdf = res.bytes().await.unwrap();
        assert!(pdf.starts_with(b"%PDF"));
        let text = longzhi_reports::testing::pdf_text(&pdf).unwrap();
        for w in words {
            assert!(text.contains(w), "{lang}: no {w} in {text}");
        }
    }
    let models = app
        .http
        .get(app.url("/api/v1/public/sanbao/models"))
        .send()
        .await
        .unwrap();
    let models: Value = models.json().await.unwrap();
    assert!(
        models
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["name"] == "远航 E5" && m["compensation_rate"] == 0.005),
        "{models}"
    );
}

/// The id of the demo model named `name`.
async fn model_id(c: &Client, name: &str) -> i64 {
    let page = c
        .ok(&format!("/api/v1/car/models?q={}", urlencode(name)))
        .await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == name)
        .unwrap()["id"]
        .as_i64()
        .unwrap()
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn intake(model: i64, received_on: NaiveDate, vin: &str) -> Value {
    json!({"consumer_name": "测试消费者", "consumer_phone": "13900000000", "vin": vin,
           "model_id": model, "seller_name": "兰州某汽车销售公司",
           "purchase_date": received_on - Duration::days(10), "price_yuan": 150000,
           "odometer_km": 600, "request": "replace", "received_on": received_on,
           "complaint": "变速器异响"})
}

fn visit(on: NaiveDate, km: u32) -> Value {
    json!({"date": on, "odometer_km": km, "kind": "replace_part", "system": "gearbox",
           "part": "离合器", "fault_id": "f1", "repair_days": 2})
}

const VIN: &str = "1M8GDM9AXKP042788";

#[tokio::test]
async fn a_dispute_goes_from_intake_to_outcome_with_every_refusal() {
    let app = TestApp::spawn().await;
    let lanzhou = app.login("lanzhou").await;
    let tianshui = app.login("tianshui").await;
    let maker = app.login("carmaker").await;
    let e5 = model_id(&lanzhou, "远航 E5").await;

    // The VIN's check digit.
    let r = lanzhou
        .post(
            "/api/v1/car/disputes",
            intake(e5, today(), "1M8GDM9A1KP042788"),
        )
        .await;
    assert_field(&r, "vin", "checksum");
    let r = lanzhou
        .post(
            "/api/v1/car/disputes",
            intake(e5, today(), "1M8GDM9AXKP04278"),
        )
        .await;
    assert_field(&r, "vin", "length");
    // The engine judges the dates: a request before the purchase names the field.
    let mut bad = intake(e5, today(), VIN);
    bad["purchase_date"] = json!(today() + Duration::days(1));
    assert_field(
        &lanzhou.post("/api/v1/car/disputes", bad).await,
        "received_on",
        "format",
    );

    let (s, d) = lanzhou
        .post(
            "/api/v1/car/disputes",
            intake(e5, today() - Duration::days(1), VIN),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{d}");
    let id = d["dispute"]["id"].as_i64().unwrap();
    assert!(d["dispute"]["code"].as_str().unwrap().starts_with("SB-"));
    assert_eq!(d["dispute"]["remedy"], "none");
    assert_eq!(
        d["dispute"]["compensation_rate"], 0.005,
        "the model's n by default"
    );
    assert_eq!(d["evaluations"].as_array().unwrap().len(), 1);

    // A visit replacing a gearbox part on day 5: Art 22, and the evaluation kept as version 2,
    // equal to the command on its own input.
    let version = d["dispute"]["version"].as_i64().unwrap();
    let r = lanzhou
        .post(&format!("/api/v1/car/disputes/{id}/repairs"),
            json!({"version": version, "date": today() - Duration::days(6), "odometer_km": 400,
                   "kind": "replace_part", "system": "gearbox", "part": "离合器", "fault_id": "f1", "repair_days": 2}))
        .await;
    assert_eq!(r.0, StatusCode::OK, "{}", r.1);
    let d = r.1;
    assert_eq!(d["dispute"]["remedy"], "refund_or_replace");
    let evals = d["evaluations"].as_array().unwrap();
    assert_eq!(evals.len(), 2);
    assert_eq!(evals[0]["number"], 2);
    assert_eq!(evals[0]["cause"], "repairs");
    assert_eq!(evals[0]["result"]["articles"], json!(["22"]));
    assert_eq!(
        evals[0]["result"],
        command(&evals[0]["input"].to_string()).unwrap()
    );
    assert_eq!(
        evals[1]["result"]["remedy"], "none",
        "the first version is kept"
    );

    // A stale version is refused, nothing stored.
    let r = lanzhou
        .post(&format!("/api/v1/car/disputes/{id}/repairs"), {
            let mut v = visit(today() - Duration::days(3), 500);
            v["version"] = json!(version);
            v
        })
        .await;
    assert_error(&r, StatusCode::CONFLICT, "conflict.version");
    let version = d["dispute"]["version"].as_i64().unwrap();

    // Another city sees nothing; the maker reads it and cannot write.
    assert_eq!(
        tianshui.get(&format!("/api/v1/car/disputes/{id}")).await.0,
        StatusCode::NOT_FOUND
    );
    assert!(
        !tianshui
            .ids("/api/v1/car/disputes?page_size=100")
            .await
            .contains(&id)
    );
    assert!(
        maker
            .ids("/api/v1/car/disputes?page_size=100")
            .await
            .contains(&id)
    );
    let seen = maker.ok(&format!("/api/v1/car/disputes/{id}")).await;
    assert_eq!(
        seen["dispute"]["consumer_phone"], "139****0000",
        "the maker reads it masked"
    );
    assert_eq!(
        lanzhou.ok(&format!("/api/v1/car/disputes/{id}")).await["dispute"]["consumer_phone"],
        "13900000000"
    );
    let r = maker
        .post(
            &format!("/api/v1/car/disputes/{id}/answer"),
            json!({"answered_on": today(), "answer": "同意", "version": version}),
        )
        .await;
    assert_error(&r, StatusCode::FORBIDDEN, "auth.forbidden");
    for other in maker.ok("/api/v1/car/disputes?page_size=100").await["items"]
        .as_array()
        .unwrap()
    {
        assert_eq!(
            other["brand"], "远航",
            "the maker sees only disputes naming it: {other}"
        );
    }

    // The seller's answer, a mediation.
    let r = lanzhou
        .post(&format!("/api/v1/car/disputes/{id}/answer"), json!({"answered_on": today() + Duration::days(1), "answer": "同意", "version": version}))
        .await;
    assert_field(&r, "answered_on", "range");
    let (s, d) = lanzhou
        .post(
            &format!("/api/v1/car/disputes/{id}/answer"),
            json!({"answered_on": today(), "answer": "同意换车", "version": version}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{d}");
    assert_eq!(d["dispute"]["answered_on"], json!(today()));
    let (s, d) = lanzhou
        .post(&format!("/api/v1/car/disputes/{id}/mediations"),
            json!({"held_on": today(), "participants": "消费者、经销商", "summary": "协商换车", "result": "agreement",
                   "version": d["dispute"]["version"]}))
        .await;
    assert_eq!(s, StatusCode::OK, "{d}");
    assert_eq!(d["mediations"][0]["result"], "agreement");

    // Experts: one who declared a conflict with the brand is refused and not offered.
    let province = app.login("province").await;
    let (s, conflicted) = province
        .post(
            "/api/v1/recall/experts",
            json!({"name": "赵工", "specialty": "vehicle", "employer": "某研究所",
            "conflicts": [{"brand": "远航", "note": "曾任技术顾问"}]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{conflicted}");
    let offered: Vec<i64> = lanzhou
        .ok(&format!("/api/v1/car/disputes/{id}/assignable"))
        .await
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect();
    assert!(!offered.contains(&conflicted["id"].as_i64().unwrap()));
    let r = lanzhou
        .post(
            &format!("/api/v1/car/disputes/{id}/experts"),
            json!({"expert_ids": [conflicted["id"]], "version": d["dispute"]["version"]}),
        )
        .await;
    assert_error(&r, StatusCode::CONFLICT, "recall.expert_conflict");
    let expert_user = app.login("expert").await;
    let demo_expert = offered
        .iter()
        .copied()
        .find(|e| e != &conflicted["id"].as_i64().unwrap())
        .unwrap();
    let linked = province.ok("/api/v1/recall/experts?page_size=100").await["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["username"] == "expert")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    assert!(offered.contains(&linked) && offered.contains(&demo_expert));
    let r = expert_user
        .post(
            &format!("/api/v1/car/disputes/{id}/opinion"),
            json!({"opinion": "属于质量问题"}),
        )
        .await;
    assert_eq!(
        r.0,
        StatusCode::NOT_FOUND,
        "not assigned: not even visible: {}",
        r.1
    );
    let (s, d) = lanzhou
        .post(
            &format!("/api/v1/car/disputes/{id}/experts"),
            json!({"expert_ids": [linked], "version": d["dispute"]["version"]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{d}");
    let (s, d) = expert_user
        .post(
            &format!("/api/v1/car/disputes/{id}/opinion"),
            json!({"opinion": "离合器属于质量问题"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{d}");
    assert_eq!(d["opinions"][0]["opinion"], "离合器属于质量问题");

    // The outcome; then nothing changes.
    let r = lanzhou
        .post(
            &format!("/api/v1/car/disputes/{id}/close"),
            json!({"outcome": "bought_a_boat", "version": d["dispute"]["version"]}),
        )
        .await;
    assert_field(&r, "outcome", "exists");
    let (s, d) = lanzhou
        .post(&format!("/api/v1/car/disputes/{id}/close"), json!({"outcome": "replaced", "note": "已换同型号新车", "version": d["dispute"]["version"]}))
        .await;
    assert_eq!(s, StatusCode::OK, "{d}");
    assert_eq!(d["dispute"]["status"], "closed");
    let r = lanzhou
        .post(&format!("/api/v1/car/disputes/{id}/repairs"), {
            let mut v = visit(today() - Duration::days(2), 500);
            v["version"] = d["dispute"]["version"].clone();
            v
        })
        .await;
    assert_error(&r, StatusCode::CONFLICT, "car.closed");
    let actions: Vec<&str> = d["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["action"].as_str().unwrap())
        .collect();
    for a in [
        "create",
        "add_repairs",
        "answer",
        "mediate",
        "assign_expert",
        "close",
    ] {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
}

#[tokio::test]
async fn concurrent_changes_to_one_dispute_leave_one_winner() {
    let app = TestApp::spawn().await;
    let lanzhou = app.login("lanzhou").await;
    let e5 = model_id(&lanzhou, "远航 E5").await;
    let (s, d) = lanzhou
        .post("/api/v1/car/disputes", intake(e5, today(), VIN))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{d}");
    let id = d["dispute"]["id"].as_i64().unwrap();
    let body = {
        let mut v = visit(today() - Duration::days(6), 400);
        v["version"] = d["dispute"]["version"].clone();
        v
    };
    let path = format!("/api/v1/car/disputes/{id}/repairs");
    let (a, b) = tokio::join!(
        lanzhou.post(&path, body.clone()),
        lanzhou.post(&path, body.clone())
    );
    let statuses = [a.0, b.0];
    assert!(
        statuses.contains(&StatusCode::OK) && statuses.contains(&StatusCode::CONFLICT),
        "{a:?} {b:?}"
    );
    let d = lanzhou.ok(&format!("/api/v1/car/disputes/{id}")).await;
    assert_eq!(d["repairs"].as_array().unwrap().len(), 1);
    assert_eq!(d["evaluations"].as_array().unwrap().len(), 2);
}

fn as_refs(rows: &[Vec<String>]) -> Vec<Vec<&str>> {
    rows.iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect()
}

/// The `n`-th working day after `from`, counted here from the calendar the API lists.
fn nth_working_day(from: NaiveDate, n: u32, off: &[NaiveDate], on: &[NaiveDate]) -> NaiveDate {
    let mut d = from;
    let mut left = n;
    while left > 0 {
        d += Duration::days(1);
        let weekend = matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
        if (on.contains(&d) || !weekend) && !off.contains(&d) {
            left -= 1;
        }
    }
    d
}

#[tokio::test]
async fn deadlines_count_working_days_across_a_holiday_and_are_flagged_once() {
    let app = TestApp::spawn().await;
    let province = app.login("province").await;
    let lanzhou = app.login("lanzhou").await;
    let e5 = model_id(&lanzhou, "远航 E5").await;
    // A request received 40 days ago, with a three-day holiday on weekdays after it and a
    // working Saturday.
    let received = today() - Duration::days(40);
    let mut entered = Vec::new();
    let mut d = received + Duration::days(1);
    while entered.len() < 3 {
        if d.weekday().num_days_from_monday() < 5 {
            let (s, b) = province
                .post(
                    "/api/v1/car/holidays",
                    json!({"day": d, "kind": "holiday", "name": "测试假日"}),
                )
                .await;
            if s == StatusCode::CREATED {
                entered.push(d);
            } else {
                assert_error(&(s, b), StatusCode::CONFLICT, "conflict.duplicate");
            }
        }
        d += Duration::days(1);
    }
    let saturday = (1..14)
        .map(|k| received + Duration::days(k))
        .find(|d| d.weekday() == Weekday::Sat)
        .unwrap();
    let _ = province
        .post(
            "/api/v1/car/holidays",
            json!({"day": saturday, "kind": "workday", "name": "调休"}),
        )
        .await;
    // A holiday on a Sunday changes nothing and is refused.
    let sunday = saturday + Duration::days(1);
    assert_field(
        &province
            .post(
                "/api/v1/car/holidays",
                json!({"day": sunday, "kind": "holiday", "name": "x"}),
            )
            .await,
        "day",
        "format",
    );
    // The city cannot change the province's calendar.
    assert_error(
        &lanzhou
            .post(
                "/api/v1/car/holidays",
                json!({"day": d, "kind": "holiday", "name": "x"}),
            )
            .await,
        StatusCode::FORBIDDEN,
        "auth.forbidden",
    );

    let mut off = Vec::new();
    let mut on = Vec::new();
    for year in [received.year(), received.year() + 1] {
        for h in province
            .ok(&format!("/api/v1/car/holidays?year={year}"))
            .await
            .as_array()
            .unwrap()
        {
            let day: NaiveDate = serde_json::from_value(h["day"].clone()).unwrap();
            if h["kind"] == "holiday" {
                off.push(day)
            } else {
                on.push(day)
            }
        }
    }
    assert!(entered.iter().all(|d| off.contains(d)) && on.contains(&saturday));

    let mut body = intake(e5, received, VIN);
    body["request"] = json!("refund");
    let (s, d) = lanzhou.post("/api/v1/car/disputes", body).await;
    assert_eq!(s, StatusCode::CREATED, "{d}");
    let v = &d["dispute"];
    let answer_due = nth_working_day(received, 10, &off, &on);
    assert_eq!(v["answer_due"], json!(answer_due));
    assert_eq!(
        v["completion_due"],
        json!(nth_working_day(received, 20, &off, &on))
    );
    assert_ne!(
        answer_due,
        nth_working_day(received, 10, &[], &[]),
        "the holidays count"
    );
    // The public page's deadlines are the same.
    let public: Value = app
        .http
        .get(app.url(&format!(
            "/api/v1/public/sanbao/deadlines?received_on={received}"
        )))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(public["answer"], v["answer_due"]);
    assert_eq!(public["completion"], v["completion_due"]);
    assert_eq!(v["answer_overdue"], true);
    assert_eq!(v["completion_overdue"], true);
    let id = v["id"].as_i64().unwrap();
    assert!(
        lanzhou
            .ids("/api/v1/car/disputes?overdue=true&page_size=100")
            .await
            .contains(&id)
    );

    // The daily job tells the officer once, on two servers.
    let second = longzhi_store::backend::connect(&app.database_url)
        .await
        .unwrap();
    let (a, b) = tokio::join!(
        longzhi_car::jobs::run_daily(&app.db, "server-a", today()),
        longzhi_car::jobs::run_daily(&second, "server-b", today()),
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert!(a.ran != b.ran, "exactly one ran: {a:?} {b:?}");
    let notices = |c: &Client| {
        let c = c.clone();
        async move {
            c.ok("/api/v1/notices?page_size=100").await["items"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|n| n["link"] == format!("/car/disputes/{id}"))
                .count()
        }
    };
    assert_eq!(
        notices(&lanzhou).await,
        1,
        "the completion deadline (the later one) is flagged"
    );
    let again = longzhi_car::jobs::run_daily(&app.db, "server-a", today() + Duration::days(1))
        .await
        .unwrap();
    assert!(again.ran);
    assert_eq!(notices(&lanzhou).await, 1, "nothing twice");
}

#[tokio::test]
async fn repairs_import_from_the_template_row_by_row() {
    let app = TestApp::spawn().await;
    let lanzhou = app.login("lanzhou").await;
    let e5 = model_id(&lanzhou, "远航 E5").await;
    let mut body = intake(e5, today(), VIN);
    body["purchase_date"] = json!(today() - Duration::days(300));
    body["odometer_km"] = json!(20000);
    let (s, d) = lanzhou.post("/api/v1/car/disputes", body).await;
    assert_eq!(s, StatusCode::CREATED, "{d}");
    let id = d["dispute"]["id"].as_i64().unwrap();
    let (s, template, _) = lanzhou
        .download("/api/v1/car/repairs/import-template", "zh-CN")
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(template.starts_with(b"PK"));

    let headers = [
        "修理日期",
        "行驶里程(km)",
        "维修类型",
        "系统",
        "主要零部件",
        "故障编号",
        "修理天数",
        "消费者原因",
    ];
    let day = |k: i64| (today() - Duration::days(250 - k * 40)).to_string();
    let rows: Vec<Vec<String>> = (0..5)
        .map(|k| {
            vec![
                day(k),
                (2000 + k * 3000).to_string(),
                "修理".into(),
                "车身".into(),
                String::new(),
                "漏水".into(),
                "2".into(),
                "否".into(),
            ]
        })
        .collect();
    let version = d["dispute"]["version"].as_i64().unwrap();
    let path = format!("/api/v1/car/disputes/{id}/repairs/import?version={version}");

    // An odometer going back is judged on the whole history and told on the sheet's row.
    let mut back = rows.clone();
    back[3][1] = "100".into();
    let refs = as_refs(&back);
    let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    let (s, r) = lanzhou
        .upload(&path, "repairs.xlsx", sheet(&headers, &slices))
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["created"], 0);
    assert_eq!(r["errors"][0]["row"], 5, "{r}");
    assert_eq!(r["errors"][0]["field"], "odometer_km", "{r}");

    let mut bad = rows.clone();
    bad[1][3] = "飞行系统".into();
    bad[3][0] = "昨天".into();
    let refs = as_refs(&bad);
    let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    let (s, r) = lanzhou
        .upload(&path, "repairs.xlsx", sheet(&headers, &slices))
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["created"], 0);
    let errors: Vec<(i64, &str)> = r["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["row"].as_i64().unwrap(), e["field"].as_str().unwrap()))
        .collect();
    assert_eq!(errors, vec![(3, "system"), (5, "date")]);
    assert!(
        lanzhou.ok(&format!("/api/v1/car/disputes/{id}")).await["repairs"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    let refs = as_refs(&rows);
    let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    let (s, r) = lanzhou
        .upload(&path, "repairs.xlsx", sheet(&headers, &slices))
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["created"], 5, "{r}");
    let d = lanzhou.ok(&format!("/api/v1/car/disputes/{id}")).await;
    assert_eq!(d["repairs"].as_array().unwrap().len(), 5);
    assert_eq!(
        d["evaluations"].as_array().unwrap().len(),
        2,
        "one evaluation for the sheet"
    );
    assert_eq!(
        d["dispute"]["remedy"], "refund_or_replace",
        "the same problem five times: Art 24(4)"
    );
    assert!(
        d["evaluations"][0]["result"]["articles"]
            .as_array()
            .unwrap()
            .contains(&json!("24(4)"))
    );
    // A hostile file is refused without a server error.
    let (s, _) = lanzhou
        .upload(
            &format!(
                "/api/v1/car/disputes/{id}/repairs/import?version={}",
                d["dispute"]["version"]
            ),
            "x.xlsx",
            b"PK\x03\x04garbage".to_vec(),
        )
        .await;
    assert!(s.is_client_error(), "{s}");
}

#[tokio::test]
async fn makers_terms_are_checked_and_the_analysis_counts_the_demo_year() {
    let app = TestApp::spawn().await;
    let province = app.login("province").await;
    let lanzhou = app.login("lanzhou").await;
    let maker = province.ok("/api/v1/car/makers?q=%E8%BF%9C%E8%88%AA").await["items"][0].clone();
    let r = province
        .post("/api/v1/car/models", json!({"maker_id": maker["id"], "name": "远航 Z1", "powertrain": "electric",
            "compensation_rate": 0.008, "sanbao_years": 1, "sanbao_km": 50000, "warranty_years": 3, "warranty_km": 60000}))
        .await;
    assert_field(&r, "compensation_rate", "range");
    assert_field(&r, "sanbao_years", "range");
    assert_error(
        &lanzhou
            .post(
                "/api/v1/car/models",
                json!({"maker_id": maker["id"], "name": "x"}),
            )
            .await,
        StatusCode::FORBIDDEN,
        "auth.forbidden",
    );
    let detail = lanzhou
        .ok(&format!("/api/v1/car/makers/{}", maker["id"]))
        .await;
    assert!(detail["models"].as_array().unwrap().len() >= 2, "{detail}");

    let all = province.ok("/api/v1/car/analysis").await;
    let mine = lanzhou.ok("/api/v1/car/analysis").await;
    assert!(
        all["disputes"].as_u64().unwrap() >= 30,
        "{}",
        all["disputes"]
    );
    assert!(
        mine["disputes"].as_u64().unwrap() < all["disputes"].as_u64().unwrap(),
        "the city sees its own"
    );
    let by_city: u64 = all["by_city"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["disputes"].as_u64().unwrap())
        .sum();
    assert_eq!(by_city, all["disputes"].as_u64().unwrap());
    let trend: u64 = all["trend"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["disputes"].as_u64().unwrap())
        .sum();
    assert_eq!(trend, all["disputes"].as_u64().unwrap());
    let remedies: Vec<&str> = all["by_remedy"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["key"].as_str().unwrap())
        .collect();
    assert!(
        remedies.contains(&"refund_or_replace") && remedies.contains(&"repair"),
        "{remedies:?}"
    );
    // The gearbox part replaced again and again stands out against the other faults.
    let signal = all["signals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["signal"] == true)
        .cloned();
    let signal = signal.unwrap_or_else(|| panic!("a signal among {}", all["signals"]));
    assert!(signal["prr"].as_f64().unwrap() >= 2.0 && signal["n"].as_u64().unwrap() >= 3);
    let faults: u64 = all["faults"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["visits"].as_u64().unwrap())
        .sum();
    let visits: u64 = all["trend"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["visits"].as_u64().unwrap())
        .sum();
    assert!(faults >= visits, "every visit counted in a fault row");
}
