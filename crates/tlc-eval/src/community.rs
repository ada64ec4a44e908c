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
//!
//! Also the graph operators that TLC with the CommunityModules jar overrides in Java
//! (`tlc2/overrides/Graphs.java`, `UndirectedGraphs.java`): Graphs!SimplePath,
//! AreConnectedIn and IsStronglyConnected, UndirectedGraphs!SimplePath and AreConnectedIn.
//! Their TLA+ definitions range over `Path(G) == {p \in Seq(G.node) : ...}`, an infinite
//! set that cannot be enumerated; natively they are a depth-first search over the simple
//! paths and a reachability search, with the definitions' results on every finite graph
//! (see [`graph_op`]).

use crate::builtins::Builtin;
use crate::error::EvalError;
use crate::eval::{verr, Closure, Cx, Slot, Target, ER};
use crate::ir::{Arg, ExKind, OpArg, Pat};
use std::sync::Arc;
use tlc_syntax::Span;
use tlc_value::{Str, Value};

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
                        crate::stdlib::apply_values(cx, Builtin::Max, &[rest.clone()], span)?
                    }
                    Choose::Min => {
                        crate::stdlib::apply_values(cx, Builtin::Min, &[rest.clone()], span)?
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
    crate::stdlib::apply_values(cx, b, &args, span)
}

/// Which graph operator [`graph_op`] computes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum GraphOp {
    /// `Graphs!SimplePath(G)` / `UndirectedGraphs!SimplePath(G)`.
    SimplePath,
    /// `AreConnectedIn(m, n, G)` of either module.
    AreConnectedIn,
    /// `Graphs!IsStronglyConnected(G)` (directed).
    IsStronglyConnected,
}

/// A graph `[node |-> N, edge |-> E]` as adjacency lists over the indices of `N`'s
/// elements (in canonical order).
struct Adjacency {
    nodes: Vec<Value>,
    succ: Vec<Vec<usize>>,
}

impl Adjacency {
    /// Reads `G.node` and `G.edge`. An arc `i -> j` exists when `G.edge` holds the edge
    /// `<<N[i], N[j]>>` (directed) or `{N[i], N[j]}` (undirected, both directions), i.e.
    /// exactly when the definitions' test `<<p[i], p[i+1]>> \in G.edge` (resp.
    /// `{p[i], p[i+1]} \in G.edge`) holds for two nodes. Elements of `G.edge` that are not
    /// such pairs, or that name a value outside `G.node`, can never pass that test (a
    /// path's elements are drawn from `G.node`) and give no arc, as in TLC's override.
    fn new(g: &Value, directed: bool, span: Span) -> ER<Adjacency> {
        let field = |name: &str| g.field(Str::new(name)).map_err(|e| verr(e, span));
        let mut nodes: Vec<Value> = set_iter(&field("node")?, span)?.collect();
        nodes.sort_unstable();
        nodes.dedup();
        let edges = field("edge")?;
        let mut succ: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
        let index = |v: &Value| nodes.binary_search(v).ok();
        for e in set_iter(&edges, span)? {
            let ends: Option<(Value, Value)> = if directed {
                match &e {
                    Value::Tuple(t) => match t.elems() {
                        [a, b] => Some((a.clone(), b.clone())),
                        _ => None,
                    },
                    _ => None,
                }
            } else if e.is_set() {
                // a set that is not enumerable cannot equal {a, b}
                match e.set_iter().map(|it| it.take(3).collect::<Vec<_>>()) {
                    Ok(v) => match v.as_slice() {
                        [a] => Some((a.clone(), a.clone())),
                        [a, b] => Some((a.clone(), b.clone())),
                        _ => None,
                    },
                    Err(_) => None,
                }
            } else {
                None
            };
            let Some((a, b)) = ends else { continue };
            if let (Some(i), Some(j)) = (index(&a), index(&b)) {
                succ[i].push(j);
                if !directed && i != j {
                    succ[j].push(i);
                }
            }
        }
        for s in &mut succ {
            s.sort_unstable();
            s.dedup();
        }
        Ok(Adjacency { nodes, succ })
    }

    /// The indices reachable from `from` (itself included) along `succ`.
    fn reachable(succ: &[Vec<usize>], from: usize) -> Vec<bool> {
        let mut seen = vec![false; succ.len()];
        let mut stack = vec![from];
        seen[from] = true;
        while let Some(i) = stack.pop() {
            for &j in &succ[i] {
                if !seen[j] {
                    seen[j] = true;
                    stack.push(j);
                }
            }
        }
        seen
    }

    /// The arcs reversed.
    fn transpose(&self) -> Vec<Vec<usize>> {
        let mut pred = vec![Vec::new(); self.succ.len()];
        for (i, s) in self.succ.iter().enumerate() {
            for &j in s {
                pred[j].push(i);
            }
        }
        pred
    }

    /// Every simple path (non-empty, no node twice), as tuples of nodes.
    fn simple_paths(&self) -> Vec<Value> {
        let mut out = Vec::new();
        let mut path = Vec::new();
        let mut on_path = vec![false; self.nodes.len()];
        for start in 0..self.nodes.len() {
            self.extend(start, &mut path, &mut on_path, &mut out);
        }
        out
    }

    fn extend(&self, i: usize, path: &mut Vec<usize>, on_path: &mut [bool], out: &mut Vec<Value>) {
        path.push(i);
        on_path[i] = true;
        out.push(Value::tuple(
            path.iter()
                .map(|&k| self.nodes[k].clone())
                .collect::<Vec<_>>(),
        ));
        for &j in &self.succ[i] {
            if !on_path[j] {
                self.extend(j, path, on_path, out);
            }
        }
        on_path[i] = false;
        path.pop();
    }
}

/// Graphs!SimplePath / AreConnectedIn / IsStronglyConnected (`directed`) and
/// UndirectedGraphs!SimplePath / AreConnectedIn on evaluated arguments, with the TLA+
/// definitions' results:
///
/// - `SimplePath(G)`: the set of non-empty sequences of distinct nodes, each consecutive
///   pair joined by an edge (a simple path has at most `Cardinality(G.node)` elements, so
///   this is the definition's set, found by depth-first search).
/// - `AreConnectedIn(m, n, G)`: `m` and `n` are nodes and `n` is reachable from `m` (`<<m>>`
///   is a path, so a node is connected to itself). When `m` or `n` cannot be compared
///   with the nodes, the membership test fails as the definition's `p[1] = m` would.
/// - `IsStronglyConnected(G)`: every node reaches every node (TRUE without nodes): all
///   nodes are reachable from one node and it is reachable from all of them.
///
/// `G.node` must be enumerable (the definitions enumerate `Seq(G.node)` otherwise too).
pub(crate) fn graph_op(op: GraphOp, directed: bool, args: &[Value], span: Span) -> ER<Value> {
    let bad = || EvalError::new(span, "wrong number of arguments");
    match op {
        GraphOp::SimplePath => {
            let g = Adjacency::new(args.first().ok_or_else(bad)?, directed, span)?;
            Ok(Value::set(g.simple_paths()))
        }
        GraphOp::AreConnectedIn => {
            let [m, n, g] = args else { return Err(bad()) };
            let g = Adjacency::new(g, directed, span)?;
            let nodes = Value::set(g.nodes.iter().cloned());
            let is_node = |v: &Value| nodes.member(v).map_err(|e| verr(e, span));
            if !is_node(m)? || !is_node(n)? {
                return Ok(Value::Bool(false));
            }
            let (Ok(i), Ok(j)) = (g.nodes.binary_search(m), g.nodes.binary_search(n)) else {
                return Ok(Value::Bool(false));
            };
            Ok(Value::Bool(i == j || Adjacency::reachable(&g.succ, i)[j]))
        }
        GraphOp::IsStronglyConnected => {
            let g = Adjacency::new(args.first().ok_or_else(bad)?, directed, span)?;
            if g.nodes.is_empty() {
                return Ok(Value::Bool(true));
            }
            let all = |seen: Vec<bool>| seen.into_iter().all(|b| b);
            Ok(Value::Bool(
                all(Adjacency::reachable(&g.succ, 0))
                    && all(Adjacency::reachable(&g.transpose(), 0)),
            ))
        }
    }
}
