\* tlc-rs check ../../specs/liveness/Forms.tla --config ../../specs/liveness/Forms_eventually_always.cfg
TLC: exit 13, 3 distinct states, lasso of 3 states, Back to state 1.
