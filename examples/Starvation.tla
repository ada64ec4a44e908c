---------------------------- MODULE Starvation ----------------------------
(***************************************************************************)
(* Two processes share one lock. Each one requests the lock, enters its    *)
(* critical section when the lock is free, and leaves.  The spec is weakly *)
(* fair to every step a process can take on its own, but only weakly fair  *)
(* to Enter: a waiting process is not guaranteed the lock, because the     *)
(* other one may take it back every time it becomes free.  The property    *)
(* NoStarvation is therefore violated; the counterexample is a lasso in    *)
(* which process 2 waits forever.  Replace WF_vars(Enter(p)) by            *)
(* SF_vars(Enter(p)) and the property holds.                               *)
(***************************************************************************)
VARIABLES pc, lock
vars == <<pc, lock>>
Procs == {1, 2}

Init == pc = [p \in Procs |-> "idle"] /\ lock = 0

Request(p) == /\ pc[p] = "idle"
              /\ pc' = [pc EXCEPT ![p] = "waiting"]
              /\ UNCHANGED lock
Enter(p)   == /\ pc[p] = "waiting" /\ lock = 0
              /\ lock' = p
              /\ pc' = [pc EXCEPT ![p] = "cs"]
Leave(p)   == /\ pc[p] = "cs"
              /\ lock' = 0
              /\ pc' = [pc EXCEPT ![p] = "idle"]

Next == \E p \in Procs : Request(p) \/ Enter(p) \/ Leave(p)

Spec == /\ Init /\ [][Next]_vars
        /\ \A p \in Procs : WF_vars(Request(p)) /\ WF_vars(Leave(p))
        /\ \A p \in Procs : WF_vars(Enter(p))

NoStarvation == \A p \in Procs : pc[p] = "waiting" ~> pc[p] = "cs"
=============================================================================
