---- MODULE EofInExpr ----
A == 1 +
