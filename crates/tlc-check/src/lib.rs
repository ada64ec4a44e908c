//! tlc-check: the explicit-state search engine of tlc-rs (parallel BFS over fingerprints).
//!
//! The engine is generic over the [`Model`] trait and knows nothing about TLA+: it is tested on
//! hand-built graphs; an adapter from the evaluator implements the trait.
//!
//! ```
//! use tlc_check::{ActionId, Checker, Model, Outcome};
//!
//! /// x counts from 0 to 3; the invariant x < 3 fails.
//! struct Counter;
//! impl Model for Counter {
//!     type State = u32;
//!     type Error = String;
//!     fn initial_states(&self, out: &mut dyn FnMut(u32)) -> Result<(), String> {
//!         out(0);
//!         Ok(())
//!     }
//!     fn successors(&self, s: &u32, out: &mut dyn FnMut(ActionId, u32)) -> Result<(), String> {
//!         if *s < 3 {
//!             out(ActionId(0), s + 1);
//!         }
//!         Ok(())
//!     }
//!     fn fingerprint(&self, s: &u32) -> Result<u64, String> {
//!         Ok(u64::from(*s) + 1)
//!     }
//!     fn check_invariants(&self, s: &u32) -> Result<Option<usize>, String> {
//!         Ok((*s >= 3).then_some(0))
//!     }
//! }
//!
//! let result = Checker::new(&Counter).workers(2).run();
//! match result.outcome {
//!     Outcome::InvariantViolated { invariant: 0, trace } => assert_eq!(trace.len(), 4),
//!     other => panic!("{other:?}"),
//! }
//! assert_eq!(result.stats.distinct_states, 4);
//! ```
//!
//! # Modules
//! [`model`] (the contract), [`fpset`] (lock-free visited set of 63-bit fingerprints),
//! [`trace`] (12-byte per-state records and trace replay), `bfs` (level-synchronous parallel
//! search), `levelmap` (per-level first-generator keys), [`graph`] (state-graph recorder for
//! liveness), `result` (options, outcomes, statistics, progress).
//!
//! # Guarantees
//! - Semantics follow TLC's `ModelChecker`: see [`Model`] for constraints, deadlock, states
//!   generated; [`Stats`] for the reported figures.
//! - The distinct-state count, depth, states generated and outdegree of a completed search are
//!   the same at any worker count.
//! - Every reported trace is a shortest one to a state with the reported problem; the problem
//!   reported is the one TLC with one worker reports (first in BFS order). With
//!   [`CheckOptions::deterministic`] (the default) the parallel search reproduces the
//!   single-worker BFS exactly, so violation *and* trace are identical at any worker count.
//!
//! # Memory
//! Per distinct state: ~11–14 bytes in the visited set (load factor 0.4–0.8) and 12 bytes of
//! trace record; full states are kept only for the current and next BFS level.
//!
//! # Limits
//! - 63-bit fingerprints: as in TLC, a fingerprint collision silently merges two states.
//! - Everything is in memory (no disk spill, no checkpoints); one BFS level may hold at most
//!   2^32 states ([`Outcome::StateSpaceTooLarge`]).
//! - No `-continue` (the search stops at the first problem), no DFID, no simulation mode.
//! - When the search stops early (violation, error), `distinct_states`/`queue_left` depend on
//!   how far workers got and may differ with the worker count (as in TLC).
#![deny(missing_docs)]

mod bfs;
pub mod fpset;
pub mod graph;
mod levelmap;
pub mod liveness;
pub mod model;
mod result;
pub mod tla;
pub mod tla_live;
pub mod trace;

pub use graph::{GraphRecorder, NoRecorder, Successor};
pub use model::{normalize_fp, ActionId, Model};
pub use result::{
    CheckOptions, CheckResult, ErrorSite, OutDegree, Outcome, Progress, ProgressKind, PropertyKind,
    Stats,
};
pub use trace::{replay_fps, Trace, TraceStep};

use std::time::Duration;

/// A boxed progress callback.
type ProgressFn<'a> = Box<dyn Fn(&Progress) + Sync + 'a>;

/// Configures and runs a search over a [`Model`].
pub struct Checker<'a, M: Model, R: GraphRecorder<M::State> = NoRecorder> {
    model: &'a M,
    options: CheckOptions,
    progress: Option<ProgressFn<'a>>,
    recorder: &'a R,
}

impl<'a, M: Model> Checker<'a, M, NoRecorder> {
    /// A checker with default [`CheckOptions`] and no graph recorder.
    pub fn new(model: &'a M) -> Self {
        Checker {
            model,
            options: CheckOptions::default(),
            progress: None,
            recorder: &NoRecorder,
        }
    }
}

impl<'a, M: Model, R: GraphRecorder<M::State>> Checker<'a, M, R> {
    /// Replaces all options.
    pub fn options(mut self, options: CheckOptions) -> Self {
        self.options = options;
        self
    }

    /// Number of worker threads (at least 1).
    pub fn workers(mut self, n: usize) -> Self {
        self.options.workers = n.max(1);
        self
    }

    /// See [`CheckOptions::deterministic`] (default true).
    pub fn deterministic(mut self, on: bool) -> Self {
        self.options.deterministic = on;
        self
    }

    /// Whether to report deadlocks (default true).
    pub fn check_deadlock(mut self, on: bool) -> Self {
        self.options.check_deadlock = on;
        self
    }

    /// Progress callback: called once when the initial states are done, then at most every
    /// `interval` from whichever thread notices the time has come. It must be quick.
    pub fn progress(mut self, interval: Duration, f: impl Fn(&Progress) + Sync + 'a) -> Self {
        self.options.progress_interval = interval;
        self.progress = Some(Box::new(f));
        self
    }

    /// Records the explored state graph into `recorder` (see [`GraphRecorder`]).
    pub fn recorder<R2: GraphRecorder<M::State>>(self, recorder: &'a R2) -> Checker<'a, M, R2> {
        Checker {
            model: self.model,
            options: self.options,
            progress: self.progress,
            recorder,
        }
    }

    /// Runs the search to completion (or to the first violation, error or stop request).
    pub fn run(self) -> CheckResult<M::State, M::Error> {
        bfs::run(
            self.model,
            &self.options,
            self.progress.as_deref(),
            self.recorder,
        )
    }
}
