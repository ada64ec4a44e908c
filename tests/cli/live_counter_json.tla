\* tlc-rs check ../../specs/liveness/Counter.tla --config ../../specs/liveness/Counter_eventually_always.cfg --format json
Liveness in JSON: trace + loop_index, result property_violated.
