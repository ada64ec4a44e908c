\* tlc-rs parse helper_module.tla
---- MODULE helper_module ----
Zero == 0
====
