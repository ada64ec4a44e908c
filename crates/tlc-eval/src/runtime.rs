//! What `TLCGet`/`TLCSet` see of the running model checker: the run's configuration
//! (`TLCGet("config")`), its statistics (`"distinct"`, `"generated"`, `"queue"`,
//! `"diameter"`, `"duration"`, `"stats"`), the level of the state being explored
//! (`"level"`) and TLC's integer registers (`TLCSet(i, v)` / `TLCGet(i)`).
//!
//! The checker fills these in: [`crate::Program::set_run_info`] once before the search,
//! [`crate::Program::set_stats`] to expose its counters, and [`set_current_level`] on the
//! worker thread before it computes the successors of (or checks invariants on) a state.
//!
//! Registers are shared by all workers (TLC keeps one copy per worker, which makes
//! multi-worker results depend on scheduling; with one worker both agree).

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Instant;
use tlc_value::Value;

/// The settings of the run, as `TLCGet("config")` reports them.
#[derive(Clone, Debug)]
pub struct RunInfo {
    /// Number of workers.
    pub workers: i64,
    /// Whether deadlock is checked.
    pub check_deadlock: bool,
    /// The random seed (TLC prints it in its banner).
    pub seed: i64,
    /// The fingerprint polynomial index/value.
    pub fingerprint: i64,
}

impl Default for RunInfo {
    fn default() -> Self {
        RunInfo {
            workers: 1,
            check_deadlock: true,
            seed: 0,
            fingerprint: 0,
        }
    }
}

/// Counters of the running search (`TLCGet("distinct")` ...).
pub trait RunStats: Send + Sync {
    /// Distinct states found so far.
    fn distinct(&self) -> u64;
    /// States generated so far.
    fn generated(&self) -> u64;
    /// Unexplored states on the queue.
    fn queue(&self) -> u64;
    /// The depth reached so far (TLC's "diameter").
    fn diameter(&self) -> u64;
}

/// Run-time state shared by all evaluations of one program.
pub(crate) struct Runtime {
    pub info: OnceLock<RunInfo>,
    pub stats: OnceLock<Arc<dyn RunStats>>,
    pub registers: Mutex<HashMap<i64, Value>>,
    pub start: Instant,
}

impl std::fmt::Debug for Runtime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runtime")
            .field("info", &self.info)
            .finish_non_exhaustive()
    }
}

impl Default for Runtime {
    fn default() -> Self {
        Runtime {
            info: OnceLock::new(),
            stats: OnceLock::new(),
            registers: Mutex::new(HashMap::new()),
            start: Instant::now(),
        }
    }
}

thread_local! {
    static LEVEL: Cell<i64> = const { Cell::new(1) };
}

/// Sets the level (TLC: 1 for initial states, depth + 1 in general) of the state this
/// thread is about to explore; `TLCGet("level")` returns it.
pub fn set_current_level(level: i64) {
    LEVEL.with(|l| l.set(level));
}

/// The level set by [`set_current_level`] on this thread (1 if never set).
pub fn current_level() -> i64 {
    LEVEL.with(|l| l.get())
}
