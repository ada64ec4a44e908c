//! State enumeration the way TLC does it (`Tool.getInitStates` / `getNextStates`):
//! conjuncts left to right with a continuation, `x' = e` assigns an unassigned variable
//! (otherwise compares), `x' \in S` branches, disjunctions / `\E` / IF / CASE branch,
//! operator applications are expanded, anything else is a guard.

use crate::error::{EvalError, EvalErrorKind};
use crate::eval::{Cx, Slot, ER};
use crate::ir::*;
use tlc_value::Value;

/// A continuation: what remains to be enumerated after the current item.
pub(crate) enum Cont<'a, 'p> {
    /// Emit the state.
    Done,
    /// Conjuncts still to process, in frame `base`.
    Conj {
        items: &'p [Ex],
        base: usize,
        next: &'a Cont<'a, 'p>,
    },
    /// UNCHANGED items still to process.
    Unch {
        items: &'p [Ex],
        base: usize,
        next: &'a Cont<'a, 'p>,
    },
    /// `<<A>>_v`: check that `v` changed.
    Changed {
        sub: &'p Ex,
        base: usize,
        next: &'a Cont<'a, 'p>,
    },
    /// Remaining instances of an `\A` over an action body.
    Forall {
        pats: &'a [(&'p Pat, Value)],
        body: &'p Ex,
        base: usize,
        next: &'a Cont<'a, 'p>,
    },
}

/// The sink: receives each completed assignment; returns false to stop.
pub(crate) type Sink<'s> = dyn FnMut(&[Option<Value>]) -> ER<bool> + 's;

/// The assignable variable denoted by `ex`, if any (`x'` in next mode, `x` in init mode).
fn target_var(cx: &Cx, ex: &Ex) -> Option<u32> {
    match &ex.kind {
        ExKind::Prime(inner) if !cx.init_mode => match inner.kind {
            ExKind::Var(i) => Some(i),
            ExKind::Local(s) => match cx.slot(s) {
                Slot::VarRef(i, false) => Some(*i),
                _ => None,
            },
            _ => None,
        },
        ExKind::Var(i) if cx.init_mode => Some(*i),
        ExKind::Local(s) => match cx.slot(*s) {
            Slot::VarRef(i, true) if !cx.init_mode => Some(*i),
            Slot::VarRef(i, false) if cx.init_mode => Some(*i),
            _ => None,
        },
        _ => None,
    }
}

/// Pushes the frame of an operator expanded during enumeration (the caller's first
/// `capture` slots, then the arguments) straight onto the frame stack: variables and
/// primed variables are passed by name so that the body can assign them. Returns the
/// previous base; on error the stack is left as it was.
fn push_enum_call<'p>(cx: &mut Cx<'p>, def: &Def, capture: u32, args: &'p [Arg]) -> ER<usize> {
    let nb = cx.env.len();
    let frame = (def.frame as usize).max(capture as usize + args.len());
    cx.env.reserve(frame);
    for i in 0..capture as usize {
        let s = cx.env[cx.base + i].clone();
        cx.env.push(s);
    }
    for a in args {
        let s = match a {
            Arg::Val(e) => match &e.kind {
                ExKind::Var(i) if !cx.primed => Slot::VarRef(*i, false),
                ExKind::Prime(inner)
                    if !cx.primed && !cx.init_mode && matches!(inner.kind, ExKind::Var(_)) =>
                {
                    match inner.kind {
                        ExKind::Var(i) => Slot::VarRef(i, true),
                        _ => Slot::Empty,
                    }
                }
                ExKind::Local(s) if matches!(cx.slot(*s), Slot::VarRef(..) | Slot::Op(_)) => {
                    cx.slot(*s).clone()
                }
                _ => match cx.eval(e) {
                    Ok(v) => Slot::Val(v),
                    Err(err) => {
                        cx.env.truncate(nb);
                        return Err(err);
                    }
                },
            },
            Arg::Op(o) => Slot::Op(cx.make_closure(o)),
        };
        cx.env.push(s);
    }
    cx.env.resize(nb + frame, Slot::Empty);
    let old = cx.base;
    cx.base = nb;
    Ok(old)
}

/// Runs the continuation. Returns false if the sink asked to stop.
pub(crate) fn run_cont<'p>(cx: &mut Cx<'p>, k: &Cont<'_, 'p>, out: &mut Sink) -> ER<bool> {
    match k {
        Cont::Done => out(&cx.next),
        Cont::Conj { items, base, next } => {
            let (first, rest) = match items.split_first() {
                Some(x) => x,
                None => return run_cont(cx, next, out),
            };
            let old = cx.base;
            cx.base = *base;
            let r = if rest.is_empty() {
                enum_ex(cx, first, next, out)
            } else {
                let k2 = Cont::Conj {
                    items: rest,
                    base: *base,
                    next,
                };
                enum_ex(cx, first, &k2, out)
            };
            cx.base = old;
            r
        }
        Cont::Unch { items, base, next } => {
            let (first, rest) = match items.split_first() {
                Some(x) => x,
                None => return run_cont(cx, next, out),
            };
            let old = cx.base;
            cx.base = *base;
            let r = if rest.is_empty() {
                unchanged(cx, first, next, out)
            } else {
                let k2 = Cont::Unch {
                    items: rest,
                    base: *base,
                    next,
                };
                unchanged(cx, first, &k2, out)
            };
            cx.base = old;
            r
        }
        Cont::Changed { sub, base, next } => {
            let old = cx.base;
            cx.base = *base;
            let a = cx.eval(sub)?;
            cx.primed = true;
            let b = cx.eval(sub);
            cx.primed = false;
            let changed = a != b?;
            let r = if changed {
                run_cont(cx, next, out)
            } else {
                Ok(true)
            };
            cx.base = old;
            r
        }
        Cont::Forall {
            pats,
            body,
            base,
            next,
        } => {
            let Some(((p, v), rest)) = pats.split_first() else {
                return run_cont(cx, next, out);
            };
            let old = cx.base;
            cx.base = *base;
            // save the current binding, bind this instance, restore afterwards
            let saved: Vec<Slot> = pat_slots(p).iter().map(|s| cx.slot(*s).clone()).collect();
            cx.bind(p, v.clone(), body.span)?;
            let k2 = Cont::Forall {
                pats: rest,
                body,
                base: *base,
                next,
            };
            let r = enum_ex(cx, body, &k2, out);
            cx.base = *base;
            for (s, val) in pat_slots(p).iter().zip(saved) {
                let i = cx.base + *s as usize;
                cx.env[i] = val;
            }
            cx.base = old;
            r
        }
    }
}

fn pat_slots(p: &Pat) -> Vec<u32> {
    match p {
        Pat::Slot(s) => vec![*s],
        Pat::Tuple(ss) => ss.clone(),
    }
}

fn guard<'p>(cx: &mut Cx<'p>, ex: &'p Ex, k: &Cont<'_, 'p>, out: &mut Sink) -> ER<bool> {
    // connectives, comparisons and quantifiers always give a boolean: no Value round trip
    if crate::eval::is_bool_kind(&ex.kind) {
        return if cx.eval_bool(ex, "a guard")? {
            run_cont(cx, k, out)
        } else {
            Ok(true)
        };
    }
    match cx.eval(ex)? {
        Value::Bool(true) => run_cont(cx, k, out),
        Value::Bool(false) => Ok(true),
        v => Err(EvalError::new(
            ex.span,
            format!(
                "In computing {} states, TLC expected a boolean expression, but got {v}",
                if cx.init_mode { "initial" } else { "next" }
            ),
        )),
    }
}

fn assign<'p>(cx: &mut Cx<'p>, var: u32, v: Value, k: &Cont<'_, 'p>, out: &mut Sink) -> ER<bool> {
    let v = match v {
        Value::Lazy(_) => v.normalized().unwrap_or(v),
        v => v,
    };
    cx.next[var as usize] = Some(v);
    let r = run_cont(cx, k, out);
    cx.next[var as usize] = None;
    r
}

/// Enumerates `ex` followed by the continuation `k`.
pub(crate) fn enum_ex<'p>(
    cx: &mut Cx<'p>,
    ex: &'p Ex,
    k: &Cont<'_, 'p>,
    out: &mut Sink,
) -> ER<bool> {
    match &ex.kind {
        ExKind::And(xs) => {
            let k2 = Cont::Conj {
                items: xs,
                base: cx.base,
                next: k,
            };
            run_cont(cx, &k2, out)
        }
        ExKind::Or(xs) => {
            let base = cx.base;
            for x in xs {
                cx.base = base;
                if !enum_ex(cx, x, k, out)? {
                    return Ok(false);
                }
            }
            cx.base = base;
            Ok(true)
        }
        ExKind::Exists(bounds, body) => {
            let base = cx.base;
            let mut cont = true;
            cx.for_each_ctx(bounds, &mut |cx| {
                cx.base = base;
                let r = enum_ex(cx, body, k, out)?;
                cx.base = base;
                cont = r;
                Ok(r)
            })?;
            Ok(cont)
        }
        ExKind::Forall(bounds, body) => {
            let base = cx.base;
            let mut pats: Vec<(&'p Pat, Value)> = Vec::new();
            // collect every binding (product of the bounds)
            let all: Vec<&'p Pat> = bounds.iter().flat_map(|b| b.pats.iter()).collect();
            let mut combos: Vec<Vec<Value>> = Vec::new();
            cx.for_each_ctx(bounds, &mut |cx| {
                combos.push(all.iter().map(|p| cx.pat_value(p)).collect());
                Ok(true)
            })?;
            if all.len() == 1 {
                for c in combos {
                    pats.push((all[0], c.into_iter().next().unwrap_or(Value::FALSE)));
                }
                let k2 = Cont::Forall {
                    pats: &pats,
                    body,
                    base,
                    next: k,
                };
                run_cont(cx, &k2, out)
            } else {
                // several variables: treat as a guard
                guard(cx, ex, k, out)
            }
        }
        ExKind::Eq(a, b) => match target_var(cx, a) {
            Some(var) => {
                let v = cx.eval(b)?;
                match &cx.next[var as usize] {
                    None => assign(cx, var, v, k, out),
                    Some(old) => {
                        if tlc_value::tla_eq(old, &v).map_err(|e| crate::eval::verr(e, ex.span))? {
                            run_cont(cx, k, out)
                        } else {
                            Ok(true)
                        }
                    }
                }
            }
            None => guard(cx, ex, k, out),
        },
        ExKind::In(a, b) => match target_var(cx, a) {
            Some(var) => {
                match cx.next[var as usize].clone() {
                    // one successor per element, enumerated on the fly (a filter over a
                    // SUBSET, function or record set is streamed as TLC does)
                    None => cx.iter_set(b, &mut |cx, v| assign(cx, var, v, k, out)),
                    Some(old) => {
                        // already assigned: a membership test (lazy for filters etc.)
                        if cx.member_ex(&old, b)? {
                            run_cont(cx, k, out)
                        } else {
                            Ok(true)
                        }
                    }
                }
            }
            None => guard(cx, ex, k, out),
        },
        ExKind::Unchanged(e) => unchanged(cx, e, k, out),
        ExKind::If(c, a, b) => {
            if cx.eval_bool(c, "the condition of an IF")? {
                enum_ex(cx, a, k, out)
            } else {
                enum_ex(cx, b, k, out)
            }
        }
        ExKind::Case(arms, other) => {
            for (g, v) in arms {
                if cx.eval_bool(g, "a CASE guard")? {
                    return enum_ex(cx, v, k, out);
                }
            }
            match other {
                Some(o) => enum_ex(cx, o, k, out),
                None => Err(EvalError::new(
                    ex.span,
                    "In computing next states, TLC encountered a CASE with no conditions true",
                )),
            }
        }
        ExKind::Implies(a, b) => {
            if cx.eval_bool(a, "the left side of =>")? {
                enum_ex(cx, b, k, out)
            } else {
                run_cont(cx, k, out)
            }
        }
        ExKind::Let { slots, body } => {
            for s in slots {
                let i = cx.base + *s as usize;
                cx.env[i] = Slot::Empty;
            }
            enum_ex(cx, body, k, out)
        }
        ExKind::Call { def, capture, args } => {
            let d = &cx.defs[def.0 as usize];
            if d.cache.is_some() {
                return guard(cx, ex, k, out);
            }
            let old = push_enum_call(cx, d, *capture, args)?;
            let r = enum_ex(cx, &d.body, k, out);
            cx.pop_frame(old);
            r
        }
        ExKind::Local(s) if matches!(cx.slot(*s), Slot::Op(_)) => {
            // a by-name argument: expand it in its caller's frame
            let c = cx.closure_of(*s, ex.span)?;
            match by_name_def(cx, &c) {
                Some(d) => {
                    let old = cx.push_frame(d, c.captured.clone());
                    let r = enum_ex(cx, &d.body, k, out);
                    cx.pop_frame(old);
                    r
                }
                None => guard(cx, ex, k, out),
            }
        }
        ExKind::CallParam { slot, args } => {
            let c = cx.closure_of(*slot, ex.span)?;
            match c.target {
                crate::eval::Target::Def(def) => {
                    let d = &cx.defs[def.0 as usize];
                    let mut slots = c.captured.clone();
                    for a in args {
                        match a {
                            Arg::Val(e) => slots.push(Slot::Val(cx.eval(e)?)),
                            Arg::Op(o) => slots.push(Slot::Op(cx.make_closure(o))),
                        }
                    }
                    let old = cx.push_frame(d, slots);
                    let r = enum_ex(cx, &d.body, k, out);
                    cx.pop_frame(old);
                    r
                }
                _ => guard(cx, ex, k, out),
            }
        }
        ExKind::BoxAction(a, v) => {
            if !enum_ex(cx, a, k, out)? {
                return Ok(false);
            }
            unchanged(cx, v, k, out)
        }
        ExKind::AngleAction(a, v) => {
            let k2 = Cont::Changed {
                sub: v,
                base: cx.base,
                next: k,
            };
            enum_ex(cx, a, &k2, out)
        }
        _ => guard(cx, ex, k, out),
    }
}

/// The zero-arity definition of a by-name argument closure.
fn by_name_def<'p>(cx: &Cx<'p>, c: &crate::eval::Closure) -> Option<&'p Def> {
    match c.target {
        crate::eval::Target::Def(def) => {
            let defs: &'p [Def] = cx.defs;
            let d = &defs[def.0 as usize];
            (d.nargs as usize == c.captured.len()).then_some(d)
        }
        _ => None,
    }
}

/// `UNCHANGED e` followed by `k`.
fn unchanged<'p>(cx: &mut Cx<'p>, e: &'p Ex, k: &Cont<'_, 'p>, out: &mut Sink) -> ER<bool> {
    if let ExKind::Local(s) = &e.kind {
        if matches!(cx.slot(*s), Slot::Op(_)) {
            let c = cx.closure_of(*s, e.span)?;
            if let Some(d) = by_name_def(cx, &c) {
                let old = cx.push_frame(d, c.captured.clone());
                let r = unchanged(cx, &d.body, k, out);
                cx.pop_frame(old);
                return r;
            }
        }
        if let Slot::VarRef(i, false) = cx.slot(*s) {
            let i = *i;
            let cur = cx.cur[i as usize].clone();
            return match &cx.next[i as usize] {
                None => assign(cx, i, cur, k, out),
                Some(v) => {
                    if *v == cur {
                        run_cont(cx, k, out)
                    } else {
                        Ok(true)
                    }
                }
            };
        }
    }
    match &e.kind {
        ExKind::Var(i) if !cx.init_mode => {
            let cur = cx.cur[*i as usize].clone();
            match &cx.next[*i as usize] {
                None => assign(cx, *i, cur, k, out),
                Some(v) => {
                    if *v == cur {
                        run_cont(cx, k, out)
                    } else {
                        Ok(true)
                    }
                }
            }
        }
        ExKind::Tuple(xs) => {
            let k2 = Cont::Unch {
                items: xs,
                base: cx.base,
                next: k,
            };
            run_cont(cx, &k2, out)
        }
        ExKind::Call { def, capture, args } if args.is_empty() => {
            let d = &cx.defs[def.0 as usize];
            let slots = cx.env[cx.base..cx.base + *capture as usize].to_vec();
            let old = cx.push_frame(d, slots);
            let r = unchanged(cx, &d.body, k, out);
            cx.pop_frame(old);
            r
        }
        _ => {
            let a = cx.eval(e)?;
            cx.primed = true;
            let b = cx.eval(e);
            cx.primed = false;
            if a == b? {
                run_cont(cx, k, out)
            } else {
                Ok(true)
            }
        }
    }
}

/// Checks that every variable is assigned; returns the first unassigned one.
pub(crate) fn first_unassigned(next: &[Option<Value>]) -> Option<usize> {
    next.iter().position(|v| v.is_none())
}

/// Error for an incompletely specified state.
pub(crate) fn unspecified(
    cx: &Cx,
    var: usize,
    action: &str,
    span: tlc_syntax::Span,
    init: bool,
) -> EvalError {
    let name = cx.var_names.get(var).map(|n| &**n).unwrap_or("?");
    let message = if init {
        format!("Initial state is not completely specified by the initial predicate: variable {name} is not assigned a value")
    } else {
        format!("Successor state is not completely specified by action {action}: variable {name} is not assigned a value")
    };
    EvalError::with_kind(EvalErrorKind::Unspecified, span, message)
}
