//! Adapter from the BFS's [`GraphRecorder`] hook to a [`BehaviorGraph`]: evaluates the atoms on
//! the concrete states while they exist and records only fingerprints and bits.

use parking_lot::Mutex;

use super::graph::{AtomLayout, BehaviorGraph, SharedGraphBuilder, SuccessorRecord};
use super::LivenessError;
use crate::graph::{GraphRecorder, Successor};

/// Computes the atom bits the temporal formulas refer to (implemented by the evaluator adapter).
pub trait AtomEvaluator<S>: Sync {
    /// Error of an atom evaluation.
    type Error: Send;
    /// How many atoms there are.
    fn layout(&self) -> AtomLayout;
    /// Sets the bits of the state atoms true in `s`; `out` is zeroed, `layout().state_words()`
    /// long.
    fn state_atoms(&self, s: &S, out: &mut [u64]) -> Result<(), Self::Error>;
    /// Sets the bits of the action atoms true on the step `(from, to)`; `out` is zeroed,
    /// `layout().action_words()` long. Also called with `to == from` for the stuttering step.
    fn action_atoms(&self, from: &S, to: &S, out: &mut [u64]) -> Result<(), Self::Error>;

    /// All atom bits of one expansion: the state atoms of `from` (`state_out`), the action
    /// atoms of its stuttering step (`stutter_out`) and of the step to each successor
    /// (`layout().action_words()` words per successor in `succ_out`, in order). `succs` are
    /// all successors the search keeps, so an implementation may decide `ENABLED` and
    /// `<<A>>_v` atoms from them instead of evaluating; the default evaluates every atom with
    /// [`AtomEvaluator::state_atoms`] and [`AtomEvaluator::action_atoms`]. Outputs are zeroed.
    fn expansion_atoms(
        &self,
        from: &S,
        succs: &[Successor<S>],
        state_out: &mut [u64],
        stutter_out: &mut [u64],
        succ_out: &mut [u64],
    ) -> Result<(), Self::Error> {
        self.state_atoms(from, state_out)?;
        let aw = self.layout().action_words();
        if aw == 0 {
            return Ok(());
        }
        self.action_atoms(from, from, stutter_out)?;
        for (s, out) in succs.iter().zip(succ_out.chunks_mut(aw)) {
            self.action_atoms(from, &s.state, out)?;
        }
        Ok(())
    }
}

/// Why recording failed.
#[derive(Debug)]
pub enum RecordError<E> {
    /// An atom evaluation failed (the first such error).
    Eval(E),
    /// The graph rejected the data.
    Graph(LivenessError),
}

/// A [`GraphRecorder`] that builds a [`BehaviorGraph`] with the atoms of an [`AtomEvaluator`].
/// Pass it to `Checker::recorder`, then call [`LivenessRecorder::finish`] after the run.
pub struct LivenessRecorder<'e, E, S>
where
    E: AtomEvaluator<S>,
{
    eval: &'e E,
    builder: SharedGraphBuilder,
    error: Mutex<Option<RecordError<E::Error>>>,
}

impl<'e, E: AtomEvaluator<S>, S> LivenessRecorder<'e, E, S> {
    /// A recorder using `eval`, sharded for about `workers` concurrent callers.
    pub fn new(eval: &'e E, workers: usize) -> Self {
        LivenessRecorder {
            eval,
            builder: SharedGraphBuilder::new(eval.layout(), 2 * workers.max(1)),
            error: Mutex::new(None),
        }
    }

    /// Whether an error occurred (the search may stop early: the graph is unusable).
    pub fn failed(&self) -> bool {
        self.error.lock().is_some()
    }

    fn fail(&self, e: RecordError<E::Error>) {
        let mut slot = self.error.lock();
        if slot.is_none() {
            *slot = Some(e);
        }
    }

    /// Runs `f` on the graph recorded so far (for periodic checks during the search).
    pub fn with_graph<R>(&self, f: impl FnOnce(&BehaviorGraph) -> R) -> Result<R, LivenessError> {
        self.builder.with_graph(f)
    }

    /// The recorded graph, or the first error.
    pub fn finish(self) -> Result<BehaviorGraph, RecordError<E::Error>> {
        if let Some(e) = self.error.into_inner() {
            return Err(e);
        }
        self.builder.finish().map_err(RecordError::Graph)
    }
}

impl<E: AtomEvaluator<S>, S: Sync> GraphRecorder<S> for LivenessRecorder<'_, E, S> {
    fn initial_state(&self, fp: u64, _state: &S) {
        if let Err(e) = self.builder.add_initial(fp) {
            self.fail(RecordError::Graph(e));
        }
    }

    fn transitions(&self, from_fp: u64, from: &S, succs: &[Successor<S>]) {
        if self.failed() {
            return;
        }
        let layout = self.eval.layout();
        let (sw, aw) = (layout.state_words(), layout.action_words());
        // One buffer: state bits, stuttering bits, then the bits of each successor.
        let mut buf = vec![0u64; sw + aw * (1 + succs.len())];
        let (sbits, rest) = buf.split_at_mut(sw);
        let (stut, rest) = rest.split_at_mut(aw);
        if let Err(e) = self.eval.expansion_atoms(from, succs, sbits, stut, rest) {
            return self.fail(RecordError::Eval(e));
        }
        let (sbits, rest) = buf.split_at(sw);
        let (stut, rest) = rest.split_at(aw);
        let recs = succs.iter().enumerate().map(|(i, s)| SuccessorRecord {
            fp: s.fp,
            action: s.action.0,
            atoms: &rest[i * aw..(i + 1) * aw],
        });
        if let Err(e) = self.builder.add_expansion(from_fp, sbits, stut, recs) {
            self.fail(RecordError::Graph(e));
        }
    }
}
