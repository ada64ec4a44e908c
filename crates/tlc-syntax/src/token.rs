//! Tokens as the grammar sees them, after the layout pass.
//!
//! The raw lexer (logos, in [`crate::lexer`]) produces tokens with positions; the
//! layout pass turns `/\` and `\/` that start a bullet into [`Tok::BeginAnd`] /
//! [`Tok::BeginOr`] (first bullet), [`Tok::Bullet`] (next bullet of the same list)
//! and closes lists with [`Tok::End`], so the lalrpop grammar stays context-free.
//! A `/\` or `\/` that does not start a bullet is an ordinary infix operator
//! ([`Tok::And`] / [`Tok::Or`]).
//!
//! Operator symbols are canonicalised by the lexer (see [`crate::ast`]): `\land`
//! and `∧` both arrive as [`Tok::And`], `\leq` as `Tok::Infix("<=")`, etc.

use std::sync::Arc;

/// A token for the grammar. Spans are carried beside it as `(start, tok, end)` byte offsets.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Tok {
    // ---- module structure ----
    /// `---- MODULE` (four or more dashes, then MODULE); the name and the closing dashes follow.
    ModuleStart,
    /// A line of four or more dashes inside a module (separator, ignored by the grammar
    /// except after the module name).
    Dashes,
    /// `====` (four or more `=`): end of a module.
    ModuleEnd,

    // ---- junction-list layout ----
    /// First `/\` bullet of a new conjunction list.
    BeginAnd,
    /// First `\/` bullet of a new disjunction list.
    BeginOr,
    /// A further bullet of the innermost open list.
    Bullet,
    /// Closes the innermost open list.
    End,

    // ---- literals and names ----
    /// An identifier (may contain letters, digits, `_`; not all digits).
    Ident(Arc<str>),
    /// A numeral, decimal digits (`\b`, `\o`, `\h` forms already converted).
    Num(Arc<str>),
    /// A decimal numeral `1.5`.
    Decimal(Arc<str>),
    /// A string literal with escapes resolved.
    Str(Arc<str>),
    /// `WF_` immediately followed by a subscript (the `WF_` prefix only).
    WF,
    /// `SF_`
    SF,
    /// A proof step label `<1>2` or `<1>a` or `<*>` or `<+>`, with the level and name text.
    StepLabel(Arc<str>),

    // ---- keywords ----
    /// `MODULE`
    Module,
    /// `EXTENDS`
    Extends,
    /// `CONSTANT` or `CONSTANTS`
    Constant,
    /// `VARIABLE` or `VARIABLES`
    Variable,
    /// `ASSUME` or `ASSUMPTION`
    Assume,
    /// `AXIOM`
    Axiom,
    /// `THEOREM`, `LEMMA`, `COROLLARY`, `PROPOSITION`
    Theorem,
    /// `INSTANCE`
    Instance,
    /// `WITH`
    With,
    /// `LOCAL`
    Local,
    /// `RECURSIVE`
    Recursive,
    /// `LET`
    Let,
    /// `IN`
    In,
    /// `IF`
    If,
    /// `THEN`
    Then,
    /// `ELSE`
    Else,
    /// `CASE`
    Case,
    /// `OTHER`
    Other,
    /// `CHOOSE`
    Choose,
    /// `LAMBDA`
    Lambda,
    /// `EXCEPT`
    Except,
    /// `TRUE`
    True,
    /// `FALSE`
    False,
    /// `\A` or `\forall` or `∀`
    Forall,
    /// `\E` or `\exists` or `∃`
    Exists,
    /// `\AA`
    TForall,
    /// `\EE`
    TExists,
    /// `ENABLED`
    Enabled,
    /// `UNCHANGED`
    Unchanged,
    /// `SUBSET`
    Subset,
    /// `UNION`
    Union,
    /// `DOMAIN`
    Domain,
    // proof keywords
    /// `PROOF`
    Proof,
    /// `BY`
    By,
    /// `OBVIOUS`
    Obvious,
    /// `OMITTED`
    Omitted,
    /// `QED`
    Qed,
    /// `SUFFICES`
    Suffices,
    /// `PICK`
    Pick,
    /// `HAVE`
    Have,
    /// `TAKE`
    Take,
    /// `WITNESS`
    Witness,
    /// `USE`
    Use,
    /// `HIDE`
    Hide,
    /// `DEFINE`
    Define,
    /// `DEF` or `DEFS`
    Def,
    /// `PROVE`
    Prove,
    /// `NEW`
    New,
    /// `STATE`, `ACTION`, `TEMPORAL` (declaration levels after `NEW`)
    Level(Arc<str>),
    /// `ONLY`
    Only,
    /// `MODULE` used in `BY MODULE M` — same token as [`Tok::Module`].
    // (kept as a comment: the grammar reuses `Module`)

    // ---- punctuation ----
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `[`
    LBracket,
    /// `]`
    RBracket,
    /// `]_` (closing bracket of `[A]_v`, immediately followed by `_`)
    RBracketUnder,
    /// `{`
    LBrace,
    /// `}`
    RBrace,
    /// `<<` or `⟨`
    LAngle,
    /// `>>` or `⟩`
    RAngle,
    /// `>>_` (closing of `<<A>>_v`)
    RAngleUnder,
    /// `,`
    Comma,
    /// `:`
    Colon,
    /// `::`
    ColonColon,
    /// `.`
    Dot,
    /// `_` (placeholder in `F(_, _)`)
    Underscore,
    /// `==` or `≜`
    DefEq,
    /// `<-`
    LArrow,
    /// `->` or `→`
    Arrow,
    /// `|->` or `↦`
    MapsTo,
    /// `!`
    Bang,
    /// `@`
    At,
    /// `'`
    Prime,

    // ---- operators with a syntactic role beyond infix ----
    /// Infix `/\` (not a bullet)
    And,
    /// Infix `\/` (not a bullet)
    Or,
    /// `~` / `\lnot` / `\neg` / `¬`
    Not,
    /// `=`
    Eq,
    /// `\in` or `∈`
    In_,
    /// `-` (infix minus or prefix negation)
    Minus,
    /// `[]` or `□` (prefix always, or CASE separator)
    Box_,
    /// `<>` or `◇`
    Diamond,
    /// `\X`, `\times`, `×`
    Times,
    /// `<` (also appears in `<1>` labels, which the lexer handles)
    Lt,
    /// `>`
    Gt,
    /// Any other infix operator symbol, canonicalised (`+`, `\cup`, `=>`, `\subseteq`, `..`,
    /// `\o`, `:>`, `@@`, `~>`, `<=>`, `/=`, `<=`, `>=`, `\oplus`, `++`, `(+)`→`\oplus`, ...).
    Infix(Arc<str>),
    /// A postfix operator other than prime: `^+`, `^*`, `^#`.
    Postfix(Arc<str>),

    /// End of input (only used by tooling; lalrpop uses the stream end).
    Eof,
}
