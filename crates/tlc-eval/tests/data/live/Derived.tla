---- MODULE Derived ----
\* Atoms decided from the successors (ENABLED, <<A>>_v) must equal their evaluation.
EXTENDS Naturals
VARIABLES x, y, z
vars == <<x, y, z>>
Init == x = 0 /\ y = 0 /\ z = 0
Inc == x < 3 /\ x' = x + 1 /\ UNCHANGED <<y, z>>
\* produces the same successor as Inc when y = 0 (an Inc step that is also a Same step)
Same == x < 3 /\ y = 0 /\ x' = x + 1 /\ y' = y /\ z' = z
Flip == y' = 1 - y /\ UNCHANGED <<x, z>>
Touch == z' = z /\ UNCHANGED <<x, y>>
Reset == x = 3 /\ x' = 0 /\ z' = (z + 1) % 2 /\ y' = y
Next == Inc \/ Same \/ Flip \/ Touch \/ Reset
Spec == Init /\ [][Next]_vars /\ WF_vars(Next) /\ SF_x(Inc) /\ WF_<<x + y>>(Same)
        /\ WF_<<y, z>>(Touch) /\ WF_vars(Flip /\ x = 0)
P1 == <>(ENABLED Reset)
P2 == []<><<Same>>_x
P3 == []<>(ENABLED <<Touch>>_vars \/ ENABLED Touch)
P4 == <>[]<<Next>>_<<x, z>> \/ []<>(x = 2)
====
