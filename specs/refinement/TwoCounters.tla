---------------------------- MODULE TwoCounters ----------------------------
(* Two counters x and y refine Sum with n <- (x + y) % M (the definition  *)
(* n below, substituted by name as EWD998PCal does): the mapping          *)
(* collapses many concrete states (and steps) onto one abstract state.    *)
(* Unless (2B + 1) % M = 0, the Reset step from (B, B) back to (0, 0)     *)
(* breaks the refinement, and only that step: its target (0, 0) has been  *)
(* seen before (as the initial state), and a memo that answered it from   *)
(* another state's or step's values would miss the violation.            *)
EXTENDS Naturals
CONSTANTS M, B
VARIABLES x, y
vars == <<x, y>>

Init == x = 0 /\ y = 0
IncX == x < B /\ x' = x + 1 /\ y' = y
IncY == y < B /\ y' = y + 1 /\ x' = x
\* Keeps x + y: a stuttering step of the abstract spec.
Swap == x # y /\ x' = y /\ y' = x
\* Back to (0, 0) from (B, B): a step of the abstract spec iff (2B + 1) % M = 0.
Reset == x = B /\ y = B /\ x' = 0 /\ y' = 0
Next == IncX \/ IncY \/ Swap \/ Reset
Spec == Init /\ [][Next]_vars

\* The refinement mapping: a state function, computed once per state by the memo.
n == (x + y) % M
S == INSTANCE Sum
Refines == S!SSpec
=============================================================================
