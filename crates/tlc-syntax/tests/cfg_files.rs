//! `.cfg` parser tests: snapshots over `tests/data/cfg/ok/*.cfg` (the parsed
//! [`Config`], which must have no errors) and `tests/data/cfg/err/*.cfg` (the
//! errors with line:column), plus every `.cfg` file of the shared corpus.

use std::path::{Path, PathBuf};
use tlc_syntax::cfg::parse_config;
use tlc_syntax::{FileId, SourceFile};

#[test]
fn ok_snapshots() {
    insta::glob!("data/cfg/ok/*.cfg", |path| {
        let src = std::fs::read_to_string(path).expect("test file readable");
        let (cfg, errs) = parse_config(FileId(0), &src);
        assert!(errs.is_empty(), "{}: {errs:?}", path.display());
        insta::assert_debug_snapshot!(cfg);
    });
}

#[test]
fn err_snapshots() {
    insta::glob!("data/cfg/err/*.cfg", |path| {
        let src = std::fs::read_to_string(path).expect("test file readable");
        let (_, errs) = parse_config(FileId(0), &src);
        assert!(!errs.is_empty(), "{} parsed without errors", path.display());
        let file = SourceFile::new("input.cfg", src.as_str());
        let rendered: Vec<String> = errs
            .iter()
            .map(|e| {
                let (l, c) = file.line_col(e.span.start);
                format!("{l}:{c}: {}", e.message)
            })
            .collect();
        insta::assert_snapshot!(rendered.join("\n"));
    });
}

fn corpus_cfgs() -> Option<Vec<PathBuf>> {
    let root = match std::env::var_os("TLC_CORPUS") {
        Some(p) => PathBuf::from(p),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"),
    };
    if !root.is_dir() {
        println!("corpus not found at {}; skipping", root.display());
        return None;
    }
    let mut out = Vec::new();
    let mut dirs = vec![root];
    while let Some(d) = dirs.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in rd.flatten() {
            let p = entry.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|e| e == "cfg") {
                out.push(p);
            }
        }
    }
    out.sort();
    Some(out)
}

#[test]
fn corpus_configs_parse() {
    let Some(files) = corpus_cfgs() else { return };
    assert!(
        files.len() > 100,
        "expected the whole corpus, found {}",
        files.len()
    );
    let mut failures = Vec::new();
    let mut with_behaviour = 0;
    for f in &files {
        let src = std::fs::read_to_string(f).expect("corpus file readable");
        let (cfg, errs) = parse_config(FileId(0), &src);
        if !errs.is_empty() {
            failures.push(format!("{}: {errs:?}", f.display()));
        }
        if cfg.specification.is_some() || (cfg.init.is_some() && cfg.next.is_some()) {
            with_behaviour += 1;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // a few corpus models are ASSUME-only (empty .cfg); most have a behaviour spec
    assert!(
        with_behaviour * 10 > files.len() * 9,
        "{with_behaviour} of {}",
        files.len()
    );
}

#[test]
fn never_panics_on_random_input() {
    // xorshift, so the test needs no extra crate
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let words = [
        "CONSTANT",
        "CONSTANTS",
        "INIT",
        "NEXT",
        "SPECIFICATION",
        "INVARIANT",
        "PROPERTY",
        "CHECK_DEADLOCK",
        "SYMMETRY",
        "=",
        "<-",
        "[",
        "]",
        "{",
        "}",
        "(",
        ")",
        ",",
        "!",
        "-",
        "1",
        "99999999999999999999999",
        "\"s",
        "\"t\"",
        "TRUE",
        "x",
        "(*",
        "*)",
        "\\*",
        "\n",
        "`",
    ];
    for _ in 0..5000 {
        let n = (next() % 12) as usize;
        let src: Vec<&str> = (0..n)
            .map(|_| words[(next() % words.len() as u64) as usize])
            .collect();
        let src = src.join(" ");
        let (_, errs) = parse_config(FileId(0), &src);
        for e in errs {
            assert!(
                e.span.start <= e.span.end && e.span.end as usize <= src.len(),
                "{src:?}"
            );
        }
    }
}
