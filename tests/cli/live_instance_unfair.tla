\* tlc-rs check ../../specs/liveness/InstFair.tla --config ../../specs/liveness/InstFair_unfair.cfg
The instance's spec without fairness. TLC: exit 13, 4 distinct, 0 -> 1 -> 2 then Stuttering (3 states); tlc-rs stutters at 0 (1 state, shortest).
