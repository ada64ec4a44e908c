//! End-to-end tests of the `tlc-rs` binary, data-driven: every `tests/cli/*.tla`
//! file at the repository root starts with a line `\* tlc-rs <args>`; the test
//! runs that command inside `tests/cli/` and snapshots its exit code, stdout
//! and stderr.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

/// Runs `tlc-rs` with `args` in `dir` and renders what it did.
fn run(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_tlc-rs"))
        .args(args)
        .current_dir(dir)
        .env_remove("TLA_PATH")
        .env("NO_COLOR", "1")
        .output()
        .expect("run tlc-rs");
    let code = out
        .status
        .code()
        .map_or("killed by a signal".to_string(), |c| c.to_string());
    let mut s = format!("$ tlc-rs {}\nexit: {code}\n", args.join(" "));
    s.push_str("--- stdout\n");
    s.push_str(&String::from_utf8_lossy(&out.stdout));
    s.push_str("--- stderr\n");
    s.push_str(&String::from_utf8_lossy(&out.stderr));
    s
}

#[test]
fn cli_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let root = root.canonicalize().expect("repository root");
    insta::glob!("../../../tests/cli", "*.tla", |path| {
        let text = std::fs::read_to_string(path).expect("read case");
        let first = text.lines().next().unwrap_or("");
        let cmd = first.strip_prefix("\\* tlc-rs ").unwrap_or_else(|| {
            panic!("{}: first line must be `\\* tlc-rs <args>`", path.display())
        });
        let args: Vec<&str> = cmd.split_whitespace().collect();
        let dir = path.parent().expect("case folder");
        let output = run(dir, &args);
        let mut settings = insta::Settings::clone_current();
        settings.add_filter(&regex_escape(&root.display().to_string()), "[ROOT]");
        settings.add_filter(r#""elapsed_seconds":[0-9.]+"#, r#""elapsed_seconds":[T]"#);
        settings.add_filter(r"Finished in [0-9.]+ s", "Finished in [T] s");
        settings.bind(|| insta::assert_snapshot!(output));
    });
}

/// Escapes `s` for use as a literal in an insta filter regex.
fn regex_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[test]
fn help_lists_both_commands() {
    let out = Command::new(env!("CARGO_BIN_EXE_tlc-rs"))
        .arg("--help")
        .output()
        .expect("run tlc-rs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("parse") && text.contains("check"), "{text}");
}

/// Every `--format json` case of `tests/cli` (the error paths: parse error,
/// config error, missing spec or config, evaluation errors; and the
/// violations) prints one object that follows schema 1 strictly, with the
/// error object filled exactly for errors; plus a parse error from a file that
/// has no case of its own.
#[test]
fn json_output_follows_the_schema() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cli");
    let mut runs: Vec<Vec<String>> = vec![["check", "bad_bullet.tla", "--format", "json"]
        .map(String::from)
        .to_vec()];
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/cli")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "tla"))
        .collect();
    cases.sort();
    for case in cases {
        let text = std::fs::read_to_string(&case).expect("read case");
        let cmd = text.lines().next().unwrap_or("");
        if let Some(args) = cmd.strip_prefix("\\* tlc-rs check ") {
            if args.contains("--format json") {
                let mut a = vec!["check".to_string()];
                a.extend(args.split_whitespace().map(String::from));
                runs.push(a);
            }
        }
    }
    let mut results = BTreeSet::new();
    for args in &runs {
        let out = Command::new(env!("CARGO_BIN_EXE_tlc-rs"))
            .args(args)
            .current_dir(&dir)
            .env_remove("TLA_PATH")
            .output()
            .expect("run tlc-rs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let v = tlc_rs::json_schema::parse_and_validate(&stdout, out.status.code())
            .unwrap_or_else(|p| panic!("{args:?}: {}\n{stdout}", p.join("\n")));
        let result = v["result"].as_str().unwrap_or("").to_string();
        if matches!(
            result.as_str(),
            "parse_error" | "config_error" | "eval_error" | "system_error"
        ) {
            assert!(v["error"]["message"].is_string(), "{args:?}: {v}");
        }
        results.insert(result);
    }
    // The cases cover each error path of the schema.
    for want in [
        "parse_error",
        "config_error",
        "system_error",
        "eval_error",
        "invariant_violated",
        "property_violated",
        "deadlock",
    ] {
        assert!(
            results.contains(want),
            "no --format json case ends in {want}: {results:?}"
        );
    }
}
