//! `longzhi engine risk`: product risk assessment (EU Safety Gate method) of a JSON file.

use std::io::Write;
use std::path::PathBuf;

use crate::{InputError, read_file, write_json};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Scenarios as JSON: {"scenarios":[{"severity":1..4,"probability":0.002,"steps":[…]}]}.
    #[arg(long)]
    pub input: PathBuf,
}

pub fn run(args: &Args, out: &mut dyn Write) -> Result<(), InputError> {
    let json = read_file(&args.input)?;
    let assessment = longzhi_risk::assess_json(&json)
        .map_err(|e| InputError(format!("{}: {e}", args.input.display())))?;
    write_json(out, &assessment)
}
