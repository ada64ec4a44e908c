---- MODULE init_next ----
Init == /\ x = 0
        /\ y \in {1,2}
        /\ \/ z = 1
           \/ z = 2
Next == \/ /\ a
           /\ b
        \/ c
====
