//! The behaviour graph recorded during the safety search: fingerprints, edges and atom bits.
//!
//! Nodes are 64-bit fingerprints mapped to dense `u32` ids in order of first appearance. A node
//! is *expanded* once its successors were recorded; each expanded node has one edge list
//! (contiguous storage, CSR-like) and an **implicit stuttering edge** to itself whose
//! action-atom bits are recorded with the expansion. Unexpanded nodes (targets the search did not
//! expand yet, or states cut off by the search) have no edges at all, not even stuttering, so a
//! check on a partially built graph only reports genuine violations.

use parking_lot::Mutex;

use super::fpindex::FpIndex;
use super::LivenessError;

/// Sentinel edge id meaning "the implicit stuttering step of the source node".
pub(crate) const STUTTER: u32 = u32::MAX;

/// How many atoms the caller evaluates per state and per step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AtomLayout {
    /// Number of state atoms (ids `0..state_atoms` for [`crate::liveness::Ltl::State`]).
    pub state_atoms: u32,
    /// Number of action atoms (ids `0..action_atoms` for [`crate::liveness::Ltl::Action`]).
    pub action_atoms: u32,
}

impl AtomLayout {
    /// Number of `u64` words of a state-atom bitset.
    pub fn state_words(&self) -> usize {
        (self.state_atoms as usize).div_ceil(64)
    }
    /// Number of `u64` words of an action-atom bitset.
    pub fn action_words(&self) -> usize {
        (self.action_atoms as usize).div_ceil(64)
    }
}

/// One recorded successor of an expanded state.
#[derive(Clone, Copy, Debug)]
pub struct SuccessorRecord<'a> {
    /// Fingerprint of the successor state.
    pub fp: u64,
    /// The action (disjunct of Next) that produced it; only reported back in counterexamples.
    pub action: u32,
    /// Action-atom bits of the step `(from, successor)`, `layout.action_words()` words
    /// (bit `i` of word `i / 64` is atom `i`).
    pub atoms: &'a [u64],
}

/// The behaviour graph (single-owner builder and the structure the checks read).
///
/// Memory: per node about 40 bytes plus the atom bitsets and the fingerprint index; per edge
/// 8 bytes plus the action-atom words.
#[derive(Debug)]
pub struct BehaviorGraph {
    layout: AtomLayout,
    sw: usize,
    aw: usize,
    index: FpIndex,
    fps: Vec<u64>,
    initial: Vec<u32>,
    expanded: Vec<bool>,
    state_bits: Vec<u64>,
    stutter_bits: Vec<u64>,
    edge_start: Vec<u64>,
    edge_len: Vec<u32>,
    targets: Vec<u32>,
    actions: Vec<u32>,
    edge_bits: Vec<u64>,
}

impl BehaviorGraph {
    /// An empty graph for atoms of the given layout.
    pub fn new(layout: AtomLayout) -> Self {
        BehaviorGraph {
            layout,
            sw: layout.state_words(),
            aw: layout.action_words(),
            index: FpIndex::new(),
            fps: vec![],
            initial: vec![],
            expanded: vec![],
            state_bits: vec![],
            stutter_bits: vec![],
            edge_start: vec![],
            edge_len: vec![],
            targets: vec![],
            actions: vec![],
            edge_bits: vec![],
        }
    }

    /// The atom layout.
    pub fn layout(&self) -> AtomLayout {
        self.layout
    }

    fn node(&mut self, fp: u64) -> u32 {
        let id = self.fps.len() as u32;
        if let Some(old) = self.index.get_or_insert(fp, id) {
            return old;
        }
        self.fps.push(fp);
        self.expanded.push(false);
        self.state_bits.extend(std::iter::repeat_n(0, self.sw));
        self.stutter_bits.extend(std::iter::repeat_n(0, self.aw));
        self.edge_start.push(0);
        self.edge_len.push(0);
        id
    }

    fn check_width(&self, got: usize, want: usize) -> Result<(), LivenessError> {
        if got == want {
            Ok(())
        } else {
            Err(LivenessError::BitsetWidth {
                got,
                expected: want,
            })
        }
    }

    /// Records an initial state (duplicates are ignored).
    pub fn add_initial(&mut self, fp: u64) -> Result<(), LivenessError> {
        self.guard_size()?;
        let id = self.node(fp);
        // Duplicates are harmless: the product search deduplicates.
        self.initial.push(id);
        Ok(())
    }

    fn guard_size(&self) -> Result<(), LivenessError> {
        if self.fps.len() >= (u32::MAX - 1) as usize
            || self.targets.len() >= (u32::MAX - 1) as usize
        {
            Err(LivenessError::GraphTooLarge)
        } else {
            Ok(())
        }
    }

    /// Records the expansion of state `from`: its state-atom bits, the action-atom bits of its
    /// stuttering step `(from, from)`, and all its successors (self-loops produced by actions
    /// included; the implicit stuttering step must not be listed). A second expansion of the same
    /// state is ignored.
    pub fn add_expansion<'a>(
        &mut self,
        from: u64,
        state_atoms: &[u64],
        stutter_atoms: &[u64],
        successors: impl IntoIterator<Item = SuccessorRecord<'a>>,
    ) -> Result<(), LivenessError> {
        self.check_width(state_atoms.len(), self.sw)?;
        self.check_width(stutter_atoms.len(), self.aw)?;
        self.guard_size()?;
        let id = self.node(from) as usize;
        if self.expanded[id] {
            return Ok(());
        }
        self.expanded[id] = true;
        self.state_bits[id * self.sw..(id + 1) * self.sw].copy_from_slice(state_atoms);
        self.stutter_bits[id * self.aw..(id + 1) * self.aw].copy_from_slice(stutter_atoms);
        let start = self.targets.len();
        for s in successors {
            if let Err(e) = self.check_width(s.atoms.len(), self.aw) {
                // Leave the graph as it was (the node stays unexpanded).
                self.targets.truncate(start);
                self.actions.truncate(start);
                self.edge_bits.truncate(start * self.aw);
                self.expanded[id] = false;
                return Err(e);
            }
            let t = self.node(s.fp);
            self.targets.push(t);
            self.actions.push(s.action);
            self.edge_bits.extend_from_slice(s.atoms);
        }
        self.edge_start[id] = start as u64;
        self.edge_len[id] = (self.targets.len() - start) as u32;
        self.guard_size()
    }

    /// Number of nodes (expanded or not).
    pub fn node_count(&self) -> usize {
        self.fps.len()
    }
    /// Number of recorded (explicit) edges; stuttering edges are not counted.
    pub fn edge_count(&self) -> usize {
        self.targets.len()
    }
    /// Number of expanded nodes.
    pub fn expanded_count(&self) -> usize {
        self.expanded.iter().filter(|e| **e).count()
    }
    /// The fingerprint of dense node `id`.
    pub fn fingerprint(&self, id: u32) -> u64 {
        self.fps[id as usize]
    }
    /// The dense id of a fingerprint, if recorded.
    pub fn id_of(&self, fp: u64) -> Option<u32> {
        self.index.get(fp)
    }
    /// Approximate heap bytes used.
    pub fn heap_bytes(&self) -> usize {
        self.index.heap_bytes()
            + self.fps.capacity() * 8
            + self.initial.capacity() * 4
            + self.expanded.capacity()
            + (self.state_bits.capacity() + self.stutter_bits.capacity()) * 8
            + self.edge_start.capacity() * 8
            + self.edge_len.capacity() * 4
            + (self.targets.capacity() + self.actions.capacity()) * 4
            + self.edge_bits.capacity() * 8
    }

    pub(crate) fn initial_ids(&self) -> &[u32] {
        &self.initial
    }
    pub(crate) fn state_bits(&self, g: u32) -> &[u64] {
        let g = g as usize;
        &self.state_bits[g * self.sw..(g + 1) * self.sw]
    }
    /// Explicit edge ids of `g`.
    #[inline]
    pub(crate) fn edge_range(&self, g: u32) -> std::ops::Range<usize> {
        let s = self.edge_start[g as usize] as usize;
        s..s + self.edge_len[g as usize] as usize
    }
    /// Number of out-edges including the stuttering edge (0 for unexpanded nodes).
    #[inline]
    pub(crate) fn degree(&self, g: u32) -> usize {
        if self.expanded[g as usize] {
            self.edge_len[g as usize] as usize + 1
        } else {
            0
        }
    }
    /// The `k`-th out-edge of `g`: index 0 is the stuttering step, then the explicit edges.
    #[inline]
    pub(crate) fn edge_of(&self, g: u32, k: usize) -> u32 {
        if k == 0 {
            STUTTER
        } else {
            (self.edge_start[g as usize] as usize + k - 1) as u32
        }
    }
    /// Target node of edge `e` leaving `g`.
    #[inline]
    pub(crate) fn target(&self, g: u32, e: u32) -> u32 {
        if e == STUTTER {
            g
        } else {
            self.targets[e as usize]
        }
    }
    /// Action id of an explicit edge (`None` for stuttering).
    pub(crate) fn action(&self, e: u32) -> Option<u32> {
        if e == STUTTER {
            None
        } else {
            Some(self.actions[e as usize])
        }
    }
    /// Action-atom bits of edge `e` leaving `g`.
    #[inline]
    pub(crate) fn action_bits(&self, g: u32, e: u32) -> &[u64] {
        if e == STUTTER {
            let g = g as usize;
            &self.stutter_bits[g * self.aw..(g + 1) * self.aw]
        } else {
            let e = e as usize;
            &self.edge_bits[e * self.aw..(e + 1) * self.aw]
        }
    }
}

/// A thread-safe front end to [`BehaviorGraph`] for parallel searches.
///
/// Workers call [`SharedGraphBuilder::add_expansion`] concurrently; expansions are buffered in
/// shards (selected by the source fingerprint) and moved into the graph in batches, so the global
/// lock is taken about once per [`SharedGraphBuilder::BATCH`] expansions. Initial states are
/// buffered too (in call order).
pub struct SharedGraphBuilder {
    layout: AtomLayout,
    shards: Vec<Mutex<Vec<u64>>>,
    initial: Mutex<Vec<u64>>,
    graph: Mutex<BehaviorGraph>,
}

impl SharedGraphBuilder {
    /// Expansions buffered per shard before a flush.
    pub const BATCH: usize = 1024;

    /// A builder with `shards` buffers (use about 2x the number of workers).
    pub fn new(layout: AtomLayout, shards: usize) -> Self {
        SharedGraphBuilder {
            layout,
            shards: (0..shards.max(1)).map(|_| Mutex::new(Vec::new())).collect(),
            initial: Mutex::new(Vec::new()),
            graph: Mutex::new(BehaviorGraph::new(layout)),
        }
    }

    /// Records an initial state (call in BFS order; the order decides which lasso is reported).
    pub fn add_initial(&self, fp: u64) -> Result<(), LivenessError> {
        let mut buf = self.initial.lock();
        buf.push(fp);
        if buf.len() >= 4 * Self::BATCH {
            let data = std::mem::take(&mut *buf);
            // Under the buffer's lock, so that batches reach the graph in call order.
            self.apply_initial(&data)?;
        }
        Ok(())
    }

    fn apply_initial(&self, fps: &[u64]) -> Result<(), LivenessError> {
        let mut g = self.graph.lock();
        for &fp in fps {
            std::hint::black_box(g.index.touch(fp));
        }
        fps.iter().try_for_each(|&fp| g.add_initial(fp))
    }

    /// Records an expansion; see [`BehaviorGraph::add_expansion`].
    pub fn add_expansion<'a>(
        &self,
        from: u64,
        state_atoms: &[u64],
        stutter_atoms: &[u64],
        successors: impl IntoIterator<Item = SuccessorRecord<'a>>,
    ) -> Result<(), LivenessError> {
        let (sw, aw) = (self.layout.state_words(), self.layout.action_words());
        if state_atoms.len() != sw || stutter_atoms.len() != aw {
            return Err(LivenessError::BitsetWidth {
                got: state_atoms.len().max(stutter_atoms.len()),
                expected: sw.max(aw),
            });
        }
        let shard = &self.shards
            [(from.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize % self.shards.len()];
        let mut buf = shard.lock();
        let record_start = buf.len();
        // Encoding: from, n, state words, stutter words, n x (fp, action, action words).
        buf.push(from);
        let n_at = buf.len();
        buf.push(0);
        buf.extend_from_slice(state_atoms);
        buf.extend_from_slice(stutter_atoms);
        let mut n = 0u64;
        for s in successors {
            if s.atoms.len() != aw {
                buf.truncate(record_start);
                return Err(LivenessError::BitsetWidth {
                    got: s.atoms.len(),
                    expected: aw,
                });
            }
            buf.push(s.fp);
            buf.push(s.action as u64);
            buf.extend_from_slice(s.atoms);
            n += 1;
        }
        buf[n_at] = n;
        if buf.len() > Self::BATCH * (4 + sw + aw) {
            let data = std::mem::take(&mut *buf);
            drop(buf);
            self.apply(&data)?;
        }
        Ok(())
    }

    fn apply(&self, data: &[u64]) -> Result<(), LivenessError> {
        let (sw, aw) = (self.layout.state_words(), self.layout.action_words());
        let mut g = self.graph.lock();
        // Touch the index slot of every fingerprint of the batch first: their cache misses
        // then overlap instead of being paid one by one in `add_expansion`.
        for r in records(data, sw, aw) {
            std::hint::black_box(g.index.touch(r.from));
            for s in r.successors() {
                std::hint::black_box(g.index.touch(s.fp));
            }
        }
        for r in records(data, sw, aw) {
            g.add_expansion(r.from, r.state_atoms, r.stutter_atoms, r.successors())?;
        }
        Ok(())
    }

    /// Flushes all buffers and runs `f` on the graph (e.g. a periodic check).
    pub fn with_graph<R>(&self, f: impl FnOnce(&BehaviorGraph) -> R) -> Result<R, LivenessError> {
        self.flush()?;
        Ok(f(&self.graph.lock()))
    }

    fn flush(&self) -> Result<(), LivenessError> {
        {
            let mut buf = self.initial.lock();
            let data = std::mem::take(&mut *buf);
            self.apply_initial(&data)?;
        }
        for s in &self.shards {
            let data = std::mem::take(&mut *s.lock());
            self.apply(&data)?;
        }
        Ok(())
    }

    /// Flushes and returns the graph.
    pub fn finish(self) -> Result<BehaviorGraph, LivenessError> {
        self.flush()?;
        Ok(self.graph.into_inner())
    }
}

/// One buffered expansion (see [`SharedGraphBuilder::add_expansion`] for the encoding).
struct Record<'a> {
    from: u64,
    state_atoms: &'a [u64],
    stutter_atoms: &'a [u64],
    /// `n x (fp, action, action words)`.
    succ: &'a [u64],
    aw: usize,
}

impl<'a> Record<'a> {
    fn successors(&self) -> impl Iterator<Item = SuccessorRecord<'a>> + 'a {
        let aw = self.aw;
        self.succ
            .chunks_exact(2 + aw)
            .map(move |c| SuccessorRecord {
                fp: c[0],
                action: c[1] as u32,
                atoms: &c[2..],
            })
    }
}

/// The expansions of a shard's buffer, in order.
fn records(data: &[u64], sw: usize, aw: usize) -> impl Iterator<Item = Record<'_>> {
    let mut i = 0;
    std::iter::from_fn(move || {
        if i >= data.len() {
            return None;
        }
        let n = data[i + 1] as usize;
        let succ0 = i + 2 + sw + aw;
        let end = succ0 + n * (2 + aw);
        let r = Record {
            from: data[i],
            state_atoms: &data[i + 2..i + 2 + sw],
            stutter_atoms: &data[i + 2 + sw..succ0],
            succ: &data[succ0..end],
            aw,
        };
        i = end;
        Some(r)
    })
}
