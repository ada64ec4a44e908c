//! Benchmark of the search engine alone: K counters modulo M (M^K states, out-degree K).
//!
//! Run: `cargo run --release -p tlc-check --example counter_bench -- [K] [M] [workers,...] [nd]`
//! (default `6 12 1,2`: 2,985,984 states; `nd` = non-deterministic parallel mode, see
//! `CheckOptions::deterministic`). Prints states/second and bytes per state.
//! The state is a packed `u64` and the fingerprint a 64-bit mix, so the figures measure the
//! engine's own cost (visited set, queues, records), not evaluation. With a 5th argument
//! `heap`, states are `Arc<[u32]>` (one allocation per state, like an evaluator's state) and the
//! fingerprint is a byte-at-a-time table-driven 64-bit hash of the values (the shape of TLC's
//! FP64), to show the engine with typical per-state costs.

use std::sync::Arc;
use std::time::Instant;
use tlc_check::{ActionId, Checker, Model, Outcome};

struct Counters {
    k: u32,
    m: u64,
}

impl Counters {
    fn get(&self, s: u64, i: u32) -> u64 {
        (s >> (8 * i)) & 0xff
    }
}

impl Model for Counters {
    type State = u64;
    type Error = String;

    fn initial_states(&self, out: &mut dyn FnMut(u64)) -> Result<(), String> {
        out(0);
        Ok(())
    }

    fn successors(&self, s: &u64, out: &mut dyn FnMut(ActionId, u64)) -> Result<(), String> {
        for i in 0..self.k {
            let c = self.get(*s, i);
            let n = (c + 1) % self.m;
            out(ActionId(i), (*s & !(0xff << (8 * i))) | (n << (8 * i)));
        }
        Ok(())
    }

    fn fingerprint(&self, s: &u64) -> Result<u64, String> {
        // splitmix64 finaliser
        let mut z = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Ok(z ^ (z >> 31))
    }

    fn check_invariants(&self, s: &u64) -> Result<Option<usize>, String> {
        // Never violated, but evaluated like a real invariant would be.
        Ok((*s == u64::MAX).then_some(0))
    }
}

/// Same state space with heap-allocated states and a table-driven fingerprint.
struct HeapCounters {
    k: u32,
    m: u32,
    table: [u64; 256],
}

impl HeapCounters {
    fn new(k: u32, m: u32) -> Self {
        let mut table = [0u64; 256];
        let mut x = 0x1234_5678_9ABC_DEF1u64;
        for t in table.iter_mut() {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            *t = x;
        }
        HeapCounters { k, m, table }
    }
}

impl Model for HeapCounters {
    type State = Arc<[u32]>;
    type Error = String;

    fn initial_states(&self, out: &mut dyn FnMut(Arc<[u32]>)) -> Result<(), String> {
        out(vec![0; self.k as usize].into());
        Ok(())
    }

    fn successors(
        &self,
        s: &Arc<[u32]>,
        out: &mut dyn FnMut(ActionId, Arc<[u32]>),
    ) -> Result<(), String> {
        for i in 0..s.len() {
            let mut t: Vec<u32> = s.to_vec();
            t[i] = (t[i] + 1) % self.m;
            out(ActionId(i as u32), t.into());
        }
        Ok(())
    }

    fn fingerprint(&self, s: &Arc<[u32]>) -> Result<u64, String> {
        let mut fp = 0x8000_0000_0000_001Bu64;
        for v in s.iter() {
            for b in v.to_le_bytes() {
                fp = (fp >> 8) ^ self.table[((b as u64 ^ fp) & 0xff) as usize];
            }
        }
        Ok(fp)
    }

    fn check_invariants(&self, s: &Arc<[u32]>) -> Result<Option<usize>, String> {
        Ok(s.iter().any(|&c| c >= self.m).then_some(0))
    }
}

fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// User + system CPU seconds of this process so far (from /proc; 0 elsewhere).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name (which is in parentheses): utime is the 12th, stime 13th.
    let rest = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11).and_then(|x| x.parse().ok()).unwrap_or(0.0)
        + f.get(12).and_then(|x| x.parse().ok()).unwrap_or(0.0);
    ticks / 100.0
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let k: u32 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(6);
    let m: u64 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(12);
    let workers: Vec<usize> = args
        .get(3)
        .map(|a| a.split(',').filter_map(|w| w.parse().ok()).collect())
        .unwrap_or_else(|| vec![1, 2]);
    let deterministic = args.get(4).map(String::as_str) != Some("nd");
    let heap = args.get(5).map(String::as_str) == Some("heap");
    let (k, m) = (k.min(8), m.clamp(1, 255));
    println!(
        "counters{}: K={k} M={m} expected {} states",
        if heap { " (heap states)" } else { "" },
        m.pow(k)
    );
    for w in workers {
        if heap {
            bench(&HeapCounters::new(k, m as u32), w, deterministic);
        } else {
            bench(&Counters { k, m }, w, deterministic);
        }
    }
}

fn bench<M: Model>(model: &M, w: usize, deterministic: bool) {
    {
        let t = Instant::now();
        let cpu0 = cpu_seconds();
        let r = Checker::new(model)
            .workers(w)
            .check_deadlock(false)
            .deterministic(deterministic)
            .run();
        let secs = t.elapsed().as_secs_f64();
        let cpu = cpu_seconds() - cpu0;
        assert!(matches!(r.outcome, Outcome::Success));
        let s = &r.stats;
        println!(
            "workers {w}: {} distinct, {} generated, depth {} in {:.2}s: {:.2} M generated/s, {:.2} M distinct/s; \
             visited set {:.1} B/state, trace records {:.1} B/state; peak RSS {} MB; \
             CPU {:.2}s = {:.2} M generated per CPU-second",
            s.distinct_states,
            s.states_generated,
            s.depth,
            secs,
            s.states_generated as f64 / secs / 1e6,
            s.distinct_states as f64 / secs / 1e6,
            s.fpset_bytes as f64 / s.distinct_states as f64,
            s.trace_bytes as f64 / s.distinct_states as f64,
            peak_rss_kb().unwrap_or(0) / 1024,
            cpu,
            s.states_generated as f64 / cpu.max(0.01) / 1e6,
        );
    }
}
