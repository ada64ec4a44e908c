//! Rendering a [`crate::report::CheckReport`]: TLC-like text ([`text`]) or one
//! JSON object ([`json`]), plus the run header shared by both.

pub mod json;
pub mod text;

/// What is being checked, printed in the text header and used by both formats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunInfo {
    /// The spec file as given.
    pub spec: String,
    /// The config file as given or defaulted.
    pub model: String,
    /// Worker threads.
    pub workers: usize,
}
