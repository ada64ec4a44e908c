//! The fuzz targets' property on stable Rust: the `.tla` and `.cfg` parsers
//! (through the CLI's [`tlc_rs::frontend`]) never panic and keep every error
//! span inside the input, on random token soup and on mutated example specs.
//! `fuzz/` runs the same entry points under libFuzzer (nightly).

use tlc_rs::frontend::{parse_cfg, parse_tla};
use tlc_syntax::FileId;

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const FRAGMENTS: &[&str] = &[
    "---- MODULE M ----",
    "====",
    "----",
    "EXTENDS",
    "Naturals",
    "VARIABLE",
    "CONSTANTS",
    "x",
    "y",
    "==",
    "/\\",
    "\\/",
    "\n",
    "\n  ",
    "\n    ",
    " ",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "<<",
    ">>",
    "'",
    ",",
    ":",
    "|->",
    "->",
    "\\in",
    "\\A",
    "\\E",
    "CHOOSE",
    "IF",
    "THEN",
    "ELSE",
    "LET",
    "IN",
    "CASE",
    "[]",
    "OTHER",
    "EXCEPT",
    "!",
    "@",
    "1",
    "\"s\"",
    "\\* c\n",
    "(*",
    "*)",
    "WF_",
    "SF_",
    "_",
    "<>",
    "~>",
    "INSTANCE",
    "WITH",
    "<-",
    "LOCAL",
    "RECURSIVE",
    "ASSUME",
    "THEOREM",
    "PROOF",
    "<1>1.",
    "BY",
    "QED",
    "∧",
    "∨",
    "∈",
    "\\b101",
    "\\hFF",
    "1.5",
    "..",
    ".",
    "\\X",
    "SUBSET",
    "UNION",
    "DOMAIN",
    "ENABLED",
    "UNCHANGED",
    "LAMBDA",
    "::",
    "\t",
    "\r\n",
    "é",
    "INIT",
    "NEXT",
    "SPECIFICATION",
    "INVARIANT",
    "PROPERTY",
    "CONSTANT",
    "=",
    "{a, b}",
    "CHECK_DEADLOCK",
    "FALSE",
    "TRUE",
    "SYMMETRY",
    "VIEW",
];

fn check_tla(src: &str) {
    let parsed = parse_tla(FileId(0), src);
    for e in &parsed.errors {
        assert!(
            e.span.start <= e.span.end && e.span.end as usize <= src.len(),
            "span {:?} outside input of {} bytes: {src:?}",
            e.span,
            src.len()
        );
    }
}

fn check_cfg(src: &str) {
    for e in &parse_cfg(FileId(0), src).1 {
        assert!(
            e.span.start <= e.span.end && e.span.end as usize <= src.len(),
            "span {:?} outside input: {src:?}",
            e.span
        );
    }
}

#[test]
fn random_token_soup_never_panics() {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    for _ in 0..3000 {
        let n = rng.below(40);
        let mut s = String::new();
        if rng.below(2) == 0 {
            s.push_str("---- MODULE M ----\n");
        }
        for _ in 0..n {
            s.push_str(FRAGMENTS[rng.below(FRAGMENTS.len())]);
            if rng.below(3) == 0 {
                s.push(' ');
            }
        }
        check_tla(&s);
        check_cfg(&s);
    }
}

#[test]
fn mutated_examples_never_panic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut seeds = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("examples folder") {
        let p = entry.expect("entry").path();
        if p.extension().is_some_and(|e| e == "tla" || e == "cfg") {
            seeds.push(std::fs::read_to_string(&p).expect("read example"));
        }
    }
    assert!(!seeds.is_empty());
    let mut rng = Rng(0xfeed_beef_0000_0042);
    for _ in 0..2000 {
        let seed = &seeds[rng.below(seeds.len())];
        let mut chars: Vec<char> = seed.chars().collect();
        for _ in 0..1 + rng.below(4) {
            let i = rng.below(chars.len() + 1);
            match rng.below(3) {
                0 if i < chars.len() => {
                    let j = (i + 1 + rng.below(20)).min(chars.len());
                    chars.drain(i..j);
                }
                1 => {
                    let f = FRAGMENTS[rng.below(FRAGMENTS.len())];
                    for (k, c) in f.chars().enumerate() {
                        chars.insert(i + k, c);
                    }
                }
                _ if !chars.is_empty() => {
                    let j = rng.below(chars.len());
                    let c = chars[j];
                    chars.insert(i.min(chars.len()), c);
                }
                _ => {}
            }
        }
        let s: String = chars.into_iter().collect();
        check_tla(&s);
        check_cfg(&s);
    }
}
