\* tlc-rs check ../../specs/liveness/Forms.tla --config ../../specs/liveness/Forms_init_predicate.cfg
TLC: exit 13, property StartsAtOne violated by the initial state (TLC prints no counts).
