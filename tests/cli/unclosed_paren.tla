\* tlc-rs parse unclosed_paren.tla
---- MODULE unclosed_paren ----
EXTENDS Naturals
VARIABLE x
Init == x = (1 + 2
Next == x' = x + 1
====
