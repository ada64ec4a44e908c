//! Native community-module folds (FoldSet, FoldFunction, FoldFunctionOnSet, FoldSeq,
//! FoldLeft, FoldRight, MapThenFoldSet) against their TLA+ definitions: every ASSUME of
//! `tests/data/folds/FoldTest.tla` compares a native fold with a recursive function that
//! the evaluator does not replace (or with the value the module's documentation gives).

mod common;

#[test]
fn native_folds_equal_their_definitions() {
    common::check_assumes("tests/data/folds", "FoldTest.tla", 17);
}
