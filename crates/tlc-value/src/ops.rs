//! Set, function and sequence operations.

use crate::error::{VResult, ValueError};
use crate::intern::Str;
use crate::lazy::{LazyKind, LazyStream};

/// Lazy sets with more elements than this are streamed by [`Value::set_iter`] instead of
/// being materialized and cached.
pub const STREAM_ABOVE: i64 = 1 << 16;
use crate::order::comparable;
use crate::value::{FuncValue, RecordValue, SetValue, TupleValue, Value};
use std::cmp::Ordering;

/// An iterator over the elements of a finite set, in canonical order (owns a reference to
/// the set, so it does not borrow the value).
pub enum SetIter {
    /// Elements of an enumerated set, from the given index.
    Slice(SetValue, usize),
    /// An integer interval.
    Range(std::ops::RangeInclusive<i64>),
    /// A large lazy set enumerated on the fly (not cached).
    Stream(Box<LazyStream>),
}

impl Iterator for SetIter {
    type Item = Value;
    #[inline]
    fn next(&mut self) -> Option<Value> {
        match self {
            SetIter::Slice(s, i) => {
                let v = s.elems().get(*i)?.clone();
                *i += 1;
                Some(v)
            }
            SetIter::Range(r) => r.next().map(Value::Int),
            SetIter::Stream(st) => st.next(),
        }
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            SetIter::Slice(s, i) => {
                let n = s.len().saturating_sub(*i);
                (n, Some(n))
            }
            SetIter::Range(r) => r.size_hint(),
            SetIter::Stream(_) => (0, None),
        }
    }
}

/// Iterator over the results (range values) of a function, in domain order.
pub enum FuncValues<'a> {
    /// Tuple elements.
    Slice(std::slice::Iter<'a, Value>),
    /// Record fields.
    Fields(std::slice::Iter<'a, (Str, Value)>),
    /// Function pairs.
    Pairs(std::slice::Iter<'a, (Value, Value)>),
    /// Not a function.
    None,
}

impl<'a> Iterator for FuncValues<'a> {
    type Item = &'a Value;
    #[inline]
    fn next(&mut self) -> Option<&'a Value> {
        match self {
            FuncValues::Slice(it) => it.next(),
            FuncValues::Fields(it) => it.next().map(|(_, v)| v),
            FuncValues::Pairs(it) => it.next().map(|(_, v)| v),
            FuncValues::None => None,
        }
    }
}

fn type_err<T>(expected: &'static str, op: &'static str, got: &Value) -> VResult<T> {
    Err(ValueError::TypeMismatch {
        expected,
        op,
        got: got.clone(),
    })
}

fn seq_err<T>(op: &'static str, msg: String) -> VResult<T> {
    Err(ValueError::Sequence { op, msg })
}

impl Value {
    // ------------------------------------------------------------------ sets

    /// The enumerated form of a finite set (lazy sets are materialized and cached).
    pub fn to_set(&self) -> VResult<SetValue> {
        match self {
            Value::Set(s) => Ok(s.clone()),
            Value::Lazy(l) => l.materialize(),
            _ => type_err("a set", "enumeration", self),
        }
    }

    /// Iterates the elements of a finite set in canonical order. Intervals are not
    /// materialized; lazy sets of up to [`STREAM_ABOVE`] elements are materialized and
    /// cached (fast repeated iteration), larger ones are streamed. Errors for infinite sets
    /// and non-sets.
    pub fn set_iter(&self) -> VResult<SetIter> {
        match self {
            Value::Set(s) => Ok(SetIter::Slice(s.clone(), 0)),
            Value::Lazy(l) => {
                if let Some(s) = l.cached() {
                    return Ok(SetIter::Slice(s.clone(), 0));
                }
                match l.kind() {
                    LazyKind::Interval(a, b) => Ok(SetIter::Range(*a..=*b)),
                    LazyKind::Subset(_)
                    | LazyKind::FuncSet(..)
                    | LazyKind::RecordSet(_)
                    | LazyKind::Product(_)
                        if l.is_finite()
                            && !matches!(l.cardinality(), Ok(Value::Int(n)) if n <= STREAM_ABOVE) =>
                    {
                        Ok(SetIter::Stream(Box::new(l.stream()?)))
                    }
                    _ => Ok(SetIter::Slice(l.materialize()?, 0)),
                }
            }
            _ => type_err("a set", "enumeration", self),
        }
    }

    /// Like [`Value::set_iter`], for loops that may stop early (`\E`, `CHOOSE`, a set
    /// filter streamed into one): a lazy `SUBSET`, function, record or tuple set that is not
    /// cached and that nothing else holds (a temporary) is streamed whatever its size, as
    /// TLC enumerates it, instead of being materialized first. A shared lazy set (held by a
    /// definition's cache or a state, hence likely to be iterated again) is enumerated as
    /// by [`Value::set_iter`].
    pub fn set_iter_once(&self) -> VResult<SetIter> {
        if let Value::Lazy(l) = self {
            if l.cached().is_none()
                && !l.is_shared()
                && matches!(
                    l.kind(),
                    LazyKind::Subset(_)
                        | LazyKind::FuncSet(..)
                        | LazyKind::RecordSet(_)
                        | LazyKind::Product(_)
                )
            {
                return Ok(SetIter::Stream(Box::new(l.stream()?)));
            }
        }
        self.set_iter()
    }

    /// `x \in self`.
    pub fn member(&self, x: &Value) -> VResult<bool> {
        match self {
            Value::Set(s) => match s.elems().binary_search(x) {
                Ok(_) => Ok(true),
                Err(pos) => {
                    let e = s.elems();
                    if !e.is_empty() {
                        let near = &e[pos.min(e.len() - 1)];
                        if !comparable(x, near) {
                            return Err(ValueError::Incomparable {
                                left: x.clone(),
                                right: near.clone(),
                            });
                        }
                    }
                    Ok(false)
                }
            },
            Value::Lazy(l) => match l.cached() {
                Some(s) => Value::Set(s.clone()).member(x),
                None => l.member(x),
            },
            _ => type_err("a set", "\\in", self),
        }
    }

    /// `x \in DOMAIN self` without building the domain: the same answer and the same
    /// errors as [`Value::member`] on [`Value::domain`].
    pub fn domain_member(&self, x: &Value) -> VResult<bool> {
        match self {
            Value::Func(f) => {
                let p = f.pairs();
                match p.binary_search_by(|(k, _)| k.cmp(x)) {
                    Ok(_) => Ok(true),
                    Err(pos) => match p.get(pos.min(p.len().saturating_sub(1))) {
                        Some((near, _)) if !crate::order::comparable(x, near) => {
                            Err(ValueError::Incomparable {
                                left: x.clone(),
                                right: near.clone(),
                            })
                        }
                        _ => Ok(false),
                    },
                }
            }
            _ => self.domain()?.member(x),
        }
    }

    /// `Cardinality(self)`.
    pub fn cardinality(&self) -> VResult<Value> {
        match self {
            Value::Set(s) => Ok(Value::Int(s.len() as i64)),
            Value::Lazy(l) => l.cardinality(),
            _ => type_err("a set", "Cardinality", self),
        }
    }

    /// `self \cup other`.
    pub fn union(&self, other: &Value) -> VResult<Value> {
        self.expect_set("\\cup")?;
        other.expect_set("\\cup")?;
        if other.is_empty_set() {
            return Ok(self.clone());
        }
        if self.is_empty_set() {
            return Ok(other.clone());
        }
        let a = self.to_set()?;
        let b = other.to_set()?;
        let (a, b) = (a.elems(), b.elems());
        let mut out = Vec::with_capacity(a.len() + b.len());
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                Ordering::Less => {
                    out.push(a[i].clone());
                    i += 1;
                }
                Ordering::Greater => {
                    out.push(b[j].clone());
                    j += 1;
                }
                Ordering::Equal => {
                    out.push(a[i].clone());
                    i += 1;
                    j += 1;
                }
            }
        }
        out.extend_from_slice(&a[i..]);
        out.extend_from_slice(&b[j..]);
        Ok(Value::Set(SetValue::from_sorted(out)))
    }

    /// `self \cap other` (one side may be infinite).
    pub fn intersect(&self, other: &Value) -> VResult<Value> {
        self.expect_set("\\cap")?;
        other.expect_set("\\cap")?;
        let (fin, oth) = if self.is_finite_set() {
            (self, other)
        } else {
            (other, self)
        };
        let mut out = Vec::new();
        for x in fin.set_iter()? {
            if oth.member(&x)? {
                out.push(x);
            }
        }
        Ok(Value::Set(SetValue::from_sorted(out)))
    }

    /// `self \ other`.
    pub fn difference(&self, other: &Value) -> VResult<Value> {
        self.expect_set("\\")?;
        other.expect_set("\\")?;
        if other.is_empty_set() {
            return Ok(self.clone());
        }
        let mut out = Vec::new();
        for x in self.set_iter()? {
            if !other.member(&x)? {
                out.push(x);
            }
        }
        Ok(Value::Set(SetValue::from_sorted(out)))
    }

    /// `self \subseteq other`.
    pub fn subseteq(&self, other: &Value) -> VResult<bool> {
        self.expect_set("\\subseteq")?;
        other.expect_set("\\subseteq")?;
        if let (Value::Lazy(a), Value::Lazy(b)) = (self, other) {
            match (a.kind(), b.kind()) {
                (LazyKind::Interval(a1, a2), LazyKind::Interval(b1, b2)) => {
                    return Ok(b1 <= a1 && a2 <= b2);
                }
                // SUBSET A \subseteq SUBSET B iff A \subseteq B (TLC reduces it the same
                // way, without enumerating the power sets)
                (LazyKind::Subset(x), LazyKind::Subset(y)) => {
                    return x.subseteq(y);
                }
                _ => {}
            }
        }
        for x in self.set_iter()? {
            if !other.member(&x)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// `CHOOSE x \in self : TRUE`-style helper: the first element (canonical order)
    /// satisfying `pred`.
    pub fn choose(&self, mut pred: impl FnMut(&Value) -> VResult<bool>) -> VResult<Value> {
        for x in self.set_iter()? {
            if pred(&x)? {
                return Ok(x);
            }
        }
        Err(ValueError::ChooseFailed { set: self.clone() })
    }

    // ------------------------------------------------------------------ functions

    /// `self[arg]` borrowed, when `self` is a function (tuple, record or function value)
    /// and `arg` is in its domain; `None` otherwise (then [`Value::apply`] gives the error).
    #[inline]
    pub fn get_ref(&self, arg: &Value) -> Option<&Value> {
        match self {
            Value::Tuple(t) => match arg {
                Value::Int(i) if *i >= 1 && (*i as u64) <= t.len() as u64 => {
                    Some(&t.elems()[*i as usize - 1])
                }
                _ => None,
            },
            Value::Record(r) => match arg {
                Value::Str(s) => r.get(*s),
                _ => None,
            },
            Value::Func(f) => f.get(arg),
            _ => None,
        }
    }

    /// `self[arg]` (tuples are indexed by `1..n`, records by field-name strings).
    #[inline]
    pub fn apply(&self, arg: &Value) -> VResult<Value> {
        if !self.is_func() {
            return type_err("a function", "function application", self);
        }
        match self.get_ref(arg) {
            Some(v) => Ok(v.clone()),
            None => Err(ValueError::NotInDomain {
                arg: arg.clone(),
                func: self.clone(),
            }),
        }
    }

    /// `self.name` (record field access).
    pub fn field(&self, name: Str) -> VResult<Value> {
        match self {
            Value::Record(r) => match r.get(name) {
                Some(v) => Ok(v.clone()),
                None => Err(ValueError::NoSuchField {
                    field: name.as_str().to_string(),
                    record: self.clone(),
                }),
            },
            Value::Func(_) | Value::Tuple(_) => self.apply(&Value::Str(name)),
            _ => type_err("a record", "field access", self),
        }
    }

    /// `DOMAIN self`.
    pub fn domain(&self) -> VResult<Value> {
        match self {
            Value::Tuple(t) => Ok(Value::interval(1, t.len() as i64)),
            Value::Record(r) => Ok(Value::Set(SetValue::from_sorted(
                r.fields().iter().map(|(k, _)| Value::Str(*k)).collect(),
            ))),
            Value::Func(f) => Ok(Value::Set(SetValue::from_sorted(
                f.pairs().iter().map(|(k, _)| k.clone()).collect(),
            ))),
            _ => type_err("a function", "DOMAIN", self),
        }
    }

    /// The results of a function in domain order (empty for non-functions).
    pub fn func_values(&self) -> FuncValues<'_> {
        match self {
            Value::Tuple(t) => FuncValues::Slice(t.elems().iter()),
            Value::Record(r) => FuncValues::Fields(r.fields().iter()),
            Value::Func(f) => FuncValues::Pairs(f.pairs().iter()),
            _ => FuncValues::None,
        }
    }

    /// The (argument, result) pairs of a function in domain order (allocates).
    pub fn func_pairs(&self) -> VResult<Vec<(Value, Value)>> {
        match self {
            Value::Tuple(t) => Ok(t
                .elems()
                .iter()
                .enumerate()
                .map(|(i, v)| (Value::Int(i as i64 + 1), v.clone()))
                .collect()),
            Value::Record(r) => Ok(r
                .fields()
                .iter()
                .map(|(k, v)| (Value::Str(*k), v.clone()))
                .collect()),
            Value::Func(f) => Ok(f.pairs().to_vec()),
            _ => type_err("a function", "function", self),
        }
    }

    /// `[self EXCEPT ![p1][p2]... = f(@)]`: replaces the value at `path` by `f(old)`.
    /// An argument outside the domain leaves the function unchanged (as in TLA+).
    pub fn update_at(
        &self,
        path: &[Value],
        f: &mut dyn FnMut(&Value) -> VResult<Value>,
    ) -> VResult<Value> {
        let Some((first, rest)) = path.split_first() else {
            return f(self);
        };
        let sub = |old: &Value, f: &mut dyn FnMut(&Value) -> VResult<Value>| {
            if rest.is_empty() {
                f(old)
            } else {
                old.update_at(rest, f)
            }
        };
        match self {
            Value::Tuple(t) => match first {
                Value::Int(i) if *i >= 1 && (*i as u64) <= t.len() as u64 => {
                    let idx = *i as usize - 1;
                    let e = t.elems();
                    let mut new = Some(sub(&e[idx], f)?);
                    Ok(Value::Tuple(TupleValue::from_exact(
                        e.len(),
                        e.iter().enumerate().map(|(j, v)| {
                            if j == idx {
                                new.take().unwrap_or_else(|| v.clone())
                            } else {
                                v.clone()
                            }
                        }),
                    )))
                }
                _ => Ok(self.clone()),
            },
            Value::Record(r) => {
                let Value::Str(name) = first else {
                    return Ok(self.clone());
                };
                let fs = r.fields();
                match fs.iter().position(|(k, _)| k == name) {
                    Some(idx) => {
                        let mut new = Some(sub(&fs[idx].1, f)?);
                        Ok(Value::Record(RecordValue::from_exact(
                            fs.len(),
                            fs.iter().enumerate().map(|(j, (k, v))| {
                                if j == idx {
                                    (*k, new.take().unwrap_or_else(|| v.clone()))
                                } else {
                                    (*k, v.clone())
                                }
                            }),
                        )))
                    }
                    None => Ok(self.clone()),
                }
            }
            Value::Func(fv) => match fv.pairs().binary_search_by(|(k, _)| k.cmp(first)) {
                Ok(idx) => {
                    let ps = fv.pairs();
                    let mut new = Some(sub(&ps[idx].1, f)?);
                    Ok(Value::Func(FuncValue::from_exact(
                        ps.len(),
                        ps.iter().enumerate().map(|(j, (k, v))| {
                            if j == idx {
                                (k.clone(), new.take().unwrap_or_else(|| v.clone()))
                            } else {
                                (k.clone(), v.clone())
                            }
                        }),
                    )))
                }
                Err(_) => Ok(self.clone()),
            },
            _ => type_err("a function", "EXCEPT", self),
        }
    }

    /// `[self EXCEPT ![p1]...[pn] = new]`.
    pub fn except(&self, path: &[Value], new: Value) -> VResult<Value> {
        let mut new = Some(new);
        self.update_at(path, &mut |_| {
            new.take()
                .ok_or_else(|| ValueError::Other("EXCEPT value used twice".into()))
        })
    }

    /// `a :> b` (the function `[x \in {a} |-> b]`).
    pub fn colon_gt(a: Value, b: Value) -> Value {
        Value::func_from_sorted(vec![(a, b)])
    }

    /// `f @@ g`: the function on `DOMAIN f \cup DOMAIN g`, taking `f`'s value where both
    /// are defined.
    pub fn at_at(f: &Value, g: &Value) -> VResult<Value> {
        let mut p = f.func_pairs()?;
        p.extend(g.func_pairs()?);
        Ok(Value::func(p))
    }

    // ------------------------------------------------------------------ sequences

    fn as_seq(&self, op: &'static str) -> VResult<&[Value]> {
        match self {
            Value::Tuple(t) => Ok(t.elems()),
            _ => type_err("a sequence", op, self),
        }
    }

    /// `Len(self)`.
    pub fn seq_len(&self) -> VResult<Value> {
        Ok(Value::Int(self.as_seq("Len")?.len() as i64))
    }

    /// `Append(self, x)`.
    pub fn append(&self, x: Value) -> VResult<Value> {
        let s = self.as_seq("Append")?;
        Ok(Value::Tuple(TupleValue::from_exact(
            s.len() + 1,
            s.iter().cloned().chain(std::iter::once(x)),
        )))
    }

    /// `Head(self)`.
    pub fn head(&self) -> VResult<Value> {
        match self.as_seq("Head")?.first() {
            Some(v) => Ok(v.clone()),
            None => seq_err(
                "Head",
                "Attempted to apply Head to the empty sequence.".into(),
            ),
        }
    }

    /// `Tail(self)`.
    pub fn tail(&self) -> VResult<Value> {
        let s = self.as_seq("Tail")?;
        if s.is_empty() {
            return seq_err(
                "Tail",
                "Attempted to apply Tail to the empty sequence.".into(),
            );
        }
        Ok(Value::Tuple(TupleValue::from_exact(
            s.len() - 1,
            s[1..].iter().cloned(),
        )))
    }

    /// `self \o other`.
    pub fn concat(&self, other: &Value) -> VResult<Value> {
        let a = self.as_seq("\\o")?;
        let b = other.as_seq("\\o")?;
        if b.is_empty() {
            return Ok(self.clone());
        }
        if a.is_empty() {
            return Ok(other.clone());
        }
        Ok(Value::Tuple(TupleValue::from_exact(
            a.len() + b.len(),
            a.iter().chain(b).cloned(),
        )))
    }

    /// `SubSeq(self, m, n)` (empty when `m > n`; errors when out of range).
    pub fn subseq(&self, m: i64, n: i64) -> VResult<Value> {
        let s = self.as_seq("SubSeq")?;
        if m > n {
            return Ok(Value::empty_tuple());
        }
        if m < 1 || n as u64 > s.len() as u64 {
            return seq_err(
                "SubSeq",
                format!(
                    "The second and third arguments of SubSeq ({m} and {n}) are out of the range 1..{} of the sequence {self}",
                    s.len()
                ),
            );
        }
        Ok(Value::tuple(
            s[(m - 1) as usize..n as usize].iter().cloned(),
        ))
    }
}
