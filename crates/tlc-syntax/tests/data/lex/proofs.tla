---- MODULE proofs ----
THEOREM T == /\ a
             /\ b
<1>1. x < 1
  BY <1>1, a<1>b DEF Foo
<1>2. PICK y \in S : /\ c
                     /\ d
  OBVIOUS
<1> QED
  PROOF OMITTED
====
