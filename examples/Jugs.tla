----------------------------- MODULE Jugs -----------------------------
(***************************************************************************)
(* The water-jug puzzle: with a 3-gallon and a 5-gallon jug, a tap and a   *)
(* sink, measure out exactly 4 gallons.  The invariant NotSolved claims    *)
(* that the big jug never holds 4 gallons; the model checker refutes it    *)
(* and its counterexample is a shortest solution of the puzzle.            *)
(***************************************************************************)
EXTENDS Naturals

VARIABLES small, big

TypeOK == /\ small \in 0 .. 3
          /\ big \in 0 .. 5

Min(m, n) == IF m < n THEN m ELSE n

Init == /\ small = 0
        /\ big = 0

FillSmall  == small' = 3 /\ big' = big
FillBig    == big' = 5 /\ small' = small
EmptySmall == small' = 0 /\ big' = big
EmptyBig   == big' = 0 /\ small' = small

SmallToBig == /\ big' = Min(big + small, 5)
              /\ small' = small - (big' - big)

BigToSmall == /\ small' = Min(big + small, 3)
              /\ big' = big - (small' - small)

Next == \/ FillSmall \/ FillBig
        \/ EmptySmall \/ EmptyBig
        \/ SmallToBig \/ BigToSmall

NotSolved == big /= 4
=============================================================================
