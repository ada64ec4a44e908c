//! The raw TLA+ lexer: turns source text into [`Tok`]s with byte spans, before the
//! junction-list layout pass ([`crate::layout`]).
//!
//! Built on a [logos] automaton ([`Raw`]) plus a small driver that handles what a
//! regular lexer cannot:
//!
//! - **Module structure.** Text before the first `---- MODULE` line and after the
//!   matching `====` is skipped without being lexed (it may contain anything);
//!   nested modules and several modules in one file are tracked by depth.
//! - **Nested comments** `(* (* *) *)` (a logos callback) and `\*` line comments.
//! - **Canonical operators.** Every ASCII and Unicode spelling of an operator is
//!   mapped to one token: `\land` and `∧` become [`Tok::And`], `\leq`, `=<` and `≤`
//!   become `Tok::Infix("<=")`, and so on (see [`symbol`]).
//! - **Numbers** `\b101`, `\o17`, `\hFF` are converted to decimal digit strings.
//! - **`WF_` / `SF_`** are split off the identifier they prefix (`WF_vars` arrives as
//!   [`Tok::WF`] then `Ident("vars")`).
//!
//! Proof step labels `<1>2` are produced as [`Tok::StepLabel`] here; the layout pass
//! re-splits them into `<` `1` `>` `2` where an expression is expected.
//!
//! Lexing never stops at an error: bad characters, unterminated strings and comments
//! are reported as [`SyntaxError`]s and skipped.

use crate::ast::{FileId, Span};
use crate::token::Tok;
use crate::SyntaxError;
use logos::Logos;
use std::sync::Arc;

/// A token with its byte span: `(start, token, end)`, the triple lalrpop consumes.
pub type Spanned = (usize, Tok, usize);

/// Skips a nested `(* ... *)` comment whose opening `(*` was just matched.
/// Returns `true` if the comment is terminated (otherwise it runs to end of input).
fn block_comment(lex: &mut logos::Lexer<Raw>) -> bool {
    let rest = lex.remainder().as_bytes();
    let mut depth = 1usize;
    let mut i = 0;
    while i < rest.len() {
        if rest[i] == b'(' && rest.get(i + 1) == Some(&b'*') {
            depth += 1;
            i += 2;
        } else if rest[i] == b'*' && rest.get(i + 1) == Some(&b')') {
            depth -= 1;
            i += 2;
            if depth == 0 {
                lex.bump(i);
                return true;
            }
        } else {
            i += 1;
        }
    }
    lex.bump(rest.len());
    false
}

/// Raw token classes recognised by the logos automaton. The driver ([`lex`]) maps
/// them to [`Tok`]s using the matched text.
#[derive(Logos, Debug, Clone, Copy, PartialEq, Eq)]
#[logos(skip r"[ \t\r\n\f\u{feff}]+")]
pub enum Raw {
    /// `\*` comment to end of line.
    #[regex(r"\\\*[^\n]*", logos::skip)]
    LineComment,
    /// `(* ... *)`, nested; the flag says whether it was terminated.
    #[token("(*", block_comment)]
    BlockComment(bool),
    /// Four or more dashes (the driver merges a following `MODULE` into a
    /// [`Tok::ModuleStart`]).
    #[regex(r"-----*")]
    Dashes,
    /// Four or more `=`.
    #[regex(r"=====*")]
    ModuleEnd,
    /// An identifier or keyword (letters, digits, `_`, at least one letter).
    #[regex(r"[0-9a-zA-Z_]*[a-zA-Z][0-9a-zA-Z_]*")]
    Word,
    /// Decimal digits.
    #[regex(r"[0-9]+")]
    Num,
    /// `1.5`
    #[regex(r"[0-9]+\.[0-9]+")]
    Decimal,
    /// `\b101`
    #[regex(r"\\[bB][01]+", priority = 10)]
    Bin,
    /// `\o17`
    #[regex(r"\\[oO][0-7]+", priority = 10)]
    Oct,
    /// `\h1F`
    #[regex(r"\\[hH][0-9a-fA-F]+", priority = 10)]
    Hex,
    /// `\in`, `\cup`, `\A`, ...: looked up in [`symbol`].
    #[regex(r"\\[a-zA-Z]+")]
    BackslashWord,
    /// A complete string literal.
    #[regex(r#""([^"\\\r\n]|\\[^\r\n])*""#)]
    Str,
    /// A string literal without its closing quote on the same line.
    #[regex(r#""([^"\\\r\n]|\\[^\r\n])*"#)]
    UnterminatedStr,
    /// Any operator or punctuation symbol: looked up in [`symbol`].
    #[token("/\\")]
    #[token("\\/")]
    #[token("~")]
    #[token("~>")]
    #[token("=")]
    #[token("==")]
    #[token("=>")]
    #[token("=<")]
    #[token("=|")]
    #[token("#")]
    #[token("##")]
    #[token("/=")]
    #[token("/")]
    #[token("//")]
    #[token("<")]
    #[token("<=")]
    #[token("<=>")]
    #[token("<<")]
    #[token("<-")]
    #[token("<:")]
    #[token("<>")]
    #[token(">")]
    #[token(">=")]
    #[token(">>")]
    #[token(">>_")]
    #[token("(")]
    #[token(")")]
    #[token("[")]
    #[token("]")]
    #[token("]_")]
    #[token("[]")]
    #[token("{")]
    #[token("}")]
    #[token(",")]
    #[token(":")]
    #[token("::")]
    #[token(":=")]
    #[token("::=")]
    #[token(":>")]
    #[token(".")]
    #[token("..")]
    #[token("...")]
    #[token("_")]
    #[token("!")]
    #[token("!!")]
    #[token("@")]
    #[token("@@")]
    #[token("'")]
    #[token("+")]
    #[token("++")]
    #[token("-")]
    #[token("--")]
    #[token("->")]
    #[token("-|")]
    #[token("-+->")]
    #[token("*")]
    #[token("**")]
    #[token("^")]
    #[token("^^")]
    #[token("^+")]
    #[token("^*")]
    #[token("^#")]
    #[token("%")]
    #[token("%%")]
    #[token("&")]
    #[token("&&")]
    #[token("|")]
    #[token("||")]
    #[token("|->")]
    #[token("|-")]
    #[token("|=")]
    #[token("$")]
    #[token("$$")]
    #[token("??")]
    #[token("\\")]
    #[token("(+)")]
    #[token("(-)")]
    #[token("(.)")]
    #[token("(/)")]
    #[token("(\\X)")]
    Sym,
    /// A Unicode operator symbol: looked up in [`symbol`].
    #[regex(
        "[∧∨¬≠≤≥∈∉⊆⊂⊇⊃∪∩×≡⇔⇒↝⇸↦→←≜⟨⟩〈〉□☐◇⋄∀∃⊕⊖⊗⊙⊘∘≺⪯≼≻⪰≽∼≃≈≅≐≪≫⊏⊑⊐⊒⊓⊔⊎≀●⋆◯∝≍⊢⊣⊨⫤⩴≔…‥÷⋅‖‼⁇⁺∷′∖]"
    )]
    #[token("⟩_")]
    #[token("〉_")]
    #[token("∀∀")]
    #[token("∃∃")]
    UniSym,
}

fn infix(s: &str) -> Tok {
    Tok::Infix(Arc::from(s))
}

/// The canonical token for an operator or punctuation symbol (ASCII, `\word` or
/// Unicode spelling), or `None` if `s` is not one.
pub fn symbol(s: &str) -> Option<Tok> {
    use Tok::*;
    Some(match s {
        "/\\" | "\\land" | "∧" => And,
        "\\/" | "\\lor" | "∨" => Or,
        "~" | "\\lnot" | "\\neg" | "¬" => Not,
        "=" => Eq,
        "==" | "≜" => DefEq,
        "\\in" | "∈" => In_,
        "-" => Minus,
        "[]" | "□" | "☐" => Box_,
        "<>" | "◇" | "⋄" => Diamond,
        "\\X" | "\\times" | "×" => Times,
        "<" => Lt,
        ">" => Gt,
        "(" => LParen,
        ")" => RParen,
        "[" => LBracket,
        "]" => RBracket,
        "]_" => RBracketUnder,
        "{" => LBrace,
        "}" => RBrace,
        "<<" | "⟨" | "〈" => LAngle,
        ">>" | "⟩" | "〉" => RAngle,
        ">>_" | "⟩_" | "〉_" => RAngleUnder,
        "," => Comma,
        ":" => Colon,
        "::" | "∷" => ColonColon,
        "." => Dot,
        "_" => Underscore,
        "<-" | "←" => LArrow,
        "->" | "→" => Arrow,
        "|->" | "↦" => MapsTo,
        "!" => Bang,
        "@" => At,
        "'" | "′" => Prime,
        "\\A" | "\\forall" | "∀" => Forall,
        "\\E" | "\\exists" | "∃" => Exists,
        "\\AA" | "∀∀" => TForall,
        "\\EE" | "∃∃" => TExists,
        "^+" | "⁺" => Postfix(Arc::from("^+")),
        "^*" => Postfix(Arc::from("^*")),
        "^#" => Postfix(Arc::from("^#")),
        // infix operators with several spellings
        "#" | "/=" | "≠" => infix("/="),
        "<=" | "=<" | "\\leq" | "≤" => infix("<="),
        ">=" | "\\geq" | "≥" => infix(">="),
        "\\notin" | "∉" => infix("\\notin"),
        "\\subseteq" | "⊆" => infix("\\subseteq"),
        "\\subset" | "⊂" => infix("\\subset"),
        "\\supseteq" | "⊇" => infix("\\supseteq"),
        "\\supset" | "⊃" => infix("\\supset"),
        "\\cup" | "\\union" | "∪" => infix("\\cup"),
        "\\cap" | "\\intersect" | "∩" => infix("\\cap"),
        "\\o" | "\\circ" | "∘" => infix("\\o"),
        "<=>" | "\\equiv" | "≡" | "⇔" => infix("<=>"),
        "=>" | "⇒" => infix("=>"),
        "~>" | "↝" => infix("~>"),
        "-+->" | "⇸" => infix("-+->"),
        "(+)" | "\\oplus" | "⊕" => infix("\\oplus"),
        "(-)" | "\\ominus" | "⊖" => infix("\\ominus"),
        "(\\X)" | "\\otimes" | "⊗" => infix("\\otimes"),
        "(.)" | "\\odot" | "⊙" => infix("\\odot"),
        "(/)" | "\\oslash" | "⊘" => infix("\\oslash"),
        "\\prec" | "≺" => infix("\\prec"),
        "\\preceq" | "⪯" | "≼" => infix("\\preceq"),
        "\\succ" | "≻" => infix("\\succ"),
        "\\succeq" | "⪰" | "≽" => infix("\\succeq"),
        "\\sim" | "∼" => infix("\\sim"),
        "\\simeq" | "≃" => infix("\\simeq"),
        "\\approx" | "≈" => infix("\\approx"),
        "\\cong" | "≅" => infix("\\cong"),
        "\\doteq" | "≐" => infix("\\doteq"),
        "\\ll" | "≪" => infix("\\ll"),
        "\\gg" | "≫" => infix("\\gg"),
        "\\sqsubset" | "⊏" => infix("\\sqsubset"),
        "\\sqsubseteq" | "⊑" => infix("\\sqsubseteq"),
        "\\sqsupset" | "⊐" => infix("\\sqsupset"),
        "\\sqsupseteq" | "⊒" => infix("\\sqsupseteq"),
        "\\sqcap" | "⊓" => infix("\\sqcap"),
        "\\sqcup" | "⊔" => infix("\\sqcup"),
        "\\uplus" | "⊎" => infix("\\uplus"),
        "\\wr" | "≀" => infix("\\wr"),
        "\\bullet" | "●" => infix("\\bullet"),
        "\\star" | "⋆" => infix("\\star"),
        "\\bigcirc" | "◯" => infix("\\bigcirc"),
        "\\propto" | "∝" => infix("\\propto"),
        "\\asymp" | "≍" => infix("\\asymp"),
        "\\cdot" | "⋅" => infix("\\cdot"),
        "\\div" | "÷" => infix("\\div"),
        "\\" | "∖" | "\\setminus" => infix("\\"),
        "|-" | "⊢" => infix("|-"),
        "-|" | "⊣" => infix("-|"),
        "|=" | "⊨" => infix("|="),
        "=|" | "⫤" => infix("=|"),
        "::=" | "⩴" => infix("::="),
        ":=" | "≔" => infix(":="),
        "..." | "…" => infix("..."),
        ".." | "‥" => infix(".."),
        "||" | "‖" => infix("||"),
        "!!" | "‼" => infix("!!"),
        "??" | "⁇" => infix("??"),
        "+" | "++" | "*" | "**" | "/" | "//" | "^" | "^^" | "%" | "%%" | "&" | "&&" | "|" | "$"
        | "$$" | "##" | "@@" | ":>" | "<:" | "--" => infix(s),
        _ => return None,
    })
}

/// The token for a word (identifier or keyword).
pub fn word(s: &str) -> Tok {
    use Tok::*;
    match s {
        "MODULE" => Module,
        "EXTENDS" => Extends,
        "CONSTANT" | "CONSTANTS" => Constant,
        "VARIABLE" | "VARIABLES" => Variable,
        "ASSUME" | "ASSUMPTION" => Assume,
        "AXIOM" => Axiom,
        "THEOREM" | "LEMMA" | "COROLLARY" | "PROPOSITION" => Theorem,
        "INSTANCE" => Instance,
        "WITH" => With,
        "LOCAL" => Local,
        "RECURSIVE" => Recursive,
        "LET" => Let,
        "IN" => In,
        "IF" => If,
        "THEN" => Then,
        "ELSE" => Else,
        "CASE" => Case,
        "OTHER" => Other,
        "CHOOSE" => Choose,
        "LAMBDA" => Lambda,
        "EXCEPT" => Except,
        "TRUE" => True,
        "FALSE" => False,
        "ENABLED" => Enabled,
        "UNCHANGED" => Unchanged,
        "SUBSET" => Subset,
        "UNION" => Union,
        "DOMAIN" => Domain,
        "PROOF" => Proof,
        "BY" => By,
        "OBVIOUS" => Obvious,
        "OMITTED" => Omitted,
        "QED" => Qed,
        "SUFFICES" => Suffices,
        "PICK" => Pick,
        "HAVE" => Have,
        "TAKE" => Take,
        "WITNESS" => Witness,
        "USE" => Use,
        "HIDE" => Hide,
        "DEFINE" => Define,
        "DEF" | "DEFS" => Def,
        "PROVE" => Prove,
        "NEW" => New,
        "STATE" | "ACTION" | "TEMPORAL" => Level(Arc::from(s)),
        "ONLY" => Only,
        _ => Ident(Arc::from(s)),
    }
}

/// Converts the digits of a numeral in base `radix` (2, 8 or 16) to decimal digits.
/// Returns `None` if a digit is invalid. Arbitrary length.
pub fn radix_to_decimal(digits: &str, radix: u32) -> Option<String> {
    // little-endian limbs in base 10^9
    const BASE: u64 = 1_000_000_000;
    let mut limbs: Vec<u64> = vec![0];
    for c in digits.chars() {
        let d = c.to_digit(radix)? as u64;
        let mut carry = d;
        for limb in limbs.iter_mut() {
            let v = *limb * radix as u64 + carry;
            *limb = v % BASE;
            carry = v / BASE;
        }
        while carry > 0 {
            limbs.push(carry % BASE);
            carry /= BASE;
        }
    }
    let mut out = String::new();
    let mut iter = limbs.iter().rev();
    if let Some(first) = iter.next() {
        out.push_str(&first.to_string());
    }
    for limb in iter {
        out.push_str(&format!("{limb:09}"));
    }
    Some(out)
}

/// Resolves the escapes of a string literal's body (without quotes):
/// `\"`, `\\`, `\n`, `\t`, `\r`, `\f`. Any other escaped character is kept with
/// its backslash.
pub fn unescape(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('f') => out.push('\u{c}'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Length of the rest of a step label after its `<`: `1>2`, `12>a_b`, `*>`, `+>`;
/// 0 if `rest` does not continue a step label.
fn step_label_len(rest: &str) -> usize {
    let b = rest.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'*' | b'+')) {
        i = 1;
    } else {
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == 0 {
            return 0;
        }
    }
    if b.get(i) != Some(&b'>') {
        return 0;
    }
    i += 1;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
        i += 1;
    }
    i
}

/// Finds the start of the next `---- MODULE` header at or after `from`: four or
/// more dashes, optional whitespace, then the word `MODULE`.
fn find_module_start(src: &str, from: usize) -> Option<usize> {
    let bytes = src.as_bytes();
    let mut search = from;
    while let Some(rel) = src.get(search..)?.find("MODULE") {
        let kw = search + rel;
        search = kw + "MODULE".len();
        // MODULE must not be followed by a word character
        if bytes
            .get(search)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
        {
            continue;
        }
        let mut i = kw;
        while i > from && matches!(bytes[i - 1], b' ' | b'\t' | b'\r' | b'\n') {
            i -= 1;
        }
        let dash_end = i;
        while i > from && bytes[i - 1] == b'-' {
            i -= 1;
        }
        if dash_end - i >= 4 {
            return Some(i);
        }
    }
    None
}

/// Output of the raw lexer.
struct Out<'a> {
    file: FileId,
    src: &'a str,
    toks: Vec<Spanned>,
    errors: Vec<SyntaxError>,
}

impl Out<'_> {
    fn error(&mut self, start: usize, end: usize, message: String) {
        self.errors.push(SyntaxError {
            span: Span::new(self.file, start, end),
            message,
        });
    }

    /// Reports an unexpected character, merging runs of adjacent bad characters.
    fn bad_char(&mut self, start: usize, end: usize) {
        if let Some(last) = self.errors.last_mut() {
            if last.span.end as usize == start && last.message.starts_with("unexpected character") {
                last.span.end = end as u32;
                last.message = format!(
                    "unexpected characters `{}`",
                    &self.src[last.span.start as usize..end]
                );
                return;
            }
        }
        self.error(
            start,
            end,
            format!("unexpected character `{}`", &self.src[start..end]),
        );
    }

    /// Pushes the token(s) for a word, splitting `WF_`/`SF_` prefixes.
    fn word(&mut self, start: usize, end: usize) {
        let text = &self.src[start..end];
        for (prefix, tok) in [("WF_", Tok::WF), ("SF_", Tok::SF)] {
            if let Some(rest) = text.strip_prefix(prefix) {
                self.toks.push((start, tok, start + 3));
                if !rest.is_empty() {
                    let t = if rest.bytes().all(|b| b.is_ascii_digit()) {
                        Tok::Num(Arc::from(rest))
                    } else if rest.bytes().any(|b| b.is_ascii_alphabetic()) {
                        word(rest)
                    } else {
                        // only underscores and digits: not a name
                        self.error(start + 3, end, format!("`{rest}` is not a valid subscript"));
                        return;
                    };
                    self.toks.push((start + 3, t, end));
                }
                return;
            }
        }
        self.toks.push((start, word(text), end));
    }
}

/// Lexes the region starting at `from` (which is the start of a `---- MODULE`
/// header when `modules` is true) until the outermost module ends (or to end of
/// input). Returns the byte offset where lexing stopped.
fn lex_region(out: &mut Out<'_>, from: usize, modules: bool) -> usize {
    let src = out.src;
    let mut lexer = Raw::lexer(&src[from..]);
    let mut depth = 0usize;
    while let Some(res) = lexer.next() {
        let span = lexer.span();
        let (s, e) = (from + span.start, from + span.end);
        let text = lexer.slice();
        let raw = match res {
            Ok(raw) => raw,
            Err(()) => {
                out.bad_char(s, e);
                continue;
            }
        };
        match raw {
            Raw::LineComment => {}
            Raw::BlockComment(terminated) => {
                if !terminated {
                    out.error(
                        s,
                        s + 2,
                        "unterminated comment: `(*` without matching `*)`".into(),
                    );
                }
            }
            Raw::Dashes => {
                let rest = lexer.remainder();
                let trimmed = rest.trim_start_matches([' ', '\t', '\r', '\n']);
                let ws = rest.len() - trimmed.len();
                let is_header = trimmed.strip_prefix("MODULE").is_some_and(|after| {
                    !after
                        .bytes()
                        .next()
                        .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
                });
                if is_header {
                    lexer.bump(ws + "MODULE".len());
                    depth += 1;
                    out.toks
                        .push((s, Tok::ModuleStart, e + ws + "MODULE".len()));
                } else {
                    out.toks.push((s, Tok::Dashes, e));
                }
            }
            Raw::ModuleEnd => {
                out.toks.push((s, Tok::ModuleEnd, e));
                if modules {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return e;
                    }
                }
            }
            Raw::Word => out.word(s, e),
            Raw::Num => out.toks.push((s, Tok::Num(Arc::from(text)), e)),
            Raw::Decimal => out.toks.push((s, Tok::Decimal(Arc::from(text)), e)),
            Raw::Bin | Raw::Oct | Raw::Hex => {
                let radix = match raw {
                    Raw::Bin => 2,
                    Raw::Oct => 8,
                    _ => 16,
                };
                match radix_to_decimal(&text[2..], radix) {
                    Some(d) => out.toks.push((s, Tok::Num(Arc::from(d)), e)),
                    None => out.error(s, e, format!("invalid numeral `{text}`")),
                }
            }
            Raw::BackslashWord => match symbol(text) {
                Some(t) => out.toks.push((s, t, e)),
                None => out.error(s, e, format!("unknown operator `{text}`")),
            },
            Raw::Str => {
                let body = &text[1..text.len() - 1];
                out.toks.push((s, Tok::Str(Arc::from(unescape(body))), e));
            }
            Raw::UnterminatedStr => {
                out.error(
                    s,
                    e,
                    "unterminated string literal (missing closing `\"` on this line)".into(),
                );
            }
            Raw::Sym if text == "<" => {
                // step labels `<1>2`, `<1>a`, `<1>`, `<*>`, `<+>` (logos cannot
                // backtrack out of a failed `<1` prefix, so they are matched here)
                let n = step_label_len(lexer.remainder());
                if n > 0 {
                    lexer.bump(n);
                    let e = e + n;
                    out.toks.push((s, Tok::StepLabel(Arc::from(&src[s..e])), e));
                } else {
                    out.toks.push((s, Tok::Lt, e));
                }
            }
            Raw::Sym | Raw::UniSym => match symbol(text) {
                Some(t) => out.toks.push((s, t, e)),
                None => out.bad_char(s, e),
            },
        }
    }
    src.len()
}

/// Lexes a `.tla` file: only the text of modules (from a `---- MODULE` line to its
/// matching `====`) is lexed; everything else is skipped. Tokens are canonical but
/// not yet laid out (every `/\` is [`Tok::And`]); see [`crate::layout::tokenize`]
/// for the stream the grammar consumes.
pub fn lex(file: FileId, src: &str) -> (Vec<Spanned>, Vec<SyntaxError>) {
    let mut out = Out {
        file,
        src,
        toks: Vec::new(),
        errors: Vec::new(),
    };
    let mut pos = 0;
    while let Some(start) = find_module_start(src, pos) {
        pos = lex_region(&mut out, start, true);
        if pos >= src.len() {
            break;
        }
    }
    (out.toks, out.errors)
}

/// Lexes all of `src` with the TLA+ token rules, ignoring module structure (used
/// for `.cfg` files, which TLC reads with the TLA+ tokenizer).
pub fn lex_all(file: FileId, src: &str) -> (Vec<Spanned>, Vec<SyntaxError>) {
    let mut out = Out {
        file,
        src,
        toks: Vec::new(),
        errors: Vec::new(),
    };
    lex_region(&mut out, 0, false);
    (out.toks, out.errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(src: &str) -> Vec<Tok> {
        let (t, e) = lex_all(FileId(0), src);
        assert!(e.is_empty(), "unexpected errors for {src:?}: {e:?}");
        t.into_iter().map(|(_, t, _)| t).collect()
    }

    fn one(src: &str) -> Tok {
        let t = toks(src);
        assert_eq!(t.len(), 1, "{src:?} gave {t:?}");
        t.into_iter().next().unwrap()
    }

    fn id(s: &str) -> Tok {
        Tok::Ident(Arc::from(s))
    }
    fn num(s: &str) -> Tok {
        Tok::Num(Arc::from(s))
    }

    #[test]
    fn identifiers_and_keywords() {
        assert_eq!(one("x"), id("x"));
        assert_eq!(one("x_1"), id("x_1"));
        assert_eq!(one("1st"), id("1st"));
        assert_eq!(one("_a"), id("_a"));
        assert_eq!(one("a_b_C9"), id("a_b_C9"));
        assert_eq!(one("CONSTANTS"), Tok::Constant);
        assert_eq!(one("CONSTANT"), Tok::Constant);
        assert_eq!(one("VARIABLES"), Tok::Variable);
        assert_eq!(one("LEMMA"), Tok::Theorem);
        assert_eq!(one("ASSUMPTION"), Tok::Assume);
        assert_eq!(one("DEFS"), Tok::Def);
        assert_eq!(one("TEMPORAL"), Tok::Level(Arc::from("TEMPORAL")));
        assert_eq!(one("BOOLEAN"), id("BOOLEAN"));
        assert_eq!(one("Nat"), id("Nat"));
        assert_eq!(one("_"), Tok::Underscore);
    }

    #[test]
    fn numbers() {
        assert_eq!(one("42"), num("42"));
        assert_eq!(one("\\b101"), num("5"));
        assert_eq!(one("\\B11"), num("3"));
        assert_eq!(one("\\o17"), num("15"));
        assert_eq!(one("\\h1F"), num("31"));
        assert_eq!(one("\\HfF"), num("255"));
        assert_eq!(
            one("\\hFFFFFFFFFFFFFFFFFFFF"),
            num("1208925819614629174706175")
        );
        assert_eq!(one("1.5"), Tok::Decimal(Arc::from("1.5")));
        assert_eq!(
            toks("1..3"),
            vec![num("1"), Tok::Infix(Arc::from("..")), num("3")]
        );
        assert_eq!(radix_to_decimal("0", 2).as_deref(), Some("0"));
        assert_eq!(
            radix_to_decimal("1000000000000000000000000000000", 10).as_deref(),
            Some("1000000000000000000000000000000")
        );
    }

    #[test]
    fn strings() {
        assert_eq!(one(r#""abc""#), Tok::Str(Arc::from("abc")));
        assert_eq!(
            one(r#""a\"b\\c\nd\te""#),
            Tok::Str(Arc::from("a\"b\\c\nd\te"))
        );
        assert_eq!(one(r#""""#), Tok::Str(Arc::from("")));
        assert_eq!(
            one(r#""(* not a comment *)""#),
            Tok::Str(Arc::from("(* not a comment *)"))
        );
    }

    #[test]
    fn comments() {
        assert_eq!(toks("a \\* comment /\\ \n b"), vec![id("a"), id("b")]);
        assert_eq!(toks("a (* x (* nested *) y *) b"), vec![id("a"), id("b")]);
        assert_eq!(toks("a (* multi\nline *) b"), vec![id("a"), id("b")]);
        assert_eq!(toks("(**********)x"), vec![id("x")]);
    }

    #[test]
    fn canonical_operators() {
        let cases: &[(&[&str], Tok)] = &[
            (&["/\\", "\\land", "∧"], Tok::And),
            (&["\\/", "\\lor", "∨"], Tok::Or),
            (&["~", "\\lnot", "\\neg", "¬"], Tok::Not),
            (&["#", "/=", "≠"], infix("/=")),
            (&["<=", "=<", "\\leq", "≤"], infix("<=")),
            (&[">=", "\\geq", "≥"], infix(">=")),
            (&["\\in", "∈"], Tok::In_),
            (&["\\notin", "∉"], infix("\\notin")),
            (&["\\subseteq", "⊆"], infix("\\subseteq")),
            (&["\\cup", "\\union", "∪"], infix("\\cup")),
            (&["\\cap", "\\intersect", "∩"], infix("\\cap")),
            (&["\\circ", "\\o", "∘"], infix("\\o")),
            (&["\\times", "\\X", "×"], Tok::Times),
            (&["\\equiv", "<=>", "≡", "⇔"], infix("<=>")),
            (&["=>", "⇒"], infix("=>")),
            (&["~>", "↝"], infix("~>")),
            (&["-+->", "⇸"], infix("-+->")),
            (&["|->", "↦"], Tok::MapsTo),
            (&["->", "→"], Tok::Arrow),
            (&["<-", "←"], Tok::LArrow),
            (&["==", "≜"], Tok::DefEq),
            (&["<<", "⟨"], Tok::LAngle),
            (&[">>", "⟩"], Tok::RAngle),
            (&["[]", "□"], Tok::Box_),
            (&["<>", "◇"], Tok::Diamond),
            (&["\\A", "\\forall", "∀"], Tok::Forall),
            (&["\\E", "\\exists", "∃"], Tok::Exists),
            (&["\\AA", "∀∀"], Tok::TForall),
            (&["\\EE", "∃∃"], Tok::TExists),
            (&["(+)", "\\oplus", "⊕"], infix("\\oplus")),
            (&["(-)", "\\ominus", "⊖"], infix("\\ominus")),
            (&["(\\X)", "\\otimes", "⊗"], infix("\\otimes")),
            (&["(.)", "\\odot", "⊙"], infix("\\odot")),
            (&["(/)", "\\oslash", "⊘"], infix("\\oslash")),
            (&["^+", "⁺"], Tok::Postfix(Arc::from("^+"))),
            (&["^*"], Tok::Postfix(Arc::from("^*"))),
            (&["^#"], Tok::Postfix(Arc::from("^#"))),
            (&["'"], Tok::Prime),
            (&["::"], Tok::ColonColon),
            (&["\\"], infix("\\")),
        ];
        for (spellings, want) in cases {
            for s in *spellings {
                assert_eq!(&one(s), want, "spelling {s}");
            }
        }
        for s in [
            "+", "-", "*", "/", "^", "%", "&", "|", "++", "--", "**", "//", "^^", "%%", "&&", "||",
            "$", "$$", "??", "##", "!!", "@@", ":>", "<:", ":=", "::=", "|-", "-|", "|=", "=|",
            "...", "..",
        ] {
            let t = one(s);
            if s == "-" {
                assert_eq!(t, Tok::Minus);
            } else {
                assert_eq!(t, infix(s), "{s}");
            }
        }
        for w in [
            "cdot",
            "div",
            "prec",
            "preceq",
            "succ",
            "succeq",
            "sim",
            "simeq",
            "approx",
            "cong",
            "doteq",
            "ll",
            "gg",
            "sqsubset",
            "sqsubseteq",
            "sqsupset",
            "sqsupseteq",
            "sqcap",
            "sqcup",
            "subset",
            "supset",
            "supseteq",
            "uplus",
            "wr",
            "bullet",
            "star",
            "bigcirc",
            "propto",
            "asymp",
        ] {
            let s = format!("\\{w}");
            assert_eq!(one(&s), infix(&s));
        }
    }

    #[test]
    fn punctuation() {
        use Tok::*;
        assert_eq!(
            toks("( ) [ ] { } , : . ! @ = < > _"),
            vec![
                LParen, RParen, LBracket, RBracket, LBrace, RBrace, Comma, Colon, Dot, Bang, At,
                Eq, Lt, Gt, Underscore
            ]
        );
        assert_eq!(
            toks("[A]_vars"),
            vec![LBracket, id("A"), RBracketUnder, id("vars")]
        );
        assert_eq!(toks("[A] _v"), vec![LBracket, id("A"), RBracket, id("_v")]);
        assert_eq!(
            toks("<<A>>_<<x>>"),
            vec![LAngle, id("A"), RAngleUnder, LAngle, id("x"), RAngle]
        );
        assert_eq!(toks("x'"), vec![id("x"), Prime]);
        assert_eq!(toks("-. a"), vec![Minus, Dot, id("a")]);
        // prefixes of longer tokens fall back to the shorter ones
        assert_eq!(toks("(-1)"), vec![LParen, Minus, num("1"), RParen]);
        assert_eq!(toks("(+1"), vec![LParen, infix("+"), num("1")]);
        assert_eq!(toks("(/"), vec![LParen, infix("/")]);
        assert_eq!(toks("(\\X"), vec![LParen, Times]);
        assert_eq!(toks("-+-"), vec![Minus, infix("+"), Minus]);
        assert_eq!(toks("::"), vec![ColonColon]);
        assert_eq!(toks("a---b"), vec![id("a"), infix("--"), Minus, id("b")]);
        assert_eq!(toks("=== "), vec![DefEq, Eq]);
    }

    #[test]
    fn fairness_prefixes() {
        use Tok::*;
        assert_eq!(
            toks("WF_vars(Next)"),
            vec![WF, id("vars"), LParen, id("Next"), RParen]
        );
        assert_eq!(toks("SF_<<x, y>>(A)")[..2], [SF, LAngle]);
        assert_eq!(toks("WF_x")[..], [WF, id("x")]);
        assert_eq!(toks("xWF_x")[..], [id("xWF_x")]);
    }

    #[test]
    fn step_labels() {
        assert_eq!(one("<1>2"), Tok::StepLabel(Arc::from("<1>2")));
        assert_eq!(one("<1>a"), Tok::StepLabel(Arc::from("<1>a")));
        assert_eq!(one("<12>"), Tok::StepLabel(Arc::from("<12>")));
        assert_eq!(one("<*>"), Tok::StepLabel(Arc::from("<*>")));
        assert_eq!(one("<+>"), Tok::StepLabel(Arc::from("<+>")));
        assert_eq!(toks("a < 1"), vec![id("a"), Tok::Lt, num("1")]);
        assert_eq!(toks("a<1"), vec![id("a"), Tok::Lt, num("1")]);
        assert_eq!(toks("a<1 "), vec![id("a"), Tok::Lt, num("1")]);
        assert_eq!(toks("<*"), vec![Tok::Lt, infix("*")]);
    }

    #[test]
    fn module_structure() {
        let src = "junk ==== (* \"\n---- MODULE M ----\nx\n----\n====\nmore junk \"\n-----MODULE N---\ny\n=====\n";
        let (t, e) = lex(FileId(0), src);
        assert!(e.is_empty(), "{e:?}");
        let t: Vec<Tok> = t.into_iter().map(|(_, t, _)| t).collect();
        use Tok::*;
        assert_eq!(
            t,
            vec![
                ModuleStart,
                id("M"),
                Dashes,
                id("x"),
                Dashes,
                ModuleEnd,
                ModuleStart,
                id("N"),
                Infix(Arc::from("--")),
                Minus,
                id("y"),
                ModuleEnd
            ]
        );
    }

    #[test]
    fn nested_modules() {
        let src = "---- MODULE A ----\n---- MODULE B ----\nb\n====\na\n====\nafter";
        let (t, e) = lex(FileId(0), src);
        assert!(e.is_empty(), "{e:?}");
        let t: Vec<Tok> = t.into_iter().map(|(_, t, _)| t).collect();
        assert_eq!(t.len(), 10, "{t:?}");
        assert_eq!(t[9], Tok::ModuleEnd);
        assert_eq!(t[8], id("a"));
    }

    #[test]
    fn errors_are_reported_and_lexing_continues() {
        let (t, e) = lex_all(FileId(0), "a ` b");
        assert_eq!(t.len(), 2);
        assert_eq!(e.len(), 1);
        assert_eq!((e[0].span.start, e[0].span.end), (2, 3));
        assert!(
            e[0].message.contains("unexpected character"),
            "{}",
            e[0].message
        );

        let (t, e) = lex_all(FileId(0), "a \"abc\nb");
        assert_eq!(t.len(), 2);
        assert!(e[0].message.contains("unterminated string"));

        let (t, e) = lex_all(FileId(0), "a (* (* *) b");
        assert_eq!(t.len(), 1);
        assert!(e[0].message.contains("unterminated comment"));
        assert_eq!((e[0].span.start, e[0].span.end), (2, 4));

        let (_, e) = lex_all(FileId(0), "a \\foo b");
        assert!(e[0].message.contains("unknown operator `\\foo`"));

        let (_, e) = lex_all(FileId(0), "a ``` b");
        assert_eq!(e.len(), 1, "adjacent bad characters are merged");
    }
}
