\* tlc-rs check ../../specs/liveness/Forms.tla --config ../../specs/liveness/Forms_infinitely_often_unfair.cfg
TLC: exit 13, 3 distinct, 2 states then Stuttering; tlc-rs stutters at the initial state (1 state): TLC's lassos are not shortest.
