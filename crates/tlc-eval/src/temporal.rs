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
            let mut cx = Cx::new(&self.defs, &self.vars, s);
            cx.next = t.iter().map(|v| Some(v.clone())).collect();
            cx.env = a.env.clone();
            cx.base = 0;
            if cx.eval_bool(&a.expr, "an action")? {
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
        cx.next = t.iter().map(|v| Some(v.clone())).collect();
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
        let action = self.has_action(e, &mut HashMap::new());
        let mut env = env.to_vec();
        let need = frame_needed(e) as usize;
        if env.len() < need {
            env.resize(need, Slot::Empty);
        }
        let id = atoms.add(
            action,
            Atom {
                expr: e.clone(),
                env,
                kind: AtomKind::Pred,
            },
        );
        Ok(if action {
            TemporalFormula::Action(id)
        } else {
            TemporalFormula::State(id)
        })
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
                    },
                );
                let action = atoms.add(
                    true,
                    Atom {
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
