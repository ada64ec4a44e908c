---- MODULE ActionLabels ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y = 0
Inc(p) ==
  /\ x' = x + p
  /\ y' = y /\ x < 12
Bump == y' = y + 1 /\ x' = x /\ y < 3
Next == \/ \E p \in {1} : Inc(p)
        \/ Bump
        \/ (x = 1 /\ y = 1 /\ x' = 10 /\ y' = y)
        \/ \E q \in {2} : x = 10 /\ x' = x + q /\ y' = y
Inv == x /= 12
\* TLC: <Inc line 6, col 3 to line 7, col 21>, <Bump line 8, col 9 to line 8, col 37>,
\* <Next line 11, col 13 to line 11, col 47>, <Next line 12, col 27 to line 12, col 56>
====
