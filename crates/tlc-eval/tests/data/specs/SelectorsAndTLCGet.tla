---- MODULE SelectorsAndTLCGet ----
\* Subexpression selectors of definitions and theorems (`Inv!2`, `Thm!:`), and
\* TLCGet/TLCSet in ASSUMEs and actions.
EXTENDS Naturals, TLC
VARIABLE x
THEOREM Positive == \A n \in {1, 2} : n > 0
ASSUME Positive!:
ASSUME TLCGet("config").mode = "bfs" /\ TLCGet("config").worker = 1
ASSUME TLCSet(3, 7) /\ TLCGet(3) = 7
ASSUME TLCGet("level") = 0
Inv == /\ x \in 0..10
       /\ x < 3
       /\ x # 100
Init == x = 0
Next == x' = x + 1 /\ Inv!2 /\ TLCGet(3) = 7
====
