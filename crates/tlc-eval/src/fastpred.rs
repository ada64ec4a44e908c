//! A fast path for simple predicates on a state or a step: integer arithmetic and
//! comparisons, equality, boolean connectives and `IF` over state variables, their record
//! fields and function values, literals and inlined zero-argument definitions.
//!
//! Action properties (`[][A]_v`) are evaluated on every transition and liveness atoms on
//! every state; most of them are of this shape (`BeanCount' < BeanCount`,
//! `can.white % 2 = 0`, `x' = x + 1`), and the general evaluator spends most of its time
//! on context set-up and per-node overhead for them. A [`Fast`] is evaluated directly on
//! the two states, reading values in place.
//!
//! The fast path never decides anything on its own terms: whenever it meets something it
//! does not handle exactly as the general evaluator does (another kind of value, an
//! overflow, a missing field, a value outside a function's domain), it gives up with
//! `None` and the caller evaluates the predicate with the general evaluator, which then
//! also reports any error. Since the predicates are pure, giving up half-way is harmless.

use tlc_value::{order::tla_eq, Str, Value};

use crate::builtins::Builtin;
use crate::eval::Slot;
use crate::ir::{Def, Ex, ExKind};

/// A compiled predicate (or value) of the fast path.
#[derive(Clone, Debug)]
pub(crate) enum Fast {
    /// A literal.
    Lit(Value),
    /// A state variable of the current state (`false`) or of the next state (`true`).
    Var(u32, bool),
    /// `r.f`.
    Dot(Box<Fast>, Str),
    /// `x.f` for a state variable `x` (the most common case of `Dot`, read without a call).
    VarDot(u32, bool, Str),
    /// `f[x]`, with what `x` computes.
    App(Box<Fast>, Box<Fast>, Kind),
    /// `x + y`, `x - y`, `x * y`, `x % y`, `x \div y` on integers.
    Arith(Builtin, Box<Fast>, Box<Fast>),
    /// `-x` on an integer.
    Neg(Box<Fast>),
    /// `<`, `<=`, `>`, `>=` on integers.
    Cmp(Builtin, Box<Fast>, Box<Fast>),
    /// `x = y` (`true`: `x /= y`), as the evaluator's `tla_eq`, compared as integers,
    /// booleans or values (the kind of either side, decided when compiling).
    Eq(Box<Fast>, Box<Fast>, bool, Kind),
    /// `UNCHANGED`: the two values are the same (structural equality, as the evaluator).
    Same(Box<Fast>, Box<Fast>),
    /// Conjunction, left to right.
    And(Vec<Fast>),
    /// Disjunction, left to right.
    Or(Vec<Fast>),
    /// Negation.
    Not(Box<Fast>),
    /// `a => b`.
    Implies(Box<Fast>, Box<Fast>),
    /// `a <=> b`.
    Equiv(Box<Fast>, Box<Fast>),
    /// `IF c THEN a ELSE b`.
    If(Box<Fast>, Box<Fast>, Box<Fast>),
}

/// Deepest definition nesting inlined.
const MAX_INLINE: u32 = 16;

/// Compiles `e` for the fast path, `None` if it uses anything the fast path does not
/// handle.
pub(crate) fn compile(defs: &[Def], e: &Ex) -> Option<Fast> {
    comp(&Cc { defs, env: &[] }, e, false, 0)
}

/// [`compile`] for an expression whose frame slots hold `env` (the bound values of a
/// temporal formula's atom): slots holding values are read as literals.
pub(crate) fn compile_in(defs: &[Def], env: &[Slot], e: &Ex) -> Option<Fast> {
    comp(&Cc { defs, env }, e, false, 0)
}

/// What compiling reads: the definitions, and the values of the expression's frame slots
/// (none inside an inlined definition, which has a frame of its own).
struct Cc<'a> {
    defs: &'a [Def],
    env: &'a [Slot],
}

fn comp(cc: &Cc, e: &Ex, primed: bool, depth: u32) -> Option<Fast> {
    let defs = cc.defs;
    let c = |x: &Ex| comp(cc, x, primed, depth).map(Box::new);
    Some(match &e.kind {
        ExKind::Lit(v) => Fast::Lit(v.clone()),
        ExKind::Local(i) => match cc.env.get(*i as usize)? {
            Slot::Val(v) => Fast::Lit(v.clone()),
            _ => return None,
        },
        ExKind::Var(i) => Fast::Var(*i, primed),
        ExKind::Prime(x) if !primed => return comp(cc, x, true, depth),
        ExKind::Call { def, capture, args } if *capture == 0 && args.is_empty() => {
            let d = defs.get(def.0 as usize)?;
            if let Some(cache) = &d.cache {
                return cache.get().map(|v| Fast::Lit(v.clone()));
            }
            let (body, inner) = inlined(cc, e, depth)?;
            return comp(&inner, body, primed, depth + 1);
        }
        ExKind::Dot(r, Value::Str(f)) => match *c(r)? {
            Fast::Var(i, p) => Fast::VarDot(i, p, *f),
            r => Fast::Dot(Box::new(r), *f),
        },
        ExKind::FnApp(f, x) => {
            let x = c(x)?;
            let k = kind(&x);
            Fast::App(c(f)?, x, k)
        }
        ExKind::Builtin(b, xs) => match (b, xs.as_slice()) {
            (
                Builtin::Plus | Builtin::Minus | Builtin::Mul | Builtin::Mod | Builtin::Div,
                [x, y],
            ) => Fast::Arith(*b, c(x)?, c(y)?),
            (Builtin::Lt | Builtin::Le | Builtin::Gt | Builtin::Ge, [x, y]) => {
                Fast::Cmp(*b, c(x)?, c(y)?)
            }
            (Builtin::Neg, [x]) => Fast::Neg(c(x)?),
            _ => return None,
        },
        ExKind::Eq(x, y) => eq(c(x)?, c(y)?, false),
        ExKind::Neq(x, y) => eq(c(x)?, c(y)?, true),
        ExKind::And(xs) => Fast::And(
            xs.iter()
                .map(|x| comp(cc, x, primed, depth))
                .collect::<Option<_>>()?,
        ),
        ExKind::Or(xs) => Fast::Or(
            xs.iter()
                .map(|x| comp(cc, x, primed, depth))
                .collect::<Option<_>>()?,
        ),
        ExKind::Not(x) => Fast::Not(c(x)?),
        ExKind::Implies(x, y) => Fast::Implies(c(x)?, c(y)?),
        ExKind::Equiv(x, y) => Fast::Equiv(c(x)?, c(y)?),
        ExKind::If(x, a, b) => Fast::If(c(x)?, c(a)?, c(b)?),
        ExKind::Unchanged(x) if !primed => unchanged(cc, x, depth)?,
        // `[A]_v` is `A \/ UNCHANGED v`
        ExKind::BoxAction(a, v) if !primed => {
            Fast::Or(vec![comp(cc, a, false, depth)?, unchanged(cc, v, depth)?])
        }
        // `<<A>>_v` is `A /\ ~UNCHANGED v`
        ExKind::AngleAction(a, v) if !primed => Fast::And(vec![
            comp(cc, a, false, depth)?,
            Fast::Not(Box::new(unchanged(cc, v, depth)?)),
        ]),
        _ => return None,
    })
}

/// The body of `e` if it is a call of a zero-argument, non-constant definition that may be
/// inlined at this depth, with what compiling it reads (its own frame, no bound values).
fn inlined<'a>(cc: &Cc<'a>, e: &Ex, depth: u32) -> Option<(&'a Ex, Cc<'a>)> {
    let ExKind::Call {
        def,
        capture: 0,
        args,
    } = &e.kind
    else {
        return None;
    };
    let d = cc.defs.get(def.0 as usize)?;
    if !args.is_empty() || d.cache.is_some() || d.nargs != 0 || d.fn_bounds.is_some() {
        return None;
    }
    (depth < MAX_INLINE).then_some((
        &d.body,
        Cc {
            defs: cc.defs,
            env: &[],
        },
    ))
}

/// `UNCHANGED x`; a tuple `<<a, b>>` is unchanged iff each component is.
fn unchanged(cc: &Cc, x: &Ex, depth: u32) -> Option<Fast> {
    // `UNCHANGED vars` with `vars == <<x, y>>`
    if let Some((body, inner)) = inlined(cc, x, depth) {
        return unchanged(&inner, body, depth + 1);
    }
    if let ExKind::Tuple(xs) = &x.kind {
        return Some(Fast::And(
            xs.iter()
                .map(|y| unchanged(cc, y, depth))
                .collect::<Option<_>>()?,
        ));
    }
    Some(Fast::Same(
        Box::new(comp(cc, x, false, depth)?),
        Box::new(comp(cc, x, true, depth)?),
    ))
}

/// `x = y` (`neg`: `x /= y`) compared as what either side computes.
fn eq(x: Box<Fast>, y: Box<Fast>, neg: bool) -> Fast {
    let k = match (kind(&x), kind(&y)) {
        (Kind::Int, _) | (_, Kind::Int) => Kind::Int,
        (Kind::Bool, _) | (_, Kind::Bool) => Kind::Bool,
        _ => Kind::Val,
    };
    Fast::Eq(x, y, neg, k)
}

/// What a node computes, known when compiling: an integer, a boolean, or a value read in
/// place (whose kind is seen only when evaluating).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Int,
    Bool,
    Val,
}

fn kind(f: &Fast) -> Kind {
    match f {
        Fast::Lit(Value::Int(_)) | Fast::Arith(..) | Fast::Neg(_) => Kind::Int,
        Fast::Lit(Value::Bool(_))
        | Fast::Cmp(..)
        | Fast::Eq(..)
        | Fast::Same(..)
        | Fast::And(_)
        | Fast::Or(_)
        | Fast::Not(_)
        | Fast::Implies(..)
        | Fast::Equiv(..) => Kind::Bool,
        Fast::If(_, a, b) if kind(a) == kind(b) => kind(a),
        _ => Kind::Val,
    }
}

/// Evaluates a predicate on the step from `s` to `t` (pass an empty `t` for a state
/// predicate): `Some(verdict)`, or `None` to evaluate it with the general evaluator.
pub(crate) fn holds(f: &Fast, s: &[Value], t: &[Value]) -> Option<bool> {
    boolean(f, s, t)
}

/// `x.name` of state variable `i`.
#[inline(always)]
fn var_dot<'a>(
    i: u32,
    primed: bool,
    name: Str,
    s: &'a [Value],
    t: &'a [Value],
) -> Option<&'a Value> {
    match if primed { t } else { s }.get(i as usize)? {
        Value::Record(r) => r.get(name),
        _ => None,
    }
}

/// A value read in place (`None` for computed integers and booleans, which have no place).
fn value<'a>(f: &'a Fast, s: &'a [Value], t: &'a [Value]) -> Option<&'a Value> {
    match f {
        Fast::Lit(v) => Some(v),
        Fast::Var(i, primed) => if *primed { t } else { s }.get(*i as usize),
        Fast::VarDot(i, primed, name) => var_dot(*i, *primed, *name, s, t),
        Fast::Dot(r, name) => match value(r, s, t)? {
            Value::Record(r) => r.get(*name),
            _ => None,
        },
        Fast::App(g, x, k) => app(g, x, *k, s, t),
        Fast::If(c, a, b) => {
            if boolean(c, s, t)? {
                value(a, s, t)
            } else {
                value(b, s, t)
            }
        }
        _ => None,
    }
}

/// `f[x]` (out of line: it builds the argument value).
#[inline(never)]
fn app<'a>(g: &'a Fast, x: &'a Fast, k: Kind, s: &'a [Value], t: &'a [Value]) -> Option<&'a Value> {
    let g = value(g, s, t)?;
    let key = match k {
        Kind::Int => Value::Int(int(x, s, t)?),
        Kind::Bool => Value::Bool(boolean(x, s, t)?),
        Kind::Val => value(x, s, t)?.clone(),
    };
    if !matches!(g, Value::Func(_) | Value::Tuple(_)) {
        return None;
    }
    g.get_ref(&key)
}

/// An integer.
fn int(f: &Fast, s: &[Value], t: &[Value]) -> Option<i64> {
    match f {
        // leaves without a call
        Fast::Lit(Value::Int(i)) => Some(*i),
        Fast::VarDot(i, primed, name) => match var_dot(*i, *primed, *name, s, t)? {
            Value::Int(i) => Some(*i),
            _ => None,
        },
        Fast::Arith(b, x, y) => {
            let (x, y) = (int(x, s, t)?, int(y, s, t)?);
            match b {
                Builtin::Plus => x.checked_add(y),
                Builtin::Minus => x.checked_sub(y),
                Builtin::Mul => x.checked_mul(y),
                // floor modulus and division; the evaluator's errors for y <= 0 are its own
                Builtin::Mod if y > 0 => Some(x.rem_euclid(y)),
                Builtin::Div if y > 0 => Some(x.div_euclid(y)),
                _ => None,
            }
        }
        Fast::Neg(x) => int(x, s, t)?.checked_neg(),
        Fast::If(c, a, b) => {
            if boolean(c, s, t)? {
                int(a, s, t)
            } else {
                int(b, s, t)
            }
        }
        _ => match value(f, s, t)? {
            Value::Int(i) => Some(*i),
            _ => None,
        },
    }
}

/// A boolean.
fn boolean(f: &Fast, s: &[Value], t: &[Value]) -> Option<bool> {
    Some(match f {
        Fast::Cmp(b, x, y) => {
            let (x, y) = (int(x, s, t)?, int(y, s, t)?);
            match b {
                Builtin::Lt => x < y,
                Builtin::Le => x <= y,
                Builtin::Gt => x > y,
                _ => x >= y,
            }
        }
        Fast::Eq(x, y, neg, k) => {
            let eq = match k {
                Kind::Int => int(x, s, t)? == int(y, s, t)?,
                Kind::Bool => boolean(x, s, t)? == boolean(y, s, t)?,
                Kind::Val => tla_eq(value(x, s, t)?, value(y, s, t)?).ok()?,
            };
            eq != *neg
        }
        Fast::Same(x, y) => value(x, s, t)? == value(y, s, t)?,
        Fast::And(xs) => {
            for x in xs {
                if !boolean(x, s, t)? {
                    return Some(false);
                }
            }
            true
        }
        Fast::Or(xs) => {
            for x in xs {
                if boolean(x, s, t)? {
                    return Some(true);
                }
            }
            false
        }
        Fast::Not(x) => !boolean(x, s, t)?,
        Fast::Implies(x, y) => !boolean(x, s, t)? || boolean(y, s, t)?,
        Fast::Equiv(x, y) => boolean(x, s, t)? == boolean(y, s, t)?,
        Fast::If(c, a, b) => {
            if boolean(c, s, t)? {
                boolean(a, s, t)?
            } else {
                boolean(b, s, t)?
            }
        }
        _ => match value(f, s, t)? {
            Value::Bool(b) => *b,
            _ => return None,
        },
    })
}
