//! The PDF: typst markup written here, chapter by chapter, with the charts as SVG files, then
//! typeset by `longzhi_reports::pdf`.

use std::collections::HashMap;
use std::fmt::Write;

use longzhi_reports::chart::{
    BarChart, GeoJsonError, LineChart, MapChart, MapLabels, MapRegion, RadarChart, Series,
    regions_from_geojson,
};

use crate::analysis::{
    Tree, average_contribution, indicator_summary, mean, node_average, node_change, node_ranks,
    previous_node_ranks, previous_value, region_change, trend, value,
};
use crate::markup::{Cell, escape, figure, table};
use crate::{
    IndicatorInfo, NodeInfo, RegionResult, ReportError, ReportInput, check, format_score, methods,
};

/// Above this many indicators a city's contribution chart shows the indicators' groups (their
/// parent nodes), not every indicator: a bar per indicator would not fit on a page.
const CONTRIBUTION_BARS: usize = 20;

/// Cities drawn in the trend chart besides the province average: the best and the worst few.
const TREND_CITIES: usize = 2;

/// Makes the report's PDF. `progress` is called with rising percentages as the chapters are
/// written and the document typeset, finally with 100.
pub fn pdf(input: &ReportInput, progress: &mut dyn FnMut(u8)) -> Result<Vec<u8>, ReportError> {
    let mut progress = Progress {
        report: progress,
        last: 0,
    };
    check(input)?;
    let tree = Tree::new(&input.framework)
        .ok_or_else(|| ReportError::Input("the framework has no root".into()))?;
    let mut report = Report {
        input,
        tree: &tree,
        out: String::with_capacity(256 * 1024),
        files: Vec::new(),
    };
    report.preamble();
    report.cover();
    progress.at(5);
    report.summary()?;
    progress.at(15);
    let dimensions = tree.child_nodes(&tree.root.code);
    for (i, dimension) in dimensions.iter().enumerate() {
        report.dimension(i, dimension);
        progress.at(share(15, 30, i + 1, dimensions.len()));
    }
    report.other_indicators();
    report.out.push_str("= 各市州质量状况\n\n");
    for (i, region) in input.regions.iter().enumerate() {
        report.city(i, region);
        progress.at(share(30, 60, i + 1, input.regions.len()));
    }
    report.appendix();
    progress.at(65);
    let Report { out, mut files, .. } = report;
    let files: Vec<(&str, Vec<u8>)> = files
        .iter_mut()
        .map(|(path, data)| (path.as_str(), std::mem::take(data)))
        .collect();
    let bytes = longzhi_reports::render(&out, &files)?;
    progress.at(100);
    Ok(bytes)
}

/// `from` plus the share `done / of` of the way to `to`.
fn share(from: u8, to: u8, done: usize, of: usize) -> u8 {
    let span = usize::from(to - from);
    from + u8::try_from(span * done / of.max(1)).unwrap_or(to - from)
}

/// The progress callback, called only with rising percentages.
struct Progress<'a> {
    report: &'a mut dyn FnMut(u8),
    last: u8,
}

impl Progress<'_> {
    fn at(&mut self, percent: u8) {
        let percent = percent.min(100);
        if percent > self.last {
            self.last = percent;
            (self.report)(percent);
        }
    }
}

/// The regions of the map: the GeoJSON's features, named as the input's regions where their
/// codes match (`code` or `adcode` property, or the feature's `id`), so that a map whose names
/// are spelt differently still finds its values.
pub(crate) fn map_regions(input: &ReportInput) -> Result<Vec<MapRegion>, GeoJsonError> {
    let mut regions = regions_from_geojson(&input.geojson, "name")?;
    let doc: serde_json::Value = serde_json::from_str(&input.geojson).unwrap_or_default();
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let code_of: HashMap<String, String> = doc["features"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| {
            let p = &f["properties"];
            let code = text(&p["code"])
                .or_else(|| text(&p["adcode"]))
                .or_else(|| text(&f["id"]))?;
            Some((p["name"].as_str()?.to_owned(), code))
        })
        .collect();
    for region in &mut regions {
        let input_region = code_of
            .get(&region.name)
            .and_then(|code| input.regions.iter().find(|r| &r.code == code));
        if let Some(r) = input_region {
            region.name.clone_from(&r.name);
        }
    }
    Ok(regions)
}

struct Report<'a> {
    input: &'a ReportInput,
    tree: &'a Tree<'a>,
    out: String,
    /// The charts: virtual path, SVG.
    files: Vec<(String, Vec<u8>)>,
}

/// "提高1.20分" / "下降0.35分" / "持平" for a change of a score.
fn rise(change: f64) -> String {
    let text = format_score(change.abs());
    if text == "0.00" {
        "持平".into()
    } else if change > 0.0 {
        format!("提高{text}分")
    } else {
        format!("下降{text}分")
    }
}

/// A signed change for tables: "+1.20", "-0.35", "0.00"; "—" when unknown.
fn signed(change: Option<f64>) -> String {
    match change {
        None => "—".into(),
        Some(c) => {
            let text = format_score(c);
            if c > 0.0 && text != "0.00" {
                format!("+{text}")
            } else {
                text
            }
        }
    }
}

fn score_or_dash(x: Option<f64>) -> String {
    x.map_or_else(|| "—".into(), format_score)
}

/// A rank change for tables: "↑2", "↓1", "0"; "—" when unknown.
fn rank_move(before: Option<u32>, now: u32) -> String {
    match before {
        None => "—".into(),
        Some(b) if b > now => format!("↑{}", b - now),
        Some(b) if b < now => format!("↓{}", now - b),
        Some(_) => "0".into(),
    }
}

fn joined(items: &[String]) -> String {
    items.join("、")
}

fn direction(indicator: &IndicatorInfo) -> &'static str {
    if indicator.direction < 0 {
        "逆向"
    } else {
        "正向"
    }
}

impl<'a> Report<'a> {
    fn para(&mut self, text: &str) {
        let _ = writeln!(self.out, "{}\n", escape(text));
    }

    /// A bold title over a table or a group of figures (not in the contents).
    fn subtitle(&mut self, text: &str) {
        let _ = writeln!(
            self.out,
            "#block(sticky: true, above: 1.4em, below: 0.8em, text(weight: \"bold\", size: 11pt)[{}])\n",
            escape(text)
        );
    }

    fn chart(&mut self, path: &str, svg: String, width: &str, caption: &str) {
        figure(&mut self.out, path, width, caption);
        self.files.push((path.to_owned(), svg.into_bytes()));
    }

    fn title(&self) -> String {
        format!(
            "{}年{}质量状况分析报告",
            self.input.year, self.input.province
        )
    }

    fn root_name(&self) -> &str {
        &self.tree.root.name
    }

    fn preamble(&mut self) {
        let title = escape(&self.title());
        let _ = write!(
            self.out,
            r##"#set document(title: [{title}])
#set page(paper: "a4", margin: (x: 2.2cm, top: 2.5cm, bottom: 2.2cm))
#set text(size: 10.5pt, number-width: "tabular", cjk-latin-spacing: none)
#set par(justify: true, leading: 0.8em, spacing: 1.1em, first-line-indent: (amount: 2em, all: true))
#set heading(numbering: (..n) => {{
  let n = n.pos()
  if n.len() == 1 {{ numbering("一、", ..n) }} else {{ numbering("1.1", ..n) }}
}})
#show heading: set block(above: 1.6em, below: 1em)
#show heading.where(level: 1): it => {{
  pagebreak(weak: true)
  set text(size: 16pt)
  it
}}
#show heading.where(level: 2): set text(size: 13pt)
#set table(stroke: 0.5pt + luma(170), inset: (x: 4pt, y: 3.5pt), fill: (_, y) => if y == 0 {{ rgb("#e8f0fe") }})
#show table: set text(size: 9pt)
#show table: set par(justify: false, first-line-indent: 0pt)
#show table.cell.where(y: 0): set text(weight: "bold")
#show figure: set par(first-line-indent: 0pt)
#show figure.caption: set text(size: 9.5pt)

"##
        );
    }

    fn cover(&mut self) {
        let input = self.input;
        let _ = write!(
            self.out,
            r#"#page(numbering: none)[
#set par(first-line-indent: 0pt)
#v(5cm)
#align(center)[
#text(size: 24pt, weight: "bold")[{title}]
#v(1.2cm)
#text(size: 15pt)[{province}]
#v(0.4cm)
#text(size: 15pt)[{year}年度]
#v(8cm)
#text(size: 12pt)[编制日期 {date}]
]
]
#outline(title: [目录], depth: 2)
#set page(numbering: "1", header: context align(right, text(size: 8pt, fill: luma(110))[{title}]))
#counter(page).update(1)

"#,
            title = escape(&self.title()),
            province = escape(&input.province),
            year = input.year,
            date = escape(&input.generated_on.to_string()),
        );
    }

    /// The regions with their composite index, best first.
    fn by_rank(&self) -> Vec<&'a RegionResult> {
        let mut regions: Vec<&'a RegionResult> = self.input.regions.iter().collect();
        regions.sort_by_key(|r| r.rank);
        regions
    }

    fn score(&self, region: &RegionResult, code: &str) -> f64 {
        region.scores.get(code).copied().unwrap_or(0.0)
    }

    /// "兰州市（88.20分）、天水市（84.50分）" for the regions' scores of a node.
    fn named_scores(&self, regions: &[&RegionResult], code: &str) -> String {
        let items: Vec<String> = regions
            .iter()
            .map(|r| format!("{}（{}分）", r.name, format_score(self.score(r, code))))
            .collect();
        joined(&items)
    }

    fn summary(&mut self) -> Result<(), ReportError> {
        let input = self.input;
        let root = self.tree.root.code.as_str();
        let root_name = self.root_name().to_owned();
        let n = input.regions.len();
        self.out.push_str("= 摘要\n\n");

        let average = node_average(input, root);
        let mut text = format!(
            "{}年，全省{n}个市州{root_name}平均为{}分",
            input.year,
            format_score(average)
        );
        match node_change(input, root) {
            Some((before, change)) => {
                let _ = write!(
                    text,
                    "，比上年（可比市州平均{}分）{}。",
                    format_score(before),
                    rise(change)
                );
            }
            None => text.push_str("，上年无可比数据。"),
        }
        self.para(&text);

        let ranked = self.by_rank();
        let k = (n / 2).clamp(1, 3);
        let top = self.named_scores(&ranked[..k], root);
        let bottom = self.named_scores(&ranked[n - k..], root);
        self.para(&format!(
            "{root_name}位居前{k}位的是{top}；位居后{k}位的是{bottom}。"
        ));

        let mut moves: Vec<(i64, &RegionResult)> = input
            .regions
            .iter()
            .filter_map(|r| Some((i64::from(r.previous.as_ref()?.rank) - i64::from(r.rank), r)))
            .collect();
        if !moves.is_empty() {
            moves.sort_by_key(|(m, _)| -m);
            let describe = |(m, r): &(i64, &RegionResult)| {
                let before = r.previous.as_ref().map_or(0, |p| p.rank);
                format!(
                    "{}（由第{before}名到第{}名，{}{}位）",
                    r.name,
                    r.rank,
                    if *m > 0 { "上升" } else { "下降" },
                    m.abs()
                )
            };
            let risers: Vec<String> = moves
                .iter()
                .filter(|(m, _)| *m > 0)
                .take(3)
                .map(describe)
                .collect();
            let fallers: Vec<String> = moves
                .iter()
                .rev()
                .filter(|(m, _)| *m < 0)
                .take(3)
                .map(describe)
                .collect();
            let text = match (risers.is_empty(), fallers.is_empty()) {
                (true, true) => "与上年相比，各市州排名均未变化。".to_owned(),
                (false, true) => format!(
                    "与上年相比，排名上升最多的是{}；没有市州排名下降。",
                    joined(&risers)
                ),
                (true, false) => format!(
                    "与上年相比，没有市州排名上升；排名下降最多的是{}。",
                    joined(&fallers)
                ),
                (false, false) => format!(
                    "与上年相比，排名上升最多的是{}；排名下降最多的是{}。",
                    joined(&risers),
                    joined(&fallers)
                ),
            };
            self.para(&text);
        }

        let dimension_lines: Vec<String> = self
            .tree
            .child_nodes(root)
            .iter()
            .map(|d| {
                let ranks = node_ranks(input, self.tree, &d.code);
                let best = input
                    .regions
                    .iter()
                    .zip(&ranks)
                    .min_by_key(|(_, r)| **r)
                    .map(|(r, _)| r.name.as_str())
                    .unwrap_or_default();
                let worst = input
                    .regions
                    .iter()
                    .zip(&ranks)
                    .max_by_key(|(_, r)| **r)
                    .map(|(r, _)| r.name.as_str())
                    .unwrap_or_default();
                let change = node_change(input, &d.code)
                    .map_or(String::new(), |(_, c)| format!("，比上年{}", rise(c)));
                format!(
                    "{}全省平均{}分{change}，{best}最高，{worst}最低",
                    d.name,
                    format_score(node_average(input, &d.code))
                )
            })
            .collect();
        if !dimension_lines.is_empty() {
            self.para(&format!("分维度看，{}。", dimension_lines.join("；")));
        }
        if let Some(mc) = &input.mc {
            self.para(&format!(
                "不确定性分析（蒙特卡洛模拟{}次）表明，权重等因素变动时各市州排名平均变动{}位（详见附录）。",
                mc.runs,
                format_score(mc.mean_abs_rank_shift)
            ));
        }

        if !input.geojson.trim().is_empty() {
            let regions = map_regions(input).map_err(|e| ReportError::Input(e.to_string()))?;
            let map = MapChart {
                unit: format!("{root_name}（分）"),
                regions,
                values: input
                    .regions
                    .iter()
                    .map(|r| (r.name.clone(), self.score(r, root)))
                    .collect(),
                decimals: 2,
                labels: MapLabels::Names,
                ..MapChart::default()
            };
            self.chart(
                "charts/map.svg",
                map.svg(),
                "90%",
                &format!("{}年各市州{root_name}分布", input.year),
            );
        }

        self.subtitle(&format!("各市州{root_name}及排名"));
        let rows: Vec<Vec<Cell>> = ranked
            .iter()
            .map(|r| {
                let before = r.previous.as_ref();
                vec![
                    r.rank.to_string().into(),
                    r.name.as_str().into(),
                    format_score(self.score(r, root)).into(),
                    score_or_dash(before.and_then(|p| p.scores.get(root).copied())).into(),
                    signed(region_change(r, root)).into(),
                    before.map_or("—".into(), |p| p.rank.to_string()).into(),
                    rank_move(before.map(|p| p.rank), r.rank).into(),
                ]
            })
            .collect();
        table(
            &mut self.out,
            "(auto, 1fr, auto, auto, auto, auto, auto)",
            "(center, left, right, right, right, center, center)",
            &[
                "排名",
                "市州",
                "本年得分",
                "上年得分",
                "变化",
                "上年排名",
                "排名变化",
            ],
            rows,
        );
        let bar = BarChart {
            items: input
                .regions
                .iter()
                .map(|r| (r.name.clone(), self.score(r, root)))
                .collect(),
            decimals: 2,
            ..BarChart::default()
        };
        self.chart(
            "charts/rank.svg",
            bar.svg(),
            "85%",
            &format!("{}年各市州{root_name}排名", input.year),
        );
        self.trend_chart();
        Ok(())
    }

    fn trend_chart(&mut self) {
        let input = self.input;
        let years = trend(input, &self.tree.root.code);
        let (Some(first), Some(last)) = (years.first(), years.last()) else {
            return;
        };
        if years.len() < 2 {
            self.para(&format!("仅有{}年数据，暂无历年变化趋势。", first.0));
            return;
        }
        let ranked = self.by_rank();
        let n = ranked.len();
        let shown = TREND_CITIES.min(n / 2);
        let cities = ranked[..shown].iter().chain(&ranked[n - shown..]);
        let mut series = vec![Series {
            name: "全省平均".into(),
            values: years
                .iter()
                .map(|(_, s)| mean(s.values().copied()))
                .collect(),
        }];
        series.extend(cities.map(|r| Series {
            name: r.name.clone(),
            values: years.iter().map(|(_, s)| s.get(&r.code).copied()).collect(),
        }));
        let chart = LineChart {
            unit: format!("{}（分）", self.root_name()),
            categories: years.iter().map(|(y, _)| y.to_string()).collect(),
            series,
            ..LineChart::default()
        };
        let caption = format!(
            "{}—{}年全省平均及排名前{shown}位、后{shown}位市州{}变化",
            first.0,
            last.0,
            self.root_name()
        );
        self.chart("charts/trend.svg", chart.svg(), "85%", &caption);
    }

    fn dimension(&mut self, i: usize, dimension: &NodeInfo) {
        let input = self.input;
        let code = dimension.code.as_str();
        let _ = writeln!(self.out, "= {}\n", escape(&dimension.name));
        let ranks = node_ranks(input, self.tree, code);
        let before_ranks = previous_node_ranks(input, self.tree, code);
        let mut order: Vec<usize> = (0..input.regions.len()).collect();
        order.sort_by_key(|i| ranks[*i]);
        let best = &input.regions[order[0]];
        let worst = &input.regions[order[order.len() - 1]];
        let mut text = format!(
            "{}在{}中的权重为{:.4}，全省平均为{}分",
            dimension.name,
            self.root_name(),
            dimension.weight,
            format_score(node_average(input, code))
        );
        if let Some((_, change)) = node_change(input, code) {
            let _ = write!(text, "，比上年{}", rise(change));
        }
        let _ = write!(
            text,
            "。得分最高的是{}（{}分），最低的是{}（{}分）。",
            best.name,
            format_score(self.score(best, code)),
            worst.name,
            format_score(self.score(worst, code))
        );
        let parts = self.tree.child_nodes(code);
        if !parts.is_empty() {
            let names: Vec<String> = parts.iter().map(|p| p.name.clone()).collect();
            let _ = write!(
                text,
                "该维度包括{}等{}个方面。",
                joined(&names),
                parts.len()
            );
        }
        self.para(&text);

        self.subtitle(&format!("各市州{}得分与排名", dimension.name));
        let rows: Vec<Vec<Cell>> = order
            .iter()
            .map(|&j| {
                let r = &input.regions[j];
                let before = r
                    .previous
                    .as_ref()
                    .and_then(|p| p.scores.get(code).copied());
                vec![
                    ranks[j].to_string().into(),
                    r.name.as_str().into(),
                    format_score(self.score(r, code)).into(),
                    score_or_dash(before).into(),
                    signed(region_change(r, code)).into(),
                    before_ranks[j].map_or("—".into(), |b| b.to_string()).into(),
                ]
            })
            .collect();
        table(
            &mut self.out,
            "(auto, 1fr, auto, auto, auto, auto)",
            "(center, left, right, right, right, center)",
            &["排名", "市州", "本年得分", "上年得分", "变化", "上年排名"],
            rows,
        );
        let bar = BarChart {
            items: input
                .regions
                .iter()
                .map(|r| (r.name.clone(), self.score(r, code)))
                .collect(),
            decimals: 2,
            ..BarChart::default()
        };
        self.chart(
            &format!("charts/dimension-{i}.svg"),
            bar.svg(),
            "80%",
            &format!("各市州{}得分", dimension.name),
        );

        let below = self.tree.nodes_below(code);
        if !below.is_empty() {
            self.subtitle(&format!("{}各分项全省平均得分", dimension.name));
            let rows: Vec<Vec<Cell>> = below
                .iter()
                .map(|(depth, node)| {
                    let ranks = node_ranks(input, self.tree, &node.code);
                    let at = |rank: u32| {
                        let r = ranks
                            .iter()
                            .position(|x| *x == rank)
                            .map_or("", |p| input.regions[p].name.as_str());
                        r.to_owned()
                    };
                    let worst_rank = ranks.iter().copied().max().unwrap_or(0);
                    let change = node_change(input, &node.code);
                    vec![
                        format!("{}{}", "　".repeat(depth - 1), node.name).into(),
                        format!("{:.4}", node.weight).into(),
                        format_score(node_average(input, &node.code)).into(),
                        score_or_dash(change.map(|c| c.0)).into(),
                        signed(change.map(|c| c.1)).into(),
                        at(1).into(),
                        at(worst_rank).into(),
                    ]
                })
                .collect();
            table(
                &mut self.out,
                "(1fr, auto, auto, auto, auto, auto, auto)",
                "(left, right, right, right, right, left, left)",
                &[
                    "分项",
                    "权重",
                    "全省平均",
                    "上年平均",
                    "变化",
                    "最高",
                    "最低",
                ],
                rows,
            );
        }
        let groups = self.tree.indicator_groups(code);
        self.indicator_table(code, groups, &format!("{}各项指标全省情况", dimension.name));
    }

    /// The province figures of indicators, in groups by the node they hang from (a group row
    /// names each node other than `top`).
    fn indicator_table(
        &mut self,
        top: &str,
        groups: Vec<(&NodeInfo, &[&IndicatorInfo])>,
        title: &str,
    ) {
        let input = self.input;
        self.subtitle(title);
        let mut rows = Vec::new();
        let best_worst = |found: Option<(&RegionResult, f64)>| {
            Cell::markup(found.map_or("—".into(), |(r, v)| {
                format!("{} \\ {}", escape(&r.name), escape(&format_score(v)))
            }))
        };
        for (node, indicators) in groups {
            if node.code != top {
                rows.push(vec![Cell::group(&node.name, 8)]);
            }
            for ind in indicators {
                let s = indicator_summary(input, ind);
                rows.push(vec![
                    ind.name.as_str().into(),
                    ind.unit.as_str().into(),
                    direction(ind).into(),
                    score_or_dash(s.average).into(),
                    score_or_dash(s.change.map(|c| c.0)).into(),
                    signed(s.change.map(|c| c.1)).into(),
                    best_worst(s.best),
                    best_worst(s.worst),
                ]);
            }
        }
        table(
            &mut self.out,
            "(1fr, auto, auto, auto, auto, auto, auto, auto)",
            "(left, center, center, right, right, right, left, left)",
            &[
                "指标",
                "单位",
                "方向",
                "全省平均",
                "上年平均",
                "变化",
                "最好",
                "最差",
            ],
            rows,
        );
        self.para(
            "注：全省平均为有数据市州的简单平均；上年平均与变化按两年均有数据的市州计算；“—”表示无数据。",
        );
    }

    /// Indicators directly under the root (outside every dimension) get a chapter of their own.
    fn other_indicators(&mut self) {
        let tree = self.tree;
        let root = tree.root;
        let own = tree.indicators_of(&root.code);
        if own.is_empty() {
            return;
        }
        self.out.push_str("= 其他指标\n\n");
        let names: Vec<String> = own.iter().map(|i| i.name.clone()).collect();
        self.para(&format!(
            "以下指标直接计入{}：{}。",
            root.name,
            joined(&names)
        ));
        let title = format!("{}直属指标全省情况", root.name);
        self.indicator_table(&root.code, vec![(root, own)], &title);
    }

    fn city(&mut self, i: usize, region: &RegionResult) {
        let input = self.input;
        let tree = self.tree;
        let root = tree.root.code.as_str();
        let root_name = tree.root.name.as_str();
        let n = input.regions.len();
        if i > 0 {
            self.out.push_str("#pagebreak(weak: true)\n");
        }
        let _ = writeln!(self.out, "== {}\n", escape(&region.name));
        let score = self.score(region, root);
        let average = node_average(input, root);
        let mut text = format!(
            "{}年，{}{root_name}为{}分，在全省{n}个市州中排第{}名",
            input.year,
            region.name,
            format_score(score),
            region.rank
        );
        if let Some((lo, _, hi)) = region.rank_interval {
            let _ = write!(text, "（蒙特卡洛模拟90%区间为第{lo:.1}–{hi:.1}名）");
        }
        let gap = score - average;
        let _ = write!(
            text,
            "，{}全省平均{}分。",
            if gap >= 0.0 { "高于" } else { "低于" },
            format_score(gap.abs())
        );
        if let Some(before) = &region.previous {
            let change = region_change(region, root).map_or("无上年可比得分".into(), |c| {
                format!("得分{}", rise(c))
            });
            let moved = match before.rank.cmp(&region.rank) {
                std::cmp::Ordering::Greater => format!("排名上升{}位", before.rank - region.rank),
                std::cmp::Ordering::Less => format!("排名下降{}位", region.rank - before.rank),
                std::cmp::Ordering::Equal => "排名不变".into(),
            };
            let _ = write!(
                text,
                "与上年相比，{change}，{moved}（上年第{}名）。",
                before.rank
            );
        }
        self.para(&text);

        let nodes = tree.nodes_below(root);
        if !nodes.is_empty() {
            self.subtitle("各维度得分");
            let rows: Vec<Vec<Cell>> = nodes
                .iter()
                .map(|(depth, node)| {
                    let code = node.code.as_str();
                    let ranks = node_ranks(input, tree, code);
                    let before = region
                        .previous
                        .as_ref()
                        .and_then(|p| p.scores.get(code).copied());
                    vec![
                        format!("{}{}", "　".repeat(depth - 1), node.name).into(),
                        format_score(self.score(region, code)).into(),
                        format_score(node_average(input, code)).into(),
                        signed(Some(self.score(region, code) - node_average(input, code))).into(),
                        ranks[i].to_string().into(),
                        score_or_dash(before).into(),
                        signed(region_change(region, code)).into(),
                    ]
                })
                .collect();
            table(
                &mut self.out,
                "(1fr, auto, auto, auto, auto, auto, auto)",
                "(left, right, right, right, center, right, right)",
                &[
                    "维度",
                    "得分",
                    "全省平均",
                    "与全省平均之差",
                    "全省排名",
                    "上年得分",
                    "变化",
                ],
                rows,
            );
        }
        if nodes.len() >= 3 {
            let radar = RadarChart {
                axes: nodes.iter().map(|(_, n)| n.name.clone()).collect(),
                series: vec![
                    Series::new(
                        region.name.clone(),
                        nodes.iter().map(|(_, n)| self.score(region, &n.code)),
                    ),
                    Series::new(
                        "全省平均",
                        nodes.iter().map(|(_, n)| node_average(input, &n.code)),
                    ),
                ],
                // A title also keeps the label of the top spoke inside the chart.
                title: "得分（分）".into(),
                width: 480.0,
                ..RadarChart::default()
            };
            self.chart(
                &format!("charts/city-{i}-radar.svg"),
                radar.svg(),
                "70%",
                &format!("{}各维度得分与全省平均", region.name),
            );
        }
        self.contributions(i, region);

        self.subtitle("各项指标数据");
        let mut rows = Vec::new();
        let mut missing = false;
        for (node, indicators) in tree.indicator_groups(root) {
            if node.code != root {
                rows.push(vec![Cell::group(&node.name, 7)]);
            }
            for ind in indicators {
                let code = ind.code.as_str();
                let now = value(region, code);
                let before = previous_value(region, code);
                missing |= now.is_none();
                rows.push(vec![
                    ind.name.as_str().into(),
                    ind.unit.as_str().into(),
                    score_or_dash(now).into(),
                    score_or_dash(before).into(),
                    signed(now.zip(before).map(|(a, b)| a - b)).into(),
                    score_or_dash(indicator_summary(input, ind).average).into(),
                    score_or_dash(region.contributions.get(code).copied()).into(),
                ]);
            }
        }
        table(
            &mut self.out,
            "(1fr, auto, auto, auto, auto, auto, auto)",
            "(left, center, right, right, right, right, right)",
            &["指标", "单位", "本年", "上年", "变化", "全省平均", "贡献"],
            rows,
        );
        if missing {
            let imputation = methods::describe(&input.framework.method)
                .into_iter()
                .find(|m| m.0 == "缺失值处理")
                .map_or("", |m| m.1);
            self.para(&format!(
                "注：“—”表示该项数据缺失，计算时已按{imputation}处理。"
            ));
        }
    }

    /// "Why is this city nth": its largest and weakest contributions, and those furthest from
    /// the province's average contribution, in words and as a bar chart.
    fn contributions(&mut self, i: usize, region: &RegionResult) {
        let input = self.input;
        let tree = self.tree;
        let root_name = tree.root.name.as_str();
        self.subtitle("指标贡献");
        if region.contributions.is_empty() {
            self.para(&format!(
                "本年度{root_name}采用{}加总，不分解各项指标的贡献。",
                methods::describe(&input.framework.method)
                    .into_iter()
                    .find(|m| m.0 == "加总")
                    .map_or("", |m| m.1)
            ));
            return;
        }
        let mut items: Vec<(&IndicatorInfo, f64, f64)> = input
            .framework
            .indicators
            .iter()
            .filter_map(|ind| {
                let c = *region.contributions.get(&ind.code)?;
                Some((
                    ind,
                    c,
                    c - average_contribution(input, &ind.code).unwrap_or(c),
                ))
            })
            .collect();
        let k = (items.len() / 2).clamp(1, 3);
        let list = |items: &[(&IndicatorInfo, f64, f64)], gap: bool| {
            let named: Vec<String> = items
                .iter()
                .map(|(ind, c, g)| {
                    format!(
                        "{}（{}分）",
                        ind.name,
                        if gap {
                            signed(Some(*g))
                        } else {
                            format_score(*c)
                        }
                    )
                })
                .collect();
            joined(&named)
        };
        items.sort_by(|a, b| b.1.total_cmp(&a.1));
        let largest = list(&items[..k], false);
        let weakest = list(&items[items.len() - k..], false);
        items.sort_by(|a, b| b.2.total_cmp(&a.2));
        let ahead: Vec<_> = items
            .iter()
            .copied()
            .filter(|x| x.2 > 0.0)
            .take(k)
            .collect();
        let behind: Vec<_> = items
            .iter()
            .rev()
            .copied()
            .filter(|x| x.2 < 0.0)
            .take(k)
            .collect();
        let mut text = format!(
            "{}的{root_name}得分由各项指标的贡献相加而成。贡献最大的是{largest}，贡献最弱的是{weakest}。",
            region.name
        );
        if !ahead.is_empty() {
            let _ = write!(
                text,
                "与全省平均贡献相比，拉动作用最明显的是{}",
                list(&ahead, true)
            );
            text.push_str(if behind.is_empty() { "。" } else { "；" });
        }
        if !behind.is_empty() {
            let _ = write!(text, "拖累最明显的是{}。", list(&behind, true));
        }
        self.para(&text);

        let (bars, caption) = if items.len() <= CONTRIBUTION_BARS {
            let bars = items
                .iter()
                .map(|(ind, c, _)| (ind.name.clone(), *c))
                .collect();
            (bars, format!("{}各项指标对{root_name}的贡献", region.name))
        } else {
            let bars = tree
                .indicator_groups(&tree.root.code)
                .into_iter()
                .map(|(node, inds)| {
                    let sum = inds
                        .iter()
                        .filter_map(|ind| region.contributions.get(&ind.code))
                        .sum();
                    (node.name.clone(), sum)
                })
                .collect();
            (
                bars,
                format!(
                    "{}各分项指标对{root_name}的贡献（所含指标贡献之和）",
                    region.name
                ),
            )
        };
        let bar = BarChart {
            items: bars,
            decimals: 2,
            ..BarChart::default()
        };
        self.chart(
            &format!("charts/city-{i}-contributions.svg"),
            bar.svg(),
            "80%",
            &caption,
        );
    }

    fn appendix(&mut self) {
        let input = self.input;
        let fw = &input.framework;
        let tree = self.tree;
        self.out
            .push_str("#set heading(numbering: none)\n= 附录　方法说明\n\n== 指标体系\n\n");
        let dimensions = tree.child_nodes(&tree.root.code).len();
        let parts = tree.nodes_below(&tree.root.code).len() - dimensions;
        let mut text = format!(
            "本报告采用{}（代码{}，第{}版），共{dimensions}个维度",
            fw.name, fw.code, fw.version
        );
        if parts > 0 {
            let _ = write!(text, "、{parts}个分项");
        }
        let _ = write!(
            text,
            "、{}项指标。表中权重为计算时实际使用的权重，已在同一上级之下归一化（同级权重之和为1）。",
            fw.indicators.len()
        );
        self.para(&text);
        let mut rows = Vec::new();
        self.framework_rows(tree.root, 0, &mut rows);
        table(
            &mut self.out,
            "(1fr, auto, auto, auto, auto)",
            "(left, left, right, center, center)",
            &["名称", "代码", "权重", "单位", "方向"],
            rows,
        );

        self.out.push_str("== 计算方法\n\n");
        for (what, name, sentence) in methods::describe(&fw.method) {
            self.para(&format!("{what}：采用{name}。{sentence}"));
        }
        self.para("逆向指标（数值越小越好）在标准化之前先取相反数，使各项得分都是越高越好。综合指数越高，排名越靠前；得分相同的市州名次并列。");
        if input.regions.iter().any(|r| !r.contributions.is_empty()) {
            self.para("指标贡献是把综合指数分解到各项指标的结果，一个市州各项指标的贡献之和等于其综合指数；加权算术平均时，某项指标的贡献等于其标准化得分乘以从该指标到综合指数路径上各级权重之积。");
        }

        self.out.push_str("== 不确定性分析\n\n");
        match &input.mc {
            None => self.para("本年度未进行不确定性分析。"),
            Some(mc) => {
                self.para(&format!(
                    "为检验排名的稳健性，采用蒙特卡洛模拟：共模拟{}次（随机种子{}），每次把各项权重在±{}%的范围内随机扰动后重新计算全部得分和排名。与名义排名相比，各市州排名的平均绝对变动为{}位。下表列出各市州的名义排名及模拟排名的5%、50%（中位数）和95%分位数，5%至95%分位数之间即90%区间。",
                    mc.runs,
                    mc.seed,
                    // 25, 12.5: no trailing zeros.
                    (mc.weight_noise * 1e4).round() / 100.0,
                    format_score(mc.mean_abs_rank_shift)
                ));
                let rows: Vec<Vec<Cell>> = self
                    .by_rank()
                    .iter()
                    .map(|r| {
                        let q = |f: fn(&(f64, f64, f64)) -> f64| {
                            r.rank_interval
                                .as_ref()
                                .map_or("—".into(), |iv| format!("{:.1}", f(iv)))
                        };
                        vec![
                            r.name.as_str().into(),
                            r.rank.to_string().into(),
                            q(|iv| iv.0).into(),
                            q(|iv| iv.1).into(),
                            q(|iv| iv.2).into(),
                        ]
                    })
                    .collect();
                table(
                    &mut self.out,
                    "(1fr, auto, auto, auto, auto)",
                    "(left, center, right, right, right)",
                    &["市州", "名义排名", "5%分位", "中位数", "95%分位"],
                    rows,
                );
            }
        }
        if let Some(s) = &input.sensitivity {
            self.para(&format!(
                "Sobol敏感性分析（共{}次运行）衡量各不确定因素对排名平均绝对变动的影响：一阶指数为该因素单独造成的方差占比，总效应指数还包括它与其他因素的交互作用；“—”表示无法计算（输出无变动）。",
                s.runs
            ));
            let rows: Vec<Vec<Cell>> = s
                .inputs
                .iter()
                .zip(s.first.iter().zip(&s.total))
                .map(|(name, (first, total))| {
                    vec![
                        methods::input_name(name).into(),
                        score_or_dash(*first).into(),
                        score_or_dash(*total).into(),
                    ]
                })
                .collect();
            table(
                &mut self.out,
                "(1fr, auto, auto)",
                "(left, right, right)",
                &["不确定因素", "一阶指数", "总效应指数"],
                rows,
            );
        }

        self.out.push_str("== 数据复现\n\n");
        self.para("本报告的全部得分、排名和不确定性结果可用甘肃省质量发展信息系统（陇质）的计算引擎复现：");
        let mut command = "longzhi engine index --data … --framework …".to_owned();
        if let Some(mc) = &input.mc {
            let _ = write!(command, " --mc {} --seed {}", mc.runs, mc.seed);
        }
        let _ = writeln!(
            self.out,
            "#block(fill: luma(240), inset: 8pt, radius: 2pt, width: 100%, par(justify: false, first-line-indent: 0pt)[{}])\n",
            escape(&command)
        );
        self.para(&format!(
            "其中 --data 为{}年各市州指标原始数据（CSV），--framework 为{}第{}版的指标体系文件（TOML）。",
            input.year, fw.name, fw.version
        ));
    }

    /// The framework's rows, depth first: a node, its child nodes, then its indicators.
    fn framework_rows(&self, node: &NodeInfo, depth: usize, rows: &mut Vec<Vec<Cell>>) {
        let indent = "　".repeat(depth);
        rows.push(vec![
            Cell::markup(format!("*{}*", escape(&format!("{indent}{}", node.name)))),
            node.code.as_str().into(),
            if node.parent.is_none() {
                "—".into()
            } else {
                format!("{:.4}", node.weight).into()
            },
            "".into(),
            "".into(),
        ]);
        for child in self.tree.child_nodes(&node.code) {
            self.framework_rows(child, depth + 1, rows);
        }
        for ind in self.tree.indicators_of(&node.code) {
            rows.push(vec![
                format!("{indent}　{}", ind.name).into(),
                ind.code.as_str().into(),
                format!("{:.4}", ind.weight).into(),
                ind.unit.as_str().into(),
                direction(ind).into(),
            ]);
        }
    }
}
