//! 64-bit fingerprints: stable across runs, machines and architectures.
//!
//! Algorithm: XXH3-64 with the fixed seed [`FP_SEED`] over a canonical little-endian
//! encoding. Every fingerprint is non-zero (a hash result of 0 is replaced by 1), so 0 can
//! mean "not computed" in caches. Notation: `H(bytes)` = that hash; `w(x)` = the 8-byte
//! little-endian encoding of the u64 `x`; `fp(v)` = fingerprint of value `v`.
//!
//! | value | fingerprint |
//! |---|---|
//! | `FALSE`/`TRUE` | `H(w(1) w(0 or 1))` |
//! | integer `i` fitting i64 | `M(i as u64 ^ INT_KEY)`, `M` = SplitMix64 finalizer (see [`INT_KEY`]) |
//! | other integer | `H(w(3) w(sign: 0 = +, 1 = -) w(n) w(d1)..w(dn))`, `d` = u64 digits of \|i\|, least significant first |
//! | string `s` | `H(w(4) w(len) utf8(s))` |
//! | model value `m` | `H(w(5) w(len) utf8(m))` |
//! | tuple `<<e1..en>>` | `H(w(16) w(n) w(fp(e1))..w(fp(en)))` |
//! | function / record (n pairs) | `H(w(17) w(n) w(Σ P(k,v)))`, `P(k,v) = H(w(18) w(fp(k)) w(fp(v)))` |
//! | finite set (n elements) | `H(w(19) w(n) w(Σ fp(e)))` |
//! | `Nat` / `Int` / `STRING` | `H(w(32))` / `H(w(33))` / `H(w(34))` |
//! | `Seq(S)` (infinite) | `H(w(35) w(fp(S)))` |
//! | other infinite lazy sets | `H(w(36 + shape) w(fp(component))..)` |
//! | a state (n variables) | `H(w(64) w(n) w(fp(v1))..w(fp(vn)))` |
//!
//! Sums `Σ` are wrapping u64 additions. They make the fingerprints of sets and functions
//! independent of the order of elements, because the canonical order of strings and
//! model values depends on interning order (see [`crate::Str`]) while fingerprints must not.
//! Lazy finite sets fingerprint as their enumerated form (except sets too large to ever be
//! enumerated, over `lazy::MAX_ENUM` elements, which fingerprint structurally); fingerprints of sets, tuples,
//! records and functions are cached inside the shared value.

use crate::lazy::LazyKind;
use crate::value::Value;
use xxhash_rust::xxh3::{xxh3_64_with_seed, Xxh3};

/// The fixed XXH3 seed (ASCII "TLCRSFP1" read as a little-endian u64).
pub const FP_SEED: u64 = u64::from_le_bytes(*b"TLCRSFP1");

pub(crate) const TAG_BOOL: u64 = 1;
pub(crate) const TAG_BIG: u64 = 3;
pub(crate) const TAG_STR: u64 = 4;
pub(crate) const TAG_MODEL: u64 = 5;
pub(crate) const TAG_TUPLE: u64 = 16;
pub(crate) const TAG_FUNC: u64 = 17;
pub(crate) const TAG_PAIR: u64 = 18;
pub(crate) const TAG_SET: u64 = 19;
pub(crate) const TAG_NAT: u64 = 32;
pub(crate) const TAG_INTSET: u64 = 33;
pub(crate) const TAG_STRING: u64 = 34;
pub(crate) const TAG_SEQ: u64 = 35;
pub(crate) const TAG_LAZY_OTHER: u64 = 36;
pub(crate) const TAG_STATE: u64 = 64;

#[inline]
fn nz(h: u64) -> u64 {
    if h == 0 {
        1
    } else {
        h
    }
}

/// Hashes a sequence of u64 words (little-endian): up to 32 words go through a stack
/// buffer and one-shot XXH3 (no allocation), longer inputs through streaming XXH3 (which
/// gives the same result as one-shot over the same bytes).
pub struct WordHasher {
    buf: [u8; 256],
    len: usize,
    stream: Option<Box<Xxh3>>,
}

impl Default for WordHasher {
    fn default() -> Self {
        Self::new()
    }
}

impl WordHasher {
    /// A fresh hasher.
    #[inline]
    pub fn new() -> WordHasher {
        WordHasher {
            buf: [0; 256],
            len: 0,
            stream: None,
        }
    }
    /// Appends one word.
    #[inline]
    pub fn word(&mut self, w: u64) {
        if self.len == self.buf.len() {
            let s = self
                .stream
                .get_or_insert_with(|| Box::new(Xxh3::with_seed(FP_SEED)));
            s.update(&self.buf);
            self.len = 0;
        }
        self.buf[self.len..self.len + 8].copy_from_slice(&w.to_le_bytes());
        self.len += 8;
    }
    /// The (non-zero) hash of the words appended so far.
    #[inline]
    pub fn finish(&mut self) -> u64 {
        match self.stream.as_mut() {
            None => nz(xxh3_64_with_seed(&self.buf[..self.len], FP_SEED)),
            Some(s) => {
                s.update(&self.buf[..self.len]);
                nz(s.digest())
            }
        }
    }
}

/// Key xor-ed into integers before mixing (ASCII "TLCRSINT").
pub const INT_KEY: u64 = u64::from_le_bytes(*b"TLCRSINT");

/// Fingerprint of a small integer: the SplitMix64 finalizer of `i ^ INT_KEY` (a bijection,
/// so distinct i64 never collide), 0 replaced by 1.
#[inline]
pub(crate) fn int_fp(i: i64) -> u64 {
    let mut z = (i as u64) ^ INT_KEY;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    nz(z ^ (z >> 31))
}

#[inline]
fn h2(a: u64, b: u64) -> u64 {
    let mut buf = [0u8; 16];
    buf[..8].copy_from_slice(&a.to_le_bytes());
    buf[8..].copy_from_slice(&b.to_le_bytes());
    nz(xxh3_64_with_seed(&buf, FP_SEED))
}

#[inline]
fn h3(a: u64, b: u64, c: u64) -> u64 {
    let mut buf = [0u8; 24];
    buf[..8].copy_from_slice(&a.to_le_bytes());
    buf[8..16].copy_from_slice(&b.to_le_bytes());
    buf[16..].copy_from_slice(&c.to_le_bytes());
    nz(xxh3_64_with_seed(&buf, FP_SEED))
}

/// `H(w(tag) w(len) bytes)`.
pub(crate) fn fp_tagged_bytes(tag: u64, bytes: &[u8]) -> u64 {
    let mut v = Vec::with_capacity(16 + bytes.len());
    v.extend_from_slice(&tag.to_le_bytes());
    v.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
    v.extend_from_slice(bytes);
    nz(xxh3_64_with_seed(&v, FP_SEED))
}

fn set_fp(n: usize, sum: u64) -> u64 {
    h3(TAG_SET, n as u64, sum)
}

fn func_fp(n: usize, sum: u64) -> u64 {
    h3(TAG_FUNC, n as u64, sum)
}

#[inline]
fn pair_fp(k: u64, v: u64) -> u64 {
    h3(TAG_PAIR, k, v)
}

impl Value {
    /// The 64-bit fingerprint (non-zero). Equal values have equal fingerprints.
    #[inline]
    pub fn fingerprint(&self) -> u64 {
        match self {
            Value::Bool(b) => h2(TAG_BOOL, *b as u64),
            Value::Int(i) => int_fp(*i),
            Value::Str(s) => s.entry().str_fp,
            Value::Model(m) => m.0.entry().mv_fp,
            _ => self.compound_fp(),
        }
    }

    /// The fingerprint if it is cached (compound values) or free (strings, model values).
    #[inline]
    pub(crate) fn cached_fp(&self) -> Option<u64> {
        let v = match self {
            Value::Set(s) => s.hdr().peek(),
            Value::Tuple(t) => t.hdr().peek(),
            Value::Record(r) => r.hdr().peek(),
            Value::Func(f) => f.hdr().peek(),
            Value::Lazy(l) => l.hdr().peek(),
            Value::Str(s) => s.entry().str_fp,
            Value::Model(m) => m.0.entry().mv_fp,
            _ => 0,
        };
        (v != 0).then_some(v)
    }

    #[cold]
    fn big_fp(b: &num_bigint::BigInt) -> u64 {
        let mut h = WordHasher::new();
        h.word(TAG_BIG);
        h.word((b.sign() == num_bigint::Sign::Minus) as u64);
        let d = b.magnitude().to_u64_digits();
        h.word(d.len() as u64);
        for x in d {
            h.word(x);
        }
        h.finish()
    }

    fn compound_fp(&self) -> u64 {
        match self {
            Value::BigInt(b) => Value::big_fp(b),
            Value::Set(s) => s.hdr().cached_fp(|| {
                let sum = s
                    .elems()
                    .iter()
                    .fold(0u64, |a, e| a.wrapping_add(e.fingerprint()));
                set_fp(s.len(), sum)
            }),
            Value::Tuple(t) => t.hdr().cached_fp(|| {
                hash_tagged_words(
                    TAG_TUPLE,
                    t.len(),
                    t.elems().iter().map(|e| e.fingerprint()),
                )
            }),
            Value::Record(r) => r.hdr().cached_fp(|| {
                let sum = r.fields().iter().fold(0u64, |a, (k, v)| {
                    a.wrapping_add(pair_fp(k.entry().str_fp, v.fingerprint()))
                });
                func_fp(r.len(), sum)
            }),
            Value::Func(f) => f.hdr().cached_fp(|| {
                let sum = f.pairs().iter().fold(0u64, |a, (k, v)| {
                    a.wrapping_add(pair_fp(k.fingerprint(), v.fingerprint()))
                });
                func_fp(f.len(), sum)
            }),
            Value::Lazy(l) => l.hdr().cached_fp(|| {
                if l.is_finite() {
                    if let LazyKind::Interval(a, b) = l.kind() {
                        if (*b as i128 - *a as i128) < crate::lazy::MAX_ENUM as i128 {
                            let sum = (*a..=*b).fold(0u64, |s, i| s.wrapping_add(int_fp(i)));
                            return set_fp((b - a + 1) as usize, sum);
                        }
                    }
                    if let Ok(s) = l.materialize() {
                        return Value::Set(s).fingerprint();
                    }
                }
                let mut h = WordHasher::new();
                match l.kind() {
                    LazyKind::Nat => h.word(TAG_NAT),
                    LazyKind::Int => h.word(TAG_INTSET),
                    LazyKind::Strings => h.word(TAG_STRING),
                    LazyKind::SeqSet(s) => {
                        h.word(TAG_SEQ);
                        h.word(s.fingerprint());
                    }
                    LazyKind::Interval(a, b) => {
                        h.word(TAG_LAZY_OTHER);
                        h.word(*a as u64);
                        h.word(*b as u64);
                    }
                    LazyKind::Subset(s) | LazyKind::Union(s) => {
                        h.word(TAG_LAZY_OTHER + 1 + matches!(l.kind(), LazyKind::Union(_)) as u64);
                        h.word(s.fingerprint());
                    }
                    LazyKind::FuncSet(s, t) => {
                        h.word(TAG_LAZY_OTHER + 3);
                        h.word(s.fingerprint());
                        h.word(t.fingerprint());
                    }
                    LazyKind::RecordSet(f) => {
                        h.word(TAG_LAZY_OTHER + 4);
                        h.word(f.len() as u64);
                        for (k, s) in f {
                            h.word(k.entry().str_fp);
                            h.word(s.fingerprint());
                        }
                    }
                    LazyKind::Product(f) => {
                        h.word(TAG_LAZY_OTHER + 5);
                        h.word(f.len() as u64);
                        for s in f {
                            h.word(s.fingerprint());
                        }
                    }
                }
                h.finish()
            }),
            _ => self.fingerprint(),
        }
    }
}

/// `H(w(tag) w(n) w(x1)..w(xn))` for the n words of `items`: a stack buffer and one-shot
/// XXH3 for up to 30 words, [`WordHasher`] beyond.
#[inline]
fn hash_tagged_words(tag: u64, n: usize, items: impl Iterator<Item = u64>) -> u64 {
    if n <= 30 {
        let mut buf = [0u8; 256];
        buf[..8].copy_from_slice(&tag.to_le_bytes());
        buf[8..16].copy_from_slice(&(n as u64).to_le_bytes());
        for (chunk, x) in buf[16..16 + 8 * n].chunks_exact_mut(8).zip(items) {
            chunk.copy_from_slice(&x.to_le_bytes());
        }
        return nz(xxh3_64_with_seed(&buf[..16 + 8 * n], FP_SEED));
    }
    let mut h = WordHasher::new();
    h.word(tag);
    h.word(n as u64);
    for x in items {
        h.word(x);
    }
    h.finish()
}

/// Fingerprint of a whole state (the values of its variables, in a fixed variable order).
/// Does not allocate for states of up to 30 variables.
pub fn fingerprint_state(vars: &[Value]) -> u64 {
    hash_tagged_words(TAG_STATE, vars.len(), vars.iter().map(|v| v.fingerprint()))
}
