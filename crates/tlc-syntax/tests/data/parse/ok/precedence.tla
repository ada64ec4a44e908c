---- MODULE Precedence ----
P1 == a + b * c
P2 == a - b - c
P3 == -a^2
P4 == a \in S \cup T
P5 == x' = x + 1
P6 == ~a /\ b
P7 == a => b /\ c
P8 == -a + b
P9 == ~a = b
P10 == []P /\ Q
P11 == A \X B \X C
P12 == (A \X B) \X C
P13 == a + b - c
P14 == a - b + c
P15 == a /\ b /\ c
P16 == ENABLED A /\ B
P17 == SUBSET S \cup T
P18 == DOMAIN f \ {1}
P19 == a .. b + 1
P20 == f[x]' = f[x] + 1
P21 == r.a.b[1]
P22 == x^+ \cup y^*
P23 == [][Next]_vars /\ <>P ~> Q
P24 == A \cdot B
P25 == a <=> b => c
P26 == s \o t \o u
P27 == UNCHANGED <<x, y>> /\ x' = 1
P28 == a # b /\ a /= c /\ a <= b /\ a >= c /\ a < b /\ a > c
P29 == 1 :> 2 @@ 3 :> 4
P30 == - - a
P31 == A -+-> []B
P32 == x^# = y
P33 == a \X b \cup c
P34 == a % b * c
====
