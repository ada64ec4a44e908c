---------------------------- MODULE HourClockSpec ----------------------------
(* The abstract spec: an hour clock that keeps ticking (weak fairness).  *)
EXTENDS Naturals
VARIABLE hr

HInit == hr \in 1..12
HNext == hr' = IF hr = 12 THEN 1 ELSE hr + 1
HSpec == HInit /\ [][HNext]_hr /\ WF_hr(HNext)
=============================================================================
