\* tlc-rs check ../../specs/liveness/Forms.tla --config ../../specs/liveness/Forms_action_constraint.cfg
TLC: exit 0, 3 distinct, with a warning about constraints and liveness.
