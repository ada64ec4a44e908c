---- MODULE InstanceSubstSlots ----
\* Instance substitutions that bind variables (a LET, a quantifier) are evaluated in a
\* frame of their own (they used to clobber the slots of the definitions using them),
\* and a cfg assignment `Size = 2` replaces the root module's Size, not the instanced
\* module's own definition of that name (cf. EWD998ChanID's Node). TLC: 4 states.
EXTENDS Naturals, FiniteSets
CONSTANT Size
VARIABLE x
I == INSTANCE Sub WITH v <- LET s == {k \in 0..Size : k > 0} IN x + Cardinality(s),
                       w <- \E k \in {x} : k < 3
Init == x = 0
Next == /\ I!Ok(7)
        /\ x' = x + 1
====
---- MODULE Sub ----
EXTENDS Naturals, FiniteSets
CONSTANTS v, w
Size == 100
Ok(p) == \E q \in {p} : q = 7 /\ w /\ v = q - 7 + v /\ Size = 100
====
