//! Options, results, statistics and progress reports of a search.

use crate::trace::Trace;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;

/// Search options.
#[derive(Clone, Debug)]
pub struct CheckOptions {
    /// Worker threads (at least 1). Default: all available cores.
    pub workers: usize,
    /// Report states without any successor (TLC's default; `-deadlock` turns it off).
    pub check_deadlock: bool,
    /// Minimum time between two periodic progress reports.
    pub progress_interval: Duration,
    /// Expected number of distinct states (presizes the visited set; 0 = grow on demand).
    pub expected_states: usize,
    /// External stop request (e.g. Ctrl-C); the search ends with [`Outcome::Interrupted`].
    pub stop: Option<Arc<AtomicBool>>,
    /// With several workers, reproduce the single-worker BFS exactly (same parent links, same
    /// reported violation and trace at any worker count). Costs one extra probe in a per-level
    /// map for each successor that was already found *in the same level*. When `false`,
    /// distinct-state counts and trace *lengths* are still identical, but which violation of
    /// the shortest length and which trace to it may vary from run to run (as in TLC).
    pub deterministic: bool,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            workers: std::thread::available_parallelism().map_or(1, |n| n.get()),
            check_deadlock: true,
            progress_interval: Duration::from_secs(60),
            expected_states: 0,
            stop: None,
            deterministic: true,
        }
    }
}

/// Which kind of property was violated in [`Outcome::PropertyViolated`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PropertyKind {
    /// A state-level property checked on initial states (TLC "implied init").
    Init,
    /// An action property `[][A]_v` checked on every transition (TLC "implied action").
    Action,
}

/// Where a model error was raised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorSite {
    /// While computing the initial states (the trace is empty).
    InitialStates,
    /// While computing the successors of the last state of the trace.
    Successors,
    /// While fingerprinting the last state of the trace.
    Fingerprint,
    /// While evaluating `CONSTRAINT` on the last state of the trace.
    StateConstraint,
    /// While evaluating `ACTION_CONSTRAINT` on the last step of the trace.
    ActionConstraint,
    /// While evaluating an invariant on the last state of the trace (TLC exit code 76).
    Invariant,
    /// While evaluating an init property on the (initial) last state of the trace.
    InitProperty,
    /// While evaluating an action property on the last step of the trace.
    ActionProperty,
}

/// How a search ended.
#[derive(Clone, Debug)]
pub enum Outcome<S, E> {
    /// The whole reachable state space was explored without finding a problem.
    Success,
    /// Invariant `invariant` fails in the last state of `trace` (a shortest such trace).
    InvariantViolated {
        /// Index of the invariant (see [`crate::Model::invariant_name`]).
        invariant: usize,
        /// From an initial state to the violating state.
        trace: Trace<S>,
    },
    /// An init or action property is violated by the last state / step of `trace`.
    PropertyViolated {
        /// Index of the property (see [`crate::Model::property_name`]).
        property: usize,
        /// Init or action property.
        kind: PropertyKind,
        /// From an initial state to the violating state.
        trace: Trace<S>,
    },
    /// The last state of `trace` has no successor at all.
    Deadlock {
        /// From an initial state to the deadlocked state.
        trace: Trace<S>,
    },
    /// The model raised an error.
    Error {
        /// The model's error.
        error: E,
        /// What was being evaluated.
        site: ErrorSite,
        /// From an initial state to the state (or step) where it happened.
        trace: Trace<S>,
    },
    /// Stopped through [`CheckOptions::stop`].
    Interrupted,
    /// One BFS level has more than 2^32 states (the trace records cannot address them).
    StateSpaceTooLarge,
}

impl<S, E> Outcome<S, E> {
    /// The trace attached to the outcome, if any.
    pub fn trace(&self) -> Option<&Trace<S>> {
        match self {
            Outcome::InvariantViolated { trace, .. }
            | Outcome::PropertyViolated { trace, .. }
            | Outcome::Deadlock { trace }
            | Outcome::Error { trace, .. } => Some(trace),
            _ => None,
        }
    }
    /// Whether the outcome is [`Outcome::Success`].
    pub fn is_success(&self) -> bool {
        matches!(self, Outcome::Success)
    }
}

/// Distribution of TLC's "outdegree": the number of *new* distinct states found from each
/// expanded state (TLC's `unseenSuccessorStates`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OutDegree {
    /// Expanded states sampled.
    pub samples: u64,
    /// Minimum.
    pub min: u64,
    /// Maximum.
    pub max: u64,
    /// Mean.
    pub mean: f64,
    /// 95th percentile, computed as TLC's `BucketStatistics.getPercentile(0.95)`.
    pub p95: u64,
}

/// Statistics of a search (TLC's final report).
#[derive(Clone, Debug, Default)]
pub struct Stats {
    /// Every state computed, initial states included (TLC "states generated").
    pub states_generated: u64,
    /// Distinct in-model states found (TLC "distinct states found").
    pub distinct_states: u64,
    /// Initial states generated (incl. duplicates and states failing the constraint).
    pub initial_states_generated: u64,
    /// Distinct initial states.
    pub distinct_initial_states: u64,
    /// TLC "depth of the complete state graph search": number of BFS levels holding a distinct
    /// state, the initial states being level 1 (at least 1).
    pub depth: u64,
    /// States found but not yet expanded when the search ended (TLC "states left on queue").
    pub queue_left: u64,
    /// Outdegree distribution.
    pub outdegree: OutDegree,
    /// Bytes allocated by the visited set.
    pub fpset_bytes: usize,
    /// Bytes allocated by the trace records.
    pub trace_bytes: usize,
    /// Wall time of the search.
    pub elapsed: Duration,
    /// Worker threads used.
    pub workers: usize,
}

/// Result of a search: how it ended and the statistics.
#[derive(Clone, Debug)]
pub struct CheckResult<S, E> {
    /// How the search ended.
    pub outcome: Outcome<S, E>,
    /// Statistics.
    pub stats: Stats,
}

/// What a progress report is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProgressKind {
    /// The initial states are computed (TLC "Finished computing initial states").
    InitDone,
    /// Periodic report (TLC "Progress(D) at ...").
    Periodic,
}

/// A progress report (sent to the callback given to [`crate::Checker::progress`]).
#[derive(Clone, Copy, Debug)]
pub struct Progress {
    /// Kind of report.
    pub kind: ProgressKind,
    /// Current BFS depth (level being generated, initial states = 1).
    pub depth: u64,
    /// States generated so far.
    pub states_generated: u64,
    /// Distinct states so far.
    pub distinct_states: u64,
    /// States waiting to be expanded.
    pub queue: u64,
    /// Time since the search started.
    pub elapsed: Duration,
}
