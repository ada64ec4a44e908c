---- MODULE Nested ----
A == 1
---- MODULE Inner ----
B == (1
C == 2
====
D == 3
====
