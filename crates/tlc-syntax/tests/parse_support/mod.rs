//! Shared helpers of the parser tests: a compact S-expression printer for the AST and a
//! span-nesting checker.

#![allow(dead_code)]

use std::fmt::Write;
use tlc_syntax::ast::*;
use tlc_syntax::visit::Child;
use tlc_syntax::{SourceFile, Span};

/// Prints a module as an indented S-expression, one unit per line.
pub fn module_sexpr(sf: &SourceFile, m: &Module, indent: usize, out: &mut String) {
    let pad = "  ".repeat(indent);
    let _ = write!(out, "{pad}(module {} {}", m.name.name, range(sf, m.span));
    if !m.extends.is_empty() {
        let names: Vec<&str> = m.extends.iter().map(|i| &*i.name).collect();
        let _ = write!(out, " (extends {})", names.join(" "));
    }
    out.push('\n');
    for u in &m.units {
        unit_sexpr(sf, u, indent + 1, out);
    }
    let _ = writeln!(out, "{pad})");
}

fn range(sf: &SourceFile, s: Span) -> String {
    let (l1, c1) = sf.line_col(s.start);
    let (l2, c2) = sf.line_col(s.end);
    format!("@{l1}:{c1}-{l2}:{c2}")
}

fn decl(d: &OpDecl) -> String {
    if d.arity == 0 {
        d.name.name.to_string()
    } else {
        format!("({} {})", d.name.name, d.arity)
    }
}

fn decls(ds: &[OpDecl]) -> String {
    ds.iter().map(decl).collect::<Vec<_>>().join(" ")
}

fn local(b: bool) -> &'static str {
    if b {
        "local "
    } else {
        ""
    }
}

fn unit_sexpr(sf: &SourceFile, u: &Unit, indent: usize, out: &mut String) {
    let pad = "  ".repeat(indent);
    let line = match u {
        Unit::Variables(vs) => {
            let names: Vec<&str> = vs.iter().map(|i| &*i.name).collect();
            format!("(variables {})", names.join(" "))
        }
        Unit::Constants(cs) => format!("(constants {})", decls(cs)),
        Unit::Recursive(cs) => format!("(recursive {})", decls(cs)),
        Unit::OpDef(d) => op_def(sf, d),
        Unit::FnDef(d) => fn_def(sf, d),
        Unit::Instance(i) => instance(i),
        Unit::ModuleDef(d) => module_def(sf, d),
        Unit::Assume(a) => {
            let name = a
                .name
                .as_ref()
                .map(|n| format!("{} ", n.name))
                .unwrap_or_default();
            format!("(assume {name}{}) {}", expr(&a.expr), range(sf, a.span))
        }
        Unit::Theorem(t) => {
            let name = t
                .name
                .as_ref()
                .map(|n| format!("{} ", n.name))
                .unwrap_or_default();
            let body = t
                .expr
                .as_ref()
                .map(expr)
                .unwrap_or_else(|| "<assume-prove>".into());
            format!("(theorem {name}{body}) {}", range(sf, t.span))
        }
        Unit::Module(m) => {
            module_sexpr(sf, m, indent, out);
            return;
        }
        Unit::UseOrHide(s) => format!("(use-or-hide) {}", range(sf, *s)),
    };
    let _ = writeln!(out, "{pad}{line}");
}

fn op_def(sf: &SourceFile, d: &OpDef) -> String {
    format!(
        "({}def {} ({}) {}) {}",
        local(d.local),
        d.name.name,
        decls(&d.params),
        expr(&d.body),
        range(sf, d.span)
    )
}

fn fn_def(sf: &SourceFile, d: &FnDef) -> String {
    format!(
        "({}fndef {} {} {}) {}",
        local(d.local),
        d.name.name,
        bounds(&d.bounds),
        expr(&d.body),
        range(sf, d.span)
    )
}

fn instance(i: &Instance) -> String {
    let mut s = format!("({}instance {}", local(i.local), i.module.name);
    for (p, e) in &i.subs {
        let _ = write!(s, " ({} <- {})", p.name, expr(e));
    }
    s.push(')');
    s
}

fn module_def(sf: &SourceFile, d: &ModuleDef) -> String {
    format!(
        "({}moddef {} ({}) {}) {}",
        local(d.local),
        d.name.name,
        decls(&d.params),
        instance(&d.instance),
        range(sf, d.span)
    )
}

fn names(ids: &[Ident]) -> String {
    ids.iter()
        .map(|i| i.name.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

fn bound(b: &Bound) -> String {
    let vars = match &b.vars {
        BoundVars::Names(ns) => names(ns),
        BoundVars::Tuple(ns) => format!("<<{}>>", names(ns)),
    };
    match &b.set {
        Some(s) => format!("({vars} \\in {})", expr(s)),
        None => format!("({vars})"),
    }
}

fn bounds(bs: &[Bound]) -> String {
    format!("[{}]", bs.iter().map(bound).collect::<Vec<_>>().join(" "))
}

fn list(es: &[Expr]) -> String {
    es.iter().map(expr).collect::<Vec<_>>().join(" ")
}

fn let_def(d: &LetDef) -> String {
    let sf = SourceFile::new("", "");
    match d {
        LetDef::Op(d) => strip_range(op_def(&sf, d)),
        LetDef::Fn(d) => strip_range(fn_def(&sf, d)),
        LetDef::Recursive(ds) => format!("(recursive {})", decls(ds)),
        LetDef::Module(d) => strip_range(module_def(&sf, d)),
    }
}

fn strip_range(s: String) -> String {
    match s.rfind(" @") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Prints an expression as a compact S-expression.
pub fn expr(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Op { path, name, args } => {
            let mut n = String::new();
            for seg in path {
                n.push_str(&seg.name.name);
                if !seg.args.is_empty() {
                    let _ = write!(n, "({})", list(&seg.args));
                }
                n.push('!');
            }
            n.push_str(&name.name);
            if args.is_empty() {
                n
            } else {
                format!("({n} {})", list(args))
            }
        }
        ExprKind::Num(n) => n.to_string(),
        ExprKind::Decimal(n) => format!("{n}d"),
        ExprKind::Str(s) => format!("{s:?}"),
        ExprKind::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        ExprKind::And(es) => format!("(and {})", list(es)),
        ExprKind::Or(es) => format!("(or {})", list(es)),
        ExprKind::Quant {
            kind,
            bounds: bs,
            body,
        } => {
            let k = if *kind == Quant::Forall { "\\A" } else { "\\E" };
            format!("({k} {} {})", bounds(bs), expr(body))
        }
        ExprKind::TemporalQuant { kind, vars, body } => {
            let k = if *kind == Quant::Forall {
                "\\AA"
            } else {
                "\\EE"
            };
            format!("({k} ({}) {})", names(vars), expr(body))
        }
        ExprKind::Choose { bound: b, body } => format!("(choose {} {})", bound(b), expr(body)),
        ExprKind::SetEnum(es) => format!("(set {})", list(es)),
        ExprKind::SetFilter { bound: b, pred } => format!("(filter {} {})", bound(b), expr(pred)),
        ExprKind::SetMap { body, bounds: bs } => format!("(setmap {} {})", expr(body), bounds(bs)),
        ExprKind::FnCons { bounds: bs, body } => format!("(fn {} {})", bounds(bs), expr(body)),
        ExprKind::FnSet { domain, range } => format!("(fnset {} {})", expr(domain), expr(range)),
        ExprKind::Record(fs) => format!("(record {})", fields(fs)),
        ExprKind::RecordSet(fs) => format!("(recordset {})", fields(fs)),
        ExprKind::Except { base, updates } => {
            let mut s = format!("(except {}", expr(base));
            for u in updates {
                s.push_str(" (");
                for step in &u.path {
                    match step {
                        ExceptStep::Field(f) => {
                            let _ = write!(s, ".{}", f.name);
                        }
                        ExceptStep::Index(es) => {
                            let _ = write!(s, "[{}]", list(es));
                        }
                    }
                }
                let _ = write!(s, " = {})", expr(&u.value));
            }
            s.push(')');
            s
        }
        ExprKind::At => "@".to_string(),
        ExprKind::FnApp { func, args } => format!("(app {} {})", expr(func), list(args)),
        ExprKind::Dot { record, field } => format!("(. {} {})", expr(record), field.name),
        ExprKind::Tuple(es) => format!("(tuple {})", list(es)),
        ExprKind::If { cond, then, els } => {
            format!("(if {} {} {})", expr(cond), expr(then), expr(els))
        }
        ExprKind::Case { arms, other } => {
            let mut s = "(case".to_string();
            for (g, e) in arms {
                let _ = write!(s, " ({} -> {})", expr(g), expr(e));
            }
            if let Some(o) = other {
                let _ = write!(s, " (OTHER -> {})", expr(o));
            }
            s.push(')');
            s
        }
        ExprKind::Let { defs, body } => {
            let ds: Vec<String> = defs.iter().map(let_def).collect();
            format!("(let [{}] {})", ds.join(" "), expr(body))
        }
        ExprKind::Lambda { params, body } => format!("(lambda ({}) {})", names(params), expr(body)),
        ExprKind::BoxAction { action, sub } => {
            format!("(box-action {} {})", expr(action), expr(sub))
        }
        ExprKind::AngleAction { action, sub } => {
            format!("(angle-action {} {})", expr(action), expr(sub))
        }
        ExprKind::Fair { kind, sub, action } => {
            let k = if *kind == Fairness::Weak { "WF" } else { "SF" };
            format!("({k} {} {})", expr(sub), expr(action))
        }
        ExprKind::Label { name, params, body } => {
            format!("(label {} ({}) {})", name.name, names(params), expr(body))
        }
        ExprKind::Error => "<error>".to_string(),
    }
}

fn fields(fs: &[(Ident, Expr)]) -> String {
    fs.iter()
        .map(|(n, e)| format!("({} {})", n.name, expr(e)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Checks that every node's span lies within its parent's; returns the violations.
pub fn check_spans(m: &Module, bad: &mut Vec<String>) {
    for u in &m.units {
        match u {
            Unit::OpDef(d) => op_def_spans(d, bad),
            Unit::FnDef(d) => fn_def_spans(d, bad),
            Unit::Instance(i) => instance_spans(i.span, i, bad),
            Unit::ModuleDef(d) => {
                within(d.span, d.name.span, "moddef name", bad);
                within(d.span, d.instance.span, "moddef instance", bad);
                instance_spans(d.span, &d.instance, bad);
            }
            Unit::Assume(a) => {
                within(a.span, a.expr.span, "assume", bad);
                expr_spans(&a.expr, bad);
            }
            Unit::Theorem(t) => {
                if let Some(e) = &t.expr {
                    within(t.span, e.span, "theorem", bad);
                    expr_spans(e, bad);
                }
            }
            Unit::Module(inner) => {
                within(m.span, inner.span, "nested module", bad);
                check_spans(inner, bad);
            }
            _ => {}
        }
    }
}

fn within(outer: Span, inner: Span, what: &str, bad: &mut Vec<String>) {
    if !outer.contains(inner) || inner.start > inner.end {
        bad.push(format!("{what}: {inner:?} not within {outer:?}"));
    }
}

fn op_def_spans(d: &OpDef, bad: &mut Vec<String>) {
    within(d.span, d.name.span, "def name", bad);
    within(d.span, d.body.span, "def body", bad);
    expr_spans(&d.body, bad);
}

fn fn_def_spans(d: &FnDef, bad: &mut Vec<String>) {
    within(d.span, d.body.span, "fndef body", bad);
    for b in &d.bounds {
        within(d.span, b.span, "fndef bound", bad);
        bound_spans(b, bad);
    }
    expr_spans(&d.body, bad);
}

fn instance_spans(outer: Span, i: &Instance, bad: &mut Vec<String>) {
    within(outer, i.module.span, "instance module", bad);
    for (_, e) in &i.subs {
        within(outer, e.span, "substitution", bad);
        expr_spans(e, bad);
    }
}

fn bound_spans(b: &Bound, bad: &mut Vec<String>) {
    b.for_each_child(&mut |c| child_spans(b.span, c, bad));
}

/// Checks that `c` lies within `outer` and, recursively, its own children within it.
fn child_spans(outer: Span, c: Child<'_>, bad: &mut Vec<String>) {
    match c {
        Child::Expr(x) => {
            within(outer, x.span, "expr", bad);
            expr_spans(x, bad);
        }
        Child::Bound(b) => {
            within(outer, b.span, "bound", bad);
            bound_spans(b, bad);
        }
        Child::Name(n) => within(outer, n.span, "name", bad),
        Child::Def(LetDef::Op(d)) => {
            within(outer, d.span, "let def", bad);
            op_def_spans(d, bad);
        }
        Child::Def(LetDef::Fn(d)) => {
            within(outer, d.span, "let fndef", bad);
            fn_def_spans(d, bad);
        }
        Child::Def(LetDef::Module(d)) => within(outer, d.span, "let moddef", bad),
        Child::Def(LetDef::Recursive(_)) => {}
    }
}

fn expr_spans(e: &Expr, bad: &mut Vec<String>) {
    e.for_each_child(&mut |c| child_spans(e.span, c, bad));
}
