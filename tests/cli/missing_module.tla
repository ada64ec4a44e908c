\* tlc-rs parse missing_module.tla
---- MODULE missing_module ----
EXTENDS Naturals, NoSuchModule
VARIABLE x
Init == x = 0
====
