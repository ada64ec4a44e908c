---- MODULE ConnectedGraphs ----
\* UndirectedGraphs!IsStronglyConnected / ConnectedComponents are evaluated natively
\* (their TLA+ definitions quantify over Seq(S), which TLC cannot enumerate either).
\* 4 connected labelled graphs on 3 nodes; 3 components for the empty graph.
EXTENDS FiniteSets
INSTANCE UndirectedGraphs
VARIABLE g
Edges == {{1, 2}, {1, 3}, {2, 3}}
Init == g \in {G \in [node : {{1, 2, 3}}, edge : SUBSET Edges] : IsStronglyConnected(G)}
        /\ Cardinality(ConnectedComponents([node |-> {1, 2, 3}, edge |-> {}])) = 3
Next == UNCHANGED g
====
---- MODULE UndirectedGraphs ----
EXTENDS Sequences
ConnectedComponents(G) ==
    LET IsCC(S) == /\ S # {}
                   /\ \A m, n \in S : \E p \in Seq(S) : p[1] = m /\ p[Len(p)] = n
    IN {S \in SUBSET G.node : IsCC(S)}
IsStronglyConnected(G) == ConnectedComponents(G) = {G.node}
====
