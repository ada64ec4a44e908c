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
use crate::ir::{Def, Ex, ExKind};

/// A compiled predicate (or value) of the fast path.
#[derive(Debug)]
pub(crate) enum Fast {
    /// A literal.
    Lit(Value),
    /// A state variable of the current state (`false`) or of the next state (`true`).
    Var(u32, bool),
    /// `r.f`.
    Dot(Box<Fast>, Str),
    /// `f[x]`.
    App(Box<Fast>, Box<Fast>),
    /// `x + y`, `x - y`, `x * y`, `x % y`, `x \div y` on integers.
    Arith(Builtin, Box<Fast>, Box<Fast>),
    /// `-x` on an integer.
    Neg(Box<Fast>),
    /// `<`, `<=`, `>`, `>=` on integers.
    Cmp(Builtin, Box<Fast>, Box<Fast>),
    /// `x = y` (`true`: `x /= y`), as the evaluator's `tla_eq`.
    Eq(Box<Fast>, Box<Fast>, bool),
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
/// handle. `primed`: `e` occurs under a prime.
pub(crate) fn compile(defs: &[Def], e: &Ex) -> Option<Fast> {
    comp(defs, e, false, 0)
}

fn comp(defs: &[Def], e: &Ex, primed: bool, depth: u32) -> Option<Fast> {
    let c = |x: &Ex| comp(defs, x, primed, depth).map(Box::new);
    Some(match &e.kind {
        ExKind::Lit(v) => Fast::Lit(v.clone()),
        ExKind::Var(i) => Fast::Var(*i, primed),
        ExKind::Prime(x) if !primed => return comp(defs, x, true, depth),
        ExKind::Call { def, capture, args } if *capture == 0 && args.is_empty() => {
            let d = defs.get(def.0 as usize)?;
            if let Some(cache) = &d.cache {
                return cache.get().map(|v| Fast::Lit(v.clone()));
            }
            if depth >= MAX_INLINE || d.nargs != 0 || d.fn_bounds.is_some() {
                return None;
            }
            return comp(defs, &d.body, primed, depth + 1);
        }
        ExKind::Dot(r, Value::Str(f)) => Fast::Dot(c(r)?, *f),
        ExKind::FnApp(f, x) => Fast::App(c(f)?, c(x)?),
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
        ExKind::Eq(x, y) => Fast::Eq(c(x)?, c(y)?, false),
        ExKind::Neq(x, y) => Fast::Eq(c(x)?, c(y)?, true),
        ExKind::And(xs) => Fast::And(
            xs.iter()
                .map(|x| comp(defs, x, primed, depth))
                .collect::<Option<_>>()?,
        ),
        ExKind::Or(xs) => Fast::Or(
            xs.iter()
                .map(|x| comp(defs, x, primed, depth))
                .collect::<Option<_>>()?,
        ),
        ExKind::Not(x) => Fast::Not(c(x)?),
        ExKind::Implies(x, y) => Fast::Implies(c(x)?, c(y)?),
        ExKind::Equiv(x, y) => Fast::Equiv(c(x)?, c(y)?),
        ExKind::If(x, a, b) => Fast::If(c(x)?, c(a)?, c(b)?),
        ExKind::Unchanged(x) if !primed => unchanged(defs, x, depth)?,
        // `[A]_v` is `A \/ UNCHANGED v`
        ExKind::BoxAction(a, v) if !primed => Fast::Or(vec![
            comp(defs, a, false, depth)?,
            unchanged(defs, v, depth)?,
        ]),
        _ => return None,
    })
}

/// `UNCHANGED x`; a tuple `<<a, b>>` is unchanged iff each component is.
fn unchanged(defs: &[Def], x: &Ex, depth: u32) -> Option<Fast> {
    // `UNCHANGED vars` with `vars == <<x, y>>`
    if let ExKind::Call {
        def,
        capture: 0,
        args,
    } = &x.kind
    {
        let d = defs.get(def.0 as usize)?;
        if args.is_empty() && d.cache.is_none() && d.nargs == 0 && d.fn_bounds.is_none() {
            if depth >= MAX_INLINE {
                return None;
            }
            return unchanged(defs, &d.body, depth + 1);
        }
    }
    if let ExKind::Tuple(xs) = &x.kind {
        return Some(Fast::And(
            xs.iter()
                .map(|y| unchanged(defs, y, depth))
                .collect::<Option<_>>()?,
        ));
    }
    Some(Fast::Same(
        Box::new(comp(defs, x, false, depth)?),
        Box::new(comp(defs, x, true, depth)?),
    ))
}

/// An intermediate result: a value read in place, or a computed integer or boolean.
enum R<'a> {
    Ref(&'a Value),
    Int(i64),
    Bool(bool),
}

impl R<'_> {
    fn int(&self) -> Option<i64> {
        match self {
            R::Int(i) | R::Ref(Value::Int(i)) => Some(*i),
            _ => None,
        }
    }
    fn boolean(&self) -> Option<bool> {
        match self {
            R::Bool(b) | R::Ref(Value::Bool(b)) => Some(*b),
            _ => None,
        }
    }
}

/// Evaluates a predicate on the step from `s` to `t` (pass `t = s`, or an empty `t` for a
/// state predicate): `Some(verdict)`, or `None` to evaluate it with the general evaluator.
pub(crate) fn holds(f: &Fast, s: &[Value], t: &[Value]) -> Option<bool> {
    eval(f, s, t)?.boolean()
}

fn eval<'a>(f: &'a Fast, s: &'a [Value], t: &'a [Value]) -> Option<R<'a>> {
    Some(match f {
        Fast::Lit(v) => R::Ref(v),
        Fast::Var(i, primed) => R::Ref(if *primed { t } else { s }.get(*i as usize)?),
        Fast::Dot(r, name) => match eval(r, s, t)? {
            R::Ref(Value::Record(r)) => R::Ref(r.get(*name)?),
            _ => return None,
        },
        Fast::App(g, x) => {
            let R::Ref(g) = eval(g, s, t)? else {
                return None;
            };
            let key = match eval(x, s, t)? {
                R::Ref(v) => v.clone(),
                R::Int(i) => Value::Int(i),
                R::Bool(b) => Value::Bool(b),
            };
            if !matches!(g, Value::Func(_) | Value::Tuple(_)) {
                return None;
            }
            R::Ref(g.get_ref(&key)?)
        }
        Fast::Arith(b, x, y) => {
            let (x, y) = (eval(x, s, t)?.int()?, eval(y, s, t)?.int()?);
            R::Int(match b {
                Builtin::Plus => x.checked_add(y)?,
                Builtin::Minus => x.checked_sub(y)?,
                Builtin::Mul => x.checked_mul(y)?,
                // floor modulus and division; the evaluator's errors for y <= 0 are its own
                Builtin::Mod if y > 0 => x.rem_euclid(y),
                Builtin::Div if y > 0 => x.div_euclid(y),
                _ => return None,
            })
        }
        Fast::Neg(x) => R::Int(eval(x, s, t)?.int()?.checked_neg()?),
        Fast::Cmp(b, x, y) => {
            let (x, y) = (eval(x, s, t)?.int()?, eval(y, s, t)?.int()?);
            R::Bool(match b {
                Builtin::Lt => x < y,
                Builtin::Le => x <= y,
                Builtin::Gt => x > y,
                _ => x >= y,
            })
        }
        Fast::Eq(x, y, neg) => {
            let eq = match (eval(x, s, t)?, eval(y, s, t)?) {
                (R::Ref(a), R::Ref(b)) => tla_eq(a, b).ok()?,
                (R::Bool(a), b) | (b, R::Bool(a)) => a == b.boolean()?,
                (a, b) => a.int()? == b.int()?,
            };
            R::Bool(eq != *neg)
        }
        Fast::Same(x, y) => match (eval(x, s, t)?, eval(y, s, t)?) {
            (R::Ref(a), R::Ref(b)) => R::Bool(a == b),
            _ => return None,
        },
        Fast::And(xs) => {
            for x in xs {
                if !eval(x, s, t)?.boolean()? {
                    return Some(R::Bool(false));
                }
            }
            R::Bool(true)
        }
        Fast::Or(xs) => {
            for x in xs {
                if eval(x, s, t)?.boolean()? {
                    return Some(R::Bool(true));
                }
            }
            R::Bool(false)
        }
        Fast::Not(x) => R::Bool(!eval(x, s, t)?.boolean()?),
        Fast::Implies(x, y) => R::Bool(!eval(x, s, t)?.boolean()? || eval(y, s, t)?.boolean()?),
        Fast::Equiv(x, y) => R::Bool(eval(x, s, t)?.boolean()? == eval(y, s, t)?.boolean()?),
        Fast::If(c, a, b) => {
            if eval(c, s, t)?.boolean()? {
                eval(a, s, t)?
            } else {
                eval(b, s, t)?
            }
        }
    })
}
