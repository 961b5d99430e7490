//! `longzhi engine pls`: PLS path modelling of a satisfaction survey (see `docs/engines/pls.md`).
//!
//! Reads the survey CSV and MODEL.toml, fits the model with `longzhi-pls`, and prints one JSON
//! object. The argument names and the output keys are a stable contract (issue 6).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use longzhi_pls::{Bootstrap, DMatrix, Estimate, Missing, Scheme, Spec, Summary};
use serde_json::{Map, Value, json};

use crate::{InputError, read_file};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Survey data: CSV with a header row, one column per item (other columns are ignored).
    #[arg(long, value_name = "FILE.csv")]
    pub data: PathBuf,
    /// The model: scheme, [[construct]] (name, mode, items) and [[path]] (from, to) tables.
    #[arg(long, value_name = "MODEL.toml")]
    pub model: PathBuf,
    /// Number of bootstrap resamples for standard errors and percentile intervals.
    #[arg(long, value_name = "N")]
    pub bootstrap: Option<usize>,
    /// Seed of the bootstrap resampling.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    /// Missing items: drop the row (listwise) or replace by the item mean (mean).
    #[arg(long, value_enum, default_value_t = MissingArg::Listwise)]
    pub missing: MissingArg,
    /// Column whose values form groups (e.g. city, sector) for the per-group index; repeatable.
    #[arg(long = "group", value_name = "COLUMN")]
    pub groups: Vec<String>,
    /// Bootstrap threads (default: one per core); results do not depend on it.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Bootstrap on given resamples instead: a CSV file, one resample per line, each a list of
    /// 0-based indices into the rows used (to reproduce another program's bootstrap).
    #[arg(long, value_name = "FILE.csv", conflicts_with = "bootstrap")]
    pub bootstrap_indices: Option<PathBuf>,
    /// Also output each row's standardised construct scores.
    #[arg(long)]
    pub scores: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MissingArg {
    Listwise,
    Mean,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
}

/// How to run the engine besides its two inputs (the command's options).
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub missing: Missing,
    pub groups: Vec<String>,
    pub bootstrap: Option<usize>,
    pub seed: u64,
    pub scores: bool,
}

pub fn run(args: &Args, out: &mut dyn Write) -> Result<(), InputError> {
    let data = read_file(&args.data)?;
    let model = read_file(&args.model)?;
    let missing = match args.missing {
        MissingArg::Listwise => Missing::Listwise,
        MissingArg::Mean => Missing::Mean,
    };
    let options = Options {
        missing,
        groups: args.groups.clone(),
        bootstrap: args.bootstrap,
        seed: args.seed,
        scores: args.scores,
    };
    let data = (args.data.display().to_string(), data);
    let model = (args.model.display().to_string(), model);
    let doc = match &args.bootstrap_indices {
        Some(path) => {
            let resamples = read_resamples(path)?;
            with_threads(args.threads, || {
                answer(as_pair(&data), as_pair(&model), &options, |est, groups| {
                    est.bootstrap_on(&resamples, groups)
                        .map(|b| Some((b, Value::Null)))
                        .map_err(|r| {
                            InputError(format!(
                                "{}: line {}: a row index is out of range",
                                path.display(),
                                r + 1
                            ))
                        })
                })
            })??
        }
        None => with_threads(args.threads, || {
            evaluate(as_pair(&data), as_pair(&model), &options)
        })??,
    };
    crate::write_json(out, &doc)
}

fn as_pair(p: &(String, String)) -> (&str, &str) {
    (&p.0, &p.1)
}

/// The command's answer for a survey CSV and a MODEL.toml, each `(name, text)` (the name
/// prefixes its errors): what the console's service-quality results show too, so that a page's
/// figure is always the command's on the exported files. The bootstrap runs on the current
/// rayon pool.
pub fn evaluate(
    data: (&str, &str),
    model: (&str, &str),
    options: &Options,
) -> Result<Value, InputError> {
    answer(data, model, options, |est, groups| {
        Ok(options.bootstrap.map(|n| {
            (
                est.bootstrap_groups(n, options.seed, groups),
                json!(options.seed),
            )
        }))
    })
}

/// Fits, reports, and adds the bootstrap `boot` gives (with the seed to report).
fn answer(
    data: (&str, &str),
    model: (&str, &str),
    options: &Options,
    boot: impl FnOnce(&Estimate, &[&[Option<&str>]]) -> Result<Option<(Bootstrap, Value)>, InputError>,
) -> Result<Value, InputError> {
    let spec = Spec::from_toml(model.1).map_err(|e| InputError(format!("{}: {e}", model.0)))?;
    let table = read_table(data, &spec, &options.groups)?;
    let est = longzhi_pls::estimate(&spec, &table.items, options.missing)
        .map_err(|e| InputError(format!("{}: {e}", data.0)))?;
    let mut doc = report(&est, options.scores);
    let labels: Vec<Vec<Option<&str>>> = table
        .groups
        .iter()
        .map(|l| l.iter().map(Option::as_deref).collect())
        .collect();
    let labels: Vec<&[Option<&str>]> = labels.iter().map(Vec::as_slice).collect();
    if !options.groups.is_empty() {
        doc.insert(
            "index_groups".into(),
            group_report(&est, &options.groups, &labels),
        );
    }
    if let Some((b, seed)) = boot(&est, &labels)? {
        doc.insert(
            "bootstrap".into(),
            bootstrap_report(&est, &b, seed, &options.groups),
        );
    }
    Ok(Value::Object(doc))
}

/// The model's items in model order (NaN = missing) and the requested group columns.
struct Table {
    items: DMatrix<f64>,
    /// Per group column, the label of each row (None when the cell is empty).
    groups: Vec<Vec<Option<String>>>,
}

/// Cells read as missing.
fn is_missing(cell: &str) -> bool {
    cell.is_empty() || cell.eq_ignore_ascii_case("na") || cell.eq_ignore_ascii_case("nan")
}

fn read_table(
    (file, text): (&str, &str),
    spec: &Spec,
    group_columns: &[String],
) -> Result<Table, InputError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| InputError(format!("{file}: header: {e}")))?
        .clone();
    let column = |name: &str| -> Result<Option<usize>, InputError> {
        let mut hits = header
            .iter()
            .enumerate()
            .filter(|(_, h)| *h == name)
            .map(|(i, _)| i);
        match (hits.next(), hits.next()) {
            (Some(_), Some(_)) => Err(InputError(format!(
                "{file}: column {name} appears twice in the header"
            ))),
            (first, _) => Ok(first),
        }
    };
    let mut item_cols = Vec::with_capacity(spec.n_items());
    for (c, item) in spec.items() {
        let construct = &spec.constructs()[c].name;
        item_cols.push(column(item)?.ok_or_else(|| {
            InputError(format!(
                "{file}: item {item} of construct {construct} is not a column"
            ))
        })?);
    }
    let mut group_cols = Vec::with_capacity(group_columns.len());
    for g in group_columns {
        group_cols.push(
            column(g)?
                .ok_or_else(|| InputError(format!("{file}: group column {g} is not a column")))?,
        );
    }

    let mut values = Vec::new();
    let mut groups = vec![Vec::new(); group_cols.len()];
    for (r, record) in reader.records().enumerate() {
        let row = r + 1;
        let record = record.map_err(|e| InputError(format!("{file}: row {row}: {e}")))?;
        let line = record.position().map_or(row + 1, |p| p.line() as usize);
        for &col in &item_cols {
            let cell = record.get(col).unwrap_or("");
            let v = if is_missing(cell) {
                f64::NAN
            } else {
                cell.parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| {
                        InputError(format!(
                            "{file}: row {row} (line {line}), column {}: {cell:?} is not a number",
                            &header[col]
                        ))
                    })?
            };
            values.push(v);
        }
        for (labels, &col) in groups.iter_mut().zip(&group_cols) {
            let cell = record.get(col).unwrap_or("");
            labels.push((!cell.is_empty()).then(|| cell.to_owned()));
        }
    }
    let rows = values.len() / spec.n_items();
    Ok(Table {
        items: DMatrix::from_row_slice(rows, spec.n_items(), &values),
        groups,
    })
}

fn read_resamples(path: &Path) -> Result<Vec<Vec<usize>>, InputError> {
    read_file(path)?
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            l.split(',')
                .map(|v| {
                    v.trim().parse::<usize>().map_err(|_| {
                        InputError(format!(
                            "{}: line {}: {:?} is not a row index",
                            path.display(),
                            i + 1,
                            v.trim()
                        ))
                    })
                })
                .collect()
        })
        .collect()
}

fn with_threads<T: Send>(
    threads: Option<usize>,
    f: impl FnOnce() -> T + Send,
) -> Result<T, InputError> {
    match threads {
        None => Ok(f()),
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map(|pool| pool.install(f))
            .map_err(|e| InputError(format!("--threads {n}: {e}"))),
    }
}

fn scheme_name(s: Scheme) -> &'static str {
    match s {
        Scheme::Centroid => "centroid",
        Scheme::Factorial => "factorial",
        Scheme::Path => "path",
    }
}

/// `{construct: value}` for the constructs that have a value.
fn by_construct<V: Into<Value>>(spec: &Spec, values: impl IntoIterator<Item = Option<V>>) -> Value {
    let map: Map<String, Value> = spec
        .constructs()
        .iter()
        .zip(values)
        .filter_map(|(c, v)| v.map(|v| (c.name.clone(), v.into())))
        .collect();
    Value::Object(map)
}

/// `[{construct, item, value}]` over all items.
fn per_item(spec: &Spec, values: &[f64]) -> Value {
    spec.items()
        .zip(values)
        .map(|((c, item), v)| json!({"construct": spec.constructs()[c].name, "item": item, "value": v}))
        .collect()
}

fn report(est: &Estimate, with_scores: bool) -> Map<String, Value> {
    let spec = est.spec();
    let name = |c: usize| spec.constructs()[c].name.as_str();
    let k = spec.constructs().len();
    let m = &est.missing;
    let mut doc = Map::new();
    doc.insert("n".into(), json!(m.rows_used));
    doc.insert(
        "missing".into(),
        json!({
            "method": match m.method { Missing::Listwise => "listwise", Missing::Mean => "mean" },
            "rows_total": m.rows_total,
            "rows_used": m.rows_used,
            "rows_dropped": m.rows_dropped,
            "cells_missing": m.cells_missing,
            "cells_replaced": m.cells_replaced,
        }),
    );
    doc.insert("scheme".into(), json!(scheme_name(spec.scheme)));
    doc.insert("tolerance".into(), json!(spec.tolerance));
    doc.insert("converged".into(), json!(est.converged));
    doc.insert("iterations".into(), json!(est.iterations));
    let paths: Value = spec
        .paths()
        .iter()
        .zip(&est.paths)
        .map(|(&(a, b), coef)| json!({"from": name(a), "to": name(b), "coef": coef}))
        .collect();
    doc.insert("paths".into(), paths);
    doc.insert("r2".into(), by_construct(spec, est.r2.iter().copied()));
    doc.insert(
        "r2_adjusted".into(),
        by_construct(spec, est.r2_adjusted.iter().copied()),
    );
    doc.insert("outer_weights".into(), per_item(spec, &est.weights));
    doc.insert("loadings".into(), per_item(spec, &est.loadings));
    let cross: Value = spec
        .items()
        .enumerate()
        .flat_map(|(j, (_, item))| {
            (0..k).map(move |c| json!({"item": item, "construct": name(c), "value": est.cross_loadings[(j, c)]}))
        })
        .collect();
    doc.insert("cross_loadings".into(), cross);
    let mut effects = Vec::new();
    for a in 0..k {
        for b in 0..k {
            let total = est.total_effects[(a, b)];
            if total != 0.0 {
                let direct = total - est.indirect_effects[(a, b)];
                effects.push(json!({
                    "from": name(a), "to": name(b),
                    "direct": direct, "indirect": est.indirect_effects[(a, b)], "total": total,
                }));
            }
        }
    }
    doc.insert("effects".into(), Value::Array(effects));
    let reliability: Map<String, Value> = est
        .reliability
        .iter()
        .enumerate()
        .map(|(c, r)| {
            (
                name(c).to_owned(),
                json!({"ave": r.ave, "rho_c": r.rho_c, "alpha": r.alpha, "rho_a": r.rho_a}),
            )
        })
        .collect();
    doc.insert("reliability".into(), Value::Object(reliability));
    let htmt: Value = est
        .htmt
        .iter()
        .map(|&(a, b, v)| json!({"a": name(a), "b": name(b), "value": v}))
        .collect();
    doc.insert("htmt".into(), htmt);
    let correlations: Value = (0..k)
        .flat_map(|a| (a + 1..k).map(move |b| (a, b)))
        .map(|(a, b)| json!({"a": name(a), "b": name(b), "value": est.construct_correlations[(a, b)]}))
        .collect();
    doc.insert("construct_correlations".into(), correlations);
    doc.insert("gof".into(), json!(est.gof));
    doc.insert(
        "index".into(),
        by_construct(spec, est.index.iter().map(|&v| Some(v))),
    );
    if with_scores {
        let scores: Value = est
            .rows
            .iter()
            .enumerate()
            .map(|(i, &row)| {
                json!({"row": row + 1, "values": by_construct(spec, (0..k).map(|c| Some(est.scores[(i, c)])))})
            })
            .collect();
        doc.insert("scores".into(), scores);
    }
    doc
}

fn group_report(est: &Estimate, columns: &[String], labels: &[&[Option<&str>]]) -> Value {
    let spec = est.spec();
    let mut out = Vec::new();
    for (column, labels) in columns.iter().zip(labels) {
        for g in est.group_index(labels) {
            out.push(json!({
                "column": column,
                "group": g.group,
                "n": g.n,
                "index": by_construct(spec, g.index.iter().map(|&v| Some(v))),
            }));
        }
    }
    Value::Array(out)
}

fn bootstrap_report(est: &Estimate, b: &Bootstrap, seed: Value, columns: &[String]) -> Value {
    let spec = est.spec();
    let name = |c: usize| spec.constructs()[c].name.as_str();
    let stats = |s: &Summary| json!({"estimate": s.estimate, "mean": s.mean, "se": s.se, "t": s.t, "ci_lo": s.ci_lo, "ci_hi": s.ci_hi});
    let with = |mut v: Value, s: &Summary| {
        if let (Value::Object(m), Value::Object(extra)) = (&mut v, stats(s)) {
            m.extend(extra);
        }
        v
    };
    let per_item = |summaries: &[Summary]| -> Value {
        spec.items()
            .zip(summaries)
            .map(|((c, item), s)| with(json!({"construct": name(c), "item": item}), s))
            .collect()
    };
    json!({
        "resamples": b.resamples,
        "seed": seed,
        "failed": b.failed,
        "not_converged": b.not_converged,
        "sign_handling": "none",
        "paths": spec.paths().iter().zip(&b.paths)
            .map(|(&(a, c), s)| with(json!({"from": name(a), "to": name(c)}), s))
            .collect::<Value>(),
        "outer_weights": per_item(&b.weights),
        "loadings": per_item(&b.loadings),
        "index": by_construct(spec, b.index.iter().map(|s| Some(stats(s)))),
        "index_groups": columns.iter().zip(&b.groups).flat_map(|(column, groups)| {
            groups.iter().map(move |g| json!({
                "column": column,
                "group": g.group,
                "n": g.n,
                "index": by_construct(spec, g.index.iter().map(|s| Some(stats(s)))),
            }))
        }).collect::<Value>(),
    })
}
