//! The parser facade: [`parse_file`] and [`parse_expr`] run the lexer, the layout pass
//! and the generated lalrpop parser, and turn every problem into a [`SyntaxError`].
//!
//! No lalrpop type leaks out of this module. The helpers below (`pub(crate)`) are the
//! grammar's semantic actions that are too long to write inline in `grammar.lalrpop`.

use crate::ast::*;
use crate::token::Tok;
use crate::{ParsedFile, SyntaxError};
use lalrpop_util::{ErrorRecovery, ParseError};
use std::sync::Arc;

lalrpop_util::lalrpop_mod!(
    #[allow(clippy::all, missing_docs, unused, unreachable_pub)]
    grammar
);

/// The lexer error type seen by the generated parser: tokens are produced before parsing,
/// so there are none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Never {}

/// The grammar's token: a lexer token, or a token made by [`prepare`].
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum PTok {
    /// A token from the lexer and layout pass.
    T(Tok),
    /// `-.` in a prefix-minus definition or declaration (`-. a == ...`), one token so that
    /// it is not read as an infix minus continuing the previous definition.
    MinusDef,
    /// A synchronisation point before a line that obviously starts a new unit; the grammar
    /// ignores it, except that error recovery skips input up to the next one.
    Sync,
    /// Like [`PTok::Sync`], before a `====` (kept apart for error messages).
    SyncEnd,
}

type Spanned = (usize, PTok, usize);

/// What the start symbol produces.
pub(crate) enum StartItem {
    Module(Module),
    Expr(Expr),
}

/// A unit as parsed: a real unit, a piece of a proof (dropped, its span merged into the
/// preceding theorem), or nothing (separators, recovered errors).
pub(crate) enum RawUnit {
    Unit(Unit),
    Proof(Span),
    Skip,
    /// A unit the parser recovered from.
    Error(SyntaxError),
}

/// One comma-separated item inside `[ ... ]`, classified by [`bracket`].
pub(crate) enum BrItem {
    Plain(Expr),
    MapsTo(Expr, Expr),
    Colon(Expr, Expr),
}

/// A possibly qualified, possibly applied name `N(1)!M!Op(a, b)` while it is being parsed.
pub(crate) struct Qual {
    pub(crate) path: Vec<PathSeg>,
    pub(crate) name: Ident,
    pub(crate) args: Vec<Expr>,
}

impl Qual {
    /// `self!name(args)`: the current name becomes a path segment.
    pub(crate) fn then(self, name: Ident, args: Vec<Expr>) -> Qual {
        let mut path = self.path;
        path.push(PathSeg {
            name: self.name,
            args: self.args,
        });
        Qual { path, name, args }
    }
}

/// Parses a `.tla` file: every module in it and every lexical and syntax error.
///
/// Never panics; on errors the modules contain what could be recovered.
pub fn parse_file(file: FileId, src: &str) -> ParsedFile {
    let (toks, mut errors) = crate::layout::tokenize(file, src);
    let toks = prepare(toks, Some(src));
    let mut out = ParsedFile::default();
    let mut perrs = Vec::new();
    let mut extra_ends = 0;
    let end = toks.last().map(|t| t.2).unwrap_or(0);
    loop {
        perrs.clear();
        let mut input = toks.clone();
        for _ in 0..extra_ends {
            input.push((end, PTok::SyncEnd, end));
            input.push((end, PTok::T(Tok::ModuleEnd), end));
        }
        let result = grammar::FileParser::new().parse(file, &mut perrs, input.into_iter().map(Ok));
        if extra_ends > 0 {
            // Errors at the synthetic `====` tokens only repeat the missing-end error.
            perrs.retain(|e: &SyntaxError| (e.span.start as usize) < end);
        }
        match result {
            Ok(items) => {
                for it in items {
                    if let StartItem::Module(m) = it {
                        out.modules.push(m);
                    }
                }
                break;
            }
            Err(ParseError::UnrecognizedEof { location, .. }) if extra_ends < 8 => {
                if extra_ends == 0 {
                    errors.push(SyntaxError {
                        span: Span::new(file, location, location),
                        message: "unexpected end of file; missing `====`?".to_string(),
                    });
                }
                extra_ends += 1;
            }
            Err(e) => {
                let err = parse_error(file, e);
                if extra_ends == 0 || (err.span.start as usize) < end {
                    perrs.push(err);
                }
                break;
            }
        }
    }
    errors.extend(perrs);
    errors.sort_by_key(|e| (e.span.start, e.span.end));
    errors.dedup();
    out.errors = errors;
    out
}

/// Parses a standalone expression (handy for tests of the evaluator).
///
/// Spans are byte offsets into `src`.
pub fn parse_expr(file: FileId, src: &str) -> Result<Expr, Vec<SyntaxError>> {
    const PREFIX: &str = "---- MODULE TlcRsExpr ----\nTlcRsExpr ==\n";
    let wrapped = format!("{PREFIX}{src}\n====\n");
    let shift = PREFIX.len();
    let (toks, lex_errors) = crate::layout::tokenize(file, &wrapped);
    let fix = |o: usize| o.saturating_sub(shift).min(src.len());
    let mut errors: Vec<SyntaxError> = lex_errors
        .into_iter()
        .map(|e| SyntaxError {
            span: Span::new(file, fix(e.span.start as usize), fix(e.span.end as usize)),
            message: e.message,
        })
        .collect();
    let start = toks.iter().position(|t| t.1 == Tok::DefEq).map(|i| i + 1);
    let stop = toks.iter().rposition(|t| t.1 == Tok::ModuleEnd);
    let body: Vec<(usize, Tok, usize)> = match (start, stop) {
        (Some(a), Some(b)) if a <= b => toks[a..b]
            .iter()
            .cloned()
            .map(|(l, t, r)| (fix(l), t, fix(r)))
            .collect(),
        _ => Vec::new(),
    };
    let mut input = vec![(0, PTok::T(Tok::Dashes), 0)];
    input.extend(prepare(body, None));
    let mut perrs = Vec::new();
    let result = grammar::FileParser::new().parse(file, &mut perrs, input.into_iter().map(Ok));
    errors.extend(perrs);
    match result {
        Ok(items) if errors.is_empty() => {
            for it in items {
                if let StartItem::Expr(e) = it {
                    return Ok(e);
                }
            }
            Err(vec![SyntaxError {
                span: Span::new(file, 0, 0),
                message: "expected an expression".to_string(),
            }])
        }
        Ok(_) => Err(errors),
        Err(e) => {
            errors.push(parse_error(file, e));
            Err(errors)
        }
    }
}

/// Token-stream fix-ups the grammar relies on: `-.` (prefix-minus definitions) becomes
/// [`PTok::MinusDef`]; `End` tokens move to the end of the previous token (so spans of
/// lists and definitions end at their text); `DEFINE` is inserted before proof-step
/// definitions that omit it; and, when `src` is given, [`PTok::Sync`] is inserted before
/// lines that obviously start a unit (see [`sync_points`]).
fn prepare(toks: Vec<(usize, Tok, usize)>, src: Option<&str>) -> Vec<Spanned> {
    let defines = src.map(|s| implicit_defines(&toks, s)).unwrap_or_default();
    let syncs = src.map(|s| sync_points(&toks, s)).unwrap_or_default();
    let mut out: Vec<Spanned> = Vec::with_capacity(toks.len() + defines.len() + syncs.len());
    let mut defines = defines.into_iter().peekable();
    let mut syncs = syncs.into_iter().peekable();
    let mut it = toks.into_iter().enumerate().peekable();
    while let Some((i, (l, t, r))) = it.next() {
        // `F(\/, x)`: the layout pass sees a one-bullet list with no item; it is the
        // operator `\/` passed as an argument.
        if matches!(t, Tok::BeginAnd | Tok::BeginOr)
            && matches!(out.last(), Some((_, PTok::T(Tok::LParen | Tok::Comma), _)))
            && matches!(it.peek(), Some((_, (_, Tok::End, _))))
        {
            let after = toks_after_end(&mut it);
            if matches!(after, Some(Tok::Comma | Tok::RParen)) {
                let op = if t == Tok::BeginAnd {
                    Tok::And
                } else {
                    Tok::Or
                };
                out.push((l, PTok::T(op), r));
                continue;
            }
            // Not an argument: keep the list tokens (the grammar reports the error).
            out.push((l, PTok::T(t), r));
            out.push((r, PTok::T(Tok::End), r));
            continue;
        }
        if syncs.peek() == Some(&i) {
            syncs.next();
            let sync = if t == Tok::ModuleEnd {
                PTok::SyncEnd
            } else {
                PTok::Sync
            };
            out.push((l, sync, l));
        }
        if defines.peek() == Some(&i) {
            defines.next();
            out.push((l, PTok::T(Tok::Define), l));
        }
        match t {
            Tok::Minus => {
                if let Some((_, (l2, Tok::Dot, r2))) = it.peek() {
                    if *l2 == r {
                        let r2 = *r2;
                        it.next();
                        out.push((l, PTok::MinusDef, r2));
                        continue;
                    }
                }
                out.push((l, PTok::T(Tok::Minus), r));
            }
            Tok::Infix(s) if &*s == "-." => out.push((l, PTok::MinusDef, r)),
            Tok::Eof => {}
            Tok::End => {
                let at = out.last().map_or(l, |p| p.2);
                out.push((at, PTok::T(Tok::End), at));
            }
            t => out.push((l, PTok::T(t), r)),
        }
    }
    out
}

/// Consumes the `End` at the front of `it` and peeks at the token after it.
fn toks_after_end<I>(it: &mut std::iter::Peekable<I>) -> Option<Tok>
where
    I: Iterator<Item = (usize, (usize, Tok, usize))>,
{
    it.next();
    it.peek().map(|(_, (_, t, _))| t.clone())
}

/// Indices of tokens before which a [`PTok::Sync`] goes: inside a module and outside any
/// `LET`, a token in column 1 that starts a definition (`Name ==`, `Name(..) ==`,
/// `f[..] ==`, `a + b ==`, `a ^+ ==`, `-. a ==`) or is `VARIABLE`, `CONSTANT`, `THEOREM`
/// (and friends), `AXIOM`, `LOCAL`, `RECURSIVE`, `ASSUME` (not right after `==` or a theorem
/// keyword), a nested module's start; and every `====`.
fn sync_points(toks: &[(usize, Tok, usize)], src: &str) -> Vec<usize> {
    let at_line_start = |o: usize| o == 0 || src.as_bytes().get(o.wrapping_sub(1)) == Some(&b'\n');
    let mut found = Vec::new();
    let mut depth = 0usize;
    let mut let_depth = 0usize;
    for (i, (l, t, _)) in toks.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| toks.get(j)).map(|p| &p.1);
        let candidate = match t {
            Tok::ModuleEnd => {
                found.push(i);
                depth = depth.saturating_sub(1);
                let_depth = 0;
                continue;
            }
            Tok::ModuleStart => {
                depth += 1;
                depth > 1
            }
            Tok::Let => {
                let_depth += 1;
                false
            }
            Tok::In => {
                let_depth = let_depth.saturating_sub(1);
                false
            }
            Tok::Variable | Tok::Constant | Tok::Theorem | Tok::Axiom | Tok::Local => true,
            Tok::Recursive => true,
            Tok::Assume => !matches!(
                prev,
                Some(Tok::DefEq | Tok::Theorem | Tok::Axiom | Tok::Comma | Tok::Suffices)
            ),
            Tok::Ident(_) => starts_definition(toks, i),
            Tok::Minus => matches!(
                (toks.get(i + 1), toks.get(i + 2), toks.get(i + 3)),
                (
                    Some((_, Tok::Dot, _)),
                    Some((_, Tok::Ident(_), _)),
                    Some((_, Tok::DefEq, _))
                )
            ),
            _ => false,
        };
        if candidate && depth > 0 && let_depth == 0 && at_line_start(*l) {
            found.push(i);
        }
    }
    found
}

/// True if the tokens at `i` look like the left-hand side of a definition followed by `==`.
fn starts_definition(toks: &[(usize, Tok, usize)], i: usize) -> bool {
    let tok = |k: usize| toks.get(k).map(|t| &t.1);
    match tok(i + 1) {
        Some(Tok::DefEq) => true,
        Some(Tok::LParen | Tok::LBracket) => {
            let (open, close) = if tok(i + 1) == Some(&Tok::LParen) {
                (Tok::LParen, Tok::RParen)
            } else {
                (Tok::LBracket, Tok::RBracket)
            };
            let mut depth = 0usize;
            let mut k = i + 1;
            while let Some(t) = tok(k) {
                if *t == open {
                    depth += 1;
                } else if *t == close {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return tok(k + 1) == Some(&Tok::DefEq);
                    }
                } else if matches!(t, Tok::DefEq | Tok::ModuleEnd) {
                    return false;
                }
                k += 1;
            }
            false
        }
        Some(Tok::Postfix(_)) => tok(i + 2) == Some(&Tok::DefEq),
        Some(Tok::Infix(_) | Tok::Minus | Tok::Lt | Tok::Gt) => {
            matches!(tok(i + 2), Some(Tok::Ident(_))) && tok(i + 3) == Some(&Tok::DefEq)
        }
        _ => false,
    }
}

/// Indices of tokens that start a proof-step definition written without `DEFINE`
/// (`<1> F(x) == e`, `<1> f[x \in S] == e`): the grammar cannot tell these from the
/// expressions `F(x)` / `f[x]` before it sees `==`, so the facade inserts the keyword.
fn implicit_defines(toks: &[(usize, Tok, usize)], src: &str) -> Vec<usize> {
    let mut found = Vec::new();
    for (i, (_, t, label_end)) in toks.iter().enumerate() {
        if !matches!(t, Tok::StepLabel(_)) {
            continue;
        }
        let mut j = i + 1;
        if matches!(toks.get(j), Some((_, Tok::Dot, _))) {
            j += 1;
        }
        // The name must be on the step's line (else the label is a fact: `BY <1>3`).
        match toks.get(j) {
            Some((start, Tok::Ident(_), _))
                if !src
                    .get(*label_end..*start)
                    .is_some_and(|gap| gap.contains('\n')) => {}
            _ => continue,
        }
        let open = match toks.get(j + 1) {
            Some((_, Tok::LParen, _)) => Tok::LParen,
            Some((_, Tok::LBracket, _)) => Tok::LBracket,
            _ => continue,
        };
        let close = if open == Tok::LParen {
            Tok::RParen
        } else {
            Tok::RBracket
        };
        let mut depth = 0usize;
        let mut k = j + 1;
        while let Some((_, t, _)) = toks.get(k) {
            if *t == open {
                depth += 1;
            } else if *t == close {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            } else if matches!(t, Tok::StepLabel(_) | Tok::ModuleEnd | Tok::DefEq) {
                break;
            }
            k += 1;
        }
        if matches!(toks.get(k + 1), Some((_, Tok::DefEq, _))) {
            found.push(j);
        }
    }
    found
}

/// The source spelling of a token, for error messages.
pub(crate) fn token_text(t: &Tok) -> &str {
    match t {
        Tok::ModuleStart => "---- MODULE",
        Tok::Dashes => "----",
        Tok::ModuleEnd => "====",
        Tok::BeginAnd => "/\\",
        Tok::BeginOr => "\\/",
        Tok::Bullet => "bullet",
        Tok::End => "end of junction list",
        Tok::Ident(s) | Tok::Num(s) | Tok::Decimal(s) | Tok::StepLabel(s) | Tok::Level(s) => s,
        Tok::Infix(s) | Tok::Postfix(s) => s,
        Tok::Str(_) => "string",
        Tok::WF => "WF_",
        Tok::SF => "SF_",
        Tok::Module => "MODULE",
        Tok::Extends => "EXTENDS",
        Tok::Constant => "CONSTANT",
        Tok::Variable => "VARIABLE",
        Tok::Assume => "ASSUME",
        Tok::Axiom => "AXIOM",
        Tok::Theorem => "THEOREM",
        Tok::Instance => "INSTANCE",
        Tok::With => "WITH",
        Tok::Local => "LOCAL",
        Tok::Recursive => "RECURSIVE",
        Tok::Let => "LET",
        Tok::In => "IN",
        Tok::If => "IF",
        Tok::Then => "THEN",
        Tok::Else => "ELSE",
        Tok::Case => "CASE",
        Tok::Other => "OTHER",
        Tok::Choose => "CHOOSE",
        Tok::Lambda => "LAMBDA",
        Tok::Except => "EXCEPT",
        Tok::True => "TRUE",
        Tok::False => "FALSE",
        Tok::Forall => "\\A",
        Tok::Exists => "\\E",
        Tok::TForall => "\\AA",
        Tok::TExists => "\\EE",
        Tok::Enabled => "ENABLED",
        Tok::Unchanged => "UNCHANGED",
        Tok::Subset => "SUBSET",
        Tok::Union => "UNION",
        Tok::Domain => "DOMAIN",
        Tok::Proof => "PROOF",
        Tok::By => "BY",
        Tok::Obvious => "OBVIOUS",
        Tok::Omitted => "OMITTED",
        Tok::Qed => "QED",
        Tok::Suffices => "SUFFICES",
        Tok::Pick => "PICK",
        Tok::Have => "HAVE",
        Tok::Take => "TAKE",
        Tok::Witness => "WITNESS",
        Tok::Use => "USE",
        Tok::Hide => "HIDE",
        Tok::Define => "DEFINE",
        Tok::Def => "DEF",
        Tok::Prove => "PROVE",
        Tok::New => "NEW",
        Tok::Only => "ONLY",
        Tok::LParen => "(",
        Tok::RParen => ")",
        Tok::LBracket => "[",
        Tok::RBracket => "]",
        Tok::RBracketUnder => "]_",
        Tok::LBrace => "{",
        Tok::RBrace => "}",
        Tok::LAngle => "<<",
        Tok::RAngle => ">>",
        Tok::RAngleUnder => ">>_",
        Tok::Comma => ",",
        Tok::Colon => ":",
        Tok::ColonColon => "::",
        Tok::Dot => ".",
        Tok::Underscore => "_",
        Tok::DefEq => "==",
        Tok::LArrow => "<-",
        Tok::Arrow => "->",
        Tok::MapsTo => "|->",
        Tok::Bang => "!",
        Tok::At => "@",
        Tok::Prime => "'",
        Tok::And => "/\\",
        Tok::Or => "\\/",
        Tok::Not => "~",
        Tok::Eq => "=",
        Tok::In_ => "\\in",
        Tok::Minus => "-",
        Tok::Box_ => "[]",
        Tok::Diamond => "<>",
        Tok::Times => "\\X",
        Tok::Lt => "<",
        Tok::Gt => ">",
        Tok::Eof => "end of file",
    }
}

/// The source spelling of a grammar token.
pub(crate) fn ptoken_text(t: &PTok) -> &str {
    match t {
        PTok::T(t) => token_text(t),
        PTok::MinusDef => "-.",
        PTok::Sync => "start of a unit",
        PTok::SyncEnd => "====",
    }
}

fn describe_found(t: &PTok) -> String {
    let t = match t {
        PTok::T(t) => t,
        PTok::MinusDef => return "`-.`".to_string(),
        PTok::Sync => return "the start of a new definition".to_string(),
        PTok::SyncEnd => return "the end of the module `====`".to_string(),
    };
    match t {
        Tok::Ident(s) => format!("identifier `{s}`"),
        Tok::Num(s) | Tok::Decimal(s) => format!("number `{s}`"),
        Tok::Str(_) => "a string".to_string(),
        Tok::StepLabel(s) => format!("proof step `{s}`"),
        Tok::Bullet => "a junction bullet".to_string(),
        Tok::End => "the end of a junction list".to_string(),
        Tok::BeginAnd => "a `/\\` bullet".to_string(),
        Tok::BeginOr => "a `\\/` bullet".to_string(),
        Tok::ModuleEnd => "`====`".to_string(),
        t => format!("`{}`", token_text(t)),
    }
}

fn describe_expected(name: &str) -> String {
    let inner = name
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .map(|s| s.replace("\\\\", "\\"));
    match inner {
        Some(s) => format!("`{s}`"),
        None => match name {
            "IDENT" => "an identifier".to_string(),
            "NUMBER" | "DECIMAL" => "a number".to_string(),
            "STRING" => "a string".to_string(),
            "STEP" => "a proof step".to_string(),
            "BULLET" => "a junction bullet".to_string(),
            "END_LIST" => "the end of the junction list".to_string(),
            "AND_LIST" => "a `/\\` list".to_string(),
            "OR_LIST" => "a `\\/` list".to_string(),
            "INFIX" => "an infix operator".to_string(),
            "POSTFIX" => "a postfix operator".to_string(),
            "LEVEL" => "a level keyword".to_string(),
            other => other.to_string(),
        },
    }
}

fn expected_phrase(expected: &[String]) -> Option<String> {
    if expected.iter().any(|e| e == "IDENT") && expected.iter().any(|e| e == "NUMBER") {
        return Some("an expression".to_string());
    }
    // Long lists are not helpful; keep short ones.
    if expected.is_empty() || expected.len() > 4 {
        return None;
    }
    let parts: Vec<String> = expected.iter().map(|e| describe_expected(e)).collect();
    Some(match parts.len() {
        1 => parts[0].clone(),
        _ => {
            let (last, init) = parts.split_last()?;
            format!("{} or {}", init.join(", "), last)
        }
    })
}

fn parse_error(file: FileId, e: ParseError<usize, PTok, Never>) -> SyntaxError {
    match e {
        ParseError::InvalidToken { location } => SyntaxError {
            span: Span::new(file, location, location),
            message: "invalid token".to_string(),
        },
        ParseError::UnrecognizedEof { location, expected } => SyntaxError {
            span: Span::new(file, location, location),
            message: match expected_phrase(&expected) {
                Some(x) => format!("unexpected end of file; expected {x}"),
                None => "unexpected end of file".to_string(),
            },
        },
        ParseError::UnrecognizedToken {
            token: (l, t, r),
            expected,
        } => SyntaxError {
            span: Span::new(file, l, r),
            message: match (&t, expected_phrase(&expected)) {
                (PTok::T(Tok::ModuleEnd), _) => {
                    "unexpected end of module `====`; the last unit is incomplete".to_string()
                }
                (_, Some(x)) => format!("expected {x} but found {}", describe_found(&t)),
                (_, None) => format!("unexpected {}", describe_found(&t)),
            },
        },
        ParseError::ExtraToken { token: (l, t, r) } => SyntaxError {
            span: Span::new(file, l, r),
            message: format!("unexpected {}", describe_found(&t)),
        },
        ParseError::User { error } => match error {},
    }
}

/// Converts a recovered error of the generated parser.
pub(crate) fn recovery_error(file: FileId, e: ErrorRecovery<usize, PTok, Never>) -> SyntaxError {
    parse_error(file, e.error)
}

// ------------------------------------------------------------------ semantic actions

/// An identifier for an operator symbol.
pub(crate) fn sym(file: FileId, l: usize, r: usize, name: &str) -> Ident {
    Ident {
        name: Arc::from(name),
        span: Span::new(file, l, r),
    }
}

/// A plain (arity-0) formal parameter.
pub(crate) fn param(name: Ident) -> OpParam {
    OpDecl { name, arity: 0 }
}

/// `op(args)` as an expression.
pub(crate) fn apply(file: FileId, l: usize, r: usize, op: Ident, args: Vec<Expr>) -> Expr {
    Expr::new(
        ExprKind::Op {
            path: vec![],
            name: op,
            args,
        },
        Span::new(file, l, r),
    )
}

/// A (qualified, applied) name as an expression.
pub(crate) fn qual_expr(file: FileId, l: usize, r: usize, q: Qual) -> Expr {
    Expr::new(
        ExprKind::Op {
            path: q.path,
            name: q.name,
            args: q.args,
        },
        Span::new(file, l, r),
    )
}

/// Assembles a module from its header and units, merging proofs into their theorems.
///
/// Proof items arrive as separate raw units after their theorem; their spans widen the
/// theorem's span. A definition that sits between two proof items belongs to the proof
/// (`<1> DEFINE A == 1  B == 2`: only `A` is parsed as part of the DEFINE step) and is
/// dropped too.
pub(crate) fn module(
    file: FileId,
    l: usize,
    r: usize,
    name: Ident,
    extends: Vec<Ident>,
    raw: Vec<RawUnit>,
    errors: &mut Vec<SyntaxError>,
) -> Module {
    let mut units: Vec<Unit> = Vec::with_capacity(raw.len());
    let mut theorem: Option<usize> = None;
    let mut after_proof = false;
    let mut pending: Vec<Unit> = Vec::new();
    for u in raw {
        match u {
            RawUnit::Error(e) => errors.push(e),
            RawUnit::Proof(span) => {
                pending.clear();
                if let Some(Unit::Theorem(t)) = theorem.and_then(|i| units.get_mut(i)) {
                    t.span = t.span.to(span);
                }
                after_proof = true;
            }
            RawUnit::Unit(u @ (Unit::OpDef(_) | Unit::FnDef(_))) if after_proof => {
                pending.push(u);
            }
            RawUnit::Unit(u) => {
                units.append(&mut pending);
                after_proof = false;
                theorem = matches!(u, Unit::Theorem(_)).then_some(units.len());
                units.push(u);
            }
            RawUnit::Skip => {}
        }
    }
    units.append(&mut pending);
    Module {
        name,
        extends,
        units,
        span: Span::new(file, l, r),
    }
}

/// A junction list; its span runs from the first bullet to the end of the last item.
pub(crate) fn junction(file: FileId, l: usize, items: Vec<Expr>, and: bool) -> Expr {
    let r = items.last().map_or(l, |e| e.span.end as usize);
    let kind = if and {
        ExprKind::And(items)
    } else {
        ExprKind::Or(items)
    };
    Expr::new(kind, Span::new(file, l, r))
}

/// Marks a definition `LOCAL` and widens its span over the keyword.
pub(crate) fn make_local(d: Unit, l: usize) -> Unit {
    fn widen(s: Span, l: usize) -> Span {
        Span {
            start: (l as u32).min(s.start),
            ..s
        }
    }
    match d {
        Unit::OpDef(mut d) => {
            d.local = true;
            d.span = widen(d.span, l);
            Unit::OpDef(d)
        }
        Unit::FnDef(mut d) => {
            d.local = true;
            d.span = widen(d.span, l);
            Unit::FnDef(d)
        }
        Unit::ModuleDef(mut d) => {
            d.local = true;
            d.instance.local = true;
            d.span = widen(d.span, l);
            Unit::ModuleDef(d)
        }
        other => other,
    }
}

/// `CASE arms [] last`.
pub(crate) fn case(
    file: FileId,
    l: usize,
    r: usize,
    mut arms: Vec<(Expr, Expr)>,
    last: (Option<Expr>, Expr),
) -> Expr {
    let other = match last {
        (Some(g), e) => {
            arms.push((g, e));
            None
        }
        (None, e) => Some(Box::new(e)),
    };
    Expr::new(ExprKind::Case { arms, other }, Span::new(file, l, r))
}

/// `\A x, y : e` (unbounded).
pub(crate) fn unbounded_quant(
    file: FileId,
    l: usize,
    r: usize,
    kind: Quant,
    vars: Vec<Ident>,
    body: Expr,
) -> Expr {
    let span = vars
        .iter()
        .map(|v| v.span)
        .reduce(Span::to)
        .unwrap_or(Span::new(file, l, l));
    let bound = Bound {
        vars: BoundVars::Names(vars),
        set: None,
        span,
    };
    Expr::new(
        ExprKind::Quant {
            kind,
            bounds: vec![bound],
            body: Box::new(body),
        },
        Span::new(file, l, r),
    )
}

/// `lbl :: e` / `lbl(x, y) :: e`.
pub(crate) fn label(
    file: FileId,
    l: usize,
    r: usize,
    q: Qual,
    body: Expr,
    errors: &mut Vec<SyntaxError>,
) -> Expr {
    if !q.path.is_empty() {
        errors.push(SyntaxError {
            span: q.name.span,
            message: "a label cannot be a qualified name".to_string(),
        });
    }
    let mut params = Vec::new();
    for a in q.args {
        match as_plain_name(&a) {
            Some(id) => params.push(id),
            None => errors.push(SyntaxError {
                span: a.span,
                message: "label parameters must be identifiers".to_string(),
            }),
        }
    }
    Expr::new(
        ExprKind::Label {
            name: q.name,
            params,
            body: Box::new(body),
        },
        Span::new(file, l, r),
    )
}

/// `x` as an identifier, if the expression is a plain unqualified name.
fn as_plain_name(e: &Expr) -> Option<Ident> {
    match &e.kind {
        ExprKind::Op { path, name, args } if path.is_empty() && args.is_empty() => {
            if name
                .name
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
            {
                Some(name.clone())
            } else {
                None
            }
        }
        _ => None,
    }
}

/// `<<x, y>>` as identifiers.
fn as_name_tuple(e: &Expr) -> Option<Vec<Ident>> {
    match &e.kind {
        ExprKind::Tuple(es) if !es.is_empty() => es.iter().map(as_plain_name).collect(),
        _ => None,
    }
}

/// Splits `x \in S` into its variables and set, if it has that shape.
fn as_membership(e: &Expr) -> Option<(BoundVars, Expr)> {
    match &e.kind {
        ExprKind::Op { path, name, args }
            if path.is_empty() && &*name.name == "\\in" && args.len() == 2 =>
        {
            let vars = if let Some(id) = as_plain_name(&args[0]) {
                BoundVars::Names(vec![id])
            } else {
                BoundVars::Tuple(as_name_tuple(&args[0])?)
            };
            Some((vars, args[1].clone()))
        }
        _ => None,
    }
}

/// Turns `x, y \in S, <<a, b>> \in T` (parsed as expressions) into bound groups.
fn exprs_to_bounds(
    file: FileId,
    exprs: Vec<Expr>,
    errors: &mut Vec<SyntaxError>,
) -> Option<Vec<Bound>> {
    let mut bounds = Vec::new();
    let mut pending: Vec<Ident> = Vec::new();
    let mut pending_start: Option<Span> = None;
    for e in exprs {
        if let Some(id) = as_plain_name(&e) {
            pending_start.get_or_insert(e.span);
            pending.push(id);
            continue;
        }
        match as_membership(&e) {
            Some((BoundVars::Names(mut ns), set)) => {
                let span = pending_start.take().map_or(e.span, |s| s.to(e.span));
                let mut names = std::mem::take(&mut pending);
                names.append(&mut ns);
                bounds.push(Bound {
                    vars: BoundVars::Names(names),
                    set: Some(set),
                    span,
                });
            }
            Some((tuple, set)) if pending.is_empty() => bounds.push(Bound {
                vars: tuple,
                set: Some(set),
                span: e.span,
            }),
            _ => {
                errors.push(SyntaxError {
                    span: e.span,
                    message: "expected a bound `x \\in S` or `<<x, y>> \\in S`".to_string(),
                });
                return None;
            }
        }
    }
    if let Some(s) = pending_start {
        errors.push(SyntaxError {
            span: Span::new(file, s.start as usize, s.end as usize),
            message: "bound variables need a set: expected `\\in`".to_string(),
        });
        return None;
    }
    Some(bounds)
}

/// `{lhs : rest}`: a filter `{x \in S : P}` when `lhs` is a membership of names and `rest`
/// one expression, else a map `{e : x \in S, y \in T}`.
pub(crate) fn set_colon(
    file: FileId,
    l: usize,
    r: usize,
    lhs: Expr,
    rest: Vec<Expr>,
    errors: &mut Vec<SyntaxError>,
) -> Expr {
    let span = Span::new(file, l, r);
    let mut rest = rest;
    if rest.len() == 1 {
        if let Some((vars, set)) = as_membership(&lhs) {
            if let Some(pred) = rest.pop() {
                let bound = Bound {
                    vars,
                    set: Some(set),
                    span: lhs.span,
                };
                return Expr::new(
                    ExprKind::SetFilter {
                        bound: Box::new(bound),
                        pred: Box::new(pred),
                    },
                    span,
                );
            }
        }
    }
    match exprs_to_bounds(file, rest, errors) {
        Some(bounds) => Expr::new(
            ExprKind::SetMap {
                body: Box::new(lhs),
                bounds,
            },
            span,
        ),
        None => Expr::new(ExprKind::Error, span),
    }
}

/// `[ ... ]` with `|->` or `:` items: a record, a set of records or a function constructor.
pub(crate) fn bracket(
    file: FileId,
    l: usize,
    r: usize,
    items: Vec<BrItem>,
    errors: &mut Vec<SyntaxError>,
) -> Expr {
    let span = Span::new(file, l, r);
    let all_maps = items
        .iter()
        .all(|i| matches!(i, BrItem::MapsTo(k, _) if as_plain_name(k).is_some()));
    let all_colons = items
        .iter()
        .all(|i| matches!(i, BrItem::Colon(k, _) if as_plain_name(k).is_some()));
    if all_maps || all_colons {
        let mut fields = Vec::with_capacity(items.len());
        for it in items {
            match it {
                BrItem::MapsTo(k, v) | BrItem::Colon(k, v) => {
                    if let Some(id) = as_plain_name(&k) {
                        fields.push((id, v));
                    }
                }
                BrItem::Plain(_) => {}
            }
        }
        let kind = if all_maps {
            ExprKind::Record(fields)
        } else {
            ExprKind::RecordSet(fields)
        };
        return Expr::new(kind, span);
    }
    // Function constructor: plain items then one `bound |-> body` at the end.
    let mut exprs = Vec::with_capacity(items.len());
    let mut body = None;
    let n = items.len();
    for (i, it) in items.into_iter().enumerate() {
        match it {
            BrItem::Plain(e) if i + 1 < n => exprs.push(e),
            BrItem::MapsTo(k, v) if i + 1 == n => {
                exprs.push(k);
                body = Some(v);
            }
            BrItem::Plain(e) | BrItem::MapsTo(e, _) | BrItem::Colon(e, _) => {
                errors.push(SyntaxError {
                    span: e.span,
                    message: "expected a record `[a |-> e]`, a record set `[a : S]` or a function `[x \\in S |-> e]`".to_string(),
                });
                return Expr::new(ExprKind::Error, span);
            }
        }
    }
    let Some(body) = body else {
        return Expr::new(ExprKind::Error, span);
    };
    match exprs_to_bounds(file, exprs, errors) {
        Some(bounds) => Expr::new(
            ExprKind::FnCons {
                bounds,
                body: Box::new(body),
            },
            span,
        ),
        None => Expr::new(ExprKind::Error, span),
    }
}
