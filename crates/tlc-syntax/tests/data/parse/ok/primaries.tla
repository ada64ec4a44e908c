---- MODULE Primaries ----
N1 == 42
N2 == \b101 + \o17 + \hFF
N3 == 1.5
S1 == "a string with \"escapes\""
B1 == TRUE \/ FALSE
B2 == BOOLEAN
Q1 == M!Op
Q2 == N(1)!Op(2)
Q3 == M!N!Op
Q4 == Op(a, b)
Sets1 == {}
Sets2 == {1, 2, 3}
Sets3 == {x \in S : x > 1}
Sets4 == {<<x, y>> \in S \X T : x = y}
Sets5 == {x + y : x \in S, y, z \in T}
Sets6 == {x \in S}
Sets7 == {f[x] : <<x, y>> \in S}
F1 == [x \in S, y \in T |-> x + y]
F2 == [S -> T]
F3 == [a |-> 1, b |-> 2]
F4 == [a : S, b : T]
F5 == [f EXCEPT ![i] = e, !.a.b[j] = @ + 1, ![i, j] = e]
F6 == [x, y \in S |-> x]
F7 == f[a, b]
F8 == [<<a, b>> \in S |-> a]
T1 == <<a, b>>
T2 == <<>>
A1 == [A]_v
A2 == <<A>>_v
A3 == WF_v(A) /\ SF_vars(Next)
A4 == WF_<<x, y>>(A)
A5 == [A]_<<x, y>>
A6 == SF_(x)(A)
====
