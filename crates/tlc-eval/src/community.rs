//! Native folds of the community modules (Folds!MapThenFoldSet, Functions!FoldFunction
//! and FoldFunctionOnSet, FiniteSetsExt!FoldSet, SequencesExt!FoldSeq, FoldLeft and
//! FoldRight), computing exactly what their TLA+ definitions compute.
//!
//! All of them are `MapThenFoldSet(op, base, f, choose, S)`, which picks `x1 = choose(S)`,
//! `x2 = choose(S \ {x1})`, ... and yields `op(f(x1), op(f(x2), ... op(f(xn), base)))`,
//! evaluating `f(x1), ..., f(xn)` first (left to right) and then `op` from the innermost
//! application out. When `choose` is `CHOOSE x \in s : TRUE` (the first element in TLC's
//! order), `Min` or `Max` of a set of integers, the order is known without computing the
//! set differences, so a fold costs one pass over the set. Operator arguments are applied
//! on the frame stack without building argument vectors; `+` and the other builtins are
//! applied directly.

use crate::builtins::Builtin;
use crate::error::EvalError;
use crate::eval::{verr, Closure, Cx, Slot, Target, ER};
use crate::ir::{Arg, ExKind, OpArg, Pat};
use std::sync::Arc;
use tlc_syntax::Span;
use tlc_value::Value;

/// An operator argument of a fold.
enum Fop {
    Builtin(Builtin),
    Closure(Arc<Closure>),
}

/// How `f` maps the chosen elements.
enum Map<'a> {
    Id,
    Apply(&'a Value),
    Op(Fop),
}

/// How the elements are chosen.
enum Choose {
    /// `CHOOSE x \in s : TRUE`: ascending canonical order.
    First,
    /// `Max(s)` (FiniteSetsExt).
    Max,
    /// `Min(s)` (FiniteSetsExt).
    Min,
    Op(Fop),
}

/// Applies `b` natively when it is one of the folds; `None` for other builtins.
pub(crate) fn apply<'p>(
    cx: &mut Cx<'p>,
    b: Builtin,
    args: &'p [Arg],
    span: Span,
) -> Option<ER<Value>> {
    use Builtin::*;
    if !matches!(
        b,
        FoldSet
            | FoldFunction
            | FoldFunctionOnSet
            | FoldSeq
            | FoldLeft
            | FoldRight
            | MapThenFoldSet
    ) {
        return None;
    }
    Some(apply_fold(cx, b, args, span))
}

fn apply_fold<'p>(cx: &mut Cx<'p>, b: Builtin, args: &'p [Arg], span: Span) -> ER<Value> {
    use Builtin::*;
    // arguments left to right, as the TLA+ definitions evaluate them
    let mut vals: Vec<Value> = Vec::with_capacity(3);
    let mut ops: Vec<Fop> = Vec::with_capacity(3);
    for a in args {
        match a {
            Arg::Val(e) => vals.push(cx.eval(e)?),
            Arg::Op(OpArg::Builtin(b)) => ops.push(Fop::Builtin(*b)),
            Arg::Op(o) => ops.push(Fop::Closure(cx.make_closure(o))),
        }
    }
    let bad = || EvalError::new(span, "wrong number of arguments");
    let mut ops = ops.into_iter();
    let op = ops.next().ok_or_else(bad)?;
    let val = |i: usize| vals.get(i).ok_or_else(bad);
    match b {
        // FoldSet(op, base, set)
        FoldSet => map_then_fold(
            cx,
            &op,
            false,
            val(0)?,
            &Map::Id,
            Choose::First,
            val(1)?,
            span,
        ),
        // FoldFunction(op, base, fun) == FoldFunctionOnSet(op, base, fun, DOMAIN fun)
        // FoldSeq(op, base, seq) == FoldFunction(op, base, seq)
        FoldFunction | FoldSeq => {
            let fun = val(1)?;
            let dom = fun.domain().map_err(|e| verr(e, span))?;
            map_then_fold(
                cx,
                &op,
                false,
                val(0)?,
                &Map::Apply(fun),
                Choose::First,
                &dom,
                span,
            )
        }
        // FoldFunctionOnSet(op, base, fun, indices)
        FoldFunctionOnSet => {
            let fun = val(1)?;
            map_then_fold(
                cx,
                &op,
                false,
                val(0)?,
                &Map::Apply(fun),
                Choose::First,
                val(2)?,
                span,
            )
        }
        // FoldLeft(op, base, seq): MapThenFoldSet(LAMBDA x, y : op(y, x), base,
        //   LAMBDA i : seq[i], LAMBDA S : Max(S), DOMAIN seq)
        FoldLeft => {
            let seq = val(1)?;
            let dom = seq.domain().map_err(|e| verr(e, span))?;
            map_then_fold(
                cx,
                &op,
                true,
                val(0)?,
                &Map::Apply(seq),
                Choose::Max,
                &dom,
                span,
            )
        }
        // FoldRight(op, seq, base): MapThenFoldSet(op, base, LAMBDA i : seq[i],
        //   LAMBDA S : Min(S), DOMAIN seq)
        FoldRight => {
            let seq = val(0)?;
            let dom = seq.domain().map_err(|e| verr(e, span))?;
            map_then_fold(
                cx,
                &op,
                false,
                val(1)?,
                &Map::Apply(seq),
                Choose::Min,
                &dom,
                span,
            )
        }
        // MapThenFoldSet(op, base, f, choose, S)
        _ => {
            let f = ops.next().ok_or_else(bad)?;
            let choose = ops.next().ok_or_else(bad)?;
            let choose = classify_choose(cx, choose);
            map_then_fold(cx, &op, false, val(0)?, &Map::Op(f), choose, val(1)?, span)
        }
    }
}

/// Recognises `LAMBDA s : CHOOSE x \in s : TRUE`, `LAMBDA s : Max(s)`, `LAMBDA s : Min(s)`.
fn classify_choose(cx: &Cx, op: Fop) -> Choose {
    let Fop::Closure(c) = &op else {
        return match op {
            Fop::Builtin(Builtin::Max) => Choose::Max,
            Fop::Builtin(Builtin::Min) => Choose::Min,
            _ => Choose::Op(op),
        };
    };
    let Target::Def(d) = &c.target else {
        return Choose::Op(op);
    };
    let Some(def) = cx.defs.get(d.0 as usize) else {
        return Choose::Op(op);
    };
    let param = c.captured.len() as u32;
    if def.nargs != 1 || def.fn_bounds.is_some() {
        return Choose::Op(op);
    }
    let is_param = |e: &crate::ir::Ex| matches!(e.kind, ExKind::Local(s) if s == param);
    match &def.body.kind {
        ExKind::Choose(b, body)
            if matches!(body.kind, ExKind::Lit(Value::Bool(true)))
                && matches!(b.pats.as_slice(), [Pat::Slot(_)])
                && b.set.as_deref().is_some_and(is_param) =>
        {
            Choose::First
        }
        ExKind::Builtin(Builtin::Max, xs) if xs.len() == 1 && is_param(&xs[0]) => Choose::Max,
        ExKind::Builtin(Builtin::Min, xs) if xs.len() == 1 && is_param(&xs[0]) => Choose::Min,
        _ => Choose::Op(op),
    }
}

/// `MapThenFoldSet(op, base, f, choose, S)`; `flip`: apply `op(y, x)` instead of `op(x, y)`.
#[allow(clippy::too_many_arguments)]
fn map_then_fold<'p>(
    cx: &mut Cx<'p>,
    op: &Fop,
    flip: bool,
    base: &Value,
    f: &Map,
    choose: Choose,
    set: &Value,
    span: Span,
) -> ER<Value> {
    let vr = |r: Result<Value, tlc_value::ValueError>| r.map_err(|e| verr(e, span));
    // the chosen elements, in choice order
    let ints = |v: &Value| -> ER<bool> {
        let mut it = set_iter(v, span)?;
        Ok(it.all(|x| matches!(x, Value::Int(_))))
    };
    let xs: Vec<Value> = match choose {
        Choose::First => set_iter(set, span)?.collect(),
        Choose::Min if ints(set)? => set_iter(set, span)?.collect(),
        Choose::Max if ints(set)? => {
            let mut v: Vec<Value> = set_iter(set, span)?.collect();
            v.reverse();
            v
        }
        choose => {
            // the general case, exactly as the definition: choose, remove, repeat
            let mut out = Vec::new();
            let mut rest = set.clone();
            while !rest.is_empty_set() {
                let x = match &choose {
                    Choose::Max => {
                        crate::stdlib::apply_values(cx, Builtin::Max, vec![rest.clone()], span)?
                    }
                    Choose::Min => {
                        crate::stdlib::apply_values(cx, Builtin::Min, vec![rest.clone()], span)?
                    }
                    Choose::Op(c) => call(cx, c, [rest.clone()], span)?,
                    Choose::First => unreachable_first(span)?,
                };
                rest = vr(rest.difference(&Value::set([x.clone()])))?;
                out.push(x);
            }
            out
        }
    };
    // f(x1), ..., f(xn)
    let fxs: Vec<Value> = match f {
        Map::Id => xs,
        Map::Apply(fun) => {
            let mut v = Vec::with_capacity(xs.len());
            for x in &xs {
                v.push(vr(fun.apply(x))?);
            }
            v
        }
        Map::Op(g) => {
            let mut v = Vec::with_capacity(xs.len());
            for x in xs {
                v.push(call(cx, g, [x], span)?);
            }
            v
        }
    };
    let mut acc = base.clone();
    for fx in fxs.into_iter().rev() {
        acc = if flip {
            call(cx, op, [acc, fx], span)?
        } else {
            call(cx, op, [fx, acc], span)?
        };
    }
    Ok(acc)
}

fn unreachable_first(span: Span) -> ER<Value> {
    Err(EvalError::new(span, "internal error: fold order"))
}

fn set_iter(v: &Value, span: Span) -> ER<tlc_value::SetIter> {
    v.set_iter().map_err(|e| verr(e, span))
}

/// Applies an operator argument to `N` values, on the frame stack.
fn call<const N: usize>(cx: &mut Cx<'_>, op: &Fop, args: [Value; N], span: Span) -> ER<Value> {
    let c = match op {
        Fop::Builtin(b) => return builtin(cx, *b, args, span),
        Fop::Closure(c) => c,
    };
    match c.target {
        Target::Builtin(b) => builtin(cx, b, args, span),
        Target::Def(d) => {
            let defs = cx.defs;
            let def = &defs[d.0 as usize];
            let nb = cx.env.len();
            let frame = (def.frame as usize).max(c.captured.len() + N);
            cx.env.reserve(frame);
            cx.env.extend(c.captured.iter().cloned());
            cx.env.extend(args.into_iter().map(Slot::Val));
            cx.env.resize(nb + frame, Slot::Empty);
            let old = cx.base;
            cx.base = nb;
            let r = cx.eval(&def.body);
            cx.pop_frame(old);
            r
        }
    }
}

fn builtin<const N: usize>(cx: &mut Cx<'_>, b: Builtin, args: [Value; N], span: Span) -> ER<Value> {
    if let [x, y] = args.as_slice() {
        let r = match b {
            Builtin::Plus => Some(x.add(y)),
            Builtin::Mul => Some(x.mul(y)),
            Builtin::Cup => Some(x.union(y)),
            _ => None,
        };
        if let Some(r) = r {
            return r.map_err(|e| verr(e, span));
        }
    }
    crate::stdlib::apply_values(cx, b, args.into(), span)
}
