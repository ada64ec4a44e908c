---- MODULE let_in ----
Baz == LET u == /\ a
                /\ b
           v == c
       IN /\ u
          /\ c
====
