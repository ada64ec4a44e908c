\* tlc-rs check ../../examples/Jugs.tla --format json
---- MODULE example_jugs_json ----
\* An invariant violation in JSON: the 7-state trace of example_jugs, as objects.
====
