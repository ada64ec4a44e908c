---- MODULE ByNameVarPrimed ----
\* Parameters primed in the operator body, in expressions the enumerator evaluates rather
\* than expands (comparisons): TLC substitutes the arguments, so Inc(x) means x' = x + 1,
\* Same(x + y) means x' + y' = x + y and Moved(y) (a variable passed on through a
\* parameter) means y' # y. TLC: 6 distinct states, 6 generated.
EXTENDS Naturals
VARIABLES x, y
Inc(v) == v' = v + 1
Same(e) == e' = e
Changed(v) == v' # v
Moved(w) == Changed(w) = TRUE
Init == x = 0 /\ y = 0
Next == /\ x < 5
        /\ x' \in 0..5
        /\ y' \in 0..1
        /\ (Inc(x) = TRUE)
        /\ (Same(x + y) = FALSE)
        /\ (Moved(y) \/ x # 0)
====
