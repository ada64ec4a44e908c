\* tlc-rs parse unknown_cfg_keyword.tla
---- MODULE unknown_cfg_keyword ----
VARIABLE x
Init == x = 0
Next == x' = x
Inv == x = 0
====
