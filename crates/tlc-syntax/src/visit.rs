//! One place that knows the shape of every [`ExprKind`]: the direct children of an
//! expression, in source order, so that passes over the AST (the loader's search for
//! `INSTANCE` references, the span checks of the tests, later analyses) recurse without
//! repeating the whole match.
//!
//! ```
//! use tlc_syntax::ast::{Expr, ExprKind};
//! use tlc_syntax::visit::Child;
//! fn count_ops(e: &Expr) -> usize {
//!     let mut n = usize::from(matches!(e.kind, ExprKind::Op { .. }));
//!     e.for_each_child(&mut |c| {
//!         if let Child::Expr(x) = c {
//!             n += count_ops(x)
//!         }
//!     });
//!     n
//! }
//! let e = tlc_syntax::parse_expr(tlc_syntax::FileId(0), "x + f[y]").unwrap();
//! assert_eq!(count_ops(&e), 4); // +, x, y, and f
//! ```

use crate::ast::{Bound, BoundVars, ExceptStep, Expr, ExprKind, Ident, LetDef};

/// A direct child of an expression node.
#[derive(Clone, Copy, Debug)]
pub enum Child<'a> {
    /// A subexpression.
    Expr(&'a Expr),
    /// A group of bound variables with its optional domain (its domain is not also
    /// reported as a [`Child::Expr`]; see [`Bound::for_each_child`]).
    Bound(&'a Bound),
    /// A name that is part of the node: an operator name or instance-path segment, a
    /// record field, a label, a LAMBDA parameter, a temporal quantifier's variable.
    Name(&'a Ident),
    /// A `LET` definition (its body is not also reported as a [`Child::Expr`]).
    Def(&'a LetDef),
}

impl Expr {
    /// Calls `f` on each direct child of this expression, in source order.
    pub fn for_each_child<'a>(&'a self, f: &mut dyn FnMut(Child<'a>)) {
        use ExprKind as K;
        let exprs = |xs: &'a [Expr], f: &mut dyn FnMut(Child<'a>)| {
            xs.iter().for_each(|x| f(Child::Expr(x)))
        };
        let bounds = |bs: &'a [Bound], f: &mut dyn FnMut(Child<'a>)| {
            bs.iter().for_each(|b| f(Child::Bound(b)))
        };
        match &self.kind {
            K::Op { path, name, args } => {
                for seg in path {
                    f(Child::Name(&seg.name));
                    exprs(&seg.args, f);
                }
                f(Child::Name(name));
                exprs(args, f);
            }
            K::Num(_) | K::Decimal(_) | K::Str(_) | K::Bool(_) | K::At | K::Error => {}
            K::And(xs) | K::Or(xs) | K::SetEnum(xs) | K::Tuple(xs) => exprs(xs, f),
            K::Quant {
                bounds: bs, body, ..
            }
            | K::SetMap { bounds: bs, body }
            | K::FnCons { bounds: bs, body } => {
                bounds(bs, f);
                f(Child::Expr(body));
            }
            K::TemporalQuant { vars, body, .. } | K::Lambda { params: vars, body } => {
                vars.iter().for_each(|v| f(Child::Name(v)));
                f(Child::Expr(body));
            }
            K::Choose { bound, body } | K::SetFilter { bound, pred: body } => {
                f(Child::Bound(bound));
                f(Child::Expr(body));
            }
            K::FnSet { domain, range } => {
                f(Child::Expr(domain));
                f(Child::Expr(range));
            }
            K::Record(fields) | K::RecordSet(fields) => {
                for (n, x) in fields {
                    f(Child::Name(n));
                    f(Child::Expr(x));
                }
            }
            K::Except { base, updates } => {
                f(Child::Expr(base));
                for u in updates {
                    for step in &u.path {
                        match step {
                            ExceptStep::Field(n) => f(Child::Name(n)),
                            ExceptStep::Index(xs) => exprs(xs, f),
                        }
                    }
                    f(Child::Expr(&u.value));
                }
            }
            K::FnApp { func, args } => {
                f(Child::Expr(func));
                exprs(args, f);
            }
            K::Dot { record, field } => {
                f(Child::Expr(record));
                f(Child::Name(field));
            }
            K::If { cond, then, els } => {
                f(Child::Expr(cond));
                f(Child::Expr(then));
                f(Child::Expr(els));
            }
            K::Case { arms, other } => {
                for (g, x) in arms {
                    f(Child::Expr(g));
                    f(Child::Expr(x));
                }
                if let Some(o) = other {
                    f(Child::Expr(o));
                }
            }
            K::Let { defs, body } => {
                defs.iter().for_each(|d| f(Child::Def(d)));
                f(Child::Expr(body));
            }
            K::BoxAction { action, sub } | K::AngleAction { action, sub } => {
                f(Child::Expr(action));
                f(Child::Expr(sub));
            }
            K::Fair { sub, action, .. } => {
                f(Child::Expr(sub));
                f(Child::Expr(action));
            }
            K::Label { name, params, body } => {
                f(Child::Name(name));
                params.iter().for_each(|p| f(Child::Name(p)));
                f(Child::Expr(body));
            }
        }
    }
}

impl Bound {
    /// Calls `f` on the bound's variable names, then on its domain if it has one.
    pub fn for_each_child<'a>(&'a self, f: &mut dyn FnMut(Child<'a>)) {
        match &self.vars {
            BoundVars::Names(ns) | BoundVars::Tuple(ns) => {
                ns.iter().for_each(|n| f(Child::Name(n)))
            }
        }
        if let Some(s) = &self.set {
            f(Child::Expr(s));
        }
    }
}
