---- MODULE ByNameVarPrimed ----
\* Parameters primed in the operator body, in expressions the enumerator evaluates rather
\* than expands (comparisons): TLC substitutes the arguments, so Inc(x) means x' = x + 1
\* and Same(x + y) means x' + y' = x + y. TLC: 11 distinct states, 15 generated.
EXTENDS Naturals
VARIABLES x, y
Inc(v) == v' = v + 1
Same(e) == e' = e
Init == x = 0 /\ y = 0
Next == /\ x < 5
        /\ x' \in 0..5
        /\ y' \in 0..1
        /\ (Inc(x) = TRUE)
        /\ (Same(x + y) = FALSE)
====
