//! Configuration: an optional TOML file, overridden by environment variables.
//!
//! | key (file) | environment | default |
//! |---|---|---|
//! | `database_url` | `DATABASE_URL` | `sqlite://<data_dir>/longzhi.db` |
//! | `bind` | `LONGZHI_BIND` | `127.0.0.1:8080` |
//! | `data_dir` | `LONGZHI_DATA_DIR` | `./data` |
//! | `secure_cookies` | `LONGZHI_SECURE_COOKIES` | `false` (set `true` behind HTTPS) |
//! | `trust_proxy` | `LONGZHI_TRUST_PROXY` | `false` (take the client IP from `X-Forwarded-For`) |
//! | `log_format` | `LONGZHI_LOG_FORMAT` | `text` (or `json`) |
//! | `storage` | `LONGZHI_STORAGE` | `db` (file bytes in the database) or `fs` (under `<data_dir>/files`) |
//! | `jobs` | `LONGZHI_JOBS` | `true` (run the scheduled jobs; each runs once across servers) |

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub database_url: Option<String>,
    pub bind: SocketAddr,
    pub data_dir: PathBuf,
    pub secure_cookies: bool,
    pub trust_proxy: bool,
    pub log_format: String,
    pub storage: Storage,
    pub jobs: bool,
}

/// Where uploaded files are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Storage {
    Db,
    Fs,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            database_url: None,
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            data_dir: PathBuf::from("data"),
            secure_cookies: false,
            trust_proxy: false,
            log_format: "text".into(),
            storage: Storage::Db,
            jobs: true,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {0}: {1}")]
    Read(PathBuf, std::io::Error),
    #[error("{0}: {1}")]
    Parse(PathBuf, toml::de::Error),
    #[error("{0}={1:?}: {2}")]
    Env(&'static str, String, String),
}

impl Config {
    /// Reads `file` if given (or `longzhi.toml` in the working directory if it exists), then
    /// applies the environment.
    pub fn load(file: Option<&Path>) -> Result<Self, ConfigError> {
        let default_file = Path::new("longzhi.toml");
        let file = file.or_else(|| default_file.exists().then_some(default_file));
        let mut c = match file {
            Some(f) => {
                let text =
                    std::fs::read_to_string(f).map_err(|e| ConfigError::Read(f.to_owned(), e))?;
                toml::from_str(&text).map_err(|e| ConfigError::Parse(f.to_owned(), e))?
            }
            None => Config::default(),
        };
        c.apply_env(|k| std::env::var(k).ok())?;
        Ok(c)
    }

    fn apply_env(&mut self, var: impl Fn(&str) -> Option<String>) -> Result<(), ConfigError> {
        if let Some(v) = var("DATABASE_URL").filter(|v| !v.is_empty()) {
            self.database_url = Some(v);
        }
        if let Some(v) = var("LONGZHI_BIND") {
            self.bind = v.parse().map_err(|e: std::net::AddrParseError| {
                ConfigError::Env("LONGZHI_BIND", v, e.to_string())
            })?;
        }
        if let Some(v) = var("LONGZHI_DATA_DIR") {
            self.data_dir = PathBuf::from(v);
        }
        for (name, slot) in [
            ("LONGZHI_SECURE_COOKIES", &mut self.secure_cookies),
            ("LONGZHI_TRUST_PROXY", &mut self.trust_proxy),
            ("LONGZHI_JOBS", &mut self.jobs),
        ] {
            if let Some(v) = var(name) {
                *slot = parse_bool(&v).ok_or_else(|| {
                    ConfigError::Env(name, v.clone(), "true or false expected".into())
                })?;
            }
        }
        if let Some(v) = var("LONGZHI_LOG_FORMAT") {
            self.log_format = v;
        }
        if let Some(v) = var("LONGZHI_STORAGE") {
            self.storage = match v.as_str() {
                "db" => Storage::Db,
                "fs" => Storage::Fs,
                _ => {
                    return Err(ConfigError::Env(
                        "LONGZHI_STORAGE",
                        v,
                        "db or fs expected".into(),
                    ));
                }
            };
        }
        Ok(())
    }

    /// The database to use: the configured URL, or the SQLite file in the data directory.
    pub fn database_url(&self) -> String {
        self.database_url.clone().unwrap_or_else(|| {
            format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("longzhi.db").display()
            )
        })
    }
}

fn parse_bool(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_overrides_and_defaults() {
        let mut c = Config::default();
        let env = |k: &str| match k {
            "LONGZHI_BIND" => Some("0.0.0.0:9000".to_owned()),
            "LONGZHI_DATA_DIR" => Some("/var/lib/longzhi".to_owned()),
            "LONGZHI_SECURE_COOKIES" => Some("yes".to_owned()),
            _ => None,
        };
        c.apply_env(env).unwrap();
        assert_eq!(c.bind.port(), 9000);
        assert!(c.secure_cookies);
        assert_eq!(
            c.database_url(),
            "sqlite:///var/lib/longzhi/longzhi.db?mode=rwc"
        );
        let bad = |k: &str| (k == "LONGZHI_BIND").then(|| "nowhere".to_owned());
        assert!(matches!(
            Config::default().apply_env(bad),
            Err(ConfigError::Env("LONGZHI_BIND", ..))
        ));
    }

    #[test]
    fn unknown_file_keys_are_refused() {
        assert!(toml::from_str::<Config>("bind = \"127.0.0.1:1\"\ndatabse_url = \"x\"").is_err());
    }
}
