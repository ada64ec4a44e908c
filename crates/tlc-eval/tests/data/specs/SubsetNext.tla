---- MODULE SubsetNext ----
\* x' \in {R \in SUBSET ... : P} gives one successor per element, enumerated on the fly, and
\* \E over a state-dependent filter of SUBSET (S \X S) is enumerated element by element (one
\* successor per witness T, as in TLC). TLC 2.15 (1 worker): 25 distinct states, 1249 generated
\* (= 1248 transitions + 1 initial state), depth 3, then "Deadlock reached" at n = 2 (the
\* test does not check deadlock). The 2^25-element cases are in tests/data/expr/lazy_sets.txt
\* (with S == 1..5 here, TLC takes seconds per state).
EXTENDS Naturals, FiniteSets
VARIABLES r, n
S == 1..3
Init == r = {} /\ n = 0
Next == /\ n < 2
        /\ r' \in {R \in SUBSET ({n + 1} \X (1..4)) : Cardinality(R) # 1}
        /\ \E T \in {T \in SUBSET (S \X S) : <<n + 1, n + 1>> \in T} : Cardinality(T) = 2
        /\ n' = n + 1
====
