//! Generated, internally consistent report inputs for the tests and the bench: raw values per
//! region and year, min-max normalised, equal weights, arithmetic aggregation, contributions
//! and ranks computed as the engine does.

// Each test target and the bench use a part of this module.
#![allow(dead_code)]

use std::collections::BTreeMap;

use longzhi_quality_report::{
    FrameworkInfo, IndicatorInfo, McInfo, MethodInfo, NodeInfo, Previous, RegionResult,
    ReportInput, SensitivityInfo, YearScores,
};

/// Gansu's 14 prefecture-level divisions (GB/T 2260).
pub const GANSU: [(&str, &str); 14] = [
    ("620100", "兰州市"),
    ("620200", "嘉峪关市"),
    ("620300", "金昌市"),
    ("620400", "白银市"),
    ("620500", "天水市"),
    ("620600", "武威市"),
    ("620700", "张掖市"),
    ("620800", "平凉市"),
    ("620900", "酒泉市"),
    ("621000", "庆阳市"),
    ("621100", "定西市"),
    ("621200", "陇南市"),
    ("622900", "临夏回族自治州"),
    ("623000", "甘南藏族自治州"),
];

/// The three regions directly under the province besides the prefectures (17 in all).
pub const SPECIAL: [(&str, &str); 3] = [
    ("620171", "兰州新区"),
    ("629901", "甘肃矿区"),
    ("629902", "东风场区"),
];

/// An indicator of a shape: name, unit, direction.
pub type Ind = (String, String, i32);
/// Dimensions, each with sub-dimensions, each with indicators.
pub type Shape = Vec<(String, Vec<(String, Vec<Ind>)>)>;

fn ind(name: &str, unit: &str, direction: i32) -> Ind {
    (name.into(), unit.into(), direction)
}

/// The SAMR manufacturing quality-competitiveness index: 2 dimensions, 6 sub-dimensions, 12
/// indicators.
pub fn samr() -> Shape {
    vec![
        (
            "质量水平".into(),
            vec![
                (
                    "标准与技术水平".into(),
                    vec![
                        ind("产品质量等级品率", "%", 1),
                        ind("微电子控制设备比重", "%", 1),
                    ],
                ),
                (
                    "质量管理水平".into(),
                    vec![
                        ind("质量管理体系认证率", "%", 1),
                        ind("质量损失率", "%", -1),
                    ],
                ),
                (
                    "质量监督与检验检测水平".into(),
                    vec![
                        ind("产品监督抽查合格率", "%", 1),
                        ind("出口商品质量合格率", "%", 1),
                    ],
                ),
            ],
        ),
        (
            "发展能力".into(),
            vec![
                (
                    "研发与技术改造能力".into(),
                    vec![
                        ind("研究与试验发展经费比重", "%", 1),
                        ind("技术改造经费比重", "%", 1),
                    ],
                ),
                (
                    "核心技术能力".into(),
                    vec![
                        ind("每百万元产值专利数", "件", 1),
                        ind("新产品销售比重", "%", 1),
                    ],
                ),
                (
                    "市场适应能力".into(),
                    vec![ind("工业成本费用利润率", "%", 1), ind("产品销售率", "%", 1)],
                ),
            ],
        ),
    ]
}

/// `dims` dimensions × `subs` sub-dimensions × `inds` indicators with numbered names.
pub fn synthetic(dims: usize, subs: usize, inds: usize) -> Shape {
    (1..=dims)
        .map(|d| {
            let parts = (1..=subs)
                .map(|s| {
                    let leaves = (1..=inds)
                        .map(|i| {
                            let direction = if (d + s + i) % 7 == 0 { -1 } else { 1 };
                            ind(&format!("指标{d}-{s}-{i}"), "%", direction)
                        })
                        .collect();
                    (format!("分项{d}-{s}"), leaves)
                })
                .collect();
            (format!("维度{d}"), parts)
        })
        .collect()
}

/// A number in [0, 1) from a seed (splitmix64).
fn noise(seed: u64) -> f64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

/// Scores of every node and indicator, contributions and ranks from raw values (`values[r][i]`,
/// `None` imputed by the column mean), as the engine computes them with min-max, equal weights
/// and arithmetic aggregation.
struct Computed {
    scores: Vec<BTreeMap<String, f64>>,
    contributions: Vec<BTreeMap<String, f64>>,
    ranks: Vec<u32>,
}

fn compute(fw: &FrameworkInfo, values: &[Vec<Option<f64>>]) -> Computed {
    let n = values.len();
    let mut scores = vec![BTreeMap::new(); n];
    let mut contributions = vec![BTreeMap::new(); n];
    // Path weight of every node: product of the sibling weights up to the root.
    let mut path: BTreeMap<&str, f64> = BTreeMap::new();
    for node in &fw.nodes {
        let up = node.parent.as_deref().map_or(1.0, |p| path[p]);
        path.insert(&node.code, up * node.weight);
    }
    for (i, ind) in fw.indicators.iter().enumerate() {
        let present: Vec<f64> = values.iter().filter_map(|v| v[i]).collect();
        let fill = present.iter().sum::<f64>() / present.len() as f64;
        let column: Vec<f64> = values
            .iter()
            .map(|v| v[i].unwrap_or(fill) * f64::from(ind.direction))
            .collect();
        let lo = column.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = column.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        for r in 0..n {
            let s = if hi > lo {
                100.0 * (column[r] - lo) / (hi - lo)
            } else {
                50.0
            };
            scores[r].insert(ind.code.clone(), s);
            contributions[r].insert(ind.code.clone(), path[ind.parent.as_str()] * ind.weight * s);
        }
    }
    // Nodes bottom-up: the framework lists parents before children.
    for node in fw.nodes.iter().rev() {
        for score in scores.iter_mut() {
            let children = fw
                .nodes
                .iter()
                .filter(|c| c.parent.as_deref() == Some(&node.code))
                .map(|c| (c.weight, score[&c.code]))
                .chain(
                    fw.indicators
                        .iter()
                        .filter(|i| i.parent == node.code)
                        .map(|i| (i.weight, score[&i.code])),
                );
            let value: f64 = children.map(|(w, s)| w * s).sum();
            score.insert(node.code.clone(), value);
        }
    }
    let root = &fw.nodes[0].code;
    let ranks = (0..n)
        .map(|r| {
            let better = (0..n)
                .filter(|o| scores[*o][root] > scores[r][root])
                .count();
            better as u32 + 1
        })
        .collect();
    Computed {
        scores,
        contributions,
        ranks,
    }
}

fn framework(shape: &Shape) -> FrameworkInfo {
    let mut nodes = vec![NodeInfo {
        code: "ROOT".into(),
        name: "质量竞争力指数".into(),
        parent: None,
        weight: 1.0,
    }];
    let mut indicators = Vec::new();
    for (d, (dim, parts)) in shape.iter().enumerate() {
        let dim_code = format!("D{}", d + 1);
        nodes.push(NodeInfo {
            code: dim_code.clone(),
            name: dim.clone(),
            parent: Some("ROOT".into()),
            weight: 1.0 / shape.len() as f64,
        });
        for (s, (part, leaves)) in parts.iter().enumerate() {
            let part_code = format!("{dim_code}S{}", s + 1);
            nodes.push(NodeInfo {
                code: part_code.clone(),
                name: part.clone(),
                parent: Some(dim_code.clone()),
                weight: 1.0 / parts.len() as f64,
            });
            for (i, (name, unit, direction)) in leaves.iter().enumerate() {
                indicators.push(IndicatorInfo {
                    code: format!("{part_code}I{}", i + 1),
                    name: name.clone(),
                    unit: unit.clone(),
                    direction: *direction,
                    parent: part_code.clone(),
                    weight: 1.0 / leaves.len() as f64,
                });
            }
        }
    }
    FrameworkInfo {
        code: "QCI".into(),
        name: "制造业质量竞争力指数".into(),
        version: 2,
        method: MethodInfo {
            normalisation: "minmax".into(),
            aggregation: "arithmetic".into(),
            weighting: "equal".into(),
            imputation: "mean".into(),
        },
        nodes,
        indicators,
    }
}

/// A report input for `regions` and `shape` in `year`, with last year's figures, a five-year
/// trend, a Monte Carlo summary, Sobol indices and the map when `geojson` is given. One value
/// (the second region's first indicator) is missing this year.
pub fn input(regions: &[(&str, &str)], shape: &Shape, year: i32, geojson: &str) -> ReportInput {
    let fw = framework(shape);
    let k = fw.indicators.len();
    let raw = |r: usize, i: usize, back: u64| -> f64 {
        let base = 40.0 + 50.0 * noise((r * 1000 + i) as u64);
        base - back as f64 * 3.0 * noise((r * 1000 + i) as u64 ^ 0xABCD ^ back)
    };
    let now: Vec<Vec<Option<f64>>> = (0..regions.len())
        .map(|r| {
            (0..k)
                .map(|i| (r != 1 || i != 0).then(|| raw(r, i, 0)))
                .collect()
        })
        .collect();
    let before: Vec<Vec<Option<f64>>> = (0..regions.len())
        .map(|r| (0..k).map(|i| Some(raw(r, i, 1))).collect())
        .collect();
    let this = compute(&fw, &now);
    let last = compute(&fw, &before);
    let n = regions.len() as f64;
    let root = fw.nodes[0].code.clone();
    let results: Vec<RegionResult> = regions
        .iter()
        .enumerate()
        .map(|(r, (code, name))| {
            let rank = this.ranks[r];
            let spread = 0.5 + 2.0 * noise(r as u64 + 77);
            let node_scores = |c: &Computed| {
                c.scores[r]
                    .iter()
                    .filter(|(code, _)| fw.nodes.iter().any(|n| &n.code == *code))
                    .map(|(code, s)| (code.clone(), *s))
                    .collect()
            };
            let values_of = |v: &[Vec<Option<f64>>]| {
                fw.indicators
                    .iter()
                    .zip(&v[r])
                    .map(|(ind, x)| (ind.code.clone(), *x))
                    .collect()
            };
            RegionResult {
                code: (*code).into(),
                name: (*name).into(),
                scores: node_scores(&this),
                rank,
                rank_interval: Some((
                    (f64::from(rank) - spread).max(1.0),
                    f64::from(rank),
                    (f64::from(rank) + spread).min(n),
                )),
                contributions: this.contributions[r].clone(),
                values: values_of(&now),
                previous: Some(Previous {
                    scores: node_scores(&last),
                    rank: last.ranks[r],
                    values: values_of(&before),
                }),
            }
        })
        .collect();
    let trend = (year - 4..=year)
        .map(|y| YearScores {
            year: y,
            scores: results
                .iter()
                .enumerate()
                .map(|(r, region)| {
                    let back = f64::from(year - y);
                    let drift = back * (1.0 + 2.0 * noise((r * 31) as u64 + y as u64));
                    (region.code.clone(), region.scores[&root] - drift)
                })
                .collect(),
        })
        .collect();
    ReportInput {
        year,
        province: "甘肃省".into(),
        generated_on: chrono::NaiveDate::from_ymd_opt(year + 1, 3, 15).unwrap_or_default(),
        framework: fw,
        regions: results,
        trend,
        mc: Some(McInfo {
            runs: 1000,
            seed: 20_240_601,
            mean_abs_rank_shift: 0.87,
            weight_noise: 0.25,
        }),
        sensitivity: Some(SensitivityInfo {
            inputs: vec!["weights".into(), "normalisation".into()],
            runs: 4096,
            first: vec![Some(0.62), None],
            total: vec![Some(0.71), Some(0.05)],
        }),
        geojson: geojson.into(),
    }
}

/// The map of Gansu kept with the web console.
pub fn gansu_geojson() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../../web/src/assets/geo/gansu_prefectures.geojson"
    );
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}
