------------------------------- MODULE Steps -------------------------------
(* Refinement through an abstract action with several sub-actions: tlc-rs  *)
(* tries first the sub-action that held last for the same concrete action  *)
(* (prophint.rs). With BUG, IncX at x = 2, y = 2 moves a by 2, which no    *)
(* sub-action allows, although IncX matched Up on every earlier step: the  *)
(* violation must still be found. TLC 2.15: without BUG no error, 12       *)
(* distinct states; with BUG the action property is violated after 6       *)
(* states (CLI cases refine_steps and refine_steps_violated).                                *)
EXTENDS Naturals
CONSTANT BUG
VARIABLES x, y
vars == <<x, y>>
Init == x = 0 /\ y = 0
IncX == x < 3 /\ x' = x + (IF BUG /\ x = 2 /\ y = 2 THEN 2 ELSE 1) /\ y' = y
DecX == x > 0 /\ x' = x - 1 /\ UNCHANGED y
Big == y < 2 /\ y' = y + 1 /\ UNCHANGED x
Next == IncX \/ DecX \/ Big
Spec == Init /\ [][Next]_vars
a == x + 10 * y
A == INSTANCE AbsSteps
Refines == A!ASpec
=============================================================================
