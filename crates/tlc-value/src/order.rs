//! Equality, the canonical total order, `Hash`, and TLC-style checked equality.
//!
//! The total order (used to sort set elements and function domains) follows TLC's
//! `compareTo` wherever TLC does not raise an error:
//! - booleans: `FALSE < TRUE`; integers: numerically;
//! - strings and model values: by interning token (first interned first), like TLC's
//!   `UniqueString` (see [`crate::Str`]);
//! - functions (tuples, records, general functions): by domain size, then the domains
//!   element by element, then the results element by element (in domain order);
//! - sets: by cardinality, then element by element (in canonical order).
//!
//! Between kinds, where TLC errors, we fix: model values < booleans < integers < strings <
//! functions < sets (TLC itself orders untyped model values before everything else).
//! Infinite lazy sets come after all finite sets, ordered structurally.

use crate::error::{VResult, ValueError};
use crate::lazy::{LazyKind, LazySet};
use crate::value::Value;
use std::cmp::Ordering;
use std::hash::{Hash, Hasher};

#[inline]
fn rank(v: &Value) -> u8 {
    match v {
        Value::Model(_) => 0,
        Value::Bool(_) => 1,
        Value::Int(_) | Value::BigInt(_) => 2,
        Value::Str(_) => 3,
        Value::Tuple(_) | Value::Record(_) | Value::Func(_) => 4,
        Value::Set(_) | Value::Lazy(_) => 5,
    }
}

/// Uniform read access to the three function representations.
#[derive(Clone, Copy)]
enum FnView<'a> {
    Tuple(&'a [Value]),
    Record(&'a [(crate::Str, Value)]),
    Func(&'a [(Value, Value)]),
}

impl<'a> FnView<'a> {
    fn of(v: &'a Value) -> Option<FnView<'a>> {
        match v {
            Value::Tuple(t) => Some(FnView::Tuple(t.elems())),
            Value::Record(r) => Some(FnView::Record(r.fields())),
            Value::Func(f) => Some(FnView::Func(f.pairs())),
            _ => None,
        }
    }
    fn len(&self) -> usize {
        match self {
            FnView::Tuple(s) => s.len(),
            FnView::Record(s) => s.len(),
            FnView::Func(s) => s.len(),
        }
    }
    fn key(&self, i: usize) -> Value {
        match self {
            FnView::Tuple(_) => Value::Int(i as i64 + 1),
            FnView::Record(s) => Value::Str(s[i].0),
            FnView::Func(s) => s[i].0.clone(),
        }
    }
    fn val(&self, i: usize) -> &'a Value {
        match self {
            FnView::Tuple(s) => &s[i],
            FnView::Record(s) => &s[i].1,
            FnView::Func(s) => &s[i].1,
        }
    }
}

fn cmp_fns(a: FnView<'_>, b: FnView<'_>) -> Ordering {
    let c = a.len().cmp(&b.len());
    if c != Ordering::Equal {
        return c;
    }
    match (a, b) {
        (FnView::Tuple(x), FnView::Tuple(y)) => return x.cmp(y),
        (FnView::Record(x), FnView::Record(y)) => {
            for (p, q) in x.iter().zip(y) {
                let c = p.0.cmp(&q.0);
                if c != Ordering::Equal {
                    return c;
                }
            }
            for (p, q) in x.iter().zip(y) {
                let c = p.1.cmp(&q.1);
                if c != Ordering::Equal {
                    return c;
                }
            }
            return Ordering::Equal;
        }
        _ => {}
    }
    for i in 0..a.len() {
        let c = a.key(i).cmp(&b.key(i));
        if c != Ordering::Equal {
            return c;
        }
    }
    for i in 0..a.len() {
        let c = a.val(i).cmp(b.val(i));
        if c != Ordering::Equal {
            return c;
        }
    }
    Ordering::Equal
}

fn lazy_rank(k: &LazyKind) -> u8 {
    match k {
        LazyKind::Nat => 0,
        LazyKind::Int => 1,
        LazyKind::Strings => 2,
        LazyKind::Interval(..) => 3,
        LazyKind::Subset(_) => 4,
        LazyKind::FuncSet(..) => 5,
        LazyKind::RecordSet(_) => 6,
        LazyKind::SeqSet(_) => 7,
        LazyKind::Product(_) => 8,
        LazyKind::Union(_) => 9,
    }
}

/// Structural order of two (infinite) lazy sets.
fn cmp_lazy_struct(a: &LazySet, b: &LazySet) -> Ordering {
    let c = lazy_rank(a.kind()).cmp(&lazy_rank(b.kind()));
    if c != Ordering::Equal {
        return c;
    }
    match (a.kind(), b.kind()) {
        (LazyKind::Interval(a1, a2), LazyKind::Interval(b1, b2)) => (a1, a2).cmp(&(b1, b2)),
        (LazyKind::Subset(x), LazyKind::Subset(y))
        | (LazyKind::SeqSet(x), LazyKind::SeqSet(y))
        | (LazyKind::Union(x), LazyKind::Union(y)) => x.cmp(y),
        (LazyKind::FuncSet(x1, x2), LazyKind::FuncSet(y1, y2)) => (x1, x2).cmp(&(y1, y2)),
        (LazyKind::RecordSet(x), LazyKind::RecordSet(y)) => x.cmp(y),
        (LazyKind::Product(x), LazyKind::Product(y)) => x.cmp(y),
        _ => Ordering::Equal,
    }
}

/// Elements of a finite set for comparison purposes. Sets too large to enumerate fall
/// back to structural comparison (the caller handles `None`).
fn finite_elems(v: &Value) -> Option<crate::SetValue> {
    match v {
        Value::Set(s) => Some(s.clone()),
        Value::Lazy(l) if l.is_finite() => l.materialize().ok(),
        _ => None,
    }
}

fn cmp_sets(a: &Value, b: &Value) -> Ordering {
    if let (Value::Lazy(x), Value::Lazy(y)) = (a, b) {
        if x.ptr_eq(y) {
            return Ordering::Equal;
        }
        if let (LazyKind::Interval(a1, a2), LazyKind::Interval(b1, b2)) = (x.kind(), y.kind()) {
            return (*a2 as i128 - *a1 as i128)
                .cmp(&(*b2 as i128 - *b1 as i128))
                .then(a1.cmp(b1));
        }
    }
    let fa = a.is_finite_set();
    let fb = b.is_finite_set();
    match (fa, fb) {
        (true, false) => return Ordering::Less,
        (false, true) => return Ordering::Greater,
        (false, false) => {
            if let (Value::Lazy(x), Value::Lazy(y)) = (a, b) {
                return cmp_lazy_struct(x, y);
            }
            return Ordering::Equal;
        }
        (true, true) => {}
    }
    match (finite_elems(a), finite_elems(b)) {
        (Some(x), Some(y)) => {
            if x.ptr_eq(&y) {
                return Ordering::Equal;
            }
            let (x, y) = (x.elems(), y.elems());
            x.len().cmp(&y.len()).then_with(|| x.cmp(y))
        }
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (None, None) => match (a, b) {
            (Value::Lazy(x), Value::Lazy(y)) => cmp_lazy_struct(x, y),
            _ => Ordering::Equal,
        },
    }
}

impl Ord for Value {
    fn cmp(&self, other: &Value) -> Ordering {
        use Value::*;
        match (self, other) {
            (Int(a), Int(b)) => a.cmp(b),
            (Bool(a), Bool(b)) => a.cmp(b),
            (Str(a), Str(b)) => a.cmp(b),
            (Model(a), Model(b)) => a.cmp(b),
            (Int(a), BigInt(b)) => num_bigint::BigInt::from(*a).cmp(b),
            (BigInt(a), Int(b)) => (**a).cmp(&num_bigint::BigInt::from(*b)),
            (BigInt(a), BigInt(b)) => a.cmp(b),
            (Set(a), Set(b)) => {
                if a.ptr_eq(b) {
                    return Ordering::Equal;
                }
                let (x, y) = (a.elems(), b.elems());
                x.len().cmp(&y.len()).then_with(|| x.cmp(y))
            }
            (Tuple(a), Tuple(b)) => {
                if a.ptr_eq(b) {
                    return Ordering::Equal;
                }
                let (x, y) = (a.elems(), b.elems());
                x.len().cmp(&y.len()).then_with(|| x.cmp(y))
            }
            (Record(a), Record(b)) => {
                if a.ptr_eq(b) {
                    return Ordering::Equal;
                }
                cmp_fns(FnView::Record(a.fields()), FnView::Record(b.fields()))
            }
            _ => {
                let (ra, rb) = (rank(self), rank(other));
                if ra != rb {
                    return ra.cmp(&rb);
                }
                match ra {
                    4 => match (FnView::of(self), FnView::of(other)) {
                        (Some(a), Some(b)) => cmp_fns(a, b),
                        _ => Ordering::Equal,
                    },
                    5 => cmp_sets(self, other),
                    _ => Ordering::Equal,
                }
            }
        }
    }
}

impl PartialOrd for Value {
    #[inline]
    fn partial_cmp(&self, other: &Value) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (Int(a), Int(b)) => a == b,
            (Bool(a), Bool(b)) => a == b,
            (Str(a), Str(b)) => a == b,
            (Model(a), Model(b)) => a == b,
            (BigInt(a), BigInt(b)) => a == b,
            (Set(a), Set(b)) => {
                a.ptr_eq(b)
                    || (a.len() == b.len() && fp_may_equal(self, other) && a.elems() == b.elems())
            }
            (Tuple(a), Tuple(b)) => {
                a.ptr_eq(b)
                    || (a.len() == b.len() && fp_may_equal(self, other) && a.elems() == b.elems())
            }
            (Record(a), Record(b)) => {
                a.ptr_eq(b)
                    || (a.len() == b.len() && fp_may_equal(self, other) && a.fields() == b.fields())
            }
            (Func(a), Func(b)) => {
                a.ptr_eq(b)
                    || (a.len() == b.len() && fp_may_equal(self, other) && a.pairs() == b.pairs())
            }
            (Lazy(a), Lazy(b)) if a.ptr_eq(b) => true,
            (Set(_) | Lazy(_), Set(_) | Lazy(_)) => {
                fp_may_equal(self, other) && self.cmp(other) == Ordering::Equal
            }
            _ => false,
        }
    }
}

/// False only if both fingerprints are already cached and differ.
#[inline]
fn fp_may_equal(a: &Value, b: &Value) -> bool {
    match (a.cached_fp(), b.cached_fp()) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

impl Eq for Value {}

impl Hash for Value {
    /// Consistent with `Eq`: scalars hash their content, compound values (including lazy
    /// sets, which must hash like their enumerated form) hash their fingerprint.
    fn hash<H: Hasher>(&self, state: &mut H) {
        match self {
            Value::Bool(b) => state.write_u8(*b as u8),
            Value::Int(i) => state.write_i64(*i),
            Value::Str(s) => state.write_u32(s.token()),
            Value::Model(m) => state.write_u32(m.0.token() | 0x8000_0000),
            _ => state.write_u64(self.fingerprint()),
        }
    }
}

/// Whether TLC would compare `a` and `b` without error at the top level: same kind
/// (booleans, integers, strings, functions, sets), or an untyped model value on either
/// side, or two model values of compatible types.
pub fn comparable(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Model(x), Value::Model(y)) => match (x.type_char(), y.type_char()) {
            (Some(p), Some(q)) => p == q,
            _ => true,
        },
        (Value::Model(x), _) | (_, Value::Model(x)) => x.type_char().is_none(),
        _ => rank(a) == rank(b),
    }
}

/// TLA+ equality with TLC's errors: `1 = "a"` is an error ("Attempted to check equality of
/// integer 1 with non-integer "a""), comparing an untyped model value with anything is
/// fine (unequal unless identical), a typed model value (`x_1`) with a non-model value or
/// a model value of another type is an error. Recurses into sets and functions until the
/// first difference, as TLC does.
#[inline]
pub fn tla_eq(a: &Value, b: &Value) -> VResult<bool> {
    // scalars of one kind: plain equality, never an error
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => return Ok(x == y),
        (Value::Int(x), Value::Int(y)) => return Ok(x == y),
        (Value::Bool(x), Value::Bool(y)) => return Ok(x == y),
        _ => {}
    }
    tla_eq_slow(a, b)
}

fn tla_eq_slow(a: &Value, b: &Value) -> VResult<bool> {
    if a == b {
        return Ok(true);
    }
    if !comparable(a, b) {
        return Err(ValueError::Incomparable {
            left: a.clone(),
            right: b.clone(),
        });
    }
    match (a, b) {
        (Value::Model(_), _) | (_, Value::Model(_)) => Ok(false),
        _ if a.is_func() => {
            let (x, y) = match (FnView::of(a), FnView::of(b)) {
                (Some(x), Some(y)) => (x, y),
                _ => return Ok(false),
            };
            if x.len() != y.len() {
                return Ok(false);
            }
            for i in 0..x.len() {
                if !tla_eq(&x.key(i), &y.key(i))? {
                    return Ok(false);
                }
            }
            for i in 0..x.len() {
                if !tla_eq(x.val(i), y.val(i))? {
                    return Ok(false);
                }
            }
            Ok(false)
        }
        _ if a.is_set() => {
            if !(a.is_finite_set() && b.is_finite_set()) {
                return Ok(false);
            }
            let (x, y) = (a.to_set()?, b.to_set()?);
            if x.len() != y.len() {
                return Ok(false);
            }
            for (p, q) in x.elems().iter().zip(y.elems()) {
                if !tla_eq(p, q)? {
                    return Ok(false);
                }
            }
            Ok(false)
        }
        _ => Ok(false),
    }
}

/// TLA+ `\notin`/`\in` helper with TLC's comparability errors: `x \in s`.
pub fn tla_member(x: &Value, s: &Value) -> VResult<bool> {
    s.member(x)
}
