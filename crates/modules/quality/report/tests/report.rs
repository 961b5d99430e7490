//! The quality-status report of a generated year of Gansu's 14 prefectures on the SAMR
//! framework (2 dimensions, 6 sub-dimensions, 12 indicators): the PDF's text read back with
//! `pdftotext` (poppler-utils, installed by scripts/lib/ensure-system), the annex with calamine.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

mod common;

use calamine::{Data, Reader, Xlsx};
use longzhi_quality_report::{ReportError, ReportInput, annex, check, format_score, pdf};

fn gansu() -> ReportInput {
    common::input(
        &common::GANSU,
        &common::samr(),
        2024,
        &common::gansu_geojson(),
    )
}

fn pdftotext(pdf: &[u8]) -> String {
    longzhi_reports::testing::pdf_text(pdf).unwrap()
}

fn render(input: &ReportInput) -> (Vec<u8>, Vec<u8>) {
    let mut seen = Vec::new();
    let bytes = pdf(input, &mut |p| seen.push(p)).unwrap_or_else(|e| panic!("{e}"));
    (bytes, seen)
}

#[test]
fn the_pdf_holds_every_city_its_index_the_chapters_and_the_reproduce_line() {
    let input = gansu();
    let (bytes, progress) = render(&input);
    assert!(bytes.starts_with(b"%PDF"));
    if let Ok(dir) = std::env::var("LONGZHI_REPORT_SAMPLE_DIR") {
        std::fs::write(format!("{dir}/quality-status.pdf"), &bytes).unwrap();
    }
    let text = pdftotext(&bytes);
    for city in &input.regions {
        let index = format_score(city.scores["ROOT"]);
        // In the ranking table and on the city's page at least.
        let count = text.matches(&city.name).count();
        assert!(count >= 3, "{} found {count} times", city.name);
        assert!(
            text.contains(&index),
            "{}'s index {index} missing",
            city.name
        );
    }
    for heading in [
        "2024年甘肃省质量状况分析报告",
        "编制日期 2025-03-15",
        "目录",
        "摘要",
        "质量水平",
        "发展能力",
        "各市州质量状况",
        "附录",
        "方法说明",
        "指标体系",
        "计算方法",
        "不确定性分析",
        "极差标准化",
        "均值插补",
        "一阶指数",
        "longzhi engine index --data … --framework … --mc 1000 --seed 20240601",
        // Every indicator with its unit column, and the missing value.
        "每百万元产值专利数",
        "—",
    ] {
        assert!(text.contains(heading), "{heading:?} missing in:\n{text}");
    }
    // A Monte Carlo interval with one decimal, on the city's page.
    let first = &input.regions[0];
    let (lo, _, hi) = first.rank_interval.unwrap();
    let interval = format!("第{lo:.1}–{hi:.1}名");
    assert!(text.contains(&interval), "{interval} missing");
    // Cover, contents, summary (several pages), 2 dimension chapters, 14 city pages, appendix.
    let pages = text.matches('\u{c}').count();
    assert!(pages >= 14 + 8, "{pages} pages");
    assert_eq!(progress.last(), Some(&100));
    assert!(progress.windows(2).all(|w| w[0] <= w[1]), "{progress:?}");
    assert!(progress.len() >= 5, "{progress:?}");
}

#[test]
fn the_same_input_gives_the_same_pdf() {
    let input = common::input(&common::GANSU[..4], &common::samr(), 2024, "");
    assert_eq!(render(&input).0, render(&input).0);
}

#[test]
fn names_with_typst_markup_characters_print_literally() {
    let mut input = gansu();
    let odd = r#"兰州#市*新_区[a]$b\c<d>@e~f--g//h"i'j=k"#;
    input.regions[0].name = odd.into();
    input.framework.nodes[1].name = "质量#水平*".into();
    input.framework.indicators[0].name = "等级品率 $x$ [1]".into();
    let text = pdftotext(&render(&input).0);
    for literal in [odd, "质量#水平*", "等级品率 $x$ [1]"] {
        assert!(text.contains(literal), "{literal:?} missing in:\n{text}");
    }
}

#[test]
fn a_small_year_without_history_uncertainty_map_or_contributions_renders() {
    let mut input = common::input(&common::GANSU[..2], &common::samr(), 2024, "");
    input.trend.clear();
    input.mc = None;
    input.sensitivity = None;
    input.framework.method.aggregation = "copeland".into();
    for r in &mut input.regions {
        r.previous = None;
        r.rank_interval = None;
        r.contributions.clear();
    }
    let (bytes, progress) = render(&input);
    let text = pdftotext(&bytes);
    for expected in [
        "上年无可比数据",
        "本年度未进行不确定性分析",
        "不分解各项指标的贡献",
        "longzhi engine index --data … --framework …",
    ] {
        assert!(text.contains(expected), "{expected:?} missing in:\n{text}");
    }
    assert!(!text.contains("--mc"));
    assert_eq!(progress.last(), Some(&100));
    annex(&input).unwrap();
}

fn refused(input: &ReportInput) -> String {
    let e = check(input).unwrap_err();
    assert!(matches!(e, ReportError::Input(_)), "{e:?}");
    // pdf and annex check first.
    assert!(pdf(input, &mut |_| {}).is_err());
    assert!(annex(input).is_err());
    e.to_string()
}

#[test]
fn check_refuses_inconsistent_input_naming_the_code() {
    let good = common::input(&common::GANSU[..3], &common::samr(), 2024, "");
    assert!(check(&good).is_ok());

    let mut one = good.clone();
    one.regions.truncate(1);
    assert!(refused(&one).contains("at least two regions"));

    let mut no_score = good.clone();
    no_score.regions[1].scores.remove("D1S2");
    let e = refused(&no_score);
    assert!(e.contains("D1S2") && e.contains("620200"), "{e}");

    let mut orphan = good.clone();
    orphan.framework.indicators[3].parent = "NOPE".into();
    assert!(refused(&orphan).contains("NOPE"));

    let mut unknown = good.clone();
    unknown.regions[0].contributions.insert("X9".into(), 1.0);
    assert!(refused(&unknown).contains("X9"));

    let mut last_year = good.clone();
    if let Some(p) = &mut last_year.regions[2].previous {
        p.values.insert("OLD7".into(), Some(1.0));
    }
    assert!(refused(&last_year).contains("OLD7"));

    let mut twice = good.clone();
    twice.regions[1].code = twice.regions[0].code.clone();
    assert!(refused(&twice).contains("620100"));

    let mut rank = good.clone();
    rank.regions[0].rank = 9;
    assert!(refused(&rank).contains("rank 9"));

    let mut nan = good.clone();
    nan.regions[0].scores.insert("D2".into(), f64::NAN);
    assert!(refused(&nan).contains("D2"));

    let mut method = good.clone();
    method.framework.method.normalisation = "minmix".into();
    assert!(refused(&method).contains("minmix"));

    let mut cycle = good.clone();
    cycle.framework.nodes[1].parent = Some("D1S1".into());
    assert!(refused(&cycle).contains("D1"));

    let mut trend = good.clone();
    trend.trend[0].scores.insert("620300".into(), f64::INFINITY);
    assert!(refused(&trend).contains("620300"));
    let mut order = good.clone();
    order.trend.swap(1, 2);
    assert!(refused(&order).contains("trend year"));
    // A region of an earlier year that is gone this year is history, not an error.
    let mut gone = good.clone();
    gone.trend[0].scores.insert("620171".into(), 50.0);
    assert!(check(&gone).is_ok());

    let mut sobol = good.clone();
    if let Some(s) = &mut sobol.sensitivity {
        s.total.pop();
    }
    assert!(refused(&sobol).contains("sensitivity"));

    let mut map = good;
    map.geojson = "{\"type\": \"FeatureCollection\"}".into();
    assert!(refused(&map).contains("GeoJSON"));
}

/// A sheet of the annex as rows of cells.
fn sheet(book: &mut Xlsx<std::io::Cursor<Vec<u8>>>, name: &str) -> Vec<Vec<Data>> {
    let range = book
        .worksheet_range(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    range.rows().map(<[Data]>::to_vec).collect()
}

fn number(cell: &Data) -> Option<f64> {
    match cell {
        Data::Float(x) => Some(*x),
        Data::Int(i) => Some(*i as f64),
        Data::Empty => None,
        other => panic!("not a number: {other:?}"),
    }
}

/// The column titled `title` in a sheet's header row.
fn column(rows: &[Vec<Data>], title: &str) -> usize {
    rows[0]
        .iter()
        .position(|c| *c == title)
        .unwrap_or_else(|| panic!("no column {title} in {:?}", rows[0]))
}

#[test]
fn the_annex_has_every_figure_as_numbers() {
    let input = gansu();
    let bytes = annex(&input).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "综合指数与排名",
            "各维度得分",
            "指标原始值",
            "贡献度",
            "权重",
            "历年指数",
            "不确定性",
            "说明"
        ]
    );

    let index = sheet(&mut book, "综合指数与排名");
    assert_eq!(index.len(), 1 + input.regions.len());
    let (score, rank, q05) = (
        column(&index, "质量竞争力指数"),
        column(&index, "排名"),
        column(&index, "排名5%分位"),
    );
    let (before, change) = (
        column(&index, "上年质量竞争力指数"),
        column(&index, "指数变化"),
    );
    for (row, r) in index[1..].iter().zip(&input.regions) {
        assert_eq!(row[0].to_string(), r.name);
        assert_eq!(row[1].to_string(), r.code);
        assert_eq!(number(&row[score]), Some(r.scores["ROOT"]));
        assert_eq!(number(&row[rank]), Some(f64::from(r.rank)));
        assert_eq!(number(&row[q05]), r.rank_interval.map(|i| i.0));
        let last = r.previous.as_ref().unwrap().scores["ROOT"];
        assert_eq!(number(&row[before]), Some(last));
        assert_eq!(number(&row[change]), Some(r.scores["ROOT"] - last));
    }

    let dims = sheet(&mut book, "各维度得分");
    assert_eq!(
        dims.len(),
        1 + input.regions.len() + 1,
        "the cities and the province average"
    );
    for node in &input.framework.nodes {
        let c = column(&dims, &node.name);
        for (row, r) in dims[1..].iter().zip(&input.regions) {
            assert_eq!(
                number(&row[c]),
                Some(r.scores[&node.code]),
                "{} {}",
                r.name,
                node.code
            );
        }
    }

    let values = sheet(&mut book, "指标原始值");
    let contributions = sheet(&mut book, "贡献度");
    for ind in &input.framework.indicators {
        let now = column(&values, &format!("{}（{}） 2024年", ind.name, ind.unit));
        let last = column(&values, &format!("{}（{}） 2023年", ind.name, ind.unit));
        let c = column(&contributions, &ind.name);
        for (i, r) in input.regions.iter().enumerate() {
            assert_eq!(
                number(&values[i + 1][now]),
                r.values[&ind.code],
                "{} {}",
                r.name,
                ind.code
            );
            assert_eq!(
                number(&values[i + 1][last]),
                r.previous.as_ref().unwrap().values[&ind.code]
            );
            assert_eq!(
                number(&contributions[i + 1][c]),
                Some(r.contributions[&ind.code])
            );
        }
    }
    // The missing value is an empty cell, not a zero.
    assert_eq!(values[2][2], Data::Empty);

    let weights = sheet(&mut book, "权重");
    assert_eq!(
        weights.len(),
        1 + input.framework.nodes.len() + input.framework.indicators.len()
    );
    for row in &weights[1..] {
        let code = row[2].to_string();
        let weight = input
            .framework
            .nodes
            .iter()
            .find(|n| n.code == code)
            .map(|n| n.weight)
            .or_else(|| {
                input
                    .framework
                    .indicators
                    .iter()
                    .find(|i| i.code == code)
                    .map(|i| i.weight)
            });
        assert_eq!(number(&row[5]), weight, "{code}");
    }

    let trend = sheet(&mut book, "历年指数");
    assert_eq!(trend[0].len(), 2 + 5);
    let uncertainty = sheet(&mut book, "不确定性");
    assert_eq!(
        number(&uncertainty[1][3]),
        input.regions[0].rank_interval.map(|i| i.0)
    );
    let flat: Vec<String> = uncertainty
        .iter()
        .flatten()
        .map(ToString::to_string)
        .collect();
    for expected in ["模拟次数", "1000", "20240601", "权重", "0.62"] {
        assert!(
            flat.iter().any(|c| c == expected),
            "{expected} missing in {flat:?}"
        );
    }
}
