//! Data-driven engine tests: each `tests/data/graphs/*.graph` file describes a small graph;
//! the outcome, trace and statistics are snapshotted (and must be identical with 1 and 3
//! workers). Adding a case is adding a file.
//!
//! Format, one item per line (`#` starts a comment):
//! `init 0 1 ...` initial states in order; `0 -> 1 -[2]-> 5` a chain of edges (`-[k]->` uses
//! action k, `->` action 0); `bad 3 4` invariant "not in {3, 4}"; `constraint-max N` state
//! constraint `n <= N`; `error N` computing the successors of N fails;
//! `option no-deadlock` disables deadlock checking.

mod common;

use common::GraphModel;
use std::fmt::Write;
use tlc_check::{Checker, Outcome};

fn parse(text: &str) -> (GraphModel, bool) {
    let mut edges: Vec<(u32, u32, u32)> = Vec::new();
    let mut init = Vec::new();
    let mut bad = Vec::new();
    let mut constraint_max = None;
    let mut errors = Vec::new();
    let mut deadlock = true;
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        let toks: Vec<&str> = line.split_whitespace().collect();
        let nums =
            |ts: &[&str]| -> Vec<u32> { ts.iter().map(|t| t.parse().expect("node")).collect() };
        match toks.first() {
            None => {}
            Some(&"init") => init = nums(&toks[1..]),
            Some(&"bad") => bad.extend(nums(&toks[1..])),
            Some(&"error") => errors.extend(nums(&toks[1..])),
            Some(&"constraint-max") => constraint_max = Some(nums(&toks[1..])[0]),
            Some(&"option") => match toks.get(1) {
                Some(&"no-deadlock") => deadlock = false,
                o => panic!("unknown option {o:?}"),
            },
            Some(_) => {
                let mut i = 0;
                while i + 2 < toks.len() {
                    let a: u32 = toks[i].parse().expect("node");
                    let b: u32 = toks[i + 2].parse().expect("node");
                    let arrow = toks[i + 1];
                    let act = if arrow == "->" {
                        0
                    } else {
                        arrow
                            .strip_prefix("-[")
                            .and_then(|r| r.strip_suffix("]->"))
                            .and_then(|k| k.parse().ok())
                            .expect("arrow -> or -[k]->")
                    };
                    edges.push((a, b, act));
                    i += 2;
                }
            }
        }
    }
    let n = edges
        .iter()
        .flat_map(|e| [e.0, e.1])
        .chain(init.iter().copied())
        .max()
        .map_or(0, |m| m as usize + 1);
    let mut g = GraphModel::new(n).init(&init);
    for (a, b, act) in edges {
        g = g.edge(a, b, act);
    }
    if !bad.is_empty() {
        g = g.bad(&bad);
    }
    if let Some(m) = constraint_max {
        g.constraint = Some(Box::new(move |x| x <= m));
    }
    g.error_at.extend(errors);
    (g, deadlock)
}

fn render(g: &GraphModel, workers: usize, deadlock: bool) -> String {
    let r = Checker::new(g)
        .workers(workers)
        .check_deadlock(deadlock)
        .run();
    let mut out = String::new();
    let headline = match &r.outcome {
        Outcome::Success => "success".to_string(),
        Outcome::InvariantViolated { invariant, .. } => format!("invariant {invariant} violated"),
        Outcome::PropertyViolated { property, kind, .. } => {
            format!("{kind:?} property {property} violated")
        }
        Outcome::Deadlock { .. } => "deadlock".to_string(),
        Outcome::Error { error, site, .. } => {
            format!("error while evaluating {site:?}: {}", error.0)
        }
        Outcome::Interrupted => "interrupted".to_string(),
        Outcome::StateSpaceTooLarge => "state space too large".to_string(),
    };
    writeln!(out, "outcome: {headline}").unwrap();
    if let Some(t) = r.outcome.trace() {
        g.assert_valid_trace(t);
        for (i, step) in t.steps.iter().enumerate() {
            match step.action {
                None => writeln!(out, "  {}: {}", i + 1, step.state).unwrap(),
                Some(a) => writeln!(out, "  {}: {} (action {})", i + 1, step.state, a.0).unwrap(),
            }
        }
    }
    let s = &r.stats;
    writeln!(
        out,
        "generated {}, distinct {}, initial {}/{}, depth {}, queue {}",
        s.states_generated,
        s.distinct_states,
        s.distinct_initial_states,
        s.initial_states_generated,
        s.depth,
        s.queue_left
    )
    .unwrap();
    let d = &s.outdegree;
    writeln!(
        out,
        "outdegree: mean {:.2}, min {}, max {}, p95 {}",
        d.mean, d.min, d.max, d.p95
    )
    .unwrap();
    out
}

#[test]
fn graph_cases() {
    insta::glob!("data/graphs/*.graph", |path| {
        let text = std::fs::read_to_string(path).expect("read case");
        let (g, deadlock) = parse(&text);
        let one = render(&g, 1, deadlock);
        let three = render(&g, 3, deadlock);
        assert_eq!(one, three, "1 vs 3 workers differ on {}", path.display());
        insta::assert_snapshot!(one);
    });
}
