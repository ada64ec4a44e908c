//! The `parse` and `check` commands: resolve settings, load the spec and the
//! config, report errors, and (for `check`) hand over to [`crate::engine`].

use crate::diag::{self, Diag, Phase};
use crate::flags::{CheckSettings, Cli, Command, ConfigPath, DumpKind, Format, ParseSettings};
use crate::frontend::{self, LoadedConfig};
use crate::output::{self, RunInfo};
use crate::progress::Progress;
use crate::report::{CheckReport, ErrorInfo, Outcome};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use std::io::{IsTerminal, Write};
use tlc_syntax::loader::LoadedSpec;
use tlc_syntax::SourceMap;

/// Runs the command and returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    let tla_path = std::env::var("TLA_PATH").ok();
    match cli.command {
        Command::Parse(a) => parse(a.resolve(tla_path.as_deref())),
        Command::Check(a) => {
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
            match a.resolve(tla_path.as_deref(), cores) {
                Ok(s) => check(s),
                Err(e) => {
                    eprintln!("error: {}", e.0);
                    2
                }
            }
        }
    }
}

/// Loads the config named by `cfg` into `spec.sources`. A missing default
/// config gives `Ok(None)` when `required` is false.
fn load_config(
    cfg: &ConfigPath,
    required: bool,
    sources: &mut SourceMap,
    diags: &mut Vec<Diag>,
) -> Option<LoadedConfig> {
    if let ConfigPath::Default(p) = cfg {
        if !required && !p.exists() {
            return None;
        }
    }
    match frontend::load_config(cfg.path(), sources) {
        Ok(c) => {
            diags.extend(c.errors.iter().map(Diag::from_config));
            Some(c)
        }
        Err(e) => {
            diags.push(Diag::plain(
                Phase::Config,
                format!("cannot read config file {}: {}", e.path.display(), e.reason),
            ));
            None
        }
    }
}

fn spec_diags(spec: &LoadedSpec) -> Vec<Diag> {
    spec.errors.iter().map(Diag::from_load).collect()
}

/// `tlc-rs parse`.
fn parse(s: ParseSettings) -> i32 {
    let mut spec = frontend::load(&s.spec, &s.search_path);
    let mut diags = spec_diags(&spec);
    let cfg = load_config(&s.config, false, &mut spec.sources, &mut diags);
    diag::render_stderr(&spec.sources, &diags);
    let code = diag::exit_code(&diags);
    let mut stdout = std::io::stdout().lock();
    match s.dump {
        Some(DumpKind::Ast) => {
            if let Some(root) = spec.root() {
                let _ = writeln!(stdout, "{root:#?}");
            }
        }
        None if code == 0 => {
            let names: Vec<&str> = spec.modules.iter().map(|m| &*m.name.name).collect();
            let cfg_text = match &cfg {
                Some(c) => format!("config {}", spec.sources.file(c.file).path.display()),
                None => "no config".to_string(),
            };
            let _ = writeln!(
                stdout,
                "Parsed {} ({} module{}: {}) and {cfg_text} without error.",
                s.spec.display(),
                names.len(),
                if names.len() == 1 { "" } else { "s" },
                names.join(", ")
            );
        }
        None => {}
    }
    code
}

fn error_info(d: &Diag, sources: &SourceMap) -> ErrorInfo {
    let loc = d.location(sources);
    ErrorInfo {
        message: d.message.clone(),
        file: loc.map(|(p, _, _)| p.display().to_string()),
        line: loc.map(|(_, l, _)| l),
        column: loc.map(|(_, _, c)| c),
    }
}

/// `tlc-rs check`.
fn check(s: CheckSettings) -> i32 {
    let info = RunInfo {
        spec: s.spec.display().to_string(),
        model: s.config.path().display().to_string(),
        workers: s.workers,
    };
    let mut spec = frontend::load(&s.spec, &s.search_path);
    let mut diags = spec_diags(&spec);
    let cfg = load_config(&s.config, true, &mut spec.sources, &mut diags);
    diag::render_stderr(&spec.sources, &diags);

    let report = match (diags.first(), &cfg) {
        (Some(_), _) | (None, None) => {
            let code = diag::exit_code(&diags);
            let outcome = match code {
                150 => Outcome::ParseError,
                151 => Outcome::ConfigError,
                _ => Outcome::SystemError,
            };
            // Report the first error of the phase that decided the exit code.
            let first = diags
                .iter()
                .find(|d| diag::exit_code(std::slice::from_ref(d)) == code)
                .or(diags.first());
            let info = match first {
                Some(d) => error_info(d, &spec.sources),
                None => ErrorInfo {
                    message: "no config".into(),
                    file: None,
                    line: None,
                    column: None,
                },
            };
            CheckReport::early(outcome, info)
        }
        (None, Some(config)) => {
            if s.format == Format::Text {
                println!("{}", output::text::header(&info));
            }
            let progress = Progress::for_stderr();
            let report = crate::engine::run(
                crate::engine::CheckInput {
                    spec: &spec,
                    config,
                    settings: &s,
                },
                &progress,
            );
            progress.finish();
            report
        }
    };
    emit(&s, &info, &report);
    report.exit_code()
}

fn emit(s: &CheckSettings, info: &RunInfo, report: &CheckReport) {
    match s.format {
        Format::Json => {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{}", output::json::to_json(info, report));
        }
        Format::Text => {
            let color = if std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
            {
                ColorChoice::Auto
            } else {
                ColorChoice::Never
            };
            let stdout = StandardStream::stdout(color);
            let mut lock = stdout.lock();
            if report.outcome == Outcome::SystemError {
                // System errors without a diagnostic (e.g. the engine's) go to stderr too.
                if let Some(e) = &report.error {
                    eprintln!("error: {}", e.message);
                }
                return;
            }
            let _ = output::text::write_report(&mut lock, report);
        }
    }
}
