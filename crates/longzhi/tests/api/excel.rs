use longzhi_reports::xlsx::{Cell, Column, Limits, read_first_sheet, write_table};
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{Client, TestApp, assert_error};

async fn download(c: &Client, path: &str, lang: &str) -> (StatusCode, Vec<u8>, String) {
    c.download(path, lang).await
}

async fn upload(c: &Client, path: &str, bytes: Vec<u8>) -> (StatusCode, Value) {
    c.upload(path, "import.xlsx", bytes).await
}

pub(crate) fn sheet(headers: &[&str], rows: &[&[&str]]) -> Vec<u8> {
    let cols: Vec<Column> = headers
        .iter()
        .map(|h| Column {
            key: (*h).into(),
            title: (*h).into(),
            width: 10.0,
        })
        .collect();
    let rows: Vec<Vec<Cell>> = rows
        .iter()
        .map(|r| r.iter().map(|v| Cell::Text((*v).into())).collect())
        .collect();
    write_table("import", &cols, &rows, None).unwrap()
}

#[tokio::test]
async fn a_filtered_list_exports_to_excel_in_the_callers_language() {
    let app = TestApp::spawn().await;
    let tianshui = app.login("tianshui").await;
    let (s, bytes, disposition) = download(
        &tianshui,
        "/api/v1/system/orgs/export?kind=county_office&sort=code",
        "zh-CN",
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        disposition.starts_with("attachment; filename*=UTF-8''"),
        "{disposition}"
    );
    let sheet = read_first_sheet(&bytes, &Limits::default()).unwrap();
    assert_eq!(sheet.headers[..3], ["编码", "名称", "类型"]);
    // The 天水 administrator's export holds 天水's seven county offices and nothing else.
    let codes: Vec<&str> = sheet.rows.iter().map(|(_, r)| r[0].as_str()).collect();
    assert_eq!(
        codes,
        [
            "620502-office",
            "620503-office",
            "620521-office",
            "620522-office",
            "620523-office",
            "620524-office",
            "620525-office"
        ]
    );
    assert!(
        sheet.rows.iter().all(|(_, r)| r[2] == "县级局"),
        "kinds are shown by their dictionary label"
    );
    let (_, bytes, _) = download(
        &tianshui,
        "/api/v1/system/orgs/export?kind=county_office",
        "en",
    )
    .await;
    let en = read_first_sheet(&bytes, &Limits::default()).unwrap();
    assert_eq!(en.headers[..3], ["Code", "Name", "Kind"]);
    assert_eq!(en.rows[0].1[2], "County office");
    // Without the permission: refused.
    let ent = app.login("enterprise").await;
    assert_eq!(
        download(&ent, "/api/v1/system/orgs/export", "zh").await.0,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_user_import_stores_all_rows_or_none() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    let (s, template, _) = download(&admin, "/api/v1/system/users/import-template", "zh-CN").await;
    assert_eq!(s, StatusCode::OK);
    let headers = read_first_sheet(&template, &Limits::default())
        .unwrap()
        .headers;
    assert_eq!(
        headers,
        [
            "用户名",
            "姓名",
            "初始密码",
            "组织编码",
            "角色编码",
            "电子邮箱",
            "电话"
        ]
    );
    let h: Vec<&str> = headers.iter().map(String::as_str).collect();
    // Row 3 breaks three rules, row 4 repeats row 2's user name: nothing may be stored.
    let bad = sheet(
        &h,
        &[
            &[
                "ts_a",
                "甲",
                "Initial@2023",
                "620500-bureau",
                "city_staff",
                "",
                "",
            ],
            &["1bad", "", "weak", "no-such-org", "", "", ""],
            &["TS_A", "乙", "Initial@2023", "620500-bureau", "", "", ""],
        ],
    );
    let (s, body) = upload(&admin, "/api/v1/system/users/import", bad).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert_eq!(body["created"], 0);
    let errors: Vec<(i64, &str, &str)> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["row"].as_i64().unwrap(),
                e["field"].as_str().unwrap(),
                e["code"].as_str().unwrap(),
            )
        })
        .collect();
    for expected in [
        (3, "org_code", "exists"),
        (3, "username", "format"),
        (3, "password", "password_policy"),
        (4, "username", "unique"),
    ] {
        assert!(errors.contains(&expected), "{expected:?} not in {errors:?}");
    }
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains(body["errors"][0]["field"].as_str().unwrap())
    );
    assert_eq!(
        admin.ok("/api/v1/system/users?q=ts_a").await["total"],
        0,
        "nothing stored"
    );
    let good = sheet(
        &h,
        &[
            &[
                "ts_a",
                "甲",
                "Initial@2023",
                "620500-bureau",
                "city_staff",
                "a@example.cn",
                "",
            ],
            &["ts_b", "乙", "Initial@2023", "620502-office", "", "", ""],
        ],
    );
    let (s, body) = upload(&admin, "/api/v1/system/users/import", good).await;
    assert_eq!(
        (s, body["created"].as_i64()),
        (StatusCode::OK, Some(2)),
        "{body}"
    );
    let a = admin.ok("/api/v1/system/users?q=ts_a").await;
    assert_eq!(a["items"][0]["roles"][0]["code"], "city_staff");
    assert_eq!(a["items"][0]["must_change_password"], true);
}

#[tokio::test]
async fn an_org_import_takes_labels_parents_from_above_and_respects_scope() {
    let app = TestApp::spawn().await;
    let tianshui = app.login("tianshui").await;
    let h = [
        "编码",
        "名称",
        "类型",
        "区划代码",
        "上级组织编码",
        "统一社会信用代码",
    ];
    let rows = sheet(
        &h,
        &[
            &[
                "ts-park",
                "天水示范园区管委会",
                "县级局",
                "620500",
                "620500-bureau",
                "",
            ],
            &[
                "ts-park-e1",
                "园区企业",
                "Enterprise",
                "620502",
                "ts-park",
                "91440300708461136T",
            ],
        ],
    );
    let (s, body) = upload(&tianshui, "/api/v1/system/orgs/import", rows).await;
    assert_eq!(
        (s, body["created"].as_i64()),
        (StatusCode::OK, Some(2)),
        "{body}"
    );
    let e1 = tianshui.ok("/api/v1/system/orgs?q=ts-park-e1").await;
    assert_eq!(e1["items"][0]["kind"], "enterprise");
    // A row in another city is refused for the 天水 administrator, and takes the whole file with it.
    let rows = sheet(
        &h,
        &[
            &["ts-ok", "好的", "county_office", "620500", "", ""],
            &["lz-no", "不行", "county_office", "620100", "", ""],
            // The regulator's own kinds are the province's to create.
            &["ts-dept", "处室", "department", "620500", "", ""],
        ],
    );
    let (_, body) = upload(&tianshui, "/api/v1/system/orgs/import", rows).await;
    assert_eq!(body["errors"][0]["row"], 3);
    assert_eq!(body["errors"][0]["field"], "region_code");
    assert_eq!(body["errors"][1]["row"], 4);
    assert_eq!(body["errors"][1]["field"], "kind");
    assert_eq!(tianshui.ok("/api/v1/system/orgs?q=ts-ok").await["total"], 0);
}

#[tokio::test]
async fn bad_files_are_refused_with_a_reason() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin").await;
    assert_error(
        &upload(
            &admin,
            "/api/v1/system/users/import",
            b"%PDF-1.7 not a workbook".to_vec(),
        )
        .await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "import.file",
    );
    let missing = sheet(&["用户名"], &[&["x"]]);
    let res = upload(&admin, "/api/v1/system/users/import", missing).await;
    assert_eq!(res.1["code"], "validation.field");
    assert!(
        res.1["fields"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["field"] == "org_code" && f["rule"] == "required")
    );
    // Past the upload limit (1 MB here) the file is refused while it arrives.
    let (s, b) = admin
        .put(
            "/api/v1/system/params/upload.max_mb",
            serde_json::json!({"value":"1","version":1}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let big = vec![0u8; 2 * 1024 * 1024];
    assert_error(
        &upload(&admin, "/api/v1/system/users/import", big).await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "request.too_large",
    );
}

#[tokio::test]
async fn hostile_workbooks_are_refused_and_the_server_stays_up() {
    use longzhi_reports::testing::{row, workbook};
    let app = TestApp::spawn().await;
    let lanzhou = app.login("lanzhou").await;
    let one = row(1, &["A1"]);
    let corners = format!("{one}{}", row(1_048_576, &["XFD1048576"]));
    let files = [
        // Cells A1 and XFD1048576 (1.5 KB; the old reader allocated 549 GB for it).
        workbook("A1:XFD1048576", &corners, 0),
        // A cell past the 100,000 data rows.
        workbook(
            "A1:CV100002",
            &format!("{one}{}", row(100_002, &["CV100002"])),
            0,
        ),
        // 300 MB of whitespace in a few hundred kilobytes.
        workbook("A1:A1", &one, 300 << 20),
    ];
    for (i, bytes) in files.into_iter().enumerate() {
        let res = upload(&lanzhou, "/api/v1/system/users/import", bytes).await;
        assert_error(&res, StatusCode::UNPROCESSABLE_ENTITY, "import.too_large");
        let message = res.1["message"].as_str().unwrap();
        assert!(message.contains("不能超过"), "file {i}: {message}");
    }
    // Still serving.
    lanzhou.ok("/api/v1/auth/me").await;
    app.login("tianshui").await;
}
