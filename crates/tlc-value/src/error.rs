//! `ValueError`: what can go wrong when operating on values (no source locations here;
//! the evaluator attaches them).

use crate::Value;
use std::fmt;

/// An error raised by a value operation. Messages follow TLC's wording where TLC has one.
#[derive(Clone, Debug, PartialEq)]
pub enum ValueError {
    /// A value of the wrong kind was given, e.g. `1 + TRUE`.
    /// `expected` names the kind wanted ("an integer", "a set", "a function", ...).
    TypeMismatch {
        /// What the operation wanted, e.g. "an integer".
        expected: &'static str,
        /// The operation, e.g. "+".
        op: &'static str,
        /// The offending value.
        got: Value,
    },
    /// Equality or comparison of incomparable values, e.g. `1 = "a"`.
    Incomparable {
        /// Left operand.
        left: Value,
        /// Right operand.
        right: Value,
    },
    /// `f[x]` with `x` outside `DOMAIN f`.
    NotInDomain {
        /// The argument.
        arg: Value,
        /// The function.
        func: Value,
    },
    /// `r.f` for a record without field `f`.
    NoSuchField {
        /// The field name.
        field: String,
        /// The record.
        record: Value,
    },
    /// Enumerating (or taking the cardinality of) an infinite or non-enumerable set.
    NotEnumerable {
        /// The set.
        set: Value,
    },
    /// `CHOOSE x \in {} : ...` or `CHOOSE` with no witness.
    ChooseFailed {
        /// The set chosen from.
        set: Value,
    },
    /// Division (`\div` or `%`) by zero.
    DivisionByZero {
        /// The dividend.
        dividend: Value,
    },
    /// `a % b` with `b <= 0` (TLC requires a positive divisor).
    NonPositiveModulus {
        /// The divisor.
        divisor: Value,
    },
    /// `a ^ b` with `b < 0`, or `0 ^ 0`.
    BadExponent {
        /// The base.
        base: Value,
        /// The exponent.
        exp: Value,
    },
    /// A sequence operation on a value that is not a sequence, or out of range
    /// (`Head(<<>>)`, `Tail(<<>>)`, `SubSeq` bounds, ...).
    Sequence {
        /// The operation, e.g. "Head".
        op: &'static str,
        /// Explanation.
        msg: String,
    },
    /// A set too large to enumerate (cardinality does not fit the host).
    TooLarge {
        /// What was being built.
        what: String,
    },
    /// Anything else (message is complete).
    Other(String),
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueError::TypeMismatch { expected, op, got } => {
                write!(f, "the operator {op} expected {expected}, but got {got}")
            }
            ValueError::Incomparable { left, right } => {
                write!(
                    f,
                    "Attempted to check equality of {} {left} with non-{} {right}",
                    left.kind_name(),
                    left.kind_name()
                )
            }
            ValueError::NotInDomain { arg, func } => match (func, arg) {
                (Value::Tuple(t), Value::Int(i)) => write!(
                    f,
                    "Attempted to access index {i} of tuple\n{}\nwhich is out of bounds.",
                    Value::Tuple(t.clone())
                ),
                (Value::Tuple(_), _) => write!(
                    f,
                    "Attempted to access tuple at a non integral index: {arg}"
                ),
                (Value::Record(_), Value::Str(s)) => write!(
                    f,
                    "Attempted to access nonexistent field '{s}' of record\n{func}"
                ),
                (Value::Record(_), _) => write!(
                    f,
                    "Attempted to access record by a non-string argument: {arg}"
                ),
                _ => write!(
                    f,
                    "Attempted to apply function:\n{func}\nto argument {arg}, which is not in the domain of the function."
                ),
            },
            ValueError::NoSuchField { field, record } => write!(
                f,
                "Attempted to access nonexistent field '{field}' of record\n{record}"
            ),
            ValueError::NotEnumerable { set } => {
                write!(f, "attempted to enumerate the infinite set {set}")
            }
            ValueError::ChooseFailed { set } => {
                if set.is_empty_set() {
                    write!(f, "CHOOSE from the empty set")
                } else {
                    write!(
                        f,
                        "CHOOSE found no element of {set} satisfying the predicate"
                    )
                }
            }
            ValueError::DivisionByZero { dividend } => {
                write!(f, "division of {dividend} by zero")
            }
            ValueError::NonPositiveModulus { divisor } => write!(
                f,
                "The second argument of % should be a positive number, but instead it is: {divisor}"
            ),
            ValueError::BadExponent { base, exp } => {
                write!(f, "cannot compute {base} ^ {exp}")
            }
            ValueError::Sequence { msg, .. } => f.write_str(msg),
            ValueError::TooLarge { what } => write!(f, "{what} is too large to enumerate"),
            ValueError::Other(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for ValueError {}

/// Result alias for value operations.
pub type VResult<T> = Result<T, ValueError>;
