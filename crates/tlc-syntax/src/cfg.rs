//! TLC model configuration files (`.cfg`): [`parse_config`] turns one into a
//! [`Config`].
//!
//! The format follows TLC's `ModelConfig`: the file is read with the TLA+
//! tokenizer (so `\*` and `(* *)` comments work) as a sequence of sections, each
//! started by a keyword. Singular and plural keywords are interchangeable:
//!
//! | keyword | argument | field |
//! |---|---|---|
//! | `CONSTANT(S)` | entries (see below) until the next keyword | [`Config::constants`] |
//! | `INIT`, `NEXT`, `SPECIFICATION` | one operator name | [`Config::init`], ... |
//! | `INVARIANT(S)`, `PROPERTY`/`PROPERTIES`, `CONSTRAINT(S)`, `ACTION_CONSTRAINT(S)`, `POSTCONDITION(S)` | names until the next keyword (sections may repeat; names accumulate) | [`Config::invariants`], ... |
//! | `SYMMETRY`, `VIEW`, `ALIAS` | one operator name | [`Config::symmetry`], ... |
//! | `CHECK_DEADLOCK` | `TRUE` or `FALSE` | [`Config::check_deadlock`] |
//!
//! TLC's hidden keywords `_PERIODIC`, `_RL_REWARD`, `_POSSIBLE` and the old
//! `TYPE_CONSTRAINT` are accepted and ignored.
//!
//! Constant entries: `c = value`, `c = [Mod] value` (assignment in module `Mod`),
//! `f(v1, ..., vn) = value` (one point of an operator constant), `c <- Op`
//! (definition override), `c <- [Mod] Op`. The left-hand side may be a path
//! `A!B!c`, kept as one name `"A!B!c"`. Values: integers (also negative, `-1`),
//! strings (kept verbatim between the quotes, as TLC does), `TRUE`, `FALSE`, sets
//! `{v, ...}` (nested), and any other name, which denotes a *model value*.
//!
//! Errors (all [`SyntaxError`]s, parsing continues at the next keyword): an
//! unknown keyword where a section must start, an all-caps word within edit
//! distance 2 of a keyword inside a name list (`INVARIANTZ`; TLC would silently
//! take it as one more name), a single-valued keyword given
//! twice, a missing or malformed argument, `SPECIFICATION` together with `INIT` or
//! `NEXT`. A config without `INIT`/`NEXT`/`SPECIFICATION` is *not* an error here
//! (a spec with only `ASSUME`s is checked without a behaviour spec); the checker
//! decides.

use crate::ast::{FileId, Ident, Span};
use crate::lexer::{self, Spanned};
use crate::token::Tok;
use crate::SyntaxError;
use std::sync::Arc;

/// A parsed `.cfg` file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Config {
    /// `CONSTANT` entries, in file order.
    pub constants: Vec<ConstantAssignment>,
    /// `INIT` operator.
    pub init: Option<Ident>,
    /// `NEXT` operator.
    pub next: Option<Ident>,
    /// `SPECIFICATION` operator.
    pub specification: Option<Ident>,
    /// `INVARIANT(S)` operators.
    pub invariants: Vec<Ident>,
    /// `PROPERTY`/`PROPERTIES` operators.
    pub properties: Vec<Ident>,
    /// `CONSTRAINT(S)` operators (state constraints).
    pub constraints: Vec<Ident>,
    /// `ACTION_CONSTRAINT(S)` operators.
    pub action_constraints: Vec<Ident>,
    /// `SYMMETRY` operator.
    pub symmetry: Option<Ident>,
    /// `VIEW` operator.
    pub view: Option<Ident>,
    /// `ALIAS` operator.
    pub alias: Option<Ident>,
    /// `POSTCONDITION(S)` operators.
    pub postconditions: Vec<Ident>,
    /// `CHECK_DEADLOCK TRUE|FALSE`, if given.
    pub check_deadlock: Option<bool>,
}

/// One entry of a `CONSTANT(S)` section.
#[derive(Clone, Debug, PartialEq)]
pub enum ConstantAssignment {
    /// `name = value`, `name(p1, ..., pn) = value`, `name = [module] value`.
    Value {
        /// The constant (possibly a path `A!B!c`, kept as one name).
        name: Ident,
        /// Argument values for an operator constant `f(p1, ..., pn) = v` (TLC parses
        /// them as values); empty for a plain constant.
        params: Vec<CfgValue>,
        /// `[Mod]`: the module the assignment applies to.
        module: Option<Ident>,
        /// The assigned value.
        value: CfgValue,
        /// The whole entry.
        span: Span,
    },
    /// `name <- target` or `name <- [module] target`: replace `name` by the
    /// definition `target`.
    Override {
        /// The overridden constant or definition (possibly a path `A!B!c`).
        name: Ident,
        /// `[Mod]`: the module the override applies to.
        module: Option<Ident>,
        /// The operator that replaces it.
        target: Ident,
        /// The whole entry.
        span: Span,
    },
}

/// A value in a `.cfg` file.
#[derive(Clone, Debug, PartialEq)]
pub enum CfgValue {
    /// An integer, possibly negative.
    Int {
        /// The value.
        value: i64,
        /// Where it was written.
        span: Span,
    },
    /// A string; the text between the quotes, verbatim (TLC does not resolve escapes here).
    Str {
        /// The text.
        value: Arc<str>,
        /// Where it was written.
        span: Span,
    },
    /// `TRUE` or `FALSE`.
    Bool {
        /// The value.
        value: bool,
        /// Where it was written.
        span: Span,
    },
    /// Any other name: a model value.
    ModelValue(Ident),
    /// `{v1, v2, ...}`.
    Set {
        /// The elements, as written.
        elems: Vec<CfgValue>,
        /// From `{` to `}`.
        span: Span,
    },
}

impl CfgValue {
    /// Where the value was written.
    pub fn span(&self) -> Span {
        match self {
            CfgValue::Int { span, .. }
            | CfgValue::Str { span, .. }
            | CfgValue::Bool { span, .. }
            | CfgValue::Set { span, .. } => *span,
            CfgValue::ModelValue(id) => id.span,
        }
    }
}

/// The section keywords.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kw {
    Constant,
    Init,
    Next,
    Specification,
    Invariant,
    Property,
    Constraint,
    ActionConstraint,
    Symmetry,
    View,
    Alias,
    Postcondition,
    CheckDeadlock,
    /// `_PERIODIC`, `_RL_REWARD`, `_POSSIBLE`, `TYPE_CONSTRAINT`: accepted, ignored.
    Ignored,
}

fn keyword(text: &str) -> Option<Kw> {
    Some(match text {
        "CONSTANT" | "CONSTANTS" => Kw::Constant,
        "INIT" => Kw::Init,
        "NEXT" => Kw::Next,
        "SPECIFICATION" => Kw::Specification,
        "INVARIANT" | "INVARIANTS" => Kw::Invariant,
        "PROPERTY" | "PROPERTIES" => Kw::Property,
        "CONSTRAINT" | "CONSTRAINTS" => Kw::Constraint,
        "ACTION_CONSTRAINT" | "ACTION_CONSTRAINTS" => Kw::ActionConstraint,
        "SYMMETRY" => Kw::Symmetry,
        "VIEW" => Kw::View,
        "ALIAS" => Kw::Alias,
        "POSTCONDITION" | "POSTCONDITIONS" => Kw::Postcondition,
        "CHECK_DEADLOCK" => Kw::CheckDeadlock,
        "_PERIODIC" | "_RL_REWARD" | "_POSSIBLE" | "TYPE_CONSTRAINT" => Kw::Ignored,
        _ => return None,
    })
}

/// Every keyword spelling, for "did you mean" suggestions.
const KEYWORDS: &[&str] = &[
    "CONSTANT",
    "CONSTANTS",
    "INIT",
    "NEXT",
    "SPECIFICATION",
    "INVARIANT",
    "INVARIANTS",
    "PROPERTY",
    "PROPERTIES",
    "CONSTRAINT",
    "CONSTRAINTS",
    "ACTION_CONSTRAINT",
    "ACTION_CONSTRAINTS",
    "SYMMETRY",
    "VIEW",
    "ALIAS",
    "POSTCONDITION",
    "POSTCONDITIONS",
    "CHECK_DEADLOCK",
];

/// Levenshtein distance (small strings only).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The keyword `word` is probably a misspelling of: an all-caps word within edit
/// distance 2 of a keyword (`INVARIANTZ`, `PROPERTYS`).
fn misspelled_keyword(word: &str) -> Option<&'static str> {
    if word.len() < 4 || !word.bytes().all(|b| b.is_ascii_uppercase() || b == b'_') {
        return None;
    }
    KEYWORDS
        .iter()
        .map(|k| (edit_distance(word, k), *k))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, k)| k)
}

/// Marker error: the current entry is malformed (already reported); skip to the
/// next keyword.
struct Skip;

struct Parser<'a> {
    file: FileId,
    src: &'a str,
    toks: Vec<Spanned>,
    pos: usize,
    errors: Vec<SyntaxError>,
    cfg: Config,
    /// Where INIT / NEXT / SPECIFICATION were given (for the conflict check).
    init_or_next_at: Option<Span>,
    /// The SPECIFICATION/INIT conflict is reported once.
    conflict_reported: bool,
}

impl<'a> Parser<'a> {
    fn span(&self, s: usize, e: usize) -> Span {
        Span::new(self.file, s, e)
    }

    fn text(&self, i: usize) -> &'a str {
        let (s, _, e) = &self.toks[i];
        let src: &'a str = self.src;
        src.get(*s..*e).unwrap_or("")
    }

    fn peek(&self) -> Option<&Spanned> {
        self.toks.get(self.pos)
    }

    fn peek_kw(&self) -> Option<Kw> {
        if self.pos < self.toks.len() {
            keyword(self.text(self.pos))
        } else {
            None
        }
    }

    /// A span for "here": the current token, or the end of input.
    fn here(&self) -> Span {
        match self.peek() {
            Some((s, _, e)) => self.span(*s, *e),
            None => self.span(self.src.len(), self.src.len()),
        }
    }

    fn error(&mut self, span: Span, message: impl Into<String>) {
        self.errors.push(SyntaxError {
            span,
            message: message.into(),
        });
    }

    /// Reports `what` expected at the current token.
    fn expected(&mut self, what: &str) -> Skip {
        let span = self.here();
        let found = match self.peek() {
            Some(_) => format!("`{}`", self.text(self.pos)),
            None => "end of file".to_string(),
        };
        self.error(span, format!("expected {what}, found {found}"));
        Skip
    }

    fn skip_to_keyword(&mut self) {
        while self.pos < self.toks.len() && self.peek_kw().is_none() {
            self.pos += 1;
        }
    }

    fn eat(&mut self, t: &Tok) -> bool {
        if self.peek().is_some_and(|(_, x, _)| x == t) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// An operator name (identifier, not a section keyword).
    fn name(&mut self, what: &str) -> Result<Ident, Skip> {
        match self.peek() {
            Some((s, Tok::Ident(name), e)) if self.peek_kw().is_none() => {
                let id = Ident {
                    name: name.clone(),
                    span: self.span(*s, *e),
                };
                self.pos += 1;
                Ok(id)
            }
            _ => Err(self.expected(what)),
        }
    }

    /// A name possibly qualified by instance paths: `A!B!c`.
    fn path_name(&mut self) -> Result<Ident, Skip> {
        let first = self.name("a constant name")?;
        let mut name = first.name.to_string();
        let mut span = first.span;
        while self.eat(&Tok::Bang) {
            let next = self.name("a name after `!`")?;
            name.push('!');
            name.push_str(&next.name);
            span = span.to(next.span);
        }
        Ok(Ident {
            name: Arc::from(name),
            span,
        })
    }

    /// `[Mod]` if present.
    fn module_qualifier(&mut self) -> Result<Option<Ident>, Skip> {
        if !self.eat(&Tok::LBracket) {
            return Ok(None);
        }
        let m = self.name("a module name")?;
        if !self.eat(&Tok::RBracket) {
            return Err(self.expected("`]`"));
        }
        Ok(Some(m))
    }

    fn value(&mut self) -> Result<CfgValue, Skip> {
        let Some((s, t, e)) = self.peek().cloned() else {
            return Err(self.expected("a value"));
        };
        let span = self.span(s, e);
        let v = match t {
            Tok::Num(_) | Tok::Minus => {
                let neg = t == Tok::Minus;
                if neg {
                    self.pos += 1;
                }
                let Some((_, Tok::Num(digits), ne)) = self.peek().cloned() else {
                    return Err(self.expected("a number after `-`"));
                };
                let span = self.span(s, ne);
                let text = if neg {
                    format!("-{digits}")
                } else {
                    digits.to_string()
                };
                match text.parse::<i64>() {
                    Ok(value) => CfgValue::Int { value, span },
                    Err(_) => {
                        self.error(span, format!("integer `{text}` is out of range"));
                        self.pos += 1;
                        return Err(Skip);
                    }
                }
            }
            Tok::Str(_) => {
                let raw = self.src.get(s + 1..e.saturating_sub(1)).unwrap_or("");
                CfgValue::Str {
                    value: Arc::from(raw),
                    span,
                }
            }
            Tok::True | Tok::False => CfgValue::Bool {
                value: t == Tok::True,
                span,
            },
            Tok::LBrace => {
                self.pos += 1;
                let mut elems = Vec::new();
                if !self.eat(&Tok::RBrace) {
                    loop {
                        elems.push(self.value()?);
                        if self.eat(&Tok::Comma) {
                            continue;
                        }
                        if !self.eat(&Tok::RBrace) {
                            return Err(self.expected("`,` or `}`"));
                        }
                        break;
                    }
                }
                let end = self.toks[self.pos - 1].2;
                return Ok(CfgValue::Set {
                    elems,
                    span: self.span(s, end),
                });
            }
            Tok::Ident(name) if self.peek_kw().is_none() => {
                CfgValue::ModelValue(Ident { name, span })
            }
            _ => return Err(self.expected("a value (number, string, TRUE, FALSE, set or name)")),
        };
        self.pos += 1;
        Ok(v)
    }

    /// One `CONSTANT` entry.
    fn constant_entry(&mut self) -> Result<ConstantAssignment, Skip> {
        let start = self.here();
        let name = self.path_name()?;
        if self.eat(&Tok::LArrow) {
            let module = self.module_qualifier()?;
            let target = self.name("the name of the overriding definition")?;
            let span = start.to(target.span);
            return Ok(ConstantAssignment::Override {
                name,
                module,
                target,
                span,
            });
        }
        let mut params = Vec::new();
        if self.eat(&Tok::LParen) {
            loop {
                params.push(self.value()?);
                if self.eat(&Tok::Comma) {
                    continue;
                }
                if !self.eat(&Tok::RParen) {
                    return Err(self.expected("`,` or `)`"));
                }
                break;
            }
        }
        if !self.eat(&Tok::Eq) {
            return Err(self.expected("`=` or `<-`"));
        }
        let module = self.module_qualifier()?;
        let value = self.value()?;
        let span = start.to(value.span());
        Ok(ConstantAssignment::Value {
            name,
            params,
            module,
            value,
            span,
        })
    }

    fn section(&mut self, kw: Kw, kw_span: Span, kw_text: &str) {
        match kw {
            Kw::Constant => {
                while self.pos < self.toks.len() && self.peek_kw().is_none() {
                    match self.constant_entry() {
                        Ok(c) => self.cfg.constants.push(c),
                        Err(Skip) => self.skip_to_keyword(),
                    }
                }
            }
            Kw::Init | Kw::Next | Kw::Specification | Kw::Symmetry | Kw::View | Kw::Alias => {
                let id = match self.name(&format!("an operator name after {kw_text}")) {
                    Ok(id) => id,
                    Err(Skip) => {
                        self.skip_to_keyword();
                        return;
                    }
                };
                let slot = match kw {
                    Kw::Init => &mut self.cfg.init,
                    Kw::Next => &mut self.cfg.next,
                    Kw::Specification => &mut self.cfg.specification,
                    Kw::Symmetry => &mut self.cfg.symmetry,
                    Kw::View => &mut self.cfg.view,
                    _ => &mut self.cfg.alias,
                };
                if slot.is_some() {
                    self.error(
                        kw_span,
                        format!("the keyword {kw_text} appears twice in the configuration"),
                    );
                    return;
                }
                *slot = Some(id);
                match kw {
                    Kw::Init | Kw::Next => {
                        if self.cfg.specification.is_some() {
                            self.conflict(kw_span);
                        }
                        self.init_or_next_at.get_or_insert(kw_span);
                    }
                    Kw::Specification if self.init_or_next_at.is_some() => {
                        self.conflict(kw_span);
                    }
                    _ => {}
                }
            }
            Kw::Invariant
            | Kw::Property
            | Kw::Constraint
            | Kw::ActionConstraint
            | Kw::Postcondition
            | Kw::Ignored => {
                while self.pos < self.toks.len() && self.peek_kw().is_none() {
                    if let Some(k) = misspelled_keyword(self.text(self.pos)) {
                        // TLC would take it as one more name; almost surely a typo
                        let (s, _, e) = self.toks[self.pos];
                        let word = self.text(self.pos);
                        self.error(
                            self.span(s, e),
                            format!("unknown keyword `{word}` (did you mean {k}?)"),
                        );
                        self.pos += 1;
                        self.skip_to_keyword();
                        return;
                    }
                    match self.name(&format!("an operator name in {kw_text}")) {
                        Ok(id) => match kw {
                            Kw::Invariant => self.cfg.invariants.push(id),
                            Kw::Property => self.cfg.properties.push(id),
                            Kw::Constraint => self.cfg.constraints.push(id),
                            Kw::ActionConstraint => self.cfg.action_constraints.push(id),
                            Kw::Postcondition => self.cfg.postconditions.push(id),
                            _ => {}
                        },
                        Err(Skip) => self.pos += 1,
                    }
                }
            }
            Kw::CheckDeadlock => {
                let value = match self.peek() {
                    Some((_, Tok::True, _)) => true,
                    Some((_, Tok::False, _)) => false,
                    _ => {
                        self.expected("TRUE or FALSE after CHECK_DEADLOCK");
                        self.skip_to_keyword();
                        return;
                    }
                };
                self.pos += 1;
                if self.cfg.check_deadlock.is_some() {
                    self.error(
                        kw_span,
                        "the keyword CHECK_DEADLOCK appears twice in the configuration",
                    );
                    return;
                }
                self.cfg.check_deadlock = Some(value);
            }
        }
    }

    fn conflict(&mut self, span: Span) {
        if self.conflict_reported {
            return;
        }
        self.conflict_reported = true;
        self.error(
            span,
            "SPECIFICATION cannot be used together with INIT or NEXT in a configuration",
        );
    }

    fn run(&mut self) {
        while self.pos < self.toks.len() {
            let (s, _, e) = self.toks[self.pos];
            let kw_span = self.span(s, e);
            let text = self.text(self.pos);
            let Some(kw) = keyword(text) else {
                let message = match misspelled_keyword(text) {
                    Some(k) => format!("unknown keyword `{text}` (did you mean {k}?)"),
                    None => format!(
                        "expected a configuration keyword (CONSTANT, INIT, NEXT, SPECIFICATION, \
                         INVARIANT, PROPERTY, ...), found `{text}`"
                    ),
                };
                self.error(kw_span, message);
                self.pos += 1;
                self.skip_to_keyword();
                continue;
            };
            self.pos += 1;
            self.section(kw, kw_span, text);
        }
    }
}

/// Parses a TLC `.cfg` file. Returns the configuration built from every
/// well-formed part and all errors found (lexical errors included); never panics.
pub fn parse_config(file: FileId, src: &str) -> (Config, Vec<SyntaxError>) {
    let (toks, lex_errors) = lexer::lex_all(file, src);
    let mut p = Parser {
        file,
        src,
        toks,
        pos: 0,
        errors: lex_errors,
        cfg: Config::default(),
        init_or_next_at: None,
        conflict_reported: false,
    };
    p.run();
    (p.cfg, p.errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(src: &str) -> Config {
        let (c, e) = parse_config(FileId(0), src);
        assert!(e.is_empty(), "{e:?}");
        c
    }

    fn errs(src: &str) -> Vec<String> {
        parse_config(FileId(0), src)
            .1
            .into_iter()
            .map(|e| e.message)
            .collect()
    }

    #[test]
    fn basic_sections() {
        let c = ok(
            "INIT Init NEXT Next\nINVARIANTS TypeOK Safe\nINVARIANT More\nPROPERTY Live\n\
                    CHECK_DEADLOCK FALSE",
        );
        assert_eq!(c.init.map(|i| i.name), Some(Arc::from("Init")));
        assert_eq!(c.next.map(|i| i.name), Some(Arc::from("Next")));
        assert_eq!(c.invariants.len(), 3);
        assert_eq!(c.properties.len(), 1);
        assert_eq!(c.check_deadlock, Some(false));
    }

    #[test]
    fn empty_config_is_fine() {
        assert_eq!(ok(""), Config::default());
        assert_eq!(
            ok("\\* only a comment\n(* and another *)"),
            Config::default()
        );
    }

    #[test]
    fn constants() {
        let c = ok(
            "CONSTANTS N = 3 M = -2 S = {a, b, {1}} T = \"x\" B = TRUE\n\
                    f(1, a) = 2 Op <- Impl A!B!c = 1 D <- [Mod] E X = [Mod] 4",
        );
        assert_eq!(c.constants.len(), 10);
        match &c.constants[1] {
            ConstantAssignment::Value { value, .. } => {
                assert!(matches!(value, CfgValue::Int { value: -2, .. }))
            }
            other => panic!("{other:?}"),
        }
        match &c.constants[7] {
            ConstantAssignment::Value { name, .. } => assert_eq!(&*name.name, "A!B!c"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn errors() {
        assert!(errs("INIT Init\nSPECIFICATION Spec")[0].contains("SPECIFICATION cannot"));
        assert!(errs("SPECIFICATION Spec\nNEXT Next")[0].contains("SPECIFICATION cannot"));
        assert!(errs("INIT A INIT B")[0].contains("appears twice"));
        assert!(errs("INVARIANTZ Foo")[0]
            .contains("unknown keyword `INVARIANTZ` (did you mean INVARIANT?)"));
        assert!(errs("INVARIANT A\nPROPERTYS B")[0].contains("did you mean PROPERTY?"));
        assert!(errs("Foo")[0].contains("expected a configuration keyword"));
        assert_eq!(ok("INVARIANT TYPEOK INV").invariants.len(), 2);
        assert!(errs("CONSTANT N 3")[0].contains("expected `=` or `<-`"));
        assert!(errs("CHECK_DEADLOCK maybe")[0].contains("TRUE or FALSE"));
        assert!(errs("INIT")[0].contains("end of file"));
        assert!(errs("CONSTANT N = 99999999999999999999")[0].contains("out of range"));
    }
}
