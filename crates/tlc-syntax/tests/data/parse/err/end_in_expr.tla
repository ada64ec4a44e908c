---- MODULE EndInExpr ----
A == 1 +
====
