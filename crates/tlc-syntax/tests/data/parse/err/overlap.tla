---- MODULE Overlap ----
E1 == a /\ b \/ c
E2 == a * b / c
E3 == SUBSET A \X B
Good == 1
====
