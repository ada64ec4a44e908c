\* tlc-rs check ../../specs/liveness/Forms.tla --config ../../specs/liveness/Forms_exists_forever.cfg
TLC: exit 13, 3 distinct states, \E n : <>[](x = n): lasso of 3 states, Back to state 1.
