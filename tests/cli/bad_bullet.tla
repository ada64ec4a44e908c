\* tlc-rs parse bad_bullet.tla
---- MODULE bad_bullet ----
VARIABLES x, y
\* `y' starts left of the bullets' column, so it ends the list and is unexpected.
Init == /\ x = 1
       y = 2
====
