//! Iterative Tarjan SCC decomposition over a product view (no recursion: safe on 10^7 nodes).

use super::product::View;

pub(crate) const NONE: u32 = u32::MAX;

/// Reusable scratch arrays, sized to the number of product nodes.
pub(crate) struct Tarjan {
    index: Vec<u32>,
    low: Vec<u32>,
    on_stack: Vec<bool>,
    stack: Vec<u32>,
    call: Vec<(u32, u32, u32)>,
    counter: u32,
}

impl Tarjan {
    pub(crate) fn new(n: usize) -> Self {
        Tarjan {
            index: vec![NONE; n],
            low: vec![0; n],
            on_stack: vec![false; n],
            stack: vec![],
            call: vec![],
            counter: 0,
        }
    }

    /// Forgets the visit marks of `nodes` so they can be decomposed again.
    pub(crate) fn reset(&mut self, nodes: &[u32]) {
        for &v in nodes {
            self.index[v as usize] = NONE;
        }
    }

    /// Decomposes the subgraph induced by nodes with `in_scope` and edges with `allowed`
    /// (given source node and edge position), starting from `roots`. Calls `emit` with each
    /// strongly connected component that contains at least one cycle.
    pub(crate) fn run<V: View>(
        &mut self,
        view: &V,
        roots: impl IntoIterator<Item = u32>,
        in_scope: impl Fn(u32) -> bool,
        allowed: impl Fn(u32, usize) -> bool,
        mut emit: impl FnMut(&[u32]),
    ) {
        self.counter = 0;
        for root in roots {
            if self.index[root as usize] != NONE || !in_scope(root) {
                continue;
            }
            self.visit(root, view.degree(root) as u32);
            while let Some(&(v, k, deg)) = self.call.last() {
                if k < deg {
                    let pos = k as usize;
                    if let Some(top) = self.call.last_mut() {
                        top.1 += 1;
                    }
                    if !allowed(v, pos) {
                        continue;
                    }
                    let w = view.target(v, pos);
                    if w == NONE || !in_scope(w) {
                        continue;
                    }
                    if self.index[w as usize] == NONE {
                        self.visit(w, view.degree(w) as u32);
                    } else if self.on_stack[w as usize] {
                        let iw = self.index[w as usize];
                        let lv = &mut self.low[v as usize];
                        if iw < *lv {
                            *lv = iw;
                        }
                    }
                } else {
                    self.call.pop();
                    let lv = self.low[v as usize];
                    if let Some(&(p, _, _)) = self.call.last() {
                        let lp = &mut self.low[p as usize];
                        if lv < *lp {
                            *lp = lv;
                        }
                    }
                    if lv == self.index[v as usize] {
                        let mut at = self.stack.len();
                        loop {
                            at -= 1;
                            let w = self.stack[at];
                            self.on_stack[w as usize] = false;
                            if w == v {
                                break;
                            }
                        }
                        let comp = &self.stack[at..];
                        let cyclic = comp.len() > 1
                            || (0..view.degree(v))
                                .any(|pos| allowed(v, pos) && view.target(v, pos) == v);
                        if cyclic {
                            emit(comp);
                        }
                        self.stack.truncate(at);
                    }
                }
            }
        }
    }

    fn visit(&mut self, v: u32, degree: u32) {
        self.index[v as usize] = self.counter;
        self.low[v as usize] = self.counter;
        self.counter = self.counter.wrapping_add(1);
        self.on_stack[v as usize] = true;
        self.stack.push(v);
        self.call.push((v, 0, degree));
    }
}
