------------------------------ MODULE AbsSteps ------------------------------
(* The abstract spec for Steps.tla: a counter moved by one of several      *)
(* sub-actions (Up, Down, Jump(1), Jump(2)).                               *)
EXTENDS Naturals
VARIABLE a
AInit == a = 0
Up == a' = a + 1
Down == a > 0 /\ a' = a - 1
Jump(k) == a' = a + 10 * k
ANext == Up \/ Down \/ \E k \in 1..2 : Jump(k)
ASpec == AInit /\ [][ANext]_a
=============================================================================
