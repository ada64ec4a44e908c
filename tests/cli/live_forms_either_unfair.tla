\* tlc-rs check ../../specs/liveness/Forms.tla --config ../../specs/liveness/Forms_either_unfair.cfg
TLC: exit 13, 3 distinct, 2 states then Stuttering at x = 1 (the same lasso).
