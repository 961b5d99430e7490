//! `longzhi engine sanbao`: the household-car 三包 decision for one case in a JSON file.

use std::io::Write;
use std::path::PathBuf;

use crate::{InputError, read_file, write_json};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The case as JSON: purchase_date, delivery_date?, price_yuan, evaluation_date,
    /// odometer_km, compensation_rate, events[] (docs/domain/rules-sanbao.md §6).
    #[arg(long)]
    pub input: PathBuf,
}

pub fn run(args: &Args, out: &mut dyn Write) -> Result<(), InputError> {
    let json = read_file(&args.input)?;
    let decision = longzhi_sanbao::decide_json(&json)
        .map_err(|e| InputError(format!("{}: {e}", args.input.display())))?;
    write_json(out, &decision)
}
