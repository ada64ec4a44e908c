//! Level-synchronous parallel breadth-first search, deterministic at any worker count.
//!
//! # How it works
//! The frontier (full states of one BFS level, in BFS order) is cut into chunks that workers
//! claim from an atomic cursor. A worker expands each state of its chunk: successors are
//! fingerprinted, filtered by the constraints and inserted into the shared [`FpSet`]; new ones
//! go, with their *key* `(position of parent in the frontier, ordinal of the successor)`, into
//! the worker's output. At the end of the level the outputs are concatenated in chunk order,
//! which is the order a single worker would have produced — except where a state was reached
//! from two parents by two workers and the later parent won the race. Such duplicates *within
//! a level* are detected with a mark bit on fingerprints inserted during the current level;
//! the loser records `(fp, key)` and at the end of the level each new state gets the minimal
//! key over all its generators, i.e. exactly the parent single-worker BFS would have recorded.
//! The level is re-sorted by key when a key was lowered. Hence: same distinct states per level,
//! same parent links, same next frontier order, same traces as with one worker.
//!
//! Violations, deadlocks and errors are *events* with a key too; on the first event workers
//! stop claiming frontier positions beyond it, finish the positions before it, and the event
//! with the minimal key is reported: the one a single-worker BFS (TLC with one worker) reports,
//! with a shortest trace.

use crate::fpset::{FpSet, Handle, Insert};
use crate::graph::{GraphRecorder, Successor};
use crate::levelmap::LevelMap;
use crate::model::{normalize_fp, ActionId, Model};
use crate::result::{
    CheckOptions, CheckResult, ErrorSite, OutDegree, Outcome, Progress, ProgressKind, PropertyKind,
    Stats,
};
use crate::trace::{
    nth_successor, trace_to_record, trace_to_successor, StateStore, Trace, TraceStep,
};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

/// Bits of a key holding the successor ordinal.
const ORD_BITS: u32 = 24;
const ORD_MAX: u64 = (1 << ORD_BITS) - 1;
/// Most frontier states claimed at once by a worker (fewer on narrow levels, see `chunk_for`).
const CHUNK: usize = 64;

/// Chunk size for a level of `n` states: at most `CHUNK`, small enough that every worker
/// gets several chunks (expensive states on narrow levels still spread over all workers).
fn chunk_for(n: usize, workers: usize) -> usize {
    (n / (workers * 8)).clamp(1, CHUNK)
}
/// Size of the outdegree histogram (larger values are kept in an overflow list).
const HIST: usize = 256;

#[inline]
fn key(p: usize, k: usize) -> u64 {
    ((p as u64) << ORD_BITS) | (k as u64).min(ORD_MAX)
}

struct NewEntry<S> {
    key: u64,
    fp: u64,
    state: S,
}

enum Kind<E> {
    Invariant(usize),
    Property(usize, PropertyKind),
    Deadlock,
    Error(E, ErrorSite),
}

/// Where an event's trace ends.
#[derive(Clone, Copy, PartialEq, Eq)]
enum At {
    /// At the expanded (parent) state.
    Parent,
    /// At the successor with the key's ordinal.
    Successor,
}

struct Event<E> {
    key: u64,
    /// For events on a *new* state: its fingerprint, so its key can be lowered to the state's
    /// first generation.
    state_fp: Option<u64>,
    kind: Kind<E>,
    at: At,
}

/// Shared, read-mostly context of a level.
struct Shared<'a, M: Model, R> {
    model: &'a M,
    recorder: &'a R,
    fpset: &'a FpSet,
    check_deadlock: bool,
    /// Track duplicates within a level (only needed with several workers).
    track: bool,
    stop_key: AtomicU64,
    external_stop: Option<&'a AtomicBool>,
    interrupted: AtomicBool,
    generated: AtomicU64,
    expanded: AtomicU64,
    new_states: AtomicU64,
    frontier_len: AtomicU64,
    depth: AtomicU64,
    progress: Option<&'a (dyn Fn(&Progress) + Sync)>,
    start: Instant,
    interval_ms: u64,
    last_ms: AtomicU64,
}

impl<M: Model, R> Shared<'_, M, R> {
    #[inline]
    fn stop_parent(&self) -> u64 {
        self.stop_key.load(Relaxed) >> ORD_BITS
    }

    fn snapshot(&self, kind: ProgressKind) -> Progress {
        let frontier = self.frontier_len.load(Relaxed);
        Progress {
            kind,
            depth: self.depth.load(Relaxed),
            states_generated: self.generated.load(Relaxed),
            distinct_states: self.fpset.len(),
            queue: frontier.saturating_sub(self.expanded.load(Relaxed))
                + self.new_states.load(Relaxed),
            elapsed: self.start.elapsed(),
        }
    }

    fn maybe_progress(&self) {
        let Some(cb) = self.progress else { return };
        let now = self.start.elapsed().as_millis() as u64;
        let last = self.last_ms.load(Relaxed);
        if now >= last + self.interval_ms
            && self
                .last_ms
                .compare_exchange(last, now, Relaxed, Relaxed)
                .is_ok()
        {
            cb(&self.snapshot(ProgressKind::Periodic));
        }
    }
}

/// Per-worker buffers, reused across states and levels.
struct Worker<S, E> {
    fph: Handle,
    fps: Vec<u64>,
    succ: Vec<(ActionId, S)>,
    rec: Vec<Successor<S>>,
    /// New states whose state is still in `rec` (when recording): (key, fp, index in `rec`);
    /// they move to `entries` once the expansion is recorded, so no state is copied.
    fresh: Vec<(u64, u64, usize)>,
    entries: Vec<NewEntry<S>>,
    /// (chunk id, number of entries) in claim order.
    chunks: Vec<(usize, usize)>,
    contests: Vec<(u64, u64)>,
    events: Vec<Event<E>>,
    generated: u64,
    expanded: u64,
    new: u64,
}

impl<S, E> Worker<S, E> {
    fn new(fpset: &FpSet) -> Self {
        Worker {
            fph: fpset.handle(),
            fps: Vec::new(),
            succ: Vec::new(),
            rec: Vec::new(),
            fresh: Vec::new(),
            entries: Vec::new(),
            chunks: Vec::new(),
            contests: Vec::new(),
            events: Vec::new(),
            generated: 0,
            expanded: 0,
            new: 0,
        }
    }
}

impl<S: Clone + Send + Sync, E: Send> Worker<S, E> {
    fn flush<M: Model<State = S, Error = E>, R>(&mut self, sh: &Shared<M, R>) {
        sh.generated
            .fetch_add(std::mem::take(&mut self.generated), Relaxed);
        sh.expanded
            .fetch_add(std::mem::take(&mut self.expanded), Relaxed);
        sh.new_states
            .fetch_add(std::mem::take(&mut self.new), Relaxed);
        if sh.model.wants_stats() {
            sh.model.publish_stats(&sh.snapshot(ProgressKind::Periodic));
        }
    }

    fn run_level<M, R>(
        &mut self,
        sh: &Shared<M, R>,
        frontier: &[S],
        fps: &[u64],
        cursor: &AtomicUsize,
        chunk: usize,
        lm: &LevelMap,
    ) where
        M: Model<State = S, Error = E>,
        R: GraphRecorder<S>,
    {
        let n = frontier.len();
        sh.model
            .begin_level(sh.depth.load(Relaxed).saturating_sub(1));
        loop {
            if let Some(stop) = sh.external_stop {
                if stop.load(Relaxed) {
                    sh.interrupted.store(true, Relaxed);
                    break;
                }
            }
            let start = cursor.fetch_add(chunk, Relaxed);
            if start >= n || start as u64 > sh.stop_parent() {
                break;
            }
            let end = (start + chunk).min(n);
            let before = self.entries.len();
            for p in start..end {
                if p as u64 > sh.stop_parent() {
                    break;
                }
                self.expand(sh, lm, p, &frontier[p], fps[p]);
            }
            self.chunks
                .push((start / chunk, self.entries.len() - before));
            self.flush(sh);
            sh.maybe_progress();
        }
        self.flush(sh);
    }

    fn event<M: Model, R>(
        &mut self,
        sh: &Shared<M, R>,
        key: u64,
        state_fp: Option<u64>,
        kind: Kind<E>,
        at: At,
    ) {
        sh.stop_key.fetch_min(key, Relaxed);
        self.events.push(Event {
            key,
            state_fp,
            kind,
            at,
        });
    }

    /// Expands frontier state `p`; stops at its first event.
    fn expand<M, R>(&mut self, sh: &Shared<M, R>, lm: &LevelMap, p: usize, s: &S, fp_p: u64)
    where
        M: Model<State = S, Error = E>,
        R: GraphRecorder<S>,
    {
        let model = sh.model;
        self.expanded += 1;
        let mut succ = std::mem::take(&mut self.succ);
        succ.clear();
        let res = model.successors(s, &mut |a, t| succ.push((a, t)));
        let n = succ.len();
        self.generated += n as u64;
        let mut stopped = false;
        // Fingerprint the whole batch first and touch the visited-set slots, so that their
        // cache misses overlap instead of being paid one after the other.
        let mut fps = std::mem::take(&mut self.fps);
        fps.clear();
        let mut fp_err = None;
        for (_, t) in succ.iter() {
            match model.fingerprint(t) {
                Ok(f) => {
                    let f = normalize_fp(f);
                    std::hint::black_box(sh.fpset.prefetch(&mut self.fph, f));
                    fps.push(f);
                }
                Err(e) => {
                    fp_err = Some(e);
                    break;
                }
            }
        }
        // Successors looked at (up to and including the one with an event): TLC counts a
        // successor as generated when it is produced, and stops at the first event.
        let mut consumed = 0usize;
        for (k, (a, t)) in succ.drain(..).enumerate() {
            consumed = k + 1;
            let key = key(p, k);
            let Some(&fp) = fps.get(k) else {
                if let Some(e) = fp_err.take() {
                    self.event(
                        sh,
                        key,
                        None,
                        Kind::Error(e, ErrorSite::Fingerprint),
                        At::Successor,
                    );
                }
                stopped = true;
                break;
            };
            let in_model = match model.state_constraint(&t) {
                Ok(true) => match model.action_constraint(s, &t) {
                    Ok(b) => b,
                    Err(e) => {
                        self.event(
                            sh,
                            key,
                            None,
                            Kind::Error(e, ErrorSite::ActionConstraint),
                            At::Successor,
                        );
                        stopped = true;
                        break;
                    }
                },
                Ok(false) => false,
                Err(e) => {
                    self.event(
                        sh,
                        key,
                        None,
                        Kind::Error(e, ErrorSite::StateConstraint),
                        At::Successor,
                    );
                    stopped = true;
                    break;
                }
            };
            let mut new = false;
            if in_model {
                match sh.fpset.insert(&mut self.fph, fp, sh.track) {
                    Insert::New => {
                        new = true;
                        if sh.track {
                            // If the map is full, later generators use the contest list.
                            lm.insert(fp, key);
                        }
                    }
                    Insert::Seen => {}
                    Insert::SeenMarked => {
                        if sh.track && !lm.lower(fp, key) {
                            self.contests.push((fp, key));
                        }
                    }
                }
            }
            if !in_model || new {
                let state_fp = if new { Some(fp) } else { None };
                match model.check_invariants(&t) {
                    Ok(None) => {}
                    Ok(Some(i)) => {
                        self.event(sh, key, state_fp, Kind::Invariant(i), At::Successor);
                        stopped = true;
                        break;
                    }
                    Err(e) => {
                        self.event(
                            sh,
                            key,
                            state_fp,
                            Kind::Error(e, ErrorSite::Invariant),
                            At::Successor,
                        );
                        stopped = true;
                        break;
                    }
                }
            }
            match model.check_action_properties_at(s, fp_p, &t, fp, a) {
                Ok(None) => {}
                Ok(Some(i)) => {
                    self.event(
                        sh,
                        key,
                        None,
                        Kind::Property(i, PropertyKind::Action),
                        At::Successor,
                    );
                    stopped = true;
                    break;
                }
                Err(e) => {
                    self.event(
                        sh,
                        key,
                        None,
                        Kind::Error(e, ErrorSite::ActionProperty),
                        At::Successor,
                    );
                    stopped = true;
                    break;
                }
            }
            if new {
                // Queued only now, after its checks passed (as TLC's enqueue).
                self.new += 1;
            }
            if R::ENABLED && in_model {
                if new {
                    self.fresh.push((key, fp, self.rec.len()));
                }
                self.rec.push(Successor {
                    action: a,
                    fp,
                    state: t,
                });
            } else if new {
                self.entries.push(NewEntry { key, fp, state: t });
            }
        }
        succ.clear();
        self.succ = succ;
        self.fps = fps;
        if stopped {
            self.generated -= (n - consumed) as u64;
            self.queue_fresh();
            return;
        }
        match res {
            Err(e) => {
                self.event(
                    sh,
                    key(p, n),
                    None,
                    Kind::Error(e, ErrorSite::Successors),
                    At::Parent,
                );
                self.queue_fresh();
                return;
            }
            Ok(()) => {
                if n == 0 && sh.check_deadlock {
                    self.event(sh, key(p, 0), None, Kind::Deadlock, At::Parent);
                }
            }
        }
        if R::ENABLED {
            sh.recorder.transitions(fp_p, s, &self.rec);
            self.queue_fresh();
        }
    }

    /// Moves the new states recorded in `rec` to the queue (in generation order) and
    /// clears `rec`.
    fn queue_fresh(&mut self) {
        let mut fresh = self.fresh.drain(..).peekable();
        for (i, succ) in self.rec.drain(..).enumerate() {
            if let Some((key, fp, _)) = fresh.next_if(|f| f.2 == i) {
                self.entries.push(NewEntry {
                    key,
                    fp,
                    state: succ.state,
                });
            }
        }
    }
}

#[derive(Default)]
struct DegreeHist {
    hist: Vec<u64>,
    big: Vec<u64>,
}

impl DegreeHist {
    fn add(&mut self, d: u64, count: u64) {
        if self.hist.is_empty() {
            self.hist = vec![0; HIST];
        }
        if (d as usize) < HIST {
            self.hist[d as usize] += count;
        } else {
            for _ in 0..count {
                self.big.push(d);
            }
        }
    }

    fn summary(mut self) -> OutDegree {
        self.big.sort_unstable();
        let mut buckets: Vec<(u64, u64)> = self
            .hist
            .iter()
            .enumerate()
            .filter(|(_, &c)| c > 0)
            .map(|(d, &c)| (d as u64, c))
            .collect();
        for &d in &self.big {
            match buckets.last_mut() {
                Some((ld, c)) if *ld == d => *c += 1,
                _ => buckets.push((d, 1)),
            }
        }
        let n: u64 = buckets.iter().map(|b| b.1).sum();
        if n == 0 {
            return OutDegree::default();
        }
        let sum: u64 = buckets.iter().map(|b| b.0 * b.1).sum();
        let pos = (n as f64 * 0.95) as u64;
        let mut cnt = 0;
        let mut p95 = 0;
        for &(d, c) in &buckets {
            cnt += c;
            if cnt > pos {
                p95 = d;
                break;
            }
        }
        OutDegree {
            samples: n,
            min: buckets[0].0,
            max: buckets[buckets.len() - 1].0,
            mean: sum as f64 / n as f64,
            p95,
        }
    }
}

/// The search proper; see the module docs.
pub(crate) fn run<M, R>(
    model: &M,
    opts: &CheckOptions,
    progress: Option<&(dyn Fn(&Progress) + Sync)>,
    recorder: &R,
) -> CheckResult<M::State, M::Error>
where
    M: Model,
    R: GraphRecorder<M::State>,
{
    let start = Instant::now();
    let nworkers = opts.workers.max(1);
    let fpset = FpSet::with_expected(opts.expected_states);
    let mut store = StateStore::default();
    let sh = Shared {
        model,
        recorder,
        fpset: &fpset,
        check_deadlock: opts.check_deadlock,
        track: nworkers > 1 && opts.deterministic,
        stop_key: AtomicU64::new(u64::MAX),
        external_stop: opts.stop.as_deref(),
        interrupted: AtomicBool::new(false),
        generated: AtomicU64::new(0),
        expanded: AtomicU64::new(0),
        new_states: AtomicU64::new(0),
        frontier_len: AtomicU64::new(0),
        depth: AtomicU64::new(1),
        progress,
        start,
        interval_ms: opts.progress_interval.as_millis() as u64,
        last_ms: AtomicU64::new(0),
    };
    let mut stats = Stats {
        workers: nworkers,
        ..Stats::default()
    };
    let mut degrees = DegreeHist::default();

    // The initial states, sequentially and in emission order, processed as they are emitted
    // (as TLC's `DoInitFunctor`; states emitted after a violation are only counted).
    let mut init_handle = fpset.handle();
    store.begin_level();
    let mut frontier: Vec<M::State> = Vec::new();
    let mut init_event: Option<(Kind<M::Error>, M::State)> = None;
    let mut init_generated = 0u64;
    model.begin_level(0);
    if model.wants_stats() {
        model.publish_stats(&sh.snapshot(ProgressKind::InitDone));
    }
    let init_res = model.initial_states(&mut |s| {
        init_generated += 1;
        if init_event.is_some() {
            return;
        }
        match process_initial(model, &fpset, &mut init_handle, &s) {
            Ok(Some(fp)) => {
                store.push(fp, 0);
                if R::ENABLED {
                    recorder.initial_state(fp, &s);
                }
                frontier.push(s);
            }
            Ok(None) => {}
            Err(kind) => init_event = Some((kind, s)),
        }
    });
    stats.initial_states_generated = init_generated;
    sh.generated.store(init_generated, Relaxed);
    stats.distinct_initial_states = fpset.len();
    let finish = |outcome,
                  stats: Stats,
                  store: &StateStore,
                  queue_left: u64,
                  depth: u64,
                  degrees: DegreeHist| {
        let mut stats = stats;
        stats.states_generated = sh.generated.load(Relaxed);
        stats.distinct_states = fpset.len();
        stats.queue_left = queue_left;
        stats.depth = depth.max(1);
        stats.outdegree = degrees.summary();
        stats.fpset_bytes = fpset.allocated_bytes();
        stats.trace_bytes = store.allocated_bytes();
        stats.elapsed = start.elapsed();
        CheckResult { outcome, stats }
    };
    let init_depth = u64::from(!fpset.is_empty());
    if let Some((kind, s)) = init_event {
        let trace = Trace {
            steps: vec![TraceStep {
                state: s,
                action: None,
            }],
            replay_error: None,
        };
        let outcome = outcome_of(kind, trace);
        let q = frontier.len() as u64;
        return finish(outcome, stats, &store, q, init_depth, degrees);
    }
    if let Err(e) = init_res {
        let outcome = Outcome::Error {
            error: e,
            site: ErrorSite::InitialStates,
            trace: Trace {
                steps: Vec::new(),
                replay_error: None,
            },
        };
        let q = frontier.len() as u64;
        return finish(outcome, stats, &store, q, init_depth, degrees);
    }
    sh.frontier_len.store(frontier.len() as u64, Relaxed);
    if model.wants_stats() {
        model.publish_stats(&sh.snapshot(ProgressKind::InitDone));
    }
    if let Some(cb) = progress {
        cb(&sh.snapshot(ProgressKind::InitDone));
    }

    let mut workers: Vec<Worker<M::State, M::Error>> =
        (0..nworkers).map(|_| Worker::new(&fpset)).collect();
    // Worker threads live for the whole search (no spawn per level); scoped threads are the
    // fallback if the pool cannot be built.
    let pool = if nworkers > 1 {
        rayon::ThreadPoolBuilder::new()
            .num_threads(nworkers)
            .thread_name(|i| format!("tlc-worker-{i}"))
            .build()
            .ok()
    } else {
        None
    };
    let mut depth = init_depth;
    let mut level_map = LevelMap::new();
    // New states per expanded state in the previous level (sizes the level map).
    let mut growth = 4.0f64;
    while !frontier.is_empty() {
        sh.frontier_len.store(frontier.len() as u64, Relaxed);
        sh.expanded.store(0, Relaxed);
        sh.new_states.store(0, Relaxed);
        sh.depth.store(depth + 1, Relaxed);
        if model.wants_stats() {
            model.publish_stats(&sh.snapshot(ProgressKind::Periodic));
        }
        for w in workers.iter_mut() {
            fpset.refresh(&mut w.fph);
        }
        let base = store.last_level_start();
        {
            let fps = store.last_level_fps();
            let cursor = AtomicUsize::new(0);
            let chunk = chunk_for(frontier.len(), nworkers);
            if sh.track {
                let est = (frontier.len() as f64 * growth * 1.25) as usize;
                level_map.reset(est.min(frontier.len().saturating_mul(64)));
            }
            let lm = &level_map;
            if nworkers == 1 || frontier.len() < 2 * nworkers {
                workers[0].run_level(&sh, &frontier, fps, &cursor, chunk, lm);
            } else if let Some(pool) = &pool {
                let slots: Vec<parking_lot::Mutex<&mut Worker<M::State, M::Error>>> =
                    workers.iter_mut().map(parking_lot::Mutex::new).collect();
                pool.broadcast(|ctx| {
                    if let Some(w) = slots.get(ctx.index()) {
                        w.lock().run_level(&sh, &frontier, fps, &cursor, chunk, lm);
                    }
                });
            } else {
                std::thread::scope(|sc| {
                    for w in workers.iter_mut() {
                        let (sh, frontier, cursor) = (&sh, &frontier, &cursor);
                        sc.spawn(move || w.run_level(sh, frontier, fps, cursor, chunk, lm));
                    }
                });
            }
        }
        let expanded = sh.expanded.load(Relaxed);
        let new_states = sh.new_states.load(Relaxed);
        let queue_left = frontier.len() as u64 - expanded + new_states;

        // Minimal key of every state reached twice within this level.
        let mut lowest: HashMap<u64, u64, ahash::RandomState> = HashMap::default();
        for w in workers.iter_mut() {
            for (fp, k) in w.contests.drain(..) {
                lowest
                    .entry(fp)
                    .and_modify(|m| *m = (*m).min(k))
                    .or_insert(k);
            }
        }

        let track = sh.track;
        let resolve = |fp: u64, key: u64| -> u64 {
            if !track {
                return key;
            }
            let mut k = key;
            if let Some(m) = level_map.get(fp) {
                k = k.min(m);
            }
            if let Some(&m) = lowest.get(&fp) {
                k = k.min(m);
            }
            k
        };

        let mut events: Vec<Event<M::Error>> = workers
            .iter_mut()
            .flat_map(|w| w.events.drain(..))
            .collect();
        if !events.is_empty() {
            for e in events.iter_mut() {
                if let Some(fp) = e.state_fp {
                    e.key = resolve(fp, e.key);
                }
            }
            let best = events
                .iter()
                .enumerate()
                .min_by_key(|(_, e)| e.key)
                .map(|(i, _)| i)
                .unwrap_or(0);
            let ev = events.swap_remove(best);
            drop(events);
            let parent = base + (ev.key >> ORD_BITS);
            let trace = match ev.at {
                At::Parent => trace_to_record(model, &store, parent),
                At::Successor => trace_to_successor(model, &store, parent, ev.key & ORD_MAX),
            };
            // The partial level counts if a state of it entered the visited set (TLC writes
            // it to the trace before checking it).
            let d = depth + u64::from(fpset.len() > store.len());
            for w in workers.iter_mut() {
                w.entries.clear();
                w.chunks.clear();
            }
            return finish(
                outcome_of(ev.kind, trace),
                stats,
                &store,
                queue_left,
                d,
                degrees,
            );
        }
        if sh.interrupted.load(Relaxed) {
            // The partial level counts if a state of it entered the visited set (TLC writes
            // it to the trace before checking it).
            let d = depth + u64::from(fpset.len() > store.len());
            return finish(Outcome::Interrupted, stats, &store, queue_left, d, degrees);
        }

        // Concatenate the outputs in chunk order (each worker's chunks are increasing).
        let mut order: Vec<(usize, usize, usize)> = Vec::new();
        for (wi, w) in workers.iter_mut().enumerate() {
            order.extend(w.chunks.drain(..).map(|(c, len)| (c, wi, len)));
        }
        order.sort_unstable_by_key(|o| o.0);
        let total: usize = order.iter().map(|o| o.2).sum();
        let mut iters: Vec<_> = workers
            .iter_mut()
            .map(|w| std::mem::take(&mut w.entries).into_iter())
            .collect();
        let mut merged: Vec<NewEntry<M::State>> = Vec::with_capacity(total);
        for &(_, wi, len) in &order {
            merged.extend(iters[wi].by_ref().take(len));
        }
        drop(iters);

        if track {
            let mut lower = || -> Vec<usize> {
                merged
                    .par_iter_mut()
                    .enumerate()
                    .filter_map(|(i, e)| {
                        let k = resolve(e.fp, e.key);
                        (k < e.key).then(|| {
                            e.key = k;
                            i
                        })
                    })
                    .collect()
            };
            let lowered = match &pool {
                Some(pool) => pool.install(lower),
                None => lower(),
            };
            if !lowered.is_empty() {
                if model.lossy_fingerprints() {
                    // Keep the representative a single worker would have kept.
                    for &i in &lowered {
                        let e = &mut merged[i];
                        let p = (e.key >> ORD_BITS) as usize;
                        if let Ok((_, s)) = nth_successor(model, &frontier[p], e.key & ORD_MAX) {
                            e.state = s;
                        }
                    }
                }
                match &pool {
                    Some(pool) => pool.install(|| merged.par_sort_unstable_by_key(|e| e.key)),
                    None => merged.sort_unstable_by_key(|e| e.key),
                }
            }
        }
        drop(lowest);
        growth = merged.len() as f64 / frontier.len().max(1) as f64;
        if frontier.len() > u32::MAX as usize {
            return finish(
                Outcome::StateSpaceTooLarge,
                stats,
                &store,
                queue_left,
                depth,
                degrees,
            );
        }

        // Outdegree samples: new states per expanded parent (merged is sorted by parent).
        let mut with_succ = 0u64;
        let mut i = 0;
        while i < merged.len() {
            let p = merged[i].key >> ORD_BITS;
            let mut j = i;
            while j < merged.len() && merged[j].key >> ORD_BITS == p {
                j += 1;
            }
            degrees.add((j - i) as u64, 1);
            with_succ += 1;
            i = j;
        }
        degrees.add(0, expanded - with_succ);

        drop(frontier);
        if merged.is_empty() {
            frontier = Vec::new();
            break;
        }
        store.begin_level();
        store.reserve(merged.len());
        for e in &merged {
            store.push(e.fp, (e.key >> ORD_BITS) as u32);
        }
        if sh.track {
            let unmark = |fps: &[u64]| {
                let mut h = fpset.handle();
                for &fp in fps {
                    fpset.unmark(&mut h, fp);
                }
            };
            let fps = store.last_level_fps();
            match &pool {
                Some(pool) if fps.len() > 4096 => {
                    pool.install(|| fps.par_chunks(4096).for_each(unmark))
                }
                _ => unmark(fps),
            }
        }
        frontier = merged.into_iter().map(|e| e.state).collect();
        depth += 1;
        sh.maybe_progress();
    }
    drop(frontier);
    finish(Outcome::Success, stats, &store, 0, depth, degrees)
}

/// Checks one initial state; `Ok(Some(fp))` if it is new and in the model.
fn process_initial<M: Model>(
    model: &M,
    fpset: &FpSet,
    handle: &mut Handle,
    s: &M::State,
) -> Result<Option<u64>, Kind<M::Error>> {
    let fp = normalize_fp(
        model
            .fingerprint(s)
            .map_err(|e| Kind::Error(e, ErrorSite::Fingerprint))?,
    );
    let in_model = model
        .state_constraint(s)
        .map_err(|e| Kind::Error(e, ErrorSite::StateConstraint))?;
    let new = in_model && fpset.insert(handle, fp, false) == Insert::New;
    if !in_model || new {
        if let Some(i) = model
            .check_invariants(s)
            .map_err(|e| Kind::Error(e, ErrorSite::Invariant))?
        {
            return Err(Kind::Invariant(i));
        }
        if let Some(i) = model
            .check_init_properties(s)
            .map_err(|e| Kind::Error(e, ErrorSite::InitProperty))?
        {
            return Err(Kind::Property(i, PropertyKind::Init));
        }
    }
    Ok(new.then_some(fp))
}

fn outcome_of<S, E>(kind: Kind<E>, trace: Trace<S>) -> Outcome<S, E> {
    match kind {
        Kind::Invariant(i) => Outcome::InvariantViolated {
            invariant: i,
            trace,
        },
        Kind::Property(i, kind) => Outcome::PropertyViolated {
            property: i,
            kind,
            trace,
        },
        Kind::Deadlock => Outcome::Deadlock { trace },
        Kind::Error(error, site) => Outcome::Error { error, site, trace },
    }
}
