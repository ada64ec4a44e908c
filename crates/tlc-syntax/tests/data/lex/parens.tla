---- MODULE parens ----
Bar == (/\ a
        /\ b) /\ c
Tup == <</\ a
         /\ b, c>>
Set == {/\ a
        /\ b}
====
