//! The search engine on hand-built graphs: counts, shortest traces, deadlocks, constraints,
//! errors, determinism across worker counts.

mod common;

use common::{random_graph, GraphModel};
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tlc_check::{
    ActionId, CheckOptions, CheckResult, Checker, ErrorSite, GraphRecorder, Outcome, PropertyKind,
    Successor, Trace,
};

const WORKERS: [usize; 3] = [1, 2, 4];

fn run(g: &GraphModel, workers: usize, deadlock: bool) -> CheckResult<u32, common::GraphError> {
    Checker::new(g)
        .workers(workers)
        .check_deadlock(deadlock)
        .run()
}

fn states(t: &Trace<u32>) -> Vec<u32> {
    t.steps.iter().map(|s| s.state).collect()
}

#[test]
fn diamond_counts_and_depth() {
    // 0 -> {1,2} -> 3 -> 4 (self-loop on 4)
    let g = GraphModel::new(5)
        .init(&[0])
        .edges(&[(0, 1), (0, 2), (1, 3), (2, 3), (3, 4), (4, 4)]);
    for w in WORKERS {
        let r = run(&g, w, true);
        assert!(r.outcome.is_success(), "{:?}", r.outcome);
        assert_eq!(r.stats.distinct_states, 5);
        // 1 initial + 6 successors
        assert_eq!(r.stats.states_generated, 7);
        assert_eq!(r.stats.depth, 4);
        assert_eq!(r.stats.queue_left, 0);
        assert_eq!(r.stats.outdegree.max, 2);
        assert_eq!(r.stats.outdegree.min, 0);
        assert_eq!(r.stats.outdegree.samples, 5);
    }
}

#[test]
fn single_state_depth_is_one() {
    let g = GraphModel::new(1).init(&[0, 0]).edges(&[(0, 0)]);
    let r = run(&g, 1, true);
    assert!(r.outcome.is_success());
    assert_eq!(r.stats.depth, 1);
    assert_eq!(r.stats.distinct_states, 1);
    assert_eq!(r.stats.states_generated, 3);
    assert_eq!(r.stats.initial_states_generated, 2);
}

#[test]
fn shortest_trace_long_and_short_path() {
    // long path 0-1-2-3-4-9 (action 0) and short path 0-5-9 (action 1): bad = 9.
    let g = GraphModel::new(10)
        .init(&[0])
        .edges(&[(0, 1), (1, 2), (2, 3), (3, 4), (4, 9)])
        .edge(0, 5, 1)
        .edge(5, 9, 1)
        .bad(&[9]);
    for w in WORKERS {
        let r = run(&g, w, false);
        match &r.outcome {
            Outcome::InvariantViolated { invariant, trace } => {
                assert_eq!(*invariant, 0);
                assert_eq!(states(trace), vec![0, 5, 9]);
                assert_eq!(trace.steps[1].action, Some(ActionId(1)));
                g.assert_valid_trace(trace);
            }
            o => panic!("{o:?}"),
        }
    }
}

#[test]
fn violation_in_initial_state() {
    let g = GraphModel::new(3).init(&[0, 2, 1]).bad(&[2, 1]);
    for w in WORKERS {
        match run(&g, w, true).outcome {
            Outcome::InvariantViolated { trace, .. } => assert_eq!(states(&trace), vec![2]),
            o => panic!("{o:?}"),
        }
    }
}

#[test]
fn first_violation_in_bfs_order_is_reported() {
    // Two bad states at depth 3; BFS order reaches 7 (via 1) before 8 (via 2).
    let g = GraphModel::new(9)
        .init(&[0])
        .edges(&[(0, 1), (0, 2), (2, 8), (1, 7), (1, 3), (2, 4)])
        .bad(&[8, 7]);
    for w in WORKERS {
        match run(&g, w, false).outcome {
            Outcome::InvariantViolated { trace, .. } => assert_eq!(states(&trace), vec![0, 1, 7]),
            o => panic!("{o:?}"),
        }
    }
}

#[test]
fn deadlock_on_and_off() {
    let g = GraphModel::new(4)
        .init(&[0])
        .edges(&[(0, 1), (1, 2), (0, 3), (3, 3)]);
    for w in WORKERS {
        match run(&g, w, true).outcome {
            Outcome::Deadlock { trace } => {
                assert_eq!(states(&trace), vec![0, 1, 2]);
                g.assert_valid_trace(&trace);
            }
            o => panic!("{o:?}"),
        }
        let r = run(&g, w, false);
        assert!(r.outcome.is_success());
        assert_eq!(r.stats.distinct_states, 4);
    }
}

#[test]
fn self_loop_is_not_a_deadlock() {
    let g = GraphModel::new(2).init(&[0]).edges(&[(0, 1), (1, 1)]);
    let r = run(&g, 2, true);
    assert!(r.outcome.is_success(), "{:?}", r.outcome);
    assert_eq!(r.stats.distinct_states, 2);
    assert_eq!(r.stats.states_generated, 3);
}

#[test]
fn state_constraint_excludes_states_but_their_invariants_are_checked() {
    // 0 -> 1 -> 2 -> 3 ; constraint: n <= 1.
    let mut g = GraphModel::new(4)
        .init(&[0])
        .edges(&[(0, 1), (1, 2), (2, 3)]);
    g.constraint = Some(Box::new(|n| n <= 1));
    for w in WORKERS {
        let r = run(&g, w, true);
        // 1 has successor 2 (outside the model): not a deadlock, as in TLC.
        assert!(r.outcome.is_success(), "{:?}", r.outcome);
        assert_eq!(r.stats.distinct_states, 2);
        assert_eq!(r.stats.states_generated, 3);
        assert_eq!(r.stats.depth, 2);
    }
    // TLC checks invariants of generated states that violate the constraint.
    let g = g.bad(&[2]);
    match run(&g, 1, true).outcome {
        Outcome::InvariantViolated { trace, .. } => assert_eq!(states(&trace), vec![0, 1, 2]),
        o => panic!("{o:?}"),
    }
}

#[test]
fn action_constraint_filters_transitions() {
    // 0 -> 1 -> 2, 0 -> 2 ; forbid the step 0 -> 2 : 2 is still reached through 1 at depth 3.
    let mut g = GraphModel::new(3)
        .init(&[0])
        .edges(&[(0, 1), (1, 2), (0, 2), (2, 2)]);
    g.action_constraint = Some(Box::new(|a, b| !(a == 0 && b == 2)));
    let g = g.bad(&[2]);
    for w in WORKERS {
        match run(&g, w, true).outcome {
            // Invariants are checked on states outside the model too: 2 via 0 -> 2 is caught.
            Outcome::InvariantViolated { trace, .. } => assert_eq!(states(&trace), vec![0, 2]),
            o => panic!("{o:?}"),
        }
    }
    let mut g = GraphModel::new(3)
        .init(&[0])
        .edges(&[(0, 1), (1, 2), (0, 2), (2, 2)]);
    g.action_constraint = Some(Box::new(|a, b| !(a == 0 && b == 2)));
    let r = run(&g, 2, true);
    assert!(r.outcome.is_success());
    assert_eq!(r.stats.depth, 3);
    assert_eq!(r.stats.distinct_states, 3);
}

#[test]
fn error_mid_search_reports_trace_to_state() {
    let mut g = GraphModel::new(6)
        .init(&[0])
        .edges(&[(0, 1), (1, 2), (2, 3), (0, 4), (4, 5)]);
    g.error_at.insert(2);
    for w in WORKERS {
        match run(&g, w, false).outcome {
            Outcome::Error { error, site, trace } => {
                assert_eq!(error.0, "boom at 2");
                assert_eq!(site, ErrorSite::Successors);
                assert_eq!(states(&trace), vec![0, 1, 2]);
            }
            o => panic!("{o:?}"),
        }
    }
    let mut g = GraphModel::new(4)
        .init(&[0])
        .edges(&[(0, 1), (1, 2), (2, 3)]);
    g.inv_error_at.insert(3);
    match run(&g, 2, false).outcome {
        Outcome::Error { site, trace, .. } => {
            assert_eq!(site, ErrorSite::Invariant);
            assert_eq!(states(&trace), vec![0, 1, 2, 3]);
        }
        o => panic!("{o:?}"),
    }
}

#[test]
fn action_property_checked_on_seen_transitions() {
    // 0 -> 1 -> 0: the back edge 1 -> 0 targets a seen state and violates the property.
    let mut g = GraphModel::new(2).init(&[0]).edges(&[(0, 1), (1, 0)]);
    g.action_properties.push(Box::new(|a, b| b >= a));
    match run(&g, 2, true).outcome {
        Outcome::PropertyViolated {
            property,
            kind,
            trace,
        } => {
            assert_eq!((property, kind), (0, PropertyKind::Action));
            assert_eq!(states(&trace), vec![0, 1, 0]);
        }
        o => panic!("{o:?}"),
    }
}

#[test]
fn empty_initial_states() {
    let g = GraphModel::new(1);
    let r = run(&g, 2, true);
    assert!(r.outcome.is_success());
    assert_eq!(r.stats.distinct_states, 0);
}

#[test]
fn random_graphs_same_counts_at_any_worker_count() {
    for seed in 1..4 {
        let g = random_graph(200_000, 4, seed);
        let (expected, depth) = g.reference_bfs();
        let mut first = None;
        for w in WORKERS {
            let r = run(&g, w, false);
            assert!(r.outcome.is_success());
            assert_eq!(r.stats.distinct_states, expected, "seed {seed} workers {w}");
            assert_eq!(r.stats.depth, depth, "seed {seed} workers {w}");
            let s = (r.stats.states_generated, r.stats.outdegree.clone());
            match &first {
                None => first = Some(s),
                Some(f) => assert_eq!(f, &s, "seed {seed} workers {w}"),
            }
        }
    }
}

#[test]
fn random_graphs_same_violation_and_trace_at_any_worker_count() {
    for seed in 1..40 {
        let mut g = random_graph(5_000, 3, seed);
        // Many bad states: all multiples of 97 except the initial ones.
        g.invariants.push(Box::new(|n| n % 97 != 5));
        let expected_len = g.shortest_len_to(|n| n % 97 == 5);
        let mut first: Option<Vec<u32>> = None;
        for w in WORKERS {
            let r = run(&g, w, false);
            match (&r.outcome, expected_len) {
                (Outcome::InvariantViolated { trace, .. }, Some(len)) => {
                    g.assert_valid_trace(trace);
                    assert_eq!(trace.len(), len, "seed {seed} workers {w}");
                    let s = states(trace);
                    match &first {
                        None => first = Some(s),
                        Some(f) => assert_eq!(f, &s, "seed {seed} workers {w}"),
                    }
                }
                (Outcome::Success, None) => {}
                (o, l) => panic!("seed {seed}: {o:?} expected len {l:?}"),
            }
        }
    }
}

#[test]
fn deadlock_choice_is_deterministic() {
    for seed in 1..20 {
        let g = random_graph(3_000, 3, seed);
        let mut first = None;
        for w in WORKERS {
            match run(&g, w, true).outcome {
                Outcome::Deadlock { trace } => {
                    g.assert_valid_trace(&trace);
                    assert!(g.edges[*trace.last().unwrap() as usize].is_empty());
                    let s = states(&trace);
                    match &first {
                        None => first = Some(s),
                        Some(f) => assert_eq!(f, &s, "seed {seed} workers {w}"),
                    }
                }
                Outcome::Success => assert!(first.is_none()),
                o => panic!("{o:?}"),
            }
        }
    }
}

#[test]
fn lossy_fingerprints_view() {
    // view(n) = n / 2: nodes 2k and 2k+1 are the same state for the visited set.
    let mut g = random_graph(20_000, 3, 7);
    g.view = Some(|n| n / 2);
    let (expected, depth) = g.reference_bfs();
    let mut counts = Vec::new();
    for w in WORKERS {
        let r = run(&g, w, false);
        assert!(r.outcome.is_success());
        counts.push((
            r.stats.distinct_states,
            r.stats.depth,
            r.stats.states_generated,
        ));
    }
    assert!(counts.iter().all(|c| *c == counts[0]), "{counts:?}");
    // The reference BFS explores the first representative in BFS order too.
    assert_eq!((counts[0].0, counts[0].1), (expected, depth));
}

/// Records every edge it is told about.
#[derive(Default)]
struct EdgeLog {
    init: Mutex<Vec<u64>>,
    edges: Mutex<HashSet<(u64, u64, u32)>>,
    calls: AtomicU64,
}

impl GraphRecorder<u32> for EdgeLog {
    fn initial_state(&self, fp: u64, _state: &u32) {
        self.init.lock().unwrap().push(fp);
    }
    fn transitions(&self, from_fp: u64, _from: &u32, succs: &[Successor<u32>]) {
        self.calls.fetch_add(1, Ordering::Relaxed);
        let mut e = self.edges.lock().unwrap();
        for s in succs {
            e.insert((from_fp, s.fp, s.action.0));
        }
    }
}

#[test]
fn recorder_sees_every_in_model_edge() {
    let mut g = random_graph(10_000, 3, 3);
    g.constraint = Some(Box::new(|n| n % 10 != 3));
    for w in [1, 3] {
        let log = EdgeLog::default();
        let r = Checker::new(&g)
            .workers(w)
            .check_deadlock(false)
            .recorder(&log)
            .run();
        assert!(r.outcome.is_success());
        assert_eq!(log.calls.load(Ordering::Relaxed), r.stats.distinct_states);
        let edges = log.edges.lock().unwrap();
        // Every recorded edge is an edge of the graph between in-model nodes.
        for &(a, b, act) in edges.iter() {
            let (a, b) = ((a - 1) as u32, (b - 1) as u32);
            assert!(g.edges[a as usize].contains(&(act, b)));
            assert!(b % 10 != 3);
        }
        let expected: usize = {
            let mut set = HashSet::new();
            let reach = reachable(&g);
            for &a in &reach {
                for &(act, b) in &g.edges[a as usize] {
                    if b % 10 != 3 {
                        set.insert((a, b, act));
                    }
                }
            }
            set.len()
        };
        assert_eq!(edges.len(), expected);
        assert_eq!(log.init.lock().unwrap().len(), 2);
    }
}

fn reachable(g: &GraphModel) -> Vec<u32> {
    let in_model = |n: u32| g.constraint.as_ref().is_none_or(|c| c(n));
    let mut seen = HashSet::new();
    let mut stack: Vec<u32> = g.init.iter().copied().filter(|&n| in_model(n)).collect();
    let mut out = Vec::new();
    while let Some(n) = stack.pop() {
        if !seen.insert(n) {
            continue;
        }
        out.push(n);
        for &(_, t) in &g.edges[n as usize] {
            if in_model(t) {
                stack.push(t);
            }
        }
    }
    out
}

#[test]
fn stop_flag_interrupts() {
    let g = random_graph(50_000, 3, 5);
    let stop = Arc::new(AtomicBool::new(true));
    let r = Checker::new(&g)
        .options(CheckOptions {
            workers: 2,
            check_deadlock: false,
            stop: Some(stop),
            ..CheckOptions::default()
        })
        .run();
    assert!(matches!(r.outcome, Outcome::Interrupted), "{:?}", r.outcome);
}

#[test]
fn progress_reports_init_and_periodic() {
    let g = random_graph(100_000, 4, 1);
    let reports = Mutex::new(Vec::new());
    let r = Checker::new(&g)
        .workers(2)
        .check_deadlock(false)
        .progress(std::time::Duration::ZERO, |p| {
            reports.lock().unwrap().push(*p)
        })
        .run();
    assert!(r.outcome.is_success());
    let reports = reports.into_inner().unwrap();
    assert_eq!(reports[0].kind, tlc_check::ProgressKind::InitDone);
    assert_eq!(reports[0].distinct_states, 2);
    assert!(reports.len() > 2);
    let last = reports.last().unwrap();
    assert!(last.distinct_states <= r.stats.distinct_states);
}

#[test]
fn later_parent_winning_the_race_does_not_change_the_trace() {
    // Level 2 holds 1..=128 (children of 0); node 1 (position 0) is slow, so the worker on the
    // second chunk (positions 64..) reaches the shared bad child 200 first, through node 65.
    // A single worker records 1 as the parent of 200: so must every worker count.
    let mut g = GraphModel::new(201).init(&[0]);
    for i in 1..=128 {
        g = g.edge(0, i, 0);
    }
    g = g.edge(1, 200, 7).edge(65, 200, 9).bad(&[200]);
    g.slow.insert(1);
    for w in WORKERS {
        match run(&g, w, false).outcome {
            Outcome::InvariantViolated { trace, .. } => {
                assert_eq!(states(&trace), vec![0, 1, 200], "workers {w}");
                assert_eq!(trace.steps[2].action, Some(ActionId(7)));
            }
            o => panic!("{o:?}"),
        }
    }
    // Same without the violation: the level order (hence later traces) follows node 1.
    let mut g2 = GraphModel::new(202).init(&[0]);
    for i in 1..=128 {
        g2 = g2.edge(0, i, 0);
    }
    g2 = g2
        .edge(65, 200, 9)
        .edge(1, 200, 7)
        .edge(200, 201, 0)
        .bad(&[201]);
    g2.slow.insert(1);
    for w in WORKERS {
        match run(&g2, w, false).outcome {
            Outcome::InvariantViolated { trace, .. } => {
                assert_eq!(states(&trace), vec![0, 1, 200, 201], "workers {w}");
            }
            o => panic!("{o:?}"),
        }
    }
}

#[test]
fn replay_reports_fingerprints_it_cannot_follow() {
    let g = GraphModel::new(4).init(&[0]).edges(&[(0, 1), (1, 2)]);
    // fingerprints are node + 1
    let ok = tlc_check::replay_fps(&g, &[1, 2, 3]);
    assert_eq!(states(&ok), vec![0, 1, 2]);
    assert!(ok.replay_error.is_none());
    g.assert_valid_trace(&ok);
    let broken = tlc_check::replay_fps(&g, &[1, 2, 4]);
    assert_eq!(states(&broken), vec![0, 1]);
    assert!(broken.replay_error.is_some());
    let no_init = tlc_check::replay_fps(&g, &[3]);
    assert!(no_init.is_empty() && no_init.replay_error.is_some());
}

#[test]
fn nondeterministic_mode_keeps_counts_and_trace_lengths() {
    for seed in 1..10 {
        let mut g = random_graph(5_000, 3, seed);
        g.invariants.push(Box::new(|n| n % 97 != 5));
        let expected_len = g.shortest_len_to(|n| n % 97 == 5);
        let r = Checker::new(&g)
            .workers(3)
            .check_deadlock(false)
            .deterministic(false)
            .run();
        match (&r.outcome, expected_len) {
            (Outcome::InvariantViolated { trace, .. }, Some(len)) => {
                g.assert_valid_trace(trace);
                assert_eq!(trace.len(), len);
            }
            (Outcome::Success, None) => {}
            (o, l) => panic!("seed {seed}: {o:?} expected len {l:?}"),
        }
    }
}

fn distances(g: &GraphModel) -> Vec<Option<usize>> {
    let mut d = vec![None; g.edges.len()];
    let mut q = std::collections::VecDeque::new();
    for &i in &g.init {
        if d[i as usize].is_none() {
            d[i as usize] = Some(1);
            q.push_back(i);
        }
    }
    while let Some(n) = q.pop_front() {
        let dn = d[n as usize].unwrap_or(0);
        for &(_, t) in &g.edges[n as usize] {
            if d[t as usize].is_none() {
                d[t as usize] = Some(dn + 1);
                q.push_back(t);
            }
        }
    }
    d
}

#[test]
fn random_graphs_with_slow_states_give_the_single_worker_trace() {
    // Slow expansions make workers overtake each other, so later parents often win races.
    for seed in [1u64, 2, 5] {
        let mut g = random_graph(20_000, 4, seed);
        let d = distances(&g);
        let max = d.iter().flatten().copied().max().unwrap_or(1);
        // Bad: every node two levels above the deepest one; slow: nodes on the levels before.
        let bad: Vec<u32> = (0..d.len() as u32)
            .filter(|&n| d[n as usize] == Some(max.saturating_sub(2)))
            .collect();
        let mut rng = common::Rng(seed * 7 + 1);
        let candidates: Vec<u32> = (0..d.len() as u32)
            .filter(|&n| matches!(d[n as usize], Some(x) if x + 4 < max && x > 3))
            .collect();
        for _ in 0..4 {
            g.slow
                .insert(candidates[rng.below(candidates.len() as u64) as usize]);
        }
        assert!(bad.len() > 1, "seed {seed}");
        g = g.bad(&bad);
        let mut first: Option<Vec<u32>> = None;
        for w in WORKERS {
            let r = run(&g, w, false);
            let s = match &r.outcome {
                Outcome::InvariantViolated { trace, .. } => {
                    g.assert_valid_trace(trace);
                    assert_eq!(trace.len(), max - 2);
                    states(trace)
                }
                o => panic!("{o:?}"),
            };
            match &first {
                None => first = Some(s),
                Some(f) => assert_eq!(f, &s, "seed {seed} workers {w}"),
            }
        }
    }
}
