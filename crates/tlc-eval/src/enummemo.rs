//! Values of closed zero-argument state functions while the successors of one state are
//! enumerated, keyed by the values of the variables they read.
//!
//! A next-state relation often reads the same state function many times with the same
//! inputs: `UpdateOpOrder == opOrder' \in SUBSET (opId' \X opId') /\ Serializable'` in
//! MCInnerSerial evaluates `opId'` and `totalOpOrder'` (a filter of a `SUBSET`) for each of
//! the hundreds of candidate values of `opOrder'`, although they only read `opQ'`, which is
//! the same for all of them. So, during one call of `Program::successors`, the value of a
//! definition without captured slots or arguments is kept by `(definition, primed, values of
//! the variables it reads)`: in the current state unprimed, in the partial next state
//! primed (not kept if one of them is not assigned yet).
//!
//! Only definitions that give the same value for the same variables are kept (`stepmemo`'s
//! [`SOURCE`](crate::stepmemo::SOURCE) flag: no `TLCGet`/`TLCSet`/`Print`/random choice, no
//! prime, `UNCHANGED`, `ENABLED` or operator parameter, transitively). The values are those
//! the evaluator computes anyway; a filter kept here is computed in full only if that does
//! not fail (otherwise it is streamed as TLC does, see `Cx::iter_set`).

use crate::compile::{visit_calls, visit_ex};
use crate::ir::{Def, DefId, ExKind};
use tlc_value::Value;

/// What may be memoized and on which variables it depends (computed once per program).
#[derive(Debug)]
pub(crate) struct EnumInfo {
    /// Per definition: may it be memoized.
    ok: Vec<bool>,
    /// Per definition: the variables it reads, through the definitions it calls (sorted).
    reads: Vec<Box<[u32]>>,
}

/// Entries kept at most (then the memo starts over).
const MAX_ENTRIES: usize = 64;

impl EnumInfo {
    /// The memo information of every definition.
    pub(crate) fn new(defs: &[Def]) -> EnumInfo {
        let flags = crate::stepmemo::flags(defs);
        let n = defs.len();
        let mut reads: Vec<Vec<u32>> = vec![Vec::new(); n];
        let mut callees: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (i, d) in defs.iter().enumerate() {
            let mut visit = |e: &crate::ir::Ex| {
                visit_ex(e, &mut |x| {
                    if let ExKind::Var(v) = x.kind {
                        reads[i].push(v);
                    }
                });
                visit_calls(e, &mut |c| callees[i].push(c.0 as usize));
            };
            visit(&d.body);
            for b in d.fn_bounds.iter().flatten() {
                if let Some(s) = &b.set {
                    visit(s);
                }
            }
        }
        for r in &mut reads {
            r.sort_unstable();
            r.dedup();
        }
        // the variables read by callees, to a fixpoint
        let mut changed = true;
        while changed {
            changed = false;
            for i in 0..n {
                let mut add: Vec<u32> = Vec::new();
                for &c in &callees[i] {
                    if let Some(rc) = reads.get(c) {
                        add.extend(rc.iter().filter(|v| reads[i].binary_search(v).is_err()));
                    }
                }
                if !add.is_empty() {
                    reads[i].extend(add);
                    reads[i].sort_unstable();
                    reads[i].dedup();
                    changed = true;
                }
            }
        }
        EnumInfo {
            ok: (0..n)
                .map(|i| flags[i] == crate::stepmemo::SOURCE && defs[i].cache.is_none())
                .collect(),
            reads: reads.into_iter().map(Vec::into_boxed_slice).collect(),
        }
    }
}

/// The memo of one `successors` call.
#[derive(Debug)]
pub(crate) struct EnumMemo<'p> {
    info: &'p EnumInfo,
    vals: Vec<(DefId, bool, Box<[Value]>, Value)>,
}

impl<'p> EnumMemo<'p> {
    /// An empty memo.
    pub(crate) fn new(info: &'p EnumInfo) -> EnumMemo<'p> {
        EnumMemo {
            info,
            vals: Vec::new(),
        }
    }

    /// The key of `def` evaluated on `cur` (unprimed) or `next` (primed): the values of the
    /// variables it reads; `None` if it is not memoized or a variable is not assigned.
    pub(crate) fn key(
        &self,
        def: DefId,
        primed: bool,
        cur: &[Value],
        next: &[Option<Value>],
    ) -> Option<Box<[Value]>> {
        let i = def.0 as usize;
        if !self.info.ok.get(i).copied().unwrap_or(false) {
            return None;
        }
        self.info.reads[i]
            .iter()
            .map(|&v| {
                if primed {
                    next.get(v as usize)?.clone()
                } else {
                    cur.get(v as usize).cloned()
                }
            })
            .collect()
    }

    /// The value kept for `(def, primed, key)`.
    pub(crate) fn get(&self, def: DefId, primed: bool, key: &[Value]) -> Option<&Value> {
        self.vals
            .iter()
            .find(|(d, p, k, _)| *d == def && *p == primed && **k == *key)
            .map(|(.., v)| v)
    }

    /// Keeps a value.
    pub(crate) fn insert(&mut self, def: DefId, primed: bool, key: Box<[Value]>, v: Value) {
        if self.vals.len() >= MAX_ENTRIES {
            self.vals.clear();
        }
        self.vals.push((def, primed, key, v));
    }
}
