//! Data-driven expression tests: every line of `tests/data/expr/*.txt` is a TLA+
//! expression (evaluated in a module extending the standard modules, with the file's
//! `\* def:` lines as extra definitions); the snapshot lists each result or error.

use tlc_eval::{ModelConfig, Program};

fn eval_all(text: &str) -> String {
    let mut defs = String::new();
    let mut exprs = Vec::new();
    for line in text.lines() {
        let l = line.trim();
        if let Some(d) = l.strip_prefix("\\* def:") {
            defs.push_str(d.trim());
            defs.push('\n');
        } else if !l.is_empty() && !l.starts_with("\\*") {
            exprs.push(l.to_string());
        }
    }
    let mut out = String::new();
    for (i, e) in exprs.iter().enumerate() {
        let src = format!(
            "---- MODULE T ----\nEXTENDS Naturals, Integers, Sequences, FiniteSets, TLC, Bags\n{defs}\nE__ ==\n  {e}\n====\n"
        );
        let parsed = tlc_syntax::parse_file(tlc_syntax::FileId(0), &src);
        let res = if let Some(err) = parsed.errors.first() {
            format!("syntax error: {}", err.message)
        } else {
            let cfg = ModelConfig {
                invariants: vec!["E__".into()],
                ..ModelConfig::default()
            };
            match Program::compile(&parsed.modules, &cfg) {
                Err(es) => format!("compile error: {}", es[0].message),
                Ok(p) => match p.eval_const(&p.invariants[0]) {
                    Ok(v) => v.to_string(),
                    Err(err) => format!("error: {}", err.message.replace('\n', " ")),
                },
            }
        };
        let _ = i;
        out.push_str(&format!("{e}\n  => {res}\n"));
    }
    out
}

#[test]
fn expressions() {
    insta::glob!("data/expr/*.txt", |path| {
        let text = std::fs::read_to_string(path).expect("readable test file");
        insta::assert_snapshot!(eval_all(&text));
    });
}
