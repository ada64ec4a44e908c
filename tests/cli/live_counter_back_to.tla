\* tlc-rs check ../../specs/liveness/Counter.tla --config ../../specs/liveness/Counter_eventually_always.cfg
Liveness: <>[](x = 3) is violated by the cycle 0 -> 1 -> 2 -> 3 -> back to state 1 (exit 13, TLC prints the same lasso).
