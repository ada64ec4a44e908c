\* tlc-rs check ../../specs/liveness/InstFair.tla --config ../../specs/liveness/InstFair_fair.cfg
Fairness through INSTANCE in the SPECIFICATION. TLC: exit 0, 4 distinct states.
