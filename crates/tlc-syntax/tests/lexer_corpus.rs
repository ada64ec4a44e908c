//! Runs the tokenizer over every `.tla` file of the shared corpus: no lexical
//! errors, balanced junction lists, and no panics on truncated or mangled input.

use std::path::{Path, PathBuf};
use tlc_syntax::token::Tok;
use tlc_syntax::{tokenize, FileId};

fn corpus_files(ext: &str) -> Option<Vec<PathBuf>> {
    // TLC_CORPUS overrides the default location (beside the repository)
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
            } else if p.extension().is_some_and(|e| e == ext) {
                out.push(p);
            }
        }
    }
    out.sort();
    Some(out)
}

/// Checks that BeginAnd/BeginOr and End nest properly (never more Ends than
/// open lists, all closed at the end), and that Bullets occur only inside lists.
fn check_balance(toks: &[(usize, Tok, usize)]) -> Result<(), String> {
    let mut depth = 0i64;
    for (s, t, _) in toks {
        match t {
            Tok::BeginAnd | Tok::BeginOr => depth += 1,
            Tok::End => {
                depth -= 1;
                if depth < 0 {
                    return Err(format!("End without open list at byte {s}"));
                }
            }
            Tok::Bullet if depth == 0 => return Err(format!("Bullet outside a list at byte {s}")),
            _ => {}
        }
    }
    if depth != 0 {
        return Err(format!("{depth} lists left open"));
    }
    Ok(())
}

#[test]
fn corpus_lexes_without_errors_and_lists_balance() {
    let Some(files) = corpus_files("tla") else {
        return;
    };
    assert!(
        files.len() > 100,
        "expected the whole corpus, found {}",
        files.len()
    );
    let mut failures = Vec::new();
    for f in &files {
        let src = std::fs::read_to_string(f).expect("corpus file readable");
        let (toks, errs) = tokenize(FileId(0), &src);
        if !errs.is_empty() {
            failures.push(format!("{}: {:?}", f.display(), errs));
        }
        if toks.is_empty() {
            failures.push(format!("{}: no tokens", f.display()));
        }
        if let Err(e) = check_balance(&toks) {
            failures.push(format!("{}: {e}", f.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A tiny deterministic PRNG (xorshift) so the test needs no extra crate.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn never_panics_on_random_bytes() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let alphabet: Vec<char> = " \n\t()[]{}<>/\\*-=~#'\"_:.,!@^+|&$%?0123456789abcXEAMODULE∧∨⟨⟩≜é"
        .chars()
        .collect();
    for _ in 0..3000 {
        let len = rng.below(120);
        let mut s = String::from("---- MODULE M ----\n");
        for _ in 0..len {
            s.push(alphabet[rng.below(alphabet.len())]);
        }
        let (toks, _) = tokenize(FileId(0), &s);
        check_balance(&toks).unwrap_or_else(|e| panic!("{e} in {s:?}"));
        for (a, _, b) in &toks {
            assert!(a <= b && *b <= s.len() && s.is_char_boundary(*a) && s.is_char_boundary(*b));
        }
        // arbitrary bytes, lossily decoded
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let s2 = format!("---- MODULE M ----\n{}", String::from_utf8_lossy(&bytes));
        let (toks, _) = tokenize(FileId(0), &s2);
        check_balance(&toks).unwrap_or_else(|e| panic!("{e} in {s2:?}"));
    }
}

#[test]
fn never_panics_on_truncated_corpus_files() {
    let Some(files) = corpus_files("tla") else {
        return;
    };
    let mut rng = Rng(12345);
    for f in files.iter().step_by(3) {
        let src = std::fs::read_to_string(f).expect("corpus file readable");
        for _ in 0..5 {
            let mut cut = rng.below(src.len() + 1);
            while !src.is_char_boundary(cut) {
                cut -= 1;
            }
            let (toks, _) = tokenize(FileId(0), &src[..cut]);
            check_balance(&toks).unwrap_or_else(|e| panic!("{e} in {} cut at {cut}", f.display()));
        }
    }
}
