//! Compile-time folding of constant subexpressions: a set, tuple or record enumeration,
//! a comparison or a pure standard operator (arithmetic, set algebra, sequences) whose
//! operands are all literals is evaluated once and replaced by its value, so that e.g.
//! `rmState[r] \in {"working", "prepared"}` does not rebuild the set in every state.
//!
//! Only operators without side effects or run-time context are folded (never `Print`,
//! `TLCGet`, `RandomElement`, ...), and only when the evaluation succeeds: an expression
//! that fails keeps its form and fails at run time exactly as before. Forms that the
//! evaluator treats symbolically in `x \in S` (`SUBSET`, `Seq`, `[S -> T]`, record sets)
//! are left alone, so membership tests keep their behaviour.

use crate::builtins::Builtin;
use crate::eval::Cx;
use crate::ir::*;

/// Folds the constant subexpressions of every definition body and function bound.
pub(crate) fn fold_defs(defs: &mut [Def]) {
    for d in defs.iter_mut() {
        fold(&mut d.body);
        if let Some(bs) = &mut d.fn_bounds {
            fold_bounds(bs);
        }
    }
}

fn fold_bounds(bs: &mut [CBound]) {
    for b in bs {
        if let Some(s) = &mut b.set {
            fold(s);
        }
    }
}

/// Folds `ex` bottom-up.
pub(crate) fn fold(ex: &mut Ex) {
    match &mut ex.kind {
        ExKind::Lit(_)
        | ExKind::Var(_)
        | ExKind::Local(_)
        | ExKind::Error(_)
        | ExKind::RecFnValue { .. } => return,
        // a LET definition shared with another use is left as it is (not copied to fold it)
        ExKind::LetRef { def, .. } => {
            if let Some(d) = std::sync::Arc::get_mut(def) {
                fold(d);
            }
        }
        _ => crate::ir::children_mut(ex, &mut fold),
    }
    if foldable(ex) {
        let r = {
            let mut cx = Cx::new(&[], &[], &[]);
            cx.eval(ex)
        };
        if let Ok(v) = r {
            ex.kind = ExKind::Lit(v);
        }
    } else if is_binder(ex) {
        // a closed binder over literal sets, e.g. `{x \in {-1, 0, 1} \X {-1, 0, 1} : x # <<0, 0>>}`
        let mut bound = Vec::new();
        if let Some(cost) = closed_cost(ex, &mut bound) {
            if cost <= FOLD_BUDGET {
                let frame = bound_max(ex).map_or(0, |m| m + 1);
                let r = {
                    let mut cx = Cx::new(&[], &[], &[]);
                    cx.reset_frame(frame);
                    cx.eval(ex)
                };
                if let Ok(v) = r {
                    ex.kind = ExKind::Lit(v);
                }
            }
        }
    }
}

/// Most elements a closed binder may visit to be folded at compile time.
const FOLD_BUDGET: u64 = 100_000;

fn is_binder(ex: &Ex) -> bool {
    matches!(
        ex.kind,
        ExKind::SetFilter(..)
            | ExKind::SetMap(..)
            | ExKind::FnCons(..)
            | ExKind::Choose(..)
            | ExKind::Forall(..)
            | ExKind::Exists(..)
    )
}

fn pat_slots(p: &Pat) -> Vec<u32> {
    match p {
        Pat::Slot(s) => vec![*s],
        Pat::Tuple(ss) => ss.clone(),
    }
}

/// The largest frame slot bound inside `ex` (by its binders).
fn bound_max(ex: &Ex) -> Option<u32> {
    let mut m: Option<u32> = None;
    fn walk(ex: &Ex, m: &mut Option<u32>) {
        let bs = |b: &CBound, m: &mut Option<u32>| {
            for p in &b.pats {
                for s in pat_slots(p) {
                    *m = Some(m.map_or(s, |x: u32| x.max(s)));
                }
            }
            if let Some(s) = &b.set {
                walk(s, m);
            }
        };
        match &ex.kind {
            ExKind::SetFilter(b, body) | ExKind::Choose(b, body) => {
                bs(b, m);
                walk(body, m);
            }
            ExKind::SetMap(v, body)
            | ExKind::FnCons(v, body)
            | ExKind::Forall(v, body)
            | ExKind::Exists(v, body) => {
                for b in v {
                    bs(b, m);
                }
                walk(body, m);
            }
            ExKind::SetEnum(xs) | ExKind::Tuple(xs) | ExKind::And(xs) | ExKind::Or(xs) => {
                xs.iter().for_each(|x| walk(x, m))
            }
            ExKind::Builtin(_, xs) => xs.iter().for_each(|x| walk(x, m)),
            ExKind::Record(fs) => fs.iter().for_each(|(_, x)| walk(x, m)),
            ExKind::Eq(a, b)
            | ExKind::Neq(a, b)
            | ExKind::In(a, b)
            | ExKind::NotIn(a, b)
            | ExKind::Implies(a, b)
            | ExKind::Equiv(a, b)
            | ExKind::FnApp(a, b) => {
                walk(a, m);
                walk(b, m);
            }
            ExKind::Not(a) | ExKind::Dot(a, _) => walk(a, m),
            ExKind::If(c, a, b) => {
                walk(c, m);
                walk(a, m);
                walk(b, m);
            }
            _ => {}
        }
    }
    walk(ex, &mut m);
    m
}

/// The number of elements a binder's set has, if it is a literal (or a product of literals).
fn set_size(set: &Ex) -> Option<u64> {
    let card = |v: &tlc_value::Value| match v.cardinality() {
        Ok(tlc_value::Value::Int(n)) if n >= 0 => Some(n as u64),
        _ => None,
    };
    match &set.kind {
        ExKind::Lit(v) => card(v),
        ExKind::Builtin(Builtin::Times, xs) => xs.iter().try_fold(1u64, |acc, x| match &x.kind {
            ExKind::Lit(v) => card(v).map(|n| acc.saturating_mul(n)),
            _ => None,
        }),
        _ => None,
    }
}

/// If `ex` refers to nothing but literals and the names its own binders bind (`bound`), is
/// built from pure operators only, and its binders range over literal sets: an estimate
/// of the work to evaluate it.
fn closed_cost(ex: &Ex, bound: &mut Vec<u32>) -> Option<u64> {
    let all = |xs: &[Ex], bound: &mut Vec<u32>| -> Option<u64> {
        xs.iter().try_fold(1u64, |acc, x| {
            Some(acc.saturating_add(closed_cost(x, bound)?))
        })
    };
    match &ex.kind {
        ExKind::Lit(_) => Some(1),
        ExKind::Local(s) => bound.contains(s).then_some(1),
        ExKind::SetEnum(xs) | ExKind::Tuple(xs) | ExKind::And(xs) | ExKind::Or(xs) => {
            all(xs, bound)
        }
        ExKind::Builtin(b, xs) if pure_builtin(*b) || *b == Builtin::Times => all(xs, bound),
        ExKind::Record(fs) => fs.iter().try_fold(1u64, |acc, (_, x)| {
            Some(acc.saturating_add(closed_cost(x, bound)?))
        }),
        ExKind::Eq(a, b)
        | ExKind::Neq(a, b)
        | ExKind::In(a, b)
        | ExKind::NotIn(a, b)
        | ExKind::Implies(a, b)
        | ExKind::Equiv(a, b)
        | ExKind::FnApp(a, b) => {
            Some(closed_cost(a, bound)?.saturating_add(closed_cost(b, bound)?))
        }
        ExKind::Not(a) | ExKind::Dot(a, _) => closed_cost(a, bound),
        ExKind::If(c, a, b) => Some(
            closed_cost(c, bound)?
                .saturating_add(closed_cost(a, bound)?)
                .saturating_add(closed_cost(b, bound)?),
        ),
        ExKind::SetFilter(b, body) | ExKind::Choose(b, body) => {
            binder_cost(std::slice::from_ref(&**b), body, bound)
        }
        ExKind::SetMap(bs, body)
        | ExKind::FnCons(bs, body)
        | ExKind::Forall(bs, body)
        | ExKind::Exists(bs, body) => binder_cost(bs, body, bound),
        _ => None,
    }
}

fn binder_cost(bs: &[CBound], body: &Ex, bound: &mut Vec<u32>) -> Option<u64> {
    let mut n = 1u64;
    for b in bs {
        let set = b.set.as_deref()?;
        closed_cost(set, bound)?;
        n = n.saturating_mul(set_size(set)?);
    }
    let mark = bound.len();
    for b in bs {
        for p in &b.pats {
            bound.extend(pat_slots(p));
        }
    }
    let c = closed_cost(body, bound);
    bound.truncate(mark);
    Some(n.saturating_mul(c?.saturating_add(1)))
}

fn lit(e: &Ex) -> bool {
    matches!(e.kind, ExKind::Lit(_))
}

/// Whether `ex` is a pure operator applied to literals only.
fn foldable(ex: &Ex) -> bool {
    match &ex.kind {
        ExKind::SetEnum(xs) | ExKind::Tuple(xs) => xs.iter().all(lit),
        ExKind::Record(fs) => fs.iter().all(|(_, x)| lit(x)),
        ExKind::Builtin(b, xs) => pure_builtin(*b) && xs.iter().all(lit),
        ExKind::Eq(a, b) | ExKind::Neq(a, b) | ExKind::FnApp(a, b) => lit(a) && lit(b),
        ExKind::Not(a) | ExKind::Dot(a, _) => lit(a),
        _ => false,
    }
}

/// Standard operators that depend only on their (value) arguments and have no side
/// effects, and whose results the evaluator does not treat symbolically.
fn pure_builtin(b: Builtin) -> bool {
    use Builtin::*;
    matches!(
        b,
        Union
            | Domain
            | Cup
            | Cap
            | SetMinus
            | SubsetEq
            | Boolean
            | Plus
            | Minus
            | Mul
            | Pow
            | Lt
            | Gt
            | Le
            | Ge
            | Mod
            | Div
            | Range
            | Neg
            | Len
            | Concat
            | Append
            | Head
            | Tail
            | SubSeq
            | Cardinality
            | ColonGt
            | AtAt
    )
}
