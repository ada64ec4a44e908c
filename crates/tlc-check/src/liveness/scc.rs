//! Iterative Tarjan SCC decomposition over a product view (no recursion: safe on 10^7 nodes).

use super::product::View;

pub(crate) const NONE: u32 = u32::MAX;
/// Index of a node whose component is complete (visited, no longer on the stack).
const DONE: u32 = u32::MAX - 1;

/// Reusable scratch arrays, sized to the number of product nodes. Per node one `[index, low]`
/// pair (one cache line access per visited edge target); "on stack" is `index < DONE`.
pub(crate) struct Tarjan {
    st: Vec<[u32; 2]>,
    stack: Vec<u32>,
    call: Vec<(u32, u32, u32)>,
    counter: u32,
}

impl Tarjan {
    pub(crate) fn new(n: usize) -> Self {
        Tarjan {
            st: vec![[NONE, 0]; n],
            stack: vec![],
            call: vec![],
            counter: 0,
        }
    }

    /// Forgets the visit marks of `nodes` so they can be decomposed again.
    pub(crate) fn reset(&mut self, nodes: &[u32]) {
        for &v in nodes {
            self.st[v as usize] = [NONE, 0];
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
            if self.st[root as usize][0] != NONE || !in_scope(root) {
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
                    let iw = self.st[w as usize][0];
                    if iw == NONE {
                        self.visit(w, view.degree(w) as u32);
                    } else if iw != DONE {
                        let lv = &mut self.st[v as usize][1];
                        if iw < *lv {
                            *lv = iw;
                        }
                    }
                } else {
                    self.call.pop();
                    let [iv, lv] = self.st[v as usize];
                    if let Some(&(p, _, _)) = self.call.last() {
                        let lp = &mut self.st[p as usize][1];
                        if lv < *lp {
                            *lp = lv;
                        }
                    }
                    if lv == iv {
                        let mut at = self.stack.len();
                        loop {
                            at -= 1;
                            let w = self.stack[at];
                            self.st[w as usize][0] = DONE;
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
        self.st[v as usize] = [self.counter, self.counter];
        self.counter += 1;
        self.stack.push(v);
        self.call.push((v, 0, degree));
    }
}
