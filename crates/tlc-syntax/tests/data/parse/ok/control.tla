---- MODULE Control ----
I1 == IF a THEN b ELSE c
I2 == IF a THEN b ELSE c + 1
I3 == (IF a THEN b ELSE c) + 1
I4 == IF a THEN IF b THEN c ELSE d ELSE e
C1 == CASE a -> 1 [] b -> 2
C2 == CASE a -> 1 [] b -> 2 [] OTHER -> 3
C3 == CASE a -> CASE b -> 1 [] c -> 2
C4 == CASE a -> (CASE b -> 1) [] c -> 2
C5 == CASE a -> IF b THEN 1 ELSE 2 [] OTHER -> 3
L1 == LET x == 1 IN x
L2 == LET x == 1
          f[i \in S] == i
          RECURSIVE R(_)
          R(n) == R(n)
          G(a) == a
          M == INSTANCE Inner
      IN x + G(2)
L3 == LET a + b == a IN 1 + 2
====
