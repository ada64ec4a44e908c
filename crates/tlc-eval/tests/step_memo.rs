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
/// The program of a spec in `specs/refinement` with one of its configs.
fn program(tla: &str, cfg: &str) -> Program {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs/refinement");
    let spec = tlc_syntax::loader::load_spec_with(&root.join(tla), &[], tlc_syntax::parse_file);
    assert!(spec.errors.is_empty(), "{:?}", spec.errors);
    let src = std::fs::read_to_string(root.join(cfg)).expect("cfg file");
    let (c, errs) = tlc_syntax::cfg::parse_config(tlc_syntax::FileId(99), &src);
    assert!(errs.is_empty(), "{errs:?}");
    Program::compile(&spec.modules, &ModelConfig::from_config(&c)).expect("compiles")
}

fn compare(tla: &str, cfg: &str) -> (usize, Vec<(State, State)>) {
    let p = program(tla, cfg);
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

#[test]
fn fast_path_agrees_with_the_plain_evaluation() {
    // Properties of the shapes `fastpred` takes, and some it gives up on; `Small` fails on
    // the steps of x to 2, 3 and 4 (each reached from several states).
    let p = program("FastPreds.tla", "FastPreds.cfg");
    // all but `Halves` (`\in`) and `HalvesOp` (an operator call) take the fast path
    let fast = p.fast_path_properties();
    assert_eq!(
        fast,
        [true, true, false, false, true, true, true, true, true, true, true, true]
    );
    let (steps, bad) = compare("FastPreds.tla", "FastPreds.cfg");
    assert!(steps > 1000, "{steps} steps");
    assert!(!bad.is_empty());
    assert!(
        bad.iter().all(|(_, t)| matches!(t[0], Value::Int(2..=4))),
        "{bad:?}"
    );
}

#[test]
fn fast_path_leaves_evaluation_errors_to_the_evaluator() {
    // Each property fails to evaluate on the steps that change its variable (a modulus or
    // divisor of zero, a missing field, an argument outside the domain, a string added, an
    // integer compared with a boolean): the grouped evaluation, which tries the fast path
    // first, must fail on exactly the steps the plain evaluation fails on.
    let p = program("FastPredsBad.tla", "FastPredsBad.cfg");
    let ids: Vec<usize> = (0..p.properties.len()).collect();
    let mut errors = vec![0; ids.len()];
    let mut states = vec![];
    p.init_states(&mut |s| states.push(s)).expect("init");
    let mut seen: HashSet<u64> = states
        .iter()
        .map(|s| p.fingerprint(s).expect("fp"))
        .collect();
    while let Some(s) = states.pop() {
        let fs = p.fingerprint(&s).expect("fp");
        let mut succs = Vec::new();
        p.successors(&s, &mut |a, t| succs.push((a, t)))
            .expect("next");
        for (a, t) in succs {
            let ft = p.fingerprint(&t).expect("fp");
            // (a step to the same state is not evaluated at all: `UNCHANGED v` holds)
            for &id in ids.iter().filter(|_| ft != fs) {
                let Property::Action(n) = &p.properties[id] else {
                    panic!("not an action property")
                };
                let n = p.with_full_frame(n);
                let plain = p.eval_action(&n, &s, &t);
                let grouped = p.first_failed_action_property(
                    &[id],
                    std::slice::from_ref(&n),
                    &s,
                    Some(fs),
                    &t,
                    Some(ft),
                    a.0,
                );
                match (plain, grouped) {
                    (Err(_), Err(_)) => errors[id] += 1,
                    (Ok(h), Ok(g)) => assert_eq!(g.is_none(), h, "{} on {s:?} -> {t:?}", n.name),
                    (x, y) => panic!("{}: plain {x:?}, grouped {y:?} on {s:?} -> {t:?}", n.name),
                }
            }
            if seen.insert(ft) {
                states.push(t);
            }
        }
    }
    assert!(errors.iter().all(|&e| e > 0), "{errors:?}");
}
