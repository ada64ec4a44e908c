//! Printing values in TLC's format (`Display`), and a short `Debug`.
//!
//! `TRUE`, `42`, `"a\"b"` (TLC escapes `"`, `\`, tab, newline, form feed, return),
//! model values by name, `{1, 2}`, `{}`, `<<1, 2>>`, `<<>>`, `[a |-> 1, b |-> 2]`,
//! `(1 :> "a" @@ 3 :> "b")`. Lazy sets print symbolically as TLC does (`1..3`,
//! `SUBSET {1}`, `[{1} -> {2}]`, `Seq({1})`, `Nat`, ...).

use crate::lazy::{LazyKind, LazySet};
use crate::value::Value;
use std::fmt::{self, Write};

fn write_str_lit(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    f.write_char('"')?;
    for c in s.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\t' => f.write_str("\\t")?,
            '\n' => f.write_str("\\n")?,
            '\u{c}' => f.write_str("\\f")?,
            '\r' => f.write_str("\\r")?,
            c => f.write_char(c)?,
        }
    }
    f.write_char('"')
}

fn write_list<'a>(
    f: &mut fmt::Formatter<'_>,
    open: &str,
    items: impl Iterator<Item = &'a Value>,
    close: &str,
) -> fmt::Result {
    f.write_str(open)?;
    for (i, v) in items.enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{v}")?;
    }
    f.write_str(close)
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Bool(true) => f.write_str("TRUE"),
            Value::Bool(false) => f.write_str("FALSE"),
            Value::Int(i) => write!(f, "{i}"),
            Value::BigInt(b) => write!(f, "{b}"),
            Value::Str(s) => write_str_lit(f, s.as_str()),
            Value::Model(m) => f.write_str(m.name()),
            Value::Set(s) => write_list(f, "{", s.elems().iter(), "}"),
            Value::Tuple(t) => write_list(f, "<<", t.elems().iter(), ">>"),
            Value::Record(r) => {
                f.write_char('[')?;
                for (i, (k, v)) in r.fields().iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{k} |-> {v}")?;
                }
                f.write_char(']')
            }
            Value::Func(fv) => {
                f.write_char('(')?;
                for (i, (k, v)) in fv.pairs().iter().enumerate() {
                    if i > 0 {
                        f.write_str(" @@ ")?;
                    }
                    write!(f, "{k} :> {v}")?;
                }
                f.write_char(')')
            }
            Value::Lazy(l) => {
                if expand_when_printing(l) {
                    if let Ok(s) = l.materialize() {
                        return write!(f, "{}", Value::Set(s));
                    }
                }
                write!(f, "{}", Symbolic(l))
            }
        }
    }
}

/// Prints a lazy set symbolically (never enumerates it).
pub struct Symbolic<'a>(pub &'a LazySet);

impl fmt::Display for Symbolic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let l = self.0;
        match l.kind() {
            LazyKind::Nat => f.write_str("Nat"),
            LazyKind::Int => f.write_str("Int"),
            LazyKind::Strings => f.write_str("STRING"),
            LazyKind::Interval(a, b) => write!(f, "{a}..{b}"),
            LazyKind::Subset(s) => match s {
                Value::Lazy(x) if matches!(x.kind(), LazyKind::Interval(..)) => {
                    write!(f, "SUBSET ({s})")
                }
                _ => write!(f, "SUBSET {s}"),
            },
            LazyKind::FuncSet(s, t) => write!(f, "[{s} -> {t}]"),
            LazyKind::RecordSet(fields) => {
                f.write_char('[')?;
                for (i, (k, s)) in fields.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{k}: {s}")?;
                }
                f.write_char(']')
            }
            LazyKind::SeqSet(s) => write!(f, "Seq({s})"),
            LazyKind::Product(fs) => {
                f.write_char('(')?;
                for (i, s) in fs.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" \\X ")?;
                    }
                    write!(f, "{s}")?;
                }
                f.write_char(')')
            }
            LazyKind::Union(s) => write!(f, "UNION({s})"),
        }
    }
}

/// TLC prints small lazy sets enumerated (`TLCGlobals.expand`): `SUBSET S` when `|S| < 7`,
/// `[S -> T]`, record sets and products when they have fewer than 2000 elements (TLC's
/// `enumBound`), `UNION S` always; intervals and infinite sets stay symbolic.
fn expand_when_printing(l: &LazySet) -> bool {
    if !l.is_finite() {
        return false;
    }
    let small = |limit: i64| matches!(l.cardinality(), Ok(Value::Int(n)) if n < limit);
    match l.kind() {
        LazyKind::Subset(s) => matches!(s.cardinality(), Ok(Value::Int(n)) if n < 7),
        LazyKind::FuncSet(..) | LazyKind::RecordSet(_) | LazyKind::Product(_) => small(2000),
        LazyKind::Union(_) => true,
        _ => false,
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Debug for crate::SetValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_list(f, "{", self.elems().iter(), "}")
    }
}
