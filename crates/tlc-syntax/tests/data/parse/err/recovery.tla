---- MODULE Recovery ----
Before == 1
Broken == IF a THEN b
After1 == 2
Broken2 == [a |-> ]
After2 == 3
Broken3 == {x \in S : }
After3 == 4
====
