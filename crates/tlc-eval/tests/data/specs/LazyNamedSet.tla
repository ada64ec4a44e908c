---- MODULE LazyNamedSet ----
\* Membership in a set filter over an infinite set, defined by name (TLC: 4 states).
EXTENDS Naturals
VARIABLE x
Even == {n \in Nat : n % 2 = 0}
Big == Even \ (0..2)
Init == x = 0
Next == x < 6 /\ x' = x + 2 /\ x' \in Even /\ (x' > 2 => x' \in Big)
Inv == x \in Even /\ LET E == Even IN x \in E
====
