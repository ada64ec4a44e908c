//! Checking temporal properties (`Spec => Property`) on a recorded behaviour graph.
//!
//! The evaluator translates TLA+ `PROPERTY` formulas and the spec's fairness into [`Ltl`]
//! formulas over *atoms* (state predicates and step predicates, numbered by the evaluator) and
//! records, while the safety search runs, a [`BehaviorGraph`]: fingerprints, edges and the atom
//! bits of every state and step. After (or during) the search, [`check`] looks for a behaviour of
//! the graph that satisfies all fairness conditions and violates the property, and returns it as
//! a [`Counterexample`] lasso of fingerprints.
//!
//! Algorithm (same verdicts as TLC; see `/work/notes/liveness-api.md`): the negated property is
//! put in negation normal form and split into its top-level disjuncts ("branches", TLC's
//! `OrderOfSolution`s). Each branch, conjoined with the fairness conditions, is classified:
//! `[]<>p` (Büchi), `<>[]p` (cycle filter), `[]<>p \/ <>[]q` (Streett pair, e.g. `SF`), `[]p`
//! (edge filter), state predicates (initial filter); the rest goes into a tableau automaton
//! (transition-based generalized Büchi). The reachable product of graph and automaton is
//! decomposed into SCCs (iterative Tarjan); an SCC is fair if it meets all Büchi marks and
//! Streett pairs, possibly after removing the states where a violated Streett pair's request
//! holds and re-splitting (Emerson–Lei), which handles any number of `WF`/`SF` conditions in
//! polynomial time without expanding them into disjuncts.
//!
//! ```
//! use tlc_check::liveness::{check, AtomLayout, BehaviorGraph, Cycle, Ltl, SuccessorRecord, Verdict};
//!
//! // State atoms: 0 = Done, 1 = ENABLED <<Next>>_v. Action atom 0 = <<Next>>_v.
//! // States 1 -> 2 -> 1 (Next always enabled, Done never holds).
//! let mut g = BehaviorGraph::new(AtomLayout { state_atoms: 2, action_atoms: 1 });
//! g.add_initial(1)?;
//! g.add_expansion(1, &[0b10], &[0], [SuccessorRecord { fp: 2, action: 0, atoms: &[1] }])?;
//! g.add_expansion(2, &[0b10], &[0], [SuccessorRecord { fp: 1, action: 1, atoms: &[1] }])?;
//!
//! // Without fairness, stuttering in the initial state violates <>Done.
//! let done = Ltl::eventually(Ltl::State(0));
//! let Verdict::Violated(c) = check(&g, &[], &done)?.verdict else { unreachable!() };
//! assert_eq!((c.states.len(), c.cycle), (1, Cycle::Stuttering));
//!
//! // With WF_v(Next) the counterexample is the cycle 1 -> 2 -> back to 1.
//! let wf = Ltl::weak_fairness(1, 0);
//! let Verdict::Violated(c) = check(&g, &[wf], &done)?.verdict else { unreachable!() };
//! assert_eq!(c.states.iter().map(|s| s.fp).collect::<Vec<_>>(), vec![1, 2]);
//! assert_eq!(c.cycle, Cycle::BackTo { index: 0, action: 1 });
//! # Ok::<(), tlc_check::liveness::LivenessError>(())
//! ```

mod automaton;
mod check;
mod formula;
mod fpindex;
mod graph;
mod product;
mod recorder;
mod scc;

#[cfg(test)]
mod tests;

use std::fmt;

pub use check::{
    check, check_all, find_action_violation, CheckStats, Counterexample, Cycle, LassoState,
    Outcome, Verdict,
};
pub use formula::Ltl;
pub use graph::{AtomLayout, BehaviorGraph, SharedGraphBuilder, SuccessorRecord};
pub use recorder::{AtomEvaluator, LivenessRecorder, RecordError};

/// Errors of the liveness checker (all caused by inputs, none by internal state).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LivenessError {
    /// A formula mentions a state atom outside the graph's [`AtomLayout`].
    StateAtomOutOfRange {
        /// The atom id.
        atom: u32,
        /// The number of state atoms in the layout.
        layout: u32,
    },
    /// A formula mentions an action atom outside the graph's [`AtomLayout`].
    ActionAtomOutOfRange {
        /// The atom id.
        atom: u32,
        /// The number of action atoms in the layout.
        layout: u32,
    },
    /// A bitset passed to the graph has the wrong number of words.
    BitsetWidth {
        /// Words given.
        got: usize,
        /// Words expected from the layout.
        expected: usize,
    },
    /// An action property (see [`find_action_violation`]) contains a temporal operator.
    NotAnActionPredicate,
    /// The formula's tableau exceeds an implementation limit.
    TooComplex(String),
    /// More than about 2^32 nodes or edges.
    GraphTooLarge,
}

impl fmt::Display for LivenessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LivenessError::StateAtomOutOfRange { atom, layout } => {
                write!(
                    f,
                    "state atom {atom} out of range (the graph records {layout})"
                )
            }
            LivenessError::ActionAtomOutOfRange { atom, layout } => {
                write!(
                    f,
                    "action atom {atom} out of range (the graph records {layout})"
                )
            }
            LivenessError::BitsetWidth { got, expected } => {
                write!(f, "atom bitset has {got} words, expected {expected}")
            }
            LivenessError::NotAnActionPredicate => {
                write!(f, "an action property must not contain temporal operators")
            }
            LivenessError::TooComplex(why) => write!(f, "temporal formula too complex: {why}"),
            LivenessError::GraphTooLarge => {
                write!(f, "behaviour graph too large (> 2^32 nodes or edges)")
            }
        }
    }
}

impl std::error::Error for LivenessError {}
