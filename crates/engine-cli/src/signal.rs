//! `longzhi engine signal`: disproportionality statistics of (row, column) report counts.

use std::io::Write;
use std::path::{Path, PathBuf};

use longzhi_signal::{
    Analysis, CellStats, FitStatus, PeriodSignals, Prior, Reports, Rule, Table, Window,
};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::{InputError, read_file};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// CSV file with a header row; each line is one report's (row, column) pair.
    #[arg(long)]
    pub reports: PathBuf,
    /// Column holding the row label (a product category, brand, model or car component).
    #[arg(long)]
    pub row: String,
    /// Column holding the column label (a hazard, injury or fault).
    #[arg(long)]
    pub col: String,
    /// Column giving each line's multiplicity (a non-negative integer); 1 when absent.
    #[arg(long)]
    pub count: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Columns whose combined value is a stratum (e.g. year,region): expected counts are then
    /// Σ over strata of row total × column total / stratum total.
    #[arg(long, value_delimiter = ',')]
    pub strata: Vec<String>,
    /// A signal rule, repeatable: a preset (evans, eb05, ic025) or NAME=EXPR, e.g.
    /// "strong=eb05 >= 2 and n >= 3".
    #[arg(long = "rule")]
    pub rules: Vec<String>,
    /// TOML file of rules: [[rule]] tables with `name` and `when` (an EXPR).
    #[arg(long)]
    pub rules_file: Option<PathBuf>,
    /// Column holding each report's period (ISO dates, months or years sort in time order):
    /// the output then lists the signals new in each period.
    #[arg(long)]
    pub period: Option<String>,
    /// Which reports each period's statistics use: all up to the period, or the period alone.
    #[arg(long, value_enum, default_value_t = WindowArg::Cumulative)]
    pub window: WindowArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum WindowArg {
    Cumulative,
    Period,
}

pub fn run(args: &Args, out: &mut dyn Write) -> Result<(), InputError> {
    run_on(&read_file(&args.reports)?, args, out)
}

/// [`run`] on reports already in memory (`args.reports` only names them in messages): what a
/// module's page answers is then what the command answers on the exported file.
pub fn run_on(text: &str, args: &Args, out: &mut dyn Write) -> Result<(), InputError> {
    let rules = load_rules(args)?;
    if args.period.is_some() && rules.is_empty() {
        return Err(InputError::new(
            "--period needs at least one --rule or --rules-file",
        ));
    }
    let input = parse_reports(text, &args.reports, args)?;
    let engine_err = |e: longzhi_signal::SignalError| InputError(e.to_string());

    let strata = input
        .strata
        .as_ref()
        .map(|s| (s.ids.as_slice(), s.labels.len()));
    let reports = Reports {
        n_rows: input.rows.labels.len(),
        n_cols: input.cols.labels.len(),
        rows: &input.rows.ids,
        cols: &input.cols.ids,
        counts: input.counts.as_deref(),
        strata,
    };
    let table = Table::count(&reports).map_err(engine_err)?;
    let analysis = longzhi_signal::analyse(&table, None).map_err(engine_err)?;
    let periods = match &input.periods {
        None => None,
        Some(p) => {
            let tables = period_tables(&reports, p).map_err(engine_err)?;
            let window = match args.window {
                WindowArg::Cumulative => Window::Cumulative,
                WindowArg::Period => Window::Period,
            };
            Some(longzhi_signal::signals_by_period(&tables, window, &rules).map_err(engine_err)?)
        }
    };
    let mut out = std::io::BufWriter::new(out);
    let written = match args.format {
        Format::Json => write_json(&mut out, &input, &analysis, &rules, periods.as_deref()),
        Format::Csv => write_csv(&mut out, &input, &analysis, &rules, periods.as_deref()),
    };
    written
        .and_then(|()| out.flush().map_err(|e| e.to_string()))
        .map_err(|e| InputError(format!("cannot write output: {e}")))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    rule: Vec<RuleEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleEntry {
    name: String,
    when: String,
}

fn load_rules(args: &Args) -> Result<Vec<Rule>, InputError> {
    let mut rules = Vec::new();
    for spec in &args.rules {
        rules.push(Rule::from_spec(spec).map_err(|e| InputError(format!("--rule: {e}")))?);
    }
    if let Some(path) = &args.rules_file {
        let file: RulesFile = toml::from_str(&read_file(path)?)
            .map_err(|e| InputError(format!("{}: {e}", path.display())))?;
        for (k, entry) in file.rule.iter().enumerate() {
            let rule = Rule::parse(&entry.name, &entry.when).map_err(|e| {
                InputError(format!(
                    "{}: [[rule]] {} (field `when`): {e}",
                    path.display(),
                    k + 1
                ))
            })?;
            rules.push(rule);
        }
    }
    Ok(rules)
}

/// Labels interned to ids in sorted label order, and the id of each report.
#[derive(Default)]
struct Labels {
    labels: Vec<String>,
    ids: Vec<u32>,
}

struct Input {
    rows: Labels,
    cols: Labels,
    counts: Option<Vec<u64>>,
    strata: Option<Labels>,
    periods: Option<Labels>,
}

/// Interns byte labels as they come, then renumbers them in sorted order.
#[derive(Default)]
struct Interner {
    map: FxHashMap<Box<[u8]>, u32>,
    labels: Vec<String>,
    ids: Vec<u32>,
}

impl Interner {
    fn push(&mut self, value: &[u8], at: &dyn Fn(&str) -> String) -> Result<(), InputError> {
        let id = match self.map.get(value) {
            Some(&id) => id,
            None => {
                let label =
                    std::str::from_utf8(value).map_err(|_| InputError(at("not valid UTF-8")))?;
                if label.is_empty() {
                    return Err(InputError(at("empty value")));
                }
                let id = self.labels.len() as u32;
                self.map.insert(value.into(), id);
                self.labels.push(label.to_string());
                id
            }
        };
        self.ids.push(id);
        Ok(())
    }

    fn finish(self) -> Labels {
        let mut order: Vec<u32> = (0..self.labels.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| self.labels[a as usize].cmp(&self.labels[b as usize]));
        let mut rank = vec![0u32; order.len()];
        for (r, &id) in order.iter().enumerate() {
            rank[id as usize] = r as u32;
        }
        let mut labels = self.labels;
        let ids = self.ids.iter().map(|&id| rank[id as usize]).collect();
        let sorted = order
            .iter()
            .map(|&id| std::mem::take(&mut labels[id as usize]))
            .collect();
        Labels {
            labels: sorted,
            ids,
        }
    }
}

fn parse_reports(text: &str, path: &Path, args: &Args) -> Result<Input, InputError> {
    let file = path.display().to_string();
    let file = file.as_str();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .byte_headers()
        .map_err(|e| InputError(format!("{file}: {e}")))?
        .clone();
    let names: Vec<String> = headers
        .iter()
        .map(|h| String::from_utf8_lossy(h).trim().to_string())
        .collect();
    let column = |name: &str, flag: &str| -> Result<usize, InputError> {
        names.iter().position(|n| n == name).ok_or_else(|| {
            InputError(format!(
                "{file}: unknown column {name:?} given to {flag} (columns: {})",
                names.join(", ")
            ))
        })
    };
    let row_col = column(&args.row, "--row")?;
    let col_col = column(&args.col, "--col")?;
    let count_col = args
        .count
        .as_deref()
        .map(|c| column(c, "--count"))
        .transpose()?;
    let strata_cols = args
        .strata
        .iter()
        .map(|c| column(c, "--strata"))
        .collect::<Result<Vec<_>, _>>()?;
    let period_col = args
        .period
        .as_deref()
        .map(|c| column(c, "--period"))
        .transpose()?;

    if strata_cols.is_empty() && period_col.is_none() {
        let body = reader.position().byte() as usize;
        if let Some(input) = text
            .as_bytes()
            .get(body..)
            .and_then(|b| fast::parse(b, names.len(), row_col, col_col, count_col))
        {
            return Ok(input);
        }
    }
    let (mut rows, mut cols, mut strata, mut periods) = (
        Interner::default(),
        Interner::default(),
        Interner::default(),
        Interner::default(),
    );
    let mut counts = count_col.map(|_| Vec::new());
    let mut record = csv::ByteRecord::new();
    let mut stratum_key = Vec::new();
    for report in 1usize.. {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(InputError(format!("{file}: report {report}: {e}"))),
        }
        let line = record.position().map_or(report + 1, |p| p.line() as usize);
        let field = |k: usize| -> Result<&[u8], InputError> {
            record.get(k).ok_or_else(|| {
                InputError(format!(
                    "{file} line {line} (report {report}), column {:?}: missing value",
                    names[k]
                ))
            })
        };
        let at = |k: usize, msg: &str| {
            format!(
                "{file} line {line} (report {report}), column {:?}: {msg}",
                names[k]
            )
        };
        rows.push(field(row_col)?, &|m| at(row_col, m))?;
        cols.push(field(col_col)?, &|m| at(col_col, m))?;
        if let (Some(k), Some(counts)) = (count_col, counts.as_mut()) {
            let raw = field(k)?;
            let n = std::str::from_utf8(raw)
                .ok()
                .and_then(|s| s.trim().parse::<u64>().ok())
                .ok_or_else(|| {
                    InputError(at(
                        k,
                        &format!(
                            "{:?} is not a non-negative integer count",
                            String::from_utf8_lossy(raw)
                        ),
                    ))
                })?;
            counts.push(n);
        }
        if !strata_cols.is_empty() {
            stratum_key.clear();
            for (j, &k) in strata_cols.iter().enumerate() {
                if j > 0 {
                    stratum_key.push(b'/');
                }
                let value = field(k)?;
                if value.is_empty() {
                    return Err(InputError(at(k, "empty value")));
                }
                stratum_key.extend_from_slice(value);
            }
            strata.push(&stratum_key, &|m| at(strata_cols[0], m))?;
        }
        if let Some(k) = period_col {
            periods.push(field(k)?, &|m| at(k, m))?;
        }
    }
    if rows.ids.is_empty() {
        return Err(InputError(format!("{file}: no reports")));
    }
    Ok(Input {
        rows: rows.finish(),
        cols: cols.finish(),
        counts,
        strata: (!strata_cols.is_empty()).then(|| strata.finish()),
        periods: period_col.map(|_| periods.finish()),
    })
}

/// The common case at speed: unquoted CSV (no `"` anywhere in the body), no strata or periods.
/// The body is cut at line ends into one chunk per thread; each chunk is split and interned on
/// its own (labels of up to 7 bytes hash as one integer), then the chunks' labels are merged.
/// Anything unusual — a quote, a line with a different number of fields, an empty line or value,
/// a bad count — returns `None`, and the csv-crate path parses the file again to report it.
mod fast {
    use rayon::prelude::*;
    use rustc_hash::FxHashMap;

    use super::{Input, Labels};

    /// Labels of one chunk: ids in order of first appearance.
    #[derive(Default)]
    struct Local<'a> {
        short: FxHashMap<u64, u32>,
        long: FxHashMap<&'a [u8], u32>,
        labels: Vec<&'a [u8]>,
        ids: Vec<u32>,
    }

    impl<'a> Local<'a> {
        #[inline]
        fn push(&mut self, value: &'a [u8]) {
            let next = self.labels.len() as u32;
            let id = if value.len() <= 7 {
                // Up to 7 bytes and the length in the eighth: one integer per label.
                let key = value
                    .iter()
                    .fold(value.len() as u64, |k, &b| (k << 8) | u64::from(b));
                *self.short.entry(key).or_insert(next)
            } else {
                *self.long.entry(value).or_insert(next)
            };
            if id == next {
                self.labels.push(value);
            }
            self.ids.push(id);
        }
    }

    struct Chunk<'a> {
        rows: Local<'a>,
        cols: Local<'a>,
        counts: Vec<u64>,
    }

    fn parse_chunk(
        text: &[u8],
        n_fields: usize,
        row: usize,
        col: usize,
        count: Option<usize>,
    ) -> Option<Chunk<'_>> {
        let mut chunk = Chunk {
            rows: Local::default(),
            cols: Local::default(),
            counts: Vec::new(),
        };
        // Lines of the usual benchmark shape are ~11 bytes: reserve enough to never regrow.
        let lines = text.len() / 8;
        chunk.rows.ids.reserve(lines);
        chunk.cols.ids.reserve(lines);
        let mut fields: Vec<&[u8]> = Vec::with_capacity(n_fields);
        let mut rest = text;
        while !rest.is_empty() {
            // One pass over the line: the field starts and its end.
            fields.clear();
            let mut start = 0;
            let mut end = rest.len();
            for (i, &b) in rest.iter().enumerate() {
                if b == b',' {
                    fields.push(&rest[start..i]);
                    start = i + 1;
                } else if b == b'\n' {
                    end = i;
                    break;
                } else if b == b'\r' {
                    // Only as the CRLF line end.
                    if rest.get(i + 1) != Some(&b'\n') {
                        return None;
                    }
                    end = i;
                    break;
                }
            }
            if end == 0 {
                return None;
            }
            fields.push(&rest[start..end]);
            let line_end = if rest.get(end) == Some(&b'\r') {
                end + 2
            } else {
                end + 1
            };
            rest = rest.get(line_end..).unwrap_or(&[]);
            if fields.len() != n_fields {
                return None;
            }
            let (r, c) = (fields[row], fields[col]);
            if r.is_empty() || c.is_empty() {
                return None;
            }
            chunk.rows.push(r);
            chunk.cols.push(c);
            if let Some(k) = count {
                let raw = fields[k].trim_ascii();
                if raw.is_empty() || raw.len() > 19 || !raw.iter().all(u8::is_ascii_digit) {
                    return None;
                }
                chunk
                    .counts
                    .push(raw.iter().fold(0u64, |n, &d| n * 10 + u64::from(d - b'0')));
            }
        }
        Some(chunk)
    }

    /// The chunks' labels merged, sorted, and every report's id renumbered to the sorted order.
    fn merge(parts: Vec<&Local<'_>>) -> Option<Labels> {
        let mut index: FxHashMap<&[u8], u32> = FxHashMap::default();
        let mut labels: Vec<&[u8]> = Vec::new();
        let maps: Vec<Vec<u32>> = parts
            .iter()
            .map(|p| {
                p.labels
                    .iter()
                    .map(|&l| {
                        let next = labels.len() as u32;
                        let id = *index.entry(l).or_insert(next);
                        if id == next {
                            labels.push(l);
                        }
                        id
                    })
                    .collect()
            })
            .collect();
        let mut order: Vec<u32> = (0..labels.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| labels[a as usize].cmp(labels[b as usize]));
        let mut rank = vec![0u32; order.len()];
        for (r, &id) in order.iter().enumerate() {
            rank[id as usize] = r as u32;
        }
        let sorted = order
            .iter()
            .map(|&id| {
                std::str::from_utf8(labels[id as usize])
                    .ok()
                    .map(str::to_string)
            })
            .collect::<Option<Vec<String>>>()?;
        let total: usize = parts.iter().map(|p| p.ids.len()).sum();
        let mut ids = Vec::with_capacity(total);
        for (p, map) in parts.iter().zip(&maps) {
            let to_rank: Vec<u32> = map.iter().map(|&g| rank[g as usize]).collect();
            ids.par_extend(p.ids.par_iter().map(|&l| to_rank[l as usize]));
        }
        Some(Labels {
            labels: sorted,
            ids,
        })
    }

    pub(super) fn parse(
        body: &[u8],
        n_fields: usize,
        row: usize,
        col: usize,
        count: Option<usize>,
    ) -> Option<Input> {
        if body.contains(&b'"') {
            return None;
        }
        let body = body.strip_suffix(b"\n").unwrap_or(body);
        if body.is_empty() {
            return None;
        }
        // Chunk boundaries just after a line end.
        let parts = (rayon::current_num_threads() * 4).max(1);
        let mut bounds = vec![0];
        for k in 1..parts {
            let target = body.len() * k / parts;
            let last = *bounds.last()?;
            if target <= last {
                continue;
            }
            match body[target..].iter().position(|&b| b == b'\n') {
                Some(at) => bounds.push(target + at + 1),
                None => break,
            }
        }
        bounds.push(body.len() + 1);
        bounds.dedup();
        let chunks: Vec<Chunk<'_>> = bounds
            .windows(2)
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|w| parse_chunk(&body[w[0]..w[1] - 1], n_fields, row, col, count))
            .collect::<Option<Vec<_>>>()?;
        let (rows, cols) = rayon::join(
            || merge(chunks.iter().map(|c| &c.rows).collect()),
            || merge(chunks.iter().map(|c| &c.cols).collect()),
        );
        let counts = count.map(|_| {
            chunks
                .iter()
                .flat_map(|c| c.counts.iter().copied())
                .collect()
        });
        Some(Input {
            rows: rows?,
            cols: cols?,
            counts,
            strata: None,
            periods: None,
        })
    }
}

/// One table per period label (in sorted order), each counted from that period's reports.
fn period_tables(
    all: &Reports<'_>,
    periods: &Labels,
) -> Result<Vec<Table>, longzhi_signal::SignalError> {
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); periods.labels.len()];
    for (k, &p) in periods.ids.iter().enumerate() {
        members[p as usize].push(k);
    }
    members
        .iter()
        .map(|idx| {
            let rows: Vec<u32> = idx.iter().map(|&k| all.rows[k]).collect();
            let cols: Vec<u32> = idx.iter().map(|&k| all.cols[k]).collect();
            let counts: Option<Vec<u64>> = all.counts.map(|c| idx.iter().map(|&k| c[k]).collect());
            let strata: Option<Vec<u32>> =
                all.strata.map(|(s, _)| idx.iter().map(|&k| s[k]).collect());
            Table::count(&Reports {
                rows: &rows,
                cols: &cols,
                counts: counts.as_deref(),
                strata: strata.as_deref().zip(all.strata.map(|(_, n)| n)),
                ..*all
            })
        })
        .collect()
}

/// A cell as output: the contract's fields, plus the rules it meets when rules were given.
#[derive(Serialize)]
struct CellOut<'a> {
    row: &'a str,
    col: &'a str,
    n: u64,
    expected: f64,
    prr: Option<f64>,
    prr_chi2: Option<f64>,
    ror: Option<f64>,
    ror_lo95: Option<f64>,
    ror_hi95: Option<f64>,
    ic: f64,
    ic025: f64,
    ic975: f64,
    ebgm: f64,
    eb05: f64,
    eb95: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    signals: Option<Vec<&'a str>>,
}

const CELL_FIELDS: [&str; 15] = [
    "row", "col", "n", "expected", "prr", "prr_chi2", "ror", "ror_lo95", "ror_hi95", "ic", "ic025",
    "ic975", "ebgm", "eb05", "eb95",
];

fn cell_out<'a>(input: &'a Input, c: &CellStats, rules: &'a [Rule]) -> CellOut<'a> {
    CellOut {
        row: &input.rows.labels[c.row as usize],
        col: &input.cols.labels[c.col as usize],
        n: c.n,
        expected: c.expected,
        prr: c.prr,
        prr_chi2: c.prr_chi2,
        ror: c.ror.map(|r| r.0),
        ror_lo95: c.ror.map(|r| r.1),
        ror_hi95: c.ror.map(|r| r.2),
        ic: c.ic.0,
        ic025: c.ic.1,
        ic975: c.ic.2,
        ebgm: c.posterior.ebgm,
        eb05: c.posterior.eb05,
        eb95: c.posterior.eb95,
        signals: (!rules.is_empty()).then(|| {
            rules
                .iter()
                .filter(|r| r.holds(c))
                .map(|r| r.name.as_str())
                .collect()
        }),
    }
}

/// The prior's parameters, then whether the fit met the optimality conditions and the bounds
/// of the parameter box it lies on (`alpha1_lower`, `beta2_upper`, `p_lower`, …).
#[derive(Serialize)]
struct PriorOut {
    #[serde(flatten)]
    prior: Prior,
    #[serde(skip_serializing_if = "Option::is_none")]
    converged: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    active_bounds: Option<Vec<&'static str>>,
}

impl PriorOut {
    fn new(prior: Prior, fit: Option<&FitStatus>) -> Self {
        Self {
            prior,
            converged: fit.map(|f| f.converged),
            active_bounds: fit.map(|f| f.active_bounds.iter().map(|b| b.name()).collect()),
        }
    }
}

/// The leading fields of the JSON output (`cells` and `periods` follow, see [`write_json`]).
#[derive(Serialize)]
struct Head {
    n_total: u64,
    prior: PriorOut,
    log_likelihood: f64,
}

#[derive(Serialize)]
struct PeriodOut<'a> {
    period: &'a str,
    n_total: u64,
    prior: Option<PriorOut>,
    new_signals: Vec<SignalOut<'a>>,
}

#[derive(Serialize)]
struct SignalOut<'a> {
    rule: &'a str,
    #[serde(flatten)]
    cell: CellOut<'a>,
}

fn periods_out<'a>(
    input: &'a Input,
    rules: &'a [Rule],
    periods: &[PeriodSignals],
) -> Vec<PeriodOut<'a>> {
    let labels = input.periods.as_ref().map_or(&[][..], |p| &p.labels[..]);
    periods
        .iter()
        .zip(labels)
        .map(|(p, label)| PeriodOut {
            period: label,
            n_total: p.n_total,
            prior: p.prior.map(|prior| PriorOut::new(prior, p.fit.as_ref())),
            new_signals: p
                .new_signals
                .iter()
                .map(|s| SignalOut {
                    rule: &rules[s.rule].name,
                    cell: cell_out(input, &s.cell, &[]),
                })
                .collect(),
        })
        .collect()
}

fn write_json(
    out: &mut dyn Write,
    input: &Input,
    analysis: &Analysis,
    rules: &[Rule],
    periods: Option<&[PeriodSignals]>,
) -> Result<(), String> {
    // The object's head, then the cells serialised in parallel chunks (the bulk of a large
    // output), then the periods: the same bytes as serialising one struct with these fields.
    let head = Head {
        n_total: analysis.n_total,
        prior: PriorOut::new(analysis.prior, analysis.fit.as_ref()),
        log_likelihood: analysis.log_likelihood,
    };
    let mut bytes = serde_json::to_vec(&head).map_err(|e| e.to_string())?;
    bytes.pop(); // the closing brace
    bytes.extend_from_slice(b",\"cells\":[");
    out.write_all(&bytes).map_err(|e| e.to_string())?;
    // Labels escaped once, not once per cell.
    let escape = |labels: &[String]| -> Result<Vec<Vec<u8>>, String> {
        labels
            .iter()
            .map(|l| serde_json::to_vec(l).map_err(|e| e.to_string()))
            .collect()
    };
    let (row_json, col_json) = (escape(&input.rows.labels)?, escape(&input.cols.labels)?);
    // A few chunks per thread at a time, written in order, so the whole output is never held.
    let batch = JSON_CHUNK * rayon::current_num_threads() * 2;
    for (b, cells) in analysis.cells.chunks(batch).enumerate() {
        let chunks: Vec<Vec<u8>> = cells
            .par_chunks(JSON_CHUNK)
            .map(|cells| {
                let mut buf = Vec::with_capacity(cells.len() * 400);
                for (k, c) in cells.iter().enumerate() {
                    if k > 0 {
                        buf.push(b',');
                    }
                    write_cell(&mut buf, &row_json, &col_json, c, rules)
                        .map_err(|e| e.to_string())?;
                }
                Ok(buf)
            })
            .collect::<Result<_, String>>()?;
        for (k, chunk) in chunks.iter().enumerate() {
            if b > 0 || k > 0 {
                out.write_all(b",").map_err(|e| e.to_string())?;
            }
            out.write_all(chunk).map_err(|e| e.to_string())?;
        }
    }
    out.write_all(b"]").map_err(|e| e.to_string())?;
    if let Some(p) = periods {
        out.write_all(b",\"periods\":").map_err(|e| e.to_string())?;
        serde_json::to_writer(&mut *out, &periods_out(input, rules, p))
            .map_err(|e| e.to_string())?;
    }
    writeln!(out, "}}").map_err(|e| e.to_string())
}

/// One cell as JSON: the bytes `serde_json` writes for its [`CellOut`] (same fields, order and
/// number formatting), with the labels pre-escaped and the keys written as they are.
fn write_cell(
    buf: &mut Vec<u8>,
    rows: &[Vec<u8>],
    cols: &[Vec<u8>],
    c: &CellStats,
    rules: &[Rule],
) -> Result<(), serde_json::Error> {
    let number = |buf: &mut Vec<u8>, key: &[u8], x: Option<f64>| {
        buf.extend_from_slice(key);
        match x {
            Some(x) => serde_json::to_writer(&mut *buf, &x),
            None => {
                buf.extend_from_slice(b"null");
                Ok(())
            }
        }
    };
    buf.extend_from_slice(b"{\"row\":");
    buf.extend_from_slice(&rows[c.row as usize]);
    buf.extend_from_slice(b",\"col\":");
    buf.extend_from_slice(&cols[c.col as usize]);
    buf.extend_from_slice(b",\"n\":");
    serde_json::to_writer(&mut *buf, &c.n)?;
    number(buf, b",\"expected\":", Some(c.expected))?;
    number(buf, b",\"prr\":", c.prr)?;
    number(buf, b",\"prr_chi2\":", c.prr_chi2)?;
    number(buf, b",\"ror\":", c.ror.map(|r| r.0))?;
    number(buf, b",\"ror_lo95\":", c.ror.map(|r| r.1))?;
    number(buf, b",\"ror_hi95\":", c.ror.map(|r| r.2))?;
    number(buf, b",\"ic\":", Some(c.ic.0))?;
    number(buf, b",\"ic025\":", Some(c.ic.1))?;
    number(buf, b",\"ic975\":", Some(c.ic.2))?;
    number(buf, b",\"ebgm\":", Some(c.posterior.ebgm))?;
    number(buf, b",\"eb05\":", Some(c.posterior.eb05))?;
    number(buf, b",\"eb95\":", Some(c.posterior.eb95))?;
    if !rules.is_empty() {
        buf.extend_from_slice(b",\"signals\":");
        let hits: Vec<&str> = rules
            .iter()
            .filter(|r| r.holds(c))
            .map(|r| r.name.as_str())
            .collect();
        serde_json::to_writer(&mut *buf, &hits)?;
    }
    buf.push(b'}');
    Ok(())
}

/// Cells per parallel chunk of JSON output.
const JSON_CHUNK: usize = 4096;

/// CSV: one line per cell (with a `signals` column, rule names joined by `;`, when rules were
/// given); with periods, one line per new signal, led by `period` and `rule`.
fn write_csv(
    out: &mut dyn Write,
    input: &Input,
    analysis: &Analysis,
    rules: &[Rule],
    periods: Option<&[PeriodSignals]>,
) -> Result<(), String> {
    let mut w = csv::Writer::from_writer(out);
    let fmt = |x: Option<f64>| x.map_or_else(String::new, |v| v.to_string());
    let values = |c: &CellOut<'_>| -> Vec<String> {
        let mut v = vec![c.row.to_string(), c.col.to_string(), c.n.to_string()];
        v.extend(
            [
                Some(c.expected),
                c.prr,
                c.prr_chi2,
                c.ror,
                c.ror_lo95,
                c.ror_hi95,
            ]
            .into_iter()
            .chain([c.ic, c.ic025, c.ic975, c.ebgm, c.eb05, c.eb95].map(Some))
            .map(fmt),
        );
        v
    };
    let e = |e: csv::Error| e.to_string();
    match periods {
        None => {
            let mut header: Vec<&str> = CELL_FIELDS.to_vec();
            if !rules.is_empty() {
                header.push("signals");
            }
            w.write_record(&header).map_err(e)?;
            for c in &analysis.cells {
                let cell = cell_out(input, c, rules);
                let mut v = values(&cell);
                if let Some(s) = &cell.signals {
                    v.push(s.join(";"));
                }
                w.write_record(&v).map_err(e)?;
            }
        }
        Some(periods) => {
            let header: Vec<&str> = ["period", "rule"].into_iter().chain(CELL_FIELDS).collect();
            w.write_record(&header).map_err(e)?;
            for p in periods_out(input, rules, periods) {
                for s in &p.new_signals {
                    let v: Vec<String> = [p.period.to_string(), s.rule.to_string()]
                        .into_iter()
                        .chain(values(&s.cell))
                        .collect();
                    w.write_record(&v).map_err(e)?;
                }
            }
        }
    }
    w.flush().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use longzhi_signal::Posterior;

    #[test]
    fn cells_written_by_hand_are_serde_json_bytes() {
        let labels = |l: &[&str]| Labels {
            labels: l.iter().map(|s| s.to_string()).collect(),
            ids: Vec::new(),
        };
        let input = Input {
            rows: labels(&["plain", "quote \" and \\ back", "电动自行车\n"]),
            cols: labels(&["H1", "control \u{1}"]),
            counts: None,
            strata: None,
            periods: None,
        };
        let cell = |row: u32, col: u32, ror: Option<(f64, f64, f64)>, prr: Option<f64>| CellStats {
            row,
            col,
            n: 12_345_678_901,
            expected: 1.0 / 3.0,
            prr,
            prr_chi2: Some(0.0),
            ror,
            ic: (-1.5e-300, 2e20, f64::NAN),
            posterior: Posterior {
                ebgm: 7.77,
                eb05: 1e-7,
                eb95: 123_456_789.125,
            },
        };
        let cells = [
            cell(0, 0, None, None),
            cell(1, 1, Some((1.0, 0.5, 2.0)), Some(f64::INFINITY)),
            cell(2, 0, Some((3.0, 2.999_999_999_999_999_6, 1e16)), Some(5.0)),
        ];
        let rules = [Rule::from_spec("many=n >= 3").unwrap_or_else(|e| panic!("{e}"))];
        let escaped = |l: &Labels| -> Vec<Vec<u8>> {
            l.labels
                .iter()
                .map(|s| serde_json::to_vec(s).unwrap_or_default())
                .collect()
        };
        let (r, c) = (escaped(&input.rows), escaped(&input.cols));
        for with_rules in [&rules[..], &[]] {
            for cell in &cells {
                let mut ours = Vec::new();
                write_cell(&mut ours, &r, &c, cell, with_rules).unwrap_or_default();
                let serde =
                    serde_json::to_vec(&cell_out(&input, cell, with_rules)).unwrap_or_default();
                assert_eq!(
                    String::from_utf8_lossy(&ours),
                    String::from_utf8_lossy(&serde)
                );
            }
        }
    }
}
