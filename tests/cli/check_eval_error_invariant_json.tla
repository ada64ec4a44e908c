\* tlc-rs check check_eval_error_invariant_json.tla --format json
---- MODULE check_eval_error_invariant_json ----
\* The invariant fails to evaluate (a string is not a number): TLC exits 76.
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = 1 - x
Inv == IF x = 1 THEN "a" < 2 ELSE TRUE
====
