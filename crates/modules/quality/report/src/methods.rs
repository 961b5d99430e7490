//! The engine's method vocabulary (`longzhi-index`) in Chinese: a name for tables and one
//! sentence for the methods appendix.

use crate::MethodInfo;

/// (engine name, Chinese name, one-sentence explanation).
type Term = (&'static str, &'static str, &'static str);

const NORMALISATION: &[Term] = &[
    (
        "minmax",
        "极差标准化",
        "各项指标按“（指标值－最小值）÷（最大值－最小值）”线性换算为0～100分，表现最差的市州为0分、最好的为100分（几何、调和平均加总时为1～100分）。",
    ),
    (
        "zscore",
        "Z分数标准化",
        "各项指标减去全省各市州的均值后除以样本标准差，得分表示高于或低于平均水平多少个标准差。",
    ),
    (
        "rank",
        "位次标准化",
        "各项指标以市州的位次作为得分（最低为1），并列时取平均位次。",
    ),
    (
        "percentile",
        "百分位标准化",
        "各项指标按市州的位次换算为0～100分的百分位得分，最低为0分、最高为100分。",
    ),
    (
        "goalposts",
        "门槛值标准化",
        "各项指标以设定的下限和上限为0分和100分线性换算，超出区间的按端点计分。",
    ),
    (
        "target",
        "目标值标准化",
        "各项指标按从最差值到目标值之间已完成的比例换算为0～100分，达到目标即为100分。",
    ),
    (
        "best",
        "最优值比值标准化",
        "各项指标以与表现最好市州的比值换算为0～100分，最好的市州为100分。",
    ),
];

const WEIGHTING: &[Term] = &[
    (
        "given",
        "指标体系赋权",
        "采用指标体系规定的权重，并在同一上级之下归一化（同级权重之和为1）。",
    ),
    ("equal", "等权", "同一上级之下的各项权重相等。"),
    (
        "entropy",
        "熵值法赋权",
        "按各项在市州之间的差异程度（信息熵）确定权重，差异越大、提供信息越多的权重越高。",
    ),
    (
        "pca",
        "主成分分析赋权",
        "以同级各项相关矩阵第一主成分载荷的平方作为权重。",
    ),
];

const AGGREGATION: &[Term] = &[
    (
        "arithmetic",
        "加权算术平均",
        "上一级得分为下一级各项得分的加权和，各项之间可以相互补偿。",
    ),
    (
        "geometric",
        "加权几何平均",
        "上一级得分为下一级各项得分以权重为指数的乘积，短板难以由其他方面的优势完全弥补。",
    ),
    (
        "harmonic",
        "加权调和平均",
        "上一级得分为下一级各项得分的加权调和平均，对低分项更为敏感。",
    ),
    (
        "generalised",
        "加权幂平均",
        "上一级得分为下一级各项得分的加权幂平均，幂次越低对短板越敏感。",
    ),
    (
        "copeland",
        "Copeland两两比较法",
        "市州之间两两比较各项的加权优劣，以净胜场次计分；此法不计算指标贡献度。",
    ),
];

const IMPUTATION: &[Term] = &[
    ("none", "不插补", "数据完整，未做缺失值插补。"),
    (
        "mean",
        "均值插补",
        "缺失的指标值以该指标其他市州数值的均值填补。",
    ),
    (
        "median",
        "中位数插补",
        "缺失的指标值以该指标其他市州数值的中位数填补。",
    ),
    (
        "group_mean",
        "组内均值插补",
        "缺失的指标值以同组市州该指标数值的均值填补。",
    ),
    (
        "group_median",
        "组内中位数插补",
        "缺失的指标值以同组市州该指标数值的中位数填补。",
    ),
];

/// The uncertain inputs of the Sobol analysis.
const INPUTS: &[(&str, &str)] = &[
    ("weights", "权重"),
    ("imputation", "缺失值插补方法"),
    ("normalisation", "标准化方法"),
    ("aggregation", "加总方法"),
];

fn find(terms: &'static [Term], name: &str) -> Option<&'static Term> {
    terms.iter().find(|t| t.0 == name)
}

/// The method's four parts: (what, Chinese name, sentence), in the order of the computation.
pub(crate) fn describe(method: &MethodInfo) -> Vec<(&'static str, &'static str, &'static str)> {
    [
        ("缺失值处理", IMPUTATION, &method.imputation),
        ("标准化", NORMALISATION, &method.normalisation),
        ("赋权", WEIGHTING, &method.weighting),
        ("加总", AGGREGATION, &method.aggregation),
    ]
    .into_iter()
    .filter_map(|(what, terms, name)| find(terms, name).map(|t| (what, t.1, t.2)))
    .collect()
}

/// A Sobol input's Chinese name (the engine's name when it has none).
pub(crate) fn input_name(name: &str) -> &str {
    INPUTS.iter().find(|i| i.0 == name).map_or(name, |i| i.1)
}

/// Whether every part of the method is in the engine's vocabulary.
pub(crate) fn check(method: &MethodInfo) -> Result<(), String> {
    for (what, terms, name) in [
        ("normalisation", NORMALISATION, &method.normalisation),
        ("weighting", WEIGHTING, &method.weighting),
        ("aggregation", AGGREGATION, &method.aggregation),
        ("imputation", IMPUTATION, &method.imputation),
    ] {
        if find(terms, name).is_none() {
            let known: Vec<&str> = terms.iter().map(|t| t.0).collect();
            return Err(format!(
                "unknown {what} method {name:?} (known: {})",
                known.join(", ")
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_method_has_a_chinese_sentence_and_unknown_ones_are_named() {
        let method = MethodInfo {
            normalisation: "minmax".into(),
            aggregation: "geometric".into(),
            weighting: "entropy".into(),
            imputation: "group_median".into(),
        };
        assert!(check(&method).is_ok());
        let parts = describe(&method);
        assert_eq!(parts.len(), 4);
        assert_eq!(parts[1].1, "极差标准化");
        let bad = MethodInfo {
            aggregation: "median".into(),
            ..method
        };
        let e = check(&bad).unwrap_err();
        assert!(e.contains("aggregation") && e.contains("\"median\""), "{e}");
        assert_eq!(input_name("weights"), "权重");
        assert_eq!(input_name("other"), "other");
    }
}
