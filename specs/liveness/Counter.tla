---------------------------- MODULE Counter ----------------------------
(* A counter that climbs from 0 to 3 and wraps around: one property of   *)
(* each temporal form, checked with and without weak fairness.           *)
EXTENDS Naturals
VARIABLE x

Init == x = 0
Inc == x < 3 /\ x' = x + 1
Wrap == x = 3 /\ x' = 0
Next == Inc \/ Wrap

Spec == Init /\ [][Next]_x
FairSpec == Spec /\ WF_x(Next)

ReachesThree == <>(x = 3)
InfinitelyOftenZero == []<>(x = 0)
ZeroLeadsToThree == (x = 0) ~> (x = 3)
StaysAtThree == <>[](x = 3)
AllReached == \A n \in 0..3 : <>(x = n)
StartsAtZero == x = 0
Trivial == \A n \in {} : <>(x = n)
BelowTwo == x < 2
=============================================================================
