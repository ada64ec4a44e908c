//! Snapshot tests of the layout pass: every `tests/data/lex/*.tla` file is
//! tokenized and rendered one source line per output line, with layout tokens
//! spelled `BEGIN_AND`, `BEGIN_OR`, `BULLET`, `END`. Adding a case is adding a file.

use tlc_syntax::layout::render_tok;
use tlc_syntax::{tokenize, FileId, SourceFile};

fn render(src: &str) -> String {
    let (toks, errs) = tokenize(FileId(0), src);
    let file = SourceFile::new("input.tla", src);
    let mut out = String::new();
    let mut cur_line = 0;
    for (s, t, e) in &toks {
        let (line, _) = file.line_col(*s as u32);
        if line != cur_line {
            if cur_line != 0 {
                out.push('\n');
            }
            out.push_str(&format!("{line:3} |"));
            cur_line = line;
        }
        out.push(' ');
        out.push_str(&render_tok(src, *s, t, *e));
    }
    out.push('\n');
    for err in &errs {
        let (l, c) = file.line_col(err.span.start);
        out.push_str(&format!("error {l}:{c}: {}\n", err.message));
    }
    out
}

#[test]
fn layout_snapshots() {
    insta::glob!("data/lex/*.tla", |path| {
        let src = std::fs::read_to_string(path).expect("test file readable");
        insta::assert_snapshot!(render(&src));
    });
}
