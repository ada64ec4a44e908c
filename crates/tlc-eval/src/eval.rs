//! The expression evaluator over compiled expressions: a frame stack of slots, the current
//! state, and a partial next state (for actions), with TLC's left-to-right short-circuit
//! semantics and TLC-like error messages.

use crate::builtins::Builtin;
use crate::error::{EvalError, EvalErrorKind};
use crate::ir::*;
use std::sync::Arc;
use tlc_syntax::Span;
use tlc_value::{tla_eq, Str, VResult, Value, ValueError};

/// A frame slot.
#[derive(Clone, Debug, Default)]
pub(crate) enum Slot {
    /// Not yet bound (lazy LET not yet computed).
    #[default]
    Empty,
    /// A value.
    Val(Value),
    /// An operator argument.
    Op(Arc<Closure>),
    /// A state variable passed by name to an operator expanded during enumeration
    /// (`true`: the primed variable `x'`), so that the body can assign it.
    VarRef(u32, bool),
}

/// What an operator argument calls.
#[derive(Debug)]
pub(crate) enum Target {
    Def(DefId),
    Builtin(Builtin),
}

/// An operator argument with its captured slots.
#[derive(Debug)]
pub(crate) struct Closure {
    pub target: Target,
    pub captured: Vec<Slot>,
}

pub(crate) type ER<T> = Result<T, EvalError>;

/// Evaluation context.
pub(crate) struct Cx<'p> {
    pub defs: &'p [Def],
    /// Current state (empty for constant evaluation).
    pub cur: &'p [Value],
    /// Partial next state (or, in init mode, the partial initial state).
    pub next: Vec<Option<Value>>,
    /// Variables read from `next` (initial-state enumeration).
    pub init_mode: bool,
    /// Evaluating inside a prime.
    pub primed: bool,
    pub env: Vec<Slot>,
    pub base: usize,
    /// Names of the variables (for messages).
    pub var_names: &'p [Arc<str>],
    /// Values of recursive function definitions over the current state (not primed).
    pub fn_cache: Vec<(DefId, Value)>,
    /// Run-time information for `TLCGet`/`TLCSet` (None in bare evaluations).
    pub rt: Option<&'p crate::runtime::Runtime>,
    /// Values of closed zero-argument definitions (`capture == 0`, no arguments) by
    /// `(definition, primed)`, when both states are complete and fixed (evaluating an action
    /// on a pair of states): an instance's substituted variables (`x <- e`) are such calls
    /// and are read many times per step. `None`: no memo (enumeration, partial states).
    pub def_memo: Option<crate::stepmemo::DefMemo<'p>>,
    /// Values of closed zero-argument definitions while the successors of one state are
    /// enumerated (see `enummemo`); `None` elsewhere.
    pub enum_memo: Option<crate::enummemo::EnumMemo<'p>>,
}

thread_local! {
    /// Frame stacks of dropped contexts, reused by the next [`Cx::new`] on this thread
    /// (the checker builds a context per state and per invariant).
    static ENV_POOL: std::cell::RefCell<Vec<Vec<Slot>>> = const { std::cell::RefCell::new(Vec::new()) };
    /// Next-state vectors of dropped contexts, reused by [`Cx::set_next`] (the checker
    /// sets up a context per step for action properties and liveness atoms).
    static NEXT_POOL: std::cell::RefCell<Vec<Vec<Option<Value>>>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Drop for Cx<'_> {
    fn drop(&mut self) {
        let mut env = std::mem::take(&mut self.env);
        env.clear();
        if env.capacity() <= 4096 {
            let _ = ENV_POOL.try_with(|p| {
                let mut p = p.borrow_mut();
                if p.len() < 8 {
                    p.push(env);
                }
            });
        }
        let mut next = std::mem::take(&mut self.next);
        if next.capacity() != 0 && next.capacity() <= 4096 {
            next.clear();
            let _ = NEXT_POOL.try_with(|p| {
                let mut p = p.borrow_mut();
                if p.len() < 8 {
                    p.push(next);
                }
            });
        }
    }
}

pub(crate) fn verr(e: ValueError, span: Span) -> EvalError {
    EvalError::new(span, e.to_string())
}

impl<'p> Cx<'p> {
    pub fn new(defs: &'p [Def], var_names: &'p [Arc<str>], cur: &'p [Value]) -> Cx<'p> {
        Cx {
            defs,
            cur,
            next: Vec::new(),
            init_mode: false,
            primed: false,
            env: ENV_POOL
                .with(|p| p.borrow_mut().pop())
                .unwrap_or_else(|| Vec::with_capacity(64)),
            base: 0,
            var_names,
            fn_cache: Vec::new(),
            rt: None,
            def_memo: None,
            enum_memo: None,
        }
    }

    /// Sets the next state to the complete state `t` (for evaluating an action on a step).
    pub fn set_next(&mut self, t: &[Value]) {
        if self.next.capacity() == 0 {
            if let Ok(Some(v)) = NEXT_POOL.try_with(|p| p.borrow_mut().pop()) {
                self.next = v;
            }
        }
        self.next.clear();
        self.next.extend(t.iter().map(|v| Some(v.clone())));
    }

    /// Resets the frame stack to one frame of `size` empty slots.
    pub fn reset_frame(&mut self, size: u32) {
        self.env.clear();
        self.env.resize(size as usize, Slot::Empty);
        self.base = 0;
    }

    #[inline]
    pub fn slot(&self, s: u32) -> &Slot {
        &self.env[self.base + s as usize]
    }

    #[inline]
    pub fn set(&mut self, s: u32, v: Value) {
        let i = self.base + s as usize;
        self.env[i] = Slot::Val(v);
    }

    pub fn read_var(&self, i: u32, span: Span) -> ER<Value> {
        if self.primed || self.init_mode {
            match self.next.get(i as usize) {
                Some(Some(v)) => Ok(v.clone()),
                _ => {
                    let name = self.var_names.get(i as usize).map(|n| &**n).unwrap_or("?");
                    if self.init_mode && !self.primed {
                        Err(EvalError::new(
                            span,
                            format!("In evaluation, the identifier {name} is either undefined or not an operator (variable {name} has not been assigned a value yet)"),
                        ))
                    } else {
                        Err(EvalError::new(
                            span,
                            format!("In evaluation, the primed variable {name}' has not been assigned a value yet"),
                        ))
                    }
                }
            }
        } else {
            match self.cur.get(i as usize) {
                Some(v) => Ok(v.clone()),
                None => {
                    let name = self.var_names.get(i as usize).map(|n| &**n).unwrap_or("?");
                    Err(EvalError::new(
                        span,
                        format!("variable {name} cannot be used in a constant expression"),
                    ))
                }
            }
        }
    }

    pub fn eval_bool(&mut self, ex: &'p Ex, what: &str) -> ER<bool> {
        if is_bool_kind(&ex.kind) {
            return self.eval_bool_kind(ex);
        }
        match self.eval(ex)? {
            Value::Bool(b) => Ok(b),
            v => Err(EvalError::new(
                ex.span,
                format!(
                    "A non-boolean expression ({} {v}) was used as {what}",
                    v.kind_name()
                ),
            )),
        }
    }

    /// Evaluates a set expression and returns an iterator over its elements.
    fn elems(&mut self, ex: &'p Ex) -> ER<Vec<Value>> {
        let s = self.eval(ex)?;
        set_elems(&s, ex.span)
    }

    pub fn make_closure(&self, o: &OpArg) -> Arc<Closure> {
        match o {
            OpArg::Def { def, capture } => Arc::new(Closure {
                target: Target::Def(*def),
                captured: self.env[self.base..self.base + *capture as usize].to_vec(),
            }),
            OpArg::Builtin(b) => Arc::new(Closure {
                target: Target::Builtin(*b),
                captured: Vec::new(),
            }),
            OpArg::Param(s) => match self.slot(*s) {
                Slot::Op(c) => c.clone(),
                _ => Arc::new(Closure {
                    target: Target::Builtin(Builtin::Any),
                    captured: Vec::new(),
                }),
            },
        }
    }

    /// Pushes a callee frame for `def` with the given captured slots and arguments; returns
    /// the previous base.
    pub fn push_frame(&mut self, def: &Def, mut slots: Vec<Slot>) -> usize {
        let old = self.base;
        let nb = self.env.len();
        let frame = (def.frame as usize).max(slots.len());
        self.env.reserve(frame);
        self.env.append(&mut slots);
        self.env.resize(nb + frame, Slot::Empty);
        self.base = nb;
        old
    }

    /// Pushes a callee frame for `def` holding the caller's first `capture` slots and the
    /// evaluated `args`, built in place on the frame stack (no temporary vector); returns
    /// the previous base. On error the stack is left as it was.
    pub fn push_call(&mut self, def: &Def, capture: u32, args: &'p [Arg]) -> ER<usize> {
        let nb = self.env.len();
        let frame = (def.frame as usize).max(capture as usize + args.len());
        self.env.reserve(frame);
        for i in 0..capture as usize {
            let s = self.env[self.base + i].clone();
            self.env.push(s);
        }
        for a in args {
            let s = match a {
                // a parameter holding a by-name argument or a variable is passed along
                Arg::Val(Ex {
                    kind: ExKind::Local(l),
                    ..
                }) if matches!(self.slot(*l), Slot::Op(_) | Slot::VarRef(..)) => {
                    self.slot(*l).clone()
                }
                // a variable is passed by name, so that `v'` in the body reads `x'`
                Arg::Val(Ex {
                    kind: ExKind::Var(i),
                    ..
                }) => Slot::VarRef(*i, false),
                Arg::Val(e) => match self.eval(e) {
                    Ok(v) => Slot::Val(v),
                    Err(err) => {
                        self.env.truncate(nb);
                        return Err(err);
                    }
                },
                Arg::Op(o) => Slot::Op(self.make_closure(o)),
            };
            self.env.push(s);
        }
        self.env.resize(nb + frame, Slot::Empty);
        let old = self.base;
        self.base = nb;
        Ok(old)
    }

    pub fn pop_frame(&mut self, old: usize) {
        self.env.truncate(self.base);
        self.base = old;
    }

    /// Evaluates call arguments into slots (captured slots first).
    pub fn call_slots(&mut self, capture: u32, args: &'p [Arg]) -> ER<Vec<Slot>> {
        let mut slots = Vec::with_capacity(capture as usize + args.len());
        slots.extend_from_slice(&self.env[self.base..self.base + capture as usize]);
        for a in args {
            slots.push(match a {
                Arg::Val(e) => Slot::Val(self.eval(e)?),
                Arg::Op(o) => Slot::Op(self.make_closure(o)),
            });
        }
        Ok(slots)
    }

    pub fn closure_of(&self, slot: u32, span: Span) -> ER<Arc<Closure>> {
        match self.slot(slot) {
            Slot::Op(c) => Ok(c.clone()),
            _ => Err(EvalError::new(
                span,
                "internal error: operator parameter not bound",
            )),
        }
    }

    /// Applies an operator closure to values.
    pub fn apply_closure(&mut self, c: &Closure, args: Vec<Value>, span: Span) -> ER<Value> {
        match c.target {
            Target::Def(d) => {
                let def = &self.defs[d.0 as usize];
                let mut slots = c.captured.clone();
                slots.extend(args.into_iter().map(Slot::Val));
                let old = self.push_frame(def, slots);
                let r = self.eval(&def.body);
                self.pop_frame(old);
                r
            }
            Target::Builtin(b) => crate::stdlib::apply_values(self, b, &args, span),
        }
    }

    fn call_def(&mut self, def: DefId, slots: Vec<Slot>) -> ER<Value> {
        let d = &self.defs[def.0 as usize];
        let old = self.push_frame(d, slots);
        let r = self.eval(&d.body);
        self.pop_frame(old);
        r
    }

    /// Evaluates an expression.
    pub fn eval(&mut self, ex: &'p Ex) -> ER<Value> {
        let span = ex.span;
        match &ex.kind {
            ExKind::Lit(v) => Ok(v.clone()),
            ExKind::Var(i) => self.read_var(*i, span),
            ExKind::Prime(e) => {
                if self.primed {
                    return Err(EvalError::new(
                        span,
                        "a primed expression cannot be primed again",
                    ));
                }
                if self.next.is_empty() && !self.init_mode {
                    return Err(EvalError::new(
                        span,
                        "a primed variable was used in an expression that is evaluated on single states",
                    ));
                }
                self.primed = true;
                let r = self.eval(e);
                self.primed = false;
                r
            }
            ExKind::Local(s) => match self.slot(*s) {
                Slot::Val(v) => Ok(v.clone()),
                &Slot::VarRef(i, false) => self.read_var(i, span),
                &Slot::VarRef(i, true) => {
                    if self.primed {
                        return Err(EvalError::new(
                            span,
                            "a primed expression cannot be primed again",
                        ));
                    }
                    self.primed = true;
                    let r = self.read_var(i, span);
                    self.primed = false;
                    r
                }
                // an argument passed by name (see `byname`): evaluate it here
                Slot::Op(c) => {
                    let c = c.clone();
                    self.apply_closure(&c, Vec::new(), span)
                }
                _ => Err(EvalError::new(span, "internal error: unbound local")),
            },
            ExKind::LetRef { slot, def } => {
                // the cache holds the unprimed value: under a prime, recompute
                if let (Slot::Val(v), false) = (self.slot(*slot), self.primed) {
                    return Ok(v.clone());
                }
                let v = self.eval(def)?;
                if !self.primed {
                    self.set(*slot, v.clone());
                }
                Ok(v)
            }
            ExKind::Let { slots, body } => {
                for s in slots {
                    let i = self.base + *s as usize;
                    self.env[i] = Slot::Empty;
                }
                self.eval(body)
            }
            ExKind::Call { def, capture, args } => {
                let d = &self.defs[def.0 as usize];
                if let Some(c) = &d.cache {
                    if let Some(v) = c.get() {
                        return Ok(v.clone());
                    }
                    let saved = (self.primed, self.init_mode);
                    let v = self.call_def(*def, Vec::new())?;
                    let _ = saved;
                    let _ = c.set(v.clone());
                    return Ok(v);
                }
                if *capture == 0 && args.is_empty() && self.def_memo.is_some() {
                    return self.memo_call(*def);
                }
                if let Some(key) = self.enum_key(*def, *capture, args) {
                    if let Some(v) = self
                        .enum_memo
                        .as_ref()
                        .and_then(|m| m.get(*def, self.primed, &key))
                    {
                        return Ok(v.clone());
                    }
                    let old = self.push_call(d, 0, args)?;
                    let r = self.eval(&d.body);
                    self.pop_frame(old);
                    let v = r?;
                    let primed = self.primed;
                    if let Some(m) = &mut self.enum_memo {
                        m.insert(*def, primed, key, v.clone());
                    }
                    return Ok(v);
                }
                let old = self.push_call(d, *capture, args)?;
                let r = self.eval(&d.body);
                self.pop_frame(old);
                r
            }
            ExKind::CallParam { slot, args } => {
                let c = self.closure_of(*slot, span)?;
                let mut vals = Vec::with_capacity(args.len());
                for a in args {
                    match a {
                        Arg::Val(e) => vals.push(self.eval(e)?),
                        Arg::Op(_) => {
                            return Err(EvalError::new(
                                span,
                                "higher-order operator arguments of operator parameters are not supported",
                            ))
                        }
                    }
                }
                self.apply_closure(&c, vals, span)
            }
            ExKind::Builtin(b, args) => {
                if let [x, y] = args.as_slice() {
                    if binary_fast(*b) {
                        let x = self.eval(x)?;
                        let y = self.eval(y)?;
                        return binary(*b, &x, &y).map_err(|e| verr(e, span));
                    }
                }
                crate::stdlib::apply(self, *b, args, span)
            }
            ExKind::BuiltinOp(b, args) => crate::stdlib::apply_op(self, *b, args, span),
            ExKind::RecFnApp { def, capture, arg } => {
                let a = self.eval(arg)?;
                self.rec_fn_apply(*def, *capture, a, span)
            }
            ExKind::RecFnValue { def, capture } => self.rec_fn_value(*def, *capture, span),
            ExKind::And(_)
            | ExKind::Or(_)
            | ExKind::Not(_)
            | ExKind::Implies(..)
            | ExKind::Equiv(..)
            | ExKind::Eq(..)
            | ExKind::Neq(..)
            | ExKind::In(..)
            | ExKind::NotIn(..)
            | ExKind::Forall(..)
            | ExKind::Exists(..) => self.eval_bool_kind(ex).map(Value::Bool),
            ExKind::If(c, a, b) => {
                if self.eval_bool(c, "the condition of an IF")? {
                    self.eval(a)
                } else {
                    self.eval(b)
                }
            }
            ExKind::Case(arms, other) => {
                for (g, v) in arms {
                    if self.eval_bool(g, "a CASE guard")? {
                        return self.eval(v);
                    }
                }
                match other {
                    Some(o) => self.eval(o),
                    None => Err(EvalError::new(
                        span,
                        "Attempted to evaluate a CASE with no conditions true",
                    )),
                }
            }
            ExKind::Choose(bound, body) => {
                let set = match &bound.set {
                    Some(s) => s,
                    None => return Err(EvalError::new(span, "unbounded CHOOSE")),
                };
                let pat = &bound.pats[0];
                let mut found = None;
                self.iter_set(set, &mut |cx, v| {
                    cx.bind(pat, v.clone(), span)?;
                    if cx.eval_bool(body, "the body of CHOOSE")? {
                        found = Some(v);
                        return Ok(false);
                    }
                    Ok(true)
                })?;
                if let Some(v) = found {
                    return Ok(v);
                }
                // no witness: the set, for the message
                let sv = self.eval(set)?;
                Err(EvalError::new(
                    span,
                    format!("Attempted to compute the value of an expression of form\nCHOOSE x \\in S: P, but no element of S satisfied P.\nS = {sv}"),
                ))
            }
            ExKind::SetEnum(xs) => {
                let mut v = Vec::with_capacity(xs.len());
                for x in xs {
                    v.push(self.eval(x)?);
                }
                Ok(Value::set(v))
            }
            ExKind::SetFilter(bound, pred) => {
                let set = bound
                    .set
                    .as_ref()
                    .ok_or_else(|| EvalError::new(span, "unbounded set filter"))?;
                let sv = self.eval(set)?;
                self.filter_eager(&bound.pats[0], pred, &sv, set.span, span)
            }
            ExKind::SetMap(bounds, body) => {
                let mut out = Vec::new();
                self.for_each(bounds, &mut |cx| {
                    out.push(cx.eval(body)?);
                    Ok(true)
                })?;
                Ok(Value::set(out))
            }
            ExKind::FnCons(bounds, body) => {
                if bounds.len() == 1 && bounds[0].pats.len() == 1 {
                    let b = &bounds[0];
                    let set = b
                        .set
                        .as_ref()
                        .ok_or_else(|| EvalError::new(span, "unbounded function constructor"))?;
                    let sv = self.eval(set)?;
                    let elems = sv.set_iter().map_err(|e| verr(e, set.span))?;
                    let mut pairs = Vec::with_capacity(elems.size_hint().0);
                    for v in elems {
                        self.bind(&b.pats[0], v.clone(), span)?;
                        let r = self.eval(body)?;
                        pairs.push((v, r));
                    }
                    return Ok(Value::func(pairs));
                }
                let mut pairs = Vec::new();
                let pats: Vec<&Pat> = bounds.iter().flat_map(|b| b.pats.iter()).collect();
                self.for_each(bounds, &mut |cx| {
                    let key: Vec<Value> = pats.iter().map(|p| cx.pat_value(p)).collect();
                    let r = cx.eval(body)?;
                    pairs.push((Value::tuple(key), r));
                    Ok(true)
                })?;
                Ok(Value::func(pairs))
            }
            ExKind::FnSet(a, b) => {
                let s = self.eval(a)?;
                let t = self.eval(b)?;
                Value::func_set(&s, &t).map_err(|e| verr(e, span))
            }
            ExKind::Record(fs) => {
                let mut out = Vec::with_capacity(fs.len());
                for (k, x) in fs {
                    out.push((field_str(k), self.eval(x)?));
                }
                Ok(Value::record(out))
            }
            ExKind::RecordSet(fs) => {
                let mut out = Vec::with_capacity(fs.len());
                for (k, x) in fs {
                    out.push((field_str(k), self.eval(x)?));
                }
                Value::record_set(out).map_err(|e| verr(e, span))
            }
            ExKind::Except(base, ups) => {
                let mut v = self.eval(base)?;
                for up in ups {
                    let mut path = Vec::with_capacity(up.path.len());
                    for st in &up.path {
                        path.push(match st {
                            CStep::Field(f) => f.clone(),
                            CStep::Index(e) => self.eval(e)?,
                        });
                    }
                    let mut err: Option<EvalError> = None;
                    let at = up.at;
                    let value = &up.value;
                    let r = v.update_at(&path, &mut |old: &Value| -> VResult<Value> {
                        self.set(at, old.clone());
                        match self.eval(value) {
                            Ok(x) => Ok(x),
                            Err(e) => {
                                err = Some(e);
                                Err(ValueError::Other(String::new()))
                            }
                        }
                    });
                    if let Some(e) = err {
                        return Err(e);
                    }
                    v = r.map_err(|e| verr(e, span))?;
                }
                Ok(v)
            }
            ExKind::FnApp(f, a) => {
                if self.peek(f).is_some() {
                    // `f` is a variable or bound name: apply it in place (no clone).
                    let av = self.eval(a)?;
                    if let Some(fv) = self.peek(f) {
                        return fv.apply(&av).map_err(|e| verr(e, span));
                    }
                    let fv = self.eval(f)?;
                    return fv.apply(&av).map_err(|e| verr(e, span));
                }
                let fv = self.eval(f)?;
                let av = self.eval(a)?;
                fv.apply(&av).map_err(|e| verr(e, span))
            }
            ExKind::Dot(r, f) => {
                if let Some(rv) = self.peek(r) {
                    return rv.field(field_str(f)).map_err(|e| verr(e, span));
                }
                let rv = self.eval(r)?;
                rv.field(field_str(f)).map_err(|e| verr(e, span))
            }
            ExKind::Tuple(xs) => {
                let mut v = Vec::with_capacity(xs.len());
                for x in xs {
                    v.push(self.eval(x)?);
                }
                Ok(Value::tuple(v))
            }
            ExKind::Unchanged(e) => {
                let a = self.eval(e)?;
                let was = self.primed;
                if was {
                    return Err(EvalError::new(span, "UNCHANGED inside a primed expression"));
                }
                self.primed = true;
                let b = self.eval(e);
                self.primed = false;
                Ok(Value::Bool(a == b?))
            }
            ExKind::Enabled(a) => self.enabled(a).map(Value::Bool),
            ExKind::BoxAction(a, v) => {
                if self.eval_bool(a, "an action")? {
                    return Ok(Value::TRUE);
                }
                let x = self.eval(v)?;
                self.primed = true;
                let y = self.eval(v);
                self.primed = false;
                Ok(Value::Bool(x == y?))
            }
            ExKind::AngleAction(a, v) => {
                if !self.eval_bool(a, "an action")? {
                    return Ok(Value::FALSE);
                }
                let x = self.eval(v)?;
                self.primed = true;
                let y = self.eval(v);
                self.primed = false;
                Ok(Value::Bool(x != y?))
            }
            ExKind::Fair(..) | ExKind::Temporal(..) => Err(EvalError::with_kind(
                EvalErrorKind::Unsupported,
                span,
                "a temporal formula cannot be evaluated on a state or a pair of states",
            )),
            ExKind::Error(m) => Err(EvalError::with_kind(
                EvalErrorKind::Unsupported,
                span,
                m.to_string(),
            )),
        }
    }

    /// Evaluates a boolean-valued expression kind (see [`is_bool_kind`]) straight to a
    /// `bool`: the connectives, `=`, `#`, `\in`, `\notin` and the quantifiers. Operands
    /// that are variables, bound names, literals or applications of those (`f[x]`, `r.a`)
    /// are compared in place (see [`Cx::peek`]), without cloning.
    fn eval_bool_kind(&mut self, ex: &'p Ex) -> ER<bool> {
        let span = ex.span;
        match &ex.kind {
            ExKind::And(xs) => {
                for x in xs {
                    if !self.eval_bool(x, "a conjunct")? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            ExKind::Or(xs) => {
                for x in xs {
                    if self.eval_bool(x, "a disjunct")? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            ExKind::Not(a) => Ok(!self.eval_bool(a, "the argument of ~")?),
            ExKind::Implies(a, b) => {
                if !self.eval_bool(a, "the left side of =>")? {
                    return Ok(true);
                }
                self.eval_bool(b, "the right side of =>")
            }
            ExKind::Equiv(a, b) => {
                let x = self.eval_bool(a, "an argument of <=>")?;
                let y = self.eval_bool(b, "an argument of <=>")?;
                Ok(x == y)
            }
            ExKind::Eq(a, b) => self.eq_ex(a, b, span),
            ExKind::Neq(a, b) => Ok(!self.eq_ex(a, b, span)?),
            ExKind::In(a, b) => self.in_ex(a, b),
            ExKind::NotIn(a, b) => Ok(!self.in_ex(a, b)?),
            ExKind::Forall(bounds, body) => {
                let mut res = true;
                self.for_each_ctx(bounds, &mut |cx| {
                    if !cx.eval_bool(body, "the body of \\A")? {
                        res = false;
                        return Ok(false);
                    }
                    Ok(true)
                })?;
                Ok(res)
            }
            ExKind::Exists(bounds, body) => {
                let mut res = false;
                self.for_each_ctx(bounds, &mut |cx| {
                    if cx.eval_bool(body, "the body of \\E")? {
                        res = true;
                        return Ok(false);
                    }
                    Ok(true)
                })?;
                Ok(res)
            }
            _ => match self.eval(ex)? {
                Value::Bool(b) => Ok(b),
                v => Err(EvalError::new(
                    span,
                    format!(
                        "A non-boolean expression ({} {v}) was used as a formula",
                        v.kind_name()
                    ),
                )),
            },
        }
    }

    /// `a = b` (TLC's checked equality), reading operands in place when possible.
    #[inline]
    fn eq_ex(&mut self, a: &'p Ex, b: &'p Ex, span: Span) -> ER<bool> {
        if let Some(x) = self.peek(a) {
            if let Some(y) = self.peek(b) {
                return tla_eq(x, y).map_err(|e| verr(e, span));
            }
        }
        let x = self.eval(a)?;
        if let Some(y) = self.peek(b) {
            return tla_eq(&x, y).map_err(|e| verr(e, span));
        }
        let y = self.eval(b)?;
        tla_eq(&x, &y).map_err(|e| verr(e, span))
    }

    /// `a \in b`, reading `a` in place when possible.
    #[inline]
    fn in_ex(&mut self, a: &'p Ex, b: &'p Ex) -> ER<bool> {
        if let Some(x) = self.peek(a) {
            if let Some(s) = self.peek(b) {
                return member(x, s, b.span);
            }
        }
        let x = self.eval(a)?;
        self.member_ex(&x, b)
    }

    /// `x \in set`, without building sets that TLC keeps symbolic (filters, differences,
    /// unions of infinite sets, function and record sets over them, `Seq`, `SUBSET`).
    pub fn member_ex(&mut self, x: &Value, set: &'p Ex) -> ER<bool> {
        match &set.kind {
            ExKind::SetFilter(bound, pred)
                if bound.pats.len() == 1 && matches!(bound.pats[0], Pat::Slot(_)) =>
            {
                let Some(s) = &bound.set else {
                    return Err(EvalError::new(set.span, "unbounded set filter"));
                };
                if !self.member_ex(x, s)? {
                    return Ok(false);
                }
                self.bind(&bound.pats[0], x.clone(), set.span)?;
                self.eval_bool(pred, "the condition of a set filter")
            }
            ExKind::Builtin(Builtin::SetMinus, a) if a.len() == 2 => {
                Ok(self.member_ex(x, &a[0])? && !self.member_ex(x, &a[1])?)
            }
            // `x \in DOMAIN f` without building the domain
            ExKind::Builtin(Builtin::Domain, a) if a.len() == 1 => {
                let r = match self.peek(&a[0]) {
                    Some(f) => f.domain_member(x),
                    None => self.eval(&a[0])?.domain_member(x),
                };
                r.map_err(|e| verr(e, set.span))
            }
            ExKind::Builtin(Builtin::Cup, a) if a.len() == 2 => {
                Ok(self.member_ex(x, &a[0])? || self.member_ex(x, &a[1])?)
            }
            ExKind::Builtin(Builtin::Cap, a) if a.len() == 2 => {
                Ok(self.member_ex(x, &a[0])? && self.member_ex(x, &a[1])?)
            }
            ExKind::Builtin(Builtin::Seq, a) if a.len() == 1 => match x {
                Value::Tuple(t) => {
                    for e in t.elems() {
                        if !self.member_ex(e, &a[0])? {
                            return Ok(false);
                        }
                    }
                    Ok(true)
                }
                _ => Ok(false),
            },
            ExKind::Builtin(Builtin::Subset, a) if a.len() == 1 => match x {
                Value::Set(t) => {
                    for e in t.elems() {
                        if !self.member_ex(e, &a[0])? {
                            return Ok(false);
                        }
                    }
                    Ok(true)
                }
                _ => {
                    let s = self.eval(set)?;
                    member(x, &s, set.span)
                }
            },
            ExKind::FnSet(d, r) => {
                if !x.is_func() {
                    return Ok(false);
                }
                let dom = self.eval(d)?;
                // Fast path: a general function whose arguments are exactly the elements of
                // an enumerated domain (both in canonical order) has that domain.
                let same_dom = match (x, &dom) {
                    (Value::Func(f), Value::Set(ds)) => {
                        f.len() == ds.len()
                            && f.pairs().iter().zip(ds.elems()).all(|((k, _), e)| k == e)
                    }
                    // a non-empty tuple's domain is 1..n
                    (Value::Tuple(t), Value::Lazy(l)) if !t.is_empty() => {
                        matches!(l.kind(), tlc_value::LazyKind::Interval(1, hi) if *hi == t.len() as i64)
                    }
                    (Value::Tuple(t), Value::Set(ds)) if !t.is_empty() => {
                        t.len() == ds.len()
                            && ds
                                .elems()
                                .iter()
                                .enumerate()
                                .all(|(i, e)| *e == Value::Int(i as i64 + 1))
                    }
                    _ => false,
                };
                if !same_dom {
                    let xd = x.domain().map_err(|e| verr(e, set.span))?;
                    if !tla_eq(&xd, &dom).map_err(|e| verr(e, set.span))? {
                        return Ok(false);
                    }
                }
                if let Some(rs) = self.peek(r) {
                    // the range is a literal, variable or bound name: test in place
                    for v in x.func_values() {
                        if !member(v, rs, r.span)? {
                            return Ok(false);
                        }
                    }
                    return Ok(true);
                }
                let vals: Vec<Value> = x.func_values().cloned().collect();
                for v in vals {
                    if !self.member_ex(&v, r)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            ExKind::RecordSet(fs) => match x {
                Value::Record(r) => {
                    if r.len() != fs.len() {
                        return Ok(false);
                    }
                    for (k, e) in fs {
                        match r.get(field_str(k)) {
                            Some(v) => {
                                let v = v.clone();
                                if !self.member_ex(&v, e)? {
                                    return Ok(false);
                                }
                            }
                            None => return Ok(false),
                        }
                    }
                    Ok(true)
                }
                _ => Ok(false),
            },
            // A set defined by name (`Even == {n \in Nat : ...}`, `x \in Even`): TLC keeps
            // such sets lazy, so test membership against the definition's body.
            ExKind::Call { def, capture, args }
                if lazy_set_body(&self.defs[def.0 as usize].body) =>
            {
                let d = &self.defs[def.0 as usize];
                if let Some(c) = &d.cache {
                    if let Some(v) = c.get() {
                        return member(x, v, set.span);
                    }
                }
                let old = self.push_call(d, *capture, args)?;
                let r = self.member_ex(x, &d.body);
                self.pop_frame(old);
                r
            }
            ExKind::LetRef { slot, def } if lazy_set_body(def) => {
                if let (Slot::Val(v), false) = (self.slot(*slot), self.primed) {
                    let v = v.clone();
                    return member(x, &v, set.span);
                }
                self.member_ex(x, def)
            }
            _ => {
                if let Some(s) = self.peek(set) {
                    return member(x, s, set.span);
                }
                let s = self.eval(set)?;
                member(x, &s, set.span)
            }
        }
    }

    /// The `enummemo` key of a call of `def`, if the call is closed (no captured slots, no
    /// arguments), successors are being enumerated and the definition may be memoized.
    fn enum_key(&self, def: DefId, capture: u32, args: &[Arg]) -> Option<Box<[Value]>> {
        if capture != 0 || !args.is_empty() || self.init_mode {
            return None;
        }
        self.enum_memo
            .as_ref()?
            .key(def, self.primed, self.cur, &self.next)
    }

    /// `{x \in sv : pred}` computed in full (TLC's eager filter over an enumerated set).
    fn filter_eager(
        &mut self,
        pat: &Pat,
        pred: &'p Ex,
        sv: &Value,
        set_span: Span,
        span: Span,
    ) -> ER<Value> {
        let elems = sv.set_iter().map_err(|e| verr(e, set_span))?;
        let mut out = Vec::new();
        for v in elems {
            self.bind(pat, v.clone(), span)?;
            if self.eval_bool(pred, "the condition of a set filter")? {
                out.push(v);
            }
        }
        Ok(Value::set(out))
    }

    /// Runs `f` on the elements of the set `set` in TLC's enumeration order until it returns
    /// false (then returns false), without building sets that TLC keeps lazy: a filter
    /// `{y \in S : P}` (written in place, or the body of a definition or `LET` it names)
    /// over a `SUBSET`, function, record or tuple set is streamed, each element of `S` tested
    /// with `P` just before `f` sees it (TLC's `SetPredValue`), and such a temporary `S` is
    /// itself enumerated on the fly. A filter over an enumerated set or an interval is
    /// computed in full first, as TLC does (its predicate errors surface as in TLC), and
    /// cached like its definition's or `LET`'s value.
    pub(crate) fn iter_set(
        &mut self,
        set: &'p Ex,
        f: &mut dyn FnMut(&mut Cx<'p>, Value) -> ER<bool>,
    ) -> ER<bool> {
        self.iter_set_inner(set, f).map(|(r, _)| r)
    }

    /// [`Cx::iter_set`], also returning the set's value when it was computed in full.
    fn iter_set_inner(
        &mut self,
        set: &'p Ex,
        f: &mut dyn FnMut(&mut Cx<'p>, Value) -> ER<bool>,
    ) -> ER<(bool, Option<Value>)> {
        let defs: &'p [Def] = self.defs;
        match &set.kind {
            ExKind::SetFilter(bound, pred) if bound.pats.len() == 1 => {
                let Some(base) = &bound.set else {
                    return Err(EvalError::new(set.span, "unbounded set filter"));
                };
                let pat = &bound.pats[0];
                if filter_like(defs, base, 0) {
                    // a filter of a filter: its elements arrive one by one
                    let r = self.iter_set(base, &mut |cx, v| {
                        cx.bind(pat, v.clone(), set.span)?;
                        if cx.eval_bool(pred, "the condition of a set filter")? {
                            f(cx, v)
                        } else {
                            Ok(true)
                        }
                    })?;
                    return Ok((r, None));
                }
                let bv = self.eval(base)?;
                let lazy = matches!(&bv, Value::Lazy(l) if !matches!(l.kind(), tlc_value::LazyKind::Interval(..)));
                if lazy {
                    let it = bv.set_iter_once().map_err(|e| verr(e, base.span))?;
                    drop(bv);
                    for v in it {
                        self.bind(pat, v.clone(), set.span)?;
                        if self.eval_bool(pred, "the condition of a set filter")? && !f(self, v)? {
                            return Ok((false, None));
                        }
                    }
                    return Ok((true, None));
                }
                let sv = self.filter_eager(pat, pred, &bv, base.span, set.span)?;
                let r = self.iter_value(&sv, set.span, f)?;
                Ok((r, Some(sv)))
            }
            ExKind::Call { def, capture, args }
                if filter_like(defs, &defs[def.0 as usize].body, 0) =>
            {
                let d = &defs[def.0 as usize];
                if let Some(v) = d.cache.as_ref().and_then(|c| c.get()) {
                    let v = v.clone();
                    return Ok((self.iter_value(&v, set.span, f)?, None));
                }
                let key = self.enum_key(*def, *capture, args);
                if let Some(k) = &key {
                    if let Some(v) = self
                        .enum_memo
                        .as_ref()
                        .and_then(|m| m.get(*def, self.primed, k))
                    {
                        let v = v.clone();
                        return Ok((self.iter_value(&v, set.span, f)?, None));
                    }
                }
                // a constant definition is computed in full and cached as before, unless its
                // base set is larger than TLC would ever enumerate (then it is streamed each
                // time, as TLC's SetPredValue is); a memoized one if it is small
                let eager_limit = if d.cache.is_some() {
                    EAGER_CONSTANT_FILTER
                } else if key.is_some() {
                    tlc_value::STREAM_ABOVE
                } else {
                    0
                };
                let old = self.push_call(d, *capture, args)?;
                let callee = self.base;
                // kept (cached or memoized) before `f` sees any element: `f` may read it
                let full = if eager_limit > 0 {
                    self.eager_filter_value(&d.body, eager_limit)
                } else {
                    Ok(None)
                };
                let full = match full {
                    Ok(v) => v,
                    Err(e) => {
                        self.base = callee;
                        self.pop_frame(old);
                        return Err(e);
                    }
                };
                if let Some(v) = full {
                    self.base = callee;
                    self.pop_frame(old);
                    if let Some(c) = &d.cache {
                        let _ = c.set(v.clone());
                    }
                    if let Some(k) = key {
                        let primed = self.primed;
                        if let Some(m) = &mut self.enum_memo {
                            m.insert(*def, primed, k, v.clone());
                        }
                    }
                    return Ok((self.iter_value(&v, set.span, f)?, None));
                }
                // the filter runs in the callee's frame, `f` in the caller's
                let r = self.iter_set_inner(&d.body, &mut |cx, v| {
                    cx.base = old;
                    let r = f(cx, v);
                    cx.base = callee;
                    r
                });
                self.base = callee;
                self.pop_frame(old);
                Ok((r?.0, None))
            }
            // `\E x \in DOMAIN f`, `CHOOSE x \in DOMAIN f`, ...: the arguments of `f` in
            // order, without building the domain
            ExKind::Builtin(Builtin::Domain, a) if a.len() == 1 => match self.eval(&a[0])? {
                Value::Func(fv) => {
                    for (k, _) in fv.pairs() {
                        if !f(self, k.clone())? {
                            return Ok((false, None));
                        }
                    }
                    Ok((true, None))
                }
                v => {
                    let sv = v.domain().map_err(|e| verr(e, set.span))?;
                    Ok((self.iter_value(&sv, set.span, f)?, Some(sv)))
                }
            },
            ExKind::LetRef { slot, def } if filter_like(defs, def, 0) => {
                if let (Slot::Val(v), false) = (self.slot(*slot), self.primed) {
                    let v = v.clone();
                    return Ok((self.iter_value(&v, set.span, f)?, None));
                }
                let (r, v) = self.iter_set_inner(def, f)?;
                if let (Some(v), false) = (v, self.primed) {
                    self.set(*slot, v);
                }
                Ok((r, None))
            }
            _ => {
                let sv = self.eval(set)?;
                let r = self.iter_value(&sv, set.span, f)?;
                Ok((r, Some(sv)))
            }
        }
    }

    /// The value of `body` (in the current frame) if it is a filter `{x \in S : P}` that is
    /// computed in full: always over an enumerated set or an interval (as TLC, errors
    /// included), over a lazy `S` of at most `limit` elements unless that fails (then `None`:
    /// the caller streams it and meets only the errors TLC meets). `None` for other shapes.
    fn eager_filter_value(&mut self, body: &'p Ex, limit: i64) -> ER<Option<Value>> {
        let ExKind::SetFilter(bound, pred) = &body.kind else {
            return Ok(None);
        };
        let (Some(base), [pat]) = (&bound.set, bound.pats.as_slice()) else {
            return Ok(None);
        };
        if filter_like(self.defs, base, 0) {
            // a filter of a filter: a constant one is computed in full (as before streaming
            // existed: it is cached once), a memoized one is streamed
            return if limit >= EAGER_CONSTANT_FILTER {
                self.eval(body).map(Some)
            } else {
                Ok(None)
            };
        }
        let bv = self.eval(base)?;
        let lazy =
            matches!(&bv, Value::Lazy(l) if !matches!(l.kind(), tlc_value::LazyKind::Interval(..)));
        if !lazy {
            return self
                .filter_eager(pat, pred, &bv, base.span, body.span)
                .map(Some);
        }
        if matches!(bv.cardinality(), Ok(Value::Int(n)) if n <= limit) {
            return Ok(self.filter_eager(pat, pred, &bv, base.span, body.span).ok());
        }
        Ok(None)
    }

    /// Runs `f` on the elements of a set value (streamed if it is a temporary lazy set).
    fn iter_value(
        &mut self,
        sv: &Value,
        span: Span,
        f: &mut dyn FnMut(&mut Cx<'p>, Value) -> ER<bool>,
    ) -> ER<bool> {
        let it = sv.set_iter_once().map_err(|e| verr(e, span))?;
        for v in it {
            if !f(self, v)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The value of `ex` without cloning it, when `ex` is a state variable or a bound
    /// name whose value is available (the same value `eval` would return); `None`
    /// otherwise (then `eval` decides, including its errors).
    #[inline]
    pub fn peek<'a>(&'a self, ex: &'a Ex) -> Option<&'a Value> {
        match &ex.kind {
            ExKind::FnApp(f, a) => self.peek_simple(f)?.get_ref(self.peek_simple(a)?),
            ExKind::Dot(r, f) => match self.peek_simple(r)? {
                Value::Record(rv) => rv.get(field_str(f)),
                _ => None,
            },
            _ => self.peek_simple(ex),
        }
    }

    /// [`Cx::peek`] for literals, variables and bound names only.
    #[inline]
    fn peek_simple<'a>(&'a self, ex: &'a Ex) -> Option<&'a Value> {
        let var = |i: u32, primed: bool| -> Option<&Value> {
            if primed || self.init_mode {
                self.next.get(i as usize)?.as_ref()
            } else {
                self.cur.get(i as usize)
            }
        };
        match &ex.kind {
            ExKind::Lit(v) => Some(v),
            ExKind::Var(i) => var(*i, self.primed),
            ExKind::Local(s) => match self.env.get(self.base + *s as usize)? {
                Slot::Val(v) => Some(v),
                &Slot::VarRef(i, false) => var(i, self.primed),
                &Slot::VarRef(i, true) if !self.primed => var(i, true),
                _ => None,
            },
            _ => None,
        }
    }

    pub fn pat_value(&self, p: &Pat) -> Value {
        match p {
            Pat::Slot(s) => match self.slot(*s) {
                Slot::Val(v) => v.clone(),
                _ => Value::FALSE,
            },
            Pat::Tuple(ss) => Value::tuple(ss.iter().map(|s| match self.slot(*s) {
                Slot::Val(v) => v.clone(),
                _ => Value::FALSE,
            })),
        }
    }

    /// Binds a pattern to a value.
    pub fn bind(&mut self, p: &Pat, v: Value, span: Span) -> ER<()> {
        match p {
            Pat::Slot(s) => {
                self.set(*s, v);
                Ok(())
            }
            Pat::Tuple(ss) => match &v {
                Value::Tuple(t) if t.len() == ss.len() => {
                    for (s, x) in ss.iter().zip(t.elems()) {
                        self.set(*s, x.clone());
                    }
                    Ok(())
                }
                _ => Err(EvalError::new(
                    span,
                    format!("cannot bind the tuple of {} identifiers to {v}", ss.len()),
                )),
            },
        }
    }

    /// Runs `f` for every binding of `bounds` (in TLC's order: the first bound varies
    /// slowest); `f` returns false to stop.
    pub fn for_each(
        &mut self,
        bounds: &'p [CBound],
        f: &mut dyn FnMut(&mut Cx<'p>) -> ER<bool>,
    ) -> ER<bool> {
        if let [b] = bounds {
            if let [p] = b.pats.as_slice() {
                // A one-element literal set (a value of a `\E` the action split enumerated,
                // see `Program::split`): bind it directly.
                if let Some(Ex {
                    kind: ExKind::Lit(Value::Set(one)),
                    ..
                }) = b.set.as_deref()
                {
                    if let [v] = one.elems() {
                        self.bind(p, v.clone(), Span::default())?;
                        return f(self);
                    }
                }
                // One bound variable: iterate the set directly (no element vector).
                let Some(set) = &b.set else {
                    return Err(unbounded_quantifier());
                };
                return self.iter_set(set, &mut |cx, v| {
                    cx.bind(p, v, Span::default())?;
                    f(cx)
                });
            }
        }
        let mut sets: Vec<Vec<Value>> = Vec::with_capacity(bounds.len());
        let mut groups: Vec<(&'p Pat, usize)> = Vec::new();
        for b in bounds {
            let Some(set) = &b.set else {
                return Err(unbounded_quantifier());
            };
            let elems = self.elems(set)?;
            for p in &b.pats {
                groups.push((p, sets.len()));
            }
            sets.push(elems);
        }
        self.for_each_rec(&groups, &sets, 0, f)
    }

    fn for_each_rec(
        &mut self,
        groups: &[(&'p Pat, usize)],
        sets: &[Vec<Value>],
        i: usize,
        f: &mut dyn FnMut(&mut Cx<'p>) -> ER<bool>,
    ) -> ER<bool> {
        if i == groups.len() {
            return f(self);
        }
        let (p, set) = groups[i];
        for v in &sets[set] {
            self.bind(p, v.clone(), Span::default())?;
            if !self.for_each_rec(groups, sets, i + 1, f)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn rec_fn_apply(&mut self, def: DefId, capture: u32, arg: Value, span: Span) -> ER<Value> {
        let d = &self.defs[def.0 as usize];
        let bounds = d
            .fn_bounds
            .as_ref()
            .ok_or_else(|| EvalError::new(span, "not a function"))?;
        let slots = self.env[self.base..self.base + capture as usize].to_vec();
        let old = self.push_frame(d, slots);
        let r = (|| {
            let pats: Vec<(&'p Pat, &'p Ex)> = bounds
                .iter()
                .flat_map(|b| b.pats.iter().map(move |p| (p, b.set.as_deref())))
                .filter_map(|(p, s)| s.map(|s| (p, s)))
                .collect();
            if pats.len() == 1 {
                let dom = self.eval(pats[0].1)?;
                if !member(&arg, &dom, span)? {
                    return Err(EvalError::new(
                        span,
                        format!("Attempted to apply function:\n{}\nto argument {arg}, which is not in the domain of the function.", d.name),
                    ));
                }
                self.bind(pats[0].0, arg.clone(), span)?;
            } else {
                let Value::Tuple(t) = &arg else {
                    return Err(EvalError::new(
                        span,
                        format!(
                            "function {} applied to {arg}, which is not in its domain",
                            d.name
                        ),
                    ));
                };
                if t.len() != pats.len() {
                    return Err(EvalError::new(
                        span,
                        format!(
                            "function {} applied to {arg}, which is not in its domain",
                            d.name
                        ),
                    ));
                }
                for ((p, s), x) in pats.iter().zip(t.elems()) {
                    let dom = self.eval(s)?;
                    if !member(x, &dom, span)? {
                        return Err(EvalError::new(
                            span,
                            format!(
                                "function {} applied to {arg}, which is not in its domain",
                                d.name
                            ),
                        ));
                    }
                    self.bind(p, x.clone(), span)?;
                }
            }
            self.eval(&d.body)
        })();
        self.pop_frame(old);
        r
    }

    fn rec_fn_value(&mut self, def: DefId, capture: u32, span: Span) -> ER<Value> {
        let d = &self.defs[def.0 as usize];
        if capture == 0 {
            if let Some(c) = &d.cache {
                if let Some(v) = c.get() {
                    return Ok(v.clone());
                }
            }
        }
        let cacheable = capture == 0 && !d.action_level && !self.primed && !self.init_mode;
        if cacheable {
            if let Some((_, v)) = self.fn_cache.iter().find(|(k, _)| *k == def) {
                return Ok(v.clone());
            }
        }
        let bounds = d
            .fn_bounds
            .as_ref()
            .ok_or_else(|| EvalError::new(span, "not a function"))?;
        let slots = self.env[self.base..self.base + capture as usize].to_vec();
        let old = self.push_frame(d, slots);
        let r = (|| {
            let pats: Vec<&'p Pat> = bounds.iter().flat_map(|b| b.pats.iter()).collect();
            let mut pairs = Vec::new();
            self.for_each(bounds, &mut |cx| {
                let key = if pats.len() == 1 {
                    cx.pat_value(pats[0])
                } else {
                    Value::tuple(pats.iter().map(|p| cx.pat_value(p)))
                };
                let v = cx.eval(&d.body)?;
                pairs.push((key, v));
                Ok(true)
            })?;
            Ok(Value::func(pairs))
        })();
        self.pop_frame(old);
        if cacheable {
            if let Ok(v) = &r {
                self.fn_cache.push((def, v.clone()));
            }
        }
        r
    }

    /// A closed zero-argument call through [`Cx::def_memo`] (which must be `Some`).
    fn memo_call(&mut self, def: DefId) -> ER<Value> {
        let primed = self.primed;
        let mut keep = false;
        if let Some(memo) = &self.def_memo {
            keep = memo.flags.get(def.0 as usize).copied().unwrap_or(0) != 0;
            if let Some(v) = memo.get(def, primed) {
                return Ok(v.clone());
            }
        }
        let d = &self.defs[def.0 as usize];
        let v = match &self.def_memo {
            // A state function under a prime is its value on the next state: evaluated there
            // unprimed, its LET definitions are computed once (under a prime they are not
            // cached).
            Some(memo)
                if primed && memo.flags.get(def.0 as usize) == Some(&crate::stepmemo::SOURCE) =>
            {
                match memo.next_state {
                    Some(t) => {
                        let mut sub = Cx::new(self.defs, self.var_names, t);
                        sub.rt = self.rt;
                        let old = sub.push_call(d, 0, &[])?;
                        let r = sub.eval(&d.body);
                        sub.pop_frame(old);
                        r?
                    }
                    None => {
                        let old = self.push_call(d, 0, &[])?;
                        let r = self.eval(&d.body);
                        self.pop_frame(old);
                        r?
                    }
                }
            }
            _ => {
                let old = self.push_call(d, 0, &[])?;
                let r = self.eval(&d.body);
                self.pop_frame(old);
                r?
            }
        };
        if keep {
            if let Some(memo) = &mut self.def_memo {
                memo.vals.push((def, primed, v.clone()));
            }
        }
        Ok(v)
    }

    /// `ENABLED A` in the current state.
    pub fn enabled(&mut self, a: &'p Ex) -> ER<bool> {
        // The memo is for fixed states; ENABLED enumerates a partial next state.
        let saved_memo = self.def_memo.take();
        let r = self.enabled_inner(a);
        self.def_memo = saved_memo;
        r
    }

    fn enabled_inner(&mut self, a: &'p Ex) -> ER<bool> {
        let saved_next = std::mem::take(&mut self.next);
        let saved_init = self.init_mode;
        let saved_primed = self.primed;
        self.init_mode = false;
        self.primed = false;
        self.next = vec![None; self.cur.len()];
        let mut found = false;
        let r = crate::enumerate::enum_ex(self, a, &crate::enumerate::Cont::Done, &mut |_| {
            found = true;
            Ok(false)
        });
        self.next = saved_next;
        self.init_mode = saved_init;
        self.primed = saved_primed;
        r?;
        Ok(found)
    }
}

/// Expression kinds whose value is always a boolean (or an error), evaluated by
/// `Cx::eval_bool_kind` without going through a [`Value`].
#[inline]
pub(crate) fn is_bool_kind(k: &ExKind) -> bool {
    matches!(
        k,
        ExKind::And(_)
            | ExKind::Or(_)
            | ExKind::Not(_)
            | ExKind::Implies(..)
            | ExKind::Equiv(..)
            | ExKind::Eq(..)
            | ExKind::Neq(..)
            | ExKind::In(..)
            | ExKind::NotIn(..)
            | ExKind::Forall(..)
            | ExKind::Exists(..)
    )
}

/// Binary builtins evaluated without an argument vector (same value operations as
/// `stdlib::apply_values`).
#[inline]
fn binary_fast(b: Builtin) -> bool {
    use Builtin::*;
    matches!(
        b,
        Cup | Cap
            | SetMinus
            | SubsetEq
            | Plus
            | Minus
            | Mul
            | Lt
            | Gt
            | Le
            | Ge
            | Mod
            | Div
            | Range
            | Concat
            | Append
    )
}

#[inline]
fn binary(b: Builtin, x: &Value, y: &Value) -> VResult<Value> {
    use Builtin::*;
    if let (Value::Int(i), Value::Int(j)) = (x, y) {
        match b {
            Lt => return Ok(Value::Bool(i < j)),
            Gt => return Ok(Value::Bool(i > j)),
            Le => return Ok(Value::Bool(i <= j)),
            Ge => return Ok(Value::Bool(i >= j)),
            _ => {}
        }
    }
    Ok(match b {
        Cup => x.union(y)?,
        Cap => x.intersect(y)?,
        SetMinus => x.difference(y)?,
        SubsetEq => Value::Bool(x.subseteq(y)?),
        Plus => x.add(y)?,
        Minus => x.sub(y)?,
        Mul => x.mul(y)?,
        Lt => Value::Bool(x.lt(y)?),
        Gt => Value::Bool(x.gt(y)?),
        Le => Value::Bool(x.le(y)?),
        Ge => Value::Bool(x.ge(y)?),
        Mod => x.modulo(y)?,
        Div => x.div(y)?,
        Range => x.range(y)?,
        Concat => x.concat(y)?,
        Append => x.append(y.clone())?,
        _ => {
            return Err(ValueError::Other(
                "internal error: not a binary builtin".into(),
            ))
        }
    })
}

fn unbounded_quantifier() -> EvalError {
    EvalError::new(
        Span::default(),
        "TLC cannot evaluate an unbounded quantifier",
    )
}

/// True for set expressions whose membership test does not need the whole set (and
/// whose value may be infinite): filters, differences, unions, intersections, `Seq`,
/// `SUBSET`, function and record sets, and names of such sets.
fn lazy_set_body(e: &Ex) -> bool {
    matches!(
        &e.kind,
        ExKind::SetFilter(..)
            | ExKind::FnSet(..)
            | ExKind::RecordSet(..)
            | ExKind::Builtin(
                Builtin::SetMinus | Builtin::Cup | Builtin::Cap | Builtin::Seq | Builtin::Subset,
                _,
            )
            | ExKind::Call { .. }
            | ExKind::LetRef { .. }
    )
}

/// Constant definitions that are filters over lazy sets of at most this many elements are
/// computed in full and cached (TLC refuses to build sets of more than a million elements).
const EAGER_CONSTANT_FILTER: i64 = 1_000_000;

/// True if `e` is a set filter `{x \in S : P}` with one bound name, directly or as the body
/// of the definitions and `LET` definitions it names.
fn filter_like(defs: &[Def], e: &Ex, depth: u32) -> bool {
    if depth > 8 {
        return false;
    }
    match &e.kind {
        ExKind::SetFilter(b, _) => b.pats.len() == 1 && b.set.is_some(),
        ExKind::Call { def, .. } => filter_like(defs, &defs[def.0 as usize].body, depth + 1),
        ExKind::LetRef { def, .. } => filter_like(defs, def, depth + 1),
        _ => false,
    }
}

/// The elements of a set value in canonical order.
pub(crate) fn set_elems(s: &Value, span: Span) -> ER<Vec<Value>> {
    match s.set_iter() {
        Ok(it) => Ok(it.collect()),
        Err(e) => Err(verr(e, span)),
    }
}

pub(crate) fn member(x: &Value, s: &Value, span: Span) -> ER<bool> {
    s.member(x).map_err(|e| verr(e, span))
}

pub(crate) fn field_str(v: &Value) -> Str {
    match v {
        Value::Str(s) => *s,
        _ => Str::new("?"),
    }
}
