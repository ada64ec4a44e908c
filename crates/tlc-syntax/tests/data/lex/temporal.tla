---- MODULE temporal ----
Spec == Init /\ [][Next]_vars /\ WF_vars(Next) /\ SF_<<x, y>>(A)
Live == <>[](x = 1) /\ (P ~> Q) /\ <<A>>_vars
====
