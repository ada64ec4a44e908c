//! End-to-end tests of the `tlc-rs` binary, data-driven: every `tests/cli/*.tla`
//! file at the repository root starts with a line `\* tlc-rs <args>`; the test
//! runs that command inside `tests/cli/` and snapshots its exit code, stdout
//! and stderr.

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

#[test]
fn json_output_is_exactly_one_object() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cli");
    for args in [
        &[
            "check",
            "missing_config.tla",
            "--config",
            "no_such.cfg",
            "--format",
            "json",
        ][..],
        &["check", "does_not_exist.tla", "--format", "json"][..],
        &["check", "bad_bullet.tla", "--format", "json"][..],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_tlc-rs"))
            .args(args)
            .current_dir(&dir)
            .output()
            .expect("run tlc-rs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let v: serde_json::Value = serde_json::from_str(stdout.trim())
            .unwrap_or_else(|e| panic!("{args:?}: not one JSON object ({e}): {stdout}"));
        assert_eq!(v["schema"], 1);
        assert_eq!(v["exit_code"].as_i64(), out.status.code().map(i64::from));
        assert!(v["error"]["message"].is_string(), "{v}");
    }
}
