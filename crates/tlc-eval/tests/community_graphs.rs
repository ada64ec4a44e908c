//! Native Graphs!SimplePath, AreConnectedIn, IsStronglyConnected and
//! UndirectedGraphs!SimplePath, AreConnectedIn against their TLA+ definitions:
//! `tests/data/graphs/GraphTest.tla` compares them, on every graph with up to three
//! nodes (and some with edges that cannot be on a path), with the definitions where
//! `Seq(G.node)` is bounded to sequences no longer than `Cardinality(G.node) + 1`
//! (which changes no result; the unbounded definitions cannot be enumerated).

use tlc_eval::{ModelConfig, Program};

fn check_assumes(dir: &str, root: &str, at_least: usize) {
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

#[test]
fn native_graph_operators_equal_their_definitions() {
    check_assumes("tests/data/graphs", "GraphTest.tla", 11);
}
