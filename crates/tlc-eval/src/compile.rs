//! Name resolution: turns the loaded modules plus the model's constant bindings into
//! compiled definitions ([`crate::ir`]). Module instantiation is handled by compiling the
//! instantiated module's definitions once per instantiation context, with its constants
//! and variables replaced by the substituted expressions; parameterized instances
//! (`N(p) == INSTANCE M`) pass `p` as leading frame slots of every definition of `M`.

use crate::builtins::{module_builtins, native_override, Builtin};
use crate::error::CompileError;
use crate::ir::*;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::{Arc, OnceLock};
use tlc_syntax::ast::{
    self, Bound, BoundVars, ExceptStep, Expr, ExprKind, LetDef, Module, OpDef, Unit,
};
use tlc_syntax::Span;
use tlc_value::{Str, Value};

type R<T> = Result<T, CompileError>;

/// How a name of the model is bound by the configuration.
#[derive(Clone, Debug)]
pub enum Binding {
    /// `c = value`
    Value(Value),
    /// `c <- Op`
    Op(String),
}

/// One `CONSTANT` entry of the configuration.
#[derive(Clone, Debug)]
pub struct ConstantSetting {
    /// The constant (or definition) being bound.
    pub name: String,
    /// `[Mod]` scope, if any.
    pub module: Option<String>,
    /// The binding.
    pub binding: Binding,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct CtxId(pub u32);

#[derive(Clone, Debug)]
#[allow(dead_code)]
enum Subst {
    Ex(Ex),
    Op(OpArg, usize),
}

struct CtxInfo {
    nprefix: u32,
    subs: HashMap<Arc<str>, Subst>,
    root: bool,
}

#[derive(Clone, Debug)]
enum Ent {
    Def {
        ctx: CtxId,
        m: usize,
        u: usize,
        params: Rc<[usize]>,
    },
    Fn {
        ctx: CtxId,
        m: usize,
        u: usize,
    },
    Decl {
        ctx: CtxId,
        name: Arc<str>,
        arity: usize,
    },
    Inst {
        ctx: CtxId,
        m: usize,
        u: usize,
    },
    Builtin(Builtin),
    Value(Value),
}

#[derive(Clone, Debug)]
struct Entry {
    ent: Ent,
    local: bool,
}

type Scope = HashMap<Arc<str>, Entry>;

#[derive(Clone, Debug)]
enum LocalB {
    Val(u32),
    OpParam(u32, usize),
    LetLazy(u32, Arc<Ex>),
    LetDef(DefId, u32, Rc<[usize]>),
    LetFn(DefId, u32),
    /// `N(p) == INSTANCE M ...` in a LET: the instance context, the module, the
    /// arities of the parameters.
    LetInst(CtxId, usize, Rc<[usize]>),
}

#[derive(Clone)]
struct Lsc {
    binds: Vec<(Arc<str>, LocalB)>,
    next: u32,
    max: u32,
    ctx: CtxId,
    m: usize,
    at: Option<u32>,
}

impl Lsc {
    /// Binds operator parameters to fresh slots, in order (`F(_)` as an operator parameter).
    fn bind_params(&mut self, params: &[ast::OpParam]) {
        for p in params {
            let s = self.alloc();
            let b = if p.arity > 0 {
                LocalB::OpParam(s, p.arity)
            } else {
                LocalB::Val(s)
            };
            self.binds.push((p.name.name.clone(), b));
        }
    }

    fn alloc(&mut self) -> u32 {
        let s = self.next;
        self.next += 1;
        self.max = self.max.max(self.next);
        s
    }
    fn lookup(&self, name: &str) -> Option<&LocalB> {
        self.binds
            .iter()
            .rev()
            .find(|(n, _)| &**n == name)
            .map(|(_, b)| b)
    }
}

/// The compiler's state; produces the definitions table.
pub(crate) struct Compiler<'a> {
    pub mods: Vec<&'a Module>,
    by_name: HashMap<Arc<str>, usize>,
    ctxs: Vec<CtxInfo>,
    scopes: HashMap<(CtxId, usize), Rc<Scope>>,
    inst_ctx: HashMap<(CtxId, usize, usize), CtxId>,
    unnamed_inst_ctx: HashMap<(CtxId, usize, usize), CtxId>,
    pub defs: Vec<Def>,
    def_keys: HashMap<(CtxId, usize, usize), DefId>,
    pending: Vec<(DefId, CtxId, usize, usize)>,
    pub vars: Vec<Arc<str>>,
    var_slots: HashMap<Arc<str>, u32>,
    settings: Vec<ConstantSetting>,
    pub root: usize,
    building: Vec<(CtxId, usize)>,
}

fn is_std(name: &str) -> bool {
    module_builtins(name).is_some()
}

impl<'a> Compiler<'a> {
    pub fn new(modules: &'a [Module], settings: Vec<ConstantSetting>) -> R<Compiler<'a>> {
        let mut mods = Vec::new();
        fn flatten<'b>(m: &'b Module, out: &mut Vec<&'b Module>) {
            out.push(m);
            for u in &m.units {
                if let Unit::Module(n) = u {
                    flatten(n, out);
                }
            }
        }
        for m in modules {
            flatten(m, &mut mods);
        }
        if mods.is_empty() {
            return Err(CompileError::config("no module to check"));
        }
        let mut by_name = HashMap::new();
        for (i, m) in mods.iter().enumerate() {
            by_name.entry(m.name.name.clone()).or_insert(i);
        }
        // Intern identifiers and strings in source order (TLC orders strings by first use).
        for m in &mods {
            intern_module(m);
        }
        let mut c = Compiler {
            mods,
            by_name,
            ctxs: vec![CtxInfo {
                nprefix: 0,
                subs: HashMap::new(),
                root: true,
            }],
            scopes: HashMap::new(),
            inst_ctx: HashMap::new(),
            unnamed_inst_ctx: HashMap::new(),
            defs: Vec::new(),
            def_keys: HashMap::new(),
            pending: Vec::new(),
            vars: Vec::new(),
            var_slots: HashMap::new(),
            settings,
            root: 0,
            building: Vec::new(),
        };
        let mut seen = Vec::new();
        c.collect_vars(0, &mut seen);
        Ok(c)
    }

    fn collect_vars(&mut self, m: usize, seen: &mut Vec<usize>) {
        if seen.contains(&m) {
            return;
        }
        seen.push(m);
        let module = self.mods[m];
        for e in &module.extends {
            if let Some(&i) = self.by_name.get(&e.name) {
                if !is_std(&e.name) {
                    self.collect_vars(i, seen);
                }
            }
        }
        for u in &module.units {
            if let Unit::Variables(vs) = u {
                for v in vs {
                    if !self.var_slots.contains_key(&v.name) {
                        self.var_slots
                            .insert(v.name.clone(), self.vars.len() as u32);
                        self.vars.push(v.name.clone());
                    }
                }
            }
        }
    }

    fn module_index(&self, name: &ast::Ident) -> R<usize> {
        self.by_name
            .get(&name.name)
            .copied()
            .ok_or_else(|| CompileError::new(name.span, format!("unknown module {}", name.name)))
    }

    // ---------------------------------------------------------------- scopes

    fn scope(&mut self, ctx: CtxId, m: usize) -> R<Rc<Scope>> {
        if let Some(s) = self.scopes.get(&(ctx, m)) {
            return Ok(s.clone());
        }
        if self.building.contains(&(ctx, m)) {
            return Err(CompileError::new(
                self.mods[m].name.span,
                format!(
                    "circular dependency involving module {}",
                    self.mods[m].name.name
                ),
            ));
        }
        self.building.push((ctx, m));
        let r = self.build_scope(ctx, m);
        self.building.pop();
        let s = Rc::new(r?);
        self.scopes.insert((ctx, m), s.clone());
        Ok(s)
    }

    fn add_std(scope: &mut Scope, name: &str, local: bool) {
        if let Some(bs) = module_builtins(name) {
            for (n, b) in bs {
                scope.entry(Arc::from(n)).or_insert(Entry {
                    ent: Ent::Builtin(b),
                    local,
                });
            }
        }
    }

    fn build_scope(&mut self, ctx: CtxId, m: usize) -> R<Scope> {
        let module = self.mods[m];
        let mut scope: Scope = HashMap::new();
        // imports through EXTENDS
        for e in &module.extends {
            if is_std(&e.name) {
                Self::add_std(&mut scope, &e.name, false);
                continue;
            }
            let i = self.module_index(e)?;
            let s = self.scope(ctx, i)?;
            for (k, v) in s.iter() {
                if !v.local {
                    scope.insert(k.clone(), v.clone());
                }
            }
        }
        let mname = module.name.name.clone();
        // own declarations and definitions (first pass), remembering unnamed instances
        let mut unnamed = Vec::new();
        for (u, unit) in module.units.iter().enumerate() {
            match unit {
                Unit::Variables(vs) => {
                    for v in vs {
                        scope.insert(
                            v.name.clone(),
                            Entry {
                                ent: Ent::Decl {
                                    ctx,
                                    name: v.name.clone(),
                                    arity: 0,
                                },
                                local: false,
                            },
                        );
                    }
                }
                Unit::Constants(cs) => {
                    for c in cs {
                        scope.insert(
                            c.name.name.clone(),
                            Entry {
                                ent: Ent::Decl {
                                    ctx,
                                    name: c.name.name.clone(),
                                    arity: c.arity,
                                },
                                local: false,
                            },
                        );
                    }
                }
                Unit::OpDef(d) => {
                    let ent = match native_override(&mname, &d.name.name) {
                        Some(b) => Ent::Builtin(b),
                        None => Ent::Def {
                            ctx,
                            m,
                            u,
                            params: d.params.iter().map(|p| p.arity).collect(),
                        },
                    };
                    scope.insert(
                        d.name.name.clone(),
                        Entry {
                            ent,
                            local: d.local,
                        },
                    );
                }
                Unit::FnDef(d) => {
                    scope.insert(
                        d.name.name.clone(),
                        Entry {
                            ent: Ent::Fn { ctx, m, u },
                            local: d.local,
                        },
                    );
                }
                Unit::ModuleDef(d) => {
                    scope.insert(
                        d.name.name.clone(),
                        Entry {
                            ent: Ent::Inst { ctx, m, u },
                            local: d.local,
                        },
                    );
                }
                Unit::Assume(a) => {
                    if let Some(n) = &a.name {
                        scope.insert(
                            n.name.clone(),
                            Entry {
                                ent: Ent::Def {
                                    ctx,
                                    m,
                                    u,
                                    params: Rc::from(Vec::new()),
                                },
                                local: false,
                            },
                        );
                    }
                }
                Unit::Theorem(t) => {
                    if let (Some(n), Some(_)) = (&t.name, &t.expr) {
                        scope.insert(
                            n.name.clone(),
                            Entry {
                                ent: Ent::Def {
                                    ctx,
                                    m,
                                    u,
                                    params: Rc::from(Vec::new()),
                                },
                                local: false,
                            },
                        );
                    }
                }
                Unit::Instance(i) => unnamed.push((u, i)),
                _ => {}
            }
        }
        // unnamed instances: import the instantiated module's exported names
        for (u, inst) in unnamed {
            if is_std(&inst.module.name) {
                Self::add_std(&mut scope, &inst.module.name, inst.local);
                continue;
            }
            let target = self.module_index(&inst.module)?;
            let key = (ctx, m, u);
            let child = match self.unnamed_inst_ctx.get(&key) {
                Some(c) => *c,
                None => {
                    // substitutions are compiled in the scope built so far
                    self.scopes.insert((ctx, m), Rc::new(scope.clone()));
                    let sc = Lsc {
                        binds: Vec::new(),
                        next: self.ctxs[ctx.0 as usize].nprefix,
                        max: self.ctxs[ctx.0 as usize].nprefix,
                        ctx,
                        m,
                        at: None,
                    };
                    let c = self.make_inst_ctx(inst, target, sc)?;
                    self.scopes.remove(&(ctx, m));
                    self.unnamed_inst_ctx.insert(key, c);
                    c
                }
            };
            let s = self.scope(child, target)?;
            for (k, v) in s.iter() {
                if !v.local && !scope.contains_key(k) {
                    scope.insert(
                        k.clone(),
                        Entry {
                            ent: v.ent.clone(),
                            local: inst.local,
                        },
                    );
                }
            }
        }
        // configuration overrides
        let settings = self.settings.clone();
        for s in &settings {
            // TLC rebinds the overridden definition itself, wherever it is used
            let applies = match &s.module {
                Some(mm) => **mm == *mname,
                None => true,
            };
            if !applies {
                continue;
            }
            let Some(cur) = scope.get(s.name.as_str()).cloned() else {
                continue;
            };
            // declared constants are resolved through `const_binding`; definitions are replaced
            if matches!(cur.ent, Ent::Decl { .. }) {
                continue;
            }
            // `X = v` replaces a definition X of the root module (and the modules it
            // extends), not a definition of the same name in an instantiated module
            // (EWD998ChanID: `Node = {n1, ...}` vs EWD998Chan's own `Node == 0 .. N-1`).
            // An explicitly scoped `[M] X = v` applies in every instance of M.
            if matches!(s.binding, Binding::Value(_))
                && s.module.is_none()
                && !self.ctxs[ctx.0 as usize].root
            {
                continue;
            }
            let ent = match &s.binding {
                Binding::Value(v) => Ent::Value(v.clone()),
                Binding::Op(op) => self.override_target(op, cur.ent.clone())?,
            };
            scope.insert(
                Arc::from(s.name.as_str()),
                Entry {
                    ent,
                    local: cur.local,
                },
            );
        }
        Ok(scope)
    }

    /// The entity named `op` in the root module (target of `c <- op`).
    fn override_target(&mut self, op: &str, _replaced: Ent) -> R<Ent> {
        let root = self.root;
        if self.building.contains(&(CtxId(0), root)) {
            // overriding inside the root module's own scope: look at its units directly
            let module = self.mods[root];
            for (u, unit) in module.units.iter().enumerate() {
                if let Unit::OpDef(d) = unit {
                    if &*d.name.name == op {
                        return Ok(Ent::Def {
                            ctx: CtxId(0),
                            m: root,
                            u,
                            params: d.params.iter().map(|p| p.arity).collect(),
                        });
                    }
                }
            }
            return Err(CompileError::config(format!(
                "the configuration overrides a name with {op}, which is not defined in the root module"
            )));
        }
        let s = self.scope(CtxId(0), root)?;
        match s.get(op) {
            Some(e) => Ok(e.ent.clone()),
            None => Err(CompileError::config(format!(
                "the configuration overrides a name with {op}, which is not defined"
            ))),
        }
    }

    /// Creates the context of `INSTANCE target WITH subs`, compiling substitutions in `sc`.
    fn make_inst_ctx(&mut self, inst: &ast::Instance, target: usize, mut sc: Lsc) -> R<CtxId> {
        // declared parameters of the target (and of modules it extends)
        let mut decls: Vec<(Arc<str>, usize, Span)> = Vec::new();
        let mut seen = Vec::new();
        self.collect_decls(target, &mut decls, &mut seen);
        let mut subs = HashMap::new();
        for (name, arity, _) in &decls {
            let given = inst.subs.iter().find(|(p, _)| p.name == *name);
            let (span, expr_owned);
            let expr: &Expr = match given {
                Some((_, e)) => e,
                None => {
                    span = inst.span;
                    expr_owned = Expr::new(
                        ExprKind::Op {
                            path: Vec::new(),
                            name: ast::Ident {
                                name: name.clone(),
                                span,
                            },
                            args: Vec::new(),
                        },
                        span,
                    );
                    &expr_owned
                }
            };
            // The substitution is compiled where the instance is written; its free slots
            // are the instance prefix (`before`). Slots it binds itself (quantifiers,
            // LET) must not collide with the slots of the definitions it is used in:
            // then it gets a frame of its own.
            let before = sc.next;
            let max_before = sc.max;
            sc.max = before;
            let sub = if *arity > 0 {
                Subst::Op(self.op_arg(expr, *arity, &mut sc)?, *arity)
            } else {
                let ex = self.expr(expr, &mut sc)?;
                if sc.max > before {
                    let id = self.alloc_def(name.clone(), ex.span);
                    let span = ex.span;
                    let def = &mut self.defs[id.0 as usize];
                    def.nargs = before;
                    def.frame = sc.max;
                    def.body = ex;
                    Subst::Ex(Ex {
                        kind: ExKind::Call {
                            def: id,
                            capture: before,
                            args: Vec::new(),
                        },
                        span,
                    })
                } else {
                    Subst::Ex(ex)
                }
            };
            sc.next = before;
            sc.max = max_before.max(before);
            subs.insert(name.clone(), sub);
        }
        for (p, _) in &inst.subs {
            if !decls.iter().any(|(n, _, _)| *n == p.name) {
                return Err(CompileError::new(
                    p.span,
                    format!(
                        "{} is not a constant or variable of module {}",
                        p.name, inst.module.name
                    ),
                ));
            }
        }
        let id = CtxId(self.ctxs.len() as u32);
        self.ctxs.push(CtxInfo {
            nprefix: sc.next,
            subs,
            root: false,
        });
        Ok(id)
    }

    fn collect_decls(
        &self,
        m: usize,
        out: &mut Vec<(Arc<str>, usize, Span)>,
        seen: &mut Vec<usize>,
    ) {
        if seen.contains(&m) {
            return;
        }
        seen.push(m);
        let module = self.mods[m];
        for e in &module.extends {
            if let Some(&i) = self.by_name.get(&e.name) {
                if !is_std(&e.name) {
                    self.collect_decls(i, out, seen);
                }
            }
        }
        for u in &module.units {
            match u {
                Unit::Variables(vs) => {
                    for v in vs {
                        if !out.iter().any(|(n, _, _)| *n == v.name) {
                            out.push((v.name.clone(), 0, v.span));
                        }
                    }
                }
                Unit::Constants(cs) => {
                    for c in cs {
                        if !out.iter().any(|(n, _, _)| *n == c.name.name) {
                            out.push((c.name.name.clone(), c.arity, c.name.span));
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// The context of named instance `N` (unit `u` of module `m` in `ctx`), compiling its
    /// substitutions with its parameters bound after the current context's prefix.
    fn named_inst_ctx(&mut self, ctx: CtxId, m: usize, u: usize) -> R<(CtxId, usize, usize)> {
        let Unit::ModuleDef(d) = &self.mods[m].units[u] else {
            return Err(CompileError::config("internal: not an instance definition"));
        };
        let target = self.module_index(&d.instance.module)?;
        let np = d.params.len();
        if let Some(c) = self.inst_ctx.get(&(ctx, m, u)) {
            return Ok((*c, target, np));
        }
        let prefix = self.ctxs[ctx.0 as usize].nprefix;
        let mut sc = Lsc {
            binds: Vec::new(),
            next: prefix,
            max: prefix,
            ctx,
            m,
            at: None,
        };
        sc.bind_params(&d.params);
        let c = self.make_inst_ctx(&d.instance, target, sc)?;
        self.inst_ctx.insert((ctx, m, u), c);
        Ok((c, target, np))
    }

    // ---------------------------------------------------------------- definitions

    fn alloc_def(&mut self, name: Arc<str>, span: Span) -> DefId {
        let id = DefId(self.defs.len() as u32);
        self.defs.push(Def {
            name,
            span,
            nargs: 0,
            frame: 0,
            body: Ex {
                kind: ExKind::Error(Arc::from("definition not compiled")),
                span,
            },
            fn_bounds: None,
            cache: None,
            state_level: true,
            action_level: true,
        });
        id
    }

    /// The compiled id of definition unit `u` of module `m` in context `ctx`.
    fn def_id(&mut self, ctx: CtxId, m: usize, u: usize) -> DefId {
        if let Some(d) = self.def_keys.get(&(ctx, m, u)) {
            return *d;
        }
        let (name, span) = match &self.mods[m].units[u] {
            Unit::OpDef(d) => (d.name.name.clone(), d.name.span),
            Unit::FnDef(d) => (d.name.name.clone(), d.name.span),
            Unit::Assume(a) => (
                a.name
                    .as_ref()
                    .map(|n| n.name.clone())
                    .unwrap_or_else(|| Arc::from("ASSUME")),
                a.span,
            ),
            Unit::Theorem(t) => (
                t.name
                    .as_ref()
                    .map(|n| n.name.clone())
                    .unwrap_or_else(|| Arc::from("THEOREM")),
                t.span,
            ),
            _ => (Arc::from("?"), self.mods[m].span),
        };
        let id = self.alloc_def(name, span);
        self.def_keys.insert((ctx, m, u), id);
        self.pending.push((id, ctx, m, u));
        id
    }

    /// Compiles every definition reached so far (and those they reach).
    pub fn drain(&mut self, errors: &mut Vec<CompileError>) {
        while let Some((id, ctx, m, u)) = self.pending.pop() {
            if let Err(e) = self.compile_def(id, ctx, m, u) {
                self.defs[id.0 as usize].body = Ex {
                    kind: ExKind::Error(Arc::from(e.message.as_str())),
                    span: e.span.unwrap_or_default(),
                };
                errors.push(e);
            }
        }
    }

    fn compile_def(&mut self, id: DefId, ctx: CtxId, m: usize, u: usize) -> R<()> {
        let prefix = self.ctxs[ctx.0 as usize].nprefix;
        let mut sc = Lsc {
            binds: Vec::new(),
            next: prefix,
            max: prefix,
            ctx,
            m,
            at: None,
        };
        let module = self.mods[m];
        match &module.units[u] {
            Unit::OpDef(d) => {
                sc.bind_params(&d.params);
                let nargs = sc.next;
                let body = self.expr(&d.body, &mut sc)?;
                let def = &mut self.defs[id.0 as usize];
                def.nargs = nargs;
                def.frame = sc.max;
                def.body = body;
            }
            Unit::FnDef(d) => {
                let bounds = self.bounds(&d.bounds, &mut sc)?;
                let nargs = prefix;
                let body = self.expr(&d.body, &mut sc)?;
                let def = &mut self.defs[id.0 as usize];
                def.nargs = nargs;
                def.frame = sc.max;
                def.body = body;
                def.fn_bounds = Some(bounds);
            }
            Unit::Assume(a) => {
                let body = self.expr(&a.expr, &mut sc)?;
                let def = &mut self.defs[id.0 as usize];
                def.nargs = prefix;
                def.frame = sc.max;
                def.body = body;
            }
            Unit::Theorem(t) => {
                if let Some(e) = &t.expr {
                    let body = self.expr(e, &mut sc)?;
                    let def = &mut self.defs[id.0 as usize];
                    def.nargs = prefix;
                    def.frame = sc.max;
                    def.body = body;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Resolves a name of the root module (for INIT/NEXT/INVARIANT ... in the configuration).
    pub fn root_name(&mut self, name: &str, span: Span) -> R<Ex> {
        let e = Expr::new(
            ExprKind::Op {
                path: Vec::new(),
                name: ast::Ident {
                    name: Arc::from(name),
                    span,
                },
                args: Vec::new(),
            },
            span,
        );
        let mut sc = self.root_scope();
        let ex = self.expr(&e, &mut sc)?;
        Ok(ex)
    }

    /// A fresh local scope in the root module.
    fn root_scope(&self) -> Lsc {
        Lsc {
            binds: Vec::new(),
            next: 0,
            max: 0,
            ctx: CtxId(0),
            m: self.root,
            at: None,
        }
    }

    /// Compiles an expression written in the root module's scope (ASSUME, ad-hoc
    /// expressions); returns the expression and the frame size it needs.
    #[allow(dead_code)]
    pub fn root_expr(&mut self, e: &Expr) -> R<(Ex, u32)> {
        let mut sc = self.root_scope();
        let ex = self.expr(e, &mut sc)?;
        Ok((ex, sc.max))
    }

    /// ASSUME units of the root module and of modules in the root context, in order.
    pub fn assumptions(&mut self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut seen = Vec::new();
        self.collect_assumes(self.root, &mut out, &mut seen);
        out
    }

    fn collect_assumes(&self, m: usize, out: &mut Vec<(usize, usize)>, seen: &mut Vec<usize>) {
        if seen.contains(&m) {
            return;
        }
        seen.push(m);
        for e in &self.mods[m].extends {
            if let Some(&i) = self.by_name.get(&e.name) {
                if !is_std(&e.name) {
                    self.collect_assumes(i, out, seen);
                }
            }
        }
        for (u, unit) in self.mods[m].units.iter().enumerate() {
            if let Unit::Assume(_) = unit {
                out.push((m, u));
            }
        }
    }

    /// Compiles assumption `(m, u)` as a definition in the root context.
    pub fn assumption_def(&mut self, m: usize, u: usize) -> DefId {
        self.def_id(CtxId(0), m, u)
    }

    // ---------------------------------------------------------------- expressions

    fn bounds(&mut self, bs: &[Bound], sc: &mut Lsc) -> R<Vec<CBound>> {
        let mut sets = Vec::new();
        for b in bs {
            sets.push(match &b.set {
                Some(s) => Some(Box::new(self.expr(s, sc)?)),
                None => None,
            });
        }
        let mut out = Vec::new();
        for (b, set) in bs.iter().zip(sets) {
            let pats = match &b.vars {
                BoundVars::Names(ns) => ns
                    .iter()
                    .map(|n| {
                        let s = sc.alloc();
                        sc.binds.push((n.name.clone(), LocalB::Val(s)));
                        Pat::Slot(s)
                    })
                    .collect(),
                BoundVars::Tuple(ns) => {
                    let slots = ns
                        .iter()
                        .map(|n| {
                            let s = sc.alloc();
                            sc.binds.push((n.name.clone(), LocalB::Val(s)));
                            s
                        })
                        .collect();
                    vec![Pat::Tuple(slots)]
                }
            };
            out.push(CBound { pats, set });
        }
        Ok(out)
    }

    fn scoped<T>(&mut self, sc: &mut Lsc, f: impl FnOnce(&mut Self, &mut Lsc) -> R<T>) -> R<T> {
        // Slots are never reused within a frame: the state enumerator keeps bindings of
        // sibling scopes alive across continuations.
        let nb = sc.binds.len();
        let r = f(self, sc);
        sc.binds.truncate(nb);
        r
    }

    fn exprs(&mut self, es: &[Expr], sc: &mut Lsc) -> R<Vec<Ex>> {
        es.iter().map(|e| self.expr(e, sc)).collect()
    }

    fn bx(&mut self, e: &Expr, sc: &mut Lsc) -> R<Box<Ex>> {
        Ok(Box::new(self.expr(e, sc)?))
    }

    fn expr(&mut self, e: &Expr, sc: &mut Lsc) -> R<Ex> {
        let span = e.span;
        let kind = match &e.kind {
            ExprKind::Num(n) => ExKind::Lit(parse_num(n, span)?),
            ExprKind::Decimal(_) => {
                return Err(CompileError::new(span, "TLC cannot handle decimal numbers"))
            }
            ExprKind::Str(s) => ExKind::Lit(Value::string(s)),
            ExprKind::Bool(b) => ExKind::Lit(Value::Bool(*b)),
            ExprKind::And(xs) => ExKind::And(self.exprs(xs, sc)?),
            ExprKind::Or(xs) => ExKind::Or(self.exprs(xs, sc)?),
            ExprKind::Op { path, name, args } => return self.op(path, name, args, span, sc),
            ExprKind::Quant { kind, bounds, body } => {
                if bounds.iter().any(|b| b.set.is_none()) {
                    return Ok(Ex {
                        kind: ExKind::Error(Arc::from(
                            "TLC cannot evaluate an unbounded quantifier",
                        )),
                        span,
                    });
                }
                self.scoped(sc, |c, sc| {
                    let bs = c.bounds(bounds, sc)?;
                    let b = c.bx(body, sc)?;
                    Ok(match kind {
                        ast::Quant::Forall => ExKind::Forall(bs, b),
                        ast::Quant::Exists => ExKind::Exists(bs, b),
                    })
                })?
            }
            ExprKind::TemporalQuant { .. } => ExKind::Error(Arc::from(
                "TLC cannot handle the temporal quantifiers \\AA and \\EE",
            )),
            ExprKind::Choose { bound, body } => {
                if bound.set.is_none() {
                    ExKind::Error(Arc::from("TLC attempted to evaluate an unbounded CHOOSE"))
                } else {
                    self.scoped(sc, |c, sc| {
                        let mut bs = c.bounds(std::slice::from_ref(bound), sc)?;
                        let b = c.bx(body, sc)?;
                        Ok(ExKind::Choose(Box::new(bs.remove(0)), b))
                    })?
                }
            }
            ExprKind::SetEnum(xs) => ExKind::SetEnum(self.exprs(xs, sc)?),
            ExprKind::SetFilter { bound, pred } => self.scoped(sc, |c, sc| {
                let mut bs = c.bounds(std::slice::from_ref(bound), sc)?;
                let p = c.bx(pred, sc)?;
                Ok(ExKind::SetFilter(Box::new(bs.remove(0)), p))
            })?,
            ExprKind::SetMap { body, bounds } => self.scoped(sc, |c, sc| {
                let bs = c.bounds(bounds, sc)?;
                let b = c.bx(body, sc)?;
                Ok(ExKind::SetMap(bs, b))
            })?,
            ExprKind::FnCons { bounds, body } => self.scoped(sc, |c, sc| {
                let bs = c.bounds(bounds, sc)?;
                let b = c.bx(body, sc)?;
                Ok(ExKind::FnCons(bs, b))
            })?,
            ExprKind::FnSet { domain, range } => {
                ExKind::FnSet(self.bx(domain, sc)?, self.bx(range, sc)?)
            }
            ExprKind::Record(fs) => {
                let mut out = Vec::new();
                for (n, x) in fs {
                    out.push((Value::Str(Str::new(&n.name)), self.expr(x, sc)?));
                }
                ExKind::Record(out)
            }
            ExprKind::RecordSet(fs) => {
                let mut out = Vec::new();
                for (n, x) in fs {
                    out.push((Value::Str(Str::new(&n.name)), self.expr(x, sc)?));
                }
                ExKind::RecordSet(out)
            }
            ExprKind::Except { base, updates } => {
                let b = self.bx(base, sc)?;
                let mut ups = Vec::new();
                for up in updates {
                    let mut path = Vec::new();
                    for st in &up.path {
                        path.push(match st {
                            ExceptStep::Field(f) => CStep::Field(Value::Str(Str::new(&f.name))),
                            ExceptStep::Index(ix) => {
                                if ix.len() == 1 {
                                    CStep::Index(self.expr(&ix[0], sc)?)
                                } else {
                                    let sp = ix[0].span.to(ix[ix.len() - 1].span);
                                    CStep::Index(Ex {
                                        kind: ExKind::Tuple(self.exprs(ix, sc)?),
                                        span: sp,
                                    })
                                }
                            }
                        });
                    }
                    let (value, at) = self.scoped(sc, |c, sc| {
                        let at = sc.alloc();
                        let old = sc.at.replace(at);
                        let v = c.expr(&up.value, sc);
                        sc.at = old;
                        Ok((v?, at))
                    })?;
                    ups.push(CUpdate { path, value, at });
                }
                ExKind::Except(b, ups)
            }
            ExprKind::At => match sc.at {
                Some(s) => ExKind::Local(s),
                None => return Err(CompileError::new(span, "@ used outside an EXCEPT")),
            },
            ExprKind::FnApp { func, args } => {
                let arg = if args.len() == 1 {
                    self.expr(&args[0], sc)?
                } else {
                    Ex {
                        kind: ExKind::Tuple(self.exprs(args, sc)?),
                        span: args[0].span.to(args[args.len() - 1].span),
                    }
                };
                // direct application of a recursive function definition
                if let ExprKind::Op {
                    path,
                    name,
                    args: fargs,
                } = &func.kind
                {
                    if path.is_empty() && fargs.is_empty() {
                        if let Some((def, capture)) = self.rec_fn(&name.name, sc)? {
                            return Ok(Ex {
                                kind: ExKind::RecFnApp {
                                    def,
                                    capture,
                                    arg: Box::new(arg),
                                },
                                span,
                            });
                        }
                    }
                }
                ExKind::FnApp(self.bx(func, sc)?, Box::new(arg))
            }
            ExprKind::Dot { record, field } => {
                ExKind::Dot(self.bx(record, sc)?, Value::Str(Str::new(&field.name)))
            }
            ExprKind::Tuple(xs) => ExKind::Tuple(self.exprs(xs, sc)?),
            ExprKind::If { cond, then, els } => {
                ExKind::If(self.bx(cond, sc)?, self.bx(then, sc)?, self.bx(els, sc)?)
            }
            ExprKind::Case { arms, other } => {
                let mut out = Vec::new();
                for (g, v) in arms {
                    out.push((self.expr(g, sc)?, self.expr(v, sc)?));
                }
                let o = match other {
                    Some(o) => Some(self.bx(o, sc)?),
                    None => None,
                };
                ExKind::Case(out, o)
            }
            ExprKind::Let { defs, body } => return self.let_expr(defs, body, span, sc),
            ExprKind::Lambda { .. } => {
                return Err(CompileError::new(
                    span,
                    "LAMBDA can only be used as an operator argument",
                ))
            }
            ExprKind::BoxAction { action, sub } => {
                ExKind::BoxAction(self.bx(action, sc)?, self.bx(sub, sc)?)
            }
            ExprKind::AngleAction { action, sub } => {
                ExKind::AngleAction(self.bx(action, sc)?, self.bx(sub, sc)?)
            }
            ExprKind::Fair { kind, sub, action } => ExKind::Fair(
                matches!(kind, ast::Fairness::Strong),
                self.bx(sub, sc)?,
                self.bx(action, sc)?,
            ),
            ExprKind::Label { body, .. } => return self.expr(body, sc),
            ExprKind::Error => ExKind::Error(Arc::from("syntax error")),
        };
        Ok(Ex { kind, span })
    }

    /// If `name` denotes a recursive function definition, its def id and capture count.
    fn rec_fn(&mut self, name: &str, sc: &Lsc) -> R<Option<(DefId, u32)>> {
        if let Some(b) = sc.lookup(name) {
            return Ok(match b {
                LocalB::LetFn(d, c) => Some((*d, *c)),
                _ => None,
            });
        }
        let scope = self.scope(sc.ctx, sc.m)?;
        if let Some(Entry {
            ent: Ent::Fn { ctx, m, u },
            ..
        }) = scope.get(name)
        {
            let (ctx, m, u) = (*ctx, *m, *u);
            let d = self.def_id(ctx, m, u);
            return Ok(Some((d, self.ctxs[ctx.0 as usize].nprefix)));
        }
        Ok(None)
    }

    fn let_expr(&mut self, defs: &[LetDef], body: &Expr, span: Span, sc: &mut Lsc) -> R<Ex> {
        self.scoped(sc, |c, sc| {
            let mut lazy_slots = Vec::new();
            // Names declared RECURSIVE in this LET.
            let rec_names: Vec<Arc<str>> = defs
                .iter()
                .filter_map(|d| match d {
                    LetDef::Recursive(ds) => Some(ds.iter().map(|od| od.name.name.clone())),
                    _ => None,
                })
                .flatten()
                .collect();
            // Zero-arity definitions are cached lazily in frame slots. Their slots are
            // allocated up front so that every operator of this LET (in particular a
            // RECURSIVE one, whose capture count is fixed before its body is compiled)
            // captures all of them.
            let mut pre_slots: Vec<Option<u32>> = vec![None; defs.len()];
            for (i, d) in defs.iter().enumerate() {
                if let LetDef::Op(od) = d {
                    if od.params.is_empty()
                        && !rec_names.contains(&od.name.name)
                        && !mentions_prime(&od.body)
                    {
                        pre_slots[i] = Some(sc.alloc());
                    }
                }
            }
            // RECURSIVE declarations: allocate ids now
            let mut rec: HashMap<Arc<str>, DefId> = HashMap::new();
            for d in defs {
                if let LetDef::Recursive(ds) = d {
                    for od in ds {
                        let id = c.alloc_def(od.name.name.clone(), od.name.span);
                        rec.insert(od.name.name.clone(), id);
                        // arity placeholder; params filled when the definition comes
                        let params: Rc<[usize]> = (0..od.arity).map(|_| 0).collect();
                        sc.binds
                            .push((od.name.name.clone(), LocalB::LetDef(id, sc.next, params)));
                    }
                }
            }
            for (di, d) in defs.iter().enumerate() {
                match d {
                    LetDef::Recursive(_) => {}
                    LetDef::Op(od) => {
                        let is_rec = rec.get(&od.name.name).copied();
                        if let Some(slot) = pre_slots[di] {
                            // A definition whose body binds variables needs scratch slots;
                            // it may be forced in a callee frame that captured its (still
                            // empty) cache slot, where the slots after the capture belong
                            // to the callee: evaluate it in a frame of its own.
                            let ex = if binds_slots(&od.body) {
                                let id = c.alloc_def(od.name.name.clone(), od.name.span);
                                let capture = sc.next;
                                c.lift_op(id, od, capture, sc)?;
                                Ex {
                                    kind: ExKind::Call {
                                        def: id,
                                        capture,
                                        args: Vec::new(),
                                    },
                                    span: od.body.span,
                                }
                            } else {
                                c.expr(&od.body, sc)?
                            };
                            sc.binds
                                .push((od.name.name.clone(), LocalB::LetLazy(slot, Arc::new(ex))));
                            lazy_slots.push(slot);
                        } else {
                            let id = match is_rec {
                                Some(id) => id,
                                None => c.alloc_def(od.name.name.clone(), od.name.span),
                            };
                            let capture = match is_rec {
                                Some(_) => match sc.lookup(&od.name.name) {
                                    Some(LocalB::LetDef(_, cap, _)) => *cap,
                                    _ => sc.next,
                                },
                                None => sc.next,
                            };
                            let params: Rc<[usize]> = od.params.iter().map(|p| p.arity).collect();
                            // (re)bind with the real parameter arities
                            sc.binds.push((
                                od.name.name.clone(),
                                LocalB::LetDef(id, capture, params.clone()),
                            ));
                            c.lift_op(id, od, capture, sc)?;
                        }
                    }
                    LetDef::Fn(fd) => {
                        let id = c.alloc_def(fd.name.name.clone(), fd.name.span);
                        let capture = sc.next;
                        sc.binds
                            .push((fd.name.name.clone(), LocalB::LetFn(id, capture)));
                        let mut inner = sc.clone();
                        inner.max = inner.next;
                        let bounds = c.bounds(&fd.bounds, &mut inner)?;
                        let b = c.expr(&fd.body, &mut inner)?;
                        let def = &mut c.defs[id.0 as usize];
                        def.nargs = capture;
                        def.frame = inner.max;
                        def.body = b;
                        def.fn_bounds = Some(bounds);
                    }
                    LetDef::Module(md) => {
                        // like a named instance whose prefix is every slot in scope
                        let target = c.module_index(&md.instance.module)?;
                        let mut isc = sc.clone();
                        isc.bind_params(&md.params);
                        let ctx = c.make_inst_ctx(&md.instance, target, isc)?;
                        let arities: Rc<[usize]> = md.params.iter().map(|p| p.arity).collect();
                        sc.binds
                            .push((md.name.name.clone(), LocalB::LetInst(ctx, target, arities)));
                    }
                }
            }
            let b = c.expr(body, sc)?;
            if lazy_slots.is_empty() {
                Ok(b)
            } else {
                Ok(Ex {
                    kind: ExKind::Let {
                        slots: lazy_slots,
                        body: Box::new(b),
                    },
                    span,
                })
            }
        })
    }

    /// Compiles LET operator `od` as definition `id` capturing the first `capture` slots.
    fn lift_op(&mut self, id: DefId, od: &OpDef, capture: u32, sc: &Lsc) -> R<()> {
        let mut inner = sc.clone();
        inner.next = capture;
        inner.max = capture;
        inner.at = None;
        inner.bind_params(&od.params);
        let nargs = inner.next;
        let b = self.expr(&od.body, &mut inner)?;
        let def = &mut self.defs[id.0 as usize];
        def.nargs = nargs;
        def.frame = inner.max;
        def.body = b;
        Ok(())
    }

    /// Compiles an operator argument of arity `arity`.
    fn op_arg(&mut self, e: &Expr, arity: usize, sc: &mut Lsc) -> R<OpArg> {
        match &e.kind {
            ExprKind::Lambda { params, body } => {
                if params.len() != arity {
                    return Err(CompileError::new(
                        e.span,
                        format!("LAMBDA has {} parameters, {} expected", params.len(), arity),
                    ));
                }
                let id = self.alloc_def(Arc::from("LAMBDA"), e.span);
                let od = OpDef {
                    name: ast::Ident {
                        name: Arc::from("LAMBDA"),
                        span: e.span,
                    },
                    params: params
                        .iter()
                        .map(|p| ast::OpDecl {
                            name: p.clone(),
                            arity: 0,
                        })
                        .collect(),
                    body: (**body).clone(),
                    local: false,
                    span: e.span,
                };
                let capture = sc.next;
                self.lift_op(id, &od, capture, sc)?;
                Ok(OpArg::Def { def: id, capture })
            }
            ExprKind::Op { path, name, args } if args.is_empty() => {
                if path.is_empty() {
                    if let Some(b) = sc.lookup(&name.name).cloned() {
                        return match b {
                            LocalB::OpParam(s, _) => Ok(OpArg::Param(s)),
                            LocalB::LetDef(d, cap, _) => Ok(OpArg::Def {
                                def: d,
                                capture: cap,
                            }),
                            _ => Err(CompileError::new(
                                e.span,
                                format!("{} is not an operator of arity {}", name.name, arity),
                            )),
                        };
                    }
                    let scope = self.scope(sc.ctx, sc.m)?;
                    match scope.get(&name.name).map(|en| en.ent.clone()) {
                        Some(ent) => self.ent_op_arg(ent, name, arity),
                        None => match core_builtin(&name.name) {
                            Some(b) => Ok(OpArg::Builtin(b)),
                            None => Err(CompileError::new(
                                name.span,
                                format!("unknown operator {}", name.name),
                            )),
                        },
                    }
                } else {
                    let (ctx, m, extra) = self.resolve_path(path, sc)?;
                    if !extra.is_empty() {
                        return Err(CompileError::new(
                            e.span,
                            "parameterized instance operators cannot be passed as arguments",
                        ));
                    }
                    let scope = self.scope(ctx, m)?;
                    match scope.get(&name.name).map(|en| en.ent.clone()) {
                        Some(ent) => self.ent_op_arg(ent, name, arity),
                        None => Err(CompileError::new(
                            name.span,
                            format!("unknown operator {}", name.name),
                        )),
                    }
                }
            }
            _ => Err(CompileError::new(
                e.span,
                format!("expected an operator of arity {arity}"),
            )),
        }
    }

    fn ent_op_arg(&mut self, ent: Ent, name: &ast::Ident, arity: usize) -> R<OpArg> {
        match ent {
            Ent::Def { ctx, m, u, params } => {
                if params.len() != arity {
                    return Err(CompileError::new(
                        name.span,
                        format!(
                            "operator {} has arity {}, but an operator of arity {} is expected",
                            name.name,
                            params.len(),
                            arity
                        ),
                    ));
                }
                let d = self.def_id(ctx, m, u);
                Ok(OpArg::Def {
                    def: d,
                    capture: self.ctxs[ctx.0 as usize].nprefix,
                })
            }
            Ent::Builtin(b) => Ok(OpArg::Builtin(b)),
            Ent::Decl { ctx, name: n, .. } => match self.decl_subst(ctx, &n, name.span)? {
                Subst::Op(o, _) => Ok(o),
                Subst::Ex(_) => Err(CompileError::new(
                    name.span,
                    format!("{} is not an operator", name.name),
                )),
            },
            _ => Err(CompileError::new(
                name.span,
                format!("{} is not an operator of arity {}", name.name, arity),
            )),
        }
    }

    /// What a declared constant/variable `name` of context `ctx` stands for.
    fn decl_subst(&mut self, ctx: CtxId, name: &Arc<str>, span: Span) -> R<Subst> {
        let info = &self.ctxs[ctx.0 as usize];
        if !info.root {
            return info
                .subs
                .get(name)
                .cloned()
                .ok_or_else(|| CompileError::new(span, format!("no substitution for {name}")));
        }
        if let Some(&slot) = self.var_slots.get(name) {
            return Ok(Subst::Ex(Ex {
                kind: ExKind::Var(slot),
                span,
            }));
        }
        let setting = self
            .settings
            .iter()
            .find(|s| *s.name == **name && s.module.is_none())
            .cloned();
        match setting {
            Some(ConstantSetting {
                binding: Binding::Value(v),
                ..
            }) => Ok(Subst::Ex(Ex {
                kind: ExKind::Lit(v),
                span,
            })),
            Some(ConstantSetting {
                binding: Binding::Op(op),
                ..
            }) => {
                let ent = self.override_target(&op, Ent::Value(Value::Bool(false)))?;
                match ent {
                    Ent::Def { ctx, m, u, params } => {
                        let d = self.def_id(ctx, m, u);
                        if params.is_empty() {
                            Ok(Subst::Ex(Ex {
                                kind: ExKind::Call {
                                    def: d,
                                    capture: 0,
                                    args: Vec::new(),
                                },
                                span,
                            }))
                        } else {
                            Ok(Subst::Op(OpArg::Def { def: d, capture: 0 }, params.len()))
                        }
                    }
                    Ent::Builtin(b) => Ok(Subst::Op(OpArg::Builtin(b), 0)),
                    Ent::Value(v) => Ok(Subst::Ex(Ex {
                        kind: ExKind::Lit(v),
                        span,
                    })),
                    _ => Err(CompileError::new(
                        span,
                        format!("cannot override {name} with {op}"),
                    )),
                }
            }
            None => Err(CompileError::new(
                span,
                format!(
                    "The constant parameter {name} is not assigned a value by the configuration"
                ),
            )),
        }
    }

    /// Resolves an instance path `A!B(x)!` to (context, module, path arguments).
    fn resolve_path(&mut self, path: &[ast::PathSeg], sc: &mut Lsc) -> R<(CtxId, usize, Vec<Arg>)> {
        let mut ctx = sc.ctx;
        let mut m = sc.m;
        let mut args = Vec::new();
        for (i, seg) in path.iter().enumerate() {
            if i == 0 {
                if let Some(LocalB::LetInst(ic, target, arities)) =
                    sc.lookup(&seg.name.name).cloned()
                {
                    if arities.len() != seg.args.len() {
                        return Err(CompileError::new(
                            seg.name.span,
                            format!(
                                "instance {} takes {} arguments, {} given",
                                seg.name.name,
                                arities.len(),
                                seg.args.len()
                            ),
                        ));
                    }
                    for (a, ar) in seg.args.iter().zip(arities.iter()) {
                        if *ar > 0 {
                            args.push(Arg::Op(self.op_arg(a, *ar, sc)?));
                        } else {
                            args.push(Arg::Val(self.expr(a, sc)?));
                        }
                    }
                    ctx = ic;
                    m = target;
                    continue;
                }
            }
            let scope = self.scope(ctx, m)?;
            let ent = scope.get(&seg.name.name).map(|e| e.ent.clone());
            match ent {
                Some(Ent::Inst { ctx: ic, m: im, u }) => {
                    let (child, target, np) = self.named_inst_ctx(ic, im, u)?;
                    if np != seg.args.len() {
                        return Err(CompileError::new(
                            seg.name.span,
                            format!(
                                "instance {} takes {} arguments, {} given",
                                seg.name.name,
                                np,
                                seg.args.len()
                            ),
                        ));
                    }
                    let Unit::ModuleDef(md) = &self.mods[im].units[u] else {
                        return Err(CompileError::new(
                            seg.name.span,
                            "internal: not an instance",
                        ));
                    };
                    let arities: Vec<usize> = md.params.iter().map(|p| p.arity).collect();
                    for (a, ar) in seg.args.iter().zip(arities) {
                        if ar > 0 {
                            args.push(Arg::Op(self.op_arg(a, ar, sc)?));
                        } else {
                            args.push(Arg::Val(self.expr(a, sc)?));
                        }
                    }
                    ctx = child;
                    m = target;
                }
                _ => {
                    return Err(CompileError::new(
                        seg.name.span,
                        format!("{} is not an instance", seg.name.name),
                    ))
                }
            }
        }
        Ok((ctx, m, args))
    }

    /// A reference to a part of a definition, theorem or assumption by SANY's subexpression
    /// selectors: `Inv!2` (second conjunct), `Thm!:` (the body), `D!1!<<` ... The path may
    /// start with instances (`I!Inv!2`). The selected expression is compiled as a
    /// definition with the parameters of the selected definition.
    fn selector_ref(
        &mut self,
        path: &[ast::PathSeg],
        name: &ast::Ident,
        args: &[Expr],
        span: Span,
        sc: &mut Lsc,
    ) -> R<Ex> {
        // instances first
        let mut k = 0;
        let (mut ctx, mut m) = (sc.ctx, sc.m);
        while k < path.len() {
            let scope = self.scope(ctx, m)?;
            match scope.get(&path[k].name.name).map(|e| e.ent.clone()) {
                Some(Ent::Inst { ctx: ic, m: im, u }) => {
                    let (child, target, _) = self.named_inst_ctx(ic, im, u)?;
                    ctx = child;
                    m = target;
                    k += 1;
                }
                _ => break,
            }
        }
        let (ctx, m, pargs) = self.resolve_path(&path[..k], sc)?;
        let Some(head) = path.get(k) else {
            return Err(CompileError::new(
                name.span,
                format!("{} does not name a definition", name.name),
            ));
        };
        let scope = self.scope(ctx, m)?;
        let (dctx, dm, du) = match scope.get(&head.name.name).map(|e| e.ent.clone()) {
            Some(Ent::Def { ctx, m, u, .. }) => (ctx, m, u),
            Some(_) => {
                return Err(CompileError::new(
                    head.name.span,
                    format!(
                        "{} is not a definition, theorem or assumption",
                        head.name.name
                    ),
                ))
            }
            None => {
                return Err(CompileError::new(
                    head.name.span,
                    format!("Unknown operator: `{}`", head.name.name),
                ))
            }
        };
        let module = self.mods[dm];
        let (params, body): (&[ast::OpDecl], &Expr) = match &module.units[du] {
            Unit::OpDef(d) => (&d.params, &d.body),
            Unit::Theorem(t) => match &t.expr {
                Some(e) => (&[], e),
                None => {
                    return Err(CompileError::new(
                        head.name.span,
                        "TLC cannot evaluate an ASSUME ... PROVE theorem",
                    ))
                }
            },
            Unit::Assume(a) => (&[], &a.expr),
            _ => {
                return Err(CompileError::new(
                    head.name.span,
                    format!("{} cannot be used with a selector", head.name.name),
                ))
            }
        };
        if head.args.len() != params.len() {
            return Err(CompileError::new(
                head.name.span,
                format!(
                    "operator {} requires {} arguments, but {} were given",
                    head.name.name,
                    params.len(),
                    head.args.len()
                ),
            ));
        }
        // apply the selectors
        let mut cur = body;
        let sels = path[k + 1..]
            .iter()
            .map(|p| (&p.name, p.args.is_empty()))
            .chain(std::iter::once((name, true)));
        for (sel, _) in sels {
            cur = select(cur, sel)?;
        }
        // compile the selected expression as a definition of context `dctx`
        let prefix = self.ctxs[dctx.0 as usize].nprefix;
        let id = self.alloc_def(
            Arc::from(format!("{}!{}", head.name.name, name.name).as_str()),
            cur.span,
        );
        let mut inner = Lsc {
            binds: Vec::new(),
            next: prefix,
            max: prefix,
            ctx: dctx,
            m: dm,
            at: None,
        };
        inner.bind_params(params);
        let nargs = inner.next;
        let b = self.expr(cur, &mut inner)?;
        let def = &mut self.defs[id.0 as usize];
        def.nargs = nargs;
        def.frame = inner.max;
        def.body = b;
        if !args.is_empty() {
            return Err(CompileError::new(
                span,
                format!("selector {} takes no arguments", name.name),
            ));
        }
        let arities: Vec<usize> = params.iter().map(|p| p.arity).collect();
        let capture = prefix - pargs.len() as u32;
        let mut a = pargs;
        a.extend(self.call_args(&arities, &head.args, sc)?);
        Ok(Ex {
            kind: ExKind::Call {
                def: id,
                capture,
                args: a,
            },
            span,
        })
    }

    fn call_args(&mut self, params: &[usize], args: &[Expr], sc: &mut Lsc) -> R<Vec<Arg>> {
        let mut out = Vec::with_capacity(args.len());
        for (i, a) in args.iter().enumerate() {
            let ar = params.get(i).copied().unwrap_or(0);
            if ar > 0 {
                out.push(Arg::Op(self.op_arg(a, ar, sc)?));
            } else {
                out.push(Arg::Val(self.expr(a, sc)?));
            }
        }
        Ok(out)
    }

    fn op(
        &mut self,
        path: &[ast::PathSeg],
        name: &ast::Ident,
        args: &[Expr],
        span: Span,
        sc: &mut Lsc,
    ) -> R<Ex> {
        let n: &str = &name.name;
        let arity_err = |want: usize| {
            CompileError::new(
                span,
                format!(
                    "operator {} requires {} arguments, but {} were given",
                    n,
                    want,
                    args.len()
                ),
            )
        };
        if path.is_empty() {
            // language operators
            if let Some(k) = self.core_op(n, args, span, sc)? {
                return Ok(Ex { kind: k, span });
            }
            if let Some(b) = sc.lookup(n).cloned() {
                let kind = match b {
                    LocalB::Val(s) => {
                        if !args.is_empty() {
                            return Err(arity_err(0));
                        }
                        ExKind::Local(s)
                    }
                    LocalB::OpParam(s, ar) => {
                        if args.len() != ar {
                            return Err(arity_err(ar));
                        }
                        let a = self.call_args(&[], args, sc)?;
                        ExKind::CallParam { slot: s, args: a }
                    }
                    LocalB::LetLazy(s, def) => {
                        if !args.is_empty() {
                            return Err(arity_err(0));
                        }
                        ExKind::LetRef { slot: s, def }
                    }
                    LocalB::LetDef(d, cap, params) => {
                        if args.len() != params.len() {
                            return Err(arity_err(params.len()));
                        }
                        let a = self.call_args(&params, args, sc)?;
                        ExKind::Call {
                            def: d,
                            capture: cap,
                            args: a,
                        }
                    }
                    LocalB::LetFn(d, cap) => {
                        if !args.is_empty() {
                            return Err(arity_err(0));
                        }
                        ExKind::RecFnValue {
                            def: d,
                            capture: cap,
                        }
                    }
                    LocalB::LetInst(..) => {
                        return Err(CompileError::new(
                            span,
                            format!("{n} is a module instance, not an operator"),
                        ))
                    }
                };
                return Ok(Ex { kind, span });
            }
            let scope = self.scope(sc.ctx, sc.m)?;
            let ent = match scope.get(n) {
                Some(e) => e.ent.clone(),
                None => {
                    return Err(CompileError::new(
                        name.span,
                        format!("Unknown operator: `{n}`"),
                    ))
                }
            };
            self.ent_call(ent, name, args, Vec::new(), span, sc)
        } else {
            if is_selector(n) || path[1..].iter().any(|p| is_selector(&p.name.name)) {
                return self.selector_ref(path, name, args, span, sc);
            }
            let (ctx, m, pargs) = self.resolve_path(path, sc)?;
            let scope = self.scope(ctx, m)?;
            let ent = match scope.get(n) {
                Some(e) if !e.local => e.ent.clone(),
                _ => {
                    return Err(CompileError::new(
                        name.span,
                        format!("Unknown operator: `{n}` in instance"),
                    ))
                }
            };
            self.ent_call(ent, name, args, pargs, span, sc)
        }
    }

    fn ent_call(
        &mut self,
        ent: Ent,
        name: &ast::Ident,
        args: &[Expr],
        pargs: Vec<Arg>,
        span: Span,
        sc: &mut Lsc,
    ) -> R<Ex> {
        let n = &name.name;
        let arity_err = |want: usize| {
            CompileError::new(
                span,
                format!(
                    "operator {} requires {} arguments, but {} were given",
                    n,
                    want,
                    args.len()
                ),
            )
        };
        let kind = match ent {
            Ent::Def { ctx, m, u, params } => {
                if params.len() != args.len() {
                    return Err(arity_err(params.len()));
                }
                let d = self.def_id(ctx, m, u);
                let nprefix = self.ctxs[ctx.0 as usize].nprefix;
                let capture = nprefix - pargs.len() as u32;
                let mut a = pargs;
                a.extend(self.call_args(&params, args, sc)?);
                ExKind::Call {
                    def: d,
                    capture,
                    args: a,
                }
            }
            Ent::Fn { ctx, m, u } => {
                if !args.is_empty() {
                    return Err(arity_err(0));
                }
                let d = self.def_id(ctx, m, u);
                let nprefix = self.ctxs[ctx.0 as usize].nprefix;
                if !pargs.is_empty() {
                    return Err(CompileError::new(
                        span,
                        "functions of parameterized instances are not supported",
                    ));
                }
                ExKind::RecFnValue {
                    def: d,
                    capture: nprefix,
                }
            }
            Ent::Decl {
                ctx,
                name: dn,
                arity,
            } => {
                if arity != args.len() {
                    return Err(arity_err(arity));
                }
                match self.decl_subst(ctx, &dn, span)? {
                    Subst::Ex(ex) => {
                        if !pargs.is_empty() {
                            // substitution expressions refer to the instance parameters as
                            // frame slots: evaluate through a wrapper definition
                            return self.wrap_with_args(ex, pargs, ctx, span);
                        }
                        return Ok(Ex {
                            kind: ex.kind,
                            span,
                        });
                    }
                    Subst::Op(o, _) => {
                        let a = self.call_args(&[], args, sc)?;
                        if !pargs.is_empty() {
                            return Err(CompileError::new(
                                span,
                                "operator constants of parameterized instances are not supported",
                            ));
                        }
                        op_arg_call(o, a)
                    }
                }
            }
            Ent::Builtin(b) => {
                let params = b.op_params();
                if b.takes_ops() {
                    if params.len() != args.len() {
                        return Err(arity_err(params.len()));
                    }
                    ExKind::BuiltinOp(b, self.call_args(params, args, sc)?)
                } else {
                    ExKind::Builtin(b, self.exprs(args, sc)?)
                }
            }
            Ent::Value(v) => {
                if !args.is_empty() {
                    return Err(arity_err(0));
                }
                ExKind::Lit(v)
            }
            Ent::Inst { .. } => {
                return Err(CompileError::new(
                    span,
                    format!("{n} is a module instance, not an operator"),
                ))
            }
        };
        Ok(Ex { kind, span })
    }

    /// An expression compiled in an instance context with parameters, evaluated from outside:
    /// wrap it in a definition whose frame holds the instance arguments.
    fn wrap_with_args(&mut self, ex: Ex, pargs: Vec<Arg>, ctx: CtxId, span: Span) -> R<Ex> {
        let id = self.alloc_def(Arc::from("instance parameter"), span);
        let np = self.ctxs[ctx.0 as usize].nprefix;
        let def = &mut self.defs[id.0 as usize];
        def.nargs = np;
        def.frame = np;
        def.body = ex;
        let capture = np - pargs.len() as u32;
        Ok(Ex {
            kind: ExKind::Call {
                def: id,
                capture,
                args: pargs,
            },
            span,
        })
    }

    /// The built-in language operators (not definable by modules).
    fn core_op(&mut self, n: &str, args: &[Expr], span: Span, sc: &mut Lsc) -> R<Option<ExKind>> {
        let un = |c: &mut Self, sc: &mut Lsc| -> R<Box<Ex>> {
            if args.len() != 1 {
                return Err(CompileError::new(span, format!("{n} takes one argument")));
            }
            c.bx(&args[0], sc)
        };
        let bin = |c: &mut Self, sc: &mut Lsc| -> R<(Box<Ex>, Box<Ex>)> {
            if args.len() != 2 {
                return Err(CompileError::new(span, format!("{n} takes two arguments")));
            }
            Ok((c.bx(&args[0], sc)?, c.bx(&args[1], sc)?))
        };
        Ok(Some(match n {
            "'" => ExKind::Prime(un(self, sc)?),
            "UNCHANGED" => ExKind::Unchanged(un(self, sc)?),
            "ENABLED" => ExKind::Enabled(un(self, sc)?),
            "[]" => ExKind::Temporal(Temporal::Always, vec![*un(self, sc)?]),
            "<>" => ExKind::Temporal(Temporal::Eventually, vec![*un(self, sc)?]),
            "~>" => {
                let (a, b) = bin(self, sc)?;
                ExKind::Temporal(Temporal::LeadsTo, vec![*a, *b])
            }
            "-+->" | "\\cdot" => {
                let (a, b) = bin(self, sc)?;
                ExKind::Temporal(Temporal::Other, vec![*a, *b])
            }
            "/\\" => {
                let (a, b) = bin(self, sc)?;
                ExKind::And(vec![*a, *b])
            }
            "\\/" => {
                let (a, b) = bin(self, sc)?;
                ExKind::Or(vec![*a, *b])
            }
            "~" => ExKind::Not(un(self, sc)?),
            "=>" => {
                let (a, b) = bin(self, sc)?;
                ExKind::Implies(a, b)
            }
            "<=>" => {
                let (a, b) = bin(self, sc)?;
                ExKind::Equiv(a, b)
            }
            "=" => {
                let (a, b) = bin(self, sc)?;
                ExKind::Eq(a, b)
            }
            "/=" => {
                let (a, b) = bin(self, sc)?;
                ExKind::Neq(a, b)
            }
            "\\in" => {
                let (a, b) = bin(self, sc)?;
                ExKind::In(a, b)
            }
            "\\notin" => {
                let (a, b) = bin(self, sc)?;
                ExKind::NotIn(a, b)
            }
            _ => match core_builtin(n) {
                Some(b) if sc.lookup(n).is_none() => {
                    if n != "\\X" && n != "\\times" {
                        let want = match b {
                            Builtin::Boolean | Builtin::StringSet => 0,
                            Builtin::Subset | Builtin::Union | Builtin::Domain => 1,
                            _ => 2,
                        };
                        if args.len() != want {
                            return Err(CompileError::new(
                                span,
                                format!("{n} takes {want} arguments"),
                            ));
                        }
                    }
                    ExKind::Builtin(b, self.exprs(args, sc)?)
                }
                _ => return Ok(None),
            },
        }))
    }

    /// Marks zero-arity definitions that do not depend on the state as cacheable.
    pub fn analyse_levels(&mut self) {
        let n = self.defs.len();
        let mut state = vec![false; n];
        let mut changed = true;
        // initial: direct state dependence
        for (i, d) in self.defs.iter().enumerate() {
            state[i] = direct_state(&d.body)
                || d.fn_bounds.as_ref().is_some_and(|b| {
                    b.iter()
                        .any(|cb| cb.set.as_ref().is_some_and(|s| direct_state(s)))
                });
        }
        while changed {
            changed = false;
            for i in 0..n {
                if state[i] {
                    continue;
                }
                let d = &self.defs[i];
                let mut dep = false;
                visit_calls(&d.body, &mut |c| {
                    if state[c.0 as usize] {
                        dep = true;
                    }
                });
                if let Some(bs) = &d.fn_bounds {
                    for b in bs {
                        if let Some(s) = &b.set {
                            visit_calls(s, &mut |c| {
                                if state[c.0 as usize] {
                                    dep = true;
                                }
                            });
                        }
                    }
                }
                if dep {
                    state[i] = true;
                    changed = true;
                }
            }
        }
        // action level: primes reachable through calls
        let mut action = vec![false; n];
        for (i, d) in self.defs.iter().enumerate() {
            let mut p = false;
            visit_ex(&d.body, &mut |x| {
                if matches!(
                    x.kind,
                    ExKind::Prime(_)
                        | ExKind::Unchanged(_)
                        | ExKind::Enabled(_)
                        | ExKind::CallParam { .. }
                ) {
                    p = true;
                }
            });
            action[i] = p;
        }
        let mut changed = true;
        while changed {
            changed = false;
            for i in 0..n {
                if action[i] {
                    continue;
                }
                let mut dep = false;
                visit_calls(&self.defs[i].body, &mut |c| {
                    if action[c.0 as usize] {
                        dep = true;
                    }
                });
                if dep {
                    action[i] = true;
                    changed = true;
                }
            }
        }
        for (i, d) in self.defs.iter_mut().enumerate() {
            d.action_level = action[i];
            d.state_level = state[i];
            if !state[i] && d.nargs == 0 && d.fn_bounds.is_none() {
                d.cache = Some(OnceLock::new());
            }
        }
    }
}

/// True for names the parser gives to subexpression selectors (`2`, `:`, `<<`, `>>`, `@`, `()`).
fn is_selector(n: &str) -> bool {
    matches!(n, ":" | "<<" | ">>" | "@" | "()")
        || (!n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Applies one subexpression selector to an expression (SANY's numbering: the i-th item
/// of a junction list, the i-th argument of an operator application, the parts of an
/// IF; `<<` / `>>` the left / right operand; `:` the expression itself).
fn select<'e>(e: &'e Expr, sel: &ast::Ident) -> R<&'e Expr> {
    let bad = || {
        CompileError::new(
            sel.span,
            format!(
                "the selector !{} does not apply to this expression",
                sel.name
            ),
        )
    };
    let e = match &e.kind {
        ExprKind::Label { body, .. } => body,
        _ => e,
    };
    match &*sel.name {
        ":" => Ok(e),
        "<<" | ">>" => match &e.kind {
            ExprKind::Op { args, .. } if !args.is_empty() => Ok(if &*sel.name == "<<" {
                &args[0]
            } else {
                &args[args.len() - 1]
            }),
            _ => Err(bad()),
        },
        n => {
            let i: usize = n.parse().map_err(|_| bad())?;
            if i == 0 {
                return Err(bad());
            }
            let items: Vec<&Expr> = match &e.kind {
                ExprKind::And(xs)
                | ExprKind::Or(xs)
                | ExprKind::Tuple(xs)
                | ExprKind::SetEnum(xs) => xs.iter().collect(),
                ExprKind::Op { args, .. } => args.iter().collect(),
                ExprKind::If { cond, then, els } => vec![&**cond, &**then, &**els],
                ExprKind::FnApp { func, args } => {
                    std::iter::once(&**func).chain(args.iter()).collect()
                }
                _ => Vec::new(),
            };
            items.get(i - 1).copied().ok_or_else(bad)
        }
    }
}

fn op_arg_call(o: OpArg, args: Vec<Arg>) -> ExKind {
    match o {
        OpArg::Def { def, capture } => ExKind::Call { def, capture, args },
        OpArg::Param(slot) => ExKind::CallParam { slot, args },
        OpArg::Builtin(b) => {
            if b.takes_ops() {
                ExKind::BuiltinOp(b, args)
            } else {
                ExKind::Builtin(
                    b,
                    args.into_iter()
                        .map(|a| match a {
                            Arg::Val(e) => e,
                            Arg::Op(_) => Ex {
                                kind: ExKind::Error(Arc::from("unexpected operator argument")),
                                span: Span::default(),
                            },
                        })
                        .collect(),
                )
            }
        }
    }
}

/// Language-level builtins usable without EXTENDS.
fn core_builtin(n: &str) -> Option<Builtin> {
    Some(match n {
        "SUBSET" => Builtin::Subset,
        "UNION" => Builtin::Union,
        "DOMAIN" => Builtin::Domain,
        "\\cup" | "\\union" => Builtin::Cup,
        "\\cap" | "\\intersect" => Builtin::Cap,
        "\\" | "\\setminus" => Builtin::SetMinus,
        "\\subseteq" => Builtin::SubsetEq,
        "\\X" | "\\times" => Builtin::Times,
        "BOOLEAN" => Builtin::Boolean,
        "STRING" => Builtin::StringSet,
        _ => return None,
    })
}

fn parse_num(n: &str, span: Span) -> R<Value> {
    if let Ok(i) = n.parse::<i64>() {
        return Ok(Value::Int(i));
    }
    match n.parse::<num_bigint::BigInt>() {
        Ok(b) => Ok(Value::big(b)),
        Err(_) => Err(CompileError::new(span, format!("bad numeral {n}"))),
    }
}

/// True if evaluating the expression binds frame slots (bound variables, `@`, LET).
fn binds_slots(e: &Expr) -> bool {
    let mut found = false;
    walk_expr(e, &mut |x| {
        if matches!(
            x.kind,
            ExprKind::Quant { .. }
                | ExprKind::Choose { .. }
                | ExprKind::SetFilter { .. }
                | ExprKind::SetMap { .. }
                | ExprKind::FnCons { .. }
                | ExprKind::Except { .. }
                | ExprKind::Let { .. }
                | ExprKind::Lambda { .. }
        ) {
            found = true;
        }
    });
    found
}

/// True if the expression syntactically contains a prime, UNCHANGED or ENABLED.
fn mentions_prime(e: &Expr) -> bool {
    let mut found = false;
    walk_expr(e, &mut |x| {
        if let ExprKind::Op { name, .. } = &x.kind {
            if matches!(&*name.name, "'" | "UNCHANGED" | "ENABLED") {
                found = true;
            }
        }
    });
    found
}

fn walk_bound(b: &Bound, f: &mut dyn FnMut(&Expr)) {
    if let Some(s) = &b.set {
        walk_expr(s, f);
    }
}

/// Calls `f` on every sub-expression of `e` (pre-order, source order).
pub(crate) fn walk_expr(e: &Expr, f: &mut dyn FnMut(&Expr)) {
    f(e);
    match &e.kind {
        ExprKind::Op { path, args, .. } => {
            for p in path {
                for a in &p.args {
                    walk_expr(a, f);
                }
            }
            for a in args {
                walk_expr(a, f);
            }
        }
        ExprKind::And(xs) | ExprKind::Or(xs) | ExprKind::SetEnum(xs) | ExprKind::Tuple(xs) => {
            for x in xs {
                walk_expr(x, f);
            }
        }
        ExprKind::Quant { bounds, body, .. } => {
            for b in bounds {
                walk_bound(b, f);
            }
            walk_expr(body, f);
        }
        ExprKind::TemporalQuant { body, .. } => walk_expr(body, f),
        ExprKind::Choose { bound, body } => {
            walk_bound(bound, f);
            walk_expr(body, f);
        }
        ExprKind::SetFilter { bound, pred } => {
            walk_bound(bound, f);
            walk_expr(pred, f);
        }
        ExprKind::SetMap { body, bounds } | ExprKind::FnCons { bounds, body } => {
            for b in bounds {
                walk_bound(b, f);
            }
            walk_expr(body, f);
        }
        ExprKind::FnSet { domain, range } => {
            walk_expr(domain, f);
            walk_expr(range, f);
        }
        ExprKind::Record(fs) | ExprKind::RecordSet(fs) => {
            for (_, x) in fs {
                walk_expr(x, f);
            }
        }
        ExprKind::Except { base, updates } => {
            walk_expr(base, f);
            for u in updates {
                for s in &u.path {
                    if let ExceptStep::Index(ix) = s {
                        for x in ix {
                            walk_expr(x, f);
                        }
                    }
                }
                walk_expr(&u.value, f);
            }
        }
        ExprKind::FnApp { func, args } => {
            walk_expr(func, f);
            for a in args {
                walk_expr(a, f);
            }
        }
        ExprKind::Dot { record, .. } => walk_expr(record, f),
        ExprKind::If { cond, then, els } => {
            walk_expr(cond, f);
            walk_expr(then, f);
            walk_expr(els, f);
        }
        ExprKind::Case { arms, other } => {
            for (a, b) in arms {
                walk_expr(a, f);
                walk_expr(b, f);
            }
            if let Some(o) = other {
                walk_expr(o, f);
            }
        }
        ExprKind::Let { defs, body } => {
            for d in defs {
                match d {
                    LetDef::Op(o) => walk_expr(&o.body, f),
                    LetDef::Fn(fd) => {
                        for b in &fd.bounds {
                            walk_bound(b, f);
                        }
                        walk_expr(&fd.body, f)
                    }
                    _ => {}
                }
            }
            walk_expr(body, f);
        }
        ExprKind::Lambda { body, .. } => walk_expr(body, f),
        ExprKind::BoxAction { action, sub } | ExprKind::AngleAction { action, sub } => {
            walk_expr(action, f);
            walk_expr(sub, f);
        }
        ExprKind::Fair { sub, action, .. } => {
            walk_expr(sub, f);
            walk_expr(action, f);
        }
        ExprKind::Label { body, .. } => walk_expr(body, f),
        _ => {}
    }
}

fn intern_module(m: &Module) {
    Str::new(&m.name.name);
    for u in &m.units {
        match u {
            Unit::Variables(vs) => {
                for v in vs {
                    Str::new(&v.name);
                }
            }
            Unit::Constants(cs) => {
                for c in cs {
                    Str::new(&c.name.name);
                }
            }
            Unit::OpDef(d) => {
                Str::new(&d.name.name);
                intern_expr(&d.body);
            }
            Unit::FnDef(d) => {
                Str::new(&d.name.name);
                intern_expr(&d.body);
            }
            Unit::Assume(a) => intern_expr(&a.expr),
            _ => {}
        }
    }
}

fn intern_expr(e: &Expr) {
    // intern in source order (TLC's lexer sees names left to right)
    let mut names: Vec<(u32, Arc<str>)> = Vec::new();
    walk_expr(e, &mut |x| match &x.kind {
        ExprKind::Str(s) => names.push((x.span.start, s.clone())),
        ExprKind::Op { name, .. } => names.push((name.span.start, name.name.clone())),
        ExprKind::Record(fs) | ExprKind::RecordSet(fs) => {
            for (n, _) in fs {
                names.push((n.span.start, n.name.clone()));
            }
        }
        ExprKind::Dot { field, .. } => names.push((field.span.start, field.name.clone())),
        _ => {}
    });
    names.sort_by_key(|(p, _)| *p);
    for (_, n) in names {
        Str::new(&n);
    }
}

/// Calls `f` on every definition called from `e`.
pub(crate) fn visit_calls(e: &Ex, f: &mut dyn FnMut(DefId)) {
    visit_ex(e, &mut |x| match &x.kind {
        ExKind::Call { def, args, .. } => {
            f(*def);
            for a in args {
                if let Arg::Op(OpArg::Def { def, .. }) = a {
                    f(*def);
                }
            }
        }
        ExKind::BuiltinOp(_, args) | ExKind::CallParam { args, .. } => {
            for a in args {
                if let Arg::Op(OpArg::Def { def, .. }) = a {
                    f(*def);
                }
            }
        }
        ExKind::RecFnApp { def, .. } | ExKind::RecFnValue { def, .. } => f(*def),
        _ => {}
    });
}

fn direct_state(e: &Ex) -> bool {
    let mut found = false;
    visit_ex(e, &mut |x| {
        if matches!(
            x.kind,
            ExKind::Var(_) | ExKind::Prime(_) | ExKind::Enabled(_) | ExKind::Unchanged(_)
        ) || matches!(x.kind, ExKind::Builtin(b, _) if matches!(b, Builtin::TLCGet | Builtin::TLCSet | Builtin::RandomElement | Builtin::JavaTime | Builtin::Print | Builtin::PrintT | Builtin::RandomSubset | Builtin::RandomSetOfSubsets | Builtin::RandomSubsetSet))
        {
            found = true;
        }
    });
    found
}

/// Pre-order visit of a compiled expression.
pub(crate) fn visit_ex(e: &Ex, f: &mut dyn FnMut(&Ex)) {
    f(e);
    let bounds = |bs: &[CBound], f: &mut dyn FnMut(&Ex)| {
        for b in bs {
            if let Some(s) = &b.set {
                visit_ex(s, f);
            }
        }
    };
    match &e.kind {
        ExKind::Lit(_) | ExKind::Var(_) | ExKind::Local(_) | ExKind::Error(_) => {}
        ExKind::Prime(a)
        | ExKind::Not(a)
        | ExKind::Unchanged(a)
        | ExKind::Enabled(a)
        | ExKind::Dot(a, _) => visit_ex(a, f),
        ExKind::LetRef { def, .. } => visit_ex(def, f),
        ExKind::Let { body, .. } => visit_ex(body, f),
        ExKind::Call { args, .. } | ExKind::CallParam { args, .. } | ExKind::BuiltinOp(_, args) => {
            for a in args {
                if let Arg::Val(x) = a {
                    visit_ex(x, f);
                }
            }
        }
        ExKind::Builtin(_, xs)
        | ExKind::And(xs)
        | ExKind::Or(xs)
        | ExKind::SetEnum(xs)
        | ExKind::Tuple(xs)
        | ExKind::Temporal(_, xs) => {
            for x in xs {
                visit_ex(x, f);
            }
        }
        ExKind::RecFnApp { arg, .. } => visit_ex(arg, f),
        ExKind::RecFnValue { .. } => {}
        ExKind::Implies(a, b)
        | ExKind::Equiv(a, b)
        | ExKind::Eq(a, b)
        | ExKind::Neq(a, b)
        | ExKind::In(a, b)
        | ExKind::NotIn(a, b)
        | ExKind::FnSet(a, b)
        | ExKind::FnApp(a, b)
        | ExKind::BoxAction(a, b)
        | ExKind::AngleAction(a, b)
        | ExKind::Fair(_, a, b) => {
            visit_ex(a, f);
            visit_ex(b, f);
        }
        ExKind::If(a, b, c) => {
            visit_ex(a, f);
            visit_ex(b, f);
            visit_ex(c, f);
        }
        ExKind::Case(arms, o) => {
            for (a, b) in arms {
                visit_ex(a, f);
                visit_ex(b, f);
            }
            if let Some(o) = o {
                visit_ex(o, f);
            }
        }
        ExKind::Forall(bs, b)
        | ExKind::Exists(bs, b)
        | ExKind::SetMap(bs, b)
        | ExKind::FnCons(bs, b) => {
            bounds(bs, f);
            visit_ex(b, f);
        }
        ExKind::Choose(bd, b) | ExKind::SetFilter(bd, b) => {
            bounds(std::slice::from_ref(bd), f);
            visit_ex(b, f);
        }
        ExKind::Record(fs) | ExKind::RecordSet(fs) => {
            for (_, x) in fs {
                visit_ex(x, f);
            }
        }
        ExKind::Except(b, ups) => {
            visit_ex(b, f);
            for u in ups {
                for s in &u.path {
                    if let CStep::Index(x) = s {
                        visit_ex(x, f);
                    }
                }
                visit_ex(&u.value, f);
            }
        }
    }
}
