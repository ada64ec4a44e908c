//! Native community-module folds (FoldSet, FoldFunction, FoldFunctionOnSet, FoldSeq,
//! FoldLeft, FoldRight, MapThenFoldSet) against their TLA+ definitions: every ASSUME of
//! `tests/data/folds/FoldTest.tla` compares a native fold with a recursive function that
//! the evaluator does not replace (or with the value the module's documentation gives).

use tlc_eval::{ModelConfig, Program};

#[test]
fn native_folds_equal_their_definitions() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/folds");
    let spec = tlc_syntax::loader::load_spec_with(
        &dir.join("FoldTest.tla"),
        std::slice::from_ref(&dir),
        tlc_syntax::parse_file,
    );
    assert!(spec.errors.is_empty(), "{:?}", spec.errors);
    let p = match Program::compile(&spec.modules, &ModelConfig::default()) {
        Ok(p) => p,
        Err(es) => panic!("compile error: {}", es[0].message),
    };
    assert!(
        p.assumptions.len() >= 17,
        "{} assumptions",
        p.assumptions.len()
    );
    match p.check_assumptions() {
        Ok(None) => {}
        Ok(Some(i)) => panic!("ASSUME number {} is FALSE", i + 1),
        Err(e) => panic!("evaluation error: {}", e.message),
    }
}
