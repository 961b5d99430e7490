//! Risk assessment, investigations, recalls, warnings and the public portal: the risk endpoint
//! equal to `longzhi engine risk`; an investigation from the planted signal to an ordered recall
//! and a closed one, with every refusal on the way (stage, conflict of interest, another city,
//! another producer, no opinion, not effective); the portal and the feed never showing anything
//! unpublished; warnings reviewed by someone else; the daily reminders once.

use chrono::Duration;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::excel::sheet;
use crate::helpers::{Client, TestApp, assert_error, assert_field};

fn today() -> chrono::NaiveDate {
    longzhi_store::today()
}

/// `longzhi engine risk --input <file>` on `input`: its JSON, or its error output.
fn command(input: &Value) -> Result<Value, String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("risk.json");
    std::fs::write(&path, input.to_string()).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_longzhi"))
        .args(["engine", "risk", "--input"])
        .arg(&path)
        .output()
        .unwrap();
    if out.status.success() {
        Ok(serde_json::from_slice(&out.stdout).unwrap())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

#[tokio::test]
async fn the_risk_endpoint_answers_what_the_command_does() {
    let app = TestApp::spawn().await;
    let province = app.login("province").await;
    let inputs = [
        json!({"scenarios": [{"severity": 4, "probability": "1/2000"}]}),
        json!({"scenarios": [
            {"severity": 2, "probability": 0.05, "description": "夹手"},
            {"severity": 4, "hazard": "小磁体", "injury": "肠穿孔", "consumer": "幼儿", "steps": [
                {"description": "进入有幼儿的家庭", "probability": "1/2"},
                {"description": "接触脱落磁珠", "probability": "1/10"},
                {"description": "吞食两颗以上", "probability": "1/20"},
                {"description": "导致穿孔", "probability": "1/5"}]},
            {"severity": 3, "probability": "0.0001", "steps": [{"probability": "1/100"}, {"probability": "1/100"}]}
        ]}),
        json!({"scenarios": [{"severity": 1, "steps": [{"probability": 1}, {"probability": "3/7"}]}]}),
    ];
    for input in &inputs {
        let (s, b) = province.post("/api/v1/risk/evaluate", input.clone()).await;
        assert_eq!(s, StatusCode::OK, "{b}");
        assert_eq!(b, command(input).unwrap(), "{input}");
    }
    // The third scenario's stated probability is not its steps' product: refused by both, the
    // API naming the JSON path.
    let (s, b) = province
        .post("/api/v1/risk/evaluate", json!({"scenarios": [{"severity": 3, "probability": "0.001", "steps": [{"probability": "1/100"}]}]}))
        .await;
    assert_field(&(s, b), "scenarios[0].probability", "format");
    assert!(command(&json!({"scenarios": [{"severity": 3, "probability": "0.001", "steps": [{"probability": "1/100"}]}]})).is_err());
    for bad in [
        json!({"scenarios": [{"severity": 5, "probability": 0.1}]}),
        json!({"scenarios": []}),
        json!({"scenarios": [{"severity": 2, "probability": 2}]}),
        json!({"scenarios": [{"severity": 2, "probability": 0.1, "extra": 1}]}),
    ] {
        let (s, b) = province.post("/api/v1/risk/evaluate", bad.clone()).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {b}");
        assert!(command(&bad).is_err(), "{bad}");
    }
    // Signed in with the permission only: the enterprise has none.
    let enterprise = app.login("enterprise").await;
    let res = enterprise
        .post("/api/v1/risk/evaluate", inputs[0].clone())
        .await;
    assert_error(&res, StatusCode::FORBIDDEN, "auth.forbidden");
}

async fn credit_code(app: &TestApp, org: &str) -> String {
    longzhi_store::repo::orgs::by_code(&app.db, org)
        .await
        .unwrap()
        .credit_code
        .unwrap()
}

/// POSTs a step of record `path` with the record's current version; its answer.
async fn step(
    c: &Client,
    path: &str,
    action: &str,
    mut body: Value,
    version: &Value,
) -> (StatusCode, Value) {
    body["version"] = version.clone();
    c.post(&format!("{path}/{action}"), body).await
}

fn version_of(detail: &Value) -> Value {
    detail
        .get("investigation")
        .or_else(|| detail.get("recall"))
        .unwrap_or(detail)["version"]
        .clone()
}

#[tokio::test]
async fn a_signal_becomes_an_investigation_an_ordered_recall_and_a_closed_one() {
    let app = TestApp::spawn().await;
    let province = app.login("province").await;
    let producer = app.login("producer").await;
    let expert = app.login("expert").await;
    let lanzhou = app.login("lanzhou").await;
    let tianshui = app.login("tianshui").await;
    let other_producer = app.login("enterprise").await;

    // The planted signal in the register.
    let reg = province.ok("/api/v1/injury/register?q=XC-20000").await;
    let entry = reg["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["hazard"] == "fire")
        .expect("the planted 迅驰 XC-20000 × fire signal")
        .clone();
    let xunchi = credit_code(&app, "demo-ent-xunchi").await;

    // An assessment from the entry, then the investigation.
    let (s, a) = province
        .post("/api/v1/recall/assessments", json!({"title": "XC-20000 起火", "signal_id": entry["id"],
            "input": {"scenarios": [{"severity": 3, "steps": [{"probability": "1/10"}, {"probability": "1/1000"}]}]}}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{a}");
    assert_eq!(a["level"], "medium", "{a}");
    let bad = province
        .post(
            "/api/v1/recall/assessments",
            json!({"title": "坏", "input": {"scenarios": [{"severity": 9, "probability": 0.1}]}}),
        )
        .await;
    assert_field(&bad, "input.scenarios[0].severity", "format");

    let form = json!({"title": "迅驰 XC-20000 移动电源起火调查", "category": "power-bank", "brand": "迅驰",
        "model": "XC-20000", "hazard": "fire", "producer_code": xunchi, "signal_id": entry["id"]});
    let mut wrong = form.clone();
    wrong["producer_code"] = json!("91620100MA72C00019");
    wrong["hazard"] = json!("nothing");
    let res = province.post("/api/v1/recall/investigations", wrong).await;
    assert_field(&res, "hazard", "exists");
    assert!(
        res.1["fields"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["field"] == "producer_code"),
        "{}",
        res.1
    );
    // 天水 cannot open an investigation of a 兰州 producer.
    let res = tianshui
        .post("/api/v1/recall/investigations", form.clone())
        .await;
    assert_field(&res, "producer_code", "exists");
    let (s, inv) = province.post("/api/v1/recall/investigations", form).await;
    assert_eq!(s, StatusCode::CREATED, "{inv}");
    assert_eq!(inv["status"], "opened");
    assert_eq!(inv["source"], "signal");
    let path = format!("/api/v1/recall/investigations/{}", inv["id"]);
    let reg = province.ok("/api/v1/injury/register?q=XC-20000").await;
    let after = reg["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == entry["id"])
        .unwrap()
        .clone();
    assert_eq!(
        (after["status"].as_str(), after["follow_up"].as_str()),
        (Some("escalated"), Some("investigation"))
    );
    assert_eq!(after["follow_up_ref"], inv["code"]);

    // Steps out of order are refused; a stale version too.
    let res = step(
        &province,
        &path,
        "conclude",
        json!({"conclusion": "defect", "note": "x"}),
        &inv["version"],
    )
    .await;
    assert_error(&res, StatusCode::CONFLICT, "recall.wrong_stage");
    let res = step(&province, &path, "notify", json!({}), &json!(99)).await;
    assert_error(&res, StatusCode::CONFLICT, "conflict.version");
    // Another city's staff: the record does not exist for them.
    let res = step(&tianshui, &path, "notify", json!({}), &inv["version"]).await;
    assert_error(&res, StatusCode::NOT_FOUND, "not_found");
    let (s, inv) = step(
        &province,
        &path,
        "notify",
        json!({"note": "请于期限内提交分析"}),
        &inv["version"],
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{inv}");
    assert_eq!(inv["status"], "notified");
    assert_eq!(inv["due_on"], json!(today() + Duration::days(15)));
    assert!(
        producer
            .ok("/api/v1/notices")
            .await
            .to_string()
            .contains(inv["code"].as_str().unwrap())
    );

    // The producer sees its own investigation and files its analysis; another producer does not
    // see it; the producer cannot conclude.
    assert_eq!(
        producer.ok("/api/v1/recall/investigations").await["total"],
        1
    );
    let res = other_producer.get(&path).await;
    assert_error(&res, StatusCode::NOT_FOUND, "not_found");
    let res = step(
        &producer,
        &path,
        "conclude",
        json!({"conclusion": "no_defect", "note": "x"}),
        &inv["version"],
    )
    .await;
    assert_error(&res, StatusCode::FORBIDDEN, "auth.forbidden");
    let res = step(
        &producer,
        &path,
        "analysis",
        json!({"analysis": " "}),
        &inv["version"],
    )
    .await;
    assert_field(&res, "analysis", "required");
    let (s, inv) = step(
        &producer,
        &path,
        "analysis",
        json!({"analysis": "电芯隔膜缺陷,涉及 2025 年第三季度批次。"}),
        &inv["version"],
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{inv}");

    // Experts: the one with a declared conflict with 迅驰 is neither offered nor assignable.
    let experts = province.ok("/api/v1/recall/experts?page_size=50").await;
    let find = |name: &str| {
        experts["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["name"] == name)
            .unwrap()["id"]
            .clone()
    };
    let (conflicted, wang) = (find("张志强"), find("王建国"));
    let offered = province.ok(&format!("{path}/assignable")).await;
    assert!(
        !offered
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["id"] == conflicted),
        "{offered}"
    );
    assert!(
        offered.as_array().unwrap().iter().any(|e| e["id"] == wang),
        "{offered}"
    );
    let res = step(
        &province,
        &path,
        "experts",
        json!({"expert_ids": [wang, conflicted]}),
        &inv["version"],
    )
    .await;
    assert_error(&res, StatusCode::CONFLICT, "recall.expert_conflict");
    let res = step(
        &province,
        &path,
        "experts",
        json!({"expert_ids": [987654]}),
        &inv["version"],
    )
    .await;
    assert_field(&res, "expert_ids[0]", "exists");
    let before = expert.ok("/api/v1/recall/investigations").await["total"]
        .as_u64()
        .unwrap();
    let (s, d) = step(
        &province,
        &path,
        "experts",
        json!({"expert_ids": [wang]}),
        &inv["version"],
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{d}");
    assert_eq!(d["investigation"]["status"], "expert_review");
    // The expert now sees it (and only what they are assigned).
    assert_eq!(
        expert.ok("/api/v1/recall/investigations").await["total"]
            .as_u64()
            .unwrap(),
        before + 1
    );
    let res = step(
        &province,
        &path,
        "conclude",
        json!({"conclusion": "defect", "note": "x"}),
        &version_of(&d),
    )
    .await;
    assert_error(&res, StatusCode::CONFLICT, "recall.no_opinion");
    // Province staff are no assigned expert.
    let res = province
        .post(
            &format!("{path}/opinion"),
            json!({"opinion": "有缺陷", "defect": true}),
        )
        .await;
    assert_error(&res, StatusCode::CONFLICT, "recall.not_assigned");
    let (s, d) = expert
        .post(
            &format!("{path}/opinion"),
            json!({"opinion": "隔膜缺陷可致热失控,认定存在缺陷。", "defect": true}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{d}");
    assert_eq!(d["reviews"][0]["defect"], true);

    // A talk, the conclusion, the order.
    let (s, d) = province
        .post(&format!("{path}/talks"), json!({"held_on": today(), "place": "省局 3 楼会议室", "participants": "省局、迅驰", "summary": "约谈企业负责人,要求立即停止销售。"}))
        .await;
    assert_eq!(s, StatusCode::OK, "{d}");
    assert_eq!(d["talks"].as_array().unwrap().len(), 1);
    let res = province
        .post(&format!("{path}/talks"), json!({"held_on": today() + Duration::days(3), "place": "x", "participants": "x", "summary": "x"}))
        .await;
    assert_field(&res, "held_on", "range");
    let (s, inv) = step(
        &province,
        &path,
        "conclude",
        json!({"conclusion": "defect", "note": "电芯隔膜缺陷,存在起火风险。"}),
        &version_of(&d),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{inv}");
    let (s, d) = step(&province, &path, "order", json!({}), &inv["version"]).await;
    assert_eq!(s, StatusCode::OK, "{d}");
    assert_eq!(d["investigation"]["status"], "recall_ordered");
    let actions: Vec<&str> = d["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["action"].as_str().unwrap())
        .collect();
    for a in [
        "create",
        "notify",
        "analysis",
        "assign",
        "assign_expert",
        "opinion",
        "talk",
        "conclude",
        "order",
    ] {
        assert!(actions.contains(&a), "{a} not in {actions:?}");
    }
    let recall_path = format!("/api/v1/recall/recalls/{}", d["recall_id"]);

    // The producer's draft: incomplete plans are not published; it completes the plan.
    let r = producer.ok(&recall_path).await;
    assert_eq!(
        (r["recall"]["kind"].as_str(), r["recall"]["status"].as_str()),
        (Some("ordered"), Some("draft"))
    );
    let code = r["recall"]["code"].as_str().unwrap().to_owned();
    let res = step(
        &province,
        &recall_path,
        "publish",
        json!({}),
        &version_of(&r),
    )
    .await;
    for f in [
        "channels",
        "remedy",
        "contact",
        "consumer_action",
        "ends_on",
        "quantity",
    ] {
        assert!(
            res.1["fields"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["field"] == f),
            "{f}: {}",
            res.1
        );
    }
    let res = other_producer.get(&recall_path).await;
    assert_error(&res, StatusCode::NOT_FOUND, "not_found");
    let plan = json!({"title": "迅驰 XC-20000 移动电源召回", "category": "power-bank", "brand": "迅驰",
        "models": ["XC-20000"], "batches": ["2507", "2508"], "produced_from": (today() - Duration::days(200)),
        "produced_to": (today() - Duration::days(100)), "quantity": 1000, "channels": ["online", "retail"],
        "hazard": "fire", "defect": "电芯隔膜缺陷,充电时可能起火。", "remedy": "replace",
        "consumer_action": "立即停止使用,联系客服免费更换。", "contact": "400-100-2000",
        "ends_on": (today() + Duration::days(90)), "report_every_days": 30, "version": version_of(&r)});
    let (s, r) = producer.put(&recall_path, plan).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    // The producer may not publish; nobody unpublished reaches the portal.
    let res = step(
        &producer,
        &recall_path,
        "publish",
        json!({}),
        &version_of(&r),
    )
    .await;
    assert_error(&res, StatusCode::FORBIDDEN, "auth.forbidden");
    let anon = reqwest::Client::new();
    let res = anon
        .get(app.url(&format!("/api/v1/public/recalls/{code}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    // 兰州 (the producer's city) sees it; 天水 does not.
    lanzhou.ok(&recall_path).await;
    let res = tianshui.get(&recall_path).await;
    assert_error(&res, StatusCode::NOT_FOUND, "not_found");
    let (s, r) = step(
        &province,
        &recall_path,
        "publish",
        json!({}),
        &version_of(&r),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(
        r["recall"]["next_report_due"],
        json!(today() + Duration::days(30))
    );
    let public: Value = anon
        .get(app.url(&format!("/api/v1/public/recalls/{code}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(public["title"], "迅驰 XC-20000 移动电源召回");
    assert!(
        public.get("summary").is_none() && public.get("effectiveness_note").is_none(),
        "{public}"
    );

    // Progress: rules per channel and over the quantity; cumulative rate.
    let bad = step(&producer, &recall_path, "progress", json!({"period_end": today(), "channels": [
        {"channel": "online", "notified": 10, "corrected": 20}, {"channel": "online", "notified": 1, "corrected": 0},
        {"channel": "moon", "notified": 1, "corrected": 0}]}), &version_of(&r)).await;
    assert_field(&bad, "channels[0].corrected", "range");
    assert_field(&bad, "channels[1].channel", "unique");
    assert_field(&bad, "channels[2].channel", "exists");
    let bad = step(
        &producer,
        &recall_path,
        "progress",
        json!({"period_end": today() + Duration::days(1), "channels": [
        {"channel": "online", "notified": 900, "corrected": 800}]}),
        &version_of(&r),
    )
    .await;
    assert_field(&bad, "period_end", "range");
    let (s, r) = step(&producer, &recall_path, "progress", json!({"period_end": today() - Duration::days(1), "channels": [
        {"channel": "online", "notified": 600, "corrected": 300}, {"channel": "retail", "notified": 200, "corrected": 100}]}), &version_of(&r)).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    let bad = step(
        &producer,
        &recall_path,
        "progress",
        json!({"period_end": today(), "channels": [
        {"channel": "online", "notified": 700, "corrected": 700}]}),
        &version_of(&r),
    )
    .await;
    assert_field(&bad, "channels", "range");
    let (s, r) = step(
        &producer,
        &recall_path,
        "progress",
        json!({"period_end": today(), "channels": [
        {"channel": "online", "notified": 200, "corrected": 200}]}),
        &version_of(&r),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["progress"][1]["cumulative_corrected"], 600);
    assert!((r["recall"]["correction_rate"].as_f64().unwrap() - 0.6).abs() < 1e-12);
    assert_eq!(r["recall"]["overdue"], false);

    // Closing needs the summary and an effective check.
    let res = step(&province, &recall_path, "close", json!({}), &version_of(&r)).await;
    assert_error(&res, StatusCode::CONFLICT, "recall.wrong_stage");
    let (s, r) = step(
        &producer,
        &recall_path,
        "summary",
        json!({"summary": "已更换 600 台,其余用户持续通知中。"}),
        &version_of(&r),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    let res = step(&province, &recall_path, "close", json!({}), &version_of(&r)).await;
    assert_error(&res, StatusCode::CONFLICT, "recall.not_effective");
    let (s, r) = step(
        &province,
        &recall_path,
        "effectiveness",
        json!({"verdict": "effective", "note": "处置率 60%,高风险渠道已全部覆盖。"}),
        &version_of(&r),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    let (s, r) = step(&province, &recall_path, "close", json!({}), &version_of(&r)).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["recall"]["status"], "closed");
    let public: Value = anon
        .get(app.url(&format!("/api/v1/public/recalls/{code}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(public["closed"], true);
    let (s, d) = step(
        &province,
        &path,
        "close",
        json!({}),
        &inv["version"].as_i64().map(|v| json!(v + 1)).unwrap(),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{d}");
}

#[tokio::test]
async fn concurrent_progress_reports_on_one_recall_store_one() {
    let app = TestApp::spawn().await;
    let producer = app.login("enterprise").await;
    let list = producer.ok("/api/v1/recall/recalls?status=published").await;
    let r = &list["items"][0];
    assert_eq!(
        r["overdue"], true,
        "the demo recall's report is overdue: {r}"
    );
    let path = format!("/api/v1/recall/recalls/{}/progress", r["id"]);
    let body = json!({"period_end": today(), "channels": [{"channel": "wholesale", "notified": 50, "corrected": 10}], "version": r["version"]});
    let (a, b) = tokio::join!(
        producer.post(&path, body.clone()),
        producer.post(&path, body)
    );
    let statuses = [a.0, b.0];
    assert!(statuses.contains(&StatusCode::OK), "{a:?} {b:?}");
    assert!(statuses.contains(&StatusCode::CONFLICT), "{a:?} {b:?}");
    let d = producer
        .ok(&format!("/api/v1/recall/recalls/{}", r["id"]))
        .await;
    assert_eq!(
        d["progress"].as_array().unwrap().len(),
        2,
        "one report stored, not two: {d}"
    );
    assert_eq!(d["recall"]["overdue"], false);
}

#[tokio::test]
async fn the_portal_and_the_feed_show_only_what_is_published() {
    let app = TestApp::spawn().await;
    let http = reqwest::Client::new();
    let get = |path: &str| http.get(app.url(path)).send();
    let res = get("/api/v1/public/recalls?page_size=100").await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["access-control-allow-origin"], "*");
    let etag = res.headers()["etag"].to_str().unwrap().to_owned();
    let page: Value = res.json().await.unwrap();
    let codes: Vec<String> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(codes.len(), 2, "the two published demo recalls: {page}");

    // Every draft in the database is absent from the list, the detail and the feed.
    let province = app.login("province").await;
    let drafts = province.ok("/api/v1/recall/recalls?status=draft").await;
    assert!(drafts["total"].as_u64().unwrap() >= 1);
    let feed = get("/feeds/recalls.atom").await.unwrap();
    assert!(
        feed.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/atom+xml")
    );
    let feed = feed.text().await.unwrap();
    for d in drafts["items"].as_array().unwrap() {
        let code = d["code"].as_str().unwrap();
        assert!(!codes.iter().any(|c| c == code));
        let res = get(&format!("/api/v1/public/recalls/{code}"))
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
        assert!(!feed.contains(code));
    }
    // The feed is Atom: well-formed, the required elements of the feed and of each entry.
    let mut reader = quick_xml::Reader::from_str(&feed);
    let mut path: Vec<String> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                if path.is_empty() {
                    assert_eq!(name, "feed");
                    let ns = e.try_get_attribute("xmlns").unwrap().unwrap();
                    assert_eq!(&*ns.value, b"http://www.w3.org/2005/Atom");
                }
                path.push(name);
                seen.push(path.join("/"));
            }
            quick_xml::events::Event::Empty(e) => {
                path.push(String::from_utf8(e.name().as_ref().to_vec()).unwrap());
                seen.push(path.join("/"));
                path.pop();
            }
            quick_xml::events::Event::End(_) => {
                path.pop();
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    for required in [
        "feed/id",
        "feed/title",
        "feed/updated",
        "feed/author",
        "feed/link",
    ] {
        assert!(seen.iter().any(|s| s == required), "{required}");
    }
    let entries = seen.iter().filter(|s| *s == "feed/entry").count();
    assert_eq!(entries, codes.len());
    for required in [
        "feed/entry/id",
        "feed/entry/title",
        "feed/entry/updated",
        "feed/entry/link",
    ] {
        assert_eq!(
            seen.iter().filter(|s| *s == required).count(),
            entries,
            "{required}"
        );
    }
    for c in &codes {
        assert!(feed.contains(c.as_str()));
    }

    // Cacheable: the same ETag answers 304 with no body.
    let res = http
        .get(app.url("/api/v1/public/recalls?page_size=100"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_MODIFIED);
    // Filters.
    let lebao: Value = get("/api/v1/public/recalls?brand=乐宝")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(lebao["total"], 1);
    let choking: Value = get("/api/v1/public/recalls?hazard=choking&q=磁力珠")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(choking["items"][0]["brand"], "乐宝");
    let tianshui: Value = get("/api/v1/public/recalls?city_code=620500")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(tianshui["total"], 0);
    let later: Value = get(&format!(
        "/api/v1/public/recalls?from={}",
        today() + Duration::days(1)
    ))
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    assert_eq!(later["total"], 0);
    // Warnings: published, never guidance or drafts.
    let w: Value = get("/api/v1/public/warnings")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let kinds: Vec<&str> = w["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["consumer_tip"], "{w}");
    let all = province.ok("/api/v1/recall/warnings?page_size=50").await;
    for x in all["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["status"] != "published" || x["kind"] == "guidance")
    {
        let res = get(&format!("/api/v1/public/warnings/{}", x["id"]))
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{x}");
    }
}

#[tokio::test]
async fn warnings_are_reviewed_by_someone_else_and_guidance_reaches_enterprises() {
    let app = TestApp::spawn().await;
    let province = app.login("province").await;
    let admin = app.login("admin").await;
    let lanzhou = app.login("lanzhou").await;
    let enterprise = app.login("enterprise").await;
    let res = province
        .post(
            "/api/v1/recall/warnings",
            json!({"kind": "rumour", "title": " ", "body": "x", "hazard": "zzz"}),
        )
        .await;
    assert_field(&res, "kind", "enum");
    assert_field(&res, "title", "required");
    assert_field(&res, "hazard", "exists");
    let (s, w) = province.post("/api/v1/recall/warnings", json!({"kind": "guidance", "title": "关于锂电池产品自查的指导意见", "body": "请企业开展自查。"})).await;
    assert_eq!(s, StatusCode::CREATED, "{w}");
    let path = format!("/api/v1/recall/warnings/{}", w["id"]);
    let res = step(&province, &path, "publish", json!({}), &w["version"]).await;
    assert_error(&res, StatusCode::CONFLICT, "recall.wrong_stage");
    let (_, w) = step(&province, &path, "submit", json!({}), &w["version"]).await;
    let res = step(
        &province,
        &path,
        "review",
        json!({"approve": true}),
        &w["version"],
    )
    .await;
    assert_error(&res, StatusCode::CONFLICT, "recall.own_review");
    // City staff have no review permission; a send-back needs a note.
    let res = step(
        &lanzhou,
        &path,
        "review",
        json!({"approve": true}),
        &w["version"],
    )
    .await;
    assert_eq!(res.0, StatusCode::FORBIDDEN);
    let res = step(
        &admin,
        &path,
        "review",
        json!({"approve": false}),
        &w["version"],
    )
    .await;
    assert_field(&res, "note", "required");
    let (s, w) = step(
        &admin,
        &path,
        "review",
        json!({"approve": true}),
        &w["version"],
    )
    .await;
    assert_eq!(
        (s, w["status"].as_str()),
        (StatusCode::OK, Some("approved")),
        "{w}"
    );
    let before = enterprise.ok("/api/v1/notices/unread-count").await;
    let (s, w) = step(&province, &path, "publish", json!({}), &w["version"]).await;
    assert_eq!(
        (s, w["status"].as_str()),
        (StatusCode::OK, Some("published")),
        "{w}"
    );
    let after = enterprise.ok("/api/v1/notices/unread-count").await;
    assert_ne!(before, after, "the guidance reaches the enterprise");
    assert!(
        enterprise
            .ok("/api/v1/notices")
            .await
            .to_string()
            .contains("锂电池产品自查")
    );
    let d = province.ok(&path).await;
    let actions: Vec<&str> = d["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["create", "submit", "approve", "publish"]);
}

#[tokio::test]
async fn the_daily_job_reminds_of_deadlines_once_across_servers() {
    let app = TestApp::spawn().await;
    let enterprise = app.login("enterprise").await;
    let storage = longzhi_store::storage::DbStorage(app.db.clone());
    let modules = longzhi::modules();
    let day = today();
    let ran = longzhi_server::jobs::run_daily(&app.db, &storage, &modules, "a", day).await;
    let line = ran
        .iter()
        .find(|l| l.starts_with("recall: "))
        .expect("the recall job ran");
    assert!(line.contains("and 1 recall"), "{line}");
    let notices = enterprise.ok("/api/v1/notices").await.to_string();
    assert!(notices.contains("召回进展报告逾期"), "{notices}");
    let count = notices.matches("召回进展报告逾期").count();
    let other = longzhi_server::jobs::run_daily(&app.db, &storage, &modules, "b", day).await;
    assert!(
        !other.iter().any(|l| l.starts_with("recall: ")),
        "{other:?}"
    );
    // The next day, the reminders already sent are not sent again.
    let next =
        longzhi_server::jobs::run_daily(&app.db, &storage, &modules, "a", day + Duration::days(1))
            .await;
    let line = next.iter().find(|l| l.starts_with("recall: ")).unwrap();
    assert!(line.contains("and 0 recall"), "{line}");
    assert_eq!(
        enterprise
            .ok("/api/v1/notices")
            .await
            .to_string()
            .matches("召回进展报告逾期")
            .count(),
        count
    );
}

#[tokio::test]
async fn the_expert_pool_checks_its_fields() {
    let app = TestApp::spawn().await;
    let province = app.login("province").await;
    let res = province
        .post("/api/v1/recall/experts", json!({"name": "", "specialty": "magic", "employer": "x", "username": "nobody",
            "email": "no-at", "conflicts": [{"note": "x"}, {"producer_code": "91620100MA72C00019"}]}))
        .await;
    for (f, r) in [
        ("name", "required"),
        ("specialty", "exists"),
        ("username", "exists"),
        ("email", "format"),
        ("conflicts[0]", "required"),
        ("conflicts[1].producer_code", "checksum"),
    ] {
        assert_field(&res, f, r);
    }
    let (s, e) = province
        .post(
            "/api/v1/recall/experts",
            json!({"name": "赵敏", "specialty": "fire", "employer": "兰州消防研究所",
            "conflicts": [{"brand": "乐宝", "note": "亲属任职"}]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{e}");
    let path = format!("/api/v1/recall/experts/{}", e["id"]);
    let res = province
        .put(
            &path,
            json!({"name": "赵敏", "specialty": "fire", "employer": "x"}),
        )
        .await;
    assert_field(&res, "version", "required");
    let (s, e2) = province.put(&path, json!({"name": "赵敏", "specialty": "fire", "employer": "x", "active": false, "version": e["version"]})).await;
    assert_eq!(
        (s, e2["active"].as_bool()),
        (StatusCode::OK, Some(false)),
        "{e2}"
    );
    let res = province
        .put(
            &path,
            json!({"name": "赵敏", "specialty": "fire", "employer": "x", "version": e["version"]}),
        )
        .await;
    assert_error(&res, StatusCode::CONFLICT, "conflict.version");
    let city = app.login("lanzhou").await;
    let res = city
        .post(
            "/api/v1/recall/experts",
            json!({"name": "x", "specialty": "fire", "employer": "x"}),
        )
        .await;
    assert_error(&res, StatusCode::FORBIDDEN, "auth.forbidden");

    // Saving an expert without naming the account keeps it linked; a blank name unlinks it.
    let wang = province.ok("/api/v1/recall/experts?q=王建国").await["items"][0].clone();
    assert_eq!(wang["username"], "expert");
    let mut form = json!({"name": wang["name"], "specialty": wang["specialty"], "employer": wang["employer"],
        "conflicts": wang["conflicts"], "version": wang["version"]});
    let (s, saved) = province
        .put(
            &format!("/api/v1/recall/experts/{}", wang["id"]),
            form.clone(),
        )
        .await;
    assert_eq!(
        (s, saved["username"].as_str()),
        (StatusCode::OK, Some("expert")),
        "{saved}"
    );
    form["username"] = json!("");
    form["version"] = saved["version"].clone();
    let (s, saved) = province
        .put(&format!("/api/v1/recall/experts/{}", wang["id"]), form)
        .await;
    assert_eq!(
        (s, &saved["username"]),
        (StatusCode::OK, &Value::Null),
        "{saved}"
    );

    // The Excel import: a row error stores nothing unless the valid rows are asked for; labels
    // and codes both read; the declared conflicts split into one per brand or producer.
    let (s, _, _) = province
        .download("/api/v1/recall/experts/import-template", "zh-CN")
        .await;
    assert_eq!(s, StatusCode::OK);
    let file = sheet(
        &[
            "姓名",
            "专业",
            "职称",
            "工作单位",
            "电话",
            "电子邮箱",
            "登录账号",
            "利益冲突品牌",
            "利益冲突生产者信用代码",
        ],
        &[
            &[
                "孙立",
                "电气安全",
                "高工",
                "甘肃电科院",
                "",
                "",
                "",
                "迅驰、乐宝",
                "",
            ],
            &[
                "周明",
                "chemical",
                "",
                "兰州化物所",
                "",
                "",
                "",
                "",
                "91620100MA72C00019",
            ],
            &["吴刚", "battery", "", "兰州理工大学", "", "", "", "", ""],
        ],
    );
    let before = province.ok("/api/v1/recall/experts?page_size=1").await["total"]
        .as_u64()
        .unwrap();
    let (s, b) = province
        .upload("/api/v1/recall/experts/import", "e.xlsx", file.clone())
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let errors: Vec<(u64, &str)> = b["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["row"].as_u64().unwrap(), e["field"].as_str().unwrap()))
        .collect();
    assert_eq!(errors, [(3, "conflicts[0].producer_code")], "{b}");
    assert_eq!(
        province.ok("/api/v1/recall/experts?page_size=1").await["total"]
            .as_u64()
            .unwrap(),
        before
    );
    let (s, b) = province
        .upload(
            "/api/v1/recall/experts/import?mode=valid_rows",
            "e.xlsx",
            file,
        )
        .await;
    assert_eq!((s, b["created"].as_u64()), (StatusCode::OK, Some(2)), "{b}");
    let sun = province.ok("/api/v1/recall/experts?q=孙立").await;
    assert_eq!(sun["items"][0]["specialty"], "electrical");
    let brands: Vec<&str> = sun["items"][0]["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["brand"].as_str().unwrap())
        .collect();
    assert_eq!(brands, ["迅驰", "乐宝"]);
    let res = city
        .upload("/api/v1/recall/experts/import", "e.xlsx", b"x".to_vec())
        .await;
    assert_error(&res, StatusCode::FORBIDDEN, "auth.forbidden");
}
