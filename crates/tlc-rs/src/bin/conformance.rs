//! The conformance runner: checks the corpus models with the built `tlc-rs`
//! binary and compares each verdict with TLC's recorded one (`models.tsv`), or
//! parses every corpus file with `tlc-rs parse`. A ratchet file lists the ids
//! that must keep passing; the run fails only if one of them fails.
//!
//! ```text
//! conformance check [--tier core,extended] [--timeout 120] [--budget SECS]
//!                   [--format json|text] [--workers [--workers-under SECS]] [--update-ratchet]
//! conformance parse-corpus [--update-ratchet]
//! conformance parse-bench [--corpus DIR] [--passes N]
//! ```
//! Output: one `PASS id` / `FAIL id: ...` line per model, then exactly
//! `N passed, M failed` on the last line.
//!
//! With `--format json` (the default) every run's stdout must be one object
//! that follows schema 1 strictly ([`tlc_rs::json_schema`]); a run that ends in
//! a violation or error is repeated in text mode, and the text verdict (exit
//! code, distinct states, violated name, trace length) must equal the JSON one.
//! With `--format text` the verdict is read from the text output instead.

use clap::{Args, Parser, Subcommand};
use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// Runs the TLC conformance corpus through tlc-rs.
#[derive(Debug, Parser)]
#[command(name = "conformance")]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Debug, Subcommand)]
enum Cmd {
    /// Model-check each corpus model and compare with TLC's results.
    Check(CheckArgs),
    /// Parse every .tla and .cfg of the corpus with `tlc-rs parse`.
    ParseCorpus(Common),
    /// Time the parsers in-process over every .tla and .cfg of the corpus.
    ParseBench(BenchArgs),
}

#[derive(Debug, Args)]
struct BenchArgs {
    /// The corpus folder [default ../shared/corpus beside the repository].
    #[arg(long)]
    corpus: Option<PathBuf>,
    /// Timed passes (after one warm-up pass); the best and the median are reported.
    #[arg(long, default_value_t = 10)]
    passes: usize,
}

#[derive(Debug, Args)]
struct Common {
    /// The corpus's models.tsv [env TLC_RS_MODELS; default ../shared/corpus/models.tsv
    /// beside the repository].
    #[arg(long)]
    models: Option<PathBuf>,
    /// The tlc-rs binary [default: `tlc-rs` beside this program].
    #[arg(long)]
    tlc_rs: Option<PathBuf>,
    /// The ratchet file: ids that must pass [default: conformance/ratchet.txt,
    /// or conformance/parse-ratchet.txt for parse-corpus].
    #[arg(long)]
    ratchet: Option<PathBuf>,
    /// Add ids that pass but are not in the ratchet to it (the list only grows).
    #[arg(long)]
    update_ratchet: bool,
    /// Only run ids containing this text.
    #[arg(long)]
    only: Option<String>,
    /// Per-run timeout in seconds.
    #[arg(long, default_value_t = 120)]
    timeout: u64,
}

#[derive(Debug, Args)]
struct CheckArgs {
    #[command(flatten)]
    common: Common,
    /// Comma-separated tiers to run: core, extended, medium.
    #[arg(long, default_value = "core,extended")]
    tier: String,
    /// Run each model with 1 and with 2 workers and also compare the two runs
    /// (same exit code, violated name and trace length; same distinct states
    /// when the model passes).
    #[arg(long)]
    workers: bool,
    /// With --workers: only repeat models whose 1-worker run took less than
    /// this many seconds (the slow ones dominate the time and are compared by
    /// hand, see docs/CI-GUIDE.md).
    #[arg(long, requires = "workers")]
    workers_under: Option<f64>,
    /// Which output of `tlc-rs check` to read the verdict from.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Total time budget in seconds: models not started within it are reported
    /// as `SKIP` and count as failed (a skipped ratchet id fails the run).
    #[arg(long)]
    budget: Option<u64>,
}

/// The output format the runner reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// `--format json`, validated against the schema and cross-checked with text.
    Json,
    /// The TLC-style text output.
    Text,
}

/// One row of models.tsv.
#[derive(Debug, Clone)]
struct Model {
    id: String,
    tier: String,
    module: PathBuf,
    cfg: PathBuf,
    exit_code: i32,
    distinct: Option<u64>,
    violated: Option<String>,
    trace_len: Option<usize>,
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn models_path(c: &Common) -> PathBuf {
    c.models
        .clone()
        .or_else(|| std::env::var_os("TLC_RS_MODELS").map(PathBuf::from))
        .unwrap_or_else(|| repo_root().join("../shared/corpus/models.tsv"))
}

fn tlc_rs_path(c: &Common) -> PathBuf {
    if let Some(p) = &c.tlc_rs {
        return p.clone();
    }
    let exe = std::env::current_exe().unwrap_or_default();
    exe.with_file_name(format!("tlc-rs{}", std::env::consts::EXE_SUFFIX))
}

fn read_models(path: &Path) -> Result<Vec<Model>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let base = path.parent().unwrap_or(Path::new("."));
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 8 {
            return Err(format!(
                "{}:{}: expected at least 8 columns",
                path.display(),
                n + 1
            ));
        }
        let opt = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
        out.push(Model {
            id: f[0].to_string(),
            tier: f[1].to_string(),
            module: base.join(f[2]),
            cfg: base.join(f[3]),
            exit_code: f[4]
                .trim()
                .parse()
                .map_err(|_| format!("{}:{}: bad exit code", path.display(), n + 1))?,
            distinct: opt(f[5]).and_then(|s| s.parse().ok()),
            violated: opt(f[6]),
            trace_len: opt(f[7]).and_then(|s| s.parse().ok()),
        });
    }
    Ok(out)
}

/// Ratchet file: one id per line; `#` starts a comment.
fn read_ratchet(path: &Path) -> BTreeSet<String> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

fn write_ratchet(path: &Path, ids: &BTreeSet<String>, header: &str) -> std::io::Result<()> {
    if let Some(d) = path.parent() {
        std::fs::create_dir_all(d)?;
    }
    let mut text = String::from(header);
    for id in ids {
        text.push_str(id);
        text.push('\n');
    }
    std::fs::write(path, text)
}

/// What one run of tlc-rs produced.
struct RunOutput {
    exit: Option<i32>,
    stdout: String,
    stderr: String,
    timed_out: bool,
}

fn run_with_timeout(mut cmd: Command, timeout: Duration) -> Result<RunOutput, String> {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start tlc-rs: {e}"))?;
    let mut out = child.stdout.take();
    let mut err = child.stderr.take();
    let t_out = std::thread::spawn(move || {
        let mut s = String::new();
        if let Some(o) = out.as_mut() {
            let _ = o.read_to_string(&mut s);
        }
        s
    });
    let t_err = std::thread::spawn(move || {
        let mut s = String::new();
        if let Some(e) = err.as_mut() {
            let _ = e.read_to_string(&mut s);
        }
        s
    });
    let start = Instant::now();
    let mut timed_out = false;
    let status = loop {
        match child.try_wait() {
            Ok(Some(st)) => break Some(st),
            Ok(None) if start.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                timed_out = true;
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(format!("waiting for tlc-rs: {e}")),
        }
    };
    Ok(RunOutput {
        exit: status.and_then(|s| s.code()),
        stdout: t_out.join().unwrap_or_default(),
        stderr: t_err.join().unwrap_or_default(),
        timed_out,
    })
}

/// The facts compared with TLC's.
#[derive(Debug, PartialEq)]
struct Verdict {
    exit_code: i32,
    distinct: u64,
    violated: Option<String>,
    trace_len: usize,
    message: Option<String>,
}

fn check_model(
    tlc_rs: &Path,
    m: &Model,
    lib: &Path,
    workers: usize,
    timeout: Duration,
    format: Format,
) -> Result<Verdict, String> {
    let mut cmd = Command::new(tlc_rs);
    cmd.arg("check")
        .arg(&m.module)
        .arg("--config")
        .arg(&m.cfg)
        .arg("--lib")
        .arg(lib)
        .arg("--workers")
        .arg(workers.to_string());
    if format == Format::Json {
        cmd.arg("--format").arg("json");
    }
    let out = run_with_timeout(cmd, timeout)?;
    if out.timed_out {
        return Err(format!("timeout after {} s", timeout.as_secs()));
    }
    match format {
        Format::Json => json_verdict(&out),
        Format::Text => Ok(text_verdict(&out)),
    }
}

/// The verdict of a `--format json` run; its stdout must follow the schema.
fn json_verdict(out: &RunOutput) -> Result<Verdict, String> {
    let v = tlc_rs::json_schema::parse_and_validate(&out.stdout, out.exit).map_err(|problems| {
        let last = out.stderr.lines().last().unwrap_or("").trim().to_string();
        format!(
            "bad JSON output (exit {:?}): {}{}",
            out.exit,
            problems.join("; "),
            if last.is_empty() {
                String::new()
            } else {
                format!(" [stderr: {last}]")
            }
        )
    })?;
    Ok(Verdict {
        exit_code: out.exit.unwrap_or(-1),
        distinct: v["distinct_states"].as_u64().unwrap_or(0),
        violated: v["violation"]["name"]
            .as_str()
            .filter(|s| !s.is_empty())
            .map(str::to_string),
        trace_len: v["trace"].as_array().map_or(0, Vec::len),
        message: v["error"]["message"].as_str().map(str::to_string),
    })
}

/// The verdict of a text-mode run, read from TLC-style lines.
fn text_verdict(out: &RunOutput) -> Verdict {
    let mut distinct = 0;
    let mut violated = None;
    let mut trace_len = 0;
    for line in out.stdout.lines() {
        if let Some((before, _)) = line.split_once(" distinct states found") {
            if let Some(n) = before.rsplit(' ').next().and_then(|n| n.parse().ok()) {
                distinct = n;
            }
        }
        let name = line
            .strip_prefix("Error: Invariant ")
            .or_else(|| line.strip_prefix("Error: Temporal property "))
            .or_else(|| line.strip_prefix("Error: Action property "))
            .and_then(|r| r.strip_suffix(" is violated."));
        if let Some(n) = name {
            violated = Some(n.to_string());
        }
        if line.starts_with("State ") && line.contains(": <") {
            trace_len += 1;
        }
    }
    let message = out
        .stderr
        .lines()
        .find_map(|l| l.strip_prefix("error: "))
        .map(str::to_string);
    Verdict {
        exit_code: out.exit.unwrap_or(-1),
        distinct,
        violated,
        trace_len,
        message,
    }
}

/// Differences between the JSON and the text verdict of the same model.
fn compare_formats(json: &Verdict, text: &Verdict) -> Vec<String> {
    let mut diffs = Vec::new();
    if json.exit_code != text.exit_code {
        diffs.push(format!(
            "exit {} in JSON but {} in text",
            json.exit_code, text.exit_code
        ));
    }
    if json.distinct != text.distinct {
        diffs.push(format!(
            "{} distinct states in JSON but {} in text",
            json.distinct, text.distinct
        ));
    }
    if json.trace_len != text.trace_len {
        diffs.push(format!(
            "a trace of {} states in JSON but {} in text",
            json.trace_len, text.trace_len
        ));
    }
    // Text names invariants and properties; JSON also names assumptions/asserts.
    if text.violated.is_some() && json.violated != text.violated {
        diffs.push(format!(
            "violation of {:?} in JSON but {:?} in text",
            json.violated, text.violated
        ));
    }
    diffs
}

/// True if the model's module, or a module beside it that it names (EXTENDS,
/// INSTANCE), reads `TLCGet("config")`, which holds the worker count: such a
/// spec may behave differently with 2 workers on purpose (DieHardest ASSUMEs
/// `TLCGet("config").worker = 1`, which TLC fails too with 2 workers), so it is
/// not compared across worker counts.
fn reads_worker_count(m: &Model) -> bool {
    let mut beside: Vec<(String, PathBuf)> = Vec::new();
    if let Some(Ok(rd)) = m.module.parent().map(std::fs::read_dir) {
        for p in rd.filter_map(|e| e.ok().map(|e| e.path())) {
            if p.extension().is_some_and(|e| e == "tla") {
                if let Some(stem) = p.file_stem() {
                    beside.push((stem.to_string_lossy().into_owned(), p.clone()));
                }
            }
        }
    }
    let mut todo = vec![m.module.clone()];
    let mut seen: BTreeSet<PathBuf> = BTreeSet::new();
    while let Some(p) = todo.pop() {
        if !seen.insert(p.clone()) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue;
        };
        if text.contains("TLCGet(\"config\")") {
            return true;
        }
        let words: BTreeSet<&str> = text
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .collect();
        todo.extend(
            beside
                .iter()
                .filter(|(name, _)| words.contains(name.as_str()))
                .map(|(_, path)| path.clone()),
        );
    }
    false
}

/// Differences between the 1-worker and the 2-worker verdict of a model.
fn compare_workers(m: &Model, v1: &Verdict, v2: &Verdict) -> Vec<String> {
    let mut diffs = Vec::new();
    if v1.exit_code != v2.exit_code {
        diffs.push(format!(
            "exit {} with 1 worker but {} with 2",
            v1.exit_code, v2.exit_code
        ));
        return diffs;
    }
    if m.exit_code == 0 && v1.distinct != v2.distinct {
        diffs.push(format!(
            "{} distinct states with 1 worker but {} with 2",
            v1.distinct, v2.distinct
        ));
    }
    if v1.violated != v2.violated {
        diffs.push(format!(
            "violation of {:?} with 1 worker but {:?} with 2",
            v1.violated, v2.violated
        ));
    }
    if v1.trace_len != v2.trace_len {
        diffs.push(format!(
            "a trace of {} states with 1 worker but {} with 2",
            v1.trace_len, v2.trace_len
        ));
    }
    diffs
}

/// Differences between TLC's expectation and tlc-rs's verdict (empty = pass).
fn compare(m: &Model, v: &Verdict) -> Vec<String> {
    let mut diffs = Vec::new();
    if v.exit_code != m.exit_code {
        let why = v
            .message
            .as_deref()
            .map(|s| format!(" ({})", s.lines().next().unwrap_or("")))
            .unwrap_or_default();
        diffs.push(format!(
            "expected exit {}, got {}{why}",
            m.exit_code, v.exit_code
        ));
        return diffs;
    }
    if let Some(d) = m.distinct {
        if d != v.distinct {
            diffs.push(format!("expected {d} distinct states, got {}", v.distinct));
        }
    }
    if let Some(name) = &m.violated {
        if v.violated.as_deref() != Some(name) {
            diffs.push(format!(
                "expected violation of {name}, got {:?}",
                v.violated
            ));
        }
    }
    if let Some(n) = m.trace_len {
        if n != v.trace_len {
            diffs.push(format!(
                "expected a trace of {n} states, got {}",
                v.trace_len
            ));
        }
    }
    diffs
}

/// Prints the summary, handles the ratchet, and returns the exit code.
fn finish(results: &[(String, bool)], ratchet_path: &Path, update: bool, header: &str) -> ExitCode {
    let mut ratchet = read_ratchet(ratchet_path);
    let passed: Vec<&String> = results.iter().filter(|r| r.1).map(|r| &r.0).collect();
    let regressions: Vec<&String> = results
        .iter()
        .filter(|r| !r.1 && ratchet.contains(&r.0))
        .map(|r| &r.0)
        .collect();
    let new: Vec<&String> = passed
        .iter()
        .copied()
        .filter(|id| !ratchet.contains(*id))
        .collect();
    for id in &new {
        println!("NEW {id} passes but is not in {}", ratchet_path.display());
    }
    if update && !new.is_empty() {
        ratchet.extend(new.iter().map(|s| s.to_string()));
        match write_ratchet(ratchet_path, &ratchet, header) {
            Ok(()) => println!("added {} id(s) to {}", new.len(), ratchet_path.display()),
            Err(e) => eprintln!("cannot write {}: {e}", ratchet_path.display()),
        }
    } else if !new.is_empty() {
        println!("(run with --update-ratchet to add them)");
    }
    for id in &regressions {
        println!("REGRESSION {id} is in the ratchet but failed");
    }
    println!(
        "{} passed, {} failed",
        passed.len(),
        results.len() - passed.len()
    );
    if regressions.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

const CHECK_HEADER: &str =
    "# Corpus models (ids from ../shared/corpus/models.tsv) that tlc-rs must keep\n\
# matching TLC on. The conformance run fails if one of them fails. Grow it with\n\
# `conformance check --update-ratchet`; never remove an id to make CI pass.\n";
const PARSE_HEADER: &str = "# Corpus files that `tlc-rs parse` must keep parsing without error.\n\
# Grow it with `conformance parse-corpus --update-ratchet`.\n";

fn run_check(a: CheckArgs) -> ExitCode {
    let c = &a.common;
    let models_file = models_path(c);
    let models = match read_models(&models_file) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("conformance: {e}");
            return ExitCode::from(2);
        }
    };
    let lib = models_file.parent().unwrap_or(Path::new(".")).join("lib");
    let tiers: Vec<&str> = a.tier.split(',').map(str::trim).collect();
    let tlc_rs = tlc_rs_path(c);
    let timeout = Duration::from_secs(c.timeout);
    let mut results = Vec::new();
    let run_start = Instant::now();
    for m in models.iter().filter(|m| {
        tiers.contains(&m.tier.as_str()) && c.only.as_deref().is_none_or(|o| m.id.contains(o))
    }) {
        if a.budget
            .is_some_and(|b| run_start.elapsed() > Duration::from_secs(b))
        {
            println!(
                "SKIP {}: time budget of {} s exhausted",
                m.id,
                a.budget.unwrap_or(0)
            );
            results.push((m.id.clone(), false));
            continue;
        }
        let start = Instant::now();
        let res = check_model(&tlc_rs, m, &lib, 1, timeout, a.format).and_then(|v| {
            let mut diffs = compare(m, &v);
            // A violation or error: the text output must tell the same story.
            if a.format == Format::Json && (v.exit_code != 0 || v.trace_len > 0) {
                let t = check_model(&tlc_rs, m, &lib, 1, timeout, Format::Text)
                    .map_err(|e| format!("text run: {e}"))?;
                diffs.extend(compare_formats(&v, &t));
            }
            Ok((diffs, v))
        });
        let one_worker_secs = start.elapsed().as_secs_f64();
        let repeat = a.workers
            && a.workers_under.is_none_or(|s| one_worker_secs < s)
            && !reads_worker_count(m);
        let res = match res {
            Ok((diffs, v1)) if diffs.is_empty() && repeat => {
                match check_model(&tlc_rs, m, &lib, 2, timeout, a.format) {
                    Ok(v2) => Ok(compare_workers(m, &v1, &v2)),
                    Err(e) => Err(format!("2 workers: {e}")),
                }
            }
            r => r.map(|(d, _)| d),
        };
        let secs = start.elapsed().as_secs_f64();
        let ok = match res {
            Ok(diffs) if diffs.is_empty() => {
                let w = if repeat { ", 1 and 2 workers" } else { "" };
                println!("PASS {} ({secs:.1} s{w})", m.id);
                true
            }
            Ok(diffs) => {
                println!("FAIL {}: {}", m.id, diffs.join("; "));
                false
            }
            Err(e) => {
                println!("FAIL {}: {e}", m.id);
                false
            }
        };
        results.push((m.id.clone(), ok));
    }
    let ratchet = c
        .ratchet
        .clone()
        .unwrap_or_else(|| repo_root().join("conformance/ratchet.txt"));
    finish(&results, &ratchet, c.update_ratchet, CHECK_HEADER)
}

fn walk(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, ext, out);
        } else if p.extension().is_some_and(|e| e == ext) {
            out.push(p);
        }
    }
}

fn run_parse_corpus(c: Common) -> ExitCode {
    let models_file = models_path(&c);
    let corpus = models_file.parent().unwrap_or(Path::new(".")).to_path_buf();
    let lib = corpus.join("lib");
    let models = read_models(&models_file).unwrap_or_default();
    let tlc_rs = tlc_rs_path(&c);
    let timeout = Duration::from_secs(c.timeout);
    let mut tla = Vec::new();
    let mut cfg = Vec::new();
    walk(&corpus, "tla", &mut tla);
    walk(&corpus, "cfg", &mut cfg);
    // Each .tla alone (with its same-named .cfg if there is one); each other .cfg
    // with the module models.tsv pairs it with, or else a .tla of its folder.
    let mut jobs: Vec<(String, PathBuf, Option<PathBuf>)> = Vec::new();
    for t in &tla {
        jobs.push((rel(&corpus, t), t.clone(), None));
    }
    for f in &cfg {
        if f.with_extension("tla").is_file() {
            continue; // parsed with its module above
        }
        let spec = models
            .iter()
            .find(|m| m.cfg == *f)
            .map(|m| m.module.clone())
            .or_else(|| {
                let mut in_dir = Vec::new();
                walk(f.parent().unwrap_or(Path::new(".")), "tla", &mut in_dir);
                in_dir.into_iter().find(|t| t.parent() == f.parent())
            });
        match spec {
            Some(s) => jobs.push((rel(&corpus, f), s, Some(f.clone()))),
            None => println!("SKIP {}: no module beside it", rel(&corpus, f)),
        }
    }
    // Module names defined by some corpus file (file name = module name).
    let corpus_modules: BTreeSet<String> = tla
        .iter()
        .filter_map(|t| t.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    let mut results = Vec::new();
    let start = Instant::now();
    for (id, spec, cfg) in jobs {
        if c.only.as_deref().is_some_and(|o| !id.contains(o)) {
            continue;
        }
        let mut cmd = Command::new(&tlc_rs);
        cmd.arg("parse").arg(&spec).arg("--lib").arg(&lib);
        if let Some(f) = &cfg {
            cmd.arg("--config").arg(f);
        }
        let ok = match run_with_timeout(cmd, timeout) {
            Ok(o) if o.exit == Some(0) => {
                println!("PASS {id}");
                true
            }
            Ok(o)
                if o.exit == Some(150)
                    && missing_elsewhere(&o.stderr, &corpus_modules).is_some() =>
            {
                // The file parsed; it needs a module that is nowhere in the corpus
                // (e.g. a community module the corpus does not ship).
                let names = missing_elsewhere(&o.stderr, &corpus_modules).unwrap_or_default();
                println!("PASS {id} (needs {}, not in the corpus)", names.join(", "));
                true
            }
            Ok(o) => {
                let first = o
                    .stderr
                    .lines()
                    .find(|l| l.starts_with("error"))
                    .unwrap_or("")
                    .to_string();
                let at = o
                    .stderr
                    .lines()
                    .find(|l| l.contains("┌─"))
                    .map(|l| l.trim().trim_start_matches("┌─").trim().to_string())
                    .unwrap_or_default();
                let why = if o.timed_out {
                    "timeout".to_string()
                } else {
                    format!("exit {:?}: {first} {at}", o.exit)
                };
                println!("FAIL {id}: {why}");
                false
            }
            Err(e) => {
                println!("FAIL {id}: {e}");
                false
            }
        };
        results.push((id, ok));
    }
    eprintln!(
        "parsed {} runs in {:.2} s",
        results.len(),
        start.elapsed().as_secs_f64()
    );
    let ratchet = c
        .ratchet
        .clone()
        .unwrap_or_else(|| repo_root().join("conformance/parse-ratchet.txt"));
    finish(&results, &ratchet, c.update_ratchet, PARSE_HEADER)
}

/// If every error in `stderr` is "cannot find module X" for modules that no
/// corpus file defines, their names.
fn missing_elsewhere(stderr: &str, corpus_modules: &BTreeSet<String>) -> Option<Vec<String>> {
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error")).collect();
    let mut names = Vec::new();
    for e in &errors {
        let name = e.strip_prefix("error: cannot find module ")?.trim();
        if corpus_modules.contains(name) {
            return None;
        }
        names.push(name.to_string());
    }
    (!names.is_empty()).then_some(names)
}

fn rel(base: &Path, p: &Path) -> String {
    p.strip_prefix(base).unwrap_or(p).display().to_string()
}

fn run_parse_bench(a: BenchArgs) -> ExitCode {
    let corpus = a
        .corpus
        .unwrap_or_else(|| repo_root().join("../shared/corpus"));
    let mut tla = Vec::new();
    let mut cfg = Vec::new();
    walk(&corpus, "tla", &mut tla);
    walk(&corpus, "cfg", &mut cfg);
    let read = |ps: &[PathBuf]| -> Vec<String> {
        ps.iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect()
    };
    let (tla_src, cfg_src) = (read(&tla), read(&cfg));
    let bytes: usize = tla_src.iter().chain(&cfg_src).map(String::len).sum();
    let pass = || -> (usize, Duration) {
        let start = Instant::now();
        let mut errors = 0;
        for s in &tla_src {
            errors += tlc_syntax::parse_file(tlc_syntax::FileId(0), s)
                .errors
                .len();
        }
        for s in &cfg_src {
            errors += tlc_syntax::cfg::parse_config(tlc_syntax::FileId(0), s)
                .1
                .len();
        }
        (errors, start.elapsed())
    };
    let (errors, _) = pass();
    let mut times: Vec<Duration> = (0..a.passes.max(1)).map(|_| pass().1).collect();
    times.sort();
    let best = times[0];
    let median = times[times.len() / 2];
    println!(
        "parsed {} .tla files and {} .cfg files ({:.1} MB) with {errors} syntax errors",
        tla_src.len(),
        cfg_src.len(),
        bytes as f64 / 1e6
    );
    println!(
        "in-process, one pass: best {:.1} ms, median {:.1} ms over {} passes ({:.1} MB/s)",
        best.as_secs_f64() * 1e3,
        median.as_secs_f64() * 1e3,
        times.len(),
        bytes as f64 / 1e6 / best.as_secs_f64()
    );
    ExitCode::SUCCESS
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Cmd::Check(a) => run_check(a),
        Cmd::ParseCorpus(c) => run_parse_corpus(c),
        Cmd::ParseBench(a) => run_parse_bench(a),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> Model {
        Model {
            id: "X".into(),
            tier: "core".into(),
            module: "X.tla".into(),
            cfg: "X.cfg".into(),
            exit_code: 12,
            distinct: None,
            violated: Some("Inv".into()),
            trace_len: Some(3),
        }
    }

    #[test]
    fn compare_reports_each_difference() {
        let good = Verdict {
            exit_code: 12,
            distinct: 9,
            violated: Some("Inv".into()),
            trace_len: 3,
            message: None,
        };
        assert!(compare(&model(), &good).is_empty());
        let long = Verdict {
            trace_len: 4,
            ..good
        };
        assert_eq!(
            compare(&model(), &long),
            ["expected a trace of 3 states, got 4"]
        );
        let wrong = Verdict {
            exit_code: 153,
            distinct: 0,
            violated: None,
            trace_len: 0,
            message: Some("not wired".into()),
        };
        assert_eq!(
            compare(&model(), &wrong),
            ["expected exit 12, got 153 (not wired)"]
        );
    }

    #[test]
    fn only_modules_missing_from_the_corpus_are_excused() {
        let corpus: BTreeSet<String> = ["Here".to_string()].into();
        let out = "error: cannot find module SVG\n  ┌─ a.tla:2:3\nerror: cannot find module Json\n";
        assert_eq!(
            missing_elsewhere(out, &corpus),
            Some(vec!["SVG".into(), "Json".into()])
        );
        let out = "error: cannot find module Here\n";
        assert_eq!(missing_elsewhere(out, &corpus), None);
        let out = "error: cannot find module SVG\nerror: unexpected `)`\n";
        assert_eq!(missing_elsewhere(out, &corpus), None);
    }

    #[test]
    fn worker_count_readers_are_found_through_extends() {
        let d = std::env::temp_dir().join(format!("tlc-workers-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        let w = |name: &str, text: &str| std::fs::write(d.join(name), text).unwrap();
        w("MC.tla", "---- MODULE MC ----\nEXTENDS Base, TLC\n====\n");
        w(
            "Base.tla",
            "---- MODULE Base ----\nASSUME TLCGet(\"config\").worker = 1\n====\n",
        );
        w(
            "Plain.tla",
            "---- MODULE Plain ----\nEXTENDS Naturals\n====\n",
        );
        w(
            "Smoke.tla",
            "---- MODULE Smoke ----\nASSUME TLCGet(\"config\").mode = \"bfs\"\n====\n",
        );
        let at = |name: &str| Model {
            module: d.join(name),
            ..model()
        };
        assert!(reads_worker_count(&at("MC.tla")));
        assert!(!reads_worker_count(&at("Plain.tla")));
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn ratchet_ignores_comments_and_blank_lines() {
        let d = std::env::temp_dir().join(format!("tlc-ratchet-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        let p = d.join("r.txt");
        std::fs::write(&p, "# header\nA/B\n\n  C # why\n").unwrap();
        let r = read_ratchet(&p);
        assert_eq!(r.into_iter().collect::<Vec<_>>(), ["A/B", "C"]);
        let _ = std::fs::remove_dir_all(&d);
    }
}
