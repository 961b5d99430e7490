//! The Excel annex: every figure of the report as numbers, one sheet per kind.

use rust_xlsxwriter::{Format, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::analysis::{
    Tree, average_contribution, indicator_summary, mean, node_average, previous_value, trend, value,
};
use crate::{IndicatorInfo, ReportError, ReportInput, check, methods};

/// A cell value.
enum V {
    Text(String),
    Number(f64),
    Empty,
}

impl From<&str> for V {
    fn from(text: &str) -> Self {
        V::Text(text.to_owned())
    }
}

impl From<f64> for V {
    fn from(x: f64) -> Self {
        V::Number(x)
    }
}

impl From<Option<f64>> for V {
    fn from(x: Option<f64>) -> Self {
        x.map_or(V::Empty, V::Number)
    }
}

impl From<u32> for V {
    fn from(x: u32) -> Self {
        V::Number(f64::from(x))
    }
}

/// A column: title, width in characters, Excel number format of its numbers.
struct Col {
    title: String,
    width: f64,
    format: &'static str,
}

fn col(title: impl Into<String>, width: f64, format: &'static str) -> Col {
    Col {
        title: title.into(),
        width,
        format,
    }
}

const SCORE: &str = "0.00";
const RANK: &str = "0";
const INTERVAL: &str = "0.0";
const WEIGHT: &str = "0.0000";
const TEXT: &str = "@";

/// Writes a table from row `top`: bold header, then the rows; returns the next free row.
fn table(ws: &mut Worksheet, top: u32, cols: &[Col], rows: &[Vec<V>]) -> Result<u32, XlsxError> {
    let header = Format::new()
        .set_bold()
        .set_background_color(0xE8F0FE)
        .set_border(FormatBorder::Thin);
    let formats: Vec<Format> = cols
        .iter()
        .map(|c| Format::new().set_num_format(c.format))
        .collect();
    for (c, column) in cols.iter().enumerate() {
        let c = column_index(c)?;
        ws.write_string_with_format(top, c, &column.title, &header)?;
        ws.set_column_width(c, column.width)?;
    }
    let mut r = top;
    for row in rows {
        r += 1;
        for (c, (cell, format)) in row.iter().zip(&formats).enumerate() {
            let c = column_index(c)?;
            match cell {
                V::Text(s) => {
                    ws.write_string(r, c, s)?;
                }
                V::Number(x) => {
                    ws.write_number_with_format(r, c, *x, format)?;
                }
                V::Empty => {}
            }
        }
    }
    Ok(r + 1)
}

fn column_index(c: usize) -> Result<u16, XlsxError> {
    u16::try_from(c).map_err(|_| XlsxError::ParameterError("too many columns".into()))
}

/// A sheet holding one table with a frozen header and an autofilter.
fn sheet(wb: &mut Workbook, name: &str, cols: &[Col], rows: &[Vec<V>]) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet().set_name(name)?;
    let end = table(ws, 0, cols, rows)?;
    ws.set_freeze_panes(1, 2)?;
    ws.autofilter(0, 0, end - 1, column_index(cols.len().saturating_sub(1))?)?;
    Ok(())
}

/// The name of the province-average row at the foot of the city tables.
const AVERAGE: &str = "全省平均";

fn with_unit(indicator: &IndicatorInfo) -> String {
    if indicator.unit.trim().is_empty() {
        indicator.name.clone()
    } else {
        format!("{}（{}）", indicator.name, indicator.unit)
    }
}

/// Makes the report's Excel annex (.xlsx): sheets 综合指数与排名, 各维度得分, 指标原始值, 贡献度,
/// 权重, 历年指数, 不确定性 (with a Monte Carlo analysis) and 说明. Numbers are written as
/// numbers at full precision (displayed with the report's decimals); a missing value is an
/// empty cell.
pub fn annex(input: &ReportInput) -> Result<Vec<u8>, ReportError> {
    check(input)?;
    let tree = Tree::new(&input.framework)
        .ok_or_else(|| ReportError::Input("the framework has no root".into()))?;
    let root = tree.root;
    let fw = &input.framework;
    let mut wb = Workbook::new();
    let city = || vec![col("市州", 16.0, TEXT), col("代码", 9.0, TEXT)];

    let mut cols = city();
    cols.extend([
        col(root.name.as_str(), 12.0, SCORE),
        col("排名", 6.0, RANK),
        col("排名5%分位", 11.0, INTERVAL),
        col("排名中位数", 11.0, INTERVAL),
        col("排名95%分位", 11.0, INTERVAL),
        col(format!("上年{}", root.name), 14.0, SCORE),
        col("上年排名", 9.0, RANK),
        col("指数变化", 9.0, SCORE),
        col("排名变化（上升为正）", 12.0, RANK),
    ]);
    let rows: Vec<Vec<V>> = input
        .regions
        .iter()
        .map(|r| {
            let score = r.scores.get(&root.code).copied();
            let before = r.previous.as_ref();
            let before_score = before.and_then(|p| p.scores.get(&root.code).copied());
            let iv = r.rank_interval;
            vec![
                r.name.as_str().into(),
                r.code.as_str().into(),
                score.into(),
                r.rank.into(),
                iv.map(|i| i.0).into(),
                iv.map(|i| i.1).into(),
                iv.map(|i| i.2).into(),
                before_score.into(),
                before.map(|p| f64::from(p.rank)).into(),
                score.zip(before_score).map(|(a, b)| a - b).into(),
                before.map(|p| f64::from(p.rank) - f64::from(r.rank)).into(),
            ]
        })
        .collect();
    sheet(&mut wb, "综合指数与排名", &cols, &rows)?;

    let nodes: Vec<_> = std::iter::once(root)
        .chain(tree.nodes_below(&root.code).into_iter().map(|(_, n)| n))
        .collect();
    let mut cols = city();
    cols.extend(nodes.iter().map(|n| col(n.name.as_str(), 12.0, SCORE)));
    let mut rows: Vec<Vec<V>> = input
        .regions
        .iter()
        .map(|r| {
            let mut row: Vec<V> = vec![r.name.as_str().into(), r.code.as_str().into()];
            row.extend(
                nodes
                    .iter()
                    .map(|n| V::from(r.scores.get(&n.code).copied())),
            );
            row
        })
        .collect();
    let mut average: Vec<V> = vec![AVERAGE.into(), V::Empty];
    average.extend(nodes.iter().map(|n| V::from(node_average(input, &n.code))));
    rows.push(average);
    sheet(&mut wb, "各维度得分", &cols, &rows)?;

    let indicators = &fw.indicators;
    let mut cols = city();
    for ind in indicators {
        cols.push(col(
            format!("{} {}年", with_unit(ind), input.year),
            14.0,
            SCORE,
        ));
        cols.push(col(
            format!("{} {}年", with_unit(ind), input.year - 1),
            14.0,
            SCORE,
        ));
    }
    let mut rows: Vec<Vec<V>> = input
        .regions
        .iter()
        .map(|r| {
            let mut row: Vec<V> = vec![r.name.as_str().into(), r.code.as_str().into()];
            for ind in indicators {
                row.push(value(r, &ind.code).into());
                row.push(previous_value(r, &ind.code).into());
            }
            row
        })
        .collect();
    let mut average: Vec<V> = vec![AVERAGE.into(), V::Empty];
    for ind in indicators {
        let s = indicator_summary(input, ind);
        average.push(s.average.into());
        average.push(
            mean(
                input
                    .regions
                    .iter()
                    .filter_map(|r| previous_value(r, &ind.code)),
            )
            .into(),
        );
    }
    rows.push(average);
    sheet(&mut wb, "指标原始值", &cols, &rows)?;

    let mut cols = city();
    cols.extend(indicators.iter().map(|i| col(i.name.as_str(), 12.0, SCORE)));
    cols.push(col("合计", 10.0, SCORE));
    let mut rows: Vec<Vec<V>> = input
        .regions
        .iter()
        .map(|r| {
            let mut row: Vec<V> = vec![r.name.as_str().into(), r.code.as_str().into()];
            row.extend(
                indicators
                    .iter()
                    .map(|i| V::from(r.contributions.get(&i.code).copied())),
            );
            let total = (!r.contributions.is_empty()).then(|| r.contributions.values().sum());
            row.push(total.into());
            row
        })
        .collect();
    let mut average: Vec<V> = vec![AVERAGE.into(), V::Empty];
    average.extend(
        indicators
            .iter()
            .map(|i| V::from(average_contribution(input, &i.code))),
    );
    rows.push(average);
    sheet(&mut wb, "贡献度", &cols, &rows)?;

    let cols = [
        col("层级", 6.0, RANK),
        col("类型", 6.0, TEXT),
        col("代码", 12.0, TEXT),
        col("名称", 28.0, TEXT),
        col("上级代码", 12.0, TEXT),
        col("权重", 9.0, WEIGHT),
        col("单位", 10.0, TEXT),
        col("方向", 6.0, RANK),
    ];
    let mut rows = Vec::new();
    let mut depths = vec![(0, root)];
    depths.extend(tree.nodes_below(&root.code));
    for (depth, node) in depths {
        rows.push(vec![
            V::Number(depth as f64),
            "维度".into(),
            node.code.as_str().into(),
            node.name.as_str().into(),
            node.parent.as_deref().map_or(V::Empty, V::from),
            node.weight.into(),
            V::Empty,
            V::Empty,
        ]);
        for ind in tree.indicators_of(&node.code) {
            rows.push(vec![
                V::Number(depth as f64 + 1.0),
                "指标".into(),
                ind.code.as_str().into(),
                ind.name.as_str().into(),
                ind.parent.as_str().into(),
                ind.weight.into(),
                ind.unit.as_str().into(),
                V::Number(f64::from(ind.direction)),
            ]);
        }
    }
    sheet(&mut wb, "权重", &cols, &rows)?;

    let years = trend(input, &root.code);
    let mut cols = city();
    cols.extend(
        years
            .iter()
            .map(|(y, _)| col(format!("{y}年"), 10.0, SCORE)),
    );
    let mut rows: Vec<Vec<V>> = input
        .regions
        .iter()
        .map(|r| {
            let mut row: Vec<V> = vec![r.name.as_str().into(), r.code.as_str().into()];
            row.extend(years.iter().map(|(_, s)| V::from(s.get(&r.code).copied())));
            row
        })
        .collect();
    let mut average: Vec<V> = vec![AVERAGE.into(), V::Empty];
    average.extend(
        years
            .iter()
            .map(|(_, s)| V::from(mean(s.values().copied()))),
    );
    rows.push(average);
    sheet(&mut wb, "历年指数", &cols, &rows)?;

    if let Some(mc) = &input.mc {
        let mut cols = city();
        cols.extend([
            col("名义排名", 9.0, RANK),
            col("5%分位", 9.0, INTERVAL),
            col("中位数", 9.0, INTERVAL),
            col("95%分位", 9.0, INTERVAL),
        ]);
        let rows: Vec<Vec<V>> = input
            .regions
            .iter()
            .map(|r| {
                let iv = r.rank_interval;
                vec![
                    r.name.as_str().into(),
                    r.code.as_str().into(),
                    r.rank.into(),
                    iv.map(|i| i.0).into(),
                    iv.map(|i| i.1).into(),
                    iv.map(|i| i.2).into(),
                ]
            })
            .collect();
        let ws = wb.add_worksheet().set_name("不确定性")?;
        let next = table(ws, 0, &cols, &rows)?;
        ws.set_freeze_panes(1, 2)?;
        // The seed is exact as a number up to 2^53; a larger one is written as text.
        let seed = if mc.seed < (1 << 53) {
            V::Number(mc.seed as f64)
        } else {
            V::Text(mc.seed.to_string())
        };
        let settings = [
            vec!["模拟次数".into(), V::Number(mc.runs as f64)],
            vec!["随机种子".into(), seed],
            vec!["权重扰动幅度".into(), mc.weight_noise.into()],
            vec!["排名平均绝对变动".into(), mc.mean_abs_rank_shift.into()],
        ];
        let next = table(
            ws,
            next + 1,
            &[col("蒙特卡洛模拟", 16.0, TEXT), col("数值", 9.0, "General")],
            &settings,
        )?;
        if let Some(s) = &input.sensitivity {
            let rows: Vec<Vec<V>> = s
                .inputs
                .iter()
                .zip(s.first.iter().zip(&s.total))
                .map(|(name, (first, total))| {
                    vec![
                        methods::input_name(name).into(),
                        (*first).into(),
                        (*total).into(),
                        name.as_str().into(),
                    ]
                })
                .collect();
            let cols = [
                col(format!("Sobol敏感性（{}次运行）", s.runs), 16.0, TEXT),
                col("一阶指数", 9.0, SCORE),
                col("总效应指数", 11.0, SCORE),
                col("引擎名称", 14.0, TEXT),
            ];
            table(ws, next + 1, &cols, &rows)?;
        }
    }

    let ws = wb.add_worksheet().set_name("说明")?;
    let mut about: Vec<Vec<V>> = vec![
        vec![
            "报告".into(),
            format!("{}年{}质量状况分析报告", input.year, input.province)
                .as_str()
                .into(),
        ],
        vec!["年份".into(), V::Number(f64::from(input.year))],
        vec!["省份".into(), input.province.as_str().into()],
        vec![
            "指标体系".into(),
            format!("{}（{}，第{}版）", fw.name, fw.code, fw.version)
                .as_str()
                .into(),
        ],
        vec![
            "编制日期".into(),
            input.generated_on.to_string().as_str().into(),
        ],
    ];
    for (what, name, _) in methods::describe(&fw.method) {
        about.push(vec![what.into(), name.into()]);
    }
    table(
        ws,
        0,
        &[col("项目", 12.0, TEXT), col("内容", 48.0, "General")],
        &about,
    )?;

    Ok(wb.save_to_buffer()?)
}
