//! `longzhi engine index`: composite indicators from a data CSV and a framework TOML.

use std::io::Write;
use std::path::PathBuf;

use longzhi_index::outliers::Treatment;
use longzhi_index::parse::{parse_csv, parse_framework};
use longzhi_index::sobol::Indices;
use longzhi_index::{Framework, Results, compute, monte_carlo, sensitivity};
use serde_json::{Map, Value, json};

use crate::{InputError, read_file};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Data CSV: a column `unit` (and optionally `group`), one column per indicator code.
    #[arg(long)]
    pub data: PathBuf,
    /// Framework TOML: normalisation, aggregation, [[node]] and [[indicator]] tables.
    #[arg(long)]
    pub framework: PathBuf,
    /// Monte Carlo runs over the framework's [uncertainty] (default: weights ± 25 %).
    #[arg(long)]
    pub mc: Option<usize>,
    /// Seed of the Monte Carlo runs.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
}

fn input(e: longzhi_index::IndexError) -> InputError {
    InputError::new(e.to_string())
}

fn named(codes: impl Iterator<Item = String>, values: impl Iterator<Item = f64>) -> Value {
    Value::Object(codes.zip(values.map(Value::from)).collect())
}

fn indices(inputs: &[String], ix: &Indices) -> Value {
    let side = |v: &[Option<f64>]| {
        named(
            inputs.iter().cloned(),
            v.iter().map(|x| x.unwrap_or(f64::NAN)),
        )
    };
    json!({"first": side(&ix.first), "total": side(&ix.total)})
}

fn treatments(fw: &Framework, r: &Results) -> Option<Value> {
    let mut out = Map::new();
    for (ind, t) in fw.indicators.iter().zip(&r.treatments) {
        let t = t.as_ref()?;
        let (kind, rows) = match &t.treatment {
            Treatment::None => ("none", Vec::new()),
            Treatment::Winsorised(rows) => ("winsorised", rows.iter().map(|u| u + 1).collect()),
            Treatment::Log => ("log", Vec::new()),
        };
        out.insert(
            ind.code.clone(),
            json!({
                "treatment": kind, "rows": rows, "passes": t.passes,
                "skewness_before": t.skewness_before, "kurtosis_before": t.kurtosis_before,
                "skewness_after": t.skewness_after, "kurtosis_after": t.kurtosis_after,
            }),
        );
    }
    Some(Value::Object(out))
}

pub fn run(args: &Args, out: &mut dyn Write) -> Result<(), InputError> {
    let doc = evaluate(
        (&args.data.display().to_string(), &read_file(&args.data)?),
        (
            &args.framework.display().to_string(),
            &read_file(&args.framework)?,
        ),
        args.mc,
        args.seed,
    )?;
    serde_json::to_writer(&mut *out, &doc)
        .map_err(|e| InputError::new(format!("cannot write: {e}")))?;
    writeln!(out).map_err(|e| InputError::new(format!("cannot write: {e}")))
}

/// The command's answer for a data CSV and a framework TOML, each `(name, text)` (the name
/// prefixes its parse errors): what the console's analysis shows too, so that a page's figure
/// is always the command's on the exported files.
pub fn evaluate(
    data: (&str, &str),
    framework: (&str, &str),
    mc: Option<usize>,
    seed: u64,
) -> Result<Value, InputError> {
    let ds = parse_csv(data.1).map_err(|e| InputError::new(format!("{}: {e}", data.0)))?;
    let config = parse_framework(framework.1)
        .map_err(|e| InputError::new(format!("{}: {e}", framework.0)))?;
    let fw = config.spec.build().map_err(input)?;
    let r = compute(&fw, &ds, &config.method).map_err(input)?;
    let n = r.n_units();
    let m = fw.n_indicators();
    let node_slots = m..fw.n_slots();
    let mc = mc
        .map(|runs| monte_carlo(&fw, &ds, &config.method, &config.uncertainty, runs, seed))
        .transpose()
        .map_err(input)?;
    let units: Vec<Value> = (0..n)
        .map(|u| {
            let mut unit = Map::new();
            unit.insert("unit".into(), r.units[u].clone().into());
            let scores = named(
                node_slots.clone().map(|s| fw.code(s).to_owned()),
                node_slots.clone().map(|s| r.slot(s)[u]),
            );
            unit.insert("scores".into(), scores);
            unit.insert("rank".into(), r.ranks[u].into());
            if let Some(c) = &r.contributions {
                let values = (0..m).map(|i| c[i * n + u]);
                unit.insert(
                    "contributions".into(),
                    named(fw.indicators.iter().map(|i| i.code.clone()), values),
                );
            }
            if let Some(mc) = &mc {
                unit.insert("rank_median".into(), mc.median[u].into());
                unit.insert("rank_q05".into(), mc.q05[u].into());
                unit.insert("rank_q95".into(), mc.q95[u].into());
            }
            Value::Object(unit)
        })
        .collect();
    let mut doc = Map::new();
    doc.insert("units".into(), units.into());
    doc.insert(
        "weights".into(),
        named(
            (0..fw.n_slots()).map(|s| fw.code(s).to_owned()),
            r.weights.iter().copied(),
        ),
    );
    if !r.ahp.is_empty() {
        let ahp = r.ahp.iter().map(|(node, a)| {
            let children = &fw.nodes[fw.slot(node).map_or(0, |s| s - m)].children;
            json!({
                "node": node,
                "lambda_max": a.lambda_max,
                "consistency_index": a.consistency_index,
                "consistency_ratio": a.consistency_ratio,
                "weights": named(children.iter().map(|&c| fw.code(c).to_owned()), children.iter().map(|&c| r.weights[c])),
            })
        });
        doc.insert("ahp".into(), ahp.collect::<Vec<_>>().into());
    }
    if let Some(t) = treatments(&fw, &r) {
        doc.insert("treatments".into(), t);
    }
    if let Some(mc) = &mc {
        doc.insert(
            "mc".into(),
            json!({"runs": mc.runs, "seed": seed, "mean_abs_rank_shift": mc.mean_abs_shift}),
        );
        if config.sobol > 0 {
            let s = sensitivity(
                &fw,
                &ds,
                &config.method,
                &config.uncertainty,
                config.sobol,
                seed,
            )
            .map_err(input)?;
            let per_unit: Map<String, Value> = r
                .units
                .iter()
                .cloned()
                .zip(s.units.iter().map(|ix| indices(&s.inputs, ix)))
                .collect();
            doc.insert(
                "sensitivity".into(),
                json!({
                    "inputs": s.inputs, "runs": s.runs,
                    "rank_shift": indices(&s.inputs, &s.rank_shift),
                    "units": per_unit,
                }),
            );
        }
    }
    Ok(Value::Object(doc))
}
