\* tlc-rs check quantifier_order.tla
---- MODULE quantifier_order ----
\* TLC binds `\E i, j \in S` like an odometer whose FIRST variable turns fastest
\* (ContextEnumerator): successors x = 11, 21, 12, 22. TLC 2.15 (1 worker) stops at
\* x = 21, the second successor: 3 states generated, 3 distinct, 1 left on queue.
EXTENDS Naturals
VARIABLES x
Init == x = 0
Next == \E i, j \in {1, 2} : x' = 10 * i + j
Inv == x /= 21
====
