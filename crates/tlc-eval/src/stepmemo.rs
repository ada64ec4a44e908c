//! Memoized closed zero-argument definitions while an action is evaluated on a pair of
//! complete states (`[][A]_v` properties, liveness atoms).
//!
//! An instance's substituted variables (`x <- e`, e.g. a refinement mapping) compile to calls
//! of closed definitions (no captured slots, no arguments) that the instantiated action reads
//! many times per step, and the search checks a property on every successor of a state in a
//! row. So, per evaluation, each closed definition is computed once per `(definition, primed)`
//! ([`crate::eval::Cx::def_memo`]), and the unprimed values of those that depend on the
//! current state only are kept for the next step from the same state (per thread).
//!
//! Not memoized: definitions whose value may change between two evaluations on the same
//! states (`TLCGet`, `TLCSet`, `Print`, random choice, `JavaTime`), and, across steps, those
//! that may read the next state (primes, `UNCHANGED`, `[A]_v`, `<<A>>_v`, `ENABLED`,
//! operator parameters).

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

use tlc_value::Value;

use crate::builtins::Builtin;
use crate::compile::{visit_calls, visit_ex};
use crate::ir::{Def, DefId, ExKind};

/// Never memoized.
pub(crate) const NO_MEMO: u8 = 0;
/// Memoized within one evaluation on a pair of states.
pub(crate) const STEP: u8 = 1;
/// Also kept across the steps from the same state (its unprimed value is a state function).
pub(crate) const SOURCE: u8 = 2;

/// The memo of one evaluation on a pair of complete states.
#[derive(Debug)]
pub(crate) struct DefMemo<'p> {
    /// Per definition: [`NO_MEMO`], [`STEP`] or [`SOURCE`].
    pub flags: &'p [u8],
    /// Values by `(definition, primed)`.
    pub vals: Vec<(DefId, bool, Value)>,
    /// The (complete) next state: a [`SOURCE`] definition under a prime is evaluated on it.
    pub next_state: Option<&'p [Value]>,
}

/// True for the builtins whose value may change between two evaluations on the same
/// states: they read or change the run, print, or choose at random.
pub(crate) fn impure_builtin(b: Builtin) -> bool {
    matches!(
        b,
        Builtin::TLCGet
            | Builtin::TLCSet
            | Builtin::RandomElement
            | Builtin::JavaTime
            | Builtin::Print
            | Builtin::PrintT
            | Builtin::RandomSubset
            | Builtin::RandomSetOfSubsets
            | Builtin::RandomSubsetSet
    )
}

/// A fresh id for a compiled program (keys the per-thread memo).
pub(crate) fn next_uid() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The memo flag of every definition.
pub(crate) fn flags(defs: &[Def]) -> Vec<u8> {
    let n = defs.len();
    let mut impure = vec![false; n];
    let mut next = vec![false; n];
    for (i, d) in defs.iter().enumerate() {
        let mut visit = |e: &crate::ir::Ex| {
            visit_ex(e, &mut |x| match &x.kind {
                ExKind::Prime(_)
                | ExKind::Unchanged(_)
                | ExKind::BoxAction(..)
                | ExKind::AngleAction(..)
                | ExKind::Enabled(_)
                | ExKind::CallParam { .. }
                | ExKind::Fair(..)
                | ExKind::Temporal(..) => next[i] = true,
                ExKind::Builtin(b, _) | ExKind::BuiltinOp(b, _) if impure_builtin(*b) => {
                    impure[i] = true
                }
                _ => {}
            })
        };
        visit(&d.body);
        for b in d.fn_bounds.iter().flatten() {
            if let Some(s) = &b.set {
                visit(s);
            }
        }
    }
    // Both properties propagate from callees to callers.
    let mut changed = true;
    while changed {
        changed = false;
        for (i, d) in defs.iter().enumerate() {
            if impure[i] && next[i] {
                continue;
            }
            let (mut imp, mut nx) = (impure[i], next[i]);
            let mut see = |c: DefId| {
                let c = c.0 as usize;
                imp |= impure.get(c).copied().unwrap_or(true);
                nx |= next.get(c).copied().unwrap_or(true);
            };
            visit_calls(&d.body, &mut see);
            for b in d.fn_bounds.iter().flatten() {
                if let Some(s) = &b.set {
                    visit_calls(s, &mut see);
                }
            }
            if imp != impure[i] || nx != next[i] {
                impure[i] = imp;
                next[i] = nx;
                changed = true;
            }
        }
    }
    (0..n)
        .map(|i| match (impure[i], next[i]) {
            (true, _) => NO_MEMO,
            (false, true) => STEP,
            (false, false) => SOURCE,
        })
        .collect()
}

#[derive(Default)]
struct Source {
    prog: u64,
    /// The source state's fingerprint, when the caller gave one (then `state` is `None`).
    fp: Option<u64>,
    state: Option<Box<[Value]>>,
    vals: Vec<(DefId, Value)>,
}

impl Source {
    /// Is this the memo of `s` (fingerprint `s_fp`) in program `prog`?
    fn is(&self, prog: u64, s: &[Value], s_fp: Option<u64>) -> bool {
        self.prog == prog
            && match s_fp {
                Some(f) => self.fp == Some(f),
                None => self.fp.is_none() && self.state.as_deref() == Some(s),
            }
    }
}

/// The values of a state's [`SOURCE`] definitions.
type Kept = Box<[(DefId, Value)]>;

/// Entries of the per-thread table of next-state values (a power of two).
const TARGET_SLOTS: usize = 1 << 16;

/// The [`SOURCE`] definitions' values on recently seen next states, by the state's
/// fingerprint: a state is the next state of several steps (one per edge into it), and the
/// source of all the steps out of it later. Direct-mapped and lossy (a colliding entry is
/// replaced), so bounded: at most [`TARGET_SLOTS`] states per thread.
#[derive(Default)]
struct Targets {
    prog: u64,
    slots: Vec<Option<(u64, Kept)>>,
}

impl Targets {
    fn index(fp: u64) -> usize {
        // Fingerprints are well mixed: the low bits select the slot.
        (fp as usize) & (TARGET_SLOTS - 1)
    }

    /// The values kept for the state with fingerprint `fp`, if any.
    fn get(&self, prog: u64, fp: u64) -> Option<&[(DefId, Value)]> {
        if self.prog != prog {
            return None;
        }
        match self.slots.get(Self::index(fp)) {
            Some(Some((f, vals))) if *f == fp => Some(vals),
            _ => None,
        }
    }

    /// Records the values of the state with fingerprint `fp` (replacing the slot's entry).
    fn put(&mut self, prog: u64, fp: u64, vals: Kept) {
        if self.prog != prog || self.slots.is_empty() {
            self.prog = prog;
            self.slots.clear();
            self.slots.resize_with(TARGET_SLOTS, || None);
        }
        self.slots[Self::index(fp)] = Some((fp, vals));
    }
}

thread_local! {
    static LAST_SOURCE: RefCell<Source> = RefCell::new(Source::default());
    static TARGETS: RefCell<Targets> = RefCell::new(Targets::default());
}

/// The memo to start an evaluation on a step from `s` to `t` with: the unprimed values kept
/// from the previous step from the same state, if the last step this thread evaluated
/// started there.
pub(crate) fn seed<'p>(prog: u64, flags: &'p [u8], s: &[Value], t: &'p [Value]) -> DefMemo<'p> {
    seed_at(prog, flags, s, None, t, None)
}

/// [`seed`] with the states' fingerprints, when they identify states (no `VIEW` or
/// `SYMMETRY`): values of state functions are then also looked up by them.
pub(crate) fn seed_at<'p>(
    prog: u64,
    flags: &'p [u8],
    s: &[Value],
    s_fp: Option<u64>,
    t: &'p [Value],
    t_fp: Option<u64>,
) -> DefMemo<'p> {
    let mut vals: Vec<(DefId, bool, Value)> = LAST_SOURCE.with(|m| {
        let mut m = m.borrow_mut();
        if !m.is(prog, s, s_fp) {
            m.prog = prog;
            m.fp = s_fp;
            m.state = if s_fp.is_some() { None } else { Some(s.into()) };
            m.vals.clear();
            if let Some(f) = s_fp {
                TARGETS.with(|tg| {
                    if let Some(kept) = tg.borrow().get(prog, f) {
                        m.vals.extend(kept.iter().cloned());
                    }
                });
            }
        }
        m.vals.iter().map(|(d, v)| (*d, false, v.clone())).collect()
    });
    if let Some(f) = t_fp {
        TARGETS.with(|tg| {
            if let Some(kept) = tg.borrow().get(prog, f) {
                vals.extend(kept.iter().map(|(d, v)| (*d, true, v.clone())));
            }
        });
    }
    DefMemo {
        flags,
        vals,
        next_state: Some(t),
    }
}

/// Keeps the unprimed state-function values of an evaluation started with [`seed`].
pub(crate) fn keep(prog: u64, s: &[Value], memo: DefMemo<'_>) {
    keep_at(prog, s, None, None, memo);
}

/// Keeps the state-function values of an evaluation started with [`seed_at`] (same `s`,
/// `s_fp` and `t_fp`): the unprimed ones for the next step from `s`, the primed ones for
/// the steps into `t` and from `t` (when `t_fp` is given).
pub(crate) fn keep_at(
    prog: u64,
    s: &[Value],
    s_fp: Option<u64>,
    t_fp: Option<u64>,
    memo: DefMemo<'_>,
) {
    let is_source = |d: DefId| memo.flags.get(d.0 as usize) == Some(&SOURCE);
    if let Some(f) = t_fp {
        let primed = memo
            .vals
            .iter()
            .filter(|(d, p, _)| *p && is_source(*d))
            .count();
        TARGETS.with(|tg| {
            let mut tg = tg.borrow_mut();
            // The seeded values are among the memo's: store only when it found more.
            let known = tg.get(prog, f).map_or(0, <[_]>::len);
            if primed > known {
                let vals = memo
                    .vals
                    .iter()
                    .filter(|(d, p, _)| *p && is_source(*d))
                    .map(|(d, _, v)| (*d, v.clone()))
                    .collect();
                tg.put(prog, f, vals);
            }
        });
    }
    LAST_SOURCE.with(|m| {
        let mut m = m.borrow_mut();
        if !m.is(prog, s, s_fp) {
            return;
        }
        for (d, primed, v) in memo.vals {
            if !primed && is_source(d) && !m.vals.iter().any(|(e, _)| *e == d) {
                m.vals.push((d, v));
            }
        }
    });
}

impl crate::Program {
    /// [`Program::eval_action`](crate::Program::eval_action) on a step whose states'
    /// fingerprints are known: the state functions the action reads (e.g. an instance's
    /// substituted variables, a refinement mapping) are then computed about once per state
    /// instead of once per step: their values on the next state are kept (per thread, in a
    /// bounded table) for the other steps into it and the steps out of it. Pass
    /// fingerprints only if they identify states (no `VIEW` or `SYMMETRY`); `None` for
    /// either gives the plain evaluation's memo.
    pub fn eval_action_at(
        &self,
        n: &crate::Named,
        s: &[Value],
        s_fp: Option<u64>,
        t: &[Value],
        t_fp: Option<u64>,
    ) -> Result<bool, crate::EvalError> {
        self.eval_action_hinted(n, None, s, s_fp, t, t_fp)
    }

    /// [`Program::eval_action_at`] for the `[A]_v` property `properties[prop]` (`n` is it,
    /// possibly with a wider frame) on a step produced by the action with index `key`
    /// (e.g. [`crate::ActionId`]): the sub-action of `A` that held last for this property
    /// and key on this thread is tried first (see `prophint`). The verdict is the same as
    /// [`Program::eval_action_at`]'s.
    #[allow(clippy::too_many_arguments)]
    pub fn eval_action_property(
        &self,
        prop: usize,
        n: &crate::Named,
        s: &[Value],
        s_fp: Option<u64>,
        t: &[Value],
        t_fp: Option<u64>,
        key: u32,
    ) -> Result<bool, crate::EvalError> {
        let hint = self
            .box_parts
            .get(prop)
            .and_then(Option::as_ref)
            .map(|bp| (bp, prop as u32, key));
        self.eval_action_hinted(n, hint, s, s_fp, t, t_fp)
    }

    fn eval_action_hinted(
        &self,
        n: &crate::Named,
        hint: Option<(&crate::prophint::BoxParts, u32, u32)>,
        s: &[Value],
        s_fp: Option<u64>,
        t: &[Value],
        t_fp: Option<u64>,
    ) -> Result<bool, crate::EvalError> {
        let mut cx = self.cx(s, n.frame);
        cx.next = t.iter().map(|v| Some(v.clone())).collect();
        let flags = self.memo_flags.get_or_init(|| flags(&self.defs));
        cx.def_memo = Some(seed_at(self.uid, flags, s, s_fp, t, t_fp));
        let r = match hint {
            Some((bp, prop, key)) => {
                crate::prophint::eval_box_parts(&mut cx, bp, self.uid, prop, key)
            }
            None => cx.eval_bool(&n.expr, "an action"),
        };
        if let Some(memo) = cx.def_memo.take() {
            keep_at(self.uid, s, s_fp, t_fp, memo);
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(d: u32, v: i64) -> Kept {
        vec![(DefId(d), Value::from(v))].into_boxed_slice()
    }

    #[test]
    fn targets_answer_only_for_the_stored_fingerprint() {
        let mut t = Targets::default();
        assert!(t.get(1, 5).is_none());
        t.put(1, 5, entry(0, 50));
        assert_eq!(t.get(1, 5).map(<[_]>::len), Some(1));
        // another program, or a state sharing the slot: nothing
        assert!(t.get(2, 5).is_none());
        let other = 5 + TARGET_SLOTS as u64;
        assert_eq!(Targets::index(other), Targets::index(5));
        assert!(t.get(1, other).is_none());
        // a colliding state replaces the entry: the first one is gone
        t.put(1, other, entry(0, 51));
        assert!(t.get(1, 5).is_none());
        assert_eq!(
            t.get(1, other).map(|v| v[0].1.clone()),
            Some(Value::from(51))
        );
        // a new program starts empty
        t.put(2, 7, entry(0, 70));
        assert!(t.get(1, other).is_none());
        assert!(t.get(2, 7).is_some());
    }
}
