---- MODULE Counter ----
EXTENDS Naturals
CONSTANT Max
VARIABLES x, y
vars == <<x, y>>
Inst == INSTANCE Inner WITH v <- x, Lim <- Max
Set(var, val) == var' = val
Init == x = 0 /\ y \in {0, 1}
IncX == x < Max /\ Set(x, x + 1) /\ UNCHANGED y
Flip == \A i \in {1} : y' = 1 - y /\ UNCHANGED <<x>>
Next == IncX \/ Flip \/ Inst!Reset(y)
====
---- MODULE Inner ----
CONSTANT Lim
VARIABLE v
Reset(other) == v = Lim /\ v' = 0 /\ other' = other
====
