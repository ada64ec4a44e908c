//! The adapter from the TLA+ evaluator ([`tlc_eval::Program`]) to the search
//! engine's [`Model`] trait.
//!
//! Invariant indices run over the config's `INVARIANT`s first, then the
//! `PROPERTY`s that TLC checks as invariants (`[]P` with `P` a state
//! predicate); property indices run over the `[][A]_v` action properties, then the
//! `PROPERTY` conjuncts without temporal operators (e.g. the `Init` of a refined
//! spec), which TLC checks on the initial states only ("implied inits").

use crate::model::{ActionId, Model};
use std::borrow::Cow;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::Arc;
use tlc_eval::{EvalError, Named, Program, Property, State};

/// The search's counters as the evaluator sees them (`TLCGet("distinct")` ...): the
/// engine publishes them at each level and after each chunk of expanded states.
#[derive(Debug, Default)]
struct SearchStats {
    distinct: AtomicU64,
    generated: AtomicU64,
    queue: AtomicU64,
    diameter: AtomicU64,
}

impl tlc_eval::RunStats for SearchStats {
    fn distinct(&self) -> u64 {
        self.distinct.load(Relaxed)
    }
    fn generated(&self) -> u64 {
        self.generated.load(Relaxed)
    }
    fn queue(&self) -> u64 {
        self.queue.load(Relaxed)
    }
    fn diameter(&self) -> u64 {
        self.diameter.load(Relaxed)
    }
}

/// A compiled TLA+ model, ready to be searched.
pub struct TlaModel<'p> {
    prog: &'p Program,
    /// `INVARIANT`s, then invariant-like `PROPERTY`s.
    invariants: Vec<Cow<'p, Named>>,
    /// `[][A]_v` `PROPERTY`s, then the state-predicate `PROPERTY`s (`init_from` on).
    action_props: Vec<Cow<'p, Named>>,
    /// Index in `prog.properties` of each `[][A]_v` entry of `action_props`.
    action_prop_ids: Vec<usize>,
    /// Index in `action_props` of the first state-predicate property.
    init_from: usize,
    lossy: bool,
    stats: Arc<SearchStats>,
    wants_stats: bool,
}

impl<'p> TlaModel<'p> {
    /// Wraps a compiled program.
    pub fn new(prog: &'p Program) -> TlaModel<'p> {
        let mut invariants: Vec<Cow<'p, Named>> =
            prog.invariants.iter().map(Cow::Borrowed).collect();
        let mut action_props = Vec::new();
        let mut action_prop_ids = Vec::new();
        for (i, p) in prog.properties.iter().enumerate() {
            match p {
                Property::Invariant(n) => invariants.push(Cow::Owned(prog.with_full_frame(n))),
                Property::Action(n) => {
                    action_props.push(Cow::Owned(prog.with_full_frame(n)));
                    action_prop_ids.push(i);
                }
                Property::Temporal(_) => {}
            }
        }
        let init_from = action_props.len();
        for p in &prog.properties {
            if let Property::Temporal(n) = p {
                if !prog.is_temporal_formula(n) && !prog.is_action_formula(n) {
                    action_props.push(Cow::Owned(prog.with_full_frame(n)));
                }
            }
        }
        let stats = Arc::new(SearchStats::default());
        prog.set_stats(stats.clone());
        TlaModel {
            prog,
            invariants,
            action_props,
            action_prop_ids,
            init_from,
            lossy: prog.view.is_some() || !prog.symmetry.is_empty(),
            stats,
            wants_stats: prog.reads_search_stats(),
        }
    }

    /// Index of the first `[][A]_v` property that `holds` says is violated.
    fn first_failed_action_property(
        &self,
        mut holds: impl FnMut(usize, &Named) -> Result<bool, EvalError>,
    ) -> Result<Option<usize>, EvalError> {
        for (i, p) in self.action_props[..self.init_from].iter().enumerate() {
            if !holds(i, p)? {
                return Ok(Some(i));
            }
        }
        Ok(None)
    }

    /// The program.
    pub fn program(&self) -> &'p Program {
        self.prog
    }

    /// Number of invariants checked on every state (see the module docs).
    pub fn num_invariants(&self) -> usize {
        self.invariants.len()
    }
}

impl Model for TlaModel<'_> {
    type State = State;
    type Error = EvalError;

    fn initial_states(&self, out: &mut dyn FnMut(State)) -> Result<(), EvalError> {
        self.prog.init_states(out)
    }

    fn successors(&self, s: &State, out: &mut dyn FnMut(ActionId, State)) -> Result<(), EvalError> {
        self.prog
            .successors(s, &mut |a: tlc_eval::ActionId, t| out(ActionId(a.0), t))
    }

    fn fingerprint(&self, s: &State) -> Result<u64, EvalError> {
        self.prog.fingerprint(s)
    }

    fn state_constraint(&self, s: &State) -> Result<bool, EvalError> {
        if self.prog.constraints.is_empty() {
            return Ok(true);
        }
        self.prog.in_model(s)
    }

    fn action_constraint(&self, from: &State, to: &State) -> Result<bool, EvalError> {
        if self.prog.action_constraints.is_empty() {
            return Ok(true);
        }
        self.prog.action_in_model(from, to)
    }

    fn check_invariants(&self, s: &State) -> Result<Option<usize>, EvalError> {
        for (i, inv) in self.invariants.iter().enumerate() {
            if !self.prog.eval_predicate(inv, s)? {
                return Ok(Some(i));
            }
        }
        Ok(None)
    }

    fn check_action_properties(
        &self,
        from: &State,
        to: &State,
    ) -> Result<Option<usize>, EvalError> {
        self.first_failed_action_property(|_, p| self.prog.eval_action(p, from, to))
    }

    fn check_action_properties_at(
        &self,
        from: &State,
        from_fp: u64,
        to: &State,
        to_fp: u64,
        action: ActionId,
    ) -> Result<Option<usize>, EvalError> {
        // With VIEW or SYMMETRY a fingerprint stands for several states: no per-state cache.
        let (from_fp, to_fp) = if self.lossy {
            (None, None)
        } else {
            (Some(from_fp), Some(to_fp))
        };
        self.prog.first_failed_action_property(
            &self.action_prop_ids,
            &self.action_props[..self.init_from],
            from,
            from_fp,
            to,
            to_fp,
            action.0,
        )
    }

    fn check_init_properties(&self, s: &State) -> Result<Option<usize>, EvalError> {
        for (i, p) in self.action_props.iter().enumerate().skip(self.init_from) {
            if !self.prog.eval_predicate(p, s)? {
                return Ok(Some(i));
            }
        }
        Ok(None)
    }

    fn lossy_fingerprints(&self) -> bool {
        self.lossy
    }

    fn begin_level(&self, level: u64) {
        tlc_eval::set_current_level(i64::try_from(level).unwrap_or(i64::MAX));
    }

    fn wants_stats(&self) -> bool {
        self.wants_stats
    }

    fn publish_stats(&self, p: &crate::Progress) {
        let st = &self.stats;
        st.distinct.store(p.distinct_states, Relaxed);
        st.generated.store(p.states_generated, Relaxed);
        st.queue.store(p.queue, Relaxed);
        st.diameter.store(p.depth, Relaxed);
    }

    fn invariant_name(&self, i: usize) -> String {
        self.invariants
            .get(i)
            .map_or_else(|| format!("invariant #{i}"), |n| n.name.to_string())
    }

    fn property_name(&self, i: usize) -> String {
        self.action_props
            .get(i)
            .map_or_else(|| format!("property #{i}"), |n| n.name.to_string())
    }

    fn action_label(&self, a: ActionId) -> String {
        self.prog
            .actions
            .get(a.0 as usize)
            .map_or_else(|| format!("action #{}", a.0), |n| n.name.to_string())
    }
}
