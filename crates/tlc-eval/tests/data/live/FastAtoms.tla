---- MODULE FastAtoms ----
\* Atoms of the shapes the fast path takes (and a few it gives up on) must equal their
\* evaluation by the general evaluator, in both directions.
EXTENDS Integers
CONSTANT N
VARIABLES x, r, f, s
vars == <<x, r, f, s>>
Procs == 1..N
Init == x = -2 /\ r = [a |-> 0, c |-> "u"] /\ f = [p \in Procs |-> 0] /\ s = "u"
Up == x < 3 /\ x' = x + 1 /\ UNCHANGED <<r, f, s>>
Down == x > -2 /\ x' = x - 2 /\ UNCHANGED <<r, f, s>>
Bump(p) == f' = [f EXCEPT ![p] = (@ + x) % 3] /\ UNCHANGED <<x, r, s>>
Rec == /\ r' = [r EXCEPT !.a = (@ + 1) % 2, !.c = s]
       /\ s' = IF s = "u" THEN "v" ELSE "u"
       /\ UNCHANGED <<x, f>>
Next == Up \/ Down \/ (\E p \in Procs : Bump(p)) \/ Rec
Spec == Init /\ [][Next]_vars /\ WF_vars(Up) /\ \A p \in Procs : WF_f(Bump(p))
Total == x + r.a
Sign == IF x < 0 THEN -1 ELSE IF x = 0 THEN 0 ELSE 1
P1 == []<>(Total >= 2)
P2 == \A p \in Procs : []<>(f[p] = 0 \/ f[p] # x % 3)
P3 == (x = -2) ~> (Sign = 1 /\ r.c = "v")
P4 == []<>(x' > x) \/ <>[](x \div 2 = -1)
P5 == []<>((s' # s) <=> (r.c' = s))
P6 == <>[](f[1] \in {0, 1})
P7 == []<>(~(x = 3) => x' - x = 1)
====
