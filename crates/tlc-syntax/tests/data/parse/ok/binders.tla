---- MODULE Binders ----
Q1 == \A x \in S : P(x)
Q2 == \A x, y \in S, z \in T : P
Q3 == \E <<x, y>> \in S : x = y
Q4 == \A x : P
Q5 == \E x, y : x = y
Q6 == \E x \in S : P /\ Q
C1 == CHOOSE x \in S : P
C2 == CHOOSE x : P
C3 == CHOOSE <<a, b>> \in S : a = b
T1 == \AA x, y : P
T2 == \EE x : P
L1 == LAMBDA x, y : x + y
L2 == Op(LAMBDA x : x, 1)
Lbl1 == lbl:: x = 1
Lbl2 == lbl(a, b) :: a = b
Q7 == ~\E x \in S : P
Q8 == a /\ \A x \in S : P \/ Q
====
