------------------------------- MODULE Sum -------------------------------
(* The abstract spec: a counter that steps up by one (mod M) or stays.   *)
EXTENDS Naturals
CONSTANT M
VARIABLE n

SInit == n = 0
SNext == n' = (n + 1) % M
SSpec == SInit /\ [][SNext]_n
=============================================================================
