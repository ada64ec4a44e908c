//! Concurrent set of 63-bit fingerprints: sharded open addressing over `AtomicU64` slots,
//! without locks on the lookup/insert path.
//!
//! Design (for millions of states at a few bytes beyond the 8-byte fingerprint):
//! - `SHARDS` independent tables chosen by the top bits of a mixed hash. Linear probing in a
//!   flat `[AtomicU64]`; 0 = empty; inserts are a CAS on the slot. No per-entry heap, no
//!   pointers: the memory is `8 / load factor` bytes per fingerprint.
//! - Each worker holds a [`Handle`]: its cached `Arc` of every shard's current table and the
//!   shard's generation. An insert reads the shard's generation (a shared, rarely written
//!   cache line: no contention) and works on the cached table; no lock, no reference count.
//! - Growing a shard (rare) is serialised by a per-shard mutex: the grower *freezes* every
//!   empty slot of the old table (CAS 0 -> `FROZEN`), copies the entries into a table twice as
//!   large, publishes it and bumps the generation. An insert racing with it either landed
//!   before the freeze (and is copied) or meets `FROZEN` and retries on the new table; a
//!   fingerprint found in the old table is found in the new one too.
//! - Bit 63 is a *mark* the BFS sets on states inserted during the current level (to detect
//!   duplicates found within one level, see `bfs`); comparisons ignore it. `FROZEN` is the mark
//!   alone (fingerprint 0 never occurs).
//! - Table size need not be a power of two: the start slot is `(hash * cap) >> 64`.

use crate::model::FP_MARK;
use parking_lot::{Mutex, RwLock};
use std::sync::atomic::{
    AtomicU64, AtomicUsize, Ordering::Acquire, Ordering::Relaxed, Ordering::Release,
};
use std::sync::Arc;

const SHARD_BITS: u32 = 10;
const SHARDS: usize = 1 << SHARD_BITS;
const MIN_CAP: usize = 64;
/// Grow a shard when its load factor exceeds `MAX_LOAD_NUM / MAX_LOAD_DEN`.
const MAX_LOAD_NUM: usize = 4;
const MAX_LOAD_DEN: usize = 5;
/// New capacity = old * GROWTH_NUM / GROWTH_DEN.
const GROWTH_NUM: usize = 2;
const GROWTH_DEN: usize = 1;
/// Value of a slot frozen by a grower.
const FROZEN: u64 = FP_MARK;

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

enum TableInsert {
    Done(Insert),
    /// Met a frozen slot: the table is being replaced.
    Frozen,
    /// No room (only if many inserts raced past the load threshold).
    Full,
}

#[repr(align(128))]
struct Shard {
    table: RwLock<Arc<Table>>,
    grow: Mutex<()>,
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

    #[inline]
    fn insert(&self, fp: u64, h: u64, mark: bool) -> TableInsert {
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
                        return TableInsert::Done(Insert::New);
                    }
                    Err(actual) => cur = actual,
                }
            }
            if cur & !FP_MARK == fp {
                return TableInsert::Done(if cur & FP_MARK != 0 {
                    Insert::SeenMarked
                } else {
                    Insert::Seen
                });
            }
            if cur == FROZEN {
                return TableInsert::Frozen;
            }
            i += 1;
            if i == cap {
                i = 0;
            }
        }
        TableInsert::Full
    }

    /// The slot holding `fp`, if any (stops at an empty or frozen slot).
    #[inline]
    fn find(&self, fp: u64, h: u64) -> Option<&AtomicU64> {
        let cap = self.slots.len();
        let mut i = self.start(h);
        for _ in 0..cap {
            let slot = &self.slots[i];
            let cur = slot.load(Relaxed);
            if cur == 0 || cur == FROZEN {
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

    /// Freezes the empty slots, then copies the entries into a larger table.
    fn freeze_and_grow(&self) -> Table {
        for s in self.slots.iter() {
            // A failed CAS means an entry landed there: it is copied below.
            let _ = s.compare_exchange(0, FROZEN, Relaxed, Relaxed);
        }
        let new_cap = self.slots.len() / GROWTH_DEN * GROWTH_NUM;
        let t = Table::with_capacity(new_cap);
        let mut n = 0;
        for s in self.slots.iter() {
            let v = s.load(Relaxed);
            if v != 0 && v != FROZEN {
                n += 1;
                let h = mix(v & !FP_MARK);
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
        t.count.store(n, Relaxed);
        t
    }
}

/// A worker's view of an [`FpSet`]: cached tables of all shards (see the module docs).
pub struct Handle {
    cache: Vec<(u64, Arc<Table>)>,
}

/// A concurrent set of normalised fingerprints (see [`crate::normalize_fp`]).
pub struct FpSet {
    shards: Box<[Shard]>,
    /// Generation of each shard's table, dense (read on every insert, written on growth).
    generations: Box<[AtomicU64]>,
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
                    table: RwLock::new(Arc::new(Table::with_capacity(per_shard))),
                    grow: Mutex::new(()),
                })
                .collect(),
            generations: (0..SHARDS).map(|_| AtomicU64::new(0)).collect(),
        }
    }

    /// A handle for one thread; cheap to keep, refreshed as shards grow.
    pub fn handle(&self) -> Handle {
        Handle {
            cache: self
                .shards
                .iter()
                .zip(self.generations.iter())
                .map(|(s, g)| (g.load(Acquire), s.table.read().clone()))
                .collect(),
        }
    }

    /// Drops the handle's references to replaced tables (so their memory is freed).
    pub fn refresh(&self, handle: &mut Handle) {
        for ((s, g), c) in self
            .shards
            .iter()
            .zip(self.generations.iter())
            .zip(handle.cache.iter_mut())
        {
            let g = g.load(Acquire);
            if g != c.0 {
                *c = (g, s.table.read().clone());
            }
        }
    }

    #[inline]
    fn shard_index(h: u64) -> usize {
        (h >> (64 - SHARD_BITS)) as usize
    }

    /// The handle's current table of shard `si`.
    #[inline]
    fn table<'h>(&self, handle: &'h mut Handle, si: usize) -> &'h Table {
        let g = self.generations[si].load(Acquire);
        let c = &mut handle.cache[si];
        if c.0 != g {
            *c = (g, self.shards[si].table.read().clone());
        }
        &c.1
    }

    /// Grows shard `si` unless another thread already replaced `seen_gen`.
    #[cold]
    fn grow(&self, si: usize, seen_gen: u64, only_if_over: bool) {
        let shard = &self.shards[si];
        let _g = shard.grow.lock();
        if self.generations[si].load(Acquire) != seen_gen {
            return;
        }
        let old = shard.table.read().clone();
        if only_if_over && old.count.load(Relaxed) < old.grow_at {
            return;
        }
        let new = old.freeze_and_grow();
        *shard.table.write() = Arc::new(new);
        self.generations[si].fetch_add(1, Release);
    }

    /// Reads the first slot `fp` would probe, so that the cache miss of a later
    /// [`FpSet::insert`] overlaps with others (call it for a batch of fingerprints first).
    /// Returns the slot's value; pass it to `std::hint::black_box`.
    #[inline]
    pub fn prefetch(&self, handle: &mut Handle, fp: u64) -> u64 {
        let h = mix(fp);
        let t = self.table(handle, Self::shard_index(h));
        t.slots[t.start(h)].load(Relaxed)
    }

    /// Inserts a normalised fingerprint (non-zero, bit 63 clear), optionally marked.
    #[inline]
    pub fn insert(&self, handle: &mut Handle, fp: u64, mark: bool) -> Insert {
        debug_assert!(fp != 0 && fp & FP_MARK == 0);
        let h = mix(fp);
        let si = Self::shard_index(h);
        loop {
            self.table(handle, si);
            let (gen, t) = &handle.cache[si];
            match t.insert(fp, h, mark) {
                TableInsert::Done(r) => {
                    if r == Insert::New && t.count.load(Relaxed) >= t.grow_at {
                        self.grow(si, *gen, true);
                    }
                    return r;
                }
                TableInsert::Frozen => {
                    // A grower is at work: wait for it, then retry on the new table.
                    drop(self.shards[si].grow.lock());
                }
                TableInsert::Full => self.grow(si, *gen, false),
            }
        }
    }

    /// Whether the set contains `fp` (normalised).
    pub fn contains(&self, fp: u64) -> bool {
        let h = mix(fp);
        let t = self.shards[Self::shard_index(h)].table.read().clone();
        t.find(fp, h).is_some()
    }

    /// Clears the mark of `fp` if present. Must not run concurrently with inserts.
    #[inline]
    pub fn unmark(&self, handle: &mut Handle, fp: u64) {
        let h = mix(fp);
        let t = self.table(handle, Self::shard_index(h));
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

    /// Bytes of slot memory currently allocated (current tables).
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
        let h = &mut s.handle();
        for i in 1..200_000u64 {
            assert_eq!(s.insert(h, i, false), Insert::New);
        }
        for i in 1..200_000u64 {
            assert_eq!(s.insert(h, i, false), Insert::Seen);
            assert!(s.contains(i));
        }
        assert!(!s.contains(300_000));
        assert_eq!(s.len(), 199_999);
    }

    #[test]
    fn marks() {
        let s = FpSet::default();
        let h = &mut s.handle();
        assert_eq!(s.insert(h, 42, true), Insert::New);
        assert_eq!(s.insert(h, 42, false), Insert::SeenMarked);
        s.unmark(h, 42);
        assert_eq!(s.insert(h, 42, true), Insert::Seen);
    }

    #[test]
    fn concurrent_inserts_count_each_once() {
        let s = FpSet::default();
        let news = AtomicUsize::new(0);
        std::thread::scope(|sc| {
            for t in 0..4u64 {
                let (s, news) = (&s, &news);
                sc.spawn(move || {
                    let h = &mut s.handle();
                    for i in 0..100_000u64 {
                        // overlapping ranges between threads
                        let fp = (i + t * 50_000) * 0x1_0000_0001 % (1 << 62) + 1;
                        if s.insert(h, fp, false) == Insert::New {
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
