---- MODULE NonAssoc ----
E1 == a = b = c
E2 == a => b => c
E3 == a \in S \in T
Good == 1
====
