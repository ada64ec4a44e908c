//! `Permutations(S)` (TLC module) and applying permutations of model values (SYMMETRY).

use crate::error::{VResult, ValueError};
use crate::lazy::LazyKind;
use crate::value::{ModelValue, RecordValue, SetValue, TupleValue, Value};

/// A permutation of model values (each model value not mentioned maps to itself).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MvPerm {
    /// (from, to) pairs sorted by `from`, identity pairs removed.
    pairs: Vec<(ModelValue, ModelValue)>,
}

impl MvPerm {
    /// From (from, to) pairs.
    pub fn new(pairs: impl IntoIterator<Item = (ModelValue, ModelValue)>) -> MvPerm {
        let mut pairs: Vec<_> = pairs.into_iter().filter(|(a, b)| a != b).collect();
        pairs.sort();
        pairs.dedup_by(|b, a| a.0 == b.0);
        MvPerm { pairs }
    }

    /// From a function value mapping model values to model values (an element of
    /// `Permutations(S)`). Non-model-value arguments are an error.
    pub fn from_func(f: &Value) -> VResult<MvPerm> {
        let mut out = Vec::new();
        for (k, v) in f.func_pairs()? {
            match (k, v) {
                (Value::Model(a), Value::Model(b)) => out.push((a, b)),
                (k, v) => {
                    return Err(ValueError::Other(format!(
                    "a symmetry permutation must map model values to model values, not {k} to {v}"
                )))
                }
            }
        }
        Ok(MvPerm::new(out))
    }

    /// The permutations in a SYMMETRY set (e.g. the value of `Permutations(S)`), without
    /// the identity.
    pub fn from_symmetry_set(set: &Value) -> VResult<Vec<MvPerm>> {
        let mut v = Vec::new();
        for f in set.set_iter()? {
            let p = MvPerm::from_func(&f)?;
            if !p.is_identity() {
                v.push(p);
            }
        }
        Ok(v)
    }

    /// Whether this maps every model value to itself.
    pub fn is_identity(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The image of `m`.
    #[inline]
    pub fn apply(&self, m: ModelValue) -> ModelValue {
        if self.pairs.len() <= 8 {
            for (a, b) in &self.pairs {
                if *a == m {
                    return *b;
                }
            }
            m
        } else {
            match self.pairs.binary_search_by(|(a, _)| a.cmp(&m)) {
                Ok(i) => self.pairs[i].1,
                Err(_) => m,
            }
        }
    }
}

/// Permutes each element of a slice; `None` if nothing changed.
fn permute_vec(elems: &[Value], p: &MvPerm) -> Option<Vec<Value>> {
    let mut out: Option<Vec<Value>> = None;
    for (i, e) in elems.iter().enumerate() {
        if let Some(n) = e.permute_opt(p) {
            let o = out.get_or_insert_with(|| elems[..i].to_vec());
            o.push(n);
        } else if let Some(o) = out.as_mut() {
            o.push(e.clone());
        }
    }
    out
}

impl Value {
    /// Applies a permutation of model values everywhere inside the value (re-sorting sets
    /// and function domains as needed).
    pub fn permute(&self, p: &MvPerm) -> Value {
        if p.is_identity() {
            return self.clone();
        }
        self.permute_opt(p).unwrap_or_else(|| self.clone())
    }

    fn permute_opt(&self, p: &MvPerm) -> Option<Value> {
        match self {
            Value::Bool(_) | Value::Int(_) | Value::BigInt(_) | Value::Str(_) => None,
            Value::Model(m) => {
                let n = p.apply(*m);
                (n != *m).then_some(Value::Model(n))
            }
            Value::Set(s) => permute_vec(s.elems(), p).map(|v| Value::Set(SetValue::new(v))),
            Value::Tuple(t) => permute_vec(t.elems(), p).map(|v| Value::Tuple(TupleValue::new(v))),
            Value::Record(r) => {
                let vals: Vec<Value> = r.fields().iter().map(|(_, v)| v.clone()).collect();
                permute_vec(&vals, p).map(|v| {
                    Value::Record(RecordValue::from_sorted(
                        r.fields().iter().map(|(k, _)| *k).zip(v).collect(),
                    ))
                })
            }
            Value::Func(f) => {
                let mut changed = false;
                let pairs: Vec<(Value, Value)> = f
                    .pairs()
                    .iter()
                    .map(|(k, v)| {
                        let k2 = k.permute_opt(p);
                        let v2 = v.permute_opt(p);
                        changed |= k2.is_some() || v2.is_some();
                        (
                            k2.unwrap_or_else(|| k.clone()),
                            v2.unwrap_or_else(|| v.clone()),
                        )
                    })
                    .collect();
                changed.then(|| Value::func(pairs))
            }
            Value::Lazy(l) => match l.kind() {
                LazyKind::Nat | LazyKind::Int | LazyKind::Strings | LazyKind::Interval(..) => None,
                _ => match l.materialize() {
                    Ok(s) => Value::Set(s).permute_opt(p),
                    Err(_) => None,
                },
            },
        }
    }

    /// `Permutations(S)`: the set of all bijections from `S` to `S` (TLC module).
    pub fn permutations(s: &Value) -> VResult<Value> {
        let set = s.to_set()?;
        let e = set.elems();
        let n = e.len();
        if n > 10 {
            return Err(ValueError::TooLarge {
                what: format!("Permutations({s})"),
            });
        }
        let mut idx: Vec<usize> = (0..n).collect();
        let mut out = Vec::new();
        loop {
            out.push(Value::func_from_sorted(
                e.iter()
                    .cloned()
                    .zip(idx.iter().map(|&i| e[i].clone()))
                    .collect(),
            ));
            // next lexicographic permutation
            let Some(i) = (1..n).rev().find(|&i| idx[i - 1] < idx[i]) else {
                break;
            };
            let j = (i..n).rev().find(|&j| idx[j] > idx[i - 1]).unwrap_or(i);
            idx.swap(i - 1, j);
            idx[i..].reverse();
        }
        Ok(Value::set(out))
    }
}
