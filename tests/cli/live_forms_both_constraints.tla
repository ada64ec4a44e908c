\* tlc-rs check ../../specs/liveness/Forms.tla --config ../../specs/liveness/Forms_both_constraints.cfg
CONSTRAINT and ACTION_CONSTRAINT with liveness: one warning naming both. TLC: exit 0, 1 distinct state (StartsAtZero cuts x = 1; the property holds vacuously), one warning.
