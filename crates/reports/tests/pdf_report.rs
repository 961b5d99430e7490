//! A report with a Chinese heading, a table of Gansu's 14 prefectures and the four charts,
//! typeset to PDF; its text read back with `pdftotext` (poppler-utils) when that is installed.

use std::io::Write;
use std::process::{Command, Stdio};

use longzhi_reports::chart::{
    BarChart, LineChart, MapChart, MapLabels, MapRegion, RadarChart, Series,
};
use longzhi_reports::pdf::{Options, ReportError, render, render_with};

const PREFECTURES: [&str; 14] = [
    "兰州市",
    "嘉峪关市",
    "金昌市",
    "白银市",
    "天水市",
    "武威市",
    "张掖市",
    "平凉市",
    "酒泉市",
    "庆阳市",
    "定西市",
    "陇南市",
    "临夏回族自治州",
    "甘南藏族自治州",
];

/// Rough label points (longitude, latitude) of the prefectures: the map test draws each as a
/// hexagon there (the shapes do not matter, the names and fills do).
const CENTRES: [(f64, f64); 14] = [
    (103.8, 36.4),
    (98.3, 39.8),
    (102.2, 38.5),
    (104.3, 36.8),
    (105.7, 34.6),
    (102.6, 37.9),
    (100.4, 38.9),
    (106.7, 35.5),
    (96.5, 40.3),
    (107.6, 36.2),
    (104.6, 35.2),
    (105.2, 33.4),
    (103.2, 35.6),
    (102.9, 34.4),
];

fn score(i: usize) -> f64 {
    80.0 + ((i * 37) % 14) as f64 * 0.9
}

fn charts() -> Vec<(&'static str, Vec<u8>)> {
    let bar = BarChart {
        title: "各市州质量指数排名".into(),
        items: PREFECTURES
            .iter()
            .enumerate()
            .map(|(i, p)| (p.to_string(), score(i)))
            .collect(),
        decimals: 1,
        highlight: vec!["兰州市".into()],
        ..BarChart::default()
    };
    let years: Vec<String> = (2019..=2023).map(|y| y.to_string()).collect();
    let line = LineChart {
        title: "质量指数变化".into(),
        unit: "单位：分".into(),
        categories: years,
        series: vec![
            Series::new("全省", [82.0, 82.8, 83.5, 84.1, 85.0]),
            Series::new("兰州市", [84.2, 85.0, 86.1, 86.3, 87.9]),
            Series {
                name: "天水市".into(),
                values: vec![Some(80.5), None, Some(81.9), Some(82.4), Some(83.0)],
            },
        ],
        ..LineChart::default()
    };
    let radar = RadarChart {
        title: "兰州市与全省对比".into(),
        axes: [
            "质量安全",
            "质量基础",
            "质量创新",
            "质量效益",
            "质量满意度",
            "质量治理",
        ]
        .map(String::from)
        .to_vec(),
        series: vec![
            Series::new("兰州市", [92.0, 85.0, 78.0, 88.0, 83.0, 90.0]),
            Series::new("全省", [86.0, 80.0, 70.0, 82.0, 81.0, 84.0]),
        ],
        max: 100.0,
        ..RadarChart::default()
    };
    let hexagon = |(x, y): (f64, f64)| {
        (0..6)
            .map(|k| {
                let a = std::f64::consts::PI / 3.0 * f64::from(k);
                [x + 0.7 * a.cos(), y + 0.55 * a.sin()]
            })
            .collect::<Vec<_>>()
    };
    let map = MapChart {
        title: "质量指数分布".into(),
        unit: "单位：分".into(),
        regions: PREFECTURES
            .iter()
            .zip(CENTRES)
            .map(|(p, c)| MapRegion {
                name: p.to_string(),
                rings: vec![hexagon(c)],
            })
            .collect(),
        // 甘南 has no value: drawn as 无数据.
        values: PREFECTURES
            .iter()
            .take(13)
            .enumerate()
            .map(|(i, p)| (p.to_string(), score(i)))
            .collect(),
        decimals: 1,
        labels: MapLabels::Names,
        ..MapChart::default()
    };
    vec![
        ("charts/bar.svg", bar.svg().into_bytes()),
        ("charts/line.svg", line.svg().into_bytes()),
        ("charts/radar.svg", radar.svg().into_bytes()),
        ("charts/map.svg", map.svg().into_bytes()),
    ]
}

fn template() -> &'static str {
    r#"#set page(paper: "a4", margin: 2cm, numbering: "1")
#set document(title: "甘肃省质量状况报告")
#show heading: set text(weight: "bold")

= 2023年甘肃省质量状况报告

#let data = json("data.json")
全省共有 #data.len() 个市州参与评价。

== 各市州质量指数

#table(
  columns: (auto, 1fr, auto),
  table.header([*序号*], [*市州*], [*质量指数*]),
  ..data.enumerate().map(((i, r)) => (str(i + 1), r.name, str(r.score))).flatten()
)

#figure(image("charts/bar.svg", width: 100%), caption: [各市州质量指数排名])
#figure(image("charts/line.svg", width: 90%), caption: [质量指数变化])
#figure(image("charts/radar.svg", width: 70%), caption: [兰州市与全省对比])
#figure(image("charts/map.svg", width: 100%), caption: [质量指数分布])
"#
}

fn data_json() -> Vec<u8> {
    let rows: Vec<String> = PREFECTURES
        .iter()
        .enumerate()
        .map(|(i, p)| format!(r#"{{"name":"{p}","score":{:.1}}}"#, score(i)))
        .collect();
    format!("[{}]", rows.join(",")).into_bytes()
}

fn report() -> Vec<u8> {
    let mut files = charts();
    files.push(("data.json", data_json()));
    match render(template(), &files) {
        Ok(pdf) => pdf,
        Err(e) => panic!("the report does not render: {e}"),
    }
}

/// The text of a PDF as `pdftotext` reads it, or `None` when pdftotext is not installed.
fn pdftotext(pdf: &[u8]) -> Option<String> {
    let child = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        eprintln!(
            "NOTE: pdftotext (poppler-utils) is not installed: the PDF's text is not checked"
        );
        return None;
    };
    child.stdin.take().map(|mut stdin| stdin.write_all(pdf));
    let out = child.wait_with_output().ok()?;
    assert!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn a_chinese_report_with_a_table_and_four_charts_is_a_pdf_with_its_text() {
    let pdf = report();
    assert!(pdf.starts_with(b"%PDF"), "not a PDF");
    if let Ok(dir) = std::env::var("LONGZHI_REPORT_SAMPLE_DIR") {
        let _ = std::fs::write(format!("{dir}/sample-report.pdf"), &pdf);
    }
    let Some(text) = pdftotext(&pdf) else { return };
    for name in PREFECTURES {
        // Each name is in the table, the bar chart and the map: all three as text.
        let count = text.matches(name).count();
        assert!(count >= 3, "{name} found {count} times in:\n{text}");
    }
    // (typst puts a space between "2023" and "年": CJK-Latin spacing.)
    for text_in_chart in [
        "甘肃省质量状况报告",
        "各市州质量指数排名",
        "质量满意度",
        "无数据",
        "单位：分",
        "2021",
    ] {
        assert!(
            text.contains(text_in_chart),
            "{text_in_chart} missing in:\n{text}"
        );
    }
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    assert_eq!(report(), report());
}

#[test]
fn a_template_error_names_its_line_and_column() {
    let err = render("= 标题\n\n#let x = 1\n#undefined-thing\n", &[]).unwrap_err();
    let ReportError::Compile(diagnostics) = &err else {
        panic!("{err:?}")
    };
    let d = &diagnostics[0];
    assert!(d.error);
    assert_eq!(
        (d.file.as_deref(), d.line, d.column),
        (Some("/main.typ"), Some(4), Some(2))
    );
    let message = err.to_string();
    assert!(
        message.contains("/main.typ:4:2: error: unknown variable: undefined-thing"),
        "{message}"
    );
}

#[test]
fn a_missing_file_and_a_package_import_are_errors() {
    let err = render("#image(\"charts/none.svg\")", &[]).unwrap_err();
    assert!(err.to_string().contains("file not found"), "{err}");
    let err = render("#import \"@preview/cetz:0.3.0\": canvas", &[]).unwrap_err();
    assert!(
        err.to_string().contains("packages are not available"),
        "{err}"
    );
}

#[test]
fn a_character_outside_the_font_is_an_error_unless_warnings_are_allowed() {
    // 𠀀 (U+20000) is in no embedded font.
    let err = render("字\n\n再 𠀀", &[]).unwrap_err();
    let ReportError::Compile(d) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(d.len(), 1, "{err}");
    assert!(
        !d[0].error && d[0].line == Some(3) && d[0].column == Some(3),
        "{err}"
    );
    assert!(
        err.to_string().contains("no glyph for '𠀀' (U+20000)"),
        "{err}"
    );
    let options = Options {
        allow_warnings: true,
        ..Options::default()
    };
    assert!(render_with("字 𠀀", &[], &options).is_ok());
    // The same in the text of an SVG chart.
    let chart = BarChart {
        items: vec![("𠀀市".into(), 1.0)],
        ..BarChart::default()
    };
    let files = [("bar.svg", chart.svg().into_bytes())];
    let err = render("#image(\"bar.svg\")", &files).unwrap_err();
    assert!(
        err.to_string()
            .contains("/bar.svg: warning: the embedded fonts have no glyph for '𠀀'"),
        "{err}"
    );
}

#[test]
fn an_unknown_font_is_an_error() {
    let err = render("#set text(font: \"SimSun\")\n字", &[]).unwrap_err();
    assert!(
        err.to_string().contains("unknown font family: simsun"),
        "{err}"
    );
}

#[test]
fn today_is_given_not_read_from_the_clock() {
    let template = "#datetime.today().display()";
    assert!(render(template, &[]).is_err());
    let today = chrono::NaiveDate::from_ymd_opt(2024, 3, 1);
    let pdf = render_with(
        template,
        &[],
        &Options {
            today,
            ..Options::default()
        },
    )
    .unwrap();
    if let Some(text) = pdftotext(&pdf) {
        assert!(text.contains("2024-03-01"), "{text}");
    }
}

#[test]
fn bad_virtual_paths_are_refused() {
    let twice = [("a.json", b"1".to_vec()), ("./a.json", b"2".to_vec())];
    assert!(matches!(render("x", &twice), Err(ReportError::File { .. })));
    assert!(matches!(
        render("x", &[("../a.json", vec![])]),
        Err(ReportError::File { .. })
    ));
    assert!(matches!(
        render("x", &[("main.typ", vec![])]),
        Err(ReportError::File { .. })
    ));
}

#[test]
fn other_typst_files_can_be_included() {
    let files = [(
        "parts/intro.typ",
        "== 引言\n#let n = 14\n".as_bytes().to_vec(),
    )];
    let pdf = render(
        "#include \"parts/intro.typ\"\n#import \"parts/intro.typ\": n\n共 #n 个",
        &files,
    )
    .unwrap();
    if let Some(text) = pdftotext(&pdf) {
        assert!(text.contains("引言") && text.contains("14"), "{text}");
    }
}
