---------------------------- MODULE Forms ----------------------------
(* A counter 0 -> 1 -> 2 -> 0: one property per temporal form the CLI   *)
(* checks (state predicate, [], <>, []<>, <>[], ~>, their conjunctions, *)
(* disjunctions and quantifiers, [][A]_v, ENABLED), with and without     *)
(* weak fairness. Each Forms_*.cfg is compared with TLC.                 *)
EXTENDS Naturals
VARIABLE x

Init == x = 0
Up == x < 2 /\ x' = x + 1
Reset == x = 2 /\ x' = 0
Next == Up \/ Reset

Spec == Init /\ [][Next]_x
FairSpec == Spec /\ WF_x(Next)

AlwaysBelowTwo == [](x < 2)
AlwaysBelowThree == [](x < 3)
EventuallyTwo == <>(x = 2)
InfinitelyOftenTwo == []<>(x = 2)
SettlesAtZero == <>[](x = 0)
OneLeadsToZero == (x = 1) ~> (x = 0)
Both == <>(x = 2) /\ [](x < 3)
Either == []<>(x = 2) \/ <>[](x = 0)
EveryValueOften == \A n \in 0..2 : []<>(x = n)
SomeValueForever == \E n \in 0..2 : <>[](x = n)
StepsUpOrReset == [][Up \/ Reset]_x
OnlyUp == [][Up]_x
ResetOftenEnabled == []<>(ENABLED Reset)
UpEventuallyDisabled == <>[](~ENABLED Up)
StartsAtZero == x = 0
StartsAtOne == x = 1
NoReset == ~(x = 2 /\ x' = 0)
=============================================================================
