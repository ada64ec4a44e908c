//! Call-by-name operator arguments. TLC substitutes an operator's arguments into its body,
//! so an argument that is an action (it contains primes, `UNCHANGED`, `ENABLED` or calls
//! an action-level definition), or a state expression that the body primes, must be
//! evaluated where the parameter is used: inside the enumerator's action context, where
//! `x' = e` conjuncts of the argument assign `x`. The compiler evaluates ordinary
//! arguments eagerly (the fast path); this pass, run once after level analysis, turns
//! each such argument into a zero-arity definition lifted out of the call (its body is
//! the argument, compiled in the caller's frame, whose leading slots it captures) and
//! passes it as an operator argument. The evaluator and the enumerator expand a
//! parameter slot holding such a closure at the point of use.
//!
//! Variables (`x`), primed variables (`x'`) and parameters passed along unchanged keep
//! their existing by-name treatment (frame slots referring to the variable or to the
//! caller's closure), so that `v' = e` in the body still assigns the variable.

use crate::compile::{visit_calls, visit_ex};
use crate::ir::*;
use std::sync::Arc;

/// Per-definition facts about frame slots (indexed by slot number).
#[derive(Clone, Default)]
struct Slots(Vec<bool>);

impl Slots {
    fn get(&self, s: u32) -> bool {
        self.0.get(s as usize).copied().unwrap_or(false)
    }
    /// Sets slot `s`; returns true if it was not set before.
    fn set(&mut self, s: u32) -> bool {
        let i = s as usize;
        if self.0.len() <= i {
            self.0.resize(i + 1, false);
        }
        !std::mem::replace(&mut self.0[i], true)
    }
}

/// The analysis results: which definitions are action-level (primes reachable without
/// going through operator parameters), which parameter slots may hold a by-name
/// argument, and which slots the body uses under a prime.
struct Facts {
    prim: Vec<bool>,
    byname: Vec<Slots>,
    primed_use: Vec<Slots>,
}

fn is_action_node(k: &ExKind) -> bool {
    matches!(
        k,
        ExKind::Prime(_)
            | ExKind::Unchanged(_)
            | ExKind::Enabled(_)
            | ExKind::BoxAction(..)
            | ExKind::AngleAction(..)
    )
}

/// Arguments that already travel by name (or need not): literals, variables, primed
/// variables and frame slots (passed along as they are, closures included).
fn passes_as_is(e: &Ex) -> bool {
    match &e.kind {
        ExKind::Lit(_) | ExKind::Var(_) | ExKind::Local(_) => true,
        ExKind::Prime(x) => matches!(x.kind, ExKind::Var(_)),
        _ => false,
    }
}

impl Facts {
    /// True if `e` (in a frame whose by-name slots are `bn`) is an action expression.
    fn is_action(&self, e: &Ex, bn: &Slots) -> bool {
        let mut found = false;
        visit_ex(e, &mut |x| {
            if found {
                return;
            }
            match &x.kind {
                k if is_action_node(k) => found = true,
                ExKind::Local(s) if bn.get(*s) => found = true,
                _ => {}
            }
        });
        if !found {
            visit_calls(e, &mut |c| {
                // definitions lifted by this pass (ids past the analysed ones) are by-name
                if self.prim.get(c.0 as usize).copied().unwrap_or(true) {
                    found = true;
                }
            });
        }
        found
    }
}

/// True if `e` may depend on the state (so priming it differs from its value).
fn is_state(e: &Ex, defs: &[Def]) -> bool {
    let mut found = false;
    visit_ex(e, &mut |x| {
        if matches!(x.kind, ExKind::Var(_)) || is_action_node(&x.kind) {
            found = true;
        }
    });
    if !found {
        visit_calls(e, &mut |c| {
            if defs.get(c.0 as usize).is_some_and(|d| d.state_level) {
                found = true;
            }
        });
    }
    found
}

/// The frame slots read by `e` (locals and LET caches).
fn locals_in(e: &Ex) -> Vec<u32> {
    let mut out = Vec::new();
    visit_ex(e, &mut |x| match &x.kind {
        ExKind::Local(s) | ExKind::LetRef { slot: s, .. } => out.push(*s),
        _ => {}
    });
    out
}

/// The number of leading frame slots `e` touches (reads, binds, captures).
fn frame_needed(e: &Ex) -> u32 {
    let pat = |p: &Pat| match p {
        Pat::Slot(s) => s + 1,
        Pat::Tuple(ss) => ss.iter().map(|s| s + 1).max().unwrap_or(0),
    };
    let bounds = |bs: &[CBound]| {
        bs.iter()
            .flat_map(|b| b.pats.iter())
            .map(pat)
            .max()
            .unwrap_or(0)
    };
    let args = |xs: &[Arg]| {
        xs.iter()
            .map(|a| match a {
                Arg::Op(OpArg::Def { capture, .. }) => *capture,
                Arg::Op(OpArg::Param(s)) => s + 1,
                _ => 0,
            })
            .max()
            .unwrap_or(0)
    };
    let mut n = 0u32;
    visit_ex(e, &mut |x| {
        let k = match &x.kind {
            ExKind::Local(s) | ExKind::LetRef { slot: s, .. } => s + 1,
            ExKind::Let { slots, .. } => slots.iter().map(|s| s + 1).max().unwrap_or(0),
            ExKind::Call {
                capture, args: a, ..
            } => (*capture).max(args(a)),
            ExKind::CallParam { slot, args: a } => (slot + 1).max(args(a)),
            ExKind::BuiltinOp(_, a) => args(a),
            ExKind::RecFnApp { capture, .. } | ExKind::RecFnValue { capture, .. } => *capture,
            ExKind::Forall(bs, _)
            | ExKind::Exists(bs, _)
            | ExKind::SetMap(bs, _)
            | ExKind::FnCons(bs, _) => bounds(bs),
            ExKind::Choose(b, _) | ExKind::SetFilter(b, _) => bounds(std::slice::from_ref(b)),
            ExKind::Except(_, ups) => ups.iter().map(|u| u.at + 1).max().unwrap_or(0),
            _ => 0,
        };
        n = n.max(k);
    });
    n
}

/// Runs `f` on every call site (`callee`, `capture`, arguments) in `e`, and on every
/// capture of the current frame by a closure or recursive function (with no arguments).
fn each_call(e: &Ex, f: &mut dyn FnMut(DefId, u32, &[Arg])) {
    visit_ex(e, &mut |x| {
        let op_args = |args: &[Arg], f: &mut dyn FnMut(DefId, u32, &[Arg])| {
            for a in args {
                if let Arg::Op(OpArg::Def { def, capture }) = a {
                    f(*def, *capture, &[]);
                }
            }
        };
        match &x.kind {
            ExKind::Call { def, capture, args } => {
                f(*def, *capture, args);
                op_args(args, f);
            }
            ExKind::CallParam { args, .. } | ExKind::BuiltinOp(_, args) => op_args(args, f),
            ExKind::RecFnApp { def, capture, .. } | ExKind::RecFnValue { def, capture } => {
                f(*def, *capture, &[])
            }
            _ => {}
        }
    });
}

fn def_roots(d: &Def) -> impl Iterator<Item = &Ex> {
    std::iter::once(&d.body).chain(
        d.fn_bounds
            .iter()
            .flat_map(|bs| bs.iter().filter_map(|b| b.set.as_deref())),
    )
}

fn analyse(defs: &[Def]) -> Facts {
    let n = defs.len();
    // definitions whose bodies reach a prime through calls (not through parameters)
    let mut prim: Vec<bool> = defs
        .iter()
        .map(|d| {
            let mut p = false;
            for r in def_roots(d) {
                visit_ex(r, &mut |x| p |= is_action_node(&x.kind));
            }
            p
        })
        .collect();
    let mut changed = true;
    while changed {
        changed = false;
        for i in 0..n {
            if prim[i] {
                continue;
            }
            let mut dep = false;
            for r in def_roots(&defs[i]) {
                visit_calls(r, &mut |c| {
                    dep |= prim.get(c.0 as usize).copied().unwrap_or(false)
                });
            }
            if dep {
                prim[i] = true;
                changed = true;
            }
        }
    }
    // slots used under a prime directly in each body
    let mut primed_use: Vec<Slots> = defs
        .iter()
        .map(|d| {
            let mut s = Slots::default();
            for r in def_roots(d) {
                visit_ex(r, &mut |x| {
                    if let ExKind::Prime(a) | ExKind::Unchanged(a) | ExKind::Enabled(a) = &x.kind {
                        for l in locals_in(a) {
                            s.set(l);
                        }
                    }
                });
            }
            s
        })
        .collect();
    let mut facts = Facts {
        prim,
        byname: vec![Slots::default(); n],
        primed_use: Vec::new(),
    };
    let mut changed = true;
    while changed {
        changed = false;
        for i in 0..n {
            let bn = facts.byname[i].clone();
            let mut bn_updates: Vec<(DefId, u32)> = Vec::new();
            let mut up_updates: Vec<u32> = Vec::new();
            for r in def_roots(&defs[i]) {
                each_call(r, &mut |c, capture, args| {
                    let ci = c.0 as usize;
                    if ci >= n {
                        return;
                    }
                    for s in 0..capture {
                        if bn.get(s) {
                            bn_updates.push((c, s));
                        }
                        if primed_use[ci].get(s) {
                            up_updates.push(s);
                        }
                    }
                    for (k, a) in args.iter().enumerate() {
                        let Arg::Val(e) = a else { continue };
                        let slot = capture + k as u32;
                        let used_primed = primed_use[ci].get(slot);
                        if facts.is_action(e, &bn) || (used_primed && is_state(e, defs)) {
                            bn_updates.push((c, slot));
                        }
                        if used_primed {
                            up_updates.extend(locals_in(e));
                        }
                    }
                });
            }
            for (c, s) in bn_updates {
                changed |= facts.byname[c.0 as usize].set(s);
            }
            for s in up_updates {
                changed |= primed_use[i].set(s);
            }
        }
    }
    facts.primed_use = primed_use;
    facts
}

/// Rewrites the by-name arguments of `e` (post-order), appending lifted definitions to `new`.
fn rewrite(e: &mut Ex, bn: &Slots, facts: &Facts, defs: &[Def], new: &mut Vec<Def>) {
    crate::ir::children_mut(e, &mut |x| rewrite(x, bn, facts, defs, new));
    let ExKind::Call { def, capture, args } = &mut e.kind else {
        return;
    };
    let ci = def.0 as usize;
    if ci >= facts.byname.len() {
        return;
    }
    for (k, a) in args.iter_mut().enumerate() {
        let Arg::Val(x) = a else { continue };
        if passes_as_is(x) {
            continue;
        }
        let slot = *capture + k as u32;
        let by_name =
            facts.is_action(x, bn) || (facts.primed_use[ci].get(slot) && is_state(x, defs));
        if !by_name {
            continue;
        }
        let body = std::mem::replace(
            x,
            Ex {
                kind: ExKind::Lit(tlc_value::Value::FALSE),
                span: x.span,
            },
        );
        let need = frame_needed(&body);
        let id = DefId((defs.len() + new.len()) as u32);
        new.push(Def {
            name: Arc::from("by-name argument"),
            span: body.span,
            nargs: need,
            frame: need,
            body,
            fn_bounds: None,
            cache: None,
            state_level: true,
            action_level: true,
        });
        *a = Arg::Op(OpArg::Def {
            def: id,
            capture: need,
        });
    }
}

/// Turns the by-name arguments of every definition into lifted closures (see the module
/// documentation). Run after level analysis, before the program is built.
pub(crate) fn lift_by_name_args(defs: &mut Vec<Def>) {
    let facts = analyse(defs);
    if facts.byname.iter().all(|s| !s.0.iter().any(|b| *b)) {
        return;
    }
    let mut new = Vec::new();
    for i in 0..defs.len() {
        let bn = facts.byname[i].clone();
        let span = defs[i].span;
        let mut body = std::mem::replace(
            &mut defs[i].body,
            Ex {
                kind: ExKind::Lit(tlc_value::Value::FALSE),
                span,
            },
        );
        rewrite(&mut body, &bn, &facts, defs, &mut new);
        defs[i].body = body;
    }
    defs.extend(new);
}
