//! Optional recorder of the explored state graph (the hook used by liveness checking).
//!
//! The BFS is generic over the recorder, so the default [`NoRecorder`] costs nothing: every
//! recording step is behind `if R::ENABLED`, a constant the compiler folds away.

use crate::model::ActionId;

/// One in-model successor edge of an explored state.
#[derive(Clone, Debug)]
pub struct Successor<S> {
    /// Action that produced the edge.
    pub action: ActionId,
    /// Normalised fingerprint of the target (see [`crate::normalize_fp`]).
    pub fp: u64,
    /// The target state (lent to the recorder: new states move on to the queue after the
    /// expansion is recorded).
    pub state: S,
}

/// Receives the state graph while the BFS explores it. Called concurrently from all workers.
pub trait GraphRecorder<S>: Sync {
    /// `false` only for [`NoRecorder`]: the engine then skips all recording work.
    const ENABLED: bool = true;

    /// Called once per distinct, in-model initial state, in BFS order (from one thread).
    fn initial_state(&self, fp: u64, state: &S);

    /// Called once per expanded state with *all* its in-model successors (those passing
    /// `CONSTRAINT` and `ACTION_CONSTRAINT`), already-seen ones and self-loops included, in the
    /// order the model emitted them. Not called for a state whose expansion raised an error.
    fn transitions(&self, from_fp: u64, from: &S, succs: &[Successor<S>]);
}

/// The recorder that records nothing (zero cost).
#[derive(Clone, Copy, Debug, Default)]
pub struct NoRecorder;

impl<S> GraphRecorder<S> for NoRecorder {
    const ENABLED: bool = false;
    #[inline(always)]
    fn initial_state(&self, _fp: u64, _state: &S) {}
    #[inline(always)]
    fn transitions(&self, _from_fp: u64, _from: &S, _succs: &[Successor<S>]) {}
}
