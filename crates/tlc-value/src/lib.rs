//! TLA+ values for the tlc-rs model checker: one canonical form per value, a total order
//! matching TLC's, stable 64-bit fingerprints, and the operations the evaluator needs.
//!
//! See `/work/notes/values-api.md` (and the module docs) for the conventions:
//! - [`Value`] is 16 bytes; compound values are shared (`Arc`) and immutable;
//! - canonical forms: see [`value`]; order: see [`order`]; fingerprints: see [`fp`];
//! - strings and model values are interned ([`Str`]) and ordered by interning order, as TLC
//!   does.
#![warn(missing_docs)]

pub mod arith;
pub mod display;
pub mod error;
pub mod fp;
pub mod intern;
pub mod lazy;
pub mod ops;
pub mod order;
pub mod perm;
pub mod value;

pub use error::{VResult, ValueError};
pub use fp::{fingerprint_state, WordHasher, FP_SEED};
pub use intern::Str;
pub use lazy::{LazyKind, LazySet, LazyStream, Shape};
pub use ops::{FuncValues, SetIter, STREAM_ABOVE};
pub use order::{comparable, tla_eq, tla_member};
pub use perm::MvPerm;
pub use value::{FuncValue, ModelValue, RecordValue, SetValue, TupleValue, Value};

#[cfg(test)]
mod tests;
