//! The fair-SCC search: classification of conjuncts, SCC refinement and lasso construction.

use rayon::prelude::*;

use super::automaton::translate;
use super::formula::{to_pred, Atom, Ltl, Nnf, Pred};
use super::graph::{BehaviorGraph, STUTTER};
use super::product::{Identity, Product, View};
use super::scc::{Tarjan, NONE};
use super::LivenessError;

/// One state of a counterexample.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LassoState {
    /// Fingerprint of the state.
    pub fp: u64,
    /// The action of the step into this state (`None` for the first state).
    pub action: Option<u32>,
}

/// How a lasso continues after its last state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cycle {
    /// The last state steps with `action` back to `states[index]` (TLC: "Back to state
    /// index+1"), and the behaviour repeats from there forever.
    BackTo {
        /// Index into [`Counterexample::states`].
        index: usize,
        /// Action of the closing step.
        action: u32,
    },
    /// The behaviour stutters forever in the last state (TLC: "Stuttering").
    Stuttering,
}

/// A behaviour that satisfies the fairness conditions and violates the property.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Counterexample {
    /// The states, starting at an initial state; stuttering steps are omitted.
    pub states: Vec<LassoState>,
    /// How the behaviour continues after the last state.
    pub cycle: Cycle,
    /// Which top-level disjunct of the negated property was satisfied (0-based).
    pub branch: usize,
}

impl Counterexample {
    /// The fingerprints of the states, for replaying them (e.g. `tlc_check::replay_fps`).
    pub fn fingerprints(&self) -> Vec<u64> {
        self.states.iter().map(|s| s.fp).collect()
    }
}

/// The result of checking one property.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// No fair behaviour of the graph violates the property.
    Holds,
    /// A counterexample.
    Violated(Counterexample),
}

/// Work statistics (summed over branches).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckStats {
    /// Top-level disjuncts of the negated property (0 if the property is a tautology).
    pub branches: usize,
    /// Tableau automaton states (0 when no tableau was needed).
    pub automaton_states: usize,
    /// Reachable product nodes.
    pub product_nodes: usize,
    /// Product edges (stuttering included).
    pub product_edges: usize,
    /// Cyclic SCCs examined (including sub-SCCs after refinement).
    pub sccs: usize,
    /// SCCs that had to be split because of a Streett (strong fairness) pair.
    pub refinements: usize,
}

/// A verdict with statistics.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// The verdict.
    pub verdict: Verdict,
    /// Statistics.
    pub stats: CheckStats,
}

/// A conjunction classified by shape.
#[derive(Debug, Default)]
struct Plan {
    /// State predicates on the first state.
    init: Vec<Pred>,
    /// `[]p`: every step of the behaviour.
    global: Vec<Pred>,
    /// `<>[]p`: every step of the cycle.
    ea: Vec<Pred>,
    /// `[]<>p`: some step of the cycle.
    buchi: Vec<Pred>,
    /// `<>[]~r \/ []<>g` as `(r, g)`: if the cycle has an `r` step it has a `g` step.
    streett: Vec<(Pred, Pred)>,
    /// Everything else, for the tableau.
    residual: Vec<Nnf>,
}

fn gf(x: &Nnf) -> Option<&Pred> {
    match x {
        Nnf::G(y) => match &**y {
            Nnf::F(z) => match &**z {
                Nnf::Pred(p) => Some(p),
                _ => None,
            },
            _ => None,
        },
        _ => None,
    }
}

fn fg(x: &Nnf) -> Option<&Pred> {
    match x {
        Nnf::F(y) => match &**y {
            Nnf::G(z) => match &**z {
                Nnf::Pred(p) => Some(p),
                _ => None,
            },
            _ => None,
        },
        _ => None,
    }
}

impl Plan {
    fn add(&mut self, c: Nnf) {
        if let Some(p) = gf(&c) {
            self.buchi.push(p.clone());
            return;
        }
        if let Some(p) = fg(&c) {
            self.ea.push(p.clone());
            return;
        }
        match c {
            Nnf::Pred(p) if p.is_state_level() => self.init.push(p),
            Nnf::G(x) if matches!(*x, Nnf::Pred(_)) => {
                if let Nnf::Pred(p) = *x {
                    self.global.push(p)
                }
            }
            Nnf::Or(ref items) => {
                let mut gs = vec![];
                let mut fs = vec![];
                for it in items {
                    if let Some(p) = gf(it) {
                        gs.push(p.clone());
                    } else if let Some(p) = fg(it) {
                        fs.push(p.clone());
                    } else {
                        self.residual.push(c);
                        return;
                    }
                }
                match fs.len() {
                    0 => self.buchi.push(Pred::or(gs)),
                    1 if gs.is_empty() => self.ea.extend(fs),
                    1 => self.streett.push((fs[0].negate(), Pred::or(gs))),
                    _ => self.residual.push(c),
                }
            }
            c => self.residual.push(c),
        }
    }
}

fn validate(g: &BehaviorGraph, f: &Nnf) -> Result<(), LivenessError> {
    let mut atoms = vec![];
    f.atoms(&mut atoms);
    let l = g.layout();
    for a in atoms {
        match a {
            Atom::State(i) if i >= l.state_atoms => {
                return Err(LivenessError::StateAtomOutOfRange {
                    atom: i,
                    layout: l.state_atoms,
                })
            }
            Atom::Action(i) if i >= l.action_atoms => {
                return Err(LivenessError::ActionAtomOutOfRange {
                    atom: i,
                    layout: l.action_atoms,
                })
            }
            _ => {}
        }
    }
    Ok(())
}

/// Checks `fairness => property` on `graph`: looks for a behaviour (a path from an initial node,
/// with stuttering allowed at every expanded node) that satisfies every formula in `fairness`
/// and violates `property`.
///
/// Top-level disjuncts of the negated property are searched in parallel; the reported
/// counterexample is the one of the first violated disjunct, entering its fair SCC at the
/// product node closest to an initial state (deterministic for a given graph).
pub fn check(
    graph: &BehaviorGraph,
    fairness: &[Ltl],
    property: &Ltl,
) -> Result<Outcome, LivenessError> {
    check_impl(graph, fairness, property, false)
}

/// [`check`], optionally sending every conjunct through the tableau (differential testing).
pub(crate) fn check_impl(
    graph: &BehaviorGraph,
    fairness: &[Ltl],
    property: &Ltl,
    force_tableau: bool,
) -> Result<Outcome, LivenessError> {
    let neg = Nnf::from_ltl(property, true);
    validate(graph, &neg)?;
    let mut fair = vec![];
    for f in fairness {
        let n = Nnf::from_ltl(f, false);
        validate(graph, &n)?;
        fair.extend(n.conjuncts());
    }
    let branches = neg.disjuncts();
    trace_phase("start");
    let results: Vec<Result<(Option<Counterexample>, CheckStats), LivenessError>> = branches
        .into_par_iter()
        .enumerate()
        .map(|(i, b)| {
            let mut plan = Plan::default();
            for c in b.conjuncts().into_iter().chain(fair.iter().cloned()) {
                if force_tableau {
                    plan.residual.push(c);
                } else {
                    plan.add(c);
                }
            }
            if std::env::var_os("LIVENESS_TRACE").is_some() {
                eprintln!("  [branch {i}] {plan:?}");
            }
            let (cex, stats) = check_plan(graph, plan)?;
            Ok((
                cex.map(|mut c| {
                    c.branch = i;
                    c
                }),
                stats,
            ))
        })
        .collect();
    let mut stats = CheckStats::default();
    let mut verdict = Verdict::Holds;
    for r in results {
        let (cex, s) = r?;
        stats.branches += 1;
        stats.automaton_states += s.automaton_states;
        stats.product_nodes += s.product_nodes;
        stats.product_edges += s.product_edges;
        stats.sccs += s.sccs;
        stats.refinements += s.refinements;
        if let (Verdict::Holds, Some(c)) = (&verdict, cex) {
            verdict = Verdict::Violated(c);
        }
    }
    Ok(Outcome { verdict, stats })
}

/// Checks several properties (in parallel) under the same fairness.
pub fn check_all(
    graph: &BehaviorGraph,
    fairness: &[Ltl],
    properties: &[Ltl],
) -> Vec<Result<Outcome, LivenessError>> {
    properties
        .par_iter()
        .map(|p| check(graph, fairness, p))
        .collect()
}

/// Finds the shortest path from an initial node to an explicit edge whose step violates the
/// non-temporal `action` formula (typically the atom of `[A]_v` of a `[][A]_v` property).
/// Stuttering steps are not examined (`[A]_v` holds on them by definition). Returns the states
/// of the path, the last one being the target of the violating step.
pub fn find_action_violation(
    graph: &BehaviorGraph,
    action: &Ltl,
) -> Result<Option<Vec<LassoState>>, LivenessError> {
    let p = to_pred(action).ok_or(LivenessError::NotAnActionPredicate)?;
    validate(graph, &Nnf::Pred(p.clone()))?;
    let view = Identity::build(graph, &[], &[]);
    for v in 0..view.len() as u32 {
        let n = view.gnode(v);
        let s = graph.state_bits(n);
        for e in graph.edge_range(n) {
            let e = e as u32;
            if !p.eval(s, graph.action_bits(n, e)) {
                let mut states = prefix_states(graph, &view, v);
                states.push(LassoState {
                    fp: graph.fingerprint(graph.target(n, e)),
                    action: graph.action(e),
                });
                return Ok(Some(states));
            }
        }
    }
    Ok(None)
}

/// The states on the BFS path from an initial node to `v` (stuttering omitted).
fn prefix_states<V: View>(g: &BehaviorGraph, view: &V, v: u32) -> Vec<LassoState> {
    let steps = prefix_steps(view, v);
    let root = steps.first().map(|s| s.0).unwrap_or(v);
    let mut states = vec![LassoState {
        fp: g.fingerprint(view.gnode(root)),
        action: None,
    }];
    push_steps(g, view, &steps, &mut states);
    states
}

fn prefix_steps<V: View>(view: &V, v: u32) -> Vec<(u32, u32)> {
    let mut steps = vec![];
    let mut cur = v;
    loop {
        let (p, pos) = view.parent(cur);
        if p == NONE {
            break;
        }
        steps.push((p, pos));
        cur = p;
    }
    steps.reverse();
    steps
}

fn push_steps<V: View>(
    g: &BehaviorGraph,
    view: &V,
    steps: &[(u32, u32)],
    out: &mut Vec<LassoState>,
) {
    for &(v, pos) in steps {
        let e = view.gedge(v, pos as usize);
        if e == STUTTER {
            continue;
        }
        let n = view.gnode(v);
        out.push(LassoState {
            fp: g.fingerprint(g.target(n, e)),
            action: g.action(e),
        });
    }
}

fn check_plan(
    g: &BehaviorGraph,
    mut plan: Plan,
) -> Result<(Option<Counterexample>, CheckStats), LivenessError> {
    let mut stats = CheckStats::default();
    if plan.residual.is_empty() {
        let view = Identity::build(g, &plan.init, &plan.global);
        stats.product_nodes = view.len();
        stats.product_edges = view.edge_count();
        // Edges failing the global filter have target NONE in the view: no re-evaluation.
        let s = Search::new(g, &view, &plan, &[], 0);
        let cex = s.run(&mut stats)?;
        Ok((cex, stats))
    } else {
        let aut = translate(&Nnf::and(std::mem::take(&mut plan.residual)))?;
        stats.automaton_states = aut.trans.len();
        let view = Product::build(g, &aut, &plan.init, &plan.global)?;
        stats.product_nodes = view.len();
        stats.product_edges = view.edge_count();
        let s = Search::new(g, &view, &plan, &[], aut.full_acc());
        let cex = s.run(&mut stats)?;
        Ok((cex, stats))
    }
}

/// An accepted (sub-)SCC: entry node, nodes, removed Streett pairs, Streett pairs whose
/// request occurs (so the cycle must also contain their response).
type Candidate = (u32, Vec<u32>, Vec<u32>, Vec<usize>);

/// Whether some literal of the clause occurs according to the summary.
fn clause_in(m: &Summary, lits: &[(Atom, bool)]) -> bool {
    use super::formula::bit;
    lits.iter().any(|&(a, pos)| match (a, pos) {
        (Atom::State(i), true) => bit(&m.s1, i),
        (Atom::State(i), false) => bit(&m.s0, i),
        (Atom::Action(i), true) => bit(&m.a1, i),
        (Atom::Action(i), false) => bit(&m.a0, i),
    })
}

/// Per-SCC existence summary: which literals occur on some (allowed, internal) edge.
struct Summary {
    s1: Vec<u64>,
    s0: Vec<u64>,
    a1: Vec<u64>,
    a0: Vec<u64>,
    acc: u64,
}

struct Search<'a, V: View> {
    g: &'a BehaviorGraph,
    view: &'a V,
    plan: &'a Plan,
    /// Edge filter for every step (only for the identity view; built into the product).
    global: &'a [Pred],
    full_acc: u64,
    buchi_clauses: Vec<Option<Vec<(Atom, bool)>>>,
    r_clauses: Vec<Option<Vec<(Atom, bool)>>>,
    g_clauses: Vec<Option<Vec<(Atom, bool)>>>,
}

impl<'a, V: View> Search<'a, V> {
    fn new(
        g: &'a BehaviorGraph,
        view: &'a V,
        plan: &'a Plan,
        global: &'a [Pred],
        full_acc: u64,
    ) -> Self {
        Search {
            g,
            view,
            plan,
            global,
            full_acc,
            buchi_clauses: plan.buchi.iter().map(Pred::clause).collect(),
            r_clauses: plan.streett.iter().map(|p| p.0.clause()).collect(),
            g_clauses: plan.streett.iter().map(|p| p.1.clause()).collect(),
        }
    }

    #[inline]
    fn bits(&self, v: u32, pos: usize) -> (&'a [u64], &'a [u64]) {
        let n = self.view.gnode(v);
        let e = self.view.gedge(v, pos);
        (self.g.state_bits(n), self.g.action_bits(n, e))
    }

    /// Edge allowed in a cycle (before Streett removals).
    #[inline]
    fn cycle_ok(&self, v: u32, pos: usize) -> bool {
        // Targets are always known when the global filter passes (the identity view followed
        // exactly those edges; the materialized product has no others).
        if self.global.is_empty() && self.plan.ea.is_empty() {
            return true;
        }
        let (s, a) = self.bits(v, pos);
        self.global.iter().all(|p| p.eval(s, a)) && self.plan.ea.iter().all(|p| p.eval(s, a))
    }

    #[inline]
    fn not_removed(&self, removed: &[u32], v: u32, pos: usize) -> bool {
        if removed.is_empty() {
            return true;
        }
        let (s, a) = self.bits(v, pos);
        removed
            .iter()
            .all(|&i| !self.plan.streett[i as usize].0.eval(s, a))
    }

    fn empty_summary(&self) -> Summary {
        let sw = self.g.layout().state_words();
        let aw = self.g.layout().action_words();
        Summary {
            s1: vec![0; sw],
            s0: vec![0; sw],
            a1: vec![0; aw],
            a0: vec![0; aw],
            acc: 0,
        }
    }

    /// Whether the summary already shows every Büchi condition met and every (non-removed)
    /// Streett response present, so that scanning the rest of the SCC cannot change the verdict.
    fn satisfied_by(&self, m: &Summary, removed: &[u32]) -> bool {
        m.acc & self.full_acc == self.full_acc
            && self
                .buchi_clauses
                .iter()
                .all(|c| c.as_ref().is_some_and(|l| clause_in(m, l)))
            && self.g_clauses.iter().enumerate().all(|(i, c)| {
                removed.contains(&(i as u32)) || c.as_ref().is_some_and(|l| clause_in(m, l))
            })
    }

    /// Literal summary of the allowed edges of `nodes` into `m` (cleared first; reused
    /// across components so that the ~one component per state of a large graph costs no
    /// allocation); may stop early once [`Self::satisfied_by`] holds (the summary is then
    /// partial).
    fn summary(
        &self,
        m: &mut Summary,
        nodes: &[u32],
        ok: &(impl Fn(u32, usize) -> bool + Sync),
        removed: &[u32],
    ) {
        const CHUNK: usize = 1 << 15;
        for x in [&mut m.s1, &mut m.s0, &mut m.a1, &mut m.a0] {
            x.fill(0);
        }
        m.acc = 0;
        let head = nodes.len().min(CHUNK);
        for c in nodes[..head].chunks(256) {
            self.accumulate(m, c, ok);
            if self.satisfied_by(m, removed) {
                return;
            }
        }
        let rest = &nodes[head..];
        if rest.len() <= 2 * CHUNK {
            self.accumulate(m, rest, ok);
            return;
        }
        let parts = rest
            .par_chunks(CHUNK)
            .map(|c| {
                let mut m = self.empty_summary();
                self.accumulate(&mut m, c, ok);
                m
            })
            .collect::<Vec<_>>();
        for b in parts {
            for (x, y) in [
                (&mut m.s1, &b.s1),
                (&mut m.s0, &b.s0),
                (&mut m.a1, &b.a1),
                (&mut m.a0, &b.a0),
            ] {
                x.iter_mut().zip(y).for_each(|(x, y)| *x |= y);
            }
            m.acc |= b.acc;
        }
    }

    fn accumulate(&self, m: &mut Summary, nodes: &[u32], ok: &impl Fn(u32, usize) -> bool) {
        for &v in nodes {
            let n = self.view.gnode(v);
            let s = self.g.state_bits(n);
            let mut any = false;
            for pos in 0..self.view.degree(v) {
                if !ok(v, pos) {
                    continue;
                }
                any = true;
                let a = self.g.action_bits(n, self.view.gedge(v, pos));
                for (x, y) in m.a1.iter_mut().zip(a) {
                    *x |= y;
                }
                for (x, y) in m.a0.iter_mut().zip(a) {
                    *x |= !y;
                }
                m.acc |= self.view.acc(v, pos);
            }
            if any {
                for (x, y) in m.s1.iter_mut().zip(s) {
                    *x |= y;
                }
                for (x, y) in m.s0.iter_mut().zip(s) {
                    *x |= !y;
                }
            }
        }
    }

    fn exists(
        &self,
        m: &Summary,
        clause: &Option<Vec<(Atom, bool)>>,
        p: &Pred,
        nodes: &[u32],
        ok: &impl Fn(u32, usize) -> bool,
    ) -> bool {
        if let Some(lits) = clause {
            return clause_in(m, lits);
        }
        nodes.iter().any(|&v| {
            (0..self.view.degree(v)).any(|pos| {
                ok(v, pos) && {
                    let (s, a) = self.bits(v, pos);
                    p.eval(s, a)
                }
            })
        })
    }

    /// Whether the allowed self-loops of node `v` (its stuttering step and explicit steps
    /// to itself) together meet the acceptance marks and every Büchi condition. If not, no
    /// fair cycle stays in `{v}`: the general search, which only removes edges, would reject
    /// the component too.
    fn self_loops_may_accept(&self, v: u32) -> bool {
        let buchi = &self.plan.buchi;
        if buchi.len() > 64 {
            return true;
        }
        let all = if buchi.len() == 64 {
            u64::MAX
        } else {
            (1u64 << buchi.len()) - 1
        };
        let (mut acc, mut met) = (0u64, 0u64);
        for pos in 0..self.view.degree(v) {
            if self.view.target(v, pos) != v || !self.cycle_ok(v, pos) {
                continue;
            }
            acc |= self.view.acc(v, pos);
            let (s, a) = self.bits(v, pos);
            for (i, p) in buchi.iter().enumerate() {
                if met >> i & 1 == 0 && p.eval(s, a) {
                    met |= 1 << i;
                }
            }
        }
        acc & self.full_acc == self.full_acc && met == all
    }

    fn run(&self, stats: &mut CheckStats) -> Result<Option<Counterexample>, LivenessError> {
        let n = self.view.len();
        if n == 0 {
            return Ok(None);
        }
        trace_phase("product");
        let mut tarjan = Tarjan::new(n);
        let mut flat: Vec<u32> = vec![];
        let mut comps: Vec<(u32, usize, usize)> = vec![];
        let mut quick = 0;
        tarjan.run(
            self.view,
            0..n as u32,
            |_| true,
            |v, pos| self.cycle_ok(v, pos),
            |c| {
                // Most components of a large graph are single states whose only cycle is
                // their stuttering step: rejected here, without the general search.
                if let [v] = c {
                    if !self.self_loops_may_accept(*v) {
                        quick += 1;
                        return;
                    }
                }
                let start = flat.len();
                flat.extend_from_slice(c);
                let min = c.iter().copied().min().unwrap_or(NONE);
                comps.push((min, start, flat.len()));
            },
        );
        trace_phase("tarjan");
        stats.sccs += quick;
        comps.sort_unstable();
        let mut scope = vec![0u32; n];
        let mut stamp = 0u32;
        let mut best: Option<Candidate> = None;
        // Reused by every component (most are single states).
        let mut m = self.empty_summary();
        let mut spare: Vec<u32> = Vec::new();
        // Work items: (nodes, removed Streett pairs); processed depth-first per top component.
        let mut work: Vec<(Vec<u32>, Vec<u32>)> = Vec::new();
        for &(min, a, b) in &comps {
            if best.as_ref().is_some_and(|b| min >= b.0) {
                break;
            }
            // Sorted node lists visit memory in BFS order (much better locality).
            let mut top = std::mem::take(&mut spare);
            top.clear();
            top.extend_from_slice(&flat[a..b]);
            top.sort_unstable();
            work.push((top, vec![]));
            // A component given up on leaves its node list (`spare`) for the next one.
            while let Some((nodes, removed)) = work.pop() {
                let min = nodes.iter().copied().min().unwrap_or(NONE);
                if best.as_ref().is_some_and(|b| min >= b.0) {
                    spare = nodes;
                    continue;
                }
                stats.sccs += 1;
                stamp += 1;
                for &v in &nodes {
                    scope[v as usize] = stamp;
                }
                let ok = |v: u32, pos: usize| {
                    self.cycle_ok(v, pos)
                        && scope.get(self.view.target(v, pos) as usize) == Some(&stamp)
                        && self.not_removed(&removed, v, pos)
                };
                self.summary(&mut m, &nodes, &ok, &removed);
                if m.acc & self.full_acc != self.full_acc
                    || !self
                        .plan
                        .buchi
                        .iter()
                        .zip(&self.buchi_clauses)
                        .all(|(p, c)| self.exists(&m, c, p, &nodes, &ok))
                {
                    spare = nodes;
                    continue;
                }
                let mut bad = vec![];
                let mut requested = vec![];
                for (i, (r, gp)) in self.plan.streett.iter().enumerate() {
                    if removed.contains(&(i as u32)) {
                        continue;
                    }
                    // With a partial summary R may be unknown; a present response is then
                    // requested anyway (the cycle just passes one more edge).
                    if self.exists(&m, &self.g_clauses[i], gp, &nodes, &ok) {
                        requested.push(i);
                    } else if self.exists(&m, &self.r_clauses[i], r, &nodes, &ok) {
                        bad.push(i as u32);
                    }
                }
                if bad.is_empty() {
                    best = Some((min, nodes, removed, requested));
                    continue;
                }
                stats.refinements += 1;
                let mut removed2 = removed.clone();
                removed2.extend(bad);
                removed2.sort_unstable();
                tarjan.reset(&nodes);
                let mut subs = vec![];
                tarjan.run(
                    self.view,
                    nodes.iter().copied(),
                    |v| scope[v as usize] == stamp,
                    |v, pos| self.cycle_ok(v, pos) && self.not_removed(&removed2, v, pos),
                    |c| {
                        let mut c = c.to_vec();
                        c.sort_unstable();
                        subs.push(c)
                    },
                );
                // Explore the sub-component closest to the initial states first.
                subs.sort_by_key(|c| std::cmp::Reverse(c.first().copied()));
                for c in subs {
                    work.push((c, removed2.clone()));
                }
            }
        }
        trace_phase("scc search");
        let r = match best {
            None => Ok(None),
            Some((entry, nodes, removed, requested)) => {
                Ok(Some(self.lasso(entry, &nodes, &removed, &requested)?))
            }
        };
        trace_phase("lasso");
        r
    }

    fn lasso(
        &self,
        entry: u32,
        nodes: &[u32],
        removed: &[u32],
        requested: &[usize],
    ) -> Result<Counterexample, LivenessError> {
        let mut in_scope = vec![false; self.view.len()];
        for &v in nodes {
            in_scope[v as usize] = true;
        }
        let ok = |v: u32, pos: usize| {
            self.cycle_ok(v, pos)
                && in_scope.get(self.view.target(v, pos) as usize) == Some(&true)
                && self.not_removed(removed, v, pos)
        };
        let mut parent = vec![(NONE, 0u32); self.view.len()];
        trace_phase("lasso: scope");
        // Requirements the cycle must meet.
        #[derive(Clone, Copy, PartialEq)]
        enum Req {
            Acc(u32),
            Buchi(usize),
            Streett(usize),
        }
        let mut pending = vec![];
        for j in 0..64 {
            if self.full_acc >> j & 1 == 1 {
                pending.push(Req::Acc(j));
            }
        }
        pending.extend((0..self.plan.buchi.len()).map(Req::Buchi));
        pending.extend(requested.iter().map(|&i| Req::Streett(i)));
        let sat = |v: u32, pos: usize, r: Req| -> bool {
            match r {
                Req::Acc(j) => self.view.acc(v, pos) >> j & 1 == 1,
                Req::Buchi(i) => {
                    let (s, a) = self.bits(v, pos);
                    self.plan.buchi[i].eval(s, a)
                }
                Req::Streett(i) => {
                    let (s, a) = self.bits(v, pos);
                    self.plan.streett[i].1.eval(s, a)
                }
            }
        };
        // "Does this edge meet some pending requirement?" as bit tests: one mask per literal
        // kind collects the literals of all pending clause requirements (O(words) per edge,
        // independent of the number of fairness conditions); non-clause ones are evaluated.
        let clause_of = |r: Req| -> Option<&Vec<(Atom, bool)>> {
            match r {
                Req::Acc(_) => None,
                Req::Buchi(i) => self.buchi_clauses[i].as_ref(),
                Req::Streett(i) => self.g_clauses[i].as_ref(),
            }
        };
        let want_of = |pending: &[Req]| -> (Summary, Vec<Req>) {
            let mut w = self.empty_summary();
            let mut other = vec![];
            for &r in pending {
                match (r, clause_of(r)) {
                    (Req::Acc(j), _) => w.acc |= 1 << j,
                    (_, Some(lits)) => {
                        for &(a, pos) in lits {
                            let (words, i) = match (a, pos) {
                                (Atom::State(i), true) => (&mut w.s1, i),
                                (Atom::State(i), false) => (&mut w.s0, i),
                                (Atom::Action(i), true) => (&mut w.a1, i),
                                (Atom::Action(i), false) => (&mut w.a0, i),
                            };
                            words[(i >> 6) as usize] |= 1 << (i & 63);
                        }
                    }
                    (_, None) => other.push(r),
                }
            }
            (w, other)
        };
        let wanted = |w: &Summary, other: &[Req], v: u32, pos: usize| -> bool {
            if self.view.acc(v, pos) & w.acc != 0 {
                return true;
            }
            let (s, a) = self.bits(v, pos);
            let hit = |x: &[u64], want1: &[u64], want0: &[u64]| {
                x.iter()
                    .zip(want1.iter().zip(want0))
                    .any(|(x, (p, n))| x & p != 0 || !x & n != 0)
            };
            hit(s, &w.s1, &w.s0) || hit(a, &w.a1, &w.a0) || other.iter().any(|&r| sat(v, pos, r))
        };
        let mut cycle: Vec<(u32, u32)> = vec![];
        let mut cur = entry;
        while !pending.is_empty() {
            let (want, other) = want_of(&pending);
            let path = self
                .bfs(&mut parent, cur, &ok, |v, pos| {
                    wanted(&want, &other, v, pos)
                })
                .ok_or_else(|| {
                    LivenessError::TooComplex("internal: fair cycle not found".into())
                })?;
            for &(v, pos) in &path {
                if wanted(&want, &other, v, pos as usize) {
                    pending.retain(|&r| !sat(v, pos as usize, r));
                }
            }
            if let Some(&(v, pos)) = path.last() {
                cur = self.view.target(v, pos as usize);
            }
            cycle.extend(path);
        }
        trace_phase("lasso: requirements");
        if cycle.is_empty() || cur != entry {
            let path = self
                .bfs(&mut parent, cur, &ok, |v, pos| {
                    self.view.target(v, pos) == entry
                })
                .ok_or_else(|| LivenessError::TooComplex("internal: cycle not closed".into()))?;
            cycle.extend(path);
        }
        trace_phase("lasso: close");
        let mut states = prefix_states(self.g, self.view, entry);
        let entry_index = states.len() - 1;
        let mut looped = vec![];
        push_steps(self.g, self.view, &cycle, &mut looped);
        let cycle = match looped.pop() {
            None => Cycle::Stuttering,
            Some(last) => {
                states.extend(looped);
                Cycle::BackTo {
                    index: entry_index,
                    action: last.action.unwrap_or(0),
                }
            }
        };
        Ok(Counterexample {
            states,
            cycle,
            branch: 0,
        })
    }

    /// Shortest path (list of `(node, edge position)`) from `from` whose last edge satisfies
    /// `goal`, using only edges with `ok`.
    /// `parent` is scratch of size `view.len()`, all `(NONE, _)` on entry and on return.
    fn bfs(
        &self,
        parent: &mut [(u32, u32)],
        from: u32,
        ok: &impl Fn(u32, usize) -> bool,
        goal: impl Fn(u32, usize) -> bool,
    ) -> Option<Vec<(u32, u32)>> {
        let mut queue = vec![from];
        let mut head = 0;
        let mut found = None;
        'search: while head < queue.len() {
            let u = queue[head];
            head += 1;
            for pos in 0..self.view.degree(u) {
                if !ok(u, pos) {
                    continue;
                }
                if goal(u, pos) {
                    let mut path = vec![(u, pos as u32)];
                    let mut cur = u;
                    while cur != from {
                        let (p, ppos) = parent[cur as usize];
                        path.push((p, ppos));
                        cur = p;
                    }
                    path.reverse();
                    found = Some(path);
                    break 'search;
                }
                let w = self.view.target(u, pos);
                if w != from && parent[w as usize].0 == NONE {
                    parent[w as usize] = (u, pos as u32);
                    queue.push(w);
                }
            }
        }
        for &v in &queue {
            parent[v as usize] = (NONE, 0);
        }
        found
    }
}

fn trace_phase(what: &str) {
    use std::sync::Mutex;
    static LAST: Mutex<Option<std::time::Instant>> = Mutex::new(None);
    if std::env::var_os("LIVENESS_TRACE").is_some() {
        let now = std::time::Instant::now();
        if let Ok(mut l) = LAST.lock() {
            if let Some(t) = *l {
                eprintln!("  [{what}] {:?}", now - t);
            }
            *l = Some(now);
        }
    }
}
