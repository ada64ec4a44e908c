//! Temporal formulas for the liveness layer: [`Program::translate_temporal`] walks a
//! compiled PROPERTY (or fairness conjunct) through definitions, `LET`, `IF` on constants and
//! `\A`/`\E` over constant sets, and turns it into a [`TemporalFormula`] whose leaves are
//! numbered *atoms*: maximal non-temporal subformulas, each with the values of the bound
//! variables in scope. Atoms are evaluated on concrete states ([`Program::eval_state_atoms`])
//! and pairs of states ([`Program::eval_action_atoms`]).
//!
//! `WF_v(A)` / `SF_v(A)` become [`TemporalFormula::Fair`] with the state atom
//! `ENABLED <<A>>_v` and the action atom `<<A>>_v`, as TLC expands them.

use crate::error::{EvalError, EvalErrorKind};
use crate::eval::{Cx, Slot};
use crate::ir::*;
use crate::{Named, Program};
use std::collections::{HashMap, HashSet};
use tlc_value::Value;

/// A temporal formula over numbered atoms (see [`LiveAtoms`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemporalFormula {
    /// A constant.
    Bool(bool),
    /// A state atom (a state predicate, `ENABLED` allowed).
    State(u32),
    /// An action atom (a predicate of a step `(s, t)`).
    Action(u32),
    /// `~F`
    Not(Box<TemporalFormula>),
    /// `F /\ G /\ ...`
    And(Vec<TemporalFormula>),
    /// `F \/ G \/ ...`
    Or(Vec<TemporalFormula>),
    /// `F => G`
    Implies(Box<TemporalFormula>, Box<TemporalFormula>),
    /// `F <=> G`
    Equiv(Box<TemporalFormula>, Box<TemporalFormula>),
    /// `[]F`
    Always(Box<TemporalFormula>),
    /// `<>F`
    Eventually(Box<TemporalFormula>),
    /// `F ~> G`
    LeadsTo(Box<TemporalFormula>, Box<TemporalFormula>),
    /// `WF_v(A)` (`strong = false`) or `SF_v(A)`: `enabled` is the state atom
    /// `ENABLED <<A>>_v`, `action` the action atom `<<A>>_v`.
    Fair {
        /// Strong fairness.
        strong: bool,
        /// State atom `ENABLED <<A>>_v`.
        enabled: u32,
        /// Action atom `<<A>>_v`.
        action: u32,
    },
}

#[derive(Clone, Debug)]
enum AtomKind {
    /// Evaluate the expression as a boolean.
    Pred,
    /// `ENABLED expr`.
    Enabled,
}

#[derive(Clone, Debug)]
struct Atom {
    expr: Ex,
    env: Vec<Slot>,
    kind: AtomKind,
    /// A [`AtomKind::Pred`] compiled for the fast path (see `fastpred`), if simple enough.
    fast: Option<crate::fastpred::Fast>,
}

/// The atoms of translated temporal formulas: state atoms and action atoms, numbered
/// densely from 0 (separately). Identical atoms (same expression, same bound values)
/// share one number.
#[derive(Clone, Debug, Default)]
pub struct LiveAtoms {
    state: Vec<Atom>,
    action: Vec<Atom>,
    index: HashMap<String, (bool, u32)>,
}

impl LiveAtoms {
    /// No atoms yet.
    pub fn new() -> LiveAtoms {
        LiveAtoms::default()
    }

    /// Number of state atoms.
    pub fn num_state(&self) -> usize {
        self.state.len()
    }

    /// Number of action atoms.
    pub fn num_action(&self) -> usize {
        self.action.len()
    }

    /// Number of (state, action) atoms the fast path is tried on (for tests and
    /// diagnostics; see `fastpred`).
    #[doc(hidden)]
    pub fn num_fast(&self) -> (usize, usize) {
        let n = |v: &[Atom]| v.iter().filter(|a| a.fast.is_some()).count();
        (n(&self.state), n(&self.action))
    }

    fn add(&mut self, action: bool, atom: Atom) -> u32 {
        let key = format!("{action}|{:?}|{:?}|{:?}", atom.kind, atom.expr, atom.env);
        if let Some(&(_, id)) = self.index.get(&key) {
            return id;
        }
        let list = if action {
            &mut self.action
        } else {
            &mut self.state
        };
        let id = list.len() as u32;
        list.push(atom);
        self.index.insert(key, (action, id));
        id
    }
}

/// Which steps an action `A` of an atom denotes, when the successors the search computed
/// decide it: the whole next-state relation, or one action (a disjunct of Next, by index).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sel {
    Next,
    Action(u32),
}

/// A subscript `v` of `<<A>>_v`, for deciding `v' # v`.
#[derive(Clone, Debug)]
enum Sub {
    /// Every state variable: `v' # v` iff the states differ.
    All,
    /// These variable slots.
    Vars(Vec<u32>),
    /// Any other state function, evaluated on both states.
    Expr(Ex, Vec<Slot>),
}

#[derive(Clone, Debug)]
enum StatePlan {
    /// Evaluate the atom on the state.
    Eval,
    /// `ENABLED A` (`sub == None`) or `ENABLED <<A>>_v`: some recorded successor in `sel`
    /// (that changes `v`); without one, false if the successors are complete.
    Enabled { sel: Sel, sub: Option<usize> },
}

#[derive(Clone, Debug)]
enum ActionPlan {
    /// Evaluate the atom on the pair of states.
    Eval,
    /// `<<A>>_v`: the step is an `A` step (`sel`) that changes `v`; false on stuttering.
    Angle { sel: Sel, sub: usize },
}

/// How the atoms of a [`LiveAtoms`] are computed from one *expansion* of the search (a state
/// and all its successors, each with the action that produced it), built by
/// [`Program::expansion_plan`] and used by [`Program::eval_expansion_atoms`].
///
/// `ENABLED` and `<<A>>_v` atoms whose action is the next-state relation or one of its
/// actions are decided from the successors the search already computed, without enumerating
/// them again: `<<A>>_v` on a step is `v' # v` when the step is an `A` step, and
/// `ENABLED <<A>>_v` holds if some `A` successor changes `v`. Other atoms are evaluated.
#[derive(Clone, Debug)]
pub struct ExpansionPlan {
    state: Vec<StatePlan>,
    action: Vec<ActionPlan>,
    subs: Vec<Sub>,
    /// The recorded successors are all successors (no CONSTRAINT or ACTION_CONSTRAINT
    /// dropped any), so "no recorded `A` successor" means `ENABLED A` is false.
    complete: bool,
}

impl ExpansionPlan {
    /// Number of atoms decided from the successors instead of being evaluated
    /// (state atoms, action atoms).
    pub fn derived(&self) -> (usize, usize) {
        (
            self.state
                .iter()
                .filter(|p| !matches!(p, StatePlan::Eval))
                .count(),
            self.action
                .iter()
                .filter(|p| !matches!(p, ActionPlan::Eval))
                .count(),
        )
    }
}

/// The `Debug` form of an expression without its source spans: two occurrences of the same
/// text (e.g. `Next` in `[][Next]_v` and in `WF_v(Next)`) compare equal.
fn shape(e: &Ex) -> String {
    let d = format!("{e:?}");
    let mut out = String::with_capacity(d.len());
    let mut rest = d.as_str();
    const KEY: &str = "span: Span {";
    while let Some(i) = rest.find(KEY) {
        out.push_str(&rest[..i]);
        let after = &rest[i + KEY.len()..];
        match after.find('}') {
            Some(j) => rest = &after[j + 1..],
            None => {
                rest = after;
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

fn unsupported(span: tlc_syntax::Span, msg: impl Into<String>) -> EvalError {
    EvalError::with_kind(EvalErrorKind::Unsupported, span, msg.into())
}

/// The number of frame slots an expression reads directly (locals, captures, LET slots).
fn frame_needed(e: &Ex) -> u32 {
    let mut n = 0u32;
    crate::compile::visit_ex(e, &mut |x| {
        let k = match &x.kind {
            ExKind::Local(s) | ExKind::LetRef { slot: s, .. } => s + 1,
            ExKind::Call { capture, args, .. } => {
                let mut k = *capture;
                for a in args {
                    if let Arg::Op(OpArg::Def { capture, .. }) = a {
                        k = k.max(*capture);
                    }
                    if let Arg::Op(OpArg::Param(s)) = a {
                        k = k.max(s + 1);
                    }
                }
                k
            }
            ExKind::RecFnApp { capture, .. } | ExKind::RecFnValue { capture, .. } => *capture,
            ExKind::CallParam { slot, .. } => slot + 1,
            ExKind::Let { slots, .. } => slots.iter().map(|s| s + 1).max().unwrap_or(0),
            ExKind::Forall(bs, _)
            | ExKind::Exists(bs, _)
            | ExKind::SetMap(bs, _)
            | ExKind::FnCons(bs, _) => bs
                .iter()
                .flat_map(|b| b.pats.iter())
                .map(pat_max)
                .max()
                .unwrap_or(0),
            ExKind::Choose(b, _) | ExKind::SetFilter(b, _) => {
                b.pats.iter().map(pat_max).max().unwrap_or(0)
            }
            ExKind::Except(_, ups) => ups.iter().map(|u| u.at + 1).max().unwrap_or(0),
            _ => 0,
        };
        n = n.max(k);
    });
    n
}

fn pat_max(p: &Pat) -> u32 {
    match p {
        Pat::Slot(s) => s + 1,
        Pat::Tuple(ss) => ss.iter().map(|s| s + 1).max().unwrap_or(0),
    }
}

fn set_bit(out: &mut [u64], i: usize) {
    if let Some(w) = out.get_mut(i / 64) {
        *w |= 1u64 << (i % 64);
    }
}

impl Program {
    /// True if the formula contains a temporal operator (`[]`, `<>`, `~>`, `WF`, `SF`),
    /// looking through definitions.
    pub fn is_temporal_formula(&self, n: &Named) -> bool {
        self.is_temporal(&n.expr)
    }

    /// True if the (non-temporal) formula reads the next state outside `ENABLED`
    /// (primes, `UNCHANGED`, `[A]_v`, `<<A>>_v`), looking through definitions.
    pub fn is_action_formula(&self, n: &Named) -> bool {
        self.has_action(&n.expr, &mut HashMap::new())
    }

    /// A copy of `n` whose frame is large enough for every captured slot its expression
    /// refers to (conjuncts taken out of instantiated definitions can capture more slots
    /// than the frame recorded for them).
    pub fn with_full_frame(&self, n: &Named) -> Named {
        let mut m = n.clone();
        m.frame = m.frame.max(frame_needed(&n.expr));
        m
    }

    /// Translates a temporal formula into a [`TemporalFormula`], adding its atoms to `atoms`.
    /// Bound variables of `\A`/`\E` over constant sets are expanded.
    pub fn translate_temporal(
        &self,
        n: &Named,
        atoms: &mut LiveAtoms,
    ) -> Result<TemporalFormula, EvalError> {
        let env = vec![Slot::Empty; n.frame as usize];
        self.walk_temporal(&n.expr, &env, atoms, 0)
    }

    /// Sets bit `i` of `out` (bit `i % 64` of word `i / 64`) for every state atom true in `s`.
    pub fn eval_state_atoms(
        &self,
        atoms: &LiveAtoms,
        s: &[Value],
        out: &mut [u64],
    ) -> Result<(), EvalError> {
        let mut cx = Cx::new(&self.defs, &self.vars, s);
        // Successors of `s`, computed once for the ENABLED atoms that need them.
        let mut succs: Option<Vec<crate::State>> = None;
        for (i, a) in atoms.state.iter().enumerate() {
            cx.env.clear();
            cx.env.extend(a.env.iter().cloned());
            cx.base = 0;
            let b = match a.kind {
                AtomKind::Pred => cx.eval_bool(&a.expr, "a temporal property")?,
                AtomKind::Enabled => match cx.enabled(&a.expr) {
                    Ok(b) => b,
                    Err(e) if e.message.contains("has not been assigned a value yet") => {
                        if succs.is_none() {
                            let mut v = Vec::new();
                            self.successors(s, &mut |_, t| v.push(t))?;
                            succs = Some(v);
                        }
                        self.enabled_by_successors(a, s, succs.as_deref().unwrap_or(&[]))?
                    }
                    Err(e) => return Err(e),
                },
            };
            if b {
                set_bit(out, i);
            }
        }
        Ok(())
    }

    /// `ENABLED A` in `s` when `A` cannot be enumerated (e.g. the action of a refined
    /// spec whose variables are substituted by expressions, `x' = e` with `x` an
    /// expression): whether some successor `t` of `s` under the next-state relation
    /// satisfies `A` on `(s, t)`.
    fn enabled_by_successors(
        &self,
        a: &Atom,
        s: &[Value],
        succs: &[crate::State],
    ) -> Result<bool, EvalError> {
        for t in succs {
            if self.step_satisfies(a, s, t)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Sets bit `i` of `out` for every action atom true on the step `s -> t`.
    pub fn eval_action_atoms(
        &self,
        atoms: &LiveAtoms,
        s: &[Value],
        t: &[Value],
        out: &mut [u64],
    ) -> Result<(), EvalError> {
        if atoms.action.is_empty() {
            return Ok(());
        }
        let mut cx = Cx::new(&self.defs, &self.vars, s);
        cx.set_next(t);
        for (i, a) in atoms.action.iter().enumerate() {
            cx.env.clear();
            cx.env.extend(a.env.iter().cloned());
            cx.base = 0;
            cx.primed = false;
            let b = match a.kind {
                AtomKind::Pred => cx.eval_bool(&a.expr, "a temporal property")?,
                AtomKind::Enabled => cx.enabled(&a.expr)?,
            };
            if b {
                set_bit(out, i);
            }
        }
        Ok(())
    }

    /// How to compute the atoms of `atoms` from expansions of the search (see
    /// [`ExpansionPlan`]).
    pub fn expansion_plan(&self, atoms: &LiveAtoms) -> ExpansionPlan {
        let closed_shape = |e: &Ex| self.action_shape(e);
        let next_shape = self.next.as_ref().and_then(|n| closed_shape(&n.expr));
        let action_shapes: Vec<Option<String>> =
            self.actions.iter().map(|a| closed_shape(&a.expr)).collect();
        let sel = |a: &Ex| -> Option<Sel> {
            let sh = closed_shape(a)?;
            if next_shape.as_ref() == Some(&sh) {
                return Some(Sel::Next);
            }
            action_shapes
                .iter()
                .position(|x| x.as_ref() == Some(&sh))
                .map(|k| Sel::Action(k as u32))
        };
        let mut subs: Vec<Sub> = Vec::new();
        let mut sub_keys: Vec<String> = Vec::new();
        let mut sub = |v: &Ex, env: &[Slot]| -> usize {
            let mut vars = Vec::new();
            let (key, s) = if self.subscript_vars(v, &mut vars, 0) {
                vars.sort_unstable();
                vars.dedup();
                if vars.len() == self.vars.len() {
                    ("all".to_string(), Sub::All)
                } else {
                    (format!("{vars:?}"), Sub::Vars(vars))
                }
            } else {
                (
                    format!("{}|{:?}", shape(v), env),
                    Sub::Expr(v.clone(), env.to_vec()),
                )
            };
            if let Some(k) = sub_keys.iter().position(|x| *x == key) {
                return k;
            }
            sub_keys.push(key);
            subs.push(s);
            subs.len() - 1
        };
        let state = atoms
            .state
            .iter()
            .map(|a| {
                let (inner, angle) = match (&a.kind, &a.expr.kind) {
                    (AtomKind::Enabled, _) => (&a.expr, true),
                    (AtomKind::Pred, ExKind::Enabled(x)) => (&**x, false),
                    _ => return StatePlan::Eval,
                };
                match &inner.kind {
                    ExKind::AngleAction(act, v) => match sel(act) {
                        Some(s) => StatePlan::Enabled {
                            sel: s,
                            sub: Some(sub(v, &a.env)),
                        },
                        None => StatePlan::Eval,
                    },
                    _ if !angle => match sel(inner) {
                        Some(s) => StatePlan::Enabled { sel: s, sub: None },
                        None => StatePlan::Eval,
                    },
                    _ => StatePlan::Eval,
                }
            })
            .collect();
        let action = atoms
            .action
            .iter()
            .map(|a| match (&a.kind, &a.expr.kind) {
                (AtomKind::Pred, ExKind::AngleAction(act, v)) => match sel(act) {
                    Some(s) => ActionPlan::Angle {
                        sel: s,
                        sub: sub(v, &a.env),
                    },
                    None => ActionPlan::Eval,
                },
                _ => ActionPlan::Eval,
            })
            .collect();
        ExpansionPlan {
            state,
            action,
            subs,
            complete: self.constraints.is_empty() && self.action_constraints.is_empty(),
        }
    }

    /// The shape of an action for comparing it with the next-state relation and its
    /// actions: calls of zero-argument definitions are looked through (the action list of
    /// `Next == A \/ B` holds calls of definitions whose bodies call `A` and `B`); `None`
    /// if the expression reads slots of an enclosing frame.
    fn action_shape(&self, e: &Ex) -> Option<String> {
        let mut cur = e;
        let mut unwrapped = false;
        for _ in 0..64 {
            match &cur.kind {
                ExKind::Call {
                    def,
                    capture: 0,
                    args,
                } if args.is_empty() => {
                    let d = &self.defs[def.0 as usize];
                    if d.nargs != 0 || d.fn_bounds.is_some() || d.cache.is_some() {
                        break;
                    }
                    cur = &d.body;
                    unwrapped = true;
                }
                _ => break,
            }
        }
        (unwrapped || frame_needed(cur) == 0).then(|| shape(cur))
    }

    /// True (and the slots in `out`) if the subscript `v` is a variable or a tuple of
    /// subscripts, looking through zero-argument definitions.
    fn subscript_vars(&self, v: &Ex, out: &mut Vec<u32>, depth: u32) -> bool {
        if depth > 32 {
            return false;
        }
        match &v.kind {
            ExKind::Var(i) => {
                out.push(*i);
                true
            }
            ExKind::Tuple(xs) => xs.iter().all(|x| self.subscript_vars(x, out, depth + 1)),
            ExKind::Call {
                def,
                capture: 0,
                args,
            } if args.is_empty() => {
                let d = &self.defs[def.0 as usize];
                d.nargs == 0 && self.subscript_vars(&d.body, out, depth + 1)
            }
            _ => false,
        }
    }

    /// For each successor, whether the subscript changes on the step `s -> t`.
    fn sub_changed(
        &self,
        sub: &Sub,
        s: &[Value],
        succs: &[(u32, &[Value])],
    ) -> Result<Vec<bool>, EvalError> {
        Ok(match sub {
            Sub::All => succs.iter().map(|(_, t)| *t != s).collect(),
            Sub::Vars(vs) => succs
                .iter()
                .map(|(_, t)| vs.iter().any(|&i| s.get(i as usize) != t.get(i as usize)))
                .collect(),
            Sub::Expr(e, env) => {
                let eval_on = |st: &[Value]| -> Result<Value, EvalError> {
                    let mut cx = Cx::new(&self.defs, &self.vars, st);
                    cx.env = env.clone();
                    cx.base = 0;
                    cx.eval(e)
                };
                let x = eval_on(s)?;
                let mut out = Vec::with_capacity(succs.len());
                for (_, t) in succs {
                    out.push(eval_on(t)? != x);
                }
                out
            }
        })
    }

    /// Sets the bits of all atoms for one expansion of the search: the state atoms of `s`
    /// (`state_out`), the action atoms of the stuttering step `(s, s)` (`stutter_out`) and of
    /// each step to `succs[j]` (words `j * aw .. (j + 1) * aw` of `edge_out`, `aw` = action
    /// words). `succs` must be every successor of `s` the search keeps, each with the index of
    /// the action (disjunct of Next) that produced it, as [`Program::successors`] reports it.
    /// All outputs must be zeroed.
    #[allow(clippy::too_many_arguments)]
    pub fn eval_expansion_atoms(
        &self,
        atoms: &LiveAtoms,
        plan: &ExpansionPlan,
        s: &[Value],
        succs: &[(u32, &[Value])],
        state_out: &mut [u64],
        stutter_out: &mut [u64],
        edge_out: &mut [u64],
    ) -> Result<(), EvalError> {
        let aw = atoms.action.len().div_ceil(64);
        let mut changed = Vec::with_capacity(plan.subs.len());
        for sub in &plan.subs {
            changed.push(self.sub_changed(sub, s, succs)?);
        }
        let in_sel = |sel: Sel, j: usize| match sel {
            Sel::Next => true,
            Sel::Action(a) => succs[j].0 == a,
        };
        // State atoms.
        let mut cx = Cx::new(&self.defs, &self.vars, s);
        let mut enumerated: Option<Vec<crate::State>> = None;
        for (i, a) in atoms.state.iter().enumerate() {
            if let StatePlan::Enabled { sel, sub } = plan.state[i] {
                let found =
                    (0..succs.len()).any(|j| in_sel(sel, j) && sub.is_none_or(|k| changed[k][j]));
                if found || plan.complete {
                    if found {
                        set_bit(state_out, i);
                    }
                    continue;
                }
            }
            // a state predicate reads no primed variable: the fast path gets no next state
            if let Some(b) = a
                .fast
                .as_ref()
                .and_then(|f| crate::fastpred::holds(f, s, &[]))
            {
                if b {
                    set_bit(state_out, i);
                }
                continue;
            }
            cx.env.clear();
            cx.env.extend(a.env.iter().cloned());
            cx.base = 0;
            let b = match a.kind {
                AtomKind::Pred => cx.eval_bool(&a.expr, "a temporal property")?,
                AtomKind::Enabled => match cx.enabled(&a.expr) {
                    Ok(b) => b,
                    Err(e) if e.message.contains("has not been assigned a value yet") => {
                        if plan.complete {
                            let mut found = false;
                            for (_, t) in succs {
                                if self.step_satisfies(a, s, t)? {
                                    found = true;
                                    break;
                                }
                            }
                            found
                        } else {
                            if enumerated.is_none() {
                                let mut v = Vec::new();
                                self.successors(s, &mut |_, t| v.push(t))?;
                                enumerated = Some(v);
                            }
                            self.enabled_by_successors(a, s, enumerated.as_deref().unwrap_or(&[]))?
                        }
                    }
                    Err(e) => return Err(e),
                },
            };
            if b {
                set_bit(state_out, i);
            }
        }
        if atoms.action.is_empty() {
            return Ok(());
        }
        let any_eval = plan.action.iter().any(|p| matches!(p, ActionPlan::Eval));
        // The stuttering step: `<<A>>_v` is false there.
        if any_eval {
            self.eval_action_atoms_where(atoms, plan, s, s, stutter_out)?;
        }
        // The steps to the successors.
        for (j, (_, t)) in succs.iter().enumerate() {
            let out = &mut edge_out[j * aw..(j + 1) * aw];
            if any_eval {
                self.eval_action_atoms_where(atoms, plan, s, t, out)?;
            }
            for (i, p) in plan.action.iter().enumerate() {
                if let ActionPlan::Angle { sel, sub } = *p {
                    let step = changed[sub][j]
                        && (in_sel(sel, j)
                            || succs
                                .iter()
                                .enumerate()
                                .any(|(k, (_, u))| in_sel(sel, k) && u == t));
                    if step {
                        set_bit(out, i);
                    }
                }
            }
        }
        Ok(())
    }

    /// The action atoms of `plan` that must be evaluated, on the step `s -> t`.
    fn eval_action_atoms_where(
        &self,
        atoms: &LiveAtoms,
        plan: &ExpansionPlan,
        s: &[Value],
        t: &[Value],
        out: &mut [u64],
    ) -> Result<(), EvalError> {
        let mut cx = None;
        for (i, a) in atoms.action.iter().enumerate() {
            if !matches!(plan.action[i], ActionPlan::Eval) {
                continue;
            }
            if let Some(b) = a
                .fast
                .as_ref()
                .and_then(|f| crate::fastpred::holds(f, s, t))
            {
                if b {
                    set_bit(out, i);
                }
                continue;
            }
            let cx = cx.get_or_insert_with(|| {
                let mut cx = Cx::new(&self.defs, &self.vars, s);
                cx.set_next(t);
                cx
            });
            cx.env.clear();
            cx.env.extend(a.env.iter().cloned());
            cx.base = 0;
            cx.primed = false;
            let b = match a.kind {
                AtomKind::Pred => cx.eval_bool(&a.expr, "a temporal property")?,
                AtomKind::Enabled => cx.enabled(&a.expr)?,
            };
            if b {
                set_bit(out, i);
            }
        }
        Ok(())
    }

    /// Whether the step `s -> t` satisfies the action of the `ENABLED` atom `a`.
    fn step_satisfies(&self, a: &Atom, s: &[Value], t: &[Value]) -> Result<bool, EvalError> {
        let mut cx = Cx::new(&self.defs, &self.vars, s);
        cx.set_next(t);
        cx.env = a.env.clone();
        cx.base = 0;
        cx.eval_bool(&a.expr, "an action")
    }

    fn has_action(&self, e: &Ex, memo: &mut HashMap<DefId, bool>) -> bool {
        let mut acts: Vec<*const Ex> = Vec::new();
        let mut calls: Vec<(*const Ex, DefId)> = Vec::new();
        let mut under_enabled: HashSet<*const Ex> = HashSet::new();
        crate::compile::visit_ex(e, &mut |x| match &x.kind {
            ExKind::Prime(_)
            | ExKind::Unchanged(_)
            | ExKind::BoxAction(..)
            | ExKind::AngleAction(..) => acts.push(x as *const Ex),
            ExKind::Call { def, .. } | ExKind::RecFnApp { def, .. } => {
                calls.push((x as *const Ex, *def))
            }
            ExKind::Enabled(inner) => crate::compile::visit_ex(inner, &mut |y| {
                under_enabled.insert(y as *const Ex);
            }),
            _ => {}
        });
        if acts.iter().any(|p| !under_enabled.contains(p)) {
            return true;
        }
        for (p, d) in calls {
            if under_enabled.contains(&p) {
                continue;
            }
            if let Some(&b) = memo.get(&d) {
                if b {
                    return true;
                }
                continue;
            }
            // Not `def.action_level`: it is not exact for instantiated definitions.
            let def = &self.defs[d.0 as usize];
            memo.insert(d, false);
            let b = self.has_action(&def.body, memo);
            memo.insert(d, b);
            if b {
                return true;
            }
        }
        false
    }

    fn atom(
        &self,
        e: &Ex,
        env: &[Slot],
        atoms: &mut LiveAtoms,
    ) -> Result<TemporalFormula, EvalError> {
        if let ExKind::Lit(Value::Bool(b)) = &e.kind {
            return Ok(TemporalFormula::Bool(*b));
        }
        // A constant-level predicate (e.g. `oi # oj` of bound variables in
        // `\A oi, oj \in S : (oi # oj) => WF_v(A)`) is evaluated now, as TLC's `astToLive`
        // does: left as an atom it would put the formula outside the fairness shapes and
        // into the tableau.
        if let Some(b) = self.constant_atom(e, env) {
            return Ok(TemporalFormula::Bool(b));
        }
        let action = self.has_action(e, &mut HashMap::new());
        let mut env = env.to_vec();
        let need = frame_needed(e) as usize;
        if env.len() < need {
            env.resize(need, Slot::Empty);
        }
        let fast = crate::fastpred::compile_in(&self.defs, &env, e);
        let id = atoms.add(
            action,
            Atom {
                expr: e.clone(),
                env,
                kind: AtomKind::Pred,
                fast,
            },
        );
        Ok(if action {
            TemporalFormula::Action(id)
        } else {
            TemporalFormula::State(id)
        })
    }

    /// The value of a constant-level predicate (no variable, prime, `ENABLED`, ... reachable
    /// through definitions; only values in the frame), `None` if it is not one or does not
    /// evaluate to a boolean (then it stays an atom and its evaluation reports the error).
    fn constant_atom(&self, e: &Ex, env: &[Slot]) -> Option<bool> {
        if env
            .iter()
            .any(|s| matches!(s, Slot::VarRef(..) | Slot::Op(_)))
        {
            return None;
        }
        if self.reads_state(e, &mut HashMap::new()) {
            return None;
        }
        let mut cx = Cx::new(&self.defs, &self.vars, &[]);
        cx.env = env.to_vec();
        let need = frame_needed(e) as usize;
        if cx.env.len() < need {
            cx.env.resize(need, Slot::Empty);
        }
        cx.base = 0;
        match cx.eval(e) {
            Ok(Value::Bool(b)) => Some(b),
            _ => None,
        }
    }

    /// True if `e` may read a state: a variable, a prime, `UNCHANGED`, `ENABLED`, `[A]_v`,
    /// `<<A>>_v` or a temporal operator, looking through definitions and operator arguments.
    fn reads_state(&self, e: &Ex, memo: &mut HashMap<DefId, bool>) -> bool {
        let mut found = false;
        let mut defs: Vec<DefId> = Vec::new();
        crate::compile::visit_ex(e, &mut |x| match &x.kind {
            ExKind::Var(_)
            | ExKind::Prime(_)
            | ExKind::Unchanged(_)
            | ExKind::Enabled(_)
            | ExKind::BoxAction(..)
            | ExKind::AngleAction(..)
            | ExKind::Temporal(..)
            | ExKind::Fair(..)
            | ExKind::Error(_) => found = true,
            ExKind::Call { def, args, .. } => {
                defs.push(*def);
                for a in args {
                    if let Arg::Op(OpArg::Def { def, .. }) = a {
                        defs.push(*def);
                    }
                }
            }
            ExKind::CallParam { args, .. } | ExKind::BuiltinOp(_, args) => {
                for a in args {
                    if let Arg::Op(OpArg::Def { def, .. }) = a {
                        defs.push(*def);
                    }
                }
            }
            ExKind::RecFnApp { def, .. } | ExKind::RecFnValue { def, .. } => defs.push(*def),
            _ => {}
        });
        if found {
            return true;
        }
        for d in defs {
            if let Some(&b) = memo.get(&d) {
                if b {
                    return true;
                }
                continue;
            }
            memo.insert(d, false);
            let def = &self.defs[d.0 as usize];
            let mut b = def.cache.is_none() && self.reads_state(&def.body, memo);
            if let Some(bs) = &def.fn_bounds {
                for s in bs.iter().filter_map(|b| b.set.as_deref()) {
                    b = b || self.reads_state(s, memo);
                }
            }
            memo.insert(d, b);
            if b {
                return true;
            }
        }
        false
    }

    /// Values of the bindings of `bounds` in `env`: one frame per binding.
    fn expand_bounds(&self, bounds: &[CBound], env: &[Slot]) -> Result<Vec<Vec<Slot>>, EvalError> {
        let mut cx = Cx::new(&self.defs, &self.vars, &[]);
        cx.env = env.to_vec();
        cx.base = 0;
        let mut frames = Vec::new();
        cx.for_each(bounds, &mut |cx| {
            frames.push(cx.env[cx.base..].to_vec());
            Ok(true)
        })?;
        Ok(frames)
    }

    fn walk_temporal(
        &self,
        e: &Ex,
        env: &[Slot],
        atoms: &mut LiveAtoms,
        depth: u32,
    ) -> Result<TemporalFormula, EvalError> {
        use TemporalFormula as T;
        if depth > 200 {
            return Err(unsupported(e.span, "temporal formula nested too deeply"));
        }
        if !self.is_temporal(e) {
            return self.atom(e, env, atoms);
        }
        let d = depth + 1;
        let w = |x: &Ex, atoms: &mut LiveAtoms| self.walk_temporal(x, env, atoms, d);
        Ok(match &e.kind {
            ExKind::Temporal(Temporal::Always, xs) if xs.len() == 1 => {
                T::Always(Box::new(w(&xs[0], atoms)?))
            }
            ExKind::Temporal(Temporal::Eventually, xs) if xs.len() == 1 => {
                T::Eventually(Box::new(w(&xs[0], atoms)?))
            }
            ExKind::Temporal(Temporal::LeadsTo, xs) if xs.len() == 2 => T::LeadsTo(
                Box::new(w(&xs[0], atoms)?),
                Box::new(w(&xs[1], atoms)?),
            ),
            ExKind::Fair(strong, v, a) => {
                let angle = Ex {
                    kind: ExKind::AngleAction(a.clone(), v.clone()),
                    span: e.span,
                };
                let enabled = atoms.add(
                    false,
                    Atom {
                        expr: angle.clone(),
                        env: env.to_vec(),
                        kind: AtomKind::Enabled,
                        fast: None,
                    },
                );
                let action = atoms.add(
                    true,
                    Atom {
                        fast: crate::fastpred::compile_in(&self.defs, env, &angle),
                        expr: angle,
                        env: env.to_vec(),
                        kind: AtomKind::Pred,
                    },
                );
                T::Fair {
                    strong: *strong,
                    enabled,
                    action,
                }
            }
            ExKind::And(xs) => T::And(
                xs.iter()
                    .map(|x| w(x, atoms))
                    .collect::<Result<_, _>>()?,
            ),
            ExKind::Or(xs) => T::Or(
                xs.iter()
                    .map(|x| w(x, atoms))
                    .collect::<Result<_, _>>()?,
            ),
            ExKind::Not(x) => T::Not(Box::new(w(x, atoms)?)),
            ExKind::Implies(a, b) => T::Implies(Box::new(w(a, atoms)?), Box::new(w(b, atoms)?)),
            ExKind::Equiv(a, b) => T::Equiv(Box::new(w(a, atoms)?), Box::new(w(b, atoms)?)),
            ExKind::Forall(bounds, body) | ExKind::Exists(bounds, body) => {
                let frames = self.expand_bounds(bounds, env)?;
                let mut parts = Vec::with_capacity(frames.len());
                for f in frames {
                    parts.push(self.walk_temporal(body, &f, atoms, d)?);
                }
                if matches!(e.kind, ExKind::Forall(..)) {
                    T::And(parts)
                } else {
                    T::Or(parts)
                }
            }
            ExKind::Call { def, capture, args } => {
                let dd = &self.defs[def.0 as usize];
                let mut cx = Cx::new(&self.defs, &self.vars, &[]);
                cx.env = env.to_vec();
                if cx.env.len() < *capture as usize {
                    cx.env.resize(*capture as usize, Slot::Empty);
                }
                cx.base = 0;
                let mut slots = cx.call_slots(*capture, args)?;
                slots.resize(dd.frame.max(slots.len() as u32) as usize, Slot::Empty);
                self.walk_temporal(&dd.body, &slots, atoms, d)?
            }
            ExKind::Let { slots, body } => {
                let mut env2 = env.to_vec();
                for s in slots {
                    if let Some(x) = env2.get_mut(*s as usize) {
                        *x = Slot::Empty;
                    }
                }
                self.walk_temporal(body, &env2, atoms, d)?
            }
            ExKind::LetRef { def, .. } => w(def, atoms)?,
            ExKind::If(c, a, b) => {
                let mut cx = Cx::new(&self.defs, &self.vars, &[]);
                cx.env = env.to_vec();
                cx.base = 0;
                match cx.eval_bool(c, "an IF condition") {
                    Ok(true) => w(a, atoms)?,
                    Ok(false) => w(b, atoms)?,
                    // A state-level condition: (c /\ a) \/ (~c /\ b), c on the first state.
                    Err(_) => {
                        let cond = self.atom(c, env, atoms)?;
                        T::Or(vec![
                            T::And(vec![cond.clone(), w(a, atoms)?]),
                            T::And(vec![T::Not(Box::new(cond)), w(b, atoms)?]),
                        ])
                    }
                }
            }
            _ => {
                return Err(unsupported(
                    e.span,
                    "tlc-rs cannot check this temporal formula (a temporal operator occurs \
                     where only \\A, \\E, /\\, \\/, ~, =>, <=>, [], <>, ~>, WF and SF are supported)",
                ))
            }
        })
    }
}
