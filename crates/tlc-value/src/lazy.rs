//! Lazy (symbolic) sets: `a..b`, `Nat`, `Int`, `STRING`, `SUBSET S`, `[S -> T]`,
//! `[a : S, b : T]`, `Seq(S)`, `S1 \X ... \X Sn`, `UNION S`.
//!
//! Membership never enumerates; cardinality is computed arithmetically where possible;
//! enumeration yields elements in canonical order and is cached (`materialize`).
//! Infinite sets (`Nat`, `Int`, `STRING`, `Seq(S)`, and sets built from them) error when
//! enumerated.

use crate::error::{VResult, ValueError};
use crate::intern::Str;
use crate::value::{Hdr, SetValue, Value};
use num_bigint::BigInt;
use std::sync::{Arc, OnceLock};

/// The shape of a lazy set. Constructors normalize degenerate cases (empty intervals,
/// `[{} -> T]`, products with an empty factor, `Seq({})`, ...) to enumerated sets, so a
/// `LazyKind` is never empty except possibly `Union`.
#[derive(Debug)]
pub enum LazyKind {
    /// `Nat`.
    Nat,
    /// `Int`.
    Int,
    /// `STRING`.
    Strings,
    /// `lo..hi` with `lo <= hi`.
    Interval(i64, i64),
    /// `SUBSET S`.
    Subset(Value),
    /// `[S -> T]`.
    FuncSet(Value, Value),
    /// `[f1 : S1, ..., fn : Sn]`, fields sorted by `Str` order, n >= 1.
    RecordSet(Vec<(Str, Value)>),
    /// `Seq(S)` (S non-empty).
    SeqSet(Value),
    /// `S1 \X ... \X Sn` (n >= 1).
    Product(Vec<Value>),
    /// `UNION S`.
    Union(Value),
}

#[derive(Debug)]
struct LazyInner {
    kind: LazyKind,
    cache: OnceLock<SetValue>,
    hdr: Hdr,
}

/// A lazy set (shared; clones are cheap).
#[derive(Clone, Debug)]
pub struct LazySet(Arc<LazyInner>);

/// Sets larger than this are not materialized (nor fingerprinted element by element).
pub const MAX_ENUM: u64 = 1 << 28;

/// Cardinalities needing more bits than this are not computed (error instead).
pub const MAX_CARD_BITS: u64 = 1 << 16;

impl LazySet {
    pub(crate) fn new(kind: LazyKind) -> LazySet {
        LazySet(Arc::new(LazyInner {
            kind,
            cache: OnceLock::new(),
            hdr: Hdr::new(),
        }))
    }
    /// Its shape.
    pub fn kind(&self) -> &LazyKind {
        &self.0.kind
    }
    pub(crate) fn hdr(&self) -> &Hdr {
        &self.0.hdr
    }
    /// Whether another handle to this set exists (it is held by more than one value).
    pub fn is_shared(&self) -> bool {
        Arc::strong_count(&self.0) > 1
    }
    pub(crate) fn ptr_eq(&self, o: &LazySet) -> bool {
        Arc::ptr_eq(&self.0, &o.0)
    }
    /// The enumerated form if it has been computed already.
    pub fn cached(&self) -> Option<&SetValue> {
        self.0.cache.get()
    }

    /// Whether the set is finite.
    pub fn is_finite(&self) -> bool {
        match &self.0.kind {
            LazyKind::Nat | LazyKind::Int | LazyKind::Strings | LazyKind::SeqSet(_) => false,
            LazyKind::Interval(..) => true,
            LazyKind::Subset(s) => s.is_finite_set(),
            LazyKind::FuncSet(s, t) => s.is_finite_set() && t.is_finite_set(),
            LazyKind::RecordSet(f) => f.iter().all(|(_, s)| s.is_finite_set()),
            LazyKind::Product(f) => f.iter().all(|s| s.is_finite_set()),
            LazyKind::Union(s) => {
                s.is_finite_set()
                    && match s.to_set() {
                        Ok(ss) => ss.elems().iter().all(|e| e.is_finite_set()),
                        Err(_) => false,
                    }
            }
        }
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        match &self.0.kind {
            LazyKind::Union(s) => match s.to_set() {
                Ok(ss) => ss.elems().iter().all(|e| e.is_empty_set()),
                Err(_) => false,
            },
            _ => false,
        }
    }

    /// The elements in canonical order (computed once, then cached).
    pub fn materialize(&self) -> VResult<SetValue> {
        if let Some(s) = self.0.cache.get() {
            return Ok(s.clone());
        }
        let s = self.enumerate()?;
        let _ = self.0.cache.set(s.clone());
        Ok(s)
    }

    fn too_large(&self) -> ValueError {
        ValueError::TooLarge {
            what: format!("the cardinality of {}", crate::display::Symbolic(self)),
        }
    }

    fn not_enumerable(&self) -> ValueError {
        ValueError::NotEnumerable {
            set: Value::Lazy(self.clone()),
        }
    }

    fn check_size(&self) -> VResult<u64> {
        match self.cardinality()? {
            Value::Int(n) if (n as u64) <= MAX_ENUM => Ok(n as u64),
            _ => Err(ValueError::TooLarge {
                what: format!("{}", crate::display::Symbolic(self)),
            }),
        }
    }

    fn enumerate(&self) -> VResult<SetValue> {
        if !self.is_finite() {
            return Err(self.not_enumerable());
        }
        match &self.0.kind {
            LazyKind::Union(s) => {
                let mut out = Vec::new();
                for e in s.to_set()?.elems() {
                    out.extend(e.to_set()?.elems().iter().cloned());
                }
                Ok(SetValue::new(out))
            }
            LazyKind::Interval(lo, hi) => {
                self.check_size()?;
                Ok(SetValue::from_sorted((*lo..=*hi).map(Value::Int).collect()))
            }
            _ => {
                let n = self.check_size()?;
                let mut out: Vec<Value> = Vec::with_capacity(n as usize);
                out.extend(self.stream()?);
                Ok(SetValue::from_sorted(out))
            }
        }
    }

    /// A streaming enumerator (canonical order, nothing cached) for `SUBSET`, `[S -> T]`,
    /// record sets and products; other shapes are materialized.
    pub fn stream(&self) -> VResult<LazyStream> {
        if !self.is_finite() {
            return Err(self.not_enumerable());
        }
        Ok(match &self.0.kind {
            LazyKind::Subset(s) => {
                let elems = s.to_set()?;
                if elems.len() >= 63 {
                    return Err(ValueError::TooLarge {
                        what: format!("{}", crate::display::Symbolic(self)),
                    });
                }
                LazyStream::Subset {
                    elems,
                    idx: Vec::new(),
                    done: false,
                }
            }
            LazyKind::FuncSet(s, t) => {
                let dom = s.to_set()?;
                let rng = t.to_set()?;
                let n = dom.len();
                LazyStream::Odometer {
                    shape: Shape::Func(dom),
                    sets: vec![rng; n],
                    digits: vec![0; n],
                    done: false,
                }
            }
            LazyKind::RecordSet(fields) => LazyStream::Odometer {
                shape: Shape::Record(fields.iter().map(|(f, _)| *f).collect()),
                sets: fields
                    .iter()
                    .map(|(_, s)| s.to_set())
                    .collect::<VResult<_>>()?,
                digits: vec![0; fields.len()],
                done: false,
            },
            LazyKind::Product(factors) => LazyStream::Odometer {
                shape: Shape::Tuple,
                sets: factors.iter().map(|s| s.to_set()).collect::<VResult<_>>()?,
                digits: vec![0; factors.len()],
                done: false,
            },
            _ => LazyStream::Done(self.materialize()?, 0),
        })
    }

    /// `\in` without enumerating.
    pub fn member(&self, x: &Value) -> VResult<bool> {
        Ok(match &self.0.kind {
            LazyKind::Nat => match x {
                Value::Int(i) => *i >= 0,
                Value::BigInt(b) => b.sign() != num_bigint::Sign::Minus,
                _ => return non_member(x, self),
            },
            LazyKind::Int => match x {
                Value::Int(_) | Value::BigInt(_) => true,
                _ => return non_member(x, self),
            },
            LazyKind::Strings => match x {
                Value::Str(_) => true,
                _ => return non_member(x, self),
            },
            LazyKind::Interval(lo, hi) => match x {
                Value::Int(i) => lo <= i && i <= hi,
                Value::BigInt(_) => false,
                _ => return non_member(x, self),
            },
            LazyKind::Subset(s) => {
                if !x.is_set() {
                    return non_member(x, self);
                }
                for e in x.set_iter()? {
                    if !s.member(&e)? {
                        return Ok(false);
                    }
                }
                true
            }
            LazyKind::FuncSet(s, t) => {
                if !x.is_func() {
                    return non_member(x, self);
                }
                if x.domain()? != *s {
                    return Ok(false);
                }
                for v in x.func_values() {
                    if !t.member(v)? {
                        return Ok(false);
                    }
                }
                true
            }
            LazyKind::RecordSet(fields) => match x {
                Value::Record(r) => {
                    r.len() == fields.len() && {
                        for ((f1, v), (f2, s)) in r.fields().iter().zip(fields) {
                            if f1 != f2 || !s.member(v)? {
                                return Ok(false);
                            }
                        }
                        true
                    }
                }
                _ if x.is_func() => false,
                _ => return non_member(x, self),
            },
            LazyKind::SeqSet(s) => match x {
                Value::Tuple(t) => {
                    for v in t.elems() {
                        if !s.member(v)? {
                            return Ok(false);
                        }
                    }
                    true
                }
                _ if x.is_func() => false,
                _ => return non_member(x, self),
            },
            LazyKind::Product(factors) => match x {
                Value::Tuple(t) => {
                    t.len() == factors.len() && {
                        for (v, s) in t.elems().iter().zip(factors) {
                            if !s.member(v)? {
                                return Ok(false);
                            }
                        }
                        true
                    }
                }
                _ if x.is_func() => false,
                _ => return non_member(x, self),
            },
            LazyKind::Union(s) => {
                for e in s.set_iter()? {
                    if e.member(x)? {
                        return Ok(true);
                    }
                }
                false
            }
        })
    }

    /// `Cardinality(S)` (an integer value; errors for infinite sets).
    pub fn cardinality(&self) -> VResult<Value> {
        let card = |v: &Value| -> VResult<BigInt> {
            match v.cardinality()? {
                Value::Int(i) => Ok(BigInt::from(i)),
                Value::BigInt(b) => Ok((*b).clone()),
                _ => Err(ValueError::Other("cardinality is not an integer".into())),
            }
        };
        Ok(match &self.0.kind {
            LazyKind::Nat | LazyKind::Int | LazyKind::Strings | LazyKind::SeqSet(_) => {
                return Err(self.not_enumerable())
            }
            LazyKind::Interval(lo, hi) => {
                Value::big(BigInt::from(*hi) - BigInt::from(*lo) + BigInt::from(1))
            }
            LazyKind::Subset(s) => {
                let n = s.cardinality()?.as_i64("SUBSET")?;
                if n < 63 {
                    Value::Int(1i64 << n)
                } else if n <= MAX_CARD_BITS as i64 {
                    Value::big(BigInt::from(1) << (n as usize))
                } else {
                    return Err(self.too_large());
                }
            }
            LazyKind::FuncSet(s, t) => {
                let n = s.cardinality()?.as_i64("[S -> T]")?;
                let m = card(t)?;
                if n > 1 && (m.bits() as u128) * (n as u128) > MAX_CARD_BITS as u128 {
                    return Err(self.too_large());
                }
                Value::big(num_traits::pow::pow(m, n as usize))
            }
            LazyKind::RecordSet(fields) => {
                let mut p = BigInt::from(1);
                for (_, s) in fields {
                    p *= card(s)?;
                }
                Value::big(p)
            }
            LazyKind::Product(factors) => {
                let mut p = BigInt::from(1);
                for s in factors {
                    p *= card(s)?;
                }
                Value::big(p)
            }
            LazyKind::Union(_) => Value::Int(self.materialize()?.len() as i64),
        })
    }
}

fn non_member(x: &Value, set: &LazySet) -> VResult<bool> {
    match x {
        Value::Model(m) if m.type_char().is_none() => Ok(false),
        _ => {
            // TLC reports an error for e.g. `"a" \in Nat`; we do too.
            Err(ValueError::Other(format!(
                "Attempted to check if the value {x} is an element of {}",
                Value::Lazy(set.clone())
            )))
        }
    }
}

/// What the odometer builds from one value per position.
#[derive(Debug)]
pub enum Shape {
    /// Functions on this (sorted) domain.
    Func(SetValue),
    /// Records with these (sorted) fields.
    Record(Vec<Str>),
    /// Tuples.
    Tuple,
}

/// Streaming enumeration of a lazy set, in canonical order.
#[derive(Debug)]
pub enum LazyStream {
    /// `SUBSET`: subsets by size, then lexicographically (index combinations).
    Subset {
        /// The base set.
        elems: SetValue,
        /// Current combination (indices into `elems`).
        idx: Vec<usize>,
        /// Finished.
        done: bool,
    },
    /// Functions, records, tuples: one digit per position, first position most
    /// significant.
    Odometer {
        /// What to build.
        shape: Shape,
        /// The set each position ranges over.
        sets: Vec<SetValue>,
        /// Current digits.
        digits: Vec<usize>,
        /// Finished.
        done: bool,
    },
    /// Elements of an enumerated set, from an index.
    Done(SetValue, usize),
}

impl Iterator for LazyStream {
    type Item = Value;
    fn next(&mut self) -> Option<Value> {
        match self {
            LazyStream::Done(s, i) => {
                let v = s.elems().get(*i)?.clone();
                *i += 1;
                Some(v)
            }
            LazyStream::Subset { elems, idx, done } => {
                if *done {
                    return None;
                }
                let e = elems.elems();
                let out = Value::Set(SetValue::from_sorted(
                    idx.iter().map(|&i| e[i].clone()).collect(),
                ));
                // advance to the next combination of the same size, or the first of the
                // next size
                let n = e.len();
                let k = idx.len();
                let mut i = k;
                loop {
                    if i == 0 {
                        if k == n {
                            *done = true;
                        } else {
                            *idx = (0..k + 1).collect();
                        }
                        break;
                    }
                    i -= 1;
                    if idx[i] < n - k + i {
                        idx[i] += 1;
                        for j in i + 1..k {
                            idx[j] = idx[j - 1] + 1;
                        }
                        break;
                    }
                }
                Some(out)
            }
            LazyStream::Odometer {
                shape,
                sets,
                digits,
                done,
            } => {
                if *done {
                    return None;
                }
                if sets.iter().any(|s| s.is_empty()) {
                    *done = true;
                    return None;
                }
                let vals = digits
                    .iter()
                    .zip(sets.iter())
                    .map(|(&d, s)| s.elems()[d].clone());
                let out = match shape {
                    Shape::Tuple => Value::tuple(vals),
                    Shape::Record(f) => Value::Record(crate::value::RecordValue::from_sorted(
                        f.iter().copied().zip(vals).collect(),
                    )),
                    Shape::Func(dom) => {
                        Value::func_from_sorted(dom.elems().iter().cloned().zip(vals).collect())
                    }
                };
                let mut i = digits.len();
                loop {
                    if i == 0 {
                        *done = true;
                        break;
                    }
                    i -= 1;
                    digits[i] += 1;
                    if digits[i] < sets[i].len() {
                        break;
                    }
                    digits[i] = 0;
                }
                Some(out)
            }
        }
    }
}

impl Value {
    /// `SUBSET s`.
    pub fn subset(s: &Value) -> VResult<Value> {
        s.expect_set("SUBSET")?;
        Ok(Value::Lazy(LazySet::new(LazyKind::Subset(s.clone()))))
    }
    /// `[s -> t]`.
    pub fn func_set(s: &Value, t: &Value) -> VResult<Value> {
        s.expect_set("[S -> T]")?;
        t.expect_set("[S -> T]")?;
        if s.is_empty_set() {
            return Ok(Value::set([Value::empty_tuple()]));
        }
        if t.is_empty_set() {
            return Ok(Value::empty_set());
        }
        Ok(Value::Lazy(LazySet::new(LazyKind::FuncSet(
            s.clone(),
            t.clone(),
        ))))
    }
    /// `[f1 : S1, ..., fn : Sn]` (fields in any order).
    pub fn record_set(fields: impl IntoIterator<Item = (Str, Value)>) -> VResult<Value> {
        let mut f: Vec<(Str, Value)> = fields.into_iter().collect();
        for (_, s) in &f {
            s.expect_set("[f : S]")?;
        }
        f.sort_by_key(|a| a.0);
        f.dedup_by(|b, a| a.0 == b.0);
        if f.is_empty() {
            return Ok(Value::set([Value::empty_tuple()]));
        }
        if f.iter().any(|(_, s)| s.is_empty_set()) {
            return Ok(Value::empty_set());
        }
        Ok(Value::Lazy(LazySet::new(LazyKind::RecordSet(f))))
    }
    /// `Seq(s)`.
    pub fn seq_set(s: &Value) -> VResult<Value> {
        s.expect_set("Seq")?;
        if s.is_empty_set() {
            return Ok(Value::set([Value::empty_tuple()]));
        }
        Ok(Value::Lazy(LazySet::new(LazyKind::SeqSet(s.clone()))))
    }
    /// `s1 \X ... \X sn`.
    pub fn product(factors: Vec<Value>) -> VResult<Value> {
        for s in &factors {
            s.expect_set("\\X")?;
        }
        if factors.is_empty() {
            return Ok(Value::set([Value::empty_tuple()]));
        }
        if factors.iter().any(|s| s.is_empty_set()) {
            return Ok(Value::empty_set());
        }
        Ok(Value::Lazy(LazySet::new(LazyKind::Product(factors))))
    }
    /// `UNION s` (lazy; enumerated on demand).
    pub fn big_union(s: &Value) -> VResult<Value> {
        s.expect_set("UNION")?;
        Ok(Value::Lazy(LazySet::new(LazyKind::Union(s.clone()))))
    }

    pub(crate) fn expect_set(&self, op: &'static str) -> VResult<()> {
        if self.is_set() {
            Ok(())
        } else {
            Err(ValueError::TypeMismatch {
                expected: "a set",
                op,
                got: self.clone(),
            })
        }
    }

    /// Whether this is a finite set (false for non-sets).
    pub fn is_finite_set(&self) -> bool {
        match self {
            Value::Set(_) => true,
            Value::Lazy(l) => l.is_finite(),
            _ => false,
        }
    }
}
