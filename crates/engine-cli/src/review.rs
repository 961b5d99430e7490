//! `longzhi engine review`: statistics of expert reviewers' scores against a rubric.

use std::io::Write;
use std::path::PathBuf;

use longzhi_review::{DEFAULT_STAGE, Rubric, Totals, analyse, read_scores_csv};

use crate::{InputError, read_file};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Scores CSV: application, reviewer, criterion, score and optionally stage; one row per score.
    #[arg(long)]
    pub scores: PathBuf,
    /// Rubric TOML: [[criterion]] tables with code, max, optional name and parent.
    #[arg(long)]
    pub rubric: PathBuf,
    /// Keep only this stage's rows (rows of a file without a stage column are `independent`).
    #[arg(long, default_value = DEFAULT_STAGE)]
    pub stage: String,
    #[arg(long, value_enum, default_value = "json")]
    pub format: Format,
}

pub fn run(args: &Args, out: &mut dyn Write) -> Result<(), InputError> {
    let rubric = Rubric::from_toml(&read_file(&args.rubric)?)
        .map_err(|e| InputError(format!("{}: {e}", args.rubric.display())))?;
    let sheet = read_scores_csv(&read_file(&args.scores)?, &rubric, &args.stage)
        .map_err(|e| InputError(format!("{}: {e}", args.scores.display())))?;
    let report = analyse(&Totals::from_sheet(&sheet));
    match args.format {
        Format::Json => serde_json::to_writer(&mut *out, &report)
            .map_err(|e| InputError(format!("cannot write the report: {e}")))?,
    }
    writeln!(out).map_err(|e| InputError(format!("cannot write the report: {e}")))
}
