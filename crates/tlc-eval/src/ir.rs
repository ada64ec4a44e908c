//! The compiled program: expressions with every name resolved to a state-variable slot,
//! a local-frame slot, a definition id or a builtin id. Nothing here looks a name up.

use crate::builtins::Builtin;
use std::sync::{Arc, OnceLock};
use tlc_syntax::Span;
use tlc_value::Value;

/// Index of a compiled definition in [`crate::Program`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DefId(pub u32);

/// A compiled expression. `span` is where it was written (for error messages).
#[derive(Clone, Debug)]
pub struct Ex {
    /// What to compute.
    pub kind: ExKind,
    /// Source location.
    pub span: Span,
}

/// A pattern binding one bound-variable group.
#[derive(Clone, Debug)]
pub enum Pat {
    /// `x` bound to frame slot.
    Slot(u32),
    /// `<<x, y>>` bound to consecutive slots.
    Tuple(Vec<u32>),
}

/// One `vars \in set` group, compiled: each pattern ranges over the set.
#[derive(Clone, Debug)]
pub struct CBound {
    /// One pattern per name of the group (`x, y \in S` gives two).
    pub pats: Vec<Pat>,
    /// The set (None only for unbounded CHOOSE/quantifiers, which are errors to evaluate).
    pub set: Option<Box<Ex>>,
}

impl CBound {
    /// Flattened list of (pattern, set-index) pairs for iteration.
    pub fn count(&self) -> usize {
        self.pats.len()
    }
}

/// One EXCEPT path step.
#[derive(Clone, Debug)]
pub enum CStep {
    /// `.field`
    Field(Value),
    /// `[e]` (several indices are packed into a tuple by the compiler)
    Index(Ex),
}

/// One EXCEPT update; `at` is the slot that holds `@` while the value is computed.
#[derive(Clone, Debug)]
pub struct CUpdate {
    /// Path steps.
    pub path: Vec<CStep>,
    /// New value.
    pub value: Ex,
    /// Slot of `@`.
    pub at: u32,
}

/// An operator passed as an argument (to a parameter `F(_)`).
#[derive(Clone, Debug)]
pub enum OpArg {
    /// A compiled definition; `capture` = how many leading slots of the current frame it captures.
    Def {
        /// The definition.
        def: DefId,
        /// Number of captured slots.
        capture: u32,
    },
    /// A builtin operator.
    Builtin(Builtin),
    /// An operator parameter of the current frame, passed along.
    Param(u32),
}

/// A call argument.
#[derive(Clone, Debug)]
pub enum Arg {
    /// An ordinary value argument.
    Val(Ex),
    /// An operator argument.
    Op(OpArg),
}

/// Temporal operators (kept for the liveness layer; an error to evaluate on a state).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Temporal {
    /// `[]P`
    Always,
    /// `<>P`
    Eventually,
    /// `P ~> Q`
    LeadsTo,
    /// `P -+-> Q`, `\EE`, `\AA`, `\cdot` (not supported by TLC's evaluator either).
    Other,
}

/// Expression kinds.
#[derive(Clone, Debug)]
pub enum ExKind {
    /// A literal or precomputed constant.
    Lit(Value),
    /// State variable slot (reads the next state in primed mode).
    Var(u32),
    /// `e'`: evaluate `e` in primed mode.
    Prime(Box<Ex>),
    /// A frame slot holding a value.
    Local(u32),
    /// A lazily computed zero-arity LET definition cached in a frame slot.
    LetRef {
        /// Cache slot.
        slot: u32,
        /// Its definition (compiled in the enclosing frame).
        def: Arc<Ex>,
    },
    /// `LET` with lazy zero-arity definitions: clears the slots, then evaluates the body.
    Let {
        /// Slots to reset.
        slots: Vec<u32>,
        /// The body.
        body: Box<Ex>,
    },
    /// Call a compiled definition; the new frame is `captured slots ++ args`.
    Call {
        /// Callee.
        def: DefId,
        /// Leading slots of the current frame copied into the callee's frame.
        capture: u32,
        /// Arguments.
        args: Vec<Arg>,
    },
    /// Call an operator parameter (closure in a slot).
    CallParam {
        /// The slot holding the closure.
        slot: u32,
        /// Arguments.
        args: Vec<Arg>,
    },
    /// A builtin operator application.
    Builtin(Builtin, Vec<Ex>),
    /// A builtin that needs operator arguments or special evaluation (rare).
    BuiltinOp(Builtin, Vec<Arg>),
    /// `f[x]` for a recursive function definition: evaluate the body directly.
    RecFnApp {
        /// The function definition.
        def: DefId,
        /// Captured slots.
        capture: u32,
        /// The argument (a tuple for several indices).
        arg: Box<Ex>,
    },
    /// The value of a recursive function definition (materialised).
    RecFnValue {
        /// The function definition.
        def: DefId,
        /// Captured slots.
        capture: u32,
    },
    /// `a /\ b /\ ...` (left to right, short-circuit)
    And(Vec<Ex>),
    /// `a \/ b \/ ...`
    Or(Vec<Ex>),
    /// `~a`
    Not(Box<Ex>),
    /// `a => b`
    Implies(Box<Ex>, Box<Ex>),
    /// `a <=> b`
    Equiv(Box<Ex>, Box<Ex>),
    /// `a = b`
    Eq(Box<Ex>, Box<Ex>),
    /// `a /= b`
    Neq(Box<Ex>, Box<Ex>),
    /// `a \in b`
    In(Box<Ex>, Box<Ex>),
    /// `a \notin b`
    NotIn(Box<Ex>, Box<Ex>),
    /// `IF c THEN a ELSE b`
    If(Box<Ex>, Box<Ex>, Box<Ex>),
    /// `CASE`
    Case(Vec<(Ex, Ex)>, Option<Box<Ex>>),
    /// `\A` over bounds.
    Forall(Vec<CBound>, Box<Ex>),
    /// `\E`
    Exists(Vec<CBound>, Box<Ex>),
    /// `CHOOSE pat \in S : P`
    Choose(Box<CBound>, Box<Ex>),
    /// `{a, b}`
    SetEnum(Vec<Ex>),
    /// `{x \in S : P}`
    SetFilter(Box<CBound>, Box<Ex>),
    /// `{e : x \in S}`
    SetMap(Vec<CBound>, Box<Ex>),
    /// `[x \in S |-> e]`
    FnCons(Vec<CBound>, Box<Ex>),
    /// `[S -> T]`
    FnSet(Box<Ex>, Box<Ex>),
    /// `[a |-> e]` (field names as string values)
    Record(Vec<(Value, Ex)>),
    /// `[a : S]`
    RecordSet(Vec<(Value, Ex)>),
    /// `[f EXCEPT ...]`
    Except(Box<Ex>, Vec<CUpdate>),
    /// `f[x]` (several indices packed into a tuple)
    FnApp(Box<Ex>, Box<Ex>),
    /// `r.a`
    Dot(Box<Ex>, Value),
    /// `<<a, b>>`
    Tuple(Vec<Ex>),
    /// `UNCHANGED e`
    Unchanged(Box<Ex>),
    /// `ENABLED A`
    Enabled(Box<Ex>),
    /// `[A]_v`
    BoxAction(Box<Ex>, Box<Ex>),
    /// `<<A>>_v`
    AngleAction(Box<Ex>, Box<Ex>),
    /// `WF_v(A)` (true = strong)
    Fair(bool, Box<Ex>, Box<Ex>),
    /// Temporal operators.
    Temporal(Temporal, Vec<Ex>),
    /// An expression that cannot be evaluated (message); an error if reached.
    Error(Arc<str>),
}

/// A compiled definition.
#[derive(Debug)]
pub struct Def {
    /// Name (for messages and action labels).
    pub name: Arc<str>,
    /// The definition's span.
    pub span: Span,
    /// Number of frame slots taken by captured slots + parameters (arguments are stored there).
    pub nargs: u32,
    /// Total frame size.
    pub frame: u32,
    /// The body (a placeholder until compiled).
    pub body: Ex,
    /// For recursive function definitions: the domain bounds (compiled in the def's frame,
    /// binding the slots after the captured ones).
    pub fn_bounds: Option<Vec<CBound>>,
    /// Constant-level zero-arity definitions cache their value here.
    pub cache: Option<OnceLock<Value>>,
    /// True if the definition's value may depend on the state (filled by level analysis).
    pub state_level: bool,
    /// True if the definition may read the next state (primes, UNCHANGED, ENABLED).
    pub action_level: bool,
}

/// Applies `f` to every direct subexpression of `e` (the bodies of operator arguments
/// `Arg::Op` are not visited; a shared `LET` definition is made unique first).
pub(crate) fn children_mut(e: &mut Ex, f: &mut dyn FnMut(&mut Ex)) {
    let bounds = |bs: &mut [CBound], f: &mut dyn FnMut(&mut Ex)| {
        for b in bs {
            if let Some(s) = &mut b.set {
                f(s);
            }
        }
    };
    match &mut e.kind {
        ExKind::Lit(_)
        | ExKind::Var(_)
        | ExKind::Local(_)
        | ExKind::Error(_)
        | ExKind::RecFnValue { .. } => {}
        ExKind::Prime(a)
        | ExKind::Not(a)
        | ExKind::Unchanged(a)
        | ExKind::Enabled(a)
        | ExKind::Dot(a, _)
        | ExKind::RecFnApp { arg: a, .. } => f(a),
        ExKind::LetRef { def, .. } => f(Arc::make_mut(def)),
        ExKind::Let { body, .. } => f(body),
        ExKind::Call { args, .. } | ExKind::CallParam { args, .. } | ExKind::BuiltinOp(_, args) => {
            for a in args {
                if let Arg::Val(x) = a {
                    f(x);
                }
            }
        }
        ExKind::Builtin(_, xs)
        | ExKind::And(xs)
        | ExKind::Or(xs)
        | ExKind::SetEnum(xs)
        | ExKind::Tuple(xs)
        | ExKind::Temporal(_, xs) => xs.iter_mut().for_each(f),
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
            f(a);
            f(b);
        }
        ExKind::If(a, b, c) => {
            f(a);
            f(b);
            f(c);
        }
        ExKind::Case(arms, o) => {
            for (a, b) in arms {
                f(a);
                f(b);
            }
            if let Some(o) = o {
                f(o);
            }
        }
        ExKind::Forall(bs, b)
        | ExKind::Exists(bs, b)
        | ExKind::SetMap(bs, b)
        | ExKind::FnCons(bs, b) => {
            bounds(bs, f);
            f(b);
        }
        ExKind::Choose(bd, b) | ExKind::SetFilter(bd, b) => {
            bounds(std::slice::from_mut(&mut **bd), f);
            f(b);
        }
        ExKind::Record(fs) | ExKind::RecordSet(fs) => {
            for (_, x) in fs {
                f(x);
            }
        }
        ExKind::Except(b, ups) => {
            f(b);
            for u in ups {
                for s in &mut u.path {
                    if let CStep::Index(x) = s {
                        f(x);
                    }
                }
                f(&mut u.value);
            }
        }
    }
}
