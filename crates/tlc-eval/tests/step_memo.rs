//! The per-state memo of `[][A]_v` properties (`Program::eval_action_at`, keyed by the
//! states' fingerprints) and the grouped, hinted evaluation of the checker
//! (`Program::first_failed_action_property`: sub-action hints, steps to the same state)
//! against the plain evaluation (`Program::eval_action`) on every step of the refinement
//! specs in `specs/refinement`: same verdict on each step, and the steps that violate the
//! property are exactly the expected ones.

use std::collections::{HashSet, VecDeque};
use std::path::Path;
use tlc_eval::{ModelConfig, Program, Property, State};
use tlc_value::Value;

/// Every action property on every step, in BFS order; returns the number of steps and
/// the violating steps as `(source, target)` (the memo sees targets again from other
/// sources, and sources again as targets).
fn compare(tla: &str, cfg: &str) -> (usize, Vec<(State, State)>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs/refinement");
    let spec = tlc_syntax::loader::load_spec_with(&root.join(tla), &[], tlc_syntax::parse_file);
    assert!(spec.errors.is_empty(), "{:?}", spec.errors);
    let src = std::fs::read_to_string(root.join(cfg)).expect("cfg file");
    let (c, errs) = tlc_syntax::cfg::parse_config(tlc_syntax::FileId(99), &src);
    assert!(errs.is_empty(), "{errs:?}");
    let p = Program::compile(&spec.modules, &ModelConfig::from_config(&c)).expect("compiles");
    let (ids, props): (Vec<usize>, Vec<_>) = p
        .properties
        .iter()
        .enumerate()
        .filter_map(|(i, q)| match q {
            Property::Action(n) => Some((i, p.with_full_frame(n))),
            _ => None,
        })
        .unzip();
    assert!(!props.is_empty(), "no [][A]_v property in {cfg}");
    let mut queue: VecDeque<State> = VecDeque::new();
    let mut seen = HashSet::new();
    p.init_states(&mut |s| {
        if seen.insert(p.fingerprint(&s).expect("fp")) {
            queue.push_back(s);
        }
    })
    .expect("init");
    let (mut steps, mut bad) = (0, Vec::new());
    while let Some(s) = queue.pop_front() {
        let fs = p.fingerprint(&s).expect("fp");
        let mut succs = Vec::new();
        p.successors(&s, &mut |a, t| succs.push((a, t, false)))
            .expect("next");
        // a step to the same state too (it satisfies every `[A]_v`)
        succs.push((tlc_eval::ActionId(0), s.clone(), true));
        for (a, t, extra) in succs {
            let ft = p.fingerprint(&t).expect("fp");
            let grouped = p
                .first_failed_action_property(&ids, &props, &s, Some(fs), &t, Some(ft), a.0)
                .expect("eval");
            let mut first_bad = None;
            for (i, n) in props.iter().enumerate() {
                let memo = p
                    .eval_action_at(n, &s, Some(fs), &t, Some(ft))
                    .expect("eval");
                let plain = p.eval_action(n, &s, &t).expect("eval");
                assert_eq!(memo, plain, "{} on {s:?} -> {t:?}", n.name);
                if !memo {
                    first_bad = first_bad.or(Some(i));
                    bad.push((s.clone(), t.clone()));
                }
            }
            assert_eq!(grouped, first_bad, "on {s:?} -> {t:?}");
            if extra {
                assert_eq!(grouped, None);
                continue;
            }
            steps += 1;
            if seen.insert(ft) {
                queue.push_back(t);
            }
        }
    }
    (steps, bad)
}

#[test]
fn refinement_holds_on_every_step() {
    let (steps, bad) = compare("TwoCounters.tla", "TwoCounters.cfg");
    assert_eq!(steps, 127);
    assert!(bad.is_empty(), "{bad:?}");
}

#[test]
fn refinement_violated_only_by_the_reset_step() {
    let (steps, bad) = compare("TwoCounters.tla", "TwoCounters_violated.cfg");
    assert_eq!(steps, 127);
    let state = |x: i64, y: i64| -> State { vec![Value::from(x), Value::from(y)].into() };
    assert_eq!(bad, vec![(state(6, 6), state(0, 0))]);
}

#[test]
fn split_refinement_agrees_with_the_plain_evaluation() {
    // `AbsSteps!Next` splits into several sub-actions: the hints take part
    let (steps, bad) = compare("Steps.tla", "Steps.cfg");
    assert!(steps > 0);
    assert!(bad.is_empty(), "{bad:?}");
    let (_, bad) = compare("Steps.tla", "Steps_violated.cfg");
    assert!(!bad.is_empty());
}
