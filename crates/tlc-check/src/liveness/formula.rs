//! Temporal formulas over evaluator-supplied atoms, negation normal form and predicates.

use std::fmt;

/// A temporal formula over atoms whose truth values the caller supplies.
///
/// Semantics (TLA+): a behaviour is an infinite sequence of states `s0 s1 s2 ...`; position `i`
/// sees the state `s_i` and the step `(s_i, s_{i+1})` (which may be a stuttering step).
/// [`Ltl::State`] atoms are evaluated on `s_i`, [`Ltl::Action`] atoms on the step. A formula
/// holds for a behaviour if it holds at position 0.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Ltl {
    /// A constant.
    Bool(bool),
    /// A state predicate (e.g. `x = 1`, or `ENABLED <<A>>_v`); the id indexes the per-node
    /// state-atom bitset recorded in the graph.
    State(u32),
    /// A predicate of a step `(s, t)` (e.g. `<<A>>_v`, `[A]_v`); the id indexes the per-edge
    /// action-atom bitset recorded in the graph (and the per-node stuttering-step bitset).
    Action(u32),
    /// Negation.
    Not(Box<Ltl>),
    /// Conjunction (empty = TRUE).
    And(Vec<Ltl>),
    /// Disjunction (empty = FALSE).
    Or(Vec<Ltl>),
    /// Implication `a => b`.
    Implies(Box<Ltl>, Box<Ltl>),
    /// Equivalence `a <=> b`.
    Equiv(Box<Ltl>, Box<Ltl>),
    /// `[]a`.
    Always(Box<Ltl>),
    /// `<>a`.
    Eventually(Box<Ltl>),
    /// `a ~> b`, i.e. `[](a => <>b)`.
    LeadsTo(Box<Ltl>, Box<Ltl>),
}

impl Ltl {
    /// `~a`.
    #[allow(clippy::should_implement_trait)]
    pub fn not(a: Ltl) -> Ltl {
        Ltl::Not(Box::new(a))
    }
    /// `[]a`.
    pub fn always(a: Ltl) -> Ltl {
        Ltl::Always(Box::new(a))
    }
    /// `<>a`.
    pub fn eventually(a: Ltl) -> Ltl {
        Ltl::Eventually(Box::new(a))
    }
    /// `a => b`.
    pub fn implies(a: Ltl, b: Ltl) -> Ltl {
        Ltl::Implies(Box::new(a), Box::new(b))
    }
    /// `a ~> b`.
    pub fn leads_to(a: Ltl, b: Ltl) -> Ltl {
        Ltl::LeadsTo(Box::new(a), Box::new(b))
    }
    /// `[]<>a`.
    pub fn always_eventually(a: Ltl) -> Ltl {
        Ltl::always(Ltl::eventually(a))
    }
    /// `<>[]a`.
    pub fn eventually_always(a: Ltl) -> Ltl {
        Ltl::eventually(Ltl::always(a))
    }
    /// `WF_v(A)` given the state atom for `ENABLED <<A>>_v` and the action atom for `<<A>>_v`:
    /// `[]<>~ENABLED <<A>>_v \/ []<><<A>>_v`.
    pub fn weak_fairness(enabled: u32, angle_action: u32) -> Ltl {
        Ltl::Or(vec![
            Ltl::always_eventually(Ltl::not(Ltl::State(enabled))),
            Ltl::always_eventually(Ltl::Action(angle_action)),
        ])
    }
    /// `SF_v(A)` given the state atom for `ENABLED <<A>>_v` and the action atom for `<<A>>_v`:
    /// `<>[]~ENABLED <<A>>_v \/ []<><<A>>_v`.
    pub fn strong_fairness(enabled: u32, angle_action: u32) -> Ltl {
        Ltl::Or(vec![
            Ltl::eventually_always(Ltl::not(Ltl::State(enabled))),
            Ltl::always_eventually(Ltl::Action(angle_action)),
        ])
    }
    /// `[][A]_v` given the action atom for `[A]_v` (only for use inside larger formulas; prefer
    /// [`crate::liveness::find_action_violation`] for a top-level action property).
    pub fn always_action(square_action: u32) -> Ltl {
        Ltl::always(Ltl::Action(square_action))
    }
}

impl fmt::Display for Ltl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn list(f: &mut fmt::Formatter<'_>, xs: &[Ltl], op: &str, empty: &str) -> fmt::Result {
            if xs.is_empty() {
                return write!(f, "{empty}");
            }
            write!(f, "(")?;
            for (i, x) in xs.iter().enumerate() {
                if i > 0 {
                    write!(f, " {op} ")?;
                }
                write!(f, "{x}")?;
            }
            write!(f, ")")
        }
        match self {
            Ltl::Bool(b) => write!(f, "{}", if *b { "TRUE" } else { "FALSE" }),
            Ltl::State(i) => write!(f, "s{i}"),
            Ltl::Action(i) => write!(f, "a{i}"),
            Ltl::Not(a) => write!(f, "~{a}"),
            Ltl::And(xs) => list(f, xs, "/\\", "TRUE"),
            Ltl::Or(xs) => list(f, xs, "\\/", "FALSE"),
            Ltl::Implies(a, b) => write!(f, "({a} => {b})"),
            Ltl::Equiv(a, b) => write!(f, "({a} <=> {b})"),
            Ltl::Always(a) => write!(f, "[]{a}"),
            Ltl::Eventually(a) => write!(f, "<>{a}"),
            Ltl::LeadsTo(a, b) => write!(f, "({a} ~> {b})"),
        }
    }
}

/// An atom reference inside a [`Pred`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Atom {
    State(u32),
    Action(u32),
}

/// A non-temporal predicate in negation normal form, evaluated on one position
/// (state bits of the source node, action bits of the step).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Pred {
    True,
    False,
    Lit(Atom, bool),
    And(Vec<Pred>),
    Or(Vec<Pred>),
}

/// Whether a sorted list contains some literal and its negation.
fn has_complementary_literals(xs: &[Pred]) -> bool {
    xs.windows(2).any(|w| match (&w[0], &w[1]) {
        (Pred::Lit(a, p), Pred::Lit(b, q)) => a == b && p != q,
        _ => false,
    })
}

#[inline]
pub(crate) fn bit(words: &[u64], i: u32) -> bool {
    (words[(i >> 6) as usize] >> (i & 63)) & 1 == 1
}

impl Pred {
    /// Evaluates on state bits `s` and step bits `a`.
    pub(crate) fn eval(&self, s: &[u64], a: &[u64]) -> bool {
        match self {
            Pred::True => true,
            Pred::False => false,
            Pred::Lit(Atom::State(i), pos) => bit(s, *i) == *pos,
            Pred::Lit(Atom::Action(i), pos) => bit(a, *i) == *pos,
            Pred::And(xs) => xs.iter().all(|x| x.eval(s, a)),
            Pred::Or(xs) => xs.iter().any(|x| x.eval(s, a)),
        }
    }

    /// Whether only state atoms occur.
    pub(crate) fn is_state_level(&self) -> bool {
        match self {
            Pred::True | Pred::False => true,
            Pred::Lit(Atom::State(_), _) => true,
            Pred::Lit(Atom::Action(_), _) => false,
            Pred::And(xs) | Pred::Or(xs) => xs.iter().all(Pred::is_state_level),
        }
    }

    /// The literals if this is a disjunction of literals (a clause), `None` otherwise.
    pub(crate) fn clause(&self) -> Option<Vec<(Atom, bool)>> {
        match self {
            Pred::False => Some(vec![]),
            Pred::Lit(a, p) => Some(vec![(*a, *p)]),
            Pred::Or(xs) => {
                let mut out = vec![];
                for x in xs {
                    out.extend(x.clause()?);
                }
                Some(out)
            }
            _ => None,
        }
    }

    pub(crate) fn negate(&self) -> Pred {
        match self {
            Pred::True => Pred::False,
            Pred::False => Pred::True,
            Pred::Lit(a, p) => Pred::Lit(*a, !p),
            Pred::And(xs) => Pred::or(xs.iter().map(Pred::negate).collect()),
            Pred::Or(xs) => Pred::and(xs.iter().map(Pred::negate).collect()),
        }
    }

    pub(crate) fn and(xs: Vec<Pred>) -> Pred {
        let mut out = vec![];
        for x in xs {
            match x {
                Pred::True => {}
                Pred::False => return Pred::False,
                Pred::And(ys) => out.extend(ys),
                y => out.push(y),
            }
        }
        out.sort();
        out.dedup();
        if has_complementary_literals(&out) {
            return Pred::False;
        }
        match out.len() {
            0 => Pred::True,
            1 => out.pop().unwrap_or(Pred::True),
            _ => Pred::And(out),
        }
    }

    pub(crate) fn or(xs: Vec<Pred>) -> Pred {
        let mut out = vec![];
        for x in xs {
            match x {
                Pred::False => {}
                Pred::True => return Pred::True,
                Pred::Or(ys) => out.extend(ys),
                y => out.push(y),
            }
        }
        out.sort();
        out.dedup();
        if has_complementary_literals(&out) {
            return Pred::True;
        }
        match out.len() {
            0 => Pred::False,
            1 => out.pop().unwrap_or(Pred::False),
            _ => Pred::Or(out),
        }
    }

    pub(crate) fn atoms(&self, out: &mut Vec<Atom>) {
        match self {
            Pred::True | Pred::False => {}
            Pred::Lit(a, _) => out.push(*a),
            Pred::And(xs) | Pred::Or(xs) => xs.iter().for_each(|x| x.atoms(out)),
        }
    }
}

/// A temporal formula in negation normal form; maximal non-temporal subformulas are [`Pred`]s.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Nnf {
    Pred(Pred),
    And(Vec<Nnf>),
    Or(Vec<Nnf>),
    G(Box<Nnf>),
    F(Box<Nnf>),
}

impl Nnf {
    pub(crate) fn tt() -> Nnf {
        Nnf::Pred(Pred::True)
    }
    pub(crate) fn ff() -> Nnf {
        Nnf::Pred(Pred::False)
    }

    pub(crate) fn and(xs: Vec<Nnf>) -> Nnf {
        let mut preds = vec![];
        let mut out = vec![];
        for x in xs {
            match x {
                Nnf::Pred(p) => preds.push(p),
                Nnf::And(ys) => {
                    for y in ys {
                        match y {
                            Nnf::Pred(p) => preds.push(p),
                            y => out.push(y),
                        }
                    }
                }
                y => out.push(y),
            }
        }
        let p = Pred::and(preds);
        if p == Pred::False {
            return Nnf::ff();
        }
        if p != Pred::True {
            out.push(Nnf::Pred(p));
        }
        out.sort();
        out.dedup();
        match out.len() {
            0 => Nnf::tt(),
            1 => out.pop().unwrap_or_else(Nnf::tt),
            _ => Nnf::And(out),
        }
    }

    pub(crate) fn or(xs: Vec<Nnf>) -> Nnf {
        let mut preds = vec![];
        let mut out = vec![];
        for x in xs {
            match x {
                Nnf::Pred(p) => preds.push(p),
                Nnf::Or(ys) => {
                    for y in ys {
                        match y {
                            Nnf::Pred(p) => preds.push(p),
                            y => out.push(y),
                        }
                    }
                }
                y => out.push(y),
            }
        }
        let p = Pred::or(preds);
        if p == Pred::True {
            return Nnf::tt();
        }
        if p != Pred::False {
            out.push(Nnf::Pred(p));
        }
        out.sort();
        out.dedup();
        match out.len() {
            0 => Nnf::ff(),
            1 => out.pop().unwrap_or_else(Nnf::ff),
            _ => Nnf::Or(out),
        }
    }

    pub(crate) fn g(x: Nnf) -> Nnf {
        match x {
            Nnf::Pred(Pred::True) | Nnf::Pred(Pred::False) => x,
            Nnf::G(_) => x,
            // []<>[]p = <>[]p
            Nnf::F(ref inner) if matches!(**inner, Nnf::G(_)) => x,
            x => Nnf::G(Box::new(x)),
        }
    }

    pub(crate) fn f(x: Nnf) -> Nnf {
        match x {
            Nnf::Pred(Pred::True) | Nnf::Pred(Pred::False) => x,
            Nnf::F(_) => x,
            // <>[]<>p = []<>p
            Nnf::G(ref inner) if matches!(**inner, Nnf::F(_)) => x,
            x => Nnf::F(Box::new(x)),
        }
    }

    /// Negation normal form of `f` (negated if `neg`).
    pub(crate) fn from_ltl(f: &Ltl, neg: bool) -> Nnf {
        match f {
            Ltl::Bool(b) => Nnf::Pred(if *b != neg { Pred::True } else { Pred::False }),
            Ltl::State(i) => Nnf::Pred(Pred::Lit(Atom::State(*i), !neg)),
            Ltl::Action(i) => Nnf::Pred(Pred::Lit(Atom::Action(*i), !neg)),
            Ltl::Not(a) => Nnf::from_ltl(a, !neg),
            Ltl::And(xs) => {
                let ys = xs.iter().map(|x| Nnf::from_ltl(x, neg)).collect();
                if neg {
                    Nnf::or(ys)
                } else {
                    Nnf::and(ys)
                }
            }
            Ltl::Or(xs) => {
                if neg {
                    if let Some(n) = Nnf::negated_case_split(xs) {
                        return n;
                    }
                }
                let ys = xs.iter().map(|x| Nnf::from_ltl(x, neg)).collect();
                if neg {
                    Nnf::and(ys)
                } else {
                    Nnf::or(ys)
                }
            }
            Ltl::Implies(a, b) => {
                // a => b  ==  ~a \/ b
                let na = Nnf::from_ltl(a, !neg);
                let nb = Nnf::from_ltl(b, neg);
                if neg {
                    Nnf::and(vec![Nnf::from_ltl(a, false), nb])
                } else {
                    Nnf::or(vec![na, nb])
                }
            }
            Ltl::Equiv(a, b) => {
                // (a /\ b) \/ (~a /\ ~b); negated: (a /\ ~b) \/ (~a /\ b)
                let pa = Nnf::from_ltl(a, false);
                let na = Nnf::from_ltl(a, true);
                let pb = Nnf::from_ltl(b, false);
                let nb = Nnf::from_ltl(b, true);
                if neg {
                    Nnf::or(vec![Nnf::and(vec![pa, nb]), Nnf::and(vec![na, pb])])
                } else {
                    Nnf::or(vec![Nnf::and(vec![pa, pb]), Nnf::and(vec![na, nb])])
                }
            }
            Ltl::Always(a) => {
                let x = Nnf::from_ltl(a, neg);
                if neg {
                    Nnf::f(x)
                } else {
                    Nnf::g(x)
                }
            }
            Ltl::Eventually(a) => {
                let x = Nnf::from_ltl(a, neg);
                if neg {
                    Nnf::g(x)
                } else {
                    Nnf::f(x)
                }
            }
            Ltl::LeadsTo(a, b) => {
                // [](~a \/ <>b); negated: <>(a /\ []~b)
                if neg {
                    Nnf::f(Nnf::and(vec![
                        Nnf::from_ltl(a, false),
                        Nnf::g(Nnf::from_ltl(b, true)),
                    ]))
                } else {
                    Nnf::g(Nnf::or(vec![
                        Nnf::from_ltl(a, true),
                        Nnf::f(Nnf::from_ltl(b, false)),
                    ]))
                }
            }
        }
    }

    /// The negation of a case split `(c /\ A) \/ (~c /\ B)` (what `IF c THEN A ELSE B`
    /// compiles to) in disjunctive form, `(c /\ ~A) \/ (~c /\ ~B)`, which is equivalent
    /// because exactly one of `c`, `~c` holds. The plain negation, `(~c \/ ~A) /\ (c \/ ~B)`,
    /// is a conjunction of disjunctions that only the tableau can take; this form gives two
    /// branches that usually need none. `None` if `xs` is not such a pair.
    fn negated_case_split(xs: &[Ltl]) -> Option<Nnf> {
        let [Ltl::And(a), Ltl::And(b)] = xs else {
            return None;
        };
        let complementary = |x: &Ltl, y: &Ltl| {
            matches!(y, Ltl::Not(z) if **z == *x) || matches!(x, Ltl::Not(z) if **z == *y)
        };
        let (i, j) = a
            .iter()
            .enumerate()
            .find_map(|(i, x)| b.iter().position(|y| complementary(x, y)).map(|j| (i, j)))?;
        let case = |xs: &[Ltl], k: usize| {
            let rest = Ltl::And(
                xs.iter()
                    .enumerate()
                    .filter(|&(m, _)| m != k)
                    .map(|(_, x)| x.clone())
                    .collect(),
            );
            Nnf::and(vec![
                Nnf::from_ltl(&xs[k], false),
                Nnf::from_ltl(&rest, true),
            ])
        };
        Some(Nnf::or(vec![case(a, i), case(b, j)]))
    }

    /// Top-level conjuncts.
    pub(crate) fn conjuncts(self) -> Vec<Nnf> {
        match self {
            Nnf::And(xs) => xs,
            Nnf::Pred(Pred::True) => vec![],
            x => vec![x],
        }
    }

    /// Top-level disjuncts.
    pub(crate) fn disjuncts(self) -> Vec<Nnf> {
        match self {
            Nnf::Or(xs) => xs,
            Nnf::Pred(Pred::False) => vec![],
            x => vec![x],
        }
    }

    pub(crate) fn atoms(&self, out: &mut Vec<Atom>) {
        match self {
            Nnf::Pred(p) => p.atoms(out),
            Nnf::And(xs) | Nnf::Or(xs) => xs.iter().for_each(|x| x.atoms(out)),
            Nnf::G(x) | Nnf::F(x) => x.atoms(out),
        }
    }
}

/// Converts a non-temporal formula into a predicate, `None` if it contains a temporal operator.
pub(crate) fn to_pred(f: &Ltl) -> Option<Pred> {
    match Nnf::from_ltl(f, false) {
        Nnf::Pred(p) => Some(p),
        _ => None,
    }
}
