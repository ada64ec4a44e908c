\* tlc-rs check check_eval_error_json.tla --format json
---- MODULE check_eval_error_json ----
\* x reaches 3, where <<1, 2>>[x] is outside the tuple's domain: TLC exits 75.
EXTENDS Naturals
VARIABLE x
Init == x = 1
Next == x' = x + 1 /\ <<1, 2>>[x] > 0
====
