---- MODULE Brackets ----
E1 == [a, b]
E2 == {1 : 2}
E3 == [a |-> 1, b : 2]
E4 == lbl(1) :: x
Good == 1
====
