---- MODULE quantifiers ----
Q == /\ \E i \in S : /\ p(i)
                     /\ q(i)
     /\ \A j \in S, k \in T : r
     /\ {x \in S : /\ x > 1
                   /\ x < 3}
     /\ CHOOSE y \in S : y = 1
L == LAMBDA a, b : a + b
====
