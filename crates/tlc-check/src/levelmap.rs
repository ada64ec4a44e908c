//! Per-level concurrent map `fingerprint -> minimal key` for the states found in one BFS level.
//!
//! Used by the parallel BFS to give each new state the key (parent position, ordinal) of its
//! *first* generation in single-worker order, whichever worker inserted it first: the winner
//! registers its key, every later generator within the level lowers it with `fetch_min`.
//! Fixed capacity (sized from the previous level); when full, callers fall back to a slower
//! path, so correctness never depends on the size. Keys are stored complemented so that a
//! zeroed slot means "no key" and `fetch_max` on the complement is `min` on the key.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

/// Longest probe sequence before an insert gives up.
const MAX_PROBE: usize = 128;

pub(crate) struct LevelMap {
    /// Interleaved pairs `[fp, !key]`.
    slots: Box<[AtomicU64]>,
    mask: usize,
}

#[inline]
fn mix(fp: u64) -> u64 {
    (fp ^ (fp >> 31)).wrapping_mul(0xD6E8_FEB8_6659_FD93)
}

impl LevelMap {
    pub(crate) fn new() -> LevelMap {
        LevelMap::with_capacity(0)
    }

    fn with_capacity(n: usize) -> LevelMap {
        let cap = n.max(1024).next_power_of_two();
        LevelMap {
            slots: (0..2 * cap).map(|_| AtomicU64::new(0)).collect(),
            mask: cap - 1,
        }
    }

    /// Empties the map, with room for about `n` states (load factor 0.4 to 0.8 at `0.8 n`).
    pub(crate) fn reset(&mut self, n: usize) {
        let want = n.max(1024).next_power_of_two();
        if want > self.mask + 1 || want * 4 < self.mask + 1 {
            *self = LevelMap::with_capacity(want);
        } else {
            for s in self.slots.iter_mut() {
                *s.get_mut() = 0;
            }
        }
    }

    /// Registers `key` for `fp` (or lowers it). `false` if the map is too full.
    #[inline]
    pub(crate) fn insert(&self, fp: u64, key: u64) -> bool {
        let mut i = mix(fp) as usize & self.mask;
        for _ in 0..MAX_PROBE.min(self.mask + 1) {
            let f = &self.slots[2 * i];
            let cur = f.load(Relaxed);
            let found = if cur == 0 {
                match f.compare_exchange(0, fp, Relaxed, Relaxed) {
                    Ok(_) => true,
                    Err(actual) => actual == fp,
                }
            } else {
                cur == fp
            };
            if found {
                self.slots[2 * i + 1].fetch_max(!key, Relaxed);
                return true;
            }
            i = (i + 1) & self.mask;
        }
        false
    }

    /// Lowers the key of `fp` to `key` if `fp` is present; `false` if absent.
    #[inline]
    pub(crate) fn lower(&self, fp: u64, key: u64) -> bool {
        match self.find(fp) {
            Some(i) => {
                let k = &self.slots[2 * i + 1];
                if !k.load(Relaxed) < key {
                    return true;
                }
                k.fetch_max(!key, Relaxed);
                true
            }
            None => false,
        }
    }

    /// The minimal key registered for `fp`.
    #[inline]
    pub(crate) fn get(&self, fp: u64) -> Option<u64> {
        let i = self.find(fp)?;
        let k = self.slots[2 * i + 1].load(Relaxed);
        (k != 0).then_some(!k)
    }

    #[inline]
    fn find(&self, fp: u64) -> Option<usize> {
        let mut i = mix(fp) as usize & self.mask;
        for _ in 0..MAX_PROBE.min(self.mask + 1) {
            let cur = self.slots[2 * i].load(Relaxed);
            if cur == fp {
                return Some(i);
            }
            if cur == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn min_key_wins_in_any_order() {
        let mut m = LevelMap::new();
        m.reset(10);
        assert!(m.insert(5, 30));
        assert!(m.lower(5, 40));
        assert!(m.lower(5, 10));
        assert!(m.insert(5, 20));
        assert_eq!(m.get(5), Some(10));
        assert!(!m.lower(6, 1));
        assert_eq!(m.get(6), None);
        m.reset(10);
        assert_eq!(m.get(5), None);
    }

    #[test]
    fn full_map_reports_failure() {
        let m = LevelMap::with_capacity(4);
        let ok = (1..5000u64).filter(|&fp| m.insert(fp, fp)).count();
        assert!(ok <= 1024 && ok > 0);
    }
}
