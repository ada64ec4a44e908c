//! The reachable part of the product of the behaviour graph with the tableau automaton.
//!
//! Product nodes get dense ids in breadth-first order from the initial nodes, so a smaller id
//! means a shorter prefix, and every node stores its BFS parent (for the shortest lasso prefix).
//! When the automaton is trivial the product *is* the graph: [`Identity`] then only renumbers
//! the reachable nodes (4 bytes per edge) instead of building product edges.

use ahash::AHashMap;

use super::automaton::Tgba;
use super::formula::Pred;
use super::graph::BehaviorGraph;
use super::scc::NONE;
use super::LivenessError;

/// A product graph: dense nodes `0..len()`, out-edges by position.
pub(crate) trait View: Sync {
    fn len(&self) -> usize;
    /// The behaviour-graph node of product node `v`.
    fn gnode(&self, v: u32) -> u32;
    fn degree(&self, v: u32) -> usize;
    /// Target product node of `v`'s edge at `pos` (`NONE` if filtered out).
    fn target(&self, v: u32, pos: usize) -> u32;
    /// The behaviour-graph edge (or `STUTTER`) underlying `v`'s edge at `pos`.
    fn gedge(&self, v: u32, pos: usize) -> u32;
    /// Acceptance marks of the edge.
    fn acc(&self, v: u32, pos: usize) -> u64;
    /// BFS parent `(node, edge position)`, `(NONE, 0)` for initial nodes.
    fn parent(&self, v: u32) -> (u32, u32);
    /// Number of product edges (for statistics).
    fn edge_count(&self) -> usize;
}

fn all(preds: &[Pred], s: &[u64], a: &[u64]) -> bool {
    preds.iter().all(|p| p.eval(s, a))
}

/// The graph itself, restricted to nodes reachable through edges satisfying `global`, renumbered
/// in BFS order with its edges' targets translated to product ids (4 bytes per edge; edge
/// positions are those of the behaviour graph, filtered edges have target `NONE`).
pub(crate) struct Identity<'g> {
    g: &'g BehaviorGraph,
    g_of: Vec<u32>,
    parent: Vec<(u32, u32)>,
    start: Vec<u64>,
    target: Vec<u32>,
    edges: usize,
}

impl<'g> Identity<'g> {
    pub(crate) fn build(g: &'g BehaviorGraph, init: &[Pred], global: &[Pred]) -> Self {
        let mut pid_of = vec![NONE; g.node_count()];
        let mut g_of = vec![];
        let mut parent = vec![];
        for &n in g.initial_ids() {
            if pid_of[n as usize] == NONE && all(init, g.state_bits(n), &[]) {
                pid_of[n as usize] = g_of.len() as u32;
                g_of.push(n);
                parent.push((NONE, 0));
            }
        }
        let mut edges = 0;
        let mut start = Vec::with_capacity(g.node_count() + 1);
        start.push(0u64);
        let mut target = Vec::with_capacity(g.edge_count() + g.node_count());
        let mut v = 0;
        while v < g_of.len() {
            let n = g_of[v];
            let s = g.state_bits(n);
            for pos in 0..g.degree(n) {
                let e = g.edge_of(n, pos);
                if !all(global, s, g.action_bits(n, e)) {
                    target.push(NONE);
                    continue;
                }
                edges += 1;
                let t = g.target(n, e);
                if pid_of[t as usize] == NONE {
                    pid_of[t as usize] = g_of.len() as u32;
                    g_of.push(t);
                    parent.push((v as u32, pos as u32));
                }
                target.push(pid_of[t as usize]);
            }
            start.push(target.len() as u64);
            v += 1;
        }
        Identity {
            g,
            g_of,
            parent,
            start,
            target,
            edges,
        }
    }
}

impl View for Identity<'_> {
    fn len(&self) -> usize {
        self.g_of.len()
    }
    #[inline]
    fn gnode(&self, v: u32) -> u32 {
        self.g_of[v as usize]
    }
    #[inline]
    fn degree(&self, v: u32) -> usize {
        (self.start[v as usize + 1] - self.start[v as usize]) as usize
    }
    #[inline]
    fn target(&self, v: u32, pos: usize) -> u32 {
        self.target[self.start[v as usize] as usize + pos]
    }
    #[inline]
    fn gedge(&self, v: u32, pos: usize) -> u32 {
        self.g.edge_of(self.g_of[v as usize], pos)
    }
    #[inline]
    fn acc(&self, _v: u32, _pos: usize) -> u64 {
        0
    }
    fn parent(&self, v: u32) -> (u32, u32) {
        self.parent[v as usize]
    }
    fn edge_count(&self) -> usize {
        self.edges
    }
}

enum PidMap {
    Dense(Vec<u32>, usize),
    Sparse(AHashMap<u64, u32>, usize),
}

impl PidMap {
    fn get(&self, g: u32, q: u32) -> u32 {
        match self {
            PidMap::Dense(v, nq) => v[g as usize * nq + q as usize],
            PidMap::Sparse(m, nq) => *m.get(&(g as u64 * *nq as u64 + q as u64)).unwrap_or(&NONE),
        }
    }
    fn set(&mut self, g: u32, q: u32, pid: u32) {
        match self {
            PidMap::Dense(v, nq) => v[g as usize * *nq + q as usize] = pid,
            PidMap::Sparse(m, nq) => {
                m.insert(g as u64 * *nq as u64 + q as u64, pid);
            }
        }
    }
}

/// The materialized product with a non-trivial automaton.
pub(crate) struct Product {
    g_of: Vec<u32>,
    parent: Vec<(u32, u32)>,
    start: Vec<u64>,
    target: Vec<u32>,
    gedge: Vec<u32>,
    acc: Vec<u64>,
}

impl Product {
    pub(crate) fn build(
        g: &BehaviorGraph,
        aut: &Tgba,
        init: &[Pred],
        global: &[Pred],
    ) -> Result<Self, LivenessError> {
        if aut.preds.len() > 64 {
            return Err(LivenessError::TooComplex(
                "more than 64 distinct predicates in the tableau".into(),
            ));
        }
        let nq = aut.trans.len();
        // Dense ids cost 4 bytes per (graph node, automaton state); beyond 4 states a hash map of
        // the reachable pairs is smaller.
        let mut map = if nq <= 4 {
            PidMap::Dense(vec![NONE; g.node_count() * nq], nq)
        } else {
            PidMap::Sparse(AHashMap::new(), nq)
        };
        let mut g_of = vec![];
        let mut q_of = vec![];
        let mut parent = vec![];
        for &n in g.initial_ids() {
            if map.get(n, 0) == NONE && all(init, g.state_bits(n), &[]) {
                map.set(n, 0, g_of.len() as u32);
                g_of.push(n);
                q_of.push(0u32);
                parent.push((NONE, 0));
            }
        }
        let with_acc = aut.n_acc > 0;
        let mut start = vec![0u64];
        let mut target = vec![];
        let mut gedge = vec![];
        let mut acc = vec![];
        let mut v = 0;
        while v < g_of.len() {
            let (n, q) = (g_of[v], q_of[v]);
            let s = g.state_bits(n);
            let base = target.len();
            for pos in 0..g.degree(n) {
                let e = g.edge_of(n, pos);
                let a = g.action_bits(n, e);
                if !all(global, s, a) {
                    continue;
                }
                let mut pv = 0u64;
                for (i, p) in aut.preds.iter().enumerate() {
                    if p.eval(s, a) {
                        pv |= 1 << i;
                    }
                }
                let t = g.target(n, e);
                for tr in &aut.trans[q as usize] {
                    if !tr.label.iter().all(|l| pv >> l & 1 == 1) {
                        continue;
                    }
                    let mut w = map.get(t, tr.next);
                    if w == NONE {
                        w = g_of.len() as u32;
                        if w == NONE - 1 {
                            return Err(LivenessError::GraphTooLarge);
                        }
                        map.set(t, tr.next, w);
                        g_of.push(t);
                        q_of.push(tr.next);
                        parent.push((v as u32, (target.len() - base) as u32));
                    }
                    target.push(w);
                    gedge.push(e);
                    if with_acc {
                        acc.push(tr.acc);
                    }
                }
            }
            start.push(target.len() as u64);
            v += 1;
        }
        Ok(Product {
            g_of,
            parent,
            start,
            target,
            gedge,
            acc,
        })
    }
}

impl View for Product {
    fn len(&self) -> usize {
        self.g_of.len()
    }
    #[inline]
    fn gnode(&self, v: u32) -> u32 {
        self.g_of[v as usize]
    }
    #[inline]
    fn degree(&self, v: u32) -> usize {
        (self.start[v as usize + 1] - self.start[v as usize]) as usize
    }
    #[inline]
    fn target(&self, v: u32, pos: usize) -> u32 {
        self.target[self.start[v as usize] as usize + pos]
    }
    #[inline]
    fn gedge(&self, v: u32, pos: usize) -> u32 {
        self.gedge[self.start[v as usize] as usize + pos]
    }
    #[inline]
    fn acc(&self, v: u32, pos: usize) -> u64 {
        if self.acc.is_empty() {
            0
        } else {
            self.acc[self.start[v as usize] as usize + pos]
        }
    }
    fn parent(&self, v: u32) -> (u32, u32) {
        self.parent[v as usize]
    }
    fn edge_count(&self) -> usize {
        self.target.len()
    }
}
