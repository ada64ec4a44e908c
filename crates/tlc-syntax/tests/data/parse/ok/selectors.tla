---- MODULE Selectors ----
S1 == FoldSet(+, 0, set)
S2 == SortSeq(s, <)
S3 == ReduceSet(\cap, S, {})
S4 == Inv!2
S5 == Thm!:
S6 == a!2!1!(I)
S7 == Op!<<
S7b == Op!>>
S8 == M!Op!1
S11 == R!+(a, b) + R!\leq(a, b)
S12 == <(x, y) /\ \prec(a, b)
S9 == FoldSet(\/, FALSE, set)
S10 == Op(x, /\)
====
