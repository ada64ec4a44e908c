---------------------------- MODULE Clock ----------------------------
(***************************************************************************)
(* A digital clock that shows hours and minutes.  Every step advances the  *)
(* clock by one minute; after the last minute of the last hour it wraps    *)
(* around to 0:00.  Every reachable state is a valid time, so checking     *)
(* passes: the state space is exactly Hours * Minutes states.              *)
(***************************************************************************)
EXTENDS Naturals

CONSTANTS Hours, Minutes

ASSUME Hours \in Nat \ {0} /\ Minutes \in Nat \ {0}

VARIABLES hr, min

vars == <<hr, min>>

TypeOK == /\ hr \in 0 .. Hours - 1
          /\ min \in 0 .. Minutes - 1

Init == /\ hr = 0
        /\ min = 0

Tick == /\ min' = (min + 1) % Minutes
        /\ hr' = IF min = Minutes - 1 THEN (hr + 1) % Hours ELSE hr

Spec == Init /\ [][Tick]_vars
=============================================================================
