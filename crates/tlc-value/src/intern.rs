//! Interned strings (`Str`): the names of TLA+ strings, record fields and model values.
//!
//! Every distinct text is interned once, for the life of the process, into a global table
//! and gets a *token*: the number of distinct texts interned before it. Like TLC's
//! `UniqueString`, strings are ordered by token (first-interned first), not alphabetically;
//! this is what makes TLC print record fields in the order they appear in the spec and what
//! decides which string `CHOOSE` picks. To match TLC, the front end should intern the
//! identifiers and string literals of the spec in source order before evaluating anything.
//!
//! `Str` is a thin `Copy` pointer: equality is pointer identity, comparison is a token
//! comparison, and the fingerprint of the text is computed once at interning time.

use std::collections::HashMap;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::{Mutex, OnceLock};

/// One interned text (leaked: lives for the rest of the process).
#[derive(Debug)]
pub struct StrEntry {
    text: Box<str>,
    tok: u32,
    /// Fingerprint of the value `"text"` (a TLA+ string).
    pub(crate) str_fp: u64,
    /// Fingerprint of the model value named `text`.
    pub(crate) mv_fp: u64,
}

/// An interned string. Cheap to copy, compare and hash.
#[derive(Clone, Copy)]
pub struct Str(&'static StrEntry);

fn table() -> &'static Mutex<HashMap<&'static str, &'static StrEntry>> {
    static TABLE: OnceLock<Mutex<HashMap<&'static str, &'static StrEntry>>> = OnceLock::new();
    TABLE.get_or_init(|| Mutex::new(HashMap::new()))
}

impl Str {
    /// Interns `text` (takes a global lock; intern literals once, ahead of the hot loop).
    pub fn new(text: &str) -> Str {
        let mut t = match table().lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(e) = t.get(text) {
            return Str(e);
        }
        let tok = t.len() as u32;
        let entry: &'static StrEntry = Box::leak(Box::new(StrEntry {
            text: text.into(),
            tok,
            str_fp: crate::fp::fp_tagged_bytes(crate::fp::TAG_STR, text.as_bytes()),
            mv_fp: crate::fp::fp_tagged_bytes(crate::fp::TAG_MODEL, text.as_bytes()),
        }));
        t.insert(&entry.text, entry);
        Str(entry)
    }

    /// Interns each text in order (convenience for seeding TLC's token order).
    pub fn intern_all<'a>(texts: impl IntoIterator<Item = &'a str>) {
        for t in texts {
            Str::new(t);
        }
    }

    /// The text.
    pub fn as_str(self) -> &'static str {
        &self.0.text
    }

    /// The interning token (order of first interning).
    pub fn token(self) -> u32 {
        self.0.tok
    }

    pub(crate) fn entry(self) -> &'static StrEntry {
        self.0
    }
}

impl PartialEq for Str {
    #[inline]
    fn eq(&self, other: &Str) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}
impl Eq for Str {}

impl PartialOrd for Str {
    #[inline]
    fn partial_cmp(&self, other: &Str) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Str {
    #[inline]
    fn cmp(&self, other: &Str) -> std::cmp::Ordering {
        self.0.tok.cmp(&other.0.tok)
    }
}

impl Hash for Str {
    #[inline]
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u32(self.0.tok);
    }
}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<&str> for Str {
    fn from(s: &str) -> Str {
        Str::new(s)
    }
}
