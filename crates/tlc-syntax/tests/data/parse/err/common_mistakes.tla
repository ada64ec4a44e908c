---- MODULE CommonMistakes ----
VARIABLE x
Init = x = 0
Next == x' = x + 1 /\
Spec == Init /\ [][Next]_x
Bad == IF x THEN 1
Bad2 == \A x \in S P
Bad3 == [x \in S -> 1]
Bad4 == CASE x -> 1 [] OTHER
Good == 1
====
