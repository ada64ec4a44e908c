---- MODULE SymmetryUnion ----
\* SYMMETRY Permutations(A) \cup Permutations(V): TLC reduces modulo the group these
\* permutations generate (TLC: 1 distinct state; the set alone would give 2).
EXTENDS TLC
CONSTANTS a1, a2, v1, v2
VARIABLES a, v
Init == a \in {a1, a2} /\ v \in {v1, v2}
Next == UNCHANGED <<a, v>>
Sym == Permutations({a1, a2}) \cup Permutations({v1, v2})
====
