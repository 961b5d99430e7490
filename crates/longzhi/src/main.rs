//! The one `longzhi` binary: server, administration and engine commands.

use clap::{Parser, Subcommand};
use longzhi_engine_cli::EngineCommand;

#[derive(Debug, Parser)]
#[command(name = "longzhi", version, about)]
struct Cli {
    #[command(subcommand)]
    cmd: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run a computation engine on files (exit code 2 on bad input).
    #[command(subcommand)]
    Engine(EngineCommand),
}

fn main() {
    let cli = Cli::parse();
    let code = match &cli.cmd {
        Command::Engine(cmd) => {
            longzhi_engine_cli::exit_code(cmd, &mut std::io::stdout().lock(), &mut std::io::stderr())
        }
    };
    std::process::exit(code);
}
