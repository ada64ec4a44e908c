//! Typed errors of compilation (name resolution) and evaluation, with source spans.

use std::fmt;
use tlc_syntax::Span;

/// An error found while resolving names and building the compiled program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    /// Where (None for errors about the configuration as a whole).
    pub span: Option<Span>,
    /// What is wrong (a sentence without trailing period).
    pub message: String,
}

impl CompileError {
    pub(crate) fn new(span: Span, message: impl Into<String>) -> CompileError {
        CompileError {
            span: Some(span),
            message: message.into(),
        }
    }
    pub(crate) fn config(message: impl Into<String>) -> CompileError {
        CompileError {
            span: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CompileError {}

/// The kind of an evaluation error (decides TLC's exit code).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvalErrorKind {
    /// An ordinary evaluation error (TLC exit 75 while computing states, 76 in invariants).
    Runtime,
    /// A TLC `Assert` failed (exit 14).
    Assert,
    /// A successor or initial state does not assign every variable (exit 75).
    Unspecified,
    /// An expression that cannot be evaluated on states (temporal formula, unbounded CHOOSE ...).
    Unsupported,
}

/// An error raised while evaluating an expression or enumerating states.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvalError {
    /// The kind.
    pub kind: EvalErrorKind,
    /// The offending expression.
    pub span: Option<Span>,
    /// TLC-like message (without location).
    pub message: String,
}

impl EvalError {
    pub(crate) fn new(span: Span, message: impl Into<String>) -> EvalError {
        EvalError {
            kind: EvalErrorKind::Runtime,
            span: Some(span),
            message: message.into(),
        }
    }
    pub(crate) fn with_kind(
        kind: EvalErrorKind,
        span: Span,
        message: impl Into<String>,
    ) -> EvalError {
        EvalError {
            kind,
            span: Some(span),
            message: message.into(),
        }
    }
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for EvalError {}
