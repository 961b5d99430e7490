//! The one `longzhi` binary: server, administration and engine commands.

use std::io::Read;
use std::path::PathBuf;

use clap::{Parser, Subcommand};
use longzhi_engine_cli::EngineCommand;
use longzhi_server::Config;
use longzhi_store::repo::{orgs, regions, roles, users};
use longzhi_store::scope::Principal;

#[derive(Debug, Parser)]
#[command(name = "longzhi", version, about)]
struct Cli {
    /// Configuration file (default: ./longzhi.toml when present); the environment overrides it.
    #[arg(long, global = true, env = "LONGZHI_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    cmd: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Start the HTTP server (migrates and loads the reference data first).
    Serve,
    /// Apply pending database migrations.
    Migrate,
    /// Load the reference data (regions, bureaus, roles, dictionaries, parameters).
    Seed {
        /// Also add the demo enterprises, institutions and users.
        #[arg(long)]
        demo: bool,
    },
    /// Manage users.
    #[command(subcommand)]
    User(UserCommand),
    /// Import reference data from files.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Run scheduled jobs now (servers run them by themselves every day).
    #[command(subcommand)]
    Jobs(JobsCommand),
    /// Check the audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Produce a report from the configured database.
    #[command(subcommand)]
    Report(ReportCommand),
    /// Print the OpenAPI document.
    Openapi,
    /// Run a computation engine on files (exit code 2 on bad input).
    #[command(subcommand)]
    Engine(EngineCommand),
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Add a user; the password is read from standard input and must be changed at first sign-in.
    Add {
        #[arg(long)]
        username: String,
        /// The organisation's code (e.g. 620500-bureau).
        #[arg(long)]
        org: String,
        /// A role code (e.g. city_admin); repeat for several.
        #[arg(long, required = true)]
        role: Vec<String>,
        #[arg(long)]
        display_name: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
enum JobsCommand {
    /// The daily jobs (the work plans' deadline reminders and overdue flags, the purge of
    /// uploads never attached …); each once per day across servers.
    RunDaily {
        /// The day to run for (YYYY-MM-DD; default today in China Standard Time).
        #[arg(long)]
        date: Option<chrono::NaiveDate>,
    },
}

#[derive(Debug, Subcommand)]
enum ReportCommand {
    /// The yearly provincial quality-status report: a PDF in Chinese (and its Excel annex), the
    /// same as the console's.
    QualityStatus {
        #[arg(long)]
        year: i32,
        /// Where to write the PDF.
        #[arg(long)]
        out: PathBuf,
        /// Also write the Excel annex of every figure here.
        #[arg(long)]
        annex: Option<PathBuf>,
        /// The framework's id (default: that of the year's round).
        #[arg(long)]
        framework: Option<i64>,
    },
}

#[derive(Debug, Subcommand)]
enum AuditCommand {
    /// Walk the hash chain of the audit log; exit code 3 and the first broken link when an entry
    /// was changed, removed, reordered or added outside the chain.
    Verify {
        /// The head `ID:HASH` printed by an earlier run and kept outside the database: that entry
        /// must still have that hash (catches a chain rewritten together with its head). Repeatable.
        #[arg(long, value_name = "ID:HASH")]
        anchor: Vec<longzhi_store::audit::Anchor>,
    },
}

/// The audit chain is broken (exit code 3: 1 is any other error, 2 a usage error).
#[derive(Debug)]
struct ChainBroken(longzhi_store::audit::Break);

impl std::fmt::Display for ChainBroken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "audit chain broken at entry {}: {}", self.0.id(), self.0)
    }
}

impl std::error::Error for ChainBroken {}

#[derive(Debug, Subcommand)]
enum ImportCommand {
    /// Regions from a CSV `level,code,name,parent_code[,name_en]` (another province, or updates).
    Regions { file: PathBuf },
}

fn main() {
    let cli = Cli::parse();
    let code = match cli.cmd {
        Command::Engine(cmd) => longzhi_engine_cli::exit_code(
            &cmd,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr(),
        ),
        Command::Openapi => {
            println!("{}", longzhi_server::openapi_json(&longzhi::modules()));
            0
        }
        cmd => match run(cli.config, cmd) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("error: {e:#}");
                if e.downcast_ref::<ChainBroken>().is_some() {
                    3
                } else {
                    1
                }
            }
        },
    };
    std::process::exit(code);
}

fn run(config_file: Option<PathBuf>, cmd: Command) -> anyhow::Result<()> {
    let config = Config::load(config_file.as_deref())?;
    init_tracing(&config);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let modules = longzhi::modules();
    rt.block_on(async move {
        if let Command::Serve = cmd {
            return longzhi_server::serve(config, modules).await;
        }
        let db = longzhi_store::backend::connect(&config.database_url()).await?;
        longzhi_server::module::migrate(&db, &modules).await?;
        match cmd {
            Command::Migrate => println!("migrations applied"),
            Command::Seed { demo: false } => {
                longzhi_server::module::seed_base(&db, &modules).await?;
                println!("reference data loaded");
            }
            Command::Seed { demo: true } => {
                longzhi_server::module::seed_demo(&db, &modules).await?;
                println!("reference and demo data loaded");
            }
            Command::User(UserCommand::Add {
                username,
                org,
                role,
                display_name,
            }) => {
                longzhi_server::module::seed_base(&db, &modules).await?;
                let mut password = String::new();
                std::io::stdin().read_to_string(&mut password)?;
                let password = password.trim_end_matches(['\r', '\n']).to_owned();
                let p = Principal::system("cli");
                let org = orgs::by_code(&db, &org)
                    .await
                    .map_err(|_| anyhow::anyhow!("no organisation with code {org:?}"))?;
                let mut role_ids = Vec::new();
                for r in &role {
                    role_ids.push(
                        roles::by_code(&db, r)
                            .await
                            .map_err(|_| anyhow::anyhow!("no role with code {r:?}"))?
                            .id,
                    );
                }
                let n = users::NewUser {
                    display_name: display_name.unwrap_or_else(|| username.clone()),
                    username,
                    password,
                    org_id: org.id,
                    role_ids,
                    email: None,
                    phone: None,
                };
                let u = users::create(&db, &p, n).await.map_err(describe)?;
                println!(
                    "user {} added (id {}); the password must be changed at first sign-in",
                    u.username, u.id
                );
            }
            Command::Import(ImportCommand::Regions { file }) => {
                let text = std::fs::read_to_string(&file)?;
                let rows = regions::parse_csv(&text).map_err(|errs| {
                    let lines: Vec<String> = errs
                        .iter()
                        .map(|(line, e)| {
                            format!("{}:{line}: {} ({:?})", file.display(), e.field, e.rule)
                        })
                        .collect();
                    anyhow::anyhow!("{}", lines.join("\n"))
                })?;
                let n = longzhi_store::seed::import_regions(&db, &rows)
                    .await
                    .map_err(describe)?;
                println!("{n} regions imported");
            }
            Command::Jobs(JobsCommand::RunDaily { date }) => {
                let date = date.unwrap_or_else(longzhi_store::today);
                let holder = format!("cli-{}", std::process::id());
                let storage = longzhi_server::app::storage(&config, &db);
                let done =
                    longzhi_server::jobs::run_daily(&db, storage.as_ref(), &modules, &holder, date)
                        .await;
                if done.is_empty() {
                    println!("daily jobs for {date} already ran (another server holds the leases)");
                }
                for line in done {
                    println!("daily jobs for {date}: {line}");
                }
            }
            Command::Report(ReportCommand::QualityStatus {
                year,
                out,
                annex,
                framework,
            }) => {
                use longzhi_quality::report;
                let framework = match framework {
                    Some(id) => id,
                    None => report::framework_of_year(&db, year)
                        .await
                        .map_err(describe)?,
                };
                let input = report::input(&db, framework, year, longzhi_store::today())
                    .await
                    .map_err(describe)?;
                if let Some(path) = annex {
                    std::fs::write(&path, report::annex(&input).map_err(describe)?)?;
                    println!("annex written to {}", path.display());
                }
                let pdf = report::pdf(input, |_| {}).await.map_err(describe)?;
                std::fs::write(&out, pdf)?;
                println!("report of {year} written to {}", out.display());
            }
            Command::Audit(AuditCommand::Verify { anchor }) => {
                let v = longzhi_store::audit::verify_anchored(&db, &anchor).await?;
                if let Some(b) = v.broken {
                    return Err(ChainBroken(b).into());
                }
                println!(
                    "audit chain verified: {} entries, head {}:{}",
                    v.entries, v.last_id, v.last_hash
                );
            }
            Command::Serve | Command::Openapi | Command::Engine(_) => {}
        }
        Ok(())
    })
}

/// A store error as a command-line message naming fields and rules.
fn describe(e: longzhi_store::StoreError) -> anyhow::Error {
    match e {
        longzhi_store::StoreError::Validation(f) => {
            let parts: Vec<String> =
                f.0.iter()
                    .map(|e| format!("{}: {:?} {:?}", e.field, e.rule, e.params))
                    .collect();
            anyhow::anyhow!("invalid input: {}", parts.join("; "))
        }
        other => anyhow::anyhow!("{other}"),
    }
}

fn init_tracing(config: &Config) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("LONGZHI_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if config.log_format == "json" {
        builder.json().init();
    } else {
        builder.init();
    }
}
