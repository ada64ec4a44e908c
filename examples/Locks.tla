----------------------------- MODULE Locks -----------------------------
(***************************************************************************)
(* Two processes each need two locks, but take them in opposite orders:    *)
(* process 1 takes lock A then B, process 2 takes B then A.  When each     *)
(* holds its first lock, neither can move: a deadlock.  The model checker  *)
(* finds it in three states.                                               *)
(***************************************************************************)
VARIABLES pc, owner

Procs == {1, 2}
First  == [p \in Procs |-> IF p = 1 THEN "A" ELSE "B"]
Second == [p \in Procs |-> IF p = 1 THEN "B" ELSE "A"]
Free == 0

Init == /\ pc = [p \in Procs |-> "start"]
        /\ owner = [l \in {"A", "B"} |-> Free]

TakeFirst(p) == /\ pc[p] = "start"
                /\ owner[First[p]] = Free
                /\ owner' = [owner EXCEPT ![First[p]] = p]
                /\ pc' = [pc EXCEPT ![p] = "one"]

TakeSecond(p) == /\ pc[p] = "one"
                 /\ owner[Second[p]] = Free
                 /\ owner' = [owner EXCEPT ![Second[p]] = p]
                 /\ pc' = [pc EXCEPT ![p] = "both"]

Release(p) == /\ pc[p] = "both"
              /\ owner' = [l \in {"A", "B"} |-> IF owner[l] = p THEN Free ELSE owner[l]]
              /\ pc' = [pc EXCEPT ![p] = "start"]

Next == \E p \in Procs : TakeFirst(p) \/ TakeSecond(p) \/ Release(p)

Mutex == \A l \in {"A", "B"} : owner[l] /= Free => pc[owner[l]] /= "start"
=============================================================================
