//! TLA+ semantics for tlc-rs: name resolution and module instantiation ([`compile`]),
//! evaluation of expressions over `tlc-value` values, the standard modules, and TLC-style
//! enumeration of initial states and successor states.
//!
//! Entry point: [`Program::compile`] turns the loaded modules plus a [`ModelConfig`] into a
//! [`Program`] whose expressions have every name resolved (variables to slots, bound
//! variables to frame slots, operators to definition ids, builtins to [`Builtin`] ids).
//! The program is immutable and `Sync`: workers share it and call
//! [`Program::init_states`], [`Program::successors`], [`Program::eval_invariant`], ...
//!
//! **Architecture invariant:** this crate knows nothing about threads, the state store,
//! terminals or JSON; it depends only on `tlc-syntax` and `tlc-value`.

pub mod builtins;
mod byname;
mod compile;
mod ctxenum;
mod enumerate;
mod enummemo;
pub mod error;
mod eval;
mod fastpred;
mod fold;
pub mod ir;
mod prophint;
pub mod runtime;
mod stdlib;
mod stepmemo;
pub mod temporal;

pub use builtins::Builtin;
pub use compile::{Binding, ConstantSetting};
pub use error::{CompileError, EvalError, EvalErrorKind};
pub use runtime::{current_level, set_current_level, RunInfo, RunStats};
pub use stdlib::print_to_stderr;
pub use temporal::{LiveAtoms, TemporalFormula};

use compile::Compiler;
use enumerate::{enum_ex, first_unassigned, unspecified, Cont};
use eval::Cx;
use ir::*;
use std::sync::Arc;
use tlc_syntax::ast::Module;
use tlc_syntax::Span;
use tlc_value::{fingerprint_state, MvPerm, Value};

/// A state: one value per variable, indexed by slot ([`Program::vars`]).
pub type State = Box<[Value]>;

/// Index of an action in [`Program::actions`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActionId(pub u32);

/// What to check, as named by the configuration (`.cfg`) file.
#[derive(Clone, Debug, Default)]
pub struct ModelConfig {
    /// `CONSTANT` entries.
    pub constants: Vec<ConstantSetting>,
    /// `INIT`.
    pub init: Option<String>,
    /// `NEXT`.
    pub next: Option<String>,
    /// `SPECIFICATION`.
    pub specification: Option<String>,
    /// `INVARIANT`s.
    pub invariants: Vec<String>,
    /// `PROPERTY`s.
    pub properties: Vec<String>,
    /// `CONSTRAINT`s.
    pub constraints: Vec<String>,
    /// `ACTION_CONSTRAINT`s.
    pub action_constraints: Vec<String>,
    /// `SYMMETRY`.
    pub symmetry: Option<String>,
    /// `VIEW`.
    pub view: Option<String>,
    /// `ALIAS`.
    pub alias: Option<String>,
    /// `POSTCONDITION`s.
    pub postconditions: Vec<String>,
}

/// A named, compiled expression evaluated in a fresh frame of `frame` slots.
#[derive(Clone, Debug)]
pub struct Named {
    /// The name (definition name or a description).
    pub name: Arc<str>,
    /// Where it is defined.
    pub span: Span,
    /// The compiled expression.
    pub expr: Ex,
    /// Frame size needed to evaluate it.
    pub frame: u32,
}

impl AsRef<Named> for Named {
    fn as_ref(&self) -> &Named {
        self
    }
}

/// One action of the next-state relation (a top-level disjunct of Next).
pub type Action = Named;

/// A PROPERTY, classified as TLC does.
#[derive(Clone, Debug)]
pub enum Property {
    /// `[]P` with `P` a state predicate: checked like an invariant (`P` is given).
    Invariant(Named),
    /// `[][A]_v`: an action property checked on every transition (the `[A]_v` is given).
    Action(Named),
    /// Anything else: for the liveness layer (the whole formula is given).
    Temporal(Named),
}

/// The compiled model.
#[derive(Debug)]
pub struct Program {
    defs: Vec<Def>,
    /// Variable names by slot.
    pub vars: Vec<Arc<str>>,
    /// The initial predicate.
    pub init: Option<Named>,
    /// The next-state relation as a whole.
    pub next: Option<Named>,
    /// The actions (disjuncts of Next), in order.
    pub actions: Vec<Action>,
    /// `INVARIANT`s.
    pub invariants: Vec<Named>,
    /// `CONSTRAINT`s.
    pub constraints: Vec<Named>,
    /// `ACTION_CONSTRAINT`s.
    pub action_constraints: Vec<Named>,
    /// `PROPERTY`s.
    pub properties: Vec<Property>,
    /// Fairness conjuncts of the SPECIFICATION (`WF`/`SF`, possibly under `\A`).
    pub fairness: Vec<Named>,
    /// Other temporal conjuncts of the SPECIFICATION.
    pub spec_temporal: Vec<Named>,
    /// `VIEW`.
    pub view: Option<Named>,
    /// `ALIAS`.
    pub alias: Option<Named>,
    /// `POSTCONDITION`s.
    pub postconditions: Vec<Named>,
    /// `ASSUME`s of the root module (and modules it extends).
    pub assumptions: Vec<Named>,
    /// `SYMMETRY` permutations (empty without SYMMETRY).
    pub symmetry: Vec<MvPerm>,
    /// What `TLCGet`/`TLCSet` see of the run.
    runtime: runtime::Runtime,
    /// Identity of this program for per-thread memos (see `stepmemo`).
    uid: u64,
    /// Per entry of `properties`: the sub-actions of a `[A]_v` property (see `prophint`).
    box_parts: Vec<Option<prophint::BoxParts>>,
    /// Per definition: may it be memoized on a pair of states (see `stepmemo`).
    memo_flags: std::sync::OnceLock<Vec<u8>>,
    /// Per property: whether evaluating it may use the step memo (see `stepmemo`).
    memo_props: std::sync::OnceLock<Vec<bool>>,
    /// Per property: its `[A]_v` compiled for the fast path, if it is simple enough (see
    /// `fastpred`).
    fast_props: std::sync::OnceLock<Vec<Option<fastpred::Fast>>>,
    /// What may be memoized while successors are enumerated (see `enummemo`).
    enum_info: std::sync::OnceLock<enummemo::EnumInfo>,
}

fn root_named(c: &mut Compiler, name: &str) -> Result<Named, CompileError> {
    let ex = c
        .root_name(name, Span::default())
        .map_err(|e| CompileError {
            span: e.span,
            message: if e.message.starts_with("Unknown operator") {
                format!("The configuration names {name}, which is not defined in the specification")
            } else {
                e.message
            },
        })?;
    Ok(Named {
        name: Arc::from(name),
        span: Span::default(),
        expr: ex,
        frame: 0,
    })
}

impl Program {
    /// Compiles the loaded modules (root first) with the given configuration.
    pub fn compile(modules: &[Module], cfg: &ModelConfig) -> Result<Program, Vec<CompileError>> {
        let mut c = Compiler::new(modules, cfg.constants.clone()).map_err(|e| vec![e])?;
        let mut errors = Vec::new();
        let one = |r: Result<Named, CompileError>, errors: &mut Vec<CompileError>| match r {
            Ok(n) => Some(n),
            Err(e) => {
                errors.push(e);
                None
            }
        };
        let mut init = cfg
            .init
            .as_deref()
            .and_then(|n| one(root_named(&mut c, n), &mut errors));
        let mut next = cfg
            .next
            .as_deref()
            .and_then(|n| one(root_named(&mut c, n), &mut errors));
        let spec = cfg
            .specification
            .as_deref()
            .and_then(|n| one(root_named(&mut c, n), &mut errors));
        let list = |c: &mut Compiler, names: &[String], errors: &mut Vec<CompileError>| {
            names
                .iter()
                .filter_map(|n| match root_named(c, n) {
                    Ok(x) => Some(x),
                    Err(e) => {
                        errors.push(e);
                        None
                    }
                })
                .collect::<Vec<_>>()
        };
        let invariants = list(&mut c, &cfg.invariants, &mut errors);
        let constraints = list(&mut c, &cfg.constraints, &mut errors);
        let action_constraints = list(&mut c, &cfg.action_constraints, &mut errors);
        let props = list(&mut c, &cfg.properties, &mut errors);
        let postconditions = list(&mut c, &cfg.postconditions, &mut errors);
        let view = cfg
            .view
            .as_deref()
            .and_then(|n| one(root_named(&mut c, n), &mut errors));
        let alias = cfg
            .alias
            .as_deref()
            .and_then(|n| one(root_named(&mut c, n), &mut errors));
        let symmetry = cfg
            .symmetry
            .as_deref()
            .and_then(|n| one(root_named(&mut c, n), &mut errors));
        let mut assumptions = Vec::new();
        for (m, u) in c.assumptions() {
            let d = c.assumption_def(m, u);
            assumptions.push(d);
        }
        c.drain(&mut errors);
        c.analyse_levels();
        let mut defs = std::mem::take(&mut c.defs);
        byname::lift_by_name_args(&mut defs);
        fold::fold_defs(&mut defs);
        let vars = c.vars.clone();
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut p = Program {
            defs,
            vars,
            init: None,
            next: None,
            actions: Vec::new(),
            invariants,
            constraints,
            action_constraints,
            properties: Vec::new(),
            fairness: Vec::new(),
            spec_temporal: Vec::new(),
            view,
            alias,
            postconditions,
            assumptions: Vec::new(),
            symmetry: Vec::new(),
            runtime: runtime::Runtime::default(),
            uid: stepmemo::next_uid(),
            box_parts: Vec::new(),
            memo_flags: std::sync::OnceLock::new(),
            memo_props: std::sync::OnceLock::new(),
            fast_props: std::sync::OnceLock::new(),
            enum_info: std::sync::OnceLock::new(),
        };
        p.assumptions = assumptions
            .into_iter()
            .map(|d| {
                let def = &p.defs[d.0 as usize];
                Named {
                    name: def.name.clone(),
                    span: def.span,
                    expr: Ex {
                        kind: ExKind::Call {
                            def: d,
                            capture: 0,
                            args: Vec::new(),
                        },
                        span: def.span,
                    },
                    frame: 0,
                }
            })
            .collect();
        if let Some(s) = spec {
            let mut inits = Vec::new();
            let mut items = Vec::new();
            let mut init_frame = 0;
            p.conjuncts(&s.expr, 0, &mut items);
            for (it, fr) in items {
                match &it.kind {
                    ExKind::Temporal(Temporal::Always, xs)
                        if matches!(xs[0].kind, ExKind::BoxAction(..)) && next.is_none() =>
                    {
                        if let ExKind::BoxAction(a, _) = &xs[0].kind {
                            next = Some(Named {
                                name: p.name_of(a).unwrap_or_else(|| Arc::from("Next")),
                                span: a.span,
                                expr: (**a).clone(),
                                frame: fr,
                            });
                        }
                    }
                    _ if is_fairness(&it) => p.fairness.push(Named {
                        name: Arc::from("fairness"),
                        span: it.span,
                        expr: it.clone(),
                        frame: fr,
                    }),
                    _ if p.is_temporal(&it) => p.spec_temporal.push(Named {
                        name: Arc::from("temporal"),
                        span: it.span,
                        expr: it.clone(),
                        frame: fr,
                    }),
                    _ => inits.push((it.clone(), fr)),
                }
            }
            // Conjuncts from different definitions use the same frame slots for their
            // own bound variables and LET caches: when they are merged into one initial
            // predicate, each one that needs slots gets a frame of its own.
            let inits_len = inits.len();
            let mut inits: Vec<Ex> = inits
                .into_iter()
                .map(|(it, fr)| {
                    if inits_len > 1 && fr > 0 {
                        let id = DefId(p.defs.len() as u32);
                        let span = it.span;
                        let name = p.name_of(&it).unwrap_or_else(|| Arc::from("Init"));
                        p.defs.push(Def {
                            name,
                            span,
                            nargs: 0,
                            frame: fr,
                            body: it,
                            fn_bounds: None,
                            cache: None,
                            state_level: true,
                            action_level: false,
                        });
                        Ex {
                            kind: ExKind::Call {
                                def: id,
                                capture: 0,
                                args: Vec::new(),
                            },
                            span,
                        }
                    } else {
                        init_frame = init_frame.max(fr);
                        it
                    }
                })
                .collect();
            if init.is_none() && !inits.is_empty() {
                let name = if inits.len() == 1 {
                    p.name_of(&inits[0]).unwrap_or_else(|| Arc::from("Init"))
                } else {
                    Arc::from("Init")
                };
                let span = inits[0].span;
                init = Some(Named {
                    name,
                    span,
                    expr: if inits.len() == 1 {
                        inits.remove(0)
                    } else {
                        Ex {
                            kind: ExKind::And(inits),
                            span,
                        }
                    },
                    frame: init_frame,
                });
            }
        }
        if let Some(n) = &next {
            let top = vec![eval::Slot::Empty; n.frame as usize];
            let parts = p.split(&n.expr, &n.name, &mut Vec::new(), &top);
            p.actions = parts
                .into_iter()
                .map(|(expr, name, span)| Named {
                    name,
                    span,
                    expr,
                    frame: n.frame,
                })
                .collect();
        }
        p.init = init;
        p.next = next;
        for prop in props {
            let mut items = Vec::new();
            p.conjuncts(&prop.expr, 0, &mut items);
            for (it, fr) in items {
                let named = |e: Ex| Named {
                    name: prop.name.clone(),
                    span: prop.span,
                    expr: e,
                    frame: fr,
                };
                match &it.kind {
                    ExKind::Temporal(Temporal::Always, xs)
                        if !p.is_temporal(&xs[0]) && !p.is_action(&xs[0]) =>
                    {
                        p.properties.push(Property::Invariant(named(xs[0].clone())))
                    }
                    ExKind::Temporal(Temporal::Always, xs)
                        if matches!(xs[0].kind, ExKind::BoxAction(..))
                            && !p.is_temporal(&xs[0]) =>
                    {
                        p.properties.push(Property::Action(named(xs[0].clone())))
                    }
                    _ => p.properties.push(Property::Temporal(named(it.clone()))),
                }
            }
        }
        let props = std::mem::take(&mut p.properties);
        p.box_parts = props
            .iter()
            .map(|pr| match pr {
                Property::Action(n) => {
                    let n = p.with_full_frame(n);
                    p.box_parts_of(&n)
                }
                _ => None,
            })
            .collect();
        p.properties = props;
        if let Some(sym) = symmetry {
            match p.eval_const(&sym) {
                Ok(v) => match MvPerm::from_symmetry_set(&v) {
                    Ok(perms) => p.symmetry = symmetry_group(&v, perms),
                    Err(e) => return Err(vec![CompileError::config(format!("SYMMETRY: {e}"))]),
                },
                Err(e) => {
                    return Err(vec![CompileError::config(format!(
                        "SYMMETRY: {}",
                        e.message
                    ))])
                }
            }
        }
        Ok(p)
    }

    /// The definition body behind a zero-argument, root-context call, if any.
    fn expand0<'a>(&'a self, e: &'a Ex) -> Option<&'a Def> {
        match &e.kind {
            ExKind::Call {
                def,
                capture: 0,
                args,
            } if args.is_empty() => {
                let d = &self.defs[def.0 as usize];
                if d.nargs == 0 && d.fn_bounds.is_none() {
                    Some(d)
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    fn name_of(&self, e: &Ex) -> Option<Arc<str>> {
        match &e.kind {
            ExKind::Call { def, .. } => Some(self.defs[def.0 as usize].name.clone()),
            _ => None,
        }
    }

    /// Flattens conjunctions, expanding zero-argument definitions; each item comes with
    /// the frame size it needs.
    fn conjuncts(&self, e: &Ex, frame: u32, out: &mut Vec<(Ex, u32)>) {
        match &e.kind {
            ExKind::And(xs) => {
                for x in xs {
                    self.conjuncts(x, frame, out);
                }
            }
            _ => match self.expand0(e) {
                Some(d)
                    if matches!(
                        d.body.kind,
                        ExKind::And(_) | ExKind::Call { .. } | ExKind::Temporal(..)
                    ) =>
                {
                    self.conjuncts(&d.body, d.frame, out)
                }
                _ => out.push((e.clone(), frame)),
            },
        }
    }

    fn is_temporal(&self, e: &Ex) -> bool {
        let mut t = false;
        let mut seen = Vec::new();
        self.visit_deep(e, &mut seen, &mut |x| {
            if matches!(x.kind, ExKind::Temporal(..) | ExKind::Fair(..)) {
                t = true;
            }
        });
        t
    }

    fn is_action(&self, e: &Ex) -> bool {
        let mut t = false;
        let mut seen = Vec::new();
        self.visit_deep(e, &mut seen, &mut |x| {
            if matches!(
                x.kind,
                ExKind::Prime(_)
                    | ExKind::Unchanged(_)
                    | ExKind::BoxAction(..)
                    | ExKind::AngleAction(..)
            ) {
                t = true;
            }
        });
        t
    }

    fn visit_deep(&self, e: &Ex, seen: &mut Vec<DefId>, f: &mut dyn FnMut(&Ex)) {
        compile::visit_ex(e, &mut |x| {
            f(x);
        });
        let mut calls = Vec::new();
        compile::visit_calls(e, &mut |d| calls.push(d));
        for d in calls {
            if !seen.contains(&d) {
                seen.push(d);
                let body = &self.defs[d.0 as usize].body;
                self.visit_deep(body, seen, f);
            }
        }
    }

    /// Splits an action into TLC's sub-actions, the way TLC's `Tool.getActions` does:
    /// disjunctions split; `\E x \in S : A` over a set `S` that evaluates without the state
    /// is enumerated, giving the sub-actions of `A` for each value in turn (value-major,
    /// so successors come in TLC's order); `LET` keeps its definitions; an operator
    /// application whose arguments evaluate without the state is expanded (its body split,
    /// each part becoming a new definition with the same parameters). A `\E` over a
    /// state-dependent set, or a call with a state-dependent argument, stays one action
    /// labelled with the enclosing definition (TLC's `Action(next, con, actionName)`).
    /// Every part is labelled with the innermost definition it comes from and located at
    /// the part itself (TLC prints `<Inc line 6, col 3 to line 7, col 11 of module M>`:
    /// the body of `Inc`).
    ///
    /// `frame` holds what is known of the current frame's slots (values of enumerated
    /// bound variables and constant arguments; [`eval::Slot::Empty`] elsewhere).
    fn split(
        &mut self,
        e: &Ex,
        name: &Arc<str>,
        stack: &mut Vec<DefId>,
        frame: &[eval::Slot],
    ) -> Vec<(Ex, Arc<str>, Span)> {
        let whole = || vec![(e.clone(), name.clone(), unparenthesized(e))];
        match &e.kind {
            ExKind::Or(xs) => {
                let mut out = Vec::new();
                for x in xs {
                    out.extend(self.split(x, name, stack, frame));
                }
                out
            }
            ExKind::Exists(bounds, body) => {
                let Some(bindings) = self.constant_bindings(bounds, frame) else {
                    return whole();
                };
                if bindings.is_empty() || bindings.len() > SPLIT_MAX_BINDINGS {
                    return whole();
                }
                let pats: Vec<&Pat> = bounds.iter().flat_map(|b| b.pats.iter()).collect();
                let mut per: Vec<Vec<(Ex, Arc<str>, Span)>> = Vec::with_capacity(bindings.len());
                for vals in &bindings {
                    let mut fr = frame.to_vec();
                    for (p, v) in pats.iter().zip(vals) {
                        bind_slots(&mut fr, p, v);
                    }
                    per.push(self.split(body, name, stack, &fr));
                }
                // Each value gives the body unsplit, with one label: one action over the
                // whole set enumerates the same successors in the same order.
                if per
                    .iter()
                    .all(|ps| ps.len() == 1 && ps[0].1 == per[0][0].1 && ps[0].2 == per[0][0].2)
                {
                    let (_, n, sp) = per.swap_remove(0).pop().expect("one part");
                    return vec![(e.clone(), n, sp)];
                }
                let mut out = Vec::new();
                for (vals, parts) in bindings.iter().zip(per) {
                    let one: Vec<CBound> = pats
                        .iter()
                        .zip(vals)
                        .map(|(p, v)| CBound {
                            pats: vec![(*p).clone()],
                            set: Some(Box::new(Ex {
                                kind: ExKind::Lit(Value::set([v.clone()])),
                                span: e.span,
                            })),
                        })
                        .collect();
                    out.extend(parts.into_iter().map(|(x, n, sp)| {
                        (
                            Ex {
                                kind: ExKind::Exists(one.clone(), Box::new(x)),
                                span: e.span,
                            },
                            n,
                            sp,
                        )
                    }));
                }
                out
            }
            ExKind::Let { slots, body } => self
                .split(body, name, stack, frame)
                .into_iter()
                .map(|(x, n, sp)| {
                    (
                        Ex {
                            kind: ExKind::Let {
                                slots: slots.clone(),
                                body: Box::new(x),
                            },
                            span: e.span,
                        },
                        n,
                        sp,
                    )
                })
                .collect(),
            ExKind::Call { def, capture, args } => {
                let d = &self.defs[def.0 as usize];
                if d.cache.is_some()
                    || d.fn_bounds.is_some()
                    || stack.contains(def)
                    || stack.len() > 64
                {
                    return whole();
                }
                let Some(callee) = self.callee_frame(d, *capture, args, frame) else {
                    // a state-dependent argument: one action, named by the operator
                    return vec![(e.clone(), d.name.clone(), unparenthesized(e))];
                };
                let (dname, body) = (d.name.clone(), d.body.clone());
                stack.push(*def);
                let parts = self.split(&body, &dname, stack, &callee);
                stack.pop();
                if parts.len() == 1 {
                    let (_, n, sp) = parts.into_iter().next().expect("one part");
                    return vec![(e.clone(), n, sp)];
                }
                let d = &self.defs[def.0 as usize];
                let (nargs, frame, state_level, action_level) =
                    (d.nargs, d.frame, d.state_level, d.action_level);
                parts
                    .into_iter()
                    .map(|(x, n, sp)| {
                        let id = DefId(self.defs.len() as u32);
                        self.defs.push(Def {
                            name: n.clone(),
                            span: sp,
                            nargs,
                            frame,
                            body: x,
                            fn_bounds: None,
                            cache: None,
                            state_level,
                            action_level,
                        });
                        (
                            Ex {
                                kind: ExKind::Call {
                                    def: id,
                                    capture: *capture,
                                    args: args.clone(),
                                },
                                span: e.span,
                            },
                            n,
                            sp,
                        )
                    })
                    .collect()
            }
            _ => whole(),
        }
    }

    /// A context without a state whose frame is `frame` (the action split's partial frames).
    fn frame_cx(&self, frame: &[eval::Slot]) -> Cx<'_> {
        let mut cx = Cx::new(&self.defs, &self.vars, &[]);
        cx.rt = Some(&self.runtime);
        cx.env = frame.to_vec();
        cx.base = 0;
        cx
    }

    /// The bindings of `bounds` (one value per pattern, in TLC's order), if their sets
    /// evaluate in `frame` without the state; `None` otherwise (state-dependent, not
    /// enumerable, or an evaluation error: TLC then keeps the `\E` as one action).
    fn constant_bindings(
        &self,
        bounds: &[CBound],
        frame: &[eval::Slot],
    ) -> Option<Vec<Vec<Value>>> {
        let mut cx = self.frame_cx(frame);
        let pats: Vec<&Pat> = bounds.iter().flat_map(|b| b.pats.iter()).collect();
        let mut out = Vec::new();
        let ok = cx.for_each_ctx(bounds, &mut |cx| {
            out.push(pats.iter().map(|p| cx.pat_value(p)).collect());
            Ok(out.len() <= SPLIT_MAX_BINDINGS)
        });
        ok.ok().map(|_| out)
    }

    /// The frame of a call of `d` from `frame` (captured slots, then the arguments), if
    /// every argument evaluates without the state (TLC expands a call into its body only
    /// when its arguments are constant-level).
    fn callee_frame(
        &self,
        d: &Def,
        capture: u32,
        args: &[Arg],
        frame: &[eval::Slot],
    ) -> Option<Vec<eval::Slot>> {
        let mut cx = self.frame_cx(frame);
        let mut callee: Vec<eval::Slot> = frame.get(..capture as usize)?.to_vec();
        for a in args {
            callee.push(match a {
                Arg::Val(x) => eval::Slot::Val(cx.eval(x).ok()?),
                Arg::Op(o) => eval::Slot::Op(cx.make_closure(o)),
            });
        }
        let size = (d.frame as usize).max(callee.len());
        callee.resize(size, eval::Slot::Empty);
        Some(callee)
    }

    fn cx<'a>(&'a self, cur: &'a [Value], frame: u32) -> Cx<'a> {
        let mut cx = Cx::new(&self.defs, &self.vars, cur);
        cx.rt = Some(&self.runtime);
        cx.reset_frame(frame);
        cx
    }

    /// Records the run's settings for `TLCGet("config")` (call once, before checking
    /// the assumptions; later calls are ignored). Without it the defaults of
    /// [`RunInfo`] are reported.
    pub fn set_run_info(&self, info: RunInfo) {
        let _ = self.runtime.info.set(info);
    }

    /// Installs the checker's counters for `TLCGet("distinct")`, `"generated"`,
    /// `"queue"`, `"diameter"` and `"stats"` (once; later calls are ignored).
    pub fn set_stats(&self, stats: Arc<dyn RunStats>) {
        let _ = self.runtime.stats.set(stats);
    }

    /// True if some definition may read the search's counters with `TLCGet` (`"distinct"`,
    /// `"generated"`, `"queue"`, `"diameter"`, `"stats"`, or a key that is not a string
    /// literal): the checker then publishes them with [`Program::set_stats`].
    pub fn reads_search_stats(&self) -> bool {
        let mut found = false;
        for d in &self.defs {
            compile::visit_ex(&d.body, &mut |x| match &x.kind {
                ExKind::Builtin(Builtin::TLCGet, args) => {
                    found |= match args.first().map(|a| &a.kind) {
                        Some(ExKind::Lit(Value::Str(k))) => matches!(
                            k.as_str(),
                            "distinct" | "generated" | "queue" | "diameter" | "stats"
                        ),
                        Some(ExKind::Lit(Value::Int(_))) => false,
                        _ => true,
                    }
                }
                ExKind::BuiltinOp(Builtin::TLCGet, _) => found = true,
                _ => {}
            });
            if found {
                break;
            }
        }
        found
    }

    /// Evaluates a constant-level named expression.
    pub fn eval_const(&self, n: &Named) -> Result<Value, EvalError> {
        let mut cx = self.cx(&[], n.frame);
        cx.eval(&n.expr)
    }

    /// Number of state variables.
    pub fn num_vars(&self) -> usize {
        self.vars.len()
    }

    /// Enumerates the initial states (duplicates possible), in TLC's order.
    pub fn init_states(&self, out: &mut dyn FnMut(State)) -> Result<(), EvalError> {
        let Some(init) = &self.init else {
            return Err(EvalError {
                kind: EvalErrorKind::Runtime,
                span: None,
                message: "no initial predicate".into(),
            });
        };
        let mut cx = self.cx(&[], init.frame);
        cx.init_mode = true;
        cx.next = vec![None; self.vars.len()];
        let mut err = None;
        enum_ex(&mut cx, &init.expr, &Cont::Done, &mut |next| {
            if let Some(v) = first_unassigned(next) {
                err = Some(v);
                return Ok(false);
            }
            out(next
                .iter()
                .map(|v| v.clone().unwrap_or(Value::FALSE))
                .collect());
            Ok(true)
        })?;
        if let Some(v) = err {
            return Err(unspecified(&cx, v, &init.name, init.expr.span, true));
        }
        Ok(())
    }

    /// Enumerates the successors of `s`, each with the action it came from.
    pub fn successors(
        &self,
        s: &[Value],
        out: &mut dyn FnMut(ActionId, State),
    ) -> Result<(), EvalError> {
        let mut cx = self.cx(s, 0);
        let info = self
            .enum_info
            .get_or_init(|| enummemo::EnumInfo::new(&self.defs));
        cx.enum_memo = Some(enummemo::EnumMemo::new(info));
        for (i, a) in self.actions.iter().enumerate() {
            cx.reset_frame(a.frame);
            cx.next.clear();
            cx.next.resize(self.vars.len(), None);
            let mut err = None;
            enum_ex(&mut cx, &a.expr, &Cont::Done, &mut |next| {
                if let Some(v) = first_unassigned(next) {
                    err = Some(v);
                    return Ok(false);
                }
                out(
                    ActionId(i as u32),
                    next.iter()
                        .map(|v| v.clone().unwrap_or(Value::FALSE))
                        .collect(),
                );
                Ok(true)
            })?;
            if let Some(v) = err {
                return Err(unspecified(&cx, v, &a.name, a.span, false));
            }
        }
        Ok(())
    }

    /// Evaluates a state predicate (invariant, constraint) on `s`.
    pub fn eval_predicate(&self, n: &Named, s: &[Value]) -> Result<bool, EvalError> {
        let mut cx = self.cx(s, n.frame);
        cx.eval_bool(&n.expr, "an invariant")
    }

    /// Evaluates invariant `i` on `s`.
    pub fn eval_invariant(&self, i: usize, s: &[Value]) -> Result<bool, EvalError> {
        self.eval_predicate(&self.invariants[i], s)
    }

    /// Evaluates an action-level predicate (action constraint, action property) on `s -> t`.
    pub fn eval_action(&self, n: &Named, s: &[Value], t: &[Value]) -> Result<bool, EvalError> {
        self.eval_action_at(n, s, None, t, None)
    }

    /// Evaluates a state function (VIEW, ALIAS) on `s`.
    pub fn eval_state_fn(&self, n: &Named, s: &[Value]) -> Result<Value, EvalError> {
        let mut cx = self.cx(s, n.frame);
        cx.eval(&n.expr)
    }

    /// `ENABLED A` in state `s`.
    pub fn enabled(&self, n: &Named, s: &[Value]) -> Result<bool, EvalError> {
        let mut cx = self.cx(s, n.frame);
        cx.enabled(&n.expr)
    }

    /// True if `s` satisfies every CONSTRAINT.
    pub fn in_model(&self, s: &[Value]) -> Result<bool, EvalError> {
        for c in &self.constraints {
            if !self.eval_predicate(c, s)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// True if `s -> t` satisfies every ACTION_CONSTRAINT.
    pub fn action_in_model(&self, s: &[Value], t: &[Value]) -> Result<bool, EvalError> {
        for c in &self.action_constraints {
            if !self.eval_action(c, s, t)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The fingerprint of `s` as TLC identifies states: of the VIEW value if there is a
    /// VIEW, else of the state; with SYMMETRY, the least fingerprint over the permuted
    /// states.
    pub fn fingerprint(&self, s: &[Value]) -> Result<u64, EvalError> {
        if let Some(v) = &self.view {
            let val = self.eval_state_fn(v, s)?;
            if self.symmetry.is_empty() {
                return Ok(val.fingerprint());
            }
            let mut best = val.fingerprint();
            for p in &self.symmetry {
                best = best.min(val.permute(p).fingerprint());
            }
            return Ok(best);
        }
        let mut best = fingerprint_state(s);
        if !self.symmetry.is_empty() {
            let mut buf: Vec<Value> = Vec::with_capacity(s.len());
            for p in &self.symmetry {
                buf.clear();
                buf.extend(s.iter().map(|v| v.permute(p)));
                best = best.min(fingerprint_state(&buf));
            }
        }
        Ok(best)
    }

    /// Checks the ASSUMEs: the first false one (index) or evaluation error.
    pub fn check_assumptions(&self) -> Result<Option<usize>, EvalError> {
        for (i, a) in self.assumptions.iter().enumerate() {
            let mut cx = self.cx(&[], a.frame);
            if !cx.eval_bool(&a.expr, "an ASSUME")? {
                return Ok(Some(i));
            }
        }
        Ok(None)
    }
}

/// The group generated by the SYMMETRY permutations (TLC reduces modulo the subgroup
/// the given permutations generate, e.g. `Permutations(A) \cup Permutations(B)` acts as
/// all combinations of a permutation of `A` and one of `B`), without the identity.
fn symmetry_group(set: &Value, gens: Vec<MvPerm>) -> Vec<MvPerm> {
    use tlc_value::ModelValue;
    // the model values the permutations move
    let mut dom: Vec<ModelValue> = Vec::new();
    if let Ok(it) = set.set_iter() {
        for f in it {
            if let Ok(pairs) = f.func_pairs() {
                for (k, _) in pairs {
                    if let Value::Model(m) = k {
                        if !dom.contains(&m) {
                            dom.push(m);
                        }
                    }
                }
            }
        }
    }
    const LIMIT: usize = 1 << 20;
    let mut group: Vec<MvPerm> = vec![MvPerm::default()];
    let mut seen: std::collections::HashSet<Vec<ModelValue>> = std::collections::HashSet::new();
    let image = |p: &MvPerm| dom.iter().map(|m| p.apply(*m)).collect::<Vec<_>>();
    seen.insert(image(&group[0]));
    let mut i = 0;
    while i < group.len() && group.len() < LIMIT {
        for g in &gens {
            let a = &group[i];
            let c = MvPerm::new(dom.iter().map(|m| (*m, a.apply(g.apply(*m)))));
            if seen.insert(image(&c)) {
                group.push(c);
            }
        }
        i += 1;
    }
    group.retain(|p| !p.is_identity());
    group
}

/// The span of `e` without enclosing parentheses (the parser widens an expression's
/// span to its parentheses; TLC locates `(A /\ B)` from `A` to `B`). Only for
/// expressions whose extent is given by their operands.
/// Most bindings of a `\E` enumerated into separate actions (beyond, it stays one action:
/// the same successors in the same order, labelled with the enclosing definition).
const SPLIT_MAX_BINDINGS: usize = 10_000;

/// Sets the slots of pattern `p` to `v` in `frame` (a tuple pattern takes the tuple's
/// elements; a value of another shape leaves the slots unknown).
fn bind_slots(frame: &mut Vec<eval::Slot>, p: &Pat, v: &Value) {
    let mut set = |s: u32, v: &Value| {
        let i = s as usize;
        if frame.len() <= i {
            frame.resize(i + 1, eval::Slot::Empty);
        }
        frame[i] = eval::Slot::Val(v.clone());
    };
    match (p, v) {
        (Pat::Slot(s), v) => set(*s, v),
        (Pat::Tuple(ss), Value::Tuple(t)) if t.len() == ss.len() => {
            for (s, x) in ss.iter().zip(t.elems()) {
                set(*s, x);
            }
        }
        _ => {}
    }
}

fn unparenthesized(e: &Ex) -> Span {
    let (first, last) = match &e.kind {
        ExKind::And(xs) | ExKind::Or(xs) if xs.len() >= 2 => (&xs[0], &xs[xs.len() - 1]),
        ExKind::Eq(a, b)
        | ExKind::Neq(a, b)
        | ExKind::In(a, b)
        | ExKind::NotIn(a, b)
        | ExKind::Implies(a, b)
        | ExKind::Equiv(a, b) => (&**a, &**b),
        _ => return e.span,
    };
    if e.span.start < first.span.start && e.span.end > last.span.end {
        Span {
            start: first.span.start,
            end: last.span.end,
            ..e.span
        }
    } else {
        e.span
    }
}

fn is_fairness(e: &Ex) -> bool {
    match &e.kind {
        ExKind::Fair(..) => true,
        ExKind::Forall(_, b) => is_fairness(b),
        _ => false,
    }
}

fn cfg_value(v: &tlc_syntax::cfg::CfgValue) -> Value {
    use tlc_syntax::cfg::CfgValue;
    match v {
        CfgValue::Int { value, .. } => Value::Int(*value),
        CfgValue::Str { value, .. } => Value::string(value),
        CfgValue::Bool { value, .. } => Value::Bool(*value),
        CfgValue::ModelValue(id) => Value::model(&id.name),
        CfgValue::Set { elems, .. } => Value::set(elems.iter().map(cfg_value)),
    }
}

impl ModelConfig {
    /// Converts a parsed `.cfg` file.
    pub fn from_config(c: &tlc_syntax::cfg::Config) -> ModelConfig {
        use tlc_syntax::cfg::ConstantAssignment;
        let names = |v: &[tlc_syntax::ast::Ident]| v.iter().map(|i| i.name.to_string()).collect();
        let name = |v: &Option<tlc_syntax::ast::Ident>| v.as_ref().map(|i| i.name.to_string());
        ModelConfig {
            constants: c
                .constants
                .iter()
                .map(|a| match a {
                    ConstantAssignment::Value {
                        name,
                        module,
                        value,
                        ..
                    } => ConstantSetting {
                        name: name.name.to_string(),
                        module: module.as_ref().map(|m| m.name.to_string()),
                        binding: Binding::Value(cfg_value(value)),
                    },
                    ConstantAssignment::Override {
                        name,
                        module,
                        target,
                        ..
                    } => ConstantSetting {
                        name: name.name.to_string(),
                        module: module.as_ref().map(|m| m.name.to_string()),
                        binding: Binding::Op(target.name.to_string()),
                    },
                })
                .collect(),
            init: name(&c.init),
            next: name(&c.next),
            specification: name(&c.specification),
            invariants: names(&c.invariants),
            properties: names(&c.properties),
            constraints: names(&c.constraints),
            action_constraints: names(&c.action_constraints),
            symmetry: name(&c.symmetry),
            view: name(&c.view),
            alias: name(&c.alias),
            postconditions: names(&c.postconditions),
        }
    }
}
