---- MODULE Unclosed ----
E1 == (a + b
E2 == 2
Good == 1
====
