//! Concurrent set of 63-bit fingerprints: sharded open addressing over `AtomicU64` slots.
//!
//! Design (for millions of states at a few bytes beyond the 8-byte fingerprint):
//! - `SHARDS` independent tables chosen by the top bits of a mixed hash, each behind a
//!   `parking_lot::RwLock` taken *shared* for every lookup/insert (slots are CAS'd, so inserts
//!   run concurrently) and *exclusively* only to grow that one shard.
//! - Linear probing in a flat `[AtomicU64]`; 0 = empty. No per-entry heap, no pointers: the
//!   memory is `8 / load factor` bytes per fingerprint (load factor kept in `(MAX_LOAD/GROWTH,
//!   MAX_LOAD]`).
//! - Bit 63 is a *mark* the BFS sets on states inserted during the current level (to detect
//!   duplicates found within one level, see `bfs`); comparisons ignore it.
//! - Table size need not be a power of two: the start slot is `(hash * cap) >> 64`.

use crate::model::FP_MARK;
use parking_lot::RwLock;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering::Relaxed};

const SHARD_BITS: u32 = 10;
const SHARDS: usize = 1 << SHARD_BITS;
const MIN_CAP: usize = 64;
/// Grow a shard when its load factor exceeds `MAX_LOAD_NUM / MAX_LOAD_DEN`.
const MAX_LOAD_NUM: usize = 4;
const MAX_LOAD_DEN: usize = 5;
/// New capacity = old * GROWTH_NUM / GROWTH_DEN.
const GROWTH_NUM: usize = 2;
const GROWTH_DEN: usize = 1;

/// Result of [`FpSet::insert`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Insert {
    /// The fingerprint was not in the set; it is now.
    New,
    /// Already present, without mark.
    Seen,
    /// Already present and marked (inserted with `mark = true` and not yet unmarked).
    SeenMarked,
}

#[repr(align(128))]
struct Shard {
    table: RwLock<Table>,
}

struct Table {
    slots: Box<[AtomicU64]>,
    count: AtomicUsize,
    grow_at: usize,
}

#[inline]
fn mix(fp: u64) -> u64 {
    // Fingerprints from the evaluator are well distributed, but test models often use tiny
    // integers: a multiplicative mix spreads them over the high bits used below.
    (fp ^ (fp >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

impl Table {
    fn with_capacity(cap: usize) -> Table {
        let cap = cap.max(MIN_CAP);
        Table {
            slots: (0..cap).map(|_| AtomicU64::new(0)).collect(),
            count: AtomicUsize::new(0),
            grow_at: cap / MAX_LOAD_DEN * MAX_LOAD_NUM,
        }
    }

    #[inline]
    fn start(&self, h: u64) -> usize {
        (((h << SHARD_BITS) as u128 * self.slots.len() as u128) >> 64) as usize
    }

    /// Inserts or finds `fp`; `None` if the table is full (caller grows and retries).
    #[inline]
    fn insert(&self, fp: u64, h: u64, mark: bool) -> Option<Insert> {
        let cap = self.slots.len();
        let mut i = self.start(h);
        let val = if mark { fp | FP_MARK } else { fp };
        for _ in 0..cap {
            let slot = &self.slots[i];
            let mut cur = slot.load(Relaxed);
            if cur == 0 {
                match slot.compare_exchange(0, val, Relaxed, Relaxed) {
                    Ok(_) => {
                        self.count.fetch_add(1, Relaxed);
                        return Some(Insert::New);
                    }
                    Err(actual) => cur = actual,
                }
            }
            if cur & !FP_MARK == fp {
                return Some(if cur & FP_MARK != 0 {
                    Insert::SeenMarked
                } else {
                    Insert::Seen
                });
            }
            i += 1;
            if i == cap {
                i = 0;
            }
        }
        None
    }

    #[inline]
    fn find(&self, fp: u64, h: u64) -> Option<&AtomicU64> {
        let cap = self.slots.len();
        let mut i = self.start(h);
        for _ in 0..cap {
            let slot = &self.slots[i];
            let cur = slot.load(Relaxed);
            if cur == 0 {
                return None;
            }
            if cur & !FP_MARK == fp {
                return Some(slot);
            }
            i += 1;
            if i == cap {
                i = 0;
            }
        }
        None
    }

    fn grown(&self) -> Table {
        let new_cap = self.slots.len() / GROWTH_DEN * GROWTH_NUM;
        let t = Table::with_capacity(new_cap);
        for s in self.slots.iter() {
            let v = s.load(Relaxed);
            if v != 0 {
                let fp = v & !FP_MARK;
                let h = mix(fp);
                let cap = t.slots.len();
                let mut i = t.start(h);
                loop {
                    let slot = &t.slots[i];
                    if slot.load(Relaxed) == 0 {
                        slot.store(v, Relaxed);
                        break;
                    }
                    i += 1;
                    if i == cap {
                        i = 0;
                    }
                }
            }
        }
        t.count.store(self.count.load(Relaxed), Relaxed);
        t
    }
}

/// A concurrent set of normalised fingerprints (see [`crate::normalize_fp`]).
pub struct FpSet {
    shards: Box<[Shard]>,
}

impl Default for FpSet {
    fn default() -> Self {
        FpSet::with_expected(0)
    }
}

impl FpSet {
    /// A set presized for about `expected` fingerprints (0: start small and grow).
    pub fn with_expected(expected: usize) -> FpSet {
        let per_shard = expected / SHARDS * MAX_LOAD_DEN / MAX_LOAD_NUM + 1;
        FpSet {
            shards: (0..SHARDS)
                .map(|_| Shard {
                    table: RwLock::new(Table::with_capacity(per_shard)),
                })
                .collect(),
        }
    }

    #[inline]
    fn shard(&self, h: u64) -> &Shard {
        &self.shards[(h >> (64 - SHARD_BITS)) as usize]
    }

    /// Inserts a normalised fingerprint (non-zero, bit 63 clear), optionally marked.
    #[inline]
    pub fn insert(&self, fp: u64, mark: bool) -> Insert {
        debug_assert!(fp != 0 && fp & FP_MARK == 0);
        let h = mix(fp);
        let shard = self.shard(h);
        loop {
            {
                let t = shard.table.read();
                if t.count.load(Relaxed) < t.grow_at {
                    if let Some(r) = t.insert(fp, h, mark) {
                        return r;
                    }
                }
            }
            let mut t = shard.table.write();
            if t.count.load(Relaxed) >= t.grow_at || t.count.load(Relaxed) >= t.slots.len() - 1 {
                *t = t.grown();
            }
        }
    }

    /// Whether the set contains `fp` (normalised).
    pub fn contains(&self, fp: u64) -> bool {
        let h = mix(fp);
        self.shard(h).table.read().find(fp, h).is_some()
    }

    /// Clears the mark of `fp` if present.
    #[inline]
    pub fn unmark(&self, fp: u64) {
        let h = mix(fp);
        let t = self.shard(h).table.read();
        if let Some(slot) = t.find(fp, h) {
            slot.store(fp, Relaxed);
        }
    }

    /// Number of fingerprints in the set.
    pub fn len(&self) -> u64 {
        self.shards
            .iter()
            .map(|s| s.table.read().count.load(Relaxed) as u64)
            .sum()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes of slot memory currently allocated.
    pub fn allocated_bytes(&self) -> usize {
        self.shards
            .iter()
            .map(|s| s.table.read().slots.len() * 8)
            .sum::<usize>()
            + self.shards.len() * std::mem::size_of::<Shard>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_and_grow() {
        let s = FpSet::default();
        for i in 1..200_000u64 {
            assert_eq!(s.insert(i, false), Insert::New);
        }
        for i in 1..200_000u64 {
            assert_eq!(s.insert(i, false), Insert::Seen);
            assert!(s.contains(i));
        }
        assert!(!s.contains(300_000));
        assert_eq!(s.len(), 199_999);
    }

    #[test]
    fn marks() {
        let s = FpSet::default();
        assert_eq!(s.insert(42, true), Insert::New);
        assert_eq!(s.insert(42, false), Insert::SeenMarked);
        s.unmark(42);
        assert_eq!(s.insert(42, true), Insert::Seen);
    }

    #[test]
    fn concurrent_inserts_count_each_once() {
        let s = FpSet::default();
        let news = AtomicUsize::new(0);
        std::thread::scope(|sc| {
            for t in 0..4u64 {
                let (s, news) = (&s, &news);
                sc.spawn(move || {
                    for i in 0..100_000u64 {
                        // overlapping ranges between threads
                        let fp = (i + t * 50_000) * 0x1_0000_0001 % (1 << 62) + 1;
                        if s.insert(fp, false) == Insert::New {
                            news.fetch_add(1, Relaxed);
                        }
                    }
                });
            }
        });
        assert_eq!(news.load(Relaxed) as u64, s.len());
        assert_eq!(s.len(), 250_000);
    }
}
