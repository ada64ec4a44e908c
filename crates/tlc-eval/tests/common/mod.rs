//! Shared helpers of the tlc-eval integration tests.

use tlc_eval::{ModelConfig, Program};

/// Loads `root` from `dir` (relative to the crate), compiles it without a model, and checks
/// that it has at least `at_least` ASSUMEs and that every one of them holds.
pub fn check_assumes(dir: &str, root: &str, at_least: usize) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let spec = tlc_syntax::loader::load_spec_with(
        &dir.join(root),
        std::slice::from_ref(&dir),
        tlc_syntax::parse_file,
    );
    assert!(spec.errors.is_empty(), "{:?}", spec.errors);
    let p = match Program::compile(&spec.modules, &ModelConfig::default()) {
        Ok(p) => p,
        Err(es) => panic!("compile error: {}", es[0].message),
    };
    assert!(
        p.assumptions.len() >= at_least,
        "{} assumptions",
        p.assumptions.len()
    );
    match p.check_assumptions() {
        Ok(None) => {}
        Ok(Some(i)) => panic!("ASSUME number {} is FALSE", i + 1),
        Err(e) => panic!("evaluation error: {}", e.message),
    }
}
