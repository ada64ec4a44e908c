\* tlc-rs check ../../specs/liveness/Counter.tla --config ../../specs/liveness/Counter_constraint.cfg
A CONSTRAINT with liveness: exit 0 (2 states, as TLC) and a warning that properties can hold vacuously.
