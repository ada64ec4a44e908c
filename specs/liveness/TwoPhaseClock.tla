---------------------------- MODULE TwoPhaseClock ----------------------------
(* An implementation that needs two steps per hour. It refines           *)
(* HourClockSpec (hr <- h) when it is weakly fair, not otherwise.        *)
EXTENDS Naturals
VARIABLES h, tick
vars == <<h, tick>>

Init == h = 1 /\ tick = 0
Prepare == tick = 0 /\ tick' = 1 /\ UNCHANGED h
Advance == tick = 1 /\ tick' = 0 /\ h' = IF h = 12 THEN 1 ELSE h + 1
Next == Prepare \/ Advance

Spec == Init /\ [][Next]_vars /\ WF_vars(Next)
LazySpec == Init /\ [][Next]_vars

H == INSTANCE HourClockSpec WITH hr <- h
Refines == H!HSpec
=============================================================================
