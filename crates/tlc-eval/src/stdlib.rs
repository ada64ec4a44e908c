//! Implementations of the builtin operators over `tlc-value` values.

use crate::builtins::Builtin;
use crate::error::{EvalError, EvalErrorKind};
use crate::eval::{set_elems, verr, Closure, Cx, Slot, ER};
use crate::ir::{Arg, Ex};
use std::sync::Arc;
use tlc_syntax::Span;
use tlc_value::{tla_eq, Str, Value, ValueError};

fn vr<T>(r: Result<T, ValueError>, span: Span) -> ER<T> {
    r.map_err(|e| verr(e, span))
}

fn int(v: &Value, op: &'static str, span: Span) -> ER<i64> {
    vr(v.as_i64(op), span)
}

/// Applies a builtin to argument expressions (evaluated left to right).
pub(crate) fn apply<'p>(cx: &mut Cx<'p>, b: Builtin, args: &'p [Ex], span: Span) -> ER<Value> {
    // One or two arguments (almost every call) stay on the stack.
    match args {
        [x] => {
            let x = cx.eval(x)?;
            apply_values(cx, b, std::slice::from_ref(&x), span)
        }
        [x, y] => {
            let x = cx.eval(x)?;
            let y = cx.eval(y)?;
            apply_values(cx, b, &[x, y], span)
        }
        _ => {
            let mut vals = Vec::with_capacity(args.len());
            for a in args {
                vals.push(cx.eval(a)?);
            }
            apply_values(cx, b, &vals, span)
        }
    }
}

#[path = "community.rs"]
mod community;

/// Applies a builtin that takes operator arguments.
pub(crate) fn apply_op<'p>(cx: &mut Cx<'p>, b: Builtin, args: &'p [Arg], span: Span) -> ER<Value> {
    if let Some(r) = community::apply(cx, b, args, span) {
        return r;
    }
    let mut vals = Vec::new();
    let mut ops: Vec<Arc<Closure>> = Vec::new();
    for a in args {
        match a {
            Arg::Val(e) => vals.push(cx.eval(e)?),
            Arg::Op(o) => ops.push(cx.make_closure(o)),
        }
    }
    match b {
        Builtin::SelectSeq => {
            let s = seq(&vals[0], "SelectSeq", span)?;
            let mut out = Vec::new();
            for x in s {
                if bool_of(cx.apply_closure(&ops[0], vec![x.clone()], span)?, span)? {
                    out.push(x);
                }
            }
            Ok(Value::tuple(out))
        }
        Builtin::SortSeq => {
            let mut s = seq(&vals[0], "SortSeq", span)?;
            // insertion sort with the user's "less than" (stable, fallible)
            for i in 1..s.len() {
                let mut j = i;
                while j > 0 {
                    let lt = bool_of(
                        cx.apply_closure(&ops[0], vec![s[j].clone(), s[j - 1].clone()], span)?,
                        span,
                    )?;
                    if !lt {
                        break;
                    }
                    s.swap(j, j - 1);
                    j -= 1;
                }
            }
            Ok(Value::tuple(s))
        }
        Builtin::BagOfAll => {
            // BagOfAll(F, B): [y \in {F(x) : x \in DOMAIN B} |-> sum of B[x] with F(x) = y]
            let mut acc: Vec<(Value, Value)> = Vec::new();
            for (k, n) in vr(vals[0].func_pairs(), span)? {
                let y = cx.apply_closure(&ops[0], vec![k], span)?;
                match acc.iter_mut().find(|(a, _)| *a == y) {
                    Some((_, c)) => *c = vr(c.add(&n), span)?,
                    None => acc.push((y, n)),
                }
            }
            Ok(Value::func(acc))
        }
        _ => Err(EvalError::new(
            span,
            format!("operator {b:?} is not implemented"),
        )),
    }
}

fn bool_of(v: Value, span: Span) -> ER<bool> {
    match v {
        Value::Bool(b) => Ok(b),
        v => Err(EvalError::new(
            span,
            format!("expected a boolean, but got {v}"),
        )),
    }
}

fn seq(v: &Value, op: &str, span: Span) -> ER<Vec<Value>> {
    match v {
        Value::Tuple(t) => Ok(t.elems().to_vec()),
        _ => Err(EvalError::new(
            span,
            format!("The argument of {op} should be a sequence, but instead it is:\n{v}"),
        )),
    }
}

fn arg(vals: &[Value], i: usize, span: Span) -> ER<&Value> {
    vals.get(i)
        .ok_or_else(|| EvalError::new(span, "wrong number of arguments"))
}

/// Applies a builtin to values.
pub(crate) fn apply_values(cx: &mut Cx, b: Builtin, vals: &[Value], span: Span) -> ER<Value> {
    use Builtin::*;
    let a = |i: usize| arg(vals, i, span);
    let _ = &cx;
    Ok(match b {
        Subset => vr(Value::subset(a(0)?), span)?,
        Union => vr(Value::big_union(a(0)?), span)?,
        Domain => vr(a(0)?.domain(), span)?,
        Cup => vr(a(0)?.union(a(1)?), span)?,
        Cap => vr(a(0)?.intersect(a(1)?), span)?,
        SetMinus => vr(a(0)?.difference(a(1)?), span)?,
        SubsetEq => Value::Bool(vr(a(0)?.subseteq(a(1)?), span)?),
        Times => vr(Value::product(vals.to_vec()), span)?,
        Boolean => Value::boolean_set(),
        StringSet => Value::string_set(),
        Plus => vr(a(0)?.add(a(1)?), span)?,
        Minus => vr(a(0)?.sub(a(1)?), span)?,
        Mul => vr(a(0)?.mul(a(1)?), span)?,
        Pow => vr(a(0)?.pow(a(1)?), span)?,
        Lt => Value::Bool(vr(a(0)?.lt(a(1)?), span)?),
        Gt => Value::Bool(vr(a(0)?.gt(a(1)?), span)?),
        Le => Value::Bool(vr(a(0)?.le(a(1)?), span)?),
        Ge => Value::Bool(vr(a(0)?.ge(a(1)?), span)?),
        Mod => vr(a(0)?.modulo(a(1)?), span)?,
        Div => vr(a(0)?.div(a(1)?), span)?,
        Range => vr(a(0)?.range(a(1)?), span)?,
        Nat => Value::nat(),
        Neg => vr(a(0)?.neg(), span)?,
        Int => Value::int_set(),
        Real | RealDiv | Infinity => {
            return Err(EvalError::new(span, "TLC cannot handle real numbers"))
        }
        Seq => vr(Value::seq_set(a(0)?), span)?,
        Len => vr(a(0)?.seq_len(), span)?,
        Concat => vr(a(0)?.concat(a(1)?), span)?,
        Append => vr(a(0)?.append(a(1)?.clone()), span)?,
        Head => vr(a(0)?.head(), span)?,
        Tail => vr(a(0)?.tail(), span)?,
        SubSeq => {
            let m = int(a(1)?, "SubSeq", span)?;
            let n = int(a(2)?, "SubSeq", span)?;
            vr(a(0)?.subseq(m, n), span)?
        }
        IsFiniteSet => Value::Bool(a(0)?.is_finite_set()),
        Cardinality => vr(a(0)?.cardinality(), span)?,
        // Bags: functions from elements to positive integers
        IsABag => {
            let v = a(0)?;
            let ok = v.is_func()
                && vr(v.func_pairs(), span)?
                    .iter()
                    .all(|(_, n)| matches!(n, Value::Int(i) if *i > 0));
            Value::Bool(ok)
        }
        BagToSet => vr(a(0)?.domain(), span)?,
        SetToBag => {
            let s = a(0)?;
            vr(Value::func_from_domain(s, |_| Ok(Value::Int(1))), span)?
        }
        BagIn => {
            let d = vr(a(1)?.domain(), span)?;
            Value::Bool(vr(d.member(a(0)?), span)?)
        }
        EmptyBag => Value::empty_tuple(),
        BagPlus => {
            let mut p = vr(a(0)?.func_pairs(), span)?;
            for (k, n) in vr(a(1)?.func_pairs(), span)? {
                match p.iter_mut().find(|(x, _)| *x == k) {
                    Some((_, c)) => *c = vr(c.add(&n), span)?,
                    None => p.push((k, n)),
                }
            }
            Value::func(p)
        }
        BagMinus => {
            let mut p = vr(a(0)?.func_pairs(), span)?;
            for (k, n) in vr(a(1)?.func_pairs(), span)? {
                if let Some((_, c)) = p.iter_mut().find(|(x, _)| *x == k) {
                    *c = vr(c.sub(&n), span)?;
                }
            }
            Value::func(
                p.into_iter()
                    .filter(|(_, n)| matches!(n, Value::Int(i) if *i > 0)),
            )
        }
        BagUnion => {
            let mut p: Vec<(Value, Value)> = Vec::new();
            for bag in set_elems(a(0)?, span)? {
                for (k, n) in vr(bag.func_pairs(), span)? {
                    match p.iter_mut().find(|(x, _)| *x == k) {
                        Some((_, c)) => *c = vr(c.add(&n), span)?,
                        None => p.push((k, n)),
                    }
                }
            }
            Value::func(p)
        }
        SqSubsetEq => {
            let g = a(1)?;
            let mut ok = true;
            for (k, n) in vr(a(0)?.func_pairs(), span)? {
                let d = vr(g.domain(), span)?;
                if !vr(d.member(&k), span)? || vr(n.gt(&vr(g.apply(&k), span)?), span)? {
                    ok = false;
                    break;
                }
            }
            Value::Bool(ok)
        }
        BagCardinality => {
            let mut t = Value::Int(0);
            for (_, n) in vr(a(0)?.func_pairs(), span)? {
                t = vr(t.add(&n), span)?;
            }
            t
        }
        CopiesIn => {
            let bag = a(1)?;
            let d = vr(bag.domain(), span)?;
            if vr(d.member(a(0)?), span)? {
                vr(bag.apply(a(0)?), span)?
            } else {
                Value::Int(0)
            }
        }
        ColonGt => Value::colon_gt(a(0)?.clone(), a(1)?.clone()),
        AtAt => vr(Value::at_at(a(0)?, a(1)?), span)?,
        Print => {
            print_line(a(0)?);
            a(1)?.clone()
        }
        PrintT => {
            print_line(a(0)?);
            Value::TRUE
        }
        Assert => match a(0)? {
            Value::Bool(true) => Value::TRUE,
            Value::Bool(false) => {
                let msg = match a(1)? {
                    Value::Str(s) => s.as_str().to_string(),
                    v => v.to_string(),
                };
                return Err(EvalError::with_kind(
                    EvalErrorKind::Assert,
                    span,
                    format!("The first argument of Assert evaluated to FALSE; the second argument was:\n\"{msg}\""),
                ));
            }
            v => {
                return Err(EvalError::new(
                    span,
                    format!("The first argument of Assert must be a boolean, but is {v}"),
                ))
            }
        },
        JavaTime => {
            let t = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0);
            Value::Int(t)
        }
        TLCGet => tlc_get(cx, a(0)?, span)?,
        TLCSet => tlc_set(cx, a(0)?, a(1)?, span)?,
        Permutations => vr(Value::permutations(a(0)?), span)?,
        // TLC picks an element at random (a different one at each evaluation, so its
        // state counts may vary between runs). tlc-rs is deterministic: it always picks
        // the first element in TLC's canonical order; runs are reproducible, but a model
        // whose behaviour depends on the random choice explores only that one choice.
        RandomElement => {
            let e = set_elems(a(0)?, span)?;
            match e.into_iter().next() {
                Some(x) => x,
                None => return Err(EvalError::new(span, "RandomElement of the empty set")),
            }
        }
        Any => return Err(EvalError::new(span, "TLC cannot enumerate Any")),
        ToString => Value::string(&a(0)?.to_string()),
        TLCEval => a(0)?.clone(),
        AssertEq => {
            if !vr(tla_eq(a(0)?, a(1)?), span)? {
                return Err(EvalError::with_kind(
                    EvalErrorKind::Assert,
                    span,
                    format!("Assertion failed: {} /= {}", a(0)?, a(1)?),
                ));
            }
            Value::TRUE
        }
        TLCModelValue => match a(0)? {
            Value::Str(s) => Value::model(s.as_str()),
            v => {
                return Err(EvalError::new(
                    span,
                    format!("TLCModelValue expects a string, got {v}"),
                ))
            }
        },
        TLCCache => a(0)?.clone(),
        ToSet | Range_ => {
            let mut out = Vec::new();
            for v in a(0)?.func_values() {
                out.push(v.clone());
            }
            Value::set(out)
        }
        IsInjective => {
            let mut vs: Vec<Value> = a(0)?.func_values().cloned().collect();
            let n = vs.len();
            vs.sort();
            vs.dedup();
            Value::Bool(vs.len() == n)
        }
        Max | Min => {
            let e = set_elems(a(0)?, span)?;
            let mut best: Option<Value> = None;
            for x in e {
                best = Some(match best {
                    None => x,
                    Some(bv) => {
                        let better = if b == Max {
                            vr(x.gt(&bv), span)?
                        } else {
                            vr(x.lt(&bv), span)?
                        };
                        if better {
                            x
                        } else {
                            bv
                        }
                    }
                });
            }
            match best {
                Some(v) => v,
                None => {
                    return Err(EvalError::new(
                        span,
                        "Attempted to compute the value of an expression of form\nCHOOSE x \\in S: P, but no element of S satisfied P.",
                    ))
                }
            }
        }
        SetToSeq => Value::tuple(set_elems(a(0)?, span)?),
        DyadicReduce => dyadic_reduce(a(0)?, span)?,
        GraphSimplePath
        | GraphAreConnectedIn
        | GraphIsStronglyConnected
        | UGraphSimplePath
        | UGraphAreConnectedIn => {
            use community::GraphOp;
            let (op, directed) = match b {
                GraphSimplePath => (GraphOp::SimplePath, true),
                GraphAreConnectedIn => (GraphOp::AreConnectedIn, true),
                UGraphSimplePath => (GraphOp::SimplePath, false),
                UGraphAreConnectedIn => (GraphOp::AreConnectedIn, false),
                _ => (GraphOp::IsStronglyConnected, true),
            };
            community::graph_op(op, directed, vals, span)?
        }
        ConnectedComponents => Value::set(connected_components(a(0)?, span)?),
        IsStronglyConnected => {
            let g = a(0)?;
            let comps = connected_components(g, span)?;
            let nodes = vr(g.field(Str::new("node")), span)?;
            Value::Bool(comps.len() == 1 && vr(tla_eq(&comps[0], &nodes), span)?)
        }
        AssertError | RandomSubset | RandomSetOfSubsets | RandomSubsetSet | SelectSeq | SortSeq
        | BagOfAll | SubBag | FoldSet | FoldFunction | FoldFunctionOnSet | FoldSeq | FoldLeft
        | FoldRight | MapThenFoldSet | SetToSortSeq => {
            return Err(EvalError::new(
                span,
                format!("operator {b:?} is not supported here"),
            ))
        }
    })
}

#[allow(dead_code)]
fn unused(_: Slot) {}

/// DyadicRationals!Reduce, computed natively: the module's GCD(n, m) is the
/// largest common element of {d \in 1..n : ..} and {d \in 1..m : ..}, i.e.
/// Euclid's gcd when both are at least 1, and the empty-set `Max` (a CHOOSE
/// error) otherwise; the module evaluates it by brute force, O(n^2 + m^2) steps.
/// (TLC with the CommunityModules jar overrides it in Java too.)
fn dyadic_reduce(p: &Value, span: Span) -> ER<Value> {
    let num = int(&vr(p.field(Str::new("num")), span)?, "Reduce", span)?;
    let den = int(&vr(p.field(Str::new("den")), span)?, "Reduce", span)?;
    if num < 1 || den < 1 {
        return Err(EvalError::new(
            span,
            "Attempted to compute the value of an expression of form\nCHOOSE x \\in S: P, but no element of S satisfied P.",
        ));
    }
    let (mut x, mut y) = (num, den);
    while y != 0 {
        (x, y) = (y, x % y);
    }
    Ok(if x == 1 {
        p.clone()
    } else {
        Value::record([
            (Str::new("num"), Value::int(num / x)),
            (Str::new("den"), Value::int(den / x)),
        ])
    })
}

/// The connected components of an undirected graph `[node |-> N, edge |-> E]` (edges are
/// sets `{m, n}`), as UndirectedGraphs!ConnectedComponents defines them: the maximal
/// non-empty sets of nodes connected by paths inside the set.
fn connected_components(g: &Value, span: Span) -> ER<Vec<Value>> {
    let nodes = set_elems(&vr(g.field(Str::new("node")), span)?, span)?;
    let edges = set_elems(&vr(g.field(Str::new("edge")), span)?, span)?;
    let index = |v: &Value| nodes.iter().position(|n| n == v);
    let mut parent: Vec<usize> = (0..nodes.len()).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for e in &edges {
        let ends = set_elems(e, span)?;
        if let [a, b] = ends.as_slice() {
            if let (Some(i), Some(j)) = (index(a), index(b)) {
                let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                parent[ri] = rj;
            }
        }
    }
    let mut groups: Vec<(usize, Vec<Value>)> = Vec::new();
    for (i, n) in nodes.iter().enumerate() {
        let r = find(&mut parent, i);
        match groups.iter_mut().find(|(k, _)| *k == r) {
            Some((_, g)) => g.push(n.clone()),
            None => groups.push((r, vec![n.clone()])),
        }
    }
    Ok(groups.into_iter().map(|(_, g)| Value::set(g)).collect())
}

fn undefined(what: &dyn std::fmt::Display, span: Span) -> EvalError {
    EvalError::new(span, format!("TLCGet({what}) was undefined."))
}

/// `TLCGet(x)`: an integer register, or one of TLC's named values.
fn tlc_get(cx: &Cx, key: &Value, span: Span) -> ER<Value> {
    let rt = cx.rt;
    let num = |n: u64| Value::Int(i64::try_from(n).unwrap_or(i64::MAX));
    match key {
        Value::Int(i) if *i >= 0 => {
            let v = rt.and_then(|rt| {
                rt.registers
                    .lock()
                    .ok()
                    .and_then(|regs| regs.get(i).cloned())
            });
            v.ok_or_else(|| undefined(i, span))
        }
        Value::Str(s) => {
            let key = s.as_str();
            let Some(rt) = rt else {
                return Err(undefined(&key, span));
            };
            let stats = rt.stats.get();
            let stat = |f: &dyn Fn(&dyn crate::runtime::RunStats) -> u64| -> ER<Value> {
                match stats {
                    Some(st) => Ok(num(f(&**st))),
                    None => Err(undefined(&key, span)),
                }
            };
            match key {
                "level" => {
                    // 0 in ASSUMEs and the initial predicate, else the level of the
                    // current state (1 for initial states).
                    if cx.cur.is_empty() || cx.init_mode {
                        Ok(Value::Int(0))
                    } else {
                        Ok(Value::Int(crate::runtime::current_level()))
                    }
                }
                "config" => {
                    let info = rt.info.get().cloned().unwrap_or_default();
                    Ok(Value::record(vec![
                        (Str::new("mode"), Value::string("bfs")),
                        (Str::new("deadlock"), Value::Bool(info.check_deadlock)),
                        (Str::new("worker"), Value::Int(info.workers)),
                        (Str::new("seed"), Value::string(&info.seed.to_string())),
                        (
                            Str::new("fingerprint"),
                            Value::string(&info.fingerprint.to_string()),
                        ),
                        (Str::new("install"), Value::string("")),
                    ]))
                }
                "duration" => Ok(num(rt.start.elapsed().as_secs())),
                "distinct" => stat(&|s| s.distinct()),
                "generated" => stat(&|s| s.generated()),
                "queue" => stat(&|s| s.queue()),
                "diameter" => stat(&|s| s.diameter()),
                "stats" => match stats {
                    Some(st) => Ok(Value::record(vec![
                        (Str::new("queue"), num(st.queue())),
                        (Str::new("distinct"), num(st.distinct())),
                        (Str::new("generated"), num(st.generated())),
                        (Str::new("diameter"), num(st.diameter())),
                        (Str::new("duration"), num(rt.start.elapsed().as_secs())),
                    ])),
                    None => Err(undefined(&key, span)),
                },
                _ => Err(undefined(&key, span)),
            }
        }
        v => Err(EvalError::new(
            span,
            format!("The argument of TLCGet should be a nonnegative integer or a string, but instead it is:\n{v}"),
        )),
    }
}

/// `TLCSet(i, v)`: sets integer register `i`; always TRUE.
fn tlc_set(cx: &Cx, key: &Value, v: &Value, span: Span) -> ER<Value> {
    match key {
        Value::Int(i) if *i >= 0 => {
            if let Some(rt) = cx.rt {
                if let Ok(mut regs) = rt.registers.lock() {
                    regs.insert(*i, v.clone());
                }
            }
            Ok(Value::TRUE)
        }
        Value::Str(s) if matches!(s.as_str(), "exit" | "pause") => Err(EvalError::with_kind(
            EvalErrorKind::Unsupported,
            span,
            format!("TLCSet(\"{}\", ...) is not supported by tlc-rs", s.as_str()),
        )),
        k => Err(EvalError::new(
            span,
            format!("The first argument of TLCSet should be a nonnegative integer, but instead it is:\n{k}"),
        )),
    }
}

/// Where `Print`/`PrintT` write: stdout unless [`crate::print_to_stderr`] was set.
static PRINT_TO_STDERR: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Sends the output of `Print` and `PrintT` to stderr (`true`) or stdout (`false`, the default).
pub fn print_to_stderr(on: bool) {
    PRINT_TO_STDERR.store(on, std::sync::atomic::Ordering::Relaxed);
}

fn print_line(v: &Value) {
    if PRINT_TO_STDERR.load(std::sync::atomic::Ordering::Relaxed) {
        eprintln!("{v}");
    } else {
        println!("{v}");
    }
}
