//! Memoized closed zero-argument definitions while an action is evaluated on a pair of
//! complete states (`[][A]_v` properties, liveness atoms).
//!
//! An instance's substituted variables (`x <- e`, e.g. a refinement mapping) compile to calls
//! of closed definitions (no captured slots, no arguments) that the instantiated action reads
//! many times per step, and the search checks a property on every successor of a state in a
//! row. So, per evaluation, each closed definition is computed once per `(definition, primed)`
//! ([`crate::eval::Cx::def_memo`]), and the unprimed values of those that depend on the
//! current state only are kept for the next step from the same state (per thread).
//!
//! Not memoized: definitions whose value may change between two evaluations on the same
//! states (`TLCGet`, `TLCSet`, `Print`, random choice, `JavaTime`), and, across steps, those
//! that may read the next state (primes, `UNCHANGED`, `[A]_v`, `<<A>>_v`, `ENABLED`,
//! operator parameters).

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

use tlc_value::Value;

use crate::builtins::Builtin;
use crate::compile::{visit_calls, visit_ex};
use crate::ir::{Def, DefId, ExKind};

/// Never memoized.
pub(crate) const NO_MEMO: u8 = 0;
/// Memoized within one evaluation on a pair of states.
pub(crate) const STEP: u8 = 1;
/// Also kept across the steps from the same state (its unprimed value is a state function).
pub(crate) const SOURCE: u8 = 2;

/// The memo of one evaluation on a pair of complete states.
#[derive(Debug)]
pub(crate) struct DefMemo<'p> {
    /// Per definition: [`NO_MEMO`], [`STEP`] or [`SOURCE`].
    pub flags: &'p [u8],
    /// Values computed in this evaluation, by `(definition, primed)`.
    pub vals: Vec<(DefId, bool, Value)>,
    /// Kept unprimed values of [`SOURCE`] definitions on the current state (shared with
    /// the per-thread memo: seeding a step costs no copy of the values).
    pub source: Kept,
    /// Kept values of [`SOURCE`] definitions on the next state (their primed values).
    pub target: Kept,
    /// The (complete) next state: a [`SOURCE`] definition under a prime is evaluated on it.
    pub next_state: Option<&'p [Value]>,
}

/// True for the builtins whose value may change between two evaluations on the same
/// states: they read or change the run, print, or choose at random.
pub(crate) fn impure_builtin(b: Builtin) -> bool {
    matches!(
        b,
        Builtin::TLCGet
            | Builtin::TLCSet
            | Builtin::RandomElement
            | Builtin::JavaTime
            | Builtin::Print
            | Builtin::PrintT
            | Builtin::RandomSubset
            | Builtin::RandomSetOfSubsets
            | Builtin::RandomSubsetSet
    )
}

/// A fresh id for a compiled program (keys the per-thread memo).
pub(crate) fn next_uid() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The memo flag of every definition.
pub(crate) fn flags(defs: &[Def]) -> Vec<u8> {
    let n = defs.len();
    let mut impure = vec![false; n];
    let mut next = vec![false; n];
    for (i, d) in defs.iter().enumerate() {
        let mut visit = |e: &crate::ir::Ex| {
            visit_ex(e, &mut |x| match &x.kind {
                ExKind::Prime(_)
                | ExKind::Unchanged(_)
                | ExKind::BoxAction(..)
                | ExKind::AngleAction(..)
                | ExKind::Enabled(_)
                | ExKind::CallParam { .. }
                | ExKind::Fair(..)
                | ExKind::Temporal(..) => next[i] = true,
                ExKind::Builtin(b, _) | ExKind::BuiltinOp(b, _) if impure_builtin(*b) => {
                    impure[i] = true
                }
                _ => {}
            })
        };
        visit(&d.body);
        for b in d.fn_bounds.iter().flatten() {
            if let Some(s) = &b.set {
                visit(s);
            }
        }
    }
    // Both properties propagate from callees to callers.
    let mut changed = true;
    while changed {
        changed = false;
        for (i, d) in defs.iter().enumerate() {
            if impure[i] && next[i] {
                continue;
            }
            let (mut imp, mut nx) = (impure[i], next[i]);
            let mut see = |c: DefId| {
                let c = c.0 as usize;
                imp |= impure.get(c).copied().unwrap_or(true);
                nx |= next.get(c).copied().unwrap_or(true);
            };
            visit_calls(&d.body, &mut see);
            for b in d.fn_bounds.iter().flatten() {
                if let Some(s) = &b.set {
                    visit_calls(s, &mut see);
                }
            }
            if imp != impure[i] || nx != next[i] {
                impure[i] = imp;
                next[i] = nx;
                changed = true;
            }
        }
    }
    let mut cheap: Vec<Option<bool>> = vec![None; n];
    (0..n)
        .map(|i| match (impure[i], next[i]) {
            (true, _) => NO_MEMO,
            _ if is_cheap(defs, DefId(i as u32), &mut cheap, 0) => NO_MEMO,
            (false, true) => STEP,
            (false, false) => SOURCE,
        })
        .collect()
}

/// Largest expression (in nodes) [`is_cheap`] accepts.
const CHEAP_NODES: usize = 24;

/// Is the closed zero-argument definition `d` cheaper to compute than to memoize (look up,
/// keep, and copy between steps)? True for small bodies of variables, constants, field
/// and function application, arithmetic, comparisons and logic, e.g.
/// `BeanCount == can.black + can.white`.
fn is_cheap(defs: &[Def], d: DefId, memo: &mut [Option<bool>], depth: u32) -> bool {
    let Some(def) = defs.get(d.0 as usize) else {
        return false;
    };
    if def.cache.is_some() {
        return true;
    }
    if def.nargs != 0 || def.fn_bounds.is_some() || depth > 4 {
        return false;
    }
    if let Some(c) = memo[d.0 as usize] {
        return c;
    }
    memo[d.0 as usize] = Some(false); // a recursive definition is not cheap
    let mut nodes = 0;
    let c = cheap_ex(defs, &def.body, memo, depth, &mut nodes);
    memo[d.0 as usize] = Some(c);
    c
}

fn cheap_ex(
    defs: &[Def],
    e: &crate::ir::Ex,
    memo: &mut [Option<bool>],
    depth: u32,
    nodes: &mut usize,
) -> bool {
    *nodes += 1;
    if *nodes > CHEAP_NODES {
        return false;
    }
    let mut all = |xs: &[&crate::ir::Ex]| xs.iter().all(|x| cheap_ex(defs, x, memo, depth, nodes));
    match &e.kind {
        ExKind::Lit(_) | ExKind::Var(_) | ExKind::Local(_) => true,
        ExKind::Prime(x) | ExKind::Not(x) | ExKind::Dot(x, _) => all(&[x]),
        ExKind::Implies(a, b)
        | ExKind::Equiv(a, b)
        | ExKind::Eq(a, b)
        | ExKind::Neq(a, b)
        | ExKind::FnApp(a, b) => all(&[a, b]),
        ExKind::If(c, a, b) => all(&[c, a, b]),
        ExKind::And(xs) | ExKind::Or(xs) | ExKind::Tuple(xs) => all(&xs.iter().collect::<Vec<_>>()),
        ExKind::Builtin(b, xs) => {
            use Builtin::*;
            matches!(b, Plus | Minus | Mul | Mod | Div | Neg | Lt | Gt | Le | Ge)
                && all(&xs.iter().collect::<Vec<_>>())
        }
        ExKind::Call { def, capture, args } => {
            *capture == 0 && args.is_empty() && is_cheap(defs, *def, memo, depth + 1)
        }
        _ => false,
    }
}

#[derive(Default)]
struct Source {
    prog: u64,
    /// The source state's fingerprint, when the caller gave one (then `state` is `None`).
    fp: Option<u64>,
    state: Option<Box<[Value]>>,
    vals: Kept,
}

impl Source {
    /// Is this the memo of `s` (fingerprint `s_fp`) in program `prog`?
    fn is(&self, prog: u64, s: &[Value], s_fp: Option<u64>) -> bool {
        self.prog == prog
            && match s_fp {
                Some(f) => self.fp == Some(f),
                None => self.fp.is_none() && self.state.as_deref() == Some(s),
            }
    }
}

/// The values of a state's [`SOURCE`] definitions (shared: the tables and the memo of the
/// step being evaluated hold the same values).
pub(crate) type Kept = std::sync::Arc<[(DefId, Value)]>;

impl DefMemo<'_> {
    /// The value of `(def, primed)` if this evaluation computed it or it was kept.
    pub fn get(&self, def: DefId, primed: bool) -> Option<&Value> {
        let kept = if primed { &self.target } else { &self.source };
        self.vals
            .iter()
            .find(|(d, p, _)| *d == def && *p == primed)
            .map(|(_, _, v)| v)
            .or_else(|| kept.iter().find(|(d, _)| *d == def).map(|(_, v)| v))
    }
}

/// `kept` with the values in `vals` of the [`SOURCE`] definitions that are `primed` (or
/// not) added, if there are any.
fn extended(
    kept: &Kept,
    vals: &[(DefId, bool, Value)],
    primed: bool,
    flags: &[u8],
) -> Option<Kept> {
    let mut new = vals
        .iter()
        .filter(|(d, p, _)| *p == primed && flags.get(d.0 as usize) == Some(&SOURCE))
        .filter(|(d, _, _)| !kept.iter().any(|(e, _)| e == d))
        .peekable();
    new.peek()?;
    let all: Vec<(DefId, Value)> = kept
        .iter()
        .cloned()
        .chain(new.map(|(d, _, v)| (*d, v.clone())))
        .collect();
    Some(all.into())
}

/// Entries of the per-thread table of next-state values (a power of two).
const TARGET_SLOTS: usize = 1 << 16;

/// Entries per set of the table ([`TARGET_SLOTS`] / `WAYS` sets).
const WAYS: usize = 4;

/// The [`SOURCE`] definitions' values on recently seen next states, by the state's
/// fingerprint: a state is the next state of several steps (one per edge into it, from
/// sources spread over a BFS level), and the source of all the steps out of it later.
/// Set-associative ([`WAYS`] entries per set, the oldest replaced first) and lossy, so
/// bounded: at most [`TARGET_SLOTS`] states per thread. (A direct-mapped table of the same
/// size lost about 45% of the entries before their next use on EWD998PCal.)
#[derive(Default)]
struct Targets {
    prog: u64,
    slots: Vec<Option<(u64, Kept)>>,
}

impl Targets {
    /// The first slot of `fp`'s set.
    fn set(fp: u64) -> usize {
        // Fingerprints are well mixed: the low bits select the set.
        (fp as usize) & (TARGET_SLOTS - 1) & !(WAYS - 1)
    }

    /// The values kept for the state with fingerprint `fp`, if any.
    fn get(&self, prog: u64, fp: u64) -> Option<&Kept> {
        if self.prog != prog || self.slots.is_empty() {
            return None;
        }
        let i = Self::set(fp);
        self.slots[i..i + WAYS].iter().find_map(|e| match e {
            Some((f, vals)) if *f == fp => Some(vals),
            _ => None,
        })
    }

    /// Records the values of the state with fingerprint `fp` (replacing its entry, or the
    /// oldest entry of its set).
    fn put(&mut self, prog: u64, fp: u64, vals: Kept) {
        if self.prog != prog || self.slots.is_empty() {
            self.prog = prog;
            self.slots.clear();
            self.slots.resize_with(TARGET_SLOTS, || None);
        }
        let i = Self::set(fp);
        let set = &mut self.slots[i..i + WAYS];
        let at = set
            .iter()
            .position(|e| matches!(e, Some((f, _)) if *f == fp))
            .unwrap_or(WAYS - 1);
        // newest first: shift the older entries down over the replaced one
        set[..=at].rotate_right(1);
        set[0] = Some((fp, vals));
    }
}

thread_local! {
    static LAST_SOURCE: RefCell<Source> = RefCell::new(Source::default());
    static TARGETS: RefCell<Targets> = RefCell::new(Targets::default());
}

/// The memo to start an evaluation on a step from `s` to `t` with: the unprimed values kept
/// from the previous step from the same state, if the last step this thread evaluated
/// started there. With the states' fingerprints (when they identify states: no `VIEW` or
/// `SYMMETRY`), values of state functions are also looked up by them.
pub(crate) fn seed_at<'p>(
    prog: u64,
    flags: &'p [u8],
    s: &[Value],
    s_fp: Option<u64>,
    t: &'p [Value],
    t_fp: Option<u64>,
) -> DefMemo<'p> {
    let source = LAST_SOURCE.with(|m| {
        let mut m = m.borrow_mut();
        if !m.is(prog, s, s_fp) {
            m.prog = prog;
            m.fp = s_fp;
            m.state = if s_fp.is_some() { None } else { Some(s.into()) };
            m.vals = s_fp
                .and_then(|f| TARGETS.with(|tg| tg.borrow().get(prog, f).cloned()))
                .unwrap_or_else(|| Vec::new().into());
        }
        m.vals.clone()
    });
    let target = t_fp
        .and_then(|f| TARGETS.with(|tg| tg.borrow().get(prog, f).cloned()))
        .unwrap_or_else(|| Vec::new().into());
    DefMemo {
        flags,
        vals: Vec::new(),
        source,
        target,
        next_state: Some(t),
    }
}

/// Keeps the state-function values of an evaluation started with [`seed_at`] (same `s`,
/// `s_fp` and `t_fp`): the unprimed ones for the next step from `s`, the primed ones for
/// the steps into `t` and from `t` (when `t_fp` is given).
pub(crate) fn keep_at(
    prog: u64,
    s: &[Value],
    s_fp: Option<u64>,
    t_fp: Option<u64>,
    memo: DefMemo<'_>,
) {
    if memo.vals.is_empty() {
        return;
    }
    if let Some(f) = t_fp {
        // only when this evaluation computed more of them than were kept
        if let Some(all) = extended(&memo.target, &memo.vals, true, memo.flags) {
            TARGETS.with(|tg| tg.borrow_mut().put(prog, f, all));
        }
    }
    LAST_SOURCE.with(|m| {
        let mut m = m.borrow_mut();
        if !m.is(prog, s, s_fp) {
            return;
        }
        if let Some(all) = extended(&m.vals, &memo.vals, false, memo.flags) {
            m.vals = all;
        }
    });
}

/// One property of a step for `eval_actions_at`.
struct Step<'a> {
    /// Its `[A]_v` split into sub-actions, with its index (see `prophint`).
    hint: Option<(&'a crate::prophint::BoxParts, u32)>,
    /// Its fast-path form (see `fastpred`).
    fast: Option<&'a crate::fastpred::Fast>,
    /// The property.
    prop: &'a crate::Named,
}

impl crate::Program {
    /// [`Program::eval_action`](crate::Program::eval_action) on a step whose states'
    /// fingerprints are known: the state functions the action reads (e.g. an instance's
    /// substituted variables, a refinement mapping) are then computed about once per state
    /// instead of once per step: their values on the next state are kept (per thread, in a
    /// bounded table) for the other steps into it and the steps out of it. Pass
    /// fingerprints only if they identify states (no `VIEW` or `SYMMETRY`); `None` for
    /// either gives the plain evaluation's memo.
    pub fn eval_action_at(
        &self,
        n: &crate::Named,
        s: &[Value],
        s_fp: Option<u64>,
        t: &[Value],
        t_fp: Option<u64>,
    ) -> Result<bool, crate::EvalError> {
        let step = |_| Step {
            hint: None,
            fast: None,
            prop: n,
        };
        let f = self.eval_actions_at(1, &step, s, s_fp, t, t_fp, 0, true)?;
        Ok(f.is_none())
    }

    /// The `[A]_v` properties `props` on a step produced by the action with index `key`
    /// (e.g. [`crate::ActionId`]), in order: the position in `props` of the first that is
    /// violated, if any. `props[i]` is the property with index `ids[i]` in
    /// [`Program::properties`](crate::Program::properties) (possibly with a wider frame). The step is set up once for all of them, with one memo as in
    /// [`Program::eval_action_at`]; for each property the sub-action of `A` that held last
    /// for it and this key on this thread is tried first (see `prophint`), and a step
    /// from a state to itself (equal fingerprints) satisfies it without evaluation. The
    /// verdicts are [`Program::eval_action_at`]'s.
    #[allow(clippy::too_many_arguments)]
    pub fn first_failed_action_property<N: AsRef<crate::Named>>(
        &self,
        ids: &[usize],
        props: &[N],
        s: &[Value],
        s_fp: Option<u64>,
        t: &[Value],
        t_fp: Option<u64>,
        key: u32,
    ) -> Result<Option<usize>, crate::EvalError> {
        let flags = self.memo_flags.get_or_init(|| flags(&self.defs));
        let memo = self.memo_props.get_or_init(|| {
            self.properties
                .iter()
                .map(|p| {
                    let (crate::Property::Invariant(n)
                    | crate::Property::Action(n)
                    | crate::Property::Temporal(n)) = p;
                    self.reads_memoized(&n.expr, flags)
                })
                .collect()
        });
        // Without a memoized definition to read, the memo is not set up at all.
        let with_memo = ids.iter().any(|&i| memo.get(i).copied().unwrap_or(true));
        let fast = self.fast_props();
        let get = |i: usize| {
            let prop = ids[i];
            let hint = self
                .box_parts
                .get(prop)
                .and_then(Option::as_ref)
                .map(|bp| (bp, prop as u32));
            Step {
                hint,
                fast: fast.get(prop).and_then(Option::as_ref),
                prop: props[i].as_ref(),
            }
        };
        let count = props.len().min(ids.len());
        self.eval_actions_at(count, &get, s, s_fp, t, t_fp, key, with_memo)
    }

    /// Per property: its `[A]_v` compiled for the fast path (see `fastpred`), compiled on
    /// first use (constant definitions evaluated by then are read as literals).
    fn fast_props(&self) -> &[Option<crate::fastpred::Fast>] {
        self.fast_props.get_or_init(|| {
            self.properties
                .iter()
                .map(|p| match p {
                    crate::Property::Action(n) => crate::fastpred::compile(&self.defs, &n.expr),
                    _ => None,
                })
                .collect()
        })
    }

    /// Per property: whether the checker tries the fast path for it (for tests and
    /// diagnostics).
    #[doc(hidden)]
    pub fn fast_path_properties(&self) -> Vec<bool> {
        self.fast_props().iter().map(Option::is_some).collect()
    }

    /// Does evaluating `e` call a closed zero-argument definition that the step memo keeps
    /// (`flags`)?
    fn reads_memoized(&self, e: &crate::ir::Ex, flags: &[u8]) -> bool {
        let mut any = false;
        self.visit_deep(e, &mut Vec::new(), &mut |x| {
            if let ExKind::Call { def, capture, args } = &x.kind {
                if *capture == 0 && args.is_empty() && flags.get(def.0 as usize) != Some(&NO_MEMO) {
                    any = true;
                }
            }
        });
        any
    }

    /// The first of the `count` actions `get(i)` violated by the step (see
    /// [`Program::first_failed_action_property`]); an entry with parts is `[A]_v` split.
    /// `memo`: set up the step memo (else the definitions are evaluated as in any context).
    #[allow(clippy::too_many_arguments)]
    fn eval_actions_at<'a>(
        &'a self,
        count: usize,
        get: &dyn Fn(usize) -> Step<'a>,
        s: &[Value],
        s_fp: Option<u64>,
        t: &[Value],
        t_fp: Option<u64>,
        key: u32,
        memo: bool,
    ) -> Result<Option<usize>, crate::EvalError> {
        // A step from a state to itself satisfies `UNCHANGED v` (the parts' `v` is pure):
        // such properties are not evaluated, and the step is set up only if one is.
        let same = s_fp.is_some() && s_fp == t_fp;
        let mut cx = None;
        let mut r = Ok(None);
        for i in 0..count {
            let Step {
                hint,
                fast,
                prop: n,
            } = get(i);
            if same && hint.is_some() {
                continue;
            }
            // shown to hold by the fast path: no context needed (a FALSE is confirmed below)
            if fast.and_then(|f| crate::fastpred::holds(f, s, t)) == Some(true) {
                continue;
            }
            let cx = cx.get_or_insert_with(|| {
                let mut cx = self.cx(s, 0);
                cx.set_next(t);
                if memo {
                    let flags = self.memo_flags.get_or_init(|| flags(&self.defs));
                    cx.def_memo = Some(seed_at(self.uid, flags, s, s_fp, t, t_fp));
                }
                cx
            });
            cx.reset_frame(n.frame);
            let held = match hint {
                Some((bp, prop)) => crate::prophint::eval_box_parts(cx, bp, self.uid, prop, key),
                None => cx.eval_bool(&n.expr, "an action"),
            };
            match held {
                Ok(true) => {}
                Ok(false) => {
                    r = Ok(Some(i));
                    break;
                }
                Err(e) => {
                    r = Err(e);
                    break;
                }
            }
        }
        if let Some(memo) = cx.and_then(|mut cx| cx.def_memo.take()) {
            keep_at(self.uid, s, s_fp, t_fp, memo);
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(d: u32, v: i64) -> Kept {
        vec![(DefId(d), Value::from(v))].into()
    }

    fn ex(kind: ExKind) -> crate::ir::Ex {
        crate::ir::Ex {
            kind,
            span: Default::default(),
        }
    }

    fn def(name: &str, body: crate::ir::Ex) -> Def {
        Def {
            name: name.into(),
            span: Default::default(),
            nargs: 0,
            frame: 0,
            body,
            fn_bounds: None,
            cache: None,
            state_level: true,
            action_level: false,
        }
    }

    #[test]
    fn small_state_functions_are_not_memoized() {
        use crate::ir::CBound;
        let field = |f: &str| ex(ExKind::Dot(Box::new(ex(ExKind::Var(0))), Value::string(f)));
        // Count == can.black + can.white: cheaper to compute than to keep
        let count = def(
            "Count",
            ex(ExKind::Builtin(
                Builtin::Plus,
                vec![field("black"), field("white")],
            )),
        );
        // Twice == Count + Count: calls of cheap definitions are cheap
        let call = || {
            ex(ExKind::Call {
                def: DefId(0),
                capture: 0,
                args: vec![],
            })
        };
        let twice = def(
            "Twice",
            ex(ExKind::Builtin(Builtin::Plus, vec![call(), call()])),
        );
        // Some == \E i \in x : i = 1 (a quantifier): kept
        let some = def(
            "Some",
            ex(ExKind::Exists(
                vec![CBound {
                    pats: vec![crate::ir::Pat::Slot(0)],
                    set: Some(Box::new(ex(ExKind::Var(0)))),
                }],
                Box::new(ex(ExKind::Eq(
                    Box::new(ex(ExKind::Local(0))),
                    Box::new(ex(ExKind::Lit(Value::from(1)))),
                ))),
            )),
        );
        // Big == a sum of 30 fields: too large to count as cheap
        let big = def(
            "Big",
            ex(ExKind::Builtin(
                Builtin::Plus,
                (0..30).map(|_| field("black")).collect(),
            )),
        );
        // Next == Count' (reads the next state): memoized per step only, unless cheap
        let next = def("Next", ex(ExKind::Prime(Box::new(call()))));
        let f = flags(&[count, twice, some, big, next]);
        assert_eq!(f, vec![NO_MEMO, NO_MEMO, SOURCE, SOURCE, NO_MEMO]);
    }

    #[test]
    fn targets_answer_only_for_the_stored_fingerprint() {
        let mut t = Targets::default();
        assert!(t.get(1, 5).is_none());
        t.put(1, 5, entry(0, 50));
        assert_eq!(t.get(1, 5).map(|v| v.len()), Some(1));
        // another program, or a state sharing the slot: nothing
        assert!(t.get(2, 5).is_none());
        // states of the same set: the oldest is replaced once the set is full
        let other = |k: u64| 5 + k * TARGET_SLOTS as u64;
        assert_eq!(Targets::set(other(1)), Targets::set(5));
        assert!(t.get(1, other(1)).is_none());
        for k in 1..WAYS as u64 {
            t.put(1, other(k), entry(0, 50 + k as i64));
        }
        assert!(t.get(1, 5).is_some());
        t.put(1, other(WAYS as u64), entry(0, 99));
        assert!(t.get(1, 5).is_none());
        for k in 1..=WAYS as u64 {
            assert!(t.get(1, other(k)).is_some(), "{k}");
        }
        // storing a state again replaces its entry only
        t.put(1, other(1), entry(0, 51));
        assert_eq!(
            t.get(1, other(1)).map(|v| v[0].1.clone()),
            Some(Value::from(51))
        );
        assert!(t.get(1, other(2)).is_some());
        // a new program starts empty
        t.put(2, 7, entry(0, 70));
        assert!(t.get(1, other(1)).is_none());
        assert!(t.get(2, 7).is_some());
    }
}
