//! Work-plan supervision: the whole cycle (create → publish → report → return → report again →
//! accept → completion rates), every refusal, attachments and the daily job.

use chrono::{Datelike, Duration, NaiveDate};
use longzhi_plan::{jobs, targets::today};
use longzhi_reports::xlsx::{Limits, read_first_sheet};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{Client, TestApp, assert_error, assert_field};
use crate::scope::{cannot_read, not_listed};

const SEED: &str = include_str!("../../../modules/plan/assets/seed-2023.txt");

/// Plan dates well around today, so deadlines a few weeks ahead or behind stay inside the plan
/// whatever the day the tests run (a plan of the calendar year fails them in December).
fn plan_start() -> NaiveDate {
    today() - Duration::days(180)
}

fn plan_end() -> NaiveDate {
    today() + Duration::days(180)
}

/// A draft plan with one part and one point, by `province`: (plan id, point id).
async fn draft(province: &Client, title: &str) -> (i64, i64) {
    let (s, plan) = province
        .post(
            "/api/v1/plans",
            json!({"year": today().year(), "title": title, "doc_no": "甘市监办函〔2023〕18号",
                   "start_date": plan_start(), "end_date": plan_end()}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{plan}");
    let id = plan["id"].as_i64().unwrap();
    assert_eq!(plan["status"], "draft");
    let (s, part) = province
        .post(
            &format!("/api/v1/plans/{id}/parts"),
            json!({"title": "第一部分"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{part}");
    let (s, point) = province
        .post(
            &format!("/api/v1/plans/parts/{}/points", part["id"]),
            json!({"title": "第一个要点", "body": "各地要认真落实。"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{point}");
    (id, point["id"].as_i64().unwrap())
}

/// A task addressed to the quality department and 兰州, 天水, due `deadline`.
async fn task(app: &TestApp, province: &Client, point: i64, deadline: NaiveDate) -> Value {
    let quality = app.org_id("620000-quality").await;
    let (s, t) = province
        .post(
            &format!("/api/v1/plans/points/{point}/tasks"),
            json!({"title": "制定贯彻落实方案", "lead_dept_id": quality, "city_scope": "some",
                   "city_codes": ["620100", "620500"], "deadline": deadline,
                   "evidence": "方案文本"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    t
}

/// The targets of `plan` the client sees.
async fn targets(c: &Client, plan: i64) -> Vec<Value> {
    c.ok(&format!(
        "/api/v1/plans/targets?plan_id={plan}&page_size=100"
    ))
    .await["items"]
        .as_array()
        .unwrap()
        .clone()
}

async fn report(c: &Client, target: i64, status: &str, percent: i32) -> (StatusCode, Value) {
    c.post(
        &format!("/api/v1/plans/targets/{target}/reports"),
        json!({"status": status, "percent": percent, "text": "按计划推进", "report_date": today()}),
    )
    .await
}

async fn review(
    c: &Client,
    report: &Value,
    decision: &str,
    comment: Option<&str>,
) -> (StatusCode, Value) {
    c.post(
        &format!("/api/v1/plans/reports/{}/review", report["id"]),
        json!({"decision": decision, "comment": comment}),
    )
    .await
}

async fn unread(c: &Client) -> i64 {
    c.ok("/api/v1/notices/unread-count").await["count"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn the_seed_text_previews_as_five_parts_and_nineteen_points() {
    let app = TestApp::spawn().await;
    let province = app.login("province").await;
    let o = province
        .post("/api/v1/plans/import/preview", json!({"text": SEED}))
        .await
        .1;
    assert_eq!(o["doc_no"], "甘市监办函〔2023〕18号");
    assert_eq!(o["title"], "2023年质量发展工作要点");
    let parts = o["parts"].as_array().unwrap();
    assert_eq!(parts.len(), 5);
    assert_eq!(parts[0]["title"], "强化政治引领,增强做好质量工作的行动自觉");
    assert_eq!(parts[4]["title"], "着眼消费者权益保护,提升安全召回监管效能");
    let points: Vec<&Value> = parts
        .iter()
        .flat_map(|p| p["points"].as_array().unwrap())
        .collect();
    assert_eq!(points.len(), 19);
    let seqs: Vec<i64> = points.iter().map(|p| p["seq"].as_i64().unwrap()).collect();
    assert_eq!(seqs, (1..=19).collect::<Vec<_>>());
    assert_eq!(points[0]["title"], "全面贯彻党的二十大精神");
    assert_eq!(points[7]["title"], "组织开展全国“质量月”活动");
    assert_eq!(points[18]["title"], "积极落实产品安全责任");
    // Points per part as the notice has them: 4, 4, 5, 3, 3.
    let per_part: Vec<usize> = parts
        .iter()
        .map(|p| p["points"].as_array().unwrap().len())
        .collect();
    assert_eq!(per_part, [4, 4, 5, 3, 3]);

    // The corrected preview creates the plan's structure in one go.
    let (s, plan) = province
        .post(
            "/api/v1/plans",
            json!({"year": 2023, "title": o["title"], "doc_no": o["doc_no"],
                   "start_date": "2023-03-06", "end_date": "2023-12-31", "outline": o}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{plan}");
    let detail = province.ok(&format!("/api/v1/plans/{}", plan["id"])).await;
    let n: usize = detail["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["points"].as_array().unwrap().len())
        .sum();
    assert_eq!(n, 19);
}

#[tokio::test]
async fn a_plan_runs_from_draft_to_accepted_reports_and_completion_rates() {
    let app = TestApp::spawn().await;
    let province = app.login("province").await;
    let lanzhou = app.login("lanzhou").await;
    let tianshui = app.login("tianshui").await;
    let (plan, point) = draft(&province, "督办全流程").await;
    task(&app, &province, point, today() + Duration::days(30)).await;

    // A draft is the province's alone.
    not_listed(&lanzhou, "/api/v1/plans", plan).await;
    cannot_read(&lanzhou, &format!("/api/v1/plans/{plan}")).await;

    let before = unread(&lanzhou).await;
    let (s, published) = province
        .post(&format!("/api/v1/plans/{plan}/publish"), json!({}))
        .await;
    assert_eq!(s, StatusCode::OK, "{published}");
    assert_eq!(published["status"], "published");
    assert_eq!(
        published["target_count"], 3,
        "the department, 兰州 and 天水"
    );

    // Every addressee is told.
    assert_eq!(unread(&lanzhou).await, before + 1);
    let notices = lanzhou.ok("/api/v1/notices?unread=true").await;
    assert_eq!(notices["items"][0]["kind"], "task_assigned");
    assert_eq!(
        notices["items"][0]["link"],
        format!("/plan/tasks?plan_id={plan}")
    );

    // 兰州 sees its own target and the published plan; 天水 its own.
    let mine = targets(&lanzhou, plan).await;
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["region_code"], "620100");
    assert_eq!(mine[0]["status"], "not_started");
    let target = mine[0]["id"].as_i64().unwrap();
    assert_eq!(targets(&tianshui, plan).await[0]["region_code"], "620500");
    assert!(lanzhou.ids("/api/v1/plans").await.contains(&plan));

    // Report → return with a comment → report again → accept.
    let (s, first) = report(&lanzhou, target, "in_progress", 40).await;
    assert_eq!(s, StatusCode::CREATED, "{first}");
    assert_eq!(first["review"], "pending");
    // The plan's owner is told there is a report to review.
    let owner = province.ok("/api/v1/notices?unread=true").await;
    assert_eq!(owner["items"][0]["kind"], "report_submitted");
    assert_eq!(
        owner["items"][0]["link"],
        format!("/plan/tasks?target={target}")
    );
    assert_error(
        &report(&lanzhou, target, "in_progress", 50).await,
        StatusCode::CONFLICT,
        "plan.report_pending",
    );
    assert_field(
        &review(&province, &first, "return", None).await,
        "comment",
        "required",
    );
    let (s, returned) = review(&province, &first, "return", Some("请补充佐证材料")).await;
    assert_eq!(s, StatusCode::OK, "{returned}");
    assert_error(
        &review(&province, &first, "accept", None).await,
        StatusCode::CONFLICT,
        "plan.not_pending",
    );
    let latest = lanzhou.ok("/api/v1/notices?unread=true").await;
    assert_eq!(latest["items"][0]["kind"], "report_returned");
    assert_eq!(latest["items"][0]["body"], "请补充佐证材料");
    assert_eq!(targets(&lanzhou, plan).await[0]["review"], "returned");

    let (s, second) = report(&lanzhou, target, "done", 100).await;
    assert_eq!(s, StatusCode::CREATED, "{second}");
    let (s, accepted) = review(&province, &second, "accept", None).await;
    assert_eq!(s, StatusCode::OK, "{accepted}");
    assert_eq!(accepted["review"], "accepted");

    // The target's story, oldest first, and its reports, newest first.
    let detail = lanzhou.ok(&format!("/api/v1/plans/targets/{target}")).await;
    let actions: Vec<&str> = detail["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        ["published", "reported", "returned", "reported", "accepted"]
    );
    assert_eq!(detail["timeline"][2]["detail"], "请补充佐证材料");
    assert_eq!(detail["timeline"][1]["actor_name"], "lanzhou");
    assert_eq!(detail["reports"][0]["status"], "done");
    assert_eq!(detail["reports"][1]["review_comment"], "请补充佐证材料");

    // Completion: 兰州 done, 天水 not started, the department not started.
    let m = province.ok(&format!("/api/v1/plans/{plan}/matrix")).await;
    assert_eq!(m["cities"].as_array().unwrap().len(), 2);
    assert_eq!(
        (m["total"].as_i64(), m["completed"].as_i64()),
        (Some(2), Some(1))
    );
    assert_eq!(m["rate"], 0.5);
    let cell = |org: &Value| {
        m["cells"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["org_id"] == *org)
            .unwrap()
            .clone()
    };
    let lz = lanzhou.user["org_id"].clone();
    let ts = tianshui.user["org_id"].clone();
    assert_eq!(cell(&lz)["status"], "done");
    assert_eq!(cell(&ts)["status"], "not_started");
    let city_rate = |org: &Value| {
        m["by_city"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["org_id"] == *org)
            .unwrap()["rate"]
            .clone()
    };
    assert_eq!(city_rate(&lz), 1.0);
    assert_eq!(city_rate(&ts), 0.0);
    assert_eq!(m["by_point"][0]["rate"], 0.5);
    let plan_view = province.ok("/api/v1/plans?q=督办全流程").await;
    assert_eq!(plan_view["items"][0]["completed_count"], 1);
    assert_eq!(plan_view["items"][0]["target_count"], 3);
    // A filter keeps the cells of a status; a city sees its own column only.
    let open = province
        .ok(&format!("/api/v1/plans/{plan}/matrix?status=not_started"))
        .await;
    assert_eq!(open["cells"].as_array().unwrap().len(), 1);
    let own = lanzhou.ok(&format!("/api/v1/plans/{plan}/matrix")).await;
    assert_eq!(own["cities"].as_array().unwrap().len(), 1);
    assert_eq!(own["rate"], 1.0);

    // The matrix as Excel, read back.
    let (s, bytes, _) = province
        .download(&format!("/api/v1/plans/{plan}/matrix/export"), "zh-CN")
        .await;
    assert_eq!(s, StatusCode::OK);
    let sheet = read_first_sheet(&bytes, &Limits::default()).unwrap();
    assert_eq!(sheet.headers[0], "要点");
    assert!(
        sheet.headers.iter().any(|h| h == "兰州市市场监督管理局"),
        "{:?}",
        sheet.headers
    );
    assert_eq!(sheet.rows[0].1[1], "已完成 1/1");
    assert_eq!(sheet.rows.last().unwrap().1.last().unwrap(), "50.0%");

    // The province's dashboard counts 天水's open task.
    let map = province
        .ok("/api/v1/dashboard/regions?metric=open_tasks")
        .await;
    let ts_open = map
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "620500")
        .unwrap();
    assert!(ts_open["value"].as_f64().unwrap() >= 1.0);

    // Closed: no more reports, but what is pending is still reviewed.
    let ts_target = targets(&tianshui, plan).await[0]["id"].as_i64().unwrap();
    let (_, pending) = report(&tianshui, ts_target, "in_progress", 10).await;
    let (s, closed) = province
        .post(&format!("/api/v1/plans/{plan}/close"), json!({}))
        .await;
    assert_eq!(s, StatusCode::OK, "{closed}");
    assert_error(
        &report(&tianshui, ts_target, "in_progress", 20).await,
        StatusCode::CONFLICT,
        "plan.closed",
    );
    assert_eq!(
        review(&province, &pending, "accept", None).await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn plans_refuse_what_their_state_and_the_callers_role_do_not_allow() {
    let app = TestApp::spawn().await;
    let province = app.login("province").await;
    let lanzhou = app.login("lanzhou").await;
    let tianshui = app.login("tianshui").await;
    let enterprise = app.login("enterprise").await;
    let (plan, point) = draft(&province, "拒绝测试").await;

    // Roles without the permission are refused before anything is read.
    let body =
        json!({"year": 2026, "title": "x", "start_date": "2026-01-01", "end_date": "2026-12-31"});
    assert_error(
        &lanzhou.post("/api/v1/plans", body).await,
        StatusCode::FORBIDDEN,
        "auth.forbidden",
    );
    assert_error(
        &enterprise.get("/api/v1/plans/targets").await,
        StatusCode::FORBIDDEN,
        "auth.forbidden",
    );

    // Nothing to publish yet.
    assert_error(
        &province
            .post(&format!("/api/v1/plans/{plan}/publish"), json!({}))
            .await,
        StatusCode::CONFLICT,
        "plan.empty",
    );
    // Bad tasks name the field and the rule.
    let tasks = format!("/api/v1/plans/points/{point}/tasks");
    let lanzhou_bureau = app.org_id("620100-bureau").await;
    let bad = province
        .post(
            &tasks,
            json!({"title": "", "lead_dept_id": lanzhou_bureau, "city_scope": "some",
                   "city_codes": [], "deadline": "1999-01-01"}),
        )
        .await;
    for (field, rule) in [
        ("title", "required"),
        ("lead_dept_id", "exists"),
        ("city_codes", "required"),
        ("deadline", "range"),
    ] {
        assert_field(&bad, field, rule);
    }
    let bad = province
        .post(
            &tasks,
            json!({"title": "t", "city_scope": "some", "city_codes": ["620102"], "deadline": today()}),
        )
        .await;
    assert_field(&bad, "city_codes", "exists");
    let bad = province
        .post(
            &tasks,
            json!({"title": "t", "city_scope": "none", "deadline": today()}),
        )
        .await;
    assert_field(&bad, "lead_dept_id", "required");
    let bad = province
        .post(
            &tasks,
            json!({"title": "t", "city_scope": "several", "deadline": today()}),
        )
        .await;
    assert_field(&bad, "city_scope", "enum");
    let bad = province
        .post(
            "/api/v1/plans",
            json!({"year": 1900, "title": " ", "start_date": "2026-12-31", "end_date": "2026-01-01"}),
        )
        .await;
    for (field, rule) in [
        ("year", "range"),
        ("title", "required"),
        ("end_date", "range"),
    ] {
        assert_field(&bad, field, rule);
    }

    let t = task(&app, &province, point, today() + Duration::days(10)).await;
    province
        .post(&format!("/api/v1/plans/{plan}/publish"), json!({}))
        .await;

    // A published plan's structure is fixed, and it cannot be deleted.
    for (method, path, body) in [
        (
            Method::POST,
            format!("/api/v1/plans/{plan}/parts"),
            Some(json!({"title": "新"})),
        ),
        (
            Method::DELETE,
            format!("/api/v1/plans/tasks/{}", t["id"]),
            None,
        ),
        (Method::DELETE, format!("/api/v1/plans/{plan}"), None),
    ] {
        assert_error(
            &province.send(method, &path, body).await,
            StatusCode::CONFLICT,
            "plan.not_draft",
        );
    }

    // A city cannot see, report on or review another city's target.
    let lz_target = targets(&lanzhou, plan).await[0]["id"].as_i64().unwrap();
    not_listed(
        &tianshui,
        &format!("/api/v1/plans/targets?plan_id={plan}"),
        lz_target,
    )
    .await;
    cannot_read(&tianshui, &format!("/api/v1/plans/targets/{lz_target}")).await;
    assert_eq!(
        report(&tianshui, lz_target, "in_progress", 10).await.0,
        StatusCode::NOT_FOUND
    );
    let (_, r) = report(&lanzhou, lz_target, "in_progress", 10).await;
    assert_error(
        &review(&lanzhou, &r, "accept", None).await,
        StatusCode::FORBIDDEN,
        "auth.forbidden",
    );
    assert_eq!(
        review(&tianshui, &r, "accept", None).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        lanzhou
            .ok(&format!("/api/v1/plans/targets/{lz_target}"))
            .await["target"]["review"],
        "pending"
    );

    // Bad reports name the field and the rule, and store nothing.
    let ts_target = targets(&tianshui, plan).await[0]["id"].as_i64().unwrap();
    let bad = tianshui
        .post(
            &format!("/api/v1/plans/targets/{ts_target}/reports"),
            json!({"status": "done", "percent": 50, "text": " ", "report_date": today() + Duration::days(2)}),
        )
        .await;
    for (field, rule) in [
        ("percent", "range"),
        ("text", "required"),
        ("report_date", "range"),
    ] {
        assert_field(&bad, field, rule);
    }
    assert_field(
        &report(&tianshui, ts_target, "finished", 10).await,
        "status",
        "enum",
    );
    assert!(
        tianshui
            .ok(&format!("/api/v1/plans/targets/{ts_target}"))
            .await["reports"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    // A department sees only its own targets.
    let metrology = app.login("metrology").await;
    let own = metrology.ok("/api/v1/plans/targets?page_size=100").await;
    let dept = app.org_id("620000-metrology").await;
    assert!(
        own["total"].as_i64().unwrap() >= 1,
        "the demo plan's point 14"
    );
    assert!(
        own["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["org_id"] == dept)
    );
    not_listed(&metrology, "/api/v1/plans/targets", lz_target).await;
}

/// A minimal PDF: its magic number is what counts.
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

#[tokio::test]
async fn attachments_are_checked_by_content_and_follow_what_they_are_attached_to() {
    let app = TestApp::spawn().await;
    let province = app.login("province").await;
    let lanzhou = app.login("lanzhou").await;
    let tianshui = app.login("tianshui").await;
    let (plan, point) = draft(&province, "附件测试").await;
    task(&app, &province, point, today() + Duration::days(10)).await;
    province
        .post(&format!("/api/v1/plans/{plan}/publish"), json!({}))
        .await;
    let target = targets(&lanzhou, plan).await[0]["id"].as_i64().unwrap();

    // The type comes from the bytes, not the name.
    let exe = lanzhou
        .upload(
            "/api/v1/files",
            "report.pdf",
            b"MZ\x90\x00\x03\x00\x00\x00".to_vec(),
        )
        .await;
    assert_error(
        &exe,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "file.type_not_allowed",
    );
    let (s, file) = lanzhou
        .upload("/api/v1/files", "../进展报告.pdf", PDF.to_vec())
        .await;
    assert_eq!(s, StatusCode::CREATED, "{file}");
    assert_eq!(file["mime"], "application/pdf");
    assert_eq!(file["name"], "进展报告.pdf");

    // Nobody attaches another user's upload.
    let (_, other) = tianshui
        .upload("/api/v1/files", "x.pdf", PDF.to_vec())
        .await;
    let stolen = lanzhou
        .post(
            &format!("/api/v1/plans/targets/{target}/reports"),
            json!({"status": "in_progress", "percent": 20, "text": "进展", "report_date": today(),
                   "attachment_ids": [other["id"]]}),
        )
        .await;
    assert_field(&stolen, "attachment_ids", "exists");

    let (s, r) = lanzhou
        .post(
            &format!("/api/v1/plans/targets/{target}/reports"),
            json!({"status": "in_progress", "percent": 20, "text": "进展", "report_date": today(),
                   "attachment_ids": [file["id"]]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    assert_eq!(r["attachments"][0]["id"], file["id"]);
    let path = format!("/api/v1/files/{}", file["id"]);
    // The reviewer may read it; another city may not.
    let (s, bytes, disposition) = province.download(&path, "zh-CN").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(bytes, PDF);
    assert!(disposition.contains("filename*=UTF-8''"), "{disposition}");
    assert_eq!(
        tianshui.download(&path, "zh-CN").await.0,
        StatusCode::NOT_FOUND
    );

    // Past `upload.max_mb` the upload is refused while it arrives.
    let admin = app.login("admin").await;
    let (s, b) = admin
        .put(
            "/api/v1/system/params/upload.max_mb",
            json!({"value": "1", "version": 1}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let mut big = PDF.to_vec();
    big.resize(2 * 1024 * 1024, b' ');
    assert_error(
        &lanzhou.upload("/api/v1/files", "big.pdf", big).await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "request.too_large",
    );
}

#[tokio::test]
async fn the_daily_job_reminds_and_flags_once_even_with_two_servers() {
    let app = TestApp::spawn().await;
    let province = app.login("province").await;
    let lanzhou = app.login("lanzhou").await;
    let (plan, point) = draft(&province, "每日任务").await;
    let soon = today() + Duration::days(3);
    task(&app, &province, point, soon).await;
    let late_point = province
        .post(
            &format!(
                "/api/v1/plans/parts/{}/points",
                province.ok(&format!("/api/v1/plans/{plan}")).await["parts"][0]["id"]
            ),
            json!({"title": "已到期的要点"}),
        )
        .await
        .1["id"]
        .as_i64()
        .unwrap();
    task(&app, &province, late_point, today() - Duration::days(1)).await;
    province
        .post(&format!("/api/v1/plans/{plan}/publish"), json!({}))
        .await;

    // Two servers at the same moment: one runs the job.
    let second = longzhi_store::backend::connect(&app.database_url)
        .await
        .unwrap();
    let (a, b) = tokio::join!(
        jobs::run_daily(&app.db, "server-a", today()),
        jobs::run_daily(&second, "server-b", today()),
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert!(a.ran != b.ran, "exactly one ran: {a:?} {b:?}");
    let run = if a.ran { a } else { b };
    assert!(run.reminded >= 3 && run.flagged >= 3, "{run:?}");

    let mine = targets(&lanzhou, plan).await;
    let by_deadline = |d: NaiveDate| {
        mine.iter()
            .find(|t| t["deadline"] == json!(d))
            .unwrap()
            .clone()
    };
    assert_eq!(by_deadline(today() - Duration::days(1))["overdue"], true);
    assert_eq!(by_deadline(soon)["overdue"], false);
    let kinds: Vec<String> = lanzhou
        .ok("/api/v1/notices?unread=true&page_size=100")
        .await["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap().to_owned())
        .collect();
    assert!(kinds.contains(&"deadline_near".to_owned()), "{kinds:?}");
    assert!(kinds.contains(&"overdue".to_owned()), "{kinds:?}");
    let late = by_deadline(today() - Duration::days(1))["id"]
        .as_i64()
        .unwrap();
    let timeline = lanzhou.ok(&format!("/api/v1/plans/targets/{late}")).await["timeline"].clone();
    assert_eq!(
        timeline.as_array().unwrap().last().unwrap()["action"],
        "overdue"
    );
    let overdue_only = lanzhou
        .ok(&format!(
            "/api/v1/plans/targets?plan_id={plan}&overdue=true"
        ))
        .await;
    assert_eq!(overdue_only["total"], 1);

    // Again the same day: nobody runs it. The next day: nothing is reminded or flagged twice.
    assert!(
        !jobs::run_daily(&app.db, "server-c", today())
            .await
            .unwrap()
            .ran
    );
    // (Other plans' targets may enter the reminder window the next day: only this plan's count.)
    let links: Vec<String> = mine
        .iter()
        .map(|t| format!("/plan/tasks?target={}", t["id"]))
        .collect();
    async fn ours(c: &Client, links: &[String]) -> usize {
        c.ok("/api/v1/notices?page_size=100").await["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| links.iter().any(|l| n["link"] == l.as_str()))
            .count()
    }
    let count = ours(&lanzhou, &links).await;
    assert!(count >= 2, "{count}");
    let next = jobs::run_daily(&app.db, "server-c", today() + Duration::days(1))
        .await
        .unwrap();
    assert!(next.ran);
    assert_eq!(ours(&lanzhou, &links).await, count, "{next:?}");
}

#[tokio::test]
async fn nobody_reviews_a_report_of_their_own_or_of_their_organisation() {
    let app = TestApp::spawn().await;
    let province = app.login("province").await;
    let admin = app.login("admin").await;
    let (plan, point) = draft(&province, "职责分离").await;
    task(&app, &province, point, today() + Duration::days(30)).await;
    let (s, b) = province
        .post(&format!("/api/v1/plans/{plan}/publish"), json!({}))
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let all = targets(&province, plan).await;
    let of = |code: &str| {
        all.iter()
            .find(|t| t["region_code"] == code)
            .map(|t| t["id"].as_i64().unwrap())
            .unwrap()
    };
    // The province files a report on 兰州's target (its scope allows it) …
    let (s, filed) = report(&province, of("620100"), "in_progress", 30).await;
    assert_eq!(s, StatusCode::CREATED, "{filed}");
    // … and may not accept it itself; another organisation's reviewer may.
    assert_error(
        &review(&province, &filed, "accept", None).await,
        StatusCode::CONFLICT,
        "plan.own_report",
    );
    let (s, b) = review(&admin, &filed, "accept", None).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    // A reviewer in the reporting organisation may not review it either, whoever filed it.
    let reviewer = app
        .new_user(
            &admin,
            "ts_reviewer",
            "620500-bureau",
            &[app.role_id("province_staff").await],
        )
        .await;
    let tianshui = app.login("tianshui").await;
    let (s, filed) = report(&tianshui, of("620500"), "in_progress", 50).await;
    assert_eq!(s, StatusCode::CREATED, "{filed}");
    assert_error(
        &review(&reviewer, &filed, "accept", None).await,
        StatusCode::CONFLICT,
        "plan.own_report",
    );
    let (s, b) = review(&province, &filed, "accept", None).await;
    assert_eq!(s, StatusCode::OK, "{b}");
}

#[tokio::test]
async fn uploads_need_a_permission_a_quota_and_a_record_within_a_day() {
    let app = TestApp::spawn().await;
    let lanzhou = app.login("lanzhou").await;
    // Users whose roles hold nothing to attach a file to cannot upload (an enterprise can: its
    // programme applications carry evidence).
    for who in ["expert", "hospital"] {
        let c = app.login(who).await;
        assert_error(
            &c.upload("/api/v1/files", "x.pdf", PDF.to_vec()).await,
            StatusCode::FORBIDDEN,
            "auth.forbidden",
        );
    }
    // A quota per user and day (1 MB here).
    let admin = app.login("admin").await;
    let (s, b) = admin
        .put(
            "/api/v1/system/params/upload.daily_quota_mb",
            json!({"value": "1", "version": 1}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let mut half = PDF.to_vec();
    half.resize(600 * 1024, b' ');
    let (s, kept) = lanzhou.upload("/api/v1/files", "a.pdf", half.clone()).await;
    assert_eq!(s, StatusCode::CREATED, "{kept}");
    assert_error(
        &lanzhou.upload("/api/v1/files", "b.pdf", half.clone()).await,
        StatusCode::TOO_MANY_REQUESTS,
        "file.quota",
    );
    // Another user has a quota of their own.
    let tianshui = app.login("tianshui").await;
    assert_eq!(
        tianshui.upload("/api/v1/files", "c.pdf", half).await.0,
        StatusCode::CREATED
    );
    // An upload never attached is removed after a day, bytes and all.
    let storage = longzhi_store::storage::DbStorage(app.db.clone());
    let now = chrono::Utc::now();
    let purged = longzhi_store::repo::files::purge_unattached(&app.db, &storage, now)
        .await
        .unwrap();
    assert_eq!(purged, 0, "nothing is a day old yet");
    let purged = longzhi_store::repo::files::purge_unattached(
        &app.db,
        &storage,
        now + Duration::days(1) + Duration::minutes(1),
    )
    .await
    .unwrap();
    assert_eq!(purged, 2);
    let path = format!("/api/v1/files/{}", kept["id"]);
    assert_eq!(
        lanzhou.download(&path, "zh-CN").await.0,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_download_needs_the_permission_of_the_record_it_belongs_to() {
    let app = TestApp::spawn().await;
    let province = app.login("province").await;
    let lanzhou = app.login("lanzhou").await;
    let (plan, point) = draft(&province, "附件权限").await;
    task(&app, &province, point, today() + Duration::days(10)).await;
    province
        .post(&format!("/api/v1/plans/{plan}/publish"), json!({}))
        .await;
    let target = targets(&lanzhou, plan).await[0]["id"].as_i64().unwrap();
    let (_, file) = lanzhou.upload("/api/v1/files", "r.pdf", PDF.to_vec()).await;
    let (s, r) = lanzhou
        .post(
            &format!("/api/v1/plans/targets/{target}/reports"),
            json!({"status": "in_progress", "percent": 20, "text": "进展", "report_date": today(),
                   "attachment_ids": [file["id"]]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    // A 兰州 user whose role may manage users but see no tasks: in scope, without the right.
    let admin = app.login("admin").await;
    let (s, role) = admin
        .post(
            "/api/v1/system/roles",
            json!({"code":"lz_user_admin","name":"用户管理员","name_en":"User admin","data_scope":"region",
                   "permissions":["system:user:list"],"status":"active","sort":50}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{role}");
    let c = app
        .new_user(
            &admin,
            "lz_users",
            "620100-bureau",
            &[role["id"].as_i64().unwrap()],
        )
        .await;
    let path = format!("/api/v1/files/{}", file["id"]);
    assert_eq!(c.download(&path, "zh-CN").await.0, StatusCode::NOT_FOUND);
    assert_eq!(lanzhou.download(&path, "zh-CN").await.0, StatusCode::OK);
}

#[tokio::test]
async fn an_installation_from_before_the_module_kit_keeps_its_plans_on_upgrade() {
    let app = TestApp::spawn().await;
    let province = app.login("province").await;
    let list = |c: Client| async move {
        (
            c.ok("/api/v1/plans?page_size=100").await,
            c.ok("/api/v1/plans/targets?page_size=100").await,
        )
    };
    let before = list(province.clone()).await;
    assert!(before.1["total"].as_u64().unwrap() > 0);
    // Before the kit, the core's `m0002_plans` created the plans' tables and nothing recorded
    // the plan module's own migration: it runs on tables that exist and changes nothing.
    crate::helpers::sql(
        &app,
        "DELETE FROM seaql_migrations WHERE version = 'plan_m0001_tables'",
    )
    .await;
    longzhi_server::module::migrate(&app.db, &longzhi::modules())
        .await
        .expect("upgrade");
    assert_eq!(list(province).await, before);
}
