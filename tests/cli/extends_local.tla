\* tlc-rs parse extends_local.tla --dump ast
---- MODULE extends_local ----
EXTENDS Naturals, helper_module
VARIABLE x
Init == x = Zero
====
