---- MODULE LetUnderPrime ----
\* A LET definition used primed after being used unprimed (its cached value is the
\* unprimed one): TLC 4 distinct states.
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == /\ x < 3
        /\ x' = x + 1
        /\ LET a == x IN a = x /\ a' = x + 1
        /\ (LET b == x IN b)' = x + 1
====
