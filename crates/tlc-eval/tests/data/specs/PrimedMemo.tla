---- MODULE PrimedMemo ----
\* State functions read under a prime while the next state is being enumerated: F' and G'
\* depend on a', which changes from one candidate to the next, F (unprimed) on a only.
\* A value kept for one a' (see enummemo.rs) must not be reused for another.
\* TLC 2.15 (1 worker, -deadlock): 10 distinct states, 41 generated (= 40 transitions + 1
\* initial state), depth 3.
EXTENDS Naturals, FiniteSets
VARIABLES a, b
F == {x \in SUBSET (1..3) : a \in x}
G == Cardinality({x \in F : 3 \in x})
Init == a = 1 /\ b = {}
Next == /\ a' \in 1..3
        /\ b' \in SUBSET (1..3)
        /\ \E y \in F' : y = b'
        /\ b' \notin F
        /\ G' = IF a' = 3 THEN 4 ELSE 2
====
