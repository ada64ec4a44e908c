---- MODULE SequencesExt ----
\* Test stand-in for the community module: tlc-eval replaces the folds natively.
EXTENDS Sequences, FiniteSetsExt, Functions
FoldSeq(op(_,_), base, seq) == FoldFunction(op, base, seq)
FoldLeft(op(_,_), base, seq) ==
  MapThenFoldSet(LAMBDA x, y : op(y, x), base, LAMBDA i : seq[i], LAMBDA S : Max(S), DOMAIN seq)
FoldRight(op(_,_), seq, base) ==
  MapThenFoldSet(op, base, LAMBDA i : seq[i], LAMBDA S : Min(S), DOMAIN seq)
====
