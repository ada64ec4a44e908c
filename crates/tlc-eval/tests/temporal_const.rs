//! Constant-level subformulas of temporal formulas are evaluated when the formula is
//! translated, as TLC's `astToLive` does: in `\A i, j \in S : (i # j) => WF_v(A(i, j))`
//! the guard `i # j` must not become an atom, or each conjunct falls outside the fairness
//! shapes and into the tableau (MCInnerSerial's twelve such conjuncts made the tableau
//! construction run out of memory).

use tlc_eval::{LiveAtoms, ModelConfig, Program, TemporalFormula};

const SPEC: &str = r#"---- MODULE T ----
EXTENDS Naturals
VARIABLE x
A(i, j) == x' = (x + i + j) % 5
Spec == /\ x = 0
        /\ [][\E i, j \in 1..3 : A(i, j)]_x
        /\ \A i, j \in 1..3 : (i # j) => WF_x(A(i, j))
        /\ \A i \in 1..2 : (x > i) => WF_x(A(i, i))
====
"#;

fn translate() -> Vec<TemporalFormula> {
    let parsed = tlc_syntax::parse_file(tlc_syntax::FileId(0), SPEC);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let cfg = ModelConfig {
        specification: Some("Spec".into()),
        ..ModelConfig::default()
    };
    let p = Program::compile(&parsed.modules, &cfg).expect("compiles");
    let mut atoms = LiveAtoms::new();
    p.fairness
        .iter()
        .chain(&p.spec_temporal)
        .map(|n| p.translate_temporal(n, &mut atoms).expect("translates"))
        .collect()
}

/// The leaves of a formula: `Bool`s, state atoms and `Fair`s.
fn leaves(f: &TemporalFormula, out: &mut Vec<String>) {
    use TemporalFormula as T;
    match f {
        T::Bool(b) => out.push(format!("{b}")),
        T::State(i) => out.push(format!("state {i}")),
        T::Action(i) => out.push(format!("action {i}")),
        T::Fair { .. } => out.push("fair".into()),
        T::Not(a) | T::Always(a) | T::Eventually(a) => leaves(a, out),
        T::And(xs) | T::Or(xs) => xs.iter().for_each(|x| leaves(x, out)),
        T::Implies(a, b) | T::Equiv(a, b) | T::LeadsTo(a, b) => {
            leaves(a, out);
            leaves(b, out);
        }
    }
}

#[test]
fn constant_guards_of_fairness_are_evaluated() {
    let mut out = Vec::new();
    for f in translate() {
        leaves(&f, &mut out);
    }
    let count = |s: &str| out.iter().filter(|l| l.as_str() == s).count();
    // `i # j` is FALSE for the 3 pairs with i = j and TRUE for the 6 others: constants,
    // not atoms (before the fix, 9 state atoms)
    assert_eq!(count("false"), 3, "{out:?}");
    assert_eq!(count("true"), 6, "{out:?}");
    assert_eq!(count("fair"), 9 + 2, "{out:?}");
    // `x > i` reads the state: it stays an atom (two of them)
    assert_eq!(
        out.iter().filter(|l| l.starts_with("state")).count(),
        2,
        "{out:?}"
    );
}
