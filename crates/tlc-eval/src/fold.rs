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

fn fold_args(args: &mut [Arg]) {
    for a in args {
        if let Arg::Val(x) = a {
            fold(x);
        }
    }
}

/// Folds `ex` bottom-up.
pub(crate) fn fold(ex: &mut Ex) {
    match &mut ex.kind {
        ExKind::Lit(_) | ExKind::Var(_) | ExKind::Local(_) | ExKind::Error(_) => return,
        ExKind::RecFnValue { .. } => return,
        ExKind::Prime(a) | ExKind::Not(a) | ExKind::Unchanged(a) | ExKind::Enabled(a) => fold(a),
        ExKind::Dot(a, _) => fold(a),
        ExKind::LetRef { def, .. } => {
            if let Some(d) = std::sync::Arc::get_mut(def) {
                fold(d);
            }
        }
        ExKind::Let { body, .. } => fold(body),
        ExKind::Call { args, .. } | ExKind::CallParam { args, .. } | ExKind::BuiltinOp(_, args) => {
            fold_args(args)
        }
        ExKind::Builtin(_, xs)
        | ExKind::And(xs)
        | ExKind::Or(xs)
        | ExKind::SetEnum(xs)
        | ExKind::Tuple(xs)
        | ExKind::Temporal(_, xs) => {
            for x in xs {
                fold(x);
            }
        }
        ExKind::RecFnApp { arg, .. } => fold(arg),
        ExKind::Implies(a, b)
        | ExKind::Equiv(a, b)
        | ExKind::Eq(a, b)
        | ExKind::Neq(a, b)
        | ExKind::In(a, b)
        | ExKind::NotIn(a, b)
        | ExKind::FnSet(a, b)
        | ExKind::FnApp(a, b)
        | ExKind::BoxAction(a, b)
        | ExKind::AngleAction(a, b) => {
            fold(a);
            fold(b);
        }
        ExKind::Fair(_, a, b) => {
            fold(a);
            fold(b);
        }
        ExKind::If(c, a, b) => {
            fold(c);
            fold(a);
            fold(b);
        }
        ExKind::Case(arms, other) => {
            for (g, v) in arms {
                fold(g);
                fold(v);
            }
            if let Some(o) = other {
                fold(o);
            }
        }
        ExKind::Forall(bs, body) | ExKind::Exists(bs, body) => {
            fold_bounds(bs);
            fold(body);
        }
        ExKind::SetMap(bs, body) | ExKind::FnCons(bs, body) => {
            fold_bounds(bs);
            fold(body);
        }
        ExKind::Choose(b, body) | ExKind::SetFilter(b, body) => {
            fold_bounds(std::slice::from_mut(&mut **b));
            fold(body);
        }
        ExKind::Record(fs) | ExKind::RecordSet(fs) => {
            for (_, x) in fs {
                fold(x);
            }
        }
        ExKind::Except(base, ups) => {
            fold(base);
            for u in ups {
                for st in &mut u.path {
                    if let CStep::Index(x) = st {
                        fold(x);
                    }
                }
                fold(&mut u.value);
            }
        }
    }
    if foldable(ex) {
        let r = {
            let mut cx = Cx::new(&[], &[], &[]);
            cx.eval(ex)
        };
        if let Ok(v) = r {
            ex.kind = ExKind::Lit(v);
        }
    }
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
