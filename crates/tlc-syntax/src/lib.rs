//! TLA+ syntax for tlc-rs: lexer, junction-list layout pass, lalrpop grammar,
//! AST with spans, and TLC's `.cfg` configuration format.
//!
//! The entry points are [`parse_file`] (a `.tla` file: one or more modules plus
//! every syntax error found) and [`cfg::parse_config`]. Parsing never panics and
//! never stops at the first error: it returns what it could build together with
//! all errors, each carrying a [`Span`].
//!
//! **Architecture invariant:** this crate knows nothing about evaluation,
//! threads, terminals or JSON; it depends on no other tlc-rs crate.

pub mod ast;
pub mod cfg;
pub mod layout;
pub mod lexer;
pub mod loader;
pub mod ops;
mod parser;
pub mod source;
pub mod token;
pub mod visit;

pub use ast::{FileId, Span};
pub use layout::tokenize;
pub use parser::{parse_expr, parse_file};
pub use source::{SourceFile, SourceMap};

/// A syntax error in a `.tla` or `.cfg` file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// Where the error is.
    pub span: Span,
    /// What is wrong, in a sentence without a trailing period.
    pub message: String,
}

/// The result of parsing one `.tla` file.
#[derive(Clone, Debug, Default)]
pub struct ParsedFile {
    /// The modules found in the file, in order (usually one; text outside modules is ignored).
    pub modules: Vec<ast::Module>,
    /// Every syntax error found.
    pub errors: Vec<SyntaxError>,
}
