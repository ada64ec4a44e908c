---- MODULE BulletColumn ----
E1 == /\ a
    /\ b
    \/ c
Good == 1
====
