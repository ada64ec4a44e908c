---- MODULE Graphs ----
\* Test stand-in for the community module: tlc-eval replaces SimplePath,
\* AreConnectedIn and IsStronglyConnected natively (these are their definitions).
EXTENDS Naturals, Sequences
Path(G) == {p \in Seq(G.node) :
             /\ p # << >>
             /\ \A i \in 1..(Len(p)-1) : <<p[i], p[i+1]>> \in G.edge}
SimplePath(G) == { p \in Path(G) : \A i, j \in 1..Len(p) : p[i] = p[j] => i = j }
AreConnectedIn(m, n, G) == \E p \in Path(G) : (p[1] = m) /\ (p[Len(p)] = n)
IsStronglyConnected(G) == \A m, n \in G.node : AreConnectedIn(m, n, G)
====
