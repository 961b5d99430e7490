//! `longzhi engine survey`: survey-weighted estimates by domain from a CSV of case records.

use std::cmp::Ordering;
use std::io::Write;
use std::path::PathBuf;

use longzhi_survey::{
    Columns, Design, DomainEstimate, EstimateError, LonelyPsu, Missing, Request, Stability,
    Statistic, Table, Value, estimate, parse_csv,
};
use serde::Serialize;
use serde::ser::SerializeMap;

use crate::InputError;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// CSV file of case records with a header row.
    #[arg(long)]
    pub data: PathBuf,
    /// Column of the sampling weights (finite, ≥ 0).
    #[arg(long)]
    pub weight: String,
    /// Column of the strata.
    #[arg(long)]
    pub strata: String,
    /// Column of the PSU (monitoring point) ids; ids are nested in strata.
    #[arg(long)]
    pub psu: String,
    /// Domain columns, comma-separated: one estimate per combination present in the data.
    #[arg(long, value_delimiter = ',')]
    pub by: Vec<String>,
    /// Column to estimate; without it every record counts 1 (the estimate is a number of cases).
    #[arg(long)]
    pub value: Option<String>,
    /// Estimate the share of records whose --value column equals this text (1) or not (0).
    #[arg(long, requires = "value")]
    pub level: Option<String>,
    /// What to estimate.
    #[arg(long, value_enum, default_value_t = StatisticArg::Total)]
    pub statistic: StatisticArg,
    /// An empty --value field is an error, or leaves its record out of every domain (its PSU
    /// stays in the design).
    #[arg(long, value_enum, default_value_t = MissingArg::Error)]
    pub missing: MissingArg,
    /// How a stratum with a single PSU enters the variance (default: refuse, naming it).
    #[arg(long, value_enum, default_value_t = LonelyArg::Fail)]
    pub lonely_psu: LonelyArg,
    /// Stability: minimum number of cases in the domain.
    #[arg(long, default_value_t = Stability::default().min_n)]
    pub min_n: u64,
    /// Stability: minimum estimate (for a mean or proportion: minimum estimated domain size).
    #[arg(long, default_value_t = Stability::default().min_estimate)]
    pub min_estimate: f64,
    /// Stability: maximum coefficient of variation, as a fraction.
    #[arg(long, default_value_t = Stability::default().max_cv)]
    pub max_cv: f64,
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum StatisticArg {
    /// Weighted total Σ w·y.
    Total,
    /// Ratio mean Σ w·y / Σ w.
    Mean,
    /// Mean of a 0/1 value (or of --level).
    Proportion,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum MissingArg {
    Error,
    Exclude,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum LonelyArg {
    /// Exit with code 2 naming the strata.
    Fail,
    /// The stratum contributes no variance.
    Certainty,
    /// The other strata's variance is scaled by H / (H − lonely strata).
    Scale,
    /// The lonely PSU deviates from the grand mean of all PSU score totals.
    Center,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Json,
}

pub fn run(args: &Args, out: &mut dyn Write) -> Result<(), InputError> {
    let statistic = match args.statistic {
        StatisticArg::Total => Statistic::Total,
        StatisticArg::Mean => Statistic::Mean,
        StatisticArg::Proportion => Statistic::Proportion,
    };
    if statistic != Statistic::Total && args.value.is_none() {
        return Err(InputError::new(
            "--statistic mean or proportion needs --value",
        ));
    }
    let stability = Stability {
        min_n: args.min_n,
        min_estimate: args.min_estimate,
        max_cv: args.max_cv,
    };
    let columns = Columns {
        weight: &args.weight,
        strata: &args.strata,
        psu: &args.psu,
        by: &args.by,
        value: args.value.as_deref().map(|column| Value {
            column,
            level: args.level.as_deref(),
            statistic,
            missing: match args.missing {
                MissingArg::Error => Missing::Error,
                MissingArg::Exclude => Missing::Exclude,
            },
        }),
    };
    let text = std::fs::read(&args.data)
        .map_err(|e| InputError(format!("cannot read {}: {e}", args.data.display())))?;
    let table = parse_csv(&text, &columns).map_err(|e| InputError(e.to_string()))?;
    drop(text);
    let Table {
        weights,
        strata,
        strata_labels,
        psus,
        domains,
        domain_levels,
        values,
    } = table;
    // Weights were validated while parsing, so the design cannot fail on them.
    let design = Design::new(weights, &strata, &psus).map_err(|e| InputError(e.to_string()))?;
    let request = Request {
        domains: &domains,
        n_domains: domain_levels.len(),
        values: values.as_deref(),
        statistic,
        lonely: match args.lonely_psu {
            LonelyArg::Fail => LonelyPsu::Fail,
            LonelyArg::Certainty => LonelyPsu::Certainty,
            LonelyArg::Scale => LonelyPsu::Scale,
            LonelyArg::Center => LonelyPsu::Center,
        },
    };
    let estimates = estimate(&design, &request).map_err(|e| match e {
        EstimateError::LonelyStrata { strata } => {
            lonely_error(&args.strata, &strata, &strata_labels)
        }
        other => InputError(other.to_string()),
    })?;

    let mut order: Vec<usize> = (0..estimates.len())
        .filter(|&d| estimates[d].n > 0)
        .collect();
    order.sort_by(|&a, &b| compare_levels(&domain_levels[a], &domain_levels[b]));
    let output = Output {
        statistic: match statistic {
            Statistic::Total => "total",
            Statistic::Mean => "mean",
            Statistic::Proportion => "proportion",
        },
        design: DesignSummary {
            records: design.n_records(),
            strata: design.n_strata(),
            psus: design.n_psus(),
        },
        domains: order
            .iter()
            .map(|&d| {
                DomainRow::new(
                    &args.by,
                    &domain_levels[d],
                    &estimates[d],
                    stability.is_stable(&estimates[d], statistic),
                )
            })
            .collect(),
    };
    serde_json::to_writer(&mut *out, &output)
        .map_err(|e| InputError(format!("cannot write the output: {e}")))?;
    writeln!(out).map_err(|e| InputError(format!("cannot write the output: {e}")))
}

fn lonely_error(column: &str, codes: &[u32], labels: &[String]) -> InputError {
    let names: Vec<String> = codes
        .iter()
        .map(|&c| format!("\"{}\"", labels[c as usize]))
        .collect();
    let (noun, verb) = if names.len() == 1 {
        ("stratum", "has")
    } else {
        ("strata", "have")
    };
    InputError(format!(
        "column \"{column}\": {noun} {} {verb} a single PSU; choose how to treat it with \
         --lonely-psu certainty|scale|center",
        names.join(", ")
    ))
}

/// Orders domains by their levels, numerically where both levels are numbers.
fn compare_levels(a: &[String], b: &[String]) -> Ordering {
    a.iter()
        .zip(b)
        .map(
            |(x, y)| match (x.trim().parse::<f64>(), y.trim().parse::<f64>()) {
                (Ok(u), Ok(v)) => u.total_cmp(&v).then_with(|| x.cmp(y)),
                _ => x.cmp(y),
            },
        )
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
}

#[derive(Serialize)]
struct Output<'a> {
    statistic: &'static str,
    design: DesignSummary,
    domains: Vec<DomainRow<'a>>,
}

#[derive(Serialize)]
struct DesignSummary {
    records: usize,
    strata: usize,
    psus: usize,
}

/// One domain of the output; non-finite numbers (an undefined CV) are written as null.
#[derive(Serialize)]
struct DomainRow<'a> {
    by: By<'a>,
    n: u64,
    estimate: f64,
    se: f64,
    cv: Option<f64>,
    ci_lo: f64,
    ci_hi: f64,
    stable: bool,
}

impl<'a> DomainRow<'a> {
    fn new(columns: &'a [String], levels: &'a [String], e: &DomainEstimate, stable: bool) -> Self {
        let (ci_lo, ci_hi) = e.ci95();
        Self {
            by: By { columns, levels },
            n: e.n,
            estimate: e.estimate,
            se: e.se(),
            cv: e.cv(),
            ci_lo,
            ci_hi,
            stable,
        }
    }
}

/// The domain's level in each `--by` column, as a JSON object in column order.
struct By<'a> {
    columns: &'a [String],
    levels: &'a [String],
}

impl Serialize for By<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.columns.len()))?;
        for (c, l) in self.columns.iter().zip(self.levels) {
            map.serialize_entry(c, l)?;
        }
        map.end()
    }
}
