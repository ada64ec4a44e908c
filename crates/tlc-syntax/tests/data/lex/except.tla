---- MODULE except ----
f == /\ x' = [x EXCEPT ![1] = /\ a
                              /\ b]
     /\ UNCHANGED y
g == [x EXCEPT ![1] = /\ a
                      /\ b, ![2] = c]
====
