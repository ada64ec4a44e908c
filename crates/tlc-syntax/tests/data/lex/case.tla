---- MODULE case ----
Case == CASE p -> /\ a
                  /\ b
          [] OTHER -> c
C2 == CASE p -> /\ a /\ b [] q -> c
C3 == /\ CASE p -> 1
           [] q -> 2
      /\ e
====
