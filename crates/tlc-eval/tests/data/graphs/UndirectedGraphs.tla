---- MODULE UndirectedGraphs ----
\* Test stand-in for the community module: tlc-eval replaces SimplePath and
\* AreConnectedIn natively (these are their definitions).
LOCAL INSTANCE Naturals
LOCAL INSTANCE Sequences
Path(G) == {p \in Seq(G.node) :
             /\ p # << >>
             /\ \A i \in 1..(Len(p)-1) : {p[i], p[i+1]} \in G.edge}
SimplePath(G) == { p \in Path(G) : \A i, j \in 1..Len(p) : p[i] = p[j] => i = j }
AreConnectedIn(m, n, G) == \E p \in Path(G) : (p[1] = m) /\ (p[Len(p)] = n)
====
