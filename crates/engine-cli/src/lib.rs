//! `longzhi engine …`: the command-line face of the pure engines.
//!
//! The engine crates under `crates/engines/` do no I/O; each module here reads the files an engine
//! needs, calls it, and writes the result. Every bad input is an [`InputError`], which the binary
//! turns into exit code 2 with a message naming the row, column, node or field.

use std::io::Write;

use clap::{Parser, Subcommand};

pub mod index;
pub mod pls;
pub mod review;
pub mod risk;
pub mod sanbao;
pub mod signal;
pub mod survey;

/// One engine per subcommand; the argument names are a stable contract (see each issue).
#[derive(Debug, Subcommand)]
pub enum EngineCommand {
    /// Composite indicators: scores of every node, ranks, contributions, and with --mc the rank
    /// median and 5–95 % interval over Monte Carlo runs.
    Index(index::Args),
    /// Disproportionality signals (PRR, ROR, BCPNN IC, MGPS EBGM) from (row, column) reports.
    Signal(signal::Args),
    /// Product risk assessment (EU Safety Gate method): severity × probability of each injury
    /// scenario, the product's level, and the reasons.
    Risk(risk::Args),
    /// Household-car 三包 (SAMR Order No. 43): refund or replacement, free assembly replacement,
    /// repair or nothing; the periods, the usage compensation, and every article checked.
    Sanbao(sanbao::Args),
    /// Survey-weighted totals, means or proportions by domain with Taylor-linearised standard
    /// errors, 95% intervals and the NEISS stability flag (stratified PSUs with replacement).
    Survey(survey::Args),
    /// Expert review: per-application totals, ranks, inter-rater agreement (ICC, Kendall's W),
    /// outlier reviewers and leave-one-reviewer-out sensitivity, from a scores CSV and a rubric.
    Review(review::Args),
    /// Satisfaction index by PLS path modelling: weights, loadings, paths, R², reliability,
    /// HTMT, effects, bootstrap intervals and the 0–100 index (overall and per group).
    Pls(pls::Args),
}

/// Input the engine cannot use; its message names where the problem is.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct InputError(pub String);

impl InputError {
    pub fn new(msg: impl Into<String>) -> Self {
        Self(msg.into())
    }
}

/// Reads a whole input file, naming it when it cannot be read.
pub fn read_file(path: &std::path::Path) -> Result<String, InputError> {
    std::fs::read_to_string(path)
        .map_err(|e| InputError(format!("cannot read {}: {e}", path.display())))
}

/// Writes `value` as pretty JSON and a newline.
pub fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> Result<(), InputError> {
    serde_json::to_writer_pretty(&mut *out, value)
        .map_err(|e| InputError(format!("cannot write the output: {e}")))?;
    writeln!(out).map_err(|e| InputError(format!("cannot write the output: {e}")))
}

/// Runs one engine command, writing its output to `out`.
pub fn run(cmd: &EngineCommand, out: &mut dyn Write) -> Result<(), InputError> {
    match cmd {
        EngineCommand::Index(args) => index::run(args, out),
        EngineCommand::Signal(args) => signal::run(args, out),
        EngineCommand::Risk(args) => risk::run(args, out),
        EngineCommand::Sanbao(args) => sanbao::run(args, out),
        EngineCommand::Survey(args) => survey::run(args, out),
        EngineCommand::Review(args) => review::run(args, out),
        EngineCommand::Pls(args) => pls::run(args, out),
    }
}

/// Exit code of a run: 0 on success, 2 on bad input (the message goes to `err`).
pub fn exit_code(cmd: &EngineCommand, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match run(cmd, out) {
        Ok(()) => 0,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            2
        }
    }
}

#[derive(Debug, Parser)]
#[command(name = "engine")]
struct EngineCli {
    #[command(subcommand)]
    cmd: EngineCommand,
}

/// Parses `args` as `longzhi engine <args…>` and runs them: the entry point for tests.
/// Usage errors also exit with 2, as clap does.
pub fn main_with<I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let args =
        std::iter::once(std::ffi::OsString::from("engine")).chain(args.into_iter().map(Into::into));
    match EngineCli::try_parse_from(args) {
        Ok(cli) => exit_code(&cli.cmd, out, err),
        Err(e) => {
            let _ = write!(err, "{e}");
            e.exit_code()
        }
    }
}
