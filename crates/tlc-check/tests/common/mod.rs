//! Hand-built graph models for the engine tests: nodes are integers, edges explicit.
#![allow(dead_code)]

use std::collections::{HashSet, VecDeque};
use tlc_check::{ActionId, Model, Trace};

/// Error raised by [`GraphModel`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphError(pub String);

type Pred = Box<dyn Fn(u32) -> bool + Sync>;
type Pred2 = Box<dyn Fn(u32, u32) -> bool + Sync>;

/// A state graph over `0..n` with explicit edges `(action, target)` per node.
#[derive(Default)]
pub struct GraphModel {
    /// Initial nodes, in emission order (duplicates allowed).
    pub init: Vec<u32>,
    /// `edges[n]`: successors of `n` in emission order.
    pub edges: Vec<Vec<(u32, u32)>>,
    /// Invariants (true = holds).
    pub invariants: Vec<Pred>,
    /// State constraint (true = in model).
    pub constraint: Option<Pred>,
    /// Action constraint.
    pub action_constraint: Option<Pred2>,
    /// Action properties (true = holds).
    pub action_properties: Vec<Pred2>,
    /// `successors(n)` fails (after emitting its edges) for these nodes.
    pub error_at: HashSet<u32>,
    /// Invariant evaluation fails for these nodes.
    pub inv_error_at: HashSet<u32>,
    /// `successors(n)` sleeps 50 ms for these nodes (to force races between workers).
    pub slow: HashSet<u32>,
    /// Fingerprint view: nodes with equal `view(n)` are the same state for the visited set.
    pub view: Option<fn(u32) -> u32>,
}

impl GraphModel {
    /// A graph with `n` nodes and no edges.
    pub fn new(n: usize) -> Self {
        GraphModel {
            edges: vec![Vec::new(); n],
            ..Default::default()
        }
    }
    /// Adds edge `a -> b` labelled with action `act`.
    pub fn edge(mut self, a: u32, b: u32, act: u32) -> Self {
        self.edges[a as usize].push((act, b));
        self
    }
    /// Adds edges `a -> b` (action 0).
    pub fn edges(mut self, es: &[(u32, u32)]) -> Self {
        for &(a, b) in es {
            self.edges[a as usize].push((0, b));
        }
        self
    }
    /// Sets the initial nodes.
    pub fn init(mut self, i: &[u32]) -> Self {
        self.init = i.to_vec();
        self
    }
    /// Adds the invariant "node is not in `bad`".
    pub fn bad(mut self, bad: &[u32]) -> Self {
        let bad: HashSet<u32> = bad.iter().copied().collect();
        self.invariants.push(Box::new(move |n| !bad.contains(&n)));
        self
    }

    /// Nodes reachable from the initial nodes (through in-model nodes only), by plain BFS.
    pub fn reference_bfs(&self) -> (u64, u64) {
        let in_model = |n: u32| self.constraint.as_ref().is_none_or(|c| c(n));
        let mut seen = HashSet::new();
        let mut q = VecDeque::new();
        let mut depth = 0;
        for &i in &self.init {
            if in_model(i) && seen.insert(self.fp_of(i)) {
                q.push_back((i, 1u64));
            }
        }
        while let Some((n, d)) = q.pop_front() {
            depth = depth.max(d);
            for &(_, t) in &self.edges[n as usize] {
                let ok = in_model(t) && self.action_constraint.as_ref().is_none_or(|c| c(n, t));
                if ok && seen.insert(self.fp_of(t)) {
                    q.push_back((t, d + 1));
                }
            }
        }
        (seen.len() as u64, depth)
    }

    fn fp_of(&self, n: u32) -> u32 {
        self.view.map_or(n, |v| v(n))
    }

    /// Shortest distance (in states) from an initial node to any node satisfying `target`.
    pub fn shortest_len_to(&self, target: impl Fn(u32) -> bool) -> Option<usize> {
        let mut seen = HashSet::new();
        let mut q: VecDeque<(u32, usize)> = self.init.iter().map(|&i| (i, 1)).collect();
        while let Some((n, d)) = q.pop_front() {
            if !seen.insert(n) {
                continue;
            }
            if target(n) {
                return Some(d);
            }
            for &(_, t) in &self.edges[n as usize] {
                q.push_back((t, d + 1));
            }
        }
        None
    }

    /// Checks that `trace` is a path of this graph from an initial node.
    pub fn assert_valid_trace(&self, trace: &Trace<u32>) {
        assert!(trace.replay_error.is_none(), "{:?}", trace.replay_error);
        let first = &trace.steps[0];
        assert!(self.init.contains(&first.state));
        assert_eq!(first.action, None);
        for w in trace.steps.windows(2) {
            let act = w[1].action.expect("non-initial step has an action");
            assert!(
                self.edges[w[0].state as usize].contains(&(act.0, w[1].state)),
                "{} -> {} (action {}) is not an edge",
                w[0].state,
                w[1].state,
                act.0
            );
        }
    }
}

impl Model for GraphModel {
    type State = u32;
    type Error = GraphError;

    fn initial_states(&self, out: &mut dyn FnMut(u32)) -> Result<(), GraphError> {
        for &i in &self.init {
            out(i);
        }
        Ok(())
    }

    fn successors(&self, s: &u32, out: &mut dyn FnMut(ActionId, u32)) -> Result<(), GraphError> {
        if self.slow.contains(s) {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        for &(a, t) in &self.edges[*s as usize] {
            out(ActionId(a), t);
        }
        if self.error_at.contains(s) {
            return Err(GraphError(format!("boom at {s}")));
        }
        Ok(())
    }

    fn fingerprint(&self, s: &u32) -> Result<u64, GraphError> {
        Ok(u64::from(self.fp_of(*s)) + 1)
    }

    fn state_constraint(&self, s: &u32) -> Result<bool, GraphError> {
        Ok(self.constraint.as_ref().is_none_or(|c| c(*s)))
    }

    fn action_constraint(&self, a: &u32, b: &u32) -> Result<bool, GraphError> {
        Ok(self.action_constraint.as_ref().is_none_or(|c| c(*a, *b)))
    }

    fn check_invariants(&self, s: &u32) -> Result<Option<usize>, GraphError> {
        if self.inv_error_at.contains(s) {
            return Err(GraphError(format!("invariant error at {s}")));
        }
        Ok(self.invariants.iter().position(|inv| !inv(*s)))
    }

    fn check_action_properties(&self, a: &u32, b: &u32) -> Result<Option<usize>, GraphError> {
        Ok(self.action_properties.iter().position(|p| !p(*a, *b)))
    }

    fn lossy_fingerprints(&self) -> bool {
        self.view.is_some()
    }
}

/// Deterministic xorshift generator for random graphs.
pub struct Rng(pub u64);

impl Rng {
    /// Next pseudo-random number.
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    /// Uniform in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A random graph on `n` nodes, out-degree in `0..=max_deg`, edges biased towards nearby
/// node numbers half of the time (so that BFS levels have many intra-level duplicates).
pub fn random_graph(n: usize, max_deg: u64, seed: u64) -> GraphModel {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut g = GraphModel::new(n);
    for a in 0..n {
        let d = rng.below(max_deg + 1);
        for k in 0..d {
            let b = if rng.below(2) == 0 {
                rng.below(n as u64) as usize
            } else {
                (a + 1 + rng.below(16) as usize) % n
            };
            g.edges[a].push((k as u32, b as u32));
        }
    }
    g.init = vec![0, (n / 2) as u32];
    g
}
