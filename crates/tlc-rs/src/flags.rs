//! Command-line flags: the raw clap structs ([`Cli`]) and their resolution into
//! the settings the commands run with ([`ParseSettings`], [`CheckSettings`]),
//! in the style of ripgrep's `lowargs`/`hiargs` split. Only this module knows clap.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};

/// tlc-rs: an explicit-state model checker for TLA+, compatible with TLC.
#[derive(Debug, Parser)]
#[command(name = "tlc-rs", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse a spec, every module it EXTENDS or INSTANCEs, and its config; report every error.
    Parse(ParseArgs),
    /// Model-check a spec against its config (TLC's exit codes).
    Check(CheckArgs),
}

/// Flags shared by `parse` and `check`.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// The root module file, e.g. `Spec.tla`.
    pub spec: PathBuf,
    /// The model configuration (default: `Spec.cfg` beside the spec).
    #[arg(long, short = 'c', value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// A folder of library modules, searched after the spec's folder (repeatable,
    /// in order; then the folders of the colon-separated `TLA_PATH` variable).
    #[arg(long = "lib", value_name = "DIR")]
    pub lib: Vec<PathBuf>,
}

/// Raw flags of `tlc-rs parse`.
#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Spec, config and library path.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Print a debug dump of the root module.
    #[arg(long, value_enum, value_name = "WHAT")]
    pub dump: Option<DumpKind>,
}

/// What `--dump` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DumpKind {
    /// The root module's syntax tree (Rust `Debug`, pretty-printed).
    Ast,
}

/// Raw flags of `tlc-rs check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Spec, config and library path.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Number of worker threads, or `auto` for one per core (default 1, as TLC).
    #[arg(long, short = 'w', value_name = "N|auto", default_value = "1")]
    pub workers: String,
    /// Do not report deadlocks (like TLC's `-deadlock` or `CHECK_DEADLOCK FALSE`).
    #[arg(long)]
    pub no_deadlock: bool,
    /// Output format: human-readable text, or one JSON object on stdout.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

/// Output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// TLC-like text.
    Text,
    /// Exactly one JSON object on stdout (see docs/CI-GUIDE.md).
    Json,
}

/// Where the config comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigPath {
    /// Given with `--config`: it must exist.
    Explicit(PathBuf),
    /// `Spec.cfg` beside the spec: it may be missing (fine for `parse`).
    Default(PathBuf),
}

impl ConfigPath {
    /// The path, explicit or default.
    pub fn path(&self) -> &Path {
        match self {
            ConfigPath::Explicit(p) | ConfigPath::Default(p) => p,
        }
    }
}

/// Resolved settings of `tlc-rs parse`.
#[derive(Debug, Clone)]
pub struct ParseSettings {
    /// The root module file.
    pub spec: PathBuf,
    /// The config file.
    pub config: ConfigPath,
    /// Library folders: `--lib` folders, then `TLA_PATH` entries.
    pub search_path: Vec<PathBuf>,
    /// What to dump, if anything.
    pub dump: Option<DumpKind>,
}

/// Resolved settings of `tlc-rs check`.
#[derive(Debug, Clone)]
pub struct CheckSettings {
    /// The root module file.
    pub spec: PathBuf,
    /// The config file.
    pub config: ConfigPath,
    /// Library folders: `--lib` folders, then `TLA_PATH` entries.
    pub search_path: Vec<PathBuf>,
    /// Worker threads (at least 1).
    pub workers: usize,
    /// False if `--no-deadlock` was given (the CLI wins over `CHECK_DEADLOCK` in the config).
    pub check_deadlock_cli: bool,
    /// Output format.
    pub format: Format,
}

/// A flag value that clap accepted but that is invalid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagError(pub String);

fn resolve_common(c: CommonArgs, tla_path: Option<&str>) -> (PathBuf, ConfigPath, Vec<PathBuf>) {
    let config = match c.config {
        Some(p) => ConfigPath::Explicit(p),
        None => ConfigPath::Default(c.spec.with_extension("cfg")),
    };
    let mut search_path = c.lib;
    if let Some(tp) = tla_path {
        search_path.extend(tp.split(':').filter(|s| !s.is_empty()).map(PathBuf::from));
    }
    (c.spec, config, search_path)
}

impl ParseArgs {
    /// Resolves the flags; `tla_path` is the value of the `TLA_PATH` variable.
    pub fn resolve(self, tla_path: Option<&str>) -> ParseSettings {
        let (spec, config, search_path) = resolve_common(self.common, tla_path);
        ParseSettings {
            spec,
            config,
            search_path,
            dump: self.dump,
        }
    }
}

impl CheckArgs {
    /// Resolves the flags; `tla_path` is the value of the `TLA_PATH` variable and
    /// `cores` the number of available cores (for `--workers auto`).
    pub fn resolve(self, tla_path: Option<&str>, cores: usize) -> Result<CheckSettings, FlagError> {
        let workers = match self.workers.as_str() {
            "auto" => cores.max(1),
            w => match w.parse::<usize>() {
                Ok(n) if n >= 1 => n,
                _ => {
                    return Err(FlagError(format!(
                        "invalid value '{w}' for '--workers': expected a positive number or 'auto'"
                    )))
                }
            },
        };
        let (spec, config, search_path) = resolve_common(self.common, tla_path);
        Ok(CheckSettings {
            spec,
            config,
            search_path,
            workers,
            check_deadlock_cli: !self.no_deadlock,
            format: self.format,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Cli {
        Cli::try_parse_from(args).expect("valid flags")
    }

    #[test]
    fn default_config_is_beside_the_spec_and_tla_path_follows_lib() {
        let Command::Parse(p) = parse(&[
            "tlc-rs",
            "parse",
            "d/Spec.tla",
            "--lib",
            "L1",
            "--lib",
            "L2",
        ])
        .command
        else {
            panic!("expected parse")
        };
        let s = p.resolve(Some("T1::T2"));
        assert_eq!(s.config, ConfigPath::Default(PathBuf::from("d/Spec.cfg")));
        let sp: Vec<_> = s.search_path.iter().map(|p| p.to_str().unwrap()).collect();
        assert_eq!(sp, ["L1", "L2", "T1", "T2"]);
    }

    #[test]
    fn check_flags_resolve() {
        let Command::Check(c) = parse(&[
            "tlc-rs",
            "check",
            "S.tla",
            "--config",
            "M.cfg",
            "--workers",
            "auto",
            "--no-deadlock",
            "--format",
            "json",
        ])
        .command
        else {
            panic!("expected check")
        };
        let s = c.resolve(None, 8).expect("valid");
        assert_eq!(s.workers, 8);
        assert!(!s.check_deadlock_cli);
        assert_eq!(s.format, Format::Json);
        assert_eq!(s.config, ConfigPath::Explicit(PathBuf::from("M.cfg")));
    }

    #[test]
    fn zero_workers_is_rejected() {
        let Command::Check(c) = parse(&["tlc-rs", "check", "S.tla", "--workers", "0"]).command
        else {
            panic!("expected check")
        };
        assert!(c.resolve(None, 2).is_err());
    }
}
