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
                ExKind::Builtin(b, _) | ExKind::BuiltinOp(b, _)
                    if matches!(
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
                    ) =>
                {
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
    state: Option<Box<[Value]>>,
    vals: Vec<(DefId, Value)>,
}

thread_local! {
    static LAST_SOURCE: RefCell<Source> = RefCell::new(Source::default());
}

/// The memo to start an evaluation on a step from `s` with: the unprimed values kept from the
/// previous step from the same state, if the last step this thread evaluated started there;
/// `t` is the step's next state.
pub(crate) fn seed<'p>(prog: u64, flags: &'p [u8], s: &[Value], t: &'p [Value]) -> DefMemo<'p> {
    let vals = LAST_SOURCE.with(|m| {
        let mut m = m.borrow_mut();
        if m.prog != prog || m.state.as_deref() != Some(s) {
            m.prog = prog;
            m.state = Some(s.into());
            m.vals.clear();
        }
        m.vals.iter().map(|(d, v)| (*d, false, v.clone())).collect()
    });
    DefMemo {
        flags,
        vals,
        next_state: Some(t),
    }
}

/// Keeps the unprimed state-function values of an evaluation started with [`seed`].
pub(crate) fn keep(prog: u64, s: &[Value], memo: DefMemo<'_>) {
    LAST_SOURCE.with(|m| {
        let mut m = m.borrow_mut();
        if m.prog != prog || m.state.as_deref() != Some(s) {
            return;
        }
        for (d, primed, v) in memo.vals {
            if !primed
                && memo.flags.get(d.0 as usize) == Some(&SOURCE)
                && !m.vals.iter().any(|(e, _)| *e == d)
            {
                m.vals.push((d, v));
            }
        }
    });
}
