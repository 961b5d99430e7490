//! The assessment: each scenario's level from the matrix, the product's level, and the reasons.

use longzhi_explain::{Reason, Source};
use serde::Serialize;

use crate::matrix::{Band, Level, Severity, level};
use crate::probability::Probability;
use crate::scenario::Scenario;

const METHOD: Source = Source {
    zh: "欧盟委员会实施决定 (EU) 2019/417 附件第三部分：伤害情景，总概率为各步骤概率之积",
    en: "Commission Implementing Decision (EU) 2019/417, Annex Part III: injury scenario, overall probability = product of the step probabilities",
};
const SEVERITY: Source = Source {
    zh: "欧盟委员会实施决定 (EU) 2019/417 附件第三部分，表 3（伤害严重程度）",
    en: "Commission Implementing Decision (EU) 2019/417, Annex Part III, Table 3 (severity of injury)",
};
const MATRIX: Source = Source {
    zh: "欧盟委员会实施决定 (EU) 2019/417 附件第三部分，风险矩阵（严重程度 × 概率）",
    en: "Commission Implementing Decision (EU) 2019/417, Annex Part III, risk matrix (severity × probability)",
};
const ONE_RISK: Source = Source {
    zh: "欧盟委员会实施决定 (EU) 2019/417 附件第三部分：多种危害、多种伤害，只有一个风险",
    en: "Commission Implementing Decision (EU) 2019/417, Annex Part III: several hazards, several injuries but only one risk",
};

/// The cumulative state after one step of a scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepTrace {
    /// 1-based.
    pub step: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub probability: f64,
    pub probability_exact: String,
    pub cumulative_probability: f64,
    pub cumulative_exact: String,
    pub band: &'static str,
    pub level_before: Level,
    pub level: Level,
    pub changed_level: bool,
}

/// One scenario's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioResult {
    pub severity: Severity,
    pub probability: f64,
    pub probability_exact: String,
    pub band: &'static str,
    pub level: Level,
    /// The level before any step (probability 1), when the scenario has steps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initial_level: Option<Level>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<StepTrace>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hazard: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub injury: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consumer: Option<String>,
}

/// The product's assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// The level of each scenario, in input order.
    pub scenario_levels: Vec<Level>,
    /// The product's risk: the highest scenario level.
    pub level: Level,
    pub reasons: Vec<Reason>,
    /// 1-based number of the first scenario with the highest level.
    pub deciding_scenario: usize,
    pub scenarios: Vec<ScenarioResult>,
}

/// Assesses a product from its scenarios; `None` when there is no scenario.
pub fn assess(scenarios: &[Scenario]) -> Option<Assessment> {
    let mut reasons = Vec::new();
    let results: Vec<ScenarioResult> = scenarios
        .iter()
        .enumerate()
        .map(|(i, s)| assess_scenario(i + 1, s, &mut reasons))
        .collect();
    let scenario_levels: Vec<Level> = results.iter().map(|r| r.level).collect();
    let level = *scenario_levels.iter().max()?;
    let deciding_scenario = scenario_levels.iter().position(|&l| l == level)? + 1;
    reasons.push(
        Reason::new(
            "risk.product_level",
            true,
            ONE_RISK,
            format!(
                "产品风险取各情景中的最高风险：{}（情景 {deciding_scenario}）；各情景风险不累加",
                level.zh()
            ),
            format!(
                "product risk = the highest scenario level: {} (scenario {deciding_scenario}); scenario risks are not added up",
                level.en()
            ),
        )
        .with("level", level.en())
        .with("scenario", deciding_scenario)
        .with("scenarios", scenarios.len()),
    );
    Some(Assessment {
        scenario_levels,
        level,
        reasons,
        deciding_scenario,
        scenarios: results,
    })
}

fn assess_scenario(n: usize, s: &Scenario, reasons: &mut Vec<Reason>) -> ScenarioResult {
    let severity = s.severity();
    reasons.push(
        Reason::new(
            "risk.severity",
            true,
            SEVERITY,
            format!(
                "情景 {n}：严重程度 {} 级，{}",
                severity.get(),
                severity.zh()
            ),
            format!(
                "scenario {n}: severity {}, {}",
                severity.get(),
                severity.en()
            ),
        )
        .with("scenario", n)
        .with("severity", severity.get()),
    );

    let p = Shown::of(s.probability());
    let steps = trace_steps(n, s, reasons);
    if !steps.is_empty() {
        let product = steps
            .iter()
            .map(|t| t.probability_exact.as_str())
            .collect::<Vec<_>>()
            .join(" × ");
        reasons.push(
            Reason::new(
                "risk.probability",
                true,
                METHOD,
                format!("情景 {n}：总概率 = {product} = {}", p.text),
                format!("scenario {n}: overall probability = {product} = {}", p.text),
            )
            .with("scenario", n)
            .with("probability", p.decimal)
            .with("probability_exact", p.exact.as_str())
            .with(
                "steps",
                steps.iter().map(|t| t.probability).collect::<Vec<_>>(),
            ),
        );
    }

    let band = Band::of(s.probability());
    reasons.push(band_reason(n, &p, band));
    if let Some(t) = band.not_exceeded() {
        reasons.push(
            Reason::new(
                "risk.band.higher",
                false,
                MATRIX,
                format!(
                    "情景 {n}：总概率 {} ≤ {}，未达到“> {}”档",
                    p.text, t.label, t.label
                ),
                format!(
                    "scenario {n}: overall probability {} ≤ {}, so not in band \"> {}\"",
                    p.text, t.label, t.label
                ),
            )
            .with("scenario", n)
            .with("probability", p.decimal)
            .with("threshold", t.value),
        );
    }

    let lvl = level(severity, band);
    reasons.push(
        Reason::new(
            "risk.matrix",
            true,
            MATRIX,
            format!(
                "情景 {n}：严重程度 {} 级 × 概率 {} → {}",
                severity.get(),
                band.label(),
                lvl.zh()
            ),
            format!(
                "scenario {n}: severity {} × probability {} → {} risk",
                severity.get(),
                band.label(),
                lvl.en()
            ),
        )
        .with("scenario", n)
        .with("severity", severity.get())
        .with("band", band.label())
        .with("level", lvl.en()),
    );

    let c = &s.context;
    ScenarioResult {
        severity,
        probability: p.decimal,
        probability_exact: p.exact,
        band: band.label(),
        level: lvl,
        initial_level: (!steps.is_empty()).then(|| level(severity, Band::of(&Probability::one()))),
        steps,
        description: c.description.clone(),
        hazard: c.hazard.clone(),
        injury: c.injury.clone(),
        consumer: c.consumer.clone(),
    }
}

fn band_reason(n: usize, p: &Shown, band: Band) -> Reason {
    let (zh, en, threshold) = match band.exceeded() {
        Some(t) => (
            format!("情景 {n}：总概率 {} > {}", p.text, t.label),
            format!("scenario {n}: overall probability {} > {}", p.text, t.label),
            t.value,
        ),
        None => {
            let t = band
                .not_exceeded()
                .map_or(("", 0.0), |t| (t.label, t.value));
            (
                format!("情景 {n}：总概率 {} ≤ {}，属最低概率档", p.text, t.0),
                format!(
                    "scenario {n}: overall probability {} ≤ {}, the lowest band",
                    p.text, t.0
                ),
                t.1,
            )
        }
    };
    Reason::new("risk.band", true, MATRIX, zh, en)
        .with("scenario", n)
        .with("probability", p.decimal)
        .with("threshold", threshold)
        .with("band", band.label())
}

/// Walks the steps, multiplying the probabilities; a reason for every step that changed the level.
fn trace_steps(n: usize, s: &Scenario, reasons: &mut Vec<Reason>) -> Vec<StepTrace> {
    let severity = s.severity();
    let mut cumulative = Probability::one();
    let mut before = level(severity, Band::of(&cumulative));
    let mut out = Vec::with_capacity(s.steps().len());
    for (i, st) in s.steps().iter().enumerate() {
        cumulative = &cumulative * &st.probability;
        let (step_p, cum) = (Shown::of(&st.probability), Shown::of(&cumulative));
        let band = Band::of(&cumulative);
        let now = level(severity, band);
        if now != before {
            let (what_zh, what) = st
                .description
                .as_deref()
                .map(|d| (format!("（{d}）"), format!(" ({d})")))
                .unwrap_or_default();
            reasons.push(
                Reason::new(
                    "risk.step.level_change",
                    true,
                    MATRIX,
                    format!(
                        "情景 {n} 第 {} 步{what_zh}：概率 {}，累计概率降至 {}（{}），风险由{}变为{}",
                        i + 1,
                        step_p.exact,
                        cum.text,
                        band.label(),
                        before.zh(),
                        now.zh()
                    ),
                    format!(
                        "scenario {n}, step {}{what}: probability {} brings the cumulative probability to {} ({}): {} → {}",
                        i + 1,
                        step_p.exact,
                        cum.text,
                        band.label(),
                        before.en(),
                        now.en()
                    ),
                )
                .with("scenario", n)
                .with("step", i + 1)
                .with("probability", step_p.decimal)
                .with("cumulative_probability", cum.decimal)
                .with("from", before.en())
                .with("to", now.en()),
            );
        }
        out.push(StepTrace {
            step: i + 1,
            description: st.description.clone(),
            probability: step_p.decimal,
            probability_exact: step_p.exact,
            cumulative_probability: cum.decimal,
            cumulative_exact: cum.exact,
            band: band.label(),
            level_before: before,
            level: now,
            changed_level: now != before,
        });
        before = now;
    }
    out
}

/// A probability rendered once: exact fraction, nearest double, and both for texts.
struct Shown {
    exact: String,
    decimal: f64,
    /// `1/500 (0.002)`; `0` and `1` alone.
    text: String,
}

impl Shown {
    fn of(p: &Probability) -> Self {
        let exact = p.to_string();
        let decimal = p.to_f64();
        let d = decimal.to_string();
        let text = if exact == d {
            exact.clone()
        } else {
            format!("{exact} ({d})")
        };
        Self {
            exact,
            decimal,
            text,
        }
    }
}
