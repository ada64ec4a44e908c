//! Tests of `parse_expr` (standalone expressions) and of the parser's robustness: no input,
//! however broken, makes `parse_file` panic.

mod parse_support;

use tlc_syntax::{parse_expr, parse_file, FileId};

fn sexpr(src: &str) -> String {
    match parse_expr(FileId(0), src) {
        Ok(e) => parse_support::expr(&e),
        Err(errs) => format!(
            "ERR {:?}",
            errs.iter().map(|e| &e.message).collect::<Vec<_>>()
        ),
    }
}

#[test]
fn standalone_expressions() {
    assert_eq!(sexpr("a + b * c"), "(+ a (* b c))");
    assert_eq!(sexpr("-a^2"), "(-. (^ a 2))");
    assert_eq!(
        sexpr("\\A x \\in S : x' = x + 1"),
        "(\\A [(x \\in S)] (= (' x) (+ x 1)))"
    );
    assert_eq!(sexpr("/\\ a\n/\\ b"), "(and a b)");
    assert_eq!(sexpr("  /\\ a\n  /\\ b\n"), "(and a b)");
    assert_eq!(sexpr("{1, 2} \\cup {3}"), "(\\cup (set 1 2) (set 3))");
}

#[test]
fn standalone_expression_spans_are_relative_to_the_input() {
    let src = "x + yy";
    let e = parse_expr(FileId(3), src).expect("parses");
    assert_eq!((e.span.start, e.span.end), (0, 6));
    assert_eq!(e.span.file, FileId(3));
    let tlc_syntax::ast::ExprKind::Op { args, .. } = &e.kind else {
        panic!("expected an operator application, got {:?}", e.kind);
    };
    assert_eq!((args[1].span.start, args[1].span.end), (4, 6));
}

#[test]
fn standalone_expression_errors() {
    let errs = parse_expr(FileId(0), "(a + ").expect_err("incomplete");
    assert!(!errs.is_empty());
    for e in &errs {
        assert!(
            e.span.end as usize <= "(a + ".len(),
            "span out of range: {e:?}"
        );
    }
    assert!(parse_expr(FileId(0), "a = b = c").is_err());
    assert!(parse_expr(FileId(0), "").is_err());
}

/// Every line-prefix and every one-line deletion of the test inputs parses without panicking
/// and yields errors with in-range spans.
#[test]
fn never_panics_on_mangled_input() {
    let mut inputs = Vec::new();
    for dir in ["tests/data/parse/ok", "tests/data/parse/err"] {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        for e in std::fs::read_dir(dir).expect("test data dir").flatten() {
            inputs.push(std::fs::read_to_string(e.path()).expect("readable"));
        }
    }
    inputs.push("---- MODULE M ----\n((((((((((((".to_string());
    inputs.push("---- MODULE M ----\nA == [[[{{{<<<< \\A \\E CASE [] -> ====".to_string());
    inputs.push("---- MODULE M ----\n====\n====\n---- MODULE".to_string());
    let mut count = 0;
    for src in &inputs {
        let lines: Vec<&str> = src.split_inclusive('\n').collect();
        for i in 0..lines.len() {
            let prefix: String = lines[..i].concat();
            let without: String = lines[..i].concat() + &lines[i + 1..].concat();
            for text in [prefix, without] {
                let parsed = parse_file(FileId(0), &text);
                for e in &parsed.errors {
                    assert!(e.span.start <= e.span.end && e.span.end as usize <= text.len());
                }
                count += 1;
            }
        }
    }
    assert!(count > 100);
}

/// Random token soup (deterministic LCG) inside and outside module brackets never panics.
#[test]
fn never_panics_on_token_soup() {
    const FRAGS: &[&str] = &[
        "x",
        "Op",
        "(",
        ")",
        "[",
        "]",
        "]_",
        "{",
        "}",
        "<<",
        ">>",
        ">>_",
        ",",
        ":",
        "::",
        ".",
        "==",
        "<-",
        "->",
        "|->",
        "!",
        "@",
        "'",
        "/\\",
        "\\/",
        "~",
        "=",
        "\\in",
        "-",
        "[]",
        "<>",
        "\\X",
        "<",
        ">",
        "+",
        "^+",
        "IF",
        "THEN",
        "ELSE",
        "CASE",
        "OTHER",
        "LET",
        "IN",
        "\\A",
        "\\E",
        "CHOOSE",
        "LAMBDA",
        "EXCEPT",
        "WF_v",
        "SF_",
        "1",
        "\"s\"",
        "TRUE",
        "\n",
        "\n/\\ ",
        "\n  \\/ ",
        "\n----\n",
        "\n====\n",
        "\n---- MODULE N ----\n",
        "THEOREM",
        "<1>1.",
        "BY",
        "QED",
        "PROOF",
        "ASSUME",
        "PROVE",
        "NEW",
        "INSTANCE",
        "WITH",
        "LOCAL",
        "RECURSIVE",
        "CONSTANT",
        "VARIABLE",
        "_",
        "-.",
        "DEFINE",
        "USE",
        "DEF",
        "\n<1> ",
        "(*",
        "*)",
        "\\*",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    // More iterations locally: TLC_RS_FUZZ_ITERS=100000 cargo test --test parse_expr
    let iters = std::env::var("TLC_RS_FUZZ_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1500);
    for _ in 0..iters {
        let n = next() % 40;
        let mut body = String::new();
        for _ in 0..n {
            body.push_str(FRAGS[next() % FRAGS.len()]);
            body.push(' ');
        }
        let text = format!("---- MODULE M ----\nA == {body}\n====\n");
        let parsed = parse_file(FileId(0), &text);
        for e in &parsed.errors {
            assert!(e.span.start <= e.span.end && e.span.end as usize <= text.len());
        }
        let _ = parse_expr(FileId(0), &body);
    }
}
