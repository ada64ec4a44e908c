---------------------------- MODULE InstFair ----------------------------
(* The specification and its fairness come through INSTANCE: C!FairSpec *)
(* is Init /\ [][Next]_x /\ WF_x(Next) of module Counter.                *)
VARIABLE x
C == INSTANCE Counter
FairSpec == C!FairSpec
Spec == C!Spec
ReachesThree == C!ReachesThree
=============================================================================
