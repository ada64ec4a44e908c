//! The tlc-rs command-line tool as a library: flags, diagnostics, the `parse`
//! and `check` commands, text/JSON output and progress. `main.rs` is a thin
//! wrapper around [`cmd::run`]; the conformance runner (`src/bin/conformance.rs`)
//! drives the built binary instead.
//!
//! **Architecture invariant:** only this crate knows clap, terminals and JSON.

pub mod cmd;
pub mod diag;
pub mod engine;
pub mod flags;
pub mod frontend;
pub mod json_schema;
pub mod output;
pub mod progress;
pub mod report;
