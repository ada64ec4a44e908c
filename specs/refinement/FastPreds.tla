---------------------------- MODULE FastPreds ----------------------------
(* Action properties of the shapes the fast path takes (integer arithmetic, comparisons, *)
(* records, functions, strings, IF, UNCHANGED of tuples, inlined definitions) and some it *)
(* gives up on, checked step by step against the plain evaluation (tlc-eval's            *)
(* tests/step_memo.rs).                                                                  *)
EXTENDS Integers

VARIABLES x, r, f, b, s

vars == <<x, r, f, b, s>>

Init ==
    /\ x = -3
    /\ r = [a |-> 0, c |-> "u"]
    /\ f = [i \in 1..3 |-> i]
    /\ b = FALSE
    /\ s = "u"

Next ==
    \/ /\ x < 4
       /\ x' = x + 1
       /\ UNCHANGED <<r, f, b, s>>
    \/ /\ r' = [r EXCEPT !.a = (@ + x) % 3]
       /\ UNCHANGED <<x, f, b, s>>
    \/ /\ f' = [f EXCEPT ![1 + (x % 3)] = x]
       /\ b' = ~b
       /\ UNCHANGED <<x, r, s>>
    \/ /\ s' = IF s = "u" THEN "v" ELSE "u"
       /\ r' = [r EXCEPT !.c = s']
       /\ UNCHANGED <<x, f, b>>

Sum == x + r.a
Half(n) == n \div 2

SumBounded == [][Sum' >= Sum - 10]_vars
StepOne == [][x' > x => x' - x = 1]_x
Halves == [][(x' \div 2) <= (x \div 2) + 1 /\ x % 2 \in {0, 1}]_vars
HalvesOp == [][Half(x') <= Half(x) + 1]_vars
FirstOrFlip == [][f[1]' = f[1] \/ b' # b]_f
Negated == [][IF b THEN -x' <= -x + 5 ELSE TRUE]_vars
FieldCopy == [][r.c' = s' \/ UNCHANGED r]_<<r, s>>
Strings == [][(s' = "u") <=> (s # "u")]_s
Bools == [][(b' = ~b) \/ (b' = b)]_vars
ModNeg == [][(x' % 3) - (-x % 4) < 9]_vars
Small == [][x' < 2]_x
FuncEq == [][f' = f \/ f'[1 + (x % 3)] = x]_<<f, x>>
=============================================================================
