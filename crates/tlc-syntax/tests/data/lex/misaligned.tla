---- MODULE misaligned ----
\* the second bullet is one column left of the first: SANY closes the list and
\* reads an infix /\ (TLC accepts this as (/\ a) /\ b)
A == /\ a
    /\ b
\* a \/ at the column of a /\ list closes it too
B == /\ a
     \/ b
====
