//! Service quality: a round from design to the published index whose figures equal `longzhi
//! engine pls` on the round's export and model; fieldwork with its refusals (survey staff only
//! on their quota, out-of-range answers, the quality flags, imports row by row, one-time links
//! used once even when sent twice at the same moment); what a city sees before and after
//! publication; remediation tasks reviewed; coordinated events; the demo's rounds.

use chrono::{Datelike, Duration};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::excel::sheet;
use crate::helpers::{Client, TestApp, assert_error, assert_field, read};
use crate::quality::finished;

fn today() -> chrono::NaiveDate {
    longzhi_store::today()
}

/// A small deterministic generator (a linear congruential sequence) for test respondents.
struct Lcg(u64);

impl Lcg {
    fn unit(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Roughly normal: the sum of four uniforms, centred.
    fn noise(&mut self) -> f64 {
        (0..4).map(|_| self.unit()).sum::<f64>() - 2.0
    }
}

/// `n` respondents of `region`/`service` as CSV rows for the survey's `items` (constructs by
/// their two-letter prefix), satisfaction shifted by `level`.
fn respondents(
    rng: &mut Lcg,
    items: &[String],
    region: &str,
    service: &str,
    level: f64,
    n: usize,
) -> Vec<String> {
    (0..n)
        .map(|_| {
            let ex = rng.noise();
            let pq = 0.5 * ex + level + rng.noise();
            let pv = 0.6 * pq + 0.6 * rng.noise();
            let cs = 0.5 * pq + 0.3 * pv + 0.5 * rng.noise();
            let cc = 0.6 * cs + 0.7 * rng.noise();
            let cl = 0.5 * cs + 0.3 * cc + 0.5 * rng.noise();
            let mut cells = vec![region.to_owned(), service.to_owned(), "200".to_owned()];
            for i in items {
                let v = match &i[..2] {
                    "EX" => ex,
                    "PQ" => pq,
                    "PV" => pv,
                    "CS" => cs,
                    "CC" => cc,
                    _ => cl,
                };
                cells.push(format!(
                    "{}",
                    (7.0 + 1.5 * v + 0.8 * rng.noise()).round().clamp(1.0, 10.0)
                ));
            }
            cells.join(",")
        })
        .collect()
}

/// The demo questionnaire's model, for a new questionnaire named `code`.
async fn new_survey(province: &Client, code: &str) -> Value {
    let demo = &province.ok("/api/v1/service/surveys?keyword=PSQ").await["items"][0];
    let (s, survey) = province
        .post(
            "/api/v1/service/surveys",
            json!({"code": code, "name": format!("测试问卷 {code}"), "scale_min": 1, "scale_max": 10,
                   "min_seconds": 60, "max_missing": 0.2, "target": "CS",
                   "services": ["pub_health", "pub_transport"],
                   "constructs": demo["constructs"], "paths": demo["paths"]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{survey}");
    let (s, active) = province
        .post(
            &format!("/api/v1/service/surveys/{}/activate", survey["id"]),
            json!({"version": survey["version"]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{active}");
    active
}

fn items(survey: &Value) -> Vec<String> {
    survey["constructs"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| {
            c["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["code"].as_str().unwrap().to_owned())
        })
        .collect()
}

/// A round of `survey` in fieldwork with quotas for 兰州 and 天水 × its two services.
async fn fieldwork(province: &Client, survey: &Value, target: i32) -> Value {
    let (s, round) = province
        .post(
            "/api/v1/service/rounds",
            json!({"survey_id": survey["id"], "name": format!("测试轮次 {}", survey["code"]), "year": today().year(),
                   "starts_on": today() - Duration::days(5), "ends_on": today() + Duration::days(20), "resamples": 200}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{round}");
    let path = format!("/api/v1/service/rounds/{}", round["id"]);
    assert_error(
        &province
            .post(
                &format!("{path}/open"),
                json!({"version": round["version"]}),
            )
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation.field",
    );
    let cells: Vec<Value> = ["620100", "620500"]
        .iter()
        .flat_map(|r| {
            ["pub_health", "pub_transport"]
                .map(|sv| json!({"region_code": r, "service": sv, "target": target}))
        })
        .collect();
    let (s, q) = province
        .put(&format!("{path}/quotas"), json!({"quotas": cells}))
        .await;
    assert_eq!((s, q.as_array().unwrap().len()), (StatusCode::OK, 4), "{q}");
    let (s, opened) = province
        .post(
            &format!("{path}/open"),
            json!({"version": round["version"]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{opened}");
    opened
}

/// `longzhi engine pls` on files: its JSON.
fn command(data: &str, model: &str, args: &[&str]) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let (d, m) = (
        dir.path().join("responses.csv"),
        dir.path().join("model.toml"),
    );
    std::fs::write(&d, data).unwrap();
    std::fs::write(&m, model).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_longzhi"))
        .args(["engine", "pls", "--data"])
        .arg(&d)
        .arg("--model")
        .arg(&m)
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

fn close(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * (1.0 + x.abs()),
        _ => a == b,
    }
}

#[tokio::test]
async fn a_round_from_design_to_the_published_index_equals_the_command() {
    let app = TestApp::spawn().await;
    let province = app.login("province").await;
    let lanzhou = app.login("lanzhou").await;
    let survey = new_survey(&province, "T1").await;
    let round = fieldwork(&province, &survey, 40).await;
    let path = format!("/api/v1/service/rounds/{}", round["id"]);
    let items = items(&survey);
    let mut rng = Lcg(7);
    let mut rows = vec![format!(
        "region_code,service,duration_seconds,{}",
        items.join(",")
    )];
    for (region, service, level) in [
        ("620100", "pub_health", 0.4),
        ("620100", "pub_transport", -0.3),
        ("620500", "pub_health", 0.0),
        ("620500", "pub_transport", -0.6),
    ] {
        rows.extend(respondents(&mut rng, &items, region, service, level, 40));
    }
    let (s, b) = province
        .upload(
            &format!("{path}/responses/import"),
            "responses.csv",
            rows.join("\n").into_bytes(),
        )
        .await;
    assert_eq!(
        (s, b["created"].as_u64()),
        (StatusCode::OK, Some(160)),
        "{b}"
    );

    // An interim look during fieldwork; closing drops it, so what is published is computed on
    // the closed round. Computing is a job whose result is stored on the round.
    let (s, job) = province.post(&format!("{path}/compute"), json!({})).await;
    assert_eq!(s, StatusCode::ACCEPTED, "{job}");
    assert_eq!(
        finished(&province, job["id"].as_i64().unwrap()).await["status"],
        "done"
    );
    assert_eq!(province.ok(&format!("{path}/results")).await["n"], 160);
    assert_error(
        &province
            .post(&format!("{path}/close"), json!({"version": 0}))
            .await,
        StatusCode::CONFLICT,
        "conflict.version",
    );
    let closed = province
        .post(
            &format!("{path}/close"),
            json!({"version": round["version"]}),
        )
        .await
        .1;
    assert_error(
        &lanzhou.post(&format!("{path}/compute"), json!({})).await,
        StatusCode::FORBIDDEN,
        "auth.forbidden",
    );
    assert_error(
        &province.get(&format!("{path}/results")).await,
        StatusCode::NOT_FOUND,
        "service.not_computed",
    );
    assert_error(
        &province
            .post(
                &format!("{path}/publish"),
                json!({"version": closed["version"]}),
            )
            .await,
        StatusCode::NOT_FOUND,
        "service.not_computed",
    );
    let (s, job) = province.post(&format!("{path}/compute"), json!({})).await;
    assert_eq!(s, StatusCode::ACCEPTED, "{job}");
    let job = finished(&province, job["id"].as_i64().unwrap()).await;
    assert_eq!(job["status"], "done", "{job}");

    // The page's figures are the command's on the exported responses and model.
    let results = province.ok(&format!("{path}/results")).await;
    let (_, data, _) = province
        .download(&format!("{path}/responses/export"), "zh-CN")
        .await;
    let (_, model, _) = province
        .download(
            &format!("/api/v1/service/surveys/{}/model.toml", survey["id"]),
            "zh-CN",
        )
        .await;
    let (data, model) = (
        String::from_utf8(data).unwrap(),
        String::from_utf8(model).unwrap(),
    );
    assert_eq!(data.lines().count(), 161);
    let cli = command(
        &data,
        &model,
        &[
            "--missing",
            "mean",
            "--group",
            "region",
            "--group",
            "service",
            "--group",
            "field",
            "--group",
            "cell",
            "--bootstrap",
            "200",
            "--seed",
            &round["seed"].to_string(),
        ],
    );
    assert_eq!(results["engine"], cli, "the stored answer is the command's");
    assert_eq!(results["n"], 160);
    for row in results["regions"].as_array().unwrap() {
        let g = cli["index_groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["column"] == "region" && g["group"] == row["code"])
            .unwrap();
        assert!(close(&row["index"], &g["index"]["CS"]), "{row} {g}");
        let b = cli["bootstrap"]["index_groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["column"] == "region" && b["group"] == row["code"])
            .unwrap();
        assert!(
            close(&row["ci_lo"], &b["index"]["CS"]["ci_lo"])
                && close(&row["ci_hi"], &b["index"]["CS"]["ci_hi"])
        );
        assert!(row["ci_lo"].as_f64().unwrap() < row["index"].as_f64().unwrap());
    }
    for (p, c) in results["paths"]
        .as_array()
        .unwrap()
        .iter()
        .zip(cli["paths"].as_array().unwrap())
    {
        assert!(close(&p["coef"], &c["coef"]), "{p} {c}");
    }
    // 兰州 was surveyed as the more satisfied city; the index ranks it first.
    assert_eq!(results["regions"][0]["code"], "620100");
    assert_eq!(results["regions"][0]["rank"], 1);
    assert_eq!(results["cells"].as_array().unwrap().len(), 4);
    assert!(!results["ipa"].as_array().unwrap().is_empty());

    // Before publication a city sees only its own figures, and no notification.
    let mine = lanzhou.ok(&format!("{path}/results")).await;
    assert_eq!(mine["regions"].as_array().unwrap().len(), 1, "{mine}");
    assert_eq!(mine["regions"][0]["code"], "620100");
    assert!(
        mine["engine"].is_null()
            && mine["overall"].is_null()
            && mine["services"].as_array().unwrap().is_empty()
    );
    assert!(
        mine["cells"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["region_code"] == "620100")
    );
    assert_eq!(
        lanzhou
            .download(&format!("{path}/notice.pdf"), "zh-CN")
            .await
            .0,
        StatusCode::CONFLICT
    );

    let closed = province.ok(&path).await;
    let (s, published) = province
        .post(
            &format!("{path}/publish"),
            json!({"version": closed["version"]}),
        )
        .await;
    assert_eq!(
        (s, published["status"].as_str()),
        (StatusCode::OK, Some("published")),
        "{published}"
    );
    assert_error(
        &province.post(&format!("{path}/compute"), json!({})).await,
        StatusCode::CONFLICT,
        "service.wrong_state",
    );
    let all = lanzhou.ok(&format!("{path}/results")).await;
    assert_eq!(all["regions"].as_array().unwrap().len(), 2);
    let (s, pdf, _) = lanzhou
        .download(&format!("{path}/notice.pdf"), "zh-CN")
        .await;
    assert_eq!(s, StatusCode::OK);
    let text = longzhi_reports::testing::pdf_text(&pdf).unwrap();
    assert!(text.contains("兰州市") && text.contains("通报"), "{text}");
    let notices = lanzhou.ok("/api/v1/notices").await;
    assert!(
        notices["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["link"] == format!("/service/rounds/{}/results", round["id"])),
        "{notices}"
    );
    // The active edition never changes; a revision is the next draft edition, one at a time.
    let sp = format!("/api/v1/service/surveys/{}", survey["id"]);
    let mut edit = survey.clone();
    edit["name"] = json!("改名");
    assert_error(
        &province.put(&sp, edit).await,
        StatusCode::CONFLICT,
        "service.wrong_state",
    );
    let (s, draft) = province
        .post(
            &format!("{sp}/revise"),
            json!({"version": survey["version"]}),
        )
        .await;
    assert_eq!(
        (s, &draft["edition"], &draft["status"]),
        (StatusCode::OK, &json!(2), &json!("draft")),
        "{draft}"
    );
    assert_eq!(
        (&draft["constructs"], &draft["code"]),
        (&survey["constructs"], &survey["code"])
    );
    assert_error(
        &province
            .post(
                &format!("{sp}/revise"),
                json!({"version": survey["version"]}),
            )
            .await,
        StatusCode::CONFLICT,
        "service.wrong_state",
    );
    let (s, xlsx, _) = province
        .download(&format!("{path}/results/export"), "en")
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(xlsx.starts_with(b"PK"));
}

#[tokio::test]
async fn fieldwork_keeps_each_collector_to_their_quota_and_flags_bad_data() {
    let app = TestApp::spawn().await;
    let province = app.login("province").await;
    let lanzhou = app.login("lanzhou").await;
    let tianshui = app.login("tianshui").await;
    let surveyor = app.login(longzhi_service::COLLECTOR_USER).await;
    let survey = new_survey(&province, "T2").await;
    let round = fieldwork(&province, &survey, 10).await;
    let path = format!("/api/v1/service/rounds/{}", round["id"]);
    let items = items(&survey);

    // Quotas: the city sees its own, the survey staff member only the one assigned to them.
    let quotas = lanzhou.ok(&format!("{path}/quotas")).await;
    assert_eq!(quotas.as_array().unwrap().len(), 2);
    assert_eq!(
        surveyor
            .ok(&format!("{path}/quotas"))
            .await
            .as_array()
            .unwrap()
            .len(),
        0
    );
    let q = quotas
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["service"] == "pub_health")
        .unwrap()
        .clone();
    let collectors = lanzhou.ok("/api/v1/service/collectors").await;
    let me = collectors
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "兰州市满意度调查员")
        .unwrap()["id"]
        .clone();
    assert!(
        tianshui
            .ok("/api/v1/service/collectors")
            .await
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["id"] != me)
    );
    assert_error(
        &tianshui
            .put(
                &format!("/api/v1/service/quotas/{}/collector", q["id"]),
                json!({"collector_id": me, "version": q["version"]}),
            )
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    let (s, q) = lanzhou
        .put(
            &format!("/api/v1/service/quotas/{}/collector", q["id"]),
            json!({"collector_id": me, "version": q["version"]}),
        )
        .await;
    assert_eq!(
        (s, &q["collector_name"]),
        (StatusCode::OK, &json!("兰州市满意度调查员")),
        "{q}"
    );
    let mine = surveyor.ok(&format!("{path}/quotas")).await;
    assert_eq!(mine.as_array().unwrap().len(), 1);
    assert_error(
        &lanzhou
            .put(&format!("{path}/quotas"), json!({"quotas": []}))
            .await,
        StatusCode::FORBIDDEN,
        "auth.forbidden",
    );

    // Entry: every answer on the scale; the flags are set at once.
    let answers = |v: f64| -> Value {
        items
            .iter()
            .enumerate()
            .map(|(k, i)| (i.clone(), json!(if k % 3 == 0 { v } else { v - 1.0 })))
            .collect::<serde_json::Map<_, _>>()
            .into()
    };
    let other = lanzhou
        .ok(&format!("{path}/quotas"))
        .await
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["service"] == "pub_transport")
        .unwrap()["id"]
        .clone();
    assert_field(
        &surveyor
            .post(
                &format!("{path}/responses"),
                json!({"quota_id": other, "answers": answers(8.0), "duration_seconds": 200}),
            )
            .await,
        "quota_id",
        "exists",
    );
    let mut wild = answers(8.0);
    wild["PQ1"] = json!(11);
    wild["XX9"] = json!(3);
    let r = surveyor
        .post(
            &format!("{path}/responses"),
            json!({"quota_id": q["id"], "answers": wild, "duration_seconds": 200}),
        )
        .await;
    assert_field(&r, "answers.PQ1", "range");
    assert_field(&r, "answers.XX9", "exists");
    let (s, clean) = surveyor
        .post(
            &format!("{path}/responses"),
            json!({"quota_id": q["id"], "answers": answers(8.0), "duration_seconds": 200}),
        )
        .await;
    assert_eq!(
        (s, clean["flags"].as_array().unwrap().len()),
        (StatusCode::CREATED, 0),
        "{clean}"
    );
    let flat: Value = items
        .iter()
        .map(|i| (i.clone(), json!(9)))
        .collect::<serde_json::Map<_, _>>()
        .into();
    let (_, fast) = surveyor
        .post(
            &format!("{path}/responses"),
            json!({"quota_id": q["id"], "answers": flat, "duration_seconds": 20}),
        )
        .await;
    assert_eq!(
        fast["flags"],
        json!(["straight_line", "speeding"]),
        "{fast}"
    );
    assert_eq!(fast["excluded"], true);
    let listed = surveyor
        .ok(&format!("{path}/responses?flag=speeding"))
        .await;
    assert_eq!(listed["total"], 1);
    assert_eq!(
        tianshui.ok(&format!("{path}/responses")).await["total"],
        0,
        "another city's responses are not listed"
    );
    assert_field(
        &lanzhou.get(&format!("{path}/responses?flag=bogus")).await,
        "flag",
        "enum",
    );

    // An import is checked row by row and stored whole or not at all; values off the scale are
    // kept and flagged.
    let header = format!("region_code,service,duration_seconds,{}", items.join(","));
    let good = |v: &str| {
        format!(
            "620100,pub_transport,150,{}",
            vec![v; items.len()].join(",")
        )
    };
    let mut varied: Vec<String> = (0..items.len()).map(|k| (3 + k % 5).to_string()).collect();
    let bad_rows = [
        header.clone(),
        good("7").replacen("pub_transport", "pub_sport", 1),
        good("x"),
        format!("620500,pub_health,150,{}", varied.join(",")),
    ]
    .join("\n");
    let (s, b) = lanzhou
        .upload(
            &format!("{path}/responses/import"),
            "r.csv",
            bad_rows.into_bytes(),
        )
        .await;
    assert_eq!((s, b["created"].as_u64()), (StatusCode::OK, Some(0)), "{b}");
    let errors: Vec<(u64, &str)> = b["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["row"].as_u64().unwrap(), e["field"].as_str().unwrap()))
        .collect();
    assert!(
        errors.contains(&(2, "service"))
            && errors.contains(&(3, "EX1"))
            && errors.contains(&(4, "region_code")),
        "{errors:?}"
    );
    assert_eq!(
        lanzhou.ok(&format!("{path}/responses")).await["total"],
        2,
        "nothing stored"
    );
    varied[0] = "12".into();
    // Five of sixteen items blank (over the 20% allowed), the others varied.
    let mut sparse: Vec<String> = (0..items.len()).map(|k| (4 + k % 3).to_string()).collect();
    sparse.iter_mut().take(5).for_each(String::clear);
    let ok_rows = [
        header.clone(),
        format!("620100,pub_transport,150,{}", varied.join(",")),
        format!("620100,pub_transport,150,{}", sparse.join(",")),
    ]
    .join("\n");
    let xlsx_rows: Vec<Vec<String>> = ok_rows
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect();
    let refs: Vec<Vec<&str>> = xlsx_rows
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    let refs: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    let headers: Vec<&str> = header.split(',').collect();
    let (s, b) = lanzhou
        .upload(
            &format!("{path}/responses/import"),
            "r.xlsx",
            sheet(&headers, &refs),
        )
        .await;
    assert_eq!((s, b["created"].as_u64()), (StatusCode::OK, Some(2)), "{b}");
    let flagged = lanzhou
        .ok(&format!("{path}/responses?excluded=true&channel=import"))
        .await;
    let flags: Vec<Value> = flagged["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["flags"].clone())
        .collect();
    assert!(
        flags.contains(&json!(["out_of_range"])) && flags.contains(&json!(["missing"])),
        "{flags:?}"
    );
    for hostile in [
        b"PK\x03\x04 not a zip".to_vec(),
        vec![0xff, 0xfe, 0x00, 0x01],
        b"region_code,\"unterminated\n".to_vec(),
    ] {
        let (s, b) = lanzhou
            .upload(&format!("{path}/responses/import"), "x.xlsx", hostile)
            .await;
        // Refused outright, or read and every problem reported: nothing is stored either way.
        assert!(
            s.is_client_error()
                || (b["created"] == 0 && !b["errors"].as_array().unwrap().is_empty()),
            "{s} {b}"
        );
    }
    assert_eq!(lanzhou.ok(&format!("{path}/responses")).await["total"], 4);

    // A one-time public link: the questionnaire, one answer, and a second (even concurrent) refused.
    let links = lanzhou
        .post(
            &format!("/api/v1/service/quotas/{}/links", q["id"]),
            json!({"count": 2}),
        )
        .await
        .1;
    assert_field(
        &lanzhou
            .post(
                &format!("/api/v1/service/quotas/{}/links", q["id"]),
                json!({"count": 501}),
            )
            .await,
        "count",
        "range",
    );
    let token = links[0]["token"].as_str().unwrap();
    let (s, form) = read(
        app.http
            .get(app.url(&format!("/api/v1/public/survey/{token}")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (s, &form["region_name"], &form["used"]),
        (StatusCode::OK, &json!("兰州市"), &json!(false)),
        "{form}"
    );
    let body = json!({"answers": answers(7.0), "duration_seconds": 180});
    let send = || {
        app.http
            .post(app.url(&format!("/api/v1/public/survey/{token}")))
            .json(&body)
            .send()
    };
    let (a, b) = tokio::join!(send(), send());
    let mut codes = [a.unwrap().status(), b.unwrap().status()];
    codes.sort();
    assert_eq!(codes, [StatusCode::CREATED, StatusCode::CONFLICT]);
    assert_eq!(
        lanzhou.ok(&format!("{path}/responses?channel=link")).await["total"],
        1
    );
    let unknown = app
        .http
        .get(app.url("/api/v1/public/survey/not-a-token"))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);

    // Closed: nothing more comes in, by any channel.
    let r = province.ok(&path).await;
    province
        .post(&format!("{path}/close"), json!({"version": r["version"]}))
        .await;
    assert_error(
        &surveyor
            .post(
                &format!("{path}/responses"),
                json!({"quota_id": q["id"], "answers": answers(8.0), "duration_seconds": 200}),
            )
            .await,
        StatusCode::CONFLICT,
        "service.wrong_state",
    );
    let late = app
        .http
        .post(app.url(&format!(
            "/api/v1/public/survey/{}",
            links[1]["token"].as_str().unwrap()
        )))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(late.status(), StatusCode::NOT_FOUND);
    assert_field(
        &province.post(&format!("{path}/compute"), json!({})).await,
        "responses",
        "range",
    );
}

#[tokio::test]
async fn remediation_is_reviewed_and_events_are_handled_together() {
    let app = TestApp::spawn().await;
    let province = app.login("province").await;
    let lanzhou = app.login("lanzhou").await;
    let tianshui = app.login("tianshui").await;
    let round = &province.ok("/api/v1/service/rounds?status=published").await["items"][0];
    let bureau = app.org_id("620100-bureau").await;
    let task_in = json!({"round_id": round["id"], "region_code": "620100", "service": "pub_health", "org_id": bureau,
                         "title": "医疗服务等候时间整改", "requirement": "缩短门诊等候时间", "deadline": today() + Duration::days(20)});
    assert_error(
        &lanzhou.post("/api/v1/service/tasks", task_in.clone()).await,
        StatusCode::FORBIDDEN,
        "auth.forbidden",
    );
    let mut bad = task_in.clone();
    bad["org_id"] = json!(app.org_id("620500-bureau").await);
    bad["deadline"] = json!(today() - Duration::days(1));
    let r = province.post("/api/v1/service/tasks", bad).await;
    assert_field(&r, "org_id", "exists");
    assert_field(&r, "deadline", "range");
    let (s, t) = province.post("/api/v1/service/tasks", task_in).await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    let tp = format!("/api/v1/service/tasks/{}", t["id"]);
    assert_eq!(tianshui.get(&tp).await.0, StatusCode::NOT_FOUND);
    assert_error(
        &tianshui
            .post(
                &format!("{tp}/submit"),
                json!({"evidence": "x", "version": t["version"]}),
            )
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    );
    assert_error(
        &province
            .post(
                &format!("{tp}/review"),
                json!({"decision": "accept", "version": t["version"]}),
            )
            .await,
        StatusCode::CONFLICT,
        "service.wrong_state",
    );
    // The evidence's files: the submitter's own uploads only, readable by who sees the task.
    const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
    let (_, file) = lanzhou
        .upload("/api/v1/files", "整改材料.pdf", PDF.to_vec())
        .await;
    let (_, other) = tianshui
        .upload("/api/v1/files", "x.pdf", PDF.to_vec())
        .await;
    let stolen = lanzhou
        .post(
            &format!("{tp}/submit"),
            json!({"evidence": "x", "attachment_ids": [other["id"]], "version": t["version"]}),
        )
        .await;
    assert_field(&stolen, "attachment_ids", "exists");
    let (s, t) = lanzhou
        .post(
            &format!("{tp}/submit"),
            json!({"evidence": "门诊预约分时段就诊已上线", "attachment_ids": [file["id"]], "version": t["version"]}),
        )
        .await;
    assert_eq!(
        (s, t["status"].as_str(), t["attachments"][0]["id"].as_i64()),
        (StatusCode::OK, Some("submitted"), file["id"].as_i64()),
        "{t}"
    );
    assert_eq!(
        province
            .download(&format!("/api/v1/files/{}", file["id"]), "zh-CN")
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(
        tianshui
            .download(&format!("/api/v1/files/{}", file["id"]), "zh-CN")
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    assert_field(
        &province
            .post(
                &format!("{tp}/review"),
                json!({"decision": "return", "version": t["version"]}),
            )
            .await,
        "comment",
        "required",
    );
    let (_, t) = province
        .post(
            &format!("{tp}/review"),
            json!({"decision": "return", "comment": "请补充等候时间数据", "version": t["version"]}),
        )
        .await;
    assert_eq!(t["status"], "returned");
    let (_, t) = lanzhou
        .post(
            &format!("{tp}/submit"),
            json!({"evidence": "平均等候时间由 48 分钟降至 21 分钟", "version": t["version"]}),
        )
        .await;
    assert_error(
        &province
            .post(
                &format!("{tp}/review"),
                json!({"decision": "accept", "version": 1}),
            )
            .await,
        StatusCode::CONFLICT,
        "conflict.version",
    );
    let (s, t) = province
        .post(
            &format!("{tp}/review"),
            json!({"decision": "accept", "version": t["version"]}),
        )
        .await;
    assert_eq!(
        (s, t["status"].as_str(), t["overdue"].as_bool()),
        (StatusCode::OK, Some("accepted"), Some(false)),
        "{t}"
    );
    assert!(
        lanzhou.ok("/api/v1/service/tasks").await["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["region_code"] == "620100")
    );

    // An event: 兰州 leads, 天水's bureau takes part; only the lead resolves, the province assesses.
    let tianshui_bureau = app.org_id("620500-bureau").await;
    let (s, e) = lanzhou
        .post("/api/v1/service/events", json!({"title": "跨市客运班线停运", "region_code": "620100", "service": "pub_transport",
               "severity": "major", "occurred_on": today(), "description": "兰州—天水客运班线停运两日", "lead_org_id": bureau, "org_ids": [tianshui_bureau]}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{e}");
    let ep = format!("/api/v1/service/events/{}", e["id"]);
    assert_error(&lanzhou.post("/api/v1/service/events", json!({"title": "x", "region_code": "620500", "service": "pub_transport", "severity": "minor", "occurred_on": today(), "description": "x", "lead_org_id": bureau})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation.field");
    let seen = tianshui.ok(&ep).await;
    let (s, e) = tianshui
        .post(
            &format!("{ep}/act"),
            json!({"note": "天水端启用备用班车", "version": seen["version"]}),
        )
        .await;
    assert_eq!(
        (s, e["status"].as_str()),
        (StatusCode::OK, Some("handling")),
        "{e}"
    );
    assert_error(
        &tianshui
            .post(
                &format!("{ep}/resolve"),
                json!({"note": "x", "version": e["version"]}),
            )
            .await,
        StatusCode::CONFLICT,
        "service.wrong_state",
    );
    assert_error(
        &province
            .post(
                &format!("{ep}/assess"),
                json!({"assessment": "x", "rating": 4, "version": e["version"]}),
            )
            .await,
        StatusCode::CONFLICT,
        "service.wrong_state",
    );
    let (_, e) = lanzhou
        .post(
            &format!("{ep}/resolve"),
            json!({"note": "班线恢复", "version": e["version"]}),
        )
        .await;
    assert_field(
        &province
            .post(
                &format!("{ep}/assess"),
                json!({"assessment": "处置及时", "rating": 6, "version": e["version"]}),
            )
            .await,
        "rating",
        "range",
    );
    let (s, e) = province
        .post(
            &format!("{ep}/assess"),
            json!({"assessment": "处置及时", "rating": 4, "version": e["version"]}),
        )
        .await;
    assert_eq!(
        (s, e["status"].as_str()),
        (StatusCode::OK, Some("assessed")),
        "{e}"
    );
    let kinds: Vec<&str> = e["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["report", "act", "resolve", "assess"]);
    let metrology = app.login("metrology").await;
    assert_eq!(
        metrology.get(&ep).await.0,
        StatusCode::NOT_FOUND,
        "not a participant, not its organisation"
    );
}

#[tokio::test]
async fn the_demo_holds_two_published_rounds_compared_and_remediation_under_way() {
    let app = TestApp::spawn().await;
    let province = app.login("province").await;
    let rounds = province.ok("/api/v1/service/rounds?status=published").await;
    assert_eq!(rounds["total"], 2);
    let latest = &rounds["items"][0];
    let results = province
        .ok(&format!("/api/v1/service/rounds/{}/results", latest["id"]))
        .await;
    assert_eq!(results["regions"].as_array().unwrap().len(), 17);
    assert_eq!(results["services"].as_array().unwrap().len(), 12);
    assert_eq!(results["cells"].as_array().unwrap().len(), 17 * 12);
    assert!(results["previous"]["round_id"].is_i64());
    assert!(
        results["regions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["change"].is_f64())
    );
    assert!(
        results["excluded"].as_object().unwrap().len() >= 3,
        "{}",
        results["excluded"]
    );
    let channels: Vec<String> = ["staff", "link", "import"]
        .iter()
        .map(|c| {
            format!(
                "/api/v1/service/rounds/{}/responses?channel={c}",
                latest["id"]
            )
        })
        .collect();
    for c in channels {
        assert!(province.ok(&c).await["total"].as_u64().unwrap() >= 1, "{c}");
    }
    let tasks = province.ok("/api/v1/service/tasks").await;
    let statuses: Vec<&str> = tasks["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["status"].as_str().unwrap())
        .collect();
    assert!(
        statuses.contains(&"submitted") && statuses.contains(&"accepted"),
        "{statuses:?}"
    );
    assert_eq!(
        province.ok("/api/v1/service/events?status=handling").await["total"],
        1
    );
    let assessed = province.ok("/api/v1/service/events?status=assessed").await;
    assert_eq!(assessed["items"][0]["rating"], 4, "{assessed}");
}
