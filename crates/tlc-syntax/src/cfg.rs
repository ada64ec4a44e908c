//! TLC `.cfg` parser (in progress).
