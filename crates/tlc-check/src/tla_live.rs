//! Liveness for TLA+ models: translates the temporal `PROPERTY`s and the fairness of the
//! `SPECIFICATION` of a [`tlc_eval::Program`] into [`Ltl`] over numbered atoms, and
//! evaluates those atoms on concrete states for the [`crate::liveness::LivenessRecorder`].
//!
//! ```text
//! let live = TlaLiveness::new(&prog)?;                 // None-like when no temporal property
//! let rec = LivenessRecorder::new(&live, workers);
//! let result = Checker::new(&model).recorder(&rec).run();
//! let graph = rec.finish()?;
//! for (name, f) in live.properties() { liveness::check(&graph, live.fairness(), f)? ... }
//! ```
//!
//! Which properties are temporal: [`tlc_eval::Property::Temporal`] conjuncts that contain a
//! temporal operator. The others (state predicates such as the `Init` of a refined spec)
//! are checked on the initial states by [`crate::tla::TlaModel`], as TLC does.

use crate::graph::Successor;
use crate::liveness::{AtomEvaluator, AtomLayout, Ltl};
use tlc_eval::temporal::ExpansionPlan;
use tlc_eval::{EvalError, LiveAtoms, Program, Property, State, TemporalFormula};

/// The temporal properties and fairness of a program, as [`Ltl`] over atoms.
pub struct TlaLiveness<'p> {
    prog: &'p Program,
    atoms: LiveAtoms,
    plan: ExpansionPlan,
    fairness: Vec<Ltl>,
    properties: Vec<(String, Ltl)>,
}

fn to_ltl(f: TemporalFormula) -> Ltl {
    use TemporalFormula as T;
    match f {
        T::Bool(b) => Ltl::Bool(b),
        T::State(i) => Ltl::State(i),
        T::Action(i) => Ltl::Action(i),
        T::Not(a) => Ltl::Not(Box::new(to_ltl(*a))),
        T::And(xs) => Ltl::And(xs.into_iter().map(to_ltl).collect()),
        T::Or(xs) => Ltl::Or(xs.into_iter().map(to_ltl).collect()),
        T::Implies(a, b) => Ltl::Implies(Box::new(to_ltl(*a)), Box::new(to_ltl(*b))),
        T::Equiv(a, b) => Ltl::Equiv(Box::new(to_ltl(*a)), Box::new(to_ltl(*b))),
        T::Always(a) => Ltl::Always(Box::new(to_ltl(*a))),
        T::Eventually(a) => Ltl::Eventually(Box::new(to_ltl(*a))),
        T::LeadsTo(a, b) => Ltl::LeadsTo(Box::new(to_ltl(*a)), Box::new(to_ltl(*b))),
        T::Fair {
            strong: false,
            enabled,
            action,
        } => Ltl::weak_fairness(enabled, action),
        T::Fair {
            strong: true,
            enabled,
            action,
        } => Ltl::strong_fairness(enabled, action),
    }
}

impl<'p> TlaLiveness<'p> {
    /// Translates the temporal properties (those of [`TlaLiveness::is_liveness`]) and the
    /// fairness conjuncts (plus other temporal conjuncts) of the SPECIFICATION.
    pub fn new(prog: &'p Program) -> Result<TlaLiveness<'p>, EvalError> {
        let mut atoms = LiveAtoms::new();
        let mut properties = Vec::new();
        for p in &prog.properties {
            if let Property::Temporal(n) = p {
                if prog.is_temporal_formula(n) {
                    let f = prog.translate_temporal(n, &mut atoms)?;
                    properties.push((n.name.to_string(), to_ltl(f)));
                }
            }
        }
        let mut fairness = Vec::new();
        if !properties.is_empty() {
            for n in prog.fairness.iter().chain(prog.spec_temporal.iter()) {
                fairness.push(to_ltl(prog.translate_temporal(n, &mut atoms)?));
            }
        }
        let plan = prog.expansion_plan(&atoms);
        if std::env::var_os("LIVENESS_TRACE").is_some() {
            let (ds, da) = plan.derived();
            eprintln!(
                "  [atoms] state {} ({ds} from successors), action {} ({da} from successors)",
                atoms.num_state(),
                atoms.num_action()
            );
        }
        Ok(TlaLiveness {
            prog,
            atoms,
            plan,
            fairness,
            properties,
        })
    }

    /// True if `p` is checked by the liveness checker (a temporal `PROPERTY` conjunct).
    pub fn is_liveness(prog: &Program, p: &Property) -> bool {
        matches!(p, Property::Temporal(n) if prog.is_temporal_formula(n))
    }

    /// True if there is at least one temporal property to check.
    pub fn has_properties(&self) -> bool {
        !self.properties.is_empty()
    }

    /// The temporal properties, in config order, with their names.
    pub fn properties(&self) -> &[(String, Ltl)] {
        &self.properties
    }

    /// How many (state, action) atoms are decided from the successors the search computed
    /// instead of being evaluated (see [`ExpansionPlan`]).
    pub fn derived_atoms(&self) -> (usize, usize) {
        self.plan.derived()
    }

    /// The fairness assumptions of the SPECIFICATION.
    pub fn fairness(&self) -> &[Ltl] {
        &self.fairness
    }
}

impl AtomEvaluator<State> for TlaLiveness<'_> {
    type Error = EvalError;

    fn layout(&self) -> AtomLayout {
        AtomLayout {
            state_atoms: self.atoms.num_state() as u32,
            action_atoms: self.atoms.num_action() as u32,
        }
    }

    fn state_atoms(&self, s: &State, out: &mut [u64]) -> Result<(), EvalError> {
        self.prog.eval_state_atoms(&self.atoms, s, out)
    }

    fn action_atoms(&self, from: &State, to: &State, out: &mut [u64]) -> Result<(), EvalError> {
        self.prog.eval_action_atoms(&self.atoms, from, to, out)
    }

    fn expansion_atoms(
        &self,
        from: &State,
        succs: &[Successor<State>],
        state_out: &mut [u64],
        stutter_out: &mut [u64],
        succ_out: &mut [u64],
    ) -> Result<(), EvalError> {
        let steps: Vec<(u32, &[_])> = succs.iter().map(|s| (s.action.0, &*s.state)).collect();
        self.prog.eval_expansion_atoms(
            &self.atoms,
            &self.plan,
            from,
            &steps,
            state_out,
            stutter_out,
            succ_out,
        )
    }
}
