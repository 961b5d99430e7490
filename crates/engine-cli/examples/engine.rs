//! `longzhi engine …` without the server: `engine signal --reports …` behaves as
//! `longzhi engine signal --reports …` (same parsing, output and exit codes). Built quickly for
//! the signal reference check and benchmark (`LONGZHI=target/release/examples/engine`).

fn main() {
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    if args.first().is_some_and(|a| a == "engine") {
        args.remove(0);
    }
    let code =
        longzhi_engine_cli::main_with(args, &mut std::io::stdout().lock(), &mut std::io::stderr());
    std::process::exit(code);
}
