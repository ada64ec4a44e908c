---- MODULE Folds ----
\* Test stand-in for the community module: tlc-eval replaces this operator natively.
MapThenFoldSet(op(_,_), base, f(_), choose(_), S) ==
  LET g[s \in SUBSET S] == IF s = {} THEN base
                           ELSE LET x == choose(s) IN op(f(x), g[s \ {x}])
  IN g[S]
====
