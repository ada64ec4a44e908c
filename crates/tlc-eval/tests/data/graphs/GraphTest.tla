---- MODULE GraphTest ----
\* The native Graphs!SimplePath, AreConnectedIn, IsStronglyConnected and
\* UndirectedGraphs!SimplePath, AreConnectedIn against their definitions with
\* Seq(G.node) bounded to sequences of at most Cardinality(G.node) + 1 elements.
\* The bound changes nothing: a simple path has at most Cardinality(G.node)
\* elements, and two nodes connected by a path are connected by a simple path.
EXTENDS Naturals, Sequences, FiniteSets
D == INSTANCE Graphs
U == INSTANCE UndirectedGraphs

BSeq(S, k) == UNION {[1..i -> S] : i \in 0..k}
Bound(G) == Cardinality(G.node) + 1

DPath(G) == {p \in BSeq(G.node, Bound(G)) :
               /\ p # << >>
               /\ \A i \in 1..(Len(p)-1) : <<p[i], p[i+1]>> \in G.edge}
UPath(G) == {p \in BSeq(G.node, Bound(G)) :
               /\ p # << >>
               /\ \A i \in 1..(Len(p)-1) : {p[i], p[i+1]} \in G.edge}
Simple(P) == {p \in P : \A i, j \in 1..Len(p) : p[i] = p[j] => i = j}
Connected(m, n, P) == \E p \in P : (p[1] = m) /\ (p[Len(p)] = n)

\* Directed graphs: every graph on up to three nodes, and some with edges that
\* can never be on a path (an end outside G.node, tuples of other lengths).
Nodes == {{}, {1}, {1, 2}, {1, 2, 3}, {"a", "b"}}
Junk == {<<1, 4>>, <<4, 2>>, <<1>>, <<1, 2, 3>>, <<>>}
DGraphs == UNION {[node : {S}, edge : SUBSET (S \X S)] : S \in Nodes}
             \cup {[node |-> {1, 2, 3}, edge |-> E \cup Junk] :
                     E \in {{}, {<<1, 2>>}, {<<1, 2>>, <<2, 3>>}, {<<3, 1>>, <<1, 1>>}}}
\* Undirected graphs: edges {a, b} and self-loops {a}, plus junk.
UEdges(S) == {{s, t} : <<s, t>> \in S \X S}
UGraphs == UNION {[node : {S}, edge : SUBSET UEdges(S)] : S \in Nodes}
             \cup {[node |-> {1, 2, 3}, edge |-> E \cup {{1, 4}, {1, 2, 3}, {}}] :
                     E \in {{}, {{1, 2}}, {{2, 3}, {3}}}}

\* Values outside G.node: never connected.
Others == {0, 5}

ASSUME \A G \in DGraphs :
         LET P == DPath(G) IN
         /\ D!SimplePath(G) = Simple(P)
         /\ \A m, n \in G.node : D!AreConnectedIn(m, n, G) = Connected(m, n, P)
         /\ D!IsStronglyConnected(G) = \A m, n \in G.node : Connected(m, n, P)
ASSUME \A G \in UGraphs :
         LET P == UPath(G) IN
         /\ U!SimplePath(G) = Simple(P)
         /\ \A m, n \in G.node : U!AreConnectedIn(m, n, G) = Connected(m, n, P)
ASSUME \A G \in DGraphs \cap [node : {{1, 2, 3}}, edge : SUBSET ({1, 2, 3} \X {1, 2, 3})] :
         \A m \in G.node, o \in Others :
           ~D!AreConnectedIn(m, o, G) /\ ~D!AreConnectedIn(o, m, G) /\ ~D!AreConnectedIn(o, o, G)
\* Counts that fail if the search enumerates too few or too many graphs.
ASSUME Cardinality(DGraphs) = 1 + 2 + 16 + 512 + 16 + 4
ASSUME Cardinality(UGraphs) = 1 + 2 + 8 + 64 + 8 + 3
\* Examples.
ASSUME D!SimplePath([node |-> {1, 2, 3}, edge |-> {<<1, 2>>, <<2, 1>>, <<2, 3>>}])
         = {<<1>>, <<2>>, <<3>>, <<1, 2>>, <<2, 1>>, <<2, 3>>, <<1, 2, 3>>}
ASSUME U!SimplePath([node |-> {1, 2, 3}, edge |-> {{1, 2}, {2, 3}}])
         = {<<1>>, <<2>>, <<3>>, <<1, 2>>, <<2, 1>>, <<2, 3>>, <<3, 2>>, <<1, 2, 3>>, <<3, 2, 1>>}
ASSUME D!IsStronglyConnected([node |-> {}, edge |-> {}])
ASSUME ~D!IsStronglyConnected([node |-> {1, 2}, edge |-> {<<1, 2>>}])
ASSUME D!IsStronglyConnected([node |-> {1, 2, 3}, edge |-> {<<1, 2>>, <<2, 3>>, <<3, 1>>}])
ASSUME ~D!AreConnectedIn(1, 1, [node |-> {}, edge |-> {}])
====
