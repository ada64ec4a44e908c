--------------------------- MODULE FastPredsBad ---------------------------
(* Action properties that fail to evaluate on some steps: the fast path must leave the *)
(* error to the evaluator (tlc-eval's tests/step_memo.rs).                             *)
EXTENDS FastPreds

ModZero == [][x' % (x - x) = 0]_x
NoField == [][r.zz' = 1]_r
NotInDomain == [][f[x + 9]' = 1]_f
NotANumber == [][x' + s = 1]_x
DivZero == [][x' \div (x - x) = 0]_x
Mixed == [][(x' > x) = x']_x
=============================================================================
