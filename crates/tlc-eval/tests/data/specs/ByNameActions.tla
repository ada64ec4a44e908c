---- MODULE ByNameActions ----
\* Actions passed as operator arguments: TLC substitutes arguments by name, so the
\* primed assignments of an argument assign where the parameter is used (also when the
\* parameter is passed on, used in UNCHANGED or ENABLED, or primed). TLC: 27 distinct states,
\* 78 generated.
EXTENDS Naturals
VARIABLES x, y, z

NoChange(A, v) == A /\ UNCHANGED v
Guarded(A) == x < 4 /\ A
Twice(A) == Guarded(NoChange(A, z))
Apply(A, F(_)) == A /\ z' = F(z)
Bumped(e) == e' = e + 1
Keep(t, A) == UNCHANGED t /\ A
En(A) == ENABLED A

Init == x = 0 /\ y = 0 /\ z = 0
Next ==
  \/ Twice(x' = x + 1 /\ y' = y)
  \/ Guarded(Apply(\E v \in 0..1 : x' = x + 1 /\ y' = (y + v) % 3, LAMBDA n : (n + 1) % 2))
  \/ Guarded(Keep(<<x, z>>, y' \in 0..2 /\ Bumped(x + y)))
Inv == En(Guarded(x' = x + 1)) = (x < 4)
====
