---- MODULE LetInstance ----
\* INSTANCE inside LET (plain and parameterized, substituting bound variables and
\* variables), and operators passed through operator parameters (TLC: 6 distinct states).
EXTENDS Naturals
VARIABLE x
Apply(F(_), v) == F(v)
Wrap(G(_), v) == Apply(G, v)
Init == x = 0
Next == /\ x < 4
        /\ \E k \in {1, 2} :
              LET C == INSTANCE Step WITH c <- x, d <- k
                  P(q) == INSTANCE Step WITH c <- q, d <- 0
              IN /\ C!Bump
                 /\ P(x + 10)!Val = x + 10
                 /\ Wrap(C!Plus, 0) = x + k
====
---- MODULE Step ----
EXTENDS Naturals
CONSTANT d
VARIABLE c
Val == c
Plus(v) == v + c + d
Bump == c' = c + d
====
