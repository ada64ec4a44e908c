//! Data-driven parser tests: every `tests/data/parse/ok/*.tla` must parse without errors
//! (snapshot: the AST as S-expressions, unit spans as line:col ranges), and every
//! `tests/data/parse/err/*.tla` must produce errors (snapshot: `line:col: message` lines,
//! then the units that were recovered).

mod parse_support;

use parse_support::{check_spans, module_sexpr};
use tlc_syntax::{parse_file, FileId, SourceFile};

fn render(path: &std::path::Path) -> (String, usize, Vec<String>) {
    let src = std::fs::read_to_string(path).expect("test data is readable");
    let sf = SourceFile::new(path, src.as_str());
    let parsed = parse_file(FileId(0), &src);
    let mut out = String::new();
    for e in &parsed.errors {
        let (l, c) = sf.line_col(e.span.start);
        out.push_str(&format!("error {l}:{c}: {}\n", e.message));
    }
    let mut bad = Vec::new();
    for m in &parsed.modules {
        module_sexpr(&sf, m, 0, &mut out);
        check_spans(m, &mut bad);
    }
    (out, parsed.errors.len(), bad)
}

#[test]
fn parse_ok() {
    insta::glob!("data/parse/ok/*.tla", |path| {
        let (out, n_errors, bad) = render(path);
        assert_eq!(
            n_errors,
            0,
            "unexpected errors in {}:\n{out}",
            path.display()
        );
        assert!(
            bad.is_empty(),
            "span violations in {}: {bad:#?}",
            path.display()
        );
        insta::assert_snapshot!(out);
    });
}

#[test]
fn parse_err() {
    insta::glob!("data/parse/err/*.tla", |path| {
        let (out, n_errors, bad) = render(path);
        assert!(n_errors > 0, "expected errors in {}", path.display());
        assert!(
            bad.is_empty(),
            "span violations in {}: {bad:#?}",
            path.display()
        );
        insta::assert_snapshot!(out);
    });
}
