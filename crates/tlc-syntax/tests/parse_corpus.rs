//! Acceptance test: every `.tla` file of the shared corpus (TLA+ Examples and community
//! modules) parses with zero errors, and every AST node's span lies within its parent's.
//! Skips when the corpus is not present.

mod parse_support;

use std::path::{Path, PathBuf};
use tlc_syntax::{parse_file, FileId, SourceFile};

fn tla_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            tla_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "tla") {
            out.push(p);
        }
    }
}

#[test]
fn corpus_parses_without_errors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    if !root.is_dir() {
        eprintln!("corpus not found at {}; skipping", root.display());
        return;
    }
    let mut files = Vec::new();
    tla_files(&root, &mut files);
    files.sort();
    assert!(!files.is_empty(), "no .tla files under {}", root.display());
    let mut failures = Vec::new();
    let mut span_failures = Vec::new();
    for path in &files {
        let Ok(src) = std::fs::read_to_string(path) else {
            continue;
        };
        let parsed = parse_file(FileId(0), &src);
        let mut bad = Vec::new();
        for m in &parsed.modules {
            parse_support::check_spans(m, &mut bad);
        }
        if let Some(b) = bad.first() {
            span_failures.push(format!("{}: {b}", path.display()));
        }
        if !parsed.errors.is_empty() || parsed.modules.is_empty() {
            let sf = SourceFile::new(path.clone(), src.as_str());
            let mut msg = format!("{}:", path.display());
            if parsed.modules.is_empty() {
                msg.push_str(" no module;");
            }
            for e in parsed.errors.iter().take(3) {
                let (l, c) = sf.line_col(e.span.start);
                msg.push_str(&format!(" [{l}:{c}: {}]", e.message));
            }
            failures.push(msg);
        }
    }
    eprintln!(
        "corpus: {} of {} files parse without errors",
        files.len() - failures.len(),
        files.len()
    );
    assert!(
        span_failures.is_empty(),
        "span nesting violated:\n{}",
        span_failures.join("\n")
    );
    assert!(
        failures.is_empty(),
        "{} files failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
