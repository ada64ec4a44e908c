\* tlc-rs check action_order.tla
---- MODULE action_order ----
\* TLC's action split (Tool.getActions): `\E m \in msgs : Recv(m)` ranges over a
\* variable, so it stays ONE action named after the enclosing definition (Next), located
\* at the `\E`; `\E p \in {1, 2} : Two(p)` ranges over a constant set and is enumerated
\* value by value (Two(1) then Two(2), each split into its disjuncts); `Bump(x)` has a
\* state-level argument and is one action located at the call. TLC 2.15 (1 worker):
\* Inv violated at x = 1000 (not 200: Two(1)'s second disjunct comes before Two(2)'s
\* first) in 2 states; 6 states generated, 5 distinct (it stops at the violating
\* successor).
EXTENDS Naturals
VARIABLES x, msgs
Init == x = 0 /\ msgs = {1, 2}
Recv(m) == \/ m = 1 /\ x' = x + m /\ UNCHANGED msgs
           \/ m = 2 /\ x' = x + 10 /\ UNCHANGED msgs
Two(p) == \/ x' = x + 100 * p /\ UNCHANGED msgs
          \/ x' = x + 1000 * p /\ UNCHANGED msgs
Bump(k) == x' = x + k /\ UNCHANGED msgs
Next == \/ \E m \in msgs : Recv(m)
        \/ Bump(x)
        \/ \E p \in {1, 2} : Two(p)
Inv == x \notin {11, 200, 1000}
====
