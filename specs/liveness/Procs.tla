---------------------------- MODULE Procs ----------------------------
(* Two processes, each cycling pc = 0 -> 1 -> 2 -> 0. Weak fairness of  *)
(* Next lets one process run forever while the other waits; fairness    *)
(* per process (\A p \in Procs : WF_pc(Step(p))) makes every process    *)
(* return to 0 infinitely often.                                        *)
EXTENDS Naturals, TLC
CONSTANT Procs
VARIABLE pc

Init == pc = [p \in Procs |-> 0]
Step(p) == pc' = [pc EXCEPT ![p] = (pc[p] + 1) % 3]
Next == \E p \in Procs : Step(p)

NextFair == Init /\ [][Next]_pc /\ WF_pc(Next)
EachFair == Init /\ [][Next]_pc /\ \A p \in Procs : WF_pc(Step(p))
EachStrong == Init /\ [][Next]_pc /\ \A p \in Procs : SF_pc(Step(p))

EachReturns == \A p \in Procs : []<>(pc[p] = 0)
Symm == Permutations(Procs)
View == pc
=============================================================================
