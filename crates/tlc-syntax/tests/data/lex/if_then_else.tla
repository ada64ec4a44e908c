---- MODULE if_then_else ----
Foo == IF /\ a
          /\ b
       THEN 1 ELSE 2
Foo2 == /\ IF a THEN /\ b
                     /\ c
              ELSE \/ d
                   \/ e
        /\ f
====
