\* tlc-rs check missing_config.tla --config no_such.cfg --format json
---- MODULE missing_config ----
VARIABLE x
Init == x = 0
Next == x' = x
====
