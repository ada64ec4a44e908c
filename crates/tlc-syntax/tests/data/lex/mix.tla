---- MODULE mix ----
Mix == /\ a
       /\ \/ b
          \/ c
       /\ d
====
