//! The `Value` type and its canonical constructors.
//!
//! Canonical forms (equal TLA+ values are equal Rust values):
//! - integers that fit `i64` are `Int`; only larger ones are `BigInt`;
//! - a set is `Set` (sorted, no duplicates) or a `Lazy` set (interval, `SUBSET`, ...); a lazy
//!   set compares, hashes and fingerprints like its enumerated form;
//! - a function with domain `1..n` (n >= 1) is a `Tuple`; the empty function is the empty
//!   tuple `<<>>`; a function whose (non-empty) domain is all strings is a `Record`; any other
//!   function is a `Func` with its domain sorted.

use crate::error::{VResult, ValueError};
use crate::intern::Str;
use crate::lazy::{LazyKind, LazySet};
use num_bigint::BigInt;
use num_traits::ToPrimitive;
use std::sync::atomic::{AtomicU64, Ordering as AtOrd};
use std::sync::Arc;
use triomphe::ThinArc;

/// Header of every shared compound: a lazily computed fingerprint (0 = not yet computed).
#[derive(Debug, Default)]
pub(crate) struct Hdr {
    fp: AtomicU64,
}

impl Hdr {
    pub(crate) fn new() -> Hdr {
        Hdr {
            fp: AtomicU64::new(0),
        }
    }
    #[inline]
    pub(crate) fn peek(&self) -> u64 {
        self.fp.load(AtOrd::Relaxed)
    }
    #[inline]
    pub(crate) fn cached_fp(&self, compute: impl FnOnce() -> u64) -> u64 {
        let v = self.fp.load(AtOrd::Relaxed);
        if v != 0 {
            return v;
        }
        let v = compute();
        self.fp.store(v, AtOrd::Relaxed);
        v
    }
}

/// A TLA+ value. 16 bytes; clones are cheap (a copy or an atomic increment).
#[derive(Clone)]
pub enum Value {
    /// `TRUE` / `FALSE`.
    Bool(bool),
    /// An integer that fits in `i64`.
    Int(i64),
    /// An integer outside `i64` (never holds a value that fits `i64`).
    BigInt(Arc<BigInt>),
    /// A string.
    Str(Str),
    /// A model value (from the model's configuration).
    Model(ModelValue),
    /// A finite enumerated set, sorted by the canonical order, without duplicates.
    Set(SetValue),
    /// A tuple / sequence `<<a, b, ...>>` (the functions with domain `1..n`, and `<<>>`).
    Tuple(TupleValue),
    /// A record `[a |-> 1, ...]` (the non-empty functions whose domain is all strings).
    Record(RecordValue),
    /// Any other function, as sorted (argument, result) pairs.
    Func(FuncValue),
    /// A set kept symbolic: `a..b`, `Nat`, `SUBSET S`, `[S -> T]`, ...
    Lazy(LazySet),
}

/// A model value: a name from the configuration, equal only to itself.
/// Model values whose name is `c_...` (one character then `_`) are *typed* (TLC's rule):
/// comparing them with non-model values is an error.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct ModelValue(pub Str);

impl ModelValue {
    /// Interns the model value `name`.
    pub fn new(name: &str) -> ModelValue {
        ModelValue(Str::new(name))
    }
    /// Its name.
    pub fn name(self) -> &'static str {
        self.0.as_str()
    }
    /// TLC's type character: `Some('x')` for `x_1`, `None` for untyped model values.
    pub fn type_char(self) -> Option<char> {
        let mut it = self.name().chars();
        let c = it.next()?;
        let u = it.next()?;
        if u == '_' && it.next().is_some() {
            Some(c)
        } else {
            None
        }
    }
}

/// A finite enumerated set (sorted, deduplicated).
#[derive(Clone)]
pub struct SetValue(pub(crate) ThinArc<Hdr, Value>);
/// A tuple (sequence).
#[derive(Clone)]
pub struct TupleValue(pub(crate) ThinArc<Hdr, Value>);
/// A record: fields sorted by `Str` order.
#[derive(Clone)]
pub struct RecordValue(pub(crate) ThinArc<Hdr, (Str, Value)>);
/// A general function: pairs sorted by argument.
#[derive(Clone)]
pub struct FuncValue(pub(crate) ThinArc<Hdr, (Value, Value)>);

impl SetValue {
    /// Builds from elements in any order (sorts and removes duplicates).
    pub fn new(mut elems: Vec<Value>) -> SetValue {
        if !elems.windows(2).all(|w| w[0] < w[1]) {
            elems.sort_unstable();
            elems.dedup();
        }
        SetValue::from_sorted(elems)
    }
    /// Builds from elements already strictly increasing in canonical order (checked in
    /// debug builds).
    pub fn from_sorted(elems: Vec<Value>) -> SetValue {
        debug_assert!(elems.windows(2).all(|w| w[0] < w[1]));
        SetValue(ThinArc::from_header_and_iter(Hdr::new(), elems.into_iter()))
    }
    /// The empty set.
    pub fn empty() -> SetValue {
        SetValue::from_sorted(Vec::new())
    }
    /// The elements, in canonical order.
    #[inline]
    pub fn elems(&self) -> &[Value] {
        &self.0.slice
    }
    /// Number of elements.
    #[inline]
    pub fn len(&self) -> usize {
        self.0.slice.len()
    }
    /// Whether the set is empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.0.slice.is_empty()
    }
    /// Membership by binary search (canonical order; no TLC comparability check).
    pub fn contains(&self, v: &Value) -> bool {
        self.elems().binary_search(v).is_ok()
    }
    pub(crate) fn hdr(&self) -> &Hdr {
        &self.0.header.header
    }
    pub(crate) fn ptr_eq(&self, o: &SetValue) -> bool {
        std::ptr::eq(&*self.0, &*o.0)
    }
}

/// An iterator that knows its exact length (lets `ThinArc` allocate once).
pub(crate) struct Exact<I> {
    pub(crate) it: I,
    pub(crate) n: usize,
}

impl<I: Iterator> Iterator for Exact<I> {
    type Item = I::Item;
    #[inline]
    fn next(&mut self) -> Option<I::Item> {
        if self.n == 0 {
            return None;
        }
        self.n -= 1;
        self.it.next()
    }
    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.n, Some(self.n))
    }
}
impl<I: Iterator> ExactSizeIterator for Exact<I> {}

impl TupleValue {
    /// Builds a tuple.
    pub fn new(elems: Vec<Value>) -> TupleValue {
        TupleValue(ThinArc::from_header_and_iter(Hdr::new(), elems.into_iter()))
    }
    /// Builds a tuple of `n` elements from an iterator yielding exactly `n` items (one
    /// allocation).
    pub(crate) fn from_exact(n: usize, it: impl Iterator<Item = Value>) -> TupleValue {
        TupleValue(ThinArc::from_header_and_iter(Hdr::new(), Exact { it, n }))
    }
    /// The elements (element `i` of the TLA+ sequence is at index `i - 1`).
    #[inline]
    pub fn elems(&self) -> &[Value] {
        &self.0.slice
    }
    /// Length.
    #[inline]
    pub fn len(&self) -> usize {
        self.0.slice.len()
    }
    /// Whether this is `<<>>`.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.0.slice.is_empty()
    }
    pub(crate) fn hdr(&self) -> &Hdr {
        &self.0.header.header
    }
    pub(crate) fn ptr_eq(&self, o: &TupleValue) -> bool {
        std::ptr::eq(&*self.0, &*o.0)
    }
}

impl RecordValue {
    /// Builds from fields sorted by `Str` order, without duplicates (checked in debug).
    pub(crate) fn from_exact(n: usize, it: impl Iterator<Item = (Str, Value)>) -> RecordValue {
        RecordValue(ThinArc::from_header_and_iter(Hdr::new(), Exact { it, n }))
    }
    pub(crate) fn from_sorted(fields: Vec<(Str, Value)>) -> RecordValue {
        debug_assert!(fields.windows(2).all(|w| w[0].0 < w[1].0));
        RecordValue(ThinArc::from_header_and_iter(
            Hdr::new(),
            fields.into_iter(),
        ))
    }
    /// The fields in canonical (token) order.
    #[inline]
    pub fn fields(&self) -> &[(Str, Value)] {
        &self.0.slice
    }
    /// Number of fields.
    #[inline]
    pub fn len(&self) -> usize {
        self.0.slice.len()
    }
    /// Always false (records are non-empty; the empty function is `<<>>`).
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.0.slice.is_empty()
    }
    /// The value of field `name`.
    #[inline]
    pub fn get(&self, name: Str) -> Option<&Value> {
        let f = self.fields();
        if f.len() <= 8 {
            f.iter().find(|(k, _)| *k == name).map(|(_, v)| v)
        } else {
            f.binary_search_by(|(k, _)| k.cmp(&name))
                .ok()
                .map(|i| &f[i].1)
        }
    }
    pub(crate) fn hdr(&self) -> &Hdr {
        &self.0.header.header
    }
    pub(crate) fn ptr_eq(&self, o: &RecordValue) -> bool {
        std::ptr::eq(&*self.0, &*o.0)
    }
}

impl FuncValue {
    /// Builds from pairs sorted by argument, without duplicate arguments. Does not
    /// canonicalize: use [`Value::func`] unless you know the domain is not `1..n` nor all
    /// strings.
    pub(crate) fn from_exact(n: usize, it: impl Iterator<Item = (Value, Value)>) -> FuncValue {
        FuncValue(ThinArc::from_header_and_iter(Hdr::new(), Exact { it, n }))
    }
    pub(crate) fn from_sorted(pairs: Vec<(Value, Value)>) -> FuncValue {
        debug_assert!(pairs.windows(2).all(|w| w[0].0 < w[1].0));
        FuncValue(ThinArc::from_header_and_iter(Hdr::new(), pairs.into_iter()))
    }
    /// The (argument, result) pairs in canonical order of arguments.
    #[inline]
    pub fn pairs(&self) -> &[(Value, Value)] {
        &self.0.slice
    }
    /// Size of the domain.
    #[inline]
    pub fn len(&self) -> usize {
        self.0.slice.len()
    }
    /// Always false (the empty function is `<<>>`).
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.0.slice.is_empty()
    }
    /// `f[arg]` if `arg` is in the domain.
    pub fn get(&self, arg: &Value) -> Option<&Value> {
        let p = self.pairs();
        // Small domains with a scalar argument: a linear scan comparing in place (equal
        // scalars are equal Rust values) beats a binary search through `Ord`.
        if p.len() <= 16 {
            match arg {
                Value::Model(m) => {
                    return p.iter().find_map(|(k, v)| match k {
                        Value::Model(x) if x == m => Some(v),
                        _ => None,
                    })
                }
                Value::Str(s) => {
                    return p.iter().find_map(|(k, v)| match k {
                        Value::Str(x) if x == s => Some(v),
                        _ => None,
                    })
                }
                Value::Int(i) => {
                    return p.iter().find_map(|(k, v)| match k {
                        Value::Int(x) if x == i => Some(v),
                        _ => None,
                    })
                }
                _ => {}
            }
        }
        p.binary_search_by(|(k, _)| k.cmp(arg))
            .ok()
            .map(|i| &p[i].1)
    }
    pub(crate) fn hdr(&self) -> &Hdr {
        &self.0.header.header
    }
    pub(crate) fn ptr_eq(&self, o: &FuncValue) -> bool {
        std::ptr::eq(&*self.0, &*o.0)
    }
}

impl Value {
    /// `TRUE`.
    pub const TRUE: Value = Value::Bool(true);
    /// `FALSE`.
    pub const FALSE: Value = Value::Bool(false);

    /// An integer.
    #[inline]
    pub fn int(i: i64) -> Value {
        Value::Int(i)
    }
    /// An integer from a `BigInt` (stored as `Int` when it fits).
    pub fn big(b: BigInt) -> Value {
        match b.to_i64() {
            Some(i) => Value::Int(i),
            None => Value::BigInt(Arc::new(b)),
        }
    }
    /// A string (interned: intern literals ahead of time in hot code).
    pub fn string(s: &str) -> Value {
        Value::Str(Str::new(s))
    }
    /// A model value (interned).
    pub fn model(name: &str) -> Value {
        Value::Model(ModelValue::new(name))
    }
    /// A finite set from elements in any order (sorted and deduplicated).
    pub fn set(elems: impl IntoIterator<Item = Value>) -> Value {
        Value::Set(SetValue::new(elems.into_iter().collect()))
    }
    /// The empty set `{}`.
    pub fn empty_set() -> Value {
        Value::Set(SetValue::empty())
    }
    /// A tuple / sequence `<<e1, ..., en>>`.
    pub fn tuple(elems: impl IntoIterator<Item = Value>) -> Value {
        Value::Tuple(TupleValue::new(elems.into_iter().collect()))
    }
    /// The empty sequence `<<>>` (also the empty function).
    pub fn empty_tuple() -> Value {
        Value::Tuple(TupleValue::new(Vec::new()))
    }
    /// A record `[f1 |-> v1, ...]` (fields in any order; for a repeated field the first
    /// occurrence wins). With no fields this is the empty function `<<>>`.
    pub fn record(fields: impl IntoIterator<Item = (Str, Value)>) -> Value {
        let mut f: Vec<(Str, Value)> = fields.into_iter().collect();
        if f.is_empty() {
            return Value::empty_tuple();
        }
        if !f.windows(2).all(|w| w[0].0 < w[1].0) {
            f.sort_by_key(|a| a.0);
            f.dedup_by(|b, a| a.0 == b.0);
        }
        Value::Record(RecordValue::from_sorted(f))
    }
    /// A function from (argument, result) pairs in any order, put in canonical form
    /// (tuple, record or general function). For a repeated argument the first pair wins.
    pub fn func(pairs: impl IntoIterator<Item = (Value, Value)>) -> Value {
        let mut p: Vec<(Value, Value)> = pairs.into_iter().collect();
        if !p.windows(2).all(|w| w[0].0 < w[1].0) {
            p.sort_by(|a, b| a.0.cmp(&b.0));
            p.dedup_by(|b, a| a.0 == b.0);
        }
        Value::func_from_sorted(p)
    }

    /// Canonicalizes sorted, deduplicated pairs.
    pub(crate) fn func_from_sorted(p: Vec<(Value, Value)>) -> Value {
        if p.is_empty() {
            return Value::empty_tuple();
        }
        if p.iter()
            .enumerate()
            .all(|(i, (k, _))| matches!(k, Value::Int(n) if *n == i as i64 + 1))
        {
            return Value::Tuple(TupleValue::new(p.into_iter().map(|(_, v)| v).collect()));
        }
        if p.iter().all(|(k, _)| matches!(k, Value::Str(_))) {
            return Value::Record(RecordValue::from_sorted(
                p.into_iter()
                    .map(|(k, v)| match k {
                        Value::Str(s) => (s, v),
                        _ => unreachable!("checked above: all keys are strings"),
                    })
                    .collect(),
            ));
        }
        Value::Func(FuncValue::from_sorted(p))
    }

    /// `[x \in dom |-> f(x)]`: builds a function by applying `f` to each element of the
    /// (enumerable) set `dom`.
    pub fn func_from_domain(
        dom: &Value,
        mut f: impl FnMut(&Value) -> VResult<Value>,
    ) -> VResult<Value> {
        let set = dom.to_set()?;
        let mut p = Vec::with_capacity(set.len());
        for k in set.elems() {
            let v = f(k)?;
            p.push((k.clone(), v));
        }
        Ok(Value::func_from_sorted(p))
    }

    /// `a..b` (lazy; `{}` when `a > b`).
    pub fn interval(a: i64, b: i64) -> Value {
        if a > b {
            Value::empty_set()
        } else {
            Value::Lazy(LazySet::new(LazyKind::Interval(a, b)))
        }
    }
    /// `Nat`.
    pub fn nat() -> Value {
        Value::Lazy(LazySet::new(LazyKind::Nat))
    }
    /// `Int`.
    pub fn int_set() -> Value {
        Value::Lazy(LazySet::new(LazyKind::Int))
    }
    /// `STRING`.
    pub fn string_set() -> Value {
        Value::Lazy(LazySet::new(LazyKind::Strings))
    }
    /// `BOOLEAN` = `{FALSE, TRUE}` (enumerated).
    pub fn boolean_set() -> Value {
        Value::Set(SetValue::from_sorted(vec![Value::FALSE, Value::TRUE]))
    }

    /// Short name of the kind of value, as TLC says it ("integer", "string", "set", ...).
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Bool(_) => "boolean",
            Value::Int(_) | Value::BigInt(_) => "integer",
            Value::Str(_) => "string",
            Value::Model(_) => "model value",
            Value::Set(_) | Value::Lazy(_) => "set",
            Value::Tuple(_) => "tuple",
            Value::Record(_) => "record",
            Value::Func(_) => "function",
        }
    }

    /// Whether this is a set (enumerated or lazy).
    pub fn is_set(&self) -> bool {
        matches!(self, Value::Set(_) | Value::Lazy(_))
    }
    /// Whether this is a function (tuple, record or general function).
    pub fn is_func(&self) -> bool {
        matches!(self, Value::Tuple(_) | Value::Record(_) | Value::Func(_))
    }
    /// Whether this is the empty set (enumerated or lazy).
    pub fn is_empty_set(&self) -> bool {
        match self {
            Value::Set(s) => s.is_empty(),
            Value::Lazy(l) => l.is_empty(),
            _ => false,
        }
    }

    /// The boolean, or a type error naming `op`.
    #[inline]
    pub fn as_bool(&self, op: &'static str) -> VResult<bool> {
        match self {
            Value::Bool(b) => Ok(*b),
            _ => Err(ValueError::TypeMismatch {
                expected: "a boolean",
                op,
                got: self.clone(),
            }),
        }
    }
    /// The integer if it fits `i64`, or a type error naming `op`.
    #[inline]
    pub fn as_i64(&self, op: &'static str) -> VResult<i64> {
        match self {
            Value::Int(i) => Ok(*i),
            Value::BigInt(_) => Err(ValueError::Other(format!(
                "the operator {op} needs an integer that fits 64 bits, but got {self}"
            ))),
            _ => Err(ValueError::TypeMismatch {
                expected: "an integer",
                op,
                got: self.clone(),
            }),
        }
    }
    /// The string, or a type error naming `op`.
    pub fn as_str(&self, op: &'static str) -> VResult<Str> {
        match self {
            Value::Str(s) => Ok(*s),
            _ => Err(ValueError::TypeMismatch {
                expected: "a string",
                op,
                got: self.clone(),
            }),
        }
    }
    /// Materializes finite lazy sets (cached), leaves everything else as is. Use before
    /// storing a value in a state if you want the enumerated representation.
    pub fn normalized(&self) -> VResult<Value> {
        match self {
            Value::Lazy(l) if l.is_finite() => Ok(Value::Set(l.materialize()?)),
            _ => Ok(self.clone()),
        }
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}
impl From<i64> for Value {
    fn from(i: i64) -> Value {
        Value::Int(i)
    }
}
impl From<BigInt> for Value {
    fn from(b: BigInt) -> Value {
        Value::big(b)
    }
}
impl From<Str> for Value {
    fn from(s: Str) -> Value {
        Value::Str(s)
    }
}
impl From<ModelValue> for Value {
    fn from(m: ModelValue) -> Value {
        Value::Model(m)
    }
}
impl From<SetValue> for Value {
    fn from(s: SetValue) -> Value {
        Value::Set(s)
    }
}
