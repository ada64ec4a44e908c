Text before the module is ignored.
---------------------------- MODULE Units ----------------------------
EXTENDS Naturals, Sequences
CONSTANTS N, F(_, _), _ \prec _, -. _, _ ^+
CONSTANT Single
VARIABLES x, y
VARIABLE z
ASSUME N \in Nat
ASSUMPTION Pos == N > 0
-----------------------------------------------------------------------
Plain == 1
Op(a, b) == a + b
a \oplus b == a * b
-. a == 0 - a
a ^+ == a
HigherOrder(G(_), v, _ \prec _) == G(v)
f[i \in Nat, j \in Nat] == i + j
g[<<i, j>> \in Nat \X Nat] == i
LOCAL Hidden == 2
LOCAL h[i \in 1..3] == i
RECURSIVE Fact(_), Other
Fact(n) == IF n = 0 THEN 1 ELSE n * Fact(n - 1)
INSTANCE Naturals
LOCAL INSTANCE Sequences
Inst == INSTANCE Inner WITH c <- 1, \oplus <- Op
PInst(p) == INSTANCE Inner WITH c <- p
LOCAL LInst == INSTANCE Inner
  ---- MODULE Inner ----
  CONSTANT c
  Val == c
  ====
=======================================================================
Text after the module is ignored.
