//! The TLA+ operator table (SANY's precedence ranges and associativity) and the resolver
//! that turns a flat operator sequence from the grammar into an expression tree.
//!
//! The grammar parses `~ a + b * c = d` as the flat list
//! `[Prefix ~, a, Infix +, b, Infix *, c, Infix =, d]`; [`resolve`] builds the tree with an
//! operator stack, like SANY's `OperatorStack`: operator 1 binds tighter than operator 2
//! iff `op1.lo > op2.hi`. Two occurrences of the same left-associative operator associate
//! to the left; `\X` is n-ary (`A \X B \X C` is one application with three arguments);
//! any other overlap of ranges (different operators, or a non-associative operator twice)
//! is a syntax error asking for parentheses.

use crate::ast::{Expr, ExprKind, FileId, Ident, Span};
use crate::SyntaxError;

/// How an operator associates with itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Assoc {
    /// `a op b op c` is `(a op b) op c`.
    Left,
    /// `a op b op c` is an error.
    None,
    /// `a op b op c` is one application with three arguments (only `\X`).
    Nary,
}

/// Precedence range and associativity of an operator, as in SANY (low..=high, 1..=17).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpInfo {
    /// Lowest precedence of the range.
    pub lo: u8,
    /// Highest precedence of the range.
    pub hi: u8,
    /// Associativity.
    pub assoc: Assoc,
}

const fn info(lo: u8, hi: u8, assoc: Assoc) -> OpInfo {
    OpInfo { lo, hi, assoc }
}

/// Precedence of an infix operator given by its canonical symbol.
///
/// Unknown symbols (which the lexer should never produce) get the range 5-5,
/// non-associative, like the relational operators.
pub fn infix_info(name: &str) -> OpInfo {
    use Assoc::{Left, Nary, None as NoA};
    match name {
        "=>" => info(1, 1, NoA),
        "<=>" | "\\equiv" | "~>" | "-+->" => info(2, 2, NoA),
        "/\\" | "\\/" => info(3, 3, Left),
        "=" | "/=" | "#" | "<" | ">" | "<=" | ">=" | "=<" | "\\leq" | "\\geq" | "\\in"
        | "\\notin" | "\\subseteq" | "\\subset" | "\\supseteq" | "\\supset" | ":=" | "::="
        | "|-" | "|=" | "-|" | "=|" | "\\prec" | "\\succ" | "\\preceq" | "\\succeq" | "\\sim"
        | "\\simeq" | "\\ll" | "\\gg" | "\\asymp" | "\\approx" | "\\cong" | "\\sqsubset"
        | "\\sqsubseteq" | "\\sqsupset" | "\\sqsupseteq" | "\\doteq" | "\\propto" => {
            info(5, 5, NoA)
        }
        "\\cdot" => info(5, 14, Left),
        "@@" => info(6, 6, Left),
        ":>" | "<:" => info(7, 7, NoA),
        "\\cup" | "\\union" | "\\cap" | "\\intersect" => info(8, 8, Left),
        "\\" | "\\setminus" => info(8, 8, NoA),
        ".." | "..." => info(9, 9, NoA),
        "$" | "$$" | "??" | "##" | "\\uplus" | "\\sqcap" | "\\sqcup" => info(9, 13, Left),
        "!!" => info(9, 13, NoA),
        "\\wr" => info(9, 14, NoA),
        "+" | "++" | "\\oplus" => info(10, 10, Left),
        "|" | "||" | "%%" => info(10, 11, Left),
        "%" => info(10, 11, NoA),
        "\\X" | "\\times" => info(10, 13, Nary),
        "-" | "--" | "\\ominus" => info(11, 11, Left),
        "*" | "**" | "&" | "&&" | "\\o" | "\\circ" | "\\odot" | "\\otimes" | "\\star"
        | "\\bigcirc" | "\\bullet" => info(13, 13, Left),
        "/" | "//" | "\\div" | "\\oslash" => info(13, 13, NoA),
        "^" | "^^" => info(14, 14, NoA),
        _ => info(5, 5, NoA),
    }
}

/// Precedence of a prefix operator given by its canonical symbol (`-.` is prefix minus).
pub fn prefix_info(name: &str) -> OpInfo {
    match name {
        "~" | "\\lnot" | "\\neg" => info(4, 4, Assoc::None),
        "[]" | "<>" | "ENABLED" | "UNCHANGED" => info(4, 15, Assoc::None),
        "SUBSET" | "UNION" | "DOMAIN" => info(10, 13, Assoc::None),
        "-." => info(12, 12, Assoc::None),
        _ => info(4, 15, Assoc::None),
    }
}

/// One element of a flat operator sequence.
#[derive(Debug)]
pub(crate) enum Item {
    /// An operand (already including its postfix chain).
    Operand(Expr),
    /// A prefix operator (prefix minus is named `-.`).
    Prefix(Ident),
    /// An infix operator.
    Infix(Ident),
}

#[derive(Debug)]
struct StackOp {
    name: Ident,
    info: OpInfo,
    prefix: bool,
    /// Number of operands (2 for infix, n for merged `\X`, 1 for prefix).
    arity: usize,
}

fn reduce(file: FileId, op: StackOp, operands: &mut Vec<Expr>) {
    let n = op.arity.min(operands.len());
    let args = operands.split_off(operands.len() - n);
    let mut span = op.name.span;
    for a in &args {
        span = span.to(a.span);
    }
    let _ = file;
    operands.push(Expr::new(
        ExprKind::Op {
            path: vec![],
            name: op.name,
            args,
        },
        span,
    ));
}

/// Builds the expression tree of a flat operator sequence (see the module docs).
///
/// `span` is the span of the whole sequence (used only if the sequence is malformed,
/// which the grammar rules out). Precedence conflicts are pushed to `errors` and resolved
/// as if the left operator bound tighter.
pub(crate) fn resolve(
    file: FileId,
    span: Span,
    items: Vec<Item>,
    errors: &mut Vec<SyntaxError>,
) -> Expr {
    if items.len() == 1 {
        if let Some(Item::Operand(_)) = items.first() {
            if let Some(Item::Operand(e)) = items.into_iter().next() {
                return e;
            }
            return Expr::new(ExprKind::Error, span);
        }
    }
    let mut operands: Vec<Expr> = Vec::new();
    let mut ops: Vec<StackOp> = Vec::new();
    for item in items {
        match item {
            Item::Operand(e) => operands.push(e),
            Item::Prefix(name) => {
                let info = prefix_info(&name.name);
                ops.push(StackOp {
                    name,
                    info,
                    prefix: true,
                    arity: 1,
                });
            }
            Item::Infix(name) => {
                let info2 = infix_info(&name.name);
                let mut merged = false;
                while let Some(top) = ops.last_mut() {
                    let info1 = top.info;
                    if info1.lo > info2.hi {
                        // left operator binds tighter
                    } else if info2.lo > info1.hi {
                        break;
                    } else if !top.prefix && top.name.name == name.name {
                        match info2.assoc {
                            Assoc::Left => {}
                            Assoc::Nary => {
                                top.arity += 1;
                                merged = true;
                                break;
                            }
                            Assoc::None => errors.push(SyntaxError {
                                span: name.span,
                                message: format!(
                                    "operator `{}` is not associative; add parentheses",
                                    name.name
                                ),
                            }),
                        }
                    } else {
                        errors.push(SyntaxError {
                            span: name.span,
                            message: format!(
                                "operators `{}` and `{}` have overlapping precedence; add parentheses",
                                display_name(&top.name.name, top.prefix),
                                name.name
                            ),
                        });
                    }
                    if let Some(top) = ops.pop() {
                        reduce(file, top, &mut operands);
                    }
                }
                if !merged {
                    ops.push(StackOp {
                        name,
                        info: info2,
                        prefix: false,
                        arity: 2,
                    });
                }
            }
        }
    }
    while let Some(top) = ops.pop() {
        reduce(file, top, &mut operands);
    }
    if operands.len() == 1 {
        if let Some(e) = operands.pop() {
            return e;
        }
    }
    Expr::new(ExprKind::Error, span)
}

fn display_name(name: &str, prefix: bool) -> &str {
    if prefix && name == "-." {
        "-"
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_follow_sany() {
        assert!(infix_info("*").lo > infix_info("+").hi);
        assert!(prefix_info("-.").lo > infix_info("-").hi);
        assert!(infix_info("^").lo > prefix_info("-.").hi);
        assert_eq!(infix_info("\\X").assoc, Assoc::Nary);
        assert_eq!(infix_info("=").assoc, Assoc::None);
        assert_eq!(infix_info("/\\").assoc, Assoc::Left);
    }
}
