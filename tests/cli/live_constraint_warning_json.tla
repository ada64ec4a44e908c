\* tlc-rs check ../../specs/liveness/Counter.tla --config ../../specs/liveness/Counter_constraint.cfg --format json
The same in JSON: the warning is in the warnings array.
