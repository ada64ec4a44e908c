//! Translation of a temporal formula (NNF over [`Pred`]s, operators `[]` and `<>`) into a
//! transition-based generalized Büchi automaton, by tableau expansion (Gerth–Peled–Vardi–Wolper
//! style, as TLC's Manna–Pnueli tableau does in spirit).
//!
//! An automaton state is a set of obligations (formulas that must hold from the current position
//! on). A transition is labelled with a conjunction of predicates that must hold at the current
//! position (state bits of the source node, action bits of the step) and leads to the set of
//! obligations for the next position. Acceptance set `j` (one per `<>φ` subformula) contains the
//! transitions whose target does not carry the pending obligation `<>φ`.

use ahash::AHashMap;

use super::formula::{Nnf, Pred};
use super::LivenessError;

/// Maximum number of automaton states before giving up.
const MAX_STATES: usize = 4096;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Node {
    Pred(u32),
    And(Vec<u32>),
    Or(Vec<u32>),
    G(u32),
    F(u32),
}

/// A transition of the automaton.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Trans {
    /// Indices into [`Tgba::preds`]; all must hold.
    pub label: Vec<u32>,
    pub next: u32,
    pub acc: u64,
}

/// A transition-based generalized Büchi automaton.
#[derive(Debug)]
pub(crate) struct Tgba {
    pub preds: Vec<Pred>,
    /// Transitions per state; state 0 is initial.
    pub trans: Vec<Vec<Trans>>,
    /// Number of acceptance sets.
    pub n_acc: u32,
}

impl Tgba {
    pub(crate) fn full_acc(&self) -> u64 {
        if self.n_acc == 64 {
            u64::MAX
        } else {
            (1u64 << self.n_acc) - 1
        }
    }
}

struct Builder {
    nodes: Vec<Node>,
    map: AHashMap<Node, u32>,
    preds: Vec<Pred>,
    pred_map: AHashMap<Pred, u32>,
    /// Node id of each `<>` subformula, in acceptance-set order.
    fs: Vec<u32>,
}

impl Builder {
    fn intern(&mut self, n: Node) -> u32 {
        if let Some(&i) = self.map.get(&n) {
            return i;
        }
        let i = self.nodes.len() as u32;
        if matches!(n, Node::F(_)) {
            self.fs.push(i);
        }
        self.nodes.push(n.clone());
        self.map.insert(n, i);
        i
    }

    fn add(&mut self, f: &Nnf) -> u32 {
        let n = match f {
            Nnf::Pred(p) => {
                let id = match self.pred_map.get(p) {
                    Some(&i) => i,
                    None => {
                        let i = self.preds.len() as u32;
                        self.preds.push(p.clone());
                        self.pred_map.insert(p.clone(), i);
                        i
                    }
                };
                Node::Pred(id)
            }
            Nnf::And(xs) => Node::And(xs.iter().map(|x| self.add(x)).collect()),
            Nnf::Or(xs) => Node::Or(xs.iter().map(|x| self.add(x)).collect()),
            Nnf::G(x) => Node::G(self.add(x)),
            Nnf::F(x) => Node::F(self.add(x)),
        };
        self.intern(n)
    }

    /// All (label, next obligations) branches of an obligation set.
    fn expand(&self, obligations: &[u32]) -> Vec<(Vec<u32>, Vec<u32>)> {
        struct Branch {
            todo: Vec<u32>,
            done: Vec<u32>,
            now: Vec<u32>,
            next: Vec<u32>,
        }
        let mut out = vec![];
        let mut work = vec![Branch {
            todo: obligations.to_vec(),
            done: vec![],
            now: vec![],
            next: vec![],
        }];
        'outer: while let Some(mut b) = work.pop() {
            while let Some(f) = b.todo.pop() {
                if b.done.contains(&f) {
                    continue;
                }
                b.done.push(f);
                match &self.nodes[f as usize] {
                    Node::Pred(p) => match self.preds[*p as usize] {
                        Pred::True => {}
                        Pred::False => continue 'outer,
                        _ => {
                            if !b.now.contains(p) {
                                b.now.push(*p);
                            }
                        }
                    },
                    Node::And(xs) => b.todo.extend(xs.iter().copied()),
                    Node::Or(xs) if xs.is_empty() => continue 'outer,
                    Node::Or(xs) => {
                        for x in &xs[1..] {
                            let mut c = Branch {
                                todo: b.todo.clone(),
                                done: b.done.clone(),
                                now: b.now.clone(),
                                next: b.next.clone(),
                            };
                            c.todo.push(*x);
                            work.push(c);
                        }
                        b.todo.push(xs[0]);
                    }
                    Node::G(x) => {
                        b.todo.push(*x);
                        if !b.next.contains(&f) {
                            b.next.push(f);
                        }
                    }
                    Node::F(x) => {
                        // Branch 1: postpone; branch 2 (continued here): fulfil now.
                        let mut c = Branch {
                            todo: b.todo.clone(),
                            done: b.done.clone(),
                            now: b.now.clone(),
                            next: b.next.clone(),
                        };
                        if !c.next.contains(&f) {
                            c.next.push(f);
                        }
                        work.push(c);
                        b.todo.push(*x);
                    }
                }
            }
            // A literal and its negation make the label unsatisfiable.
            if b.now.iter().any(|p| {
                let neg = self.preds[*p as usize].negate();
                self.pred_map.get(&neg).is_some_and(|q| b.now.contains(q))
            }) {
                continue;
            }
            b.now.sort_unstable();
            b.next.sort_unstable();
            out.push((b.now, b.next));
        }
        out
    }
}

/// Builds the automaton for `f`.
pub(crate) fn translate(f: &Nnf) -> Result<Tgba, LivenessError> {
    let mut b = Builder {
        nodes: vec![],
        map: AHashMap::new(),
        preds: vec![],
        pred_map: AHashMap::new(),
        fs: vec![],
    };
    let root = b.add(f);
    if b.fs.len() > 64 {
        return Err(LivenessError::TooComplex(format!(
            "{} eventualities (<> subformulas); at most 64 are supported",
            b.fs.len()
        )));
    }
    let n_acc = b.fs.len() as u32;
    let mut states: Vec<Vec<u32>> = vec![vec![root]];
    let mut state_map: AHashMap<Vec<u32>, u32> = AHashMap::new();
    state_map.insert(vec![root], 0);
    let mut trans: Vec<Vec<Trans>> = vec![];
    let mut i = 0;
    while i < states.len() {
        let obligations = states[i].clone();
        let mut ts: Vec<Trans> = vec![];
        for (label, next) in b.expand(&obligations) {
            let mut acc = 0u64;
            for (j, fid) in b.fs.iter().enumerate() {
                if !next.contains(fid) {
                    acc |= 1 << j;
                }
            }
            let id = match state_map.get(&next) {
                Some(&id) => id,
                None => {
                    let id = states.len() as u32;
                    if states.len() >= MAX_STATES {
                        return Err(LivenessError::TooComplex(format!(
                            "the tableau has more than {MAX_STATES} states"
                        )));
                    }
                    states.push(next.clone());
                    state_map.insert(next, id);
                    id
                }
            };
            ts.push(Trans {
                label,
                next: id,
                acc,
            });
        }
        // Drop transitions subsumed by another with a weaker label, same target and more
        // acceptance marks.
        ts.sort_by(|a, b| a.label.len().cmp(&b.label.len()).then(b.acc.cmp(&a.acc)));
        ts.dedup();
        let mut kept: Vec<Trans> = vec![];
        for t in ts {
            let subsumed = kept.iter().any(|k| {
                k.next == t.next
                    && k.acc & t.acc == t.acc
                    && k.label.iter().all(|l| t.label.contains(l))
            });
            if !subsumed {
                kept.push(t);
            }
        }
        trans.push(kept);
        i += 1;
    }
    Ok(Tgba {
        preds: b.preds,
        trans,
        n_acc,
    })
}
