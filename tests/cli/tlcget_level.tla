\* tlc-rs check tlcget_level.tla
---- MODULE tlcget_level ----
\* TLCGet("level") is 0 in ASSUME, Init and the invariants of initial states; while a
\* state is expanded it is that state's level (1 for initial states), also in the
\* invariants of its successors. TLCGet("diameter") in an invariant is the level of the
\* state checked. As TLC 2.15: Levels and Diam hold, Small fails at x = 3 (4 states,
\* lv = 0, 1, 2, 3), 7 distinct states, 11 generated (both stop at the failing successor,
\* not counting the rest of its batch).
EXTENDS Naturals, TLC
VARIABLES x, y, lv
ASSUME TLCGet("level") = 0
Init == x = 0 /\ y \in {0, 1} /\ lv = TLCGet("level")
Next == /\ x < 5
        /\ x' = x + 1
        /\ y' \in {0, 1}
        /\ lv' = TLCGet("level")
Levels == TLCGet("level") = x
Diam == TLCGet("diameter") = x + 1
Small == x < 3
====
