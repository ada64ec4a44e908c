\* tlc-rs check ../../specs/liveness/Forms.tla --config ../../specs/liveness/Forms_enabled_fair.cfg
TLC: exit 13, 3 distinct, <>[](~ENABLED Up) violated: lasso of 3 states, Back to state 1.
