//! Data-driven state-space tests: each `tests/data/specs/X.tla` with `X.cfg` is explored
//! with a simple BFS; the snapshot lists the actions, the initial states and the number
//! of distinct states.

use std::collections::{HashSet, VecDeque};
use tlc_eval::{ModelConfig, Program};

fn explore(tla: &std::path::Path) -> String {
    let cfg_path = tla.with_extension("cfg");
    let spec = tlc_syntax::loader::load_spec_with(tla, &[], tlc_syntax::parse_file);
    assert!(spec.errors.is_empty(), "{:?}", spec.errors);
    let src = std::fs::read_to_string(&cfg_path).expect("cfg file");
    let (c, errs) = tlc_syntax::cfg::parse_config(tlc_syntax::FileId(99), &src);
    assert!(errs.is_empty(), "{errs:?}");
    let p = match Program::compile(&spec.modules, &ModelConfig::from_config(&c)) {
        Ok(p) => p,
        Err(es) => return format!("compile error: {}", es[0].message),
    };
    let mut out = String::new();
    out.push_str(&format!(
        "actions: {:?}\n",
        p.actions
            .iter()
            .map(|a| a.name.to_string())
            .collect::<Vec<_>>()
    ));
    // where each action is, as TLC prints it in traces
    for a in &p.actions {
        let (_, l1, c1) = spec.sources.location(a.span);
        let end = tlc_syntax::Span {
            start: a.span.end.saturating_sub(1),
            ..a.span
        };
        let (_, l2, c2) = spec.sources.location(end);
        out.push_str(&format!(
            "  <{} line {l1}, col {c1} to line {l2}, col {c2}>\n",
            a.name
        ));
    }
    match p.check_assumptions() {
        Ok(None) => {}
        Ok(Some(i)) => out.push_str(&format!("assumption {} is FALSE\n", i + 1)),
        Err(e) => out.push_str(&format!("assumption error: {}\n", e.message)),
    }
    let mut inits = Vec::new();
    if let Err(e) = p.init_states(&mut |s| inits.push(s)) {
        return format!("{out}init error: {}", e.message);
    }
    for s in &inits {
        out.push_str(&format!("init: {:?}\n", s));
    }
    let mut seen = HashSet::new();
    let mut queue = VecDeque::new();
    for s in inits {
        if seen.insert(p.fingerprint(&s).expect("fingerprint")) {
            queue.push_back(s);
        }
    }
    let mut transitions = 0;
    while let Some(s) = queue.pop_front() {
        for i in 0..p.invariants.len() {
            match p.eval_invariant(i, &s) {
                Ok(true) => {}
                Ok(false) => return format!("{out}invariant {} violated by {s:?}\n", i + 1),
                Err(e) => return format!("{out}invariant error: {}\n", e.message),
            }
        }
        let mut succ = Vec::new();
        if let Err(e) = p.successors(&s, &mut |_, t| succ.push(t)) {
            return format!("{out}next error: {}", e.message);
        }
        for t in succ {
            transitions += 1;
            if seen.insert(p.fingerprint(&t).expect("fingerprint")) {
                queue.push_back(t);
            }
        }
    }
    out.push_str(&format!(
        "distinct states: {}\ntransitions: {transitions}\n",
        seen.len()
    ));
    out
}

#[test]
fn specs() {
    insta::glob!("data/specs/*.tla", |path| {
        insta::assert_snapshot!(explore(path));
    });
}
