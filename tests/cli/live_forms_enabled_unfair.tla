\* tlc-rs check ../../specs/liveness/Forms.tla --config ../../specs/liveness/Forms_enabled_unfair.cfg
TLC: exit 13, 3 distinct, 2 states then Stuttering; tlc-rs stutters at the initial state (1 state).
