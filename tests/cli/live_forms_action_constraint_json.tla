\* tlc-rs check ../../specs/liveness/Forms.tla --config ../../specs/liveness/Forms_action_constraint.cfg --format json
The same in JSON: the ACTION_CONSTRAINT warning is in the warnings array, not on stderr.
