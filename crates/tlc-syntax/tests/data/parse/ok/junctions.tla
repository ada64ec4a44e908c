---- MODULE Junctions ----
J1 == /\ a
      /\ b
J2 == \/ a
      \/ b
J3 == /\ a
J4 == /\ \/ a
         \/ b
      /\ c
J5 == (/\ a
       /\ b)
J6 == IF /\ a
         /\ b
      THEN /\ c
           /\ d
      ELSE e
J7 == LET x == /\ a
               /\ b
      IN x
J8 == /\ a
   /\ b
J9 == f(/\ a
        /\ b, c)
J10 == /\ \E x \in S : /\ P
                       /\ Q
       /\ R
J11 == /\ CASE a -> 1
            [] OTHER -> 2
       /\ b
J12 == ∧ a
       ∧ b
====
