//! The junction-list layout pass: turns the raw token stream of [`crate::lexer`]
//! into the stream the lalrpop grammar consumes, making TLA+'s indentation-sensitive
//! `/\` and `\/` bullet lists explicit with [`Tok::BeginAnd`], [`Tok::BeginOr`],
//! [`Tok::Bullet`] and [`Tok::End`].
//!
//! # Rules (after SANY's `JunctionListContext`)
//!
//! Columns count characters, not bytes (`∧` is one column); a tab moves to the
//! next tab stop (every 8 columns), as in SANY. The pass keeps a stack
//! of *contexts*: open junction lists `(kind, column)` and the delimiters and
//! keyword constructs they may sit in (`(`, `[`, `{`, `<<`, `IF`, `LET`, `CASE`, and
//! quantifiers `\A \E CHOOSE LAMBDA \AA \EE PICK` up to their `:`). For each token:
//!
//! 1. **Unit boundaries** — `----`, `---- MODULE`, `====`, `EXTENDS`, `VARIABLE`,
//!    `CONSTANT`, `ASSUME`, `AXIOM`, `THEOREM`, `LOCAL`, proof keywords (`PROOF`,
//!    `BY`, `OBVIOUS`, `OMITTED`, `QED`, `SUFFICES`, `PICK`, `HAVE`, `TAKE`,
//!    `WITNESS`, `USE`, `HIDE`, `DEFINE`, `PROVE`, `DEF`) and step labels close
//!    every open list and context.
//! 2. **Column rule** — if the token's column is `<=` the column of an open list,
//!    the outermost such list and everything opened after it are closed (one
//!    [`Tok::End`] per list). Exception: a `/\` (`\/`) at exactly the column of a
//!    `/\` (`\/`) list continues that list and becomes [`Tok::Bullet`].
//! 3. **New lists** — a `/\` or `\/` where an expression is expected (the previous
//!    token cannot end an expression: start of a unit, `==`, `(`, `,`, `:`, `THEN`,
//!    an operator, another bullet, ...) opens a list: [`Tok::BeginAnd`] /
//!    [`Tok::BeginOr`]. Any other `/\` or `\/` is the infix [`Tok::And`] /
//!    [`Tok::Or`].
//! 4. **Delimiters** close the lists opened inside the construct they end:
//!    `)` `]` `]_` `}` `>>` `>>_` close up to their opener; `THEN` and `ELSE` up to
//!    their `IF`; `IN` up to its `LET`; `:` up to its quantifier (or the enclosing
//!    bracket); `,` `->` `|->` up to the enclosing bracket / `CASE`; a `[]` after an
//!    expression (a CASE separator) up to its `CASE`; `==` and `RECURSIVE` up to the
//!    enclosing `LET` (or everything at module level).
//! 5. End of input closes everything.
//!
//! A bullet placed left of its list's column (or at the same column but of the
//! other kind) closes the list and is then an infix operator following an
//! expression, exactly as in SANY: `A == /\ a\n      /\ b` (second bullet one
//! column left) parses as `(/\ a) /\ b`. TLC accepts such specs, so we do too.
//!
//! Proof step labels: the raw lexer produces [`Tok::StepLabel`] for `<1>2`; where
//! that text cannot be a step label (it is not first on its line and follows a
//! token that ends an expression, as in `a<1>b`) it is split back into `<` `1` `>`
//! `b`.

use crate::ast::FileId;
use crate::lexer::{self, Spanned};
use crate::token::Tok;
use crate::SyntaxError;
use std::sync::Arc;

/// Lexes and lays out a `.tla` file: the `(start, token, end)` triples the grammar
/// consumes, plus every lexical error. Never panics.
pub fn tokenize(file: FileId, src: &str) -> (Vec<Spanned>, Vec<SyntaxError>) {
    let (raw, errors) = lexer::lex(file, src);
    (layout(src, raw), errors)
}

/// A context on the layout stack.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ctx {
    /// An open junction list: `and` is true for `/\`, `col` its bullets' column.
    List {
        and: bool,
        col: u32,
    },
    Paren,
    Bracket,
    Brace,
    Angle,
    If,
    Let,
    Case,
    Quant,
}

impl Ctx {
    fn is_list(self) -> bool {
        matches!(self, Ctx::List { .. })
    }
    fn is_bracket(self) -> bool {
        matches!(self, Ctx::Paren | Ctx::Bracket | Ctx::Brace | Ctx::Angle)
    }
}

/// True if a token can be the last token of an expression (so a following `/\`
/// is infix).
fn ends_expr(t: &Tok) -> bool {
    matches!(
        t,
        Tok::Ident(_)
            | Tok::Num(_)
            | Tok::Decimal(_)
            | Tok::Str(_)
            | Tok::True
            | Tok::False
            | Tok::RParen
            | Tok::RBracket
            | Tok::RBrace
            | Tok::RAngle
            | Tok::Prime
            | Tok::Postfix(_)
            | Tok::At
            | Tok::End
    )
}

/// Tokens that start a new unit or proof step: they close every open context.
fn is_boundary(t: &Tok) -> bool {
    matches!(
        t,
        Tok::ModuleStart
            | Tok::ModuleEnd
            | Tok::Dashes
            | Tok::Extends
            | Tok::Variable
            | Tok::Constant
            | Tok::Assume
            | Tok::Axiom
            | Tok::Theorem
            | Tok::Local
            | Tok::Proof
            | Tok::By
            | Tok::Obvious
            | Tok::Omitted
            | Tok::Qed
            | Tok::Suffices
            | Tok::Pick
            | Tok::Have
            | Tok::Take
            | Tok::Witness
            | Tok::Use
            | Tok::Hide
            | Tok::Define
            | Tok::Prove
            | Tok::Def
            | Tok::StepLabel(_)
    )
}

struct Layout {
    out: Vec<Spanned>,
    stack: Vec<Ctx>,
    /// Does the previous real token end an expression?
    prev_ends: bool,
}

impl Layout {
    /// Pops contexts down to (and excluding) index `keep_len`, emitting `End` at `pos`
    /// for every list.
    fn truncate(&mut self, keep_len: usize, pos: usize) {
        while self.stack.len() > keep_len {
            if let Some(Ctx::List { .. }) = self.stack.pop() {
                self.out.push((pos, Tok::End, pos));
            }
        }
    }

    /// Searches down the stack for a context satisfying `target`, passing only
    /// through contexts satisfying `through`. If found at index `i`, closes everything
    /// above it (and `i` itself when `remove`). Returns whether it was found.
    fn close_to(
        &mut self,
        pos: usize,
        target: impl Fn(Ctx) -> bool,
        through: impl Fn(Ctx) -> bool,
        remove: bool,
    ) -> bool {
        for i in (0..self.stack.len()).rev() {
            let c = self.stack[i];
            if target(c) {
                self.truncate(if remove { i } else { i + 1 }, pos);
                return true;
            }
            if !through(c) {
                return false;
            }
        }
        false
    }

    /// Closes lists at the top of the stack (and anything `through` allows) down to
    /// the first other context.
    fn close_while(&mut self, pos: usize, through: impl Fn(Ctx) -> bool) {
        let mut keep = self.stack.len();
        while keep > 0 && through(self.stack[keep - 1]) {
            keep -= 1;
        }
        self.truncate(keep, pos);
    }

    // the `if`s inside match arms have side effects in their conditions
    #[allow(clippy::collapsible_match)]
    fn token(&mut self, s: usize, t: Tok, e: usize, col: u32) {
        if is_boundary(&t) {
            self.truncate(0, s);
            if t == Tok::Pick {
                // `PICK x \in S : P` ends its bound part at the `:` like `\E`
                self.stack.push(Ctx::Quant);
            }
            self.out.push((s, t, e));
            self.prev_ends = false;
            return;
        }
        let bullet = match t {
            Tok::And => Some(true),
            Tok::Or => Some(false),
            _ => None,
        };
        // column rule
        if let Some(i) = self
            .stack
            .iter()
            .position(|c| matches!(c, Ctx::List { col: lc, .. } if *lc >= col))
        {
            if let (Ctx::List { and, col: lc }, Some(b)) = (self.stack[i], bullet) {
                if lc == col && and == b {
                    self.truncate(i + 1, s);
                    self.out.push((s, Tok::Bullet, e));
                    self.prev_ends = false;
                    return;
                }
            }
            self.truncate(i, s);
        }
        if let Some(and) = bullet {
            if !self.prev_ends {
                self.stack.push(Ctx::List { and, col });
                let begin = if and { Tok::BeginAnd } else { Tok::BeginOr };
                self.out.push((s, begin, e));
                self.prev_ends = false;
                return;
            }
        }
        let list = |c: Ctx| c.is_list();
        let soft = |c: Ctx| matches!(c, Ctx::List { .. } | Ctx::Case | Ctx::Quant);
        let mut push = None;
        match t {
            Tok::LParen => push = Some(Ctx::Paren),
            Tok::LBracket => push = Some(Ctx::Bracket),
            Tok::LBrace => push = Some(Ctx::Brace),
            Tok::LAngle => push = Some(Ctx::Angle),
            Tok::If => push = Some(Ctx::If),
            Tok::Let => push = Some(Ctx::Let),
            Tok::Case => push = Some(Ctx::Case),
            Tok::Forall | Tok::Exists | Tok::TForall | Tok::TExists | Tok::Choose | Tok::Lambda => {
                push = Some(Ctx::Quant)
            }
            Tok::RParen => {
                self.close_to(s, |c| c == Ctx::Paren, |c| !c.is_bracket(), true);
            }
            Tok::RBracket | Tok::RBracketUnder => {
                self.close_to(s, |c| c == Ctx::Bracket, |c| !c.is_bracket(), true);
            }
            Tok::RBrace => {
                self.close_to(s, |c| c == Ctx::Brace, |c| !c.is_bracket(), true);
            }
            Tok::RAngle | Tok::RAngleUnder => {
                self.close_to(s, |c| c == Ctx::Angle, |c| !c.is_bracket(), true);
            }
            Tok::Then => {
                self.close_to(s, |c| c == Ctx::If, soft, false);
            }
            Tok::Else => {
                self.close_to(s, |c| c == Ctx::If, soft, true);
            }
            Tok::In => {
                self.close_to(s, |c| c == Ctx::Let, |c| soft(c) || c == Ctx::If, true);
            }
            Tok::Colon => {
                if !self.close_to(s, |c| c == Ctx::Quant, list, true) {
                    self.close_to(s, |c| c.is_bracket(), list, false);
                }
            }
            Tok::Comma => self.close_while(s, |c| matches!(c, Ctx::List { .. } | Ctx::Case)),
            Tok::Arrow => {
                self.close_to(s, |c| c == Ctx::Case || c == Ctx::Bracket, list, false);
            }
            Tok::MapsTo => {
                self.close_to(s, |c| c == Ctx::Bracket, list, false);
            }
            Tok::Box_ if self.prev_ends => {
                self.close_to(s, |c| c == Ctx::Case, |c| soft(c) || c == Ctx::If, false);
            }
            Tok::DefEq | Tok::Recursive => {
                if !self.close_to(s, |c| c == Ctx::Let, |_| true, false) {
                    self.truncate(0, s);
                }
            }
            _ => {}
        }
        self.prev_ends = ends_expr(&t);
        self.out.push((s, t, e));
        if let Some(c) = push {
            self.stack.push(c);
        }
    }
}

/// Splits a step label that sits where an expression continues (`a<1>b`) back into
/// ordinary tokens: `<`, the level number, `>`, and the name (if any).
fn split_label(text: &str, s: usize) -> Vec<Spanned> {
    let mut out = vec![(s, Tok::Lt, s + 1)];
    let Some(close) = text.find('>') else {
        return out;
    };
    let mid = &text[1..close];
    let mid_tok = match mid {
        "*" => Tok::Infix(Arc::from("*")),
        "+" => Tok::Infix(Arc::from("+")),
        _ => Tok::Num(Arc::from(mid)),
    };
    out.push((s + 1, mid_tok, s + close));
    out.push((s + close, Tok::Gt, s + close + 1));
    let rest = &text[close + 1..];
    if !rest.is_empty() {
        let t = if rest.bytes().all(|b| b.is_ascii_digit()) {
            Tok::Num(Arc::from(rest))
        } else {
            lexer::word(rest)
        };
        out.push((s + close + 1, t, s + text.len()));
    }
    out
}

/// Advances a 1-based (line, column) position over `text`. Columns count
/// characters; a tab advances to the next multiple of 8 plus one, as in SANY
/// (JavaCC's default tab size; checked against TLC).
fn advance(text: &str, line: &mut u32, col: &mut u32) {
    for ch in text.chars() {
        match ch {
            '\n' => {
                *line += 1;
                *col = 1;
            }
            '\t' => *col = (*col - 1) / 8 * 8 + 9,
            _ => *col += 1,
        }
    }
}

/// Runs the layout pass over raw tokens of `src` (as produced by [`lexer::lex`]).
pub fn layout(src: &str, raw: Vec<Spanned>) -> Vec<Spanned> {
    let mut l = Layout {
        out: Vec::with_capacity(raw.len() + raw.len() / 8),
        stack: Vec::new(),
        prev_ends: false,
    };
    // incremental line/column tracking
    let mut pos = 0usize;
    let mut line = 1u32;
    let mut col = 1u32;
    let mut prev_line = 0u32;
    for (s, t, e) in raw {
        let s_clamped = s.min(src.len());
        if s_clamped >= pos {
            advance(&src[pos..s_clamped], &mut line, &mut col);
            pos = s_clamped;
        }
        let first_on_line = line != prev_line;
        if let Tok::StepLabel(text) = &t {
            if !first_on_line && l.prev_ends {
                for (ps, pt, pe) in split_label(text, s) {
                    let mut pc = col;
                    let mut pl = line;
                    advance(&src[s..ps.min(src.len())], &mut pl, &mut pc);
                    l.token(ps, pt, pe, pc);
                }
                prev_line = line;
                continue;
            }
        }
        l.token(s, t, e, col);
        // the token's end may be on a later line (multi-line tokens such as
        // `----\nMODULE`): advance the tracker so the next token's line is right
        let e_clamped = e.min(src.len());
        if e_clamped > pos {
            advance(&src[pos..e_clamped], &mut line, &mut col);
            pos = e_clamped;
        }
        prev_line = line;
    }
    l.truncate(0, src.len());
    l.out
}

/// Renders a laid-out token stream compactly on one line, tokens separated by
/// spaces: identifiers and symbols as written in canonical form, layout tokens as
/// `BEGIN_AND`, `BEGIN_OR`, `BULLET`, `END`. Used by tests and debugging.
pub fn render_compact(src: &str, toks: &[Spanned]) -> String {
    toks.iter()
        .map(|(s, t, e)| render_tok(src, *s, t, *e))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Renders one token (see [`render_compact`]).
pub fn render_tok(src: &str, s: usize, t: &Tok, e: usize) -> String {
    match t {
        Tok::ModuleStart => "MODULE_START".into(),
        Tok::Dashes => "----".into(),
        Tok::ModuleEnd => "====".into(),
        Tok::BeginAnd => "BEGIN_AND".into(),
        Tok::BeginOr => "BEGIN_OR".into(),
        Tok::Bullet => "BULLET".into(),
        Tok::End => "END".into(),
        Tok::Ident(x) => x.to_string(),
        Tok::Num(x) | Tok::Decimal(x) => x.to_string(),
        Tok::Str(x) => format!("{x:?}"),
        Tok::StepLabel(x) => format!("STEP({x})"),
        Tok::Infix(x) | Tok::Postfix(x) => x.to_string(),
        Tok::Level(x) => x.to_string(),
        Tok::And => "/\\".into(),
        Tok::Or => "\\/".into(),
        Tok::Not => "~".into(),
        Tok::In_ => "\\in".into(),
        Tok::Times => "\\X".into(),
        Tok::Forall => "\\A".into(),
        Tok::Exists => "\\E".into(),
        Tok::TForall => "\\AA".into(),
        Tok::TExists => "\\EE".into(),
        Tok::Box_ => "[]".into(),
        Tok::Diamond => "<>".into(),
        Tok::LAngle => "<<".into(),
        Tok::RAngle => ">>".into(),
        Tok::RAngleUnder => ">>_".into(),
        Tok::DefEq => "==".into(),
        Tok::Arrow => "->".into(),
        Tok::MapsTo => "|->".into(),
        Tok::LArrow => "<-".into(),
        Tok::Prime => "'".into(),
        Tok::Eof => "EOF".into(),
        Tok::WF => "WF_".into(),
        Tok::SF => "SF_".into(),
        _ => src.get(s..e).unwrap_or("?").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(src: &str) -> String {
        let (toks, errs) = tokenize(FileId(0), src);
        assert!(errs.is_empty(), "{errs:?}");
        crate::layout::render_compact(src, &toks)
    }

    #[test]
    fn simple_list() {
        let s = render("---- MODULE M ----\nInit == /\\ x = 0\n        /\\ y = 1\n====\n");
        assert_eq!(
            s,
            "MODULE_START M ---- Init == BEGIN_AND x = 0 BULLET y = 1 END ===="
        );
    }

    #[test]
    fn infix_after_expression() {
        let s = render("---- MODULE M ----\nQux == x = 0\n       /\\ y = 1\n====\n");
        assert_eq!(s, "MODULE_START M ---- Qux == x = 0 /\\ y = 1 ====");
    }

    #[test]
    fn step_label_split_in_expression() {
        let s = render("---- MODULE M ----\nA == a<1>b\n<1>2. QED\n====\n");
        assert_eq!(
            s,
            "MODULE_START M ---- A == a < 1 > b STEP(<1>2) . QED ===="
        );
    }
}
