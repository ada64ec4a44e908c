//! The abstract syntax tree of TLA+ modules.
//!
//! Every node carries a [`Span`]. Names are `Arc<str>` (cheap to clone); the
//! evaluator resolves them to slots before checking, so nothing here is on the
//! model checker's hot path.
//!
//! Operators are uniform: every infix, prefix and postfix operator application
//! is an [`ExprKind::Op`] whose name is the operator's *canonical* symbol (see
//! [`crate::ops`]): `\land`, `∧` become `/\`, `#` and `≠` become `/=`, `\leq`
//! and `=<` become `<=`, `\circ` becomes `\o`, `\times` and `×` become `\X`,
//! `\lnot`/`\neg`/`¬` become `~`, `\equiv` becomes `<=>`, and so on. Prefix
//! minus is named `-.` (as in TLA+ definitions `-. a == ...`), postfix prime is
//! `'`. Operators with special syntax (quantifiers, CHOOSE, set and function
//! constructors, EXCEPT, IF, CASE, LET, `[A]_v`, `WF_v(A)`, ...) have their own
//! variants.

use std::sync::Arc;

/// Identifies a source file in a [`crate::SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub u32);

/// A byte range `start..end` in one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// The file the range is in.
    pub file: FileId,
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
}

impl Span {
    /// A span in `file` from byte `start` to byte `end`.
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        Span {
            file,
            start: start as u32,
            end: end as u32,
        }
    }

    /// The smallest span covering both `self` and `other` (same file assumed).
    pub fn to(self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// True if `inner` lies within `self`.
    pub fn contains(self, inner: Span) -> bool {
        self.file == inner.file && self.start <= inner.start && inner.end <= self.end
    }
}

/// A name with the span where it was written.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Ident {
    /// The name. For operator symbols, the canonical symbol (`/\`, `\o`, ...).
    pub name: Arc<str>,
    /// Where it was written.
    pub span: Span,
}

/// One `---- MODULE Name ----` ... `====` unit.
#[derive(Clone, Debug, PartialEq)]
pub struct Module {
    /// The module's name.
    pub name: Ident,
    /// Modules listed after `EXTENDS`.
    pub extends: Vec<Ident>,
    /// The module's units, in source order.
    pub units: Vec<Unit>,
    /// From the first `-` of the header to the last `=` of the end line.
    pub span: Span,
}

/// A module-level declaration, definition or statement.
#[derive(Clone, Debug, PartialEq)]
pub enum Unit {
    /// `VARIABLE(S) x, y`
    Variables(Vec<Ident>),
    /// `CONSTANT(S) c, F(_, _), _ + _`
    Constants(Vec<OpDecl>),
    /// `RECURSIVE F(_), G`
    Recursive(Vec<OpDecl>),
    /// `Op(p) == e`, `a ++ b == e`, `-. a == e`, `a ^+ == e`, possibly `LOCAL`.
    OpDef(OpDef),
    /// `f[x \in S] == e`, possibly `LOCAL`.
    FnDef(FnDef),
    /// `INSTANCE M WITH a <- e` (possibly `LOCAL`).
    Instance(Instance),
    /// `N(p) == INSTANCE M WITH ...` (possibly `LOCAL`).
    ModuleDef(ModuleDef),
    /// `ASSUME e`, `ASSUMPTION e`, `ASSUME Name == e`.
    Assume(Assume),
    /// `THEOREM`/`LEMMA`/`COROLLARY`/`PROPOSITION`/`AXIOM`, with its proof parsed and dropped.
    Theorem(Theorem),
    /// A module nested inside this one.
    Module(Module),
    /// A `USE`/`HIDE` step at module level (ignored).
    UseOrHide(Span),
}

/// A declared operator: `c`, `F(_, _)`, `_ + _` (arity 2), `-. _` (arity 1).
#[derive(Clone, Debug, PartialEq)]
pub struct OpDecl {
    /// The declared name (canonical symbol for operator symbols).
    pub name: Ident,
    /// Number of arguments (0 for a plain constant).
    pub arity: usize,
}

/// A formal parameter of an operator definition: `x` (arity 0) or `F(_, _)` (arity 2).
pub type OpParam = OpDecl;

/// `Name(params) == body`.
#[derive(Clone, Debug, PartialEq)]
pub struct OpDef {
    /// The defined name; for infix/prefix/postfix definitions the canonical symbol.
    pub name: Ident,
    /// The formal parameters, in order.
    pub params: Vec<OpParam>,
    /// The definition's body.
    pub body: Expr,
    /// True if declared `LOCAL`.
    pub local: bool,
    /// The whole definition.
    pub span: Span,
}

/// `f[x \in S, y \in T] == body`.
#[derive(Clone, Debug, PartialEq)]
pub struct FnDef {
    /// The function's name.
    pub name: Ident,
    /// The bound variables and their domains (all bounded).
    pub bounds: Vec<Bound>,
    /// The function's body; may refer to `name` recursively.
    pub body: Expr,
    /// True if declared `LOCAL`.
    pub local: bool,
    /// The whole definition.
    pub span: Span,
}

/// `INSTANCE M WITH p1 <- e1, p2 <- e2`.
#[derive(Clone, Debug, PartialEq)]
pub struct Instance {
    /// The instantiated module.
    pub module: Ident,
    /// Substitutions `param <- expr`; the parameter may be an operator symbol.
    pub subs: Vec<(Ident, Expr)>,
    /// True if declared `LOCAL`.
    pub local: bool,
    /// The whole `INSTANCE ...` text.
    pub span: Span,
}

/// `N(p1, p2) == INSTANCE M WITH ...`.
#[derive(Clone, Debug, PartialEq)]
pub struct ModuleDef {
    /// The instance's name `N`.
    pub name: Ident,
    /// Its parameters.
    pub params: Vec<OpParam>,
    /// The instance itself.
    pub instance: Instance,
    /// True if declared `LOCAL`.
    pub local: bool,
    /// The whole definition.
    pub span: Span,
}

/// `ASSUME [Name ==] expr`.
#[derive(Clone, Debug, PartialEq)]
pub struct Assume {
    /// The optional name.
    pub name: Option<Ident>,
    /// The assumption.
    pub expr: Expr,
    /// The whole unit.
    pub span: Span,
}

/// A theorem-like unit; the proof is parsed but not kept.
#[derive(Clone, Debug, PartialEq)]
pub struct Theorem {
    /// The optional name (`THEOREM Name == ...`).
    pub name: Option<Ident>,
    /// The statement when it is an expression; `None` for `ASSUME ... PROVE ...` forms.
    pub expr: Option<Expr>,
    /// The whole unit including its proof.
    pub span: Span,
}

/// An expression with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What kind of expression.
    pub kind: ExprKind,
    /// Where it was written.
    pub span: Span,
}

impl Expr {
    /// Builds an expression node.
    pub fn new(kind: ExprKind, span: Span) -> Expr {
        Expr { kind, span }
    }
}

/// One segment `N(args)!` of a qualified name `N(args)!M!Op`.
#[derive(Clone, Debug, PartialEq)]
pub struct PathSeg {
    /// The instance name.
    pub name: Ident,
    /// Arguments of a parameterized instance (empty otherwise).
    pub args: Vec<Expr>,
}

/// Bound variables of one group in a quantifier or constructor.
#[derive(Clone, Debug, PartialEq)]
pub enum BoundVars {
    /// `x, y \in S` — each name ranges over the set.
    Names(Vec<Ident>),
    /// `<<x, y>> \in S` — the tuple ranges over the set.
    Tuple(Vec<Ident>),
}

/// A group of bound variables with an optional domain: `x, y \in S`, `<<a, b>> \in T`, or `x`.
#[derive(Clone, Debug, PartialEq)]
pub struct Bound {
    /// The variables.
    pub vars: BoundVars,
    /// The domain; `None` for unbounded quantifiers (`\E x : P`).
    pub set: Option<Expr>,
    /// The whole group.
    pub span: Span,
}

/// One step of an EXCEPT path: `.field` or `[e1, e2]`.
#[derive(Clone, Debug, PartialEq)]
pub enum ExceptStep {
    /// `.field`
    Field(Ident),
    /// `[e]` or `[e1, e2]` (the latter indexes by the tuple `<<e1, e2>>`).
    Index(Vec<Expr>),
}

/// `![a].b = e` in `[f EXCEPT ![a].b = e, ...]`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExceptUpdate {
    /// The path, at least one step.
    pub path: Vec<ExceptStep>,
    /// The new value; may mention `@`.
    pub value: Expr,
}

/// A definition inside `LET ... IN`.
#[derive(Clone, Debug, PartialEq)]
pub enum LetDef {
    /// `Op(p) == e`
    Op(OpDef),
    /// `f[x \in S] == e`
    Fn(FnDef),
    /// `RECURSIVE F(_)`
    Recursive(Vec<OpDecl>),
    /// `N == INSTANCE M ...`
    Module(ModuleDef),
}

/// Quantifier kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Quant {
    /// `\A`
    Forall,
    /// `\E`
    Exists,
}

/// Fairness kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Fairness {
    /// `WF_v(A)`
    Weak,
    /// `SF_v(A)`
    Strong,
}

/// The kinds of TLA+ expression.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// A name, possibly qualified and applied: `x`, `Op(a, b)`, `M!Op`, `N(1)!Op(2)`,
    /// and every operator application `a + b` (name `+`), `~a` (name `~`), `x'` (name `'`),
    /// `-a` (name `-.`), `ENABLED A`, `UNCHANGED v`, `[]P`, `<>P`, `P ~> Q`, `A \cdot B`.
    Op {
        /// Instance path before the name (`M!`, `N(1)!`), empty for a plain name.
        path: Vec<PathSeg>,
        /// The operator's name or canonical symbol.
        name: Ident,
        /// The arguments (empty for a plain name).
        args: Vec<Expr>,
    },
    /// A numeral, as decimal digits (`\b101`, `\o17`, `\hFF` already converted).
    Num(Arc<str>),
    /// A decimal numeral `1.5` (parsed; TLC does not evaluate these).
    Decimal(Arc<str>),
    /// A string literal, escapes resolved.
    Str(Arc<str>),
    /// `TRUE` or `FALSE`.
    Bool(bool),
    /// `/\`-junction list (bulleted) — evaluates like a chain of `/\`.
    And(Vec<Expr>),
    /// `\/`-junction list (bulleted) — evaluates like a chain of `\/`.
    Or(Vec<Expr>),
    /// `\A x \in S : P`, `\E x, y \in S, z \in T : P`, `\E x : P`.
    Quant {
        /// Which quantifier.
        kind: Quant,
        /// The bound variable groups.
        bounds: Vec<Bound>,
        /// The body.
        body: Box<Expr>,
    },
    /// `\AA x, y : P` or `\EE x : P`.
    TemporalQuant {
        /// Which quantifier.
        kind: Quant,
        /// The bound (temporal) variables.
        vars: Vec<Ident>,
        /// The body.
        body: Box<Expr>,
    },
    /// `CHOOSE x \in S : P`, `CHOOSE <<x, y>> \in S : P`, `CHOOSE x : P`.
    Choose {
        /// The bound variable(s) and optional set (exactly one group).
        bound: Box<Bound>,
        /// The condition.
        body: Box<Expr>,
    },
    /// `{a, b, c}` (possibly empty).
    SetEnum(Vec<Expr>),
    /// `{x \in S : P}` or `{<<x, y>> \in S : P}`.
    SetFilter {
        /// The bound variable(s) and the set (exactly one group, bounded).
        bound: Box<Bound>,
        /// The predicate.
        pred: Box<Expr>,
    },
    /// `{e : x \in S, y \in T}`.
    SetMap {
        /// The element expression.
        body: Box<Expr>,
        /// The bound groups (all bounded).
        bounds: Vec<Bound>,
    },
    /// `[x \in S, y \in T |-> e]`.
    FnCons {
        /// The bound groups (all bounded).
        bounds: Vec<Bound>,
        /// The body.
        body: Box<Expr>,
    },
    /// `[S -> T]`.
    FnSet {
        /// The domain.
        domain: Box<Expr>,
        /// The range.
        range: Box<Expr>,
    },
    /// `[a |-> 1, b |-> 2]`.
    Record(Vec<(Ident, Expr)>),
    /// `[a : S, b : T]`.
    RecordSet(Vec<(Ident, Expr)>),
    /// `[f EXCEPT ![i] = e, !.a = e2]`.
    Except {
        /// The function or record being updated.
        base: Box<Expr>,
        /// The updates, applied left to right.
        updates: Vec<ExceptUpdate>,
    },
    /// `@` inside an EXCEPT value.
    At,
    /// `f[a]` or `f[a, b]` (the latter applies `f` to `<<a, b>>`).
    FnApp {
        /// The function.
        func: Box<Expr>,
        /// The argument(s).
        args: Vec<Expr>,
    },
    /// `r.field`.
    Dot {
        /// The record.
        record: Box<Expr>,
        /// The field name.
        field: Ident,
    },
    /// `<<a, b, c>>` (possibly empty).
    Tuple(Vec<Expr>),
    /// `IF c THEN a ELSE b`.
    If {
        /// The condition.
        cond: Box<Expr>,
        /// Value when true.
        then: Box<Expr>,
        /// Value when false.
        els: Box<Expr>,
    },
    /// `CASE p1 -> e1 [] p2 -> e2 [] OTHER -> e3`.
    Case {
        /// The guarded arms, in order.
        arms: Vec<(Expr, Expr)>,
        /// The `OTHER` arm.
        other: Option<Box<Expr>>,
    },
    /// `LET defs IN body`.
    Let {
        /// The local definitions, in order.
        defs: Vec<LetDef>,
        /// The body.
        body: Box<Expr>,
    },
    /// `LAMBDA x, y : e`.
    Lambda {
        /// The parameters.
        params: Vec<Ident>,
        /// The body.
        body: Box<Expr>,
    },
    /// `[A]_v`.
    BoxAction {
        /// The action.
        action: Box<Expr>,
        /// The subscript.
        sub: Box<Expr>,
    },
    /// `<<A>>_v`.
    AngleAction {
        /// The action.
        action: Box<Expr>,
        /// The subscript.
        sub: Box<Expr>,
    },
    /// `WF_v(A)` or `SF_v(A)`.
    Fair {
        /// Weak or strong.
        kind: Fairness,
        /// The subscript `v`.
        sub: Box<Expr>,
        /// The action `A`.
        action: Box<Expr>,
    },
    /// `lbl :: e` or `lbl(x, y) :: e` (a label; evaluates to `e`).
    Label {
        /// The label's name.
        name: Ident,
        /// The label's parameters.
        params: Vec<Ident>,
        /// The labelled expression.
        body: Box<Expr>,
    },
    /// A placeholder where the parser recovered from an error.
    Error,
}
