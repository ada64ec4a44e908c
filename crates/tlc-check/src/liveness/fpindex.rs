//! The behaviour graph's fingerprint-to-node-id map: open addressing with linear probing,
//! one 16-byte slot (fingerprint and id side by side) per entry, at most half full.
//!
//! Fingerprints are random, so for a large graph every lookup is a cache miss. A general
//! hash map cannot be told about lookups ahead of time; this one can: [`FpIndex::touch`]
//! reads the slot a fingerprint would probe first, and a batch of fingerprints touched
//! before they are looked up pays for its cache misses all at once instead of one after the
//! other.

/// Marks a free slot (node ids stay below `u32::MAX - 1`, see the graph's size guard).
const EMPTY: u32 = u32::MAX;

#[derive(Clone, Copy)]
struct Slot {
    fp: u64,
    id: u32,
}

const FREE: Slot = Slot { fp: 0, id: EMPTY };

/// Fingerprint -> dense node id.
pub(crate) struct FpIndex {
    slots: Vec<Slot>,
    len: usize,
}

/// Slot position of `fp` in a table of `mask + 1` slots. Fingerprints from tests are small
/// integers, so they are mixed first.
#[inline]
fn start(fp: u64, mask: usize) -> usize {
    let h = fp.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    ((h ^ (h >> 29)) as usize) & mask
}

impl std::fmt::Debug for FpIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FpIndex({} of {} slots)", self.len, self.slots.len())
    }
}

impl FpIndex {
    pub(crate) fn new() -> Self {
        FpIndex {
            slots: vec![FREE; 1024],
            len: 0,
        }
    }

    /// Number of fingerprints recorded.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Heap bytes used.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.slots.capacity() * std::mem::size_of::<Slot>()
    }

    /// Reads the first slot `fp` probes (so that its cache miss overlaps with other ones);
    /// pass the result to `std::hint::black_box`.
    #[inline]
    pub(crate) fn touch(&self, fp: u64) -> u32 {
        self.slots[start(fp, self.slots.len() - 1)].id
    }

    /// The id of `fp`, if recorded.
    pub(crate) fn get(&self, fp: u64) -> Option<u32> {
        let mask = self.slots.len() - 1;
        let mut i = start(fp, mask);
        loop {
            let s = self.slots[i];
            if s.id == EMPTY {
                return None;
            }
            if s.fp == fp {
                return Some(s.id);
            }
            i = (i + 1) & mask;
        }
    }

    /// The id of `fp`; if it is not recorded, records it with id `new` and returns `None`.
    #[inline]
    pub(crate) fn get_or_insert(&mut self, fp: u64, new: u32) -> Option<u32> {
        debug_assert!(new != EMPTY);
        let mask = self.slots.len() - 1;
        let mut i = start(fp, mask);
        loop {
            let s = self.slots[i];
            if s.id == EMPTY {
                self.slots[i] = Slot { fp, id: new };
                self.len += 1;
                if self.len * 2 > self.slots.len() {
                    self.grow();
                }
                return None;
            }
            if s.fp == fp {
                return Some(s.id);
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let bigger = vec![FREE; self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, bigger);
        let mask = self.slots.len() - 1;
        for s in old.into_iter().filter(|s| s.id != EMPTY) {
            let mut i = start(s.fp, mask);
            while self.slots[i].id != EMPTY {
                i = (i + 1) & mask;
            }
            self.slots[i] = s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FpIndex;

    #[test]
    fn records_and_finds_fingerprints_across_growth() {
        let mut ix = FpIndex::new();
        // small integers (as in tests), zero, and well-mixed values; some collide in the
        // low bits
        let fps: Vec<u64> = (0..5000u64)
            .map(|i| match i % 3 {
                0 => i,
                1 => i << 40,
                _ => i.wrapping_mul(0xD6E8_FEB8_6659_FD93),
            })
            .collect();
        for (id, &fp) in fps.iter().enumerate() {
            assert_eq!(ix.get(fp), None);
            assert_eq!(ix.get_or_insert(fp, id as u32), None);
            assert_eq!(ix.get_or_insert(fp, 99_999), Some(id as u32));
        }
        assert_eq!(ix.len(), fps.len());
        for (id, &fp) in fps.iter().enumerate() {
            assert_eq!(ix.get(fp), Some(id as u32));
            std::hint::black_box(ix.touch(fp));
        }
        assert_eq!(ix.get(u64::MAX), None);
    }
}
