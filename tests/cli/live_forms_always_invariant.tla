\* tlc-rs check ../../specs/liveness/Forms.tla --config ../../specs/liveness/Forms_always_invariant.cfg
TLC: exit 12, 3 distinct states, Invariant AlwaysBelowTwo violated, 3-state trace ([]P is checked as an invariant).
