---- MODULE infix ----
Qux == x = 0
       /\ y = 1
Q2 == a /\ b \/ c
====
