//! placeholder
pub mod liveness;
