//! Compact per-state records (fingerprint + parent) and trace reconstruction by replay.
//!
//! Every distinct state gets an index in BFS order. The store keeps, per state, its normalised
//! fingerprint (`u64`) and the offset of its parent within the previous BFS level (`u32`):
//! 12 bytes per state, no concrete states. A trace is rebuilt like TLC and stateright do: walk
//! the parent links back to an initial state, then replay `initial_states` / `successors`
//! forward, keeping at each step the first emitted state whose fingerprint matches.

use crate::model::{normalize_fp, ActionId, Model};

/// One step of a trace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceStep<S> {
    /// The state.
    pub state: S,
    /// The action that produced it; `None` for the initial state.
    pub action: Option<ActionId>,
}

/// A behaviour prefix from an initial state, as reported with a violation or an error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trace<S> {
    /// The states, initial state first.
    pub steps: Vec<TraceStep<S>>,
    /// Set when replay could not rebuild the whole trace (a non-deterministic model, or an
    /// error while replaying); `steps` then holds the prefix that could be rebuilt.
    pub replay_error: Option<String>,
}

impl<S> Trace<S> {
    /// Number of states in the trace.
    pub fn len(&self) -> usize {
        self.steps.len()
    }
    /// Whether the trace has no state (e.g. an error while computing the initial states).
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }
    /// The last state, if any.
    pub fn last(&self) -> Option<&S> {
        self.steps.last().map(|s| &s.state)
    }
    fn empty() -> Self {
        Trace {
            steps: Vec::new(),
            replay_error: None,
        }
    }
}

/// Append-only vector in blocks of `BLOCK` elements: no reallocation copies of the whole
/// array and at most one partly used block (full blocks have exactly `BLOCK` elements).
struct BlockVec<T> {
    blocks: Vec<Vec<T>>,
    len: usize,
}

const BLOCK_BITS: u32 = 20;
const BLOCK: usize = 1 << BLOCK_BITS;

impl<T: Copy> BlockVec<T> {
    fn new() -> Self {
        BlockVec {
            blocks: Vec::new(),
            len: 0,
        }
    }
    #[inline]
    fn push(&mut self, x: T) {
        match self.blocks.last_mut() {
            Some(b) if b.len() < BLOCK => b.push(x),
            _ => {
                let mut b = Vec::new();
                if !self.blocks.is_empty() {
                    b.reserve_exact(BLOCK);
                }
                b.push(x);
                self.blocks.push(b);
            }
        }
        self.len += 1;
    }
    #[inline]
    fn get(&self, i: usize) -> T {
        self.blocks[i >> BLOCK_BITS][i & (BLOCK - 1)]
    }
    fn allocated_bytes(&self) -> usize {
        self.blocks.iter().map(|b| b.capacity()).sum::<usize>() * std::mem::size_of::<T>()
    }
}

/// Record store: fingerprint and parent of distinct state `i` (BFS order).
pub(crate) struct StateStore {
    fps: BlockVec<u64>,
    /// Offset of the parent inside the previous level (unused for level 0).
    parents: BlockVec<u32>,
    /// Index of the first state of each level.
    level_starts: Vec<u64>,
    /// Fingerprints of the last level, contiguous (handed to the workers).
    last_level: Vec<u64>,
}

impl Default for StateStore {
    fn default() -> Self {
        StateStore {
            fps: BlockVec::new(),
            parents: BlockVec::new(),
            level_starts: Vec::new(),
            last_level: Vec::new(),
        }
    }
}

impl StateStore {
    pub(crate) fn len(&self) -> u64 {
        self.fps.len as u64
    }

    pub(crate) fn begin_level(&mut self) {
        self.level_starts.push(self.fps.len as u64);
        self.last_level.clear();
    }

    pub(crate) fn push(&mut self, fp: u64, parent_offset: u32) {
        self.fps.push(fp);
        self.parents.push(parent_offset);
        self.last_level.push(fp);
    }

    pub(crate) fn reserve(&mut self, n: usize) {
        self.last_level.reserve_exact(n);
    }

    /// Fingerprints of the states of the last level.
    pub(crate) fn last_level_fps(&self) -> &[u64] {
        &self.last_level
    }

    pub(crate) fn last_level_start(&self) -> u64 {
        self.level_starts.last().copied().unwrap_or(0)
    }

    /// Bytes of the records (the copy of the last level's fingerprints is transient and
    /// not counted).
    pub(crate) fn allocated_bytes(&self) -> usize {
        self.fps.allocated_bytes()
            + self.parents.allocated_bytes()
            + self.level_starts.capacity() * 8
    }

    /// Fingerprints from the initial state to state `idx` (inclusive).
    pub(crate) fn fp_path(&self, idx: u64) -> Vec<u64> {
        let mut path = Vec::new();
        let mut i = idx;
        let mut level = self.level_starts.partition_point(|&s| s <= i) - 1;
        loop {
            path.push(self.fps.get(i as usize));
            if level == 0 {
                break;
            }
            i = self.level_starts[level - 1] + u64::from(self.parents.get(i as usize));
            level -= 1;
        }
        path.reverse();
        path
    }
}

/// Rebuilds concrete states from a path of normalised fingerprints starting at an initial
/// state, by replaying the model (first matching state at each step).
///
/// Public so that liveness checking can print a lasso found on fingerprints.
pub fn replay_fps<M: Model>(model: &M, fps: &[u64]) -> Trace<M::State> {
    let mut trace = Trace::empty();
    let Some(&first) = fps.first() else {
        return trace;
    };
    let mut found: Option<M::State> = None;
    let mut err = None;
    model.begin_level(0);
    let r = model.initial_states(&mut |s| {
        if found.is_none() {
            match model.fingerprint(&s) {
                Ok(f) if normalize_fp(f) == first => found = Some(s),
                Ok(_) => {}
                Err(e) => err = Some(format!("{e:?}")),
            }
        }
    });
    if let Err(e) = r {
        err.get_or_insert(format!("{e:?}"));
    }
    match found {
        Some(s) => trace.steps.push(TraceStep {
            state: s,
            action: None,
        }),
        None => {
            trace.replay_error = Some(format!(
                "no initial state has fingerprint {first:#x}{}",
                err.map(|e| format!(" ({e})")).unwrap_or_default()
            ));
            return trace;
        }
    }
    for &fp in &fps[1..] {
        model.begin_level(trace.steps.len() as u64);
        match successor_with_fp(model, &trace.steps[trace.steps.len() - 1].state, fp) {
            Ok((a, s)) => trace.steps.push(TraceStep {
                state: s,
                action: Some(a),
            }),
            Err(msg) => {
                trace.replay_error = Some(msg);
                return trace;
            }
        }
    }
    trace
}

fn successor_with_fp<M: Model>(
    model: &M,
    from: &M::State,
    fp: u64,
) -> Result<(ActionId, M::State), String> {
    let mut found = None;
    let mut err = None;
    let r = model.successors(from, &mut |a, s| {
        if found.is_none() {
            match model.fingerprint(&s) {
                Ok(f) if normalize_fp(f) == fp => found = Some((a, s)),
                Ok(_) => {}
                Err(e) => err = Some(format!("{e:?}")),
            }
        }
    });
    if let Some(f) = found {
        return Ok(f);
    }
    if let Err(e) = r {
        err.get_or_insert(format!("{e:?}"));
    }
    Err(format!(
        "no successor with fingerprint {fp:#x} during trace replay{}",
        err.map(|e| format!(" ({e})")).unwrap_or_default()
    ))
}

/// The `ordinal`-th state emitted by `successors(from)` (0-based).
pub(crate) fn nth_successor<M: Model>(
    model: &M,
    from: &M::State,
    ordinal: u64,
) -> Result<(ActionId, M::State), String> {
    let mut k = 0u64;
    let mut found = None;
    let r = model.successors(from, &mut |a, s| {
        if k == ordinal {
            found = Some((a, s));
        }
        k += 1;
    });
    match (found, r) {
        (Some(f), _) => Ok(f),
        (None, Err(e)) => Err(format!(
            "successor #{ordinal} not re-emitted during replay ({e:?})"
        )),
        (None, Ok(())) => Err(format!("successor #{ordinal} not re-emitted during replay")),
    }
}

/// Trace to stored state `idx`.
pub(crate) fn trace_to_record<M: Model>(
    model: &M,
    store: &StateStore,
    idx: u64,
) -> Trace<M::State> {
    replay_fps(model, &store.fp_path(idx))
}

/// Trace to stored state `idx`, extended by its `ordinal`-th successor.
pub(crate) fn trace_to_successor<M: Model>(
    model: &M,
    store: &StateStore,
    idx: u64,
    ordinal: u64,
) -> Trace<M::State> {
    let mut t = trace_to_record(model, store, idx);
    if t.replay_error.is_none() {
        if let Some(last) = t.last() {
            model.begin_level(t.len() as u64);
            match nth_successor(model, last, ordinal) {
                Ok((a, s)) => t.steps.push(TraceStep {
                    state: s,
                    action: Some(a),
                }),
                Err(e) => t.replay_error = Some(e),
            }
        }
    }
    t
}
