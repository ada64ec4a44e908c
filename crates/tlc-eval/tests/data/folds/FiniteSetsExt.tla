---- MODULE FiniteSetsExt ----
\* Test stand-in for the community module: tlc-eval replaces these operators natively.
EXTENDS Integers, Folds
FoldSet(op(_,_), base, set) ==
  MapThenFoldSet(op, base, LAMBDA x : x, LAMBDA s : CHOOSE x \in s : TRUE, set)
Max(S) == CHOOSE x \in S : \A y \in S : x >= y
Min(S) == CHOOSE x \in S : \A y \in S : x =< y
====
