//! The `Model` trait: the contract between the search engine and whatever produces states.
//!
//! The engine knows nothing about TLA+: an adapter from the evaluator implements [`Model`]
//! (initial states, successors, fingerprints, constraints, invariants), and the tests implement
//! it on hand-built graphs.

use std::fmt;

/// Index of the action (disjunct of `Next`) that produced a successor, chosen by the model.
///
/// The engine only stores and returns it (in traces and to the graph recorder); its meaning
/// (e.g. an index into the list of `Next` disjuncts with their source locations) belongs to the
/// model. Use [`Model::action_label`] to render it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActionId(pub u32);

/// Bit reserved by the visited set (see [`normalize_fp`]).
pub(crate) const FP_MARK: u64 = 1 << 63;

/// The fingerprint the engine actually stores for a model fingerprint: the top bit is cleared
/// (the visited set uses it as a mark, as TLC's `MSBDiskFPSet` does) and 0 is mapped to 1
/// (0 marks an empty slot). So the engine works with 63-bit fingerprints.
///
/// Every fingerprint the engine hands out (graph recorder, trace records) is normalised.
#[inline]
pub fn normalize_fp(fp: u64) -> u64 {
    let f = fp & !FP_MARK;
    if f == 0 {
        1
    } else {
        f
    }
}

/// A state space to explore: the contract with the evaluator adapter.
///
/// # Semantics (matching TLC's `ModelChecker`)
/// - Every state emitted by [`initial_states`](Model::initial_states) or
///   [`successors`](Model::successors) counts as *generated* (TLC's "states generated"), whatever
///   happens to it next.
/// - A generated state that fails [`state_constraint`](Model::state_constraint) (TLC
///   `CONSTRAINT`), or a transition that fails [`action_constraint`](Model::action_constraint)
///   (TLC `ACTION_CONSTRAINT`), is *not in the model*: it is not added to the visited set, not
///   counted as distinct and never expanded. Its invariants are still checked (every time it is
///   generated), exactly as TLC does.
/// - Invariants are checked once per distinct in-model state (when it is first found).
/// - A state is *deadlocked* when [`successors`](Model::successors) emits nothing at all.
///   Successors later discarded by a constraint still count as successors (as in TLC), so a state
///   whose successors all violate a constraint is not a deadlock.
/// - [`check_action_properties`](Model::check_action_properties) (TLC's "implied actions", i.e.
///   `[][A]_v` properties) is checked on every generated transition, seen or not.
///
/// # Determinism
/// `initial_states` and `successors` must emit the same states in the same order every time they
/// are called on the same input: traces are rebuilt by replaying them (see [`crate::trace`]), and
/// the engine's parallel search reproduces the single-worker BFS order.
///
/// # Performance
/// All methods are called concurrently from several worker threads (hence `Sync`). The callbacks
/// avoid allocating a `Vec` per call; the engine reuses per-worker buffers.
pub trait Model: Sync {
    /// A full state (e.g. the values of all variables). Cloned rarely (graph recorder only);
    /// moved otherwise.
    type State: Clone + Send + Sync;
    /// An error raised while evaluating the model. Opaque to the engine: it is handed back
    /// in [`Outcome::Error`](crate::Outcome::Error) together with the trace to where it happened.
    type Error: Send + fmt::Debug;

    /// Emits every initial state, in a deterministic order (duplicates allowed).
    fn initial_states(&self, out: &mut dyn FnMut(Self::State)) -> Result<(), Self::Error>;

    /// Emits every successor of `state`, each with the action that produced it, in a
    /// deterministic order (duplicates and self-loops allowed). An error stops the expansion:
    /// the successors emitted before it are still processed first.
    fn successors(
        &self,
        state: &Self::State,
        out: &mut dyn FnMut(ActionId, Self::State),
    ) -> Result<(), Self::Error>;

    /// 64-bit fingerprint identifying the state in the visited set. The model applies `VIEW`
    /// and `SYMMETRY` canonicalisation here. Only 63 bits are kept (see [`normalize_fp`]).
    fn fingerprint(&self, state: &Self::State) -> Result<u64, Self::Error>;

    /// TLC `CONSTRAINT`: `false` keeps the state out of the model (see the trait docs).
    fn state_constraint(&self, _state: &Self::State) -> Result<bool, Self::Error> {
        Ok(true)
    }

    /// TLC `ACTION_CONSTRAINT`: `false` keeps the transition's target out of the model.
    fn action_constraint(
        &self,
        _from: &Self::State,
        _to: &Self::State,
    ) -> Result<bool, Self::Error> {
        Ok(true)
    }

    /// Checks the invariants in order; returns the index of the first violated one.
    fn check_invariants(&self, _state: &Self::State) -> Result<Option<usize>, Self::Error> {
        Ok(None)
    }

    /// TLC "implied inits": state-level properties checked on initial states only; returns the
    /// index of the first violated one (exit code 13 in TLC).
    fn check_init_properties(&self, _state: &Self::State) -> Result<Option<usize>, Self::Error> {
        Ok(None)
    }

    /// TLC "implied actions" (`[][A]_v` properties), checked on every transition; returns the
    /// index of the first violated one.
    fn check_action_properties(
        &self,
        _from: &Self::State,
        _to: &Self::State,
    ) -> Result<Option<usize>, Self::Error> {
        Ok(None)
    }

    /// [`check_action_properties`](Model::check_action_properties) on a step whose states'
    /// fingerprints ([`fingerprint`](Model::fingerprint), normalized) the engine already
    /// has, so that the model can cache per-state work by them (sound only when they
    /// identify states, i.e. without [`lossy_fingerprints`](Model::lossy_fingerprints)).
    /// `action` is the action that produced the step (a hint: the verdict must not depend
    /// on it). Default: ignores them.
    fn check_action_properties_at(
        &self,
        from: &Self::State,
        _from_fp: u64,
        to: &Self::State,
        _to_fp: u64,
        _action: ActionId,
    ) -> Result<Option<usize>, Self::Error> {
        self.check_action_properties(from, to)
    }

    /// `true` when distinct states may share a fingerprint on purpose (`VIEW`, `SYMMETRY`).
    /// The parallel engine then re-derives, for full determinism, the concrete representative
    /// a single-worker search would have kept (a small extra cost on some levels).
    fn lossy_fingerprints(&self) -> bool {
        false
    }

    /// Called on the calling thread before the search works on the states of BFS level
    /// `level` (computing their successors and checking those): 1 for the initial states,
    /// and 0 before the initial states are generated and checked. Trace replay calls it
    /// the same way. The TLA+ adapter exposes it as TLC's `TLCGet("level")`. Default: nothing.
    fn begin_level(&self, _level: u64) {}

    /// The search's counters, published at the start of each level and after each chunk
    /// of expanded states, for models that expose them (TLC's `TLCGet("distinct")`,
    /// `"queue"`, `"diameter"`, `"stats"`). Default: nothing.
    fn publish_stats(&self, _progress: &crate::Progress) {}

    /// Whether [`publish_stats`](Model::publish_stats) is wanted (counting the distinct
    /// states costs a pass over the visited set's shards). Default: false.
    fn wants_stats(&self) -> bool {
        false
    }

    /// Name of invariant `i` (for reports).
    fn invariant_name(&self, i: usize) -> String {
        format!("invariant #{i}")
    }

    /// Name of property `i` (init or action property, for reports).
    fn property_name(&self, i: usize) -> String {
        format!("property #{i}")
    }

    /// Human-readable label of an action (for reports).
    fn action_label(&self, a: ActionId) -> String {
        format!("action #{}", a.0)
    }
}
