//! Native Graphs!SimplePath, AreConnectedIn, IsStronglyConnected and
//! UndirectedGraphs!SimplePath, AreConnectedIn against their TLA+ definitions:
//! `tests/data/graphs/GraphTest.tla` compares them, on every graph with up to three
//! nodes (and some with edges that cannot be on a path), with the definitions where
//! `Seq(G.node)` is bounded to sequences no longer than `Cardinality(G.node) + 1`
//! (which changes no result; the unbounded definitions cannot be enumerated).

mod common;

#[test]
fn native_graph_operators_equal_their_definitions() {
    common::check_assumes("tests/data/graphs", "GraphTest.tla", 11);
}
